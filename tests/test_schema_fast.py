"""The compiled schema predicate agrees with jsonschema on valid and invalid documents.

`schema.validate` trusts the predicate's "valid" without asking jsonschema, so a document the
predicate passes and jsonschema fails would lose its diagnostics. These tests compare the two
verdicts on the example, the minimal fixture, edge values next to every bound in the schemas,
and many mutated documents.
"""

from __future__ import annotations

import json
import math
import os

import pytest
from conftest import EXAMPLE, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_fuzz import mutate, paths, values

from ladderc.loader import load_file
from ladderc.schema import load_schema
from ladderc.schema_fast import compile_schema

CASES = int(os.environ.get("LADDERC_FUZZ_CASES", "1000"))
SOURCES = [("ladder", EXAMPLE / "ladder.yaml"), ("ladder", FIXTURES / "minimal" / "ladder.yaml")] + [
    ("family", file) for file in sorted((EXAMPLE / "families").glob("*.yaml"))
    + sorted((FIXTURES / "minimal" / "families").glob("*.yaml"))]
DOCUMENTS = [(kind, load_file(file)[0].data) for kind, file in SOURCES]
FAST = {kind: compile_schema(load_schema(kind)) for kind in ("ladder", "family")}
FULL = {kind: Draft202012Validator(load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)
        for kind in ("ladder", "family")}

# Values just inside and just outside the schemas' bounds, patterns and formats.
EDGES = st.sampled_from([
    "2026-01-01", "2026-02-30", "2026-1-01", "20260101", "2026-01-01T00:00:00", "\uff12\uff10\uff12\uff16-01-01",
    "a" * 64, "a" * 65, "A1", "-a", "a-", "a\n", "se2", "G1", "G.1_x", "g" * 32, "g" * 33, "", " ", "x" * 240,
    "x" * 241, "promotion", "switch", "Promotion", "error", "warning", "off", "USD", "usd", "XAU",
    0, -0.0, 1e-300, -1, 1, 1.0, 1.5, 2, -2, 0.5, True, False, None, math.inf, -math.inf, math.nan,
    [], {}, ["a", "a"], ["a", "b"], [1, True], [1, 1.0], [{"a": 1}, {"a": 1}],
    # the value limits: dates, amounts, factor, round, policy fractions
    "1969-12-31", "1970-01-01", "2099-12-31", "2100-01-01", "2026-01-01\n", 10**12, 10**12 + 1, -10**12 - 1,
    10**6, 10**6 + 1, 0.0001, 0.00009, 10, 11, 100, 101, "\ufffe", "x\ufdd0",
])


def agree(kind: str, document) -> None:
    expected = FULL[kind].is_valid(document)
    assert FAST[kind](document) == expected, json.dumps(document, default=str)[:500]


def test_both_schemas_compile():
    assert FAST["ladder"] is not None and FAST["family"] is not None


@pytest.mark.parametrize("kind, document", DOCUMENTS, ids=[str(file.relative_to(file.parents[2])) for _, file in SOURCES])
def test_valid_documents_pass_both(kind, document):
    assert FULL[kind].is_valid(document)
    agree(kind, document)


def test_unknown_keywords_refuse_to_compile():
    """A keyword the compiler does not know means jsonschema alone judges: never a silent pass."""
    assert compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}}) is None
    assert compile_schema({"properties": {"a": {"format": "email"}}}) is None
    assert compile_schema({"$ref": "https://example.com/other.json"}) is None


def test_recursive_references_compile():
    schema = {"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "$ref": "#/$defs/node"}
    check = compile_schema(schema)
    assert check([[[]], []]) and not check([[1]])


MINIMAL = [(kind, document) for (kind, file), (_, document) in zip(SOURCES, DOCUMENTS) if "minimal" in file.parts]
# The fixtures write no policy; give the ladder and the family one so its bounds are tried too.
MINIMAL[0] = ("ladder", {**MINIMAL[0][1], "policy": {
    "parity_tolerance": 0.05, "range_spread": {"min": 0.3, "max": 1.0},
    "midpoint_progression": {"min": 0.05, "max": 0.3},
    "rules": {"P005": "error", "P006": {"severity": "off", "reason": "Set per market."}}}})
MINIMAL[1] = ("family", {**MINIMAL[1][1], "policy": {"rules": {"G004": {"severity": "warning", "reason": "By design."}}}})


@pytest.mark.parametrize("kind, document", MINIMAL, ids=["ladder", "family"])
def test_every_edge_value_at_every_place(kind, document):
    """Each edge value written at each path of the minimal ladder, and an unknown key in each mapping."""
    for path in paths(document):
        for value in EDGES.elements:
            agree(kind, mutate(document, path, "retype", value, None))
        if isinstance(_at(document, path), dict):
            changed = mutate(document, (), "copy", None, None)
            _at(changed, path)["unknown-key"] = "x"
            agree(kind, changed)


def _at(document, path):
    for step in path:
        document = document[step]
    return document


@settings(max_examples=CASES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_documents_get_the_same_verdict(data):
    kind, document = data.draw(st.sampled_from(DOCUMENTS))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(list(paths(document))))
        operation = data.draw(st.sampled_from(["drop", "retype", "retype", "edge", "edge", "shuffle", "duplicate"]))
        replacement = data.draw(EDGES if operation == "edge" else values)
        rng = data.draw(st.randoms(use_true_random=False))
        document = mutate(document, path, "retype" if operation == "edge" else operation, replacement, rng)
    agree(kind, document)
