"""What a change does to a ladder: two compiled ladders in, a `LadderDiff` of typed changes out.

Everything is keyed by the ladder's stable ids (levels, zones, transitions as `from -> to`), never
by file or line, so moving a level between files or reformatting YAML is not a change. Each list
is sorted, so one pair of ladders always gives one diff. Rendering lives in `diff_report`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ladderc.diagnostics import ERROR, Diagnostic, Position
from ladderc.diff_fields import FieldChange, field_changes, position_text
from ladderc.model import (
    BASE,
    DERIVED,
    FORMULA,
    TOTAL,
    WRITTEN,
    Amount,
    Band,
    Competency,
    Family,
    Ladder,
    Level,
    Policy,
    Requirement,
    Track,
    Transition,
    Zone,
    annual,
    format_amount,
)

AMOUNTS = ("min", "mid", "max")
# The ladder-wide definitions whose ids are compared (zones also have their derivation compared).
DEFINITIONS = ("grades", "tracks", "zones", "competencies", "requirements", "families")
Words = tuple[tuple[str, str], ...]  # a word diff: (" " kept | "-" removed | "+" added, words)


@dataclass(frozen=True)
class LevelChange:
    level: str
    change: str  # added | removed | retitled | moved
    old: str  # the title, or "family/track/grade"; "" for an added level
    new: str  # "" for a removed level


@dataclass(frozen=True)
class BandChange:
    level: str
    zone: str
    currency: str
    amount: str  # min | mid | max
    old: Amount | None  # None: the level had no band in the zone
    new: Amount | None
    derived: bool  # the new (or, if removed, old) band is computed from another zone
    origin: str = WRITTEN  # where the new band came from: WRITTEN | FORMULA | DERIVED
    family: str = ""  # the level's family in the new revision
    measure: str = BASE  # BASE: the band's amount; TOTAL: the on-target total there, per year

    @property
    def delta(self) -> Amount | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def percent(self) -> float | None:
        return None if self.delta is None or not self.old else 100 * self.delta / self.old

    @property
    def decrease(self) -> bool:
        return self.delta is not None and self.delta < 0


@dataclass(frozen=True)
class PublicationChange:
    """A band that a level has on one side only: its pay in that zone became (un)published."""

    level: str
    zone: str
    currency: str
    change: str  # published | unpublished
    band: Band  # the band on the side that has it
    derived: bool


@dataclass(frozen=True)
class PolicyChange:
    key: str  # the policy key, e.g. "pay"
    old: str
    new: str


@dataclass(frozen=True)
class DefinitionChange:
    kind: str  # one of DEFINITIONS, singular: grade | track | zone | competency | requirement | family
    id: str
    change: str  # added | removed


@dataclass(frozen=True)
class DerivationChange:
    zone: str
    old: str  # "from us factor 0.5 round 1000", or "" when the zone was a base zone
    new: str
    effects: tuple[BandChange, ...]  # every band of the zone that moved


@dataclass(frozen=True)
class FormulaChange:
    """A family's `pay_formula`, or the ladder's `grade_factors` (family ''), changed: the bands it moves."""

    family: str
    old: str  # "us benchmark 200000 spread 0.85-1.2 round 1000", "G1 0.59, G2 0.78"; "" when absent
    new: str
    effects: tuple[BandChange, ...]  # every band amount computed by it (or derived from such a band) that moved


@dataclass(frozen=True)
class BeyondBaseChange:
    """A level's variable pay, or its equity in a zone, changed."""

    level: str
    what: str  # "variable" | "equity <zone>"
    old: str  # "commission 50/50", "bonus target 0.15", "60,000 USD"; "" when absent
    new: str


@dataclass(frozen=True)
class TransitionChange:
    source: str
    target: str
    change: str  # added | removed | kind | requirement-added | requirement-removed | criteria
    #             | support-added | support-removed | trial
    detail: str  # the kind (with "implied"), the requirement id, or the criteria word diff as text
    months: tuple[int | None, int | None] = (None, None)  # a trial change: months before and after (None: no trial)

    @property
    def shortens_trial(self) -> bool:
        """A trial removed or made shorter: the guaranteed way back is held for less time."""
        old, new = self.months
        return self.change == "trial" and old is not None and (new is None or new < old)


