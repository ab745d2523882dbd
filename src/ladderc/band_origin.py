"""Where a level's bands came from: written, computed by the family's pay formula, or derived from a zone.

`ladderc explain LEVEL` prints this. A band's amounts are the resolved model's (`Level.bands`);
the steps that led to them are recomputed here from what the model keeps (the band's position,
the family's `pay_formula`, `grade_factors`, the zone's `derive`), exactly as resolving did
(decimal arithmetic, half-up rounding to the step), so a reader can redo the sum by hand:
`mid = benchmark 200,000 × grade factor 0.78 (G2) = 156,000`. The on-target total and the
equity of each zone follow where the level has variable pay or equity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ladderc.diagnostics import did_you_mean, display_path
from ladderc.errors import UsageError
from ladderc.levels import rounded
from ladderc.model import DERIVED, FORMULA, Band, Derivation, Ladder, Level, format_amount

POINTS = ("min", "mid", "max")


@dataclass(frozen=True)
class Origin:
    """One zone's band and how it came to be: `kind` (written, formula, derived) and the steps, as text."""

    zone: str
    band: Band
    kind: str
    steps: tuple[str, ...]


def origins(ladder: Ladder, level: Level, zone: str | None = None) -> list[Origin]:
    """The origin of each of the level's bands, in zone order: every zone, or `zone` and the zones it derives from."""
    shown = set(level.bands) if zone is None else _chain(ladder, level, zone)
    return [Origin(z, b, b.origin, tuple(_steps(ladder, level, z, b))) for z, b in level.bands.items() if z in shown]


def _derivation(ladder: Ladder, zone: str) -> Derivation:
    """The derivation of `zone`, which a derived band or equity there proves it has."""
    derive = ladder.zones[zone].derive
    if derive is None:
        raise ValueError(f"zone {zone} holds a derived amount but derives from no zone")
    return derive


def _chain(ladder: Ladder, level: Level, zone: str) -> set[str]:
    """`zone` and, for a derived band, the zones its amounts were derived from."""
    chain = {zone}
    while zone in level.bands and level.bands[zone].origin == DERIVED:
        zone = _derivation(ladder, zone).source
        chain.add(zone)
    return chain


def _steps(ladder: Ladder, level: Level, zone: str, band: Band) -> list[str]:
    if band.origin == FORMULA:
        return _formula_steps(ladder, level, zone)
    if band.origin == DERIVED:
        return _derived_steps(ladder, level, zone)
    return [f"written at {band.pos}"]


def _formula_steps(ladder: Ladder, level: Level, zone: str) -> list[str]:
    family = ladder.families[level.family]
    formula = family.pay_formula
    if formula is None:
        raise ValueError(f"family {family.id} has a formula band but no pay_formula")
    factor = ladder.grade_factors[level.grade]
    step = _number(formula.get("round", 1))
    mid = _number(formula["benchmark"]) * factor
    spread = formula["spread"]
    exact = {"min": mid * _number(spread["min"]), "mid": mid, "max": mid * _number(spread["max"])}
    currency = ladder.zones[zone].currency
    return [f"formula: the pay_formula of family '{family.id}' ({display_path(family.file)}), "
            f"as the level writes no band in {zone}",
            f"mid = benchmark {_exact(formula['benchmark'])} × grade factor {_exact(factor)} ({level.grade}) "
            f"= {_exact(mid)}",
            f"min = mid × {_exact(spread['min'])} = {_exact(exact['min'])}; "
            f"max = mid × {_exact(spread['max'])} = {_exact(exact['max'])}",
            f"each rounded to {_exact(step)} {currency}: {_points(_rounded(exact, step), currency)}"]


def _derived_steps(ladder: Ladder, level: Level, zone: str) -> list[str]:
    from ladderc.currency import minor_unit

    derive = _derivation(ladder, zone)
    source = level.bands[derive.source]
    currency = ladder.zones[zone].currency
    # Hourly bands derive to the currency's minor unit, as resolving does: `round` is a step for annual amounts.
    step = minor_unit(currency) if source.hourly else _number(derive.round)
    factor = _number(derive.factor)
    exact = {point: _number(getattr(source, point)) * factor for point in POINTS}
    why = " (the minor unit: the band is hourly)" if source.hourly else f" (zone '{zone}' derive at {derive.pos})"
    return [f"derived from {derive.source} × {_exact(factor)}, rounded to {_exact(step)}{why}",
            f"{_points({p: getattr(source, p) for p in POINTS}, ladder.zones[derive.source].currency)} "
            f"× {_exact(factor)} = {_points(exact, currency)} → {_points(_rounded(exact, step), currency)}"]


