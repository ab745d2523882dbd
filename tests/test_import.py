"""`ladderc import`: spreadsheets in, a ladder `ladderc check` reads out; every finding at its cell.

Everything runs through the real CLI entry point. The messy workbook is built here with openpyxl
the way HR sheets are: merged header cells, blank rows, currency-formatted numbers, "$120,000" text.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, FIXTURES, ROOT, examples, run

from ladderc.compiler import compile_ladder
from ladderc.diff import compare

openpyxl = pytest.importorskip("openpyxl")

TEMPLATE = ROOT / "docs" / "ladder-template.xlsx"


def write_csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def finding_lines(out: str) -> list[str]:
    """`file:line:column: severity CODE rule: message` lines, file names only."""
    return [Path(line.split(":", 1)[0]).name + ":" + line.split(":", 1)[1]
            for line in out.splitlines() if " I00" in line and not line.startswith(" ")]


# -- the template ---------------------------------------------------------------------------------


def test_template_is_the_committed_copy_and_imports_clean(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "import", "--template", "levels.xlsx")
    assert code == 0 and "wrote levels.xlsx" in out
    assert (tmp_path / "levels.xlsx").read_bytes() == TEMPLATE.read_bytes(), \
        "docs/ladder-template.xlsx is stale: run ladderc import --template docs/ladder-template.xlsx"
    code, out, _ = run(capsys, "import", "levels.xlsx", "-o", "ladders/acme")
    assert code == 0, out
    assert "2 file(s) checked, no problems" in out
    assert "tracks: ic (individual, inferred from 'IC'), management (management, inferred from 'Management')" in out
    ladder = load(tmp_path / "ladders/acme/ladder.yaml")
    assert ladder["grades"] == ["G1", "G2", "G3"]
    assert ladder["zones"] == [{"id": "us", "name": "US", "currency": "USD"}]
    assert {c["id"]: c.get("tracks") for c in ladder["competencies"]} == {
        "craft": None, "impact": None, "people-development": ["management"]}
    header = (tmp_path / "ladders/acme/families/engineering.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header == "# Imported by `ladderc import` from levels.xlsx!Levels rows 2-5."


def test_csv_template_imports_with_its_transitions_file(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "import", "--template", "levels.csv")
    assert code == 0 and "wrote levels-transitions.csv" in out
    code, out, _ = run(capsys, "import", "levels.csv", "levels-transitions.csv", "-o", "ladders/acme")
    assert code == 0, out
    family = load(tmp_path / "ladders/acme/families/engineering.yaml")
    assert [t["from"] + ">" + t["to"] for t in family["transitions"]] == ["se3>em1", "em1>se3"]


def test_template_needs_a_spreadsheet_suffix_and_a_new_file(capsys, tmp_path: Path):
    code, _, err = run(capsys, "import", "--template", str(tmp_path / "levels.txt"))
    assert code == 2 and "must end in .xlsx or .csv" in err
    (tmp_path / "levels.xlsx").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "import", "--template", str(tmp_path / "levels.xlsx"))
    assert code == 2 and "already exists" in err
    assert (tmp_path / "levels.xlsx").read_text(encoding="utf-8") == "mine"


def test_check_does_not_import_openpyxl():
    # openpyxl is the import command's alone; `ladderc check` in a pre-commit hook should not load it.
    script = ("import sys; from ladderc.cli import main; code = main(['check', sys.argv[1]]); "
              "print(code, 'openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 False"


# -- a messy workbook -----------------------------------------------------------------------------


def messy_workbook(path: Path) -> Path:
    """Merged header cells over one or two rows, a family merged down its rows, blank rows,
    currency-formatted numbers and currency text, and columns ladderc leaves out."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ladder 2026"
    top = ["Job Family", "Career Track", "Level", "Job Title", "Role summary", "Craft", "US", None, None,
           "UK salary", None, "OTE", "Notes"]
    below = [None, None, None, None, None, None, "Minimum", "Midpoint", "Maximum", "Min", "Max", None, None]
    sheet.append(top)
    sheet.append(below)
    for column in "ABCDEFLM":  # vertically merged headers: the value sits in row 1 only
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("G1:I1")
    sheet.merge_cells("J1:K1")
    sheet.append([])  # a blank row under the header
    rows = [
        ["Engineering", "Individual contributor", 1, "Engineer", "Ships small changes.", "Writes tests.",
         100000, 120000, 140000, "£62,000", "£87k", 0.1, "new in 2026"],
        ["Engineering", "Individual contributor", 2, "Senior Engineer", "Owns features.", "Designs features.",
         "$120,000", "$143,000", "$166,000", "74 400 £", "103 000 £", None, None],
        [],
        ["Engineering", "People manager", 2, "Engineering Manager", "Leads a team.", "Sets standards.",
         120000, 143000, 166000, 74400, 103000, None, None],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A4:A7")  # one family over its rows: the value sits in A4 only
    for cell in ("G4", "H4", "I4", "G7", "H7", "I7"):
        sheet[cell].number_format = '"$"#,##0'
    for cell in ("J7", "K7"):
        sheet[cell].number_format = "[$£-809]#,##0"
    book.save(path)
    return path


def test_a_messy_workbook_imports_to_the_expected_ladder(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    messy_workbook(tmp_path / "levels.xlsx")
    code, out, _ = run(capsys, "import", "levels.xlsx", "-o", "ladders/acme", "--name", "Acme",
                       "--effective", "2026-01-01")
    assert "levels.xlsx:1:12: warning I003 import-column-ignored: Ladder 2026!L1: column 'OTE' recognised as " \
           "on-target earnings, which ladderc computes from base pay, variable pay and equity; left out\n" \
           "  hint: give the variable pay as a kind with a target (Bonus target 15%) or a mix (Pay mix 50/50)" in out
    assert "levels.xlsx:1:13: warning I003 import-column-ignored: Ladder 2026!M1: column 'Notes' is not part of " \
           "a ladder; left out" in out
    assert load(tmp_path / "ladders/acme/ladder.yaml") == {
        "format": 1,
        "organisation": {"name": "Acme", "effective": __import__("datetime").date(2026, 1, 1)},
        "grades": ["1", "2"],
        "tracks": [{"id": "individual-contributor", "name": "Individual contributor", "kind": "individual"},
                   {"id": "people-manager", "name": "People manager", "kind": "management"}],
        "zones": [{"id": "us", "name": "US", "currency": "USD"}, {"id": "uk", "name": "UK", "currency": "GBP"}],
        "competencies": [{"id": "craft", "name": "Craft"}],
    }
    assert load(tmp_path / "ladders/acme/families/engineering.yaml") == {
        "family": {"id": "engineering", "name": "Engineering"},
        "levels": [
            {"id": "engineer", "track": "individual-contributor", "grade": "1", "title": "Engineer",
             "summary": "Ships small changes.", "expectations": {"craft": "Writes tests."},
             "pay": {"us": {"min": 100000, "mid": 120000, "max": 140000}, "uk": {"min": 62000, "max": 87000}}},
            {"id": "senior-engineer", "track": "individual-contributor", "grade": "2", "title": "Senior Engineer",
             "summary": "Owns features.", "expectations": {"craft": "Designs features."},
             "pay": {"us": {"min": 120000, "mid": 143000, "max": 166000}, "uk": {"min": 74400, "max": 103000}}},
            {"id": "engineering-manager", "track": "people-manager", "grade": "2", "title": "Engineering Manager",
             "summary": "Leads a team.", "expectations": {"craft": "Sets standards."},
             "pay": {"us": {"min": 120000, "mid": 143000, "max": 166000}, "uk": {"min": 74400, "max": 103000}}},
        ],
    }
    text = (tmp_path / "ladders/acme/ladder.yaml").read_text(encoding="utf-8")
    assert "grades: ['1', '2']" in text  # quoted, so they reload as grade labels, not numbers
    assert "ladderc check ladders/acme:" in out
    # The first run already shows what the ladder lacks: the manager has no way back to IC.
    assert "G006" in out and code == 1


def test_the_same_sheet_imports_to_the_same_bytes(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    messy_workbook(tmp_path / "levels.xlsx")
    run(capsys, "import", "levels.xlsx", "-o", "one", "--effective", "2026-01-01")
    run(capsys, "import", "levels.xlsx", "-o", "two", "--effective", "2026-01-01")
    for name in ("ladder.yaml", "families/engineering.yaml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


# -- a plain csv, and the options -----------------------------------------------------------------

LEVELS = [["Family", "Track", "Grade", "Title", "Summary", "Salary min", "Salary max"],
          ["Sales", "IC", "L1", "Account Executive", "Sells.", "50000", "70000"],
          ["Sales", "IC", "L2", "Senior Account Executive", "Sells more.", "60000", "84000"],
          ["Sales", "Manager", "L2", "Sales Manager", "Leads sellers.", "60000", "84000"]]


def test_a_csv_imports_with_the_currency_given(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--currency", "eur")
    assert "zones: base (EUR, assumed from --currency)" in out, out
    ladder = load(tmp_path / "out/ladder.yaml")
    assert ladder["zones"] == [{"id": "base", "name": "Base pay", "currency": "EUR"}]
    assert [t["kind"] for t in ladder["tracks"]] == ["individual", "management"]
    levels = load(tmp_path / "out/families/sales.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["account-executive", "senior-account-executive", "sales-manager"]
    assert levels[0]["pay"] == {"base": {"min": 50000, "max": 70000}}


def test_grades_given_set_the_order_and_refuse_others(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(out_dir), "--currency", "EUR", "--grades", "L0,L1,L2")
    assert load(out_dir / "ladder.yaml")["grades"] == ["L0", "L1", "L2"]
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "other"), "--currency", "EUR",
                       "--grades", "L1")
    assert code == 1 and not (tmp_path / "other").exists()
    assert "levels.csv:3:3: error I002 import-structure: C3: grade 'L2' is not one of --grades L1" in out


def test_a_mapping_names_odd_columns_and_track_kinds(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", [
        ["Org", "Ladder", "Band", "Role", "Pay floor (London)", "Pay ceiling (London)", "Engineering skills",
         "Internal notes"],
        ["Eng", "Track A", "B1", "Engineer", "40000", "60000", "Builds things.", "hire 2"],
        ["Eng", "Track B", "B1", "Lead", "40000", "60000", "Leads builders.", ""]])
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  org: family\n  BAND: grade\n"
                       "  Pay floor (London): {zone: London, amount: min, currency: GBP}\n"
                       "  pay ceiling london: {zone: London, amount: max}\n"
                       "  Engineering skills: {competency: Craft}\n  internal-notes: ignore\n"
                       "tracks:\n  Track A: individual\n  track b: management\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--map", str(mapping))
    assert "tracks: track-a (individual, given in --map), track-b (management, given in --map)" in out, out
    assert finding_lines(out) == []  # a column the mapping leaves out is left out without a word
    ladder = load(tmp_path / "out/ladder.yaml")
    assert ladder["zones"] == [{"id": "london", "name": "London", "currency": "GBP"}]
    assert ladder["competencies"] == [{"id": "craft", "name": "Craft"}]
    level = load(tmp_path / "out/families/eng.yaml")["levels"][0]
    assert level["pay"] == {"london": {"min": 40000, "max": 60000}}


def test_a_bad_mapping_is_a_schema_finding_at_its_line(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  Salary min: salary\ntracks:\n  IC: contributor\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--map", str(mapping))
    assert code == 1 and not (tmp_path / "out").exists()
    assert "mapping.yaml:2:15: error S002" in out and "mapping.yaml:4:7: error S002" in out, out


# -- bad sheets: every finding at its cell, and nothing written -----------------------------------


def test_every_bad_cell_is_reported_at_its_cell_and_nothing_is_written(capsys, tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in [["Family", "Track", "Grade", "Title", "US min (USD)", "US max (USD)", "Job code", "Equity"],
                ["Eng", "IC", "G1", "Engineer", 100000, 140000, "ENG 1", 1000],
                ["Eng", "IC", "G2", "Engineer II", "TBC", "100-120k", None, None],
                ["Eng", "Track B", "G3", "Staff Engineer", 150000, 200000, None, None],
                ["Eng", "IC", "G1", "engineer", 100000, 140000, None, None],
                ["Eng", "IC", "G4", None, 100000, "€140,000", None, None],
                ["Eng", "IC", "G4", "Principal", 180000, None, None, None]]:
        sheet.append(row)
    other = book.create_sheet("Sheet2")
    other.append(["Family", "Position", "Name"])
    other.append(["Eng", "IC", "Engineer"])
    book.save(tmp_path / "levels.xlsx")
    code, out, _ = run(capsys, "import", str(tmp_path / "levels.xlsx"), "-o", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out").exists()
    lines = finding_lines(out)
    expected = [
        "levels.xlsx:1:1: error I002 import-structure: Sheet2!A1: sheet 'Sheet2' has no track or grade column",
        "levels.xlsx:2:7: error I001 import-cell: Sheet1!G2: 'ENG 1' is not a job code (letters, digits, '_', '.' "
        "and '-', at most 30)",
        "levels.xlsx:3:5: error I001 import-cell: Sheet1!E3: 'TBC' is not an amount",
        "levels.xlsx:3:6: error I001 import-cell: Sheet1!F3: '100-120k' is not an amount",
        "levels.xlsx:4:2: error I002 import-structure: Sheet1!B4: cannot tell whether track 'Track B' is "
        "individual or management",
        "levels.xlsx:5:4: error I002 import-structure: Sheet1!D5: 'engineer' is already a title of family 'eng' "
        "at grade G1 (Sheet1!D2)",
        "levels.xlsx:6:4: error I001 import-cell: Sheet1!D6: a level needs a title; this row has none",
        "levels.xlsx:7:5: error I002 import-structure: Sheet1!E7: level 'Principal' has a band in zone 'us' "
        "without a max",
    ]
    assert len(lines) == len(expected), "\n".join(lines)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), f"{line!r} does not start with {start!r}"
    assert "nothing written to" in out


def test_a_currency_that_contradicts_its_zone_is_reported_at_the_cell(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "US min", "US max"],
        ["Eng", "IC", "G1", "Engineer", "$100,000", "£140,000"]])
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"))
    assert code == 1
    assert finding_lines(out) == ["levels.csv:2:6: error I001 import-cell: F2: '£140,000' is in GBP, but zone 'us' "
                                  "is in USD (E2)"]


def test_a_zone_without_a_currency_is_reported_at_its_header(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", [["Family", "Track", "Grade", "Title", "US min", "US max"],
                                                ["Eng", "IC", "G1", "Engineer", "100000", "140000"]])
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"))
    assert code == 1
    assert finding_lines(out) == ["levels.csv:1:5: error I002 import-structure: E1: cannot tell the currency of "
                                  "zone 'US'"]


@pytest.mark.parametrize("name, content, says", [
    ("missing.xlsx", None, "does not exist"),
    ("broken.xlsx", b"not a zip", "is not a readable .xlsx workbook"),
    ("levels.txt", b"Family,Track\n", "is not a .csv or .xlsx file"),
    ("latin1.csv", "Family,Track,Grade,Title\nIngénierie,IC,G1,Ingénieur\n".encode("latin-1"), "is not UTF-8"),
    ("empty.csv", b"", "no levels found"),
])
def test_unreadable_input_exits_2_and_writes_nothing(capsys, tmp_path: Path, name, content, says):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, out, err = run(capsys, "import", str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert code == 2 and says in err and "nothing written" in err, err
    assert not (tmp_path / "out").exists()


def test_a_folder_that_is_not_an_earlier_import_is_refused(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--currency", "EUR")
    assert code == 2 and "not written by ladderc" in err
    assert (tmp_path / "out" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_an_earlier_import_is_replaced_but_not_once_edited(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    out_dir = tmp_path / "out"
    for _ in range(2):  # the ladder has findings (no way back from management): exit 1, written
        code, out, _ = run(capsys, "import", str(sheet), "-o", str(out_dir), "--currency", "EUR")
        assert code == 1 and "G006" in out and (out_dir / "families" / "sales.yaml").is_file()
    (out_dir / "families" / "sales.yaml").write_text("# my edit\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(sheet), "-o", str(out_dir), "--currency", "EUR")
    assert code == 2 and "was changed since ladderc wrote it (families/sales.yaml)" in err
    assert (out_dir / "families" / "sales.yaml").read_text(encoding="utf-8") == "# my edit\n"


# -- round trips: export --target csv, then import --------------------------------------------------


def round_trip(capsys, ladder: Path, tmp_path: Path, *ignore: str):
    exported = tmp_path / "exports"
    code, out, _ = run(capsys, "export", str(ladder), "--target", "csv", "-o", str(exported), *ignore)
    assert code == 0, out
    imported = tmp_path / "imported"
    base = compile_ladder(ladder)
    # The CSVs hold the grades levels use; a grade no level uses comes back only when named.
    grades = [g.id for g in base.ladder.grades]
    unused = set(grades) - {level.grade for level in base.ladder.levels.values()}
    code, out, _ = run(capsys, "import", str(exported / ladder.name / "csv"), "-o", str(imported),
                       *(("--grades", ",".join(grades)) if unused else ()))
    assert code in (0, 1), out
    head = compile_ladder(imported)
    assert head.ladder is not None, out
    change = compare(ladder.name, base.ladder, head.ladder, base.diagnostics, head.diagnostics)
    assert (change.definitions, change.levels, change.bands, change.transitions, change.expectations) == \
        ((), (), (), (), ()), change
    # A derived zone comes back with its bands written out (the CSV holds amounts, not factors):
    # the derivation is reported, and no amount of it moved.
    assert all(not d.effects and d.new == "" for d in change.derivations)
    return change


def test_the_example_ladder_round_trips_through_the_csv_export(capsys, tmp_path: Path):
    change = round_trip(capsys, EXAMPLE, tmp_path)
    assert change.beyond_base == ()  # variable pay and equity come back exactly
    # The CSVs carry no policy, so the example's `parity_measures: [total]` comes back as the
    # default, [base, total]: its sales managers' higher base (a 70/30 mix against the account
    # executives' 50/50, equal on total by design) is then a base parity gap, and the moves between
    # the two a base pay cut (P007, and T006 for the trial's way back). Nothing else changes.
    introduced = [x.diagnostic for x in change.diagnostics if x.change == "introduced"]
    assert introduced and {x.code for x in introduced} == {"P003", "P007", "T006"}, introduced
    assert all(" base" in x.message and x.file.name == "sales.yaml" for x in introduced), introduced
    assert not [x for x in change.diagnostics if x.change == "resolved"]


def _real_ladders():
    from test_real_ladders import FEATURES, LADDERS, REAL

    for name, real in LADDERS.items():
        missing = sorted(real.needs - FEATURES)
        yield pytest.param(REAL / name, real.error_codes, marks=pytest.mark.skip(
            reason=f"uses format 1.x keys not implemented on this branch yet: {', '.join(missing)}") if missing else (),
            id=name)


@pytest.mark.parametrize("ladder, errors", list(_real_ladders()))
def test_real_ladders_round_trip_through_the_csv_export(capsys, tmp_path: Path, ladder: Path, errors: str):
    round_trip(capsys, Path(shutil.copytree(ladder, tmp_path / ladder.name)), tmp_path / "work",
               *(("--ignore", errors) if errors else ()))


def test_a_competency_described_in_some_families_only_is_scoped_to_them(capsys, tmp_path: Path):
    # As an export of a ladder with `families:` on its competencies writes it (tests/real/basecamp,
    # uk-ddat): without the scope, every level of the other families would lack an expectation (T002).
    sheet = tmp_path / "levels.csv"
    sheet.write_text("family,track,grade,title,Craft,Selling,Judgment\n"
                     "Engineering,IC,L1,Engineer,Writes code.,,Asks.\n"
                     "Engineering,IC,L2,Senior Engineer,Designs code.,,Decides.\n"
                     "Sales,IC,L1,Account Executive,,Sells.,Asks.\n"
                     "Sales,IC,L2,Senior Account Executive,,Sells more.,Decides.\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"))
    assert code == 0, out
    ladder = yaml.safe_load((tmp_path / "out" / "ladder.yaml").read_text(encoding="utf-8"))
    assert sorted(ladder["competencies"], key=lambda c: c["id"]) == [
        {"id": "craft", "name": "Craft", "families": ["engineering"]}, {"id": "judgment", "name": "Judgment"},
        {"id": "selling", "name": "Selling", "families": ["sales"]}]
    assert run(capsys, "check", str(tmp_path / "out"))[0] == 0


def test_sheet_reads_one_sheet_and_an_unknown_one_exits_2(capsys, tmp_path: Path):
    messy_workbook(tmp_path / "levels.xlsx")
    code, out, _ = run(capsys, "import", str(tmp_path / "levels.xlsx"), "--sheet", "Ladder 2026",
                       "-o", str(tmp_path / "out"))
    assert code == 1 and "imported 3 level(s)" in out
    code, _, err = run(capsys, "import", str(tmp_path / "levels.xlsx"), "--sheet", "Levels",
                       "-o", str(tmp_path / "other"))
    assert code == 2 and "no sheet named 'Levels'" in err and not (tmp_path / "other").exists()


def test_bad_ids_entries_and_transitions_are_reported_at_their_cells(capsys, tmp_path: Path):
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "Entry", "Min (USD)", "Max (USD)"],
        ["Eng", "IC", "G1", "Engineer", "Se 1", "maybe", "100000", "140000"],
        ["Eng", "IC", "G2", "Senior Engineer", "se2", "", "120000", "166000"],
        ["Eng", "Manager", "G2", "Manager", "se2", "", "120000", "166000"]])
    moves = write_csv(tmp_path / "moves.csv", [["From", "To", "Kind"],
                                               ["se2", "Team Lead", ""], ["se2", "Engineer", "sideways"]])
    code, out, _ = run(capsys, "import", str(levels), str(moves), "-o", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out").exists()
    assert finding_lines(out) == [
        "levels.csv:2:5: error I001 import-cell: E2: 'Se 1' is not a level id (lowercase letters, digits and '-', "
        "at most 64)",
        "levels.csv:2:6: error I001 import-cell: F2: 'maybe' is not yes or no",
        "levels.csv:4:5: error I002 import-structure: E4: level id 'se2' is already used by 'Senior Engineer' (D3)",
        "moves.csv:2:2: error I002 import-structure: B2: no level has the id or title 'Team Lead'",
        "moves.csv:3:3: error I001 import-cell: C3: 'sideways' is not a transition kind",
    ]


def test_the_quote_an_export_puts_before_formula_like_text_is_removed(capsys, tmp_path: Path):
    sheet = write_csv(tmp_path / "levels.csv", [["Family", "Track", "Grade", "Title", "Summary", "Min", "Max"],
                                                ["Eng", "IC", "G1", "'+1 Engineer", "'-minded, 'quoted'", "$1", "$2"]])
    run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"))
    level = load(tmp_path / "out/families/eng.yaml")["levels"][0]
    assert (level["title"], level["summary"]) == ("+1 Engineer", "-minded, 'quoted'")


def test_a_sheet_without_pay_says_so_where_the_format_can(capsys, tmp_path: Path):
    from ladderc.schema import load_schema

    sheet = write_csv(tmp_path / "levels.csv", [["Family", "Track", "Grade", "Title"], ["Eng", "IC", "G1", "Engineer"]])
    code, out, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"))
    if "pay" in load_schema("ladder")["$defs"]["policy"].get("properties", {}):  # format 1.x `policy.pay`
        ladder = load(tmp_path / "out/ladder.yaml")
        assert ladder["policy"] == {"pay": "none"} and "zones" not in ladder
    else:
        assert code == 1 and not (tmp_path / "out").exists()
        assert finding_lines(out) == ["levels.csv:1:1: error I002 import-structure: A1: no band columns (such as "
                                      "'US min' and 'US max'): this version of ladderc needs a pay band for every "
                                      "level"]


WORDS = ["Family", "Track", "Grade", "Title", "Id", "Level", "Summary", "US min", "US max", "Min", "Max (GBP)",
         "Zone", "Currency", "From", "To", "Kind", "Requires", "Entry", "Grade rank", "Track kind", "Craft", "OTE",
         "Eng", "IC", "Manager", "Track B", "G1", "G2", "5", "$120,000", "£98k", "TBC", "-1", "0", "1e9", "yes",
         "switch", "se1", "Se 1", "'=1+1", "", " ", "é", "a;b", "annual", "weekly"]


def test_no_sheet_makes_the_import_crash(capsys, tmp_path: Path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    headers = st.lists(st.sampled_from(WORDS[:22]), min_size=0, max_size=9, unique=True)
    rows = st.lists(st.lists(st.sampled_from(WORDS[20:]), min_size=0, max_size=9), min_size=0, max_size=5)
    grids = st.builds(lambda header, body: [header, *body], headers, rows)

    @settings(max_examples=examples(3 / 20, at_least=50), suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(levels=grids, moves=grids)
    def imports(levels, moves):
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        write_csv(folder / "levels.csv", levels)
        write_csv(folder / "moves.csv", moves)
        code, out, err = run(capsys, "import", str(folder / "levels.csv"), str(folder / "moves.csv"),
                             "-o", str(folder / "out"))
        assert "internal error" not in err and "Traceback" not in out + err, (levels, moves, err)
        assert code in (0, 1, 2)
        assert (folder / "out").exists() == ("wrote " in out)

    imports()


def test_a_workbook_with_a_damaged_sheet_exits_2_and_writes_nothing(capsys, tmp_path: Path):
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(tmp_path / "levels.xlsx", "w") as damaged:
        for info in source.infolist():
            data = source.read(info)
            damaged.writestr(info, data[:len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    code, _, err = run(capsys, "import", str(tmp_path / "levels.xlsx"), "-o", str(tmp_path / "out"))
    assert code == 2 and "is not a readable .xlsx workbook (ParseError" in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("header, role, detail", [
    ("Job family", "family", ""), ("Career track", "track", ""), ("Level name", "title", ""),
    ("JOB-TITLE", "title", ""), ("Pay grade", "grade", ""), ("Level", "grade", ""),
    ("Salary min", "band", "base min"), ("Minimum", "band", "base min"), ("US tier 1 Max", "band", "US tier 1 max"),
    ("UK salary midpoint (GBP)", "band", "UK mid GBP"), ("Competency: Impact", "competency", "Impact"),
    ("Craft", "competency", "Craft"), ("Equity (RSU)", "equity", ""), ("US equity (USD)", "equity", ""),
    ("OTE", "ignored", "recognised as on-target earnings"),
    ("Headcount", "ignored", "is not part of a ladder"),
])
def test_headers_are_matched_forgivingly(header, role, detail):
    from ladderc.diagnostics import Position
    from ladderc.importer.columns import columns
    from ladderc.importer.tables import Cell, Table

    def cell(value, column, row=1):
        return Cell(value, f"{chr(64 + column)}{row}", Position(Path("levels.csv"), row, column))

    table = Table(Path("levels.csv"), None, (cell("Title", 1), cell(header, 2)), ((cell("Engineer", 1, 2),
                                                                                  cell("text", 2, 2)),))
    column = columns(table, {})[1]
    shown = {"band": f"{column.zone} {column.part} {column.currency or ''}".strip(), "competency": column.competency,
             "ignored": column.why}.get(column.role, "")
    assert (column.role, shown if role != "ignored" else detail * (detail in shown)) == (role, detail)


def test_with_an_expectations_table_other_text_columns_are_not_competencies(capsys, tmp_path: Path):
    # An export from a later ladderc may carry columns this one does not know; they must not turn
    # into competencies, or the round trip would add definitions.
    folder = tmp_path / "csv"
    folder.mkdir()
    write_csv(folder / "levels.csv", [["family", "level", "title", "track", "track_kind", "grade", "cost_centre"],
                                      ["eng", "se1", "Engineer", "ic", "individual", "G1", "R&D west"]])
    write_csv(folder / "bands.csv", [["family", "level", "zone", "currency", "min", "max"],
                                     ["eng", "se1", "us", "USD", "100000", "140000"]])
    write_csv(folder / "competencies.csv", [["family", "level", "competency", "competency_name", "expectation"],
                                            ["eng", "se1", "craft", "Craft", "Writes tests."]])
    code, out, _ = run(capsys, "import", str(folder), "-o", str(tmp_path / "out"))
    assert "levels.csv:1:7: warning I003 import-column-ignored: G1: column 'cost_centre' is not a column this import " \
           "knows (the expectations come from their own table); left out" in out, out
    assert load(tmp_path / "out/ladder.yaml")["competencies"] == [{"id": "craft", "name": "Craft"}]
    assert load(tmp_path / "out/families/eng.yaml")["levels"][0]["expectations"] == {"craft": "Writes tests."}


def test_the_effective_date_is_source_date_epochs_day_and_a_bad_one_is_a_usage_error(capsys, tmp_path: Path,
                                                                                     monkeypatch):
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    run(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--currency", "EUR")
    assert str(load(tmp_path / "out/ladder.yaml")["organisation"]["effective"]) == "2026-01-01"
    assert usage_error(capsys, "import", str(sheet), "-o", str(tmp_path / "other"), "--effective", "1 Jan") == (
        "argument --effective: expected a date as YYYY-MM-DD, got '1 Jan'")


def usage_error(capsys, *argv: str) -> str:
    """What argparse said of `ladderc ARGV...`, which it refused (exit 2) having written nothing on stdout."""
    with pytest.raises(SystemExit) as stop:
        run(capsys, *argv)
    out, err = capsys.readouterr()
    assert (stop.value.code, out) == (2, "")
    return err.splitlines()[-1].split(": error: ", 1)[1]


@pytest.mark.parametrize("bad", ["1.1.2026", "20260101", "2026-02-30"])
def test_the_date_options_refuse_a_bad_date_with_one_message(capsys, tmp_path: Path, bad):
    """`import --effective` and `export --initial-load` share one parser: the same words, but for the option."""
    sheet = write_csv(tmp_path / "levels.csv", LEVELS)
    said = [usage_error(capsys, "import", str(sheet), "-o", str(tmp_path / "out"), "--effective", bad),
            usage_error(capsys, "export", str(FIXTURES / "minimal"), "--all", "-o", str(tmp_path / "exports"),
                        "--initial-load", bad)]
    assert not (tmp_path / "out").exists() and not (tmp_path / "exports").exists()
    assert said[0].startswith(f"argument --effective: expected a date as YYYY-MM-DD, got '{bad}'")
    assert said[1] == said[0].replace("--effective", "--initial-load")


def test_requirements_with_kinds_support_and_trials_import(capsys, tmp_path: Path):
    """A requirements table (as requirements.csv of the csv export) names, kinds and describes them;
    transitions carry the support after the move and the trial's months."""
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "Min (USD)", "Max (USD)"],
        ["Eng", "IC", "G1", "Engineer", "se1", "100000", "140000"],
        ["Eng", "IC", "G2", "Senior Engineer", "se2", "120000", "166000"],
        ["Eng", "Manager", "G2", "Manager", "em2", "120000", "166000"]])
    requirements = write_csv(tmp_path / "requirements.csv", [
        ["requirement", "name", "kind", "description"],
        ["apprenticeship", "Leadership apprenticeship", "apprenticeship", "Six months leading a team."],
        ["coaching", "Coaching after the move", "mentoring", ""]])
    moves = write_csv(tmp_path / "moves.csv", [
        ["From", "To", "Kind", "Requires", "Criteria", "Support", "Trial months"],
        ["se2", "em2", "switch", "apprenticeship", "Led a team for two quarters.", "coaching", "6"],
        ["em2", "se2", "switch", "", "Any time, at no loss of pay.", "", ""]])
    code, out, _ = run(capsys, "import", str(levels), str(requirements), str(moves), "-o", str(tmp_path / "out"))
    assert code in (0, 1) and "internal error" not in out, out
    ladder = load(tmp_path / "out/ladder.yaml")
    assert ladder["requirements"] == [
        {"id": "apprenticeship", "name": "Leadership apprenticeship", "kind": "apprenticeship",
         "description": "Six months leading a team."},
        {"id": "coaching", "name": "Coaching after the move", "kind": "mentoring"}]
    family = load(tmp_path / "out/families/eng.yaml")
    assert family["transitions"][0] == {"from": "se2", "to": "em2", "kind": "switch", "requires": ["apprenticeship"],
                                        "criteria": "Led a team for two quarters.", "support": ["coaching"],
                                        "trial": {"months": 6}}
    assert "trial" not in family["transitions"][1] and "support" not in family["transitions"][1]


def test_a_bad_requirement_kind_and_trial_are_reported_at_their_cells(capsys, tmp_path: Path):
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "Min (USD)", "Max (USD)"],
        ["Eng", "IC", "G1", "Engineer", "se1", "100000", "140000"],
        ["Eng", "Manager", "G1", "Manager", "em1", "100000", "140000"]])
    requirements = write_csv(tmp_path / "requirements.csv", [["requirement", "name", "kind"],
                                                             ["course", "Course", "lecture"]])
    moves = write_csv(tmp_path / "moves.csv", [["From", "To", "Kind", "Trial months"],
                                               ["se1", "em1", "switch", "30"]])
    code, out, _ = run(capsys, "import", str(levels), str(requirements), str(moves), "-o", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out").exists()
    assert finding_lines(out) == [
        "moves.csv:2:4: error I001 import-cell: D2: '30' is not a trial length in months",
        "requirements.csv:2:3: error I001 import-cell: C2: 'lecture' is not a kind of readiness evidence",
    ]


def test_job_codes_and_us_classification_import(capsys, tmp_path: Path):
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "Job code", "FLSA", "EEO-1 category", "Min (USD)", "Max (USD)"],
        ["Eng", "IC", "G1", "Engineer", "se1", "ENG-IC-01", "Non-exempt", "Technicians", "100000", "140000"],
        ["Eng", "IC", "G2", "Senior Engineer", "se2", "se2", "exempt", "professionals", "120000", "166000"],
        ["Eng", "IC", "G3", "Staff Engineer", "se3", "", "", "", "150000", "200000"],
        ["Eng", "Manager", "G3", "Manager", "em3", "", "Exempt", "salaried", "150000", "200000"]])
    code, out, _ = run(capsys, "import", str(levels), "-o", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out").exists()
    assert finding_lines(out) == [
        "levels.csv:5:8: error I001 import-cell: H5: 'salaried' is not an EEO1 value"]
    with open(levels, newline="") as handle:
        rows = [row[:7] + row[8:] for row in csv.reader(handle)]
    levels = write_csv(tmp_path / "levels.csv", rows)
    code, out, _ = run(capsys, "import", str(levels), "-o", str(tmp_path / "out"))
    family = load(tmp_path / "out/families/eng.yaml")
    assert [(lv["id"], lv.get("job_code"), lv.get("classification")) for lv in family["levels"]] == [
        ("se1", "ENG-IC-01", {"flsa": "non-exempt"}), ("se2", None, {"flsa": "exempt"}), ("se3", None, None),
        ("em3", None, {"flsa": "exempt"})]


def test_variable_pay_and_equity_import_from_level_columns(capsys, tmp_path: Path):
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "US min (USD)", "US max (USD)", "UK min (GBP)", "UK max (GBP)",
         "Variable kind", "Bonus target", "Pay mix", "US equity", "UK equity", "OTE"],
        ["Sales", "IC", "G1", "Account Executive", "ae1", "80000", "100000", "60000", "75000",
         "Commission", "", "50/50", "10000", "", "180000"],
        ["Sales", "IC", "G2", "Senior Account Executive", "ae2", "100000", "130000", "75000", "97000",
         "bonus", "15%", "", "$20,000", "£12,000", ""],
        ["Sales", "Manager", "G2", "Sales Manager", "sm2", "100000", "130000", "75000", "97000",
         "", "", "", "", "", ""]])
    code, out, _ = run(capsys, "import", str(levels), "-o", str(tmp_path / "out"))
    assert code in (0, 1) and "internal error" not in out, out
    assert "column 'OTE' recognised as on-target earnings" in out
    family = load(tmp_path / "out/families/sales.yaml")
    got = {lv["id"]: (lv.get("variable"), lv.get("equity")) for lv in family["levels"]}
    assert got == {"ae1": ({"kind": "commission", "mix": "50/50"}, {"us": 10000}),
                   "ae2": ({"kind": "bonus", "target": 0.15}, {"us": 20000, "uk": 12000}),
                   "sm2": (None, None)}


