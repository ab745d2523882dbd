"""Partial and absent pay (`policy.pay: required | optional | none`) through every command.

The partial ladder is the minimal one with `e2` and `m3` publishing no band at all and an
Operations family that has no band in `us` (`o1` none, `o2` only in `uk`). Every command must
run on it with each policy, and on a ladder without pay or zones at all.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, check_json, edit, findings, run

from ladderc.checks import run_rules
from ladderc.compiler import compile_ladder
from ladderc.graph import TransitionGraph
from ladderc.site import SiteOptions, render_pages

OPS = """\
family: {id: ops, name: Operations}
levels:
  - {id: o1, track: ic, grade: G1, title: Operator I, expectations: {craft: Runs the playbook.}}
  - id: o2
    track: ic
    grade: G2
    title: Operator II
    expectations: {craft: Writes the playbook.}
    pay:
      uk: {min: 50000, max: 70000}
transitions:
  - {from: o2, to: e3, kind: promotion}
"""
E2_PAY = "    pay:\n      us: {min: 114000, mid: 138000, max: 162000}\n"
M3_PAY = ("    title: Engineering Manager\n    expectations:\n      craft: Guides systems.\n      people: Grows a team.\n"
          "    pay:\n      us: {min: 132000, mid: 160000, max: 188000}\n")


def set_policy(ladder: Path, pay: str) -> None:
    with (ladder / "ladder.yaml").open("a", encoding="utf-8") as out:
        out.write(f"policy:\n  pay: {pay}\n")


def partial(ladder: Path, pay: str | None) -> Path:
    """The minimal ladder with bands missing per level, per zone and for a whole family's zone."""
    edit(ladder / "families" / "eng.yaml", E2_PAY, "")
    edit(ladder / "families" / "eng.yaml", M3_PAY, M3_PAY.split("    pay:")[0])
    (ladder / "families" / "ops.yaml").write_text(OPS, encoding="utf-8")
    if pay:
        set_policy(ladder, pay)
    return ladder


def without_pay(ladder: Path, zones: bool = False) -> Path:
    """The minimal ladder with `policy.pay: none`, no band anywhere and (unless `zones`) no zones."""
    text = (ladder / "ladder.yaml").read_text(encoding="utf-8")
    if not zones:
        text = text[:text.index("zones:\n")] + text[text.index("competencies:\n"):]
    (ladder / "ladder.yaml").write_text(text, encoding="utf-8")
    eng = ladder / "families" / "eng.yaml"
    eng.write_text("\n".join(line for line in eng.read_text(encoding="utf-8").splitlines()
                             if "pay:" not in line and "us: {" not in line) + "\n", encoding="utf-8")
    set_policy(ladder, "none")
    return ladder


# check


def test_required_reports_each_missing_band(capsys, minimal):
    code, found = check_json(capsys, partial(minimal, None))
    assert code == 1
    assert [(x["code"], x["message"]) for x in found if x["code"] == "P002"] == [
        ("P002", "level 'e2' (G2, Engineer II) has no band in zone 'us' (nor, derived from it, in uk)"),
        ("P002", "level 'm3' (G3, Engineering Manager) has no band in zone 'us' (nor, derived from it, in uk)"),
        ("P002", "level 'o1' (G1, Operator I) has no band in zone 'us' (nor, derived from it, in uk)"),
        ("P002", "level 'o2' (G2, Operator II) has no band in zone 'us'"),
    ]
    assert {x["code"] for x in found} == {"P002"}


def test_optional_allows_missing_bands(capsys, minimal):
    assert check_json(capsys, partial(minimal, "optional")) == (0, [])


def test_optional_still_compares_where_both_bands_exist(capsys, minimal):
    # m3 publishes nothing, so neither P003 nor P007 compares e3 with it; m4 and e4 still are compared.
    ladder = partial(minimal, "optional")
    edit(ladder / "families" / "eng.yaml", "us: {min: 132000, mid: 160000, max: 188000}",
         "us: {min: 132000, mid: 160000, max: 175000}")
    edit(ladder / "families" / "eng.yaml", "us: {min: 152000, mid: 184000, max: 216000}",
         "us: {min: 152000, mid: 184000, max: 200000}")
    code, found = check_json(capsys, ladder)
    assert code == 1
    assert [(x["code"], x["message"]) for x in found] == [
        ("P003", "IC level 'e4' (G4) tops out at 200,000 USD in us, 7.4% below manager 'm4' (216,000 USD); "
                 "the same holds in derived zone uk"),
        ("P007", "switch m4 -> e4 lowers pay in us: max 216,000 USD -> 200,000 USD; the same holds in derived zone uk"),
    ]


