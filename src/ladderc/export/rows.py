"""The rows every export shares: levels, bands, transitions, expectations, and pay grades.

Targets differ in column names and file shapes, not in what a level or a band is; building the
rows once here keeps them reconciling with each other. Everything is ordered deterministically:
families by id, then track (ladder order), grade (low to high) and level id.

Each kind of row is computed once per ladder and shared by every target of an export (at a
thousand families, three targets each sorting 13,000 levels and building 39,000 band rows cost
more than some targets' own work). The results are shared: targets read them and never modify them.
"""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from ladderc.diagnostics import Diagnostic
from ladderc.model import EEO1_CATEGORIES, MAX_AMOUNT, Amount, Band, Ladder, Level, Transition, annual, format_amount
from ladderc.stage_rules import EXPORT_AMOUNT_TOO_LARGE

FREQUENCY = "annual"  # a salaried band is annual base pay (the format says so)
HOURLY_FREQUENCY = "hourly"  # the band of a level with `classification.pay_rate: hourly`


def frequency(band: Band) -> str:
    """FREQUENCY or HOURLY_FREQUENCY: what a target maps to its own pay frequency code."""
    return HOURLY_FREQUENCY if band.hourly else FREQUENCY


def annual_amounts(row: BandRow, ladder: Ladder) -> tuple[Amount, Amount, Amount]:
    """A band row's min, mid and max per year, for a target whose band upload carries only annual pay."""
    if not row.band.hourly:
        return row.min, row.mid, row.max
    low, mid, high = (amount(annual(row.band, key, ladder.policy)) for key in ("min", "mid", "max"))
    return low, mid, high


def annual_beyond_limit(ladder: Ladder, target: str) -> list[Diagnostic]:
    """E006 for each hourly band whose max, annualised for `target`'s upload, is above MAX_AMOUNT: at the
    band's max. A derived band is reported only when its source band is within the limit (else the
    source's finding says it: one mistake, one finding)."""
    found = []
    hours = ladder.policy.hours_per_year
    for row in band_rows(ladder):
        band = row.band
        if not band.hourly or annual(band, "max", ladder.policy) <= MAX_AMOUNT:
            continue
        derive = ladder.zones[row.zone].derive
        source = row.level.bands.get(derive.source) if band.derived and derive is not None else None
        if source is not None and annual(source, "max", ladder.policy) > MAX_AMOUNT:
            continue
        found.append(EXPORT_AMOUNT_TOO_LARGE.at(
            band.at("max"),
            f"{target}: the hourly band of '{row.level.id}' in {row.zone}{' (derived)' if band.derived else ''} "
            f"tops out at {format_amount(row.max, row.currency)} {row.currency}/hour, "
            f"{format_amount(annual(band, 'max', ladder.policy), row.currency)} {row.currency} a year at "
            f"policy.hours_per_year {format_amount(hours)}: above {format_amount(MAX_AMOUNT)}, the largest amount "
            "ladderc carries",
            f"{target} takes annual pay only: max × policy.hours_per_year must be at most "
            f"{format_amount(MAX_AMOUNT)} (is it a yearly figure under an hourly level?)"))
    return found


T = TypeVar("T")
_computed: dict[int, dict[str, object]] = {}  # id(ladder) -> function name -> its result


def once_per_ladder(compute: Callable[[Ladder], T]) -> Callable[[Ladder], T]:
    """`compute(ladder)`, run once per ladder object and then returned as it was.

    Keyed by identity because a `Ladder` holds dicts and so cannot be hashed; the entry is dropped
    when the ladder is, so a later ladder at the same address never sees it.
    """

    @functools.wraps(compute)
    def shared(ladder: Ladder) -> T:
        results = _computed.get(id(ladder))
        if results is None:
            results = _computed[id(ladder)] = {}
            weakref.finalize(ladder, _computed.pop, id(ladder), None)
        if compute.__name__ not in results:
            results[compute.__name__] = compute(ladder)
        return results[compute.__name__]  # type: ignore[return-value]

    return shared


