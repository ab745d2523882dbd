"""Wayfinding and polish on the site: breadcrumbs, the pager along a track, names in order, plain words."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from conftest import OPS, ROOT, edit

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, navigation, render_pages
from ladderc.site.mkdocs import THEMES
from ladderc.site.pages import Paths


def pages(ladder) -> dict[str, str]:
    return render_pages([compile_ladder(ladder).ladder], SiteOptions())[0]


def test_level_and_change_pages_carry_family_track_and_place(minimal):
    files = pages(minimal)
    crumb = ('<nav class="ladder-breadcrumb" aria-label="Breadcrumb" data-search-exclude '
             'data-ladder-family="../families/eng.html">\n<ol>\n'
             '<li><a href="../families/eng.html">Engineering</a></li>\n<li>Individual contributor</li>\n'
             '<li aria-current="page">Senior Engineer</li>')
    assert crumb in files["levels/e3.md"]
    assert '<li>Management</li>\n<li aria-current="page">Engineering Manager to Senior Engineer</li>' in files["changes/m3/e3.md"]


def test_the_pager_walks_the_track_and_stops_at_its_ends(minimal):
    files = pages(minimal)
    assert 'href="e2.html" rel="prev">Previous level: Engineer II (G2)' in files["levels/e3.md"]
    assert 'href="e4.html" rel="next">Next level: Staff Engineer (G4)' in files["levels/e3.md"]
    assert 'rel="prev"' not in files["levels/e1.md"] and 'rel="next"' not in files["levels/e4.md"]
    assert 'href="m4.html" rel="next"' in files["levels/m3.md"]  # its own track, not the IC one


def test_families_and_competencies_are_listed_by_name(minimal):
    (minimal / "families/a-ops.yaml").write_text(OPS.replace("name: Operations", "name: Zebra operations"))
    edit(minimal / "ladder.yaml", "  - id: craft\n    name: Craft", "  - id: craft\n    name: Writing craft")
    ladder = compile_ladder(minimal).ladder
    menu = navigation([(ladder, Paths(""))])
    sections = {list(x)[0]: list(x.values())[0] for x in menu}
    assert [list(x)[0] for x in sections["Families"]] == ["Engineering", "Zebra operations"]
    assert [list(x)[0] for x in sections["Competencies"]] == ["People development", "Writing craft"]
    home = render_pages([ladder], SiteOptions())[0]["index.md"]
    assert home.index(">Engineering</a>") < home.index(">Zebra operations</a>")


def test_the_menu_holds_no_level_and_is_pruned(minimal):
    menu = str(navigation([(compile_ladder(minimal).ladder, Paths(""))]))
    assert "levels/" not in menu and "changes/" not in menu
    assert "navigation.prune" in THEMES["material"]["features"]


def test_a_switch_leads_to_a_level_and_an_unchanged_band_says_so(minimal):
    files = pages(minimal)
    switch, promotion = files["changes/m3/e3.md"], files["changes/e3/e4.md"]
    assert "## After the switch" in switch and "Next level:" not in switch and "±0" not in switch
    assert switch.count('<td colspan="3">The band does not change</td>') == 2
    assert "## Next level" in promotion and "The band does not change" not in promotion and "<td>+20,000 (+" in promotion


def test_a_track_named_after_its_kind_is_not_named_twice(minimal):
    home = pages(minimal)["index.md"]
    assert "<dt>Individual contributor</dt>" in home and "(individual contributor)" not in home
    edit(minimal / "ladder.yaml", "name: Management", "name: Leadership")
    assert "<dt>Leadership (management)</dt>" in pages(minimal)["index.md"]


def test_browser_titles_do_not_repeat_the_site_name(example_site):
    title = re.search(r"<title>(.*?)</title>", (example_site / "index.html").read_text("utf-8")).group(1)
    assert title == "Overview - Northwind Labs"


def test_the_transition_graph_is_in_the_page_with_full_titles_links_and_a_legend(minimal):
    edit(minimal / "families/eng.yaml", "title: Senior Engineer", "title: Senior Principal Distinguished Engineer")
    family = pages(minimal)["families/eng.md"]
    graph = family.split('<svg', 1)[1].split("</svg>")[0]
    assert 'role="group"' in graph and "…" not in graph
    assert ">Senior Principal</tspan>" in graph and ">Distinguished</tspan>" in graph and ">Engineer</tspan>" in graph
    assert graph.count('class="ladder-graph-level"') == 6 and '<a href="../levels/e3.html"' in graph
    assert ">Promotion</text>" in graph and ">Switch of track</text>" in graph
    assert "<img" not in family.split("## Ways between levels")[1].split("## Pay bands")[0]


def test_every_way_up_or_across_has_a_checklist_of_boxes_to_tick(minimal):
    files = pages(minimal)
    e3 = files["levels/e3.md"]
    assert "## Next-level checklist: Staff Engineer" in e3 and "## Next-level checklist: Engineering Manager" in e3
    promotion = e3.split("## Next-level checklist: Staff Engineer")[1].split("\n## ")[0]
    assert '<input type="checkbox" id="check-e3-e4-expectation-craft" data-ladder-check="e3/e4/expectation-craft">' \
        in promotion and '<label for="check-e3-e4-expectation-craft"><strong>Craft</strong></label>' in promotion
    assert "Shapes architecture." in promotion and "Print this checklist" in promotion
    switch = files["levels/m3.md"].split("## Next-level checklist: Senior Engineer")[1].split("\n## ")[0]
    assert "Any time, at no loss of pay." in switch and 'id="check-m3-e3-expectation-craft"' in switch
    assert "## Next-level checklist" not in files["levels/e4.md"]  # the top of its track, no way out


def test_a_guide_for_employees_and_managers_is_in_the_menu(minimal):
    files = pages(minimal)
    assert "## For employees" in files["guide.md"] and "## For managers" in files["guide.md"]
    assert {"How to use this site": "guide.md"} in navigation([(compile_ladder(minimal).ladder, Paths(""))])


def test_the_compare_page_offers_every_level_by_family_and_reads_the_site_data(minimal):
    (minimal / "families/ops.yaml").write_text(OPS)
    page = pages(minimal)["compare.md"]
    assert page.count('<option value="e1">Engineer I (Individual contributor, G1)</option>') == 2  # from and to
    assert page.index('<optgroup label="Engineering">') < page.index('<optgroup label="Operations">')
    assert page.count("<option value=") == 2 * 8 and 'data-ladder-data="ladder.json"' in page


def test_a_ladder_without_competencies_has_no_empty_expectation_headings():
    # PostHog publishes no competency matrix, so its levels have no expectations to show.
    files = render_pages([compile_ladder(ROOT / "tests" / "real" / "posthog").ladder], SiteOptions())[0]
    levels = [text for path, text in files.items() if path.startswith("levels/")]
    changes = [text for path, text in files.items() if path.startswith("changes/")]
    assert levels and changes
    assert not any("## Expectations" in text for text in levels + changes)


def test_a_ladder_with_competencies_keeps_its_expectation_headings(minimal):
    files = pages(minimal)
    assert "## Expectations" in files["levels/e3.md"]
    assert "## Expectations side by side" in files["changes/m3/e3.md"]


def _menu_families(site: Path, page: str) -> set[str]:
    """The family pages the primary menu of a built page links to."""
    html = (site / page).read_text("utf-8")
    menu = html[html.index('class="md-nav md-nav--primary"'):]
    menu = menu[:menu.index('<div class="md-sidebar md-sidebar--secondary"')]
    targets = (posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
               for href in re.findall(r'href="([^"#]+)\.html', menu))
    return {target.removeprefix("families/") for target in targets if target.startswith("families/")}


def test_a_level_or_change_page_menu_lists_its_own_family_only(example_site):
    # Every family in every page's menu would grow each page with the ladder and the site with its square.
    everyone = {"engineering", "product-design", "sales"}
    assert _menu_families(example_site, "index.html") == everyone
    assert _menu_families(example_site, "families/engineering.html") == everyone
    assert _menu_families(example_site, "levels/se1.html") == {"engineering"}
    assert _menu_families(example_site, "changes/ae1/ae2.html") == {"sales"}
    # ladderc.js marks that family as current from the breadcrumb's data-ladder-family.
    assert 'data-ladder-family="../families/engineering.html"' in (example_site / "levels" / "se1.html").read_text("utf-8")
