"""`ladderc explain LEVEL`: where each band came from (written, pay formula, derived zone), with the numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, edit, run

from ladderc.band_origin import origins
from ladderc.compiler import compile_ladder
from ladderc.model import DERIVED, FORMULA, WRITTEN


@pytest.fixture
def full(tmp_path: Path, monkeypatch) -> Path:
    """The full fixture (as `full`, from its parent folder): a pay formula in us, uk and eu derived
    from us, variable pay and equity on e1."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "full", tmp_path / "full")
    return Path("full")


def test_a_written_band_names_its_line_and_the_total_and_equity_follow(full, capsys):
    code, out, err = run(capsys, "explain", "e1", str(full), "--zone", "us")
    assert code == 0, err
    file = "full/families/eng.yaml"
    assert out.splitlines()[0].startswith("e1 Engineer I (Engineering, grade G1, track ic) at ")
    assert (f"us: 100,000 / 120,000 / 140,000 USD a year (min / mid / max, written)\n"
            f"  written at {file}:29:11\n"
            f"  on-target total: 120,000 / 142,000 / 164,000 USD = base × (1 + 0.1) (bonus target 10%) + equity 10,000\n"
            f"  equity: 10,000 USD a year, written at {file}:25:18\n") in out
    assert "uk:" not in out and "eu:" not in out  # --zone us: us only (it derives from nothing)


def test_a_formula_band_shows_benchmark_grade_factor_spread_and_rounding(full, capsys):
    code, out, _ = run(capsys, "explain", "e2", str(full), "--zone", "us")
    assert code == 0
    assert ("us: 117,000 / 138,000 / 158,000 USD a year (min / mid / max, formula)\n"
            f"  formula: the pay_formula of family 'eng' ({full}/families/eng.yaml), as the level writes no band in us\n"
            "  mid = benchmark 160,000 × grade factor 0.86 (G2) = 137,600\n"
            "  min = mid × 0.85 = 116,960; max = mid × 1.15 = 158,240\n"
            "  each rounded to 1,000 USD: 117,000 / 138,000 / 158,000 USD\n") in out


def test_a_derived_band_shows_its_source_factor_and_rounding_and_the_source_band(full, capsys):
    code, out, _ = run(capsys, "explain", "e2", str(full), "--zone", "uk")
    assert code == 0
    assert ("uk: 59,000 / 69,000 / 79,000 GBP a year (min / mid / max, derived)\n"
            f"  derived from us × 0.5, rounded to 1,000 (zone 'uk' derive at {full}/ladder.yaml:27:13)\n"
            "  117,000 / 138,000 / 158,000 USD × 0.5 = 58,500 / 69,000 / 79,000 GBP → 59,000 / 69,000 / 79,000 GBP\n"
            ) in out
    assert out.index("us: 117,000") < out.index("uk: 59,000") and "eu:" not in out  # the zone it derives from


def test_the_amounts_explained_are_the_models_for_every_level_and_zone(full):
    ladder = compile_ladder(full).ladder
    kinds = set()
    for level in ladder.levels.values():
        found = origins(ladder, level)
        assert [(o.zone, o.band) for o in found] == list(level.bands.items())
        for o in found:
            kinds.add(o.kind)
            if o.kind != WRITTEN:  # the last step's rounded amounts are the band's own
                assert o.steps[-1].endswith(" / ".join(f"{getattr(o.band, p):,}" for p in ("min", "mid", "max"))
                                            + f" {ladder.zones[o.zone].currency}")
    assert kinds == {WRITTEN, FORMULA, DERIVED}


def test_an_hourly_band_derives_to_the_minor_unit(full, capsys):
    family = full / "families" / "eng.yaml"
    edit(family, "    title: Engineer II\n", "    title: Engineer II\n    classification: {pay_rate: hourly}\n"
                                                  "    pay: {us: {min: 40.5, mid: 45, max: 51.25}}\n")
    code, out, err = run(capsys, "explain", "e2", str(full), "--zone", "uk")
    assert code == 0, err
    assert "us: 40.5 / 45 / 51.25 USD an hour (min / mid / max, written)" in out
    assert "derived from us × 0.5, rounded to 0.01 (the minor unit: the band is hourly)" in out
    assert "× 0.5 = 20.25 / 22.5 / 25.625 GBP → 20.25 / 22.5 / 25.63 GBP" in out


def test_an_unknown_level_is_one_line_exit_2_with_a_did_you_mean(full, capsys):
    code, out, err = run(capsys, "explain", "e22", str(full))
    assert code == 2 and out == ""
    assert err == "ladderc: unknown rule or level 'e22' (did you mean 'e2'?)\n"


def test_an_unknown_zone_is_exit_2_with_a_did_you_mean(full, capsys):
    code, _, err = run(capsys, "explain", "e1", str(full), "--zone", "ukk")
    assert code == 2 and err == f"ladderc: unknown zone 'ukk' in {full} (did you mean 'uk'?)\n"


def test_rules_still_win_and_an_unknown_rule_outside_any_ladder_says_how_to_name_one(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "explain", "P003")
    assert code == 0 and out.startswith("P003 pay-parity")
    code, _, err = run(capsys, "explain", "pay-parit")
    assert code == 2 and err.startswith("ladderc: unknown rule 'pay-parit' (did you mean 'pay-parity'?)")
    assert "ladderc explain LEVEL PATH" in err
