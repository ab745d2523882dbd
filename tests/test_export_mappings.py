"""The tenant mappings of the Oracle, SuccessFactors, Lattice and Pave targets (`hris/<target>.yaml`)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ROOT, edit, run
from export_helpers import read_csv, read_hdl


def export(capsys, ladder, target, out):
    code, text, _ = run(capsys, "export", str(ladder), "--target", target, "-o", str(out))
    return code, text


def test_an_oracle_mapping_names_the_ldg_of_every_rate_line_the_set_code_and_manager_levels(minimal, tmp_path, capsys):
    (minimal / "hris").mkdir()
    (minimal / "hris" / "oracle-hdl.yaml").write_text(
        "legislative_data_groups: {us: US LDG, uk: UK LDG}\n"
        "manager_levels: {ic: IC, mgmt: MANAGER}\n"
        "set_code: ACME_SET\n")
    code, out = export(capsys, minimal, "oracle-hdl", tmp_path / "out")
    assert code == 0 and "E003" not in out, out
    hdl = read_hdl(tmp_path / "out" / "minimal" / "oracle-hdl" / "minimal.zip")
    rates = hdl["GradeRate.dat"]
    assert {r["SourceSystemId"]: r["LegislativeDataGroupName"] for r in rates["GradeRate"]} == {
        "RATE_us": "US LDG", "RATE_uk": "UK LDG"}
    assert {(v["RateId(SourceSystemId)"], v["LegislativeDataGroupName"]) for v in rates["GradeRateValue"]} == {
        ("RATE_us", "US LDG"), ("RATE_uk", "UK LDG")}
    jobs = hdl["Job.dat"]["Job"]
    assert {j["SetCode"] for j in jobs} == {g["SetCode"] for g in hdl["Grade.dat"]["Grade"]} == {
        g["GradeSetCode"] for g in hdl["GradeLadder.dat"]["GradeLadder"]} == {"ACME_SET"}
    assert {j["JobCode"]: j["ManagerLevel"] for j in jobs}["m3"] == "MANAGER"


def test_without_an_oracle_mapping_the_defaults_are_named_with_e003(minimal, tmp_path, capsys):
    code, out = export(capsys, minimal, "oracle-hdl", tmp_path / "out")
    assert code == 0
    assert "warning E003 export-mapping-missing: no oracle-hdl reference for 2 zone(s): us, uk" in out
    assert "hint: map them under `legislative_data_groups:` in hris/oracle-hdl.yaml" in out


def test_a_job_family_code_may_be_up_to_240_characters(minimal, tmp_path, capsys):
    edit(minimal / "families" / "eng.yaml", "id: eng", "id: " + "e" * 40)  # over the old limit of 30
    code, out = export(capsys, minimal, "oracle-hdl", tmp_path / "out")
    assert code == 0 and "E001" not in out, out
    families = read_hdl(tmp_path / "out" / "minimal" / "oracle-hdl" / "minimal.zip")["JobFamily.dat"]["JobFamily"]
    assert [f["JobFamilyCode"] for f in families] == ["e" * 40]


def test_a_successfactors_mapping_names_legal_entity_geozone_and_job_function(minimal, tmp_path, capsys):
    (minimal / "hris").mkdir()
    (minimal / "hris" / "successfactors.yaml").write_text(
        "legal_entities: {us: ACME_US, uk: ACME_UK}\n"
        "geozones: {us: GZ_US, uk: GZ_UK}\n"
        "job_functions: {eng: ENG}\n")
    code, out = export(capsys, minimal, "successfactors", tmp_path / "out")
    assert code == 0 and "E003" not in out, out
    sf = tmp_path / "out" / "minimal" / "successfactors"
    ranges = read_csv(sf / "FOPayRange.csv", header_rows=2)
    assert {(r["legalEntity"], r["geozone"], r["currency"]) for r in ranges} == {
        ("ACME_US", "GZ_US", "USD"), ("ACME_UK", "GZ_UK", "GBP")}
    assert {j["jobFunction"] for j in read_csv(sf / "FOJobCode.csv", header_rows=2)} == {"ENG"}


def test_lattice_and_pave_mappings_name_pay_zones_as_the_tenant_has_them(minimal, tmp_path, capsys):
    (minimal / "hris").mkdir()
    (minimal / "hris" / "lattice.yaml").write_text("pay_zones: {us: USA - All, uk: UK - London}\n")
    (minimal / "hris" / "pave.yaml").write_text(
        "functions: {eng: Software Engineering}\nladders: {ic: IC, mgmt: M}\npayzones: {us: US, uk: London}\n")
    code, out = export(capsys, minimal, "lattice,pave", tmp_path / "out")
    assert code == 0 and "E003" not in out, out
    lattice = read_csv(tmp_path / "out" / "minimal" / "lattice" / "compensation-bands.csv")
    assert {r["Pay zone"] for r in lattice} == {"USA - All", "UK - London"}
    pave = read_csv(tmp_path / "out" / "minimal" / "pave" / "bands.csv")
    assert {(r["Function"], r["Ladder"], r["Payzone"]) for r in pave} == {
        ("Software Engineering", track, z) for track in ("IC", "M") for z in ("US", "London")}


@pytest.mark.parametrize("target, file, text, expected", [
    ("oracle-hdl", "oracle-hdl.yaml", "legislative_data_groups: {usa: US LDG}\n",
     "hris/oracle-hdl.yaml:1:27: error E002 export-mapping: legislative_data_groups: 'usa' is not a zone of this ladder"),
    ("successfactors", "successfactors.yaml", "geozone: {us: GZ}\n",
     "hris/successfactors.yaml:1:1: error S002 schema: file: unknown key 'geozone' (did you mean 'geozones'?)"),
    ("pave", "pave.yaml", "functions: {egn: Eng}\n",
     "hris/pave.yaml:1:13: error E002 export-mapping: functions: 'egn' is not a family of this ladder (did you mean 'eng'?)"),
    ("lattice", "lattice.yaml", "pay_zones: {us: 42}\n",
     "hris/lattice.yaml:1:17: error S002 schema: pay_zones.us: 42 is a number, expected text"),
])
def test_a_bad_mapping_of_any_target_is_a_positioned_error_and_nothing_is_exported(
        minimal, tmp_path, capsys, target, file, text, expected):
    (minimal / "hris").mkdir()
    (minimal / "hris" / file).write_text(text)
    code, out = export(capsys, minimal, target, tmp_path / "out")
    assert code == 1
    assert expected in out
    assert not (tmp_path / "out").exists()


def test_a_mapping_outside_the_ladder_is_refused_unread(minimal, tmp_path, capsys):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("payzones: {us: Secret}\n")
    (minimal / "hris").mkdir()
    (minimal / "hris" / "pave.yaml").symlink_to(outside)
    code, out = export(capsys, minimal, "pave", tmp_path / "out")
    assert code in (1, 2) and "Secret" not in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["oracle-hdl", "successfactors", "lattice", "pave", "workday"])
def test_every_mapping_schema_is_a_valid_published_schema(target):
    schema = json.loads((ROOT / "schemas" / f"{target}-mapping.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"/{target}-mapping.schema.json")
