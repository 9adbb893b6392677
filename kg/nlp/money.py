"""Amounts of money in yuan: 5.4亿元, 1.5万亿元, 超过1700亿元, 三千万元, 100亿."""

from __future__ import annotations

import re
from decimal import Decimal

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention

_YUAN = "元"
# a bare number is money only with 元; one of 亿 with no currency is money in this genre
_MONEY_WITHOUT_CURRENCY = "亿"


class Numerals:
    """The Chinese numerals of a lexicon (kg/data/numerals.tsv): a character class, and their value.

    >>> numerals = Numerals(Lexicon())
    >>> numerals.value("三千五百"), numerals.value("十二")
    (Decimal('3500'), Decimal('12'))
    """

    def __init__(self, lexicon: Lexicon):
        table = lexicon.table("numerals")
        self.digits = {numeral: int(value) for numeral, value, kind in table.rows if kind == "digit"}
        self.multipliers = {numeral: int(value) for numeral, value, kind in table.rows if kind == "multiplier"}
        values = {**self.digits, **self.multipliers}
        #: the characters of numbers: [零〇一二两三四五六七八九十百千]
        self.characters = "".join(sorted(values))
        #: the characters that count things from one to ten (三个, 两座, 十项): [一二两三四五六七八九十]
        self.counting = "".join(sorted(numeral for numeral, value in values.items() if 1 <= value <= 10))

    def value(self, text: str) -> Decimal:
        """A number written in Chinese numerals below ten thousand."""
        total, digit = 0, None
        for ch in text:
            if ch in self.digits:
                digit = self.digits[ch]
            else:
                total += (1 if digit is None else digit) * self.multipliers[ch]
                digit = None
        return Decimal(total + (digit or 0))


class Amounts:
    """Amounts of money, from a lexicon's numerals, money units and qualifiers.

    >>> [(m.text, int(m.attrs["value"])) for m in Amounts(Lexicon()).find("总投资5.4亿元的科创大楼项目")]
    [('5.4亿元', 540000000)]
    """

    def __init__(self, lexicon: Lexicon):
        self.numerals = Numerals(lexicon)
        self.units = {unit: Decimal(value) for unit, value in lexicon.table("money_units").rows}
        number = rf"\d+(?:\.\d+)?|[{re.escape(self.numerals.characters)}]+"
        units = alternation(self.units)
        #: an amount, with groups qualifier, number, upper (a range's upper bound), more, unit and currency
        self.pattern = re.compile(
            rf"(?P<qualifier>{alternation(lexicon.words('amount_qualifiers'))})?"
            rf"(?P<number>{number})"
            # a range gives its lower bound, approximate: 5-10亿元, 3亿至5亿元
            rf"(?:(?:亿元?|万元?)?(?:-|—|~|～|至|到)(?P<upper>{number}))?"
            r"(?P<more>多|余)?"
            rf"(?P<unit>{units})?"
            r"(?P<currency>元|美元)?"
        )
        #: the same pattern without its group names, so that it can stand several times in another one
        self.anonymous = re.sub(r"\?P<\w+>", "?:", self.pattern.pattern)

    def parse(self, match: re.Match) -> Mention | None:
        """The amount a match of `pattern` names, as a MONEY mention with attrs value (Decimal yuan),
        approximate (bool) and, for a range, upper; None when it is not money (another currency, a bare number)."""
        if match["currency"] and match["currency"] != _YUAN:
            return None
        unit = match["unit"] or ""
        if not match["currency"] and _MONEY_WITHOUT_CURRENCY not in unit:
            return None
        approximate = bool(match["qualifier"] or match["more"] or match["upper"])
        scale = self.units.get(unit, Decimal(1))
        attrs = {"value": self._number(match["number"]) * scale, "approximate": approximate}
        if match["upper"]:
            attrs["upper"] = self._number(match["upper"]) * scale
        return Mention("MONEY", match.start(), match.end(), match.group(), attrs)

    def amount(self, text: str | None) -> Mention | None:
        """The amount `text` is, whole, or None."""
        if not text:
            return None
        match = self.pattern.fullmatch(text)
        return self.parse(match) if match else None

    def find(self, text: str) -> list[Mention]:
        """Every amount of money in `text`, as MONEY mentions in text order."""
        found = []
        for match in self.pattern.finditer(text):
            if match["number"] and (mention := self.parse(match)):
                found.append(mention)
        return found

    def _number(self, text: str) -> Decimal:
        return Decimal(text) if text[0].isdigit() else self.numerals.value(text)
