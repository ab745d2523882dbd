"""Reporters: the same diagnostics rendered as text, json, GitHub annotations or SARIF 2.1.0.

Each reporter takes the findings, the number of files read and the ladders' exceptions (rules set
below their catalogue severity, `ladderc.severity`); json lists the exceptions, SARIF states them as
rule configuration overrides, text and github annotations show findings only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ladderc import __version__
from ladderc.diagnostics import ERROR, WARNING, Diagnostic, count, display_path

Reporter = Callable[..., str]  # (diagnostics, files, exceptions=()) -> the output
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str):
    def register(render: Reporter) -> Reporter:
        REPORTERS[name] = render
        return render

    return register


def _summary(diagnostics: list[Diagnostic], files: int) -> dict:
    return {"errors": count(diagnostics, ERROR), "warnings": count(diagnostics, WARNING), "files": files}


@reporter("text")
def text(diagnostics: list[Diagnostic], files: int, exceptions: Sequence = ()) -> str:
    lines = []
    for x in diagnostics:
        lines.append(f"{display_path(x.file)}:{x.line}:{x.column}: {x.severity} {x.code} {x.rule}: {x.message}")
        if x.hint:
            lines.append(f"  hint: {x.hint}")
    s = _summary(diagnostics, files)
    if s["errors"] or s["warnings"]:
        lines.append(f"{s['errors']} error(s), {s['warnings']} warning(s) in {files} file(s)")
    else:
        lines.append(f"{files} file(s) checked, no problems")
    return "\n".join(lines) + "\n"


@reporter("json")
def as_json(diagnostics: list[Diagnostic], files: int, exceptions: Sequence = ()) -> str:
    document = {"diagnostics": [x.as_dict() for x in diagnostics], "summary": _summary(diagnostics, files),
                "exceptions": [x.as_dict() for x in exceptions]}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, file: str, line: int, column: int, title: str, message: str) -> str:
    """One GitHub Actions annotation (`::warning file=...::message`), escaped as the runner expects."""
    props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in (
        ("file", file), ("line", line), ("col", column), ("title", title)))
    return f"::{command} {props}::{_escape_data(message)}"


@reporter("github")
def github(diagnostics: list[Diagnostic], files: int, exceptions: Sequence = ()) -> str:
    """GitHub Actions workflow commands: one annotation per finding on the pull request."""
    lines = [workflow_command("error" if x.severity == ERROR else "warning", display_path(x.file), x.line, x.column,
                              f"{x.code} {x.rule}", x.message + (f"\n{x.hint}" if x.hint else "")) for x in diagnostics]
    return "\n".join(lines) + ("\n" if lines else "")


@reporter("sarif")
def sarif(diagnostics: list[Diagnostic], files: int, exceptions: Sequence = ()) -> str:
    from ladderc.catalogue import all_rules

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    level = {ERROR: "error", WARNING: "warning", "off": "none"}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ladderc",
                "version": __version__,
                "informationUri": "https://github.com/ladderc/ladderc",
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.doc},
                    "help": {"text": r.doc},
                    "defaultConfiguration": {"level": level[r.severity]},
                } for r in rules],
            }},
            "results": [{
                "ruleId": x.code,
                "ruleIndex": index[x.code],
                "level": level[x.severity],
                "message": {"text": x.message + (f" Hint: {x.hint}" if x.hint else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": display_path(x.file)},
                    "region": {"startLine": x.line, "startColumn": x.column},
                }}],
            } for x in diagnostics],
            # A family's exception applies to that family's findings only; SARIF has no such
            # scope, so it rides in the override's property bag with the reason.
            "invocations": [{
                "executionSuccessful": True,
                "ruleConfigurationOverrides": [{
                    "descriptor": {"id": x.rule.code, "index": index[x.rule.code]},
                    "configuration": {"level": level[x.setting.severity], "enabled": x.setting.severity != "off"},
                    "properties": {"scope": x.scope, "reason": x.reason},
                } for x in exceptions],
            }],
        }],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
