"""`ladderc build`: the generated Markdown (golden), escaping, --no-pay, atomic output, determinism.

Golden files live under tests/golden/site/; regenerate them with `LADDERC_UPDATE_GOLDEN=1 pytest
tests/test_site.py` and review the diff.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import OPS, edit, run

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages
from ladderc.site.render import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "site"
XSS = "</title><script>alert(1)</script>"


def build(capsys, ladder: Path, out: Path, *extra: str) -> str:
    code, stdout, stderr = run(capsys, "build", str(ladder), "-o", str(out), *extra)
    assert (code, stderr) == (0, ""), stdout
    return stdout


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_generated_markdown_matches_golden(minimal):
    # One family, every page built from it; hr/rules.md is left out: it follows the rule catalogue.
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    files = {path: text for path, text in files.items() if path != "hr/rules.md" and not path.startswith("assets/")}
    if os.environ.get("LADDERC_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in files.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(golden)
    for path, text in files.items():
        assert text == golden[path], f"{path} differs from its golden file (LADDERC_UPDATE_GOLDEN=1 to accept)"


def test_build_reports_where_the_site_is(capsys, minimal, tmp_path):
    out = build(capsys, minimal, tmp_path / "site")
    # home, promises, guide, compare, family, 6 levels, 7 transitions (4 implied, 3 listed), 2 competencies,
    # 1 requirement, how pay is set, rules, start from a spreadsheet
    assert out == f"site written to {tmp_path / 'site' / 'index.html'} (24 pages)\n"
    assert (tmp_path / "site" / "levels" / "e3.html").is_file()
    assert (tmp_path / "site" / "changes" / "e3" / "m3.html").is_file()
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()


def test_default_relative_output_is_written_where_the_readme_says(capsys, minimal, tmp_path, monkeypatch):
    """`ladderc build` with no -o writes ./site, as the README's first command runs it."""
    ladders = tmp_path / "repo" / "ladders"
    shutil.copytree(minimal, ladders / "minimal")
    monkeypatch.chdir(tmp_path / "repo")
    code, out, _ = run(capsys, "build")
    assert code == 0
    assert out == "site written to site/index.html (24 pages)\n"
    assert (tmp_path / "repo" / "site" / "levels" / "e3.html").is_file()
    assert [p.name for p in (tmp_path / "repo").iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("text", "html"), [
    ("*a* <b>x</b>", "<p><em>a</em> &lt;b&gt;x&lt;/b&gt;</p>"),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](JavaScript:alert(1))", "<p>[x](JavaScript:alert(1))</p>"),
    ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>"),
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    ("[x](https://example.org/a)", '<p><a href="https://example.org/a">x</a></p>'),
    ("[x](mailto:hr@example.org)", '<p><a href="mailto:hr@example.org">x</a></p>'),
    ("[x](../levels/e1.html)", '<p><a href="../levels/e1.html">x</a></p>'),
    ("![pixel](https://tracker.example/p.png)", '<p>!<a href="https://tracker.example/p.png">pixel</a></p>'),
])
def test_ladder_markdown_is_rendered_safely(text, html):
    assert render_markdown(text) == html


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[k] for k in ("href", "src") if k in attrs]
        self._in_h1 = tag == "h1"
        if tag == "script" and "src" not in attrs:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_h1 = self._in_h1 and tag != "h1"

    def handle_data(self, data):
        if self._in_h1:
            self.h1.append(data)
        elif self.lasttag == "script" and self.scripts:
            self.scripts[-1] += data


def parse(file: Path) -> _Links:
    parser = _Links()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def test_yaml_strings_are_text_never_markup(capsys, minimal, tmp_path):
    family = minimal / "families" / "eng.yaml"
    edit(family, "title: Senior Engineer", f"title: '{XSS} *not em*'")
    edit(family, "craft: Ships systems.", "craft: '[click](javascript:alert(2)) <img src=x onerror=alert(3)>'")
    edit(minimal / "ladder.yaml", "name: Manager training", "name: '<b>training</b>'")
    build(capsys, minimal, tmp_path / "site")
    page = parse(tmp_path / "site" / "levels" / "e3.html")
    assert "".join(page.h1).strip() == f"{XSS} *not em*"
    assert not any("alert" in script for script in page.scripts)
    for file in (tmp_path / "site").rglob("*"):
        if file.suffix in (".html", ".json", ".svg", ".xml"):
            text = file.read_text(encoding="utf-8")
            assert "<script>alert" not in text and "</title><script>" not in text, file
            assert "<img src=x" not in text and "<b>training" not in text, file
    links = [link for file in (tmp_path / "site").rglob("*.html") for link in parse(file).links]
    assert "../levels/e3.html" in links and not [link for link in links if "javascript:" in link.lower()]
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    title = f"{html.escape(XSS, quote=False)} *not em* (Engineering, Individual contributor)"
    assert {"location": "levels/e3.html", "title": title} in [
        {"location": doc["location"], "title": doc["title"]} for doc in index["docs"]]


