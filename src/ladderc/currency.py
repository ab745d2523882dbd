"""Currencies' minor units: how many decimals an amount in each currency may carry.

Source: ISO 4217, List One (current currency and funds code list), column "Minor unit". Only the
currencies whose minor unit is not 2 are listed; every other code the ladder schema accepts has
2. The funds and drawing-right codes whose minor unit ISO 4217 gives as "N.A." (XDR, XSU, XUA)
have none: any number of decimals is theirs, and amounts in them are shown with 2.
"""

from __future__ import annotations

from decimal import Decimal

DEFAULT_MINOR_DIGITS = 2

_MINOR_DIGITS = {
    # 0: no minor unit in use
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    # 3: a thousandth (fils, baisa, millime, dirham)
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    # 4: units of account
    "CLF": 4, "UYW": 4,
    # "N.A." in ISO 4217
    "XDR": None, "XSU": None, "XUA": None,
}


def minor_digits(currency: str) -> int | None:
    """The decimals `currency` allows (ISO 4217's minor unit), or None when it defines none."""
    return _MINOR_DIGITS.get(currency, DEFAULT_MINOR_DIGITS)


def minor_unit(currency: str | None) -> Decimal:
    """The smallest amount shown in `currency`: 0.01 USD, 1 JPY, 0.001 BHD (0.01 without a minor unit or currency)."""
    digits = minor_digits(currency) if currency else None
    return Decimal(1).scaleb(-(DEFAULT_MINOR_DIGITS if digits is None else digits))
