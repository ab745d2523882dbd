"""`ladderc export`: all-or-nothing output, spreadsheet safety, determinism, mappings, limits."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import edit, run
from export_helpers import read_csv, read_hdl, read_sheet

from ladderc import export as export_package
from ladderc.guard import MARKER

HYPERLINK = '=HYPERLINK("http://x","y")'


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file of an export but ladderc's marker (tests/test_disk_safety.py covers that)."""
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.relative_to(directory).as_posix() != MARKER}


def test_export_writes_every_target_and_lists_the_files(minimal, tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "out"))
    assert code == 0
    assert sorted(snapshot(tmp_path / "out")) == [
        "manifest.json",
        "minimal/csv/bands.csv", "minimal/csv/competencies.csv", "minimal/csv/levels.csv",
        "minimal/csv/requirements.csv", "minimal/csv/transitions.csv",
        "minimal/json/ladder.json",
        "minimal/lattice/README.md", "minimal/lattice/compensation-bands.csv",
        "minimal/oracle-hdl/README.md", "minimal/oracle-hdl/minimal.zip",
        "minimal/pave/README.md", "minimal/pave/bands.csv",
        "minimal/postings/postings.csv", "minimal/postings/postings.jsonld", "minimal/postings/snippets/uk.html",
        "minimal/postings/snippets/us.html",
        "minimal/successfactors/FOJobCode.csv", "minimal/successfactors/FOPayGrade.csv",
        "minimal/successfactors/FOPayRange.csv", "minimal/successfactors/README.md",
        "minimal/workday/Put_Compensation_Grade.xlsx", "minimal/workday/Put_Job_Family.xlsx",
        "minimal/workday/Put_Job_Profile.xlsx", "minimal/workday/README.md",
    ]
    assert f"wrote {(tmp_path / 'out').as_posix()}/minimal/csv/bands.csv\n" in out
    assert out.endswith(f"exported 1 ladder(s) to 8 target(s): 25 file(s) in {(tmp_path / 'out').as_posix()}/\n")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["targets"] == ["json", "csv", "workday", "oracle-hdl", "successfactors", "lattice", "pave",
                                  "postings"]
    assert len(manifest["files"]) == 24
    readme = (tmp_path / "out" / "minimal" / "workday" / "README.md").read_text(encoding="utf-8")
    assert readme.index("Put_Job_Family.xlsx") < readme.index("Put_Job_Profile.xlsx") < readme.index(
        "Put_Compensation_Grade.xlsx")


def test_target_list_picks_only_those_targets(minimal, tmp_path, capsys):
    code, _, _ = run(capsys, "export", str(minimal), "--target", "lattice,json", "-o", str(tmp_path / "out"))
    assert code == 0
    assert sorted(snapshot(tmp_path / "out")) == ["manifest.json", "minimal/json/ladder.json",
                                                 "minimal/lattice/README.md", "minimal/lattice/compensation-bands.csv"]


def test_unknown_target_is_a_usage_error_with_a_suggestion(minimal, tmp_path, capsys):
    code, _, err = run(capsys, "export", str(minimal), "--target", "workdya", "-o", str(tmp_path / "out"))
    assert code == 2
    assert "unknown export target 'workdya' (did you mean 'workday'?)" in err
    assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "export", str(minimal), "-o", str(tmp_path / "out"))
    assert code == 2 and "--target NAME[,NAME...] or --all" in err


