"""The workday target: EIB spreadsheets for job families, job profiles and compensation grades.

`Put_Job_Family.xlsx` (a job family per family), `Put_Job_Profile.xlsx` (a job profile per level:
code, title, summary, management level, job level, job family, compensation grade) and
`Put_Compensation_Grade.xlsx` (a compensation grade per pay grade, see `rows.PayGrade`, each
followed by its profile child rows, one per zone, sharing the grade's Spreadsheet Key: element,
eligibility rule, Minimum, Midpoint, Maximum, Currency, Frequency). Each sheet starts with the
EIB header rows and uses field labels (see `eib`); a tenant's own template, kept in the ladder,
is filled instead. Tenant reference ids come from `hris/workday.yaml` (see `mapping.py`). What
the replaced export held and the ladder no longer has is loaded with Inactive `Y`.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic
from ladderc.export import Settings, priced_zones, register, templates, write_load_order
from ladderc.export.eib import Area, Field, fill, read_template, yes_no
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import FREQUENCY, HOURLY_FREQUENCY, amount, frequency, has_us_zone, ordered_levels, pay_grades
from ladderc.export.spreadsheet import add_sheet, workbook
from ladderc.model import Ladder
from ladderc.output import source_date

FREQUENCY_IDS = {FREQUENCY: "Annual", HOURLY_FREQUENCY: "Hourly"}  # Frequency reference IDs, by `rows.frequency`
US_REFERENCE = "US"  # the Country reference, as an ISO_3166-1_Alpha-2_Code reference id

JOB_FAMILY = Area("Put Job Family", (
    Field("Spreadsheet Key", "Text", True), Field("Job Family ID", "Text"), Field("Effective Date", "YYYY-MM-DD"),
    Field("Inactive", "Y/N"), Field("Name", "Text", True), Field("Summary", "Text")))
JOB_PROFILE = Area("Put Job Profile", (
    Field("Spreadsheet Key", "Text", True), Field("Job Profile ID", "Text"), Field("Effective Date", "YYYY-MM-DD"),
    Field("Inactive", "Y/N"), Field("Job Code", "Text"), Field("Job Title", "Text", True),
    Field("Job Profile Summary", "Text"), Field("Management Level", "Lookup"), Field("Job Level", "Lookup"),
    Field("Job Family", "Lookup"), Field("Compensation Grade", "Lookup"), Field("Job Classification", "Lookup"),
    Field("Job Exempt Country", "Lookup"), Field("Job Exempt", "Y/N")))
JOB_FAMILY_GROUP = Area("Put Job Family Group", (
    Field("Spreadsheet Key", "Text", True), Field("Job Family Group ID", "Text"), Field("Effective Date", "YYYY-MM-DD"),
    Field("Inactive", "Y/N"), Field("Name", "Text", True), Field("Job Family", "Lookup")))
COMPENSATION_GRADE = Area("Put Compensation Grade", (
    Field("Spreadsheet Key", "Text", True), Field("Compensation Grade ID", "Text"), Field("Effective Date", "YYYY-MM-DD"),
    Field("Name", "Text", True), Field("Description", "Text"), Field("Inactive", "Y/N"),
    Field("Row ID", "Text"), Field("Delete", "Y/N"), Field("Compensation Grade Profile ID", "Text"),
    Field("Profile Effective Date", "YYYY-MM-DD"), Field("Profile Name", "Text"),
    Field("Compensation Element", "Lookup"), Field("Eligibility Rule", "Lookup"), Field("Profile Inactive", "Y/N"),
    Field("Minimum", "Number"), Field("Midpoint", "Number"), Field("Maximum", "Number"),
    Field("Currency", "Lookup"), Field("Frequency", "Lookup")))


@register("workday", "Workday EIB spreadsheets: Put_Job_Family, Put_Job_Profile, Put_Compensation_Grade (xlsx)",
          cost=2.0)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, found = load_mapping(ladder.root, "workday", {
        "job_families": ("family", sorted(ladder.families)),
        "management_levels": ("track", list(ladder.tracks)),
        "level_management_levels": ("level", sorted(ladder.levels)),
        "job_levels": ("grade", [g.id for g in ladder.grades]),
        "eligibility_rules": ("zone", priced_zones(ladder)),
        "job_classifications": ("EEO-1 category", sorted({lv.classification.eeo1 for lv in ladder.levels.values()} - {""})),
    }, settings={"compensation_element": None}, overrides=frozenset({"level_management_levels"}))
    if any(x.severity == ERROR for x in found):
        return found
    effective = settings.load_date(ladder).isoformat()
    gone = settings.retired(ladder)
    grades, grade_of = pay_grades(ladder)
    families, tracks = mapping["job_families"], mapping["management_levels"]
    per_level, job_levels = mapping["level_management_levels"], mapping["job_levels"]
    element = mapping["compensation_element"][""]
    classifications = mapping["job_classifications"]
    us = has_us_zone(ladder)

    family_records = [{"Job Family ID": families[f.id], "Effective Date": effective, "Inactive": yes_no(False),
                       "Name": f.name, "Summary": f.description}
                      for f in sorted(ladder.families.values(), key=lambda f: f.id)]
    family_records += [{"Job Family ID": i, "Effective Date": effective, "Inactive": yes_no(True), "Name": name}
                       for i, name in gone.families]
    profiles = [{"Job Profile ID": lv.id, "Effective Date": effective, "Inactive": yes_no(False), "Job Code": lv.job_code,
                 "Job Title": lv.title, "Job Profile Summary": lv.summary,
                 "Management Level": per_level.get(lv.id, tracks[lv.track]), "Job Level": job_levels[lv.grade],
                 "Job Family": families[lv.family], "Compensation Grade": grade_of[lv.id].code,
                 **_classified(lv, classifications, us)}
                for lv in ordered_levels(ladder)]
    profiles += [{"Job Profile ID": lv.id, "Effective Date": effective, "Inactive": yes_no(True), "Job Code": lv.job_code,
                  "Job Title": lv.title} for lv in gone.levels]
    group_records: list[dict] = []
    for group in sorted({f.group for f in ladder.families.values()} - {""}):
        members = sorted(f.id for f in ladder.families.values() if f.group == group)
        group_records.append({"Job Family Group ID": group, "Effective Date": effective, "Inactive": yes_no(False),
                              "Name": group, "Job Family": families[members[0]]})
        group_records += [{"Job Family": families[member]} for member in members[1:]]
    grade_records: list[dict] = []
    for g in grades:
        grade_records.append({"Compensation Grade ID": g.code, "Effective Date": effective, "Name": g.code,
                              "Description": g.description, "Inactive": yes_no(False)})
        grade_records += [{"Row ID": f"{g.code}-{zone}", "Delete": yes_no(False),
                           "Compensation Grade Profile ID": f"{g.code}-{zone}", "Profile Effective Date": effective,
                           "Profile Name": f"{g.code} {ladder.zones[zone].name}", "Compensation Element": element,
                           "Eligibility Rule": mapping["eligibility_rules"][zone], "Profile Inactive": yes_no(False),
                           "Minimum": amount(b.min), "Midpoint": amount(b.mid), "Maximum": amount(b.max),
                           "Currency": ladder.zones[zone].currency, "Frequency": FREQUENCY_IDS[frequency(b)]}
                          for zone, b in g.bands.items()]
    grade_records += [{"Compensation Grade ID": code, "Effective Date": effective, "Name": code,
                       "Inactive": yes_no(True)} for code, _ in gone.pay_grades]

    when = source_date(ladder.organisation.effective)
    books = [("Put_Job_Family.xlsx", JOB_FAMILY, family_records)]
    if group_records:
        books.append(("Put_Job_Family_Group.xlsx", JOB_FAMILY_GROUP, group_records))
    books += [("Put_Job_Profile.xlsx", JOB_PROFILE, profiles),
             ("Put_Compensation_Grade.xlsx", COMPENSATION_GRADE, grade_records)]
    filled = []
    for name, area, records in books:
        template, problems = read_template(ladder.root, name)
        found += problems
        _key(records, area)
        header, rows, unfilled = fill(area, records, template)
        found += unfilled
        filled.append((name, area, header, rows, template))
    if any(x.severity == ERROR for x in found):
        return found
    for name, area, header, rows, _ in filled:
        with workbook(directory / name, when) as book:
            add_sheet(book, area.business_object, header, rows)
    write_load_order(directory, "Workday EIB uploads", [f"`{name}` ({area.business_object})" for name, area, *_ in filled], [
        "Before the first load: the management levels, job levels, job classifications, eligibility rules and the "
        "compensation element named in hris/workday.yaml must exist in the tenant.",
        "Job families before job family groups and job profiles; compensation grades before the job profiles that "
        "name them in a later load.", *templates.notes(ladder.root, [template for *_, template in filled])])
    return found


def _classified(level, classifications: dict[str, str], us: bool) -> dict:
    """A profile's EEO-1 job classification, and its FLSA exemption where a zone is in the US."""
    found = level.classification
    cells = {"Job Classification": classifications[found.eeo1]} if found.eeo1 else {}
    if found.flsa and us:
        cells.update({"Job Exempt Country": US_REFERENCE, "Job Exempt": yes_no(found.flsa == "exempt")})
    return cells


def _key(records: list[dict], area: Area) -> None:
    """Number the Spreadsheet Keys: a child row (no value in the area's first data field) shares its parent's."""
    parent_field = area.fields[1].label
    key = 0
    for record in records:
        if parent_field in record:
            key += 1
        record["Spreadsheet Key"] = key
