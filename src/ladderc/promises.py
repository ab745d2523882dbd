"""The promises a ladder makes to employees, each tied to the rules that verify it.

A promise is made only when every rule behind it was verified on this ladder (`verified_rules`):
the rule ran (not left out by --select or --ignore), at its catalogue severity or stricter in the
ladder's policy and in every family's, and reported nothing. A promise whose rule a policy lowers
is an exception, shown with its reason (`ladderc.severity`); one whose rule did not run or found
something is simply not made. Every claim the site prints reads from `promises`, so text and
checks cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ladderc.diagnostics import Rule
from ladderc.model import Ladder
from ladderc.rules.graph_rules import DEAD_END, HEIGHT_PARITY, IC_TOP_VIA_MANAGEMENT, NO_WAY_BACK, UNREACHABLE_LEVEL
from ladderc.rules.management_moves import POST_MOVE_SUPPORT, READINESS_POLICY, TRIAL_WAY_BACK, readiness_vocabulary
from ladderc.rules.pay import PAY_PARITY
from ladderc.rules.readiness import READINESS_REQUIRED, SWITCH_CRITERIA


def _both_tracks(ladder: Ladder) -> bool:
    kinds = {ladder.track_of(level).is_management for level in ladder.levels.values()}
    return kinds == {True, False}


def _moves_into_management(ladder: Ladder) -> bool:
    return any(ladder.into_management(t) for t in ladder.transitions)


def _support(ladder: Ladder) -> bool:
    return _moves_into_management(ladder) and readiness_vocabulary(ladder)  # T005 runs only then


def _always(ladder: Ladder) -> bool:
    return True


@dataclass(frozen=True)
class Promise:
    key: str  # the templates' name for it (`"way_back" in promised`)
    title: str
    rules: tuple[Rule, ...]  # every one of them must be verified
    # Whether the promise says anything about this ladder: a rule that passes because it had
    # nothing to look at (no management track, no trial) verifies no promise.
    applies: Callable[[Ladder], bool] = _always
    needs_pay: bool = False  # a promise about pay, made only on a site that shows pay


PROMISES = (
    Promise("height", "The individual-contributor track climbs as high as management",
            (HEIGHT_PARITY, IC_TOP_VIA_MANAGEMENT), _both_tracks),
    Promise("pay", "At the same grade, an individual contributor can earn as much as a manager", (PAY_PARITY,),
            _both_tracks, needs_pay=True),
    Promise("readiness", "A move into management asks for readiness, not past performance alone", (READINESS_REQUIRED,),
            _moves_into_management),
    Promise("readiness_kinds", "Every move into management includes each kind of readiness evidence the "
            "ladder asks for", (READINESS_POLICY,), lambda ladder: ladder.policy.readiness is not None),
    Promise("support", "Every move into management comes with support after the move", (POST_MOVE_SUPPORT,), _support),
    Promise("trial", "Where a move comes with a trial, its way back keeps your old level and pay", (TRIAL_WAY_BACK,),
            lambda ladder: any(t.trial for t in ladder.transitions)),
    Promise("way_back", "Every management level has a way back to the individual-contributor track", (NO_WAY_BACK,),
            _both_tracks),
    Promise("criteria", "Every switch between the tracks has written criteria", (SWITCH_CRITERIA,),
            lambda ladder: any(t.kind == "switch" for t in ladder.transitions)),
    Promise("way_up", "Every level below the top of its track has a way up", (UNREACHABLE_LEVEL, DEAD_END)),
)


@dataclass(frozen=True)
class Verdict:
    promise: Promise
    kept: bool  # every rule behind it verified on this ladder
    missing: tuple[str, ...]  # the rules behind it that were not

    @property
    def rules(self) -> list[Rule]:
        """The rules behind the promise."""
        return list(self.promise.rules)


def verdicts(ladder: Ladder, verified: frozenset[str], pay: bool) -> list[Verdict]:
    """Each promise that applies to this ladder and site, and whether it was verified."""
    found = []
    for promise in PROMISES:
        if (promise.needs_pay and not (pay and ladder.publishes_pay)) or not promise.applies(ladder):
            continue
        missing = tuple(rule.code for rule in promise.rules if rule.code not in verified)
        found.append(Verdict(promise, not missing, missing))
    return found


def kept(ladder: Ladder, verified: frozenset[str], pay: bool) -> dict[str, Promise]:
    """The promises the site may make, by key."""
    return {v.promise.key: v.promise for v in verdicts(ladder, verified, pay) if v.kept}
