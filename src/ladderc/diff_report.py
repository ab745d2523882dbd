"""Rendering a ladder diff: markdown for a pull-request comment, plain text, or json.

Every format tells the same changes in the same order. Markdown opens each ladder with a summary
table, so a reviewer sees the size of the change before its details; json has sorted keys and
plain numbers for tools.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ladderc.diagnostics import display_path
from ladderc.diff import (
    BandChange, DiagnosticChange, LadderDiff, PolicyChange, PublicationChange, Words, words_text,
)
from ladderc.gitrev import Revision
from ladderc.model import format_amount


@dataclass(frozen=True)
class Review:
    base: Revision
    head: Revision
    ladders: tuple[LadderDiff, ...]


SIGN = {"added": "+", "introduced": "+", "requirement-added": "+", "published": "+", "support-added": "+",
        "removed": "-", "resolved": "-", "requirement-removed": "-", "unpublished": "-", "support-removed": "-"}


def summary(diff: LadderDiff) -> dict[str, int]:
    def count(items, *changes):
        return sum(1 for x in items if x.change in changes)

    effects = [b for d in diff.derivations for b in d.effects]
    return {  # in the order of the sections
        "definitions added or removed": len(diff.definitions),
        "levels added": count(diff.levels, "added"),
        "levels removed": count(diff.levels, "removed"),
        "levels retitled": count(diff.levels, "retitled"),
        "levels moved": count(diff.levels, "moved"),
        "band amounts changed": len(diff.bands) + len(effects),
        "pay decreases": len(diff.pay_decreases),
        "zone derivations changed": len(diff.derivations),
        "policy changed": len(diff.policy),
        "bands published": count(diff.publication, "published"),
        "bands unpublished": count(diff.publication, "unpublished"),
        "transitions added": count(diff.transitions, "added"),
        "transitions removed": count(diff.transitions, "removed"),
        "transitions changed": count(diff.transitions, "kind", "criteria", "requirement-added", "requirement-removed",
                                     "support-added", "support-removed", "trial"),
        "shorter trials": len(diff.shorter_trials),
        "requirement kinds changed": len(diff.requirement_kinds),
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
    return f"{b.level} {b.zone} {b.amount}" + (" (derived)" if b.derived else "")


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

        section("definitions", [f"{SIGN[x.change]} {x.kind} {x.id} {x.change}" for x in diff.definitions])
        section("levels", [f"{SIGN.get(x.change, '~')} {x.level} {x.change}: " + (
            f"{x.old} -> {x.new}" if x.old and x.new else x.old or x.new) for x in diff.levels])
        section("bands", [f"~ {band_subject(b)}: {band_text(b)}" for b in diff.bands])
        derivations = []
        for x in diff.derivations:
            derivations.append(f"~ {x.zone} derivation: {x.old or 'none'} -> {x.new or 'none'}")
            derivations += [f"    {band_subject(b)}: {band_text(b)}" for b in x.effects]
        section("zone derivations", derivations)
        section("policy", [f"~ {policy_text(x)}" for x in diff.policy])
        section("published pay", [f"{SIGN[x.change]} {publication_text(x)}" for x in diff.publication])
        section("transitions", [f"{SIGN.get(x.change, '~')} {x.source} -> {x.target} {x.change}: {x.detail}"
                                for x in diff.transitions])
        section("requirement kinds", [f"~ {x.requirement} kind: {x.old} -> {x.new}" for x in diff.requirement_kinds])
        section("expectations", [f"{SIGN.get(x.change, '~')} {x.level} {x.competency} {x.change}: {words_text(x.words)}"
                                 for x in diff.expectations])
        section("diagnostics", [f"{SIGN[x.change]} {x.change} {diagnostic_text(x)}" for x in diff.diagnostics])
        counts = {k: v for k, v in summary(diff).items() if v}
        lines.append("  summary: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "no changes"))
    return "\n".join(lines) + "\n"


def cell(value: str) -> str:
    """Text safe inside a markdown table cell."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def words_markdown(words: Words) -> str:
    marks = {" ": "{}", "-": "~~{}~~", "+": "**{}**"}
    return " ".join(marks[op].format(cell(text)) for op, text in words)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def band_row(b: BandChange) -> list[str]:
    def amount(value):
        return "—" if value is None else f"{format_amount(value, b.currency)} {b.currency}"

    change = "" if b.delta is None else f"{'+' if b.delta >= 0 else '-'}{format_amount(abs(b.delta), b.currency)} ({b.percent:+.1f}%)"
    return [f"`{b.level}`", f"`{b.zone}`" + (" (derived)" if b.derived else ""), b.amount,
            amount(b.old), amount(b.new), change + (" ⚠️ **decrease**" if b.decrease else "")]


