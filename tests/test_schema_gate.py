"""The gate (jsonschema-rs) and the explaining validator (python-jsonschema) give the same verdict.

`schema.validate` trusts the gate's "valid" without asking python-jsonschema, so a document the
gate passes and python-jsonschema fails would lose its diagnostics; one the gate fails and
python-jsonschema passes would cost time only. Both are compared on every ladder and family in the
repository, the schema tests' broken documents, every edge value at every place of the minimal
ladder, and a Hypothesis sample of mutated documents.
"""

from __future__ import annotations

import importlib.util
import json
import math
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import mutate, paths, values

from ladderc import schema
from ladderc.loader import load_file, parse

CORPUS = sorted([*ROOT.glob("ladders/**/*.yaml"), *FIXTURES.glob("**/*.yaml"), *(ROOT / "tests" / "real").glob("**/*.yaml")])
LADDER, ENG = "ladder.yaml", "families/eng.yaml"
# The broken (and the just-valid) documents of tests/test_schema.py and tests/test_value_limits.py.
EDITS = [
    (ENG, "    title: Engineer II\n", "    title: Engineer II\n    sumary: Grows.\n"),
    (ENG, "us: {min: 100000, mid: 120000, max: 140000}", 'us: {min: "100k", mid: 120000, max: 140000}'),
    (ENG, "    title: Staff Engineer\n", ""),
    (LADDER, "currency: GBP", "currency: GBX"),
    (ENG, "  - id: e1\n", "  - id: ../../etc\n"),
    (ENG, "  - id: e1\n", '  - id: "e1\\n"\n'),
    (ENG, "title: Engineer I\n", f"title: '{'x' * 100_000}'\n"),
    (LADDER, "format: 1", "format: 2"),
    (LADDER, "effective: 2026-01-01", "effective: 2026-13-01"),
    (LADDER, "    name: Craft\n", "    name: Craft\n    families: [Eng]\n"),
    (LADDER, "    tracks: [mgmt]\n", "    tracks: [mgmt]\n    families: []\n"),
    (LADDER, "grades: [G1, G2, G3, G4]", "grades: [5, G2, G3, G4]"),
    (ENG, "grade: G1", "grade: 1.5"),
    *[(LADDER, "effective: 2026-01-01", f"effective: {date}")
      for date in ("1969-12-31", "1970-01-01", "2099-12-31", "2100-01-01", "0001-01-01", "9999-12-31")],
    *[(ENG, "max: 140000}", f"max: {amount}}}") for amount in ("1000000000000", "1000000000001", "1e300")],
    (ENG, "{min: 100000,", "{min: -1e300,"),
    *[(LADDER, "round: 1000", f"round: {step}") for step in ("1e-30", "1e300", "0.0001", "1000000000000")],
    (LADDER, "factor: 0.5", "factor: 1e300"),
    (LADDER, "factor: 0.5", "factor: 1000000"),
    *[(LADDER, "competencies:", f"policy:\n  {policy}\ncompetencies:") for policy in (
        "range_spread: {min: 0.3, max: 101}", "midpoint_progression: {min: 0.05, max: 11}",
        "midpoint_progression: {min: 10, max: 10}", "rules: {P001: off, P003: off}")],
]

# Values just inside and just outside the schemas' bounds, patterns and formats.
EDGES = [
    "2026-01-01", "2026-02-30", "2026-1-01", "20260101", "2026-01-01T00:00:00", "\uff12\uff10\uff12\uff16-01-01",
    "a" * 64, "a" * 65, "A1", "-a", "a-", "a\n", "se2", "G1", "G.1_x", "g" * 32, "g" * 33, "", " ", "x" * 240,
    "x" * 241, "promotion", "switch", "Promotion", "error", "warning", "off", "USD", "usd", "XAU",
    0, -0.0, 1e-300, -1, 1, 1.0, 1.5, 2, -2, 0.5, True, False, None,
    [], {}, ["a", "a"], ["a", "b"], [1, True], [1, 1.0], [{"a": 1}, {"a": 1}],
    "1969-12-31", "1970-01-01", "2099-12-31", "2100-01-01", "2026-01-01\n", 10**12, 10**12 + 1, -10**12 - 1,
    10**6, 10**6 + 1, 0.0001, 0.00009, 10, 11, 100, 101, "\ufffe", "x\ufdd0",
]
NON_FINITE = [math.inf, -math.inf, math.nan]


