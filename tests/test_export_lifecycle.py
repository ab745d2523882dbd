"""Lifecycle: what the replaced export held and the ladder no longer has, loaded as inactive; first loads."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import E4, edit, run
from export_helpers import read_csv, read_hdl, read_sheet

M4 = """  - id: m4
    track: mgmt
    grade: G4
    title: Director
    expectations:
      craft: Guides architecture.
      people: Grows managers.
    pay:
      us: {min: 152000, mid: 184000, max: 216000}
"""
M4_TO_E4 = """  - from: m4
    to: e4
    kind: switch
    criteria: Any time, at no loss of pay.
"""


def remove_g4(ladder) -> None:
    """Remove both G4 levels (e4, m4): one alone would leave the tracks of unequal height."""
    for text in (E4, M4, M4_TO_E4):
        edit(ladder / "families" / "eng.yaml", text, "")


def export(capsys, ladder, out, *options):
    code, text, err = run(capsys, "export", str(ladder), "--all", "-o", str(out), *options)
    assert code == 0, text + err
    return out / ladder.name


def test_a_removed_level_is_an_inactivation_in_every_vendor_target(minimal, tmp_path, capsys):
    export(capsys, minimal, tmp_path / "out")
    remove_g4(minimal)
    out = export(capsys, minimal, tmp_path / "out")  # replaces the export that held e4
    profiles = {p["Job Code"]: p for p in read_sheet(out / "workday" / "Put_Job_Profile.xlsx")}
    assert (profiles["e4"]["Inactive"], profiles["e4"]["Job Title"]) == ("Y", "Staff Engineer")
    assert {code for code, p in profiles.items() if p["Inactive"] == "N"} == {"e1", "e2", "e3", "m3"}
    assert profiles["m4"]["Inactive"] == "Y"
    grades = {g["Compensation Grade ID"]: g["Inactive"] for g in read_sheet(out / "workday" / "Put_Compensation_Grade.xlsx")
              if "Compensation Grade ID" in g}
    assert grades == {"G1": "N", "G2": "N", "G3": "N", "G4": "Y"}  # the pay grade went with its levels
    hdl = read_hdl(out / "oracle-hdl" / "minimal.zip")
    jobs = {j["JobCode"]: j for j in hdl["Job.dat"]["Job"]}
    assert jobs["e4"]["ActiveStatus"] == "I" and jobs["e3"]["ActiveStatus"] == "A"
    assert {g["GradeCode"]: g["ActiveStatus"] for g in hdl["Grade.dat"]["Grade"]}["G4"] == "I"
    assert "GRD_G4" not in {r["GradeId(SourceSystemId)"] for r in hdl["GradeLadder.dat"]["GradesInLadder"]}
    sf = {j["externalCode"]: j["status"] for j in read_csv(out / "successfactors" / "FOJobCode.csv", 2)}
    assert sf["e4"] == "I" and sf["e3"] == "A"
    assert {g["externalCode"]: g["status"] for g in read_csv(out / "successfactors" / "FOPayGrade.csv", 2)}["G4"] == "I"
    # Lattice and Pave replace their band set on upload: the level simply has no band any more.
    assert not [r for r in read_csv(out / "pave" / "bands.csv") if r["Level"] == "e4"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "e4" not in manifest["records"]["minimal"]["levels"]


def test_a_removed_family_is_inactive_and_previous_names_the_export_replaced(minimal, tmp_path, capsys):
    shutil.copy(minimal / "families" / "eng.yaml", minimal / "families" / "ops.yaml")
    for old, new in [("id: eng", "id: ops"), ("name: Engineering", "name: Operations")]:
        edit(minimal / "families" / "ops.yaml", old, new)
    for level in ("e1", "e2", "e3", "e4", "m3", "m4"):
        edit(minimal / "families" / "ops.yaml", f" {level}\n", f" o{level}\n", count=-1)
    export(capsys, minimal, tmp_path / "loaded")
    (minimal / "families" / "ops.yaml").unlink()
    out = export(capsys, minimal, tmp_path / "fresh", "--previous", str(tmp_path / "loaded"))
    families = {f["Job Family ID"]: f["Inactive"] for f in read_sheet(out / "workday" / "Put_Job_Family.xlsx")}
    assert families == {"eng": "N", "ops": "Y"}
    hdl = read_hdl(out / "oracle-hdl" / "minimal.zip")
    assert {f["JobFamilyCode"]: f["ActiveStatus"] for f in hdl["JobFamily.dat"]["JobFamily"]} == {"eng": "A", "ops": "I"}
    assert {j["JobCode"] for j in hdl["Job.dat"]["Job"] if j["ActiveStatus"] == "I"} == {
        "oe1", "oe2", "oe3", "oe4", "om3", "om4"}


def test_an_initial_load_is_dated_apart_from_the_effective_date_and_retires_nothing(minimal, tmp_path, capsys):
    export(capsys, minimal, tmp_path / "out")
    remove_g4(minimal)
    out = export(capsys, minimal, tmp_path / "out", "--initial-load")
    profiles = read_sheet(out / "workday" / "Put_Job_Profile.xlsx")
    assert {(p["Effective Date"], p["Inactive"]) for p in profiles} == {("1900-01-01", "N")}
    jobs = read_hdl(out / "oracle-hdl" / "minimal.zip")["Job.dat"]["Job"]
    assert {j["EffectiveStartDate"] for j in jobs} == {"1900/01/01"} and "e4" not in {j["JobCode"] for j in jobs}
    out = export(capsys, minimal, tmp_path / "other", "--initial-load", "2020-07-01")
    assert {j["start-date"] for j in read_csv(out / "successfactors" / "FOJobCode.csv", 2)} == {"07/01/2020"}


def test_lifecycle_usage_mistakes_are_exit_2(minimal, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:  # argparse's usage error, from the date options' one parser
        run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "o"), "--initial-load", "1.1.1900")
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "argument --initial-load: expected a date as YYYY-MM-DD, got '1.1.1900'" in err
    code, _, err = run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "o"), "--previous", str(tmp_path))
    assert code == 2 and "no manifest.json there" in err
