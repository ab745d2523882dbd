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
    low, high, mean = min(percents), max(percents), sum(percents) / len(percents)
    if high - low <= SAME:
        return f"{mean:+.1f}% each"
    return f"{mean:+.1f}% on average ({low:+.1f}% to {high:+.1f}%)"


def patterns(diff: LadderDiff) -> list[str]:
    """One line per cause: a derivation change with the bands it moves, a family's bands in a zone."""
    found = []
    moved_at_source = {b.level for b in diff.bands}  # their derived bands moved for two causes at once
    for x in diff.derivations:
        alone = [b for b in x.effects if b.level not in moved_at_source]
        line = (f"zone {x.zone}: {x.old or 'no derivation'} -> {x.new or 'no derivation'} moves "
                f"{len({b.level for b in alone})} band(s), {percent_pattern(alone)}")
        both = {b.level for b in x.effects} - {b.level for b in alone}
        found.append(line + (f"; {len(both)} more band(s) also moved by a change at their source" if both else ""))
    written: dict[tuple[str, str], list[BandChange]] = defaultdict(list)
    derived: dict[str, list[BandChange]] = defaultdict(list)  # bands that follow a written band, by family
    for b in diff.bands:
        (derived[b.family] if b.derived else written[b.family, b.zone]).append(b)
    for (family, zone), changes in sorted(written.items()):
        levels = {b.level for b in changes}
        total = diff.band_counts.get((family, zone), 0)
        which = "every band" if len(levels) == total and total > 1 else f"{len(levels)} of {total} band(s)"
        found.append(f"{family or 'levels'}, {zone}: {which} {percent_pattern(changes)}")
    for family, changes in sorted(derived.items()):
        zones = sorted({b.zone for b in changes})
        shown = ", ".join(zones[:3]) + (f" and {len(zones) - 3} more" if len(zones) > 3 else "")
        found.append(f"{family or 'levels'}, derived zones ({shown}) follow: {len({(b.level, b.zone) for b in changes})} "
                     f"band(s) {percent_pattern(changes)}")
    return found


def impact(diff: LadderDiff) -> list[str]:
    """What the change does to people: levels gaining and losing pay, the largest cut, parity."""
    effects = [b for x in diff.derivations for b in x.effects]
    changes = [*diff.bands, *effects]
    if not changes and diff.parity[0] == diff.parity[1]:
        return []
    lose = {b.level for b in changes if b.decrease}
    gain = {b.level for b in changes if b.delta is not None and b.delta > 0}
    lines = [f"{len(gain)} level(s) with a band amount raised, {len(lose)} with one cut"
             + (f" ({len(gain & lose)} both, in different zones or amounts)" if gain & lose else "")]
    cuts = [b for b in changes if b.decrease]
    if cuts:
        worst = min(cuts, key=lambda b: (b.percent, b.level, b.zone, b.amount))
        assert worst.old is not None and worst.new is not None  # a cut has both amounts
        lines.append(f"largest cut: {worst.level} {worst.zone} {worst.amount} {format_amount(worst.old, worst.currency)} "
                     f"-> {format_amount(worst.new, worst.currency)} {worst.currency} ({worst.percent:+.1f}%)")
    before, after = diff.parity
    lines.append(f"pay-parity findings (P003): {before} before, {after} after")
    return lines
