"""Files people open in a spreadsheet: formula neutralisation, CSV and xlsx writing, fixed zips.

A title such as `=HYPERLINK("http://evil","click")` typed into a ladder must not run when HR opens
the export in Excel or Sheets. Following the OWASP CSV-injection guidance, CSV text starting with
`=`, `+`, `-`, `@`, tab or carriage return gets a leading single quote, and so does text starting
with their full-width forms (`＝＋－＠`, which spreadsheets read as the same operators) or with
whitespace before any of them; numbers stay numbers. xlsx text is stored as string cells, which
can only hold text, so it is written verbatim (no quote prefix for Workday to import). Output is
byte-identical across runs: xlsx and zip entries carry one fixed timestamp derived from the
ladder's effective date.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and ＝＋－＠
_BLANKS = " \t\u00a0\u3000"  # space, tab, no-break space, ideographic space: skipped before a formula
_QUOTED = _FORMULA + ("\t", "\r")  # text starting so is always quoted
_TRIGGERS = _QUOTED + (" ", "\u00a0", "\u3000")  # text starting so is looked at

Cell = str | int | float | bool | None


def _plain(value: Cell) -> Cell:
    """Booleans as the text `true`/`false` (what HRIS importers read), anything else as it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def neutralise(value: Cell) -> Cell:
    """The value as safe CSV content: formula-like text quoted, numbers untouched."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(_TRIGGERS) and (
            value.startswith(_QUOTED) or value.lstrip(_BLANKS).startswith(_FORMULA)):
        return "'" + value
    return value


def neutralised(row: list[Cell]) -> list[Cell]:
    """`row` with `neutralise` applied to each cell, in place: the one way CSV targets write cells.

    Plain text and whole numbers, nearly every cell, are what `neutralise` returns unchanged; they
    are recognised inline, because a call per cell was most of the CSV targets' time, and left
    where they are: every row is built to be written once, and a copy of each cost about a fifth
    of the neutralising. (`bool` is a subclass of `int`, but its class is not `int`, so booleans
    still reach `neutralise`.)
    """
    for index, cell in enumerate(row):
        if not ((cell.__class__ is str and not cell.startswith(_TRIGGERS)) or cell.__class__ is int):
            row[index] = neutralise(cell)
    return row


def write_csv(path: Path, header_rows: Sequence[Sequence[Cell]], rows: Sequence[list[Cell]], excel: bool = False) -> None:
    """RFC 4180 CSV (CRLF, minimal quoting), UTF-8, with a BOM when `excel`; every cell neutralised (in place).

    None is written as an empty field (the csv module's documented behaviour).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        headers: list[list[Cell]] = [list(row) for row in header_rows]  # copies: the column constants stay as written
        csv.writer(handle, lineterminator="\r\n").writerows(map(neutralised, [*headers, *rows]))


# XlsxWriter's options that would store text as something else (a formula, a number, a link) are
# all off, so that text stays text even where its generic write() is used. `in_memory` keeps the
# workbook in memory (no temporary files) and stores text in one shared-string table: measured
# faster at 13,000 rows than its `constant_memory` mode, which writes every cell as inline text.
_XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                 "strings_to_urls": False}


@contextlib.contextmanager
def workbook(path: Path, when: datetime.datetime) -> Iterator[Any]:
    """An XlsxWriter workbook, written to `path` when the block ends, dated `when`, not the clock.

    XlsxWriter writes a large sheet faster than openpyxl (per cell, about 40% less time at
    143,000 cells). It dates the document properties with the clock unless told otherwise and
    every zip entry 1980-01-01; the properties are set here and the entries re-zipped dated `when`.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _XLSX_OPTIONS)
    book.set_properties({"author": "ladderc", "created": when})
    yield book
    book.close()
    with zipfile.ZipFile(buffer) as written:
        entries = [(info.filename, written.read(info)) for info in written.infolist()]
    write_zip(path, entries, when)


def add_sheet(book, title: str, header: list[list[Cell]], rows: list[list[Cell]]) -> None:
    """A sheet with bold header rows; text cells are string cells (verbatim), amounts numeric cells."""
    sheet = book.add_worksheet(title)
    bold = book.add_format({"bold": True})
    for index, row in enumerate(header):
        _write_row(sheet, index, row, bold)
    for index, row in enumerate(rows, start=len(header)):
        _write_row(sheet, index, row)


def _write_row(sheet, index: int, row: list[Cell], style=None) -> None:
    # write_string and write_number by the value's own type rather than XlsxWriter's generic
    # write(): a string cell can only hold text, so no text is ever read as anything else, and
    # none needs the CSV quote prefix.
    string_cell, number_cell = sheet.write_string, sheet.write_number
    for column, value in enumerate(map(_plain, row)):
        if isinstance(value, str):
            if value:  # "" is an empty cell, as None is, not an empty string cell
                string_cell(index, column, value, style)
        elif value is not None:
            number_cell(index, column, value, style)


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
