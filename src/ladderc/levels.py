"""Families and their levels, resolved against the ladder file.

A level's bands are written, computed by the family's `pay_formula` or derived from another zone
(in derivation order, rounded half up); its variable pay is a `target` or a `mix` (S002 for a mix
that does not add up), its equity written or derived. `ladderc.transitions` comes next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext
from decimal import Context as DecimalContext
from pathlib import Path

from ladderc.currency import minor_unit
from ladderc.diagnostics import Diagnostic, Position
from ladderc.loader import Document
from ladderc.model import (
    DERIVED,
    FORMULA,
    HOURLY,
    MIN_BASE_SHARE,
    SALARIED,
    WRITTEN,
    Amount,
    Band,
    Classification,
    Competency,
    Equity,
    Family,
    Level,
    Requirement,
    Track,
    Variable,
    Zone,
)
from ladderc.raw import RawBand, RawClassification, RawLevel, RawPayFormula, family_file
from ladderc.references import duplicates, rule_settings, unknown
from ladderc.stage_rules import SCHEMA, UNKNOWN_REFERENCE

Path_ = tuple[object, ...]  # a path into a document, as `Document.at` takes it
# A resolved level, remembered by (ladder blob, family blob, family file) and the level's index.
LevelMemo = dict[tuple[tuple[str, str, Path], int], Level]
Memo = tuple[LevelMemo, tuple[str, str, Path]]  # a family file's memo and the key of its levels
# Wide enough for any finite amount over the smallest step the schema allows, so a chain of
# derived zones cannot overflow the default 28 digits; P001 reports amounts past MAX_AMOUNT.
_WIDE = DecimalContext(prec=400, Emax=MAX_EMAX, Emin=MIN_EMIN)


@dataclass(frozen=True)
class Context:
    """What family files resolve against: the ladder file, resolved."""

    grade_index: Mapping[str, int]  # grade id -> index, 0 the lowest
    tracks: Mapping[str, Track]
    zones: Mapping[str, Zone]
    order: Sequence[str]  # zone ids in derivation order (empty when the zones did not resolve)
    competencies: Mapping[str, Competency]
    requirements: Mapping[str, Requirement]
    grade_factors: Mapping[str, Decimal]
    publishes_pay: bool


@dataclass(frozen=True)
class Families:
    """The families stage's product."""

    families: dict[str, Family]
    levels: dict[str, Level]  # the levels that resolved, the first of duplicate ids
    written: dict[str, None]  # every level id written, resolved or not, in written order


