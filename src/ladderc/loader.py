"""Reading ladder files: bytes to located YAML documents (what was written, with positions).

libyaml (through PyYAML's C parser) builds the node tree; this module turns nodes into plain
values typed by the YAML 1.2 core schema and remembers where each key and value stood. Anchors,
aliases and tags are refused: ladders are data, and aliases allow "billion laughs" bombs.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml
from yaml._yaml import CParser
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ladderc import paths
from ladderc.diagnostics import Diagnostic, Position
from ladderc.stage_rules import DUPLICATE_KEY, YAML_SYNTAX

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
# C0 controls but tab, LF and CR, and DEL: no reader can show them and spreadsheets refuse them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode's non-characters (U+FDD0-U+FDEF, and the last two code points of every plane): XML 1.0
# cannot carry them, so one in a title makes the site's SVG charts and the xlsx files malformed.
# libyaml refuses U+FFFE and U+FFFF written as they are, but not the others, nor any "\uFFFE" escape.
NON_CHARACTERS = re.compile("[\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")
# Text ladderc cannot write into every output: reported as S002 at the text's position.
UNWRITABLE_TEXT = re.compile(f"{CONTROL_CHARACTERS.pattern}|{NON_CHARACTERS.pattern}")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# The first characters of every non-empty plain scalar the core schema types as other than text.
_MAY_BE_TYPED = frozenset("~nNtTfF0123456789+-.")
# Cheap tests for text that may hold an anchor, an alias or a tag; only then are events scanned.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\{,])[&*][^\s,\[\]\{\}]", re.MULTILINE)
_MAYBE_TAG = re.compile(r"(?:^|[\s\[\{,])!", re.MULTILINE)

Path_ = tuple  # a path into a document: keys and list indices


class Mark(Protocol):
    """Where a node starts, as libyaml's composer marks it: 0-based line and column."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class _Loader(CParser, BaseResolver):
    """libyaml's composer with no implicit typing: every plain scalar arrives as a string."""

    yaml_implicit_resolvers: dict = {}
    # With no implicit and no path resolvers, BaseResolver's answer depends on the node kind alone;
    # the composer asks once per node, so the answer is a lookup (a tenth of the load otherwise).
    _DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

    def __init__(self, stream):
        CParser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind, value, implicit):
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node, current_index):
        pass  # only path resolvers need the path, and there are none

    def ascend_resolver(self):
        pass


