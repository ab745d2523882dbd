"""The command line through its real entry points: exit codes, default paths, failures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT, edit, run


def test_example_ladders_pass_check(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"] == {"errors": 0, "warnings": 0, "files": 4}


def test_default_path_is_every_ladder_under_ladders(capsys, tmp_path: Path, monkeypatch):
    shutil.copytree(EXAMPLE, tmp_path / "ladders" / "one")
    shutil.copytree(ROOT / "tests/fixtures/minimal", tmp_path / "ladders" / "two")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["files"] == 6


def test_a_file_inside_a_ladder_checks_that_ladder(capsys, minimal: Path, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    edit(minimal / "families/eng.yaml", "grade: G2", "grade: G22")
    code, out, _ = run(capsys, "check", "minimal/families/eng.yaml", "minimal/ladder.yaml", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert [x["file"] for x in report["diagnostics"]] == ["minimal/families/eng.yaml"]
    assert report["summary"]["files"] == 2  # the ladder is checked once


def test_missing_path_is_a_usage_error(capsys, tmp_path: Path):
    code, out, err = run(capsys, "check", str(tmp_path / "nowhere"))
    assert code == 2 and out == ""
    assert err == f"ladderc: {tmp_path / 'nowhere'} does not exist\n"


def test_folder_without_ladders_is_a_usage_error(capsys, tmp_path: Path):
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert "no ladder found under" in err


def test_internal_error_is_one_line_without_traceback(capsys, minimal: Path, monkeypatch):
    import ladderc.compiler

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ladderc.compiler, "compile_ladder", explode)
    code, out, err = run(capsys, "check", str(minimal))
    assert code == 2
    assert err == "ladderc: internal error: RuntimeError: boom (run with --debug for details)\n"


def test_explain_prints_a_rule_and_unknown_rules_exit_2(capsys):
    code, out, _ = run(capsys, "explain", "s003")
    assert code == 0
    assert out.startswith("S003 duplicate-key (default: error)\n\nA mapping names the same key twice.")
    assert "Failing:" in out and "Passing:" in out
    code, _, err = run(capsys, "explain", "duplicate-kye")
    assert code == 2 and "did you mean 'duplicate-key'" in err


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()]
    assert codes == sorted(codes) and {"S001", "S002", "S003", "S004", "R001", "R002", "R003"} <= set(codes)


def test_console_script_and_module_entry_points(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for command in (["ladderc"], [sys.executable, "-m", "ladderc"]):
        if command == ["ladderc"] and shutil.which("ladderc") is None:
            continue
        done = subprocess.run(command + ["check", str(EXAMPLE)], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith("no problems\n")
    done = subprocess.run([sys.executable, "-m", "ladderc", "check", "--format", "nope"], capture_output=True, text=True, env=env)
    assert done.returncode == 2
