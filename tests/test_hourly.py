"""Hourly bands (`classification.pay_rate: hourly`): rules compare annualised amounts, derived zones keep
cents, the site says per hour, and every export carries the frequency or annualises."""

from __future__ import annotations

import json
import re

from conftest import check_json, edit, findings, run
from export_helpers import number, read_csv, read_hdl, read_sheet

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages


def hourly(ladder, level_title: str, written: str, rate: str) -> None:
    """Make the level titled `level_title` hourly, its us band `written` replaced by `rate`."""
    family = ladder / "families" / "eng.yaml"
    edit(family, f"title: {level_title}\n", f"title: {level_title}\n    classification: {{pay_rate: hourly}}\n")
    text = family.read_text(encoding="utf-8")
    at = text.index(f"title: {level_title}\n")
    head, tail = text[:at], text[at:]
    family.write_text(head + tail.replace(written, rate, 1), encoding="utf-8")


def test_a_parity_gap_that_shows_only_once_converted_is_p003(minimal, capsys):
    # 95/hour is 197,600 a year, above the IC max of 188,000; as written, 95 < 188,000 hides nothing either way.
    hourly(minimal, "Engineering Manager", "us: {min: 132000, mid: 160000, max: 188000}", "us: {min: 70, mid: 80, max: 95}")
    code, diagnostics = check_json(capsys, minimal)
    p003 = [x for x in diagnostics if x["code"] == "P003"]
    assert code == 1 and findings(p003) == [("P003", "eng.yaml", 28, 43)]
    assert "manager 'm3' (95.00 USD/hour (197,600 USD/year))" in p003[0]["message"]


def test_an_hourly_ic_at_parity_once_converted_is_no_finding(minimal, capsys):
    # At 2000 hours, 66/80/94 an hour is 132,000/160,000/188,000 a year: the manager's band exactly, so no
    # P003, P004 or P007 (as written, 94 would be far below 188,000).
    hourly(minimal, "Senior Engineer", "us: {min: 132000, mid: 160000, max: 188000}", "us: {min: 66, mid: 80, max: 94}")
    edit(minimal / "ladder.yaml", "competencies:\n", "policy:\n  hours_per_year: 2000\ncompetencies:\n")
    code, diagnostics = check_json(capsys, minimal)
    assert not [x for x in diagnostics if x["code"] in ("P003", "P004", "P007")], diagnostics


def test_hours_per_year_is_the_conversion(minimal, capsys):
    # The band of the test above, at 1900 hours: 94 an hour is 178,600 a year, below the manager's 188,000.
    hourly(minimal, "Senior Engineer", "us: {min: 132000, mid: 160000, max: 188000}", "us: {min: 66, mid: 80, max: 94}")
    edit(minimal / "ladder.yaml", "competencies:\n", "policy:\n  hours_per_year: 1900\ncompetencies:\n")
    code, diagnostics = check_json(capsys, minimal)
    p003 = [x for x in diagnostics if x["code"] == "P003"]
    assert findings(p003) == [("P003", "eng.yaml", 29, 35)]
    assert "94.00 USD/hour (178,600 USD/year)" in p003[0]["message"]
    assert "at least 98.95/hour" in p003[0]["hint"]


def test_midpoint_order_and_pay_cut_compare_annual_amounts(minimal, capsys):
    # e2 at 55/hour is 114,400 a year: below e1's 120,000 mid; its max, 137,280 a year, below e1's 140,000.
    hourly(minimal, "Engineer II", "us: {min: 114000, mid: 138000, max: 162000}", "us: {min: 50, mid: 55, max: 66}")
    code, diagnostics = check_json(capsys, minimal)
    by_code = {x["code"]: x for x in diagnostics}
    assert findings([by_code["P004"]]) == [("P004", "eng.yaml", 21, 26)]
    assert by_code["P004"]["message"].startswith(
        "midpoint of 'e2' (G2) in us is 55.00 USD/hour (114,400 USD/year), not above 'e1' (G1) at 120,000 USD")
    assert "above 57.69/hour" in by_code["P004"]["hint"]
    p007 = [x for x in diagnostics if x["code"] == "P007"]
    assert "max 140,000 USD -> 66.00 USD/hour (137,280 USD/year)" in p007[0]["message"]  # its min, 104,000, is no cut
    p006 = [x for x in diagnostics if x["code"] == "P006"]  # e2 -> e3: 114,400 -> 160,000 is +39.9%
    assert p006 and "from 'e2' (G2, 55.00 USD/hour (114,400 USD/year)) to 'e3'" in p006[0]["message"]


