"""`ladderc import`: start a ladder from the spreadsheet HR already has.

The pipeline reads top to bottom: read the sheets into located tables (`tables`), tell each
column's role (`columns`), build the ladder's data with a finding at every cell that cannot be
read (`build`), and emit the YAML files (`emit`). `import_into` also writes them, through the
output guard (`write_ladder`), and checks the written ladder as `ladderc check` would.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ladderc.diagnostics import ERROR, Diagnostic, display_path
from ladderc.importer.build import Builder, Built, Options
from ladderc.importer.tables import UnreadableSheet, read_tables

if TYPE_CHECKING:
    from ladderc.compiler import Compilation

OUTPUT_KIND = "import"  # the guard's marker: a folder ladderc imported may be imported into again

__all__ = ["Imported", "Request", "UnreadableSheet", "import_into", "import_sheets", "new_template", "summary",
           "write_ladder"]


@dataclass(frozen=True)
class Request:
    sources: tuple[Path, ...]
    sheet: str | None = None
    grades: tuple[str, ...] = ()
    currency: str | None = None
    mapping: Path | None = None
    name: str = ""
    effective: datetime.date | None = None


@dataclass
class Imported:
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text; empty on errors
    built: Built | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: Compilation | None = None  # the written ladder's `compiler.Compilation`, once `import_into` wrote it

    @property
    def ok(self) -> bool:
        return not any(x.severity == ERROR for x in self.diagnostics)


def import_sheets(request: Request) -> Imported:
    """The ladder files for `request`, or the findings that stop it. UnreadableSheet: no input at all."""
    from ladderc.importer.emit import ladder_files
    from ladderc.importer.mapping import load_mapping

    mapping, found = load_mapping(request.mapping)
    if any(x.severity == ERROR for x in found):
        return Imported(diagnostics=found)
    tables = read_tables(list(request.sources), request.sheet)
    options = Options(grades=request.grades, currency=request.currency, **mapping)
    built, more = Builder(options).build(tables)
    result = Imported(built=built, diagnostics=found + more)
    if not built.levels and result.ok:
        raise UnreadableSheet(f"no levels found in {', '.join(display_path(s) for s in request.sources)} "
                              "(a table of levels has family, track, grade and title columns)")
    if result.ok:
        sources = ", ".join(built.sources)
        result.files = ladder_files(built, request.name or _name(request.sources[0]),
                                    request.effective or _today(), sources)
    return result


def import_into(request: Request, output: Path) -> Imported:
    """Import `request` into the ladder folder `output` and check the ladder written there.

    Nothing is written when the import has errors; an output the guard refuses is an OutputError,
    a request with no readable sheet a UsageError (both before anything is written).
    """
    from ladderc.compiler import compile_ladder
    from ladderc.errors import UsageError
    from ladderc.guard import refuse_unsafe_place

    refuse_unsafe_place(output, request.sources)
    try:
        imported = import_sheets(request)
    except UnreadableSheet as error:
        raise UsageError(f"cannot import: {error}; nothing written") from None
    if imported.ok:
        write_ladder(output, imported.files)
        imported.checked = compile_ladder(output)
    return imported


def summary(built: Built, output: Path, files: dict[str, str]) -> list[str]:
    """What an import built and wrote, a line each, for the person who ran it."""
    tracks = ", ".join(f"{i} ({t['kind']}, {t['said']})" for i, t in built.tracks.items() if t)
    zones = ", ".join(f"{i} ({z['currency']}{', assumed from --currency' if z.get('assumed') else ''})"
                      for i, z in built.zones.items())
    lines = [f"imported {len(built.levels)} level(s) in {len(built.families)} family(ies) from "
             f"{', '.join(built.sources)}",
             f"  tracks: {tracks}",
             f"  grades: {', '.join(built.grades)} ({built.grade_order})"]
    if zones:
        lines.append(f"  zones: {zones}")
    if built.generated_ids:
        lines.append(f"  {built.generated_ids} level id(s) made from titles (see docs/import.md)")
    lines += [f"wrote {(output / name).as_posix()}" for name in files]
    return lines


def new_template(path: Path) -> list[Path]:
    """Write the template sheet to fill in at `path` (.xlsx or .csv, not there yet); the files written."""
    from ladderc.errors import UsageError
    from ladderc.importer.template import write_template

    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--template: {path} must end in .xlsx or .csv")
    if path.exists() or path.is_symlink():
        raise UsageError(f"--template: {path} already exists; name a new file (the template never overwrites one)")
    return write_template(path)


def write_ladder(output: Path, files: dict[str, str]) -> None:
    """Write the ladder into `output` as a whole, through the output guard (`ladderc.output`)."""
    from ladderc.output import atomic_directory, write_text

    with atomic_directory(output, OUTPUT_KIND) as work:
        for relative, text in files.items():
            write_text(work / relative, text)


def _name(source: Path) -> str:
    stem = Path(source).resolve().stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Imported ladder"


def _today() -> datetime.date:
    """SOURCE_DATE_EPOCH's day when set (reproducible builds), else today: a ladder takes effect on a day."""
    import os

    from ladderc.output import source_date

    return source_date().date() if os.environ.get("SOURCE_DATE_EPOCH") else datetime.date.today()
