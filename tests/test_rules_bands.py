"""`ladderc.rules.bands`: the shortcut that spares the on-target totals where the base decides.

`earns_at_least` claims that wherever one level's base is at least another's, so is its total;
P003, P007 and T006 then skip the total when the base holds, and P010 compares midpoints only.
The property below holds the claim to the exact totals `Ladder.total_bands` computes, and the
rules must find the same with and without the shortcut on every fixture, real and example ladder.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLE, FIXTURES, ROOT, edit
from hypothesis import given
from hypothesis import strategies as st

from ladderc.checks import run_rules
from ladderc.compiler import compile_ladder
from ladderc.model import Band, Equity, Variable
from ladderc.rules import bands, management_moves, pay, total_pay
from ladderc.rules.bands import earns_at_least

MINIMAL = FIXTURES / "minimal"
CURRENCIES = ("USD", "JPY", "BHD")  # two, none and three decimals
KEYS = ("min", "mid", "max")


@pytest.fixture(scope="module")
def ladder():
    return compile_ladder(MINIMAL).ladder


amounts = st.one_of(st.integers(1, 10**12), st.integers(1, 1000), st.integers(99_999, 100_001),
                    st.decimals(Decimal("0.001"), Decimal(10**9), places=3).map(float))
variables = st.one_of(
    st.none(),
    st.decimals(Decimal("0.001"), Decimal(9), places=3).map(lambda t: Variable("bonus", t, None, None)),
    st.integers(10, 99).map(lambda base: Variable("commission", Decimal(100 - base) / Decimal(base),
                                                  (base, 100 - base), None)))
equities = st.one_of(st.none(), st.integers(0, 10**9), st.decimals(0, 10**6, places=3).map(float),
                     st.integers(2**50 - 2, 2**51))


def _level(ladder, ident, points, variable, equity, hourly):
    low, mid, high = sorted(points)
    band = Band(low, mid, high, False, None, hourly=hourly)
    return replace(ladder.levels["e3"], id=ident, bands={"us": band}, variable=variable,
                   equity={} if equity is None else {"us": Equity(equity, False, None)})


@given(st.lists(amounts, min_size=3, max_size=3), st.lists(amounts, min_size=3, max_size=3), variables, variables,
       equities, equities, st.sampled_from(CURRENCIES), st.booleans())
def test_where_a_level_earns_at_least_another_its_total_follows_its_base(
        ladder, high_points, low_points, high_variable, low_variable, high_equity, low_equity, currency, hourly):
    high = _level(ladder, "high", high_points, high_variable, high_equity, hourly)
    low = _level(ladder, "low", low_points, low_variable, low_equity, hourly)
    zones = {**ladder.zones, "us": replace(ladder.zones["us"], currency=currency)}
    ladder = replace(ladder, zones=zones, levels={"high": high, "low": low})
    totals = [ladder.total_bands(level)["us"] for level in (high, low)]
    if total_pay._rises_with_base(ladder.policy, low, high):  # P010's shortcut: the midpoint total rises
        assert totals[0].mid > totals[1].mid
    if not earns_at_least(high, low):
        return
    for key in KEYS:
        base = [pay.annual(level.bands["us"], key, ladder.policy) for level in (high, low)]
        if base[0] >= base[1]:
            assert getattr(totals[0], key) >= getattr(totals[1], key), key


def test_earns_at_least_compares_factor_and_equity_in_every_zone(ladder):
    e3 = ladder.levels["e3"]
    bonus = {t: replace(e3, variable=Variable("bonus", Decimal(t), None, None)) for t in ("0.1", "0.2")}
    assert earns_at_least(bonus["0.2"], bonus["0.1"])
    assert not earns_at_least(bonus["0.1"], bonus["0.2"])
    assert not earns_at_least(e3, bonus["0.1"])  # a base-only level: its total is not rounded alike
    assert not earns_at_least(bonus["0.2"], e3)
    mix = replace(e3, variable=Variable("commission", Decimal(1), (50, 50), None))  # 1 + 1 = 2 > 1.2
    assert earns_at_least(mix, bonus["0.2"])
    granted = replace(bonus["0.2"], equity={"uk": Equity(1, True, None)})
    assert earns_at_least(granted, bonus["0.2"])
    assert not earns_at_least(bonus["0.2"], granted)  # less equity in uk


def _findings(root: Path) -> list[tuple]:
    compiled = compile_ladder(root)
    if compiled.ladder is None:
        return [x.sort_key for x in compiled.diagnostics]
    return [(x.code, x.file, x.line, x.column, x.message, x.hint, x.severity)
            for x in run_rules(compiled.ladder, compiled.graph)]


def _without_shortcut(monkeypatch) -> None:
    def compared(ladder, levels, test, total_follows):
        return bands.compared(ladder, levels, test, lambda: False)

    for module in (pay, management_moves):
        monkeypatch.setattr(module, "compared", compared)
    monkeypatch.setattr(total_pay, "_rises", lambda *args: False)


def _sales_with_totals_that_fall(root: Path) -> Path:
    """The example with its senior account executives on 80/20 rather than 50/50, so totals fall where bases rise."""
    head, _, tail = (root / "families" / "sales.yaml").read_text(encoding="utf-8").partition("mix: 50/50")
    (root / "families" / "sales.yaml").write_text(head + "mix: 50/50" + tail.replace("mix: 50/50", "mix: 80/20"),
                                                  encoding="utf-8")
    return root


LADDERS = [MINIMAL, FIXTURES / "full", EXAMPLE, *sorted(p for p in (ROOT / "tests" / "real").iterdir() if p.is_dir())]


@pytest.mark.parametrize("root", LADDERS, ids=lambda p: p.name)
def test_the_shortcut_finds_what_the_full_comparison_finds(monkeypatch, root):
    fast = _findings(root)
    _without_shortcut(monkeypatch)
    assert _findings(root) == fast


def test_the_shortcut_keeps_total_findings_where_the_base_holds(monkeypatch, tmp_path, minimal):
    # e3 -> m3 and m3's parity: base equal; the manager's bonus is higher, so no shortcut applies.
    edit(minimal / "families/eng.yaml", "  - id: m3\n", "  - id: m3\n    variable: {kind: bonus, target: 0.2}\n")
    edit(minimal / "families/eng.yaml", "  - id: e3\n", "  - id: e3\n    variable: {kind: bonus, target: 0.1}\n")
    example = _sales_with_totals_that_fall(Path(shutil.copytree(EXAMPLE, tmp_path / "example")))
    fast = {root: _findings(root) for root in (minimal, example)}
    assert {x[0] for x in fast[minimal]} >= {"P003"}
    assert {x[0] for x in fast[example]} & {"P007", "P010"}
    _without_shortcut(monkeypatch)
    assert {root: _findings(root) for root in (minimal, example)} == fast