def test_two_runs_are_byte_identical(example, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    run(capsys, "export", str(example), "--all", "-o", str(tmp_path / "one"))
    run(capsys, "export", str(example), "--all", "-o", str(tmp_path / "two"))
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one == two and len(one) == 27
    with zipfile.ZipFile(tmp_path / "one" / "example" / "workday" / "Put_Job_Profile.xlsx") as book:
        assert {info.date_time for info in book.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    terms = "{http://purl.org/dc/terms/}"
    stamps = {child.tag: child.text for child in ElementTree.fromstring(core) if child.tag.startswith(terms)}
    assert stamps == {terms + "created": "2026-01-01T00:00:00Z", terms + "modified": "2026-01-01T00:00:00Z"}


def test_jobs_run_targets_in_worker_processes_that_write_what_one_process_writes(example, tmp_path, capsys):
    outputs = {}
    for jobs in ("1", "2"):
        code, out, _ = run(capsys, "export", str(example), "--all", "--jobs", jobs, "-o", str(tmp_path / jobs))
        assert code == 0
        outputs[jobs] = (out.replace((tmp_path / jobs).as_posix(), "OUT"), snapshot(tmp_path / jobs))
    (out_1, files_1), (out_2, files_2) = outputs["1"], outputs["2"]
    assert out_1 == out_2 and sorted(files_1) == sorted(files_2) and len(files_1) == 27
    for name in files_1:
        assert files_1[name] == files_2[name], name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_1_runs_targets_here_and_more_in_worker_processes(minimal, tmp_path, capsys, monkeypatch, jobs):
    from ladderc.export.parallel import can_fork

    def where(ladder, directory, settings):
        directory.mkdir(parents=True)
        (directory / "pid").write_text(str(os.getpid()))
        return []

    export_package.all_targets()
    monkeypatch.setitem(export_package._TARGETS, "lattice", export_package.Target("lattice", "where", where))
    assert run(capsys, "export", str(minimal), "--target", "lattice,json", "--jobs", jobs, "-o", str(tmp_path / "out"))[0] == 0
    pid = int((tmp_path / "out" / "minimal" / "lattice" / "pid").read_text())
    assert (pid == os.getpid()) == (jobs == "1" or not can_fork())  # no fork (Windows): one by one


def test_formula_text_is_neutralised_in_spreadsheets_and_verbatim_in_machine_formats(minimal, tmp_path, capsys):
    edit(minimal / "families" / "eng.yaml", "title: Engineer I\n", f"title: '{HYPERLINK}'\n")
    edit(minimal / "families" / "eng.yaml", "title: Engineer II\n", "title: '#N/A'\n")
    code, _, _ = run(capsys, "export", str(minimal), "--all", "-o", str(tmp_path / "out"))
    assert code == 0
    out = tmp_path / "out" / "minimal"
    quoted = "'" + HYPERLINK
    assert [r["title"] for r in read_csv(out / "csv" / "levels.csv") if r["level"] == "e1"] == [quoted]
    assert {r["Compensation Band Name"] for r in read_csv(out / "lattice" / "compensation-bands.csv")
            if r["Job level"] == "G1"} == {quoted}
    assert [r["name"] for r in read_csv(out / "successfactors" / "FOJobCode.csv", 2) if r["externalCode"] == "e1"] == [quoted]
    assert [r["Title"] for r in read_csv(out / "pave" / "bands.csv") if r["Level"] == "e1"] == [quoted, quoted]
    from openpyxl import load_workbook

    sheet = load_workbook(out / "workday" / "Put_Job_Profile.xlsx")["Put Job Profile"]
    code, title = 4, 5  # the columns of Job Code and Job Title
    cell = next(row[title] for row in sheet.iter_rows(min_row=5) if row[code].value == "e1")
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")  # a string cell is never a formula: no quote
    cell = next(row[title] for row in sheet.iter_rows(min_row=5) if row[code].value == "e2")
    assert (cell.value, cell.data_type) == ("#N/A", "s")  # text, not Excel's error value
    amounts = [c for row in load_workbook(out / "workday" / "Put_Compensation_Grade.xlsx").worksheets[0].iter_rows(
        min_row=5) for c in row if isinstance(c.value, (int, float))]
    assert amounts and all(c.data_type == "n" for c in amounts)
    document = json.loads((out / "json" / "ladder.json").read_text(encoding="utf-8"))
    assert [lv["title"] for lv in document["levels"] if lv["id"] == "e1"] == [HYPERLINK]
    jobs = read_hdl(out / "oracle-hdl" / "minimal.zip")["Job.dat"]["Job"]
    assert [j["Name"] for j in jobs if j["JobCode"] == "e1"] == [HYPERLINK]


def test_every_kind_of_cell_is_neutralised_as_neutralise_says():
    from ladderc.export.spreadsheet import neutralise, neutralised

    row = ["plain", "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "", "'x", True, False, 0, 12, -3, 1.5, None, "#N/A"]
    # `neutralised` changes the row it is given in place, so each call gets its own copy.
    assert [(type(c), c) for c in neutralised(list(row))] == [(type(c), c) for c in map(neutralise, row)]
    assert neutralised(list(row)) == ["plain", "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "", "'x",
                                      "true", "false", 0, 12, -3, 1.5, None, "#N/A"]


@pytest.mark.parametrize("text", ["\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", " =1+1", "  +1", "\t -1",
                                  " \uff1dSUM(A1)", "\u3000=1", "\u00a0@x", " \t =1"])
def test_full_width_operators_and_blanks_before_any_operator_are_neutralised(text):
    from ladderc.export.spreadsheet import neutralise, neutralised

    assert neutralise(text) == "'" + text
    assert neutralised([text]) == ["'" + text]


@pytest.mark.parametrize("text", [" plain", "\u3000text", " 1", "a=b", "x-1", "\uff21"])
def test_blanks_before_plain_text_leave_it_alone(text):
    from ladderc.export.spreadsheet import neutralise, neutralised

    assert neutralise(text) == text
    assert neutralised([text]) == [text]


def test_xlsx_text_is_written_verbatim_as_string_cells(minimal, tmp_path, capsys):
    """Workday received `'- bullet one`: the CSV quote prefix had leaked into the string cells."""
    edit(minimal / "families" / "eng.yaml", "title: Engineer I\n",
         "title: Engineer I\n    summary: '- bullet one'\n")
    edit(minimal / "families" / "eng.yaml", "title: Engineer II\n", "title: ' =1+1'\n")
    assert run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))[0] == 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "out/minimal/workday/Put_Job_Profile.xlsx")["Put Job Profile"]
    cells = {c.value: c.data_type for row in sheet.iter_rows(min_row=5) for c in row if c.value is not None}
    assert cells["- bullet one"] == "s" and cells[" =1+1"] == "s"
    assert not any(isinstance(v, str) and v.startswith("'") for v in cells)


