"""The built site in a real browser (Debian Chromium through Playwright), served on localhost.

Clicks through home → family → level → "what changes" → next level, searches with Material's
search box, checks that pictures render, that no page logs an error or fetches anything off-host,
that axe-core finds no serious or critical accessibility violation, and that an XSS title is text.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLE, FIXTURES, edit

from ladderc.cli import main

CHROMIUM = Path("/usr/bin/chromium")
XSS = "</title><script>alert(1)</script>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium (/usr/bin/chromium) is not installed"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The example ladder and an XSS ladder, each built and served on an ephemeral localhost port."""
    root = tmp_path_factory.mktemp("browser")
    xss = Path(shutil.copytree(FIXTURES / "minimal", root / "xss"))
    edit(xss / "families" / "eng.yaml", "title: Senior Engineer", f"title: '{XSS}'")
    edit(xss / "families" / "eng.yaml", "craft: Ships systems.", "craft: '[click me](javascript:alert(2))'")
    assert main(["build", str(EXAMPLE), "-o", str(root / "site" / "example")]) == 0
    assert main(["build", str(xss), "-o", str(root / "site" / "xss")]) == 0
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):
    """A fresh page that records console errors, page errors, dialogs and off-host requests."""
    context = browser.new_context()
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("request", lambda r: r.url.startswith((served, "data:", "blob:"))
           or tab.problems.append(f"off-host request: {r.url}"))
    yield tab
    context.close()


def test_click_from_home_to_the_next_level(page, served):
    page.goto(f"{served}/example/index.html")
    page.locator("article").get_by_role("link", name="Engineering", exact=True).click()
    assert page.locator("h1").inner_text() == "Engineering"
    page.locator("article").get_by_role("link", name="Staff Software Engineer", exact=True).first.click()
    assert page.url == f"{served}/example/levels/se4.html"
    assert page.locator("h1").inner_text() == "Staff Software Engineer"
    page.get_by_role("link", name="What changes from Staff Software Engineer to Engineering Manager").click()
    assert page.url == f"{served}/example/changes/se4/em1.html"
    assert page.locator("h1").inner_text() == "Staff Software Engineer to Engineering Manager"
    assert page.locator("article").get_by_role("link", name="Leadership apprenticeship").is_visible()
    page.get_by_role("link", name="Your level after the switch: Engineering Manager").click()
    assert page.url == f"{served}/example/levels/em1.html"
    assert page.locator("h1").inner_text() == "Engineering Manager"
    assert page.problems == []


def test_search_finds_a_level_by_its_title(page, served):
    from playwright.sync_api import expect

    page.goto(f"{served}/example/index.html")
    page.locator("input.md-search__input").click()  # opens Material's search dialog
    # A query typed while the search worker still loads its index is not run again: wait for it.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.locator("input.md-search__input").press_sequentially("Principal Designer")
    first = page.locator(".md-search-result__item a").first
    # Results update letter by letter: wait until the first one is for the whole query.
    expect(first).to_have_attribute("href", re.compile(re.escape(f"{served}/example/levels/pd6.html") + r"(\?|$)"),
                                     timeout=15_000)
    first.click()
    assert page.locator("h1").inner_text() == "Principal Designer"
    assert page.problems == []


def test_pictures_render_with_a_size(page, served):
    page.goto(f"{served}/example/families/engineering.html")
    pictures = page.locator("figure.ladder-chart img")
    assert pictures.count() == 4  # one pay chart per zone; the transition graph is drawn into the page
    for i in range(pictures.count()):
        picture = pictures.nth(i)
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.complete && img.naturalWidth") > 0
        box = picture.bounding_box()
        assert box["width"] > 100 and box["height"] > 100
    assert page.problems == []


@pytest.mark.parametrize("path", ["index.html", "families/engineering.html", "levels/se4.html",
                                  "changes/se4/em1.html", "pay-and-progression.html", "promises.html"])
