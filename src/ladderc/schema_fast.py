"""A fast yes/no answer to "is this document valid?", compiled from the published JSON Schema.

jsonschema walks a schema for every value, resolving each `$ref` through `referencing` as it goes:
on a thousand families that was most of `ladderc check`'s time. Nearly every document CI sees is
valid, so `schema.validate` first asks this compiled predicate, and only when it answers "no"
runs jsonschema for the full story (every error, best_match, positions).

The predicate is built at run time from the schema files themselves (no second copy of the
schema in code). It is conservative by construction: it understands only the keywords listed in
`_KEYWORDS`, and a schema using any other keyword compiles to `None` (always use jsonschema).
Where matching jsonschema exactly would take care (unique items that are not all strings, `enum`
of non-strings), it answers "no", which costs time, never correctness: a "no" is re-checked by
jsonschema, so only a wrong "yes" could change a result, and `tests/test_schema_fast.py` compares
the two on many mutated documents.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

Check = Callable[[object], bool]

# Keywords that only annotate (or hold definitions reached through `$ref`): nothing to check.
_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"}
_KEYWORDS = _ANNOTATIONS | {
    "$ref", "type", "enum", "format", "properties", "additionalProperties", "required", "propertyNames",
    "items", "minItems", "maxItems", "uniqueItems", "pattern", "minLength", "maxLength",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # the same test as jsonschema's "date" format


class Unsupported(Exception):
    """The schema uses something this compiler does not understand; jsonschema alone must judge."""


def compile_schema(schema: dict) -> Check | None:
    """A predicate that is True only for documents jsonschema (Draft 2020-12) finds valid, or None."""
    try:
        return _Compiler(schema).compile(schema)
    except Unsupported:
        return None


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_integer(x) -> bool:  # Draft 2020-12: 3.0 is an integer
    return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "number": _is_number,
    "integer": _is_integer,
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def _is_date(x) -> bool:
    if not isinstance(x, str):
        return True
    if not _DATE.fullmatch(x):
        return False
    try:
        datetime.date.fromisoformat(x)
    except ValueError:
        return False
    return True


class _Compiler:
    def __init__(self, root: dict):
        self.root = root
        self.refs: dict[str, Check] = {}
        self.compiling: set[str] = set()

    def compile(self, schema) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict) or not set(schema) <= _KEYWORDS:
            raise Unsupported(schema)
        if "$id" in schema and schema is not self.root:
            raise Unsupported("$id below the root changes how references resolve")
        checks = [c for c in (self._ref(schema), self._type(schema), self._enum(schema), self._string(schema),
                              self._number(schema), self._object(schema), self._array(schema),
                              self._any_of(schema)) if c is not None]
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(check(x) for check in checks)

    def _any_of(self, schema) -> Check | None:
        if "anyOf" not in schema:
            return None
        if not isinstance(schema["anyOf"], list) or not schema["anyOf"]:
            raise Unsupported(schema["anyOf"])
        branches = [self.compile(branch) for branch in schema["anyOf"]]
        return lambda x: any(branch(x) for branch in branches)

    def _ref(self, schema) -> Check | None:
        ref = schema.get("$ref")
        if ref is None:
            return None
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported(ref)
        if ref in self.compiling:  # a schema that refers to itself: look the check up when called
            refs = self.refs
            return lambda x: refs[ref](x)
        if ref not in self.refs:
            self.compiling.add(ref)
            self.refs[ref] = self.compile(self._pointer(ref[1:]))
            self.compiling.discard(ref)
        return self.refs[ref]

    def _pointer(self, pointer: str):
        node = self.root
        for part in pointer.split("/")[1:] if pointer else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list):
                node = node[int(part)]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                raise Unsupported(pointer)
        return node

    def _type(self, schema) -> Check | None:
        if "type" not in schema:
            return None
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not all(k in _TYPES for k in kinds):
            raise Unsupported(kinds)
        tests = [_TYPES[k] for k in kinds]
        return tests[0] if len(tests) == 1 else (lambda x: any(test(x) for test in tests))

    def _enum(self, schema) -> Check | None:
        if "enum" not in schema:
            return None
        values = schema["enum"]
        if not all(isinstance(v, str) for v in values):
            raise Unsupported("enum of non-strings: jsonschema compares 1, 1.0 and true in its own way")
        allowed = frozenset(values)
        return lambda x: isinstance(x, str) and x in allowed

    def _string(self, schema) -> Check | None:
        pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
        low, high = schema.get("minLength"), schema.get("maxLength")
        fmt = schema.get("format")
        if fmt not in (None, "date"):
            raise Unsupported(f"format {fmt}")
        if pattern is None and low is None and high is None and fmt is None:
            return None

        def check(x) -> bool:
            if not isinstance(x, str):
                return True
            if pattern is not None and pattern(x) is None:
                return False
            if (low is not None and len(x) < low) or (high is not None and len(x) > high):
                return False
            return fmt is None or _is_date(x)
        return check

    def _number(self, schema) -> Check | None:
        # Written as jsonschema writes the failures, so NaN (never less, never more) passes as there.
        bounds = [(schema[k], fails) for k, fails in (
            ("minimum", lambda x, b: x < b), ("maximum", lambda x, b: x > b),
            ("exclusiveMinimum", lambda x, b: x <= b), ("exclusiveMaximum", lambda x, b: x >= b)) if k in schema]
        if not bounds:
            return None
        return lambda x: not _is_number(x) or not any(fails(x, bound) for bound, fails in bounds)

    def _object(self, schema) -> Check | None:
        keys = ("properties", "additionalProperties", "required", "propertyNames")
        if not any(k in schema for k in keys):
            return None
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True or extra is False else self.compile(extra)
        required = tuple(schema.get("required", ()))
        names = self.compile(schema["propertyNames"]) if "propertyNames" in schema else None

        def check(x) -> bool:
            if not isinstance(x, dict):
                return True
            for name in required:
                if name not in x:
                    return False
            for key, value in x.items():
                sub = properties.get(key)
                if sub is not None:
                    if not sub(value):
                        return False
                elif extra is False or (extra_check is not None and not extra_check(value)):
                    return False
                if names is not None and not names(key):
                    return False
            return True
        return check

    def _array(self, schema) -> Check | None:
        if not any(k in schema for k in ("items", "minItems", "maxItems", "uniqueItems")):
            return None
        items = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems"), schema.get("maxItems")
        unique = schema.get("uniqueItems") is True

        def check(x) -> bool:
            if not isinstance(x, list):
                return True
            if (low is not None and len(x) < low) or (high is not None and len(x) > high):
                return False
            if unique and not (all(isinstance(i, str) for i in x) and len(set(x)) == len(x)):
                return False  # not all text: let jsonschema decide what counts as equal
            return items is None or all(items(i) for i in x)
        return check