def test_numbers_stay_numbers_in_csv(minimal, tmp_path, capsys):
    run(capsys, "export", str(minimal), "--target", "csv", "-o", str(tmp_path / "out"))
    text = (tmp_path / "out" / "minimal" / "csv" / "bands.csv").read_bytes().decode("utf-8")
    assert "eng,e1,G1,ic,us,USD,annual,100000,120000,140000,false,written,,,,,,,,,,\r\n" in text
    assert "eng,e1,G1,ic,uk,GBP,annual,50000,60000,70000,true,derived,,,,,,,,,,\r\n" in text


def test_hdl_escapes_pipes_backslashes_and_keeps_them_as_data(minimal, tmp_path, capsys):
    edit(minimal / "families" / "eng.yaml", "title: Engineer I", 'title: "Engineer | I \\\\ A"')
    run(capsys, "export", str(minimal), "--target", "oracle-hdl", "-o", str(tmp_path / "out"))
    with zipfile.ZipFile(tmp_path / "out" / "minimal" / "oracle-hdl" / "minimal.zip") as archive:
        job = archive.read("Job.dat").decode("utf-8")
    assert "|e1|Engineer \\| I \\\\ A|JF_eng|ic|A\n" in job
    jobs = read_hdl(tmp_path / "out" / "minimal" / "oracle-hdl" / "minimal.zip")["Job.dat"]["Job"]
    assert [j["Name"] for j in jobs if j["JobCode"] == "e1"] == ["Engineer | I \\ A"]


