"""Variable pay, equity and on-target totals in the exports: json (schema 1.1), csv and Lattice."""

from __future__ import annotations

import csv
import json

import jsonschema
from conftest import ROOT, edit, run

ENG = "families/eng.yaml"


def sales_like(minimal):
    """e2 on a 90/10 commission with equity; m3 on a 10% bonus (e3 too, so parity holds)."""
    edit(minimal / ENG, "  - id: e2\n", "  - id: e2\n    variable: {kind: commission, mix: 90/10}\n    equity: {us: 5001}\n")
    for level in ("e3", "m3"):
        edit(minimal / ENG, f"  - id: {level}\n", f"  - id: {level}\n    variable: {{kind: bonus, target: 0.1}}\n")
    return minimal


def export(capsys, ladder, target, out):
    code, _, err = run(capsys, "export", str(ladder), "--target", target, "-o", str(out))
    assert code == 0, err
    return out / ladder.name / target


def test_json_carries_variable_equity_totals_and_origin(capsys, minimal, tmp_path):
    doc = json.loads((export(capsys, sales_like(minimal), "json", tmp_path / "out") / "ladder.json").read_text())
    jsonschema.validate(doc, json.loads((ROOT / "schemas" / "export.schema.json").read_text()))
    assert (doc["export_format"], doc["export_version"]) == (1, "1.1")
    e2 = next(lv for lv in doc["levels"] if lv["id"] == "e2")
    assert e2["variable"] == {"kind": "commission", "mix": "90/10", "target": 1 / 9}
    assert e2["equity"] == {"uk": {"amount": 3000, "currency": "GBP", "derived": True},  # 2,500.5 rounded to 1,000
                            "us": {"amount": 5001, "currency": "USD", "derived": False}}
    assert e2["bands"]["us"] == {"min": 114000, "mid": 138000, "max": 162000, "currency": "USD", "frequency": "annual",
                                 "derived": False, "origin": "written",
                                 "variable": {"min": 12666.67, "mid": 15333.33, "max": 18000},
                                 "total": {"min": 131667.67, "mid": 158334.33, "max": 185001}}
    e1 = next(lv for lv in doc["levels"] if lv["id"] == "e1")
    assert (e1["variable"], e1["equity"], "total" in e1["bands"]["us"]) == (None, {}, False)
    assert doc["policy"]["parity_measures"] == ["base", "total"]


def test_csv_bands_carry_origin_variable_equity_and_total(capsys, minimal, tmp_path):
    path = export(capsys, sales_like(minimal), "csv", tmp_path / "out") / "bands.csv"
    rows = {(r["level"], r["zone"]): r for r in csv.DictReader(path.open(encoding="utf-8"))}
    e2 = rows[("e2", "uk")]
    assert (e2["origin"], e2["variable_kind"], e2["variable_mix"], e2["equity"], e2["total_min"], e2["total_max"]) == \
        ("derived", "commission", "90/10", "3000", "66333.33", "93000")  # 57,000 × 10/9 + 3,000; 81,000 × 10/9 + 3,000
    assert (rows[("e3", "us")]["variable_min"], rows[("e3", "us")]["total_max"]) == ("13200", "206800")
    assert rows[("e1", "us")]["total_min"] == ""


def test_lattice_fills_its_variable_pay_and_bonus_target_columns(capsys, minimal, tmp_path):
    path = export(capsys, sales_like(minimal), "lattice", tmp_path / "out") / "compensation-bands.csv"
    rows = {(r["Compensation Band Name"], r["Pay zone"]): r for r in csv.DictReader(path.open(encoding="utf-8"))}
    senior = rows[("Senior Engineer", "United States")]
    assert (senior["Min variable pay"], senior["Max variable pay"], senior["Bonus target"]) == ("13200", "18800", "10")
    commission = rows[("Engineer II", "United States")]
    assert (commission["Mid variable pay"], commission["Bonus target"]) == ("15333.33", "")  # a commission is no bonus
    assert rows[("Engineer I", "United States")]["Min variable pay"] == ""
