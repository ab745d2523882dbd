"""The workday target: xlsx workbooks shaped like the EIB templates for job profiles and grades.

`Put_Job_Profile.xlsx`: a job profile per level (code, title, effective date, management level,
job family, job level, compensation grade). `Put_Compensation_Grade.xlsx`: a compensation grade
per pay grade (see `rows.PayGrade`) and a grade profile per pay grade × zone with Minimum,
Midpoint, Maximum, Currency and Frequency, selected by the zone's eligibility rule. Tenant
reference ids come from `hris/workday.yaml` (see `mapping.py`). Columns carry the web-service
field names the EIB template shows, so each column pastes into its template column by name.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, priced_zones, register
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import amount, ordered_levels, pay_grades
from ladderc.export.spreadsheet import add_sheet, workbook
from ladderc.model import Ladder
from ladderc.output import source_date

FREQUENCY_ID = "Annual"

JOB_PROFILE = ["Spreadsheet Key", "Job_Profile_ID", "Effective_Date", "Job_Code", "Job_Title",
               "Job_Description_Summary", "Management_Level_ID", "Job_Level_ID", "Job_Family_ID",
               "Compensation_Grade_ID", "Inactive"]
GRADE = ["Spreadsheet Key", "Compensation_Grade_ID", "Effective_Date", "Name", "Description"]
GRADE_PROFILE = ["Spreadsheet Key", "Compensation_Grade_Profile_ID", "Name", "Eligibility_Rule_ID",
                 "Minimum", "Midpoint", "Maximum", "Currency_ID", "Frequency_ID"]


@register("workday", "Workday EIB workbooks: Put_Job_Profile and Put_Compensation_Grade (xlsx)",
          cost=2.0)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, found = load_mapping(ladder.root, "workday", {
        "job_families": ("family", sorted(ladder.families)),
        "management_levels": ("track", list(ladder.tracks)),
        "eligibility_rules": ("zone", priced_zones(ladder)),
    })
    if any(x.severity == ERROR for x in found):
        return found
    when = source_date(ladder.organisation.effective)
    effective = ladder.organisation.effective.isoformat()
    grades, grade_of = pay_grades(ladder)

    profiles = [[key, lv.id, effective, lv.id, lv.title, lv.summary, mapping["management_levels"][lv.track],
                 lv.grade, mapping["job_families"][lv.family], grade_of[lv.id].code, False]
                for key, lv in enumerate(ordered_levels(ladder), start=1)]
    with workbook(directory / "Put_Job_Profile.xlsx", when) as book:
        add_sheet(book, "Put_Job_Profile", JOB_PROFILE, profiles)

    grade_rows, profile_rows = [], []
    for key, g in enumerate(grades, start=1):
        grade_rows.append([key, g.code, effective, g.code, g.description])
        profile_rows += [[key, f"{g.code}-{zone}", f"{g.code} {ladder.zones[zone].name}",
                          mapping["eligibility_rules"][zone], amount(b.min), amount(b.mid), amount(b.max),
                          ladder.zones[zone].currency, FREQUENCY_ID] for zone, b in g.bands.items()]
    with workbook(directory / "Put_Compensation_Grade.xlsx", when) as book:
        add_sheet(book, "Compensation_Grade", GRADE, grade_rows)
        add_sheet(book, "Compensation_Grade_Profile", GRADE_PROFILE, profile_rows)
    return found
