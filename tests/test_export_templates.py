"""Tenant templates: a Workday EIB or SuccessFactors import template kept in the ladder is filled by its fields."""

from __future__ import annotations

import csv

import pytest
from conftest import run
from export_helpers import read_sheet
from openpyxl import Workbook, load_workbook

HEADER = [
    ["Put Job Profile", None, None, None, None],
    ["Job Title", "Union Code", "Spreadsheet Key", "Job Code", "Inactive"],  # reordered, one unknown
    ["Required", "Optional", "Required", "Optional", "Optional"],
    ["Text", "Text", "Text", "Text", "Y/N"],
]


def template(ladder, header=HEADER, name="Put_Job_Profile.xlsx"):
    folder = ladder / "hris" / "templates" / "workday"
    folder.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    for row in header:
        book.active.append(row)
    book.save(folder / name)
    return folder / name


def test_a_template_with_reordered_and_unknown_columns_is_filled_by_label(minimal, tmp_path, capsys):
    template(minimal)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 0, out
    book = tmp_path / "out" / "minimal" / "workday" / "Put_Job_Profile.xlsx"
    rows = [list(r) for r in load_workbook(book).worksheets[0].iter_rows(values_only=True)]
    assert rows[:4] == HEADER  # the tenant's header rows, kept as they were
    profiles = read_sheet(book)
    assert [(p["Job Code"], p["Job Title"], p["Inactive"]) for p in profiles][:2] == [
        ("e1", "Engineer I", "N"), ("e2", "Engineer II", "N")]
    assert all("Union Code" not in p for p in profiles)  # a column ladderc does not know stays empty
    assert [p["Spreadsheet Key"] for p in profiles] == list(range(1, 7))
    # The workbooks without a template keep ladderc's own layout.
    assert read_sheet(tmp_path / "out" / "minimal" / "workday" / "Put_Job_Family.xlsx")[0]["Job Family ID"] == "eng"
    readme = (tmp_path / "out" / "minimal" / "workday" / "README.md").read_text(encoding="utf-8")
    assert "own templates" in readme and "`hris/templates/workday/Put_Job_Profile.xlsx`" in readme


def test_a_required_field_ladderc_cannot_fill_is_e004_and_nothing_is_exported(minimal, tmp_path, capsys):
    header = [row[:] for row in HEADER]
    header[2][1] = "Required"  # Union Code
    template(minimal, header)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1
    assert ("hris/templates/workday/Put_Job_Profile.xlsx:3:2: error E004 export-template-field-unfilled: "
            "Put_Job_Profile.xlsx requires 'Union Code', which ladderc cannot fill") in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content, expected", [
    (b"job title,job code\n", "is not a readable xlsx workbook"),
    (None, "has no row of field labels (no 'Spreadsheet Key' cell)"),
])
def test_an_unusable_template_is_e005(minimal, tmp_path, capsys, content, expected):
    path = template(minimal, [["Put Job Profile"], ["Job Code", "Job Title"]])
    if content is not None:
        path.write_bytes(content)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1 and "error E005 export-template: Put_Job_Profile.xlsx " + expected in out


def test_a_template_outside_the_ladder_is_refused_unread(minimal, tmp_path, capsys):
    outside = template(tmp_path / "elsewhere")
    folder = minimal / "hris" / "templates" / "workday"
    folder.mkdir(parents=True)
    (folder / "Put_Job_Profile.xlsx").symlink_to(outside)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1 and "outside the ladder; refused" in out


# -- SuccessFactors: import templates are CSV, field ids in the first row, labels in the second ---


def sf_template(ladder, rows, name="FOPayRange.csv"):
    folder = ladder / "hris" / "templates" / "successfactors"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(",".join(row) + "\r\n" for row in rows), encoding="utf-8-sig")
    return folder / name


SF_HEADER = [  # reordered, one label-only match (a renamed id), one custom field the tenant added
    ["payGrade", "externalCode", "cust_unionCode", "minimumPay", "maxPay", "start-date", "currency"],
    ["Pay Grade", "Pay Range ID", "Union Code", "Minimum Pay", "Maximum Pay", "Start Date", "Currency"],
]


def export_sf(capsys, ladder, tmp_path):
    code, out, _ = run(capsys, "export", str(ladder), "--target", "successfactors", "-o", str(tmp_path / "out"))
    return code, out, tmp_path / "out" / "minimal" / "successfactors"


def test_a_successfactors_template_is_filled_by_field_id_then_label(minimal, tmp_path, capsys):
    sf_template(minimal, SF_HEADER)
    code, out, folder = export_sf(capsys, minimal, tmp_path)
    assert code == 0, out
    with open(folder / "FOPayRange.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[:2] == SF_HEADER  # the tenant's two header rows, as they were
    assert rows[2:4] == [["G1", "G1-us", "", "100000", "140000", "01/01/2026", "USD"],
                         ["G1", "G1-uk", "", "50000", "70000", "01/01/2026", "GBP"]]
    assert len(rows) == 2 + 4 * 2  # one range per pay grade (4) and zone (2), as without a template
    # The files without a template keep ladderc's own layout; the README names the template filled.
    assert (folder / "FOJobCode.csv").read_text().startswith("externalCode,start-date,name,")
    assert "`hris/templates/successfactors/FOPayRange.csv`" in (folder / "README.md").read_text()


def test_a_successfactors_template_with_a_byte_order_mark_and_data_rows_keeps_only_its_headers(
        minimal, tmp_path, capsys):
    sf_template(minimal, SF_HEADER + [["OLD", "OLD-us", "U1", "1", "2", "01/01/2020", "USD"]])
    code, out, folder = export_sf(capsys, minimal, tmp_path)
    assert code == 0, out
    rows = (folder / "FOPayRange.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == ",".join(SF_HEADER[0]) and "OLD" not in "".join(rows)


def test_a_successfactors_field_the_tenant_marks_required_and_ladderc_cannot_fill_is_e004(
        minimal, tmp_path, capsys):
    header = [SF_HEADER[0], [label + "*" if label == "Union Code" else label for label in SF_HEADER[1]]]
    sf_template(minimal, header)
    code, out, folder = export_sf(capsys, minimal, tmp_path)
    assert code == 1
    assert ("hris/templates/successfactors/FOPayRange.csv:2:3: error E004 export-template-field-unfilled: "
            "FOPayRange.csv requires 'Union Code', which ladderc cannot fill") in out
    assert not (tmp_path / "out").exists()


def test_a_required_mark_on_a_field_ladderc_fills_is_satisfied(minimal, tmp_path, capsys):
    sf_template(minimal, [SF_HEADER[0], [label + "*" if label != "Union Code" else label for label in SF_HEADER[1]]])
    code, out, folder = export_sf(capsys, minimal, tmp_path)
    assert code == 0, out
    assert "G1,G1-us,,100000,140000,01/01/2026,USD" in (folder / "FOPayRange.csv").read_text()


@pytest.mark.parametrize("content, expected", [
    (b"\xff\xfeexternalCode\n", "is not a readable UTF-8 CSV file"),
    (b"Code,Start Date,Name\r\n", "has no row of field ids (no 'externalCode' cell in its first row)"),
    (b"", "has no row of field ids"),
])
def test_an_unusable_successfactors_template_is_e005(minimal, tmp_path, capsys, content, expected):
    sf_template(minimal, [["x"]], "FOJobCode.csv").write_bytes(content)
    code, out, _ = export_sf(capsys, minimal, tmp_path)
    assert code == 1 and "FOJobCode.csv:1:1: error E005 export-template: FOJobCode.csv " + expected in out
    assert not (tmp_path / "out").exists()