def test_hdl_newlines_are_escaped():
    from ladderc.export.oracle_hdl import escape, unescape_fields

    assert escape("two\nlines|x") == "two\\nlines\\|x"
    assert unescape_fields("MERGE|" + escape("two\nlines|x")) == ["MERGE", "two\nlines|x"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_oracle_limits_are_reported_not_truncated(minimal, tmp_path, capsys, jobs):
    long_id = "e" + "1" * 30  # 31 characters: a valid ladder id, too long for an Oracle JobCode
    edit(minimal / "families" / "eng.yaml", "- id: e1\n", f"- id: {long_id}\n")
    code, out, _ = run(capsys, "export", str(minimal), "--all", "--jobs", jobs, "-o", str(tmp_path / "out"))
    assert code == 1
    assert (f"eng.yaml:5:5: error E001 export-field-too-long: JobCode '{long_id}' is 31 characters; "
            "Oracle HCM allows 30\n  hint: shorten it to at most 30 characters: the code is the level's id (give the level "
            "a shorter `job_code`, or rename it and the transitions that name it)\n") in out
    assert out.endswith("nothing exported: fix the errors above first\n")
    assert not (tmp_path / "out").exists()


def test_a_ladder_with_errors_exports_nothing_and_keeps_the_old_export(minimal, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "export", str(minimal), "--all", "-o", str(out))[0] == 0
    before = snapshot(out)
    edit(minimal / "families" / "eng.yaml", "title: Engineer I", "tilte: Engineer I")
    code, text, _ = run(capsys, "export", str(minimal), "--all", "-o", str(out))
    assert code == 1
    assert "eng.yaml:5:5: error S002 schema: levels[0]: missing required key 'title'" in text
    assert "nothing exported" in text
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "out"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failure_mid_export_leaves_the_old_export_and_no_litter(minimal, tmp_path, capsys, monkeypatch, jobs):
    out = tmp_path / "out"
    assert run(capsys, "export", str(minimal), "--all", "-o", str(out))[0] == 0
    before = snapshot(out)
    edit(minimal / "families" / "eng.yaml", "title: Engineer I", "title: Engineer One")

    def broken(ladder, directory, settings):
        (directory / "half-written.csv").parent.mkdir(parents=True)
        (directory / "half-written.csv").write_text("family,level\n")
        raise OSError(28, "No space left on device")

    export_package.all_targets()
    monkeypatch.setitem(export_package._TARGETS, "lattice", export_package.Target("lattice", "broken", broken))
    code, _, err = run(capsys, "export", str(minimal), "--all", "--jobs", jobs, "-o", str(out))
    assert code == 2
    assert err == f"ladderc: could not write {out}: No space left on device; {out} is unchanged\n"
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "out"]


def test_refuses_to_replace_a_directory_that_is_not_an_export(minimal, tmp_path, capsys):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "export", str(minimal), "--all", "-o", str(precious))
    assert code == 2
    assert f"{precious} is not empty and was not written by ladderc (no valid .ladderc-output)" in err
    assert (precious / "notes.txt").read_text() == "keep me"


