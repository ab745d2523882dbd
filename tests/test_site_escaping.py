"""The built site escapes every name exactly once, in every theme (a real MkDocs build)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import edit, run

ORGANISATION = "R&D <Labs> \"Q\" 's"


class _Names(HTMLParser):
    """The page's <title> text and the title/aria-label of every link, as a browser reads them."""

    def __init__(self):
        super().__init__()
        self.titles: list[str] = []
        self.labels: set[str] = set()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_title = tag == "title"
        if tag == "a":
            self.labels.update(v for k, v in attrs.items() if k in ("title", "aria-label") and v)

    def handle_data(self, data):
        if self._in_title:
            self.titles.append(data)
            self._in_title = False


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_names_with_markup_characters_are_escaped_once(capsys, minimal: Path, tmp_path: Path, theme):
    edit(minimal / "ladder.yaml", "name: Minimal Co", "name: \"R&D <Labs> \\\"Q\\\" 's\"")
    edit(minimal / "families/eng.yaml", "name: Engineering", 'name: "Ops & <Support>"')
    edit(minimal / "families/eng.yaml", "title: Engineer I\n", 'title: "A&B <i>"\n')
    code, _, err = run(capsys, "build", str(minimal), "-o", str(tmp_path / "site"), "--theme", theme)
    assert (code, err) == (0, "")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "&amp;amp;" not in text and "&amp;lt;" not in text and "&amp;#" not in text and "&amp;quot;" not in text, page
        assert "<Labs>" not in text and "<Support>" not in text, page  # and never unescaped
    home = _Names()
    home.feed((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    assert len(home.titles) == 1 and home.titles[0].split(" - ")[-1] == ORGANISATION
    assert set(home.titles[0].split(" - ")) <= {ORGANISATION, "Overview"}  # never "name - name"
    level = _Names()
    level.feed((tmp_path / "site/levels/e1.html").read_text(encoding="utf-8"))
    assert level.titles == [f"A&B <i> (Ops & <Support>, Individual contributor) - {ORGANISATION}"]
    if theme == "material":  # its header logo link carries the name in title and aria-label
        assert ORGANISATION in home.labels
    assert not any("&amp;" in label or "&lt;" in label for label in home.labels | level.labels)
