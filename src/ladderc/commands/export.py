"""`ladderc export [PATH...] --target NAME[,NAME...] | --all [-o exports/]`: write HRIS import files.

The work, and the promise that the output holds one complete export or is left unchanged, is
`ladderc.export.folder.export`'s; this parses the options and prints what it found and wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "write HRIS import files: json, csv, Workday, Oracle HCM, SuccessFactors, Lattice, Pave"


def add_arguments(parser) -> None:
    from ladderc.options import add_paths, add_rule_selection, iso_date, positive

    add_paths(parser)
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--target", action="append", default=[], metavar="NAME[,NAME...]",
                        help="export targets: json, csv, workday, oracle-hdl, successfactors, lattice, pave")
    chosen.add_argument("--all", action="store_true", help="every export target")
    parser.add_argument("-o", "--output", type=Path, default=Path("exports"), metavar="DIR",
                        help="output directory, replaced as a whole, and only if it is new, empty or an export "
                             "ladderc wrote (default: exports/)")
    parser.add_argument("--excel", action="store_true", help="start CSVs with a UTF-8 byte order mark for Excel")
    lifecycle = parser.add_mutually_exclusive_group()
    lifecycle.add_argument("--previous", type=Path, metavar="DIR",
                           help="the export this one replaces in the HRIS (default: the output directory's "
                                "last export): what it held and the ladder no longer has is exported as inactive")
    lifecycle.add_argument("--initial-load", nargs="?", type=iso_date, const="1900-01-01", default=None,
                           metavar="DATE",
                           help="a first load: date every record DATE (default 1900-01-01) instead of the "
                                "ladder's effective date, and retire nothing")
    parser.add_argument("--jobs", type=positive, default=None, metavar="N",
                        help="run up to N targets at once in worker processes; 1 runs them one by one "
                             "(default: the number of CPUs)")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.export.folder import export
    from ladderc.options import compile_options, split
    from ladderc.reporters import REPORTERS

    result = export(args.paths, args.output, None if args.all else list(split(args.target)), excel=args.excel,
                    initial_load=args.initial_load, previous=args.previous, jobs=args.jobs,
                    options=compile_options(args))
    if result.diagnostics or not result.ok:
        sys.stdout.write(REPORTERS["text"](result.diagnostics, result.files))
    if not result.ok:
        sys.stdout.write("nothing exported: fix the errors above first\n")
        return 1
    for name in result.written:
        sys.stdout.write(f"wrote {(args.output / name).as_posix()}\n")
    for note in result.notes:
        sys.stdout.write(f"note: {note}\n")
    sys.stdout.write(f"exported {len(result.ladders)} ladder(s) to {len(result.targets)} target(s): "
                     f"{len(result.written)} file(s) in {args.output.as_posix()}/\n")
    return 0
