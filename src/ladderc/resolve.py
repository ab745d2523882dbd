"""Resolution: schema-valid documents (`ladderc.raw`) to the `Ladder` model, in stages.

Each stage takes typed input and returns its product with the findings it made:
organisation, grades and tracks → zones (derivation order, R003 on a cycle) → competencies and
requirements → policy and grade factors → families and levels (`ladderc.levels`: bands written,
by formula or derived; variable pay and equity) → transitions. References resolve with R001 (and a
did-you-mean), duplicate ids are R002 (also when they differ only by case).

A stage whose input already holds errors still checks what it reads but builds nothing from it:
the derivation order is not looked for, levels are not built, and findings that only follow from
an earlier mistake are not made.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from ladderc.diagnostics import Diagnostic
from ladderc.levels import Context, FamiliesStage, LevelMemo, Memo
from ladderc.loader import Document
from ladderc.model import (
    BASE,
    MAX_TARGET,
    OTHER_KIND,
    TOTAL,
    Competency,
    Derivation,
    Grade,
    Ladder,
    Organisation,
    Policy,
    ReadinessPolicy,
    Requirement,
    Track,
    Zone,
)
from ladderc.raw import LadderFile, RawBounds, family_file, ladder_file
from ladderc.references import duplicates, rule_settings, unknown
from ladderc.stage_rules import DERIVATION_CYCLE, SCHEMA
from ladderc.transitions import transitions

T = TypeVar("T")


@dataclass
class RawLadder:
    """What was written: the ladder's documents, schema-valid, with their positions."""

    root: Path
    ladder: Document
    families: list[Document]
    # Git blob ids of the ladder file and of each family file, and a memo of levels resolved from
    # them (`ParseCache.levels`, also keyed by the family file's name, which positions carry): a level
    # of an unchanged family under an unchanged ladder.yaml is the same level, so a diff resolves it
    # once for both sides.
    blobs: tuple[str | None, tuple[str | None, ...]] | None = None
    memo: LevelMemo | None = None


def resolve(raw: RawLadder) -> tuple[Ladder | None, list[Diagnostic]]:
    """The ladder `raw` describes, or None when it has errors; the findings, sorted."""
    doc, written = raw.ladder, ladder_file(raw.ladder.data)
    family_ids = tuple(dict.fromkeys(family_file(f.data)["family"]["id"] for f in raw.families))
    found: list[Diagnostic] = []

    def keep(product: tuple[T, list[Diagnostic]]) -> T:
        """A stage's value; its findings join the others."""
        found.extend(product[1])
        return product[0]

    organisation = _organisation(doc, written)
    grades = keep(_grades(doc, written))
    tracks = keep(_tracks(doc, written))
    zones, order = keep(_zones(doc, written, settled=not found))
    competencies = keep(_competencies(doc, written, tracks, family_ids))
    requirements = keep(_requirements(doc, written))
    policy = keep(_policy(doc, written, tracks))
    grade_index = {g.id: g.index for g in grades}
    factors = keep(_grade_factors(doc, written, grade_index))
    context = Context(grade_index, tracks, zones, order, competencies, requirements, factors, policy.publishes_pay)
    resolved = keep(FamiliesStage(context, raw.families, _memo(raw), resolving=not found).run())
    moves = keep(transitions(raw.families, resolved, requirements))
    if found:
        return None, sorted(found, key=lambda x: x.sort_key)
    if "parity_measures" not in (written.get("policy") or {}):  # the default follows what the ladder pays
        beyond = any(level.earns_beyond_base for level in resolved.levels.values())
        policy = replace(policy, parity_measures=(BASE, TOTAL) if beyond else (BASE,))
    return Ladder(raw.root, organisation, grades, tracks, zones, competencies, requirements, resolved.families,
                  resolved.levels, moves, policy, factors), []


def _memo(raw: RawLadder) -> list[Memo | None]:
    """Per family file, the memo and the key its levels are remembered under (None: not remembered)."""
    ladder, blobs = raw.blobs or (None, ())
    if raw.memo is None or ladder is None:
        return [None] * len(raw.families)
    return [None if blob is None else (raw.memo, (ladder, blob, doc.file))
            for doc, blob in zip(raw.families, blobs, strict=False)]


