"""The resolver's stages after an error: later stages still check what they read, but build nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import check_json, edit, findings


def test_a_derivation_cycle_is_not_looked_for_after_a_duplicate_grade(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "grades: [G1, G2, G3, G4]", "grades: [G1, G2, G3, G4, g4]")
    edit(minimal / "ladder.yaml", "    currency: USD\n", "    currency: USD\n    derive: {from: uk, factor: 2}\n")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("R002", "ladder.yaml", 5, 26)])


def test_levels_are_still_checked_after_an_error_in_the_ladder_file(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "grades: [G1, G2, G3, G4]", "grades: [G1, G2, G3, G4, g4]")
    edit(minimal / "families/eng.yaml", "    track: ic\n", "    track: icc\n", count=1)
    code, found = check_json(capsys, minimal)
    assert [(x[0], x[1]) for x in findings(found)] == [("R001", "eng.yaml"), ("R002", "ladder.yaml")]
    assert found[0]["message"] == "unknown track 'icc' (did you mean 'ic'?)"
