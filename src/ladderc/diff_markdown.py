"""A ladder diff as markdown for a pull-request comment, fitted to the size the comment may have.

Each ladder opens with its first screen (what the change does to people, the patterns, the
counts); the details follow as tables, those longer than `FOLD_ROWS` folded into `<details>`.
With `Review.max_bytes`, the first screens are always kept and the tables get what room is left
in order: a table that does not fit is cut, and the report says how many rows it left out and
where the full report is (`Review.full_report`), instead of being cut by GitHub mid-table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ladderc.diagnostics import display_path
from ladderc.diff import BandChange, LadderDiff, Words
from ladderc.diff_phrases import (
    Review,
    field_subject,
    field_text,
    formula_subject,
    origin_note,
    published_band,
    sides_note,
    summary,
)
from ladderc.diff_summary import impact, patterns
from ladderc.model import format_amount

FOLD_ROWS = 10  # a table longer than this is folded under its title
BAND_HEADER = ["level", "zone", "amount", "before", "after", "change"]


@dataclass(frozen=True)
class Table:
    title: str  # markdown heading text
    header: list[str]
    rows: list[list[str]]
    note: str = ""  # a line under the title, before the table


def cell(value: str) -> str:
    """Text safe inside a markdown table cell."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def words_markdown(words: Words) -> str:
    marks = {" ": "{}", "-": "~~{}~~", "+": "**{}**"}
    return " ".join(marks[op].format(cell(text)) for op, text in words)


def band_rows(changes) -> list[list[str]]:
    """Rows of band changes, cuts first: when a report must be cut, the cuts are what stays."""
    return [band_row(b) for b in sorted(changes, key=lambda b: not b.decrease)]


def band_row(b: BandChange) -> list[str]:
    def amount(value):
        return "—" if value is None else f"{format_amount(value, b.currency)} {b.currency}"

    change = ("" if b.delta is None
              else f"{'+' if b.delta >= 0 else '-'}{format_amount(abs(b.delta), b.currency)} ({b.percent:+.1f}%)")
    return [f"`{b.level}`", f"`{b.zone}`" + origin_note(b), b.amount,
            amount(b.old), amount(b.new), change + (" ⚠️ **decrease**" if b.decrease else "")]


def first_screen(diff: LadderDiff, review: Review) -> list[str]:
    lines = [f"## ladderc diff: `{diff.path}`", "", f"From `{review.base.label}` to `{review.head.label}`.", ""]
    notes = sides_note(diff, review)
    lines += [f"> **Note:** {n}." for n in notes] + ([""] if notes else [])
    told = impact(diff) + patterns(diff)
    lines += [f"- {cell(line)}" for line in told] + ([""] if told else [])
    counts = [[k, str(v)] for k, v in summary(diff).items() if v]
    return lines + (render_rows(["change", "count"], counts) if counts else ["No changes.", ""])


