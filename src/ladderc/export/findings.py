"""The findings an export reports (E codes), registered in the rule catalogue.

Kept apart from the target modules so that `ladderc rules` and `ladderc explain` can list them
without importing XlsxWriter.
"""

from __future__ import annotations

from ladderc.catalogue import stage_rule
from ladderc.diagnostics import WARNING

FIELD_TOO_LONG = "E001"
BAD_MAPPING = "E002"
MISSING_MAPPING = "E003"

stage_rule(FIELD_TOO_LONG, "export-field-too-long", """
    A value is longer than the HRIS field it is exported to (Oracle HCM: codes at most 30
    characters, names at most 240).

    Why: the importer would reject the row or, worse, a tool along the way would cut the value
    short and two jobs would end up with one code. ladderc reports it at the YAML that wrote the
    value instead of truncating it, and writes no export.

    A job code is the level's id and a job family code the family's id. A grade code is the grade
    label when every level at the grade has the same bands; otherwise it is generated from the
    grade label and the family id (`G5-engineering`), or the level id where one family has two
    band sets at the grade (`G5-se5`). The hint says which, and what to shorten.

    Failing:

        - id: principal-distinguished-software-engineer-2
          track: ic
          grade: G8

    Passing:

        - id: pde2
          track: ic
          grade: G8
    """)

stage_rule(BAD_MAPPING, "export-mapping", """
    An HRIS mapping file (`hris/workday.yaml`) names a family, track or zone the ladder does not
    have, or is not a mapping of the expected shape.

    Why: a mapping for `enginering` maps nothing, and the real `engineering` family would silently
    be exported with a default Workday reference id that the tenant does not know.

    Failing:

        job_families:
          enginering: JF_ENG

    Passing:

        job_families:
          engineering: JF_ENG
    """)

stage_rule(MISSING_MAPPING, "export-mapping-missing", """
    The ladder has no HRIS mapping for some families, tracks or zones, so the export uses the
    ladder's own ids as the tenant's reference ids.

    Why: Workday loads only references that exist in the tenant; `engineering` works only if the
    Job Family ID in Workday is also `engineering`. The message names what to map in
    `hris/workday.yaml`.

    Failing (no `hris/workday.yaml`, or one that leaves a family out):

        job_families: {}

    Passing:

        job_families: {engineering: JF_ENG, sales: JF_SALES}
        management_levels: {ic: Individual_Contributor, mgmt: Manager}
        eligibility_rules: {us-tier1: US_TIER_1, uk: UK}
    """, severity=WARNING)

UNFILLED_FIELD = "E004"
BAD_TEMPLATE = "E005"

stage_rule(UNFILLED_FIELD, "export-template-field-unfilled", """
    A tenant's spreadsheet template (`hris/templates/workday/Put_Job_Profile.xlsx`) marks a field
    required that ladderc has no value for.

    Why: Workday rejects every row of the upload that leaves a required field empty. ladderc fills
    a template's columns by their labels and leaves columns it does not know empty; a required
    one it cannot fill would fail the whole load, so nothing is exported until it is settled.

    Failing (a template whose restrictions row says Required under a label ladderc does not write):

        Spreadsheet Key | Job Code | Job Title | Union Code
        Required        | Required | Required  | Required

    Passing:

        Spreadsheet Key | Job Code | Job Title | Union Code
        Required        | Required | Required  | Optional
    """)

stage_rule(BAD_TEMPLATE, "export-template", """
    A tenant's spreadsheet template under `hris/templates/` cannot be used: it is not a readable
    `.xlsx` workbook, or it has no row of field labels (no `Spreadsheet Key` cell).

    Why: ladderc finds each column of the template by its label; without the label row it cannot
    tell which column is which, and guessing would put values under the wrong fields.

    Failing: a template saved as CSV under the `.xlsx` name, or one whose header rows were deleted.

    Passing: the template exactly as Workday generated it (Template Model → Generate Spreadsheet
    Template), saved as `.xlsx`, with no data rows.
    """)
