"""The imported ladder as YAML files: ladder.yaml and families/<id>.yaml, each saying where it came from.

PyYAML's safe_dump writes the data, in the format's own key order (not sorted: `id` before
`title` reads as the format reads), quoting what YAML would read as something else (a grade `5`
is written '5'), so the files reload to exactly the data built. No timestamp is written: one sheet
imports to the same bytes every time.
"""

from __future__ import annotations

import datetime

import yaml

from ladderc.importer.build import Built
from ladderc.model import OTHER_KIND

LADDER_FILE = "ladder.yaml"
FAMILY_DIR = "families"


def ladder_files(built: Built, name: str, effective: datetime.date, sources: str) -> dict[str, str]:
    """Relative path -> YAML text of every file of the imported ladder."""
    files = {LADDER_FILE: _ladder_header(built, sources) + dump(_ladder(built, name, effective))}
    for family, data in _families(built).items():
        info = built.families[family]
        rows = "; ".join(f"{table} rows {first}-{last}" for table, (first, last) in info["rows"].items())
        header = f"# Imported by `ladderc import` from {rows}.\n"
        files[f"{FAMILY_DIR}/{family}.yaml"] = header + dump(data)
    return files


class Flow(dict):
    """A mapping written on one line, as the format's examples write bands: {min: 1, mid: 2, max: 3}."""


class FlowList(list):
    """A list written on one line: grades: [G1, G2], requires: [a, b]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))
_Dumper.add_representer(FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


def dump(data: dict) -> str:
    """YAML that the safe loader reads back to `data` (Flow and FlowList reload as dict and list)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def _ladder_header(built: Built, sources: str) -> str:
    tracks = "; ".join(f"{ident} is {t['kind']} ({t['said']})" for ident, t in built.tracks.items())
    lines = [f"Imported by `ladderc import` from {sources}.",
             f"Tracks: {tracks}.",
             f"Grades, low to high, {built.grade_order}."]
    if built.pay_policy:
        lines.append(f"Pay: policy.pay is {built.pay_policy}, as the sheet has "
                     + ("no band columns." if built.pay_policy == "none" else "levels without a band in a zone."))
    untold = [z for z, info in built.zones.items() if info.get("assumed")]
    if untold:
        lines.append(f"Currency assumed (from --currency) for zone(s): {', '.join(untold)}.")
    return "".join(f"# {x}\n" for x in lines)


def _ladder(built: Built, name: str, effective: datetime.date) -> dict:
    data: dict = {"format": 1, "organisation": {"name": name, "effective": effective},
                  "grades": FlowList(built.grades),
                  "tracks": [{"id": i, "name": t["name"], "kind": t["kind"]} for i, t in built.tracks.items() if t],
                  "zones": [{"id": i, "name": z["name"], "currency": z["currency"]} for i, z in built.zones.items()]}
    if built.pay_policy == "none":
        del data["zones"]
    if built.competencies:
        data["competencies"] = [_competency(built, i, c) for i, c in built.competencies.items()]
    if built.requirements:
        data["requirements"] = [_requirement(r, built.requirement_info.get(r, {})) for r in built.requirements]
    if built.pay_policy:
        data["policy"] = {"pay": built.pay_policy}
    return data


def _competency(built: Built, ident: str, competency: dict) -> dict:
    """A competency as ladder.yaml lists it, scoped to the tracks and families that describe it
    when those are not all of them. One that no level describes gets `tracks: []` (it applies
    nowhere) and so needs no families."""
    item = {"id": ident, "name": competency["name"]}
    tracks, families = [i for i, t in built.tracks.items() if t], list(built.families)
    if not competency["tracks"] >= set(tracks):
        item["tracks"] = FlowList(i for i in tracks if i in competency["tracks"])
    if competency["families"] and not competency["families"] >= set(families):
        item["families"] = FlowList(i for i in families if i in competency["families"])
    return item


def _requirement(ident: str, info: dict) -> dict:
    """A requirement as ladder.yaml lists it; without a requirements table, named after its id."""
    item = {"id": ident, "name": info.get("name") or ident[:1].upper() + ident[1:].replace("-", " ")}
    if info.get("kind") and info["kind"] != OTHER_KIND:
        item["kind"] = info["kind"]
    if info.get("description"):
        item["description"] = info["description"]
    return item


def _in_order(built: Built, levels: list, rank: dict[str, int]) -> list:
    """The levels of a family in the sheet's order or, when the input lists the implied promotions
    (an export does), by track, grade and place on those chains: two levels of one track at one
    grade are chained in the order their family file lists them, so the file keeps that order."""
    if not built.implied:
        return levels
    step: dict[str, int] = {}
    for head in set(built.implied) - set(built.implied.values()):
        position, ident = 0, head
        while ident is not None and ident not in step:
            step[ident], position, ident = position, position + 1, built.implied.get(ident)
    tracks = list(built.tracks)
    return sorted(levels, key=lambda lv: (tracks.index(lv.track), rank[lv.grade], step.get(lv.id, 0)))


def _families(built: Built) -> dict[str, dict]:
    rank = {g: i for i, g in enumerate(built.grades)}
    lowest: dict[tuple[str, str], int] = {}
    for level in built.levels:
        key = (level.family, level.track)
        lowest[key] = min(lowest.get(key, rank[level.grade]), rank[level.grade])
    result = {}
    for family, info in built.families.items():
        levels = []
        for level in _in_order(built, [lv for lv in built.levels if lv.family == family], rank):
            item: dict = {"id": level.id, "track": level.track, "grade": level.grade, "title": level.title}
            if level.summary:
                item["summary"] = level.summary
            default = rank[level.grade] == lowest[(level.family, level.track)]
            if level.entry is not None and level.entry != default:
                item["entry"] = level.entry
            if level.job_code and level.job_code != level.id:  # the level id is the default job code
                item["job_code"] = level.job_code
            if level.classification:
                item["classification"] = Flow(level.classification.items())
            if level.expectations:
                item["expectations"] = dict(level.expectations)
            if level.pay:
                item["pay"] = {zone: Flow((part, band[part]) for part in ("min", "mid", "max") if part in band)
                               for zone, band in level.pay.items()}
            if level.variable:
                item["variable"] = Flow(level.variable.items())
            if level.equity:
                item["equity"] = Flow((zone, level.equity[zone]) for zone in built.zones if zone in level.equity)
            levels.append(item)
        data: dict = {"family": {"id": family, "name": info["name"]}, "levels": levels}
        moves = [_move(move) for source, move in built.transitions if source == family]
        if moves:
            data["transitions"] = moves
        result[family] = data
    return result


def _move(move: dict) -> dict:
    """A transition with its id lists on one line and its trial as a one-line mapping."""
    written = dict(move)
    for key in ("requires", "support"):
        if key in written:
            written[key] = FlowList(written[key])
    if "trial" in written:
        written["trial"] = Flow(written["trial"].items())
    return written
