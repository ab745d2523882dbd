"""The raw types (`ladderc.raw`) and the schemas say the same: a key added to either fails here."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path

import pytest

from ladderc import raw

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
FILES = {"ladder": raw.LadderFile, "family": raw.FamilyFile}


def _is_typed_dict(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, dict) and hasattr(t, "__required_keys__")


def _members(annotation: object) -> list[object]:
    """The alternatives of a Union, or the annotation alone."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)  # Union[a, b] or a | b
    return list(typing.get_args(annotation)) if union else [annotation]


class _Walk:
    """Walks a schema and a raw type side by side, noting every place they disagree."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.problems: list[str] = []
        self.objects: set[int] = set()  # schema objects (with properties) met
        self.types: set[type] = set()  # TypedDicts met

    def follow(self, node: dict) -> dict:
        while "$ref" in node:
            target = self.schema
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def compare(self, node: dict, annotation: object, where: str, alternative: bool = False) -> None:
        node = self.follow(node)
        members = _members(annotation)
        alternatives = [self.follow(n) for n in node.get("oneOf", []) + node.get("anyOf", [])]
        if alternatives:
            for i, each in enumerate(alternatives):
                self.compare(each, annotation, f"{where}<{i}>", alternative=True)
            if not any("properties" in each for each in alternatives) and any(_is_typed_dict(m) for m in members):
                self.problems.append(f"{where}: the type has a TypedDict, no alternative of the schema an object")
            return
        if "properties" in node:
            typed = [m for m in members if _is_typed_dict(m)]
            if len(typed) != 1:
                self.problems.append(f"{where}: the schema has an object, the type {annotation!r}")
                return
            self.typed_dict(node, typed[0], where)
            return
        if not alternative and any(_is_typed_dict(m) for m in members):
            self.problems.append(f"{where}: the type has a TypedDict, the schema no object with properties")
        if isinstance(node.get("items"), dict):
            lists = [m for m in members if typing.get_origin(m) is list]
            if len(lists) != 1:
                self.problems.append(f"{where}: the schema has an array, the type {annotation!r}")
                return
            self.compare(node["items"], typing.get_args(lists[0])[0], f"{where}[]")
        if isinstance(node.get("additionalProperties"), dict):
            maps = [m for m in members if typing.get_origin(m) is dict]
            if len(maps) != 1:
                self.problems.append(f"{where}: the schema has a mapping, the type {annotation!r}")
                return
            self.compare(node["additionalProperties"], typing.get_args(maps[0])[1], f"{where}{{}}")

    def typed_dict(self, node: dict, td: type, where: str) -> None:
        self.objects.add(id(node))
        self.types.add(td)
        hints = typing.get_type_hints(td)
        written, typed = set(node["properties"]), set(hints)
        for key in sorted(written - typed):
            self.problems.append(f"{where}: '{key}' is in the schema, not in {td.__name__}")
        for key in sorted(typed - written):
            self.problems.append(f"{where}: '{key}' is in {td.__name__}, not in the schema")
        required = set(node.get("required", ()))
        if required != set(td.__required_keys__):  # type: ignore[attr-defined]
            self.problems.append(f"{where}: the schema requires {sorted(required)}, "
                                 f"{td.__name__} {sorted(td.__required_keys__)}")  # type: ignore[attr-defined]
        for key in sorted(written & typed):
            self.compare(node["properties"][key], hints[key], f"{where}.{key}")

    def unvisited(self) -> list[str]:
        """Objects of the schema's definitions that no property leads to from the root."""
        return [name for name, node in self.schema.get("$defs", {}).items()
                if "properties" in node and id(node) not in self.objects]


def mismatches(schema: dict, root: type) -> list[str]:
    walk = _Walk(schema)
    walk.typed_dict(schema, root, root.__name__)
    return walk.problems + [f"$defs/{name} is never compared" for name in walk.unvisited()]


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FILES))
def test_raw_types_match_the_schema(name):
    assert mismatches(_schema(name), FILES[name]) == []


def test_every_raw_type_is_a_schema_object():
    met: set[type] = set()
    for name, root in FILES.items():
        walk = _Walk(_schema(name))
        walk.typed_dict(walk.schema, root, root.__name__)
        met |= walk.types
    public = {t for n, t in vars(raw).items() if _is_typed_dict(t) and not n.startswith("_")}
    assert public - met == set()


@pytest.mark.parametrize("change, expected", [
    (lambda s: s["$defs"]["level"]["properties"].update(grade_step={"type": "integer"}),
     "FamilyFile.levels[]: 'grade_step' is in the schema, not in RawLevel"),
    (lambda s: s["$defs"]["level"]["properties"].pop("job_code"),
     "'job_code' is in RawLevel, not in the schema"),
    (lambda s: s["$defs"]["payFormula"]["required"].append("round"),
     "requires ['benchmark', 'round', 'spread', 'zone']"),
    (lambda s: s["$defs"]["transition"]["properties"]["trial"]["properties"].update(paid={"type": "boolean"}),
     "'paid' is in the schema, not in RawTrial"),
    (lambda s: s["$defs"].update(unused={"type": "object", "properties": {"a": {"type": "string"}}}),
     "$defs/unused is never compared"),
])
def test_a_schema_change_fails_until_the_type_follows(change, expected):
    schema = _schema("family")
    change(schema)
    found = mismatches(schema, raw.FamilyFile)
    assert any(expected in problem for problem in found), found
