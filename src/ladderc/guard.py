"""The one output guard: which folders ladderc may write into or replace, and one writer at a time.

`build` and `export` replace their output folder as a whole, so before anything is written the
folder must be safe to lose: never `/`, the home directory, the current directory, a ladder being
read or a git work tree (nor a folder holding one of them), never a symbolic link or a file, and,
when it is not empty, a folder ladderc itself wrote and nobody changed since. Ownership is proved
by the marker file `.ladderc-output`: it names the kind of output and the SHA-256 of every file
ladderc wrote there, so any other folder (one holding some `manifest.json`, say) is refused, and so
is an output a person has edited since (their edit would be lost). `init` goes through the same
place checks, without the replacing ones: it only adds new files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

MARKER = ".ladderc-output"
_FORMAT = 1
_SHOWN = 3  # changed files named in a refusal


class OutputError(Exception):
    """An output ladderc refuses to write, or could not write: one line, exit 2."""


def refuse_unsafe_output(target: Path, kind: str) -> None:
    """Raise OutputError unless `target` may be replaced as a whole by a new `kind` output.

    Run it under the target's lock (`locked`): another run may be swapping its output in.
    """
    refuse_unsafe_place(target)
    _refuse_foreign(Path(target), kind)


def refuse_unsafe_place(target: Path, reads: Iterable[Path] = (), *, replacing: bool = True) -> None:
    """Raise OutputError when `target` is a link, a file, `/` or the home directory, or (when the
    command replaces it as a whole) is or holds the current directory, a path in `reads` (the
    ladders and files the command reads) or a git work tree. `init`, which only adds files, passes
    `replacing=False`. Only looks at paths, so commands call it before doing any work."""
    target = Path(target)
    advice = "choose a folder of its own with -o, such as site/ or exports/" if replacing else \
        "make a folder for the repository and scaffold it there"
    if target.is_symlink():
        raise OutputError(f"{target} is a symbolic link (to {os.readlink(target)}); name a real folder "
                          f"(such as the one it points to) or {advice}")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file, not a folder; {advice}")
    real = target.resolve()
    if real == Path(real.anchor):
        raise OutputError(f"{target} is the root of the file system; {advice}")
    protected = []
    with contextlib.suppress(RuntimeError):  # no home directory known: nothing to protect there
        protected.append((Path.home(), "your home directory"))
    if replacing:
        protected += [(Path.cwd(), "the current directory"), *((Path(r), "a ladder being read") for r in reads)]
    for place, what in protected:
        place = place.resolve()
        if place == real or (replacing and real in place.parents):
            verb = "is" if place == real else "contains"
            why = "; ladderc replaces its output folder as a whole: " if replacing else "; "
            raise OutputError(f"{target} {verb} {what} ({place}){why}{advice}")
    if replacing and (real / ".git").exists():
        raise OutputError(f"{target} is the root of a git work tree; {advice}")


def _refuse_foreign(target: Path, kind: str) -> None:
    """Refuse a non-empty `target` unless its marker proves ladderc wrote all of it as a `kind`."""
    if not target.is_dir() or not any(target.iterdir()):
        return
    how = f"choose another -o, or empty {target} yourself"
    marker = read_marker(target)
    if marker is None or not isinstance(marker.get("files"), dict):
        raise OutputError(f"{target} is not empty and was not written by ladderc (no valid {MARKER}); {how}")
    if marker.get("kind") != kind:
        raise OutputError(f"{target} holds a ladderc {marker.get('kind')}, not a {kind}; {how}")
    changed = changes(target, marker["files"])
    if changed:
        shown = ", ".join(changed[:_SHOWN]) + (f" and {len(changed) - _SHOWN} more" if len(changed) > _SHOWN else "")
        raise OutputError(f"{target} was changed since ladderc wrote it ({shown}); "
                          f"move what you want to keep out of it, then {how}")
    readonly = [d for d in [target, *(p for p in target.rglob("*") if p.is_dir())] if not os.access(d, os.W_OK)]
    if readonly:
        raise OutputError(f"{readonly[0]} is read-only, so {target} cannot be replaced; "
                          f"make it writable (chmod -R u+w {target}) or choose another -o")


def listing(folder: Path) -> dict[str, str]:
    """Every entry under `folder` but the marker: its path (POSIX, relative) and what it is.

    A file is its SHA-256; a symbolic link or a special file, which ladderc never writes, is
    named as such so it can never match a digest. Links are not followed.
    """
    entries = {}
    for directory, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            if relative == MARKER:
                continue
            if path.is_symlink():
                entries[relative] = "symbolic link"
            elif path.is_file():
                entries[relative] = _digest(path)
            elif not path.is_dir():
                entries[relative] = "special file"
    return entries


def changes(folder: Path, files: dict[str, str]) -> list[str]:
    """What differs between `folder` and the listing `files` a marker recorded, sorted."""
    found = listing(folder)
    return sorted({name for name in found.keys() | files.keys() if found.get(name) != files.get(name)})


def write_marker(folder: Path, kind: str, files: dict[str, str] | None) -> None:
    """Mark `folder` as ladderc's `kind` output holding `files` (None: still being written)."""
    marker = {"files": files, "format": _FORMAT, "kind": kind, "tool": "ladderc"}
    with open(folder / MARKER, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(marker, indent=1, sort_keys=True) + "\n")


def read_marker(folder: Path) -> dict | None:
    """The marker of `folder` when it is a real file ladderc wrote, else None."""
    path = folder / MARKER
    if path.is_symlink() or not path.is_file():
        return None
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("tool") != "ladderc" or marker.get("format") != _FORMAT:
        return None
    return marker


def is_ours(folder: Path) -> bool:
    """A real folder that is empty or carries ladderc's marker (finished or still being written)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return not any(folder.iterdir()) or read_marker(folder) is not None


@contextlib.contextmanager
def locked(target: Path, shown: Path | None = None) -> Iterator[None]:
    """Hold the lock `.<name>.lock` beside `target`: a second writer waits until the first is done.

    An advisory `flock`, released by the kernel even when the holder is killed, so a lock is never
    left stale. The lock file is removed on release; a waiter that then holds a removed file's lock
    opens the file again. Without `fcntl` (Windows) there is no lock. `shown`: the target as the
    user wrote it, for the message a waiting writer prints.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    path = target.parent / f".{target.name}.lock"
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(f"ladderc: waiting for another ladderc writing {shown or target}\n")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(handle).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(handle)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(handle)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
