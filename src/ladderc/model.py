"""The resolved ladder: frozen dataclasses with ids resolved and derived bands computed.

Rules, the site and the exports read only these types. Every object keeps the `Position` of the
YAML node it came from, so findings point at the line at fault.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cached_property
from pathlib import Path

from ladderc.diagnostics import Position
from ladderc.raw import RawPayFormula

Amount = int | float
INDIVIDUAL = "individual"
SALARIED = "salaried"
HOURLY = "hourly"
DEFAULT_HOURS_PER_YEAR = 2080  # 52 weeks of 40 hours
MANAGEMENT = "management"
PROMOTION = "promotion"
SWITCH = "switch"
# policy.pay: how much of the pay the ladder publishes (see docs/format.md)
PAY_REQUIRED = "required"  # every level has a band in every zone (P002)
PAY_OPTIONAL = "optional"  # a level may lack a band in a zone: that band is "not published"
PAY_NONE = "none"  # no pay at all: no bands, no P rule, no pay on the site or in exports
# Kinds of readiness evidence, in the order a readiness path walks them (see site/pages.py).
REQUIREMENT_KINDS = ("conversation", "training", "apprenticeship", "mentoring", "feedback", "assessment",
                     "trial", "other")
OTHER_KIND = "other"
# The objective, gender-neutral criteria of work of equal value (EU Directive 2023/970, Art. 4(4)),
# in the order the Directive names them; a competency's `criterion` is one of them.
CRITERIA = ("skills", "effort", "responsibility", "working-conditions")
# policy.pay_transparency: the law the ladder is held to (rules L001-L003, see docs/pay-transparency.md)
TRANSPARENCY_EU = "eu"
TRANSPARENCY_US = "us"
TRANSPARENCY_NONE = "none"


# The largest amount a band may hold, written or derived (the schema's `amount` maximum): every
# output carries it exactly, a JSON integer included, and decimal arithmetic on it stays exact.
MAX_AMOUNT = 10**12
# The largest variable target, as a fraction of base (the schema's bound; a 10/90 mix is 9): an
# on-target total stays within MAX_AMOUNT × (1 + MAX_TARGET) + MAX_AMOUNT, 1.1 × 10^13, whose
# cents still fit a JSON number exactly (below 2^53).
MAX_TARGET = 9
MIN_BASE_SHARE = 10  # the smallest base share of a mix, in percent (10/90)
# Where a band came from (`Band.origin`): written on the level, computed by the family's
# `pay_formula`, or derived from another zone.
WRITTEN = "written"
FORMULA = "formula"
DERIVED = "derived"
# The measures P003 and P007 compare (`policy.parity_measures`).
BASE = "base"
TOTAL = "total"
MEASURE_NAMES = {BASE: "base", TOTAL: "on-target total"}


def format_amount(value: Amount, currency: str | None = None) -> str:
    """120000 -> '120,000'; fractions keep the currency's minor digits (ISO 4217), 2 without one.

    Decimal, so every output rounds alike: BHD 40000.999 is '40,000.999', not '40,001.00'.
    """
    from decimal import Decimal

    number = Decimal(str(value))
    if number.is_finite() and number == number.to_integral_value():
        return f"{int(number):,}"
    return format_rate(value, currency)


def format_rate(value: Amount | Decimal, currency: str | None = None) -> str:
    """An amount always with the currency's minor digits, as an hourly rate reads: 25.5 -> '25.50', 95 -> '95.00'."""
    from decimal import Decimal

    from ladderc.currency import minor_unit

    number = Decimal(str(value))
    if not number.is_finite():
        return str(value)
    return f"{number.quantize(minor_unit(currency)):,}"


