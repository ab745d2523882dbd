"""The tags of well-formed HTML, found by regular expressions: what the site's MkDocs hooks read instead of html.parser.

Python-Markdown, MkDocs and Material's search each run `html.parser` over every page, in pure
Python, to find tags in HTML that ladderc wrote itself. This module finds the same tags with two
compiled expressions, for HTML that keeps to a subset on which both ways agree, tag for tag:
every `<` opens a start or end tag of the form `<name attr="value" bare>`, `<name/>` or
`</name>` (ASCII names, attribute values in double quotes); there is no comment, declaration,
processing instruction, no element whose content html.parser reads as raw text (script,
style and their kind), and no tag inside a title or textarea (which newer versions of html.parser
read as text). `tags` returns None for anything else, and the caller then uses
html.parser itself, so an unusual page costs time, never a different result.

Imports nothing of ladderc: the hooks that use it are loaded by MkDocs from their paths.
"""

from __future__ import annotations

import functools
import re
from html import unescape
from typing import NamedTuple

# A start tag (name, attributes, '/'), an end tag (name), or any other '<' (outside the subset).
# Lower-case ASCII names only, as ladderc and Python-Markdown write them (html.parser would
# lower-case others), and ASCII white space, as html.parser's own patterns separate attributes by.
_TOKEN = re.compile(r'<(?:([a-z][a-z0-9-]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)[ \t\n\r\f]*(/?)'
                    r'|/([a-z][a-z0-9-]*)[ \t\n\r\f]*)>|(<)')
_ATTRIBUTE = re.compile(r'[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
# Elements whose content html.parser (some Python versions or other) reads as text, not as tags.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
# Elements whose content newer versions read as text with references (an SVG's <title>): the
# same events as long as no tag comes before the end tag.
_TAG_IN_ESCAPABLE_TEXT = re.compile(r'<(title|textarea)\b[^<>]*>[^<]*<(?!/\1[ \t\n\r\f]*>)')


class Tag(NamedTuple):
    start: int  # offsets of '<' and one past '>' in the text
    end: int
    name: str  # lower case, as html.parser reports it
    closing: bool  # </name>
    self_closing: bool  # <name/>
    attributes: str  # the text between the name and '>' (see `attributes`)


def tags(text: str) -> list[Tag] | None:
    """Every tag of `text` in order, or None if the text is outside the subset."""
    if ("<title" in text or "<textarea" in text) and _TAG_IN_ESCAPABLE_TEXT.search(text):
        return None
    found: list[Tag] = []
    new, append = tuple.__new__, found.append
    for match in _TOKEN.finditer(text):
        name, attributes, slash, closing, stray = match.groups()
        if stray or (name or closing) in _RAW_TEXT:
            return None
        append(new(Tag, (match.start(), match.end(), name or closing, closing is not None, bool(slash),
                         attributes or "")))
    return found


def split(text: str) -> list | None:
    """`text` cut at its tags, or None if it is outside the subset: [text, start tag's name,
    its attributes, '/' or '', end tag's name, None, text, ...], six items a tag (a start tag's
    end-tag name is None and an end tag's other items are None), text '' where two tags touch."""
    if ("<title" in text or "<textarea" in text) and _TAG_IN_ESCAPABLE_TEXT.search(text):
        return None
    parts = _TOKEN.split(text)
    if parts[5::6].count(None) * 6 != len(parts) - 1 or not _RAW_TEXT.isdisjoint(parts[1::6]) \
            or not _RAW_TEXT.isdisjoint(parts[4::6]):
        return None
    return parts


def attributes(text: str) -> list[tuple[str, str | None]]:
    """A tag's attributes as html.parser gives them: names in lower case, values unescaped, None when bare."""
    return list(_attributes(text)) if text else []


@functools.lru_cache(maxsize=1 << 12)
def _attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    # Remembered: a site's tags repeat the same few attribute texts (class="ladder-text", scope="row").
    return tuple((match.group(1).lower(), None if match.group(2) is None else unescape(match.group(2)))
                 for match in _ATTRIBUTE.finditer(text))
