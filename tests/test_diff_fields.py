"""One change per field of the format, generated from the schemas: the diff must report every one.

`schema_fields` walks schemas/*.json, so a field added to a schema later is demanded here at
once: first the fixture `tests/fixtures/full` must write it (`test_the_fixture_writes_every_field`),
then changing it alone must show in the diff (`test_every_field_change_is_reported`), with the
position of what changed. Values are changed by their type and schema (a number nudged, an enum
set to another member, text extended, an id renamed everywhere it is used); a reference, which
can only be set to another id that exists, takes its new value from `REFERENCES`.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT

from ladderc.compiler import compile_ladder
from ladderc.diff import compare

FULL = FIXTURES / "full"


def not_the_format(kind: str) -> bool:
    """The schema of an output (`export`) or of a tool's settings (`*-mapping`), not of a ladder file."""
    return kind == "export" or kind.endswith("-mapping")


NOT_CONTENT = {("ladder", "format")}  # the format version: another value is not a ladder this ladderc reads
REFERENCES = {  # schema path -> a new value that names something that exists
    ("family", "levels", "[]", "track"): "mgmt",
    ("family", "levels", "[]", "grade"): "G2",
    ("family", "transitions", "[]", "from"): "e4",
    ("family", "transitions", "[]", "to"): "m4",
    ("family", "transitions", "[]", "support"): ["manager-training"],
    ("ladder", "competencies", "[]", "tracks"): ["ic", "mgmt"],
    ("ladder", "competencies", "[]", "families"): ["eng", "ops"],
    ("ladder", "zones", "[]", "derive", "from"): "eu",
    ("ladder", "zones", "[]", "currency"): "EUR",
    ("ladder", "zones", "[]", "country"): "GB",
    ("family", "levels", "[]", "job_code"): "ENG-02",
    ("family", "levels", "[]", "variable", "mix"): "75/25",
    ("family", "pay_formula", "zone"): "eu",
    ("family", "family", "group"): "platform",
    ("ladder", "policy", "variable_range", "*", "min"): 0.1,
}


def _resolved(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = {**schema["$defs"][node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _walk(schema: dict, node: dict, path: tuple, out: dict) -> None:
    node = _resolved(schema, node)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in node.get(key, []):
            _walk(schema, sub, path, out)
    for name, sub in (node.get("properties") or {}).items():
        out.setdefault(path + (name,), _resolved(schema, sub))
        _walk(schema, sub, path + (name,), out)
    for sub in [node["additionalProperties"]] if isinstance(node.get("additionalProperties"), dict) else []:
        out.setdefault(path + ("*",), _resolved(schema, sub))
        _walk(schema, sub, path + ("*",), out)
    for sub in (node.get("patternProperties") or {}).values():
        out.setdefault(path + ("*",), _resolved(schema, sub))
        _walk(schema, sub, path + ("*",), out)
    if isinstance(node.get("items"), dict):
        _walk(schema, node["items"], path + ("[]",), out)


def schema_fields() -> dict[tuple, dict]:
    """(document kind, *path) -> schema node for every field of every schema of the format (schemas/*.schema.json)."""
    out: dict[tuple, dict] = {}
    for file in sorted((ROOT / "schemas").glob("*.schema.json")):
        kind = file.name.removesuffix(".schema.json")
        if not not_the_format(kind):
            schema = json.loads(file.read_text())
            _walk(schema, schema, (kind,), out)
    return out


def test_the_schemas_walked_are_the_ladder_and_its_families():
    assert sorted({field[0] for field in schema_fields()}) == ["family", "ladder"]


def leaves() -> list[tuple]:
    fields = schema_fields()
    return sorted(p for p in fields if p not in NOT_CONTENT and not any(q[:len(p)] == p and q != p for q in fields))


def documents(root: Path) -> dict[Path, dict]:
    return {f: yaml.safe_load(f.read_text()) for f in [root / "ladder.yaml", *sorted((root / "families").glob("*.yaml"))]}


def kind_of(file: Path) -> str:
    return "ladder" if file.name == "ladder.yaml" else "family"


def concrete(data, pattern: tuple, at: tuple = ()):
    """Every (path, value) in `data` that `pattern` (with "[]" for any item, "*" for any key) names."""
    if not pattern:
        yield at, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == "[]" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from concrete(item, rest, at + (i,))
    elif step == "*" and isinstance(data, dict):
        for key, item in data.items():
            yield from concrete(item, rest, at + (key,))
    elif isinstance(data, dict) and step in data:
        yield from concrete(data[step], rest, at + (step,))


def first_written(docs: dict[Path, dict], field: tuple):
    for file, data in docs.items():
        if kind_of(file) == field[0]:
            for path, value in concrete(data, field[1:]):
                return file, path, value
    return None


def test_the_fixture_writes_every_field():
    docs = documents(FULL)
    missing = [".".join(f) for f in leaves() if first_written(docs, f) is None]
    assert missing == [], f"write these fields in {FULL.relative_to(ROOT)}: {missing}"


def _rename(data, old: str, new: str):
    if isinstance(data, dict):
        return {(new if k == old else k): _rename(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [_rename(v, old, new) for v in data]
    return new if data == old else data


def _changed(value, node: dict, field: tuple):
    if field in REFERENCES:
        return REFERENCES[field]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return round(value + 0.01, 4)
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=1)
    if isinstance(value, str) and "enum" in node:
        return next(v for v in node["enum"] if v != value)
    if isinstance(value, str):
        return value + " (changed)"
    if isinstance(value, list) and len(value) > 1:
        return value[:-1]
    raise AssertionError(f"no way to change {'.'.join(field)} = {value!r}: add it to REFERENCES")


def _set(data, path: tuple, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@pytest.mark.parametrize("field", leaves(), ids=lambda f: ".".join(f))
def test_every_field_change_is_reported(field, tmp_path):
    head = Path(shutil.copytree(FULL, tmp_path / "head"))
    docs = documents(head)
    file, path, value = first_written(docs, field)
    node = schema_fields()[field]
    if path[-1] == "id" or field in {("ladder", "grades", "[]"), ("ladder", "grades")}:
        if isinstance(value, list):  # the grade spine: two grades swap places
            _set(docs[file], path, [value[1], value[0], *value[2:]])
        else:  # an id renamed everywhere it is used
            docs = {f: _rename(d, value, value + "x") for f, d in docs.items()}
    else:
        _set(docs[file], path, _changed(value, node, field))
    for f, data in docs.items():
        f.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    base, changed = compile_ladder(FULL), compile_ladder(head)
    assert changed.ladder is not None, [str(x) for x in changed.diagnostics]
    diff = compare("full", base.ladder, changed.ladder, base.diagnostics, changed.diagnostics)
    reported = {name: getattr(diff, name) for name in ("definitions", "levels", "bands", "derivations", "policy",
                                                        "publication", "transitions", "requirement_kinds",
                                                        "expectations", "fields", "formulas", "beyond_base")}
    assert any(reported.values()), f"changing {'.'.join(field)} at {file.name}:{path} is not reported"
    assert all(x.where for x in diff.fields)
