"""Writing outputs: deterministically, into a temporary directory swapped in only on success.

`build` and `export` never leave a half-written site or export behind: they write everything into
a fresh directory beside the target, and only when that finished is the old target replaced.
Which targets may be replaced at all is `ladderc.guard`'s decision.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ladderc.guard import OutputError, is_ours, listing, locked, refuse_unsafe_output, refuse_unsafe_place, write_marker


@contextlib.contextmanager
def atomic_directory(target: Path, kind: str) -> Iterator[Path]:
    """Yield an empty directory; on success it replaces `target`, on failure it is removed.

    `target` must pass the output guard (`ladderc.guard`): checked again here, under the lock
    that keeps a second build or export of the same target waiting until this one is done. The
    temporary directory sits beside the target (same file system, so the final rename is atomic)
    and is named `.<target>.tmp-*`; it carries a marker from the start, so a later run clears it
    knowing it is ours. The old target is renamed aside first and removed only once the new one is
    in place, so at every moment one complete version exists. An I/O failure (read-only folder,
    full disk) is an OutputError naming the path; the old target is left as it was.
    """
    # Absolute, so a tool that resolves relative paths against its own base (MkDocs resolves
    # site_dir against its config file) still writes here.
    shown, target = target, Path(target).absolute()
    refuse_unsafe_place(shown)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with locked(target, shown):
            _recover(target)
            refuse_unsafe_output(shown, kind)
            work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
            try:
                os.chmod(work, 0o777 & ~_umask())  # mkdtemp makes 0700: a web server could not read it
                write_marker(work, kind, None)
                yield work
                write_marker(work, kind, listing(work))
                _swap(work, target)
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
    except OSError as error:
        raise OutputError(f"could not write {shown}: {describe(error)}; {shown} is unchanged") from error


def _swap(work: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        work.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _recover(target: Path) -> None:
    """Clear what a killed run left beside `target`, restoring the previous output if needed.

    A run killed while writing leaves `.<name>.tmp-*`; one killed between its two renames leaves
    the previous output as `.<name>.old-*` and no target. Only folders that are empty or carry
    ladderc's marker are touched: anything else with such a name is someone else's and stays.
    Runs under the target's lock, so no other run's temporary folder is mistaken for litter.
    """
    ours = [p for p in target.parent.glob(f".{target.name}.old-*") if is_ours(p)]
    leftovers = sorted(ours, key=lambda p: p.stat().st_mtime)
    if leftovers and not target.exists() and not target.is_symlink():
        leftovers.pop().rename(target)
    for stale in leftovers + [p for p in target.parent.glob(f".{target.name}.tmp-*") if is_ours(p)]:
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def scratch_directory(purpose: str) -> Iterator[Path]:
    """A private temporary directory (mode 0700, in the system's temporary folder), removed after use.

    For what a command writes only to read it back (MkDocs' project, a ladder at a git revision):
    it may hold pay, so it stays private, and it is never an output the guard must judge.
    """
    with tempfile.TemporaryDirectory(prefix=f"ladderc-{purpose}-") as directory:
        yield Path(directory)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def describe(error: OSError) -> str:
    """`reason: path` of an OSError, whichever parts it has: one line a user can act on."""
    reason = error.strerror or str(error) or type(error).__name__
    return f"{reason}: {error.filename}" if error.filename else reason


def write_text(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write UTF-8 text with '\\n' line ends, creating parent directories.

    `exclusive`: fail (FileExistsError) rather than replace a file, or follow a link, at `path`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x" if exclusive else "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def source_date(default: datetime.date | None = None) -> datetime.datetime:
    """The build timestamp: SOURCE_DATE_EPOCH when set, else `default` (midnight UTC), else 1980-01-01.

    Outputs never carry the wall-clock time, so two builds of one input are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    day = default or datetime.date(1980, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