def tables(diff: LadderDiff) -> list[Table]:
    found = [
        Table("Definitions", ["kind", "id", "change"], [[x.kind, f"`{x.id}`", x.change] for x in diff.definitions]),
        Table("Levels", ["level", "change", "before", "after"],
              [[f"`{x.level}`", x.change, cell(x.old), cell(x.new)] for x in diff.levels]),
        Table("Pay bands", BAND_HEADER, band_rows(diff.bands)),
    ]
    found += [Table(f"Zone `{x.zone}` derivation", BAND_HEADER, band_rows(x.effects),
                    f"{cell(x.old or 'none')} → {cell(x.new or 'none')}") for x in diff.derivations]
    found += [Table(f"`{formula_subject(x)}`", BAND_HEADER, band_rows(x.effects),
                    f"{cell(x.old or 'none')} → {cell(x.new or 'none')}") for x in diff.formulas]
    found.append(Table("Variable pay and equity", ["level", "what", "before", "after"], [
        [f"`{x.level}`", x.what, cell(x.old or "none"), cell(x.new or "none")] for x in diff.beyond_base]))
    found.append(Table("On-target totals", BAND_HEADER, band_rows(diff.totals),
                       "What the variable pay and equity changes above do to the total at each band point, per year."))
    found += [
        Table("Policy", ["policy", "before", "after"], [[f"`{x.key}`", x.old, x.new] for x in diff.policy]),
        Table("Published pay", ["level", "zone", "change", "band"], [
            [f"`{x.level}`", f"`{x.zone}`" + (" (derived)" if x.derived else ""), x.change,
             published_band(x)] for x in diff.publication]),
        Table("Transitions", ["from", "to", "change", "detail"], [
            [f"`{x.source}`", f"`{x.target}`", x.change, cell(x.detail)] for x in diff.transitions]),
        Table("Requirement kinds", ["requirement", "before", "after"],
              [[f"`{x.requirement}`", x.old, x.new] for x in diff.requirement_kinds]),
        Table("Other fields", ["subject", "field", "change", "where"], [
            [cell(field_subject(x).rsplit(" ", 1)[0]), f"`{x.field}`", cell(field_text(x)), f"`{x.where}`"]
            for x in diff.fields]),
        Table("Expectations", ["level", "competency", "change", "words"], [
            [f"`{x.level}`", f"`{x.competency}`", x.change, words_markdown(x.words)] for x in diff.expectations]),
        Table("Diagnostics", ["change", "finding", "where"], [
            [x.change, cell(f"{x.diagnostic.severity} {x.diagnostic.code} {x.diagnostic.rule}: {x.diagnostic.message}"),
             f"`{display_path(x.diagnostic.file)}:{x.diagnostic.line}:{x.diagnostic.column}`"]
            for x in diff.diagnostics]),
    ]
    return [t for t in found if t.rows]


def render_rows(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def render_table(t: Table, rows: list[list[str]], left_out: int = 0) -> list[str]:
    note = [t.note, ""] if t.note else []
    body = render_rows(t.header, rows)
    if left_out:
        body += [f"_{left_out} more row(s) left out here; see the full report._", ""]
    if len(t.rows) <= FOLD_ROWS:
        return [f"### {t.title}", ""] + note + body
    return [f"### {t.title}", ""] + note + [f"<details><summary>{len(t.rows)} rows</summary>", ""] + body + ["</details>", ""]


def _size(lines: list[str]) -> int:
    return len("\n".join(lines).encode("utf-8")) + 1


def markdown(review: Review) -> str:
    screens = [(first_screen(d, review), tables(d)) for d in review.ladders]
    full = [line for screen, found in screens for line in screen + [x for t in found for x in render_table(t, t.rows)]]
    if not review.max_bytes or _size(full) <= review.max_bytes:
        return "\n".join(full).rstrip("\n") + "\n"
    return _fitted(screens, review)


def _fitted(screens: list[tuple[list[str], list[Table]]], review: Review) -> str:
    """The first screens whole, then as many table rows as fit, with what was left out and where it is."""
    footer = ["---", "", f"**This report was cut to fit {review.max_bytes:,} bytes.** The full report: "
              f"{review.full_report or 'run the same `ladderc diff` with `--max-bytes 0`'}.", ""]
    budget = review.max_bytes - _size(footer) - sum(_size(screen) for screen, _ in screens) - 200
    out, dropped = [], 0
    waiting = sum(len(found) for _, found in screens)
    for screen, found in screens:
        out += screen
        for t in found:
            # Each table gets an equal share of what is left, so one long table cannot crowd out the rest;
            # what a short table leaves unused passes on to the tables after it.
            share, waiting = budget // max(waiting, 1), waiting - 1
            kept, used = 0, _size(render_table(t, [], len(t.rows)))  # the shell, with its "left out" line
            for row in t.rows:
                used += _size(["| " + " | ".join(row) + " |"])
                if used > share:
                    break
                kept += 1
            if kept == 0:
                out += [f"### {t.title}", "", f"_{len(t.rows)} row(s) left out; see the full report._", ""]
                budget -= _size(out[-4:])
            else:
                lines = render_table(t, t.rows[:kept], len(t.rows) - kept)
                out += lines
                budget -= _size(lines)
            dropped += len(t.rows) - kept
    footer[2] = f"**This report was cut to fit {review.max_bytes:,} bytes: {dropped:,} row(s) left out.** " + \
        footer[2].split("** ", 1)[1]
    return "\n".join(out + footer).rstrip("\n") + "\n"