def test_every_link_in_the_site_resolves(example_site):
    site = example_site
    checked = 0
    for page in site.rglob("*.html"):
        for link in parse(page).links:
            target = link.split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            # 404.html is served at any depth, so MkDocs links it from the site root.
            base = site if target.startswith("/") else page.parent
            assert (base / target.lstrip("/")).resolve().is_file(), f"{page.relative_to(site)} links to missing {link}"
            checked += 1
    assert checked > 3000


def amounts(ladder) -> set[str]:
    """Every amount of every band, on-target total and equity, as people write it: 120000, 120,000, 120 000, 120k."""
    written = set()
    for level in ladder.levels.values():
        for band in [*level.bands.values(), *ladder.total_bands(level).values()]:
            for value in (band.min, band.mid, band.max, *(e.amount for e in level.equity.values())):
                n = int(value)
                written |= {str(n), f"{n:,}", f"{n:,}".replace(",", " ")} | ({f"{n // 1000}k"} if n % 1000 == 0 else set())
    return written


# A number as people write it, standing alone: 120000, 120,000, 120 000 or 120k.
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+k|\d+)(?![\w,]|\.\d)")


def numbers(text: str) -> set[str]:
    found = set()
    for token in _NUMBER.findall(text):
        parts = token.split(" ")  # '3 100 000' may be a grade 3 and then 100 000: try every run
        found |= {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    return found


def leaks(site: Path, written: set[str]) -> dict[str, list[str]]:
    found = {}
    for path, data in site_files(site).items():
        text = (gzip.decompress(data) if path.endswith(".gz") else data).decode("utf-8", "replace")
        hits = sorted(numbers(text) & written)
        if hits:
            found[path] = hits
    return found


def test_no_pay_leaves_every_amount_out(capsys, example, example_site, tmp_path):
    written = amounts(compile_ladder(example).ladder)
    build(capsys, example, tmp_path / "public", "--no-pay")
    assert leaks(tmp_path / "public", written) == {}
    assert not list((tmp_path / "public" / "charts").glob("*-pay-*"))
    # The same scan finds the amounts in a build with pay, so it is able to fail.
    found = leaks(example_site, written)
    assert {"search/search_index.json", "levels/se1.html", "charts/engineering-pay-uk.svg"} <= set(found)
    assert "120,000" in found["levels/se1.html"] and "100k" in found["charts/engineering-pay-us-tier1.svg"]


def test_failing_check_leaves_the_site_untouched(capsys, minimal, tmp_path):
    site = tmp_path / "site"
    build(capsys, minimal, site)
    before = site_files(site)
    edit(minimal / "families" / "eng.yaml", "track: mgmt\n    grade: G3", "track: mgmnt\n    grade: G3")
    code, out, _ = run(capsys, "build", str(minimal), "-o", str(site))
    assert code == 1
    assert " error R001 " in out and out.endswith(f"ladderc: site not built; {site} is unchanged\n")
    assert site_files(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "site"]


def test_two_builds_are_byte_identical(capsys, minimal, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(capsys, minimal, tmp_path / "one")
    build(capsys, minimal, tmp_path / "two")
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")
    # Without SOURCE_DATE_EPOCH the ladder's effective date stamps the sitemap's gzip header.
    assert (tmp_path / "one" / "sitemap.xml.gz").read_bytes()[4:8] == (1767225600).to_bytes(4, "little")
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_source_date_epoch_is_honoured(capsys, minimal, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(capsys, minimal, tmp_path / "site")
    midnight = 1700000000 // 86400 * 86400  # MkDocs stamps pages with the day, not the second
    assert (tmp_path / "site" / "sitemap.xml.gz").read_bytes()[4:8] == midnight.to_bytes(4, "little")
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_several_ladders_make_one_site_with_a_section_each(capsys, minimal, tmp_path):
    ladders = tmp_path / "ladders"
    shutil.copytree(minimal, ladders / "alpha")
    shutil.copytree(minimal, ladders / "beta")
    edit(ladders / "beta" / "ladder.yaml", "name: Minimal Co", "name: Beta & Co")
    out = build(capsys, ladders, tmp_path / "site")
    assert out.endswith("(47 pages)\n")  # 22 per ladder, a home page and the shared HR pages (rules, import)
    home = parse(tmp_path / "site" / "index.html")
    assert {"alpha/index.html", "beta/index.html"} <= set(home.links)
    assert "".join(parse(tmp_path / "site" / "beta" / "index.html").h1).strip() == "Beta & Co"
    assert (tmp_path / "site" / "alpha" / "levels" / "e1.html").is_file()


def test_another_theme_can_be_swapped_in(capsys, minimal, tmp_path):
    build(capsys, minimal, tmp_path / "site", "--theme", "mkdocs")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/bundle" not in index and "Minimal Co" in index
    assert not (tmp_path / "site" / "assets" / "javascripts").exists()


RUNBOOKS_OPS = OPS.replace("      craft: Runs the runbook.\n",
                           "      craft: Runs the runbook.\n      runbooks: Keeps them current.\n") + (
    "transitions:\n  - {from: o1, to: e2, kind: switch, criteria: Ran the on-call rota for a year.}\n")


def test_a_competency_scoped_to_families_shows_only_there(minimal):
    (minimal / "families/ops.yaml").write_text(RUNBOOKS_OPS, encoding="utf-8")
    edit(minimal / "ladder.yaml", "requirements:", "  - {id: runbooks, name: Runbooks, families: [ops]}\nrequirements:")
    result = compile_ladder(minimal)
    assert result.diagnostics == []
    files, _ = render_pages([result.ladder], SiteOptions())
    page = files["competencies/runbooks.md"]
    assert 'Applies to the <a href="../families/ops.html">Operations</a> family only.' in page
    assert re.findall(r"^## (.*)$", page, re.M) == ["Operations, Individual contributor"]
    # Unscoped competencies say nothing about scope; a change within engineering leaves runbooks out.
    assert "Applies to" not in files["competencies/craft.md"]
    assert "Runbooks" not in files["changes/e1/e2.md"] and "Runbooks" in files["changes/o1/e2.md"]
    assert "Runbooks" in files["levels/o1.md"] and "Runbooks" not in files["levels/e1.md"]


def test_every_exception_shows_with_its_reason_where_the_promises_are(minimal, tmp_path):
    edit(minimal / "ladder.yaml", "competencies:", "policy:\n  rules: {P005: 'off', P006: error}\ncompetencies:")
    with (minimal / "families/eng.yaml").open("a", encoding="utf-8") as file:
        file.write("policy:\n  rules:\n    G004: {severity: warning, reason: Directors <manage> by design.}\n")
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    home, rules = files["index.md"], files["hr/rules.md"]
    assert "## Where this ladder makes exceptions" in home
    g004 = ("<strong>G004 height-parity</strong>: a warning only in the Engineering family (usually an error). "
            "Reason: Directors &lt;manage&gt; by design.")
    p005 = "<strong>P005 range-spread</strong>: not checked in the whole ladder (usually a warning). Reason: no reason given</p>"
    assert g004 in home and p005 in home and "P006" not in home  # stricter than its default: no exception
    assert g004.replace("</strong>:", "</strong>, Minimal Co:") in rules.split("## G004")[1].split("## G005")[0]
    assert "Exceptions, with their reasons" not in rules.split("## G003")[1].split("## G004")[0]
    other = Path(shutil.copytree(minimal, tmp_path / "other"))
    files, _ = render_pages([compile_ladder(minimal).ladder, compile_ladder(other).ladder], SiteOptions())
    assert files["index.md"].count(p005.replace("</strong>:", "</strong>, Minimal Co:")) == 2


def test_a_ladder_without_exceptions_says_nothing_of_them(minimal):
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    assert "exception" not in files["index.md"].lower() and "Exceptions, with" not in files["hr/rules.md"]
