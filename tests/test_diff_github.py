"""`ladderc diff --format github`: the full report to the job summary, annotations on the changed lines."""

from __future__ import annotations

from conftest import run
from test_diff import draft_rule, repo  # noqa: F401  (fixtures)


def test_the_report_goes_to_the_job_summary_and_changes_are_annotated(repo, capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run(capsys, "diff", "main~1", "--format", "github", "--select", "X901")
    assert (code, err) == (0, "")
    _, markdown, _ = run(capsys, "diff", "main~1", "--format", "markdown", "--select", "X901")
    assert summary.read_text() == "earlier step\n" + markdown  # appended, whole
    lines = out.splitlines()
    assert lines[0] == ("::notice file=ladders/minimal/families/eng.yaml,line=5,col=5,title=ladderc diff::"
                        "e1 us max: 140,000 -> 130,000 USD (-10,000, -7.1%25) decrease%0A"
                        "e1 craft changed: Ships [-small-] {+small, well-tested+} tasks.")
    assert ("::notice file=ladders/minimal/ladder.yaml,line=20,col=13,title=ladderc diff::uk derivation: "
            "from us factor 0.5 round 1000 -> from us factor 0.55 round 1000 (15 band amount(s) moved)") in lines
    assert all(line.startswith("::notice file=ladders/minimal/") for line in lines)


def test_annotations_are_capped_with_a_pointer_to_the_summary(repo, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    monkeypatch.setattr("ladderc.diff_github.MAX_ANNOTATIONS", 3)
    code, out, _ = run(capsys, "diff", "main~1", "--format", "github", "--select", "X901")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[-1] == "::notice title=ladderc diff::6 more changed place(s): see the job summary"


def test_github_without_a_job_summary_is_a_usage_error(repo, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out, err = run(capsys, "diff", "main~1", "--format", "github")
    assert (code, out) == (2, "")
    assert err == ("ladderc: --format github writes the report to $GITHUB_STEP_SUMMARY, which is not set "
                   "(run it in a GitHub Actions step, or use --format markdown)\n")
