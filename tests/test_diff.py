"""`ladderc diff`: a temporary git repository with two commits of a ladder, every line of the diff asserted.

The second commit cuts a band, retitles levels, removes a level, adds a switch, changes a derived
zone's factor, adds a readiness requirement and rewords an expectation and a criteria. A test rule
(X901, titles marked "(draft)") stands in for the ladder rules, so the findings the change
introduces and resolves do not depend on which G/P/T rules exist.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, edit, run

from ladderc import catalogue
from ladderc.compiler import compile_ladder
from ladderc.diagnostics import Rule
from ladderc.diff import compare, word_diff, words_text

ENG = Path("ladders/minimal/families/eng.yaml")
LADDER = Path("ladders/minimal/ladder.yaml")


def draft_titles(ladder, graph, policy):
    """Test rule: a level title still marked "(draft)"."""
    return [DRAFT_TITLE.at(lv.pos, f"level '{lv.id}' title '{lv.title}' is a draft")
            for lv in ladder.levels.values() if "(draft)" in lv.title]


DRAFT_TITLE = Rule.checking("X901", "draft-title", draft_titles)


@pytest.fixture(autouse=True)
def draft_rule(monkeypatch):
    rules = catalogue.registry((*catalogue.all_rules(), DRAFT_TITLE))
    monkeypatch.setattr(catalogue, "_rules", lambda: rules)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


def second_commit(repo: Path) -> None:
    eng, ladder = repo / ENG, repo / LADDER
    edit(eng, "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 100000, mid: 120000, max: 130000}")
    edit(eng, "title: Senior Engineer", "title: Senior Engineer (draft)")
    edit(eng, "title: Staff Engineer (draft)", "title: Staff Engineer")
    edit(eng, "craft: Ships small tasks.", "craft: Ships small, well-tested tasks.")
    text = eng.read_text()
    eng.write_text(text[:text.index("  - id: e2\n")] + text[text.index("  - id: e3\n"):])
    edit(eng, "requires: [training]", "requires: [training, apprenticeship]")
    edit(eng, "criteria: Any time, at no loss of pay.", "criteria: Any time, at the same grade and pay.")
    with eng.open("a") as out:
        out.write("  - from: e4\n    to: m4\n    kind: switch\n    requires: [training]\n"
                  "    criteria: Led a group of teams.\n")
    edit(ladder, "factor: 0.5,", "factor: 0.55,")
    edit(ladder, "    name: Manager training\n",
         "    name: Manager training\n  - id: apprenticeship\n    name: Leadership apprenticeship\n")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """main: the base ladder, then a retitle of m4. feature (tracking main, from the base): the change."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    edit(repo / ENG, "title: Staff Engineer", "title: Staff Engineer (draft)")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "feature", "--track", "main")
    second_commit(repo)
    git(repo, "commit", "-qam", "change")
    git(repo, "checkout", "-q", "main")
    # main moves on after the branch: the diff must start from the merge-base, not main's tip.
    edit(repo / ENG, "title: Director", "title: Head of Engineering")
    git(repo, "commit", "-qam", "later on main")
    git(repo, "checkout", "-q", "feature")
    monkeypatch.chdir(repo)
    return repo


