"""Schema validation: each document against the published JSON Schemas in `schemas/`.

Two validators read the same files. jsonschema-rs (compiled once, in Rust) is the gate: nearly
every document CI sees is valid, and it says so in a fraction of the time. Only for a document it
says no to does python-jsonschema run, because its errors carry the path, the failing keyword and
the sub-schema that make a diagnostic people can act on. Those errors carry paths, not positions;
the Document's position map turns each path into the line and column of the offending node. Every
error is reported, not just the first. tests/test_schema_gate.py holds the two to the same verdict.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ladderc import diagnostics as d
from ladderc.diagnostics import Diagnostic
from ladderc.loader import CONTROL_CHARACTERS, UNWRITABLE_TEXT, Document
from ladderc.stage_rules import SCHEMA, UNSUPPORTED_FILE

SUPPORTED_FORMAT = 1
SCHEMA_NAMES = ("ladder", "family")

def schema_dir() -> Path:
    """The published schemas: shipped inside the package, or the repository's `schemas/`."""
    packaged = Path(__file__).parent / "schemas"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "schemas"


@cache
def load_schema(name: str) -> dict:
    return json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))


_PUBLISHED = "https://ladderc.dev/schemas/"


def published(uri: str) -> dict:
    """The schema a `$ref` names, read from `schemas/`: one schema may refer to another by its `$id`,
    and neither validator ever fetches one from the network."""
    name = uri.removeprefix(_PUBLISHED).removesuffix(".schema.json")
    if not uri.startswith(_PUBLISHED) or not (schema_dir() / f"{name}.schema.json").is_file():
        raise LookupError(f"{uri} is not one of ladderc's published schemas")
    return load_schema(name)


@cache
def _gate(name: str):
    """jsonschema-rs compiled from schema `name`; formats are checked, as the explaining validator does."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(load_schema(name), validate_formats=True, retriever=published)


def is_valid(kind: str, data: object) -> bool:
    """The gate's verdict on `data` as a document of `kind`. True means python-jsonschema finds no error;
    False is the gate's answer also for NaN and infinities, which JSON cannot hold."""
    return _gate(kind).is_valid(data)


