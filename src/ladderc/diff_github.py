"""A ladder diff for GitHub Actions: the full report for the job summary, and annotations on the changed lines.

`--format github` appends the markdown report to `$GITHUB_STEP_SUMMARY` (which holds up to
1 MiB a step, so `SUMMARY_BYTES` cuts it there, never mid-table) and prints one `::notice`
per changed thing at its `file:line:column` in the new revision: a level with every change to
it, a transition, a zone's derivation, each other field. GitHub shows a few dozen annotations a
job, so at most `MAX_ANNOTATIONS` are written, the last saying how many more the summary holds.
"""

# No `from __future__ import annotations`: the module defines a function of that name.

from dataclasses import replace

from ladderc.diff import LadderDiff, words_text
from ladderc.diff_phrases import (
    SIGN,
    Review,
    band_subject,
    band_text,
    field_subject,
    field_text,
    policy_text,
    publication_text,
)
from ladderc.reporters import workflow_command

SUMMARY_BYTES = 1_000_000  # GitHub's job summary limit is 1 MiB a step
MAX_ANNOTATIONS = 50
LINES_PER_ANNOTATION = 10
TITLE = "ladderc diff"


def job_summary(review: Review) -> str:
    from ladderc.diff_markdown import markdown

    return markdown(replace(review, max_bytes=SUMMARY_BYTES, full_report="`ladderc diff --format json`"))


def _changes(diff: LadderDiff) -> list[tuple[str, str]]:
    """(what it names, one line) for every change that has a place in the new revision."""
    found = [(f"level {x.level}", f"{x.level} {x.change}: {x.old} -> {x.new}" if x.old and x.new else
              f"{x.level} {x.change}: {x.old or x.new}") for x in diff.levels]
    found += [(f"level {b.level}", f"{band_subject(b)}: {band_text(b)}") for b in diff.bands]
    found += [(f"zone {x.zone}", f"{x.zone} derivation: {x.old or 'none'} -> {x.new or 'none'} "
               f"({len(x.effects)} band amount(s) moved)") for x in diff.derivations]
    found += [(f"level {x.level}", publication_text(x)) for x in diff.publication]
    found += [(f"transition {x.source} -> {x.target}", f"{SIGN.get(x.change, '~')} {x.source} -> {x.target} "
               f"{x.change}: {x.detail}") for x in diff.transitions]
    found += [(f"requirement {x.requirement}", f"{x.requirement} kind: {x.old} -> {x.new}") for x in diff.requirement_kinds]
    found += [(f"level {x.level}", f"{x.level} {x.competency} {x.change}: {words_text(x.words)}")
              for x in diff.expectations]
    found += [(f"{x.kind} {x.id}", f"{x.kind} {x.id} {x.change}") for x in diff.definitions]
    return found


def annotations(review: Review) -> str:
    """`::notice` workflow commands, one per changed thing, grouped by where it is written."""
    grouped: dict[str, list[str]] = {}
    for diff in review.ladders:
        for name, line in _changes(diff):
            if name in diff.where:
                grouped.setdefault(diff.where[name], []).append(line)
        for x in diff.fields:
            grouped.setdefault(x.where, []).append(f"{field_subject(x)}: {field_text(x)}")
        for change in diff.policy:
            grouped.setdefault("", []).append(policy_text(change))
    grouped.pop("", None)  # no place to put it: the summary tells it
    out: list[str] = []
    for where, lines in sorted(grouped.items(), key=lambda item: _position_key(item[0])):
        if len(out) == MAX_ANNOTATIONS - 1 and len(grouped) > MAX_ANNOTATIONS:
            out.append(f"::notice title={TITLE}::{len(grouped) - len(out)} more changed place(s): see the job summary")
            break
        file, line, column = where.rsplit(":", 2)
        shown = lines[:LINES_PER_ANNOTATION] + ([f"... and {len(lines) - LINES_PER_ANNOTATION} more"]
                                                if len(lines) > LINES_PER_ANNOTATION else [])
        out.append(workflow_command("notice", file, int(line), int(column), TITLE, "\n".join(shown)))
    return "\n".join(out) + ("\n" if out else "")


def _position_key(where: str) -> tuple:
    file, line, column = where.rsplit(":", 2)
    return file, int(line), int(column)