def total_lines(ladder: Ladder, level: Level, zone: str) -> list[str]:
    """The on-target total and the equity of the level in `zone`, where it earns more than base."""
    lines = []
    band = level.bands[zone]
    currency = ladder.zones[zone].currency
    equity = level.equity.get(zone)
    if level.earns_beyond_base:
        total = ladder.total_bands(level)[zone]
        parts = []
        v = level.variable
        if v is None:
            parts.append("base")
        elif v.mix is not None:  # a mix's factor is exact as a fraction (70/30: base × 100/70), not as a decimal
            parts.append(f"base × 100/{v.mix[0]} ({v.mix[0]}/{v.mix[1]} {v.kind})")
        else:
            parts.append(f"base × (1 + {_exact(v.target)}) ({v.kind} target {_exact(v.target * 100)}%)")
        if equity is not None:
            parts.append(f"equity {format_amount(equity.amount, currency)}")
        per_year = " a year (hourly base × hours per year)" if band.hourly else ""
        lines.append(f"on-target total: {_points({p: getattr(total, p) for p in POINTS}, currency)}{per_year} "
                     f"= {' + '.join(parts)}")
    if equity is not None:
        if equity.derived:
            derive = _derivation(ladder, zone)
            lines.append(f"equity: {format_amount(equity.amount, currency)} {currency} a year, derived from "
                         f"{derive.source} × {_exact(_number(derive.factor))}, rounded to {_exact(_number(derive.round))}")
        else:
            lines.append(f"equity: {format_amount(equity.amount, currency)} {currency} a year, written at {equity.pos}")
    return lines


def describe(ladder: Ladder, level: Level, zone: str | None = None) -> str:
    """The text `ladderc explain LEVEL` prints: the level, then each zone's band, its origin and total."""
    family = ladder.families[level.family]
    head = (f"{level.id} {level.title} ({family.name}, grade {level.grade}, track {level.track}) "
            f"at {level.pos}\n")
    found = origins(ladder, level, zone)
    if not found:
        said = f"in {zone}" if zone else "in any zone"
        return head + f"\nno band {said}: the level writes none, and no formula or derived zone gives one\n"
    blocks = []
    for origin in found:
        currency = ladder.zones[origin.zone].currency
        unit = "an hour" if origin.band.hourly else "a year"
        lines = [f"{origin.zone}: {_points({p: getattr(origin.band, p) for p in POINTS}, currency)} {unit} "
                 f"(min / mid / max, {origin.kind})"]
        lines += [f"  {step}" for step in origin.steps + tuple(total_lines(ladder, level, origin.zone))]
        blocks.append("\n".join(lines))
    return head + "\n" + "\n\n".join(blocks) + "\n"


def explain(paths: list[Path], level_id: str, zone: str | None = None, other_words: tuple[str, ...] = ()) -> str:
    """`describe` for the level `level_id` in every ladder `paths` names (default ./ladders/) that has it.

    UsageError (one line, exit 2) for a level no ladder has, with the closest level id or
    `other_words` (the rule codes and names `ladderc explain` also takes), and for an unknown zone.
    """
    from ladderc.compiler import compile_ladder, find_ladders

    try:
        roots = find_ladders(paths)
    except UsageError:
        if paths:
            raise
        roots = []  # outside a repository of ladders: the word was most likely a rule
    texts: list[str] = []
    levels: set[str] = set()
    broken: list[str] = []
    for root in roots:
        ladder = compile_ladder(root).ladder
        if ladder is None:
            broken.append(display_path(root))
            continue
        levels.update(ladder.levels)
        if level_id in ladder.levels:
            if zone is not None and zone not in ladder.zones:
                raise UsageError(f"unknown zone '{zone}' in {display_path(root)}{did_you_mean(zone, ladder.zones)}")
            texts.append(describe(ladder, ladder.levels[level_id], zone))
    if texts:
        return "\n".join(texts)
    what = "rule or level" if roots else "rule"
    cannot = f"; {', '.join(broken)} does not compile (run ladderc check)" if broken else ""
    hint = "" if roots or paths else "; to explain a level, name its ladder: ladderc explain LEVEL PATH"
    raise UsageError(f"unknown {what} '{level_id}'{did_you_mean(level_id, sorted(levels) + list(other_words))}"
                     f"{cannot}{hint}")


def _number(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _rounded(exact: dict[str, Decimal], step: Decimal) -> dict[str, Decimal]:
    return {p: rounded(v, step) for p, v in exact.items()}


def _exact(value) -> str:
    """A number as computed, every digit kept: 137600 -> '137,600', 0.860 -> '0.86'."""
    number = _number(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def _points(amounts: dict, currency: str) -> str:
    return " / ".join(_exact(amounts[p]) for p in POINTS) + f" {currency}"
