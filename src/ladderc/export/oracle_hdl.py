"""The oracle-hdl target: a zip of Oracle HCM Data Loader files for job families, grades, rates, jobs.

`oracle-hdl/<ladder>.zip` holds `JobFamily.dat`, `Grade.dat` (one grade per pay grade, see
`rows.PayGrade`), `GradeLadder.dat` (the pay grades in grade order), `GradeRate.dat` (a salary
rate per zone, in the zone's legislative data group, with a `GradeRateValue` per pay grade) and
`Job.dat` (a job per level with its manager level and its `JobGrade`). Lines are `METADATA|` and
`MERGE|`, pipe-delimited, UTF-8, dates `YYYY/MM/DD`, records keyed by SourceSystemOwner +
SourceSystemId. The legislative data groups, manager levels and set code come from
`hris/oracle-hdl.yaml`. Oracle refuses job and grade codes over 30 characters, and job family
codes and names over 240; a value that long is reported with E001 at the YAML that wrote it,
never silently truncated. Text is verbatim (HDL is not a
spreadsheet), with `\\`, `|` and newlines escaped as HDL reads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ladderc.diagnostics import ERROR, Diagnostic, Position
from ladderc.export import Settings, priced_zones, register, write_load_order
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import (
    FREQUENCY,
    HOURLY_FREQUENCY,
    US,
    amount,
    eeo1_number,
    frequency,
    has_us_zone,
    ordered_levels,
    pay_grades,
)
from ladderc.export.spreadsheet import write_zip
from ladderc.model import Ladder
from ladderc.output import source_date
from ladderc.stage_rules import EXPORT_FIELD_TOO_LONG

OWNER = "LADDERC"  # SourceSystemOwner: register it in Oracle before the first load
SET_CODE = "COMMON"  # the default reference data set
INACTIVE = "I"  # ActiveStatus of what the replaced export held and the ladder no longer has
CODE_LIMIT = 30
NAME_LIMIT = 240  # also the limit of JobFamilyCode

@register("oracle-hdl", "Oracle HCM Data Loader zip: JobFamily.dat, Grade.dat, GradeRate.dat, Job.dat",
          cost=0.3)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    mapping, warnings = load_mapping(ladder.root, "oracle-hdl", {
        "legislative_data_groups": ("zone", priced_zones(ladder)),
        "manager_levels": ("track", list(ladder.tracks)),
    }, settings={"set_code": SET_CODE})
    if any(x.severity == ERROR for x in warnings):
        return warnings
    ldg, manager_level, set_code = (mapping["legislative_data_groups"], mapping["manager_levels"],
                                    mapping["set_code"][""])
    found: list[Diagnostic] = []

    def check(value: str, limit: int, field: str, at: Position, how: str = "") -> str:
        if len(value) > limit:
            found.append(EXPORT_FIELD_TOO_LONG.at(
                    at, f"{field} '{value}' is {len(value)} characters; Oracle HCM allows {limit}",
                    f"shorten it to at most {limit} characters{how}"))
        return value

    start = settings.load_date(ladder).strftime("%Y/%m/%d")
    gone = settings.retired(ladder)
    grades, grade_of = pay_grades(ladder)
    grade_pos = {g.id: g.pos for g in ladder.grades}

    families = [["JobFamily", OWNER, f"JF_{f.id}", start,
                 check(f.id, NAME_LIMIT, "JobFamilyCode", f.pos, ": the code is the family's id"),
                 check(f.name, NAME_LIMIT, "JobFamilyName", f.pos), "A"]
                for f in sorted(ladder.families.values(), key=lambda f: f.id)]
    families += [["JobFamily", OWNER, f"JF_{i}", start, i, name, INACTIVE] for i, name in gone.families]
    grade_lines = [["Grade", OWNER, f"GRD_{g.code}", start, set_code,
                    check(g.code, CODE_LIMIT, "GradeCode", grade_pos[g.grade], _generated(g, ladder.families)),
                    g.code, "A"] for g in grades]
    grade_lines += [["Grade", OWNER, f"GRD_{code}", start, set_code, code, code, INACTIVE] for code, _ in gone.pay_grades]
    ladder_id = f"GL_{ladder.name}"
    grade_ladder = [["GradeLadder", OWNER, ladder_id, start, check(ladder.organisation.name, NAME_LIMIT,
                     "GradeLadderName", ladder.organisation.pos), "GRADE", set_code, "A"]]
    in_ladder = [["GradesInLadder", OWNER, f"GIL_{g.code}", start, ladder_id, f"GRD_{g.code}", sequence]
                 for sequence, g in enumerate(grades, start=1)]
    # One grade rate per zone and pay frequency in use: an hourly rate is annualised by policy.hours_per_year.
    used = {(zone, frequency(b)) for g in grades for zone, b in g.bands.items()}
    factors = {FREQUENCY: 1, HOURLY_FREQUENCY: amount(ladder.policy.hours_per_year)}
    rates = [["GradeRate", OWNER, _rate_id(z.id, per), start, ldg[z.id], "SALARY", f"{z.id} {_RATE_NAMES[per]}",
              z.currency, per.upper(), factors[per], "A"]
             for z in (ladder.zones[i] for i in priced_zones(ladder)) for per in factors if (z.id, per) in used]
    values = [["GradeRateValue", OWNER, f"GRV_{g.code}_{zone}", start, ldg[zone], _rate_id(zone, frequency(b)),
               f"GRD_{g.code}", amount(b.min), amount(b.mid), amount(b.max)] for g in grades for zone, b in g.bands.items()]
    levels = ordered_levels(ladder)
    jobs = [["Job", OWNER, f"JOB_{lv.id}", start, set_code,
             check(lv.job_code, CODE_LIMIT, "JobCode", lv.pos, _job_code_source(lv)),
             check(lv.title, NAME_LIMIT, "Name", lv.pos), f"JF_{lv.family}", manager_level[lv.track], "A"]
            for lv in levels]
    job_legislative = [["JobLegislative", OWNER, f"JL_{lv.id}_{US}", start, f"JOB_{lv.id}", US,
                        FLSA_CODES.get(lv.classification.flsa, ""), eeo1_number(lv.classification.eeo1)]
                       for lv in levels if has_us_zone(ladder) and (lv.classification.flsa or lv.classification.eeo1)]
    jobs += [["Job", OWNER, f"JOB_{lv.id}", start, set_code, lv.job_code, lv.title, f"JF_{lv.family}",
              manager_level.get(lv.track, lv.track), INACTIVE] for lv in gone.levels]
    job_grades = [["JobGrade", OWNER, f"JG_{lv.id}", start, f"JOB_{lv.id}", f"GRD_{grade_of[lv.id].code}"]
                  for lv in levels]
    if found:
        return found

    files: dict[str, list[tuple[list[str], list[list[Any]]]]] = {
        "JobFamily.dat": [(JOB_FAMILY, families)],
        "Grade.dat": [(GRADE, grade_lines)],
        "GradeLadder.dat": [(GRADE_LADDER, grade_ladder), (GRADES_IN_LADDER, in_ladder)],
        "GradeRate.dat": [(GRADE_RATE, rates), (GRADE_RATE_VALUE, values)],
        "Job.dat": [(JOB, jobs), (JOB_GRADE, job_grades)] + ([(JOB_LEGISLATIVE, job_legislative)] if job_legislative else []),
    }
    entries = [(name, dat_file(blocks).encode("utf-8")) for name, blocks in files.items()]
    write_zip(directory / f"{ladder.name}.zip", entries, source_date(ladder.organisation.effective))
    write_load_order(directory, "Oracle HCM Data Loader", [
        f"`{ladder.name}.zip` in one Import and Load; HCM Data Loader loads its files in dependency order: "
        + ", ".join(files)], [
        f"Before the first load: the source system owner `{OWNER}`, the reference data set `{set_code}`, the "
        "legislative data groups and ManagerLevel codes named in hris/oracle-hdl.yaml must exist."])
    return warnings


_RATE_NAMES = {FREQUENCY: "salary", HOURLY_FREQUENCY: "hourly"}


def _rate_id(zone: str, per: str) -> str:
    """`RATE_<zone>` for the annual rate (as before hourly bands existed), `RATE_<zone>_HOURLY` for the hourly one."""
    return f"RATE_{zone}" if per == FREQUENCY else f"RATE_{zone}_HOURLY"


JOB_FAMILY = ["JobFamily", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "JobFamilyCode",
              "JobFamilyName", "ActiveStatus"]
GRADE = ["Grade", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "SetCode", "GradeCode",
         "GradeName", "ActiveStatus"]
GRADE_LADDER = ["GradeLadder", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "GradeLadderName",
                "GradeType", "GradeSetCode", "ActiveStatus"]
GRADES_IN_LADDER = ["GradesInLadder", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate",
                    "GradeLadderId(SourceSystemId)", "GradeId(SourceSystemId)", "GradesInLadderSequence"]
GRADE_RATE = ["GradeRate", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "LegislativeDataGroupName",
              "RateType", "GradeRateName", "CurrencyCode", "RateFrequency", "AnnualizationFactor", "ActiveStatus"]
GRADE_RATE_VALUE = ["GradeRateValue", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate",
                    "LegislativeDataGroupName", "RateId(SourceSystemId)", "RateObjectId(SourceSystemId)", "MinimumAmount",
                    "MidValueAmount", "MaximumAmount"]
JOB = ["Job", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "SetCode", "JobCode", "Name",
       "JobFamilyId(SourceSystemId)", "ManagerLevel", "ActiveStatus"]
JOB_LEGISLATIVE = ["JobLegislative", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "JobId(SourceSystemId)",
                   "LegislationCode", "FlsaStatus", "EeoJobCategory"]
FLSA_CODES = {"exempt": "EX", "non-exempt": "NEX"}
JOB_GRADE = ["JobGrade", "SourceSystemOwner", "SourceSystemId", "EffectiveStartDate", "JobId(SourceSystemId)",
             "GradeId(SourceSystemId)"]


def dat_file(blocks: list[tuple[list[str], list[list]]]) -> str:
    """METADATA line then MERGE lines, per discriminator."""
    lines = []
    for metadata, rows in blocks:
        lines.append("|".join(["METADATA"] + metadata))
        lines += ["|".join(["MERGE"] + [escape(v) for v in row]) for row in rows]
    return "\n".join(lines) + "\n"


def escape(value) -> str:
    """HDL's reserved characters as data: `\\` before `\\` and `|`; a newline as `\\n`."""
    text = str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def unescape_fields(line: str) -> list[str]:
    """Split one HDL line into its values (the inverse of `escape`); used by tests and tools."""
    fields, current, chars = [], [], iter(line)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append("\n" if nxt == "n" else nxt)
        elif ch == "|":
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields


def _job_code_source(level) -> str:
    if level.job_code != level.id:
        return ": the code is the level's job_code"
    return ": the code is the level's id (give the level a shorter `job_code`, or rename it and the transitions that name it)"


def _generated(grade, families) -> str:
    """How a pay grade's code came about (rows.pay_grades), and what to change to shorten it."""
    if grade.code == grade.grade:
        return ": the code is the grade label"
    part = grade.code[len(grade.grade) + 1:]
    added = "the family id" if part in families else "the level id (its family has two band sets there)"
    return (f": the code is generated, the grade label and {added}, because the levels at {grade.grade} do "
            f"not all have the same bands; shorten the grade label or '{part}', or give the levels at "
            f"{grade.grade} the same bands, which makes the code '{grade.grade}'")
