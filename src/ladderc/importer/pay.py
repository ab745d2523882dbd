"""Pay read from a sheet: zones, band amounts and the currency each zone is in.

A mixin of the import's `Builder` (`build.py`), which owns the findings and the ladder being built;
kept apart because amounts and currencies are most of what can go wrong in an HR sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ladderc.diagnostics import Rule
from ladderc.importer.columns import DEFAULT_ZONE
from ladderc.importer.ladder import Built, Level, Options, text
from ladderc.importer.tables import Cell, Table
from ladderc.importer.values import NotAnAmount, amount, slug
from ladderc.stage_rules import IMPORT_CELL, IMPORT_STRUCTURE


class PayReader:
    # The Builder's state and finding maker, which this mixin reads and fills (declared for the type checker).
    options: Options
    built: Built
    zone_cells: dict[str, Cell]
    zone_currency_cells: dict[str, Cell]

    if TYPE_CHECKING:
        def error(self, rule: Rule, cell: Cell, message: str, hint: str = "") -> None: ...

    def zone(self, name: str, cell: Cell) -> str:
        ident = slug(name) or DEFAULT_ZONE
        if ident not in self.built.zones:
            self.zone_cells[ident] = cell
            shown = "Base pay" if ident == DEFAULT_ZONE and name == DEFAULT_ZONE else name
            self.built.zones[ident] = {"name": shown, "currency": None}
        return ident

    def read_amount(self, cell: Cell, hint: str) -> tuple | None:
        """(amount, currency it shows or None), or None after an I001 finding at the cell."""
        try:
            return amount(cell.value, cell.number_format)
        except NotAnAmount as why:
            self.error(IMPORT_CELL, cell, f"'{cell.text}' is not an amount ({why})", hint)
            return None

    def band(self, level: Level, zone: str, part: str, cell: Cell, column_currency: str | None) -> None:
        read = self.read_amount(cell, "write a number such as 120000 or $120,000; leave the cell empty when there "
                                      "is no band")
        if read is None:
            return
        value, shown = read
        level.pay_cells.setdefault(zone, cell)
        level.pay.setdefault(zone, {})[part] = value
        currency = column_currency or shown
        known = self.built.zones[zone]["currency"]
        if currency and known and currency != known and shown and shown != known:
            self.error(IMPORT_CELL, cell, f"'{cell.text}' is in {shown}, but zone '{zone}' is in {known} "
                       f"({self.zone_currency_cells[zone].ref})", "one zone has one currency: give the other "
                       "currency a zone of its own")
        elif currency and not known:
            self.built.zones[zone]["currency"] = currency
            self.zone_currency_cells[zone] = cell

    def equity(self, level: Level, col, cell: Cell, zone_cell: Cell | None) -> None:
        """An annual equity amount: in the row's zone (a bands table), the zone its header names, or the
        sheet's one zone."""
        if zone_cell is not None and not zone_cell.blank:
            zone = self.zone(text(zone_cell), zone_cell)
        elif col.zone:
            zone = self.zone(col.zone, col.header)
        elif len(self.built.zones) == 1:
            zone = next(iter(self.built.zones))
        else:
            self.error(IMPORT_STRUCTURE, col.header, f"column '{col.header.text}' does not say which pay zone its "
                       "equity is in", "name the zone in the header, such as 'US equity'")
            return
        read = self.read_amount(cell, "write the annual equity value as a number, or leave the cell empty")
        if read is not None:
            level.equity[zone] = read[0]

    def variable(self, level: Level, cell: dict, cols: list) -> None:
        """Variable pay from a row: a kind (bonus, commission) with a target (15%, 0.15) or a mix (50/50)."""
        given = {role: cell[role] for role in ("variable_kind", "variable_target", "variable_mix")
                 if role in cell and not cell[role].blank}
        if not given:
            return
        first = next(iter(given.values()))
        kind_cell = given.get("variable_kind")
        said = text(kind_cell).strip().lower() if kind_cell is not None else ""
        kind = "commission" if "commission" in said else "bonus" if "bonus" in said else None
        headers = {c.role: c.header.text.lower() for c in cols}
        if kind is None and kind_cell is None and "variable_target" in given:  # `Bonus target`: the kind is said
            kind = "bonus" if "bonus" in headers["variable_target"] else (
                "commission" if "commission" in headers["variable_target"] else None)
        if kind is None:
            if kind_cell is not None:
                self.error(IMPORT_CELL, kind_cell, f"'{kind_cell.text}' is not a kind of variable pay",
                           "write bonus or commission")
            else:
                self.error(IMPORT_STRUCTURE, first, "variable pay needs its kind",
                           "add a Variable kind column saying bonus or commission")
            return
        if "variable_target" not in given and "variable_mix" not in given:
            self.error(IMPORT_STRUCTURE, first, "variable pay needs a target (15%) or a mix (50/50)",
                       "fill in the target or the mix")
            return
        variable: dict = {"kind": kind}
        if "variable_mix" in given:
            mix = text(given["variable_mix"]).replace(" ", "")
            parts = mix.split("/")
            if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) + int(parts[1]) != 100 \
                    or int(parts[0]) == 0:
                self.error(IMPORT_CELL, given["variable_mix"], f"'{given['variable_mix'].text}' is not a pay mix",
                           "write the base/variable split as two whole percentages adding up to 100, such as 60/40")
                return
            variable["mix"] = f"{int(parts[0])}/{int(parts[1])}"
            # A target beside the mix (the csv export writes both) must be the mix's: variable / base.
            target = _fraction(given["variable_target"]) if "variable_target" in given else None
            if "variable_target" in given and (target is None or abs(target - int(parts[1]) / int(parts[0])) > 1e-4):
                self.error(IMPORT_STRUCTURE, given["variable_target"], f"the target "
                           f"'{given['variable_target'].text}' is not the mix {variable['mix']}'s",
                           "give the target or the mix, or a target equal to variable / base")
                return
        else:
            target = _fraction(given["variable_target"])
            if target is None:
                self.error(IMPORT_CELL, given["variable_target"], f"'{given['variable_target'].text}' is not a "
                           "variable target", "write it as a percentage of base pay (15%) or a fraction (0.15)")
                return
            variable["target"] = target
        if level.variable and level.variable_cell is not None and level.variable != variable:
            self.error(IMPORT_STRUCTURE, first, f"level '{level.title}' is given two different variable pays "
                       f"(also at {level.variable_cell.ref})", "a level has one variable pay plan in every zone")
            return
        level.variable, level.variable_cell = variable, level.variable_cell or first

    def settle_currencies(self) -> None:
        from ladderc.schema import load_schema

        known = set(load_schema("ladder")["$defs"]["currency"]["enum"])
        for ident, zone in self.built.zones.items():
            cell = self.zone_cells[ident]
            if zone["currency"] is None and self.options.currency:
                zone["currency"], zone["assumed"] = self.options.currency, True
            if zone["currency"] is None:
                self.error(IMPORT_STRUCTURE, cell, f"cannot tell the currency of zone '{zone['name']}'",
                           "add it to the header (US min (USD)), add a Currency column, write amounts as $120,000, "
                           "or give --currency USD")
            elif zone["currency"] not in known:
                self.error(IMPORT_CELL, self.zone_currency_cells.get(ident, cell),
                           f"'{zone['currency']}' is not an ISO 4217 currency code", "write a code such as USD")

    def settle_pay(self, level_tables: list[Table]) -> None:
        """Say in the policy when not every level has a band in every zone, where the format
        (1.x `policy.pay`) can say it; without it, a sheet with no pay at all cannot be a ladder."""
        from ladderc.schema import load_schema

        supported = "pay" in load_schema("ladder")["$defs"]["policy"].get("properties", {})
        zones = self.built.zones
        if not zones and self.built.levels:
            if supported:
                self.built.pay_policy = "none"
            else:
                self.error(IMPORT_STRUCTURE, level_tables[0].header[0], "no band columns (such as 'US min' and "
                           "'US max'): this version of ladderc needs a pay band for every level",
                           "add min and max columns per pay zone")
        elif supported and any(zone not in level.pay for level in self.built.levels for zone in zones):
            self.built.pay_policy = "optional"


def _fraction(cell: Cell) -> int | float | None:
    """A target as a fraction of base: '15%' or a percent-formatted 0.15, or 0.15 itself (at most 9: a 10/90 mix)."""
    value = cell.value
    if isinstance(value, str):
        written = value.strip().replace(",", ".")
        percent = written.endswith("%")
        try:
            value = float(written.rstrip("%").strip()) / (100 if percent else 1)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 9:
        return None
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value
