"""The successfactors target: Employee Central foundation-object import CSVs.

`FOPayGrade.csv` (one per pay grade, see `rows.PayGrade`), `FOPayRange.csv` (one per pay grade
× zone, the zone's legal entity and geozone from `hris/successfactors.yaml`) and `FOJobCode.csv`
(one per level, its job function mapped from the family), each keyed on externalCode +
start-date and starting with the two header rows the legacy foundation import expects: the
field ids, then their labels. Dates are MM/DD/YYYY, the import's default format.

Employee Central derives an employee's pay range from company + pay grade + geozone, so there is
exactly one range per pay grade and zone: one per level would give levels sharing a pay grade
several ranges for one lookup. Geozones, job functions and legal entities are referenced, not
created: they must exist before the import (see docs/exports.md). A tenant's own import template
(`hris/templates/successfactors/<file>.csv`) is filled instead of ladderc's layout: its two header
rows kept, its columns matched by field id, then by label (see `templates`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic, Position
from ladderc.export import Settings, priced_zones, register, templates, write_load_order
from ladderc.export.mapping import load_mapping
from ladderc.export.rows import FREQUENCY, HOURLY_FREQUENCY, amount, frequency, has_us_zone, ordered_levels, pay_grades
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.export.templates import Column, Template
from ladderc.model import Ladder

KEY_ID = "externalCode"  # the field id every foundation object is keyed on
REQUIRED_MARK = "*"  # a template label ending so is a field the tenant's data model makes mandatory
ACTIVE = "A"
INACTIVE = "I"  # the status of what the replaced export held and the ladder no longer has
# SFOData's limits (FOPayGrade, FOPayRange, FOGeozone): codes and names 32 characters, descriptions 128.
CODE_LIMIT = NAME_LIMIT = 32
DESCRIPTION_LIMIT = 128
FREQUENCY_CODES = {FREQUENCY: "ANN", HOURLY_FREQUENCY: "HOURLY"}  # FOFrequency external codes, by `rows.frequency`

PAY_GRADE = [("externalCode", "Pay Grade ID"), ("start-date", "Start Date"), ("name", "Name"),
             ("description", "Description"), ("status", "Status"), ("paygradeLevel", "Pay Grade Level")]
PAY_RANGE = [("externalCode", "Pay Range ID"), ("start-date", "Start Date"), ("name", "Name"),
             ("description", "Description"), ("status", "Status"), ("currency", "Currency"),
             ("minimumPay", "Minimum Pay"), ("midPoint", "Mid Point"), ("maximumPay", "Maximum Pay"),
             ("frequencyCode", "Frequency"), ("payGrade", "Pay Grade"), ("geozone", "Geo Zone"),
             ("legalEntity", "Legal Entity")]
JOB_CLASS_USA = [("externalCode", "Code"), ("start-date", "Start Date"), ("country", "Country"),
                 ("flsaStatusUsa", "FLSA Status"), ("eeo1JobCategory", "EEO1 Job Category")]
FLSA = {"exempt": "E", "non-exempt": "N"}
JOB_CODE = [("externalCode", "Code"), ("start-date", "Start Date"), ("name", "Name"),
            ("description", "Description"), ("status", "Status"), ("grade", "Pay Grade"),
            ("jobFunction", "Job Function")]


def headers(columns: list[tuple[str, str]]) -> list[list[Cell]]:
    return [[field for field, _ in columns], [label for _, label in columns]]


def read_template(root: Path, name: str) -> tuple[Template | None, list[Diagnostic]]:
    """The tenant's import template for `name` (`hris/templates/successfactors/<name>`) when the ladder has one."""
    return templates.read_template(root, "successfactors", name, parse_template,
                                   "download the import template from SuccessFactors again and keep it as CSV")


def parse_template(file: Path, rows: list[list[Cell]]) -> tuple[Template | None, list[Diagnostic]]:
    """A SuccessFactors import template's columns: field ids in the first row, labels in the second.

    The downloaded templates do not say which fields a tenant's data model makes mandatory; a
    label ending in `*` marks one (ladderc's convention, see docs/exports.md). Rows below the two
    header rows (an export of existing data used as the template) are not copied.
    """
    ids = [templates.text(cell) for cell in rows[0]] if rows else []
    if KEY_ID not in ids:
        return templates.unusable(file, f"has no row of field ids (no '{KEY_ID}' cell in its first row)",
                                  "use the import template SuccessFactors generates: field ids, then labels")
    width = len(ids)
    labels = [templates.text(cell) for cell in rows[1]] + [""] * width if len(rows) > 1 else [""] * width
    columns = [Column(ids[i], labels[i].rstrip("*").strip(), labels[i].endswith(REQUIRED_MARK),
                      Position(file, 2 if labels[i].endswith(REQUIRED_MARK) else 1, i + 1)) for i in range(width)]
    return Template(file, [list(row) for row in rows[:2]], columns), []


