"""The site's "what changed" pages: one per effective date, from the git history (`ladderc build --history`)."""

from __future__ import annotations

from pathlib import Path

from conftest import run
from test_log import repo  # noqa: F401  (the three-commit repository)

from ladderc.compiler import compile_ladder
from ladderc.gitrev import repository_root
from ladderc.history import history
from ladderc.site import SiteOptions, render_pages


def pages(repo: Path, pay: bool) -> dict[str, str]:
    ladder = compile_ladder(repo / "ladders" / "minimal").ladder
    eras = history(repository_root(repo), Path("ladders/minimal"))["ladders/minimal"]
    files, nav = render_pages([ladder], SiteOptions(pay=pay, history={(repo / "ladders/minimal").resolve(): eras}))
    assert {"What changed": [{"2026-07-01": "history/2026-07-01.md"}, {"2026-01-01": "history/2026-01-01.md"}]} in nav
    return files


def test_a_page_per_effective_date_tells_its_changes(repo):
    files = pages(repo, pay=True)
    january, july = files["history/2026-01-01.md"], files["history/2026-07-01.md"]
    assert "# What changed for 2026-01-01" in january
    assert "<h2>2026-01-01: base</h2>" in january and "<li>ladder created: 6 level(s)</li>" in january
    assert "<li>largest cut: e1 us max 140,000 -&gt; 130,000 USD (-7.1%)</li>" in january
    assert '<a href="../levels/e3.html">e3</a> retitled: Senior Engineer → Senior Engineer (draft)' in january
    assert "<li>m3 → e3 criteria: Any time, at [-no loss of-] {+the same grade and+} pay.</li>" in january
    assert "<h2>2026-01-01: July ladder</h2>" in july
    assert '<a href="../levels/m4.html">m4</a> retitled: Director → Head of Engineering' in july


def test_without_pay_the_pages_hold_no_amount(repo):
    files = pages(repo, pay=False)
    for name, text in files.items():
        if name.startswith("history/"):
            assert "USD" not in text and "GBP" not in text and "band" not in text and "derivation" not in text
    # The commit that cut e1's band is still said to have changed pay, without its amounts.
    assert "pay changed (amounts left out)</li>" in files["history/2026-01-01.md"]
    assert "pay changed" not in files["history/2026-07-01.md"]


def test_build_history_through_the_cli(repo, capsys, tmp_path):
    code, out, err = run(capsys, "build", "ladders/minimal", "--history", "--no-pay", "-o", str(tmp_path / "site"))
    assert code == 0, out + err
    built = (tmp_path / "site" / "history" / "2026-07-01.html").read_text()
    assert "What changed for 2026-07-01" in built and "Head of Engineering" in built and "USD" not in built
