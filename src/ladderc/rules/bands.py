"""Shared arithmetic and wording for the pay rules: amounts, zones, and derived-zone echoes.

A band derived from a failing band fails the same way; reporting it again in every derived zone
would bury the one number HR has to change. `failing_zones` therefore reports a derived zone
only when the derivation (rounding, or a band written there) is what breaks it, and names the
echoing zones in the source zone's finding instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TypeVar

from ladderc.model import (
    BASE,
    FORMULA,
    MAX_AMOUNT,
    MEASURE_NAMES,
    TOTAL,
    Amount,
    Band,
    Ladder,
    Level,
    annual,
    format_amount,
    format_rate,
)


def well_formed(band: Band) -> bool:
    return 0 < band.min <= band.mid <= band.max <= MAX_AMOUNT


def money(amount, ladder: Ladder, zone: str) -> str:
    currency = ladder.zones[zone].currency
    return f"{format_amount(amount, currency)} {currency}"


def pay(band: Band, key: str, ladder: Ladder, zone: str) -> str:
    """Band amount `key` as written with its unit: '188,000 USD', or '25.50 USD/hour (53,040 USD/year)'."""
    if not band.hourly:
        return money(getattr(band, key), ladder, zone)
    currency = ladder.zones[zone].currency
    return (f"{format_rate(getattr(band, key), currency)} {currency}/hour "
            f"({money(annual(band, key, ladder.policy), ladder, zone)}/year)")


def span(band: Band, ladder: Ladder, zone: str) -> str:
    """A band's min to max as written: '100,000–140,000 USD', or '48.00–67.31 USD/hour'."""
    currency = ladder.zones[zone].currency
    if band.hourly:
        return f"{format_rate(band.min, currency)}–{format_rate(band.max, currency)} {currency}/hour"
    return f"{format_amount(band.min, currency)}–{money(band.max, ladder, zone)}"


def in_unit_of(amount: Amount, band: Band, ladder: Ladder, zone: str, up: bool) -> str:
    """An annual `amount` (from `annual`) in `band`'s unit for a hint: '53,040', or '25.50/hour' (rounded up or down)."""
    if not band.hourly:
        return format_amount(amount)
    from ladderc.currency import minor_unit

    step = minor_unit(ladder.zones[zone].currency)
    steps = Decimal(str(amount)) / Decimal(str(ladder.policy.hours_per_year)) / step
    return f"{format_rate((math.ceil(steps) if up else math.floor(steps)) * step, ladder.zones[zone].currency)}/hour"


def derived_note(ladder: Ladder, zone: str, band: Band) -> str:
    """' (derived from us × 0.5)' for a derived band, ' (from the pay formula)' for a formula band, else ''."""
    if band.origin == FORMULA:
        return " (from the pay formula)"
    if not band.derived:
        return ""
    derive = ladder.zones[zone].derive
    return f" (derived from {derive.source} × {derive.factor})" if derive is not None else ""


def echo_note(echoes: list[str]) -> str:
    return f"; the same holds in derived zone{'s' if len(echoes) > 1 else ''} {', '.join(echoes)}" if echoes else ""


def measure_note(policy, measure: str) -> str:
    """' on-target total' (or ' base' when the ladder compares more than one measure), else ''."""
    return f" {MEASURE_NAMES[measure]}" if measure != BASE or len(policy.parity_measures) > 1 else ""


Outcome = TypeVar("Outcome")