@dataclass(frozen=True)
class RequirementKindChange:
    requirement: str
    old: str  # the kind before
    new: str


@dataclass(frozen=True)
class ExpectationChange:
    level: str
    competency: str
    change: str  # added | removed | changed
    words: Words  # the word diff


@dataclass(frozen=True)
class DiagnosticChange:
    change: str  # introduced | resolved
    diagnostic: Diagnostic


@dataclass(frozen=True)
class LadderDiff:
    path: str  # the ladder directory, as a repository path
    compiled: tuple[bool, bool]  # did each side resolve to a ladder (base, head)
    definitions: tuple[DefinitionChange, ...] = ()
    levels: tuple[LevelChange, ...] = ()
    bands: tuple[BandChange, ...] = ()
    derivations: tuple[DerivationChange, ...] = ()
    policy: tuple[PolicyChange, ...] = ()
    publication: tuple[PublicationChange, ...] = ()
    transitions: tuple[TransitionChange, ...] = ()
    expectations: tuple[ExpectationChange, ...] = ()
    diagnostics: tuple[DiagnosticChange, ...] = field(default=())
    requirement_kinds: tuple[RequirementKindChange, ...] = ()
    formulas: tuple[FormulaChange, ...] = ()
    beyond_base: tuple[BeyondBaseChange, ...] = ()
    # The on-target totals (`measure` TOTAL) that moved on the levels of `beyond_base`, where either side
    # compares totals (`policy.parity_measures`).
    totals: tuple[BandChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()  # every other field of the format, by entity id (`diff_fields`)
    parity: tuple[int, int] = (0, 0)  # pay-parity (P003) findings before and after
    band_counts: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (family, zone) -> bands, new revision
    # Where each changed thing stands in the new revision, `file:line:column`: "level e1", "transition e1 -> e2",
    # "zone uk", "requirement training" (a removed thing has none).
    where: Mapping[str, str] = field(default_factory=dict)

    @property
    def shorter_trials(self) -> list[TransitionChange]:
        return [x for x in self.transitions if x.shortens_trial]

    @property
    def pay_decreases(self) -> list[BandChange]:
        """Band amounts that fell, and on-target totals that fell where the band amount did not (counted once)."""
        effects = [b for x in self.derivations for b in x.effects] + [b for x in self.formulas for b in x.effects]
        cuts = [b for b in (*self.bands, *effects) if b.decrease]
        cut = {(b.level, b.zone, b.amount) for b in cuts}
        return cuts + [b for b in self.totals if b.decrease and (b.level, b.zone, b.amount) not in cut]

    @property
    def removed_levels(self) -> list[LevelChange]:
        return [x for x in self.levels if x.change == "removed"]

    @property
    def new_errors(self) -> list[DiagnosticChange]:
        return [x for x in self.diagnostics if x.change == "introduced" and x.diagnostic.severity == ERROR]


def compare(path: str, base: Ladder | None, head: Ladder | None,
            base_found: list[Diagnostic], head_found: list[Diagnostic],
            locate: Callable[[Position], str] = position_text) -> LadderDiff:
    """The changes from `base` to `head`; a side that did not compile counts as an empty ladder.

    `locate` writes a position of either side as the user knows the file (`file:line:column`).
    """
    derivations = _derivations(base, head) if base and head else ()
    derived_zones = {d.zone for d in derivations}
    formulas = _formulas(base, head, derived_zones) if base and head else ()
    moved = {(b.level, b.zone, b.amount) for f in formulas for b in f.effects}
    beyond_base = _beyond_base(base, head) if base and head else ()
    diff = LadderDiff(
        path=path,
        compiled=(base is not None, head is not None),
        definitions=_definitions(base, head),
        levels=_levels(base, head),
        # A band that moved because its zone's derivation or its family's formula changed is told under that change.
        bands=tuple(b for b in _bands(base, head) if b.zone not in derived_zones and (b.level, b.zone, b.amount) not in moved),
        formulas=formulas,
        beyond_base=beyond_base,
        totals=_totals(base, head, {x.level for x in beyond_base}) if base and head else (),
        derivations=derivations,
        policy=_policy(base, head),
        publication=_publication(base, head),
        transitions=_transitions(base, head),
        expectations=_expectations(base, head),
        diagnostics=_diagnostics(base_found, head_found),
        requirement_kinds=_requirement_kinds(base, head),
        fields=field_changes(base, head, locate) if base and head else (),
        parity=(sum(x.code == "P003" for x in base_found), sum(x.code == "P003" for x in head_found)),
        band_counts=Counter((lv.family, z) for lv in head.levels.values() for z in lv.bands) if head else {},
    )
    return replace(diff, where=_where_changed(diff, head, locate)) if head else diff


def _written_at(zone: Zone) -> Position:
    """Where a zone's derivation is written, or the zone itself when it has none."""
    return zone.derive.pos if zone.derive else zone.pos


def _where_changed(diff: LadderDiff, head: Ladder, locate: Callable[[Position], str]) -> dict[str, str]:
    """Positions, in `head`, of the levels, transitions, zones and requirements a change names."""
    levels = ({x.level for x in diff.levels} | {x.level for x in diff.bands} | {x.level for x in diff.expectations}
              | {x.level for x in diff.publication})
    levels |= {b.level for d in diff.derivations for b in d.effects}
    transitions = {t.source + " -> " + t.target: t for t in head.transitions}
    found = {f"level {i}": locate(head.levels[i].pos) for i in levels if i in head.levels}
    found |= {f"transition {k}": locate(transitions[k].pos)
              for k in {f"{x.source} -> {x.target}" for x in diff.transitions} if k in transitions}
    found |= {f"zone {x.zone}": locate(_written_at(head.zones[x.zone])) for x in diff.derivations}
    found |= {f"requirement {x.requirement}": locate(head.requirements[x.requirement].pos) for x in diff.requirement_kinds}
    singular: dict[str, Mapping[str, Track | Zone | Competency | Requirement | Family]] = {
        "track": head.tracks, "zone": head.zones, "competency": head.competencies,
        "requirement": head.requirements, "family": head.families}
    found |= {f"{x.kind} {x.id}": locate(singular[x.kind][x.id].pos) for x in diff.definitions
              if x.kind in singular and x.id in singular[x.kind]}
    return found


def _definitions(base: Ladder | None, head: Ladder | None) -> tuple[DefinitionChange, ...]:
    singular = {"grades": "grade", "tracks": "track", "zones": "zone", "competencies": "competency",
                "requirements": "requirement", "families": "family"}
    found = []
    for kind in DEFINITIONS:
        old, new = _ids(base, kind), _ids(head, kind)
        found += [DefinitionChange(singular[kind], i, "removed") for i in sorted(old - new)]
        found += [DefinitionChange(singular[kind], i, "added") for i in sorted(new - old)]
    return tuple(found)


def _ids(ladder: Ladder | None, kind: str) -> set[str]:
    if ladder is None:
        return set()
    items = getattr(ladder, kind)
    return {g.id for g in items} if kind == "grades" else set(items)


def _where(level: Level) -> str:
    return f"{level.family}/{level.track}/{level.grade}"


def _levels(base: Ladder | None, head: Ladder | None) -> tuple[LevelChange, ...]:
    old = base.levels if base else {}
    new = head.levels if head else {}
    found = []
    for ident in sorted(old.keys() | new.keys()):
        before, after = old.get(ident), new.get(ident)
        if after is None:
            found.append(LevelChange(ident, "removed", f"{old[ident].title} ({_where(old[ident])})", ""))
        elif before is None:
            found.append(LevelChange(ident, "added", "", f"{after.title} ({_where(after)})"))
        else:
            if before.title != after.title:
                found.append(LevelChange(ident, "retitled", before.title, after.title))
            if _where(before) != _where(after):
                found.append(LevelChange(ident, "moved", _where(before), _where(after)))
    return tuple(found)


def _band_changes(level: str, zone: Zone, old: Band, new: Band, base: Policy, head: Policy,
                  family: str = "") -> list[BandChange]:
    """The amounts that changed; a band that changed between hourly and annual pay is compared per year."""
    if old.hourly == new.hourly:
        pairs = [(getattr(old, amount), getattr(new, amount)) for amount in AMOUNTS]
    else:
        pairs = [(annual(old, amount, base), annual(new, amount, head)) for amount in AMOUNTS]
    return [BandChange(level, zone.id, zone.currency, amount, before, after, new.derived, new.origin, family)
            for amount, (before, after) in zip(AMOUNTS, pairs, strict=True) if before != after]


def _band_pairs(base: Ladder, head: Ladder):
    """(level id, zone, old band or None, new band or None) for levels and zones on both sides."""
    zones = sorted(base.zones.keys() & head.zones.keys())
    for ident in sorted(base.levels.keys() & head.levels.keys()):
        if base.levels[ident] is head.levels[ident]:  # resolved once for both sides (`ParseCache.levels`)
            continue
        before, after = base.levels[ident].bands, head.levels[ident].bands
        for zone in zones:
            yield ident, head.zones[zone], before.get(zone), after.get(zone)


def _bands(base: Ladder | None, head: Ladder | None) -> list[BandChange]:
    """Band amounts that changed, where both sides have the band (else it is a `PublicationChange`)."""
    if base is None or head is None:
        return []
    return [change for ident, zone, old, new in _band_pairs(base, head) if old and new
            for change in _band_changes(ident, zone, old, new, base.policy, head.policy, head.levels[ident].family)]


def _publication(base: Ladder | None, head: Ladder | None) -> tuple[PublicationChange, ...]:
    """Bands one side has and the other lacks; a switch to or from `policy.pay: none` is a `PolicyChange`."""
    if base is None or head is None or not (base.publishes_pay and head.publishes_pay):
        return ()
    return tuple(PublicationChange(ident, zone.id, zone.currency, "published" if new else "unpublished",
                                   new or old, (new or old).derived)
                 for ident, zone, old, new in _band_pairs(base, head) if (old is None) != (new is None))


def _policy(base: Ladder | None, head: Ladder | None) -> tuple[PolicyChange, ...]:
    if base is None or head is None or base.policy.pay == head.policy.pay:
        return ()
    return (PolicyChange("pay", base.policy.pay, head.policy.pay),)


def _derive_text(zone: Zone) -> str:
    d = zone.derive
    return "" if d is None else f"from {d.source} factor {d.factor:g} round {d.round:g}"


def _derivations(base: Ladder, head: Ladder) -> tuple[DerivationChange, ...]:
    found = []
    bands = None  # only when a derivation changed
    for ident in sorted(base.zones.keys() & head.zones.keys()):
        old, new = _derive_text(base.zones[ident]), _derive_text(head.zones[ident])
        if old != new:
            bands = _bands(base, head) if bands is None else bands
            found.append(DerivationChange(ident, old, new, tuple(b for b in bands if b.zone == ident)))
    return tuple(found)


def _formula_text(formula, ladder: Ladder) -> str:
    """`us benchmark 200,000 USD spread 0.85-1.2 round 1,000`: amounts as every other amount is written."""
    if formula is None:
        return ""
    spread, zone = formula["spread"], formula["zone"]
    currency = ladder.zones[zone].currency if zone in ladder.zones else None
    money = format_amount(formula["benchmark"], currency) + (f" {currency}" if currency else "")
    return (f"{zone} benchmark {money} spread {_plain(spread['min'])}-{_plain(spread['max'])} "
            f"round {format_amount(formula.get('round', 1), currency)}")


def _plain(number) -> str:
    """A number as written, in full and without an exponent: 0.85, 1.2, 0.8512345."""
    return format(Decimal(str(number)).normalize(), "f")


def _formulas(base: Ladder, head: Ladder, derived_zones: set[str]) -> tuple[FormulaChange, ...]:
    """Changed pay formulas and grade factors, each with the bands it computes (and their derived zones) that moved."""
    def computed(b: BandChange, families: set[str]) -> bool:
        level = head.levels[b.level]
        return level.family in families and b.zone not in derived_zones and (
            b.origin == FORMULA or (b.origin == DERIVED and head.families[level.family].pay_formula is not None))

    bands = _bands(base, head)
    found, told = [], set()
    for ident in sorted(base.families.keys() & head.families.keys()):
        old, new = (_formula_text(base.families[ident].pay_formula, base),
                    _formula_text(head.families[ident].pay_formula, head))
        if old != new:
            told.add(ident)
            found.append(FormulaChange(ident, old, new, tuple(b for b in bands if computed(b, {ident}))))

    def factors(ladder: Ladder) -> str:
        return ", ".join(f"{grade} {factor:g}" for grade, factor in ladder.grade_factors.items())

    if factors(base) != factors(head):
        rest = set(head.families) - told
        found.append(FormulaChange("", factors(base), factors(head), tuple(b for b in bands if computed(b, rest))))
    return tuple(found)


def _variable_text(level: Level) -> str:
    v = level.variable
    if v is None:
        return ""
    return f"{v.kind} {v.mix[0]}/{v.mix[1]}" if v.mix else f"{v.kind} target {v.target:g}"


def _beyond_base(base: Ladder, head: Ladder) -> tuple[BeyondBaseChange, ...]:
    """Variable pay and written or derived equity that changed, on levels of both sides."""
    found = []
    for ident in sorted(base.levels.keys() & head.levels.keys()):
        before, after = base.levels[ident], head.levels[ident]
        if _variable_text(before) != _variable_text(after):
            found.append(BeyondBaseChange(ident, "variable", _variable_text(before), _variable_text(after)))
        for zone in sorted(before.equity.keys() | after.equity.keys()):
            old, new = (f"{format_amount(x.equity[zone].amount)} {ladder.zones[zone].currency}" if zone in x.equity else ""
                        for x, ladder in ((before, base), (after, head)))
            if old != new:
                found.append(BeyondBaseChange(ident, f"equity {zone}", old, new))
    return tuple(found)


def _totals(base: Ladder, head: Ladder, levels: set[str]) -> tuple[BandChange, ...]:
    """The on-target totals that moved, per year, on `levels` (whose variable pay or equity changed).

    Only where either side compares totals (`total` in `policy.parity_measures`, the default when
    any level earns beyond base): a ladder that compares base pay alone promises base pay alone.
    """
    if TOTAL not in base.policy.parity_measures and TOTAL not in head.policy.parity_measures:
        return ()
    found = []
    zones = sorted(base.zones.keys() & head.zones.keys())
    for ident in sorted(levels):
        before, after = base.levels[ident], head.levels[ident]
        old_totals, new_totals = base.total_bands(before), head.total_bands(after)
        for zone in zones:
            old, new = old_totals.get(zone), new_totals.get(zone)
            if old is None or new is None:
                continue
            for amount in AMOUNTS:
                # A base-only side's total is its band, hourly perhaps: every total compares per year.
                was, now = annual(old, amount, base.policy), annual(new, amount, head.policy)
                if was != now:
                    found.append(BandChange(ident, zone, head.zones[zone].currency, amount, was, now, new.derived,
                                            new.origin, after.family, TOTAL))
    return tuple(found)


def _transition_key(t: Transition) -> tuple[str, str]:
    return (t.source, t.target)


def _kind(t: Transition) -> str:
    return f"{t.kind} (implied)" if t.implied else t.kind


def _transitions(base: Ladder | None, head: Ladder | None) -> tuple[TransitionChange, ...]:
    old = {_transition_key(t): t for t in (base.transitions if base else ())}
    new = {_transition_key(t): t for t in (head.transitions if head else ())}
    found = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if after is None:
            found.append(TransitionChange(*key, "removed", _kind(old[key])))
        elif before is None:
            found.append(TransitionChange(*key, "added", _kind(after)))
        else:
            if _kind(before) != _kind(after):
                found.append(TransitionChange(*key, "kind", f"{_kind(before)} -> {_kind(after)}"))
            found += [TransitionChange(*key, "requirement-removed", r)
                      for r in sorted(set(before.requires) - set(after.requires))]
            found += [TransitionChange(*key, "requirement-added", r)
                      for r in sorted(set(after.requires) - set(before.requires))]
            if before.criteria.strip() != after.criteria.strip():
                found.append(TransitionChange(*key, "criteria", words_text(word_diff(before.criteria, after.criteria))))
            found += _readiness_changes(key, before, after)
    return tuple(found)


def _months(t: Transition) -> int | None:
    return None if t.trial is None else t.trial.months


def _readiness_changes(key: tuple[str, str], before: Transition, after: Transition) -> list[TransitionChange]:
    """Support named or dropped after the move, and a trial added, removed or of another length."""
    found = [TransitionChange(*key, "support-removed", r) for r in sorted(set(before.support) - set(after.support))]
    found += [TransitionChange(*key, "support-added", r) for r in sorted(set(after.support) - set(before.support))]
    months = (_months(before), _months(after))
    if months[0] != months[1]:
        found.append(TransitionChange(*key, "trial", " -> ".join("none" if m is None else f"{m} months" for m in months),
                                      months))
    return found


def _requirement_kinds(base: Ladder | None, head: Ladder | None) -> tuple[RequirementKindChange, ...]:
    """Requirements on both sides whose kind of evidence changed."""
    if base is None or head is None:
        return ()
    return tuple(RequirementKindChange(r, base.requirements[r].kind, head.requirements[r].kind)
                 for r in sorted(base.requirements.keys() & head.requirements.keys())
                 if base.requirements[r].kind != head.requirements[r].kind)


def _expectations(base: Ladder | None, head: Ladder | None) -> tuple[ExpectationChange, ...]:
    if base is None or head is None:
        return ()
    found = []
    for ident in sorted(base.levels.keys() & head.levels.keys()):
        if base.levels[ident] is head.levels[ident]:
            continue
        old, new = base.levels[ident].expectations, head.levels[ident].expectations
        for comp in sorted(old.keys() | new.keys()):
            before, after = old.get(comp, "").strip(), new.get(comp, "").strip()
            if before != after:
                change = "added" if not before else "removed" if not after else "changed"
                found.append(ExpectationChange(ident, comp, change, word_diff(before, after)))
    return tuple(found)


def word_diff(old: str, new: str, context: int = 3) -> Words:
    """The edits from `old` to `new` word by word, keeping `context` unchanged words around each."""
    a, b = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for i, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            words = a[a1:a2]
            head = words[:context] if i > 0 else []
            tail = words[-context:] if i < len(opcodes) - 1 else []
            kept = head + ["..."] + tail if len(head) + len(tail) < len(words) else words
            parts += [(" ", " ".join(w for w in kept if w))] if any(kept) else []
            continue
        if a2 > a1:
            parts.append(("-", " ".join(a[a1:a2])))
        if b2 > b1:
            parts.append(("+", " ".join(b[b1:b2])))
    return tuple(parts)


def words_text(words: Words) -> str:
    """The word diff as git's `--word-diff=plain` writes it: [-removed-] {+added+}."""
    marks = {" ": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(text) for op, text in words)


def _identity(x: Diagnostic) -> tuple[str, str, str]:
    # Line numbers move with every edit above a finding; the finding itself is the same one.
    return (x.code, x.rule, x.message)


def _diagnostics(base: list[Diagnostic], head: list[Diagnostic]) -> tuple[DiagnosticChange, ...]:
    old, new = Counter(map(_identity, base)), Counter(map(_identity, head))
    gone, came = old - new, new - old
    found = []
    for change, side, left in (("resolved", base, gone), ("introduced", head, came)):
        for x in sorted(side, key=lambda x: (x.code, x.message, x.sort_key)):
            if left[_identity(x)] > 0:
                left[_identity(x)] -= 1
                found.append(DiagnosticChange(change, x))
    return tuple(found)
