"""Review at scale: a bulk pay change on a 207-zone ladder gives a grouped first screen and a comment that fits.

The change is the issue's real-world case: one zone's factor 0.64 -> 0.60 and one family's
benchmark +5% (every band of the family in the reference zone, and so in the zones derived
from it). Unfolded, the report is several times GitHub's 65,536-character comment limit.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run

spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)
GITHUB_COMMENT_LIMIT = 65_536


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("scale")
    assert generate.main([str(repo / "ladder"), "--families", "5", "--zones", "207"]) == 0
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    ladder_file, family_file = repo / "ladder" / "ladder.yaml", repo / "ladder" / "families" / "f0001.yaml"
    ladder, family = yaml.safe_load(ladder_file.read_text()), yaml.safe_load(family_file.read_text())
    next(z for z in ladder["zones"] if z["id"] == "fr")["derive"]["factor"] = 0.6
    for level in family["levels"]:
        level["pay"]["us-tier1"] = {k: round(v * 1.05, -3) for k, v in level["pay"]["us-tier1"].items()}
    ladder_file.write_text(yaml.safe_dump(ladder, sort_keys=False))
    family_file.write_text(yaml.safe_dump(family, sort_keys=False))
    git(repo, "commit", "-qam", "fr factor down, f0001 benchmark up")
    return repo


def test_the_first_screen_groups_the_change_by_cause(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", "ladder", "--select", "P003")
    assert code == 0, err
    lines = out.splitlines()
    # f0001's levels gain in us-tier1 (and its derived zones) but lose in fr (-6.25% + 5%)
    assert lines[1:3] == ["  impact", "    13 level(s) with a band amount raised, 65 with one cut "
                                      "(13 both, in different zones or amounts)"]
    assert lines[3].startswith("    largest cut: ") and " fr " in lines[3] and lines[3].endswith("EUR (-7.0%)")
    assert lines[4] == "    pay-parity findings (P003): 0 before, 0 after"
    patterns = lines[lines.index("  patterns") + 1:lines.index("  patterns") + 4]
    assert patterns[0] == ("    zone fr: from us-tier1 factor 0.64 round 1000 -> from us-tier1 factor 0.6 round 1000 "
                           "moves 52 band(s), -6.3% on average (-7.0% to -5.4%); 13 more band(s) also moved by a "
                           "change at their source")
    assert patterns[1] == "    f0001, us-tier1: every band +5.0% on average (+4.7% to +5.2%)"
    assert patterns[2] == ("    f0001, derived zones (au, ca, de and 133 more) follow: 1768 band(s) +4.9% on average "
                           "(+4.1% to +5.7%)")


def test_markdown_fits_a_github_comment_and_says_what_it_left_out(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    code, full, _ = run(capsys, "diff", "HEAD~1", "HEAD", "ladder", "--format", "markdown", "--max-bytes", "0")
    assert code == 0 and len(full.encode()) > 3 * GITHUB_COMMENT_LIMIT  # the unfolded report would not fit
    code, out, _ = run(capsys, "diff", "HEAD~1", "HEAD", "ladder", "--format", "markdown",
                       "--full-report", "the job summary of this run")
    assert code == 0 and len(out.encode()) <= GITHUB_COMMENT_LIMIT
    assert out.startswith(full[:full.index("### ")])  # the first screen, whole
    assert out.count("<details>") == out.count("</details>") >= 1
    assert "row(s) left out here" in out.split("### Pay bands")[1].split("###")[0]
    assert "| -" in out.split("### Zone `fr` derivation")[1]  # each table keeps a share, its cuts first
    assert out.rstrip().endswith("row(s) left out.** The full report: the job summary of this run.")


def test_max_bytes_is_honoured_and_checked(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "diff", "HEAD~1", "HEAD", "ladder", "--format", "markdown", "--max-bytes", "20,000")
    assert code == 0 and len(out.encode()) <= 20_000
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "diff", "HEAD~1", "HEAD", "ladder", "--max-bytes", "500")
    assert exit_.value.code == 2 and "too small for a report" in capsys.readouterr().err
