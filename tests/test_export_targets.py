"""Round trips: each target's files read back and reconciled with the model, row for row."""

from __future__ import annotations

import json
import re
import zipfile

import jsonschema
import orjson
import pytest
from conftest import ROOT, edit, run
from export_helpers import compiled, model_bands, number, read_csv, read_hdl, read_sheet

from ladderc.export.json_target import document
from ladderc.export.rows import pay_grades


@pytest.fixture
def exported(example, tmp_path, capsys):
    """The example ladder exported to every target: (ladder, ladder's export directory)."""
    code, out, _ = run(capsys, "export", str(example), "--all", "-o", str(tmp_path / "out"))
    assert code == 0, out
    return compiled(example), tmp_path / "out" / "example"


def test_json_validates_against_the_published_schema_and_is_lossless(exported):
    ladder, out = exported
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    validate_export(document)
    bands = sorted((lv["id"], zone, b["currency"], b["min"], b["mid"], b["max"])
                   for lv in document["levels"] for zone, b in lv["bands"].items())
    assert bands == model_bands(ladder)
    derived = {(lv["id"], zone) for lv in document["levels"] for zone, b in lv["bands"].items() if b["derived"]}
    assert derived == {(lv.id, z) for lv in ladder.levels.values() for z, b in lv.bands.items() if b.derived}
    assert ("se3", "uk") not in derived and ("se1", "uk") in derived  # se3 writes its UK band
    assert sorted((t["from"], t["to"], t["kind"], t["implied"]) for t in document["transitions"]) == sorted(
        (t.source, t.target, t.kind, t.implied) for t in ladder.transitions)
    ids = [lv["id"] for lv in document["levels"]]
    assert len(ids) == len(set(ids)) == len(ladder.levels) == 39
    assert ids[:9] == ["se1", "se2", "se3", "se4", "se5", "se6", "se7", "se8", "em1"]  # family, track, grade
    assert document["organisation"]["effective"] == "2026-01-01"


def validate_export(document: dict) -> None:
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(document)


def test_json_is_what_the_standard_library_encoder_writes(exported):
    ladder, out = exported
    written = (out / "json" / "ladder.json").read_bytes()
    stdlib = json.dumps(document(ladder), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert json.loads(written) == json.loads(stdlib)
    # Byte for byte too: the example has no float small enough for orjson to spell out (1e-05).
    assert written == stdlib.encode("utf-8")


def test_amounts_beyond_64_bits_export_through_the_standard_library_encoder(minimal, tmp_path, capsys):
    # Written amounts stop at 10**12; a chain of derived zones can pass 2**64 (P001 says so, here off).
    ladder = minimal / "ladder.yaml"
    ladder.write_text(ladder.read_text().replace(
        "factor: 0.5, round: 1000}", "factor: 1000000, round: 1}\n  - id: mars\n    name: Mars\n    currency: EUR\n"
        "    derive: {from: uk, factor: 1000, round: 1}").replace(
            "competencies:", "policy:\n  rules: {P001: off}\ncompetencies:", 1))
    family = minimal / "families" / "eng.yaml"
    family.write_text(re.sub(r"(\d{6})([,}])", r"\g<1>00000\2", family.read_text()))  # x 10**5: up to 2.16e10
    code, out, _ = run(capsys, "export", str(minimal), "--target", "json", "-o", str(tmp_path / "out"))
    assert code == 0, out
    with pytest.raises(orjson.JSONEncodeError):  # the fallback really is what wrote it
        orjson.dumps(document(compiled(minimal)))
    exported = json.loads((tmp_path / "out" / "minimal" / "json" / "ladder.json").read_text(encoding="utf-8"))
    validate_export(exported)
    e1 = next(lv for lv in exported["levels"] if lv["id"] == "e1")
    assert e1["bands"]["mars"] == {"min": 10**19, "mid": 12 * 10**18, "max": 14 * 10**18, "currency": "EUR",
                                   "frequency": "annual", "derived": True, "origin": "derived"}


def test_json_schema_rejects_a_band_without_derived_flag(exported):
    _, out = exported
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    del document["levels"][0]["bands"]["uk"]["derived"]
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="'derived' is a required property"):
        jsonschema.validate(document, schema)


