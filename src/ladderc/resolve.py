"""Resolution: schema-valid documents to the `Ladder` model.

Resolves every reference (R001, with a did-you-mean), refuses duplicate ids (R002, also when they
differ only by case), orders zone derivations (R003 on a cycle), computes formula and derived bands,
and reads variable pay and equity (S002 for a mix that does not add up).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext
from pathlib import Path

from ladderc import diagnostics as d
from ladderc.catalogue import find_rule
from ladderc.diagnostics import Diagnostic, Position
from ladderc.currency import minor_unit
from ladderc.loader import Document
from ladderc.model import (
    BASE, DERIVED, FORMULA, HOURLY, MAX_TARGET, MIN_BASE_SHARE, OTHER_KIND, PROMOTION, TOTAL, WRITTEN, Band,
    Classification, Competency, Derivation, Equity, Family, Grade, Ladder, Level, Organisation, Policy, ReadinessPolicy,
    Requirement, RuleSetting, Track, Transition, Trial, Variable, Zone,
)
from ladderc.stage_rules import DERIVATION_CYCLE, DUPLICATE_ID, SCHEMA, UNKNOWN_REFERENCE


@dataclass
class RawLadder:
    """What was written: the ladder's documents, schema-valid, with their positions."""

    root: Path
    ladder: Document
    families: list[Document]
    # Git blob ids of the ladder file and of each family file, and a memo of levels resolved from
    # them (`ParseCache.levels`, also keyed by the family file's name, which positions carry): a level of an unchanged family under an unchanged ladder.yaml is
    # the same level, so a diff resolves it once for both sides.
    blobs: tuple[str | None, tuple[str | None, ...]] | None = None
    memo: dict | None = None


