"""What one cell means: an amount (with the currency it shows), a yes/no, an id made from a name.

Amounts are accepted as HR sheets write them: a number cell (whatever its currency format), or
text with a currency symbol or ISO code before or after, thousands separators (`,` `.` space,
no-break space, `'`), a decimal part and a `k` suffix for thousands: `$120,000`, `120 000 €`,
`£98k`, `CHF 150'000`, `98.5k`. A range (`100-120k`), a word (`TBC`) or a negative amount is
not an amount. `$` is read as USD unless the column or the zone says another currency.
"""

from __future__ import annotations

import re
import unicodedata

SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "C$": "CAD", "A$": "AUD",
           "CA$": "CAD", "AU$": "AUD", "Fr.": "CHF", "zł": "PLN", "kr": "SEK"}
_CODE = r"[A-Z]{3}"
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_AMOUNT = re.compile(rf"^(?P<pre>{_SYMBOL}|{_CODE})?\s*(?P<number>[0-9][0-9.,' \u00a0\u202f]*)\s*(?P<k>[kK])?\s*"
                     rf"(?P<post>{_SYMBOL}|{_CODE})?$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}([,. '][0-9]{3})+$")
# The currency a workbook number format shows: `"$"#,##0`, `[$€-407] #,##0`, `#,##0 [$GBP]`, `£#,##0`.
_FORMAT_CURRENCY = re.compile(rf"\[\$(?P<bracket>[^\]-]*)|\"(?P<quoted>[^\"]+)\"|(?P<bare>{_SYMBOL})")


class NotAnAmount(ValueError):
    pass


def amount(value: object, number_format: str = "") -> tuple[int | float, str | None]:
    """(the amount, the currency code the cell shows or None); NotAnAmount when it is not one."""
    if isinstance(value, bool):
        raise NotAnAmount("a yes/no is not an amount")
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")) or value <= 0:
            raise NotAnAmount("amounts must be positive numbers")
        return _whole(value), format_currency(number_format)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("\u00a0", " ").replace("\u202f", " ")
    match = _AMOUNT.match(text)
    if not match or (match["pre"] and match["post"]):
        raise NotAnAmount("not a number")
    number = _number(match["number"].strip())
    if match["k"]:
        number *= 1000
    if number <= 0:
        raise NotAnAmount("amounts must be positive numbers")
    mark = match["pre"] or match["post"]
    return _whole(number), (SYMBOLS.get(mark, mark) if mark else None)


def _number(text: str) -> float:
    compact = text.replace(" ", "")
    if _THOUSANDS.match(text) and not re.match(r"^[0-9]{1,3}\.[0-9]{3}$", text) or re.match(r"^[0-9]{1,3}( [0-9]{3})+$", text):
        return float(re.sub(r"[,. ']", "", text))
    decimal = max(compact.rfind(","), compact.rfind("."))
    whole, fraction = (compact[:decimal], compact[decimal + 1:]) if decimal >= 0 else (compact, "")
    whole = re.sub(r"[,.']", "", whole)
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 2:
        raise NotAnAmount("not a number")
    return float(f"{whole}.{fraction or 0}")


def _whole(number: int | float) -> int | float:
    return int(number) if float(number).is_integer() else round(float(number), 2)


def format_currency(number_format: str) -> str | None:
    """The ISO code a workbook's currency format shows, or None (`General`, `#,##0`)."""
    for match in _FORMAT_CURRENCY.finditer(number_format or ""):
        mark = (match["bracket"] or match["quoted"] or match["bare"] or "").strip()
        if mark in SYMBOLS:
            return SYMBOLS[mark]
        if re.fullmatch(_CODE, mark):
            return mark
    return None


def yes(value: object) -> bool | None:
    """True/False for the ways a sheet says yes or no, None for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "y", "x", "1", "✓"}:
        return True
    if text in {"false", "no", "n", "0", ""}:
        return False
    return None


def slug(text: str, limit: int = 64) -> str:
    """An id in the format's pattern (lowercase letters, digits, '-'): `Software Engineer II` ->
    `software-engineer-ii`. Accents are dropped (`Développeur` -> `developpeur`)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:limit].strip("-")
