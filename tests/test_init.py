"""`ladderc init`: the scaffold passes `ladderc check`, its CI files call real commands, nothing is overwritten.

The `run:` scripts of the scaffolded workflow and of this repository's `action.yml` are executed
by bash with `ladderc` replaced by a recorder, so each call is checked with the real argument
parser exactly as the shell would pass it.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, check_json, run

from ladderc.cli import build_parser
from ladderc.commands import COMMANDS
from ladderc.schema import load_schema

CREATED = [
    "ladders/people-ops/ladder.yaml",
    "ladders/people-ops/families/engineering.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/ladderc.yml",
]
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")  # a GitHub expression, as `${{ github.base_ref }}`
GITHUB = {"github.base_ref": "main", "inputs.path": "ladders", "inputs.fail-on": "pay-decrease,new-errors",
          "inputs.comment": "true", "inputs.github-token": "token", "github.server_url": "https://github.com",
          "github.repository": "acme/ladders", "github.run_id": "42"}
PENDING = {"build"}  # commands the action calls that land with another issue (ladderc build)


@pytest.fixture
def scaffold(tmp_path, capsys) -> Path:
    directory = tmp_path / "people-ops"
    code, out, err = run(capsys, "init", str(directory))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"created {(directory / f).as_posix()}" for f in CREATED] + [
        f"next: cd {directory.as_posix()} && git init && ladderc check"]
    return directory


def test_the_scaffold_passes_check_with_no_finding(scaffold, capsys, monkeypatch):
    assert check_json(capsys, scaffold / "ladders") == (0, [])
    monkeypatch.chdir(scaffold)
    assert run(capsys, "check") == (0, "2 file(s) checked, no problems\n", "")


def test_the_ladder_has_both_tracks_switches_both_ways_and_readiness(scaffold):
    from ladderc.compiler import compile_ladder

    ladder = compile_ladder(scaffold / "ladders" / "people-ops").ladder
    assert ladder.organisation.name == "People Ops"
    switches = {(t.source, t.target): t for t in ladder.transitions if t.kind == "switch"}
    assert sorted(switches) == [("e3", "m3"), ("e4", "m4"), ("m3", "e3"), ("m4", "e4")]
    assert all(t.criteria for t in switches.values())
    assert switches[("e3", "m3")].requires == switches[("e4", "m4")].requires == (
        "leadership-apprenticeship", "manager-training", "feedback-360")
    # The recommended readiness policy, with support and a trial on each move into management.
    assert ladder.policy.readiness.into_management == (("apprenticeship", "training"), ("feedback",))
    assert [(t.support, t.trial.months) for t in (switches[("e3", "m3")], switches[("e4", "m4")])] == [
        (("manager-coaching",), 6)] * 2
    # Parity: at each shared grade the IC and management bands are the same, in every zone.
    def amounts(level):
        return {zone: (b.min, b.mid, b.max) for zone, b in ladder.levels[level].bands.items()}

    for ic, mgmt in (("e3", "m3"), ("e4", "m4")):
        assert amounts(ic) == amounts(mgmt)
        assert sorted(amounts(ic)) == ["uk", "us"]


@pytest.mark.parametrize("file, schema", [
    ("ladders/people-ops/ladder.yaml", "ladder"), ("ladders/people-ops/families/engineering.yaml", "family")])
def test_yaml_files_name_their_published_schema(scaffold, file, schema):
    first = (scaffold / file).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={load_schema(schema)['$id']}"


def test_pre_commit_config_uses_this_projects_hook(scaffold):
    from ladderc import __version__

    config = yaml.safe_load((scaffold / ".pre-commit-config.yaml").read_text())
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert config == {"repos": [{"repo": "https://github.com/ladderc/ladderc", "rev": f"v{__version__}",
                                 "hooks": [{"id": "ladderc-check"}]}]}
    assert [h["id"] for h in hooks] == ["ladderc-check"]
    assert (hooks[0]["entry"], hooks[0]["language"], hooks[0]["files"]) == (
        "ladderc check", "python", r"^ladders/.*\.ya?ml$")


def expand(text: str) -> str:
    """GitHub expressions replaced by the values of a pull request against main."""
    return EXPRESSION.sub(lambda m: GITHUB[m.group(1)], text)


def ladderc_calls(steps: list[dict], tmp_path: Path) -> list[list[str]]:
    """The `ladderc` argument lists the steps' `run:` scripts make, run by bash with a recorder."""
    log = tmp_path / "calls"
    recorder = 'ladderc() { printf "%s\\037" "$@" >> "$LOG"; echo >> "$LOG"; }; git() { :; }\n'
    for step in steps:
        script = step.get("run", "")
        if not re.search(r"^\s*ladderc ", script, re.M):
            continue
        env = {**os.environ, "LOG": str(log), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
               **{k: expand(str(v)) for k, v in (step.get("env") or {}).items()}}
        subprocess.run(["bash", "-eo", "pipefail", "-c", recorder + expand(script)],
                       env=env, check=True)
    return [line.split("\037")[:-1] for line in log.read_text().splitlines()]


def assert_real_commands(calls: list[list[str]]) -> None:
    parser = build_parser()
    for call in calls:
        if call[0] in PENDING and call[0] not in COMMANDS:
            continue
        assert call[0] in COMMANDS
        parser.parse_args(call)  # exits (and fails the test) on an unknown option or value


