"""The rows every export shares: levels, bands, transitions, expectations, and pay grades.

Targets differ in column names and file shapes, not in what a level or a band is; building the
rows once here keeps them reconciling with each other. Everything is ordered deterministically:
families by id, then track (ladder order), grade (low to high) and level id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ladderc.model import Amount, Band, Ladder, Level, Transition

FREQUENCY = "annual"  # bands are annual base pay (the format says so)


def amount(value: Amount) -> Amount:
    """An amount as a number a spreadsheet shows without a stray '.0'."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def ordered_levels(ladder: Ladder) -> list[Level]:
    tracks = list(ladder.tracks)
    return sorted(ladder.levels.values(),
                  key=lambda lv: (lv.family, tracks.index(lv.track), lv.grade_index, lv.id))


def ordered_transitions(ladder: Ladder) -> list[Transition]:
    return sorted(ladder.transitions, key=lambda t: (t.source, t.target, t.kind))


@dataclass(frozen=True)
class BandRow:
    level: Level
    zone: str
    currency: str
    band: Band


def band_rows(ladder: Ladder) -> list[BandRow]:
    """One row per level × zone where the level has a band, zones in ladder order."""
    return [BandRow(level, zone.id, zone.currency, level.bands[zone.id])
            for level in ordered_levels(ladder) for zone in ladder.zones.values() if zone.id in level.bands]


def expectation_rows(ladder: Ladder) -> list[tuple[Level, str, str]]:
    """(level, competency id, expectation) for every written expectation."""
    return [(level, competency, text) for level in ordered_levels(ladder)
            for competency, text in level.expectations.items()]


@dataclass(frozen=True)
class PayGrade:
    """A grade as HRIS systems price it: one band per zone, shared by every level on it.

    A ladder prices levels, not grades: two levels at G5 in different families may have different
    bands. Where every level at a grade has the same bands, the pay grade is the grade itself
    (`G5`); otherwise the grade splits by family (`G5-engineering`), or by level where one family
    holds two band sets at one grade (`G5-se5`).
    """

    code: str
    grade: str
    grade_index: int
    levels: tuple[str, ...]
    bands: dict  # zone id -> Band (of the first level; all levels share the amounts)


def pay_grades(ladder: Ladder) -> tuple[list[PayGrade], dict[str, PayGrade]]:
    """The pay grades in grade order, and each level's pay grade."""
    by_grade: dict[str, dict[tuple, list[Level]]] = {}
    for level in ordered_levels(ladder):
        key = tuple((zone, amount(b.min), amount(b.mid), amount(b.max)) for zone, b in level.bands.items())
        by_grade.setdefault(level.grade, {}).setdefault(key, []).append(level)
    grades: list[PayGrade] = []
    for grade in ladder.grades:
        groups = list(by_grade.get(grade.id, {}).values())
        band_sets = Counter(family for levels in groups for family in {lv.family for lv in levels})
        for levels in groups:
            grades.append(PayGrade(_code(grade.id, levels, len(groups), band_sets), grade.id, grade.index,
                                   tuple(lv.id for lv in levels), dict(levels[0].bands)))
    return grades, {level: pg for pg in grades for level in pg.levels}


def _code(grade: str, levels: list[Level], groups: int, band_sets: Counter) -> str:
    """`band_sets`: how many distinct band sets each family has at this grade."""
    if groups == 1:
        return grade
    families = {lv.family for lv in levels}
    if len(families) == 1 and band_sets[levels[0].family] == 1:
        return f"{grade}-{levels[0].family}"
    return f"{grade}-{levels[0].id}"


def requires_text(transition: Transition) -> str:
    return ";".join(transition.requires)