def test_a_family_of_hourly_levels_is_consistent_with_itself(minimal, capsys):
    family = minimal / "families" / "eng.yaml"
    edit(family, "  name: Engineering\n", "  name: Engineering\nclassification: {pay_rate: hourly}\n")
    for annual_band, rate in (("min: 100000, mid: 120000, max: 140000", "min: 48, mid: 57.69, max: 67.31"),
                              ("min: 114000, mid: 138000, max: 162000", "min: 54.81, mid: 66.35, max: 77.88"),
                              ("min: 132000, mid: 160000, max: 188000", "min: 63.46, mid: 76.92, max: 90.38"),
                              ("min: 152000, mid: 184000, max: 216000", "min: 73.08, mid: 88.46, max: 103.85")):
        edit(family, annual_band, rate, count=2 if "132000" in annual_band or "152000" in annual_band else 1)
    code, diagnostics = check_json(capsys, minimal)
    assert code == 0 and not [x for x in diagnostics if x["code"].startswith("P")], diagnostics


def test_the_way_back_of_a_trial_compares_annual_pay(minimal, capsys):
    # m3 hourly at 95/hour max (197,600 a year): going back to e3 (188,000) cuts pay.
    edit(minimal / "families" / "eng.yaml", "    criteria: Led a team for two quarters.\n",
         "    criteria: Led a team for two quarters.\n    trial: {months: 6}\n")
    hourly(minimal, "Engineering Manager", "us: {min: 132000, mid: 160000, max: 188000}", "us: {min: 70, mid: 80, max: 95}")
    code, diagnostics = check_json(capsys, minimal)
    t006 = [x for x in diagnostics if x["code"] == "T006"]
    assert t006 and "max 95.00 USD/hour (197,600 USD/year) -> 188,000 USD" in t006[0]["message"]


def test_a_derived_zone_keeps_an_hourly_rate_in_cents(minimal, tmp_path, capsys):
    # uk derives at 0.5, rounding annual amounts to 1000; 25.25/hour must not become 0.
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 50.5, mid: 57.69, max: 67.31}")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "json", "-o", str(tmp_path / "out"))
    assert code == 0, out
    document = json.loads((tmp_path / "out" / "minimal" / "json" / "ladder.json").read_text(encoding="utf-8"))
    e1 = next(level for level in document["levels"] if level["id"] == "e1")
    assert (e1["bands"]["uk"]["min"], e1["bands"]["uk"]["mid"], e1["bands"]["uk"]["max"]) == (25.25, 28.85, 33.66)


def test_pay_rate_and_hours_per_year_mistakes_are_positioned_s002(minimal, capsys):
    edit(minimal / "families" / "eng.yaml", "title: Engineer I\n", "title: Engineer I\n    classification: {pay_rate: weekly}\n")
    edit(minimal / "ladder.yaml", "competencies:\n", "policy:\n  hours_per_year: 0\ncompetencies:\n")
    code, diagnostics = check_json(capsys, minimal)
    s002 = sorted(findings([x for x in diagnostics if x["code"] == "S002"]))
    assert code == 1 and s002 == [("S002", "eng.yaml", 9, 32), ("S002", "ladder.yaml", 22, 19)], diagnostics