def markdown(review: Review) -> str:
    lines: list[str] = []
    for diff in review.ladders:
        lines += [f"## ladderc diff: `{diff.path}`", "",
                  f"From `{review.base.label}` to `{review.head.label}`.", ""]
        lines += [f"> **Note:** {n}." for n in sides_note(diff, review)] + ([""] if sides_note(diff, review) else [])
        lines += table(["change", "count"], [[k, str(v)] for k, v in summary(diff).items()])
        if diff.definitions:
            lines += ["### Definitions", ""] + table(["kind", "id", "change"], [
                [x.kind, f"`{x.id}`", x.change] for x in diff.definitions])
        if diff.levels:
            lines += ["### Levels", ""] + table(["level", "change", "before", "after"], [
                [f"`{x.level}`", x.change, cell(x.old), cell(x.new)] for x in diff.levels])
        if diff.bands:
            lines += ["### Pay bands", ""] + table(
                ["level", "zone", "amount", "before", "after", "change"], [band_row(b) for b in diff.bands])
        for x in diff.derivations:
            # Folded: a factor change moves every band of the zone, which would bury the rest of the comment.
            lines += [f"### Zone `{x.zone}` derivation", "", f"{cell(x.old or 'none')} → {cell(x.new or 'none')}", "",
                      f"<details><summary>{len(x.effects)} band amount(s) moved</summary>", ""]
            lines += table(["level", "zone", "amount", "before", "after", "change"], [band_row(b) for b in x.effects])
            lines += ["</details>", ""]
        if diff.policy:
            lines += ["### Policy", ""] + table(["policy", "before", "after"], [
                [f"`{x.key}`", x.old, x.new] for x in diff.policy])
        if diff.publication:
            lines += ["### Published pay", ""] + table(["level", "zone", "change", "band"], [
                [f"`{x.level}`", f"`{x.zone}`" + (" (derived)" if x.derived else ""), x.change,
                 published_band(x)] for x in diff.publication])
        if diff.transitions:
            lines += ["### Transitions", ""] + table(["from", "to", "change", "detail"], [
                [f"`{x.source}`", f"`{x.target}`", x.change, cell(x.detail)] for x in diff.transitions])
        if diff.requirement_kinds:
            lines += ["### Requirement kinds", ""] + table(["requirement", "before", "after"], [
                [f"`{x.requirement}`", x.old, x.new] for x in diff.requirement_kinds])
        if diff.expectations:
            lines += ["### Expectations", ""] + table(["level", "competency", "change", "words"], [
                [f"`{x.level}`", f"`{x.competency}`", x.change, words_markdown(x.words)] for x in diff.expectations])
        if diff.diagnostics:
            lines += ["### Diagnostics", ""] + table(["change", "finding", "where"], [
                [x.change, cell(f"{x.diagnostic.severity} {x.diagnostic.code} {x.diagnostic.rule}: {x.diagnostic.message}"),
                 f"`{display_path(x.diagnostic.file)}:{x.diagnostic.line}:{x.diagnostic.column}`"]
                for x in diff.diagnostics])
    return "\n".join(lines).rstrip("\n") + "\n"


def _band_json(b: BandChange) -> dict:
    return {"level": b.level, "zone": b.zone, "currency": b.currency, "amount": b.amount, "old": b.old,
            "new": b.new, "delta": b.delta, "percent": None if b.percent is None else round(b.percent, 2),
            "derived": b.derived, "decrease": b.decrease}


def as_json(review: Review) -> str:
    def revision(r: Revision) -> dict:
        return {"name": r.name, "commit": r.commit}

    ladders = [{
        "path": d.path,
        "compiled": {"base": d.compiled[0], "head": d.compiled[1]},
        "summary": summary(d),
        "definitions": [{"kind": x.kind, "id": x.id, "change": x.change} for x in d.definitions],
        "levels": [{"level": x.level, "change": x.change, "old": x.old, "new": x.new} for x in d.levels],
        "bands": [_band_json(b) for b in d.bands],
        "derivations": [{"zone": x.zone, "old": x.old, "new": x.new, "effects": [_band_json(b) for b in x.effects]}
                        for x in d.derivations],
        "policy": [{"key": x.key, "old": x.old, "new": x.new} for x in d.policy],
        "publication": [{"level": x.level, "zone": x.zone, "currency": x.currency, "change": x.change,
                         "min": x.band.min, "mid": x.band.mid, "max": x.band.max, "derived": x.derived}
                        for x in d.publication],
        "transitions": [{"from": x.source, "to": x.target, "change": x.change, "detail": x.detail}
                        for x in d.transitions],
        "requirement_kinds": [{"requirement": x.requirement, "old": x.old, "new": x.new} for x in d.requirement_kinds],
        "expectations": [{"level": x.level, "competency": x.competency, "change": x.change,
                          "words": words_text(x.words)} for x in d.expectations],
        "diagnostics": [{"change": x.change, **x.diagnostic.as_dict()} for x in d.diagnostics],
    } for d in review.ladders]
    document = {"base": revision(review.base), "head": revision(review.head), "ladders": ladders}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS = {"markdown": markdown, "text": text, "json": as_json}