class FamiliesStage:
    """Each family file in turn: its levels, its `policy.rules`; R002 for family, level and job code ids met twice.

    Levels are built only while nothing has been found (`resolving` says whether anything was found
    before): every level is still checked, but a ladder with errors compiles to nothing.
    """

    def __init__(self, context: Context, docs: Sequence[Document], memos: Sequence[Memo | None], resolving: bool):
        self.context = context
        self.docs = docs
        self.memos = memos
        self.resolving = resolving
        self.found: list[Diagnostic] = []
        # Per derived zone, its factor and its step for annual and for hourly bands, as exact decimals:
        # a ladder of 1,000 families derives tens of thousands of amounts from them.
        self.steps = {z.id: (Decimal(str(z.derive.factor)), Decimal(str(z.derive.round)), minor_unit(z.currency))
                      for z in context.zones.values() if z.derive is not None}

    def building(self) -> bool:
        """Whether levels are built: nothing found, before this stage or in it."""
        return self.resolving and not self.found

    def run(self) -> tuple[Families, list[Diagnostic]]:
        families: dict[str, Family] = {}
        levels: dict[str, Level] = {}
        family_ids: list[tuple[str, Position]] = []
        level_ids: list[tuple[str, Position]] = []
        job_codes: list[tuple[str, Position]] = []
        seen_ids: set[str] = set()
        for doc, memo in zip(self.docs, self.memos, strict=False):
            written = family_file(doc.data)
            fam = written["family"]
            family_ids.append((fam["id"], doc.at(("family", "id"))))
            lowest: dict[str, int] = {}
            for item in written["levels"]:
                grade = self.context.grade_index.get(item["grade"])
                if grade is not None:
                    lowest[item["track"]] = min(lowest.get(item["track"], grade), grade)
            formula = self.pay_formula(doc, written.get("pay_formula"))
            family_written = written.get("classification") or {}
            classification = _classification(family_written)
            ids = []
            for i, item in enumerate(written["levels"]):
                if "job_code" in item or item["id"].casefold() not in seen_ids:
                    # a repeated level id is R002 once, as a level, not again as its default job code
                    job_codes.append((item.get("job_code", item["id"]),
                                      doc.at(("levels", i, "job_code" if "job_code" in item else "id"))))
                level_ids.append((item["id"], doc.at(("levels", i, "id"))))
                seen_ids.add(item["id"].casefold())
                level = self.remembered(memo, doc, i, item, fam["id"], lowest, (family_written, classification), formula)
                if level is not None and item["id"] not in levels:
                    levels[item["id"]] = level
                    ids.append(item["id"])
            settings, found = rule_settings(doc, (written.get("policy") or {}).get("rules") or {}, fam["id"])
            self.found += found
            families.setdefault(fam["id"], Family(fam["id"], fam["name"], fam.get("description", ""), doc.file,
                                                  tuple(ids), doc.at(("family",)), settings, fam.get("group", ""),
                                                  formula))
        self.found += duplicates("family", family_ids)
        self.found += duplicates("level", level_ids)
        self.found += duplicates("job code", job_codes)  # one HRIS job per code
        return Families(families, levels, dict.fromkeys(ident for ident, _ in level_ids)), self.found

    def pay_formula(self, doc: Document, formula: RawPayFormula | None) -> RawPayFormula | None:
        """The family's `pay_formula` if it can be used: S002 under policy.pay none, R001 for an unknown zone."""
        if formula is None:
            return None
        if not self.context.publishes_pay:
            self.found.append(SCHEMA.at(doc.key_at(("pay_formula",)),
                                        "the family has a pay_formula, but the ladder's policy.pay is none",
                                        "remove the pay_formula, or set policy.pay to optional or required in ladder.yaml"))
            return None
        if formula["zone"] not in self.context.zones:
            self.found.append(unknown("zone", formula["zone"], self.context.zones, doc.at(("pay_formula", "zone"))))
            return None
        return formula

    def remembered(self, memo: Memo | None, doc: Document, i: int, item: RawLevel, family: str,
                   lowest: Mapping[str, int], classification: tuple[RawClassification, Classification],
                   formula: RawPayFormula | None) -> Level | None:
        """`level`, remembered for the same ladder and family files while nothing has been found."""
        if memo is None or not self.building():  # after a finding, `level` builds nothing
            return self.level(doc, i, item, family, lowest, classification, formula)
        levels, key = memo
        if (key, i) not in levels:
            level = self.level(doc, i, item, family, lowest, classification, formula)
            if level is None or not self.building():
                return level
            levels[key, i] = level
        return levels[key, i]

    def level(self, doc: Document, i: int, item: RawLevel, family: str, lowest: Mapping[str, int],
              classification: tuple[RawClassification, Classification], formula: RawPayFormula | None) -> Level | None:
        """The level, or None when it does not resolve (each reason a finding) or nothing is to be built.

        `classification` is the family's, as written and as built (what a level without its own gets).
        """
        context = self.context
        path: Path_ = ("levels", i)
        ok = True
        if item["track"] not in context.tracks:
            self.found.append(unknown("track", item["track"], context.tracks, doc.at(path + ("track",))))
            ok = False
        if item["grade"] not in context.grade_index:
            self.found.append(unknown("grade", item["grade"], context.grade_index, doc.at(path + ("grade",))))
            ok = False
        expectations = item.get("expectations") or {}
        for comp in expectations:
            at = doc.key_at(path + ("expectations", comp))
            if comp not in context.competencies:
                self.found.append(unknown("competency", comp, context.competencies, at))
                ok = False
            elif ok:
                ok = self.in_scope(context.competencies[comp], "track", item["track"], at) and \
                    self.in_scope(context.competencies[comp], "family", family, at)
        pay = item.get("pay") or {}
        if "pay" in item and not context.publishes_pay:
            self.found.append(SCHEMA.at(doc.key_at(path + ("pay",)),
                                        f"level '{item['id']}' has pay, but the ladder's policy.pay is none",
                                        "remove the level's `pay`, or set policy.pay to optional or required in ladder.yaml"))
            ok = False
        for zone in pay:
            if zone not in context.zones:
                self.found.append(unknown("zone", zone, context.zones, doc.key_at(path + ("pay", zone))))
                ok = False
        for key in ("variable", "equity"):
            if key in item and not context.publishes_pay:
                self.found.append(SCHEMA.at(
                    doc.key_at(path + (key,)), f"level '{item['id']}' has {key} pay, but the ladder's policy.pay is none",
                    f"remove the level's `{key}`, or set policy.pay to optional or required in ladder.yaml"))
                ok = False
        equity = item.get("equity") or {}
        for zone in equity:
            if zone not in context.zones:
                self.found.append(unknown("zone", zone, context.zones, doc.key_at(path + ("equity", zone))))
                ok = False
        variable = self.variable(doc, path, item) if "variable" in item and ok else None
        if formula is not None and formula["zone"] not in pay and ok and item["grade"] not in context.grade_factors:
            self.found.append(UNKNOWN_REFERENCE.at(
                doc.at(path + ("grade",)),
                f"grade '{item['grade']}' of level '{item['id']}' has no factor in grade_factors, "
                f"which the family's pay_formula needs for {formula['zone']}",
                f"add `{item['grade']}: ...` to grade_factors in ladder.yaml, or write the level's band in {formula['zone']}"))
            ok = False
        if not ok or not self.building():
            return None
        grade = context.grade_index[item["grade"]]
        own, family_written = item.get("classification"), classification[0]
        built = classification[1] if not own else _classification({**family_written, **own})
        return Level(
            id=item["id"], family=family, track=item["track"], grade=item["grade"], grade_index=grade,
            title=item["title"], summary=item.get("summary", ""),
            entry=item.get("entry", grade == lowest.get(item["track"])),
            expectations={c: expectations[c] for c in context.competencies if c in expectations},
            bands=self.bands(doc, path, pay, formula, item["grade"], built.pay_rate == HOURLY),
            pos=doc.at(path),
            expectation_pos={c: doc.at(path + ("expectations", c)) for c in expectations},
            job_code=item.get("job_code", item["id"]),
            classification=built,
            title_pos=doc.at(path + ("title",)),
            variable=variable,
            equity=self.equity(doc, path, equity),
        )

    def in_scope(self, competency: Competency, kind: str, ident: str, at: Position) -> bool:
        """Whether `competency` applies to this track or family; R001 at the expectation if not."""
        if ident in competency.scope[0 if kind == "track" else 1]:
            return True
        scope = competency.tracks if kind == "track" else competency.families
        self.found.append(UNKNOWN_REFERENCE.at(
            at, f"competency '{competency.id}' does not apply to {kind} '{ident}' (it applies to: {', '.join(scope)})",
            f"remove the expectation or add '{ident}' to the competency's {'tracks' if kind == 'track' else 'families'}"))
        return False

    def variable(self, doc: Document, path: Path_, item: RawLevel) -> Variable | None:
        """The level's `variable`: exactly one of `target` and `mix`, a mix of two shares adding up to 100 (S002)."""
        written = item["variable"]
        at = doc.at(path + ("variable",))
        if ("target" in written) == ("mix" in written):
            self.found.append(SCHEMA.at(at, f"variable pay of '{item['id']}' needs exactly one of `target` and `mix`"
                                        f"{', not both' if 'target' in written else ''}",
                                        "write `target: 0.15` (a fraction of base) or `mix: 70/30` (base/variable)"))
            return None
        if "target" in written:
            return Variable(written["kind"], Decimal(str(written["target"])), None, at)
        base, variable = (int(part) for part in written["mix"].split("/"))
        if base + variable != 100 or base < MIN_BASE_SHARE or variable == 0:
            problem = (f"adds up to {base + variable}, not 100" if base + variable != 100
                       else f"needs a base share of at least {MIN_BASE_SHARE} and a variable share above 0")
            self.found.append(SCHEMA.at(doc.at(path + ("variable", "mix")),
                                        f"pay mix {written['mix']} of '{item['id']}' {problem}",
                                        "write the base/variable split as two whole percentages adding up to 100, "
                                        "such as 60/40"))
            return None
        return Variable(written["kind"], Decimal(variable) / Decimal(base), (base, variable), at)

    def equity(self, doc: Document, path: Path_, written: Mapping[str, float]) -> dict[str, Equity]:
        """Equity per zone: written, or derived from the source zone with the zone's factor and rounding."""
        zones = self.context.zones
        equity: dict[str, Equity] = {}
        for zone_id in self.context.order:
            derive = zones[zone_id].derive
            if zone_id in written:
                equity[zone_id] = Equity(written[zone_id], False, doc.at(path + ("equity", zone_id)))
            elif derive is not None and derive.source in equity:
                equity[zone_id] = Equity(_derive(equity[derive.source].amount, derive.factor, derive.round), True,
                                         doc.at(path + ("equity",)))
        return {z: equity[z] for z in zones if z in equity}

    def bands(self, doc: Document, path: Path_, pay: Mapping[str, RawBand], formula: RawPayFormula | None, grade: str,
              hourly: bool) -> dict[str, Band]:
        zones = self.context.zones
        bands: dict[str, Band] = {}
        derived_at = doc.at(path + ("pay",)) if pay else doc.at(path)
        for zone_id in self.context.order:
            if zone_id in pay:
                band = pay[zone_id]
                mid: Amount = band.get("mid", (band["min"] + band["max"]) / 2)
                mid = int(mid) if isinstance(mid, float) and mid.is_integer() else mid
                amount_pos: dict[str, Position] = {k: doc.at(path + ("pay", zone_id, k))
                                                   for k in ("min", "mid", "max") if k in band}
                bands[zone_id] = Band(band["min"], mid, band["max"], False, doc.at(path + ("pay", zone_id)), amount_pos,
                                      WRITTEN, hourly)
                continue
            if formula is not None and formula["zone"] == zone_id:
                low, middle, high = _formula(formula, self.context.grade_factors[grade])
                bands[zone_id] = Band(low, middle, high, False, doc.at(path + ("grade",)), {}, FORMULA, hourly)
                continue
            derive = zones[zone_id].derive
            if derive is not None and derive.source in bands:
                source = bands[derive.source]
                # An hourly band derives to the currency's minor unit (0.01 USD, 1 JPY): `round` is a
                # step for annual amounts, and rounding 25.50 an hour to 1000 would make it 0.
                factor, annual, per_hour = self.steps[zone_id]
                low, middle, high = _derived(source, factor, per_hour if hourly else annual)
                bands[zone_id] = Band(low, middle, high, True, derived_at, {}, DERIVED, hourly)
        return {z: bands[z] for z in zones if z in bands}


