"""Findings: where in a ladder something is wrong, how badly, and what to do about it.

Every stage reports user mistakes as `Diagnostic` values (never exceptions); reporters render the
same objects as text, json, GitHub annotations or SARIF. A finding is made from its `Rule`
(`SCHEMA.at(position, message, hint)`), never from a string code, so a mistyped rule fails at
import. The bottom of the package: this module imports no other ladderc module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from inspect import cleandoc
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    file: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    rule: str
    severity: str
    message: str
    file: Path
    line: int
    column: int
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.file), self.line, self.column, self.code, self.message)

    def with_severity(self, severity: str) -> Diagnostic:
        return replace(self, severity=severity)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "file": display_path(self.file),
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Rule:
    """A finding ladderc can report: its code, name, default severity and documentation.

    Stage rules (`ladderc.stage_rules`) are reported by the stage that reads the ladder; checks over
    the resolved ladder carry their `check(ladder, graph, policy)`. `escalate(policy)`, when given,
    is the rule's default severity for a ladder with that policy (the L rules).
    """

    code: str
    name: str
    severity: str
    doc: str
    check: Callable[[Any, Any, Any], Iterable[Diagnostic]] | None = None
    escalate: Callable[[Any], str] | None = None

    @classmethod
    def checking(cls, code: str, name: str, check: Callable[[Any, Any, Any], Iterable[Diagnostic]],
                 severity: str = ERROR, escalate: Callable[[Any], str] | None = None) -> Rule:
        """The rule whose findings `check(ladder, graph, policy)` makes; its docstring is the rule's doc."""
        return cls(code, name, severity, cleandoc(check.__doc__ or ""), check, escalate)

    def at(self, position: Position, message: str, hint: str = "") -> Diagnostic:
        """A finding of this rule at `position`, at its default severity, its quoted values shortened."""
        return Diagnostic(self.code, self.name, self.severity, shorten_quoted(message), position.file,
                          position.line, position.column, shorten_quoted(hint))

    def default_for(self, policy: Any) -> str:
        """The severity of the rule's findings in a ladder with this policy, before `policy.rules`."""
        return self.escalate(policy) if self.escalate is not None else self.severity

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line."""
        return " ".join(self.doc.strip().split("\n\n")[0].split())


MAX_QUOTED = 200  # characters of a quoted value a message shows, the ellipsis included
# A value quoted in a message, as repr() and jsonschema quote it (backslash escapes inside) or as
# the stages write `'{value}'`; only runs longer than MAX_QUOTED are matched at all.
_QUOTED = re.compile("|".join(rf"{q}((?:[^{q}\\\n]|\\.){{{MAX_QUOTED + 1},}}){q}" for q in "'\""))


def shorten_quoted(text: str) -> str:
    """`text` with every quoted value past MAX_QUOTED characters cut to that length with an ellipsis.

    A 100 kB title echoed whole by every finding about it made megabytes of output.
    """
    if len(text) <= MAX_QUOTED:
        return text
    return _QUOTED.sub(lambda m: m.group()[0] + (m.group(1) or m.group(2))[:MAX_QUOTED - 1] + "…" + m.group()[0], text)


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def count(diagnostics: list[Diagnostic], severity: str) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    import difflib

    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""
