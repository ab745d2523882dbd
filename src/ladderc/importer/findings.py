"""The findings an import reports (I codes), registered in the rule catalogue.

Kept apart from the readers so that `ladderc rules` and `ladderc explain` list them without
importing openpyxl.
"""

from __future__ import annotations

from ladderc.catalogue import stage_rule
from ladderc.diagnostics import WARNING

CELL = "I001"
STRUCTURE = "I002"
COLUMN_IGNORED = "I003"

stage_rule(CELL, "import-cell", """
    A cell of the imported sheet cannot be read as what its column needs: a band amount that is
    not a number, an id that is not in the format's pattern, a currency that contradicts its zone.

    Why: a band of "TBC" or "100-120k" would otherwise vanish from the ladder, and the level
    would silently have no pay. The finding names the cell (`Sheet1!D7`), so it can be fixed in
    the spreadsheet and imported again. Amounts may carry a currency symbol or code, thousands
    separators and a `k` suffix (`$120,000`, `120 000 €`, `£98k`); ranges and words are refused.

    Failing (the cell under `US min`):

        TBC

    Passing:

        $120,000
    """)

stage_rule(STRUCTURE, "import-structure", """
    The sheet is not laid out as a ladder: a required column (family, track, grade, title) is
    missing, a track's kind (individual or management) cannot be told from its name, two levels
    of one family and grade have the same title, or a transition names a level no row has.

    Why: these are not one bad cell but a ladder that cannot be built; ladderc writes nothing
    rather than a ladder that is wrong in a way `ladderc check` could not see.

    Failing (a track named `Track B`):

        Family,Track,Grade,Title
        Engineering,Track B,G3,Engineer

    Passing (state the kind, or name the track IC or Management, or map it with --map):

        Family,Track,Track kind,Grade,Title
        Engineering,Track B,individual,G3,Engineer
    """)

stage_rule(COLUMN_IGNORED, "import-column-ignored", """
    A column of the sheet is left out of the imported ladder: one ladderc recognises but computes
    rather than reads (on-target earnings), or one it does not know.

    Why: a column that disappears without a word is data lost; the warning names the column so
    that it can be mapped with `--map`, or left out knowingly.

    Failing (a warning):

        Family,Track,Grade,Title,OTE

    Passing:

        Family,Track,Grade,Title
    """, severity=WARNING)
