"""Amounts of money in yuan: 5.4亿元, 1.5万亿元, 超过1700亿元, 三千万元, 100亿."""
from __future__ import annotations

import re
from decimal import Decimal

from kg.nlp.mentions import Mention

_UNITS = {"万亿": Decimal("1e12"), "千亿": Decimal("1e11"), "百亿": Decimal("1e10"), "亿": Decimal("1e8"),
          "千万": Decimal("1e7"), "百万": Decimal("1e6"), "万": Decimal("1e4"), "千": Decimal("1e3"), "": Decimal(1)}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = "[零〇一二两三四五六七八九十百千]+"

AMOUNT_RE = re.compile(
    rf"(?P<qualifier>超过|将近|接近|超|近|逾|约)?"
    rf"(?P<number>\d+(?:\.\d+)?|{_CN_NUMBER})"
    # a range gives its lower bound, approximate: 5-10亿元, 3亿至5亿元
    rf"(?:(?:亿元?|万元?)?(?:-|—|~|～|至|到)(?P<upper>\d+(?:\.\d+)?|{_CN_NUMBER}))?"
    r"(?P<more>多|余)?"
    r"(?P<unit>万亿|千亿|百亿|亿|千万|百万|万|千)?"
    r"(?P<currency>元|美元)?"
)


def chinese_number(text: str) -> Decimal:
    """A number written in Chinese numerals below ten thousand: 三千五百 → 3500, 十二 → 12."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
    return Decimal(total + (digit or 0))


def parse_amount(match: re.Match) -> Mention | None:
    """The amount a regex match of AMOUNT_RE names, or None when it is not money.

    match: a match of AMOUNT_RE.
    Returns a MONEY mention with attrs value (Decimal yuan), approximate (bool) and, for a
    range, upper (Decimal yuan); amounts in other currencies are no yuan and give None.
    """
    if match["currency"] and match["currency"] != "元":
        return None
    unit = match["unit"] or ""
    # A bare number is money only with 元; 100亿 with no currency is money in this genre.
    if not match["currency"] and "亿" not in unit:
        return None
    approximate = bool(match["qualifier"] or match["more"] or match["upper"])
    attrs = {"value": _number(match["number"]) * _UNITS[unit], "approximate": approximate}
    if match["upper"]:
        attrs["upper"] = _number(match["upper"]) * _UNITS[unit]
    return Mention("MONEY", match.start(), match.end(), match.group(), attrs)


def _number(text: str) -> Decimal:
    return Decimal(text) if text[0].isdigit() else chinese_number(text)


def find_amounts(text: str) -> list[Mention]:
    """Every amount of money in `text`, as MONEY mentions in text order.

    >>> [(m.text, int(m.attrs["value"])) for m in find_amounts("总投资5.4亿元的科创大楼项目")]
    [('5.4亿元', 540000000)]
    """
    found = []
    for match in AMOUNT_RE.finditer(text):
        if match["number"] and (mention := parse_amount(match)):
            found.append(mention)
    return found
