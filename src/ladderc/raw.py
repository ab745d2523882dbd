"""What a ladder says as written: the typed shape of `ladder.yaml` and of a family file.

These types describe a document after the schema accepted it (`schemas/ladder.schema.json`,
`schemas/family.schema.json`; tests/test_raw.py keeps them in step key for key), before any id is
resolved. Positions stay with the `loader.Document` the data came from (`doc.at(path)`,
`doc.key_at(path)`); `ladderc.resolve` turns these into the frozen `ladderc.model`. Like dbt's
`unparsed.py`, nothing here resolves or derives anything.

A leaf module: it imports nothing of ladderc's, so the model may name a raw type (a family's
`pay_formula`) without an import circle. Required keys sit in a base class, optional ones in a
`total=False` subclass, which every supported Python (3.10 on) reads the same way. Keys that are
Python keywords (`from`) use the functional form.
"""

from __future__ import annotations

from typing import TypedDict, cast

Number = float  # a YAML number: int or float (an int is a float to a type checker)
Severity = str  # error | warning | off


class _OrganisationRequired(TypedDict):
    name: str
    effective: str  # YYYY-MM-DD


class RawOrganisation(_OrganisationRequired, total=False):
    description: str


class _TrackRequired(TypedDict):
    id: str
    name: str
    kind: str  # individual | management


class RawTrack(_TrackRequired, total=False):
    description: str


_DeriveRequired = TypedDict("_DeriveRequired", {"from": str, "factor": Number})


class RawDerive(_DeriveRequired, total=False):
    round: Number


class _ZoneRequired(TypedDict):
    id: str
    name: str
    currency: str


class RawZone(_ZoneRequired, total=False):
    description: str
    derive: RawDerive
    country: str


class _CompetencyRequired(TypedDict):
    id: str
    name: str


class RawCompetency(_CompetencyRequired, total=False):
    description: str
    tracks: list[str]
    families: list[str]
    criterion: str


class _RequirementRequired(TypedDict):
    id: str
    name: str


class RawRequirement(_RequirementRequired, total=False):
    description: str
    kind: str  # one of model.REQUIREMENT_KINDS


class _RuleSettingRequired(TypedDict):
    severity: Severity


class RawRuleSetting(_RuleSettingRequired, total=False):
    """A ladder's `policy.rules` entry in its long form; the short form is the severity alone."""

    reason: str


class RawBounds(TypedDict, total=False):
    min: Number
    max: Number


class RawReadiness(TypedDict, total=False):
    into_management: list[str | list[str]]  # a kind, or alternative kinds


class RawPolicy(TypedDict, total=False):
    parity_tolerance: Number
    range_spread: RawBounds
    midpoint_progression: RawBounds
    pay: str  # required | optional | none
    hours_per_year: Number
    rules: dict[str, Severity | RawRuleSetting]
    readiness: RawReadiness
    pay_transparency: str  # eu | us | none
    posting_spread: Number
    gendered_terms: dict[str, str]
    neutral_terms: list[str]
    parity_measures: list[str]  # base | total
    variable_range: dict[str, RawBounds]  # track id -> target bounds


class _LadderRequired(TypedDict):
    format: int
    organisation: RawOrganisation
    grades: list[str]
    tracks: list[RawTrack]


class LadderFile(_LadderRequired, total=False):
    """`ladder.yaml`."""

    zones: list[RawZone]
    competencies: list[RawCompetency]
    requirements: list[RawRequirement]
    policy: RawPolicy
    grade_factors: dict[str, Number]  # grade id -> factor


class _FamilyInfoRequired(TypedDict):
    id: str
    name: str


class RawFamilyInfo(_FamilyInfoRequired, total=False):
    description: str
    group: str


class _BandRequired(TypedDict):
    min: Number
    max: Number


class RawBand(_BandRequired, total=False):
    mid: Number


class RawClassification(TypedDict, total=False):
    flsa: str  # exempt | non-exempt
    eeo1: str  # one of model.EEO1_CATEGORIES
    pay_rate: str  # salaried | hourly


class _VariableRequired(TypedDict):
    kind: str  # bonus | commission


class RawVariable(_VariableRequired, total=False):
    target: Number  # a fraction of base; exactly one of target and mix (S002 otherwise)
    mix: str  # base/variable, such as 70/30


class _LevelRequired(TypedDict):
    id: str
    track: str
    grade: str
    title: str


class RawLevel(_LevelRequired, total=False):
    summary: str
    entry: bool
    expectations: dict[str, str]  # competency id -> markdown
    pay: dict[str, RawBand]  # zone id -> band
    job_code: str
    classification: RawClassification
    variable: RawVariable
    equity: dict[str, Number]  # zone id -> annualised target equity


class RawTrial(TypedDict):
    months: int


_TransitionRequired = TypedDict("_TransitionRequired", {"from": str, "to": str, "kind": str})


class RawTransition(_TransitionRequired, total=False):
    requires: list[str]
    criteria: str
    support: list[str]
    trial: RawTrial


class RawFamilyRuleSetting(TypedDict):
    """A family's `policy.rules` entry: a family lowers a rule only with a reason."""

    severity: Severity
    reason: str


class RawFamilyPolicy(TypedDict, total=False):
    rules: dict[str, RawFamilyRuleSetting]


class RawSpread(TypedDict):
    min: Number
    max: Number


class _PayFormulaRequired(TypedDict):
    zone: str
    benchmark: Number
    spread: RawSpread


class RawPayFormula(_PayFormulaRequired, total=False):
    round: Number


class _FamilyRequired(TypedDict):
    family: RawFamilyInfo
    levels: list[RawLevel]


class FamilyFile(_FamilyRequired, total=False):
    """A file under `families/`."""

    transitions: list[RawTransition]
    policy: RawFamilyPolicy
    classification: RawClassification
    pay_formula: RawPayFormula


def ladder_file(data: object) -> LadderFile:
    """`ladder.yaml`'s data as its type: only for data the ladder schema accepted."""
    return cast(LadderFile, data)


def family_file(data: object) -> FamilyFile:
    """A family file's data as its type: only for data the family schema accepted."""
    return cast(FamilyFile, data)
