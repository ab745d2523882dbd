"""Which column is which: forgiving header matching, then the user's `--map` for anything else.

A header is compared in a normal form (lowercase, punctuation and extra spaces dropped), against
the names and common synonyms of each field: `Job title`, `Level name` and `Role` are the title,
`Career track` the track, `Salary min` and `Minimum` a band's min. `Level` is the grade in a sheet
of titles without a grade column, else the level's id. A header ending (or starting) in min, mid or
max is a band column of the zone its other words name (`US min`, `UK Maximum`, `Min (GBP)`):
none names the zone `base`. Variable pay is a kind (bonus, commission) with a target or a mix;
equity is a column per zone (`US equity`), or one `Equity` column in a bands table or a one-zone
sheet. Any other header over text is a competency; over numbers only, or a known non-ladder column
(notes, headcount), it is left out with a warning, as is on-target earnings, which ladderc computes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ladderc.importer.tables import Cell, Table

# field -> the headers (in normal form) that name it
FIELDS = {
    "family": {"family", "job family", "family name", "job family name", "function", "department", "discipline"},
    "track": {"track", "career track", "track name", "career path", "path", "ladder"},
    "track_kind": {"track kind", "kind of track", "track type"},
    "grade": {"grade", "job grade", "pay grade", "grade name", "grade level", "career level"},
    "grade_rank": {"grade rank"},
    "title": {"title", "job title", "level name", "level title", "role", "role title", "role name", "position",
              "position title", "job name", "job"},
    "id": {"id", "level id", "level code", "level key"},
    "summary": {"summary", "description", "level description", "role summary", "scope", "level summary"},
    "entry": {"entry", "entry level", "hiring level", "hiring"},
    "currency": {"currency", "currency code", "pay currency"},
    "zone": {"zone", "pay zone", "location", "geo", "region", "market"},
    "competency_id": {"competency", "competency id", "skill"},
    "competency_name": {"competency name", "skill name"},
    "expectation": {"expectation", "expectations", "expected behaviour", "expected behavior"},
    "from": {"from", "from level", "source", "from role"},
    "to": {"to", "to level", "target", "to role"},
    "kind": {"kind", "transition kind", "move", "move kind", "type"},
    "requires": {"requires", "requirements", "readiness", "readiness requirements"},
    "criteria": {"criteria", "promotion criteria", "switch criteria"},
    "support": {"support", "support after the move", "support after move"},
    "trial_months": {"trial months", "trial", "trial length", "trial length months"},
    "requirement_id": {"requirement", "requirement id"},
    "requirement_name": {"requirement name"},
    "requirement_kind": {"requirement kind", "kind of evidence", "evidence kind"},
    "implied": {"implied"},
    "from_family": {"from family"},
    "to_family": {"to family"},
    "frequency": {"frequency", "pay frequency"},
    "derived": {"derived"},
    "variable_kind": {"variable kind", "variable pay kind", "variable type", "variable pay type", "incentive type",
                      "incentive plan", "plan type"},
    "variable_target": {"variable target", "bonus target", "target bonus", "variable pay target", "commission target",
                        "target variable pay", "bonus", "bonus percent", "target bonus percent"},
    "variable_mix": {"variable mix", "pay mix", "mix", "base variable mix", "base variable split", "split"},
    "job_code": {"job code", "job codes", "hris job code", "job profile code", "hris code"},
    "flsa": {"flsa", "flsa status", "exempt status", "exemption"},
    "eeo1": {"eeo1", "eeo 1", "eeo 1 category", "eeo1 category", "eeo category", "eeo 1 job category"},
}
PARTS = {"min": "min", "minimum": "min", "low": "min", "floor": "min", "mid": "mid", "midpoint": "mid",
         "middle": "mid", "target": "mid", "max": "max", "maximum": "max", "high": "max", "ceiling": "max"}
_PAY_WORDS = {"salary", "pay", "base", "band", "range", "annual", "base salary", "comp", "compensation"}
DEFAULT_ZONE = "base"
# What ladderc computes rather than reads: on-target earnings (base × (1 + target) + equity).
NOT_YET = {
    "on-target earnings, which ladderc computes from base pay, variable pay and equity":
        {"ote", "on target earnings", "on target", "total target cash", "ttc"},
}
# Columns `ladderc export --target csv` writes that are computed from the others: read nothing from them.
COMPUTED = {"origin", "variable min", "variable mid", "variable max", "total min", "total mid", "total max"}
EQUITY_WORDS = {"equity", "rsu", "rsus", "stock"}  # a header with one of these is equity, its other words the zone
_EQUITY_FILLER = {"grant", "annual", "value", "target", "yearly"}
NOT_LADDER = {"notes", "note", "comments", "comment", "headcount", "status", "owner", "last updated", "updated"}
GROUP_WORDS = re.compile(r"^(competenc(y|ies)|expectations?)\s*[:\-–]?\s+", re.IGNORECASE)
CURRENCY_IN_HEADER = re.compile(r"\(([A-Za-z]{3})\)|\b(usd|eur|gbp|chf|cad|aud|inr|jpy|sek|pln)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: Cell
    role: str  # a FIELDS key | "band" | "competency" | "ignored" (with a warning) | "skipped" (by --map)
    zone: str = ""  # band: the zone as the header names it
    part: str = ""  # band: min | mid | max
    currency: str | None = None  # band: the currency its header names
    competency: str = ""  # competency: its name as the header writes it
    why: str = ""  # ignored: what to say
    hint: str = "map it with --map if it belongs in the ladder"  # ignored: what to do


def normal(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def columns(table: Table, mapping: dict[str, object]) -> list[Column]:
    """Every column of `table` with its role; `mapping`: normal header -> what `--map` says."""
    def has(field: str) -> bool:
        return any(normal(h.text) in FIELDS[field] or mapping.get(normal(h.text)) == field for h in table.header)

    found, has_grade, has_title = [], has("grade"), has("title")
    for i, header in enumerate(table.header):
        if header.blank:
            if any(not row[i].blank for row in table.rows):
                found.append(Column(i, header, "ignored", why="has no header"))
            continue
        found.append(_column(i, header, table, mapping.get(normal(header.text)), has_grade, has_title))
    return found


def _column(i: int, header: Cell, table: Table, mapped, has_grade: bool, has_title: bool) -> Column:
    key = normal(header.text)
    currency = _header_currency(header.text)
    if isinstance(mapped, dict):
        if "zone" in mapped:
            return Column(i, header, "band", zone=mapped["zone"], part=mapped["amount"],
                          currency=mapped.get("currency", currency))
        return Column(i, header, "competency", competency=mapped["competency"])
    if mapped == "ignore":
        return Column(i, header, "skipped")  # as the user asked: no warning
    if isinstance(mapped, str):
        return Column(i, header, mapped)
    key_without_currency = normal(CURRENCY_IN_HEADER.sub(" ", header.text)) if currency else key
    if key in COMPUTED:
        return Column(i, header, "skipped")  # computed by ladderc from the other columns
    if EQUITY_WORDS & set(key_without_currency.split()):
        words = re.sub(r"[^0-9A-Za-z]+", " ", CURRENCY_IN_HEADER.sub(" ", header.text)).split()
        zone = " ".join(w for w in words if w.lower() not in EQUITY_WORDS | _EQUITY_FILLER)
        return Column(i, header, "equity", zone=zone, currency=currency)
    if key == "level":  # `Level` is the grade of a sheet of titles that names no grade, else the id
        return Column(i, header, "grade" if has_title and not has_grade else "id")
    for field, names in FIELDS.items():
        if key in names:
            return Column(i, header, field)
    for what, names in NOT_YET.items():
        if key in names or key_without_currency in names:
            return Column(i, header, "ignored",
                          why=f"recognised as {what}",
                          hint="give the variable pay as a kind with a target (Bonus target 15%) or a mix "
                               "(Pay mix 50/50)")
    band = _band(key_without_currency)
    if band is not None:
        zone, part = band
        if zone in PARTS or zone in FIELDS["zone"]:
            zone = ""
        return Column(i, header, "band", zone=_zone_words(header.text) if zone else DEFAULT_ZONE, part=part,
                      currency=currency)
    if key in NOT_LADDER:
        return Column(i, header, "ignored", why="is not part of a ladder")
    values = [row[i] for row in table.rows if not row[i].blank]
    if values and all(isinstance(c.value, (int, float)) for c in values):
        return Column(i, header, "ignored", why="holds numbers, not expectations")
    return Column(i, header, "competency", competency=GROUP_WORDS.sub("", header.text.strip()).strip())


def _band(key: str) -> tuple[str, str] | None:
    """(zone words, part) when the header names a band amount: `us tier 1 min`, `minimum uk`."""
    words = key.split()
    if words and words[-1] in PARTS:
        part, rest = words[-1], words[:-1]
    elif words and words[0] in PARTS:
        part, rest = words[0], words[1:]
    else:
        return None
    return " ".join(w for w in rest if w not in _PAY_WORDS), PARTS[part]


def _zone_words(text: str) -> str:
    """The zone as the header writes it, case kept: `US tier 1 min (USD)` -> `US tier 1`."""
    words = re.sub(r"[^0-9A-Za-z]+", " ", CURRENCY_IN_HEADER.sub(" ", text)).split()
    return " ".join(w for w in words if w.lower() not in PARTS and w.lower() not in _PAY_WORDS)


def _header_currency(text: str) -> str | None:
    match = CURRENCY_IN_HEADER.search(text)
    return (match.group(1) or match.group(2)).upper() if match else None
