"""Every other field of the format, compared generically by name: the part of a diff no field can slip past.

`ladderc.diff` tells the changes that need their own words (bands, derivations, expectations,
requirements of a transition, ...). This module walks the resolved model's dataclasses and
compares every remaining field of every entity by id, so a field added to the model later is
compared, by its own name, without new diff code. A field is left out only when `SKIPPED` says
which typed change tells it (or that it is a position, or where it was written, which is no change).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ladderc.diagnostics import Position, display_path
from ladderc.model import Ladder

# Per entity, the fields another part of the diff tells (or that are not content).
SKIPPED = {
    "organisation": set(),
    "track": {"id"},
    "zone": {"id", "derive"},  # a `DerivationChange`, with the bands it moves
    "competency": {"id"},
    "requirement": {"id", "kind"},  # a `RequirementKindChange`
    "family": {"id", "file", "levels", "pay_formula"},  # levels one by one; a `FormulaChange` with the bands it moves
    "level": {"id", "family", "track", "grade", "grade_index", "title", "expectations", "bands",
              "expectation_pos", "variable", "equity"},  # `LevelChange` (retitled, moved), `BandChange`,
    # `ExpectationChange`, `BeyondBaseChange` (variable pay and equity)
    "transition": {"source", "target", "kind", "implied", "requires", "criteria", "support", "trial",
                   "family"},  # `TransitionChange`; which file lists it is no change
    "policy": {"pay", "rules"},  # a `PolicyChange`; `rules` is `settings` without the reasons
}
# The entity maps of a ladder, by the singular each change names.
ENTITIES = (("track", "tracks"), ("zone", "zones"), ("competency", "competencies"), ("requirement", "requirements"),
            ("family", "families"), ("level", "levels"))


@dataclass(frozen=True)
class FieldChange:
    subject: str  # organisation | grades | policy | one of ENTITIES' singulars | transition
    id: str  # the entity's id ("from -> to" for a transition; "" for organisation, grades, policy)
    field: str  # the field's name in the format, dotted below it (e.g. "settings.P005")
    old: str  # "" when the field was not there
    new: str
    where: str  # file:line:column of the entity in the new revision (the old one when it is gone)


def shown(value) -> str:
    """A field's value as one line of text; a nested dataclass shows its fields, never its positions."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (datetime.date, str, int)):
        return str(value)
    if dataclasses.is_dataclass(value):
        parts = [f"{f.name}: {shown(getattr(value, f.name))}" for f in dataclasses.fields(value)
                 if not _is_position(getattr(value, f.name)) and f.name != "family"]
        return "{" + ", ".join(p for p in parts if not p.endswith(": ")) + "}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return str(value)


def _is_position(value) -> bool:
    return isinstance(value, (Position, Path)) or (
        isinstance(value, Mapping) and bool(value) and all(isinstance(v, Position) for v in value.values()))


def _keyed(value) -> Mapping | None:
    """A mapping, or a tuple of dataclasses with an `id` or `code`, as a mapping by that key; else None."""
    if isinstance(value, Mapping):
        return value
    if isinstance(value, tuple) and value and all(dataclasses.is_dataclass(v) for v in value):
        key = next((k for k in ("id", "code") if all(hasattr(v, k) for v in value)), None)
        return {getattr(v, key): v for v in value} if key else None
    return None


def entity_changes(subject: str, ident: str, old, new, where: Callable[[], str]) -> list[FieldChange]:
    """The fields of one entity (a dataclass on both sides) that differ; mappings are compared key by key.

    `where` names the entity's position; it is asked only when a field differs.
    """
    if old is new or old == new:
        return []
    found = []
    for f in dataclasses.fields(new):
        if f.name in SKIPPED.get(subject, ()) or f.name == "pos":
            continue
        before, after = getattr(old, f.name, None), getattr(new, f.name)
        if _is_position(after) or _is_position(before) or before == after:
            continue
        keyed_old, keyed_new = _keyed(before), _keyed(after)
        if keyed_old is not None or keyed_new is not None:
            keyed_old, keyed_new = keyed_old or {}, keyed_new or {}
            found += [FieldChange(subject, ident, f"{f.name}.{k}", shown(keyed_old.get(k)), shown(keyed_new.get(k)), where())
                      for k in sorted(keyed_old.keys() | keyed_new.keys(), key=str)
                      if keyed_old.get(k) is None or keyed_new.get(k) is None
                      or shown(keyed_old[k]) != shown(keyed_new[k])]
        elif shown(before) != shown(after):
            found.append(FieldChange(subject, ident, f.name, shown(before), shown(after), where()))
    return found


def field_changes(base: Ladder, head: Ladder, locate: Callable[[Position], str]) -> tuple[FieldChange, ...]:
    """Every compared field that differs between two compiled ladders, in a stable order."""
    def at(old, new) -> Callable[[], str]:
        pos = getattr(new, "pos", None) or getattr(old, "pos", None)
        return lambda: locate(pos) if pos is not None else ""

    found = entity_changes("organisation", "", base.organisation, head.organisation,
                           at(base.organisation, head.organisation))
    shared = [g.id for g in head.grades if g.id in {x.id for x in base.grades}]
    if [g.id for g in base.grades if g.id in set(shared)] != shared:  # the same grades, in another order
        found.append(FieldChange("grades", "", "order", ", ".join(g.id for g in base.grades),
                                 ", ".join(g.id for g in head.grades), at(base.grades[0], head.grades[0])()))
    for subject, attribute in ENTITIES:
        old, new = getattr(base, attribute), getattr(head, attribute)
        for ident in sorted(old.keys() & new.keys()):
            found += entity_changes(subject, ident, old[ident], new[ident], at(old[ident], new[ident]))
    old = {(t.source, t.target): t for t in base.transitions}
    new = {(t.source, t.target): t for t in head.transitions}
    for key in sorted(old.keys() & new.keys()):
        found += entity_changes("transition", " -> ".join(key), old[key], new[key], at(old[key], new[key]))
    found += entity_changes("policy", "", base.policy, head.policy, at(base.policy, head.policy))
    return tuple(found)


def position_text(pos: Position) -> str:
    return f"{display_path(pos.file)}:{pos.line}:{pos.column}"
