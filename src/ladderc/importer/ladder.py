"""The ladder an import builds, as plain data: levels with the cells they came from, and what
was decided about tracks, grades and zones, for the YAML files and the summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ladderc.importer.tables import Cell

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # what the exports quote with a leading "'"


@dataclass
class Options:
    grades: tuple[str, ...] = ()  # --grades, low to high
    currency: str | None = None  # --currency: for zones the sheet does not tell
    mapping: dict = field(default_factory=dict)  # normal header -> role, from --map
    track_kinds: dict = field(default_factory=dict)  # normal track name -> kind, from --map


@dataclass
class Level:
    family: str  # family id
    track: str  # track id
    grade: str
    title: str
    title_cell: Cell
    id: str = ""
    summary: str = ""
    entry: bool | None = None
    expectations: dict = field(default_factory=dict)  # competency id -> text
    pay: dict = field(default_factory=dict)  # zone id -> {min, mid, max}
    pay_cells: dict = field(default_factory=dict)  # zone id -> the first cell of its band
    job_code: str = ""
    variable: dict = field(default_factory=dict)  # {kind, target} or {kind, mix}, as the format writes it
    variable_cell: Cell | None = None  # where the variable pay was first given
    equity: dict = field(default_factory=dict)  # zone id -> annual equity amount
    classification: dict = field(default_factory=dict)  # flsa, eeo1 as the format writes them


@dataclass
class Built:
    """The ladder as data, and what was decided about it, for the files and the summary."""

    families: dict = field(default_factory=dict)  # id -> {"name", "tables": [(table name, first row, last row)]}
    tracks: dict = field(default_factory=dict)  # id -> {"name", "kind", "said"}
    grades: list = field(default_factory=list)
    grade_order: str = ""
    zones: dict = field(default_factory=dict)  # id -> {"name", "currency"}
    competencies: dict = field(default_factory=dict)  # id -> {"name", "tracks": set}
    requirements: list = field(default_factory=list)
    requirement_info: dict = field(default_factory=dict)  # id -> {"name", "kind", "description"} from a requirements table
    levels: list = field(default_factory=list)
    transitions: list = field(default_factory=list)  # (from family, {from, to, kind, requires, criteria, support, trial})
    pay_policy: str = ""  # policy.pay when not every level has a band in every zone: optional | none
    implied: dict = field(default_factory=dict)  # level id -> the next level up its track, as an export lists it
    generated_ids: int = 0
    sources: list = field(default_factory=list)  # table names read


def text(cell: Cell) -> str:
    """The cell as text, without the quote an export puts before a formula-like value."""
    value = cell.text
    return value[1:] if value.startswith("'") and value[1:2] in _TRIGGERS and value[1:2] else value