def test_no_serious_accessibility_violation(page, served, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{served}/example/{path}")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.problems == []


def test_an_xss_title_is_text_and_runs_nothing(page, served):
    page.goto(f"{served}/xss/levels/e3.html")
    assert page.locator("h1").inner_text() == XSS
    assert page.title() == f"{XSS} (Engineering, Individual contributor) - Minimal Co"
    assert page.evaluate("document.querySelectorAll('article script').length") == 0
    page.goto(f"{served}/xss/families/eng.html")
    assert page.locator("article table").get_by_role("link", name=XSS).first.is_visible()
    page.goto(f"{served}/xss/competencies/craft.html")
    assert page.get_by_text("[click me](javascript:alert(2))").is_visible()
    assert page.problems == []


def test_a_level_page_marks_its_family_in_the_menu_and_walks_its_track(page, served):
    page.goto(f"{served}/example/levels/se4.html")
    marked = page.locator(".md-sidebar--primary a.ladder-nav-family")
    assert marked.count() == 1 and marked.first.get_attribute("aria-current") == "location"
    assert marked.first.inner_text().strip() == "Engineering"
    assert page.locator("nav.ladder-breadcrumb li").all_inner_texts()[:2] == ["Engineering", "Individual contributor"]
    page.click("a[rel=next]")
    assert page.url.endswith("/levels/se5.html")
    assert page.problems == []


TABLE_OVERFLOW = """() => [...document.querySelectorAll('article table')]
    .filter(t => t.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1)
    .map(t => t.caption ? t.caption.innerText : '?')"""


@pytest.mark.parametrize("path", ["levels/se4.html", "families/engineering.html", "changes/se4/se5.html"])
def test_on_a_phone_no_table_needs_sideways_scrolling(page, served, path):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{served}/example/{path}")
    assert page.evaluate(TABLE_OVERFLOW) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    label = page.locator("article td[data-label='Maximum']").first
    assert label.is_visible() and page.evaluate("e => getComputedStyle(e, '::before').content", label.element_handle())
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    assert page.problems == []


def test_amounts_align_right_and_the_colour_scheme_can_be_toggled(page, served):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served}/example/levels/se4.html")
    figure = page.locator("article td.ladder-figure").first
    assert figure.evaluate("e => getComputedStyle(e).textAlign") == "right"
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)  # the other scheme meets contrast too
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    assert page.problems == []


def test_opened_from_disk_no_page_fails_and_search_finds_a_level_by_a_word(browser, tmp_path):
    from playwright.sync_api import expect

    site = tmp_path / "site"
    assert main(["build", str(EXAMPLE), "-o", str(site)]) == 0
    tab = browser.new_context().new_page()
    problems = []
    tab.on("console", lambda m: m.type == "error" and problems.append(m.text))
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:", "about:")) or problems.append(r.url))
    for path in ("levels/se4.html", "changes/se4/em1.html", "hr/rules.html", "index.html"):
        tab.goto((site / path).as_uri())
        tab.wait_for_load_state("load")
        assert tab.locator("input.md-search__input").is_visible()
    tab.locator("input.md-search__input").click()
    expect(tab.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    tab.locator("input.md-search__input").press_sequentially("Principal Designer")
    first = tab.locator(".md-search-result__item a").first
    expect(first).to_have_attribute("href", re.compile(re.escape((site / "levels/pd6.html").as_uri()) + r"(\?|$)"),
                                    timeout=15_000)
    first.click()
    assert tab.locator("h1").inner_text() == "Principal Designer"
    assert problems == []
    tab.context.close()


def test_search_finds_an_amount_and_marks_it_legibly(page, served):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served}/example/index.html")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.locator("input.md-search__input").press_sequentially("207,000")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    expect(page.locator(".md-search-result mark").first).to_be_visible()
    results = Axe().run(page)  # with the results and their marks open
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.problems == []