def test_the_workflow_checks_and_posts_the_diff(scaffold, tmp_path):
    workflow = yaml.safe_load((scaffold / ".github/workflows/ladderc.yml").read_text())
    steps = workflow["jobs"]["ladder"]["steps"]
    assert [s["run"] for s in steps if s.get("run", "").startswith("pip install")] == ['pip install "ladderc==0.1.0"']
    calls = ladderc_calls(steps, tmp_path)
    assert calls == [["check", "--format", "github"], ["diff", "origin/main", "--format", "markdown"]]
    assert_real_commands(calls)
    assert "GITHUB_STEP_SUMMARY" in steps[-1]["run"]


def test_the_action_checks_diffs_and_builds(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert sorted(action["inputs"]) == ["build-site", "comment", "fail-on", "github-token", "path", "python-version"]
    steps = action["runs"]["steps"]
    calls = ladderc_calls(steps, tmp_path)
    assert calls == [
        ["check", "--format", "github", "ladders"],
        ["diff", "origin/main", "HEAD", "ladders", "--format", "github", "--fail-on", "pay-decrease,new-errors"],
        ["diff", "origin/main", "HEAD", "ladders", "--format", "markdown", "--full-report",
         "the job summary of https://github.com/acme/ladders/actions/runs/42"],
        ["comment", os.environ.get("RUNNER_TEMP", "/tmp") + "/ladderc-diff.md", "--key", "ladders"],
        ["build", "ladders"],
    ]
    assert_real_commands(calls)
    assert steps[1]["run"] == 'pip install "${{ github.action_path }}"'


def test_the_action_passes_no_fail_on_and_posts_no_comment_by_default(tmp_path, monkeypatch):
    monkeypatch.setitem(GITHUB, "inputs.fail-on", "")
    monkeypatch.setitem(GITHUB, "inputs.comment", "false")
    calls = ladderc_calls(yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"], tmp_path)
    assert calls[1:] == [["diff", "origin/main", "HEAD", "ladders", "--format", "github"], ["build", "ladders"]]


def test_the_action_posts_the_comment_even_when_the_gate_fails(tmp_path):
    """The diff step's script with a `ladderc` whose diff fails the gate: the comment still goes out, then exit 1."""
    step = next(s for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
                if s.get("name") == "Summarise the change")
    log = tmp_path / "calls"
    fake = ('ladderc() { echo "$1 $3" >> "$LOG"; case "$*" in *"--format github"*) return 1;; esac; }\n'
            'git() { :; }\n')
    env = {**os.environ, "LOG": str(log), "RUNNER_TEMP": str(tmp_path),
           **{k: expand(str(v)) for k, v in step["env"].items()}}
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", fake + expand(step["run"])], env=env, capture_output=True)
    assert done.returncode == 1
    assert log.read_text().splitlines() == ["diff HEAD", "diff HEAD", "comment --key"]


def test_the_workflow_checks_out_the_whole_history(scaffold):
    # ladderc diff refuses to guess a BASE it cannot find, and actions/checkout is shallow by default.
    workflow = yaml.safe_load((scaffold / ".github/workflows/ladderc.yml").read_text())
    checkout = [s for s in workflow["jobs"]["ladder"]["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert [s.get("with") for s in checkout] == [{"fetch-depth": 0}]


def test_the_action_fetches_the_history_a_shallow_checkout_lacks(tmp_path, capsys):
    """The diff step's script, run by bash with real git in a depth-1 clone (as actions/checkout makes)."""
    from test_diff import git

    origin = tmp_path / "origin"
    assert run(capsys, "init", str(origin))[0] == 0
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "base")
    git(origin, "checkout", "-qb", "feature")
    git(origin, "commit", "-q", "--allow-empty", "-m", "change")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "-b", "feature", f"file://{origin}", str(clone))
    step = next(s for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
                if s.get("name") == "Summarise the change")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"), **{k: expand(str(v)) for k, v in step["env"].items()}}
    subprocess.run(["bash", "-eo", "pipefail", "-c", "ladderc() { :; }\n" + expand(step["run"])],
                   cwd=clone, env=env, check=True, capture_output=True)
    assert git(clone, "rev-parse", "--is-shallow-repository") == "false"
    assert git(clone, "merge-base", "origin/main", "HEAD") == git(origin, "rev-parse", "main")


def test_init_never_overwrites(scaffold, capsys):
    ladder = scaffold / "ladders/people-ops/ladder.yaml"
    ladder.write_text("mine\n")
    (scaffold / ".pre-commit-config.yaml").unlink()
    code, out, err = run(capsys, "init", str(scaffold))
    assert (code, out) == (2, "")
    assert err == f"ladderc: {ladder} already exists; ladderc init never overwrites files\n"
    assert ladder.read_text() == "mine\n"
    assert not (scaffold / ".pre-commit-config.yaml").exists()  # refused before writing anything


@pytest.mark.parametrize("name", ["Acme", "a b", "_x", "x" * 65, "acme\n"])
def test_a_name_that_is_not_an_id_is_refused(tmp_path, capsys, name):
    assert run(capsys, "init", str(tmp_path), "--name", name) == (
        2, "", f"ladderc: ladder name '{name}' is not an id (lowercase letters, digits and '-', at most 64)\n")
    assert list(tmp_path.iterdir()) == []


def test_name_defaults_to_the_directory_as_an_id(tmp_path, capsys):
    assert run(capsys, "init", str(tmp_path / "Big Co_2026"))[0] == 0
    assert (tmp_path / "Big Co_2026/ladders/big-co-2026/ladder.yaml").is_file()
