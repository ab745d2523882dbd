"""`ladderc diff` on total compensation: where a band came from, the bands a formula change moves,
and changes to variable pay and equity."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, edit

from ladderc.compiler import compile_ladder
from ladderc.diff import compare
from ladderc.diff_phrases import Review
from ladderc.diff_report import text
from ladderc.gitrev import Revision

ENG = "families/eng.yaml"


def formula_copy(root: Path, benchmark: int, g1: float = 0.59) -> Path:
    """The minimal ladder with e1's and e2's bands computed by a formula."""
    ladder = Path(shutil.copytree(FIXTURES / "minimal", root))
    edit(ladder / "ladder.yaml", "competencies:", f"grade_factors: {{G1: {g1}, G2: 0.78}}\ncompetencies:")
    edit(ladder / ENG, "levels:", f"pay_formula: {{zone: us, benchmark: {benchmark}, spread: {{min: 0.85, max: 1.2}}, "
                                  "round: 1000}\nlevels:")
    for band in ("{min: 100000, mid: 120000, max: 140000}", "{min: 114000, mid: 138000, max: 162000}"):
        edit(ladder / ENG, f"    pay:\n      us: {band}\n", "")
    return ladder


def diff(base: Path, head: Path):
    return compare("l", compile_ladder(base).ladder, compile_ladder(head).ladder, [], [])


def report(change) -> str:
    return text(Review(Revision("a", None), Revision("b", None), (change,)))


def test_a_formula_change_shows_the_bands_it_moves(tmp_path):
    change = diff(formula_copy(tmp_path / "a", 200000), formula_copy(tmp_path / "b", 210000))
    assert change.bands == ()  # told under the formula, not as loose band edits
    (formula,) = change.formulas
    assert (formula.family, formula.old, formula.new) == (
        "eng", "us benchmark 200,000 USD spread 0.85-1.2 round 1,000", "us benchmark 210,000 USD spread 0.85-1.2 round 1,000")
    moved = {(b.level, b.zone, b.amount, b.old, b.new, b.origin) for b in formula.effects}
    assert ("e1", "us", "mid", 118000, 124000, "formula") in moved  # 210,000 × 0.59 = 123,900
    assert ("e1", "uk", "mid", 59000, 62000, "derived") in moved  # the derived zone follows
    assert not any(b.level in ("e3", "e4", "m3", "m4") for b in formula.effects)  # written bands win
    lines = report(change).splitlines()
    assert "  pay formulas" in lines
    assert ("    ~ eng pay_formula: us benchmark 200,000 USD spread 0.85-1.2 round 1,000"
            " -> us benchmark 210,000 USD spread 0.85-1.2 round 1,000") in lines
    assert "        e1 us mid (formula): 118,000 -> 124,000 USD (+6,000, +5.1%)" in lines


def test_a_grade_factor_change_is_told_with_its_bands(tmp_path):
    change = diff(formula_copy(tmp_path / "a", 200000), formula_copy(tmp_path / "b", 200000, g1=0.6))
    (formula,) = change.formulas
    assert (formula.family, formula.old, formula.new) == ("", "G1 0.59, G2 0.78", "G1 0.6, G2 0.78")
    assert {b.level for b in formula.effects} == {"e1"}
    assert "    ~ grade_factors: G1 0.59, G2 0.78 -> G1 0.6, G2 0.78" in report(change).splitlines()


def test_variable_pay_and_equity_changes_are_listed(tmp_path):
    base = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "a"))
    head = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "b"))
    edit(base / ENG, "  - id: e1\n", "  - id: e1\n    variable: {kind: bonus, target: 0.05}\n")
    edit(head / ENG, "  - id: e1\n", "  - id: e1\n    variable: {kind: commission, mix: 90/10}\n    equity: {us: 4000}\n")
    lines = report(diff(base, head)).splitlines()
    assert [line for line in lines if line.startswith("    ~ e1 ")] == [
        "    ~ e1 variable: bonus target 0.05 -> commission 90/10",
        "    ~ e1 equity uk: none -> 2,000 GBP",
        "    ~ e1 equity us: none -> 4,000 USD",
    ]


def test_formula_amounts_are_written_as_other_amounts_in_full(tmp_path):
    # `:g` wrote 1234567 as 1.23457e+06: a benchmark is an amount (thousands, the currency), a spread a plain number.
    formula_copy(tmp_path / "a", 200000)
    formula_copy(tmp_path / "b", 1234567)
    edit(tmp_path / "b" / ENG, "spread: {min: 0.85", "spread: {min: 0.8512345")
    change = diff(tmp_path / "a", tmp_path / "b")
    assert change.formulas[0].new == "us benchmark 1,234,567 USD spread 0.8512345-1.2 round 1,000"


def copies(tmp_path: Path) -> tuple[Path, Path]:
    return tuple(Path(shutil.copytree(FIXTURES / "minimal", tmp_path / side)) for side in ("a", "b"))


def with_variable(root: Path, level: str, variable: str) -> None:
    edit(root / ENG, f"  - id: {level}\n", f"  - id: {level}\n    {variable}\n")


def test_a_lower_bonus_target_is_a_pay_decrease_on_the_total(tmp_path):
    base, head = copies(tmp_path)
    with_variable(base, "e1", "variable: {kind: bonus, target: 0.15}")
    with_variable(head, "e1", "variable: {kind: bonus, target: 0.1}")
    change = diff(base, head)
    assert change.bands == ()  # base pay is the same
    cuts = [(b.zone, b.amount, b.old, b.new, b.measure) for b in change.pay_decreases]
    # e1: 100,000-140,000 USD; uk derived at 0.5: 50,000-70,000 GBP
    assert cuts == [("uk", "min", 57500, 55000, "total"), ("uk", "mid", 69000, 66000, "total"),
                    ("uk", "max", 80500, 77000, "total"), ("us", "min", 115000, 110000, "total"),
                    ("us", "mid", 138000, 132000, "total"), ("us", "max", 161000, 154000, "total")]
    lines = report(change).splitlines()
    at = lines.index("    ~ e1 variable: bonus target 0.15 -> bonus target 0.1")
    assert lines[at + 1:at + 3] == ["        e1 uk min (derived) on-target total: 57,500 -> 55,000 GBP (-2,500, -4.3%) decrease",
                                    "        e1 uk mid (derived) on-target total: 69,000 -> 66,000 GBP (-3,000, -4.3%) decrease"]
    assert "pay decreases 6" in lines[-1]


def test_removing_variable_pay_or_equity_is_a_pay_decrease(tmp_path):
    base, head = copies(tmp_path)
    with_variable(base, "e1", "variable: {kind: commission, mix: 50/50}")
    with_variable(base, "e2", "equity: {us: 10000}")
    with_variable(head, "e2", "equity: {us: 9000}")
    cuts = {(b.level, b.zone, b.amount) for b in diff(base, head).pay_decreases}
    assert {("e1", "us", "max"), ("e1", "uk", "min"), ("e2", "us", "min"), ("e2", "us", "max")} <= cuts


def test_a_cut_counts_once_where_base_and_total_both_fall(tmp_path):
    base, head = copies(tmp_path)
    with_variable(base, "e1", "variable: {kind: bonus, target: 0.15}")
    with_variable(head, "e1", "variable: {kind: bonus, target: 0.1}")
    edit(head / ENG, "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 100000, mid: 120000, max: 130000}")
    cuts = [(b.zone, b.amount, b.measure) for b in diff(base, head).pay_decreases if b.amount == "max"]
    assert sorted(cuts) == [("uk", "max", "base"), ("us", "max", "base")]  # the totals at max fell too: the same cut


def test_a_higher_base_for_a_lower_target_is_no_decrease_when_the_total_holds(tmp_path):
    base, head = copies(tmp_path)
    with_variable(base, "e1", "variable: {kind: commission, mix: 50/50}")  # 100,000 base: 200,000 on target
    with_variable(head, "e1", "variable: {kind: commission, mix: 80/20}")  # 160,000 base: 200,000 on target
    edit(head / ENG, "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 160000, mid: 192000, max: 224000}")
    change = diff(base, head)
    assert change.totals == () and change.pay_decreases == []


def test_a_ladder_that_compares_base_only_counts_base_only(tmp_path):
    base, head = copies(tmp_path)
    for root, target in ((base, "0.15"), (head, "0.1")):
        with_variable(root, "e1", f"variable: {{kind: bonus, target: {target}}}")
        edit(root / "ladder.yaml", "competencies:", "policy:\n  parity_measures: [base]\ncompetencies:")
    change = diff(base, head)
    assert change.beyond_base and change.totals == () and change.pay_decreases == []
