"""Writing outputs: deterministically, into a temporary directory swapped in only on success.

`build` and `export` never leave a half-written site or export behind: they write everything into
a fresh directory beside the target, and only when that finished is the old target replaced.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield an empty directory; on success it replaces `target`, on failure it is removed.

    The temporary directory sits beside the target (same file system, so the final rename is
    atomic) and is named `.<target>.tmp-*`. The old target is renamed aside first and removed
    only once the new one is in place, so at every moment one complete version exists.
    """
    # Absolute, so a tool that resolves relative paths against its own base (MkDocs resolves
    # site_dir against its config file) still writes here.
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = None
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        work.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        shutil.rmtree(work, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _recover(target: Path) -> None:
    """Clear what a killed run left beside `target`, restoring the previous output if needed.

    A run killed while writing leaves `.<name>.tmp-*`; one killed between its two renames leaves
    the previous output as `.<name>.old-*` and no target. One build or export per target at a
    time is assumed (as with any build directory).
    """
    leftovers = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if leftovers and not target.exists():
        leftovers.pop().rename(target)
    for stale in leftovers + list(target.parent.glob(f".{target.name}.tmp-*")):
        shutil.rmtree(stale, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with '\\n' line ends, creating parent directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
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