def test_csv_tables_reconcile_with_the_model(exported):
    ladder, out = exported
    bands = read_csv(out / "csv" / "bands.csv")
    assert sorted((r["level"], r["zone"], r["currency"], number(r["min"]), number(r["mid"]), number(r["max"]))
                  for r in bands) == model_bands(ladder)
    assert {r["frequency"] for r in bands} == {"annual"}
    assert {(r["level"], r["zone"]) for r in bands if r["derived"] == "true"} == {
        (lv.id, z) for lv in ladder.levels.values() for z, b in lv.bands.items() if b.derived}
    levels = read_csv(out / "csv" / "levels.csv")
    assert sorted((r["level"], r["title"], r["grade"], r["track"]) for r in levels) == sorted(
        (lv.id, lv.title, lv.grade, lv.track) for lv in ladder.levels.values())
    transitions = read_csv(out / "csv" / "transitions.csv")
    assert sorted((r["from"], r["to"], r["kind"]) for r in transitions) == sorted(
        (t.source, t.target, t.kind) for t in ladder.transitions)
    expectations = read_csv(out / "csv" / "competencies.csv")
    assert sorted((r["level"], r["competency"], r["expectation"]) for r in expectations) == sorted(
        (lv.id, c, text) for lv in ladder.levels.values() for c, text in lv.expectations.items())


def test_csv_is_rfc4180_with_a_bom_only_under_excel(example, tmp_path, capsys):
    run(capsys, "export", str(example), "--target", "csv", "-o", str(tmp_path / "plain"))
    run(capsys, "export", str(example), "--target", "csv", "--excel", "-o", str(tmp_path / "excel"))
    plain = (tmp_path / "plain" / "example" / "csv" / "levels.csv").read_bytes()
    excel = (tmp_path / "excel" / "example" / "csv" / "levels.csv").read_bytes()
    assert plain.startswith(b"family,level,title,") and plain.count(b"\r\n") == 40
    assert excel == b"\xef\xbb\xbf" + plain


def test_workday_workbooks_reconcile_with_the_model(exported):
    from openpyxl import load_workbook

    ladder, out = exported
    book = load_workbook(out / "workday" / "Put_Job_Profile.xlsx")
    assert book.sheetnames == ["Put Job Profile"]
    header = [list(row) for row in book.worksheets[0].iter_rows(max_row=4, values_only=True)]
    assert header[0][0] == "Put Job Profile"  # business object, labels, restrictions, formats
    assert header[1][:5] == ["Spreadsheet Key", "Job Profile ID", "Effective Date", "Inactive", "Job Code"]
    assert header[2][0] == "Required" and header[3][2:4] == ["YYYY-MM-DD", "Y/N"]
    profiles = read_sheet(out / "workday" / "Put_Job_Profile.xlsx")
    _, grade_of = pay_grades(ladder)
    assert sorted((p["Job Code"], p["Job Title"], p["Job Level"], p["Job Family"], p["Compensation Grade"])
                  for p in profiles) == sorted(
        (lv.id, lv.title, lv.grade, lv.family, grade_of[lv.id].code) for lv in ladder.levels.values())
    assert {(p["Effective Date"], p["Inactive"]) for p in profiles} == {("2026-01-01", "N")}
    assert [p["Spreadsheet Key"] for p in profiles] == list(range(1, len(profiles) + 1))
    families = read_sheet(out / "workday" / "Put_Job_Family.xlsx")
    assert sorted(f["Job Family ID"] for f in families) == sorted(ladder.families)
    # One sheet: each grade row, then its profile rows under the grade's Spreadsheet Key.
    rows = read_sheet(out / "workday" / "Put_Compensation_Grade.xlsx")
    code_by_key = {r["Spreadsheet Key"]: r["Compensation Grade ID"] for r in rows if "Compensation Grade ID" in r}
    grade_profiles = [r for r in rows if "Compensation Grade ID" not in r]
    keys = [r["Spreadsheet Key"] for r in rows]
    assert keys == sorted(keys)  # children follow their parent
    by_grade_zone = {(code_by_key[p["Spreadsheet Key"]], p["Eligibility Rule"]): p for p in grade_profiles}
    assert len(by_grade_zone) == len(grade_profiles)  # one profile per grade × zone, no extras
    assert model_bands(ladder) == sorted(
        (lv.id, zone, p["Currency"], p["Minimum"], p["Midpoint"], p["Maximum"])
        for lv in ladder.levels.values() for zone in lv.bands
        for p in [by_grade_zone[(grade_of[lv.id].code, zone)]])
    assert {(p["Frequency"], p["Delete"], p["Profile Inactive"]) for p in grade_profiles} == {("Annual", "N", "N")}


