"""The lattice target: Lattice's compensation-bands CSV, one band per level × zone.

Lattice matches employees to bands on Job function + Job type + Job level (+ Pay zone): here the
family name, the track name and the grade, with the zone id as pay zone and the level's title as
the band name. Amounts are annual base pay. A level with variable pay also fills Lattice's
variable pay columns (on-target variable pay at the band's min, mid and max: Lattice shows
on-target earnings as base plus these) and, for a bonus, "Bonus target" as a percentage of base.
Lattice's equity columns hold a new-hire grant, not the annualised value the ladder gives, so
they are not written (docs/exports.md says so).
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.export import Settings, register
from ladderc.export.rows import NO_TOTAL, amount, band_rows, total_pay
from ladderc.export.spreadsheet import write_csv
from ladderc.model import Ladder

COLUMNS = ["Job function", "Job type", "Job level", "Compensation Band Name", "Pay zone", "Currency",
           "Min base pay", "Mid base pay", "Max base pay", "Min variable pay", "Mid variable pay",
           "Max variable pay", "Bonus target"]


@register("lattice", "Lattice compensation bands CSV (job function, type, level, pay zone, base pay)",
          cost=0.4)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    families = {family.id: family.name for family in ladder.families.values()}
    tracks = {track.id: track.name for track in ladder.tracks.values()}
    totals = total_pay(ladder)
    rows = []
    for lv, zone, currency, _, low, mid, high in band_rows(ladder):
        extra = totals.get((lv.id, zone), NO_TOTAL)
        bonus = amount(round(extra.variable_target * 100, 2)) if extra.variable_kind == "bonus" else ""
        rows.append([families[lv.family], tracks[lv.track], lv.grade, lv.title, zone, currency, low, mid, high,
                     extra.variable_min, extra.variable_mid, extra.variable_max, bonus])
    write_csv(directory / "compensation-bands.csv", [COLUMNS], rows, settings.excel)
    return []
