"""Resolution: references (R001), duplicate ids (R002), derivation cycles (R003), derived bands."""

from __future__ import annotations

from pathlib import Path

from conftest import OPS, check_json, edit, findings

from ladderc.compiler import compile_ladder


def test_unknown_grade_is_r001_with_did_you_mean(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "grade: G2", "grade: G22")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert findings(found) == [("R001", "eng.yaml", 15, 12)]
    assert found[0]["message"] == "unknown grade 'G22' (did you mean 'G2'?)"


def test_unknown_level_in_a_transition_is_r001(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "  - from: m4\n    to: e4", "  - from: m4\n    to: e44")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R001", "eng.yaml", 66, 9)]
    assert found[0]["message"] == "unknown level 'e44' (did you mean 'e4'?)"


def test_unknown_requirement_zone_track_and_competency_are_r001(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "requires: [training]", "requires: [trianing]")
    edit(minimal / "families/eng.yaml", "      us: {min: 100000", "      usa: {min: 100000")
    edit(minimal / "families/eng.yaml", "      craft: Ships features.", "      crafts: Ships features.")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R001", "eng.yaml", 12, 7), ("R001", "eng.yaml", 18, 7), ("R001", "eng.yaml", 59, 16)]
    assert [x["message"] for x in found] == [
        "unknown zone 'usa' (did you mean 'us'?)",
        "unknown competency 'crafts' (did you mean 'craft'?)",
        "unknown requirement 'trianing' (did you mean 'training'?)",
    ]


def test_expectation_for_a_competency_of_another_track_is_r001(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "      craft: Ships features.", "      craft: Ships features.\n      people: Mentors.")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R001", "eng.yaml", 19, 7)]
    assert "competency 'people' does not apply to track 'ic'" in found[0]["message"]


def test_expectation_for_a_competency_of_another_family_is_r001_at_its_key(capsys, minimal: Path):
    (minimal / "families/ops.yaml").write_text(OPS, encoding="utf-8")
    edit(minimal / "ladder.yaml", "    name: Craft\n", "    name: Craft\n    families: [eng]\n")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("R001", "ops.yaml", 10, 7)])
    assert found[0]["message"] == "competency 'craft' does not apply to family 'ops' (it applies to: eng)"
    assert found[0]["hint"] == "remove the expectation or add 'ops' to the competency's families"


def test_unknown_family_of_a_competency_is_r001_with_did_you_mean(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "    name: Craft\n", "    name: Craft\n    families: [eng, engg]\n")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("R001", "ladder.yaml", 24, 21)])
    assert found[0]["message"] == "unknown family 'engg' (did you mean 'eng'?)"


def test_a_competency_applies_to_every_family_and_track_unless_scoped(minimal: Path):
    (minimal / "families/ops.yaml").write_text(OPS, encoding="utf-8")
    edit(minimal / "ladder.yaml", "    tracks: [mgmt]\n", "    tracks: [mgmt]\n    families: [eng]\n")
    competencies = compile_ladder(minimal).ladder.competencies
    assert (competencies["craft"].tracks, competencies["craft"].families) == (("ic", "mgmt"), ("eng", "ops"))
    assert (competencies["people"].tracks, competencies["people"].families) == (("mgmt",), ("eng",))


def test_duplicate_level_id_differing_by_case_is_r002(capsys, minimal: Path):
    edit(minimal / "families/eng.yaml", "  - id: e2\n", "  - id: e1\n")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R002", "eng.yaml", 13, 9)]
    assert "duplicate level id 'e1'; first defined at" in found[0]["message"]


def test_duplicate_ids_across_families_are_r002(capsys, minimal: Path):
    text = (minimal / "families/eng.yaml").read_text()
    (minimal / "families/ops.yaml").write_text(text.replace("id: eng", "id: ops").split("  - id: e2")[0])
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R002", "ops.yaml", 5, 9)]


def test_grades_differing_only_by_case_are_r002(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "grades: [G1, G2, G3, G4]", "grades: [G1, G2, G3, G4, g4]")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R002", "ladder.yaml", 5, 26)]
    assert found[0]["message"].startswith("duplicate grade id 'g4' (differs only by case from 'G4')")


def test_derivation_cycle_is_r003(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "    currency: USD\n", "    currency: USD\n    derive: {from: uk, factor: 2}\n")
    code, found = check_json(capsys, minimal)
    assert findings(found) == [("R003", "ladder.yaml", 17, 20)]
    assert found[0]["message"] == "zones derive from each other in a cycle: us -> uk -> us"


def test_derived_bands_are_computed_with_decimal_half_up_rounding(minimal: Path):
    edit(minimal / "ladder.yaml", "factor: 0.5, round: 1000", "factor: 0.625, round: 1000")
    ladder = compile_ladder(minimal).ladder
    uk = ladder.levels["e1"].bands["uk"]
    # 100000 × 0.625 = 62500 → 63000 (half up); 120000 × 0.625 = 75000; 140000 × 0.625 = 87500 → 88000
    assert (uk.min, uk.mid, uk.max, uk.derived) == (63000, 75000, 88000, True)
    assert ladder.levels["e1"].bands["us"].derived is False


def test_a_band_written_in_a_derived_zone_overrides_the_derivation(minimal: Path):
    edit(minimal / "families/eng.yaml", "      us: {min: 100000, mid: 120000, max: 140000}",
         "      us: {min: 100000, mid: 120000, max: 140000}\n      uk: {min: 51000, max: 71000}")
    band = compile_ladder(minimal).ladder.levels["e1"].bands["uk"]
    assert (band.min, band.mid, band.max, band.derived) == (51000, 61000, 71000, False)


def test_entry_levels_default_to_the_lowest_of_each_track(minimal: Path):
    ladder = compile_ladder(minimal).ladder
    assert sorted(lv.id for lv in ladder.levels.values() if lv.entry) == ["e1", "m3"]


def test_implied_promotions_follow_grade_order_and_listed_ones_add(minimal: Path):
    ladder = compile_ladder(minimal).ladder
    edges = {(t.source, t.target, t.kind, t.implied) for t in ladder.transitions}
    assert edges == {
        ("e1", "e2", "promotion", True), ("e2", "e3", "promotion", True), ("e3", "e4", "promotion", True),
        ("m3", "m4", "promotion", True), ("e3", "m3", "switch", False), ("m3", "e3", "switch", False),
        ("m4", "e4", "switch", False),
    }