def test_oracle_hdl_reconciles_with_the_model(exported):
    ladder, out = exported
    hdl = read_hdl(out / "oracle-hdl" / "example.zip")
    assert list(hdl) == ["JobFamily.dat", "Grade.dat", "GradeLadder.dat", "GradeRate.dat", "Job.dat"]
    jobs = hdl["Job.dat"]["Job"]
    # Without hris/oracle-hdl.yaml: the documented defaults (the ladder's ids, set code COMMON).
    assert {(j["SetCode"], j["ManagerLevel"]) for j in jobs} == {("COMMON", "ic"), ("COMMON", "mgmt")}
    assert {v["LegislativeDataGroupName"] for v in hdl["GradeRate.dat"]["GradeRateValue"]} == set(ladder.zones)
    ladder_rows = hdl["GradeLadder.dat"]["GradesInLadder"]
    grades, _ = pay_grades(ladder)
    assert [(r["GradeId(SourceSystemId)"], int(r["GradesInLadderSequence"])) for r in ladder_rows] == [
        (f"GRD_{g.code}", n) for n, g in enumerate(grades, start=1)]
    assert {r["GradeLadderId(SourceSystemId)"] for r in ladder_rows} == {
        g["SourceSystemId"] for g in hdl["GradeLadder.dat"]["GradeLadder"]} == {"GL_example"}
    assert sorted((j["JobCode"], j["Name"], j["JobFamilyId(SourceSystemId)"]) for j in jobs) == sorted(
        (lv.id, lv.title, f"JF_{lv.family}") for lv in ladder.levels.values())
    assert {j["EffectiveStartDate"] for j in jobs} == {"2026/01/01"}
    job_grade = {g["JobId(SourceSystemId)"]: g["GradeId(SourceSystemId)"] for g in hdl["Job.dat"]["JobGrade"]}
    currency = {r["SourceSystemId"]: r["CurrencyCode"] for r in hdl["GradeRate.dat"]["GradeRate"]}
    values = {(v["RateObjectId(SourceSystemId)"], v["RateId(SourceSystemId)"]): v
              for v in hdl["GradeRate.dat"]["GradeRateValue"]}
    assert len(values) == len(hdl["GradeRate.dat"]["GradeRateValue"])
    assert model_bands(ladder) == sorted(
        (lv.id, zone, currency[f"RATE_{zone}"], number(v["MinimumAmount"]), number(v["MidValueAmount"]),
         number(v["MaximumAmount"]))
        for lv in ladder.levels.values() for zone in lv.bands
        for v in [values[(job_grade[f"JOB_{lv.id}"], f"RATE_{zone}")]])
    with zipfile.ZipFile(out / "oracle-hdl" / "example.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_successfactors_csvs_reconcile_with_the_model(exported):
    ladder, out = exported
    sf = out / "successfactors"
    assert (sf / "FOPayRange.csv").read_text(encoding="utf-8").splitlines()[1].startswith("Pay Range ID,Start Date,Name,")
    ranges = read_csv(sf / "FOPayRange.csv", header_rows=2)
    jobs = read_csv(sf / "FOJobCode.csv", header_rows=2)
    # Employee Central looks a range up by company + pay grade + geozone: exactly one each.
    lookup = {(r["legalEntity"], r["payGrade"], r["geozone"]): r for r in ranges}
    assert len(lookup) == len(ranges)
    grade_of = {j["externalCode"]: j["grade"] for j in jobs}
    assert sorted((lv.id, zone, r["currency"], number(r["minimumPay"]), number(r["midPoint"]), number(r["maximumPay"]))
                  for lv in ladder.levels.values() for zone in lv.bands
                  for r in [lookup[(zone, grade_of[lv.id], zone)]]) == model_bands(ladder)
    assert {r["start-date"] for r in ranges} == {"01/01/2026"}
    grades = {g["externalCode"] for g in read_csv(sf / "FOPayGrade.csv", header_rows=2)}
    assert sorted(j["externalCode"] for j in jobs) == sorted(ladder.levels)
    assert {j["grade"] for j in jobs} == grades == {r["payGrade"] for r in ranges}


def test_successfactors_codes_and_names_fit_sfodata_limits_stably(minimal, tmp_path, capsys):
    # SFOData: externalCode and name at most 32 characters, description at most 128. A pay range's
    # code (`<pay grade>-<zone>`) is made by ladderc, so a long one is fitted, the same way on every
    # export, and the references to it stay whole.
    zone = "united-states-all-locations-hq"
    edit(minimal / "ladder.yaml", "  - id: us\n", f"  - id: {zone}\n")
    edit(minimal / "ladder.yaml", "from: us,", f"from: {zone},")
    edit(minimal / "families" / "eng.yaml", "      us: {", f"      {zone}: {{", count=-1)
    runs = []
    for n in (1, 2):
        code, out, _ = run(capsys, "export", str(minimal), "--target", "successfactors", "-o", str(tmp_path / f"o{n}"))
        assert code == 0, out
        sf = tmp_path / f"o{n}" / "minimal" / "successfactors"
        runs.append([read_csv(sf / name, header_rows=2) for name in ("FOPayGrade.csv", "FOPayRange.csv", "FOJobCode.csv")])
    assert runs[0] == runs[1]
    grades, ranges, jobs = runs[0]
    assert all(len(r["externalCode"]) <= 32 and len(r["name"]) <= 32 and len(r["description"]) <= 128
               for r in grades + ranges)
    fitted = [r["externalCode"] for r in ranges if r["geozone"] == zone]
    assert len(fitted) == 4 and all(len(c) == 32 and c.startswith("G") for c in fitted)
    assert len({r["externalCode"] for r in ranges}) == len(ranges)
    assert {j["grade"] for j in jobs} == {g["externalCode"] for g in grades} == {r["payGrade"] for r in ranges}


def test_lattice_bands_reconcile_with_the_model(exported):
    ladder, out = exported
    rows = read_csv(out / "lattice" / "compensation-bands.csv")
    title_of = {(lv.family, lv.title): lv.id for lv in ladder.levels.values()}
    family_id = {f.name: f.id for f in ladder.families.values()}
    zone_id = {z.name: z.id for z in ladder.zones.values()}  # pay zones go out under their names
    assert sorted((title_of[(family_id[r["Job function"]], r["Compensation Band Name"])], zone_id[r["Pay zone"]], r["Currency"],
                   number(r["Min base pay"]), number(r["Mid base pay"]), number(r["Max base pay"]))
                  for r in rows) == model_bands(ladder)


def test_pave_bands_reconcile_with_the_model_one_per_function_ladder_rank_and_payzone(exported):
    ladder, out = exported
    rows = read_csv(out / "pave" / "bands.csv")
    keys = {(r["Function"], r["Ladder"], r["Ladder Rank"], r["Payzone"]) for r in rows}
    matchers = {(r["Job Family"], r["Level"], r["Payzone"]) for r in rows}
    assert len(keys) == len(matchers) == len(rows)  # Pave refuses two bands for one key
    family_id = {f.name: f.id for f in ladder.families.values()}
    zone_id = {z.name: z.id for z in ladder.zones.values()}
    track_name = {t.id: t.name for t in ladder.tracks.values()}
    assert sorted((r["Level"], zone_id[r["Payzone"]], r["Currency"], number(r["Salary Min"]), number(r["Salary Mid"]),
                   number(r["Salary Max"])) for r in rows) == model_bands(ladder)
    for r in rows:
        level = ladder.levels[r["Level"]]
        assert (family_id[r["Function"]], r["Ladder"], int(r["Ladder Rank"])) == (
            level.family, track_name[level.track], level.grade_index + 1)


def test_pave_carries_variable_pay_where_the_ladder_has_it_and_only_then(exported, minimal, tmp_path, capsys):
    from ladderc.export.rows import total_pay

    ladder, out = exported  # the example's sales levels have commission plans, and no level has equity
    rows = read_csv(out / "pave" / "bands.csv")
    assert list(rows[0])[-4:] == ["Salary Max", "Variable Min", "Variable Mid", "Variable Max"]
    totals = total_pay(ladder)
    for r in rows:
        zone = next(z.id for z in ladder.zones.values() if z.name == r["Payzone"])
        extra = totals.get((r["Level"], zone))
        expected = ["", "", ""] if extra is None else [str(extra.variable_min), str(extra.variable_mid),
                                                       str(extra.variable_max)]
        assert [r["Variable Min"], r["Variable Mid"], r["Variable Max"]] == expected, r
    assert any(r["Variable Min"] for r in rows) and any(not r["Variable Min"] for r in rows)
    code, _, _ = run(capsys, "export", str(minimal), "--target", "pave", "-o", str(tmp_path / "plain"))
    assert code == 0
    assert list(read_csv(tmp_path / "plain" / "minimal" / "pave" / "bands.csv")[0])[-1] == "Salary Max"


def test_pay_grades_are_the_grades_where_every_level_shares_its_bands(minimal, example):
    grades, grade_of = pay_grades(compiled(minimal))
    assert [g.code for g in grades] == ["G1", "G2", "G3", "G4"]
    assert grade_of["m3"] is grade_of["e3"]
    grades, grade_of = pay_grades(compiled(example))
    # Sales managers have a higher base than the sellers beside them (the same on-target total).
    assert [g.code for g in grades if g.grade == "G5"] == ["G5-engineering", "G5-product-design", "G5-ae3", "G5-sm2"]
    assert grade_of["em2"].code == grade_of["se5"].code == "G5-engineering"
    edit(example / "families" / "engineering.yaml", "us-tier1: {min: 205000, mid: 243000, max: 282000}",
         "us-tier1: {min: 205000, mid: 244000, max: 282000}")
    _, grade_of = pay_grades(compiled(example))
    assert (grade_of["se5"].code, grade_of["em2"].code) == ("G5-se5", "G5-em2")


def test_shared_rows_are_computed_once_per_ladder_and_dropped_with_it(minimal):
    from ladderc.export import rows

    ladder = compiled(minimal)
    assert rows.band_rows(ladder) is rows.band_rows(ladder)
    assert rows.pay_grades(ladder) is rows.pay_grades(ladder)
    edit(minimal / "families" / "eng.yaml", "title: Engineer I\n", "title: Engineer One\n")
    edited = compiled(minimal)
    assert [r.level.title for r in rows.band_rows(edited)][:2] == ["Engineer One", "Engineer One"]
    assert [r.level.title for r in rows.band_rows(ladder)][:2] == ["Engineer I", "Engineer I"]
    key = id(ladder)
    del ladder
    assert key not in rows._computed  # a later ladder at the same address starts afresh


def test_json_carries_each_competencys_scope(minimal):
    edit(minimal / "ladder.yaml", "    tracks: [mgmt]\n", "    tracks: [mgmt]\n    families: [eng]\n")
    doc = document(compiled(minimal))
    validate_export(doc)
    assert [(c["id"], c["tracks"], c["families"]) for c in doc["competencies"]] == [
        ("craft", ["ic", "mgmt"], ["eng"]), ("people", ["mgmt"], ["eng"])]
