"""Checks over the resolved ladder and its transition graph, and the policy that tunes them.

Each module in this package registers its rules with `ladderc.catalogue.rule`; `run_rules` runs
every registered check and applies the `policy.rules` of the ladder and its families
(`ladderc.severity`) and the command line's `--select`/`--ignore`.
"""

from __future__ import annotations

from ladderc.catalogue import all_rules, find_rule
from ladderc.diagnostics import OFF, Diagnostic
from ladderc.model import Ladder
from ladderc.rules import graph_rules, management_moves, pay, readiness, total_pay, transparency  # noqa: F401  (importing registers the rules)
from ladderc.severity import Severities


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        rule = find_rule(pattern)
        if (rule is not None and rule.code == code) or code.startswith(pattern.upper()):
            return True
    return False


def run_rules(ladder: Ladder, graph, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Diagnostic]:
    severities = Severities(ladder)
    found: list[Diagnostic] = []
    for rule in all_rules():
        if rule.check is None or not severities.may_report(rule):
            continue
        if (select and not _matches(rule.code, select)) or _matches(rule.code, ignore):
            continue
        for x in rule.check(ladder, graph, ladder.policy):
            severity = severities.of(x, rule)
            if severity != OFF:
                found.append(x if x.severity == severity else x.with_severity(severity))
    return sorted(found, key=lambda x: x.sort_key)
