"""P rules on what people earn beyond base: variable targets within policy, totals rising along a track.

P003 and P007 compare the on-target total too (`policy.parity_measures`); the rules here are the
ones only variable pay raises. The totals are `Ladder.total_bands`, computed in decimal.
"""

from __future__ import annotations

from decimal import Decimal

from ladderc.diagnostics import WARNING, Diagnostic
from ladderc.model import MAX_AMOUNT, TOTAL, Amount, Ladder, Level, annual
from ladderc.rules.bands import earns_at_least, echo_note, failing_zones, in_unit_of, pay, well_formed
from ladderc.rules.pay import along_tracks, bounds, pay_rule, percent


def variable_target_range(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A level's variable target (as a fraction of base) is outside `policy.variable_range` for its track.

    `policy.variable_range` maps track ids to `{min, max}`; a mix counts as its target
    (variable / base: 50/50 is 1.0, 70/30 is 0.43). Tracks not listed, and levels without
    variable pay, are not checked. A warning, as P005 and P006: the range is the company's own
    pay philosophy, not a promise to employees, and a deliberate outlier is a judgement call.

    Why: a management level on a 50/50 commission plan pays its manager for their own deals,
    not for their team's; an IC track where variable pay dwarfs base is pay nobody can plan on.

    Failing:

        # ladder.yaml: policy: {variable_range: {mgmt: {max: 0.5}}}
        - {id: sm1, track: mgmt, grade: G5, variable: {kind: commission, mix: 50/50}}

    Passing:

        - {id: sm1, track: mgmt, grade: G5, variable: {kind: commission, mix: 70/30}}
    """
    found = []
    for level in ladder.levels.values():
        limits = policy.variable_range.get(level.track)
        if level.variable is None or limits is None:
            continue
        low, high = (Decimal(str(x)) for x in limits)
        target = level.variable.target
        if low <= target <= high:
            continue
        written = f"mix {level.variable.mix[0]}/{level.variable.mix[1]}, a target of " if level.variable.mix else "target "
        found.append(VARIABLE_TARGET_RANGE.at(
                level.variable.pos, f"{level.variable.kind} of '{level.id}' ({level.grade}, {level.title}) has "
                f"{written}{percent(target)} of base, outside policy.variable_range for track "
                f"'{level.track}' {bounds(limits)}",
                f"set {level.id}'s variable target between {bounds(limits)} of base, or change policy.variable_range"))
    return found


VARIABLE_TARGET_RANGE = pay_rule("P009", "variable-target-range", variable_target_range, WARNING)


def total_order(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """Along one track of one family, the on-target total at the midpoint does not rise with grade, in a zone.

    Checked only where one of the two levels has variable pay or equity (otherwise the total is
    the base, and P004 reports it). An error, as P004: it is the same broken promise, on what
    people actually earn.

    Worked numbers: a senior account executive with mid 140,000 USD on 50/50 earns 280,000 USD at
    the midpoint; a principal account executive with mid 170,000 USD on 60/40 earns 283,333.33 USD
    (rises); on 70/30 it would be 242,857.14 USD, a fall.

    Why: a promotion whose base rises while the variable target shrinks can lower what people
    earn on target; the promotion is then a pay cut.

    Failing:

        - {id: ae3, grade: G4, pay: {us: {min: 120000, mid: 140000, max: 160000}}, variable: {kind: commission, mix: 50/50}}
        - {id: ae4, grade: G5, pay: {us: {min: 145000, mid: 170000, max: 195000}}, variable: {kind: commission, mix: 70/30}}

    Passing:

        - {id: ae3, grade: G4, pay: {us: {min: 120000, mid: 140000, max: 160000}}, variable: {kind: commission, mix: 50/50}}
        - {id: ae4, grade: G5, pay: {us: {min: 145000, mid: 170000, max: 195000}}, variable: {kind: commission, mix: 60/40}}
    """
    found = []
    mids: dict[str, dict[str, Amount]] = {}
    for low, high in along_tracks(ladder):
        if not (low.earns_beyond_base or high.earns_beyond_base):
            continue
        if _rises(ladder, policy, low, high, mids):
            continue  # the exact test below finds nothing where every total at the midpoint rises
        # Totals compare per year: an hourly level's total is annualised (Ladder.total_bands, `annual`).
        for zone, (a, b), _, echoes in failing_zones(
                ladder, (low, high), lambda a, b: annual(b, "mid", policy) <= annual(a, "mid", policy), TOTAL):
            at = high.variable.pos if high.variable is not None else b.at("mid")
            found.append(TOTAL_ORDER.at(
                    at, f"on-target total of '{high.id}' ({high.grade}) at its midpoint in {zone} is "
                    f"{pay(b, 'mid', ladder, zone)}, not above '{low.id}' ({low.grade}) at "
                    f"{pay(a, 'mid', ladder, zone)}{echo_note(echoes)}",
                    f"raise {high.id}'s mid, variable target or equity in {zone} so the total passes "
                    f"{in_unit_of(annual(a, 'mid', policy), b, ladder, zone, up=False)}"))
    return found


TOTAL_ORDER = pay_rule("P010", "total-order", total_order)


def _rises(ladder: Ladder, policy, low: Level, high: Level, mids: dict[str, dict[str, Amount]]) -> bool:
    """Whether `high`'s on-target total at the midpoint is above `low`'s in every zone where both bands are well formed.

    The same amounts `Ladder.total_bands` gives, computed for the midpoint only (`mids` keeps them
    per level): the rule needs no other point, and only a pair that does not rise is looked at again.
    Where the base decides (`_rises_with_base`), no total is computed.
    """
    if _rises_with_base(policy, low, high):
        return True
    first, second = (_mid_totals(ladder, policy, level, mids) for level in (low, high))
    return all(second[zone] > amount for zone, amount in first.items() if zone in second)


def _mid_totals(ladder: Ladder, policy, level: Level, mids: dict[str, dict[str, Amount]]) -> dict[str, Amount]:
    found = mids.get(level.id)
    if found is None:
        found = mids[level.id] = {}
        for zone, band in level.bands.items():
            if well_formed(band):
                base = annual(band, "mid", policy)
                found[zone] = ladder.total(level, zone, base) if level.earns_beyond_base else base
    return found


# Below 2**52 a float is within a quarter of the exact amount, so totals a whole unit apart stay apart.
_EXACT = 2 ** 50


def _rises_with_base(policy, low: Level, high: Level) -> bool:
    """Whether `high`'s total at the midpoint must be above `low`'s wherever both bands are well formed.

    So when `high` earns at least as `low` does (`earns_at_least`) and, in each such zone, its
    base mid is a whole amount above `low`'s: then base × (1 + target) rises by at least 1 (1 + target
    is at least 1), a whole unit of every currency, which rounding to the minor unit keeps, and the
    equity adds as much or more. Amounts are held to at most _EXACT (2**50), where floats keep them apart.
    """
    if not earns_at_least(high, low):
        return False
    numerator, denominator = high.variable.factor if high.variable is not None else (1, 1)
    for zone, band in low.bands.items():  # runs for every pair along a track: well_formed and annual inline
        other = high.bands.get(zone)
        if other is None or not (0 < band.min <= band.mid <= band.max <= MAX_AMOUNT
                                 and 0 < other.min <= other.mid <= other.max <= MAX_AMOUNT):
            continue
        if band.hourly or other.hourly:
            below, above = annual(band, "mid", policy), annual(other, "mid", policy)
        else:
            below, above = band.mid, other.mid
        equity = high.equity.get(zone)
        if not (type(below) is int and type(above) is int and above > below  # an int, not a float (nor a bool)
                and above * numerator <= _EXACT * denominator and (equity is None or equity.amount <= _EXACT)):
            return False
    return True
