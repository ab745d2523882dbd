"""Total compensation: variable pay and equity resolved exactly, parity and no-pay-cut on the
on-target total (`policy.parity_measures`), and bands from a formula, on the minimal ladder."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from conftest import check_json, edit, findings

from ladderc.compiler import compile_ladder
from ladderc.model import DERIVED, FORMULA, WRITTEN

ENG = "families/eng.yaml"
E3_PAY = "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4"
M3_PAY = "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m4"


def level_lines(minimal, level: str, lines: str) -> None:
    """Add `lines` (already indented) right under `- id: level`."""
    edit(minimal / ENG, f"  - id: {level}\n", f"  - id: {level}\n{lines}")


def policy(minimal, text: str) -> None:
    edit(minimal / "ladder.yaml", "competencies:", f"policy:\n{text}competencies:")


def test_base_parity_with_a_total_gap_fails_p003_naming_the_total(capsys, minimal):
    level_lines(minimal, "m3", "    variable: {kind: bonus, target: 0.2}\n")
    level_lines(minimal, "e3", "    variable: {kind: bonus, target: 0.1}\n")
    code, found = check_json(capsys, minimal)
    assert code == 1
    parity = [x for x in found if x["code"] == "P003"]
    assert [(x["message"], x["line"], x["column"]) for x in parity] == [
        ("IC level 'e3' (G3) tops out at 206,800 USD on-target total in us, 8.3% below manager 'm3' "
         "(225,600 USD on-target total); the same holds in derived zone uk", 22, 15)]  # e3's variable
    assert "raise e3's on-target max in us (its base max, variable target or equity) to at least 225,600" \
        in parity[0]["hint"]


def test_a_move_into_management_that_lowers_the_total_is_p007_though_base_rises(capsys, minimal):
    # The seeds' case: a seller on 50/50 offered a manager role with a higher base on 70/30.
    level_lines(minimal, "e3", "    variable: {kind: commission, mix: 50/50}\n")
    edit(minimal / ENG, M3_PAY, "us: {min: 140000, mid: 170000, max: 200000}\n"
         "    variable: {kind: commission, mix: 70/30}\n  - id: m4")
    policy(minimal, "  rules: {P006: off, G006: off}\n")
    _, found = check_json(capsys, minimal)
    into = [x["message"] for x in found if x["code"] == "P007" and "e3 -> m3" in x["message"]]
    assert into == ["switch e3 -> m3 lowers the on-target total in us: min 264,000 USD -> 200,000 USD, "
                    "max 376,000 USD -> 285,714.29 USD; the same holds in derived zone uk"]


def test_parity_measures_base_compares_base_only(capsys, minimal):
    level_lines(minimal, "m3", "    variable: {kind: bonus, target: 0.1}\n")
    assert {x["code"] for x in check_json(capsys, minimal)[1]} == {"P003", "P007"}  # the default compares totals
    policy(minimal, "  parity_measures: [base]\n")
    assert check_json(capsys, minimal) == (0, [])


def test_with_two_measures_a_base_finding_names_base(capsys, minimal):
    level_lines(minimal, "m3", "    variable: {kind: bonus, target: 0.1}\n")
    level_lines(minimal, "e3", "    variable: {kind: bonus, target: 0.1}\n")
    edit(minimal / ENG, E3_PAY, "us: {min: 132000, mid: 160000, max: 180000}\n  - id: e4")
    _, found = check_json(capsys, minimal)
    assert [x["message"].split(",")[0] for x in found if x["code"] == "P003"] == [
        "IC level 'e3' (G3) tops out at 198",  # the total, at e3's variable; then base, at its max
        "IC level 'e3' (G3) tops out at 180"]
    assert [x["message"].split(" in us")[0][-30:] for x in found if x["code"] == "P003"] == [
        "at 198,000 USD on-target total", ") tops out at 180,000 USD base"]


def test_a_mix_that_does_not_add_up_is_s002_at_the_mix(capsys, minimal):
    level_lines(minimal, "e1", "    variable: {kind: commission, mix: 60/50}\n")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert findings(found) == [("S002", "eng.yaml", 6, 39)]
    assert found[0]["message"] == "pay mix 60/50 of 'e1' adds up to 110, not 100"


def test_target_and_mix_together_are_s002_at_the_variable(capsys, minimal):
    level_lines(minimal, "e1", "    variable: {kind: bonus, target: 0.1, mix: 90/10}\n")
    _, found = check_json(capsys, minimal)
    assert findings(found) == [("S002", "eng.yaml", 6, 15)]
    assert "exactly one of `target` and `mix`, not both" in found[0]["message"]


def test_unknown_kind_negative_or_absurd_target_are_s002_on_their_line(capsys, minimal):
    for variable, column in (("{kind: stock, target: 0.1}", 22), ("{kind: bonus, target: -0.1}", 37),
                             ("{kind: bonus, target: 9.5}", 37)):
        text = (minimal / ENG).read_text(encoding="utf-8")
        level_lines(minimal, "e1", f"    variable: {variable}\n")
        _, found = check_json(capsys, minimal)
        assert findings(found) == [("S002", "eng.yaml", 6, column)], variable
        (minimal / ENG).write_text(text, encoding="utf-8")


def test_variable_and_equity_under_pay_none_are_refused(capsys, minimal):
    policy(minimal, "  pay: none\n")
    text = (minimal / ENG).read_text(encoding="utf-8")
    (minimal / ENG).write_text("\n".join(line for line in text.splitlines() if "pay:" not in line and "us: {" not in line)
                               + "\n", encoding="utf-8")
    level_lines(minimal, "e1", "    variable: {kind: bonus, target: 0.1}\n    equity: {us: 1000}\n")
    _, found = check_json(capsys, minimal)
    assert [(x["code"], x["line"]) for x in found] == [("S002", 6), ("S002", 7)]
    assert "has variable pay, but the ladder's policy.pay is none" in found[0]["message"]


def test_equity_derives_and_totals_are_exact(minimal):
    level_lines(minimal, "e2", "    variable: {kind: commission, mix: 60/40}\n    equity: {us: 10001}\n")
    ladder = compile_ladder(minimal).ladder
    e2 = ladder.levels["e2"]
    assert e2.variable.target == Decimal(2) / Decimal(3)
    assert (e2.equity["us"].amount, e2.equity["us"].derived) == (10001, False)
    assert (e2.equity["uk"].amount, e2.equity["uk"].derived) == (5000, True)  # 5000.5 rounded to 1000
    # base 114,000 × 5/3 + 10,001; uk: 57,000 × 5/3 + 5,000
    assert ladder.total(e2, "us", 114000) == 200001
    assert ladder.total_bands(e2)["uk"].max == 81000 * 5 // 3 + 5000
    assert ladder.total(e2, "us", 100001) == 176669.33  # 166,668.33 + 10,001, rounded to the cent
    assert ladder.variable_amount(e2, "us", 114000) == 76000


FORMULA_LADDER = "grade_factors: {G1: 0.59, G2: 0.78, G3: 1.0, G4: 1.2}\ncompetencies:"
FORMULA_FAMILY = "pay_formula:\n  zone: us\n  benchmark: 200000\n  spread: {min: 0.85, max: 1.2}\n  round: 1000\nlevels:"


def formula_ladder(minimal):
    edit(minimal / "ladder.yaml", "competencies:", FORMULA_LADDER)
    edit(minimal / ENG, "levels:", FORMULA_FAMILY)
    for band in ("{min: 100000, mid: 120000, max: 140000}", "{min: 114000, mid: 138000, max: 162000}"):
        edit(minimal / ENG, f"    pay:\n      us: {band}\n", "")
    return minimal


def test_formula_computes_bands_the_docs_give(minimal):
    ladder = compile_ladder(formula_ladder(minimal)).ladder
    e1, e2, e3 = (ladder.levels[i] for i in ("e1", "e2", "e3"))
    assert [(b.min, b.mid, b.max, b.origin) for b in (e1.bands["us"], e2.bands["us"])] == [
        (100000, 118000, 142000, FORMULA), (133000, 156000, 187000, FORMULA)]
    assert (e1.bands["uk"].min, e1.bands["uk"].mid, e1.bands["uk"].max, e1.bands["uk"].origin) == (50000, 59000, 71000, DERIVED)
    assert (e3.bands["us"].min, e3.bands["us"].origin) == (132000, WRITTEN)  # a written band wins


def test_a_grade_without_a_factor_is_r001_at_the_level_grade(capsys, minimal):
    formula_ladder(minimal)
    edit(minimal / "ladder.yaml", "G1: 0.59, ", "")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert findings(found) == [("R001", "eng.yaml", 12, 12)]
    assert "grade 'G1' of level 'e1' has no factor in grade_factors" in found[0]["message"]


def test_formula_zone_and_factor_grades_are_references(capsys, minimal):
    formula_ladder(minimal)
    edit(minimal / ENG, "  zone: us\n", "  zone: usa\n")
    edit(minimal / "ladder.yaml", "G4: 1.2}", "G4: 1.2, G9: 2}")
    _, found = check_json(capsys, minimal)
    assert [(x["code"], Path_name(x), x["line"]) for x in found] == [("R001", "eng.yaml", 5), ("R001", "ladder.yaml", 21)]


def Path_name(x: dict) -> str:
    return x["file"].rsplit("/", 1)[-1]


def test_optional_pay_gives_totals_only_where_bands_exist(minimal):
    policy(minimal, "  pay: optional\n")
    edit(minimal / ENG, "    pay:\n      us: {min: 114000, mid: 138000, max: 162000}\n",
         "    variable: {kind: bonus, target: 0.1}\n")
    ladder = compile_ladder(minimal).ladder
    assert ladder.total_bands(ladder.levels["e2"]) == {}
    assert compile_ladder(minimal).diagnostics == []


def test_the_worked_example_of_docs_format(minimal):
    # docs/format.md, "Variable pay and equity": base 120,000-160,000 on 50/50 with 60,000 equity.
    edit(minimal / "ladder.yaml", "factor: 0.5,", "factor: 0.62,")
    edit(minimal / ENG, "{min: 114000, mid: 138000, max: 162000}", "{min: 120000, mid: 140000, max: 160000}\n"
         "    variable: {kind: commission, mix: 50/50}\n    equity: {us: 60000}")
    ladder = compile_ladder(minimal).ladder
    e2 = ladder.levels["e2"]
    total = ladder.total_bands(e2)
    assert (total["us"].min, total["us"].mid, total["us"].max) == (300000, 340000, 380000)
    assert (e2.equity["uk"].amount, total["uk"].min) == (37000, 185000)
    sixty = replace(e2, variable=replace(e2.variable, target=Decimal(40) / Decimal(60), mix=(60, 40)))
    assert (ladder.total(sixty, "us", 120000), ladder.total(sixty, "us", 160000)) == (260000, 326666.67)


def test_a_finding_on_a_formula_band_says_so(capsys, minimal):
    formula_ladder(minimal)
    edit(minimal / "ladder.yaml", "G2: 0.78", "G2: 0.58")  # mid 116,000: below e1's 118,000
    _, found = check_json(capsys, minimal)
    assert [x["message"] for x in found if x["code"] == "P004"] == [
        "midpoint of 'e2' (G2) in us (from the pay formula) is 116,000 USD, not above 'e1' (G1) at 118,000 USD; "
        "the same holds in derived zone uk"]


def test_a_mix_needs_a_base_share_of_ten(capsys, minimal):
    level_lines(minimal, "e1", "    variable: {kind: commission, mix: 5/95}\n")
    _, found = check_json(capsys, minimal)
    assert [(x["code"], x["message"]) for x in found] == [
        ("S002", "pay mix 5/95 of 'e1' needs a base share of at least 10 and a variable share above 0")]


def test_derived_equity_past_the_limit_is_p001(capsys, minimal):
    edit(minimal / "ladder.yaml", "factor: 0.5,", "factor: 2,")
    level_lines(minimal, "e1", "    equity: {us: 600000000000}\n")
    _, found = check_json(capsys, minimal)
    assert [(x["code"], x["line"]) for x in found if "equity" in x["message"]] == [("P001", 6)]
