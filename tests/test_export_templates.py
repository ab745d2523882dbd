"""Tenant templates: a Workday EIB template kept in the ladder is filled by its field labels."""

from __future__ import annotations

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


def test_a_required_field_ladderc_cannot_fill_is_e004_and_nothing_is_exported(minimal, tmp_path, capsys):
    header = [row[:] for row in HEADER]
    header[2][1] = "Required"  # Union Code
    template(minimal, header)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1
    assert ("hris/templates/workday/Put_Job_Profile.xlsx:1:1: error E004 export-template-field-unfilled: "
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
