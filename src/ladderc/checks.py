"""The rules stage: run the checks of the catalogue over a resolved ladder, at the severities its policy sets.

`run_rules` runs every check (`Rule.check`) that the ladder's `policy.rules` and its families'
(`ladderc.severity`) and the command line's `--select`/`--ignore` leave on; `verified_rules` says
which of them ran at full strength and found nothing, the ground of the site's promises.
"""

from __future__ import annotations

from ladderc.catalogue import all_rules, find_rule
from ladderc.diagnostics import OFF, Diagnostic
from ladderc.graph import TransitionGraph
from ladderc.model import Ladder
from ladderc.severity import Severities, exceptions


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        rule = find_rule(pattern)
        if (rule is not None and rule.code == code) or code.startswith(pattern.upper()):
            return True
    return False


def run_rules(ladder: Ladder, graph: TransitionGraph, select: tuple[str, ...] = (),
              ignore: tuple[str, ...] = ()) -> list[Diagnostic]:
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


def verified_rules(ladder: Ladder, diagnostics: list[Diagnostic], select: tuple[str, ...] = (),
                   ignore: tuple[str, ...] = ()) -> frozenset[str]:
    """The checks that ran on `ladder` at their catalogue severity or stricter everywhere and found nothing.

    `diagnostics` are the ladder's findings (those `run_rules` returned, and any others); a rule
    that a policy lowers, in the ladder or in one family, is an exception and not verified.
    """
    lowered = {x.rule.code for x in exceptions(ladder)}
    found = {x.code for x in diagnostics}
    return frozenset(rule.code for rule in all_rules() if rule.check is not None
                     and not (select and not _matches(rule.code, select)) and not _matches(rule.code, ignore)
                     and rule.code not in lowered and rule.code not in found)
