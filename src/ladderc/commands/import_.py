"""`ladderc import SHEET... -o DIR`: start a ladder from a spreadsheet (.csv, .xlsx, or a folder of them).

The work is `ladderc.importer`'s; this parses the options, writes through the output guard, prints
the import's findings, then checks the written ladder and prints its findings as `check` does.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "start a ladder from a spreadsheet: .csv or .xlsx, one row per level"


def add_arguments(parser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SHEET",
                        help=".csv or .xlsx files, or folders of them (such as an export's csv/ folder)")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="DIR",
                        help="the ladder folder to write: new, empty, or a ladder ladderc imported before and "
                             "nobody changed since")
    parser.add_argument("--sheet", default=None, metavar="NAME", help="read only this sheet of a workbook")
    parser.add_argument("--grades", default="", metavar="G1,G2,...",
                        help="the grades, low to high (default: by their numbers, else as they appear)")
    parser.add_argument("--map", dest="mapping", type=Path, default=None, metavar="MAPPING.yaml",
                        help="what columns named another way are, and the kinds of tracks (docs/import.md)")
    parser.add_argument("--currency", default=None, metavar="CODE",
                        help="the currency of zones the sheet does not tell (ISO 4217, such as USD)")
    parser.add_argument("--name", default="", help="the organisation's name (default: from the sheet's file name)")
    parser.add_argument("--effective", default=None, metavar="YYYY-MM-DD",
                        help="the date the ladder takes effect (default: today, or SOURCE_DATE_EPOCH's day)")
    parser.add_argument("--template", type=Path, default=None, metavar="FILE.xlsx|FILE.csv",
                        help="write a template sheet to fill in, instead of importing")


def run(args) -> int:
    import datetime

    from ladderc.errors import UsageError

    if args.template is not None:
        return _template(args.template)
    if not args.sources or args.output is None:
        raise UsageError("name the sheet and the ladder to write: ladderc import SHEET -o ladders/NAME "
                         "(or ladderc import --template FILE.xlsx)")
    try:
        effective = datetime.date.fromisoformat(args.effective) if args.effective else None
    except ValueError:
        raise UsageError(f"--effective: '{args.effective}' is not a date (YYYY-MM-DD)") from None
    from ladderc.commands.check import exit_code
    from ladderc.compiler import compile_ladder
    from ladderc.guard import refuse_unsafe_place
    from ladderc.importer import Request, UnreadableSheet, import_sheets, write_ladder
    from ladderc.reporters import REPORTERS

    refuse_unsafe_place(args.output, args.sources)
    request = Request(tuple(args.sources), args.sheet, tuple(g.strip() for g in args.grades.split(",") if g.strip()),
                      args.currency.upper() if args.currency else None, args.mapping, args.name, effective)
    try:
        imported = import_sheets(request)
    except UnreadableSheet as error:
        raise UsageError(f"cannot import: {error}; nothing written") from None
    if not imported.ok:
        sys.stdout.write(REPORTERS["text"](imported.diagnostics, len(args.sources)))
        sys.stdout.write(f"nothing written to {args.output.as_posix()}: fix the cells above and import again\n")
        return 1
    write_ladder(args.output, imported.files)
    if imported.diagnostics:
        sys.stdout.write(REPORTERS["text"](imported.diagnostics, len(args.sources)))
    for line in _summary(imported.built, args.output, imported.files):
        sys.stdout.write(line + "\n")
    checked = compile_ladder(args.output)
    sys.stdout.write(f"\nladderc check {args.output.as_posix()}:\n")
    sys.stdout.write(REPORTERS["text"](checked.diagnostics, len(checked.files)))
    return exit_code(checked.diagnostics, strict=False)


def _summary(built, output: Path, files: dict[str, str]) -> list[str]:
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


def _template(path: Path) -> int:
    from ladderc.errors import UsageError
    from ladderc.importer.template import write_template

    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--template: {path} must end in .xlsx or .csv")
    if path.exists() or path.is_symlink():
        raise UsageError(f"--template: {path} already exists; name a new file (the template never overwrites one)")
    for written in write_template(path):
        sys.stdout.write(f"wrote {written.as_posix()}\n")
    sys.stdout.write(f"fill it in, then: ladderc import {path.as_posix()} -o ladders/NAME\n")
    return 0
