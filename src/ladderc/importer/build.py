"""From located rows to a ladder: families, levels, tracks and their kinds, grades, zones, bands,
competencies, transitions and requirements, as the data of ladder.yaml and families/*.yaml.

Each table is one of five kinds, told by its columns: levels (a title per row, with bands and
expectations as columns), bands (a level id, a zone and amounts per row, as `ladderc export
--target csv` writes them), expectations (a level id, a competency and its text), requirements
(a requirement id, with its name, kind and description) and transitions (from, to). Every cell that
cannot be read, and every structure that cannot be built, is a finding at its cell; ids the sheet
leaves out are made from names (see `docs/import.md`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ladderc import diagnostics as d
from ladderc.diagnostics import Diagnostic, Rule
from ladderc.importer.columns import Column, columns
from ladderc.importer.ladder import Built, Level, Options, text
from ladderc.importer.links import LinkReader
from ladderc.importer.pay import PayReader
from ladderc.importer.tables import Cell, Table
from ladderc.importer.values import slug, yes
from ladderc.model import EEO1_CATEGORIES
from ladderc.stage_rules import IMPORT_CELL, IMPORT_COLUMN_IGNORED, IMPORT_STRUCTURE

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_JOB_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,29}\Z")
FLSA_STATUSES = ("exempt", "non-exempt")
_GRADE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
MANAGEMENT_WORDS = {"management", "manager", "managers", "mgmt", "mgr", "m", "people manager", "people management",
                    "people leadership", "leadership", "managerial"}
INDIVIDUAL_WORDS = {"individual", "individual contributor", "individual contributors", "ic", "ics", "professional",
                    "technical", "expert", "specialist", "contributor"}
KINDS = {"individual": "individual", "management": "management", **dict.fromkeys(INDIVIDUAL_WORDS, "individual"),
         **dict.fromkeys(MANAGEMENT_WORDS, "management")}
STANDARD_TRACK_NAMES = {"individual": "Individual contributor", "management": "Management"}


class Builder(PayReader, LinkReader):
    def __init__(self, options: Options):
        self.options = options
        self.found: list[Diagnostic] = []
        self.built = Built()
        self.ids: dict[str, Level] = {}
        self.zone_currency_cells: dict[str, Cell] = {}  # zone id -> the cell that told its currency
        self.zone_cells: dict[str, Cell] = {}  # zone id -> where it was first named

    def error(self, rule: Rule, cell: Cell, message: str, hint: str = "") -> None:
        self.found.append(rule.at(cell.at, f"{cell.ref}: {message}", hint))

    def build(self, tables: list[Table]) -> tuple[Built, list[Diagnostic]]:
        kinds: dict[str, list] = {"levels": [], "bands": [], "expectations": [], "transitions": [], "requirements": []}
        read = [(table, columns(table, self.options.mapping)) for table in tables if table.header]
        long_expectations = any(_kind(cols) == "expectations" for _, cols in read)
        for table, cols in read:
            if long_expectations:  # expectations come from their own table: other text columns are not them
                cols = [replace(c, role="ignored", why="is not a column this import knows (the expectations come "
                                "from their own table)") if c.role == "competency" else c for c in cols]
            for col in cols:
                if col.role == "ignored":
                    self.error(IMPORT_COLUMN_IGNORED, col.header,
                               f"column '{col.header.text or col.header.ref}' {col.why}; left out", col.hint)
            kind = _kind(cols)
            if kind is None:
                self.error(IMPORT_COLUMN_IGNORED, table.header[0], f"{table.sheet or table.file.name} is not a "
                           "table of levels, bands, expectations, requirements or transitions; left out",
                           "a table of levels needs family, track, grade and title columns")
                continue
            named = {c.role: c for c in cols if c.role not in ("band", "equity", "competency", "ignored", "skipped")}
            kinds[kind].append((table, named, cols))
            self.built.sources.append(table.name)
        for table, named, cols in kinds["levels"]:
            self.levels(table, named, cols)
        self.assign_ids()
        for table, named, cols in kinds["bands"] + kinds["expectations"]:
            self.attached(table, named, cols)
        self.order_grades(kinds["levels"])
        for table, named, cols in kinds["requirements"]:
            self.requirements(table, named, cols)
        for table, named, _ in kinds["transitions"]:
            self.transitions(table, named)
        self.competency_scope()
        self.settle_currencies()
        self.settle_pay([table for table, _, _ in kinds["levels"]])
        return self.built, sorted(self.found, key=lambda x: x.sort_key)

    # -- levels ---------------------------------------------------------------------------------

    def levels(self, table: Table, named: dict[str, Column], cols: list[Column]) -> None:
        missing = [f for f in ("family", "track", "grade", "title") if f not in named]
        if missing:
            seen = ", ".join(f"'{h.text}'" for h in table.header if not h.blank)
            what = f"sheet '{table.sheet}'" if table.sheet else table.file.name
            self.error(IMPORT_STRUCTURE, table.header[0], f"{what} has no {' or '.join(missing)} column "
                       f"(its columns: {seen})", "name the columns Family, Track, Grade and Title, or map yours "
                       "with --map mapping.yaml")
            return
        titles: dict[tuple[str, str, str], Cell] = {}
        above: dict[str, Cell] = {}
        for row in table.rows:
            cell = {role: row[col.index] for role, col in named.items()}
            for role in ("family", "track"):  # a cell merged over rows holds its value in the first row only
                if cell[role].blank and role in above:
                    cell[role] = above[role]
                above[role] = cell[role]
            required = [cell[f] for f in ("family", "track", "grade", "title") if cell[f].blank]
            if required:
                self.error(IMPORT_CELL, required[0], f"a level needs a {_role_of(required[0], named)}; this row "
                           "has none", "fill the cell in, or delete the row")
                continue
            family = self.family(cell["family"], table)
            track = self.track(cell["track"], cell.get("track_kind"))
            grade = self.grade(cell["grade"])
            if family is None or track is None or grade is None:
                continue
            title = text(cell["title"])
            key = (family, grade, title.casefold())
            if key in titles:
                self.error(IMPORT_STRUCTURE, cell["title"], f"'{title}' is already a title of family '{family}' "
                           f"at grade {grade} ({titles[key].ref})", "give one of the two levels another title")
                continue
            titles[key] = cell["title"]
            level = Level(family, track, grade, title, cell["title"])
            if "id" in cell and not cell["id"].blank:
                level.id = self.given_id(cell["id"], level)
            if "summary" in cell:
                level.summary = text(cell["summary"])
            if "entry" in cell and not cell["entry"].blank:
                level.entry = yes(cell["entry"].value)
                if level.entry is None:
                    self.error(IMPORT_CELL, cell["entry"], f"'{cell['entry'].text}' is not yes or no",
                               "write yes or no (or leave it empty: the lowest level of each track is the entry)")
            self.codes(level, cell)
            self.row_extras(level, row, cell, cols)
            self.built.levels.append(level)
            rows = self.built.families[family]["rows"].setdefault(table.name, [row[0].at.line, row[0].at.line])
            rows[1] = row[0].at.line

    def codes(self, level: Level, cell: dict) -> None:
        """The level's HRIS job code and US classification (FLSA status, EEO-1 category), when given."""
        if "job_code" in cell and not cell["job_code"].blank:
            code = text(cell["job_code"]).strip()
            if _JOB_CODE.match(code):
                level.job_code = code
            else:
                self.error(IMPORT_CELL, cell["job_code"], f"'{cell['job_code'].text}' is not a job code "
                           "(letters, digits, '_', '.' and '-', at most 30)", "shorten it, or leave the cell empty")
        for role, allowed in (("flsa", FLSA_STATUSES), ("eeo1", EEO1_CATEGORIES)):
            if role in cell and not cell[role].blank:
                said = slug(text(cell[role]))
                if said in allowed:
                    level.classification[role] = said
                else:
                    self.error(IMPORT_CELL, cell[role], f"'{cell[role].text}' is not an {role.upper()} value",
                               f"write one of {', '.join(allowed)}")

    def family(self, cell: Cell, table: Table) -> str | None:
        name = text(cell)
        ident = slug(name)
        if not ident:
            self.error(IMPORT_CELL, cell, f"'{name}' cannot be made into a family id", "use letters or digits")
            return None
        if ident not in self.built.families:
            shown = name[:1].upper() + name[1:].replace("-", " ") if _ID.fullmatch(name) else name
            self.built.families[ident] = {"name": shown, "rows": {}}
        return ident

    def track(self, cell: Cell, kind_cell: Cell | None) -> str | None:
        from ladderc.importer.columns import normal

        name = text(cell)
        ident = slug(name)
        if ident in self.built.tracks:
            return ident
        written = text(kind_cell) if kind_cell is not None and not kind_cell.blank else None
        said = normal(written) if written is not None else ""
        kind = KINDS.get(said) or self.options.track_kinds.get(normal(name)) or _inferred_kind(normal(name))
        if kind is None:
            where = kind_cell if said and kind_cell is not None else cell
            self.error(IMPORT_STRUCTURE, where, f"cannot tell whether track '{name}' is individual or management"
                       + (f" ('{written}' is neither)" if said else ""),
                       "add a Track kind column (individual or management), name the track IC or Management, "
                       "or give its kind under `tracks:` in --map")
            self.built.tracks[ident] = None  # reported once
            return None
        how = f"'{written}' in the track kind column" if said else (
            "given in --map" if normal(name) in self.options.track_kinds else f"inferred from '{name}'")
        shown = STANDARD_TRACK_NAMES[kind] if _ID.fullmatch(name) else name
        self.built.tracks[ident] = {"name": shown, "kind": kind, "said": how}
        return ident

    def grade(self, cell: Cell) -> str | None:
        label = text(cell)
        if not _GRADE.fullmatch(label):
            self.error(IMPORT_CELL, cell, f"'{label}' is not a grade label (letters, digits, '.', '_' and '-', "
                       "at most 32)", "write the grade as G5, L10 or 5")
            return None
        if self.options.grades and label not in self.options.grades:
            self.error(IMPORT_STRUCTURE, cell, f"grade '{label}' is not one of --grades "
                       f"{','.join(self.options.grades)}{d.did_you_mean(label, self.options.grades)}",
                       "add it to --grades, or correct the cell")
            return None
        return label

    def given_id(self, cell: Cell, level: Level) -> str:
        ident = text(cell)
        if not _ID.fullmatch(ident):
            self.error(IMPORT_CELL, cell, f"'{ident}' is not a level id (lowercase letters, digits and '-', "
                       "at most 64)", f"write it as '{slug(ident) or 'se1'}', or leave the cell empty to have "
                       "one made from the title")
            return ""
        if ident in self.ids:
            self.error(IMPORT_STRUCTURE, cell, f"level id '{ident}' is already used by "
                       f"'{self.ids[ident].title}' ({self.ids[ident].title_cell.ref})", "give each level its own id")
            return ""
        self.ids[ident] = level
        return ident

    def row_extras(self, level: Level, row: tuple[Cell, ...], cell: dict, cols: list[Column]) -> None:
        """Bands and expectations written as columns of a level's row (or of a bands table's)."""
        zone_cell = cell.get("zone")
        for col in cols:
            value = row[col.index]
            if col.role == "competency" and not value.blank:
                ident = self.competency(col.competency, col.header)
                if ident:
                    level.expectations[ident] = text(value)
            elif col.role == "band" and not value.blank:
                zone_name = text(zone_cell) if zone_cell is not None and not zone_cell.blank else col.zone
                zone = self.zone(zone_name, col.header if zone_cell is None else zone_cell)
                currency_cell = cell.get("currency")
                said = text(currency_cell).upper() if currency_cell is not None and not currency_cell.blank else None
                self.band(level, zone, col.part, value, said or col.currency)
            elif col.role == "equity" and not value.blank:
                self.equity(level, col, value, zone_cell)
        self.variable(level, cell, cols)
        for zone, band in level.pay.items():
            if "min" not in band or "max" not in band:
                lacking = "min" if "min" not in band else "max"
                self.error(IMPORT_STRUCTURE, level.pay_cells[zone], f"level '{level.title}' has a band in zone "
                           f"'{zone}' without a {lacking}", f"fill in the {lacking} of the band, or empty it all")

    def competency(self, name: str, header: Cell) -> str:
        ident = slug(name)
        if not ident:
            self.error(IMPORT_CELL, header, f"'{name}' cannot be made into a competency id", "use letters or digits")
            return ""
        self.built.competencies.setdefault(ident, {"name": name, "tracks": set(), "families": set()})
        return ident

    # -- ids and grades ----------------------------------------------------------------------

    def assign_ids(self) -> None:
        """Ids for the levels the sheet gave none: the title's slug; on a clash the family's slug
        before it, then the grade after it, then -2, -3... (in row order, so stable)."""
        for level in self.built.levels:
            if level.id:
                continue
            base = slug(level.title) or "level"
            for candidate in (base, f"{level.family}-{base}", f"{level.family}-{base}-{slug(level.grade)}"):
                candidate = candidate[:64].strip("-")
                if candidate not in self.ids:
                    break
            else:
                stem, n = candidate[:60], 2
                while f"{stem}-{n}" in self.ids:
                    n += 1
                candidate = f"{stem}-{n}"
            level.id = candidate
            self.ids[candidate] = level
            self.built.generated_ids += 1

    def order_grades(self, level_tables) -> None:
        used = list(dict.fromkeys(level.grade for level in self.built.levels))
        if self.options.grades:
            self.built.grades, self.built.grade_order = list(self.options.grades), "as given by --grades"
            return
        ranks = self.grade_ranks(level_tables)
        numbered = [re.match(r"^(.*?)(\d+)$", g) for g in used]
        if ranks:
            self.built.grades = sorted(used, key=lambda g: (ranks.get(g, 10**9), used.index(g)))
            self.built.grade_order = "by the grade rank column"
        elif used and all(numbered) and len({m.group(1) for m in numbered if m}) == 1:
            number = {g: int(m.group(2)) for g, m in zip(used, numbered, strict=True) if m}
            self.built.grades = sorted(used, key=lambda g: number[g])
            self.built.grade_order = "by their numbers"
        else:
            self.built.grades, self.built.grade_order = used, "in the order they first appear"

    def grade_ranks(self, level_tables) -> dict[str, float]:
        ranks: dict[str, float] = {}
        for table, named, _ in level_tables:
            if "grade_rank" not in named or "grade" not in named:
                continue
            for row in table.rows:
                rank, grade = row[named["grade_rank"].index], row[named["grade"].index]
                if not isinstance(rank.value, bool) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", rank.text):
                    ranks.setdefault(text(grade), float(rank.text))
        return ranks

    def competency_scope(self) -> None:
        """The tracks and families a competency applies to: those of the levels that describe it
        (an export of a ladder whose competencies are scoped to families imports back scoped)."""
        for level in self.built.levels:
            for ident in level.expectations:
                self.built.competencies[ident]["tracks"].add(level.track)
                self.built.competencies[ident]["families"].add(level.family)


def _kind(cols: list[Column]) -> str | None:
    roles = {c.role for c in cols}
    if {"from", "to"} <= roles:
        return "transitions"
    if "requirement_id" in roles and "title" not in roles:
        return "requirements"
    if "title" in roles or {"family", "track", "grade"} <= roles and "id" not in roles:
        return "levels"
    if "id" in roles and {"competency_id", "expectation"} <= roles:
        return "expectations"
    if "id" in roles and "band" in roles:
        return "bands"
    return None


def _inferred_kind(name: str) -> str | None:
    if name in KINDS:
        return KINDS[name]
    words = set(name.split())
    if words & {"management", "manager", "managers", "mgmt", "managerial"}:
        return "management"
    if words & {"individual", "contributor", "ic", "professional"}:
        return "individual"
    return None


def _role_of(cell: Cell, named: dict[str, Column]) -> str:
    return next(role for role, col in named.items() if col.index == cell.at.column - 1)
