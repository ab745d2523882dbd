"""The postings target: per level and zone, what a job posting must say about pay, ready to publish.

US state posting laws (Colorado, California, Washington, New York and others) ask every posting for a
good-faith pay range; EU Directive 2023/970 (Art. 5) asks that applicants get the initial pay or its
range before the interview. This target writes, for every level with a band in a zone:

- `postings.csv`: family, level, title, track, grade, zone, currency, pay period, and each measure's
  range (`base_min`, `base_max`), RFC 4180, formula-like text neutralised;
- `postings.jsonld`: every posting as a schema.org `JobPosting` (title, hiringOrganization, baseSalary as a
  `MonetaryAmount` whose `value` is a `QuantitativeValue` with minValue, maxValue and unitText);
- `snippets/<zone>.html`: per level, after a `<!-- level id -->` comment, the same `JobPosting` in a
  `<script type="application/ld+json">` to paste into that level's careers page, with `<`, `>` and `&`
  escaped so no title can close the script.

The ranges of one posting come from `posting_ranges`, one entry per measure in MEASURES: the base
band, and for a level with variable pay the on-target range (base plus on-target variable pay,
without equity, at the band's min and max: what "on-target earnings" means in a sales posting).
Pay in the directive's and the posting laws' sense includes the variable part, so the on-target
range is in the CSV and, as text, in the JSON-LD's `incentiveCompensation` (schema.org has no
amount property for it).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from ladderc.diagnostics import Diagnostic
from ladderc.export import Settings, register
from ladderc.export.json_target import encode
from ladderc.export.rows import BandRow, amount, annual_amounts, band_rows, frequency
from ladderc.export.spreadsheet import Cell, write_csv
from ladderc.model import Amount, Ladder, format_amount
from ladderc.output import write_text
from ladderc.paths import destination

MEASURES = ("base", "on_target")  # the ranges a posting gives, in column order
UNIT_TEXT = {"annual": "YEAR", "hourly": "HOUR"}  # the bands' period as schema.org's unitText (QuantitativeValue) spells it
SCHEMA_ORG = "https://schema.org"
COLUMNS = ["family", "level", "title", "track", "grade", "zone", "zone_name", "currency", "pay_period"] + [
    f"{measure}_{end}" for measure in MEASURES for end in ("min", "max")]
# In a <script> element the HTML parser ends the script at '</script' whatever the JSON says.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class PostingRange(NamedTuple):
    measure: str  # one of MEASURES
    min: Amount
    max: Amount


class Posting(NamedTuple):
    """One level posted in one zone: its band row and the ranges a posting gives."""

    row: BandRow
    ranges: tuple[PostingRange, ...]


def posting_ranges(ladder: Ladder, row: BandRow) -> tuple[PostingRange, ...]:
    """The ranges a posting of this level in this zone gives: the base band, min to max, and with
    variable pay the on-target range (base plus on-target variable pay; equity is not earnings)."""
    base = PostingRange("base", row.min, row.max)
    if row.level.variable is None:
        return (base,)
    # Per year, as totals are: an hourly level's on-target earnings are its annualised base plus the variable part.
    low, _, high = annual_amounts(row, ladder)
    low, high = (_exact_sum(b, ladder.variable_amount(row.level, row.zone, b)) for b in (low, high))
    return base, PostingRange("on_target", amount(low), amount(high))


def _exact_sum(base: Amount, variable: Amount) -> Amount:
    """base + variable in decimal: as floats, 172470 + 19163.33 is 191633.33000000002."""
    value = Decimal(str(base)) + Decimal(str(variable))
    return int(value) if value == value.to_integral_value() else float(value)


def postings(ladder: Ladder) -> list[Posting]:
    """Every level with a band in a zone, in the shared export order (family, track, grade, level; zone)."""
    return [Posting(row, posting_ranges(ladder, row)) for row in band_rows(ladder)]


def job_posting(ladder: Ladder, posting: Posting) -> dict:
    """The posting as a schema.org JobPosting carrying its base salary range."""
    row = posting.row
    base = next(r for r in posting.ranges if r.measure == "base")
    document = {
        "@context": SCHEMA_ORG,
        "@type": "JobPosting",
        "title": row.level.title,
        "identifier": {"@type": "PropertyValue", "name": ladder.organisation.name, "value": row.level.id},
        "hiringOrganization": {"@type": "Organization", "name": ladder.organisation.name},
        "baseSalary": {"@type": "MonetaryAmount", "currency": row.currency, "value": {
            "@type": "QuantitativeValue", "minValue": amount(base.min), "maxValue": amount(base.max),
            "unitText": UNIT_TEXT[frequency(row.band)]}},
    }
    if row.level.summary:
        document["description"] = row.level.summary
    on_target = next((r for r in posting.ranges if r.measure == "on_target"), None)
    if on_target is not None:
        variable = row.level.variable
        assert variable is not None  # an on-target range is made only for a level with variable pay
        plan = f"{variable.kind}, {variable.mix[0]}/{variable.mix[1]} base/variable" if variable.mix else \
            f"{variable.kind}, target {float(variable.target) * 100:g}% of base"
        document["incentiveCompensation"] = (
            f"On-target earnings {format_amount(on_target.min, row.currency)} to "
            f"{format_amount(on_target.max, row.currency)} {row.currency} a year, base pay included ({plan}).")
    return document


def script_json(document: dict | list) -> str:
    """JSON that is safe inside an HTML <script> element (and still the same JSON).

    Encoded as the json target encodes (orjson: the standard library's indenting encoder runs in
    pure Python, and this runs once per level and zone), without a final newline."""
    return encode(document, newline=False).decode("utf-8").translate(_SCRIPT_SAFE)


@register("postings", "job-posting pay ranges per level and zone: CSV and schema.org JobPosting JSON-LD",
          cost=0.4)
def write(ladder: Ladder, directory: Path, settings: Settings) -> list[Diagnostic]:
    found = postings(ladder)
    rows: list[list[Cell]] = []
    for posting in found:
        row, level = posting.row, posting.row.level
        ranges = {r.measure: r for r in posting.ranges}
        rows.append([level.family, level.id, level.title, level.track, level.grade, row.zone,
                     ladder.zones[row.zone].name, row.currency, frequency(row.band),
                     *(value for m in MEASURES for value in ((ranges[m].min, ranges[m].max) if m in ranges else ("", "")))])
    write_csv(directory / "postings.csv", [COLUMNS], rows, settings.excel)
    documents = [job_posting(ladder, posting) for posting in found]
    write_text(directory / "postings.jsonld", script_json(documents) + "\n")
    by_zone: dict[str, list[str]] = {zone: [] for zone in ladder.zones if any(p.row.zone == zone for p in found)}
    for posting, document in zip(found, documents, strict=True):
        by_zone[posting.row.zone].append(f'<!-- {posting.row.level.id} -->\n<script type="application/ld+json">\n'
                                         f'{script_json(document)}\n</script>\n')
    for zone, snippets in by_zone.items():
        write_text(destination(directory, f"snippets/{zone}.html"), "\n".join(snippets))
    return []