def _total(base: Amount, factor: tuple[int, int], equity: Amount, digits: int) -> Amount:
    """base × factor + equity, rounded half up (away from zero) to `digits` decimals; an int when whole.

    In integers of the minor unit when the amounts are whole (nearly always, and the rules ask for
    every band point of every level), else in decimal; both exact.
    """
    numerator, denominator = factor
    if isinstance(base, int) and isinstance(equity, int):
        scale = 10 ** digits
        twice = 2 * base * numerator * scale
        rounded = (abs(twice) + denominator) // (2 * denominator)
        minor = (rounded if twice >= 0 else -rounded) + equity * scale
        whole, cents = divmod(minor, scale)
        return whole if cents == 0 else float(Decimal(minor).scaleb(-digits))
    with localcontext(Context(prec=60)):
        value = Decimal(str(base)) * numerator / denominator
        value = (value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP) + Decimal(str(equity)))
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Organisation:
    name: str
    effective: datetime.date
    description: str
    pos: Position


@dataclass(frozen=True)
class Grade:
    id: str
    index: int  # 0 is the lowest grade
    pos: Position


@dataclass(frozen=True)
class Track:
    id: str
    name: str
    kind: str  # INDIVIDUAL | MANAGEMENT
    description: str
    pos: Position

    @property
    def is_management(self) -> bool:
        return self.kind == MANAGEMENT


@dataclass(frozen=True)
class Derivation:
    source: str  # zone id
    factor: float
    round: Amount
    pos: Position  # the `derive` mapping
    round_pos: Position  # `round` as written, else the `derive` mapping


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    currency: str
    description: str
    derive: Derivation | None
    pos: Position
    country: str = ""  # ISO 3166-1 alpha-2, '' when the ladder does not say


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    description: str
    tracks: tuple[str, ...]  # track ids it applies to (every track when the ladder names none)
    families: tuple[str, ...]  # family ids it applies to (every family when the ladder names none)
    pos: Position
    criterion: str | None = None  # one of CRITERIA, or None when the ladder does not say

    def applies_to(self, level: Level) -> bool:
        """Whether levels like this one (its track and its family) are expected to describe it."""
        tracks, families = self.scope
        return level.track in tracks and level.family in families

    @cached_property
    def scope(self) -> tuple[frozenset[str], frozenset[str]]:
        """`tracks` and `families` as sets: asked for every level, and a ladder may have 1,000 families."""
        return frozenset(self.tracks), frozenset(self.families)


@dataclass(frozen=True)
class Requirement:
    id: str
    name: str
    description: str
    pos: Position
    kind: str = OTHER_KIND  # one of REQUIREMENT_KINDS


@dataclass(frozen=True)
class Band:
    """Base pay for one level in one zone, in the zone's currency: per year, or per hour when `hourly`.

    Compare amounts of different bands through `annual`, never as written.
    """

    min: Amount
    mid: Amount
    max: Amount
    derived: bool  # computed from another zone, not written
    pos: Position  # the band as written; for a derived band, the level's `pay` (or the level)
    amount_pos: Mapping[str, Position] = field(default_factory=dict)  # 'min'/'mid'/'max' as written
    origin: str = WRITTEN  # WRITTEN | FORMULA | DERIVED
    hourly: bool = False  # the level's classification.pay_rate is hourly: amounts are per hour

    def at(self, amount: str) -> Position:
        return self.amount_pos.get(amount, self.pos)

    @property
    def spread(self) -> float:
        return (self.max - self.min) / self.min if self.min > 0 else float("inf")


@dataclass(frozen=True)
class Classification:
    """How a job is classified for US reporting: FLSA status and EEO-1 job category ('' = not said)."""

    flsa: str = ""  # exempt | non-exempt; applies in zones whose country is US
    eeo1: str = ""  # one of EEO1_CATEGORIES
    pay_rate: str = SALARIED  # SALARIED (bands per year) | HOURLY (bands per hour)


