"""`ladderc import SHEET... -o DIR`: start a ladder from a spreadsheet (.csv, .xlsx, or a folder of them).

The work, writing through the output guard and checking the written ladder, is
`ladderc.importer.import_into`'s; this parses the options and prints the import's findings, what
it wrote and the check's findings as `check` prints them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "start a ladder from a spreadsheet: .csv or .xlsx, one row per level"


def add_arguments(parser) -> None:
    from ladderc.options import iso_date

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
    parser.add_argument("--effective", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="the date the ladder takes effect (default: today, or SOURCE_DATE_EPOCH's day)")
    parser.add_argument("--template", type=Path, default=None, metavar="FILE.xlsx|FILE.csv",
                        help="write a template sheet to fill in, instead of importing")


def run(args) -> int:
    from ladderc.errors import UsageError
    from ladderc.importer import Request, import_into, new_template, summary
    from ladderc.options import exit_code, split
    from ladderc.reporters import REPORTERS

    if args.template is not None:
        for written in new_template(args.template):
            sys.stdout.write(f"wrote {written.as_posix()}\n")
        sys.stdout.write(f"fill it in, then: ladderc import {args.template.as_posix()} -o ladders/NAME\n")
        return 0
    if not args.sources or args.output is None:
        raise UsageError("name the sheet and the ladder to write: ladderc import SHEET -o ladders/NAME "
                         "(or ladderc import --template FILE.xlsx)")
    imported = import_into(Request(tuple(args.sources), args.sheet, split([args.grades]),
                                   args.currency.upper() if args.currency else None, args.mapping, args.name,
                                   args.effective), args.output)
    if imported.diagnostics or not imported.ok:
        sys.stdout.write(REPORTERS["text"](imported.diagnostics, len(args.sources)))
    if not imported.ok or imported.built is None or imported.checked is None:  # both are set when it is ok
        sys.stdout.write(f"nothing written to {args.output.as_posix()}: fix the cells above and import again\n")
        return 1
    for line in summary(imported.built, args.output, imported.files):
        sys.stdout.write(line + "\n")
    checked = imported.checked
    sys.stdout.write(f"\nladderc check {args.output.as_posix()}:\n")
    sys.stdout.write(REPORTERS["text"](checked.diagnostics, len(checked.files)))
    return exit_code(checked.diagnostics, strict=False)
