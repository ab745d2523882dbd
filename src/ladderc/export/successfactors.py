"""The successfactors target: Employee Central foundation-object import CSVs.

`FOPayGrade.csv` (one per pay grade, see `rows.PayGrade`), `FOPayRange.csv` (one per level ×
zone, geozone = zone id) and `FOJobCode.csv` (one per level), each keyed on externalCode +
start-date and starting with the two header rows the legacy foundation import expects: the
field ids, then their labels. Dates are MM/DD/YYYY, the import's default format.
"""

from __future__ import annotations

from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.export import Settings, register
from ladderc.export.rows import band_rows, ordered_levels, pay_grades
from ladderc.export.spreadsheet import write_csv
from ladderc.model import Ladder

ACTIVE = "A"
FREQUENCY_CODE = "ANN"

PAY_GRADE = [("externalCode", "Code"), ("start-date", "Start Date"), ("name", "Name"),
             ("description", "Description"), ("status", "Status"), ("paygradeLevel", "Pay Grade Level")]
PAY_RANGE = [("externalCode", "Code"), ("start-date", "Start Date"), ("name", "Name"),
             ("description", "Description"), ("status", "Status"), ("currency", "Currency"),
             ("minimumPay", "Minimum Pay"), ("midPoint", "Mid Point"), ("maximumPay", "Maximum Pay"),
             ("frequencyCode", "Frequency"), ("payGrade", "Pay Grade"), ("geozone", "Geo Zone")]
JOB_CODE = [("externalCode", "Code"), ("start-date", "Start Date"), ("name", "Name"),
            ("description", "Description"), ("status", "Status"), ("grade", "Pay Grade"),
            ("jobFunction", "Job Function")]


def headers(columns: list[tuple[str, str]]) -> list[list[str]]:
    return [[field for field, _ in columns], [label for _, label in columns]]


@register("successfactors", "SAP SuccessFactors foundation imports: FOPayGrade, FOPayRange, FOJobCode CSVs",
          cost=0.7)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    start = ladder.organisation.effective.strftime("%m/%d/%Y")
    grades, grade_of = pay_grades(ladder)
    pay_grade_rows = [[g.code, start, g.code, g.description, ACTIVE, g.grade_index + 1]
                      for g in grades]
    zones = {zone.id: zone.name for zone in ladder.zones.values()}
    ranges = [[f"{lv.id}-{zone}", start, f"{lv.title} ({zones[zone]})", lv.summary, ACTIVE, currency,
               low, mid, high, FREQUENCY_CODE, grade_of[lv.id].code, zone]
              for lv, zone, currency, _, low, mid, high in band_rows(ladder)]
    jobs = [[lv.id, start, lv.title, lv.summary, ACTIVE, grade_of[lv.id].code, lv.family]
            for lv in ordered_levels(ladder)]
    write_csv(directory / "FOPayGrade.csv", headers(PAY_GRADE), pay_grade_rows, settings.excel)
    write_csv(directory / "FOPayRange.csv", headers(PAY_RANGE), ranges, settings.excel)
    write_csv(directory / "FOJobCode.csv", headers(JOB_CODE), jobs, settings.excel)
    return []
