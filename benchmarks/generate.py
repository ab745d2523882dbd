"""Write a synthetic dual-track ladder for benchmarks: `python benchmarks/generate.py OUT --families N --zones Z`.

The ladder has the example's shape: grades G1-G8, an IC track over all of them and a management
track from G4, expectations for every competency, bands in a reference zone with the other zones
mostly derived (one chain derives from a derived zone, every third zone is written), listed
promotions with criteria, and switches both ways. It passes every rule at the default policy, so
a timing measures checking, not reporting. Output is deterministic (same arguments, same bytes).
With `--variable`, every level also has a bonus (a target rising with grade, the same on both
tracks); `--variable equity` adds equity in each written zone, derived in the others. Parity and
no-pay-cut then compare the on-target total as well as base.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from ladderc.output import atomic_directory, write_text

GRADES = [f"G{g}" for g in range(1, 9)]
MGMT_FROM = 4  # management starts at G4, beside the IC level at the same grade
ZONES = [  # id, name, currency, factor against the reference zone
    ("us-tier1", "United States, tier 1", "USD", 1.0), ("us-tier2", "United States, tier 2", "USD", 0.9),
    ("uk", "United Kingdom", "GBP", 0.62), ("de", "Germany", "EUR", 0.68), ("fr", "France", "EUR", 0.64),
    ("nl", "Netherlands", "EUR", 0.66), ("ca", "Canada", "CAD", 0.92), ("au", "Australia", "AUD", 1.05),
]
COMPETENCIES = [("craft", None), ("impact", None), ("collaboration", None), ("influence", ["ic"]), ("people", ["mgmt"])]
READINESS = ["people-interest", "apprenticeship", "manager-training"]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # ladderc refuses anchors and aliases
        return True


def zones(count: int) -> list[dict]:
    result = []
    for i in range(count):
        zid, name, currency, _ = ZONES[i] if i < len(ZONES) else (f"zone-{i}", f"Zone {i}", "USD", 0.8)
        zone = {"id": zid, "name": name, "currency": currency}
        if i and i % 3 != 2:  # every third zone has written bands; the others are derived
            source = result[1]["id"] if i == 3 else result[0]["id"]  # zone 3 derives from a derived zone
            zone["derive"] = {"from": source, "factor": round(factor(i) / factor(ZONES.index(_find(source))), 4),
                              "round": 1000}
        result.append(zone)
    return result


def _find(zone_id: str):
    return next(z for z in ZONES if z[0] == zone_id)


def factor(i: int) -> float:
    return ZONES[i][3] if i < len(ZONES) else 0.8


def band(grade: int, family: int, zone: int) -> dict:
    """Midpoints rise 18% a grade; the spread is about 41%; each family sits a little higher or lower."""
    mid = 120000 * 1.18 ** (grade - 1) * (1 + (family % 5) * 0.04) * factor(zone)
    return {"min": round(mid * 0.83, -3), "mid": round(mid, -3), "max": round(mid * 1.17, -3)}


def family(n: int, zone_list: list[dict], variable: bool = False) -> dict:
    fid = f"f{n:04d}"
    written = [i for i, z in enumerate(zone_list) if "derive" not in z]
    levels, transitions = [], []
    for track, first in (("ic", 1), ("mgmt", MGMT_FROM)):
        for g in range(first, len(GRADES) + 1):
            levels.append({
                "id": f"{fid}-{track}{g}", "track": track, "grade": GRADES[g - 1],
                "title": f"{'Specialist' if track == 'ic' else 'Manager'} {g} of family {n}",
                "summary": f"Grade {g} on the {track} track.",
                "expectations": {c: f"What {c} looks like at grade {g} on the {track} track of family {n}."
                                 for c, tracks in COMPETENCIES if tracks is None or track in tracks},
                "pay": {zone_list[i]["id"]: {k: int(v) for k, v in band(g, n, i).items()} for i in written},
                **({"variable": {"kind": "bonus", "target": round(0.05 + 0.01 * g, 2)}} if variable else {}),
                **({"equity": {zone_list[i]["id"]: int(band(g, n, i)["mid"] // 10) for i in written}}
                   if variable == "equity" else {}),
            })
    transitions.append({"from": f"{fid}-ic3", "to": f"{fid}-ic4", "kind": "promotion",
                        "criteria": "Works at the next grade's scope for two quarters, reviewed by a panel."})
    for g in (MGMT_FROM, MGMT_FROM + 1):
        transitions.append({"from": f"{fid}-ic{g}", "to": f"{fid}-mgmt{g}", "kind": "switch", "requires": list(READINESS),
                            "criteria": "Led a team during the apprenticeship; the 360 review supports the move."})
    for g in range(MGMT_FROM, len(GRADES) + 1):
        transitions.append({"from": f"{fid}-mgmt{g}", "to": f"{fid}-ic{g}", "kind": "switch",
                            "criteria": "Any time, at no loss of pay."})
    return {"family": {"id": fid, "name": f"Family {n}"}, "levels": levels, "transitions": transitions}


def ladder(zone_list: list[dict]) -> dict:
    return {
        "format": 1,
        "organisation": {"name": "Synthetic Co", "effective": "2026-01-01"},
        "grades": GRADES,
        "tracks": [{"id": "ic", "name": "Individual contributor", "kind": "individual"},
                   {"id": "mgmt", "name": "Management", "kind": "management"}],
        "zones": zone_list,
        "competencies": [{"id": c, "name": c.title(), **({"tracks": t} if t else {})} for c, t in COMPETENCIES],
        "requirements": [{"id": r, "name": r.replace("-", " ").capitalize()} for r in READINESS],
    }


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the ladder directory to write (replaced if it exists)")
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--zones", type=int, default=3)
    parser.add_argument("--variable", nargs="?", const="bonus", choices=("bonus", "equity"), default=None,
                        help="give every level a bonus (--variable equity: and equity)")
    args = parser.parse_args(argv)
    if args.families < 1 or args.zones < 1:
        parser.error("--families and --zones must be at least 1")
    zone_list = zones(args.zones)
    with atomic_directory(args.out, "generated ladder") as work:
        write_text(work / "ladder.yaml", dump(ladder(zone_list)))
        for n in range(1, args.families + 1):
            write_text(work / "families" / f"f{n:04d}.yaml", dump(family(n, zone_list, args.variable)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