def test_every_export_target_carries_the_hourly_frequency_or_annualises(minimal, tmp_path, capsys):
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 48, mid: 57.69, max: 67.31}")
    code, out, _ = run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "out"))
    assert code == 0, out
    out = tmp_path / "out" / "minimal"
    profiles = {p["Compensation Grade Profile ID"]: p for p in read_sheet(out / "workday" / "Put_Compensation_Grade.xlsx")
                if "Compensation Grade Profile ID" in p}
    assert (profiles["G1-us"]["Frequency"], profiles["G1-us"]["Minimum"], profiles["G2-us"]["Frequency"]) == (
        "Hourly", 48, "Annual")
    assert profiles["G1-uk"]["Maximum"] == 33.66  # 67.31 × 0.5, to the cent, not to the zone's round of 1000
    ranges = {r["externalCode"]: r for r in read_csv(out / "successfactors" / "FOPayRange.csv", 2)}
    assert (ranges["G1-us"]["frequencyCode"], ranges["G2-us"]["frequencyCode"]) == ("HOURLY", "ANN")
    hdl = read_hdl(out / "oracle-hdl" / "minimal.zip")["GradeRate.dat"]
    rates = {r["SourceSystemId"]: (r["RateFrequency"], r["AnnualizationFactor"]) for r in hdl["GradeRate"]}
    assert rates == {"RATE_us": ("ANNUAL", "1"), "RATE_us_HOURLY": ("HOURLY", "2080"),
                     "RATE_uk": ("ANNUAL", "1"), "RATE_uk_HOURLY": ("HOURLY", "2080")}
    values = {r["SourceSystemId"]: r["RateId(SourceSystemId)"] for r in hdl["GradeRateValue"]}
    assert (values["GRV_G1_us"], values["GRV_G2_us"]) == ("RATE_us_HOURLY", "RATE_us")
    bands = {(r["level"], r["zone"]): r for r in read_csv(out / "csv" / "bands.csv")}
    assert (bands[("e1", "us")]["frequency"], bands[("e1", "us")]["min"], bands[("e2", "us")]["frequency"]) == (
        "hourly", "48", "annual")
    levels = {r["level"]: r["pay_rate"] for r in read_csv(out / "csv" / "levels.csv")}
    assert (levels["e1"], levels["e2"]) == ("hourly", "salaried")
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    e1 = next(level for level in document["levels"] if level["id"] == "e1")
    assert (e1["classification"]["pay_rate"], e1["bands"]["us"]["frequency"]) == ("hourly", "hourly")
    lattice = {(r["Compensation Band Name"], r["Pay zone"]): r for r in read_csv(out / "lattice" / "compensation-bands.csv")}
    assert [number(lattice[("Engineer I", "United States")][k]) for k in ("Min base pay", "Mid base pay", "Max base pay")] == [
        99840, 119995.2, 140004.8]  # annualised at policy.hours_per_year
    pave = {(r["Level"], r["Payzone"]): r for r in read_csv(out / "pave" / "bands.csv")}
    assert [number(pave[("e1", "United States")][k]) for k in ("Salary Min", "Salary Mid", "Salary Max")] == [
        99840, 119995.2, 140004.8]
    assert number(pave[("e2", "United States")]["Salary Min"]) == 114000


def test_the_site_says_per_hour_and_charts_hourly_bands_annualised(minimal):
    hourly(minimal, "Engineering Manager", "us: {min: 132000, mid: 160000, max: 188000}",
           "us: {min: 63.46, mid: 76.92, max: 90.39}")
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    family = files["families/eng.md"]
    assert "<caption>Base pay in United States, USD: per year, or per hour where it says so</caption>" in family
    assert "<td>63.46 per hour</td><td>76.92 per hour</td><td>90.39 per hour</td>" in family
    assert "<td>132,000</td><td>160,000</td><td>188,000</td>" in family
    assert "<caption>Hourly base pay bands for Engineering Manager</caption>" in files["levels/m3.md"]
    change = files["changes/e3/m3.md"]
    assert "(USD)</th><td>132,000 to 188,000</td><td>63.46 to 90.39 per hour</td>" in change
    # hourly against annual compares annual amounts: 90.39 × 2080 = 188,011.20, 11.20 above e3's max
    assert "<td>−3.20 (±0.0%)</td><td>−6.40 (±0.0%)</td><td>+11.20 (±0.0%)</td>" in change
    chart = files["charts/eng-pay-us.svg"]
    assert "Annual base pay, USD (hourly bands × 2,080 hours)" in chart
    bars = dict(re.findall(r"<title>(Senior Engineer|Engineering Manager)[^<]*</title><rect x=\"[\d.]+\" y=\"([\d.]+)\"", chart))
    assert abs(float(bars["Senior Engineer"]) - float(bars["Engineering Manager"])) < 1  # one axis, like with like
    assert "Engineering Manager: 63.46 to 90.39 USD per hour, midpoint 76.92 (159,993.60 USD a year)" in chart