def failing_zones(ladder: Ladder, levels: tuple[Level, ...], test: Callable[..., Outcome | None], measure: str = BASE
                  ) -> Iterator[tuple[str, tuple[Band, ...], Outcome, list[str]]]:
    """(zone, bands, outcome, echoing zones) for each zone where `test(*bands)` is truthy.

    The bands are the levels' bands on `measure` (base, or the on-target total at each point).
    Only zones where every level has a well-formed base band are tested (P001 and P002 report the
    others). A derived zone whose bands are all derived and whose source zone fails too is an
    echo: it is listed with the source's finding rather than reported on its own.
    """
    outcomes: dict[str, tuple[tuple[Band, ...], Outcome]] = {}
    measured = [lv.bands if measure == BASE else ladder.measured(lv, measure) for lv in levels]
    for zone in ladder.zones:  # a plain loop: this runs for every level, pair and transition
        bands: list[Band] = []
        for level, on in zip(levels, measured, strict=False):
            band = level.bands.get(zone)
            if band is None or not 0 < band.min <= band.mid <= band.max <= MAX_AMOUNT:
                break
            bands.append(on[zone])
        else:
            outcome = test(*bands)
            if outcome:
                outcomes[zone] = (tuple(bands), outcome)
    if not outcomes:
        return
    echoes: dict[str, list[str]] = {zone: [] for zone in outcomes}
    for zone in list(outcomes):
        origin = _origin(ladder, zone, outcomes)
        if origin != zone:
            echoes[origin].append(zone)
            del echoes[zone]
    for zone, found in echoes.items():
        failing, outcome = outcomes[zone]
        yield zone, failing, outcome, found


def _origin(ladder: Ladder, zone: str, outcomes: dict) -> str:
    """The zone a failure in `zone` echoes: up the derivation chain while every band is derived."""
    while True:
        derive = ladder.zones[zone].derive
        if derive is None or derive.source not in outcomes or not all(b.derived for b in outcomes[zone][0]):
            return zone
        zone = derive.source


def measures(policy, levels) -> list[str]:
    """The measures to compare for these levels.

    Where none of them earns beyond base, the total is the base: compared once, on the base if
    the policy names it.
    """
    if BASE in policy.parity_measures and not any(lv.earns_beyond_base for lv in levels):
        return [BASE]
    return list(policy.parity_measures)


def earns_at_least(level: Level, other: Level) -> bool:
    """Whether `level`'s on-target total is at least `other`'s at every base pay, in every zone.

    So when both earn beyond base (both totals are base × (1 + target) + equity, rounded the same
    way), `level`'s 1 + target is at least `other`'s and its equity is at least `other`'s in every
    zone (none counting as 0). The total rises with the base and with both terms, so wherever
    `level`'s base is at least `other`'s, so is its total: a rule that finds the base holding need
    not compute the totals (`compared`).
    """
    variable, other_variable = level.variable, other.variable
    if (variable is None and not level.equity) or (other_variable is None and not other.equity):
        return False  # a base-only level's "total" is its base unrounded, not the same function
    numerator, denominator = variable.factor if variable is not None else (1, 1)
    other_numerator, other_denominator = other_variable.factor if other_variable is not None else (1, 1)
    if numerator * other_denominator < other_numerator * denominator:
        return False
    if not (level.equity or other.equity):
        return True
    for zone, equity in other.equity.items():
        own = level.equity.get(zone)
        if (own.amount if own is not None else 0) < equity.amount:
            return False
    return all(equity.amount >= 0 for zone, equity in level.equity.items() if zone not in other.equity)


def compared(ladder: Ladder, levels: tuple[Level, ...], test: Callable[..., Outcome | None],
             total_follows: Callable[[], bool]) -> list[tuple[str, str, tuple[Band, ...], Outcome, list[str]]]:
    """(measure, zone, bands, outcome, echoes): `failing_zones` on each measure of `measures`, in its order.

    `total_follows()` says that the total cannot fail where the base holds (`earns_at_least`, for
    the rule's comparison): then, when the base finds nothing, the totals are not computed, and
    nothing is lost. Otherwise, and wherever the base fails, both are compared. It is asked only
    when the base found nothing and the total is to be compared.
    """
    chosen = measures(ladder.policy, levels)
    found = {BASE: list(failing_zones(ladder, levels, test, BASE)) if BASE in chosen else []}
    skip = BASE in chosen and TOTAL in chosen and not found[BASE] and total_follows()
    found[TOTAL] = [] if TOTAL not in chosen or skip else list(failing_zones(ladder, levels, test, TOTAL))
    return [(measure, *failing) for measure in chosen for failing in found[measure]]
