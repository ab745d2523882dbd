"""Measure the employee site: build time, page weight, broken links and axe counts: `python benchmarks/site.py`.

- build: `ladderc build` of a generated ladder of each `--families` size (default 50) as a
  subprocess with LADDERC_TIMINGS=1 (benchmarks/run.py's `run`), wall and CPU time, the mkdocs
  stage, and both per page. On a shared machine CPU time is the steadier figure.
- `--weight`: the built site served on localhost, in Chromium (Playwright): bytes the browser
  transferred (Chrome's encoded data length, so a cache hit counts 0) for a first page, then a
  second page in the same tab, then opening the search box there; by kind (HTML, CSS, JS, index).
- `--crawl`: every internal link and resource of every page resolves to a file (and its `#id`),
  in the site as built and in one built with `--site-url https://example.com/careers/` (the 404
  page links from that path).
- `--axe`: axe-core violations (serious and critical, and all) on one page of each type at
  1366 px and 390 px.

Nothing here is a test of time; tests/test_site_links.py runs the crawl on the example ladder.
"""

from __future__ import annotations

import argparse
import functools
import html.parser
import http.server
import importlib.util
import sys
import threading
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGE_TYPES = ["index.html", "families/{family}.html", "levels/{level}.html", "changes/{change}.html",
              "compare.html", "promises.html", "pay-and-progression.html", "guide.html", "404.html"]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_run", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.links.append(value)


def crawl(site: Path, base_path: str = "/") -> list[tuple[str, str]]:
    """(page, link) for every internal link of every page that does not resolve; [] when none is broken.

    Relative links resolve from their page; absolute paths from `base_path` (the path of the
    site's URL), as a server hosting the site there would resolve them.
    """
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text("utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in parse(page).links:
            url = urllib.parse.urlsplit(link)
            if url.scheme or url.netloc:
                continue  # off-host (the browser tests see to it that no page fetches one)
            if url.path.startswith("/"):
                if not url.path.startswith(base_path):
                    broken.append((page.relative_to(site).as_posix(), link))
                    continue
                target = site / urllib.parse.unquote(url.path[len(base_path):])
            else:
                target = (page.parent / urllib.parse.unquote(url.path)) if url.path else page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            missing_anchor = url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids
            if site.resolve() not in target.parents or not target.is_file() or missing_anchor:
                broken.append((page.relative_to(site).as_posix(), link))
    return broken


def build(ladder: Path, out: Path, *extra: str):
    bench = _bench()
    return bench.run([sys.executable, "-m", "ladderc", "build", str(ladder), "-o", str(out), *extra], 1, out.parent)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(root: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages_of_each_type(site: Path) -> list[str]:
    family = sorted(site.glob("families/*.html"))[0].stem
    level = sorted(site.glob("levels/*.html"))[0].stem
    change = sorted(site.glob("changes/*/*.html"))[0].relative_to(site / "changes").with_suffix("").as_posix()
    return [p.format(family=family, level=level, change=change) for p in PAGE_TYPES]


def _kind(url: str) -> str:
    path = urllib.parse.urlsplit(url).path
    if "search_index" in path:
        return "index"
    return {".html": "HTML", ".css": "CSS", ".js": "JS", ".svg": "SVG"}.get(Path(path).suffix, "other")


def weight(site: Path) -> dict[str, dict[str, int]]:
    """Bytes transferred by kind: the first page, a second page, then opening the search box there."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}"
    second = pages_of_each_type(site)[2]
    steps: dict[str, dict[str, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_context().new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        urls: dict[str, str] = {}
        current: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: current.__setitem__(
            _kind(urls.get(e["requestId"], "")), current.get(_kind(urls.get(e["requestId"], "")), 0)
            + int(e["encodedDataLength"])))
        for step, action in (("first page (index.html)", lambda: page.goto(f"{base}/index.html")),
                             (f"second page ({second})", lambda: page.goto(f"{base}/{second}")),
                             ("then a search", lambda: (page.locator("input.md-search__input").click(),
                                                        page.locator(".md-search-result__meta").filter(
                                                            has_text="Type to start searching").wait_for()))):
            current.clear()
            action()
            page.wait_for_load_state("networkidle")
            steps[step] = dict(current)
        browser.close()
    server.shutdown()
    return steps


def axe(site: Path) -> list[tuple[str, int, int, int]]:
    """(page, width, serious or critical violations, all violations) for one page of each type."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for width in (1366, 390):
            page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
            for path in pages_of_each_type(site):
                page.goto(f"{base}/{path}")
                violations = Axe().run(page).response["violations"]
                rows.append((path, width, sum(v["impact"] in ("serious", "critical") for v in violations),
                             len(violations)))
        browser.close()
    server.shutdown()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=lambda s: [int(x) for x in s.split(",") if x], default=[50])
    parser.add_argument("--ladder", type=Path, action="append", default=[],
                        help="also measure this ladder folder (e.g. ladders/example); repeatable")
    parser.add_argument("--zones", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ladderc-site-bench"))
    parser.add_argument("--weight", action="store_true")
    parser.add_argument("--crawl", action="store_true")
    parser.add_argument("--axe", action="store_true")
    args = parser.parse_args(argv)
    bench = _bench()
    args.work.mkdir(parents=True, exist_ok=True)
    print("| ladder | pages | wall (s) | CPU (s) | mkdocs (s) | wall a page (ms) | CPU a page (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    sites = {}
    ladders = {f"{n} families": bench.generate(args.work / f"ladder-{n}", n, args.zones) for n in args.families}
    ladders.update({str(path): path.resolve() for path in args.ladder})
    for name, ladder in ladders.items():
        site = sites[name] = args.work / ("site-" + name.replace(" ", "-").replace("/", "_"))
        timing = build(ladder, site)
        pages = int(timing.output.rsplit("(", 1)[1].split()[0])
        print(f"| {name} | {pages:,} | {timing.wall:.1f} | {timing.cpu:.1f} | {timing.stage('mkdocs'):.1f} "
              f"| {1000 * timing.wall / pages:.1f} | {1000 * timing.cpu / pages:.1f} |")
    for name, site in sites.items():
        if args.weight:
            print(f"\nbytes transferred, {name}:")
            for step, kinds in weight(site).items():
                print(f"- {step}: {sum(kinds.values()):,} B (" + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items()))
                      + ")")
        if args.crawl:
            hosted = site.with_name(site.name + "-careers")
            build(ladders[name], hosted, "--site-url", "https://example.com/careers/")
            print(f"\nbroken links, {name}: {len(crawl(site))} as built, {len(crawl(hosted, '/careers/'))} under /careers/")
        if args.axe:
            print(f"\naxe-core, {name}: page, width, serious or critical, all")
            for row in axe(site):
                print("- " + ", ".join(map(str, row)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
