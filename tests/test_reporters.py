"""Every output format of `ladderc check`, rendered from the same diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import edit, run, sarif_schema_errors

from ladderc.diagnostics import Diagnostic
from ladderc.reporters import REPORTERS


def broken(minimal: Path) -> Path:
    edit(minimal / "families/eng.yaml", "grade: G2", "grade: G22")
    return minimal


def test_text_format(capsys, minimal: Path, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    code, out, _ = run(capsys, "check", "minimal", "--format", "text")
    assert code == 0
    assert out == "2 file(s) checked, no problems\n"
    broken(minimal)
    code, out, _ = run(capsys, "check", "minimal")
    assert code == 1
    assert out.splitlines() == [
        "minimal/families/eng.yaml:15:12: error R001 unknown-reference: unknown grade 'G22' (did you mean 'G2'?)",
        "  hint: define the grade or use one of: G1, G2, G3, G4",
        "1 error(s), 0 warning(s) in 2 file(s)",
    ]


def test_json_format_is_exactly_one_object_with_relative_paths(capsys, minimal: Path, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    code, out, _ = run(capsys, "check", "minimal", "--format", "json")
    assert json.loads(out) == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "files": 2},
                               "exceptions": []}
    broken(minimal)
    code, out, _ = run(capsys, "check", "minimal", "--format", "json")
    assert json.loads(out) == {
        "diagnostics": [{
            "code": "R001", "rule": "unknown-reference", "severity": "error",
            "message": "unknown grade 'G22' (did you mean 'G2'?)",
            "file": "minimal/families/eng.yaml", "line": 15, "column": 12,
            "hint": "define the grade or use one of: G1, G2, G3, G4",
        }],
        "summary": {"errors": 1, "warnings": 0, "files": 2},
        "exceptions": [],
    }


def test_github_format_escapes_percent_newlines_colons_and_commas():
    found = Diagnostic("P003", "pay-parity", "error", "100% below: a, b\nnext", Path("lad:ders/a,b.yaml"), 3, 7, "raise it")
    out = REPORTERS["github"]([found], 1)
    assert out == ("::error file=lad%3Aders/a%2Cb.yaml,line=3,col=7,title=P003 pay-parity::"
                   "100%25 below: a, b%0Anext%0Araise it\n")


def test_github_format_is_chosen_under_github_actions(capsys, minimal: Path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(minimal.parent)
    broken(minimal)
    code, out, _ = run(capsys, "check", "minimal")
    assert code == 1
    assert out.startswith("::error file=minimal/families/eng.yaml,line=15,col=12,title=R001 unknown-reference::")


def test_sarif_validates_against_the_sarif_2_1_0_schema(capsys, minimal: Path, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    broken(minimal)
    code, out, _ = run(capsys, "check", "minimal", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert sarif_schema_errors(log) == []
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert {"S001", "S002", "S003", "S004", "R001", "R002", "R003"} <= {r["id"] for r in rules}
    result = run_["results"][0]
    assert result["ruleId"] == "R001" and rules[result["ruleIndex"]]["id"] == "R001"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "minimal/families/eng.yaml"}, "region": {"startLine": 15, "startColumn": 12}}


def test_strict_turns_warnings_into_failure():
    from ladderc.options import exit_code  # the exit code every command that reports findings returns

    warning = Diagnostic("P005", "range-spread", "warning", "m", Path("a.yaml"), 1, 1)
    assert exit_code([warning], strict=False) == 0
    assert exit_code([warning], strict=True) == 1
    assert exit_code([warning.with_severity("error")], strict=False) == 1
