"""The Art. 6 page, "How pay is set and progresses": in the build with pay and the one without, amounts only in the first."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, edit

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages

PAGE = "pay-and-progression.md"


@pytest.fixture(scope="module")
def builds():
    ladder = compile_ladder(EXAMPLE).ladder
    return {pay: render_pages([ladder], SiteOptions(pay=pay)) for pay in (True, False)}


def test_the_page_is_in_both_builds_and_in_the_menu(builds):
    for files, nav in builds.values():
        front_matter = files[PAGE].split("---\n")[1]  # its title, beside the prerendered flag
        assert files[PAGE].startswith("---\n") and "\ntitle: How pay is set and progresses\n" in f"\n{front_matter}"
        assert {"How pay is set and progresses": PAGE} in nav


def test_it_sets_out_grades_criteria_bands_and_progression(builds):
    page = builds[True][0][PAGE]
    for heading in ("## Grades", "## The criteria", "## How pay bands are set", "## How pay progresses",
                    "### Promotions", "### Switches between tracks"):
        assert f"\n{heading}\n" in page
    assert '<tr><th scope="row">G4</th>' in page and '<a href="levels/em1.html">Engineering Manager</a>' in page
    assert "derived from United States, tier 1" in page and "multiplied by 0.62" in page
    assert re.search(r"<strong>Switch</strong> from <a href=\"levels/se\d\.html\">[^<]+</a> "
                     r"to <a href=\"levels/em\d\.html\">", page)
    assert "Requires: <a href=\"requirements/" in page


def test_amounts_only_with_pay(builds):
    with_pay, without = builds[True][0][PAGE], builds[False][0][PAGE]
    assert "### Pay ranges in" in with_pay and ", USD, from the lowest band minimum" in with_pay
    assert re.search(r'<tr><th scope="row">G1</th><td>[\d,]+</td><td>[\d,]+</td></tr>', with_pay)
    assert "rounded to 1,000 GBP" in with_pay
    assert "### Pay ranges in" not in without and "This edition leaves pay amounts out." in without
    assert re.findall(r"\d{1,3}(?:,\d{3})+", without) == []


def test_each_competency_shows_its_criterion(minimal):
    edit(minimal / "ladder.yaml", "  - id: craft\n    name: Craft\n", "  - id: craft\n    name: Craft\n    criterion: skills\n")
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    page = files[PAGE]
    assert '<a href="competencies/craft.html">Craft</a></th><td>Skills</td>' in page
    assert '<a href="competencies/people.html">People development</a></th><td>not stated</td>' in page


def test_the_page_says_how_pay_beyond_base_is_set_and_leaves_it_out_without_pay():
    from pathlib import Path

    from ladderc.compiler import compile_ladder
    from ladderc.site import SiteOptions, render_pages

    ladder = compile_ladder(Path(__file__).parent.parent / "ladders" / "example").ladder
    page = render_pages([ladder], SiteOptions())[0]["pay-and-progression.md"]
    assert "### Pay beyond base" in page
    assert "(Sales): commission,\n50% base and 50% variable at target." in page
    assert "compare\nthe on-target total." in page  # the example's policy.parity_measures: [total]
    without = render_pages([ladder], SiteOptions(pay=False))[0]["pay-and-progression.md"]
    assert "Pay beyond base" not in without and "commission" not in without
