"""Workday EIB spreadsheets: areas with their header rows, child rows, and tenant templates.

An EIB spreadsheet template, as Workday generates it, carries header rows above the data: the
business object (the area), the field labels, whether each field is required, and its format
(`Text`, `Y/N`, `YYYY-MM-DD`, ...). Data rows follow; a parent and its child rows share a
Spreadsheet Key. ladderc writes those four header rows itself, or, when the ladder holds the
template the tenant generated (`hris/templates/workday/<workbook>.xlsx`), keeps that template's
header rows and fills its columns by their labels: a column ladderc does not know stays empty,
and a required one it cannot fill is E004.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ladderc import diagnostics as d
from ladderc.diagnostics import Diagnostic, Position
from ladderc.export import findings
from ladderc.export.mapping import MAPPING_DIR
from ladderc.export.spreadsheet import Cell

TEMPLATE_DIR = "templates"
KEY_LABEL = "Spreadsheet Key"
REQUIRED, OPTIONAL = "Required", "Optional"
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Field:
    label: str
    format: str  # what the format row says: Text, Y/N, YYYY-MM-DD, Number, Lookup
    required: bool = False


@dataclass(frozen=True)
class Area:
    business_object: str  # the first header row, and the sheet's name
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Template:
    """A tenant's template: its header rows verbatim, and the label of each column."""

    file: Path
    header: list[list[Cell]]
    labels: list[str]
    required: list[bool]


def header_rows(area: Area) -> list[list[Cell]]:
    return [[area.business_object], [f.label for f in area.fields],
            [REQUIRED if f.required else OPTIONAL for f in area.fields], [f.format for f in area.fields]]


def yes_no(value: bool) -> str:
    """EIB's Y/N cells take only `Y` or `N`."""
    return "Y" if value else "N"


def read_template(root: Path, target: str, workbook: str) -> tuple[Template | None, list[Diagnostic]]:
    """The tenant template `hris/templates/<target>/<workbook>` when the ladder has one."""
    from ladderc.loader import read_safely

    file = root / MAPPING_DIR / TEMPLATE_DIR / target / workbook
    if not (file.exists() or file.is_symlink()):
        return None, []
    raw, found = read_safely(file, MAX_TEMPLATE_BYTES, within=root)
    if raw is None:
        return None, found
    from openpyxl import load_workbook

    at = Position(file, 1, 1)
    try:
        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged file
        return None, [d.make(findings.BAD_TEMPLATE, f"{workbook} is not a readable xlsx workbook: {error}", at,
                             "download the template from Workday again, as .xlsx")]
    while rows and not any(cell not in (None, "") for cell in rows[-1]):
        rows.pop()
    label_row = next((i for i, row in enumerate(rows) if KEY_LABEL in row), None)
    if label_row is None:
        return None, [d.make(findings.BAD_TEMPLATE, f"{workbook} has no row of field labels (no '{KEY_LABEL}' cell)",
                             at, "use the spreadsheet template Workday generates, with its header rows and no data")]
    width = max(len(row) for row in rows)
    labels = [str(cell).strip() if cell is not None else "" for cell in rows[label_row]] + [""] * width
    restrictions = next((row for row in rows if REQUIRED in row), [])
    required = [i < len(restrictions) and restrictions[i] == REQUIRED for i in range(width)]
    return Template(file, [list(row) for row in rows], labels[:width], required), []


def fill(area: Area, records: Sequence[Mapping[str, Cell]], template: Template | None
         ) -> tuple[list[list[Cell]], list[list[Cell]], list[Diagnostic]]:
    """Header rows, data rows (each record's value under its label's column) and findings."""
    if template is None:
        labels = [f.label for f in area.fields]
        return header_rows(area), [[record.get(label) for label in labels] for record in records], []
    known = {f.label for f in area.fields}
    unfilled = [label for label, required in zip(template.labels, template.required, strict=True)
                if required and label not in known]
    found = [d.make(findings.UNFILLED_FIELD, f"{template.file.name} requires '{label}', which ladderc cannot fill",
                    Position(template.file, 1, 1),
                    f"ladderc fills: {', '.join(f.label for f in area.fields)}; make '{label}' optional in the "
                    f"template or fill it after the export") for label in unfilled]
    rows = [[record.get(label) if label in known else None for label in template.labels] for record in records]
    return template.header, rows, found