def amount(value: Amount) -> Amount:
    """An amount as a number a spreadsheet shows without a stray '.0'."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@once_per_ladder
def ordered_levels(ladder: Ladder) -> tuple[Level, ...]:
    track_rank = {track: rank for rank, track in enumerate(ladder.tracks)}
    return tuple(sorted(ladder.levels.values(),
                        key=lambda lv: (lv.family, track_rank[lv.track], lv.grade_index, lv.id)))


@once_per_ladder
def ordered_transitions(ladder: Ladder) -> tuple[Transition, ...]:
    return tuple(sorted(ladder.transitions, key=lambda t: (t.source, t.target, t.kind)))


class BandRow(NamedTuple):
    """One level's band in one zone, its amounts as `amount` gives them.

    Targets unpack it (`for level, zone, currency, band, low, mid, high in band_rows(ladder)`),
    cheaper per row than attribute access: the order of the fields is part of its interface.
    """

    level: Level
    zone: str
    currency: str
    band: Band
    min: Amount
    mid: Amount
    max: Amount


@once_per_ladder
def band_rows(ladder: Ladder) -> tuple[BandRow, ...]:
    """One row per level × zone where the level has a band, zones in ladder order."""
    zones = [(zone.id, zone.currency) for zone in ladder.zones.values()]
    return tuple(BandRow(level, zone, currency, band, amount(band.min), amount(band.mid), amount(band.max))
                 for level in ordered_levels(ladder) for zone, currency in zones
                 if (band := level.bands.get(zone)) is not None)


class TotalPay(NamedTuple):
    """What one level earns beyond base in one zone, at its band's min, mid and max.

    `variable_*` is the on-target variable pay, `total_*` the on-target total
    (`Ladder.total`: base × (1 + target) + equity); empty strings where the level has no
    variable pay or equity, so a table column says nothing rather than 0.
    """

    variable_kind: str  # bonus | commission | ''
    variable_target: float | str  # fraction of base (float) | ''
    variable_mix: str  # '50/50' | ''
    variable_min: Amount | str
    variable_mid: Amount | str
    variable_max: Amount | str
    equity: Amount | str
    total_min: Amount | str
    total_mid: Amount | str
    total_max: Amount | str


NO_TOTAL = TotalPay("", "", "", "", "", "", "", "", "", "")


def _variable(ladder: Ladder, level: Level, zone: str, band: Band) -> tuple[Amount | str, Amount | str, Amount | str]:
    if not level.variable:
        return "", "", ""
    low, mid, high = (amount(ladder.variable_amount(level, zone, annual(band, key, ladder.policy)))
                      for key in ("min", "mid", "max"))
    return low, mid, high


@once_per_ladder
def total_pay(ladder: Ladder) -> dict[tuple[str, str], TotalPay]:
    """(level id, zone id) -> `TotalPay`, for every band of a level with variable pay or equity.

    The one place exports read variable pay, equity and totals from: every target's columns for
    them reconcile with each other and with the rules.
    """
    found = {}
    for level, zone, _, band, *_ in band_rows(ladder):
        if not level.earns_beyond_base:
            continue
        var = level.variable
        total = ladder.total_bands(level)[zone]
        equity = level.equity.get(zone)
        found[(level.id, zone)] = TotalPay(
            var.kind if var else "", float(var.target) if var else "",
            f"{var.mix[0]}/{var.mix[1]}" if var and var.mix else "",
            # Per year, as the totals: an hourly band's base is annualised (`annual`) before the target applies.
            *_variable(ladder, level, zone, band),
            amount(equity.amount) if equity else "",
            amount(total.min), amount(total.mid), amount(total.max))
    return found


@once_per_ladder
def expectation_rows(ladder: Ladder) -> tuple[tuple[Level, str, str], ...]:
    """(level, competency id, expectation) for every written expectation."""
    return tuple((level, competency, text) for level in ordered_levels(ladder)
                 for competency, text in level.expectations.items())


@dataclass(frozen=True)
class PayGrade:
    """A grade as HRIS systems price it: one band per zone, shared by every level on it.

    A ladder prices levels, not grades: two levels at G5 in different families may have different
    bands. Where every level at a grade has the same bands, the pay grade is the grade itself
    (`G5`); otherwise the grade splits by family (`G5-engineering`), or by level where one family
    holds two band sets at one grade (`G5-se5`).
    """

    code: str
    grade: str
    grade_index: int
    levels: tuple[str, ...]
    bands: dict  # zone id -> Band (of the first level; all levels share the amounts)

    @property
    def description(self) -> str:
        return f"Grade {self.grade}: {', '.join(self.levels)}"


@once_per_ladder
def pay_grades(ladder: Ladder) -> tuple[tuple[PayGrade, ...], dict[str, PayGrade]]:
    """The pay grades in grade order, and each level's pay grade."""
    by_grade: dict[str, dict[tuple, list[Level]]] = {}
    for level in ordered_levels(ladder):
        # Keyed on the amounts as written, not through `amount`: 120000 and 120000.0 are equal keys,
        # so the groups are the same, and the conversion was a third of this loop's time.
        key = tuple((zone, b.min, b.mid, b.max, b.hourly) for zone, b in level.bands.items())
        by_grade.setdefault(level.grade, {}).setdefault(key, []).append(level)
    grades: list[PayGrade] = []
    for grade in ladder.grades:
        groups = list(by_grade.get(grade.id, {}).values())
        band_sets = Counter(family for levels in groups for family in {lv.family for lv in levels})
        for levels in groups:
            grades.append(PayGrade(_code(grade.id, levels, len(groups), band_sets), grade.id, grade.index,
                                   tuple(lv.id for lv in levels), dict(levels[0].bands)))
    return tuple(grades), {level: pg for pg in grades for level in pg.levels}


def _code(grade: str, levels: list[Level], groups: int, band_sets: Counter) -> str:
    """`band_sets`: how many distinct band sets each family has at this grade."""
    if groups == 1:
        return grade
    families = {lv.family for lv in levels}
    if len(families) == 1 and band_sets[levels[0].family] == 1:
        return f"{grade}-{levels[0].family}"
    return f"{grade}-{levels[0].id}"


def requires_text(transition: Transition) -> str:
    return ";".join(transition.requires)


def support_text(transition: Transition) -> str:
    return ";".join(transition.support)


US = "US"


def has_us_zone(ladder: Ladder) -> bool:
    """Whether US classification (FLSA) applies anywhere in the ladder: a zone whose country is US."""
    return any(zone.country == US for zone in ladder.zones.values())


def eeo1_number(category: str) -> str:
    """The EEO-1 report's number of a job category (`1.1`, `1.2`, `2` ... `9`); '' for none."""
    if not category:
        return ""
    index = EEO1_CATEGORIES.index(category)
    return ("1.1", "1.2")[index] if index < 2 else str(index)