@dataclass
class Document:
    """One YAML file as written: its data, and where every value and key stood."""

    file: Path
    data: object
    # Where each value and key starts: the composer's own mark of it, kept rather than copied (a
    # ladder of 1,000 families has 700,000 of them; a tuple of its own each was a sixth of loading).
    positions: dict[Path_, Mark] = field(default_factory=dict)
    key_positions: dict[Path_, Mark] = field(default_factory=dict)
    non_finite: list[Path_] = field(default_factory=list)
    control_text: list[Path_] = field(default_factory=list)  # text holding UNWRITABLE_TEXT
    # Plain and single-quoted text needs a look only when the file holds a non-character at all.
    plain_text_unwritable: bool = False
    duplicates: list[Diagnostic] = field(default_factory=list)

    def at(self, path: Path_ = ()) -> Position:
        """The position of the value at `path`, or of its nearest written ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        mark = self.positions.get(path)
        return Position(self.file, 1, 1) if mark is None else Position(self.file, mark.line + 1, mark.column + 1)

    def key_at(self, path: Path_) -> Position:
        """The position of the key that names `path` (the value's, for list items)."""
        if path in self.key_positions:
            mark = self.key_positions[path]
            return Position(self.file, mark.line + 1, mark.column + 1)
        return self.at(path)


class _Refused(Exception):
    """Why the text cannot be read as a ladder's YAML at all (always a YAML_SYNTAX finding)."""

    def __init__(self, message: str, line: int, column: int, hint: str = ""):
        super().__init__(message)
        self.message, self.line, self.column, self.hint = message, line, column, hint


def load_file(file: Path, max_size: int = DEFAULT_MAX_FILE_SIZE, within: Path | None = None
              ) -> tuple[Document | None, list[Diagnostic]]:
    """Read one YAML file into a Document, or report why it cannot be read (S001)."""
    raw, found = read_safely(file, max_size, within)
    return (None, found) if raw is None else parse(file, raw)


def read_safely(file: Path, max_size: int = DEFAULT_MAX_FILE_SIZE, within: Path | None = None
                ) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of one file of the ladder, or None and why it cannot be read (S001).

    With `within` (the ladder directory), a file whose real path lies outside it is refused
    unread. Only regular files are read: the file is opened without blocking and checked before
    any byte is read, so a FIFO, a device or a directory is a finding, never a hang.
    """
    at = Position(file, 1, 1)
    try:
        real = paths.real(file)
    except OSError as error:  # a link loop, a dangling link, or a file that went away
        return None, [YAML_SYNTAX.at(at, f"cannot read {file.name}{_link_target(file)}: {error.strerror or error}",
                                     "point the link at a file inside the ladder, or remove it")]
    if within is not None and not paths.inside(real, within):
        return None, [YAML_SYNTAX.at(at, f"{file.name} is a link to {real}, outside the ladder; refused",
                                     "copy the file into the ladder instead of linking to it")]
    try:
        # O_NONBLOCK: opening a FIFO waits for a writer otherwise (neither flag exists on Windows).
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return None, [YAML_SYNTAX.at(at, f"{file.name} is {_kind(info.st_mode)}, not a regular file; not read",
                                             "ladder files must be plain YAML files")]
            if info.st_size > max_size:
                return None, [YAML_SYNTAX.at(at,
                                             f"file is {info.st_size:,} bytes, over the limit of {max_size:,} bytes",
                                             "split the family into smaller files or raise --max-file-size")]
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                raw = handle.read(max_size + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        return None, [YAML_SYNTAX.at(at, f"cannot read file: {error.strerror or error}")]
    if len(raw) > max_size:  # grew while being read
        return None, [YAML_SYNTAX.at(at, f"file is over the limit of {max_size:,} bytes",
                                     "split the family into smaller files or raise --max-file-size")]
    return raw, []


def _link_target(file: Path) -> str:
    try:
        return f" (a link to {os.readlink(file)})"
    except OSError:
        return ""


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def parse(file: Path, raw: bytes) -> tuple[Document | None, list[Diagnostic]]:
    try:
        text = _decode(raw)
        root = _compose(text)
        # ASCII text holds no non-character (str.isascii() is a flag check, the search a scan).
        doc = Document(file, None, plain_text_unwritable=not text.isascii() and NON_CHARACTERS.search(text) is not None)
        # No alias without a `*`: only then need the nodes be remembered (`_value`).
        doc.data = _value(root, (), doc, set() if "*" in text else None, 0) if root is not None else None
        return doc, doc.duplicates
    except _Refused as refused:
        return None, [YAML_SYNTAX.at(Position(file, refused.line, refused.column), refused.message, refused.hint)]


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _Refused(f"file is not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be decoded",
                       line, column, "save the file as UTF-8") from None


def _compose(text: str):
    if (("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)  # `in` is a memchr, the pattern a scan
            or "!" in text and _MAYBE_TAG.search(text)):
        _refuse_anchors_and_tags(text)
    try:
        # The stubs name only PyYAML's own loader classes; yaml.compose needs a parser and a resolver, as _Loader is.
        return yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        assert mark is not None  # the parser and the composer mark every error they raise
        problem = error.problem or "invalid YAML"
        lines = text.split("\n", mark.line + 1)
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        hint = "indent with spaces, not tabs" if "\t" in line_text[:mark.column + 1] else error.context or ""
        raise _Refused(f"invalid YAML: {problem}", mark.line + 1, mark.column + 1, hint) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise _Refused(f"invalid YAML: {error.reason}", line, column,
                       "remove control characters such as NUL from the file") from None
    except yaml.YAMLError as error:
        raise _Refused(f"invalid YAML: {error}", 1, 1) from None


def _refuse_anchors_and_tags(text: str) -> None:
    """Refuse the first anchor, alias or tag, before anything is composed or expanded.

    The composer cannot tell a written tag from the one it resolves (our resolver makes every
    plain scalar a string, so `!!str 5` and `! 010` would arrive as plain `5` and `010` and be
    typed as numbers): the parser's events still say what was written.
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):  # type: ignore[arg-type]  # as in _compose
            mark = event.start_mark
            assert mark is not None  # libyaml marks every event
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _Refused("anchors and aliases are not allowed in ladders",
                               mark.line + 1, mark.column + 1, "write the value out in full where it is used")
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise _Refused(f"YAML tags are not allowed in ladders (found {tag!r})",
                               mark.line + 1, mark.column + 1, "remove the tag; write plain values")
    except yaml.YAMLError:
        return  # the composer reports the syntax error with its position


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _value(node, path: Path_, doc: Document, seen: set[int] | None, depth: int):
    """The plain value of `node`, its position (and its keys') recorded in `doc`.

    `seen` holds the nodes met so far when the text may hold an alias (the composer shares one
    node between an anchor and its aliases); None when it cannot (no `*` in it). Scalars under a
    mapping, most of a ladder, are read in the mapping's loop rather than by a call each.
    """
    mark = node.start_mark
    doc.positions[path] = mark
    if depth > MAX_DEPTH:
        raise _Refused(f"nesting is deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
    if seen is not None:
        if id(node) in seen:
            raise _Refused("anchors and aliases are not allowed in ladders", mark.line + 1, mark.column + 1)
        seen.add(id(node))
    kind = type(node)
    if kind is ScalarNode:
        return _scalar_value(node, path, doc)
    if kind is SequenceNode:
        if node.tag != _SEQ:
            raise _Refused(f"YAML tags are not allowed in ladders (found {node.tag!r})", mark.line + 1, mark.column + 1)
        return [_value(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    if node.tag != _MAP:
        raise _Refused(f"YAML tags are not allowed in ladders (found {node.tag!r})", mark.line + 1, mark.column + 1)
    mapping: dict = {}
    positions, key_positions = doc.positions, doc.key_positions
    inline = seen is None and depth < MAX_DEPTH  # a scalar child is then read here, with the same checks
    for key_node, value_node in node.value:
        key_mark = key_node.start_mark
        if type(key_node) is not ScalarNode:
            raise _Refused("a mapping key must be a plain value, not a list or mapping",
                           key_mark.line + 1, key_mark.column + 1)
        if key_node.tag != _STR:
            raise _Refused(f"YAML tags are not allowed in ladders (found {key_node.tag!r})",
                           key_mark.line + 1, key_mark.column + 1)
        key = key_node.value  # keys stay as written: `NO:` is the key "NO", `010:` the key "010"
        if key in mapping:
            first = key_positions[path + (key,)].line + 1
            doc.duplicates.append(DUPLICATE_KEY.at(
                    Position(doc.file, key_mark.line + 1, key_mark.column + 1),
                    f"duplicate key '{key}' (first at line {first}); YAML would silently keep the last",
                    "remove or rename one of the two entries"))
            continue
        key_path = path + (key,)
        key_positions[key_path] = key_mark
        if inline and type(value_node) is ScalarNode:
            positions[key_path] = value_node.start_mark
            mapping[key] = _scalar_value(value_node, key_path, doc)
        else:
            mapping[key] = _value(value_node, key_path, doc, seen, depth + 1)
    return mapping


def _scalar_value(node, path: Path_, doc: Document):
    """A scalar node's value, typed by the core schema when plain; non-finite numbers and unwritable text noted."""
    if node.tag != _STR:
        mark = node.start_mark
        raise _Refused(f"YAML tags are not allowed in ladders (found {node.tag!r})",
                       mark.line + 1, mark.column + 1, "remove the tag; write plain values")
    text, style = node.value, node.style
    if style != "":
        value = text
    elif text and text[0] not in _MAY_BE_TYPED:  # most plain scalars are ids and words: one look decides
        if doc.plain_text_unwritable and UNWRITABLE_TEXT.search(text):
            doc.control_text.append(path)
        return text
    else:
        value = _scalar(text)
    if isinstance(value, float) and not math.isfinite(value):
        doc.non_finite.append(path)
    elif (style == '"' or doc.plain_text_unwritable) and isinstance(value, str) and UNWRITABLE_TEXT.search(value):
        doc.control_text.append(path)  # control characters only through escapes in "...", so only there
    return value


def _scalar(text: str):
    """Type a plain scalar by the YAML 1.2 core schema."""
    if text and text[0] not in _MAY_BE_TYPED:  # most plain scalars are ids and words: one look decides
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text, 10)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text
