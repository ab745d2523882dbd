"""Fuzzing: mutated and arbitrary ladders never crash ladderc.

Every case must end with exit 0 or 1 and positioned diagnostics: never exit 2 (an internal
error) and never a traceback. Mutations follow what hurried edits and hostile pull requests do:
drop, duplicate and retype keys, random unicode, huge/negative/NaN/infinite numbers, empty and
very long strings, shuffled lists. The partial-pay cases at the end run every command (check,
graph, export, build, diff between two revisions) on ladders with bands, zones and pay taken away;
there an exit 2 with a message is allowed, an internal error never.
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
from conftest import FIXTURES, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ladderc.catalogue import all_rules
from ladderc.cli import main

MINIMAL = FIXTURES / "minimal"
FILES = ("ladder.yaml", "families/eng.yaml")
ORIGINAL = {name: yaml.safe_load((MINIMAL / name).read_text()) for name in FILES}
# What `check` may report: every registered rule but the export (E) and import (I) findings.
CHECK_CODES = {rule.code for rule in all_rules() if rule.code[0] not in "EI"}

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
            assert found["message"] and found["code"] in CHECK_CODES, found


def dump(document) -> bytes:
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode("utf-8")


@settings(suppress_health_check=list(HealthCheck))
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


@settings(max_examples=examples(1 / 2), suppress_health_check=list(HealthCheck))
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


@settings(max_examples=examples(1 / 2), suppress_health_check=list(HealthCheck))
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


@settings(max_examples=examples(1 / 10, at_least=10), suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_export_of_mutated_ladders_never_crashes(data):
    command_on(mutated_text_ladder(data), ["export", "--all"])


@settings(max_examples=examples(1 / 40, at_least=5), suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_build_of_mutated_ladders_never_crashes(data):
    command_on(mutated_text_ladder(data), ["build"])


# Partial and absent pay: bands dropped per level and per zone, zones dropped from a family or the
# ladder, every policy.pay value, and a second family with no band in a zone. The rules that such
# ladders break are turned down to warnings in some cases, so that build and export get to render them.

POLICIES = st.sampled_from([None, "required", "optional", "none"])
LOWERED = {"P002": "warning", "G003": "warning", "G001": "warning", "G004": "warning"}
OPS_FAMILY = {
    "family": {"id": "ops", "name": "Operations"},
    "levels": [{"id": "o1", "track": "ic", "grade": "G1", "title": "Operator I", "expectations": {"craft": "Runs."}},
               {"id": "o2", "track": "ic", "grade": "G2", "title": "Operator II", "expectations": {"craft": "Writes."},
                "pay": {"uk": {"min": 50000, "max": 70000}}}],
    "transitions": [{"from": "o2", "to": "e3", "kind": "promotion"}],
}


def pay_mutated_ladder(data) -> dict[str, bytes]:
    """The minimal ladder with pay taken away here and there; mostly still compiling, so that every
    command gets past `check` often enough to render what is left."""
    ladder, family = (json.loads(json.dumps(ORIGINAL[name], default=str)) for name in FILES)
    pay = data.draw(POLICIES, label="policy.pay")
    # Under none a level's pay is an S002 error: usually take it all away, sometimes leave it.
    no_pay = pay == "none" and data.draw(st.sampled_from([True, True, True, False]), label="drop every band")
    policy = ladder.setdefault("policy", {})
    if pay:
        policy["pay"] = pay
    if data.draw(st.booleans(), label="lower the rules partial pay breaks"):
        policy["rules"] = dict(LOWERED)
    zones = data.draw(st.sampled_from(["keep", "drop all", "uk a base zone", "add de from uk"]
                                      if not no_pay else ["keep", "drop all"]), label="zones")
    if zones == "drop all":
        del ladder["zones"]
    elif zones == "uk a base zone":
        del ladder["zones"][1]["derive"]
    elif zones == "add de from uk":
        ladder["zones"].append({"id": "de", "name": "Germany", "currency": "EUR", "derive": {"from": "uk", "factor": 1.2}})
    family_drops = data.draw(st.sampled_from([None, "us", "uk"]), label="zone the family drops")
    for level in family["levels"]:
        band = "drop pay" if no_pay else data.draw(
            st.sampled_from(["keep", "drop pay", "drop us", "empty pay", "add uk", "flat uk"]), label=level["id"])
        written = level.setdefault("pay", {})
        if band == "drop pay":
            del level["pay"]
        elif band == "drop us":
            written.pop("us", None)
        elif band == "empty pay":
            level["pay"] = {}
        elif band == "add uk":
            written["uk"] = {"min": 60000, "max": 80000}
        elif band == "flat uk":  # min = max: a P005 warning, and a chart axis with no span
            written["uk"] = {"min": 60000, "max": 60000}
        if family_drops and "pay" in level:
            level["pay"].pop(family_drops, None)
    files = {FILES[0]: dump(ladder), FILES[1]: dump(family)}
    if data.draw(st.booleans(), label="a second family"):
        ops = json.loads(json.dumps(OPS_FAMILY))
        if no_pay:
            del ops["levels"][1]["pay"]
        files["families/ops.yaml"] = dump(ops)
    return files


def write_ladder(root: Path, files: dict[str, bytes]) -> None:
    (root / "families").mkdir(parents=True, exist_ok=True)
    for stale in (root / "families").glob("*.yaml"):
        stale.unlink()
    for name, data in files.items():
        (root / name).write_bytes(data)


def no_internal_error(argv: list[str]) -> int:
    """Run a command; it must end with 0, 1 or 2 and say nothing of an internal error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    said = out.getvalue() + err.getvalue()
    assert code in (0, 1, 2) and "internal error" not in said and "Traceback" not in said, said
    return code


@settings(max_examples=examples(1 / 40, at_least=10), suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_partial_pay_never_crashes_check_graph_or_export(data):
    files = pay_mutated_ladder(data)
    check(files)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ladder"
        write_ladder(root, files)
        for fmt in ("mermaid", "dot", "graphml", "json"):
            no_internal_error(["graph", str(root), "--format", fmt])
        no_internal_error(["export", str(root), "--all", "--jobs", "1", "-o", str(Path(tmp) / "out")])


@settings(max_examples=examples(1 / 100, at_least=4), suppress_health_check=list(HealthCheck))
@given(data=st.data(), pay=st.booleans())
def test_partial_pay_never_crashes_build(data, pay):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ladder"
        write_ladder(root, pay_mutated_ladder(data))
        no_internal_error(["build", str(root), "-o", str(Path(tmp) / "site")] + ([] if pay else ["--no-pay"]))


def git(repo: Path, *args: str) -> None:
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@settings(max_examples=examples(1 / 100, at_least=5), suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_diff_between_two_partial_pay_revisions_never_crashes(data):
    base = pay_mutated_ladder(data)
    head = base if data.draw(st.booleans(), label="head unchanged") else pay_mutated_ladder(data)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        write_ladder(repo / "ladders" / "l", base)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "base")
        write_ladder(repo / "ladders" / "l", head)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", "head")
        here = os.getcwd()
        os.chdir(repo)
        try:
            for extra in (["--format", "text"], ["--format", "markdown"], ["--format", "json"],
                          ["--fail-on", "pay-decrease,removed-level,new-errors"]):
                no_internal_error(["diff", "HEAD~1", "HEAD", "ladders/l", *extra])
            no_internal_error(["diff", "HEAD", "ladders/l"])  # against the working tree: unchanged
        finally:
            os.chdir(here)
