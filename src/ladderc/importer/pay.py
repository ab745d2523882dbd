"""Pay read from a sheet: zones, band amounts and the currency each zone is in.

A mixin of the import's `Builder` (`build.py`), which owns the findings and the ladder being built;
kept apart because amounts and currencies are most of what can go wrong in an HR sheet.
"""

from __future__ import annotations

from ladderc.importer import findings
from ladderc.importer.columns import DEFAULT_ZONE
from ladderc.importer.ladder import Level
from ladderc.importer.tables import Cell, Table
from ladderc.importer.values import NotAnAmount, amount, slug


class PayReader:
    def zone(self, name: str, cell: Cell) -> str:
        ident = slug(name) or DEFAULT_ZONE
        if ident not in self.built.zones:
            self.zone_cells[ident] = cell
            shown = "Base pay" if ident == DEFAULT_ZONE and name == DEFAULT_ZONE else name
            self.built.zones[ident] = {"name": shown, "currency": None}
        return ident

    def band(self, level: Level, zone: str, part: str, cell: Cell, column_currency: str | None) -> None:
        try:
            value, shown = amount(cell.value, cell.number_format)
        except NotAnAmount as why:
            self.error(findings.CELL, cell, f"'{cell.text}' is not an amount ({why})",
                       "write a number such as 120000 or $120,000; leave the cell empty when there is no band")
            return
        level.pay_cells.setdefault(zone, cell)
        level.pay.setdefault(zone, {})[part] = value
        currency = column_currency or shown
        known = self.built.zones[zone]["currency"]
        if currency and known and currency != known and shown and shown != known:
            self.error(findings.CELL, cell, f"'{cell.text}' is in {shown}, but zone '{zone}' is in {known} "
                       f"({self.zone_currency_cells[zone].ref})", "one zone has one currency: give the other "
                       "currency a zone of its own")
        elif currency and not known:
            self.built.zones[zone]["currency"] = currency
            self.zone_currency_cells[zone] = cell

    def settle_currencies(self) -> None:
        from ladderc.schema import load_schema

        known = set(load_schema("ladder")["$defs"]["currency"]["enum"])
        for ident, zone in self.built.zones.items():
            cell = self.zone_cells[ident]
            if zone["currency"] is None and self.options.currency:
                zone["currency"], zone["assumed"] = self.options.currency, True
            if zone["currency"] is None:
                self.error(findings.STRUCTURE, cell, f"cannot tell the currency of zone '{zone['name']}'",
                           "add it to the header (US min (USD)), add a Currency column, write amounts as $120,000, "
                           "or give --currency USD")
            elif zone["currency"] not in known:
                self.error(findings.CELL, self.zone_currency_cells.get(ident, cell),
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
                self.error(findings.STRUCTURE, level_tables[0].header[0], "no band columns (such as 'US min' and "
                           "'US max'): this version of ladderc needs a pay band for every level",
                           "add min and max columns per pay zone")
        elif supported and any(zone not in level.pay for level in self.built.levels for zone in zones):
            self.built.pay_policy = "optional"
