"""The site's pay sections with variable pay, equity and formula bands: level page, family table and
chart, change page; and none of it without pay."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE, edit

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return render_pages([compile_ladder(EXAMPLE).ladder], SiteOptions())[0]


def test_level_page_shows_variable_target_and_on_target_totals(example_pages):
    page = example_pages["levels/ae2.md"]
    assert "Variable pay: commission, on target 100% of base pay (a 50/50 base/commission mix" in page
    assert "(USD)</th><td>95,000 to 133,000</td><td>190,000</td><td>228,000</td><td>266,000</td>" in page
    assert "Equity per year" not in page  # no equity in the example
    manager = example_pages["levels/sm1.md"]
    assert "on target 42.86% of base pay (a 70/30 base/commission mix" in manager
    assert "On-target" not in example_pages["levels/se3.md"]  # engineering earns base only


def test_family_table_and_chart_show_the_total_only_where_the_family_has_variable_pay(example_pages):
    sales = example_pages["families/sales.md"]
    assert '<th scope="col">On-target total</th>' in sales
    assert "<td>190,000 to 266,000</td>" in sales
    assert "On-target total" not in example_pages["families/engineering.md"]
    _, svgs = _svgs()
    chart = svgs["charts/sales-pay-us-tier1.svg"]
    assert "on-target total (light)" in chart and 'fill-opacity="0.3"' in chart
    assert "fill-opacity" not in svgs["charts/engineering-pay-us-tier1.svg"]


def _svgs():
    from ladderc.site.pages import plan

    return plan([compile_ladder(EXAMPLE).ladder], True, [frozenset()])[:2]


def test_change_page_shows_the_total_change(example_pages):
    page = example_pages["changes/ae2/sm1.md"]
    assert "On-target total change per zone" in page
    assert "(USD)</th><td>190,000 to 266,000</td><td>190,000 to 266,000</td>" in page  # the same total, a higher base


def test_without_pay_no_total_variable_or_equity_shows(minimal):
    edit(minimal / "families/eng.yaml", "  - id: e2\n", "  - id: e2\n    variable: {kind: bonus, target: 0.05}\n"
         "    equity: {us: 7777}\n")
    pages = render_pages([compile_ladder(minimal).ladder], SiteOptions(pay=False))[0]
    assert not any("7,777" in text or "On-target" in text or "bonus" in text for text in pages.values())
    with_pay = render_pages([compile_ladder(minimal).ladder], SiteOptions())[0]
    assert "<td>7,777</td>" in with_pay["levels/e2.md"]
    assert "on target 5% of base pay" in with_pay["levels/e2.md"]


def test_a_formula_band_says_where_it_came_from(minimal):
    edit(minimal / "ladder.yaml", "competencies:", "grade_factors: {G1: 0.6}\ncompetencies:")
    edit(minimal / "families/eng.yaml", "levels:",
         "pay_formula: {zone: us, benchmark: 200000, spread: {min: 0.85, max: 1.2}}\nlevels:")
    edit(minimal / "families/eng.yaml", "    pay:\n      us: {min: 100000, mid: 120000, max: 140000}\n", "")
    page = render_pages([compile_ladder(minimal).ladder], SiteOptions())[0]["levels/e1.md"]
    assert "United States (USD, from the pay formula)</th><td>102,000</td><td>120,000</td><td>144,000</td>" in page