EEO1_CATEGORIES = ("executive-senior-officials-and-managers", "first-mid-officials-and-managers", "professionals",
                   "technicians", "sales-workers", "administrative-support-workers", "craft-workers", "operatives",
                   "laborers-and-helpers", "service-workers")  # in the EEO-1 report's order (1.1, 1.2, 2 ... 9)


@dataclass(frozen=True)
class Variable:
    """A level's variable pay: a bonus or commission whose on-target value is `target` × base.

    `mix` is the base/variable split as written (`(50, 50)`), None for a `target`; `target` is
    then variable / base, exact (a 60/40 mix is 2/3).
    """

    kind: str  # bonus | commission
    target: Decimal
    mix: tuple[int, int] | None
    pos: Position

    @cached_property
    def factor(self) -> tuple[int, int]:
        """1 + target as an exact fraction (numerator, denominator): 50/50 is (100, 50), 0.15 is (23, 20)."""
        if self.mix is not None:
            return (100, self.mix[0])
        numerator, denominator = self.target.as_integer_ratio()
        return (numerator + denominator, denominator)


@dataclass(frozen=True)
class Equity:
    """Annualised target equity value for one level in one zone, in the zone's currency."""

    amount: Amount
    derived: bool
    pos: Position


@dataclass(frozen=True)
class Level:
    id: str
    family: str
    track: str
    grade: str
    grade_index: int
    title: str
    summary: str
    entry: bool
    expectations: Mapping[str, str]  # competency id -> markdown, in ladder competency order
    bands: Mapping[str, Band]  # zone id -> band, in ladder zone order
    pos: Position
    expectation_pos: Mapping[str, Position] = field(default_factory=dict)
    job_code: str = ""  # the HRIS job code; the level's id unless the family file gives one
    classification: Classification = field(default_factory=lambda: Classification())
    title_pos: Position | None = None  # `title` as written

    def at_title(self) -> Position:
        return self.title_pos or self.pos
    variable: Variable | None = None
    equity: Mapping[str, Equity] = field(default_factory=dict)  # zone id -> equity, in ladder zone order

    @property
    def earns_beyond_base(self) -> bool:
        """Whether the level's on-target total can differ from its base (variable pay or equity)."""
        return self.variable is not None or bool(self.equity)


@dataclass(frozen=True)
class Transition:
    source: str  # level id
    target: str  # level id
    kind: str  # PROMOTION | SWITCH
    requires: tuple[str, ...]
    criteria: str
    implied: bool  # an implied promotion along a track, not listed in a family file
    family: str  # the family whose file lists it (or, implied, the family it climbs)
    pos: Position
    support: tuple[str, ...] = ()  # requirement ids the company provides after the move
    trial: Trial | None = None


@dataclass(frozen=True)
class Trial:
    """A trial after a move: for `months`, the way back is guaranteed at the old level and pay."""

    months: int
    pos: Position


@dataclass(frozen=True)
class RuleSetting:
    """One entry of a `policy.rules`: a rule's severity for the whole ladder or for one family."""

    code: str
    severity: str  # error | warning | off
    reason: str  # '' for the `P005: warning` form
    family: str | None  # None: the ladder's own policy
    pos: Position  # the entry's key


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    description: str
    file: Path
    levels: tuple[str, ...]  # level ids in the order written
    pos: Position
    rules: tuple[RuleSetting, ...] = ()  # the family's `policy.rules`, in written order
    group: str = ""  # the job family group, '' when the family names none
    pay_formula: RawPayFormula | None = None  # `pay_formula` as written (zone, benchmark, spread, round)


