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


def write_csv(path: Path, header_rows: list[list[str]], rows: list[list[Cell]], excel: bool = False) -> None:
    """RFC 4180 CSV (CRLF, minimal quoting), UTF-8, with a BOM when `excel`; every cell neutralised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in header_rows + rows:
            writer.writerow(["" if cell is None else neutralise(cell) for cell in row])


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

    def text_cell(value: Cell):
        # openpyxl stores `=...` as a formula and `#N/A` and its kind as error values; neutralised
        # text never starts with `=`, and text it would still misread becomes an explicit string.
        value = None if value is None else neutralise(value)
        if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    sheet.append([heading(name) for name in header])
    for row in rows:
        sheet.append([text_cell(value) for value in row])


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
