"""Fuzzing: mutated and arbitrary ladders never crash ladderc.

Every case must end with exit 0 or 1 and positioned diagnostics: never exit 2 (an internal
error) and never a traceback. Mutations follow what hurried edits and hostile pull requests do:
drop, duplicate and retype keys, random unicode, huge/negative/NaN/infinite numbers, empty and
very long strings, shuffled lists.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
from pathlib import Path

import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ladderc.cli import main

MINIMAL = FIXTURES / "minimal"
FILES = ("ladder.yaml", "families/eng.yaml")
ORIGINAL = {name: yaml.safe_load((MINIMAL / name).read_text()) for name in FILES}
CASES = int(os.environ.get("LADDERC_FUZZ_CASES", "1000"))

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 10**400, math.nan, math.inf, -math.inf, 1e308, -0.0, 1e-320]),
    st.floats(allow_nan=True, allow_infinity=True),
)
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "NO", "yes", "~", "null", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\",\"y\")",
                     "[x](javascript:alert(1))", "../../etc", "G1", "ic", "mgmt", "us", "e1", "m3", "training"]),
    st.tuples(st.text(min_size=1, max_size=8), st.integers(min_value=700, max_value=3000)).map(lambda t: t[0] * t[1]),
)
scalars = st.one_of(numbers, texts, st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def paths(node, prefix=()):
    """Every path into a document: keys and list indices."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, prefix + (i,))


def mutate(document, path, operation: str, replacement, rng):
    document = json.loads(json.dumps(document, default=str))  # a deep copy with plain types
    if not path:
        return replacement if operation == "retype" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if operation == "drop":
        del parent[last]
    elif operation == "retype":
        parent[last] = replacement
    elif operation == "shuffle" and isinstance(parent[last], list):
        rng.shuffle(parent[last])
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    elif operation == "duplicate" and isinstance(parent, dict):
        parent[f"{last}"] = parent[last]
    return document


def check(files: dict[str, bytes]) -> None:
    """Write a ladder, run `ladderc check` on it, and hold the result to the contract."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ladder"
        (root / "families").mkdir(parents=True)
        for name, data in files.items():
            (root / name).write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(root), "--format", "json"])
        assert code in (0, 1), err.getvalue()
        assert err.getvalue() == ""
        report = json.loads(out.getvalue())
        assert (code == 1) == (report["summary"]["errors"] > 0)
        for found in report["diagnostics"]:
            assert found["line"] >= 1 and found["column"] >= 1, found
            assert (Path(found["file"]).is_absolute() or Path(found["file"]).exists() or root.exists()), found
            assert found["message"] and found["code"][0] in "SRGPT", found


def dump(document) -> bytes:
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode("utf-8")


@settings(max_examples=CASES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_ladders_never_crash(data):
    name = data.draw(st.sampled_from(FILES))
    document = ORIGINAL[name]
    path = data.draw(st.sampled_from(list(paths(document))))
    operation = data.draw(st.sampled_from(["drop", "retype", "retype", "shuffle", "duplicate"]))
    replacement = data.draw(values)
    rng = data.draw(st.randoms(use_true_random=False))
    files = {other: (MINIMAL / other).read_bytes() for other in FILES}
    files[name] = dump(mutate(document, path, operation, replacement, rng))
    check(files)


@settings(max_examples=CASES // 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=300), cut=st.integers(min_value=0, max_value=4000), duplicate=st.booleans())
def test_damaged_text_never_crashes(text, cut, duplicate):
    """Truncate the family file, splice random text into it, or repeat one of its lines."""
    source = (MINIMAL / FILES[1]).read_text()
    lines = source.splitlines(keepends=True)
    if duplicate:
        line = cut % len(lines)
        damaged = "".join(lines[: line + 1] + [lines[line]] + lines[line + 1:])
    else:
        damaged = source[: cut % len(source)] + text
    check({FILES[0]: (MINIMAL / FILES[0]).read_bytes(), FILES[1]: damaged.encode("utf-8", "surrogatepass")})


@settings(max_examples=CASES // 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(document=values, raw=st.binary(max_size=200), as_bytes=st.booleans())
def test_arbitrary_documents_never_crash(document, raw, as_bytes):
    files = {FILES[0]: (MINIMAL / FILES[0]).read_bytes(), FILES[1]: (MINIMAL / FILES[1]).read_bytes()}
    files["families/other.yaml"] = raw if as_bytes else dump(document)
    check(files)


def test_the_harness_sees_a_crash(monkeypatch):
    """The property can fail: an internal error in the pipeline is caught by `check`."""
    import ladderc.compiler

    monkeypatch.setattr(ladderc.compiler, "compile_ladder", lambda *a, **k: 1 / 0)
    files = {name: (MINIMAL / name).read_bytes() for name in FILES}
    try:
        check(files)
    except AssertionError as failure:
        assert "internal error: ZeroDivisionError" in str(failure)
    else:
        raise AssertionError("the fuzz harness accepted an internal error")




def text_paths(document) -> list[tuple]:
    """Paths to the free-text values a ladder author writes (titles, summaries, expectations...)."""
    return [p for p in paths(document) if p and isinstance(p[-1], str)
            and p[-1] in {"title", "summary", "name", "description", "criteria", "craft", "people"}]


def run_command(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 1), err.getvalue() + out.getvalue()
    assert "internal error" not in err.getvalue()
    return code, out.getvalue()


def mutated_text_ladder(data) -> dict[str, bytes]:
    name = data.draw(st.sampled_from(FILES))
    path = data.draw(st.sampled_from(text_paths(ORIGINAL[name])))
    replacement = data.draw(st.one_of(texts, st.text(alphabet=st.characters(codec="utf-8"), max_size=60)))
    files = {other: (MINIMAL / other).read_bytes() for other in FILES}
    files[name] = dump(mutate(ORIGINAL[name], path, "retype", replacement, None))
    return files


def command_on(files: dict[str, bytes], command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ladder"
        (root / "families").mkdir(parents=True)
        for name, data in files.items():
            (root / name).write_bytes(data)
        out = Path(tmp) / "out"
        code, printed = run_command([command[0], str(root), *command[1:], "-o", str(out)])
        assert out.exists() == (code == 0), printed  # all or nothing
        assert [p.name for p in Path(tmp).iterdir() if ".tmp-" in p.name or ".old-" in p.name] == []


@settings(max_examples=max(CASES // 10, 10), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_export_of_mutated_ladders_never_crashes(data):
    command_on(mutated_text_ladder(data), ["export", "--all"])


@settings(max_examples=max(CASES // 40, 5), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_build_of_mutated_ladders_never_crashes(data):
    command_on(mutated_text_ladder(data), ["build"])