def test_without_a_workday_mapping_ids_default_with_one_warning_per_section(minimal, tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 0
    assert ("ladder.yaml:1:1: warning E003 export-mapping-missing: no workday reference for 1 family(s): eng; "
            "exported under the ladder's own id\n  hint: map them under `job_families:` in hris/workday.yaml\n") in out
    assert "no workday reference for 2 track(s): ic, mgmt" in out
    assert "no workday reference for 2 zone(s): us, uk" in out
    profiles = read_sheet(tmp_path / "out" / "minimal" / "workday" / "Put_Job_Profile.xlsx")
    assert {(p["Job Family"], p["Management Level"]) for p in profiles} == {("eng", "ic"), ("eng", "mgmt")}


def test_a_workday_mapping_supplies_tenant_ids(minimal, tmp_path, capsys):
    (minimal / "hris").mkdir()
    (minimal / "hris" / "workday.yaml").write_text(
        "job_families: {eng: JF_ENGINEERING}\n"
        "management_levels: {ic: Individual_Contributor, mgmt: Manager}\n"
        "level_management_levels: {m4: Director}\n"
        "job_levels: {G1: JL_1, G2: JL_2, G3: JL_3, G4: JL_4}\n"
        "compensation_element: Base_Salary\n"
        "eligibility_rules: {us: ELIG_US, uk: ELIG_UK}\n")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 0 and "E003" not in out
    book = tmp_path / "out" / "minimal" / "workday"
    profiles = read_sheet(book / "Put_Job_Profile.xlsx")
    assert {(p["Job Code"], p["Job Family"], p["Management Level"], p["Job Level"]) for p in profiles} == {
        ("e1", "JF_ENGINEERING", "Individual_Contributor", "JL_1"), ("e2", "JF_ENGINEERING", "Individual_Contributor", "JL_2"),
        ("e3", "JF_ENGINEERING", "Individual_Contributor", "JL_3"), ("e4", "JF_ENGINEERING", "Individual_Contributor", "JL_4"),
        ("m3", "JF_ENGINEERING", "Manager", "JL_3"), ("m4", "JF_ENGINEERING", "Director", "JL_4")}
    grade_rows = read_sheet(book / "Put_Compensation_Grade.xlsx")
    rules = {(p["Eligibility Rule"], p["Compensation Element"]) for p in grade_rows if "Eligibility Rule" in p}
    assert rules == {("ELIG_US", "Base_Salary"), ("ELIG_UK", "Base_Salary")}
    families = read_sheet(book / "Put_Job_Family.xlsx")
    assert [(f["Job Family ID"], f["Name"], f["Inactive"]) for f in families] == [("JF_ENGINEERING", "Engineering", "N")]


@pytest.mark.parametrize("mapping, expected", [
    ("job_families: {egn: JF_ENG}\n",
     "hris/workday.yaml:1:16: error E002 export-mapping: job_families: 'egn' is not a family of this ladder "
     "(did you mean 'eng'?)\n  hint: map one of: eng\n"),
    ("job_families:\n  eng: 42\n",
     "hris/workday.yaml:2:8: error S002 schema: job_families.eng: 42 is a number, expected text"),
    ("job_family: {eng: JF_ENG}\n",
     "hris/workday.yaml:1:1: error S002 schema: file: unknown key 'job_family' (did you mean 'job_families'?)"),
    ("- eng\n", "hris/workday.yaml:1:1: error E002 export-mapping: workday.yaml must be a mapping of sections to ids"),
])
def test_a_bad_workday_mapping_is_a_positioned_error(minimal, tmp_path, capsys, mapping, expected):
    (minimal / "hris").mkdir()
    (minimal / "hris" / "workday.yaml").write_text(mapping)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1
    assert expected in out
    assert not (tmp_path / "out").exists()


def test_export_findings_are_in_the_rule_catalogue(capsys):
    code, out, _ = run(capsys, "explain", "E001")
    assert code == 0 and out.startswith("E001 export-field-too-long (default: error)\n")
    code, out, _ = run(capsys, "rules")
    assert "E003  export-mapping-missing   warning  " in out


def test_a_generated_grade_code_too_long_for_oracle_says_how_it_was_made(minimal, tmp_path, capsys):
    label = "G" * 28  # a valid grade label; with "-e3" the generated code is 31 characters
    for name in ("ladder.yaml", "families/eng.yaml"):
        path = minimal / name
        path.write_text(path.read_text(encoding="utf-8").replace("G3", label), encoding="utf-8")
    # m3 and e3 share the grade with different bands: the grade splits by level
    edit(minimal / "families/eng.yaml", "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m4",
         "us: {min: 132000, mid: 161000, max: 188000}\n  - id: m4")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "oracle-hdl", "-o", str(tmp_path / "out"))
    assert code == 1
    assert (f"error E001 export-field-too-long: GradeCode '{label}-e3' is 31 characters; Oracle HCM allows 30\n"
            f"  hint: shorten it to at most 30 characters: the code is generated, the grade label and the level id "
            f"(its family has two band sets there), because the levels at {label} do not all have the same bands; "
            f"shorten the grade label or 'e3', or give the levels at {label} the same bands, which makes the code "
            f"'{label}'\n") in out
