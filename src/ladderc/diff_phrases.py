"""How a ladder diff puts each change in words: the phrases every format shares (text, json,
markdown for a pull-request comment, GitHub annotations), and the `Review` they all render.

`diff_report` (text, json, and the table of formats), `diff_markdown` and `diff_github` build on
this module; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ladderc.diagnostics import display_path
from ladderc.diff import (
    BandChange,
    DiagnosticChange,
    LadderDiff,
    PolicyChange,
    PublicationChange,
    word_diff,
    words_text,
)
from ladderc.diff_fields import FieldChange
from ladderc.gitrev import Revision
from ladderc.model import TOTAL, format_amount


@dataclass(frozen=True)
class Review:
    base: Revision
    head: Revision
    ladders: tuple[LadderDiff, ...]
    max_bytes: int = 0  # markdown: fit the report into this many bytes (0: no limit)
    full_report: str = ""  # markdown: where the full report is, when the shown one was cut


SIGN = {"added": "+", "introduced": "+", "requirement-added": "+", "published": "+", "support-added": "+",
        "removed": "-", "resolved": "-", "requirement-removed": "-", "unpublished": "-", "support-removed": "-"}


def summary(diff: LadderDiff) -> dict[str, int]:
    def count(items, *changes):
        return sum(1 for x in items if x.change in changes)

    effects = [b for x in diff.derivations for b in x.effects] + [b for x in diff.formulas for b in x.effects]
    return {  # in the order of the sections
        "definitions added or removed": len(diff.definitions),
        "levels added": count(diff.levels, "added"),
        "levels removed": count(diff.levels, "removed"),
        "levels retitled": count(diff.levels, "retitled"),
        "levels moved": count(diff.levels, "moved"),
        "band amounts changed": len(diff.bands) + len(effects),
        "pay decreases": len(diff.pay_decreases),
        "zone derivations changed": len(diff.derivations),
        "variable pay or equity changed": len(diff.beyond_base),
        "policy changed": len(diff.policy),
        "bands published": count(diff.publication, "published"),
        "bands unpublished": count(diff.publication, "unpublished"),
        "transitions added": count(diff.transitions, "added"),
        "transitions removed": count(diff.transitions, "removed"),
        "transitions changed": count(diff.transitions, "kind", "criteria", "requirement-added", "requirement-removed",
                                     "support-added", "support-removed", "trial"),
        "shorter trials": len(diff.shorter_trials),
        "requirement kinds changed": len(diff.requirement_kinds),
        "other fields changed": len(diff.fields),
        "expectations changed": len(diff.expectations),
        "diagnostics introduced": count(diff.diagnostics, "introduced"),
        "diagnostics resolved": count(diff.diagnostics, "resolved"),
        "new errors": len(diff.new_errors),
    }


def band_text(b: BandChange) -> str:
    """`140,000 -> 130,000 USD (-10,000, -7.1%)`, marking a decrease."""
    delta = b.delta
    if b.old is None or b.new is None or delta is None:  # delta is None exactly when a side is
        old = "none" if b.old is None else format_amount(b.old, b.currency)
        new = "none" if b.new is None else format_amount(b.new, b.currency)
        return f"{old} -> {new} {b.currency}"
    sign = "+" if delta >= 0 else "-"
    text = (f"{format_amount(b.old, b.currency)} -> {format_amount(b.new, b.currency)} {b.currency} "
            f"({sign}{format_amount(abs(delta), b.currency)}, {b.percent:+.1f}%)")
    return text + (" decrease" if b.decrease else "")


def band_subject(b: BandChange) -> str:
    """`e1 us max`, `e1 uk mid (derived)`; `e1 us max on-target total` for a total."""
    return f"{b.level} {b.zone} {b.amount}" + origin_note(b) + (" on-target total" if b.measure == TOTAL else "")


def origin_note(b: BandChange) -> str:
    """Where a band came from, unless written: ' (derived)' or ' (formula)'."""
    return " (derived)" if b.derived else " (formula)" if b.origin == "formula" else ""


def formula_subject(x) -> str:
    return f"{x.family} pay_formula" if x.family else "grade_factors"


def field_subject(x: FieldChange) -> str:
    """`level e3 summary`, `policy settings.P005`."""
    return " ".join(filter(None, (x.subject, x.id, x.field)))


def field_text(x: FieldChange) -> str:
    """`old -> new`; long text as a word diff, so a one-word edit of a paragraph shows as one word."""
    if len(x.old.split()) + len(x.new.split()) > 12:
        return words_text(word_diff(x.old, x.new))
    return f"{x.old or 'none'} -> {x.new or 'none'}"


def published_band(x: PublicationChange) -> str:
    """`114,000 to 162,000 USD`, or for an hourly band `48 to 67.31 USD/hour`."""
    return f"{format_amount(x.band.min)} to {format_amount(x.band.max)} {x.currency}" + ("/hour" if x.band.hourly else "")


def publication_text(x: PublicationChange) -> str:
    """`e2 us (derived) unpublished (was 114,000 to 162,000 USD)`."""
    band = published_band(x)
    derived = " (derived)" if x.derived else ""
    return f"{x.level} {x.zone}{derived} {x.change} " + (f"(was {band})" if x.change == "unpublished" else f"({band})")


def policy_text(x: PolicyChange) -> str:
    return f"policy.{x.key}: {x.old} -> {x.new}"


def diagnostic_text(x: DiagnosticChange) -> str:
    d = x.diagnostic
    return f"{display_path(d.file)}:{d.line}:{d.column}: {d.severity} {d.code} {d.rule}: {d.message}"


def sides_note(diff: LadderDiff, review: Review) -> list[str]:
    names = (review.base.label, review.head.label)
    notes = []
    for side, compiled in zip(names, diff.compiled, strict=False):
        if not compiled:
            notes.append(f"the ladder at {side} does not compile (or does not exist): only its diagnostics are compared")
    return notes
