"""`ladderc.review`: revisions compiled straight from git, their findings at the paths a user sees."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES

from ladderc.diagnostics import display_path
from ladderc.errors import UsageError
from ladderc.review import post, review, split_words, verdict


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """Two commits: the minimal ladder, then a stray YAML file in it (S004, an error)."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    (repo / "ladders" / "minimal" / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "stray")
    (repo / "ladders" / "minimal" / "notes.yaml").unlink()  # the working tree no longer has it
    monkeypatch.chdir(repo)
    return repo


def test_a_revisions_findings_name_the_file_where_it_lies_in_the_working_tree(repo, monkeypatch):
    found = review(repo, ["HEAD~1", "HEAD"])
    [change] = found.ladders[0].new_errors
    assert change.diagnostic.code == "S004"
    assert Path(change.diagnostic.file).resolve() == (repo / "ladders/minimal/notes.yaml").resolve()
    assert display_path(change.diagnostic.file) == "ladders/minimal/notes.yaml"
    assert str(repo) not in change.diagnostic.message
    monkeypatch.chdir(repo / "ladders")
    assert display_path(review(repo, ["HEAD~1", "HEAD", "minimal"]).ladders[0].new_errors[0].diagnostic.file) == \
        "minimal/notes.yaml"


def test_verdict_counts_only_the_findings_asked_for(repo):
    found = review(repo, ["HEAD~1", "HEAD"])
    assert verdict(found, ("new-errors",)) == ["new-errors (1)"]
    assert verdict(found, ("pay-decrease", "shorter-trial")) == []
    assert verdict(review(repo, ["HEAD"]), ("new-errors",)) == []  # HEAD to the working tree resolves it


def test_split_words_takes_the_last_word_as_a_path_when_it_names_one(repo):
    assert split_words(repo, ["HEAD~1", "ladders/minimal"]) == ("HEAD~1", None, Path("ladders/minimal"))
    assert split_words(repo, ["HEAD~1", "HEAD"]) == ("HEAD~1", "HEAD", Path("ladders"))
    with pytest.raises(UsageError, match="too many arguments: d"):
        split_words(repo, ["a", "b", "c", "d"])


def test_post_names_everything_missing_before_reading_the_report(tmp_path, monkeypatch):
    for name in ("GITHUB_TOKEN", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(UsageError, match=r"missing --repository .*, --pull-request .*, \$GITHUB_TOKEN$"):
        post(tmp_path / "absent.md", "", None, "https://api.github.com", "ladders")