class _Resolver:
    def __init__(self, raw: RawLadder):
        self.raw = raw
        self.found: list[Diagnostic] = []

    def unknown(self, kind: str, ref: str, known, at: Position) -> None:
        self.found.append(UNKNOWN_REFERENCE.at(at, f"unknown {kind} '{ref}'{d.did_you_mean(str(ref), known)}",
                                               f"define the {kind} or use one of: {', '.join(sorted(known)[:12])}"))

    def unique(self, kind: str, items: list[tuple[str, Position]]) -> None:
        first: dict[str, tuple[str, Position]] = {}
        for ident, at in items:
            folded = ident.casefold()
            if folded in first:
                other, where = first[folded]
                same = "" if other == ident else f" (differs only by case from '{other}')"
                self.found.append(DUPLICATE_ID.at(at, f"duplicate {kind} id '{ident}'{same}; first defined at {where}",
                                                  f"give the {kind} a unique id"))
            else:
                first[folded] = (ident, at)

    def resolve(self) -> Ladder | None:
        doc = self.raw.ladder
        data = doc.data
        grades = tuple(Grade(g, i, doc.at(("grades", i))) for i, g in enumerate(data["grades"]))
        self.unique("grade", [(g.id, g.pos) for g in grades])
        tracks = self.collect(doc, "tracks", "track", lambda item, at: Track(
            item["id"], item["name"], item["kind"], item.get("description", ""), at))
        zones = self.zones(doc)
        family_ids = tuple(dict.fromkeys(f.data["family"]["id"] for f in self.raw.families))
        competencies = self.collect(doc, "competencies", "competency", lambda item, at: Competency(
            item["id"], item["name"], item.get("description", ""), tuple(item.get("tracks") or tracks),
            tuple(item.get("families") or family_ids), at, item.get("criterion")))
        requirements = self.collect(doc, "requirements", "requirement", lambda item, at: Requirement(
            item["id"], item["name"], item.get("description", ""), at, item.get("kind", OTHER_KIND)))
        for i, comp in enumerate(data.get("competencies", [])):
            for key, kind, known in (("tracks", "track", tracks), ("families", "family", family_ids)):
                for j, ref in enumerate(comp.get(key) or ()):
                    if ref not in known:
                        self.unknown(kind, ref, known, doc.at(("competencies", i, key, j)))
        org = data["organisation"]
        organisation = Organisation(org["name"], datetime.date.fromisoformat(str(org["effective"])),
                                    org.get("description", ""), doc.at(("organisation",)))
        policy = replace(self.policy(doc), readiness=self.readiness_policy(doc))
        if "zones" not in data and policy.publishes_pay:
            self.found.append(SCHEMA.at(doc.at(()),
                                        f"ladder.yaml has no 'zones', which it needs unless policy.pay is none "
                                        f"(it is {policy.pay})",
                                        "add the pay zones, or set `policy: {pay: none}` for a ladder without pay"))
        self.publishes_pay = policy.publishes_pay
        self.grade_index = {g.id: g.index for g in grades}
        self.tracks, self.zones_, self.competencies, self.requirements = tracks, zones, competencies, requirements
        self.grade_factors = self.factors(doc)
        for track in (policy.variable_range or {}):
            if track not in tracks:
                self.unknown("track", track, tracks, doc.key_at(("policy", "variable_range", track)))
        families, levels, listed = self.families()
        transitions = self.transitions(families, levels, listed)
        if self.found:
            return None
        if "parity_measures" not in (data.get("policy") or {}):  # the default follows what the ladder pays
            beyond = any(level.earns_beyond_base for level in levels.values())
            policy = replace(policy, parity_measures=(BASE, TOTAL) if beyond else (BASE,))
        return Ladder(self.raw.root, organisation, grades, tracks, zones, competencies, requirements,
                      families, levels, transitions, policy, self.grade_factors)

    def collect(self, doc: Document, key: str, kind: str, build) -> dict:
        """Build each item of a list in written order; the first of duplicate ids wins."""
        items: dict = {}
        for i, written in enumerate(doc.data.get(key, [])):
            items.setdefault(written["id"], build(written, doc.at((key, i))))
        self.unique(kind, [(w["id"], doc.at((key, i, "id"))) for i, w in enumerate(doc.data.get(key, []))])
        return items

    def zones(self, doc: Document) -> dict[str, Zone]:
        def build(item, at):
            derive = item.get("derive")
            derivation = None
            if derive:
                path = ("zones", next(i for i, z in enumerate(doc.data["zones"]) if z is item), "derive")
                derivation = Derivation(derive["from"], derive["factor"], derive.get("round", 1), doc.at(path),
                                        doc.at(path + ("round",)))
            return Zone(item["id"], item["name"], item["currency"], item.get("description", ""), derivation, at,
                        item.get("country", ""))

        zones = self.collect(doc, "zones", "zone", build)
        written = {z["id"]: i for i, z in enumerate(doc.data.get("zones", []))}
        for zone in zones.values():
            if zone.derive and zone.derive.source not in zones:
                self.unknown("zone", zone.derive.source, zones, doc.at(("zones", written[zone.id], "derive", "from")))
        self.derivation_order = self.order_derivations(doc, zones, written) if not self.found else []
        return zones

    def order_derivations(self, doc: Document, zones: dict[str, Zone], written: dict[str, int]) -> list[str]:
        """Zone ids so that every derived zone comes after its source; R003 on a cycle."""
        order: list[str] = []
        pending = dict(zones)
        while pending:
            ready = [z for z in pending.values() if z.derive is None or z.derive.source in order]
            if not ready:
                chain = [next(iter(pending))]
                while zones[chain[-1]].derive.source not in chain:
                    chain.append(zones[chain[-1]].derive.source)
                cycle = chain[chain.index(zones[chain[-1]].derive.source):]
                first = min(cycle, key=written.get)
                loop = cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first]
                self.found.append(DERIVATION_CYCLE.at(doc.at(("zones", written[first], "derive", "from")),
                                                      f"zones derive from each other in a cycle: {' -> '.join(loop)}",
                                                      "make one zone of the cycle a base zone with bands of its own"))
                return order
            for zone in ready:
                order.append(zone.id)
                del pending[zone.id]
        return order

    def rule_settings(self, doc: Document, family: str | None) -> tuple[RuleSetting, ...]:
        """A `policy.rules` mapping as written (`P005: warning` or `{severity, reason}`); S002 on an unknown rule."""
        settings: dict[str, RuleSetting] = {}
        for key, value in ((doc.data.get("policy") or {}).get("rules") or {}).items():
            rule = find_rule(key)
            at = doc.key_at(("policy", "rules", key))
            if rule is None:
                from ladderc.catalogue import all_rules
                names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
                self.found.append(SCHEMA.at(at, f"policy.rules: unknown rule '{key}'{d.did_you_mean(key, names)}",
                                            "see `ladderc rules` for the catalogue"))
                continue
            severity, reason = (value["severity"], value.get("reason", "")) if isinstance(value, dict) else (value, "")
            settings[rule.code] = RuleSetting(rule.code, severity, reason.strip(), family, at)
        return tuple(settings.values())

    def policy(self, doc: Document) -> Policy:
        written = doc.data.get("policy") or {}
        defaults = Policy()
        settings = self.rule_settings(doc, None)
        rules = {s.code: s.severity for s in settings}

        def pair(key: str, default: tuple[float, float]) -> tuple[float, float]:
            given = written.get(key) or {}
            return (given.get("min", default[0]), given.get("max", default[1]))

        return Policy(written.get("parity_tolerance", defaults.parity_tolerance),
                      pair("range_spread", defaults.range_spread),
                      pair("midpoint_progression", defaults.midpoint_progression),
                      rules, settings, doc.at(("policy",)) if "policy" in doc.data else None,
                      pay=written.get("pay", defaults.pay),
                      pay_transparency=written.get("pay_transparency", defaults.pay_transparency),
                      posting_spread=written.get("posting_spread", defaults.posting_spread),
                      gendered_terms={k.casefold(): v for k, v in (written.get("gendered_terms") or {}).items()},
                      neutral_terms=frozenset(w.casefold() for w in written.get("neutral_terms") or ()),
                      parity_measures=tuple(written.get("parity_measures", defaults.parity_measures)),
                      variable_range={track: (given.get("min", 0), given.get("max", MAX_TARGET))
                                      for track, given in (written.get("variable_range") or {}).items()},
                      hours_per_year=written.get("hours_per_year", defaults.hours_per_year))

    def factors(self, doc: Document) -> dict[str, Decimal]:
        """`grade_factors`, R001 for a grade the ladder does not list."""
        factors = {}
        for grade, factor in (doc.data.get("grade_factors") or {}).items():
            if grade not in self.grade_index:
                self.unknown("grade", grade, self.grade_index, doc.key_at(("grade_factors", grade)))
            factors[grade] = Decimal(str(factor))
        return factors

    def pay_formula(self, doc: Document) -> dict | None:
        """The family's `pay_formula` if it can be used: S002 under policy.pay none, R001 for an unknown zone."""
        formula = doc.data.get("pay_formula")
        if formula is None:
            return None
        if not self.publishes_pay:
            self.found.append(SCHEMA.at(
                    doc.key_at(("pay_formula",)), "the family has a pay_formula, but the ladder's policy.pay is none",
                    "remove the pay_formula, or set policy.pay to optional or required in ladder.yaml"))
            return None
        if formula["zone"] not in self.zones_:
            self.unknown("zone", formula["zone"], self.zones_, doc.at(("pay_formula", "zone")))
            return None
        return formula

    def readiness_policy(self, doc: Document) -> ReadinessPolicy | None:
        """`policy.readiness`: a flat kind is an entry of one alternative."""
        written = (doc.data.get("policy") or {}).get("readiness")
        if written is None:
            return None
        entries = tuple(tuple(e) if isinstance(e, list) else (e,) for e in written.get("into_management") or ())
        return ReadinessPolicy(entries, doc.at(("policy", "readiness")))

    def support_known(self, doc: Document, path: tuple, item: dict) -> bool:
        """R001 for each `support` entry that names no requirement."""
        ok = True
        for j, req in enumerate(item.get("support") or []):
            if req not in self.requirements:
                self.unknown("requirement", req, self.requirements, doc.at(path + ("support", j)))
                ok = False
        return ok

    def families(self):
        families: dict[str, Family] = {}
        levels: dict[str, Level] = {}
        listed: list[tuple[Document, int, dict]] = []
        family_ids, level_ids, job_codes = [], [], []
        seen_ids: set[str] = set()
        for n, doc in enumerate(self.raw.families):
            fam = doc.data["family"]
            family_ids.append((fam["id"], doc.at(("family", "id"))))
            written = doc.data["levels"]
            lowest: dict[str, int] = {}
            for item in written:
                grade = self.grade_index.get(item["grade"])
                if grade is not None:
                    lowest[item["track"]] = min(lowest.get(item["track"], grade), grade)
            ids = []
            self.formula = self.pay_formula(doc)
            key = self.memo_key(n)
            for i, item in enumerate(written):
                if "job_code" in item or item["id"].casefold() not in seen_ids:
                    # a repeated level id is R002 once, as a level, not again as its default job code
                    job_codes.append((item.get("job_code", item["id"]),
                                      doc.at(("levels", i, "job_code" if "job_code" in item else "id"))))
                level_ids.append((item["id"], doc.at(("levels", i, "id"))))
                seen_ids.add(item["id"].casefold())
                level = self.memo_level(key, doc, i, item, fam["id"], lowest, doc.data.get("classification") or {})
                if level is not None and item["id"] not in levels:
                    levels[item["id"]] = level
                    ids.append(item["id"])
            families.setdefault(fam["id"], Family(fam["id"], fam["name"], fam.get("description", ""), doc.file,
                                                  tuple(ids), doc.at(("family",)), self.rule_settings(doc, fam["id"]),
                                                  fam.get("group", ""), self.formula))
            listed.extend((doc, i, t) for i, t in enumerate(doc.data.get("transitions") or []))
        self.unique("family", family_ids)
        self.unique("level", level_ids)
        self.unique("job code", job_codes)  # one HRIS job per code
        self.written_levels = {ident for ident, _ in level_ids}
        return families, levels, listed

    def memo_key(self, n: int) -> tuple | None:
        """What a family's levels depend on: the ladder file's and the family file's contents, and the file's name."""
        if self.raw.memo is None or self.raw.blobs is None:
            return None
        ladder, families = self.raw.blobs
        return None if ladder is None or families[n] is None else (ladder, families[n], self.raw.families[n].file)

    def memo_level(self, key, doc: Document, i: int, item: dict, family: str, lowest: dict[str, int],
                   family_classification: dict) -> Level | None:
        """`level`, remembered for the same ladder and family files while nothing has been found."""
        if key is None or self.found:  # after a finding, `level` resolves nothing
            return self.level(doc, i, item, family, lowest, family_classification)
        if (key, i) not in self.raw.memo:
            level = self.level(doc, i, item, family, lowest, family_classification)
            if level is None or self.found:
                return level
            self.raw.memo[key, i] = level
        return self.raw.memo[key, i]

    def level(self, doc: Document, i: int, item: dict, family: str, lowest: dict[str, int],
              family_classification: dict) -> Level | None:
        path = ("levels", i)
        ok = True
        if item["track"] not in self.tracks:
            self.unknown("track", item["track"], self.tracks, doc.at(path + ("track",)))
            ok = False
        if item["grade"] not in self.grade_index:
            self.unknown("grade", item["grade"], self.grade_index, doc.at(path + ("grade",)))
            ok = False
        expectations = item.get("expectations") or {}
        for comp in expectations:
            at = doc.key_at(path + ("expectations", comp))
            if comp not in self.competencies:
                self.unknown("competency", comp, self.competencies, at)
                ok = False
            elif ok:
                ok = self.in_scope(self.competencies[comp], "track", item["track"], at) and \
                    self.in_scope(self.competencies[comp], "family", family, at)
        pay = item.get("pay") or {}
        if "pay" in item and not self.publishes_pay:
            self.found.append(SCHEMA.at(
                    doc.key_at(path + ("pay",)), f"level '{item['id']}' has pay, but the ladder's policy.pay is none",
                    "remove the level's `pay`, or set policy.pay to optional or required in ladder.yaml"))
            ok = False
        for zone in pay:
            if zone not in self.zones_:
                self.unknown("zone", zone, self.zones_, doc.key_at(path + ("pay", zone)))
                ok = False
        for key in ("variable", "equity"):
            if key in item and not self.publishes_pay:
                self.found.append(SCHEMA.at(
                        doc.key_at(path + (key,)),
                        f"level '{item['id']}' has {key} pay, but the ladder's policy.pay is none",
                        f"remove the level's `{key}`, or set policy.pay to optional or required in ladder.yaml"))
                ok = False
        for zone in item.get("equity") or {}:
            if zone not in self.zones_:
                self.unknown("zone", zone, self.zones_, doc.key_at(path + ("equity", zone)))
                ok = False
        variable = self.variable(doc, path, item) if "variable" in item and ok else None
        formula = self.formula
        if formula is not None and formula["zone"] not in pay and ok and item["grade"] not in self.grade_factors:
            self.found.append(UNKNOWN_REFERENCE.at(
                    doc.at(path + ("grade",)),
                    f"grade '{item['grade']}' of level '{item['id']}' has no factor in grade_factors, "
                    f"which the family's pay_formula needs for {formula['zone']}",
                    f"add `{item['grade']}: ...` to grade_factors in ladder.yaml, or write the level's "
                    f"band in {formula['zone']}"))
            ok = False
        if not ok or self.found:
            return None
        grade = self.grade_index[item["grade"]]
        classification = Classification(**{**family_classification, **(item.get("classification") or {})})
        return Level(
            id=item["id"], family=family, track=item["track"], grade=item["grade"], grade_index=grade,
            title=item["title"], summary=item.get("summary", ""),
            entry=item.get("entry", grade == lowest.get(item["track"])),
            expectations={c: expectations[c] for c in self.competencies if c in expectations},
            bands=self.bands(doc, path, pay, self.formula, item["grade"], classification.pay_rate == HOURLY),
            pos=doc.at(path),
            expectation_pos={c: doc.at(path + ("expectations", c)) for c in expectations},
            job_code=item.get("job_code", item["id"]),
            classification=classification,
            title_pos=doc.at(path + ("title",)),
            variable=variable,
            equity=self.equity(doc, path, item.get("equity") or {}),
        )

    def variable(self, doc: Document, path: tuple, item: dict) -> Variable | None:
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
            self.found.append(SCHEMA.at(
                    doc.at(path + ("variable", "mix")), f"pay mix {written['mix']} of '{item['id']}' {problem}",
                    "write the base/variable split as two whole percentages adding up to 100, such as 60/40"))
            return None
        return Variable(written["kind"], Decimal(variable) / Decimal(base), (base, variable), at)

    def equity(self, doc: Document, path: tuple, written: dict) -> dict[str, Equity]:
        """Equity per zone: written, or derived from the source zone with the zone's factor and rounding."""
        equity: dict[str, Equity] = {}
        for zone_id in self.derivation_order:
            derive = self.zones_[zone_id].derive
            if zone_id in written:
                equity[zone_id] = Equity(written[zone_id], False, doc.at(path + ("equity", zone_id)))
            elif derive is not None and derive.source in equity:
                equity[zone_id] = Equity(_derive(equity[derive.source].amount, derive.factor, derive.round), True,
                                         doc.at(path + ("equity",)))
        return {z: equity[z] for z in self.zones_ if z in equity}

    def in_scope(self, competency: Competency, kind: str, ident: str, at: Position) -> bool:
        """Whether `competency` applies to this track or family; R001 at the expectation if not."""
        if ident in competency.scope[0 if kind == "track" else 1]:
            return True
        scope = competency.tracks if kind == "track" else competency.families
        self.found.append(UNKNOWN_REFERENCE.at(at, f"competency '{competency.id}' does not apply to {kind} '{ident}' "
                                               f"(it applies to: {', '.join(scope)})",
                                               f"remove the expectation or add '{ident}' to the competency's "
                                               f"{'tracks' if kind == 'track' else 'families'}"))
        return False

    def bands(self, doc: Document, path: tuple, pay: dict, formula: dict | None, grade: str,
              hourly: bool) -> dict[str, Band]:
        bands: dict[str, Band] = {}
        derived_at = doc.at(path + ("pay",)) if pay else doc.at(path)
        for zone_id in self.derivation_order:
            if zone_id in pay:
                band = pay[zone_id]
                mid = band.get("mid", (band["min"] + band["max"]) / 2)
                mid = int(mid) if isinstance(mid, float) and mid.is_integer() else mid
                amount_pos = {k: doc.at(path + ("pay", zone_id, k)) for k in ("min", "mid", "max") if k in band}
                bands[zone_id] = Band(band["min"], mid, band["max"], False, doc.at(path + ("pay", zone_id)), amount_pos,
                                      WRITTEN, hourly)
                continue
            if formula is not None and formula["zone"] == zone_id:
                bands[zone_id] = Band(*_formula(formula, self.grade_factors[grade]), False, doc.at(path + ("grade",)),
                                      {}, FORMULA, hourly)
                continue
            derive = self.zones_[zone_id].derive
            if derive is not None and derive.source in bands:
                source = bands[derive.source]
                # An hourly band derives to the currency's minor unit (0.01 USD, 1 JPY): `round` is a
                # step for annual amounts, and rounding 25.50 an hour to 1000 would make it 0.
                step = minor_unit(self.zones_[zone_id].currency) if hourly else derive.round
                amounts = (_derive(a, derive.factor, step) for a in (source.min, source.mid, source.max))
                bands[zone_id] = Band(*amounts, True, derived_at, {}, DERIVED, hourly)
        return {z: bands[z] for z in self.zones_ if z in bands}

    def transitions(self, families: dict[str, Family], levels: dict[str, Level], listed) -> tuple[Transition, ...]:
        result: dict[tuple[str, str], Transition] = {}
        for family in families.values():
            for track in dict.fromkeys(levels[i].track for i in family.levels):
                chain = sorted((levels[i] for i in family.levels if levels[i].track == track),
                               key=lambda lv: lv.grade_index)
                for low, high in zip(chain, chain[1:]):
                    result[(low.id, high.id)] = Transition(low.id, high.id, PROMOTION, (), "", True, family.id, high.pos)
        for doc, i, item in listed:
            path = ("transitions", i)
            ok = True
            for end in ("from", "to"):
                if item[end] not in levels:
                    ok = False
                    if item[end] not in self.written_levels:  # a level that failed to resolve was reported already
                        self.unknown("level", item[end], self.written_levels, doc.at(path + (end,)))
            for j, req in enumerate(item.get("requires") or []):
                if req not in self.requirements:
                    self.unknown("requirement", req, self.requirements, doc.at(path + ("requires", j)))
                    ok = False
            ok = self.support_known(doc, path, item) and ok
            if not ok:
                continue
            key = (item["from"], item["to"])
            if key in result and not result[key].implied:
                self.found.append(DUPLICATE_ID.at(
                        doc.at(path), f"transition {key[0]} -> {key[1]} is listed twice; first at {result[key].pos}",
                        "merge the two entries into one"))
                continue
            # Listing an implied promotion adds its requirements and criteria to it.
            result[key] = Transition(key[0], key[1], item["kind"], tuple(item.get("requires") or ()),
                                     item.get("criteria") or "", False, doc.data["family"]["id"], doc.at(path),
                                     tuple(item.get("support") or ()), _trial(doc, path, item))
        return tuple(result.values())


