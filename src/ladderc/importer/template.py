"""The template sheet `ladderc import --template FILE` writes: the layout the import reads, filled
with a small dual-track family that imports and passes `ladderc check`, for HR to overwrite.

Written with the exports' spreadsheet helpers, dated with a fixed day rather than the clock, so the
copy in `docs/ladder-template.xlsx` stays byte-identical to what this code writes.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ladderc.export.spreadsheet import Cell

WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
LEVEL_HEADER = ["Family", "Track", "Grade", "Title", "Id", "Summary", "Craft", "Impact", "People development",
                "US min (USD)", "US mid (USD)", "US max (USD)"]
LEVELS: list[list[Cell]] = [
    ["Engineering", "IC", "G1", "Software Engineer I", "se1", "Delivers well-scoped tasks with guidance.",
     "Writes tested, readable code for well-defined tasks.", "Completes assigned tasks within a sprint.", "",
     100000, 120000, 140000],
    ["Engineering", "IC", "G2", "Software Engineer II", "se2", "Delivers features independently.",
     "Designs and builds small features end to end.", "Delivers features of a few weeks' scope.", "",
     120000, 143000, 166000],
    ["Engineering", "IC", "G3", "Senior Software Engineer", "se3", "Leads the technical work of a team.",
     "Designs systems that other engineers build on.", "Delivers projects that span a quarter.", "",
     145000, 172000, 200000],
    ["Engineering", "Management", "G3", "Engineering Manager", "em1", "Leads a team of engineers.",
     "Judges technical quality and sets the team's standards.", "The team delivers its quarterly goals.",
     "Hires, coaches and grows the engineers on the team.", 145000, 172000, 200000],
]
TRANSITION_HEADER = ["From", "To", "Kind", "Requires", "Criteria"]
TRANSITIONS: list[list[Cell]] = [
    ["se3", "em1", "switch", "leadership-apprenticeship; manager-training",
     "Has led a project team of three or more for two quarters."],
    ["em1", "se3", "switch", "", "Any time, at no loss of pay."],
]


def write_template(path: Path) -> list[Path]:
    """Write the template to `path` (.xlsx: a Levels and a Transitions sheet; .csv: the levels,
    with the transitions beside it as `<name>-transitions.csv`). Returns the files written."""
    from ladderc.export.spreadsheet import add_sheet, workbook, write_csv

    if path.suffix.lower() == ".xlsx":
        with workbook(path, WHEN) as book:
            add_sheet(book, "Levels", [list(LEVEL_HEADER)], [list(row) for row in LEVELS])
            add_sheet(book, "Transitions", [list(TRANSITION_HEADER)], [list(row) for row in TRANSITIONS])
        return [path]
    transitions = path.with_name(f"{path.stem}-transitions.csv")
    write_csv(path, [list(LEVEL_HEADER)], [list(row) for row in LEVELS])
    write_csv(transitions, [list(TRANSITION_HEADER)], [list(row) for row in TRANSITIONS])
    return [path, transitions]