def short(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", "--short=7", rev)


EFFECTS = [  # level, old min/mid/max, new min/mid/max in uk (factor 0.5 -> 0.55, round 1000)
    ("e1", (50000, 60000, 70000), (55000, 66000, 72000)),
    ("e3", (66000, 80000, 94000), (73000, 88000, 103000)),
    ("e4", (76000, 92000, 108000), (84000, 101000, 119000)),
    ("m3", (66000, 80000, 94000), (73000, 88000, 103000)),
    ("m4", (76000, 92000, 108000), (84000, 101000, 119000)),
]


# The first screen: uk's factor moves its five bands (e1's us max cut too); one us band of eng is cut.
IMPACT = ["5 level(s) with a band amount raised, 1 with one cut (1 both, in different zones or amounts)",
          "largest cut: e1 us max 140,000 -> 130,000 USD (-7.1%)",
          "pay-parity findings (P003): 0 before, 0 after"]
PATTERNS = ["zone uk: from us factor 0.5 round 1000 -> from us factor 0.55 round 1000 moves 4 band(s), "
            "+10.1% on average (+9.6% to +10.6%); 1 more band(s) also moved by a change at their source",
            "eng, us: 1 of 5 band(s) -7.1% each"]


def effect_lines(text_format: bool) -> list[str]:
    lines = []
    for level, old, new in EFFECTS:
        for amount, a, b in zip(("min", "mid", "max"), old, new, strict=True):
            pct = f"{100 * (b - a) / a:+.1f}%"
            if text_format:
                lines.append(f"        {level} uk {amount} (derived): {a:,} -> {b:,} GBP (+{b - a:,}, {pct})")
            else:
                lines.append(f"| `{level}` | `uk` (derived) | {amount} | {a:,} GBP | {b:,} GBP | +{b - a:,} ({pct}) |")
    return lines


def text_body() -> list[str]:
    return [
        "  impact",
        *[f"    {line}" for line in IMPACT],
        "  patterns",
        *[f"    {line}" for line in PATTERNS],
        "  definitions",
        "    + requirement apprenticeship added",
        "  levels",
        "    - e2 removed: Engineer II (eng/ic/G2)",
        "    ~ e3 retitled: Senior Engineer -> Senior Engineer (draft)",
        "    ~ e4 retitled: Staff Engineer (draft) -> Staff Engineer",
        "  bands",
        "    ~ e1 us max: 140,000 -> 130,000 USD (-10,000, -7.1%) decrease",
        "  zone derivations",
        "    ~ uk derivation: from us factor 0.5 round 1000 -> from us factor 0.55 round 1000",
        *effect_lines(text_format=True),
        "  transitions",
        "    - e1 -> e2 removed: promotion (implied)",
        "    + e1 -> e3 added: promotion (implied)",
        "    - e2 -> e3 removed: promotion (implied)",
        "    + e3 -> m3 requirement-added: apprenticeship",
        "    + e4 -> m4 added: switch",
        "    ~ m3 -> e3 criteria: Any time, at [-no loss of-] {+the same grade and+} pay.",
        "  expectations",
        "    ~ e1 craft changed: Ships [-small-] {+small, well-tested+} tasks.",
        "  diagnostics",
        "    - resolved ladders/minimal/families/eng.yaml:29:5: error X901 draft-title: "
        "level 'e4' title 'Staff Engineer (draft)' is a draft",
        "    + introduced ladders/minimal/families/eng.yaml:13:5: error X901 draft-title: "
        "level 'e3' title 'Senior Engineer (draft)' is a draft",
        "  summary: definitions added or removed 1, levels removed 1, levels retitled 2, band amounts changed 16, "
        "pay decreases 1, zone derivations changed 1, transitions added 2, transitions removed 2, "
        "transitions changed 2, expectations changed 1, diagnostics introduced 1, diagnostics resolved 1, new errors 1",
    ]


def test_text_from_the_merge_base_to_the_working_tree(repo, capsys):
    code, out, err = run(capsys, "diff", "--select", "X901")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"ladderc diff ladders/minimal: merge-base with main ({short(repo, 'main~1')}) -> working tree",
        *text_body(),
    ]


def test_text_between_two_revisions_names_repository_files(repo, capsys):
    code, out, _ = run(capsys, "diff", "main~1", "feature", "ladders", "--select", "X901")
    assert code == 0
    sha = short(repo, "feature")
    assert out.splitlines() == [
        f"ladderc diff ladders/minimal: main~1 ({short(repo, 'main~1')}) -> feature ({sha})", *text_body()]