def test_none_needs_no_zones(capsys, minimal):
    assert check_json(capsys, without_pay(minimal)) == (0, [])


def test_none_runs_no_pay_rule(minimal):
    # A ladder whose bands break P003 and P007, resolved and then told it has no pay: the
    # resolver would refuse such bands, so the policy is swapped on the model to ask the rules alone.
    edit(minimal / "families" / "eng.yaml", "us: {min: 152000, mid: 184000, max: 216000}",
         "us: {min: 152000, mid: 184000, max: 200000}")
    compiled = compile_ladder(minimal)
    assert {x.code for x in compiled.diagnostics} == {"P003", "P007"}
    ladder = replace(compiled.ladder, policy=replace(compiled.ladder.policy, pay="none"))
    assert run_rules(ladder, TransitionGraph(ladder)) == []


def test_pay_on_a_level_under_none_is_s002(capsys, minimal):
    ladder = without_pay(minimal, zones=True)
    edit(ladder / "families" / "eng.yaml", "    title: Engineer I\n",
         "    title: Engineer I\n    pay:\n      us: {min: 100000, max: 140000}\n")
    code, found = check_json(capsys, ladder)
    assert code == 1
    assert findings(found) == [("S002", "eng.yaml", 9, 5)]
    assert found[0]["message"] == "level 'e1' has pay, but the ladder's policy.pay is none"
    assert "set policy.pay to optional or required" in found[0]["hint"]


@pytest.mark.parametrize("pay", [None, "required", "optional"])
def test_zones_are_needed_unless_pay_is_none(capsys, minimal, pay):
    ladder = without_pay(minimal)
    text = (ladder / "ladder.yaml").read_text(encoding="utf-8").replace("policy:\n  pay: none\n", "")
    (ladder / "ladder.yaml").write_text(text + (f"policy:\n  pay: {pay}\n" if pay else ""), encoding="utf-8")
    code, found = check_json(capsys, ladder)
    assert (code, findings(found)) == (1, [("S002", "ladder.yaml", 1, 1)])
    assert found[0]["message"].startswith("ladder.yaml has no 'zones', which it needs unless policy.pay is none")


def test_an_unknown_pay_policy_is_s002(capsys, minimal):
    set_policy(minimal, "sometimes")
    code, found = check_json(capsys, minimal)
    assert (code, [x["code"] for x in found]) == (1, ["S002"])
    assert "sometimes" in found[0]["message"]


def test_explain_p002_tells_the_three_values(capsys):
    code, out, _ = run(capsys, "explain", "P002")
    assert code == 0
    for value in ("`required`", "`optional`", "`none`"):
        assert value in out
    assert "not published" in out


