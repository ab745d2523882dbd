"""Tables that refer to levels: bands and expectations by level id, transitions, and the
requirements transitions name.

A mixin of the import's `Builder` (`build.py`). A level is named by its id or, when that is not
one, by its title (unique, or unique in the row's family).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ladderc import diagnostics as d
from ladderc.diagnostics import Rule
from ladderc.importer.columns import Column
from ladderc.importer.ladder import Built, Level, text
from ladderc.importer.tables import Cell, Table
from ladderc.importer.values import slug, yes
from ladderc.model import REQUIREMENT_KINDS
from ladderc.stage_rules import IMPORT_CELL, IMPORT_STRUCTURE


class LinkReader:
    # The Builder's state and methods this mixin uses (declared for the type checker).
    built: Built
    ids: dict[str, Level]

    if TYPE_CHECKING:
        def error(self, rule: Rule, cell: Cell, message: str, hint: str = "") -> None: ...
        def competency(self, name: str, header: Cell) -> str: ...
        def row_extras(self, level: Level, row: tuple[Cell, ...], cell: dict[str, Cell], cols: list[Column]) -> None: ...

    def attached(self, table: Table, named: dict[str, Column], cols: list[Column]) -> None:
        """A bands or expectations table: each row names a level by id (or title) it adds to."""
        for row in table.rows:
            cell = {role: row[col.index] for role, col in named.items()}
            level = self.level_named(cell.get("id") or cell.get("title"), cell.get("family"))
            if level is None:
                continue
            frequency = cell.get("frequency")
            if frequency is not None and not frequency.blank and text(frequency).lower() not in ("annual", "yearly"):
                self.error(IMPORT_CELL, frequency, f"'{frequency.text}' pay is not imported: bands are annual base "
                           "pay", "convert the amounts to annual pay")
                continue
            if "competency_id" in cell and "expectation" in cell:
                if cell["competency_id"].blank or cell["expectation"].blank:
                    continue
                name = text(cell["competency_name"]) if "competency_name" in cell and not cell[
                    "competency_name"].blank else text(cell["competency_id"])
                ident = self.competency(text(cell["competency_id"]), cell["competency_id"])
                if ident:
                    self.built.competencies[ident]["name"] = name
                    level.expectations[ident] = text(cell["expectation"])
                continue
            self.row_extras(level, row, cell, cols)

    def level_named(self, cell: Cell | None, family_cell: Cell | None) -> Level | None:
        if cell is None or cell.blank:
            return None
        name = text(cell)
        if name in self.ids:
            return self.ids[name]
        family = slug(text(family_cell)) if family_cell is not None and not family_cell.blank else None
        titled = [lv for lv in self.built.levels if lv.title.casefold() == name.casefold()
                  and (family is None or lv.family == family)]
        if len(titled) == 1:
            return titled[0]
        known = list(self.ids)
        self.error(IMPORT_STRUCTURE, cell, f"no level has the id or title '{name}'" + (
            f" (it is the title of {len(titled)} levels: use an id)" if titled else d.did_you_mean(name, known)),
            "name a level of the levels table by its id or title")
        return None

    def transitions(self, table: Table, named: dict[str, Column]) -> None:
        for row in table.rows:
            cell = {role: row[col.index] for role, col in named.items()}
            implied = "implied" in cell and yes(cell["implied"].value)
            source = self.level_named(cell["from"], cell.get("from_family"))
            target = self.level_named(cell["to"], cell.get("to_family"))
            if source is None or target is None:
                continue
            if implied:  # a promotion along a track: the compiler implies it again, from the level order
                self.built.implied[source.id] = target.id
                continue
            said = text(cell["kind"]).lower() if "kind" in cell else ""
            kind = {"promotion": "promotion", "promote": "promotion", "switch": "switch", "move": "switch",
                    "lateral": "switch", "track switch": "switch"}.get(said)
            if said and kind is None:
                self.error(IMPORT_CELL, cell["kind"], f"'{cell['kind'].text}' is not a transition kind",
                           "write promotion or switch")
                continue
            kind = kind or ("promotion" if source.track == target.track else "switch")
            move: dict[str, object] = {"from": source.id, "to": target.id, "kind": kind}
            if "requires" in cell and not cell["requires"].blank:
                move["requires"] = self.requirement_list(cell["requires"])
            if "criteria" in cell and not cell["criteria"].blank:
                move["criteria"] = text(cell["criteria"])
            if "support" in cell and not cell["support"].blank:
                move["support"] = self.requirement_list(cell["support"])
            if "trial_months" in cell and not cell["trial_months"].blank:
                months = self.trial_months(cell["trial_months"])
                if months is None:
                    continue
                move["trial"] = {"months": months}
            self.built.transitions.append((source.family, move))

    def requirement_list(self, cell: Cell) -> list[str]:
        """`a; b` or `a, b`: requirement ids, each remembered for ladder.yaml's requirements."""
        found = [slug(r) for r in re.split(r"[;,\n]", text(cell)) if slug(r)]
        self.built.requirements += [r for r in found if r not in self.built.requirements]
        return found

    def trial_months(self, cell: Cell) -> int | None:
        value = cell.value
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 24:
            self.error(IMPORT_CELL, cell, f"'{cell.text}' is not a trial length in months",
                       "write a whole number of months from 1 to 24, or leave the cell empty")
            return None
        return value

    def requirements(self, table: Table, named: dict[str, Column], cols: list[Column]) -> None:
        """A requirements table (as `ladderc export --target csv` writes requirements.csv): id, name, kind."""
        name_col = named.get("requirement_name") or next(
            (c for c in cols if c.header.text.strip().lower() == "name"), None)
        kind_role = "requirement_kind" if "requirement_kind" in named else "kind"
        for row in table.rows:
            cell = {role: row[col.index] for role, col in named.items()}
            if cell["requirement_id"].blank:
                continue
            ident = slug(text(cell["requirement_id"]))
            if not ident:
                self.error(IMPORT_CELL, cell["requirement_id"], f"'{cell['requirement_id'].text}' cannot be made "
                           "into a requirement id", "use letters or digits")
                continue
            info: dict = {}
            if name_col is not None and not row[name_col.index].blank:
                info["name"] = text(row[name_col.index])
            kind = cell.get(kind_role)
            if kind is not None and not kind.blank:
                said = text(kind).strip().lower()
                if said not in REQUIREMENT_KINDS:
                    self.error(IMPORT_CELL, kind, f"'{kind.text}' is not a kind of readiness evidence",
                               f"write one of {', '.join(REQUIREMENT_KINDS)}")
                    continue
                info["kind"] = said
            if "summary" in cell and not cell["summary"].blank:
                info["description"] = text(cell["summary"])
            self.built.requirement_info[ident] = info
            if ident not in self.built.requirements:
                self.built.requirements.append(ident)
