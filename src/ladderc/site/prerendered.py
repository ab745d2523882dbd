"""A MkDocs hook (mkdocs.yml `hooks:`): ladderc's pages reach MkDocs as HTML, without a Python-Markdown pass.

ladderc renders every page itself, and what it hands MkDocs is a restricted Markdown: ATX
headings and raw HTML blocks, separated by blank lines. Python-Markdown would run html.parser
over each page only to find where those blocks end and pass them through untouched (and MkDocs
runs it once more to collect their ids): nearly half of a build's time. For a page whose front
matter says `ladderc: {prerendered: true}` and whose text keeps to that subset, this hook gives
MkDocs what `Page.render` would have set, computed as Python-Markdown computes it:

- the raw blocks are found the way Python-Markdown's HTMLExtractor finds them (a block starts
  with a block-level start tag at the start of a line and ends where its stack of open tags
  empties), reading the tags with `html_tags` instead of html.parser;
- the headings go through Python-Markdown itself, all of a page's headings as one document, in
  one instance per build configured as MkDocs configures its own: their HTML, ids (made unique
  across the page by the toc extension) and table of contents are its own;
- the output is the blocks in order as Python-Markdown joins them.

A page outside the subset (a heading next to a block without a blank line between, a comment,
a tag html_tags does not read, a Markdown extension this module does not know) takes MkDocs'
own path. The `.md` files stay complete Markdown, so an engine that ignores hooks builds the same
site from them. tests/test_site_prerendered.py holds every page of several ladders to the output
of MkDocs' own path.

Loaded by MkDocs from its path, so it imports nothing of ladderc but html_tags.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

import markdown  # type: ignore[import-untyped]
from markdown.extensions.toc import nest_toc_tokens  # type: ignore[import-untyped]
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor
from mkdocs.structure.toc import get_toc

from ladderc.site.html_tags import attributes, tags

# Extensions whose effect on this subset is known: toc names the headings; tables and fenced
# code (MkDocs' defaults) touch paragraphs and fences, which the subset has none of.
_KNOWN_EXTENSIONS = frozenset({"toc", "tables", "fenced_code"})
_state: dict[str, Headings] = {}  # this build's
# A character reference html.parser would rewrite (it adds the ';' a numeric one lacks).
_UNCLOSED_REFERENCE = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
# A line that could open a fenced code block, which fenced_code finds even inside raw HTML.
_FENCE = re.compile(r"^(?:```|~~~)", re.MULTILINE)


@dataclass
class Rendered:
    """What `Page.render` sets, for one page."""

    content: str
    toc_tokens: list
    title: str | None
    anchor_ids: set


def on_config(config):
    _state.clear()
    extensions = config["markdown_extensions"]
    if all(isinstance(x, str) and x in _KNOWN_EXTENSIONS for x in extensions):
        _state["headings"] = Headings(extensions, config["mdx_configs"] or {})
    return config


def on_page_markdown(markdown_text, page, config, files):
    headings, flag = _state.get("headings"), page.meta.get("ladderc")
    if headings is not None and isinstance(flag, dict) and flag.get("prerendered"):
        page.render = functools.partial(_render, page, headings)  # MkDocs calls it next
    return markdown_text


def on_post_page(output, page, config):
    """A flagged page's Markdown and HTML, once its file is written, are needed by no one.

    MkDocs keeps every page until the build ends, and each later page was built on a larger heap
    (slower, page after page); the page keeps its title, table of contents and anchor ids, which
    the rest of the build reads.
    """
    if isinstance(page.__dict__.get("render"), functools.partial):
        page.content = page.markdown = None
        del page.render
    return output


def _render(page, headings: Headings, config, files) -> None:
    """`Page.render` for a flagged page: the Markdown as it is now, after every page_markdown event."""
    rendered = render(page.markdown, headings)
    if rendered is None:
        type(page).render(page, config, files)  # MkDocs' own
        return
    page.content = rendered.content
    page.toc = get_toc(rendered.toc_tokens)
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.anchor_ids
    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}  # MkDocs records Markdown links only, and the subset has none


class Headings:
    """Python-Markdown, configured as MkDocs configures it, for the headings of one page at a time.

    MkDocs' own tree processors collect the headings' ids and the title of a first h1. Most
    heading lines recur on page after page ("## Pay"), so each line is converted once, alone, and
    a page's headings are those conversions in order, with the toc extension's own nesting, as
    long as their ids differ: the toc extension changes an id only when it is empty or taken, and
    an empty one comes out alone as `_1`, so distinct ids alone are the ids it would give the
    page. Otherwise the page's headings are converted together.
    """

    def __init__(self, extensions: list, configs: dict) -> None:
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.title = _ExtractTitleTreeprocessor()
        self.title._register(self.md)
        self.anchors = _ExtractAnchorsTreeprocessor(None, None, None)  # type: ignore[arg-type]  # unused arguments
        self.anchors._register(self.md)
        self._alone: dict[str, tuple[str, list, str | None, set] | None] = {}

    def convert(self, lines: list[str]) -> tuple[list[str], list, str | None, set] | None:
        """Each heading's HTML, the toc tokens, the title from a first h1 and the ids."""
        alone = [self._convert_alone(line) for line in lines]
        if any(x is None for x in alone):
            return self._convert_together(lines)
        ids = [i for x in alone for i in x[3]]  # type: ignore[index]
        if len(set(ids)) != len(ids):
            return self._convert_together(lines)
        tokens = [dict(token) for x in alone for token in x[1]]  # type: ignore[index]  # nesting adds children
        return ([x[0] for x in alone], nest_toc_tokens(tokens), alone[0][2] if alone else None,  # type: ignore[index]
                set(ids))

    def _convert_alone(self, line: str) -> tuple[str, list, str | None, set] | None:
        if line not in self._alone:
            together = self._convert_together([line])
            if together is None:
                self._alone[line] = None
            else:
                html, tokens, title, ids = together
                self._alone[line] = (html[0], list(_flat(tokens)), title, ids)
        return self._alone[line]

    def _convert_together(self, lines: list[str]) -> tuple[list[str], list, str | None, set] | None:
        md = self.md
        md.reset()
        self.title.title = None
        self.anchors.present_anchor_ids = set()
        html = md.convert("\n\n".join(lines)) if lines else ""
        rendered = html.split("\n") if html else []
        if len(rendered) != len(lines):
            return None
        return rendered, getattr(md, "toc_tokens", []), self.title.title, self.anchors.present_anchor_ids

    def normalize(self, text: str) -> str:
        """The text as Python-Markdown's first preprocessor leaves it (line ends, tabs, blank lines)."""
        return "\n".join(self.md.preprocessors["normalize_whitespace"].run(text.split("\n")))


