"""The rule catalogue: every finding ladderc can report, registered once under code and name.

A rule is a `diagnostics.Rule` whose docstring is its documentation (what, why, a failing and a passing
example). Rules that a pipeline stage reports itself (syntax, schema, references) are registered
in `ladderc.stage_rules`; checks over the resolved ladder use the `rule` decorator and are
run by `ladderc.rules`.
"""

from __future__ import annotations

import inspect
import re
from typing import Callable

from ladderc.diagnostics import ERROR, SEVERITIES, Rule

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


_RULES: dict[str, Rule] = {}


def _add(rule: Rule) -> Rule:
    if not _CODE.match(rule.code):
        raise ValueError(f"rule code {rule.code!r} is not a letter and three digits")
    if not _NAME.match(rule.name):
        raise ValueError(f"rule name {rule.name!r} is not kebab-case")
    if rule.severity not in SEVERITIES:
        raise ValueError(f"rule {rule.code} has unknown severity {rule.severity!r}")
    if rule.code in _RULES:
        raise ValueError(f"rule code {rule.code} is registered twice")
    if any(r.name == rule.name for r in _RULES.values()):
        raise ValueError(f"rule name {rule.name} is registered twice")
    _RULES[rule.code] = rule
    return rule


def stage_rule(code: str, name: str, doc: str, severity: str = ERROR) -> Rule:
    """Register a finding that a pipeline stage reports while reading the ladder."""
    return _add(Rule(code, name, severity, inspect.cleandoc(doc)))


def rule(code: str, name: str, severity: str = ERROR, escalate: Callable | None = None):
    """Register the decorated function `check(ladder, graph, policy)` as a rule.

    `escalate(policy)`, when given, is the rule's default severity for a ladder with that policy
    (`severity` is then the default of a ladder that asks nothing more).
    """

    def register(check: Callable) -> Callable:
        _add(Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), check, escalate))
        return check

    return register


def _load_all() -> None:
    # Importing the modules registers their rules; kept here so the catalogue is complete
    # whichever entry point asked first.
    import ladderc.rules  # noqa: F401
    from ladderc.stage_rules import STAGE_RULES

    for stage in STAGE_RULES:
        if stage.code not in _RULES:
            _add(stage)


def all_rules() -> list[Rule]:
    _load_all()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    if code not in _RULES:
        _load_all()
    return _RULES[code]


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code or name (code case-insensitively), or None."""
    _load_all()
    key = code_or_name.strip()
    if key.upper() in _RULES:
        return _RULES[key.upper()]
    return next((r for r in _RULES.values() if r.name == key.lower()), None)
