"""`ladderc import`: start a ladder from the spreadsheet HR already has.

The pipeline reads top to bottom: read the sheets into located tables (`tables`), tell each
column's role (`columns`), build the ladder's data with a finding at every cell that cannot be
read (`build`), and emit the YAML files (`emit`). Writing them, through the output guard, and
checking the result is `write_ladder`'s and the command's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic, display_path
from ladderc.importer.build import Builder, Built, Options
from ladderc.importer.tables import UnreadableSheet, read_tables

OUTPUT_KIND = "import"  # the guard's marker: a folder ladderc imported may be imported into again

__all__ = ["Imported", "Request", "UnreadableSheet", "import_sheets", "write_ladder"]


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