def test_markdown_is_a_pr_comment_with_the_summary_first(repo, capsys):
    code, out, _ = run(capsys, "diff", "main~1", "--format", "markdown", "--select", "X901")
    assert code == 0
    assert out.splitlines() == [
        "## ladderc diff: `ladders/minimal`",
        "",
        f"From `main~1 ({short(repo, 'main~1')})` to `working tree`.",
        "",
        *[f"- {line}" for line in IMPACT + PATTERNS],
        "",
        "| change | count |",  # only what changed
        "|---|---|",
        "| definitions added or removed | 1 |",
        "| levels removed | 1 |",
        "| levels retitled | 2 |",
        "| band amounts changed | 16 |",
        "| pay decreases | 1 |",
        "| zone derivations changed | 1 |",
        "| transitions added | 2 |",
        "| transitions removed | 2 |",
        "| transitions changed | 2 |",
        "| expectations changed | 1 |",
        "| diagnostics introduced | 1 |",
        "| diagnostics resolved | 1 |",
        "| new errors | 1 |",
        "",
        "### Definitions",
        "",
        "| kind | id | change |",
        "|---|---|---|",
        "| requirement | `apprenticeship` | added |",
        "",
        "### Levels",
        "",
        "| level | change | before | after |",
        "|---|---|---|---|",
        "| `e2` | removed | Engineer II (eng/ic/G2) |  |",
        "| `e3` | retitled | Senior Engineer | Senior Engineer (draft) |",
        "| `e4` | retitled | Staff Engineer (draft) | Staff Engineer |",
        "",
        "### Pay bands",
        "",
        "| level | zone | amount | before | after | change |",
        "|---|---|---|---|---|---|",
        "| `e1` | `us` | max | 140,000 USD | 130,000 USD | -10,000 (-7.1%) ⚠️ **decrease** |",
        "",
        "### Zone `uk` derivation",
        "",
        "from us factor 0.5 round 1000 → from us factor 0.55 round 1000",
        "",
        "<details><summary>15 rows</summary>",
        "",
        "| level | zone | amount | before | after | change |",
        "|---|---|---|---|---|---|",
        *effect_lines(text_format=False),
        "",
        "</details>",
        "",
        "### Transitions",
        "",
        "| from | to | change | detail |",
        "|---|---|---|---|",
        "| `e1` | `e2` | removed | promotion (implied) |",
        "| `e1` | `e3` | added | promotion (implied) |",
        "| `e2` | `e3` | removed | promotion (implied) |",
        "| `e3` | `m3` | requirement-added | apprenticeship |",
        "| `e4` | `m4` | added | switch |",
        "| `m3` | `e3` | criteria | Any time, at [-no loss of-] {+the same grade and+} pay. |",
        "",
        "### Expectations",
        "",
        "| level | competency | change | words |",
        "|---|---|---|---|",
        "| `e1` | `craft` | changed | Ships ~~small~~ **small, well-tested** tasks. |",
        "",
        "### Diagnostics",
        "",
        "| change | finding | where |",
        "|---|---|---|",
        "| resolved | error X901 draft-title: level 'e4' title 'Staff Engineer (draft)' is a draft "
        "| `ladders/minimal/families/eng.yaml:29:5` |",
        "| introduced | error X901 draft-title: level 'e3' title 'Senior Engineer (draft)' is a draft "
        "| `ladders/minimal/families/eng.yaml:13:5` |",
    ]


def band(level, zone, currency, amount, old, new, derived):
    return {"level": level, "zone": zone, "currency": currency, "amount": amount, "old": old, "new": new,
            "delta": new - old, "percent": round(100 * (new - old) / old, 2), "derived": derived,
            "origin": "derived" if derived else "written", "decrease": new < old}


def diagnostic(change, level, title, line):
    return {"change": change, "code": "X901", "rule": "draft-title", "severity": "error",
            "message": f"level '{level}' title '{title}' is a draft", "file": ENG.as_posix(), "line": line,
            "column": 5, "hint": ""}


