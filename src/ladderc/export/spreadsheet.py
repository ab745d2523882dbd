"""Files people open in a spreadsheet: formula neutralisation, CSV and xlsx writing, fixed zips.

A title such as `=HYPERLINK("http://evil","click")` typed into a ladder must not run when HR opens
the export in Excel or Sheets. Following the OWASP CSV-injection guidance, text starting with
`=`, `+`, `-`, `@`, tab or carriage return gets a leading single quote; numbers stay numbers.
xlsx text is also stored as string cells, never formulas. Output is byte-identical across runs:
xlsx and zip entries carry one fixed timestamp derived from the ladder's effective date.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from pathlib import Path

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


def neutralise(value: Cell) -> Cell:
    """The value as safe spreadsheet content: formula-like text quoted, numbers untouched."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def neutralised(row: list[Cell]) -> list[Cell]:
    """`neutralise` applied to every cell of a row: the one way spreadsheet targets write cells.

    Plain text and whole numbers, nearly every cell, are what `neutralise` returns unchanged; they
    are recognised inline, because a call per cell was most of the CSV targets' time. (`bool` is
    a subclass of `int`, but its class is not `int`, so booleans still reach `neutralise`.)
    """
    return [cell if (cell.__class__ is str and not cell.startswith(_TRIGGERS)) or cell.__class__ is int
            else neutralise(cell) for cell in row]


def write_csv(path: Path, header_rows: list[list[str]], rows: list[list[Cell]], excel: bool = False) -> None:
    """RFC 4180 CSV (CRLF, minimal quoting), UTF-8, with a BOM when `excel`; every cell neutralised.

    None is written as an empty field (the csv module's documented behaviour).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(map(neutralised, header_rows + rows))


def workbook(when: datetime.datetime):
    """An empty write-only openpyxl workbook whose document properties carry `when`, not the clock.

    Write-only workbooks stream each row to XML as it is appended (openpyxl's documented mode
    for large files, fastest with lxml installed), instead of keeping a cell object per value.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    stamp = when.replace(tzinfo=None)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "ladderc"
    return book


def add_sheet(book, title: str, header: list[str], rows: list[list[Cell]]) -> None:
    """A sheet with a bold header row; text cells are string cells, amounts numeric cells."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    bold = Font(bold=True)

    def heading(name: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        return cell

    def string_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    # openpyxl stores `=...` as a formula and `#N/A` and its kind as error values; neutralised
    # text never starts with `=`, and text it would still misread becomes an explicit string.
    misread = frozenset(ERROR_CODES)
    sheet.append([heading(name) for name in header])
    for row in rows:
        sheet.append([string_cell(value) if value.__class__ is str and (value.startswith("=") or value in misread)
                      else value for value in neutralised(row)])


def save_workbook(book, path: Path, when: datetime.datetime) -> None:
    # openpyxl's save_workbook stamps `modified` with the clock and zip entries with the local
    # time; writing through ExcelWriter and re-zipping keeps both fixed.
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        entries = [(info.filename, written.read(info)) for info in written.infolist()]
    write_zip(path, entries, when)


def write_zip(path: Path, entries: list[tuple[str, bytes]], when: datetime.datetime) -> None:
    """A deflated zip of `entries` in the order given, every entry dated `when`."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
