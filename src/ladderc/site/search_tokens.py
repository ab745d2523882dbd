"""A MkDocs hook (mkdocs.yml `hooks:`): Material's search indexes each page without a second html.parser pass.

Material's search plugin splits every page into sections with its `Parser`, an html.parser
subclass: the handlers (which text goes into which section, what is excluded) are Material's, and
the tokenizing that drives them, in pure Python, was about half of the plugin's time. For the
build, this hook puts in Material's module a subclass of that same `Parser` whose `feed` calls
the same handlers with the same arguments, in the same order, from the tags `html_tags` finds
(text between tags unescaped as html.parser unescapes it, one call per run of text); a page
outside html_tags' subset goes to html.parser as before. The index Material writes is unchanged;
tests/test_site_search_tokens.py compares the two parsers section by section on every page of
several ladders. Material's own class is put back when the build ends.

Loaded by MkDocs from its path, so it imports nothing of ladderc but html_tags.
"""

from __future__ import annotations

from html import unescape

from ladderc.site.html_tags import attributes, split

_material: dict[str, type] = {}  # Material's own Parser while the build runs


def on_config(config):
    try:
        from material.plugins.search import plugin  # type: ignore[import-untyped]
    except ImportError:  # another theme: nothing to speed up
        return config
    if "Parser" not in _material:
        _material["Parser"] = plugin.Parser
        plugin.Parser = token_parser(plugin.Parser)
    return config


def on_post_build(config):
    _restore()


def on_build_error(error):
    _restore()


def _restore() -> None:
    if "Parser" in _material:
        from material.plugins.search import plugin

        plugin.Parser = _material.pop("Parser")


def token_parser(parser: type) -> type:
    """`parser` (an html.parser.HTMLParser subclass) fed from html_tags when the HTML keeps to its subset."""

    class TokenParser(parser):
        def feed(self, data: str) -> None:
            parts = split(data) if not self.rawdata else None  # html.parser keeps what an earlier feed left
            if parts is None:
                super().feed(data)
                return
            if parts[0]:
                self.handle_data(unescape(parts[0]))
            for at in range(1, len(parts), 6):
                name, attrs, slash, closing, _, text = parts[at:at + 6]
                if closing is not None:
                    self.handle_endtag(closing)
                elif slash:
                    self.handle_startendtag(name, attributes(attrs))
                else:
                    self.handle_starttag(name, attributes(attrs))
                if text:
                    self.handle_data(unescape(text))

    TokenParser.__name__ = TokenParser.__qualname__ = f"Token{parser.__name__}"
    return TokenParser
