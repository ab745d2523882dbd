"""The json target: the whole resolved ladder as one lossless JSON document.

`json/ladder.json` validates against the published `schemas/export.schema.json`. Derived bands
are included and marked `"derived": true`; implied promotions are included and marked
`"implied": true`, so a consumer never has to re-implement the ladder's rules. A band the ladder
does not publish (`policy.pay: optional`) is absent from `bands`, its zone listed in the level's
`unpublished`. Text is verbatim: JSON is read by programs, not evaluated by spreadsheets.

The document is encoded by orjson (the standard library's indenting encoder runs in pure Python:
most of this target's time at a thousand families). Its output is the standard library's
`indent=2, sort_keys=True, ensure_ascii=False` byte for byte, except that it spells small floats
out (`0.00001`, not `1e-05`: the same number). orjson refuses what it cannot encode exactly,
such as integers beyond 64 bits (derived through a chain of zones, with P001 turned off); such a
document is encoded by the standard library instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from ladderc.diagnostics import Diagnostic
from ladderc.export import Settings, register
from ladderc.export.rows import amount, frequency, ordered_levels, ordered_transitions, total_pay
from ladderc.model import Ladder
from ladderc.output import write_bytes

EXPORT_FORMAT = 1
# Compatible additions within EXPORT_FORMAT: 1.1 adds variable pay, equity, on-target totals, the
# origin of each band, `parity_measures`, `variable_range`, `grade_factors` and `pay_formula`.
EXPORT_VERSION = "1.1"
SCHEMA_URI = "https://ladderc.dev/schemas/export.schema.json"


@register("json", "the whole resolved ladder, lossless, with derived bands marked (schemas/export.schema.json)",
          cost=0.25)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    write_bytes(directory / "ladder.json", encode(document(ladder)))
    return []


def encode(doc: dict | list, newline: bool = True) -> bytes:
    """The document as indented UTF-8 JSON with sorted keys, and a final newline unless `newline` is false."""
    option = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | (orjson.OPT_APPEND_NEWLINE if newline else 0)
    try:
        return orjson.dumps(doc, option=option)
    except orjson.JSONEncodeError:  # a TypeError: an amount beyond 64 bits, say
        text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
        return (text + "\n" if newline else text).encode("utf-8")


def without_pay(doc: dict) -> dict:
    """`document` with every band, amount, variable pay, equity, pay formula and pay setting left out (the
    site's --no-pay), for people, not imports."""
    pay_settings = ("parity_tolerance", "range_spread", "midpoint_progression", "variable_range")
    return doc | {
        "zones": [zone | {"derive": None} for zone in doc["zones"]],
        "grade_factors": {},
        "families": [family | {"pay_formula": None} for family in doc["families"]],
        "levels": [level | {"bands": {}, "unpublished": [], "variable": None, "equity": {}} for level in doc["levels"]],
        "policy": {key: value for key, value in doc["policy"].items() if key not in pay_settings},
    }


def document(ladder: Ladder) -> dict:
    org = ladder.organisation
    totals = total_pay(ladder)
    unpublished: dict[str, list[str]] = {}
    for level, zone in ladder.unpublished():
        unpublished.setdefault(level.id, []).append(zone)
    return {
        "$schema": SCHEMA_URI,
        "export_format": EXPORT_FORMAT,
        "export_version": EXPORT_VERSION,
        "grade_factors": {grade: float(f) for grade, f in ladder.grade_factors.items()},
        "ladder": ladder.name,
        "organisation": {"name": org.name, "effective": org.effective.isoformat(), "description": org.description},
        "grades": [g.id for g in ladder.grades],
        "tracks": [{"id": t.id, "name": t.name, "kind": t.kind, "description": t.description}
                   for t in ladder.tracks.values()],
        "zones": [{"id": z.id, "name": z.name, "currency": z.currency, "country": z.country, "description": z.description,
                   "derive": None if z.derive is None else {
                       "from": z.derive.source, "factor": z.derive.factor, "round": amount(z.derive.round)}}
                  for z in ladder.zones.values()],
        "competencies": [{"id": c.id, "name": c.name, "description": c.description, "tracks": list(c.tracks),
                          "families": list(c.families), "criterion": c.criterion}
                         for c in ladder.competencies.values()],
        "requirements": [{"id": r.id, "name": r.name, "description": r.description, "kind": r.kind}
                         for r in ladder.requirements.values()],
        "families": [{"id": f.id, "name": f.name, "description": f.description, "group": f.group,
                      "levels": list(f.levels), "pay_formula": _formula(f.pay_formula)}
                     for f in sorted(ladder.families.values(), key=lambda f: f.id)],
        "levels": [{
            "id": lv.id, "family": lv.family, "track": lv.track, "grade": lv.grade, "title": lv.title,
            "summary": lv.summary, "entry": lv.entry, "job_code": lv.job_code,
            "classification": {"flsa": lv.classification.flsa, "eeo1": lv.classification.eeo1,
                               "pay_rate": lv.classification.pay_rate},
            "expectations": dict(lv.expectations),
            "bands": {zone: _band(ladder, lv, zone, b, totals) for zone, b in lv.bands.items()},
            "variable": None if lv.variable is None else {
                "kind": lv.variable.kind, "target": float(lv.variable.target),
                "mix": None if lv.variable.mix is None else f"{lv.variable.mix[0]}/{lv.variable.mix[1]}"},
            "equity": {zone: {"amount": amount(e.amount), "currency": ladder.zones[zone].currency, "derived": e.derived}
                       for zone, e in lv.equity.items()},
            "unpublished": unpublished.get(lv.id, []),
        } for lv in ordered_levels(ladder)],
        "transitions": [{"from": t.source, "to": t.target, "kind": t.kind, "requires": list(t.requires),
                         "criteria": t.criteria, "implied": t.implied, "family": t.family,
                         "support": list(t.support), "trial": None if t.trial is None else {"months": t.trial.months}}
                        for t in ordered_transitions(ladder)],
        "policy": {
            "parity_tolerance": ladder.policy.parity_tolerance,
            "range_spread": {"min": ladder.policy.range_spread[0], "max": ladder.policy.range_spread[1]},
            "midpoint_progression": {"min": ladder.policy.midpoint_progression[0],
                                     "max": ladder.policy.midpoint_progression[1]},
            "pay": ladder.policy.pay,
            "hours_per_year": ladder.policy.hours_per_year,
            "pay_transparency": ladder.policy.pay_transparency,
            "posting_spread": ladder.policy.posting_spread,
            "gendered_terms": dict(sorted(ladder.policy.gendered_terms.items())),
            "neutral_terms": sorted(ladder.policy.neutral_terms),
            "parity_measures": list(ladder.policy.parity_measures),
            "variable_range": {track: {"min": low, "max": high}
                               for track, (low, high) in ladder.policy.variable_range.items()},
            "rules": dict(sorted(ladder.policy.rules.items())),
            "readiness": None if ladder.policy.readiness is None else {
                "into_management": [list(entry) for entry in ladder.policy.readiness.into_management]},
        },
    }


def _band(ladder: Ladder, level, zone: str, band, totals) -> dict:
    """A band with its origin, and for a level with variable pay or equity its variable pay and total per point."""
    out = {"min": amount(band.min), "mid": amount(band.mid), "max": amount(band.max),
           "currency": ladder.zones[zone].currency, "frequency": frequency(band), "derived": band.derived,
           "origin": band.origin}
    extra = totals.get((level.id, zone))
    if extra is not None:
        if level.variable is not None:
            out["variable"] = {"min": extra.variable_min, "mid": extra.variable_mid, "max": extra.variable_max}
        out["total"] = {"min": extra.total_min, "mid": extra.total_mid, "max": extra.total_max}
    return out


def _formula(formula) -> dict | None:
    if formula is None:
        return None
    return {"zone": formula["zone"], "benchmark": amount(formula["benchmark"]),
            "spread": {"min": formula["spread"]["min"], "max": formula["spread"]["max"]},
            "round": amount(formula.get("round", 1))}