def test_bad_variable_pay_is_reported_at_its_cell(capsys, tmp_path: Path):
    levels = write_csv(tmp_path / "levels.csv", [
        ["Family", "Track", "Grade", "Title", "Id", "Min (USD)", "Max (USD)", "Variable kind", "Variable target",
         "Pay mix"],
        ["Eng", "IC", "G1", "Engineer", "se1", "100000", "140000", "stock options", "10%", ""],
        ["Eng", "IC", "G2", "Senior", "se2", "120000", "160000", "bonus", "lots", ""],
        ["Eng", "IC", "G3", "Staff", "se3", "140000", "190000", "commission", "", "60/50"],
        ["Eng", "IC", "G4", "Principal", "se4", "160000", "220000", "bonus", "", ""]])
    code, out, _ = run(capsys, "import", str(levels), "-o", str(tmp_path / "out"))
    assert code == 1 and not (tmp_path / "out").exists()
    assert finding_lines(out) == [
        "levels.csv:2:8: error I001 import-cell: H2: 'stock options' is not a kind of variable pay",
        "levels.csv:3:9: error I001 import-cell: I3: 'lots' is not a variable target",
        "levels.csv:4:10: error I001 import-cell: J4: '60/50' is not a pay mix",
        "levels.csv:5:8: error I002 import-structure: H5: variable pay needs a target (15%) or a mix (50/50)",
    ]


def test_the_site_offers_the_template_on_its_hr_page(capsys, minimal, tmp_path: Path):
    code, out, _ = run(capsys, "build", str(minimal), "-o", str(tmp_path / "site"))
    assert code == 0, out
    assert (tmp_path / "site/hr/ladder-template.xlsx").read_bytes() == TEMPLATE.read_bytes()
    page = (tmp_path / "site/hr/import.html").read_text(encoding="utf-8")
    assert '<a href="ladder-template.xlsx" download>' in page and "ladderc import ladder-template.xlsx" in page
    assert 'href="hr/import.html"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")  # in the menu
