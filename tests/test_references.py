"""The findings about ids every resolution stage shares: R001 (unknown) and R002 (duplicate)."""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import Position
from ladderc.references import duplicates, unknown

AT = Position(Path("ladder.yaml"), 3, 5)


def test_unknown_is_r001_at_the_reference_with_the_closest_id_and_the_known_ones():
    found = unknown("zone", "usa", {"us": None, "uk": None}, AT)
    assert (found.code, found.rule, found.severity, found.line, found.column) == ("R001", "unknown-reference", "error", 3, 5)
    assert found.message == "unknown zone 'usa' (did you mean 'us'?)"
    assert found.hint == "define the zone or use one of: uk, us"


def test_unknown_lists_at_most_twelve_known_ids():
    found = unknown("grade", "x", [f"g{i:02}" for i in range(20)], AT)
    assert found.hint.endswith("g10, g11")


def test_duplicates_are_r002_after_the_first_also_by_case():
    first, second, third = (Position(Path("f.yaml"), line, 1) for line in (1, 2, 3))
    found = duplicates("level", [("e1", first), ("E1", second), ("e2", third), ("e1", third)])
    assert [(x.code, x.line) for x in found] == [("R002", 2), ("R002", 3)]
    assert found[0].message == "duplicate level id 'E1' (differs only by case from 'e1'); first defined at f.yaml:1:1"
    assert found[1].message == "duplicate level id 'e1'; first defined at f.yaml:1:1"


def test_distinct_ids_are_no_finding():
    assert duplicates("track", [("ic", AT), ("mgmt", AT)]) == []
