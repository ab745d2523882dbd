"""Amounts in their currency's own minor digits (ISO 4217): messages, site, diff, and P008."""

from __future__ import annotations

import pytest
from conftest import check_json, edit, findings

from ladderc.compiler import compile_ladder
from ladderc.currency import minor_digits
from ladderc.diff import BandChange
from ladderc.diff_phrases import band_text
from ladderc.model import format_amount
from ladderc.schema import load_schema
from ladderc.site import SiteOptions, render_pages

LADDER, ENG = "ladder.yaml", "families/eng.yaml"


@pytest.mark.parametrize("value, currency, shown", [
    (40000.999, "BHD", "40,000.999"), (40000.5, "KWD", "40,000.500"), (120000, "BHD", "120,000"),
    (1234.5, "JPY", "1,234"), (1235.5, "KRW", "1,236"), (100.5, "USD", "100.50"), (100.5, "XDR", "100.50"),
    (0.12346, "CLF", "0.1235"), (100.5, None, "100.50"),
])
def test_amounts_show_the_currencys_minor_digits(value, currency, shown):
    assert format_amount(value, currency) == shown


def test_the_table_names_only_currencies_the_schema_accepts():
    from ladderc.currency import _MINOR_DIGITS

    accepted = set(load_schema("ladder")["$defs"]["currency"]["enum"])
    assert set(_MINOR_DIGITS) <= accepted
    assert [minor_digits(c) for c in ("USD", "EUR", "JPY", "BHD", "IQD", "XUA")] == [2, 2, 0, 3, 3, None]


def bhd(minimal) -> None:
    edit(minimal / LADDER, "currency: USD", "currency: BHD")
    edit(minimal / ENG, "us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 30000.5, mid: 40000.999, max: 50000.25}")


def test_a_bhd_band_reads_with_three_decimals_on_the_site(minimal):
    bhd(minimal)
    files, _ = render_pages([compile_ladder(minimal).ladder], SiteOptions())
    page = files["levels/e1.md"]
    assert "(BHD)</th><td>30,000.500</td><td>40,000.999</td><td>50,000.250</td>" in page
    assert "40,001.00" not in page


def test_a_rule_message_uses_the_currencys_digits(capsys, minimal):
    bhd(minimal)
    edit(minimal / ENG, "mid: 40000.999, max: 50000.25}", "mid: 40000.999, max: 30000.25}")
    (p001,) = [x for x in check_json(capsys, minimal)[1] if x["code"] == "P001"]
    assert "min/mid/max 30,000.500/40,000.999/30,000.250 BHD" in p001["message"]


def test_the_diff_uses_the_currencys_digits():
    change = BandChange("e1", "us", "BHD", "mid", 40000.999, 40001.5, False)
    assert band_text(change).startswith("40,000.999 -> 40,001.500 BHD (+0.501, ")


def test_fractional_yen_is_p008_at_the_amount(capsys, minimal):
    edit(minimal / LADDER, "currency: GBP\n    derive: {from: us, factor: 0.5, round: 1000}", "currency: JPY")
    edit(minimal / ENG, "us: {min: 100000, mid: 120000, max: 140000}",
         "us: {min: 100000, mid: 120000, max: 140000}\n      uk: {min: 9000000.5, max: 12000000}")
    code, found = check_json(capsys, minimal)
    p008 = [x for x in found if x["code"] == "P008"]
    assert findings(p008) == [("P008", "eng.yaml", 13, 17)]
    assert p008[0]["message"] == "'e1' min in uk is 9000000.5 JPY, with more decimals than JPY has (0)"
    assert p008[0]["hint"] == "round it to 9000000"  # half to even, as Decimal rounds by default


def test_a_derived_zone_rounding_finer_than_its_currency_is_p008_once_at_its_round(capsys, minimal):
    edit(minimal / LADDER, "currency: GBP\n    derive: {from: us, factor: 0.5, round: 1000}",
         "currency: JPY\n    derive: {from: us, factor: 0.5, round: 0.5}")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("P008", "ladder.yaml", 20, 44)])
    assert found[0]["hint"] == "set derive.round to a multiple of 1"