def test_json_has_every_change_with_plain_numbers(repo, capsys):
    code, out, _ = run(capsys, "diff", "main~1", "feature", "--format", "json", "--select", "X901")
    assert code == 0
    effects = [band(level, "uk", "GBP", amount, a, b, True)
               for level, old, new in EFFECTS for amount, a, b in zip(("min", "mid", "max"), old, new, strict=True)]
    assert json.loads(out) == {
        "base": {"name": "main~1", "commit": git(repo, "rev-parse", "main~1")},
        "head": {"name": "feature", "commit": git(repo, "rev-parse", "feature")},
        "ladders": [{
            "path": "ladders/minimal",
            "compiled": {"base": True, "head": True},
            "summary": {"levels added": 0, "levels removed": 1, "levels retitled": 2, "levels moved": 0,
                        "band amounts changed": 16, "pay decreases": 1, "zone derivations changed": 1,
                        "variable pay or equity changed": 0, "policy changed": 0, "bands published": 0, "bands unpublished": 0,
                        "definitions added or removed": 1, "transitions added": 2, "transitions removed": 2,
                        "transitions changed": 2, "shorter trials": 0, "requirement kinds changed": 0,
                        "expectations changed": 1, "diagnostics introduced": 1,
                        "diagnostics resolved": 1, "new errors": 1, "other fields changed": 0},
            "impact": IMPACT,
            "patterns": PATTERNS,
            "parity": {"before": 0, "after": 0},
            "where": {  # each changed thing's position in the new revision (the working tree here)
                "level e1": "ladders/minimal/families/eng.yaml:5:5", "level e3": "ladders/minimal/families/eng.yaml:13:5",
                "level e4": "ladders/minimal/families/eng.yaml:21:5", "level m3": "ladders/minimal/families/eng.yaml:29:5",
                "level m4": "ladders/minimal/families/eng.yaml:38:5",
                "transition e1 -> e3": "ladders/minimal/families/eng.yaml:13:5",
                "transition e3 -> m3": "ladders/minimal/families/eng.yaml:48:5",
                "transition e4 -> m4": "ladders/minimal/families/eng.yaml:61:5",
                "transition m3 -> e3": "ladders/minimal/families/eng.yaml:53:5",
                "zone uk": "ladders/minimal/ladder.yaml:20:13",
                "requirement apprenticeship": "ladders/minimal/ladder.yaml:30:5"},
            "fields": [],
            "definitions": [{"kind": "requirement", "id": "apprenticeship", "change": "added"}],
            "levels": [
                {"level": "e2", "change": "removed", "old": "Engineer II (eng/ic/G2)", "new": ""},
                {"level": "e3", "change": "retitled", "old": "Senior Engineer", "new": "Senior Engineer (draft)"},
                {"level": "e4", "change": "retitled", "old": "Staff Engineer (draft)", "new": "Staff Engineer"},
            ],
            "bands": [band("e1", "us", "USD", "max", 140000, 130000, False)],
            "derivations": [{"zone": "uk", "old": "from us factor 0.5 round 1000",
                             "new": "from us factor 0.55 round 1000", "effects": effects}],
            "formulas": [],
            "beyond_base": [],
            "totals": [],
            "policy": [],
            "publication": [],
            "transitions": [
                {"from": "e1", "to": "e2", "change": "removed", "detail": "promotion (implied)"},
                {"from": "e1", "to": "e3", "change": "added", "detail": "promotion (implied)"},
                {"from": "e2", "to": "e3", "change": "removed", "detail": "promotion (implied)"},
                {"from": "e3", "to": "m3", "change": "requirement-added", "detail": "apprenticeship"},
                {"from": "e4", "to": "m4", "change": "added", "detail": "switch"},
                {"from": "m3", "to": "e3", "change": "criteria",
                 "detail": "Any time, at [-no loss of-] {+the same grade and+} pay."},
            ],
            "requirement_kinds": [],
            "expectations": [{"level": "e1", "competency": "craft", "change": "changed",
                              "words": "Ships [-small-] {+small, well-tested+} tasks."}],
            "diagnostics": [diagnostic("resolved", "e4", "Staff Engineer (draft)", 29),
                            diagnostic("introduced", "e3", "Senior Engineer (draft)", 13)],
        }],
    }
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fail_on, code, err", [
    ("pay-decrease", 1, "ladderc diff: failing on pay-decrease (1)\n"),
    ("removed-level", 1, "ladderc diff: failing on removed-level (1)\n"),
    ("new-errors", 1, "ladderc diff: failing on new-errors (1)\n"),
    ("new-errors,pay-decrease", 1, "ladderc diff: failing on pay-decrease (1), new-errors (1)\n"),
])
def test_fail_on_turns_findings_into_exit_1(repo, capsys, fail_on, code, err):
    assert run(capsys, "diff", "main~1", "feature", "--select", "X901", "--fail-on", fail_on)[::2] == (code, err)


def test_fail_on_passes_a_change_without_those_findings(repo, capsys):
    git(repo, "checkout", "-q", "main~1")
    edit(repo / ENG, "max: 140000}", "max: 150000}")  # a raise: pay moves, but up
    code, out, err = run(capsys, "diff", "HEAD", "--fail-on", "pay-decrease,removed-level,new-errors", "--select", "X901")
    assert (code, err) == (0, "")
    assert "    ~ e1 us max: 140,000 -> 150,000 USD (+10,000, +7.1%)" in out.splitlines()


def test_fail_on_pay_decrease_counts_a_lower_bonus_target(repo, capsys):
    # The base band is the same; the on-target total of e1 falls at every point, in us and in uk derived from it.
    git(repo, "checkout", "-q", "main~1")
    edit(repo / ENG, "  - id: e1\n", "  - id: e1\n    variable: {kind: bonus, target: 0.15}\n")
    git(repo, "commit", "-qam", "a bonus for e1")
    edit(repo / ENG, "target: 0.15}", "target: 0.1}")
    code, out, err = run(capsys, "diff", "HEAD", "--fail-on", "pay-decrease", "--select", "X901")
    assert (code, err) == (1, "ladderc diff: failing on pay-decrease (6)\n")
    assert "        e1 us max on-target total: 161,000 -> 154,000 USD (-7,000, -4.3%) decrease" in out.splitlines()


