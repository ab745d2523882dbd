"""The lint and type-check set-up stays in one piece: pyproject's [tool.ruff] and [tool.mypy], `.ci/run`,
`.pre-commit-config.yaml` and the pins in constraints/test.txt say the same thing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PRE_COMMIT = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
STRICT_MODULES = {"ladderc.diagnostics", "ladderc.catalogue", "ladderc.model", "ladderc.stage_rules", "ladderc.errors"}
# What `--strict` turns on per module (`strict = true` in an override would turn strict mode on everywhere).
STRICT_FLAGS = {"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls", "disallow_untyped_defs",
                "disallow_incomplete_defs", "disallow_untyped_decorators", "warn_return_any", "no_implicit_reexport"}


def pins() -> dict[str, set[str]]:
    """Package (normalised name) -> the versions constraints/test.txt pins it to (one per Python range)."""
    found: dict[str, set[str]] = {}
    for line in (ROOT / "constraints" / "test.txt").read_text(encoding="utf-8").splitlines():
        if pinned := re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line):
            found.setdefault(normal(pinned[1]), set()).add(pinned[2])
    return found


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def hooks(repo: str) -> list[dict]:
    [entry] = [r for r in PRE_COMMIT["repos"] if r["repo"] == repo]
    return entry["hooks"]


def rev(repo: str) -> str:
    [entry] = [r for r in PRE_COMMIT["repos"] if r["repo"] == repo]
    return entry["rev"]


def test_ci_lints_and_type_checks_before_the_test_command():
    assert CI[0] == "#!/usr/bin/env bash" and "set -euo pipefail" in CI
    commands = [line.split("#")[0].strip() for line in CI]
    ruff, mypy = commands.index("ruff check ."), commands.index("mypy")
    tests = next(i for i, line in enumerate(commands) if "&& python -m pytest" in line)
    install = next(i for i, line in enumerate(commands) if line.startswith("pip install -e '.[test]'"))
    assert install < ruff < mypy < tests


def test_ruff_and_mypy_come_with_the_test_extra_pinned():
    extra = {normal(re.split(r"[<>=;\[ ]", requirement)[0])
             for requirement in PYPROJECT["project"]["optional-dependencies"]["test"]}
    stubs = {name for name in extra if name.startswith("types-")}
    assert {"ruff", "mypy", "pre-commit", "types-pyyaml"} <= extra
    assert extra <= pins().keys(), "constraints/test.txt is stale: regenerate it (see README)"
    hook_pins = dict(d.split("==") for d in hooks("https://github.com/pre-commit/mirrors-mypy")[0]["additional_dependencies"])
    assert stubs <= {normal(name) for name in hook_pins}, "the mypy hook lacks a stub package the test extra has"


def test_the_pre_commit_revs_are_the_constraints_pins():
    pinned = pins()
    assert rev("https://github.com/astral-sh/ruff-pre-commit").removeprefix("v") in pinned["ruff"]
    assert rev("https://github.com/pre-commit/mirrors-mypy").removeprefix("v") in pinned["mypy"]
    assert rev("https://github.com/python-jsonschema/check-jsonschema") in pinned["check-jsonschema"]
    for dependency in hooks("https://github.com/pre-commit/mirrors-mypy")[0]["additional_dependencies"]:
        name, version = dependency.split("==")
        assert version in pinned[normal(name)], f"{dependency}: constraints/test.txt pins {pinned[normal(name)]}"


def test_the_pre_commit_config_has_each_check():
    ids = {hook["id"] for repo in PRE_COMMIT["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "mypy", "check-metaschema", "ladderc-check"} <= ids
    [metaschema] = hooks("https://github.com/python-jsonschema/check-jsonschema")
    assert re.search(metaschema["files"], "schemas/ladder.schema.json")


def test_ruff_format_is_hooked_only_once_the_tree_is_format_clean():
    ruff_hooks = {hook["id"] for hook in hooks("https://github.com/astral-sh/ruff-pre-commit")}
    if "ruff-format" in ruff_hooks:
        done = subprocess.run([sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout


def test_the_pre_commit_config_validates():
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_local_hook_runs_something_installed():
    local = hooks("local")
    assert local
    search = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
    for hook in local:
        program = hook["entry"].split()[0]
        assert hook["language"] == "system" and shutil.which(program, path=search), f"{hook['id']}: no {program}"


def test_the_local_ladderc_hook_is_the_one_users_get():
    [offered] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [local] = [hook for hook in hooks("local") if hook["id"] == offered["id"]]
    for key in ("entry", "files", "pass_filenames", "require_serial"):
        assert local[key] == offered[key], key
    assert any(re.search(local["files"], str(path.relative_to(ROOT))) for path in (ROOT / "ladders").rglob("*.yaml"))


def test_ruff_targets_the_oldest_supported_python():
    ruff = PYPROJECT["tool"]["ruff"]
    assert PYPROJECT["project"]["requires-python"] == ">=3.10" and ruff["target-version"] == "py310"
    assert {"E", "F", "W", "I", "B", "UP"} <= set(ruff["lint"]["select"])


def test_mypy_checks_src_with_the_leaf_modules_strict():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["python_version"] == "3.10" and mypy["files"] == ["src"]
    overrides = mypy.get("overrides", [])
    assert not any("strict" in o for o in overrides), "`strict` in an override is global: spell out the flags"
    strict = [o for o in overrides if STRICT_FLAGS.issubset(flag for flag, on in o.items() if on is True)]
    assert STRICT_MODULES.issubset(module for o in strict for module in o["module"])


@pytest.mark.parametrize("module", sorted(STRICT_MODULES))
def test_each_strict_module_exists(module):  # an override naming no module would check nothing, silently
    assert (ROOT / "src" / f"{module.replace('.', '/')}.py").is_file()
