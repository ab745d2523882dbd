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
        "eng", "us benchmark 200000 spread 0.85-1.2 round 1000", "us benchmark 210000 spread 0.85-1.2 round 1000")
    moved = {(b.level, b.zone, b.amount, b.old, b.new, b.origin) for b in formula.effects}
    assert ("e1", "us", "mid", 118000, 124000, "formula") in moved  # 210,000 × 0.59 = 123,900
    assert ("e1", "uk", "mid", 59000, 62000, "derived") in moved  # the derived zone follows
    assert not any(b.level in ("e3", "e4", "m3", "m4") for b in formula.effects)  # written bands win
    lines = report(change).splitlines()
    assert "  pay formulas" in lines
    assert ("    ~ eng pay_formula: us benchmark 200000 spread 0.85-1.2 round 1000"
            " -> us benchmark 210000 spread 0.85-1.2 round 1000") in lines
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