def test_without_upstream_there_is_no_default_base_but_an_explicit_one_works(repo, capsys):
    git(repo, "branch", "--unset-upstream")
    edit(repo / ENG, "title: Engineering Manager", "title: Team Lead")
    assert run(capsys, "diff", "--select", "X901") == (2, "", (
        "ladderc: cannot choose a default BASE: HEAD has no upstream branch (a detached checkout, as in CI, or a "
        "new branch); name BASE explicitly (`ladderc diff origin/main`) or set an upstream "
        "(`git branch --set-upstream-to`)\n"))
    assert run(capsys, "diff", "HEAD", "--select", "X901") == (0, "\n".join([
        f"ladderc diff ladders/minimal: HEAD ({short(repo, 'HEAD')}) -> working tree",
        "  levels",
        "    ~ m3 retitled: Engineering Manager -> Team Lead",
        "  summary: levels retitled 1",
    ]) + "\n", "")


def test_a_file_path_diffs_the_ladder_that_holds_it(repo, capsys):
    assert run(capsys, "diff", "feature", str(ENG))[1] == "\n".join([
        f"ladderc diff ladders/minimal: feature ({short(repo, 'feature')}) -> working tree",
        "  summary: no changes",
    ]) + "\n"


def test_a_new_ladder_is_all_added(repo, capsys):
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "second")
    code, out, _ = run(capsys, "diff", "HEAD", "ladders/second", "--format", "json")
    ladder = json.loads(out)["ladders"][0]
    assert (code, ladder["path"], ladder["compiled"]) == (0, "ladders/second", {"base": False, "head": True})
    assert [(x["level"], x["change"]) for x in ladder["levels"]] == [
        ("e1", "added"), ("e2", "added"), ("e3", "added"), ("e4", "added"), ("m3", "added"), ("m4", "added")]
    assert [x["change"] for x in ladder["transitions"]] == ["added"] * 7  # 4 implied promotions, 3 switches


@pytest.mark.parametrize("argv, message", [
    (["nope"], "ladderc: unknown revision 'nope' (not a branch, tag or commit of this repository)\n"),
    (["HEAD", "nope"], "ladderc: unknown revision 'nope' (not a branch, tag or commit of this repository)\n"),
    (["--", "-x"], "ladderc: unknown revision '-x'\n"),
    (["HEAD", "HEAD", "nowhere"], "ladderc: no ladder under nowhere at HEAD ({sha}) or HEAD ({sha})\n"),
    (["a", "b", "c", "d"], "ladderc: too many arguments: d (expected [BASE] [HEAD] [PATH])\n"),
])
def test_user_mistakes_are_one_line_and_exit_2(repo, capsys, argv, message):
    assert run(capsys, "diff", *argv) == (2, "", message.format(sha=short(repo, "HEAD")))


def test_outside_a_repository_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert run(capsys, "diff") == (
        2, "", f"ladderc: {tmp_path} is not inside a git repository (ladderc diff compares git revisions)\n")


def test_a_word_both_revision_and_path_must_be_disambiguated(repo, capsys):
    git(repo, "branch", "ladders")
    assert run(capsys, "diff", "ladders") == (
        2, "", "ladderc: 'ladders' is both a revision and a path; write the path as ./ladders\n")
    assert run(capsys, "diff", "main~1", "./ladders")[0] == 0


def test_moved_and_added_levels_are_keyed_by_id(minimal):
    base = compile_ladder(minimal).ladder
    levels = dict(base.levels)
    levels["m4"] = replace(levels["m4"], grade="G3", grade_index=2, track="ic")
    levels["x9"] = replace(levels["e1"], id="x9", title="Apprentice")
    changes = compare("l", base, replace(base, levels=levels), [], []).levels
    assert [(c.level, c.change, c.old, c.new) for c in changes] == [
        ("m4", "moved", "eng/mgmt/G4", "eng/ic/G3"),
        ("x9", "added", "", "Apprentice (eng/ic/G1)"),
    ]


def test_word_diff_keeps_a_little_context_around_each_edit():
    old = "one two three four five six seven eight nine ten eleven twelve"
    new = "one two three four five six SEVEN eight nine ten eleven twelve"
    assert words_text(word_diff(old, new)) == "... four five six [-seven-] {+SEVEN+} eight nine ten ..."
    assert words_text(word_diff("a b", "a b c")) == "a b {+c+}"
    assert words_text(word_diff("", "new text")) == "{+new text+}"