@dataclass(frozen=True)
class Policy:
    parity_tolerance: float = 0.0
    range_spread: tuple[float, float] = (0.30, 1.00)
    midpoint_progression: tuple[float, float] = (0.05, 0.30)
    rules: Mapping[str, str] = field(default_factory=dict)  # rule code -> error | warning | off
    settings: tuple[RuleSetting, ...] = ()  # `rules` as written, with reasons and positions
    pos: Position | None = None
    pay: str = PAY_REQUIRED  # PAY_REQUIRED | PAY_OPTIONAL | PAY_NONE
    readiness: ReadinessPolicy | None = None
    pay_transparency: str = TRANSPARENCY_NONE  # TRANSPARENCY_EU | TRANSPARENCY_US | TRANSPARENCY_NONE
    posting_spread: float = 1.0  # the widest posted range, as (max - min) / min (L003)
    gendered_terms: Mapping[str, str] = field(default_factory=dict)  # word (casefolded) -> neutral suggestion
    neutral_terms: frozenset[str] = frozenset()  # words (casefolded) L002 leaves alone
    parity_measures: tuple[str, ...] = (BASE,)  # resolved default: (BASE, TOTAL) when any level earns beyond base
    variable_range: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # track id -> target (min, max)
    hours_per_year: Amount = DEFAULT_HOURS_PER_YEAR  # converts hourly bands to annual ones

    @property
    def publishes_pay(self) -> bool:
        return self.pay != PAY_NONE


def annual(band: Band, key: str, policy: Policy) -> Amount:
    """Band amount `key` ('min', 'mid', 'max') per year: hourly amounts times `policy.hours_per_year`.

    Every comparison of amounts across levels goes through this, so an hourly band and a salaried
    one compare like with like. Exact (Decimal), so 25.5 an hour is 53040 a year, not 53039.99...
    """
    amount: Amount = getattr(band, key)
    if not band.hourly:
        return amount
    from decimal import Decimal

    value = Decimal(str(amount)) * Decimal(str(policy.hours_per_year))
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class ReadinessPolicy:
    """`policy.readiness`: each entry of `into_management` is a tuple of alternative kinds, one of which is enough."""

    into_management: tuple[tuple[str, ...], ...]
    pos: Position


