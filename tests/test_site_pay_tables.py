"""Pay tables name the currency once and the pay charts of a family share one y-axis."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages

CODES = ("USD", "GBP", "EUR")


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    compilation = compile_ladder(EXAMPLE)
    return render_pages([compilation.ladder], SiteOptions(), [compilation.verified])[0]


def cells(page: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", page)


@pytest.mark.parametrize("path", ["levels/se4.md", "families/engineering.md", "changes/se4/se5.md",
                                  "changes/se4/em1.md", "pay-and-progression.md"])
def test_no_amount_cell_repeats_the_currency_which_its_row_or_caption_names(files, path):
    page = files[path]
    amounts = [c for c in cells(page) if re.match(r"[−+±]?\d", c)]
    assert amounts and not [c for c in amounts if any(code in c for code in CODES)]
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        if any(re.match(r"[−+±]?\d", c) for c in cells(table)):
            caption = re.search(r"<caption>(.*?)</caption>", table).group(1)
            rows = re.findall(r'<th scope="row">(.*?)</th>', table)
            assert any(code in caption for code in CODES) or all(
                any(f"({code}" in row for code in CODES) for row in rows), table


def test_every_pay_chart_of_a_family_has_the_same_y_axis(files):
    charts = [text for path, text in files.items() if path.startswith("charts/engineering-pay-")]
    assert len(charts) > 1
    axes = {tuple(re.findall(r'text-anchor="end">([\d.]+[kM]?)</text>', chart)) for chart in charts}
    assert len(axes) == 1 and len(next(iter(axes))) >= 3
    # the text alternative of each bar still says the figures with their currency
    assert all(re.search(r"<title>[^<]*\d (USD|GBP|EUR)", chart) for chart in charts)


def test_without_pay_no_table_shows_an_amount():
    compilation = compile_ladder(EXAMPLE)
    files = render_pages([compilation.ladder], SiteOptions(pay=False), [compilation.verified])[0]
    assert not [path for path, text in files.items() if path.endswith(".md") and "207,000" in text]
    assert not [path for path in files if "-pay-" in path]