def test_a_review_compares_a_band_that_became_hourly_per_year(minimal, tmp_path):
    import shutil

    from ladderc.diff import compare

    base = tmp_path / "base"
    shutil.copytree(minimal, base)
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 48, mid: 57.69, max: 67.31}")
    diff = compare("minimal", compile_ladder(base).ladder, compile_ladder(minimal).ladder, [], [])
    us = {b.amount: (b.old, b.new, b.decrease) for b in diff.bands if (b.level, b.zone) == ("e1", "us")}
    # 48 an hour is 99,840 a year: a cut of 160, not of 99,952
    assert us == {"min": (100000, 99840, True), "mid": (120000, 119995.2, True), "max": (140000, 140004.8, False)}


def test_a_narrow_hourly_band_is_p005_in_its_own_unit(minimal, capsys):
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 55, mid: 57.69, max: 60}")
    _, diagnostics = check_json(capsys, minimal)
    p005 = [x for x in diagnostics if x["code"] == "P005"]
    assert findings(p005) == [("P005", "eng.yaml", 13, 11)]
    assert "spans 55.00–60.00 USD/hour, a spread of 9.1%" in p005[0]["message"]


def test_a_review_says_an_hourly_band_that_became_published_is_per_hour(minimal, tmp_path):
    import shutil

    from ladderc.diff import compare
    from ladderc.diff_phrases import publication_text

    edit(minimal / "ladder.yaml", "competencies:\n", "policy:\n  pay: optional\ncompetencies:\n")
    base = tmp_path / "base"
    shutil.copytree(minimal, base)
    edit(base / "families" / "eng.yaml", "      us: {min: 100000, mid: 120000, max: 140000}\n", "      {}\n")
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 48, mid: 57.69, max: 67.31}")
    diff = compare("minimal", compile_ladder(base).ladder, compile_ladder(minimal).ladder, [], [])
    texts = [publication_text(x) for x in diff.publication if x.zone == "us"]
    assert texts == ["e1 us published (48 to 67.31 USD/hour)"]


def test_an_upside_down_hourly_band_is_p001_per_hour(minimal, capsys):
    hourly(minimal, "Engineer I", "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 60, mid: 57.69, max: 67.31}")
    _, diagnostics = check_json(capsys, minimal)
    p001 = [x for x in diagnostics if x["code"] == "P001"]
    assert findings(p001) == [("P001", "eng.yaml", 13, 17)]
    assert p001[0]["message"].endswith("has min above mid: min/mid/max 60/57.69/67.31 USD/hour")


def test_the_total_of_an_hourly_level_is_per_year(minimal, tmp_path, capsys):
    # At 2000 hours, 66/80/94 an hour is 132,000/160,000/188,000 a year; a 10% bonus on that is
    # 13,200/16,000/18,800, so the on-target total is 145,200/176,000/206,800 a year. Compared as written
    # (94 × 1.1 against the manager's 188,000), P003 on the total would be a false 99% gap.
    hourly(minimal, "Senior Engineer", "us: {min: 132000, mid: 160000, max: 188000}", "us: {min: 66, mid: 80, max: 94}")
    edit(minimal / "ladder.yaml", "competencies:\n", "policy:\n  hours_per_year: 2000\ncompetencies:\n")
    edit(minimal / "families" / "eng.yaml", "title: Senior Engineer\n",
         "title: Senior Engineer\n    variable: {kind: bonus, target: 0.1}\n")
    ladder = compile_ladder(minimal).ladder
    total = ladder.total_bands(ladder.levels["e3"])["us"]
    assert (total.min, total.mid, total.max, total.hourly) == (145200, 176000, 206800, False)
    code, diagnostics = check_json(capsys, minimal)
    # The only finding: the switch to the manager level (no variable pay) is a cut of the total, per year.
    found = [x for x in diagnostics if x["code"] in ("P003", "P004", "P007", "P010")]
    assert [x["code"] for x in found] == ["P007"], found
    assert "lowers the on-target total in us: min 145,200 USD -> 132,000 USD, max 206,800 USD -> 188,000 USD" \
        in found[0]["message"]
    edit(minimal / "ladder.yaml", "  hours_per_year: 2000\n", "  hours_per_year: 2000\n  rules: {P007: off}\n")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "json", "-o", str(tmp_path / "out"))
    assert code == 0, out
    document = json.loads((tmp_path / "out" / "minimal" / "json" / "ladder.json").read_text(encoding="utf-8"))
    e3 = next(level for level in document["levels"] if level["id"] == "e3")["bands"]["us"]
    assert (e3["frequency"], e3["max"]) == ("hourly", 94)
    assert e3["variable"] == {"min": 13200, "mid": 16000, "max": 18800}
    assert e3["total"] == {"min": 145200, "mid": 176000, "max": 206800}