@dataclass(frozen=True)
class Ladder:
    root: Path
    organisation: Organisation
    grades: tuple[Grade, ...]
    tracks: Mapping[str, Track]
    zones: Mapping[str, Zone]
    competencies: Mapping[str, Competency]
    requirements: Mapping[str, Requirement]
    families: Mapping[str, Family]
    levels: Mapping[str, Level]
    transitions: tuple[Transition, ...]
    policy: Policy
    grade_factors: Mapping[str, Decimal] = field(default_factory=dict)  # grade id -> factor, for pay formulas

    @cached_property
    def name(self) -> str:
        """The ladder directory's own name once resolved: `export .` or `export ..` name the ladder, not '' or '..'."""
        return Path(os.path.realpath(self.root)).name

    @property
    def publishes_pay(self) -> bool:
        return self.policy.publishes_pay

    def unpublished(self) -> list[tuple[Level, str]]:
        """(level, zone id) for every band a level lacks, in ladder order; none when pay is `none`.

        Under `optional` these are the bands the ladder chose not to publish; under `required`
        they are P002 findings (set to warning or off), shown the same way rather than crashing.
        """
        if not self.publishes_pay:
            return []
        return [(level, zone) for level in self.levels.values() for zone in self.zones if zone not in level.bands]

    def total(self, level: Level, zone: str, base: Amount) -> Amount:
        """The on-target total at base pay `base`: base × (1 + target) + equity, computed exactly.

        Rounded half up to the zone currency's minor unit (a 60/40 mix of 100,000 USD is
        166,666.67 USD), so every output and every rule sees the same amount.
        """
        equity = level.equity.get(zone)
        return _total(base, level.variable.factor if level.variable is not None else (1, 1),
                      equity.amount if equity else 0, self._digits[zone])

    @cached_property
    def _digits(self) -> dict[str, int]:
        """Zone id -> the decimals of its currency's minor unit (2 for USD, 0 for JPY)."""
        from ladderc.currency import DEFAULT_MINOR_DIGITS, minor_digits

        digits = {zone.id: minor_digits(zone.currency) for zone in self.zones.values()}
        return {zone: DEFAULT_MINOR_DIGITS if d is None else d for zone, d in digits.items()}

    def variable_amount(self, level: Level, zone: str, base: Amount) -> Amount:
        """The on-target variable pay at base pay `base` (total less base and equity)."""
        equity = level.equity.get(zone)
        value = Decimal(str(self.total(level, zone, base))) - Decimal(str(base)) - (
            Decimal(str(equity.amount)) if equity else 0)
        return int(value) if value == value.to_integral_value() else float(value)

    def total_bands(self, level: Level) -> Mapping[str, Band]:
        """The level's on-target total at each band point, per zone: its bands when it earns only base."""
        if not level.earns_beyond_base:
            return level.bands
        # per level: the rules ask for each pair it is in
        cache: dict[str, dict[str, Band]] = self.__dict__.setdefault("_total_bands", {})
        found = cache.get(level.id)
        if found is None:
            factor = level.variable.factor if level.variable is not None else (1, 1)
            found = cache[level.id] = {}
            for zone, b in level.bands.items():
                equity, digits = level.equity.get(zone), self._digits[zone]
                extra = equity.amount if equity else 0
                # An hourly band's total is per year: its base annualised (hours_per_year, through `annual`)
                # plus the annual variable pay and equity, so totals compare like with like across levels.
                low, mid, high = (annual(b, key, self.policy) for key in ("min", "mid", "max"))
                found[zone] = Band(_total(low, factor, extra, digits), _total(mid, factor, extra, digits),
                                   _total(high, factor, extra, digits), b.derived, b.pos, b.amount_pos, b.origin)
        return found

    def measured(self, level: Level, measure: str) -> Mapping[str, Band]:
        """The level's bands on `measure` (BASE or TOTAL), per zone."""
        return level.bands if measure == BASE else self.total_bands(level)

    def track_of(self, level: Level) -> Track:
        return self.tracks[level.track]

    def levels_of(self, family: str, track: str | None = None) -> list[Level]:
        """A family's levels (of one track), lowest grade first."""
        chosen = [self.levels[i] for i in self.families[family].levels]
        if track is not None:
            chosen = [lv for lv in chosen if lv.track == track]
        return sorted(chosen, key=lambda lv: lv.grade_index)

    def into_management(self, t: Transition) -> bool:
        """A move from a non-management level into a management level."""
        return self.track_of(self.levels[t.target]).is_management and not self.track_of(self.levels[t.source]).is_management

    def ways_back(self, t: Transition) -> list[Transition]:
        """Switches from `t`'s target to its source, or to a level of the source's grade and track (source first).

        These are what a trial on `t` guarantees (rule T006; the site's readiness path names the first).
        """
        source = self.levels[t.source]
        found = [back for back in self.transitions_from(t.target) if back.kind == SWITCH and (
            back.target == source.id or (self.levels[back.target].grade == source.grade
                                         and self.levels[back.target].track == source.track))]
        return sorted(found, key=lambda back: back.target != source.id)

    def transitions_from(self, level_id: str) -> list[Transition]:
        """The transitions out of a level, in ladder order."""
        return list(self._by_end[0].get(level_id, ()))

    def transitions_to(self, level_id: str) -> list[Transition]:
        """The transitions into a level, in ladder order."""
        return list(self._by_end[1].get(level_id, ()))

    @cached_property
    def _by_end(self) -> tuple[dict[str, list[Transition]], dict[str, list[Transition]]]:
        # Built on first use (cached_property writes the instance __dict__, which a frozen
        # dataclass allows): the rules and the site ask per level, and a scan of every
        # transition per question is quadratic in the ladder's size.
        out: dict[str, list[Transition]] = {}
        into: dict[str, list[Transition]] = {}
        for t in self.transitions:
            out.setdefault(t.source, []).append(t)
            into.setdefault(t.target, []).append(t)
        return out, into
