"""`ladderc diff` on the readiness model: a requirement's kind, support after a move and its trial,
and `--fail-on shorter-trial` gating a trial made shorter or removed like a pay decrease."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, edit, run
from test_diff import ENG, LADDER, git

TRIAL = "    requires: [training]\n    support: [training]\n    trial: {months: 6}\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """main: the minimal ladder with support and a six-month trial on e3 -> m3; the working tree edits it."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    edit(repo / ENG, "    requires: [training]\n", TRIAL)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    monkeypatch.chdir(repo)
    return repo


def diff(capsys, *extra):
    return run(capsys, "diff", "main", "--select", "T006", *extra)


def test_kind_support_and_trial_changes_are_reported(repo, capsys):
    edit(repo / LADDER, "    name: Manager training\n",
         "    name: Manager training\n    kind: training\n  - {id: coaching, name: Coaching, kind: mentoring}\n")
    edit(repo / ENG, "support: [training]", "support: [coaching]")
    edit(repo / ENG, "{months: 6}", "{months: 3}")
    code, out, _ = diff(capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[lines.index("  transitions"):lines.index("  transitions") + 4] == [
        "  transitions",
        "    - e3 -> m3 support-removed: training",
        "    + e3 -> m3 support-added: coaching",
        "    ~ e3 -> m3 trial: 6 months -> 3 months",
    ]
    assert lines[lines.index("  requirement kinds") + 1] == "    ~ training kind: other -> training"
    assert "transitions changed 3, shorter trials 1, requirement kinds changed 1" in lines[-1]
    doc = json.loads(diff(capsys, "--format", "json")[1])["ladders"][0]
    assert doc["requirement_kinds"] == [{"requirement": "training", "old": "other", "new": "training"}]
    assert {"from": "e3", "to": "m3", "change": "trial", "detail": "6 months -> 3 months"} in doc["transitions"]
    markdown = diff(capsys, "--format", "markdown")[1]
    assert "| shorter trials | 1 |" in markdown and "| `training` | other | training |" in markdown


@pytest.mark.parametrize("old, new", [("    trial: {months: 6}\n", "    trial: {months: 5}\n"),
                                      ("    trial: {months: 6}\n", "")])
def test_a_shorter_or_removed_trial_fails_under_fail_on(repo, capsys, old, new):
    edit(repo / ENG, old, new)
    assert diff(capsys, "--fail-on", "shorter-trial")[::2] == (1, "ladderc diff: failing on shorter-trial (1)\n")
    assert diff(capsys, "--fail-on", "pay-decrease")[0] == 0


@pytest.mark.parametrize("old, new", [("{months: 6}", "{months: 12}"), ("support: [training]\n", "")])
def test_a_longer_trial_or_other_change_passes(repo, capsys, old, new):
    edit(repo / ENG, old, new)
    assert diff(capsys, "--fail-on", "shorter-trial")[::2] == (0, "")


def test_a_trial_added_is_reported_and_passes(repo, capsys):
    edit(repo / ENG, "    criteria: Any time, at no loss of pay.\n  - from: m4",
         "    criteria: Any time, at no loss of pay.\n    trial: {months: 2}\n  - from: m4")
    code, out, err = diff(capsys, "--fail-on", "shorter-trial")
    assert (code, err) == (0, "")
    assert "    ~ m3 -> e3 trial: none -> 2 months" in out.splitlines()
