"""Severities and exceptions: what `policy.rules` in ladder.yaml and in a family file make of a finding.

A finding's severity is its rule's default severity (the catalogue's, or for a rule that escalates
with the policy, such as the L rules under `policy.pay_transparency`, the one the policy asks),
unless the ladder's `policy.rules` sets
it, unless the `policy.rules` of the family the finding belongs to sets it. A finding belongs to
the family whose file it points at: a level's findings to the level's family, an implied
promotion's to the family it climbs, and a listed transition's (also one between two families)
to the family whose file lists it, where it is written and so where it is fixed. Findings in
ladder.yaml follow the ladder's policy alone.

An exception is an entry that sets a rule below its catalogue severity (error > warning > off),
in the ladder's policy or a family's; every exception is part of the result, with its reason.
Only checks can be set: an entry for a rule that a pipeline stage reports (S, R, E, I) is S002 at its
key (`ladderc.references.rule_settings`), so it is never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from ladderc.catalogue import get_rule
from ladderc.diagnostics import ERROR, OFF, WARNING, Diagnostic, Rule, display_path
from ladderc.model import Ladder, RuleSetting

RANK = {OFF: 0, WARNING: 1, ERROR: 2}
NO_REASON = "no reason given"
LADDER_SCOPE = "ladder"


class Severities:
    """The severity of each finding of one ladder, after its own and its families' policies."""

    def __init__(self, ladder: Ladder) -> None:
        self.policy = ladder.policy
        self.ladder = dict(ladder.policy.rules)
        self.by_file = {family.file: {s.code: s.severity for s in family.rules}
                        for family in ladder.families.values() if family.rules}

    def may_report(self, rule: Rule) -> bool:
        """Whether some finding of `rule` could be reported (then the rule must run)."""
        chosen = [self.ladder.get(rule.code, rule.default_for(self.policy))]
        chosen += [rules[rule.code] for rules in self.by_file.values() if rule.code in rules]
        return any(severity != OFF for severity in chosen)

    def of(self, finding: Diagnostic, rule: Rule) -> str:
        family = self.by_file.get(finding.file, {})
        return family.get(rule.code) or self.ladder.get(rule.code, rule.default_for(self.policy))


@dataclass(frozen=True)
class RuleException:
    """A rule set below its catalogue severity, where, and why."""

    rule: Rule
    setting: RuleSetting
    default: str  # the rule's default severity in this ladder (`Rule.default_for`)

    @property
    def scope(self) -> str:
        """'ladder', or the id of the family whose policy sets it."""
        return self.setting.family or LADDER_SCOPE

    @property
    def reason(self) -> str:
        return self.setting.reason or NO_REASON

    def as_dict(self) -> dict:
        pos = self.setting.pos
        return {"code": self.rule.code, "name": self.rule.name, "default_severity": self.default,
                "severity": self.setting.severity, "scope": self.scope, "reason": self.reason,
                "file": display_path(pos.file), "line": pos.line, "column": pos.column}


def exceptions(ladder: Ladder) -> list[RuleException]:
    """Every exception the ladder makes: its own policy's first, then each family's, in written order."""
    settings = list(ladder.policy.settings) + [s for family in ladder.families.values() for s in family.rules]
    rules = {s.code: get_rule(s.code) for s in settings}
    found = [RuleException(rules[s.code], s, rules[s.code].default_for(ladder.policy)) for s in settings]
    # A rule a pipeline stage reports (S, R, E, I) keeps its severity whatever the policy says: no exception
    # (the resolver refuses an entry for one with S002; a policy made another way may still hold one).
    return [x for x in found if x.rule.check is not None and RANK[x.setting.severity] < RANK[x.default]]
