"""Severities and exceptions: `policy.rules` in ladder.yaml and in family files, with reasons."""

from __future__ import annotations

import json

from conftest import OPS, check_json, findings, run, sarif_schema_errors
from test_rules import CASES, ENG, LADDER, NO_E4, apply

# An operations family whose level switches into engineering without criteria (T003, in ops.yaml).
OPS_SWITCH = OPS + "transitions:\n  - {from: o1, to: e2, kind: switch}\n"
NO_CRITERIA = CASES["T003"][0]  # the switch m3 -> e3 in eng.yaml loses its criteria
REASON = "Director is a management-only role by design."


def append(minimal, file: str, text: str) -> None:
    path = minimal / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_family_exception_applies_to_that_familys_findings_only(capsys, minimal):
    apply(minimal, NO_CRITERIA + [("families/ops.yaml", None, OPS_SWITCH)])
    append(minimal, ENG,
           "policy:\n  rules:\n    switch-criteria: {severity: warning, reason: Switches are agreed case by case.}\n")
    status, found = check_json(capsys, minimal)
    # eng's switch m3 -> e3 is a warning there; ops's switch into eng follows ops's policy: an error.
    assert findings(found) == [("T003", "eng.yaml", 61, 5), ("T003", "ops.yaml", 14, 5)]
    assert [x["severity"] for x in found] == ["warning", "error"]
    assert status == 1


def test_check_json_lists_every_exception_with_its_reason(capsys, minimal, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    apply(minimal, NO_E4 + [(LADDER, "competencies:", "policy:\n  rules:\n    P005: 'off'\n    P009: warning\n"
                             "    P006: {severity: error}\n"
                             "    T001: {severity: warning, reason: Readiness is agreed in person.}\n"
                             "competencies:")])
    append(minimal, ENG, f"policy:\n  rules:\n    G004: {{severity: warning, reason: {REASON}}}\n")
    code, out, _ = run(capsys, "check", "minimal", "--format", "json")
    document = json.loads(out)
    assert (code, [(x["code"], x["severity"]) for x in document["diagnostics"]]) == (0, [("G004", "warning")])
    # P006 set to error is stricter than its default (warning), and P009 at warning its default: no exceptions.
    assert document["exceptions"] == [
        {"code": "P005", "name": "range-spread", "default_severity": "warning", "severity": "off",
         "scope": "ladder", "reason": "no reason given", "file": "minimal/ladder.yaml", "line": 23, "column": 5},
        {"code": "T001", "name": "readiness-required", "default_severity": "error", "severity": "warning",
         "scope": "ladder", "reason": "Readiness is agreed in person.", "file": "minimal/ladder.yaml",
         "line": 26, "column": 5},
        {"code": "G004", "name": "height-parity", "default_severity": "error", "severity": "warning",
         "scope": "eng", "reason": REASON, "file": "minimal/families/eng.yaml", "line": 63, "column": 5},
    ]


def test_a_family_may_turn_on_what_the_ladder_turned_off(capsys, minimal):
    apply(minimal, NO_CRITERIA + [(LADDER, "competencies:", "policy:\n  rules: {T003: 'off'}\ncompetencies:")])
    assert check_json(capsys, minimal) == (0, [])
    append(minimal, ENG, "policy:\n  rules:\n    T003: {severity: error, reason: Engineering writes every switch down.}\n")
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("T003", "eng.yaml", 61, 5)])


def test_a_family_exception_needs_a_reason(capsys, minimal):
    append(minimal, ENG, "policy:\n  rules:\n    G004: {severity: warning}\n")
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("S002", "eng.yaml", 71, 11)])
    assert found[0]["message"] == "policy.rules.G004: missing required key 'reason'"


def test_an_unknown_rule_in_a_family_policy_is_s002_with_a_suggestion(capsys, minimal):
    append(minimal, ENG, "policy:\n  rules:\n    height-parit: {severity: warning, reason: By design.}\n")
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("S002", "eng.yaml", 71, 5)])
    assert found[0]["message"] == "policy.rules: unknown rule 'height-parit' (did you mean 'height-parity'?)"


def test_a_rule_that_is_not_a_check_cannot_be_configured_and_says_so_at_its_key(capsys, minimal):
    apply(minimal, [(LADDER, "competencies:", "policy:\n  rules:\n    R001: 'off'\n    P005: 'off'\n"
                                              "    export-mapping-missing: {severity: error}\ncompetencies:")])
    append(minimal, ENG, "policy:\n  rules:\n    S003: {severity: warning, reason: We merge by hand.}\n")
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("S002", "eng.yaml", 71, 5), ("S002", "ladder.yaml", 23, 5),
                                             ("S002", "ladder.yaml", 25, 5)])
    hint = "remove the entry; policy.rules sets the checks only (G, L, P and T rules: see `ladderc rules`)"
    assert [(x["message"], x["hint"]) for x in found] == [
        ("policy.rules: S003 (duplicate-key) cannot be configured: it is reported while reading the ladder's files "
         "against the schema, always as an error", hint),
        ("policy.rules: R001 (unknown-reference) cannot be configured: it is reported while resolving the ladder's "
         "references, always as an error", hint),
        ("policy.rules: E003 (export-mapping-missing) cannot be configured: it is reported while exporting, always "
         "as a warning", hint)]


def test_a_bad_severity_in_either_form_is_s002_at_the_value_not_the_other_form(capsys, minimal):
    apply(minimal, [(LADDER, "competencies:", "policy:\n  rules:\n    P005: warnin\n    P006: {severity: of}\ncompetencies:")])
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("S002", "ladder.yaml", 23, 11), ("S002", "ladder.yaml", 24, 22)])
    assert [x["message"] for x in found] == [
        "policy.rules.P005: 'warnin' is not one of ['error', 'warning', 'off']",
        "policy.rules.P006.severity: 'of' is not one of ['error', 'warning', 'off']"]


def test_sarif_states_exceptions_as_rule_configuration_overrides(capsys, minimal, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    apply(minimal, NO_E4)
    append(minimal, ENG, f"policy:\n  rules:\n    G004: {{severity: warning, reason: {REASON}}}\n")
    code, out, _ = run(capsys, "check", "minimal", "--format", "sarif")
    log = json.loads(out)
    assert sarif_schema_errors(log) == []
    [override] = log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[override["descriptor"]["index"]]["id"] == override["descriptor"]["id"] == "G004"
    assert override["configuration"] == {"level": "warning", "enabled": True}
    assert override["properties"] == {"scope": "eng", "reason": REASON}
    assert log["runs"][0]["results"][0]["level"] == "warning"