def test_the_transition_graph_reads_on_a_phone_and_its_levels_are_links(page, served):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{served}/example/families/engineering.html")
    graph = page.locator("svg.ladder-graph")
    graph.scroll_into_view_if_needed()
    assert graph.bounding_box()["width"] <= 390
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.ladder-graph text')]
        .map(t => t.getBoundingClientRect().height)""")
    assert min(sizes) >= 11  # text of 14 units, fitted to the phone's width
    titles = page.evaluate("() => [...document.querySelectorAll('svg.ladder-graph a text')].map(t => t.textContent)")
    assert "Senior StaffSoftware Engineer" in titles and not any("…" in t for t in titles)  # wrapped, not cut
    assert {"Promotion", "Switch of track"} <= set(page.locator("svg.ladder-graph > g > text").all_text_contents())
    page.locator("article h2#ways-between-levels").click()
    for _ in range(40):  # the keyboard reaches the levels of the graph
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.ladder-graph') !== null"):
            break
    assert page.evaluate("document.activeElement.classList.contains('ladder-graph-level')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/example/levels/\w+\.html$"))
    assert page.problems == []


def test_a_checklist_keeps_its_ticks_in_the_browser_and_prints_alone(page, served):
    page.goto(f"{served}/example/levels/se3.html")
    box = page.locator("input[data-ladder-check]").first
    assert not box.is_checked()
    page.locator("label[for='{}']".format(box.get_attribute("id"))).click()  # the label ticks it
    assert box.is_checked()
    page.reload()
    assert page.locator("input[data-ladder-check]").first.is_checked()  # kept, in localStorage only
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ladderc:')).length") == 1
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
    assert page.locator(".ladder-checklist-block").first.is_visible()
    page.emulate_media(media="screen")
    # The button marks its checklist for the print stylesheet while the browser prints.
    page.evaluate("window.print = () => { window.printed = [document.body.className, "
                  "document.querySelectorAll('.ladder-printing').length] }")
    page.locator("[data-ladder-print]").first.click()
    printed = page.evaluate("window.printed")
    assert "ladder-printing-one" in printed[0] and printed[1] == 1
    page.evaluate("document.body.classList.add('ladder-printing-one');"
                  "document.querySelector('.ladder-checklist-block').classList.add('ladder-printing')")
    page.emulate_media(media="print")
    assert not page.locator("article h1").is_visible() and page.locator(".ladder-printing").is_visible()
    assert page.problems == []


def test_compare_two_levels_side_by_side_with_the_way_between_and_a_link_back(page, served):
    from playwright.sync_api import expect

    page.goto(f"{served}/example/compare.html")
    page.select_option("#ladder-compare-from", "se3")
    page.select_option("#ladder-compare-to", "em1")
    result = page.locator(".ladder-compare-result")
    expect(result.locator("h2#compare-path")).to_be_visible()
    assert page.url.endswith("compare.html?from=se3&to=em1")
    assert result.locator("tr.ladder-changed").count() >= 3 and "(differs)" in result.locator("tbody").inner_text()
    steps = result.locator("ol > li").all_inner_texts()
    assert steps[0].startswith("Promotion to Staff Software Engineer") and steps[-1].startswith("Switch to Engineering Manager")
    assert "USD" in result.inner_text()  # the bands, in the pay build
    page.goto(f"{served}/example/compare.html?from=em1&to=bd1")  # linkable; across families
    expect(result.locator("h2#compare-path")).to_be_visible()
    assert page.locator("#ladder-compare-from").input_value() == "em1"
    assert "No chain of promotions and switches leads" in result.inner_text()
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{served}/example/compare.html?from=se3&to=se5")
    expect(result.locator("h2#compare-path")).to_be_visible()
    assert [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")] == []
    result.locator("ol a", has_text="what changes").first.click()
    assert page.url.endswith("/example/changes/se3/se4.html")
    assert page.problems == []


PAGE_TYPES = ["index.html", "promises.html", "guide.html", "compare.html?from=se3&to=em1", "families/engineering.html",
              "levels/se4.html", "changes/se4/em1.html", "competencies/craft.html",
              "requirements/leadership-apprenticeship.html", "hr/rules.html"]


@pytest.mark.parametrize("width", [1366, 390])
def test_every_page_type_fits_its_screen_and_is_kept_as_a_screenshot(page, served, width, tmp_path):
    """Screenshots go to $LADDERC_ARTIFACTS (if set) or the test's temporary folder, to be looked at."""
    import os

    folder = Path(os.environ.get("LADDERC_ARTIFACTS") or tmp_path) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGE_TYPES:
        page.goto(f"{served}/example/{path}")
        page.wait_for_load_state("load")
        if path.startswith("compare"):
            page.locator("h2#compare-path").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.evaluate(TABLE_OVERFLOW) == [], path
        shot = folder / f"{re.sub(r'[^a-z0-9]+', '-', path)}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
    assert page.problems == []


def test_the_search_index_loads_only_once_a_search_starts(page, served):
    from playwright.sync_api import expect

    indexes = []
    page.on("request", lambda r: "search_index" in r.url and indexes.append(r.url))
    page.goto(f"{served}/example/index.html")
    page.wait_for_load_state("networkidle")
    page.goto(f"{served}/example/levels/se4.html")
    page.wait_for_load_state("networkidle")
    assert indexes == []
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    assert indexes == [f"{served}/example/search/search_index.json"]
    assert page.problems == []
