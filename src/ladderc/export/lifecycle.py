"""What an export replaces: the record of each ladder an export holds, and what has gone since.

An HRIS keeps what it was once given: a level removed from the ladder must be loaded as an
inactivation, or the tenant keeps offering the job. Every export records, per ladder, the
families, levels and pay grades it held (in `manifest.json`); the next export compares the
ladder with the record of the export it replaces (or with `--previous DIR`) and hands each
target what disappeared. `--initial-load DATE` dates a first load separately from the ladder's
effective date (practitioners load Workday's first history at 1900-01-01); it retires nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ladderc.export.rows import ordered_levels, pay_grades
from ladderc.model import Ladder

RECORDS = "records"  # the manifest key


@dataclass(frozen=True)
class RetiredLevel:
    id: str
    title: str
    family: str
    track: str
    grade: str
    job_code: str


@dataclass(frozen=True)
class Retired:
    """What the previous export held and the ladder no longer has, each sorted by id."""

    families: tuple[tuple[str, str], ...] = ()  # (id, name)
    levels: tuple[RetiredLevel, ...] = ()
    pay_grades: tuple[tuple[str, str], ...] = ()  # (code, grade label)

    def __bool__(self) -> bool:
        return bool(self.families or self.levels or self.pay_grades)


def record(ladder: Ladder) -> dict:
    """What an export of `ladder` holds, as the manifest keeps it."""
    grades, _ = pay_grades(ladder)
    return {
        "families": {f.id: f.name for f in sorted(ladder.families.values(), key=lambda f: f.id)},
        "levels": {lv.id: {"title": lv.title, "family": lv.family, "track": lv.track, "grade": lv.grade,
                           "job_code": lv.job_code}
                   for lv in ordered_levels(ladder)},
        "pay_grades": {g.code: g.grade for g in grades},
    }


def retired(ladder: Ladder, previous: dict | None) -> Retired:
    """What `previous` (a ladder's record) holds that `ladder` does not."""
    if not previous:
        return Retired()
    now = record(ladder)
    families = previous.get("families", {})
    levels = previous.get("levels", {})
    grades = previous.get("pay_grades", {})
    return Retired(
        tuple((i, str(families[i])) for i in sorted(set(families) - set(now["families"]))),
        tuple(RetiredLevel(i, str(levels[i].get("title", i)), str(levels[i].get("family", "")),
                           str(levels[i].get("track", "")), str(levels[i].get("grade", "")),
                           str(levels[i].get("job_code", i)))
              for i in sorted(set(levels) - set(now["levels"])) if isinstance(levels[i], dict)),
        tuple((code, str(grades[code])) for code in sorted(set(grades) - set(now["pay_grades"]))))


def previous_records(directory: Path) -> dict[str, dict] | None:
    """The per-ladder records in `directory/manifest.json`, or None when it has none.

    Raises ValueError with a one-line reason when the manifest is there but unreadable.
    """
    manifest = directory / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"{manifest} cannot be read: {error}") from None
    records = data.get(RECORDS) if isinstance(data, dict) else None
    return records if isinstance(records, dict) else None
