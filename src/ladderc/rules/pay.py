"""P rules: pay bands in every zone, after derivation (shape, presence, parity, progression).

The amounts in each message are the resolved ones, in the zone's currency; a derived band says
so, and its position is the level's `pay` mapping (or the level) because nothing was written for
it. Helpers shared by these rules live in `ladderc.rules.bands`. Under `policy.pay: none` none of
these rules runs (`pay_rule`); under `optional` only P002 stands down.

Amounts of different levels are compared per year through `model.annual`: an hourly band
(`classification.pay_rate: hourly`) is converted with `policy.hours_per_year`, and messages show
it as written with its unit (`bands.pay`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from decimal import Decimal

from ladderc.diagnostics import ERROR, WARNING, Diagnostic, Rule
from ladderc.model import INDIVIDUAL, MANAGEMENT, MAX_AMOUNT, PAY_REQUIRED, TOTAL, Ladder, annual, format_amount
from ladderc.rules.bands import (
    compared,
    derived_note,
    earns_at_least,
    echo_note,
    failing_zones,
    in_unit_of,
    measure_note,
    money,
    pay,
    span,
    well_formed,
)


def pay_rule(code: str, name: str, check: Callable[..., list[Diagnostic]], severity: str = ERROR) -> Rule:
    """The rule of a check over bands; it does not run on a ladder with `policy.pay: none`."""

    @functools.wraps(check)  # the docstring is the rule's documentation
    def unless_no_pay(ladder: Ladder, graph, policy) -> list[Diagnostic]:
        return check(ladder, graph, policy) if ladder.publishes_pay else []

    return Rule.checking(code, name, unless_no_pay, severity)


def percent(fraction: float | Decimal) -> str:
    return f"{fraction * 100:.1f}%"


def bounds(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 100:g}%–{pair[1] * 100:g}%"


def malformed_band(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A pay band whose amounts are out of order (`min > mid` or `mid > max`) or not positive.

    A band (or a level's equity) derived through a chain of zones can also grow past
    1,000,000,000,000, the largest amount ladderc carries into every output (written amounts are
    bounded by the schema).

    A derived band is reported only when the derivation itself breaks it (rounding to zero); a
    band derived from a malformed one is fixed by fixing its source. The other pay rules skip
    malformed bands, so one mistake gives one finding.

    Why: parity, progression and pay-cut checks all compare band amounts; with a band upside
    down, every comparison with it is meaningless, and so is the range shown to employees.

    Failing:

        pay:
          us: {min: 140000, mid: 120000, max: 100000}

    Passing:

        pay:
          us: {min: 100000, mid: 120000, max: 140000}
    """
    found = []
    for level in ladder.levels.values():
        for zone, band in level.bands.items():
            derive = ladder.zones[zone].derive
            if well_formed(band) or (band.derived and derive is not None and not well_formed(level.bands[derive.source])):
                continue
            hint = "write the band as 0 < min <= mid <= max"
            if min(band.min, band.mid, band.max) <= 0:
                problem, at = "has an amount that is not positive", band.at("min" if band.min <= 0 else "max")
            elif band.min > band.mid:
                problem, at = "has min above mid", band.at("min")
            elif band.mid <= band.max:  # derivation took it past what every output can carry
                problem, at = f"has an amount above {format_amount(MAX_AMOUNT)}, the largest ladderc carries", band.at("max")
                hint = "lower the derive factor of this zone or of the zones it derives from"
            else:
                problem, at = "has mid above max", band.at("mid")
            amounts = "/".join(format_amount(a, ladder.zones[zone].currency) for a in (band.min, band.mid, band.max))
            found.append(MALFORMED_BAND.at(
                    at, f"band of '{level.id}' in {zone}{derived_note(ladder, zone, band)} {problem}: "
                    f"min/mid/max {amounts} {ladder.zones[zone].currency}{'/hour' if band.hourly else ''}", hint))
        for zone, equity in level.equity.items():  # derived equity can grow past the limit as bands do
            if equity.amount > MAX_AMOUNT:
                found.append(MALFORMED_BAND.at(
                        equity.pos,
                        f"equity of '{level.id}' in {zone} (derived) is {money(equity.amount, ladder, zone)}, "
                        f"above {format_amount(MAX_AMOUNT)}, the largest ladderc carries",
                        "lower the derive factor of this zone or of the zones it derives from"))
    return found