def kind_of(file: Path) -> str | None:
    return "ladder" if file.name == "ladder.yaml" else "family" if file.parent.name == "families" else None


def verdicts(kind: str, document) -> tuple[bool, bool]:
    """(gate, python-jsonschema) on one document."""
    return schema.is_valid(kind, document), schema._validator(kind).is_valid(document)


def disagreements(documents) -> list[str]:
    return [f"{name}: gate {gate}, jsonschema {full}: {json.dumps(document, default=str)[:300]}"
            for name, kind, document in documents for gate, full in [verdicts(kind, document)] if gate != full]


def edited(file: str, old: str, new: str):
    text = (FIXTURES / "minimal" / file).read_text(encoding="utf-8")
    assert old in text, (file, old)
    doc, _ = parse(FIXTURES / "minimal" / file, text.replace(old, new, 1).encode())
    return doc.data


def minimal_documents() -> list[tuple[str, str, object]]:
    """The minimal ladder and family, each with a policy so that its bounds are tried too."""
    ladder = load_file(FIXTURES / "minimal" / LADDER)[0].data
    family = load_file(FIXTURES / "minimal" / ENG)[0].data
    ladder["policy"] = {"parity_tolerance": 0.05, "range_spread": {"min": 0.3, "max": 1.0},
                        "midpoint_progression": {"min": 0.05, "max": 0.3},
                        "rules": {"P005": "error", "P006": {"severity": "off", "reason": "Set per market."}}}
    family["policy"] = {"rules": {"G004": {"severity": "warning", "reason": "By design."}}}
    return [("ladder", "ladder", ladder), ("family", "family", family)]


def repository_documents() -> list[tuple[str, str, object]]:
    found = [(str(file.relative_to(ROOT)), kind, load_file(file)[0].data)
             for file in CORPUS if (kind := kind_of(file))]
    found += [(f"minimal {file}: {new[:40]!r}", kind_of(FIXTURES / "minimal" / file), edited(file, old, new))
              for file, old, new in EDITS]
    with tempfile.TemporaryDirectory() as folder:  # the benchmark's generated ladder: zones, bands, derived pay
        spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
        generate = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generate)
        generate.main([folder, "--families", "3", "--variable", "equity"])
        found += [(f"generated {file.name}", kind, load_file(file)[0].data)
                  for file in sorted(Path(folder).rglob("*.yaml")) if (kind := kind_of(file))]
    return found


def test_every_document_in_the_repository_gets_the_same_verdict():
    documents = repository_documents()
    assert len([name for name, _, _ in documents if name.startswith("tests/real")]) >= 4
    assert {verdicts(kind, document) for _, kind, document in documents} == {(True, True), (False, False)}
    assert disagreements(documents) == []


@pytest.mark.slow  # 2,500 documents a kind through python-jsonschema, 15 s or more; the Hypothesis sample tries edges too
@pytest.mark.parametrize("kind", ["ladder", "family"])
def test_every_edge_value_at_every_place_gets_the_same_verdict(kind):
    """Each edge value written at each path of the minimal ladder or family, and an unknown key in each mapping."""
    (name, _, document), = [x for x in minimal_documents() if x[1] == kind]
    documents = []
    for path in places(document):
        documents += [(f"{name} {path} = {value!r}", kind, mutate(document, path, "retype", value, None)) for value in EDGES]
        if isinstance(_at(document, path), dict):
            changed = mutate(document, (), "copy", None, None)
            _at(changed, path)["unknown-key"] = "x"
            documents.append((f"{name} {path} + unknown key", kind, changed))
    assert {verdicts(kind, document) for _, kind, document in documents} == {(True, True), (False, False)}
    assert disagreements(documents) == []


