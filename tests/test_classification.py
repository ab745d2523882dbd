"""Classification and codes for HRIS: job_code, family group, zone country, FLSA and EEO-1, in every target."""

from __future__ import annotations

import json

from conftest import edit, run
from export_helpers import read_csv, read_hdl, read_sheet


def classify(ladder) -> None:
    edit(ladder / "ladder.yaml", "    currency: USD\n", "    currency: USD\n    country: US\n")
    family = ladder / "families" / "eng.yaml"
    edit(family, "  name: Engineering\n", "  name: Engineering\n  group: technology\n"
                                          "classification: {flsa: exempt, eeo1: professionals}\n")
    edit(family, "title: Engineer I\n", "title: Engineer I\n    job_code: ENG-IC-01\n"
                                        "    classification: {flsa: non-exempt, eeo1: technicians}\n")


def test_classification_and_codes_reach_every_target_with_a_place_for_them(minimal, tmp_path, capsys):
    classify(minimal)
    code, out, _ = run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "out"))
    assert code == 0, out
    out = tmp_path / "out" / "minimal"
    profiles = {p["Job Profile ID"]: p for p in read_sheet(out / "workday" / "Put_Job_Profile.xlsx")}
    assert (profiles["e1"]["Job Code"], profiles["e1"]["Job Exempt"], profiles["e1"]["Job Classification"]) == (
        "ENG-IC-01", "N", "technicians")
    assert (profiles["e2"]["Job Code"], profiles["e2"]["Job Exempt Country"], profiles["e2"]["Job Exempt"]) == ("e2", "US", "Y")
    groups = read_sheet(out / "workday" / "Put_Job_Family_Group.xlsx")
    assert [(g.get("Job Family Group ID"), g["Job Family"]) for g in groups] == [("technology", "eng")]
    hdl = read_hdl(out / "oracle-hdl" / "minimal.zip")
    assert {j["SourceSystemId"]: j["JobCode"] for j in hdl["Job.dat"]["Job"]}["JOB_e1"] == "ENG-IC-01"
    legislative = {r["JobId(SourceSystemId)"]: r for r in hdl["Job.dat"]["JobLegislative"]}
    assert (legislative["JOB_e1"]["LegislationCode"], legislative["JOB_e1"]["FlsaStatus"],
            legislative["JOB_e1"]["EeoJobCategory"]) == ("US", "NEX", "3")
    assert (legislative["JOB_e2"]["FlsaStatus"], legislative["JOB_e2"]["EeoJobCategory"]) == ("EX", "2")
    sf = out / "successfactors"
    assert "ENG-IC-01" in {j["externalCode"] for j in read_csv(sf / "FOJobCode.csv", 2)}
    usa = {r["externalCode"]: r for r in read_csv(sf / "FOJobClassLocalUSA.csv", 2)}
    assert (usa["ENG-IC-01"]["country"], usa["ENG-IC-01"]["flsaStatusUsa"], usa["e2"]["flsaStatusUsa"]) == ("USA", "N", "E")
    levels = {r["level"]: r for r in read_csv(out / "csv" / "levels.csv")}
    assert (levels["e1"]["job_code"], levels["e1"]["flsa"], levels["m3"]["eeo1"]) == ("ENG-IC-01", "non-exempt", "professionals")
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    assert [z["country"] for z in document["zones"]] == ["US", ""]
    assert document["families"][0]["group"] == "technology"


def test_without_a_us_zone_flsa_is_not_exported(minimal, tmp_path, capsys):
    classify(minimal)
    edit(minimal / "ladder.yaml", "    country: US\n", "    country: CA\n")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday,oracle-hdl,successfactors",
                       "-o", str(tmp_path / "out"))
    assert code == 0, out
    out = tmp_path / "out" / "minimal"
    assert all("Job Exempt" not in p for p in read_sheet(out / "workday" / "Put_Job_Profile.xlsx"))
    assert "JobLegislative" not in read_hdl(out / "oracle-hdl" / "minimal.zip")["Job.dat"]
    assert not (out / "successfactors" / "FOJobClassLocalUSA.csv").exists()


def test_classification_mistakes_are_positioned_findings(minimal, capsys):
    classify(minimal)
    edit(minimal / "families" / "eng.yaml", "flsa: non-exempt", "flsa: nonexempt")
    code, out, _ = run(capsys, "check", str(minimal))
    assert code == 1 and "eng.yaml:12:28: error S002" in out and "nonexempt" in out


def test_two_levels_with_one_job_code_are_r002(minimal, capsys):
    edit(minimal / "families" / "eng.yaml", "title: Engineer II\n", "title: Engineer II\n    job_code: e1\n")
    code, out, _ = run(capsys, "check", str(minimal))
    assert code == 1 and "error R002" in out and "duplicate job code id 'e1'" in out
