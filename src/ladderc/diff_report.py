"""Rendering a ladder diff: markdown for a pull-request comment, plain text, or json.

Every format tells the same changes in the same order, after a first screen: what the change
does to people and its bulk changes grouped by cause (`diff_summary`). Markdown, for a pull-request
comment, lives in `diff_markdown`; json has sorted keys and plain numbers for tools. The phrases all
formats share, and `Review`, are in `diff_phrases`.
"""

from __future__ import annotations

import itertools
import json

from ladderc.diff import BandChange, words_text
from ladderc.diff_markdown import markdown
from ladderc.diff_phrases import (
    SIGN,
    Review,
    band_subject,
    band_text,
    diagnostic_text,
    field_subject,
    field_text,
    formula_subject,
    policy_text,
    publication_text,
    sides_note,
    summary,
)
from ladderc.diff_summary import impact, patterns
from ladderc.gitrev import Revision


def text(review: Review) -> str:
    lines: list[str] = []

    def section(title: str, entries: list[str]) -> None:
        if entries:
            lines.append(f"  {title}")
            lines.extend(f"    {e}" for e in entries)

    for diff in review.ladders:
        lines.append(f"ladderc diff {diff.path}: {review.base.label} -> {review.head.label}")
        lines += [f"  note: {n}" for n in sides_note(diff, review)]

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
        for formula in diff.formulas:
            formulas.append(f"~ {formula_subject(formula)}: {formula.old or 'none'} -> {formula.new or 'none'}")
            formulas += [f"    {band_subject(b)}: {band_text(b)}" for b in formula.effects]
        section("pay formulas", formulas)
        beyond = []
        # beyond_base comes level by level: each level's changes, then the totals they move.
        for level, changes in itertools.groupby(diff.beyond_base, key=lambda x: x.level):
            beyond += [f"~ {x.level} {x.what}: {x.old or 'none'} -> {x.new or 'none'}" for x in changes]
            beyond += [f"    {band_subject(b)}: {band_text(b)}" for b in diff.totals if b.level == level]
        section("variable pay and equity", beyond)
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
        "totals": [_band_json(b) for b in d.totals],
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


FORMATS = {"markdown": markdown, "text": text, "json": as_json}
