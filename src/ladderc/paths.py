"""Containment: every path ladderc reads or writes lies inside the directory it belongs to.

A ladder's files are read only from inside the ladder directory, and every file ladderc writes
lands inside its destination, once every symbolic link is resolved. Names that come from
elsewhere (git tree entries, ladder names) are plain names or they are refused: no `..`, no
absolute paths, no empty or `.` parts, no control characters or backslashes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# C0 controls and DEL, and the backslash a Windows reader would take for a separator.
_ODD = re.compile(r"[\x00-\x1f\x7f\\]")


Named = TypeVar("Named", Path, str)


class Escape(ValueError):
    """A name that would leave its directory, or that ladderc refuses to write; the message says why."""


def real(path: Path) -> Path:
    """`path` with every link resolved; OSError for a link loop or a dangling link."""
    return Path(os.path.realpath(path, strict=True))


def inside(path: Path, directory: Path) -> bool:
    """Whether `path`, once its links are resolved, lies in `directory` (resolved too).

    A path that cannot be resolved (a link loop, a dangling link) is not inside anything.
    """
    try:
        return real(path).is_relative_to(real(directory))
    except OSError:
        return False


def plain_name(name: str) -> str:
    """`name` when it is one plain file name; an Escape saying what is wrong otherwise."""
    if name in ("", ".", ".."):
        raise Escape(f"'{name}' is not a file name")
    if "/" in name or _ODD.search(name):
        raise Escape(f"{name!r} holds a separator or a control character")
    return name


def plain_parts(relative: str) -> list[str]:
    """The names of a '/'-separated relative path of plain names; an Escape saying what is wrong otherwise."""
    if relative.startswith("/"):
        raise Escape(f"{relative!r} is an absolute path")
    return [plain_name(part) for part in relative.split("/")]


def child(directory: Path, relative: str) -> Path:
    """`directory / relative` for a '/'-separated relative path of plain names, checked to stay inside.

    The check runs on the resolved path too: a link already in `directory` cannot carry the
    write elsewhere.
    """
    target = directory.joinpath(*plain_parts(relative))
    resolved_parent = Path(os.path.realpath(target.parent))
    if not resolved_parent.is_relative_to(Path(os.path.realpath(directory))):
        raise Escape(f"{relative!r} resolves outside {directory}")
    if target.is_symlink():
        raise Escape(f"{relative!r} is a link")
    return target


def destination(directory: Path, relative: str) -> Path:
    """`child`, with a refusal turned into the one-line usage error (exit 2) a command reports."""
    return _refusing(relative, lambda: child(directory, relative))


def virtual(relative: str) -> str:
    """`relative` as the name of a file kept in memory (MkDocs' docs): the names `child` accepts, or the same refusal."""
    return _refusing(relative, lambda: "/".join(plain_parts(relative)))


def _refusing(relative: str, name: Callable[[], Named]) -> Named:
    from ladderc.errors import UsageError

    try:
        return name()
    except Escape as error:
        raise UsageError(f"refusing to write {relative!r}: {error}") from None