def _classification(written: RawClassification) -> Classification:
    return Classification(written.get("flsa", ""), written.get("eeo1", ""), written.get("pay_rate", SALARIED))


def rounded(value: Decimal, step: Decimal) -> Decimal:
    """`value` rounded half up to a multiple of `step`: how every derived and formula amount is rounded
    (`ladderc explain` redoes the sums with it). In the caller's decimal context: resolving runs in a
    400-digit one, so that no amount the schema allows loses a digit."""
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _derived(band: Band, factor: Decimal, step: Decimal) -> tuple[Amount, Amount, Amount]:
    """A band's (min, mid, max) × `factor`, each rounded half up to a multiple of `step`, as `_derive` rounds."""
    with localcontext(_WIDE):
        low, middle, high = (rounded(Decimal(str(amount)) * factor, step) for amount in (band.min, band.mid, band.max))
    return _number(low), _number(middle), _number(high)


def _derive(amount: Amount, factor: float, round_to: Amount) -> Amount:
    """`amount` × `factor`, rounded half up to a multiple of `round_to`."""
    with localcontext(_WIDE):
        value = rounded(Decimal(str(amount)) * Decimal(str(factor)), Decimal(str(round_to)))
    return _number(value)


def _formula(formula: RawPayFormula, factor: Decimal) -> tuple[Amount, Amount, Amount]:
    """(min, mid, max) of a formula band: mid = benchmark × factor, min and max = mid × spread, each rounded."""
    with localcontext(_WIDE):
        step = Decimal(str(formula.get("round", 1)))
        mid = Decimal(str(formula["benchmark"])) * factor
        exact = (mid * Decimal(str(formula["spread"]["min"])), mid, mid * Decimal(str(formula["spread"]["max"])))
        low, middle, high = (rounded(amount, step) for amount in exact)
    return _number(low), _number(middle), _number(high)


def _number(value: Decimal) -> Amount:
    return int(value) if value == value.to_integral_value() else float(value)
