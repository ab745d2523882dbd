"""Promises derived from what was checked: which rules were verified, and what the site then claims."""

from __future__ import annotations

import html
import re

from conftest import edit, run

from ladderc.compiler import Options, compile_ladder
from ladderc.promises import verdicts
from ladderc.site import SiteOptions, navigation, render_pages
from ladderc.site.pages import Paths

PAY_CLAIM = "at the same grade it pays as much"
HEIGHT_CLAIM = "climbs as high as management"


def pages(ladder, *, select=(), ignore=(), pay=True) -> dict[str, str]:
    result = compile_ladder(ladder, Options(select=select, ignore=ignore))
    return render_pages([result.ladder], SiteOptions(pay=pay), [result.verified])[0]


def promised(page: str) -> str:
    """The 'What … promises' section of a promises page."""
    return page.split("## What")[1].split("## Not promised here")[0]


def test_every_promise_holds_on_a_ladder_that_passes_every_rule(minimal):
    result = compile_ladder(minimal)
    assert all(v.kept for v in verdicts(result.ladder, result.verified, pay=True))
    files = pages(minimal)
    assert PAY_CLAIM in files["index.md"] and HEIGHT_CLAIM in files["index.md"]
    assert "## Not promised here" not in files["promises.md"]


def test_pay_parity_turned_off_is_not_promised_and_shows_its_reason(minimal):
    # The audit's case: P003 off, an IC max below the manager's at the same grade.
    edit(minimal / "ladder.yaml", "competencies:",
         "policy:\n  rules:\n    P003: {severity: 'off', reason: Market data pending.}\ncompetencies:")
    edit(minimal / "families/eng.yaml", "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4",
         "us: {min: 132000, mid: 150000, max: 170000}\n  - id: e4")
    files = pages(minimal)
    assert PAY_CLAIM not in files["index.md"] and HEIGHT_CLAIM in files["index.md"]
    assert "earn as much as a manager" not in promised(files["promises.md"])
    unpromised = files["promises.md"].split("## Not promised here")[1]
    assert "earn as much as a manager (rule P003)" in unpromised and "Reason: Market data pending." in unpromised


def test_a_rule_lowered_in_one_family_is_not_promised_for_the_ladder(minimal):
    with (minimal / "families/eng.yaml").open("a", encoding="utf-8") as file:
        file.write("policy:\n  rules:\n    G006: {severity: warning, reason: Interim.}\n")
    files = pages(minimal)
    assert "way back" not in files["index.md"].split("## Where this ladder")[0]
    assert "has a way back" not in promised(files["promises.md"])


def test_a_rule_that_found_something_verifies_nothing(example):
    # T005 is a warning by default: the ladder builds, but the support promise is not made.
    support = "support after the move"
    assert "T005" in compile_ladder(example).verified and support in promised(pages(example)["promises.md"])
    edit(example / "families/engineering.yaml", "    support: [manager-coaching]\n", "")
    result = compile_ladder(example)
    assert result.ok and any(x.code == "T005" for x in result.diagnostics) and "T005" not in result.verified
    assert support not in promised(pages(example)["promises.md"])


def test_a_rule_with_nothing_to_look_at_promises_nothing(minimal):
    # The minimal ladder has no support, no trial and no readiness policy: T005 and T006 pass
    # because they do not run on it, and that verifies no promise about support or trials.
    result = compile_ladder(minimal)
    assert {"T005", "T006"} <= result.verified
    kept = {v.promise.key for v in verdicts(result.ladder, result.verified, pay=True)}
    assert {"support", "trial", "readiness_kinds"}.isdisjoint(kept) and {"height", "pay", "way_back"} <= kept


def test_select_and_ignore_count_as_not_checked(minimal):
    assert HEIGHT_CLAIM not in pages(minimal, ignore=("G004",))["index.md"]
    only_pay = pages(minimal, select=("P",))
    assert HEIGHT_CLAIM not in only_pay["index.md"] and PAY_CLAIM not in only_pay["index.md"]
    assert "earn as much as a manager" in promised(only_pay["promises.md"])  # P003 ran and passed


def test_no_pay_site_makes_no_pay_promise(minimal):
    files = pages(minimal, pay=False)
    assert "earn" not in files["promises.md"] and PAY_CLAIM not in files["index.md"]


def test_build_ignore_reaches_the_built_site(capsys, minimal, tmp_path):
    code, out, err = run(capsys, "build", str(minimal), "-o", str(tmp_path / "site"), "--ignore", "T003")
    assert (code, err) == (0, ""), out
    article = (tmp_path / "site" / "promises.html").read_text("utf-8").split("<h1")[1]
    built = html.unescape(re.sub(r"<[^>]+>", "", article))
    kept = built.split("Not promised here")[0]
    assert "The individual-contributor track climbs as high as management." in kept
    assert "written criteria" not in kept and "written criteria (rule T003)" in built


def test_the_rule_reference_is_for_hr_and_promises_for_employees(minimal):
    files = pages(minimal)
    assert "hr/rules.md" in files and "rules.md" not in files
    assert files["hr/rules.md"].split("---\n\n", 1)[1].startswith("# Rule reference")
    menu = navigation([(compile_ladder(minimal).ladder, Paths(""))])
    assert menu[1] == {"Our promises": "promises.md"} and menu[-1] == {"For HR": [
        {"Rule reference": "hr/rules.md"}, {"Start from a spreadsheet": "hr/import.md"}]}
    assert '<a href="hr/rules.html#p003-pay-parity">P003 pay-parity</a>' in files["promises.md"]
