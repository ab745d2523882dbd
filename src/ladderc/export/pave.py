"""The pave target: a Pave band-set upload CSV, one band per level × zone.

Pave keys a band on Function + Ladder + Ladder Rank (+ Payzone when pay is location-based), and
matches employees to it by HRIS fields chosen in the band set's configuration; ladderc writes the
"Family and Level" matcher (the family's name and the level's id). Here Function is the family,
Ladder the track, Ladder Rank the grade's rank (1 = lowest) and Payzone the zone, each under the
name the tenant uses (`hris/pave.yaml`, default: the ladder's names). Amounts are annual base pay;
a ladder with variable pay adds the on-target variable pay at the band's min, mid and max, and one
with equity the annual equity target, both from `rows.total_pay` (a band set configured with those
pay types asks for those columns; one without them must not get them, so they are only there when
the ladder has such pay). `band_columns` is the one place that turns a band row into amount cells.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, priced_zones, register, write_load_order
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import NO_TOTAL, BandRow, TotalPay, annual_amounts, annual_beyond_limit, band_rows, total_pay
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.model import Ladder

KEY_COLUMNS = ["Function", "Ladder", "Ladder Rank", "Payzone"]
MATCHER_COLUMNS = ["Job Family", "Level", "Title"]
AMOUNT_COLUMNS = ["Currency", "Salary Min", "Salary Mid", "Salary Max"]
VARIABLE_COLUMNS = ["Variable Min", "Variable Mid", "Variable Max"]  # on-target variable pay, per year
EQUITY_COLUMNS = ["Equity Target"]  # annual target equity value
COLUMNS = KEY_COLUMNS + MATCHER_COLUMNS + AMOUNT_COLUMNS


def pay_types(ladder: Ladder) -> tuple[bool, bool]:
    """Whether the ladder has variable pay, and equity: the pay types its band set needs columns for."""
    levels = ladder.levels.values()
    return any(lv.variable is not None for lv in levels), any(lv.equity for lv in levels)


def columns(types: tuple[bool, bool]) -> list[str]:
    """The header for a ladder with these `pay_types`."""
    variable, equity = types
    return COLUMNS + (VARIABLE_COLUMNS if variable else []) + (EQUITY_COLUMNS if equity else [])


def band_columns(row: BandRow, ladder: Ladder, types: tuple[bool, bool], extra: TotalPay = NO_TOTAL) -> list[Cell]:
    """The amount cells of one band, in `columns(types)` order: annual salary (an hourly band annualised),
    then the on-target variable pay and the equity target where the ladder has them."""
    variable, equity = types
    cells: list[Cell] = [row.currency, *annual_amounts(row, ladder)]
    return (cells + ([extra.variable_min, extra.variable_mid, extra.variable_max] if variable else [])
            + ([extra.equity] if equity else []))


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
    found = found + annual_beyond_limit(ladder, "Pave")  # before any file: an export with an error writes none
    if any(x.severity == ERROR for x in found):
        return found
    families = {family.id: family.name for family in ladder.families.values()}
    functions, ladders, payzones = mapping["functions"], mapping["ladders"], mapping["payzones"]
    totals, types = total_pay(ladder), pay_types(ladder)  # once per ladder, not per band
    rows = [[functions[row.level.family], ladders[row.level.track], row.level.grade_index + 1, payzones[row.zone],
             families[row.level.family], row.level.id, row.level.title,
             *band_columns(row, ladder, types, totals.get((row.level.id, row.zone), NO_TOTAL))]
            for row in band_rows(ladder)]
    write_csv(directory / "bands.csv", [columns(types)], rows, settings.excel)
    write_load_order(directory, "Pave band set", ["`bands.csv` into a draft band set, with \"Replace all bands\""], [
        "Configure the band set first: job identifiers Family and Level, location-based pay on (Payzone), and the "
        "salary pay type; the upload must have exactly the columns the configuration checks.",
        "Replacing all bands removes the bands of levels the ladder no longer has."])
    return found
