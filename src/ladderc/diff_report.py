"""Rendering a ladder diff: markdown for a pull-request comment, plain text, or json.

Every format tells the same changes in the same order, after a first screen: what the change
does to people and its bulk changes grouped by cause (`diff_summary`). Markdown, for a pull-request
comment, lives in `diff_markdown`; json has sorted keys and plain numbers for tools.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ladderc.diagnostics import display_path
from ladderc.diff import (
    BandChange, DiagnosticChange, LadderDiff, PolicyChange, PublicationChange, Words, word_diff, words_text,
)
from ladderc.diff_fields import FieldChange
from ladderc.diff_summary import impact, patterns
from ladderc.gitrev import Revision
from ladderc.model import format_amount


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

    effects = [b for d in (*diff.derivations, *diff.formulas) for b in d.effects]
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
    if b.old is None or b.new is None:
        return f"{'none' if b.old is None else format_amount(b.old, b.currency)} -> {'none' if b.new is None else format_amount(b.new, b.currency)} {b.currency}"
    sign = "+" if b.delta >= 0 else "-"
    text = f"{format_amount(b.old, b.currency)} -> {format_amount(b.new, b.currency)} {b.currency} ({sign}{format_amount(abs(b.delta), b.currency)}, {b.percent:+.1f}%)"
    return text + (" decrease" if b.decrease else "")


def band_subject(b: BandChange) -> str:
    return f"{b.level} {b.zone} {b.amount}" + origin_note(b)


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
    for side, compiled in zip(names, diff.compiled):
        if not compiled:
            notes.append(f"the ladder at {side} does not compile (or does not exist): only its diagnostics are compared")
    return notes


def text(review: Review) -> str:
    lines: list[str] = []
    for diff in review.ladders:
        lines.append(f"ladderc diff {diff.path}: {review.base.label} -> {review.head.label}")
        lines += [f"  note: {n}" for n in sides_note(diff, review)]

        def section(title: str, entries: list[str]) -> None:
            if entries:
                lines.append(f"  {title}")
                lines.extend(f"    {e}" for e in entries)

        section("impact", impact(diff))
        section("patterns", patterns(diff))

        section("definitions", [f"{SIGN[x.change]} {x.kind} {x.id} {x.change}" for x in diff.definitions])
        section("levels", [f"{SIGN.get(x.change, '~')} {x.level} {x.change}: " + (
            f"{x.old} -> {x.new}" if x.old and x.new else x.old or x.new) for x in diff.levels])
        section("bands", [f"~ {band_subject(b)}: {band_text(b)}" for b in diff.bands])
        derivations = []
        for x in diff.derivations:
            derivations.append(f"~ {x.zone} derivation: {x.old or 'none'} -> {x.new or 'none'}")
            derivations += [f"    {band_subject(b)}: {band_text(b)}" for b in x.effects]
        section("zone derivations", derivations)
        formulas = []
        for x in diff.formulas:
            formulas.append(f"~ {formula_subject(x)}: {x.old or 'none'} -> {x.new or 'none'}")
            formulas += [f"    {band_subject(b)}: {band_text(b)}" for b in x.effects]
        section("pay formulas", formulas)
        section("variable pay and equity", [f"~ {x.level} {x.what}: {x.old or 'none'} -> {x.new or 'none'}"
                                            for x in diff.beyond_base])
        section("policy", [f"~ {policy_text(x)}" for x in diff.policy])
        section("published pay", [f"{SIGN[x.change]} {publication_text(x)}" for x in diff.publication])
        section("transitions", [f"{SIGN.get(x.change, '~')} {x.source} -> {x.target} {x.change}: {x.detail}"
                                for x in diff.transitions])
        section("requirement kinds", [f"~ {x.requirement} kind: {x.old} -> {x.new}" for x in diff.requirement_kinds])
        section("fields", [f"~ {field_subject(x)}: {field_text(x)}  ({x.where})" for x in diff.fields])
        section("expectations", [f"{SIGN.get(x.change, '~')} {x.level} {x.competency} {x.change}: {words_text(x.words)}"
                                 for x in diff.expectations])
        section("diagnostics", [f"{SIGN[x.change]} {x.change} {diagnostic_text(x)}" for x in diff.diagnostics])
        counts = {k: v for k, v in summary(diff).items() if v}
        lines.append("  summary: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "no changes"))
    return "\n".join(lines) + "\n"


def _band_json(b: BandChange) -> dict:
    return {"level": b.level, "zone": b.zone, "currency": b.currency, "amount": b.amount, "old": b.old,
            "new": b.new, "delta": b.delta, "percent": None if b.percent is None else round(b.percent, 2),
            "derived": b.derived, "origin": b.origin, "decrease": b.decrease}


def as_json(review: Review) -> str:
    def revision(r: Revision) -> dict:
        return {"name": r.name, "commit": r.commit}

    ladders = [{
        "path": d.path,
        "compiled": {"base": d.compiled[0], "head": d.compiled[1]},
        "summary": summary(d),
        "impact": impact(d),
        "patterns": patterns(d),
        "parity": {"before": d.parity[0], "after": d.parity[1]},
        "where": dict(d.where),
        "definitions": [{"kind": x.kind, "id": x.id, "change": x.change} for x in d.definitions],
        "levels": [{"level": x.level, "change": x.change, "old": x.old, "new": x.new} for x in d.levels],
        "bands": [_band_json(b) for b in d.bands],
        "derivations": [{"zone": x.zone, "old": x.old, "new": x.new, "effects": [_band_json(b) for b in x.effects]}
                        for x in d.derivations],
        "formulas": [{"family": x.family, "old": x.old, "new": x.new, "effects": [_band_json(b) for b in x.effects]}
                     for x in d.formulas],
        "beyond_base": [{"level": x.level, "what": x.what, "old": x.old, "new": x.new} for x in d.beyond_base],
        "policy": [{"key": x.key, "old": x.old, "new": x.new} for x in d.policy],
        "publication": [{"level": x.level, "zone": x.zone, "currency": x.currency, "change": x.change,
                         "min": x.band.min, "mid": x.band.mid, "max": x.band.max, "derived": x.derived}
                        for x in d.publication],
        "transitions": [{"from": x.source, "to": x.target, "change": x.change, "detail": x.detail}
                        for x in d.transitions],
        "requirement_kinds": [{"requirement": x.requirement, "old": x.old, "new": x.new} for x in d.requirement_kinds],
        "fields": [{"subject": x.subject, "id": x.id, "field": x.field, "old": x.old, "new": x.new, "where": x.where}
                   for x in d.fields],
        "expectations": [{"level": x.level, "competency": x.competency, "change": x.change,
                          "words": words_text(x.words)} for x in d.expectations],
        "diagnostics": [{"change": x.change, **x.diagnostic.as_dict()} for x in d.diagnostics],
    } for d in review.ladders]
    document = {"base": revision(review.base), "head": revision(review.head), "ladders": ladders}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def markdown(review: Review) -> str:
    from ladderc.diff_markdown import markdown as render

    return render(review)


FORMATS = {"markdown": markdown, "text": text, "json": as_json}
