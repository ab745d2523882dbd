"""Parsed ladder files keyed by git blob id, so a file that two revisions share is read once.

`ladderc diff` compiles a ladder twice, and in a review most files are the same on both sides:
a 1,000-family ladder with one band changed has 1,000 of 1,001 files identical. Parsing and
schema validation depend on a file's bytes alone, so their products are kept under the file's
git blob id (the SHA-1 git itself gives the bytes) and handed out again, re-addressed to the
file being read; resolution and the rules run per side, because they depend on every file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ladderc.diagnostics import Diagnostic, Position
from ladderc.loader import Document, parse, read_safely
from ladderc.stage_rules import YAML_SYNTAX


@dataclass(frozen=True)
class Tree:
    """The files of a git revision, named as they would be on disk: path -> (blob id, size in bytes).

    `read` fetches blobs' bytes by id (`git cat-file --batch`); nothing is written to disk.
    """

    files: Mapping[Path, tuple[str, int]]
    read: Callable[[list[str]], Mapping[str, bytes]]


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes as a blob (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def _moved(found: list[Diagnostic], file: Path) -> list[Diagnostic]:
    return [replace(x, file=file) for x in found]


class ParseCache:
    """Documents and their schema findings by blob id; one cache serves the compilations of one command."""

    def __init__(self) -> None:
        self._parsed: dict[str, tuple[Document | None, list[Diagnostic]]] = {}
        self._validated: dict[tuple[str, str], list[Diagnostic]] = {}
        self._bytes: dict[str, bytes] = {}  # fetched from a tree, not parsed yet
        self.levels: dict = {}  # resolved levels by (ladder blob, family blob, index): `resolve.RawLadder.memo`
        self.hits = 0  # files served without parsing (for tests and timings)

    def load(self, file: Path, max_size: int, within: Path | None) -> tuple[Document | None, list[Diagnostic], str | None]:
        """(document, findings, blob id) of `file`; the id is None when the file could not be read."""
        raw, found = read_safely(file, max_size, within)
        if raw is None:
            return None, found, None
        key = blob_id(raw)
        if key in self._parsed:
            return (*self._reused(key, file), key)
        doc, found = parse(file, raw)
        self._parsed[key] = doc, found
        return doc, found, key

    def _reused(self, key: str, file: Path) -> tuple[Document | None, list[Diagnostic]]:
        """The parse of blob `key`, re-addressed to `file`."""
        self.hits += 1
        doc, found = self._parsed[key]
        if doc is None:
            return None, _moved(found, file)
        if doc.file == file:
            return doc, found
        doc = replace(doc, file=file, duplicates=_moved(doc.duplicates, file))
        return doc, list(doc.duplicates)

    def fetch(self, tree: Tree, files: list[Path], max_size: int) -> None:
        """Read, in one go, the blobs of `files` this cache has not parsed yet (and that are within the size limit)."""
        missing = sorted({tree.files[f][0] for f in files if f in tree.files and tree.files[f][1] <= max_size}
                         - self._parsed.keys() - self._bytes.keys())
        if missing:
            self._bytes.update(tree.read(missing))

    def load_blob(self, file: Path, tree: Tree, max_size: int) -> tuple[Document | None, list[Diagnostic], str | None]:
        """(document, findings, blob id) of `file` as the revision holds it; `load` for a file of a git tree."""
        at = Position(file, 1, 1)
        if file not in tree.files:
            return None, [YAML_SYNTAX.at(at, f"cannot read {file.name}: not in this revision (or not a regular file)",
                                         "commit the ladder's ladder.yaml as a plain file")], None
        key, size = tree.files[file]
        if size > max_size:
            return None, [YAML_SYNTAX.at(at, f"file is {size:,} bytes, over the limit of {max_size:,} bytes",
                                         "split the family into smaller files or raise --max-file-size")], None
        if key not in self._parsed:
            self.fetch(tree, [file], max_size)
            self._parsed[key] = parse(file, self._bytes.pop(key))
            return (*self._parsed[key], key)
        return (*self._reused(key, file), key)

    def validate(self, doc: Document, key: str | None, kind: str) -> list[Diagnostic]:
        from ladderc import schema

        if key is None:
            return schema.validate(doc, kind)
        if (key, kind) not in self._validated:
            self._validated[key, kind] = schema.validate(doc, kind)
        found = self._validated[key, kind]
        return found if all(x.file == doc.file for x in found) else _moved(found, doc.file)
