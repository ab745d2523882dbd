"""The csv target: the ladder as five long-format tables for spreadsheets and BI tools.

`levels.csv`, `bands.csv` (one row per level × zone, with the band's origin and, for a level with
variable pay or equity, its variable pay, equity and on-target total at min, mid and max), `transitions.csv`,
`competencies.csv` (one row per level × competency expectation) and `requirements.csv` (with each one's kind).
RFC 4180, UTF-8 (with a BOM under `--excel`), formula-like text neutralised.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.export import Settings, register
from ladderc.export.rows import (
    NO_TOTAL,
    band_rows,
    expectation_rows,
    frequency,
    ordered_levels,
    ordered_transitions,
    requires_text,
    support_text,
    total_pay,
)
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.model import Ladder

LEVEL_COLUMNS = ["family", "level", "title", "track", "track_kind", "grade", "grade_rank", "entry", "summary",
                 "job_code", "flsa", "eeo1", "pay_rate"]
BAND_COLUMNS = ["family", "level", "grade", "track", "zone", "currency", "frequency", "min", "mid", "max", "derived",
                "origin", "variable_kind", "variable_target", "variable_mix", "variable_min", "variable_mid",
                "variable_max", "equity", "total_min", "total_mid", "total_max"]
TRANSITION_COLUMNS = ["from", "to", "kind", "from_family", "to_family", "implied", "requires", "criteria",
                      "support", "trial_months"]
COMPETENCY_COLUMNS = ["family", "level", "competency", "competency_name", "expectation"]
REQUIREMENT_COLUMNS = ["requirement", "name", "kind", "description"]


@register("csv", "long-format levels, bands, transitions and competencies tables (RFC 4180, UTF-8)",
          cost=1.1)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    # Names and kinds are looked up once per ladder rather than through the model per row: these
    # tables run to tens of thousands of rows at a thousand families.
    kinds = {track.id: track.kind for track in ladder.tracks.values()}
    names = {competency.id: competency.name for competency in ladder.competencies.values()}
    levels: list[list[Cell]] = [[lv.family, lv.id, lv.title, lv.track, kinds[lv.track], lv.grade, lv.grade_index + 1, lv.entry,
               lv.summary, lv.job_code, lv.classification.flsa, lv.classification.eeo1, lv.classification.pay_rate]
              for lv in ordered_levels(ladder)]
    totals = total_pay(ladder)
    bands: list[list[Cell]] = [
        [lv.family, lv.id, lv.grade, lv.track, zone, currency, frequency(band), low, mid, high, band.derived,
         band.origin, *totals.get((lv.id, zone), NO_TOTAL)]
             for lv, zone, currency, band, low, mid, high in band_rows(ladder)]
    transitions: list[list[Cell]] = [[t.source, t.target, t.kind, ladder.levels[t.source].family, ladder.levels[t.target].family,
                    t.implied, requires_text(t), t.criteria, support_text(t), "" if t.trial is None else t.trial.months]
                   for t in ordered_transitions(ladder)]
    expectations: list[list[Cell]] = [[lv.family, lv.id, competency, names[competency], text]
                    for lv, competency, text in expectation_rows(ladder)]
    write_csv(directory / "levels.csv", [LEVEL_COLUMNS], levels, settings.excel)
    write_csv(directory / "bands.csv", [BAND_COLUMNS], bands, settings.excel)
    write_csv(directory / "transitions.csv", [TRANSITION_COLUMNS], transitions, settings.excel)
    write_csv(directory / "competencies.csv", [COMPETENCY_COLUMNS], expectations, settings.excel)
    write_csv(directory / "requirements.csv", [REQUIREMENT_COLUMNS],
              [[r.id, r.name, r.kind, r.description] for r in ladder.requirements.values()], settings.excel)
    return []