def test_the_gate_says_no_to_numbers_json_cannot_hold():
    # NaN is never below a minimum, so python-jsonschema may pass it; the loader lists it and
    # validate() reports it on its own. The gate's "no" sends such a document to python-jsonschema.
    _, kind, document = minimal_documents()[1]
    for value in NON_FINITE:
        assert not schema.is_valid(kind, mutate(document, ("levels", 0, "pay", "us", "max"), "retype", value, None))


def places(document):
    """One path to each place the schema tells apart: a list's later items repeat its first, unless
    they hold a key no earlier item has (the minimal ladder's second zone derives its pay)."""
    seen = set()
    for path in paths(document):
        place = tuple("*" if isinstance(step, int) else step for step in path)
        if place not in seen:
            seen.add(place)
            yield path


def _at(document, path):
    for step in path:
        document = document[step]
    return document


SOURCES = [(kind, document) for _, kind, document in minimal_documents()] + [
    (kind_of(file), load_file(file)[0].data) for file in CORPUS if kind_of(file)]


@settings(suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_documents_get_the_same_verdict(data):
    kind, document = data.draw(st.sampled_from(SOURCES))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(list(paths(document))))
        operation = data.draw(st.sampled_from(["drop", "rename", "retype", "retype", "edge", "edge", "shuffle", "duplicate"]))
        replacement = data.draw(st.sampled_from(EDGES) if operation == "edge" else values)
        rng = data.draw(st.randoms(use_true_random=False))
        document = _renamed(document, path) if operation == "rename" else mutate(
            document, path, "retype" if operation == "edge" else operation, replacement, rng)
    if not _holds_non_finite(document):  # the gate's "no" there is checked above
        assert disagreements([("mutated", kind, document)]) == []


def _renamed(document, path):
    """`document` with the key at the end of `path` misspelt (a list index is left alone)."""
    document = mutate(document, (), "copy", None, None)
    if path and isinstance(path[-1], str):
        parent = _at(document, path[:-1])
        parent[path[-1] + "s"] = parent.pop(path[-1])
    return document


def _holds_non_finite(node) -> bool:
    if isinstance(node, float):
        return not math.isfinite(node)
    if isinstance(node, dict):
        return any(_holds_non_finite(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds_non_finite(v) for v in node)
    return False


@pytest.mark.parametrize("kind", ["ladder", "family"])
def test_a_different_schema_is_caught(kind, monkeypatch):
    """The comparison can fail: a gate compiled from a schema with one bound moved disagrees."""
    import jsonschema_rs

    changed = json.loads(json.dumps(schema.load_schema(kind)).replace("{0,63}", "{0,62}"))  # ids one shorter
    assert changed != schema.load_schema(kind)
    monkeypatch.setattr(schema, "_gate", lambda name: jsonschema_rs.Draft202012Validator(changed, validate_formats=True))
    _, _, document = minimal_documents()[0 if kind == "ladder" else 1]
    documents = [("a 64-character id", kind, mutate(document, path, "retype", "a" * 64, None)) for path in paths(document)]
    assert disagreements(documents)


def test_a_reference_to_another_published_schema_resolves_from_schemas_in_both():
    import jsonschema_rs
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    referring = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$ref": "https://ladderc.dev/schemas/family.schema.json#/$defs/id"}
    gate = jsonschema_rs.Draft202012Validator(referring, retriever=schema.published)
    full = Draft202012Validator(referring, registry=Registry(retrieve=lambda uri: Resource.from_contents(schema.published(uri))))
    for value, valid in [("se2", True), ("a" * 64, True), ("a" * 65, False), ("Se2", False), (2, False)]:
        assert (gate.is_valid(value), full.is_valid(value)) == (valid, valid), value
    with pytest.raises(LookupError):
        schema.published("https://example.com/schemas/family.schema.json")