MALFORMED_BAND = pay_rule("P001", "malformed-band", malformed_band)


def missing_band(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A level has no pay band in a zone, after derivation, and `policy.pay` is `required`.

    A derived zone lacks a band only where its source zone does, so the finding names the source
    zone and lists the derived zones that lack the band because of it.

    `policy.pay` says how much pay the ladder publishes:

    - `required` (the default): every level has a band in every zone; this rule reports each gap.
    - `optional`: a level may lack a band in a zone. This rule does not run; the other pay rules
      compare only where both bands exist; the site says "not published" there and the exports
      leave the band out (and say so).
    - `none`: the ladder has no pay. `zones` may be left out, a level's `pay` is an S002 error, no
      P rule runs, and the site and exports carry no pay, as with `ladderc build --no-pay`.

    Why: pay transparency and parity are promises about every level in every place the company
    hires; a level without a band in a zone has pay nobody can check or publish.

    Failing:

        - id: e2
          pay: {}

    Passing:

        - id: e2
          pay:
            us: {min: 114000, mid: 138000, max: 162000}
    """
    if policy.pay != PAY_REQUIRED:
        return []
    found = []
    for level in ladder.levels.values():
        missing = [z for z in ladder.zones if z not in level.bands]
        for zone in missing:
            if ladder.zones[zone].derive is not None:
                continue
            echoes = [z for z in missing if _derives_from(ladder, z, zone)]
            also = f" (nor, derived from it, in {', '.join(echoes)})" if echoes else ""
            found.append(MISSING_BAND.at(level.pos,
                                         f"level '{level.id}' ({level.grade}, {level.title}) has no band in zone "
                                         f"'{zone}'{also}",
                                         f"add `{zone}: {{min: ..., max: ...}}` under {level.id}'s pay"))
    return found


MISSING_BAND = pay_rule("P002", "missing-band", missing_band)


def _derives_from(ladder: Ladder, zone: str, source: str) -> bool:
    derive = ladder.zones[zone].derive
    while derive is not None:
        if derive.source == source:
            return True
        derive = ladder.zones[derive.source].derive
    return False


def pay_parity(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """At a grade and zone of a family, an IC band's max is below the highest management max.

    An IC max may sit at most `policy.parity_tolerance` (a fraction, default 0) below the
    management max at the same grade. The rule compares each measure of
    `policy.parity_measures`: `base` (the base band) and `total` (the on-target total,
    base × (1 + variable target) + equity), by default both when any level has variable pay or
    equity. The total is compared only where one of the levels earns beyond base (elsewhere it
    is the base), and each finding names its measure.

    Worked numbers: an account executive at G5 with base max 150,000 USD on a 50/50 mix tops out
    at 300,000 USD on target; a sales manager at G5 with base max 200,000 USD on a 70/30 mix tops
    out at 285,714.29 USD. Base parity fails (25.0% below), total parity holds.

    Why: the dual-track promise is that an IC at a grade earns what a manager at that grade earns.
    A lower IC ceiling tells the best engineers that the money is in management, and a manager
    whose variable pay lifts the total above the IC's breaks the promise as surely as base does.

    Failing:

        - {id: e3, track: ic, grade: G3, pay: {us: {min: 132000, max: 170000}}}
        - {id: m3, track: mgmt, grade: G3, pay: {us: {min: 132000, max: 188000}}}

    Passing:

        - {id: e3, track: ic, grade: G3, pay: {us: {min: 132000, max: 188000}}}
        - {id: m3, track: mgmt, grade: G3, pay: {us: {min: 132000, max: 188000}}}
    """
    keep = 1 - Decimal(str(policy.parity_tolerance))
    found = []
    for family in ladder.families.values():
        by_grade: dict[int, dict[str, list]] = {}
        for i in family.levels:
            level = ladder.levels[i]
            by_grade.setdefault(level.grade_index, {INDIVIDUAL: [], MANAGEMENT: []})[ladder.track_of(level).kind].append(level)
        for group in by_grade.values():
            managers = tuple(group[MANAGEMENT])
            for ic in group[INDIVIDUAL] if managers else ():
                def short(ic_band, *bands):
                    top = max(range(len(bands)), key=lambda k: annual(bands[k], "max", policy))
                    return (top,) if Decimal(str(annual(ic_band, "max", policy))) < \
                        keep * Decimal(str(annual(bands[top], "max", policy))) else None

                # With no tolerance, a base max at least every manager's gives a total at least theirs too.
                def follows(ic=ic, managers=managers) -> bool:
                    return keep == 1 and all(earns_at_least(ic, manager) for manager in managers)

                for measure, zone, bands, (top,), echoes in compared(ladder, (ic,) + managers, short, follows):
                    found.append(_parity(ladder, policy, measure, zone, ic, bands[0], managers[top],
                                         bands[top + 1], keep, echoes))
    return found


PAY_PARITY = pay_rule("P003", "pay-parity", pay_parity)


def _parity(ladder, policy, measure, zone, ic, band, manager, top, keep, echoes) -> Diagnostic:
    top_max = annual(top, "max", policy)
    gap = (top_max - annual(band, "max", policy)) / top_max
    need = in_unit_of(math.ceil(keep * Decimal(str(top_max))), band, ladder, zone, up=True)
    if measure == TOTAL:
        where = f"raise {ic.id}'s on-target max in {zone} (its base max, variable target or equity) to at least {need}"
        at = ic.variable.pos if ic.variable is not None else band.at("max")
    else:
        where = (f"write a band for {ic.id} in {zone} with max at least {need}, raise its source band"
                 if band.derived else f"raise {ic.id}'s max in {zone} to at least {need}")
        at = band.at("max")
    note = measure_note(policy, measure)
    return PAY_PARITY.at(at,
                         f"IC level '{ic.id}' ({ic.grade}) tops out at {pay(band, 'max', ladder, zone)}{note} in {zone}"
                         f"{derived_note(ladder, zone, band)}, {percent(gap)} below manager '{manager.id}' "
                         f"({pay(top, 'max', ladder, zone)}{note}){echo_note(echoes)}",
                         f"{where} or set policy.parity_tolerance")


def along_tracks(ladder: Ladder):
    """(lower, higher) consecutive levels along each track of each family."""
    for family in ladder.families.values():
        levels = sorted((ladder.levels[i] for i in family.levels), key=lambda lv: (lv.track, lv.grade_index))
        for low, high in zip(levels, levels[1:], strict=False):
            if low.track == high.track:
                yield low, high


def midpoint_order(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """Along one track of one family, a band midpoint is not above the previous level's, in a zone.

    Why: a higher grade with the same or lower target pay makes promotion a pay freeze, and makes
    any IC-versus-manager parity at that grade hollow.

    Failing:

        - {id: e1, grade: G1, pay: {us: {min: 100000, mid: 120000, max: 140000}}}
        - {id: e2, grade: G2, pay: {us: {min: 100000, mid: 118000, max: 140000}}}

    Passing:

        - {id: e1, grade: G1, pay: {us: {min: 100000, mid: 120000, max: 140000}}}
        - {id: e2, grade: G2, pay: {us: {min: 114000, mid: 138000, max: 162000}}}
    """
    found = []
    for low, high in along_tracks(ladder):
        for zone, (a, b), _, echoes in failing_zones(ladder, (low, high),
                                                         lambda a, b: annual(b, "mid", policy) <= annual(a, "mid", policy)):
            found.append(MIDPOINT_ORDER.at(
                    b.at("mid"), f"midpoint of '{high.id}' ({high.grade}) in {zone}{derived_note(ladder, zone, b)} "
                    f"is {pay(b, 'mid', ladder, zone)}, not above '{low.id}' ({low.grade}) at "
                    f"{pay(a, 'mid', ladder, zone)}{echo_note(echoes)}", f"raise {high.id}'s mid in {zone} above "
                    f"{_above(annual(a, 'mid', policy), b, ladder, zone)}"))
    return found


MIDPOINT_ORDER = pay_rule("P004", "midpoint-order", midpoint_order)


def range_spread(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A band's range spread `(max - min) / min` is outside `policy.range_spread` (default 30%–100%).

    Why: a band too narrow leaves no room to grow pay within a level, so people chase promotions
    they are not ready for; a band too wide makes the published range say little, which
    pay-transparency laws and employees both notice.

    Failing:

        us: {min: 100000, max: 110000}     # 10%

    Passing:

        us: {min: 100000, max: 140000}     # 40%
    """
    low, high = policy.range_spread
    found = []
    for level in ladder.levels.values():
        def outside(band):
            return not low <= band.spread <= high

        for zone, (band,), _, echoes in failing_zones(ladder, (level,), outside):
            limit = band.min * (1 + (low if band.spread < low else high))
            fix = (f"raise max to at least {format_amount(math.ceil(limit))}" if band.spread < low
                   else f"lower max to at most {format_amount(math.floor(limit))}")
            found.append(RANGE_SPREAD.at(
                    band.pos, f"band of '{level.id}' in {zone}{derived_note(ladder, zone, band)} spans "
                    f"{span(band, ladder, zone)}, a spread of {percent(band.spread)}, "
                    f"outside policy.range_spread {bounds(policy.range_spread)}{echo_note(echoes)}",
                    f"{fix}, or change policy.range_spread"))
    return found


RANGE_SPREAD = pay_rule("P005", "range-spread", range_spread, WARNING)


def midpoint_progression(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """Along a track, the midpoint rise per grade is outside `policy.midpoint_progression`.

    The rise per grade between consecutive levels is `(mid_next / mid) ^ (1 / grade steps) - 1`
    (default range 5%–30%). Only rising midpoints are checked; a fall is P004.

    Why: a step that barely raises pay makes a promotion symbolic; a jump far above the others
    makes that level a cliff people are held back from, and both distort IC-manager parity.

    Failing:

        - {id: e1, grade: G1, pay: {us: {min: 100000, mid: 120000, max: 140000}}}
        - {id: e2, grade: G2, pay: {us: {min: 150000, mid: 180000, max: 210000}}}   # +50%

    Passing:

        - {id: e1, grade: G1, pay: {us: {min: 100000, mid: 120000, max: 140000}}}
        - {id: e2, grade: G2, pay: {us: {min: 114000, mid: 138000, max: 162000}}}   # +15%
    """
    low, high = policy.midpoint_progression
    found = []
    for lower, higher in along_tracks(ladder):
        steps = higher.grade_index - lower.grade_index
        if steps <= 0:
            continue

        def rise(a, b, steps=steps):  # called in this iteration; bound so it reads so
            a_mid, b_mid = annual(a, "mid", policy), annual(b, "mid", policy)
            rate = (b_mid / a_mid) ** (1 / steps) - 1
            return (rate,) if b_mid > a_mid and not low <= rate <= high else None

        for zone, (a, b), (rate,), echoes in failing_zones(ladder, (lower, higher), rise):
            per = "" if steps == 1 else f" over {steps} grades"
            found.append(MIDPOINT_PROGRESSION.at(
                    b.at("mid"), f"midpoint rises {percent(rate)} per grade{per} from '{lower.id}' ({lower.grade}, "
                    f"{pay(a, 'mid', ladder, zone)}) to '{higher.id}' ({higher.grade}, "
                    f"{pay(b, 'mid', ladder, zone)}) in {zone}{derived_note(ladder, zone, b)}, outside "
                    f"policy.midpoint_progression {bounds(policy.midpoint_progression)}{echo_note(echoes)}",
                    f"set {higher.id}'s mid in {zone} between "
                    f"{in_unit_of(math.ceil(_grown(annual(a, 'mid', policy), low, steps)), b, ladder, zone, up=True)} "
                    f"and {in_unit_of(math.floor(_grown(annual(a, 'mid', policy), high, steps)), b, ladder, zone, up=False)}, "
                    "or change the policy"))
    return found


MIDPOINT_PROGRESSION = pay_rule("P006", "midpoint-progression", midpoint_progression, WARNING)


def _above(amount, band, ladder: Ladder, zone: str) -> str:
    """The annual `amount` in `band`'s unit, as the level below's mid a hint asks to exceed."""
    return in_unit_of(amount, band, ladder, zone, up=False) if band.hourly else \
        format_amount(amount, ladder.zones[zone].currency)


def _grown(mid, rate: float, steps: int) -> float:
    """`mid` after `steps` grades rising by `rate`, at most MAX_AMOUNT (many steps of a steep policy overflow)."""
    try:
        return min(mid * (1 + rate) ** steps, MAX_AMOUNT)
    except OverflowError:
        return MAX_AMOUNT


def pay_cut_transition(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A promotion or switch whose target band's min or max is below the source band's, in a zone.

    Listed and implied transitions are checked, in every zone where both levels have a band, on
    each measure of `policy.parity_measures` (see P003): a move into management that lowers the
    on-target total is a pay cut even when the base band rises.

    Worked numbers: an account executive with base 120,000–160,000 USD on a 50/50 mix earns
    240,000–320,000 USD on target; a sales manager role with base 140,000–180,000 USD on a 70/30
    mix pays 200,000–257,142.86 USD on target: base rises, the total falls, so the switch fails.

    Why: a switch into management, and just as much the way back, must not cost pay; otherwise
    the "way back" is a demotion and nobody takes it, and the top seller offered a team takes a
    pay cut for more stress.

    Failing:

        - {from: m4, to: e3, kind: switch, criteria: Any time.}   # e3 tops out below m4

    Passing:

        - {from: m4, to: e4, kind: switch, criteria: Any time.}   # same grade, same band
    """
    found = []
    for t in ladder.transitions:
        source, target = ladder.levels[t.source], ladder.levels[t.target]

        def lowers(a, b):
            return [k for k in ("min", "max") if annual(b, k, policy) < annual(a, k, policy)] or None

        for measure, zone, (a, b), amounts, echoes in compared(ladder, (source, target), lowers,
                                                               functools.partial(earns_at_least, target, source)):
            what = {"": "pay", " base": "base pay"}.get(measure_note(policy, measure), "the on-target total")
            cuts = ", ".join(f"{k} {pay(a, k, ladder, zone)} -> {pay(b, k, ladder, zone)}" for k in amounts)
            raise_ = f"{t.target}'s on-target total" if measure == TOTAL else f"{t.target}'s band"
            found.append(PAY_CUT_TRANSITION.at(
                    t.pos, f"{t.kind} {t.source} -> {t.target} lowers {what} in {zone}: {cuts}{echo_note(echoes)}",
                    f"move the {t.kind} to a level whose {'total' if measure == TOTAL else 'band'} "
                    f"is not lower, or raise {raise_} in {zone} to at least "
                    + " and ".join(f"{k} {in_unit_of(annual(a, k, policy), b, ladder, zone, up=True)}" for k in amounts)))
    return found


PAY_CUT_TRANSITION = pay_rule("P007", "pay-cut-transition", pay_cut_transition)


def _decimals(amount) -> int:
    """How many decimals `amount` is written with: 120000 -> 0, 40000.999 -> 3."""
    if isinstance(amount, int):  # most amounts: no need for a Decimal
        return 0
    exponent = Decimal(str(amount)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def band_precision(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A band amount, or a derived zone's rounding step, has more decimals than its currency has.

    ISO 4217 gives each currency its minor unit: none for JPY or KRW, three for BHD, KWD or OMR,
    two for most. A derived zone whose `round` is finer than its currency's minor unit computes
    such amounts for every level, so the step is reported once, at the zone's `round`.

    Why: nobody can be paid 150,000.5 yen; payroll and the HRIS round such an amount, each its
    own way, and the range employees see is not the one that is paid.

    Failing:

        zones:
          - {id: jp, name: Japan, currency: JPY}
        # in a family:
        pay:
          jp: {min: 9000000.5, max: 12000000}

    Passing:

        pay:
          jp: {min: 9000000, max: 12000000}
    """
    from ladderc.currency import minor_digits

    found = []
    for zone in ladder.zones.values():
        digits = minor_digits(zone.currency)
        if zone.derive is not None and digits is not None and _decimals(zone.derive.round) > digits:
            found.append(BAND_PRECISION.at(zone.derive.round_pos,
                                           f"zone {zone.id} rounds derived bands to {zone.derive.round}, finer than "
                                           f"{zone.currency} allows ({digits} decimal{'s' if digits != 1 else ''})",
                                           f"set derive.round to a multiple of {Decimal(1).scaleb(-digits)}"))
    for level in ladder.levels.values():
        for zone_id, band in level.bands.items():
            currency = ladder.zones[zone_id].currency
            digits = minor_digits(currency)
            if band.derived or digits is None:
                continue
            for key in ("min", "mid", "max"):
                amount = getattr(band, key)
                if key in band.amount_pos and _decimals(amount) > digits:
                    found.append(BAND_PRECISION.at(
                            band.at(key), f"'{level.id}' {key} in {zone_id} is {amount} {currency}, with more "
                            f"decimals than {currency} has ({digits})",
                            f"round it to {Decimal(str(amount)).quantize(Decimal(1).scaleb(-digits))}"))
    return found


BAND_PRECISION = pay_rule("P008", "band-precision", band_precision)
