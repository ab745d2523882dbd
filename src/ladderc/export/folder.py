"""The export folder: compile the ladders, run the targets into one new folder, and swap it in.

`export` is the whole of `ladderc export`: every ladder is compiled first, and if any has an
error nothing is exported. Otherwise every ladder is exported to `<output>/<ladder>/<target>/`
inside one temporary directory (`ladderc.output.atomic_directory`, the same swap the site build
and the importer use, which also writes the `.ladderc-output` marker with every file's SHA-256)
that replaces the output directory only when all of it was written, with `manifest.json`: the
output holds exactly one complete export, never a mix of old and new files.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from ladderc.compiler import Options
from ladderc.diagnostics import Diagnostic

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ExportResult:
    """What an export found and wrote; nothing was written when it is not `ok`."""

    ok: bool
    diagnostics: list[Diagnostic]  # the compiler's, then the targets'
    files: int  # how many files were read
    targets: list = field(default_factory=list)  # the `export.Target`s chosen
    ladders: list = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # relative to the output, sorted, the manifest last

    @property
    def notes(self) -> list[str]:
        """One line per ladder whose exports leave pay out."""
        from ladderc.export import pay_summary

        return list(filter(None, map(pay_summary, self.ladders)))


def export(paths: list[Path], output: Path, targets: list[str] | None, *, excel: bool = False,
           initial_load: datetime.date | None = None, previous: Path | None = None, jobs: int | None = None,
           options: Options = Options()) -> ExportResult:
    """Export the ladders `paths` name into `output` for the `targets` named (None: every target).

    Usage mistakes (an unknown target, a bad date, a `previous` that is no export, two ladders of
    one name) raise UsageError; an output that may not be replaced raises OutputError; findings
    at error severity, the compiler's or a target's, leave `output` unchanged and `ok` false.
    """
    from ladderc.compiler import DEFAULT_ROOT, compile_all
    from ladderc.diagnostics import ERROR
    from ladderc.export import Settings, export_ladders
    from ladderc.export.parallel import default_jobs
    from ladderc.guard import refuse_unsafe_place
    from ladderc.output import atomic_directory
    from ladderc.timings import stage

    chosen = choose_targets(targets)
    # Before the work, not after it; whether a folder there is ladderc's is judged under the lock.
    refuse_unsafe_place(output, paths or [DEFAULT_ROOT])
    batch = compile_all(paths, options)
    diagnostics = batch.diagnostics
    if any(x.severity == ERROR for x in diagnostics) or any(c.ladder is None for c in batch.compilations):
        return ExportResult(False, diagnostics, batch.files, chosen)
    ladders = [c.ladder for c in batch.compilations if c.ladder is not None]  # none is None: checked above
    _refuse_name_clashes([ladder.name for ladder in ladders])
    settings = Settings(excel=excel, initial_load=initial_load, previous=_previous(previous, output))
    try:
        with stage("export"), atomic_directory(output, "export") as work:
            found = export_ladders(ladders, work, chosen, settings, jobs or default_jobs())
            if any(x.severity == ERROR for x in found):
                raise _Abandoned
            written = _write_manifest(work, ladders, chosen)
    except _Abandoned:
        return ExportResult(False, diagnostics + found, batch.files, chosen, ladders)
    return ExportResult(True, diagnostics + found, batch.files, chosen, ladders, written)


class _Abandoned(Exception):
    """An export target found an error: the temporary directory is discarded."""


def choose_targets(names: list[str] | None) -> list:
    """The `export.Target`s named, in the order named, once each; every target for None."""
    from ladderc.diagnostics import did_you_mean
    from ladderc.errors import UsageError
    from ladderc.export import all_targets

    known = {t.name: t for t in all_targets()}
    if names is None:
        return list(known.values())
    if not names:
        raise UsageError(f"choose what to export: --target NAME[,NAME...] or --all (targets: {', '.join(known)})")
    for name in names:
        if name not in known:
            raise UsageError(f"unknown export target '{name}'{did_you_mean(name, known)}; targets: {', '.join(known)}")
    return [known[name] for name in dict.fromkeys(names)]


def _refuse_name_clashes(names: list[str]) -> None:
    from ladderc.errors import UsageError

    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"two ladders are both named {', '.join(duplicates)}; export them to different -o directories")


def _previous(named: Path | None, output: Path) -> dict:
    """The per-ladder records of the export being replaced: `--previous DIR`, else the output's own."""
    from ladderc.errors import UsageError
    from ladderc.export.lifecycle import previous_records
    from ladderc.guard import read_marker

    if named is not None and not (named / MANIFEST).is_file():
        raise UsageError(f"--previous {named}: no {MANIFEST} there; name the folder of an earlier ladderc export")
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
    manifest = {
        "generator": f"ladderc {__version__}",
        "ladders": sorted(ladder.name for ladder in ladders),
        "targets": [t.name for t in targets],
        "files": digests,
        RECORDS: {ladder.name: record(ladder) for ladder in ladders},
    }
    write_text(work / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return sorted(digests) + [MANIFEST]
