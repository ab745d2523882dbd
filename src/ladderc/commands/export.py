"""`ladderc export [PATH...] --target NAME[,NAME...] | --all [-o exports/]`: write HRIS import files.

Every ladder is compiled first; if any has an error, nothing is exported and the findings are
printed as `check` prints them. Otherwise every ladder is exported to `<output>/<ladder>/<target>/`
inside one temporary directory that replaces the output directory only when all of it was
written: the output holds exactly one complete export, never a mix of old and new files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ladderc.commands.check import add_rule_selection

HELP = "write HRIS import files: json, csv, Workday, Oracle HCM, SuccessFactors, Lattice, Pave"
MANIFEST = "manifest.json"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="ladder directories, folders of ladders, or files in a ladder (default: ./ladders/)")
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
    lifecycle.add_argument("--initial-load", nargs="?", const="1900-01-01", default=None, metavar="DATE",
                           help="a first load: date every record DATE (default 1900-01-01) instead of the "
                                "ladder's effective date, and retire nothing")
    parser.add_argument("--jobs", type=positive, default=None, metavar="N",
                        help="run up to N targets at once in worker processes; 1 runs them one by one "
                             "(default: the number of CPUs)")
    add_rule_selection(parser)


def positive(text: str) -> int:
    import argparse

    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


def chosen_targets(args) -> list:
    from ladderc.errors import UsageError
    from ladderc.diagnostics import did_you_mean
    from ladderc.export import all_targets

    known = {t.name: t for t in all_targets()}
    if args.all:
        return list(known.values())
    names = [n.strip() for value in args.target for n in value.split(",") if n.strip()]
    if not names:
        raise UsageError(f"choose what to export: --target NAME[,NAME...] or --all (targets: {', '.join(known)})")
    for name in names:
        if name not in known:
            raise UsageError(f"unknown export target '{name}'{did_you_mean(name, known)}; targets: {', '.join(known)}")
    return [known[name] for name in dict.fromkeys(names)]


def run(args) -> int:
    from ladderc.commands.check import compile_all
    from ladderc.compiler import DEFAULT_ROOT
    from ladderc.diagnostics import ERROR
    from ladderc.export import Settings, export_ladders
    from ladderc.guard import refuse_unsafe_place
    from ladderc.export.parallel import default_jobs
    from ladderc.output import atomic_directory
    from ladderc.reporters import REPORTERS

    targets = chosen_targets(args)
    # Before the work, not after it; whether a folder there is ladderc's is judged under the lock.
    refuse_unsafe_place(args.output, args.paths or [DEFAULT_ROOT])
    compilations, diagnostics, files = compile_all(args)
    if any(x.severity == ERROR for x in diagnostics) or any(c.ladder is None for c in compilations):
        sys.stdout.write(REPORTERS["text"](diagnostics, files))
        sys.stdout.write("nothing exported: fix the errors above first\n")
        return 1
    ladders = [c.ladder for c in compilations]
    _refuse_name_clashes([ladder.name for ladder in ladders])

    from ladderc.timings import stage

    settings = Settings(excel=args.excel, initial_load=_initial_load(args.initial_load),
                        previous=_previous(args.previous, args.output))
    try:
        with stage("export"), atomic_directory(args.output, "export") as work:
            found = export_ladders(ladders, work, targets, settings, args.jobs or default_jobs())
            if any(x.severity == ERROR for x in found):
                raise _Abandoned
            written = _write_manifest(work, ladders, targets)
    except _Abandoned:
        sys.stdout.write(REPORTERS["text"](diagnostics + found, files))
        sys.stdout.write("nothing exported: fix the errors above first\n")
        return 1
    if diagnostics or found:
        sys.stdout.write(REPORTERS["text"](diagnostics + found, files))
    for name in written:
        sys.stdout.write(f"wrote {(args.output / name).as_posix()}\n")
    from ladderc.export import pay_summary

    for note in filter(None, map(pay_summary, ladders)):
        sys.stdout.write(f"note: {note}\n")
    sys.stdout.write(f"exported {len(ladders)} ladder(s) to {len(targets)} target(s): "
                     f"{len(written)} file(s) in {args.output.as_posix()}/\n")
    return 0


class _Abandoned(Exception):
    """An export target found an error: the temporary directory is discarded."""


def _refuse_name_clashes(names: list[str]) -> None:
    from ladderc.errors import UsageError

    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"two ladders are both named {', '.join(duplicates)}; export them to different -o directories")


def _initial_load(text: str | None):
    import datetime

    from ladderc.errors import UsageError

    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--initial-load takes a date as YYYY-MM-DD, got '{text}'") from None


def _previous(named: Path | None, output: Path) -> dict:
    """The per-ladder records of the export being replaced: `--previous DIR`, else the output's own."""
    from ladderc.errors import UsageError
    from ladderc.export.lifecycle import previous_records

    if named is not None and not (named / MANIFEST).is_file():
        raise UsageError(f"--previous {named}: no {MANIFEST} there; name the folder of an earlier ladderc export")
    from ladderc.guard import read_marker

    if named is None and (not output.is_dir() or read_marker(output) is None):
        return {}  # nothing of ladderc's is being replaced (a foreign folder is refused later)
    try:
        records = previous_records(named if named is not None else output)
    except ValueError as error:
        if named is None:  # edited since ladderc wrote it: the output guard refuses the folder, naming it
            return {}
        raise UsageError(str(error)) from None
    if named is not None and records is None:
        raise UsageError(f"--previous {named}: its {MANIFEST} records no ladders (written before ladderc recorded "
                         "them); export once with --initial-load or without --previous")
    return records or {}


def _write_manifest(work: Path, ladders, targets) -> list[str]:
    """Record what the export holds, for its consumers; the files written, sorted.

    Not proof that the folder is ladderc's: that is the marker `ladderc.guard` checks."""
    from ladderc import __version__
    from ladderc.export.lifecycle import RECORDS, record
    from ladderc.guard import listing
    from ladderc.output import write_text

    digests = listing(work)
    files = sorted(digests)
    manifest = {
        "generator": f"ladderc {__version__}",
        "ladders": sorted(ladder.name for ladder in ladders),
        "targets": [t.name for t in targets],
        "files": digests,
        RECORDS: {ladder.name: record(ladder) for ladder in ladders},
    }
    write_text(work / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return files + [MANIFEST]
