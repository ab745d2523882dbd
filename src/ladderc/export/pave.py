"""The pave target: a Pave band-set upload CSV, one band per level × zone.

Pave keys a band on Function + Ladder + Ladder Rank (+ Payzone when pay is location-based), and
matches employees to it by HRIS fields chosen in the band set's configuration; ladderc writes the
"Family and Level" matcher (the family's name and the level's id). Here Function is the family,
Ladder the track, Ladder Rank the grade's rank (1 = lowest) and Payzone the zone, each under the
name the tenant uses (`hris/pave.yaml`, default: the ladder's names). Amounts are annual base pay:
`band_columns` is the one place that turns a band row into amount cells, so on-target and equity
columns join it there once the model carries variable pay.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, write_load_order, priced_zones, register
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import BandRow, annual_amounts, band_rows
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.model import Ladder

KEY_COLUMNS = ["Function", "Ladder", "Ladder Rank", "Payzone"]
MATCHER_COLUMNS = ["Job Family", "Level", "Title"]
AMOUNT_COLUMNS = ["Currency", "Salary Min", "Salary Mid", "Salary Max"]
COLUMNS = KEY_COLUMNS + MATCHER_COLUMNS + AMOUNT_COLUMNS


def band_columns(row: BandRow, ladder: Ladder) -> list[Cell]:
    """The amount cells of one band, in `AMOUNT_COLUMNS` order: annual salary, so an hourly band is annualised."""
    return [row.currency, *annual_amounts(row, ladder)]


@register("pave", "Pave band-set upload CSV (function, ladder, ladder rank, payzone, base pay)", cost=0.4)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, found = load_mapping(ladder.root, "pave", {
        "functions": ("family", sorted(ladder.families)),
        "ladders": ("track", list(ladder.tracks)),
        "payzones": ("zone", priced_zones(ladder)),
    }, defaults={
        "functions": {f.id: f.name for f in ladder.families.values()},
        "ladders": {t.id: t.name for t in ladder.tracks.values()},
        "payzones": {z.id: z.name for z in ladder.zones.values()},
    })
    if any(x.severity == ERROR for x in found):
        return found
    families = {family.id: family.name for family in ladder.families.values()}
    functions, ladders, payzones = mapping["functions"], mapping["ladders"], mapping["payzones"]
    rows = [[functions[row.level.family], ladders[row.level.track], row.level.grade_index + 1, payzones[row.zone],
             families[row.level.family], row.level.id, row.level.title, *band_columns(row, ladder)]
            for row in band_rows(ladder)]
    write_csv(directory / "bands.csv", [COLUMNS], rows, settings.excel)
    write_load_order(directory, "Pave band set", ["`bands.csv` into a draft band set, with \"Replace all bands\""], [
        "Configure the band set first: job identifiers Family and Level, location-based pay on (Payzone), and the "
        "salary pay type; the upload must have exactly the columns the configuration checks.",
        "Replacing all bands removes the bands of levels the ladder no longer has."])
    return found