def _fit(code: str) -> str:
    """A code ladderc makes (`<pay grade>-<zone>`), within the 32 characters SuccessFactors holds.

    A longer one keeps its first 23 characters and gains 8 of its SHA-1, so it stays the same from
    one export to the next and two long codes sharing a beginning stay apart.
    """
    if len(code) <= CODE_LIMIT:
        return code
    return f"{code[:CODE_LIMIT - 9]}-{hashlib.sha1(code.encode()).hexdigest()[:8]}"


def _range_name(code: str, zone, range_code: str) -> str:
    """`G5 (United Kingdom)`, else `G5 (uk)`, else the range's own code: a name holds 32 characters."""
    for name in (f"{code} ({zone.name})", f"{code} ({zone.id})"):
        if len(name) <= NAME_LIMIT:
            return name
    return range_code


def _shortened(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with an ellipsis where it is longer: a description only informs."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _filled(columns: list[tuple[str, str]], rows: list[list[Cell]], template: Template | None
            ) -> tuple[list[list[Cell]], list[list[Cell]], list[Diagnostic]]:
    """The header rows, data rows and findings of one file: ladderc's own layout, or the tenant's template filled."""
    if template is None:
        return headers(columns), rows, []
    ids = [field for field, _ in columns]
    filled, unfilled = templates.fill(columns, [dict(zip(ids, row, strict=False)) for row in rows], template)
    return template.header, filled, unfilled


@register("successfactors", "SAP SuccessFactors foundation imports: FOPayGrade, FOPayRange, FOJobCode CSVs",
          cost=0.7)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    zone_ids = priced_zones(ladder)
    mapping, found = load_mapping(ladder.root, "successfactors", {
        "legal_entities": ("zone", zone_ids),
        "geozones": ("zone", zone_ids),
        "job_functions": ("family", sorted(ladder.families)),
    })
    if any(x.severity == ERROR for x in found):
        return found
    start = settings.load_date(ladder).strftime("%m/%d/%Y")
    gone = settings.retired(ladder)
    grades, grade_of = pay_grades(ladder)
    code = {g.code: _fit(g.code) for g in grades} | {c: _fit(c) for c, _ in gone.pay_grades}
    pay_grade_rows = [[code[g.code], start, code[g.code], _shortened(g.description, DESCRIPTION_LIMIT), ACTIVE,
                       g.grade_index + 1] for g in grades]
    pay_grade_rows += [[code[c], start, code[c], "", INACTIVE, ""] for c, _ in gone.pay_grades]
    zones = ladder.zones
    ranges = [[_fit(f"{g.code}-{zone}"), start, _range_name(code[g.code], zones[zone], _fit(f"{g.code}-{zone}")),
               _shortened(g.description, DESCRIPTION_LIMIT), ACTIVE,
               zones[zone].currency, amount(b.min), amount(b.mid), amount(b.max), FREQUENCY_CODES[frequency(b)], code[g.code],
               mapping["geozones"][zone], mapping["legal_entities"][zone]]
              for g in grades for zone, b in g.bands.items()]
    functions = mapping["job_functions"]
    jobs = [[lv.job_code, start, lv.title, lv.summary, ACTIVE, code[grade_of[lv.id].code], functions[lv.family]]
            for lv in ordered_levels(ladder)]
    jobs += [[lv.job_code, start, lv.title, "", INACTIVE, "", functions.get(lv.family, lv.family)] for lv in gone.levels]
    us_classes = [[lv.job_code, start, "USA", FLSA.get(lv.classification.flsa, ""), lv.classification.eeo1]
                  for lv in ordered_levels(ladder) if lv.classification.flsa or lv.classification.eeo1]
    files = [("FOPayGrade.csv", PAY_GRADE, pay_grade_rows), ("FOPayRange.csv", PAY_RANGE, ranges),
             ("FOJobCode.csv", JOB_CODE, jobs)]
    if us_classes and has_us_zone(ladder):
        files.append(("FOJobClassLocalUSA.csv", JOB_CLASS_USA, us_classes))
    filled = []
    for name, columns, rows in files:
        template, problems = read_template(ladder.root, name)
        header, data, unfilled = _filled(columns, rows, template)
        found += problems + unfilled
        filled.append((name, header, data, template))
    if any(x.severity == ERROR for x in found):
        return found
    for name, header, rows, _ in filled:
        write_csv(directory / name, header, rows, settings.excel)
    written = [name for name, *_ in filled]
    used = templates.notes(ladder.root, [template for *_, template in filled])
    write_load_order(directory, "SuccessFactors Employee Central: Import Foundation Data", [f"`{n}`" for n in written], [
        "Before the first load: the legal entities, geozones and job functions named in hris/successfactors.yaml "
        "must exist (ladderc references them; it does not create them).", *used])
    return found
