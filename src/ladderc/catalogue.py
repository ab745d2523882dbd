"""The rule catalogue: every finding ladderc can report, once under its code and once under its name.

The catalogue sits above the rules it lists. Rule values are defined below it: the findings the
pipeline stages report themselves in `ladderc.stage_rules`, the checks over the resolved ladder in
the modules of `ladderc.rules`, whose table `ladderc.rules.RULES` names each one. The catalogue
joins the two tables the first time it is asked, refusing a code or name given twice or of the
wrong shape, and serves the modules above it (commands, reporters, severities, promises, the site).
Nothing it imports imports it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ladderc.diagnostics import SEVERITIES, Rule

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def registry(rules: Iterable[Rule]) -> dict[str, Rule]:
    """The rules by code, or ValueError for a code or name of the wrong shape or given twice."""
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in rules:
        if not _CODE.match(rule.code):
            raise ValueError(f"rule code {rule.code!r} is not a letter and three digits")
        if not _NAME.match(rule.name):
            raise ValueError(f"rule name {rule.name!r} is not kebab-case")
        if rule.severity not in SEVERITIES:
            raise ValueError(f"rule {rule.code} has unknown severity {rule.severity!r}")
        if rule.code in by_code:
            raise ValueError(f"rule code {rule.code} is registered twice")
        if rule.name in names:
            raise ValueError(f"rule name {rule.name} is registered twice")
        by_code[rule.code] = rule
        names.add(rule.name)
    return by_code


@cache
def _rules() -> dict[str, Rule]:
    # Imported on first use: a finding needs only its Rule, and importing the catalogue (as the
    # resolver does, for policy.rules) should not load every check until one is looked up.
    from ladderc.rules import RULES
    from ladderc.stage_rules import STAGE_RULES

    return registry((*STAGE_RULES, *RULES))


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    return sorted(_rules().values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    """The rule with this exact code; KeyError for a code ladderc does not have."""
    return _rules()[code]


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code or name (code case-insensitively), or None."""
    rules = _rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key.lower()), None)
