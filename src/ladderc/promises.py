"""The promises a ladder makes to employees, each tied to the rules that verify it.

A promise is made only when every rule behind it was verified on this ladder (`verified_rules`):
the rule ran (not left out by --select or --ignore), at its catalogue severity or stricter in the
ladder's policy and in every family's, and reported nothing. A promise whose rule a policy lowers
is an exception, shown with its reason (`ladderc.severity`); one whose rule did not run or found
something is simply not made. Every claim the site prints reads from `promises`, so text and
checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ladderc.model import Ladder


def _both_tracks(ladder: Ladder) -> bool:
    kinds = {ladder.track_of(level).is_management for level in ladder.levels.values()}
    return kinds == {True, False}


def _moves_into_management(ladder: Ladder) -> bool:
    return any(ladder.into_management(t) for t in ladder.transitions)


def _support(ladder: Ladder) -> bool:
    from ladderc.rules.management_moves import readiness_vocabulary

    return _moves_into_management(ladder) and readiness_vocabulary(ladder)  # T005 runs only then


def _always(ladder: Ladder) -> bool:
    return True


@dataclass(frozen=True)
class Promise:
    key: str  # the templates' name for it (`"way_back" in promised`)
    title: str
    rules: tuple[str, ...]  # every one of them must be verified
    # Whether the promise says anything about this ladder: a rule that passes because it had
    # nothing to look at (no management track, no trial) verifies no promise.
    applies: Callable[[Ladder], bool] = _always
    needs_pay: bool = False  # a promise about pay, made only on a site that shows pay


PROMISES = (
    Promise("height", "The individual-contributor track climbs as high as management", ("G004", "G005"),
            _both_tracks),
    Promise("pay", "At the same grade, an individual contributor can earn as much as a manager", ("P003",),
            _both_tracks, needs_pay=True),
    Promise("readiness", "A move into management asks for readiness, not past performance alone", ("T001",),
            _moves_into_management),
    Promise("readiness_kinds", "Every move into management includes each kind of readiness evidence the "
            "ladder asks for", ("T004",), lambda ladder: ladder.policy.readiness is not None),
    Promise("support", "Every move into management comes with support after the move", ("T005",), _support),
    Promise("trial", "Where a move comes with a trial, its way back keeps your old level and pay", ("T006",),
            lambda ladder: any(t.trial for t in ladder.transitions)),
    Promise("way_back", "Every management level has a way back to the individual-contributor track", ("G006",),
            _both_tracks),
    Promise("criteria", "Every switch between the tracks has written criteria", ("T003",),
            lambda ladder: any(t.kind == "switch" for t in ladder.transitions)),
    Promise("way_up", "Every level below the top of its track has a way up", ("G001", "G003")),
)


@dataclass(frozen=True)
class Verdict:
    promise: Promise
    kept: bool  # every rule behind it verified on this ladder
    missing: tuple[str, ...]  # the rules behind it that were not

    @property
    def rules(self) -> list:
        """The catalogue entries (`ladderc.diagnostics.Rule`) of the rules behind the promise."""
        from ladderc.catalogue import get_rule

        return [get_rule(code) for code in self.promise.rules]


def verdicts(ladder: Ladder, verified: frozenset[str], pay: bool) -> list[Verdict]:
    """Each promise that applies to this ladder and site, and whether it was verified."""
    found = []
    for promise in PROMISES:
        if (promise.needs_pay and not (pay and ladder.publishes_pay)) or not promise.applies(ladder):
            continue
        missing = tuple(code for code in promise.rules if code not in verified)
        found.append(Verdict(promise, not missing, missing))
    return found


def kept(ladder: Ladder, verified: frozenset[str], pay: bool) -> dict[str, Promise]:
    """The promises the site may make, by key."""
    return {v.promise.key: v.promise for v in verdicts(ladder, verified, pay) if v.kept}