@cache
def _validator(name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    # referencing's documented constructor; its attrs alias `retrieve` is not visible to mypy
    registry = Registry(retrieve=lambda uri: Resource.from_contents(published(uri)))  # type: ignore[call-arg]
    return Draft202012Validator(load_schema(name), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate(doc: Document, kind: str) -> list[Diagnostic]:
    """S002/S004 findings for one document of `kind` ('ladder' or 'family')."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else _type_name(doc.data)
        return [SCHEMA.at(doc.at(), f"the file must be a mapping of keys to values, but it is {what}",
                          f"start the file with `{'format: 1' if kind == 'ladder' else 'family:'}`")]
    found: list[Diagnostic] = []
    if kind == "ladder" and "format" in doc.data and doc.data["format"] != SUPPORTED_FORMAT:
        found.append(UNSUPPORTED_FILE.at(
                doc.at(("format",)),
                f"format {doc.data['format']!r} is not supported; this ladderc reads format {SUPPORTED_FORMAT}",
                "set `format: 1` or upgrade ladderc"))
    if not is_valid(kind, doc.data):  # only python-jsonschema can say what is wrong, and where
        non_finite = set(doc.non_finite)  # reported once below, not also as past a bound
        for error in _validator(kind).iter_errors(doc.data):
            if tuple(error.absolute_path) not in non_finite:
                found.extend(_diagnostics(error, doc))
    for path in doc.non_finite:
        found.append(SCHEMA.at(doc.at(path), f"{_where(path)}: {doc_value(doc, path)} is not a finite number",
                               "write the amount as a plain number such as 120000"))
    for path in doc.control_text:
        hit = UNWRITABLE_TEXT.search(doc_value(doc, path))
        if hit is None:  # the loader lists only text that holds one
            continue
        char = hit.group()
        if CONTROL_CHARACTERS.match(char):
            found.append(SCHEMA.at(doc.at(path), f"{_where(path)}: text holds the control character U+{ord(char):04X}",
                                   "remove the escape sequence (such as \\x01) from the quoted text"))
        else:
            found.append(SCHEMA.at(doc.at(path),
                                   f"{_where(path)}: text holds U+{ord(char):04X}, a Unicode non-character "
                                   "that XML (the site's charts, xlsx) cannot carry",
                                   "remove the character, or the escape sequence (such as \\uFFFE) that writes it"))
    return sorted(set(found), key=lambda x: x.sort_key)


def doc_value(doc: Document, path: tuple) -> Any:
    value: Any = doc.data
    for step in path:
        value = value[step]
    return value


def _diagnostics(error, doc: Document) -> list[Diagnostic]:
    from jsonschema.exceptions import best_match

    if error.validator in ("oneOf", "anyOf") and error.context:
        # A branch that wants another type of value says nothing useful ("is a mapping, expected
        # text"): judge by the branches written for this type of value when there are any.
        wrong_type = {e.relative_schema_path[0] for e in error.context if e.validator == "type" and not e.relative_path}
        fitting = [e for e in error.context if e.relative_schema_path[0] not in wrong_type]
        error = best_match(fitting or error.context)
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        return [
            SCHEMA.at(doc.key_at(path + (key,)), f"{_where(path)}: unknown key '{key}'{d.did_you_mean(key, known)}",
                      f"allowed keys here: {', '.join(known)}")
            for key in error.instance if key not in known
        ]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [SCHEMA.at(doc.at(path), f"{_where(path)}: missing required key '{missing}'",
                          _describe(error.schema.get("properties", {}).get(missing, {})))]
    if error.validator == "propertyNames":
        return [SCHEMA.at(doc.key_at(path + (error.instance,)), f"{_where(path)}: {error.message}",
                          "ids are lowercase letters, digits and '-', starting with a letter or digit")]
    return [SCHEMA.at(doc.at(path), f"{_where(path)}: {_message(error)}", _hint(error))]


def _hint(error) -> str:
    """What the schema says the value is; for a number where text belongs (`grade: 5`), how to quote it."""
    value, expected = error.instance, error.validator_value
    if (error.validator == "type" and "string" in (expected if isinstance(expected, list) else [expected])
            and isinstance(value, (int, float)) and not isinstance(value, bool)):
        quoted = f"'{value}'" if isinstance(value, int) else f"'{value}', or as written (YAML read it as a number)"
        return f"quote it: {quoted}"
    return _describe(error.schema)


def _message(error) -> str:
    if error.validator == "type":
        return f"{_shown(error.instance)} is {_type_name(error.instance)}, expected {_expected(error.validator_value)}"
    if error.validator == "enum" and len(error.validator_value) > 12:
        return f"{_shown(error.instance)} is not one of the allowed values"
    if error.validator == "pattern" and error.schema.get("format") == "date":
        return f"{_shown(error.instance)} is a date outside the years ladderc's outputs can carry"
    if error.validator == "pattern":  # shown with `$`, the end anchor people read, for `(?![\s\S])`
        return f"{_shown(error.instance)} does not match the pattern {error.validator_value.removesuffix(_END)}$"
    return error.message


# The schemas end patterns with this rather than `$`, which also matches before a final newline.
_END = r"(?![\s\S])"


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(kind: str | list[str]) -> str:
    kinds = kind if isinstance(kind, list) else [kind]
    return " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)


_TYPE_WORDS = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "empty"}


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "empty"
    return "text"


def _describe(schema: dict) -> str:
    description = schema.get("description", "") if isinstance(schema, dict) else ""
    return description.split(". ")[0].rstrip(".") + "." if description else ""


def _where(path: tuple) -> str:
    if not path:
        return "file"
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
