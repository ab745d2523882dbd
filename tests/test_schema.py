"""Schema stage: S002 at the offending node, every error reported, S004 for format and stray files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, check_json, edit, findings, run
from jsonschema import Draft202012Validator


def test_published_schemas_are_valid_draft_2020_12_with_docs_everywhere():
    for name in ("ladder", "family"):
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].endswith(f"/{name}.schema.json")
        undocumented = []

        def walk(node, path, undocumented):
            if isinstance(node, dict):
                if "properties" in node:
                    assert node.get("additionalProperties") is False, path
                    for key, sub in node["properties"].items():
                        if not (sub.get("title") and sub.get("description")):
                            undocumented.append(f"{path}/{key}")
                for key, sub in node.items():
                    walk(sub, f"{path}/{key}", undocumented)
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, f"{path}/{i}", undocumented)

        walk(schema, name, undocumented)
        assert undocumented == []


def test_schema_command_prints_the_published_file(capsys):
    code, out, _ = run(capsys, "schema", "family")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "schemas" / "family.schema.json").read_text())


def test_unknown_key_points_at_the_key_with_a_did_you_mean(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "    title: Engineer II\n", "    title: Engineer II\n    sumary: Grows.\n")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert findings(found) == [("S002", "eng.yaml", 17, 5)]
    assert "unknown key 'sumary' (did you mean 'summary'?)" in found[0]["message"]


def test_every_schema_error_is_reported_not_just_the_first(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "us: {min: 100000, mid: 120000, max: 140000}",
         'us: {min: "100k", mid: 120000, max: 140000}')
    edit(minimal / "families/eng.yaml", "    title: Staff Engineer\n", "")
    edit(minimal / "ladder.yaml", "currency: GBP", "currency: GBX")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert findings(found) == [("S002", "eng.yaml", 12, 17), ("S002", "eng.yaml", 29, 5), ("S002", "ladder.yaml", 19, 15)]
    assert '"100k" is text, expected a number' in found[0]["message"]
    assert "missing required key 'title'" in found[1]["message"]
    assert '"GBX" is not one of the allowed values' in found[2]["message"]


def test_bad_id_is_s002(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "  - id: e1\n", "  - id: ../../etc\n")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "eng.yaml", 5, 9)]


def test_infinite_amount_is_s002(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "max: 140000", "max: 1e309")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "eng.yaml", 12, 43)]
    assert "is not a finite number" in found[0]["message"]


def test_a_file_that_is_a_list_is_s002_at_its_start(capsys, minimal: Path):
    (minimal / "families/other.yaml").write_text("- id: x\n- id: y\n")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "other.yaml", 1, 1)]
    assert "must be a mapping of keys to values, but it is a list" in found[0]["message"]


def test_an_over_long_value_is_quoted_short_in_the_finding(capsys, minimal: Path):
    """A 100 kB title was echoed whole (jsonschema quotes the value in "is too long")."""
    edit(minimal / "families/eng.yaml", "title: Engineer I\n", f"title: '{'x' * 100_000}'\n")
    code, found = check_json(capsys, minimal)
    assert code == 1 and findings(found) == [("S002", "eng.yaml", 8, 12)]
    assert found[0]["message"] == f"levels[0].title: '{'x' * 199}…' is too long"
    code, out, _ = run(capsys, "check", str(minimal))
    assert code == 1 and max(len(line) for line in out.splitlines()) < 400


def test_an_empty_family_file_is_s002(capsys, minimal: Path):
    (minimal / "families/empty.yaml").write_text("")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "empty.yaml", 1, 1)]


def test_unsupported_format_version_is_s004(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "format: 1", "format: 2")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S004", "ladder.yaml", 1, 9)]


def test_a_stray_yaml_file_is_s004(capsys, minimal: Path):
    (minimal / "notes.yaml").write_text("hello: world\n")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S004", "notes.yaml", 1, 1)]


def test_invalid_date_is_s002(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "effective: 2026-01-01", "effective: 2026-13-01")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "ladder.yaml", 4, 14)]


def test_competency_families_is_a_non_empty_list_of_ids(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "    name: Craft\n", "    name: Craft\n    families: [Eng]\n")
    edit(minimal / "ladder.yaml", "    tracks: [mgmt]\n", "    tracks: [mgmt]\n    families: []\n")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("S002", "ladder.yaml", 24, 16), ("S002", "ladder.yaml", 28, 15)])
    assert [x["message"] for x in found] == [
        'competencies[0].families[0]: "Eng" does not match the pattern ^[a-z0-9][a-z0-9-]{0,63}$',
        "competencies[1].families: [] should be non-empty"]


def test_an_unquoted_numeric_grade_hints_to_quote_it(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "grades: [G1, G2, G3, G4]", "grades: [5, G2, G3, G4]")
    code, found = check_json(capsys, minimal)
    s002 = [x for x in found if x["code"] == "S002"]
    assert findings(s002) == [("S002", "ladder.yaml", 5, 10)]
    assert s002[0]["message"] == "grades[0]: 5 is a number, expected text"
    assert s002[0]["hint"] == "quote it: '5'"


def test_a_numeric_level_grade_hints_to_quote_it(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "grade: G1", "grade: 1.5")
    found = [x for x in check_json(capsys, minimal)[1] if x["code"] == "S002"]
    assert [x["hint"] for x in found] == ["quote it: '1.5', or as written (YAML read it as a number)"]
