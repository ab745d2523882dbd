"""The lattice target: Lattice's compensation-bands CSV, one band per level × zone.

Lattice matches employees to bands on Job function + Job type + Job level (+ Pay zone): here the
family name, the track name and the grade, with the pay zone under the name the tenant gave it
(`hris/lattice.yaml`, default: the zone's name) and the level's title as the band name. Amounts
are annual base pay.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, write_load_order, priced_zones, register
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import annual_amounts, band_rows
from ladderc.export.spreadsheet import write_csv
from ladderc.model import Ladder

COLUMNS = ["Job function", "Job type", "Job level", "Compensation Band Name", "Pay zone", "Currency",
           "Min base pay", "Mid base pay", "Max base pay"]


@register("lattice", "Lattice compensation bands CSV (job function, type, level, pay zone, base pay)",
          cost=0.4)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, found = load_mapping(ladder.root, "lattice", {"pay_zones": ("zone", priced_zones(ladder))},
                                  defaults={"pay_zones": {z.id: z.name for z in ladder.zones.values()}})
    if any(x.severity == ERROR for x in found):
        return found
    families = {family.id: family.name for family in ladder.families.values()}
    tracks = {track.id: track.name for track in ladder.tracks.values()}
    zones = mapping["pay_zones"]
    # Lattice's band upload has base pay (salary) columns only: an hourly band goes in annualised.
    rows = [[families[row.level.family], tracks[row.level.track], row.level.grade, row.level.title, zones[row.zone],
             row.currency, *annual_amounts(row, ladder)] for row in band_rows(ladder)]
    write_csv(directory / "compensation-bands.csv", [COLUMNS], rows, settings.excel)
    write_load_order(directory, "Lattice compensation bands", ["`compensation-bands.csv` (bulk upload of bands)"], [
        "Before the first load: the job functions, job types, job levels and pay zones must exist in Lattice's job "
        "architecture under the names in the file (pay zones: hris/lattice.yaml)."])
    return found