def too_large(ladder, factor: str) -> None:
    """m4 hourly at 400,000,000-500,000,000 an hour: 4.38 × 10^12 a year at 8760 hours, the uk band `factor` × that."""
    hourly(ladder, "Director", "us: {min: 152000, mid: 184000, max: 216000}",
           "us: {min: 400000000, mid: 450000000, max: 500000000}")
    edit(ladder / "ladder.yaml", "factor: 0.5, round: 1000}", f"factor: {factor}}}")
    # Parity and the switch back to IC compare these amounts too; they are not what this test is about.
    edit(ladder / "ladder.yaml", "competencies:\n",
         "policy:\n  hours_per_year: 8760\n  rules: {P003: 'off', P007: 'off'}\ncompetencies:\n")


def test_an_annualised_band_above_the_amount_limit_is_e006_and_nothing_is_exported(minimal, capsys, tmp_path):
    out = tmp_path / "out"
    code, _, err = run(capsys, "export", str(minimal), "--target", "lattice,pave", "-o", str(out))
    assert (code, err) == (0, "") and (out / "minimal" / "pave" / "bands.csv").exists()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    too_large(minimal, "0.1")  # uk: 50,000,000 an hour, 438 × 10^9 a year, within the limit
    code, text, _ = run(capsys, "export", str(minimal), "--target", "lattice,pave", "-o", str(out), "--jobs", "1")
    e006 = [line.split("/families/", 1)[1] for line in text.splitlines() if " E006 " in line]
    assert code == 1 and "nothing exported: fix the errors above first" in text
    assert e006 == [f"eng.yaml:55:49: error E006 export-amount-too-large: {target}: the "
                    "hourly band of 'm4' in us tops out at 500,000,000 USD/hour, 4,380,000,000,000 USD a year at "
                    "policy.hours_per_year 8,760: above 1,000,000,000,000, the largest amount ladderc carries"
                    for target in ("Lattice", "Pave")]
    assert "hint: Pave takes annual pay only: max × policy.hours_per_year must be at most 1,000,000,000,000" in text
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # the earlier export stands


def test_a_derived_band_is_e006_only_when_the_derivation_takes_it_past_the_limit(minimal, capsys, tmp_path):
    too_large(minimal, "0.5")  # uk's 250,000,000 an hour is 2.19 × 10^12 a year: the us band's finding says it
    code, text, _ = run(capsys, "export", str(minimal), "--target", "pave", "-o", str(tmp_path / "a"))
    assert code == 1 and [line.split(": ", 2)[2] for line in text.splitlines() if " E006 " in line] == [
        "Pave: the hourly band of 'm4' in us tops out at 500,000,000 USD/hour, 4,380,000,000,000 USD a year at "
        "policy.hours_per_year 8,760: above 1,000,000,000,000, the largest amount ladderc carries"]
    edit(minimal / "families" / "eng.yaml", "us: {min: 400000000, mid: 450000000, max: 500000000}",
         "us: {min: 40000000, mid: 45000000, max: 50000000}")  # 438 × 10^9 a year: us is within the limit
    edit(minimal / "ladder.yaml", "factor: 0.5}", "factor: 3}")  # and uk, at 150,000,000 an hour, is not
    code, text, _ = run(capsys, "export", str(minimal), "--target", "pave", "-o", str(tmp_path / "b"))
    (line,) = [line for line in text.splitlines() if " E006 " in line]
    assert code == 1 and "band of 'm4' in uk (derived) tops out at 150,000,000 GBP/hour" in line
    assert not (tmp_path / "b").exists()
