"""Parsed ladder files keyed by git blob id, so a file that two revisions share is read once.

`ladderc diff` compiles a ladder twice, and in a review most files are the same on both sides:
a 1,000-family ladder with one band changed has 1,000 of 1,001 files identical. Parsing and
schema validation depend on a file's bytes alone, so their products are kept under the file's
git blob id (the SHA-1 git itself gives the bytes) and handed out again, re-addressed to the
file being read; resolution and the rules run per side, because they depend on every file.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.loader import Document, parse, read_file


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
        self.hits = 0  # files served without parsing (for tests and timings)

    def load(self, file: Path, max_size: int, within: Path | None) -> tuple[Document | None, list[Diagnostic], str | None]:
        """(document, findings, blob id) of `file`; the id is None when the file could not be read."""
        raw, found = read_file(file, max_size, within)
        if raw is None:
            return None, found, None
        key = blob_id(raw)
        if key in self._parsed:
            self.hits += 1
            doc, found = self._parsed[key]
            if doc is None:
                return None, _moved(found, file), key
            doc = replace(doc, file=file, duplicates=_moved(doc.duplicates, file))
            return doc, list(doc.duplicates), key
        doc, found = parse(file, raw)
        self._parsed[key] = doc, found
        return doc, found, key

    def validate(self, doc: Document, key: str | None, kind: str) -> list[Diagnostic]:
        from ladderc import schema

        if key is None:
            return schema.validate(doc, kind)
        if (key, kind) not in self._validated:
            self._validated[key, kind] = schema.validate(doc, kind)
        return _moved(self._validated[key, kind], doc.file)
