"""The first screen of a diff: what the change does to people, and its bulk changes grouped by cause.

A reviewer of a 150-line band table should not have to recompute 18 amounts to see that one
zone's factor moved every band of the zone by the same percentage. `patterns` groups band
changes by their cause (a zone's derivation) or their place (a family's bands in one zone) and
says the shared percentage; `impact` counts the levels that gain or lose pay, names the largest
cut and tells pay parity before and after. Both return plain lines for every format to render.
"""

from __future__ import annotations

from collections import defaultdict

from ladderc.diff import BandChange, LadderDiff
from ladderc.model import format_amount

SAME = 0.2  # percentage points within which band changes count as "the same" (rounding spreads them)


def percent_pattern(changes: list[BandChange]) -> str:
    """`-6.7% each` when every change moved by about the same percentage, else the range."""
    percents = [b.percent for b in changes if b.percent is not None]
    if not percents:
        return "amounts added or removed"
    low, high = min(percents), max(percents)
    if high - low <= SAME:
        return f"{sum(percents) / len(percents):+.1f}% each"
    return f"{low:+.1f}% to {high:+.1f}%"


def patterns(diff: LadderDiff) -> list[str]:
    """One line per cause: a derivation change with the bands it moves, a family's bands in a zone."""
    found = []
    for x in diff.derivations:
        levels = {b.level for b in x.effects}
        found.append(f"zone {x.zone}: {x.old or 'no derivation'} -> {x.new or 'no derivation'} moves "
                     f"{len(levels)} band(s), {percent_pattern(list(x.effects))}")
    groups: dict[tuple[str, str, bool], list[BandChange]] = defaultdict(list)
    for b in diff.bands:
        groups[b.family, b.zone, b.derived].append(b)
    for (family, zone, derived), changes in sorted(groups.items()):
        levels = {b.level for b in changes}
        total = diff.band_counts.get((family, zone), 0)
        which = "every band" if len(levels) == total and total > 1 else f"{len(levels)} of {total} band(s)"
        found.append(f"{family or 'levels'}, {zone}{' (derived)' if derived else ''}: {which} "
                     f"{percent_pattern(changes)}")
    return found


def impact(diff: LadderDiff) -> list[str]:
    """What the change does to people: levels gaining and losing pay, the largest cut, parity."""
    effects = [b for x in diff.derivations for b in x.effects]
    changes = [*diff.bands, *effects]
    if not changes and diff.parity[0] == diff.parity[1]:
        return []
    lose = {b.level for b in changes if b.decrease}
    gain = {b.level for b in changes if b.delta is not None and b.delta > 0} - lose
    lines = [f"{len(gain)} level(s) gain pay, {len(lose)} level(s) lose pay (in at least one zone and amount)"]
    cuts = [b for b in changes if b.decrease]
    if cuts:
        worst = min(cuts, key=lambda b: (b.percent, b.level, b.zone, b.amount))
        lines.append(f"largest cut: {worst.level} {worst.zone} {worst.amount} {format_amount(worst.old, worst.currency)} "
                     f"-> {format_amount(worst.new, worst.currency)} {worst.currency} ({worst.percent:+.1f}%)")
    before, after = diff.parity
    lines.append(f"pay-parity findings (P003): {before} before, {after} after")
    return lines
