"""The lattice target: Lattice's compensation-bands CSV, one band per level × zone.

Lattice matches employees to bands on Job function + Job type + Job level (+ Pay zone): here the
family name, the track name and the grade, with the pay zone under the name the tenant gave it
(`hris/lattice.yaml`, default: the zone's name) and the level's title as the band name. Amounts
are annual base pay. A level with variable pay also fills Lattice's variable pay columns
(on-target variable pay at the band's min, mid and max: Lattice shows on-target earnings as base
plus these) and, for a bonus, "Bonus target" as a percentage of base. Lattice's equity columns
hold a new-hire grant, not the annualised value the ladder gives, so they are not written
(docs/exports.md says so).
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, priced_zones, register, write_load_order
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import NO_TOTAL, amount, annual_amounts, annual_beyond_limit, band_rows, total_pay
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.model import Ladder

COLUMNS = ["Job function", "Job type", "Job level", "Compensation Band Name", "Pay zone", "Currency",
           "Min base pay", "Mid base pay", "Max base pay", "Min variable pay", "Mid variable pay",
           "Max variable pay", "Bonus target"]


@register("lattice", "Lattice compensation bands CSV (job function, type, level, pay zone, base pay)",
          cost=0.4)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, found = load_mapping(ladder.root, "lattice", {"pay_zones": ("zone", priced_zones(ladder))},
                                  defaults={"pay_zones": {z.id: z.name for z in ladder.zones.values()}})
    found = found + annual_beyond_limit(ladder, "Lattice")  # before any file: an export with an error writes none
    if any(x.severity == ERROR for x in found):
        return found
    families = {family.id: family.name for family in ladder.families.values()}
    tracks = {track.id: track.name for track in ladder.tracks.values()}
    zones = mapping["pay_zones"]
    totals = total_pay(ladder)
    rows: list[list[Cell]] = []
    # Lattice's band upload has base pay (salary) columns only: an hourly band goes in annualised,
    # and its variable pay (from `total_pay`) is per year already.
    for row in band_rows(ladder):
        lv, zone = row.level, row.zone
        extra = totals.get((lv.id, zone), NO_TOTAL)
        bonus = amount(round(float(extra.variable_target) * 100, 2)) if extra.variable_kind == "bonus" else ""
        rows.append([families[lv.family], tracks[lv.track], lv.grade, lv.title, zones[zone], row.currency,
                     *annual_amounts(row, ladder), extra.variable_min, extra.variable_mid, extra.variable_max, bonus])
    write_csv(directory / "compensation-bands.csv", [COLUMNS], rows, settings.excel)
    write_load_order(directory, "Lattice compensation bands", ["`compensation-bands.csv` (bulk upload of bands)"], [
        "Before the first load: the job functions, job types, job levels and pay zones must exist in Lattice's job "
        "architecture under the names in the file (pay zones: hris/lattice.yaml)."])
    return found
