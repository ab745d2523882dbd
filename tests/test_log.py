"""`ladderc log`: a three-commit repository told as effective dates and the changes under each."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, edit, run
from test_diff import ENG, LADDER, git, second_commit


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """base (effective 2026-01-01), the diff test's change, then a July ladder with a retitle."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    edit(repo / ENG, "title: Staff Engineer", "title: Staff Engineer (draft)")  # as the diff test's base
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    second_commit(repo)
    git(repo, "commit", "-qam", "cut e1, uk factor up")
    edit(repo / LADDER, "effective: 2026-01-01", "effective: 2026-07-01")
    edit(repo / ENG, "title: Director", "title: Head of Engineering")
    git(repo, "commit", "-qam", "July ladder")
    (repo / "notes.txt").write_text("not the ladder\n")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "-qm", "unrelated")  # touches no ladder: not in the history
    monkeypatch.chdir(repo)
    return repo


def commits(repo: Path) -> list[str]:
    return git(repo, "log", "--reverse", "--format=%h", "-n", "3", "HEAD~1").split()


def test_log_tells_effective_dates_and_changes(repo, capsys):
    first, second, third = commits(repo)
    code, out, err = run(capsys, "log")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == ["ladderc log ladders/minimal", "  effective 2026-01-01",
                         f"    {first} 2026-01-01 base: ladder created: 6 level(s)",
                         lines[3]]
    assert lines[3].startswith(f"    {second} 2026-01-01 cut e1, uk factor up: definitions added or removed 1, "
                               "levels removed 1")
    assert "      largest cut: e1 us max 140,000 -> 130,000 USD (-7.1%)" in lines
    assert lines[-2:] == ["  effective 2026-07-01",
                          f"    {third} 2026-01-01 July ladder: levels retitled 1, other fields changed 1"]


def test_log_without_pay_leaves_every_amount_out(repo, capsys):
    code, out, _ = run(capsys, "log", "--no-pay")
    assert code == 0
    told = "\n".join(line.split(": ", 1)[1] for line in out.splitlines() if ": " in line)  # past the commit subjects
    assert "band" not in told and "USD" not in told and "cut" not in told and "derivation" not in told
    assert "levels removed 1" in told


def test_log_since_a_revision_and_as_json(repo, capsys):
    _, second, third = commits(repo)
    code, out, _ = run(capsys, "log", "ladders/minimal", "--since", second, "--format", "json")
    assert code == 0
    eras = json.loads(out)["ladders/minimal"]
    assert [(e["effective"], [c["subject"] for c in e["changes"]]) for e in eras] == [("2026-07-01", ["July ladder"])]
    assert eras[0]["changes"][0]["summary"]["levels retitled"] == 1


def test_log_in_a_repository_without_commits_is_a_usage_error(tmp_path, capsys, monkeypatch):
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "log") == (2, "", "ladderc: the repository has no commits yet: there is no history to tell\n")


@pytest.mark.parametrize("old, new, counted", [
    ("benchmark: 160000", "benchmark: 170000", "band amounts changed"),  # the pay formula only
    ("target: 0.1}", "target: 0.12}", "variable pay or equity changed")])  # variable pay only
def test_log_tells_a_commit_that_changes_only_a_formula_or_variable_pay(tmp_path, capsys, monkeypatch, old, new,
                                                                       counted):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "full", repo / "ladders" / "full")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    edit(repo / "ladders" / "full" / "families" / "eng.yaml", old, new)
    git(repo, "commit", "-qam", "pay only")
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "log", "--format", "json")
    assert code == 0
    (changes,) = [era["changes"] for era in json.loads(out)["ladders/full"]]
    assert [c["subject"] for c in changes] == ["base", "pay only"]
    assert changes[1]["summary"][counted] > 0
    code, out, _ = run(capsys, "diff", "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0 and "No changes." not in out and f"| {counted} |" in out
    # Without pay the commit is still listed, and says nothing of the amounts it moved.
    code, out, _ = run(capsys, "log", "--format", "json", "--no-pay")
    (changes,) = [era["changes"] for era in json.loads(out)["ladders/full"]]
    assert code == 0 and [c["subject"] for c in changes] == ["base", "pay only"]
    assert changes[1]["summary"]["band amounts changed"] == 0
    assert (changes[1]["pay_changed"], changes[1]["impact"], changes[1]["patterns"]) == (True, [], [])
    # ... and told as a change of pay, not as "no changes".
    code, out, _ = run(capsys, "log", "--no-pay")
    told = out.splitlines()[-1]
    assert code == 0 and told.endswith(" pay only: pay changed (amounts left out)"), out


def test_log_without_pay_says_pay_changed_beside_the_other_counts(repo, capsys):
    _, second, third = commits(repo)
    code, out, _ = run(capsys, "log", "--no-pay", "--format", "json")
    changes = [c for era in json.loads(out)["ladders/minimal"] for c in era["changes"]]
    assert code == 0 and [c["pay_changed"] for c in changes] == [False, True, False]
    code, out, _ = run(capsys, "log", "--no-pay")
    (line,) = [x for x in out.splitlines() if x.startswith(f"    {second} ")]
    assert line.endswith(", pay changed (amounts left out)") and "levels removed 1" in line
    code, out, _ = run(capsys, "log", "--format", "json")  # told with pay, the counts say it
    assert "pay_changed" not in out
