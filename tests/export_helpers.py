"""Reading exports back: every target's files parsed with the library a consumer would use."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from ladderc.compiler import compile_ladder
from ladderc.export.oracle_hdl import unescape_fields
from ladderc.export.rows import amount


def compiled(root: Path):
    compilation = compile_ladder(root)
    assert compilation.ok, compilation.diagnostics
    return compilation.ladder


def model_bands(ladder) -> list[tuple]:
    """(level, zone, currency, min, mid, max) for every level × zone band of the model, sorted."""
    return sorted((lv.id, zone, ladder.zones[zone].currency, amount(b.min), amount(b.mid), amount(b.max))
                  for lv in ladder.levels.values() for zone, b in lv.bands.items())


def read_csv(path: Path, header_rows: int = 1) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[header_rows:]]


def number(text: str):
    return float(text) if "." in text else int(text)


def read_hdl(zip_path: Path) -> dict[str, dict[str, list[dict]]]:
    """file name -> discriminator -> rows (attribute -> value), from the zip's METADATA/MERGE lines."""
    files: dict[str, dict[str, list[dict]]] = {}
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            metadata: dict[str, list[str]] = {}
            blocks: dict[str, list[dict]] = {}
            for line in io.TextIOWrapper(archive.open(name), encoding="utf-8", newline="\n"):
                fields = unescape_fields(line.rstrip("\n"))
                if fields[0] == "METADATA":
                    metadata[fields[1]] = fields[2:]
                    blocks[fields[1]] = []
                else:
                    assert fields[0] == "MERGE", line
                    blocks[fields[1]].append(dict(zip(metadata[fields[1]], fields[2:], strict=True)))
            files[name] = blocks
    return files


EIB_HEADER_ROWS = 4  # business object, field labels, Required/Optional, format


def read_sheet(path: Path, sheet: str | None = None, header_rows: int = EIB_HEADER_ROWS, labels: int = 1) -> list[dict]:
    """The data rows of an EIB sheet (the first sheet by default), each keyed by the field labels.

    Empty cells are left out of each row, as EIB reads an empty cell as no value.
    """
    from openpyxl import load_workbook

    book = load_workbook(path)
    rows = list((book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True))
    return [{k: v for k, v in zip(rows[labels], row, strict=False) if v is not None} for row in rows[header_rows:]]
