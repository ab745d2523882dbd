"""Workday EIB spreadsheets: areas with their header rows, child rows, and tenant templates.

An EIB spreadsheet template, as Workday generates it, carries header rows above the data: the
business object (the area), the field labels, whether each field is required, and its format
(`Text`, `Y/N`, `YYYY-MM-DD`, ...). Data rows follow; a parent and its child rows share a
Spreadsheet Key. ladderc writes those four header rows itself, or, when the ladder holds the
template the tenant generated (`hris/templates/workday/<workbook>.xlsx`), keeps that template's
header rows and fills its columns by their labels (see `templates`): a column ladderc does not
know stays empty, and a required one it cannot fill is E004 at its Required cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ladderc.diagnostics import Diagnostic, Position
from ladderc.export import templates
from ladderc.export.spreadsheet import Cell
from ladderc.export.templates import Column, Template

KEY_LABEL = "Spreadsheet Key"
REQUIRED, OPTIONAL = "Required", "Optional"


@dataclass(frozen=True)
class Field:
    label: str
    format: str  # what the format row says: Text, Y/N, YYYY-MM-DD, Number, Lookup
    required: bool = False


@dataclass(frozen=True)
class Area:
    business_object: str  # the first header row, and the sheet's name
    fields: tuple[Field, ...]


def header_rows(area: Area) -> list[list[Cell]]:
    return [[area.business_object], [f.label for f in area.fields],
            [REQUIRED if f.required else OPTIONAL for f in area.fields], [f.format for f in area.fields]]


def yes_no(value: bool) -> str:
    """EIB's Y/N cells take only `Y` or `N`."""
    return "Y" if value else "N"


def read_template(root: Path, workbook: str) -> tuple[Template | None, list[Diagnostic]]:
    """The tenant's template for `workbook` (`hris/templates/workday/<workbook>`) when the ladder has one."""
    return templates.read_template(root, "workday", workbook, parse_template,
                                   "download the template from Workday again, as .xlsx")


def parse_template(file: Path, rows: list[list[Cell]]) -> tuple[Template | None, list[Diagnostic]]:
    """An EIB template's columns: labels from the row holding `Spreadsheet Key`, Required from the
    restrictions row."""
    label_row = next((i for i, row in enumerate(rows) if KEY_LABEL in row), None)
    if label_row is None:
        return templates.unusable(file, f"has no row of field labels (no '{KEY_LABEL}' cell)",
                                  "use the spreadsheet template Workday generates, with its header rows and no data")
    width = max(len(row) for row in rows)
    labels = [templates.text(cell) for cell in rows[label_row]] + [""] * width
    marks_row = next((i for i, row in enumerate(rows) if REQUIRED in row), None)
    marks = rows[marks_row] + [None] * width if marks_row is not None else [None] * width
    columns = [Column(labels[i], labels[i], marks[i] == REQUIRED,
                      Position(file, (label_row if marks_row is None or marks[i] != REQUIRED else marks_row) + 1, i + 1))
               for i in range(width)]
    return Template(file, [list(row) for row in rows], columns), []


def fill(area: Area, records: Sequence[Mapping[str, Cell]], template: Template | None
         ) -> tuple[list[list[Cell]], list[list[Cell]], list[Diagnostic]]:
    """Header rows, data rows (each record's value under its label's column) and findings."""
    labels = [f.label for f in area.fields]
    if template is None:
        return header_rows(area), [[record.get(label) for label in labels] for record in records], []
    rows, found = templates.fill([(label, label) for label in labels], records, template)
    return template.header, rows, found
