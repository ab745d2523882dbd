"""Checks over the resolved ladder and its transition graph: the table of every one of them.

Each module of this package defines its rules as `Rule` values beside their checks (the check's
docstring is the rule's documentation); `RULES` below names every one, in code order, and is the
only list of them: nothing registers itself by being imported. `ladderc.catalogue` joins this table
with the stage rules (`ladderc.stage_rules`); `ladderc.checks` runs the checks and applies the
ladder's `policy.rules` and the command line's `--select`/`--ignore`. No module here imports either.
"""

from __future__ import annotations

from ladderc.diagnostics import Rule
from ladderc.rules import graph_rules, management_moves, pay, readiness, total_pay, transparency

RULES: tuple[Rule, ...] = (
    graph_rules.UNREACHABLE_LEVEL,
    graph_rules.PROMOTION_CYCLE,
    graph_rules.DEAD_END,
    graph_rules.HEIGHT_PARITY,
    graph_rules.IC_TOP_VIA_MANAGEMENT,
    graph_rules.NO_WAY_BACK,
    transparency.CRITERIA_COVERAGE,
    transparency.GENDER_NEUTRAL_TITLES,
    transparency.POSTING_RANGE,
    pay.MALFORMED_BAND,
    pay.MISSING_BAND,
    pay.PAY_PARITY,
    pay.MIDPOINT_ORDER,
    pay.RANGE_SPREAD,
    pay.MIDPOINT_PROGRESSION,
    pay.PAY_CUT_TRANSITION,
    pay.BAND_PRECISION,
    total_pay.VARIABLE_TARGET_RANGE,
    total_pay.TOTAL_ORDER,
    readiness.READINESS_REQUIRED,
    readiness.MISSING_EXPECTATION,
    readiness.SWITCH_CRITERIA,
    management_moves.READINESS_POLICY,
    management_moves.POST_MOVE_SUPPORT,
    management_moves.TRIAL_WAY_BACK,
)
