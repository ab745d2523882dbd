"""Tenant templates: the import file a vendor generates for one tenant, kept in the ladder and filled.

Workday (EIB spreadsheets) and SuccessFactors (foundation and MDF import CSVs) let a tenant
download the template its own configuration expects: the columns its data model has, in its
order, with its own custom fields. When the ladder holds that file under
`hris/templates/<target>/<file>`, ladderc reads it here (safely, from inside the ladder only),
keeps its header rows verbatim, and writes each record's values under the columns it names,
matched by field id and then by label. A column ladderc has no value for stays empty, unless the
template marks it required: that is E004 at the template cell, and nothing is exported. A file
that cannot be read, or whose header rows are not there, is E005. How a vendor's header rows say
which column is which is the vendor module's part (`eib.parse_template`,
`successfactors.parse_template`); reading the file and filling it are the same for both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ladderc.diagnostics import Diagnostic, Position
from ladderc.export.mapping import MAPPING_DIR
from ladderc.export.spreadsheet import Cell
from ladderc.stage_rules import EXPORT_TEMPLATE, EXPORT_TEMPLATE_FIELD_UNFILLED

TEMPLATE_DIR = "templates"
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """One column of a tenant template: the field it names and the cell that says so."""

    id: str  # the field id (SuccessFactors' first header row); Workday names fields by label only
    label: str
    required: bool
    at: Position  # the template cell that marks the column required, or else the one that names it


@dataclass(frozen=True)
class Template:
    """A tenant's template: its header rows verbatim, and what each column holds."""

    file: Path
    header: list[list[Cell]]
    columns: list[Column]


# A vendor's reading of the rows of its template file: the template, or why it is unusable.
Parse = Callable[[Path, list[list[Cell]]], tuple[Template | None, list[Diagnostic]]]


def read_template(root: Path, target: str, name: str, parse: Parse, hint: str
                  ) -> tuple[Template | None, list[Diagnostic]]:
    """The tenant template `hris/templates/<target>/<name>` when the ladder has one.

    `name` ends in `.xlsx` (read with openpyxl, first sheet) or `.csv` (UTF-8, with or without a
    byte-order mark); `hint` says where to get a readable one.
    """
    from ladderc.loader import read_safely

    file = root / MAPPING_DIR / TEMPLATE_DIR / target / name
    if not (file.exists() or file.is_symlink()):
        return None, []
    raw, found = read_safely(file, MAX_TEMPLATE_BYTES, within=root)
    if raw is None:
        return None, found
    kind = "xlsx workbook" if name.endswith(".xlsx") else "UTF-8 CSV file"
    try:
        rows = _xlsx_rows(raw) if name.endswith(".xlsx") else _csv_rows(raw)
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError); csv and codecs their own
        return None, [EXPORT_TEMPLATE.at(Position(file, 1, 1), f"{name} is not a readable {kind}: {error}", hint)]
    while rows and not any(cell not in (None, "") for cell in rows[-1]):
        rows.pop()
    return parse(file, rows)


def _xlsx_rows(raw: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
    # Cells are kept as openpyxl reads them (a date stays a date) and written back so.
    return cast("list[list[Cell]]", [list(row) for row in sheet.iter_rows(values_only=True)])


def _csv_rows(raw: bytes) -> list[list[Cell]]:
    return [list(row) for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))]


def text(cell: Cell) -> str:
    """A header cell as the name it gives: trimmed text, or "" for an empty cell."""
    return str(cell).strip() if cell is not None else ""


def unusable(file: Path, message: str, hint: str) -> tuple[None, list[Diagnostic]]:
    """No template, and the E005 that says why."""
    return None, [EXPORT_TEMPLATE.at(Position(file, 1, 1), f"{file.name} {message}", hint)]


def fill(fields: Sequence[tuple[str, str]], records: Sequence[Mapping[str, Cell]], template: Template
         ) -> tuple[list[list[Cell]], list[Diagnostic]]:
    """The template's data rows (each record's value under its field's column) and E004 findings.

    `fields` are what ladderc writes, as (key, label) pairs; a record holds values by key. A
    template column takes the field whose key is the column's id, or else whose label is the
    column's label.
    """
    by_key = {key: key for key, _ in fields}
    by_label = {label: key for key, label in reversed(fields)}
    keys = [by_key.get(c.id) or by_label.get(c.label) for c in template.columns]
    found = [EXPORT_TEMPLATE_FIELD_UNFILLED.at(
        c.at, f"{template.file.name} requires '{c.label or c.id}', which ladderc cannot fill",
        f"ladderc fills: {', '.join(label for _, label in fields)}; make '{c.label or c.id}' optional in the "
        f"template or fill it after the export")
        for c, key in zip(template.columns, keys, strict=False) if c.required and key is None]
    rows = [[record.get(key) if key is not None else None for key in keys] for record in records]
    return rows, found


def notes(root: Path, used: Sequence[Template | None]) -> list[str]:
    """The README note naming the tenant templates an export filled (none when it filled none)."""
    names = [f"`{t.file.relative_to(root).as_posix()}`" for t in used if t is not None]
    if not names:
        return []
    return [f"Filled from the tenant's own templates, their header rows kept and the columns ladderc has no value "
            f"for left empty: {', '.join(names)}."]