def _trial(doc: Document, path: tuple, item: dict) -> Trial | None:
    return Trial(item["trial"]["months"], doc.at(path + ("trial",))) if "trial" in item else None


def _derive(amount, factor, round_to):
    # Wide enough for any finite amount over the smallest step the schema allows, so a chain of
    # derived zones cannot overflow the default 28 digits; P001 reports amounts past MAX_AMOUNT.
    with localcontext(Context(prec=400, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        step = Decimal(str(round_to))
        value = (Decimal(str(amount)) * Decimal(str(factor)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return int(value) if value == value.to_integral_value() else float(value)


def _formula(formula: dict, factor: Decimal):
    """(min, mid, max) of a formula band: mid = benchmark × factor, min and max = mid × spread, each rounded."""
    with localcontext(Context(prec=400, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        step = Decimal(str(formula.get("round", 1)))
        mid = Decimal(str(formula["benchmark"])) * factor
        exact = (mid * Decimal(str(formula["spread"]["min"])), mid, mid * Decimal(str(formula["spread"]["max"])))
        rounded = [(amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step for amount in exact]
    return tuple(int(v) if v == v.to_integral_value() else float(v) for v in rounded)


def resolve(raw: RawLadder) -> tuple[Ladder | None, list[Diagnostic]]:
    resolver = _Resolver(raw)
    ladder = resolver.resolve()
    return ladder, sorted(resolver.found, key=lambda x: x.sort_key)