def render(text: str, headings: Headings) -> Rendered | None:
    """The page as Python-Markdown and MkDocs would render it, or None if it is outside the subset."""
    if "\x02" in text or "\x03" in text:
        return None  # Python-Markdown's own placeholder characters
    source = headings.normalize(text)  # ends with a blank line
    found = tags(source)
    if found is None or _UNCLOSED_REFERENCE.search(source) or _FENCE.search(source):
        return None
    blocks: list[tuple[bool, str]] = []  # (is a heading, its text)
    anchor_ids: set = set()
    at, length, after_blank, next_tag = 0, len(source), True, 0
    while at < length:
        if source[at] == "\n":
            at, after_blank = at + 1, True
            continue
        if not after_blank:
            return None  # a block that does not start after a blank line
        if source[at] == "#":
            line_end = source.index("\n", at)
            line = source[at:line_end]
            if "<" in line or "[" in line:
                return None  # inline HTML or a link in a heading: MkDocs' own path
            blocks.append((True, line))
            at, after_blank = line_end + 1, False
            continue
        extent = _raw_block(source, at, found, next_tag, headings.md, anchor_ids)
        if extent is None:
            return None
        end, next_tag = extent
        if not source.startswith("\n\n", end):
            return None  # text after the block's last tag on its line
        blocks.append((False, source[at:end] + "\n"))  # Python-Markdown keeps the line end after a block
        at, after_blank = end, False
    converted = headings.convert([line for heading, line in blocks if heading])
    if converted is None:
        return None
    heading_html, toc_tokens, title, heading_ids = converted
    parts, next_heading = [], iter(heading_html)
    for heading, block in blocks:
        parts.append(next(next_heading) if heading else block)
    first_is_heading = bool(blocks) and blocks[0][0]
    return Rendered("\n".join(parts).strip(), toc_tokens, title if first_is_heading else None,
                    anchor_ids | heading_ids)


def _flat(tokens: list):
    """Toc tokens without their nesting, in document order."""
    for token in tokens:
        yield {key: value for key, value in token.items() if key != "children"}
        yield from _flat(token["children"])


def _raw_block(source: str, at: int, found: list, index: int, md, anchor_ids: set) -> tuple[int, int] | None:
    """(the end of the raw HTML block starting at `at`, the index of the tag after it), as HTMLExtractor ends it."""
    if index >= len(found) or found[index].start != at:
        return None  # a line that does not start with a tag
    first = found[index]
    if first.closing or first.self_closing or first.name == "hr" or not md.is_block_level(first.name):
        return None
    if source[at + 1 + len(first.name)] not in " >":
        return None  # Python-Markdown tells a block by the text up to a space or '>'
    stack: list[str] = []
    for at_tag in range(index, len(found)):
        tag = found[at_tag]
        if tag.name == "a" or "id" in tag.attributes:
            for name, value in attributes(tag.attributes):
                if name == "id" or (name == "name" and tag.name == "a"):
                    anchor_ids.add(value)
        if tag.closing:
            if tag.name in stack:
                while stack.pop() != tag.name:
                    pass
            if not stack:
                return tag.end, at_tag + 1
        elif not tag.self_closing and tag.name != "hr":  # HTMLExtractor treats <hr> as empty
            stack.append(tag.name)
    return None
