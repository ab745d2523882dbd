"""Reading spreadsheets: every sheet of a workbook, or a CSV file, as a `Table` of located cells.

A table is its header (one row, or two when a merged group header such as `US salary` stands
above `Min | Mid | Max`) and its data rows, blank rows dropped. Every cell keeps where it stood
(`Sheet1!D7`), so a finding about it names the cell to fix. openpyxl is imported here only, in
read-only mode, and only when a workbook is read.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ladderc.diagnostics import Position, display_path

SUFFIXES = (".csv", ".xlsx")
MAX_BYTES = 50 * 1024 * 1024  # a sheet of levels is kilobytes; more is not a ladder
# A second header row holds these words under a (merged) group header: `US` over `Min Mid Max`.
_PART_WORDS = re.compile(r"^\s*(min|minimum|low|mid|midpoint|middle|max|maximum|high)\s*$", re.IGNORECASE)


# What a damaged workbook raises from the zip, XML and openpyxl layers (ParseError is a SyntaxError).
_BROKEN = (zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, IndexError, SyntaxError, EOFError, OSError)


class UnreadableSheet(Exception):
    """The input cannot be read at all (missing, not a spreadsheet, corrupt): exit 2, nothing written."""


@dataclass(frozen=True)
class Cell:
    value: object  # str, int, float, bool, a date, or None
    ref: str  # `Sheet1!D7` in a workbook, `D7` in a CSV file
    at: Position  # the file, the row and the column (1-based)
    number_format: str = ""  # the workbook's format code, such as `"$"#,##0`

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value).strip()


@dataclass(frozen=True)
class Table:
    file: Path
    sheet: str | None  # None for a CSV file
    header: tuple[Cell, ...]  # one per column: its (combined) header text as the value
    rows: tuple[tuple[Cell, ...], ...]  # data rows, each as long as the header

    @property
    def name(self) -> str:
        """`levels.xlsx!Levels`, or `levels.csv`: where the table came from, for header comments."""
        return f"{display_path(self.file)}!{self.sheet}" if self.sheet else display_path(self.file)


def read_tables(sources: list[Path], sheet: str | None = None) -> list[Table]:
    """Every table in `sources` (files, or folders of .csv/.xlsx files read in name order)."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                raise UnreadableSheet(f"{source} holds no .csv or .xlsx file")
            files += found
        else:
            files.append(source)
    tables: list[Table] = []
    for file in files:
        tables += _read_file(file, sheet)
    if sheet is not None and not tables:
        raise UnreadableSheet(f"no sheet named '{sheet}' in {', '.join(f.as_posix() for f in files)}")
    return tables


def _read_file(file: Path, sheet: str | None) -> list[Table]:
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableSheet(f"{file} is not a .csv or .xlsx file")
    if not file.is_file():
        raise UnreadableSheet(f"{file} does not exist" if not file.exists() else f"{file} is not a regular file")
    if file.stat().st_size > MAX_BYTES:
        raise UnreadableSheet(f"{file} is over {MAX_BYTES // (1024 * 1024)} MB; a sheet of levels is far smaller")
    if suffix == ".csv":
        return [] if sheet is not None and sheet != file.stem else [_csv_table(file)]
    return _workbook_tables(file, sheet)


def _csv_table(file: Path) -> Table:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableSheet(f"{file} is not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    except OSError as error:
        raise UnreadableSheet(f"cannot read {file}: {error.strerror or error}") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise UnreadableSheet(f"{file} is not a readable CSV file: {error}") from None
    return _table(file, None, grid, lambda r, c: "")


def _workbook_tables(file: Path, sheet: str | None) -> list[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except _BROKEN as error:
        raise UnreadableSheet(f"{file} is not a readable .xlsx workbook ({error})") from None
    try:
        return [_sheet_table(file, sheet_) for sheet_ in book.worksheets if sheet in (None, sheet_.title)]
    except _BROKEN as error:  # read-only mode parses each sheet's XML only as its rows are read
        raise UnreadableSheet(f"{file} is not a readable .xlsx workbook ({type(error).__name__}: {error})") from None
    finally:
        book.close()


def _sheet_table(file: Path, sheet) -> Table:
    grid, formats = [], {}
    for r, row in enumerate(sheet.iter_rows(), start=1):
        values = []
        for c, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            values.append(value)
            if value is not None:
                formats[(r, c)] = getattr(cell, "number_format", "") or ""
        grid.append(values)
    return _table(file, sheet.title, grid, lambda r, c: formats.get((r, c), ""))


def _table(file: Path, sheet: str | None, grid: list[list], number_format) -> Table:
    """The table of one grid of values: header row(s) found, blank rows dropped, cells located."""
    width = max((len(row) for row in grid), default=0)

    def cell(r: int, c: int) -> Cell:
        value = grid[r - 1][c - 1] if c <= len(grid[r - 1]) else None
        ref = f"{column_letter(c)}{r}"
        return Cell(value, f"{sheet}!{ref}" if sheet else ref, Position(file, r, c), number_format(r, c))

    filled = [r for r in range(1, len(grid) + 1) if any(not cell(r, c).blank for c in range(1, width + 1))]
    if not filled:
        return Table(file, sheet, (), ())
    top = filled.pop(0)
    header = [cell(top, c) for c in range(1, width + 1)]
    if filled and any(_PART_WORDS.match(cell(filled[0], c).text) for c in range(1, width + 1)):
        second = filled.pop(0)
        header = _combined(header, [cell(second, c) for c in range(1, width + 1)])
    rows = tuple(tuple(cell(r, c) for c in range(1, width + 1)) for r in filled)
    return Table(file, sheet, tuple(header), rows)


def _combined(top: list[Cell], below: list[Cell]) -> list[Cell]:
    """Two header rows as one: a group header (merged, so only its first cell holds the text)
    spreads right over the band words under it; `US` over `Min` becomes `US Min`."""
    result, group = [], ""
    for upper, lower in zip(top, below, strict=True):
        if not upper.blank:
            group = upper.text
        part = lower.text
        if _PART_WORDS.match(part):
            text = f"{group} {part}".strip()
        else:
            text = part or (upper.text if not upper.blank else "")
            group = group if not upper.blank else ""
        result.append(Cell(text, (lower if part else upper).ref, (lower if part else upper).at))
    return result


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the spreadsheet's name for a column."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
