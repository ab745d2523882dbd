"""Exports for HR carry the readiness model: requirement kinds, support after a move, trials and the policy."""

from __future__ import annotations

import json

from conftest import ROOT, run
from export_helpers import read_csv
from jsonschema import Draft202012Validator


def export(capsys, ladder, out, target):
    code, _, err = run(capsys, "export", str(ladder), "--target", target, "-o", str(out))
    assert (code, err) == (0, "")
    return out / ladder.name / target


def test_json_carries_kinds_support_trials_and_the_policy(example, tmp_path, capsys):
    doc = json.loads((export(capsys, example, tmp_path / "out", "json") / "ladder.json").read_text(encoding="utf-8"))
    Draft202012Validator(json.loads((ROOT / "schemas" / "export.schema.json").read_text())).validate(doc)
    kinds = {r["id"]: r["kind"] for r in doc["requirements"]}
    assert kinds == {"people-interest": "conversation", "leadership-apprenticeship": "apprenticeship",
                     "manager-training": "training", "feedback-360": "feedback", "manager-coaching": "mentoring"}
    moves = {(t["from"], t["to"]): t for t in doc["transitions"]}
    assert (moves[("se4", "em1")]["support"], moves[("se4", "em1")]["trial"]) == (["manager-coaching"], {"months": 6})
    assert (moves[("em1", "se4")]["support"], moves[("em1", "se4")]["trial"]) == ([], None)
    assert doc["policy"]["readiness"] == {"into_management": [["apprenticeship", "training"], ["feedback"]]}


def test_json_policy_readiness_is_null_when_unset(minimal, tmp_path, capsys):
    doc = json.loads((export(capsys, minimal, tmp_path / "out", "json") / "ladder.json").read_text(encoding="utf-8"))
    assert doc["policy"]["readiness"] is None
    assert doc["requirements"] == [{"id": "training", "name": "Manager training", "description": "", "kind": "other"}]


def test_csv_has_a_requirements_table_and_support_and_trial_columns(example, tmp_path, capsys):
    out = export(capsys, example, tmp_path / "out", "csv")
    assert [(r["requirement"], r["kind"]) for r in read_csv(out / "requirements.csv")][-1] == ("manager-coaching", "mentoring")
    rows = {(r["from"], r["to"]): r for r in read_csv(out / "transitions.csv")}
    assert (rows[("ae2", "sm1")]["support"], rows[("ae2", "sm1")]["trial_months"]) == ("manager-coaching", "6")
    assert (rows[("sm1", "ae2")]["support"], rows[("sm1", "ae2")]["trial_months"]) == ("", "")
