"""Would Zensical build ladderc's site? A probe, not a feature: `python benchmarks/zensical_probe.py [check|tests|search|time]`.

Zensical (the Material for MkDocs team's generator) reads mkdocs.yml but runs no MkDocs hook, so
the probe hands it ladderc's own generated project, the same Markdown, with the one hook
(site/shared_nav.py) and the override that calls it (site/overrides/main.html) taken out of the
configuration; everything else (search, `extra.polyfills`, `use_directory_urls: false`, strict,
`site_url`) stays. Zensical writes its site inside the project folder, so the result is copied
into the folder ladderc's atomic output gave.

- `check`: builds the example ladder twice in two folders (byte-identical?) and prints what the
  Zensical site lacks that the MkDocs site has.
- `tests`: runs the browser and hosting tests the MkDocs build passes, unchanged, with
  `ladderc.site.mkdocs.run_build` replaced by the Zensical build (this file is also a pytest
  plugin: `-p zensical_probe`).
- `search`: Zensical's own search box over HTTP and from file://: what loads, what comes first.
- `time`: `ladderc build` of a generated 100-family ladder with each engine, one run each, CPU and wall.

Needs `pip install zensical==0.0.73` (the last release that installs, see benchmarks/README.md, which says what this found)
in the same environment, and Chromium at /usr/bin/chromium for `tests` and `search`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_site_browser.py", "tests/test_site_links.py", "tests/test_site_search.py",
         "tests/test_site_hosting.py", "tests/test_site_wayfinding.py::test_browser_titles_do_not_repeat_the_site_name"]


def zensical_config(config_file: Path) -> Path:
    """The project's mkdocs.yml without the hook and the override that needs it, building into the project."""
    import yaml

    settings = yaml.safe_load(config_file.read_text("utf-8"))
    settings.pop("hooks", None)
    settings["theme"].pop("custom_dir", None)
    # Zensical's own look is "modern"; "classic" is Material's, whose markup the tests drive.
    settings["theme"]["variant"] = os.environ.get("ZENSICAL_VARIANT", "classic")
    settings["site_dir"] = "zensical-site"  # Zensical refuses a site_dir outside the project folder
    out = config_file.with_name("zensical.yml")
    out.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), "utf-8")
    return out


def run_build(config_file: Path, site_dir: Path, epoch: int, docs: dict[str, str] | None = None) -> None:
    """ladderc.site.mkdocs.run_build's signature, with Zensical doing the build.

    Zensical reads its docs from disk: the pages ladderc hands MkDocs from memory are written into
    the project's docs folder first.
    """
    from ladderc.output import write_text
    from ladderc.paths import destination
    from ladderc.site.mkdocs import drop_source_maps, script_index

    for path, text in (docs or {}).items():
        write_text(destination(config_file.parent / "docs", path), text)
    config = zensical_config(config_file)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)],
                          cwd=config.parent, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"zensical build failed:\n{done.stdout}{done.stderr}")
    shutil.copytree(config.parent / "zensical-site", site_dir, dirs_exist_ok=True)
    drop_source_maps(site_dir)
    script_index(site_dir)


def pytest_configure(config) -> None:
    """As a pytest plugin: every `ladderc build` of the session goes through Zensical."""
    import ladderc.site.mkdocs

    ladderc.site.mkdocs.run_build = run_build


def check() -> int:
    from ladderc.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        import ladderc.site.mkdocs

        sites = {}
        sites["mkdocs"] = Path(tmp, "mkdocs")
        assert main(["build", str(REPO / "ladders/example"), "-o", str(sites["mkdocs"])]) == 0
        ladderc.site.mkdocs.run_build = run_build
        for name in ("zensical-1", "zensical-2"):
            sites[name] = Path(tmp, name)
            assert main(["build", str(REPO / "ladders/example"), "-o", str(sites[name])]) == 0
        same = subprocess.run(["diff", "-rq", str(sites["zensical-1"]), str(sites["zensical-2"])],
                              capture_output=True, text=True)
        print("zensical run to run:", "byte-identical" if same.returncode == 0 else same.stdout)

        def files(site: Path) -> set[str]:
            return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}

        mkdocs, zensical = files(sites["mkdocs"]), files(sites["zensical-1"])
        print("only in the MkDocs site:", *sorted(p for p in mkdocs - zensical if "lunr" not in p), sep="\n  ")
        print("only in the Zensical site:", *sorted(zensical - mkdocs), sep="\n  ")
    return 0


def search() -> int:
    """Zensical's own search (a dialog in a shadow root) over HTTP and from file://, on the example ladder."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    import ladderc.site.mkdocs
    from ladderc.cli import main

    ladderc.site.mkdocs.run_build = run_build
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        assert main(["build", str(REPO / "ladders/example"), "-o", str(site)]) == 0
        # Zensical's bundle reads `__index` from search.js under file://, as Material does from search/search_index.js.
        (site / "search.js").write_bytes(b"var __index = " + (site / "search.json").read_bytes())
        quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for start in (f"http://127.0.0.1:{server.server_port}/index.html", (site / "index.html").as_uri()):
                tab, requests, problems = chromium.new_page(), [], []
                tab.on("request", lambda r, requests=requests: "search" in r.url and requests.append(r.url.rsplit("/", 1)[-1]))
                tab.on("console", lambda m, problems=problems: m.type == "error" and problems.append(m.text))
                tab.goto(start)
                tab.wait_for_load_state("networkidle")
                print(f"{start.split(':')[0]}: search files requested before any search: {requests}")
                tab.locator(".md-search__button").first.click()
                tab.keyboard.type("Principal Designer", delay=20)
                tab.wait_for_timeout(5000)
                hits = [a.get_attribute("href").split("?")[0].rsplit("/", 2)[-2:] for a in tab.locator("a[href*='?h=']").all()]
                print(f"  'Principal Designer': first results {hits[:3]}; console errors {problems}")
            chromium.close()
        server.shutdown()
    return 0


def timing() -> int:
    from ladderc.timings import parse

    with tempfile.TemporaryDirectory() as tmp:
        ladder = Path(tmp, "ladder")
        subprocess.run([sys.executable, "benchmarks/generate.py", str(ladder), "--families", "100"], cwd=REPO, check=True)
        print(f"load average before: {os.getloadavg()}")
        for engine in ("mkdocs", "zensical"):
            code = ("import sys; sys.path.insert(0, 'benchmarks'); import zensical_probe, ladderc.site.mkdocs; "
                    "ladderc.site.mkdocs.run_build = zensical_probe.run_build; " if engine == "zensical" else "import sys; ")
            code += "from ladderc.cli import main; sys.exit(main(sys.argv[1:]))"
            before, wall = os.times(), time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code, "build", str(ladder), "-o", str(Path(tmp, engine))],
                                  cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "LADDERC_TIMINGS": "1"})
            wall, after = time.perf_counter() - wall, os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            pages = sum(1 for _ in Path(tmp, engine).rglob("*.html"))
            engine_wall = parse(done.stderr).get("mkdocs", 0.0)  # the stage that runs the engine
            print(f"{engine}: wall {wall:.1f} s (the engine's stage {engine_wall:.1f} s), "
                  f"CPU {cpu:.1f} s (ladderc and the engine), {pages} HTML files")
        print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    if what == "tests":
        sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-p", "zensical_probe", "-p", "no:cacheprovider",
                                  "-q", "-rf", "--tb=line", *TESTS, *sys.argv[2:]],
                                 cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "benchmarks")}))
    sys.exit({"check": check, "search": search, "time": timing}[what]())