def _organisation(doc: Document, written: LadderFile) -> Organisation:
    org = written["organisation"]
    return Organisation(org["name"], datetime.date.fromisoformat(str(org["effective"])), org.get("description", ""),
                        doc.at(("organisation",)))


def _grades(doc: Document, written: LadderFile) -> tuple[tuple[Grade, ...], list[Diagnostic]]:
    grades = tuple(Grade(g, i, doc.at(("grades", i))) for i, g in enumerate(written["grades"]))
    return grades, duplicates("grade", [(g.id, g.pos) for g in grades])


def _ids(doc: Document, key: str, kind: str, items: list[str]) -> list[Diagnostic]:
    """R002 for each id of a list of the ladder file (`tracks`, `zones` ...) met before."""
    return duplicates(kind, [(ident, doc.at((key, i, "id"))) for i, ident in enumerate(items)])


def _tracks(doc: Document, written: LadderFile) -> tuple[dict[str, Track], list[Diagnostic]]:
    tracks: dict[str, Track] = {}
    for i, item in enumerate(written["tracks"]):  # the first of duplicate ids wins
        tracks.setdefault(item["id"], Track(item["id"], item["name"], item["kind"], item.get("description", ""),
                                            doc.at(("tracks", i))))
    return tracks, _ids(doc, "tracks", "track", [item["id"] for item in written["tracks"]])


def _zones(doc: Document, written: LadderFile, settled: bool
           ) -> tuple[tuple[dict[str, Zone], list[str]], list[Diagnostic]]:
    """The zones, and their ids in derivation order when `settled` (no finding before) and they resolve."""
    zones: dict[str, Zone] = {}
    index: dict[str, int] = {}
    for i, item in enumerate(written.get("zones", [])):
        derive = item.get("derive")
        derivation = None
        if derive:
            path = ("zones", i, "derive")
            derivation = Derivation(derive["from"], derive["factor"], derive.get("round", 1), doc.at(path),
                                    doc.at(path + ("round",)))
        if item["id"] not in zones:
            zones[item["id"]] = Zone(item["id"], item["name"], item["currency"], item.get("description", ""),
                                     derivation, doc.at(("zones", i)), item.get("country", ""))
        index[item["id"]] = i  # the last of duplicate ids, as the derivations' positions always were
    found = _ids(doc, "zones", "zone", [item["id"] for item in written.get("zones", [])])
    for zone in zones.values():
        if zone.derive and zone.derive.source not in zones:
            found.append(unknown("zone", zone.derive.source, zones, doc.at(("zones", index[zone.id], "derive", "from"))))
    if found or not settled:
        return (zones, []), found
    order, cycle = _derivation_order(doc, zones, index)
    return (zones, order), cycle


def _derivation_order(doc: Document, zones: dict[str, Zone], index: dict[str, int]
                      ) -> tuple[list[str], list[Diagnostic]]:
    """Zone ids so that every derived zone comes after its source; R003 on a cycle."""
    order: list[str] = []
    pending = dict(zones)
    while pending:
        ready = [z for z in pending.values() if z.derive is None or z.derive.source in order]
        if not ready:
            source = {z.id: z.derive.source for z in pending.values() if z.derive is not None}
            chain = [next(iter(pending))]
            while source[chain[-1]] not in chain:
                chain.append(source[chain[-1]])
            cycle = chain[chain.index(source[chain[-1]]):]
            first = min(cycle, key=index.__getitem__)
            loop = cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first]
            return order, [DERIVATION_CYCLE.at(doc.at(("zones", index[first], "derive", "from")),
                                               f"zones derive from each other in a cycle: {' -> '.join(loop)}",
                                               "make one zone of the cycle a base zone with bands of its own")]
        for zone in ready:
            order.append(zone.id)
            del pending[zone.id]
    return order, []


