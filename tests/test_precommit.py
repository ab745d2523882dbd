"""The real `pre-commit` runs this repository's `ladderc-check` hook on a scaffolded ladder repository.

`pre-commit try-repo` clones the hook repository's committed HEAD, so the test first commits a
snapshot of the current source tree (uncommitted work included) into a temporary repository.
pre-commit then builds a virtualenv and pip-installs ladderc into it from that snapshot: slow,
and it needs the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit

from ladderc.cli import main

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot(destination: Path) -> Path:
    """A one-commit git repository holding the working tree's files (tracked and untracked, not ignored)."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is listed too
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    git(destination, "init", "-q")
    git(destination, "add", ".")
    git(destination, "commit", "-qm", "snapshot")
    return destination


def try_repo(hooks: Path, repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("GITHUB_ACTIONS", None)  # keep ladderc's text output, whatever CI runs this
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "ladderc-check", "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True)


def test_the_hook_passes_a_scaffold_then_fails_a_bad_edit(tmp_path):
    hooks = snapshot(tmp_path / "ladderc")
    repo = tmp_path / "people"
    assert main(["init", str(repo), "--name", "people"]) == 0
    git(repo, "init", "-q")
    git(repo, "add", ".")

    passed = try_repo(hooks, repo, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ladderc check" in passed.stdout and "Passed" in passed.stdout

    family = repo / "ladders/people/families/engineering.yaml"
    edit(family, "grade: G4\n    title: Staff Engineer", "grade: G9\n    title: Staff Engineer")
    git(repo, "add", ".")
    failed = try_repo(hooks, repo, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "ladders/people/families/engineering.yaml:42:12: error R001 unknown-reference: unknown grade 'G9'" \
        in failed.stdout
