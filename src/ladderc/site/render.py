"""Turning page contexts into Markdown: the Jinja environment and the filters that keep it safe.

Every YAML-derived string reaches a page through one of three doors, so nothing slips through
unescaped:

- `{{ text }}` in a template: Jinja autoescape turns it into HTML text (raw HTML blocks, where
  Python-Markdown leaves the content alone).
- `{{ text | inline }}`: for Markdown contexts (headings, list items). Markdown syntax is
  backslash-escaped first, then HTML is escaped, so `*x*` and `<script>` both stay text.
- `{{ text | markdown }}`: ladder text written in Markdown, rendered here by markdown-it with raw
  HTML off, images off (no off-host fetch) and links only to http, https, mailto or relative URLs.
  The resulting HTML goes into a raw `<div>` block that Python-Markdown passes through untouched.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ladderc.model import Band, format_amount, format_rate

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS) but '>': it is HTML-escaped
# to '&gt;' next, and a backslash before an entity would show.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _safe_link(url: str) -> bool:
    """Only http, https, mailto and scheme-less (relative) links survive."""
    match = _SCHEME.match(url.strip())
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


def markdown_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.disable("image")  # a picture in ladder text would be fetched from wherever it points
    md.validateLink = _safe_link  # type: ignore[method-assign]  # markdown-it-py's hook for link policies
    return md


_MD = markdown_renderer()


@functools.lru_cache(maxsize=1 << 16)
def render_markdown(text: str) -> Markup:
    """Ladder Markdown as an HTML fragment with no raw HTML and no unsafe links.

    Remembered: the same expectation or criteria text appears on a level page, the change pages
    beside it and its checklists, and markdown-it was a third of ladderc's own rendering.
    """
    return Markup(_MD.render(text or "").strip())


def inline(text: str) -> Markup:
    """A plain string made safe for a Markdown context: one line, Markdown and HTML escaped."""
    one_line = " ".join(str(text).split())
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", one_line)))


def signed_amount(value, currency: str | None = None) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + format_amount(abs(value), currency)


def pay_amount(band: Band, key: str, currency: str) -> str:
    """A band amount in a pay table, whose header or caption names the currency once: '120,000',
    or for an hourly band '25.50 per hour'."""
    if band.hourly:
        return f"{format_rate(getattr(band, key), currency)} per hour"
    return format_amount(getattr(band, key), currency)


def pay_range(band: Band, currency: str) -> str:
    """'100,000 to 140,000', or '48.00 to 67.31 per hour' (the currency is in the table's header or caption)."""
    if band.hourly:
        return f"{format_rate(band.min, currency)} to {format_rate(band.max, currency)} per hour"
    return f"{format_amount(band.min, currency)} to {format_amount(band.max, currency)}"


def percent(new, old) -> str:
    """The change from `old` to `new` as a signed percentage with one decimal."""
    if not old:
        return "n/a"
    change = (Decimal(str(new)) - Decimal(str(old))) / Decimal(str(old)) * 100
    change = change.quantize(Decimal("0.1"))
    return ("+" if change > 0 else "−" if change < 0 else "±") + f"{abs(change)}%"


def by_name(items) -> list:
    """Families, competencies or requirements (a mapping by id) as people look for them: by name, then id."""
    return sorted(items.values(), key=lambda x: (x.name.casefold(), x.id))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("ladderc.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(markdown=render_markdown, inline=inline, amount=format_amount,
                       signed=signed_amount, percent=percent, pay_amount=pay_amount, pay_range=pay_range,
                       by_name=by_name)
    return env