# diff


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository holding the partial ladder (optional pay) in one commit."""
    from test_diff import git

    root = tmp_path / "repo"
    (root / "ladders").mkdir(parents=True)
    partial(Path(shutil.copytree(FIXTURES / "minimal", root / "ladders" / "minimal")), "optional")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("extra", [(), ("--format", "markdown"), ("--format", "json"),
                                   ("--fail-on", "pay-decrease,removed-level,new-errors")])
def test_diff_of_an_unchanged_partial_ladder_is_empty(capsys, repo, extra):
    code, out, err = run(capsys, "diff", "HEAD", *extra)
    assert (code, err) == (0, "")
    if not extra or extra[0] == "--fail-on":
        assert out.endswith("  summary: no changes\n")
    elif extra[1] == "json":
        ladder = json.loads(out)["ladders"][0]
        assert ladder["policy"] == ladder["publication"] == ladder["bands"] == []


def test_diff_tells_policy_and_bands_that_became_unpublished_or_published(capsys, repo):
    eng = repo / "ladders" / "minimal" / "families" / "eng.yaml"
    edit(eng, "    pay:\n      us: {min: 100000, mid: 120000, max: 140000}\n", "")
    edit(eng, "    title: Engineer II\n", "    title: Engineer II\n" + E2_PAY)
    edit(repo / "ladders" / "minimal" / "ladder.yaml", "pay: optional", "pay: required")
    code, out, err = run(capsys, "diff", "HEAD")
    lines = out.splitlines()
    assert lines[1:8] == [
        "  policy",
        "    ~ policy.pay: optional -> required",
        "  published pay",
        "    - e1 uk (derived) unpublished (was 50,000 to 70,000 GBP)",
        "    - e1 us unpublished (was 100,000 to 140,000 USD)",
        "    + e2 uk (derived) published (57,000 to 81,000 GBP)",
        "    + e2 us published (114,000 to 162,000 USD)",
    ]
    assert lines[-1].startswith("  summary: policy changed 1, bands published 2, bands unpublished 2, ")
    # An unpublished band is no pay decrease; what required pay now finds is a new error.
    assert run(capsys, "diff", "HEAD", "--fail-on", "pay-decrease")[0] == 0
    assert run(capsys, "diff", "HEAD", "--fail-on", "new-errors")[0] == 1
    markdown = run(capsys, "diff", "HEAD", "--format", "markdown")[1]
    assert "| `pay` | optional | required |" in markdown
    assert "| `e1` | `us` | unpublished | 100,000 to 140,000 USD |" in markdown
    document = json.loads(run(capsys, "diff", "HEAD", "--format", "json")[1])["ladders"][0]
    assert document["policy"] == [{"key": "pay", "old": "optional", "new": "required"}]
    assert document["publication"][1] == {"level": "e1", "zone": "us", "currency": "USD", "change": "unpublished",
                                          "min": 100000, "mid": 120000, "max": 140000, "derived": False}
    assert document["bands"] == []


def test_diff_to_no_pay_is_a_policy_change_not_every_band(capsys, repo):
    ladder = repo / "ladders" / "minimal"
    without_pay(ladder, zones=True)
    edit(ladder / "ladder.yaml", "policy:\n  pay: optional\n", "")
    (ladder / "families" / "ops.yaml").write_text(OPS.replace("    pay:\n      uk: {min: 50000, max: 70000}\n", ""))
    code, out, err = run(capsys, "diff", "HEAD")
    assert (code, err) == (0, "")
    assert "    ~ policy.pay: optional -> none" in out and "published pay" not in out and "  bands" not in out


# build


def pages(ladder: Path, pay: bool = True) -> dict[str, str]:
    files, _ = render_pages([compile_ladder(ladder).ladder], SiteOptions(pay=pay))
    return files


def test_site_says_not_published_and_draws_no_empty_chart(minimal):
    files = pages(partial(minimal, "optional"))
    charts = sorted(path for path in files if path.startswith("charts/") and "-pay-" in path)
    assert charts == ["charts/eng-pay-uk.svg", "charts/eng-pay-us.svg", "charts/ops-pay-uk.svg"]
    ops = files["families/ops.md"]
    assert "<p>Pay in United States is not published for Operations.</p>" in ops
    assert '<td>G1</td><td colspan="3">Not published</td>' in ops  # o1 in the uk table
    assert ops.count("<img") == 1  # the uk chart, none for us (the transition graph is drawn inline)
    assert files["families/eng.md"].count('<td colspan="3">Not published</td>') == 4  # e2, m3 in us and uk
    assert files["levels/e2.md"].count('<td colspan="3">Not published</td>') == 2
    assert "## Pay\n" in files["levels/e2.md"]
    change = files["changes/e1/e2.md"]
    assert "(USD)</th><td>100,000 to 140,000</td><td>Not published</td>" in change
    assert '<td colspan="3">Not compared: pay not published</td>' in change
    for path, bars in zip(charts, (4, 4, 1), strict=True):  # a bar (with its tooltip) per level with a band, none empty
        assert files[path].count("<g><title>") == bars and 'height="0' not in files[path]


@pytest.mark.parametrize("pay", [None, "optional"])
def test_build_of_partial_pay_with_and_without_pay(capsys, minimal, tmp_path, pay):
    ladder = partial(minimal, pay)
    if pay is None:  # required pay: the P002 errors must be turned down to build at all
        set_policy(ladder, "required\n  rules: {P002: warning}")
    for extra in ((), ("--no-pay",)):
        code, out, err = run(capsys, "build", str(ladder), "-o", str(tmp_path / "site"), *extra)
        assert (code, err) == (0, ""), out
    assert not list((tmp_path / "site" / "charts").glob("*-pay-*"))


def test_none_builds_as_no_pay_even_with_zones(minimal):
    ladder = without_pay(minimal, zones=True)
    files = pages(ladder)
    assert files == pages(ladder, pay=False)
    assert not any("-pay-" in path for path in files)
    assert not any("Not published" in text or "## Pay" in text for text in files.values())


def test_build_without_zones(capsys, minimal, tmp_path):
    code, out, err = run(capsys, "build", str(without_pay(minimal)), "-o", str(tmp_path / "site"))
    assert (code, err) == (0, ""), out
    assert "Pay" not in (tmp_path / "site" / "levels" / "e1.html").read_text(encoding="utf-8").split("Ways in")[0]


# export


def export_all(capsys, ladder: Path, out: Path) -> str:
    code, printed, err = run(capsys, "export", str(ladder), "--all", "--jobs", "1", "-o", str(out))
    assert (code, err) == (0, ""), printed
    return printed


def test_export_leaves_unpublished_bands_out_and_says_so(capsys, minimal, tmp_path):
    from export_helpers import read_csv, read_hdl, read_sheet
    from test_export_targets import validate_export

    printed = export_all(capsys, partial(minimal, "optional"), tmp_path / "out")
    assert ("note: minimal: 7 band(s) not published (policy.pay: optional) are left out of every export: "
            "e2 (us, uk), m3 (us, uk), o1 (us, uk), o2 (us)\n") in printed
    out = tmp_path / "out" / "minimal"
    published = {("e1", "us"), ("e1", "uk"), ("e3", "us"), ("e3", "uk"), ("e4", "us"), ("e4", "uk"),
                 ("m4", "us"), ("m4", "uk"), ("o2", "uk")}
    assert {(r["level"], r["zone"]) for r in read_csv(out / "csv" / "bands.csv")} == published
    assert len(read_csv(out / "lattice" / "compensation-bands.csv")) == len(published)
    grade_of = {j["externalCode"]: j["grade"] for j in read_csv(out / "successfactors" / "FOJobCode.csv", 2)}
    assert {r["externalCode"] for r in read_csv(out / "successfactors" / "FOPayRange.csv", 2)} == {
        f"{grade_of[level]}-{zone}" for level, zone in published}
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    validate_export(document)
    assert document["policy"]["pay"] == "optional"
    assert {lv["id"]: lv["unpublished"] for lv in document["levels"] if lv["unpublished"]} == {
        "e2": ["us", "uk"], "m3": ["us", "uk"], "o1": ["us", "uk"], "o2": ["us"]}
    assert {lv["id"]: sorted(lv["bands"]) for lv in document["levels"]}["o2"] == ["uk"]
    profiles = [row for row in read_sheet(out / "workday" / "Put_Compensation_Grade.xlsx")
                if "Compensation Grade Profile ID" in row]
    assert profiles and all(row["Minimum"] and row["Maximum"] for row in profiles)
    values = read_hdl(out / "oracle-hdl" / "minimal.zip")["GradeRate.dat"]["GradeRateValue"]
    assert all(row["MinimumAmount"] and row["MaximumAmount"] for row in values)


def test_export_of_a_ladder_with_every_band_has_no_note(capsys, minimal, tmp_path):
    assert "note:" not in export_all(capsys, minimal, tmp_path / "out")


@pytest.mark.parametrize("zones", [False, True])
def test_export_under_none_carries_no_pay(capsys, minimal, tmp_path, zones):
    from export_helpers import read_csv, read_hdl
    from test_export_targets import validate_export

    printed = export_all(capsys, without_pay(minimal, zones), tmp_path / "out")
    assert "note: minimal: policy.pay is none: the exports carry no pay\n" in printed
    assert "no workday reference for 2 track(s)" in printed and "zone(s)" not in printed  # no eligibility rule asked
    out = tmp_path / "out" / "minimal"
    assert read_csv(out / "csv" / "bands.csv") == read_csv(out / "lattice" / "compensation-bands.csv") == []
    rates = read_hdl(out / "oracle-hdl" / "minimal.zip")["GradeRate.dat"]
    assert rates["GradeRate"] == rates["GradeRateValue"] == []
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    validate_export(document)
    assert all(lv["bands"] == {} and lv["unpublished"] == [] for lv in document["levels"])


# graph


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "json"])
@pytest.mark.parametrize("variant", ["partial", "none"])
def test_graph_on_partial_and_absent_pay(capsys, minimal, fmt, variant):
    ladder = partial(minimal, "optional") if variant == "partial" else without_pay(minimal)
    code, out, err = run(capsys, "graph", str(ladder), "--format", fmt)
    assert (code, err) == (0, "") and "e1" in out


def test_a_chart_of_one_flat_band_has_room_and_a_visible_bar(minimal):
    # o2 alone has a band in uk, and it is one amount: the axis once had no span (division by zero).
    ladder = partial(minimal, "optional")
    edit(ladder / "families" / "ops.yaml", "uk: {min: 50000, max: 70000}", "uk: {min: 50000, max: 50000}")
    chart = pages(ladder)["charts/ops-pay-uk.svg"]
    assert chart.count("<g><title>") == 1 and 'height="2' in chart
    assert ">50k</text>" in chart and ">60k</text>" in chart  # the amount and one step above it
