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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
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
    page.get_by_role("link", name="Next level: Engineering Manager").click()
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
    assert pictures.count() == 5  # the transition graph and one pay chart per zone
    for i in range(pictures.count()):
        picture = pictures.nth(i)
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.complete && img.naturalWidth") > 0
        box = picture.bounding_box()
        assert box["width"] > 100 and box["height"] > 100
    assert page.problems == []


@pytest.mark.parametrize("path", ["index.html", "families/engineering.html", "levels/se4.html",
                                  "changes/se4/em1.html", "pay-and-progression.html"])
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
    assert page.title() == f"{XSS} - Minimal Co"
    assert page.evaluate("document.querySelectorAll('article script').length") == 0
    page.goto(f"{served}/xss/families/eng.html")
    assert page.locator("article table").get_by_role("link", name=XSS).first.is_visible()
    page.goto(f"{served}/xss/competencies/craft.html")
    assert page.get_by_text("[click me](javascript:alert(2))").is_visible()
    assert page.problems == []