def _competencies(doc: Document, written: LadderFile, tracks: Mapping[str, Track], family_ids: tuple[str, ...]
                  ) -> tuple[dict[str, Competency], list[Diagnostic]]:
    """The competencies, each applying to the tracks and families it names (all of them when it names none)."""
    competencies: dict[str, Competency] = {}
    items = written.get("competencies", [])
    for i, item in enumerate(items):
        competencies.setdefault(item["id"], Competency(
            item["id"], item["name"], item.get("description", ""), tuple(item.get("tracks") or tracks),
            tuple(item.get("families") or family_ids), doc.at(("competencies", i)), item.get("criterion")))
    found = _ids(doc, "competencies", "competency", [item["id"] for item in items])
    for i, item in enumerate(items):
        for j, ref in enumerate(item.get("tracks") or ()):
            if ref not in tracks:
                found.append(unknown("track", ref, tracks, doc.at(("competencies", i, "tracks", j))))
        for j, ref in enumerate(item.get("families") or ()):
            if ref not in family_ids:
                found.append(unknown("family", ref, family_ids, doc.at(("competencies", i, "families", j))))
    return competencies, found


def _requirements(doc: Document, written: LadderFile) -> tuple[dict[str, Requirement], list[Diagnostic]]:
    requirements: dict[str, Requirement] = {}
    items = written.get("requirements", [])
    for i, item in enumerate(items):
        requirements.setdefault(item["id"], Requirement(item["id"], item["name"], item.get("description", ""),
                                                        doc.at(("requirements", i)), item.get("kind", OTHER_KIND)))
    return requirements, _ids(doc, "requirements", "requirement", [item["id"] for item in items])


def _policy(doc: Document, written: LadderFile, tracks: Mapping[str, Track]) -> tuple[Policy, list[Diagnostic]]:
    """`policy` with its defaults; S002 for an unknown rule, or for no zones while the ladder publishes pay."""
    policy = written.get("policy") or {}
    defaults = Policy()
    settings, found = rule_settings(doc, policy.get("rules") or {}, None)
    readiness = policy.get("readiness")
    ranges = {track: (given.get("min", 0), given.get("max", MAX_TARGET))
              for track, given in (policy.get("variable_range") or {}).items()}
    result = Policy(
        policy.get("parity_tolerance", defaults.parity_tolerance),
        _pair(policy.get("range_spread") or {}, defaults.range_spread),
        _pair(policy.get("midpoint_progression") or {}, defaults.midpoint_progression),
        {s.code: s.severity for s in settings}, settings, doc.at(("policy",)) if "policy" in written else None,
        pay=policy.get("pay", defaults.pay),
        readiness=None if readiness is None else ReadinessPolicy(
            tuple(tuple(e) if isinstance(e, list) else (e,) for e in readiness.get("into_management") or ()),
            doc.at(("policy", "readiness"))),
        pay_transparency=policy.get("pay_transparency", defaults.pay_transparency),
        posting_spread=policy.get("posting_spread", defaults.posting_spread),
        gendered_terms={k.casefold(): v for k, v in (policy.get("gendered_terms") or {}).items()},
        neutral_terms=frozenset(w.casefold() for w in policy.get("neutral_terms") or ()),
        parity_measures=tuple(policy.get("parity_measures", defaults.parity_measures)),
        variable_range=ranges,
        hours_per_year=policy.get("hours_per_year", defaults.hours_per_year))
    if "zones" not in written and result.publishes_pay:
        found.append(SCHEMA.at(doc.at(()), f"ladder.yaml has no 'zones', which it needs unless policy.pay is none "
                               f"(it is {result.pay})",
                               "add the pay zones, or set `policy: {pay: none}` for a ladder without pay"))
    for track in ranges:
        if track not in tracks:
            found.append(unknown("track", track, tracks, doc.key_at(("policy", "variable_range", track))))
    return result, found


def _pair(given: RawBounds, default: tuple[float, float]) -> tuple[float, float]:
    return (given.get("min", default[0]), given.get("max", default[1]))


def _grade_factors(doc: Document, written: LadderFile, grade_index: Iterable[str]
                   ) -> tuple[dict[str, Decimal], list[Diagnostic]]:
    """`grade_factors`, R001 for a grade the ladder does not list."""
    factors: dict[str, Decimal] = {}
    found: list[Diagnostic] = []
    for grade, factor in (written.get("grade_factors") or {}).items():
        if grade not in grade_index:
            found.append(unknown("grade", grade, grade_index, doc.key_at(("grade_factors", grade))))
        factors[grade] = Decimal(str(factor))
    return factors, found
