"""Portfolios: a count of projects with their investment, "总投资323.4亿元、年度投资110.8亿元的36个省市重点项目",
"项目共计41个，总投资96.5亿元", "200多个重大合作项目签约，总投资达到1500亿元" (an approximate count)."""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention
from kg.nlp.money import Amounts
from kg.patterns import HAN

# what every counted aggregate has: a count before 项目 or after it ("36个重点项目", "项目共计41个")
_COUNT_NEAR_PROJECT = re.compile(rf"\d+[多余]?个[{HAN}“”\"]{{0,14}}?项目|项目[{HAN}]{{0,4}}?\d+[多余]?个")
_COUNT_BEFORE = re.compile(rf"(?P<count>\d+)(?P<more>[多余])?个(?P<label>[{HAN}“”\"]{{0,14}}?项目)")
# an amount before a label is the class's threshold (总投资5亿元以上项目3个), not an aggregate's sum
_THRESHOLD = re.compile(r"^(?:以上|以下|左右)")
# amounts of an aggregate stop where its parts begin (其中, 包括, a colon, another count joined to it) or
# at a sentence's end; "12个项目中，" speaks of a part next
_AMOUNTS_END = re.compile(r"[。；;\n：:]|其中|包括|分别")
_PART_NEXT = re.compile(r"中|[和、及与]\d")
_AMOUNTS_WINDOW = 60


class PortfolioFinder:
    """PORTFOLIO mentions; attrs `label`, `count`, `total`, `annual` (MONEY mentions or None), `approximate`.

    >>> find = PortfolioFinder(Lexicon())
    >>> found = find("项目共计41个，总投资96.5亿元")
    >>> [(m.attrs["label"], m.attrs["count"], int(m.attrs["total"].attrs["value"])) for m in found]
    [('项目', 41, 9650000000)]
    """

    def __init__(self, lexicon: Lexicon, amounts: Amounts | None = None):
        self.amounts = amounts or Amounts(lexicon)
        words = lexicon.words
        self._count_after = re.compile(
            rf"(?P<label>(?![亿万元的])[{HAN}、“”\"]{{0,16}}?项目)"
            rf"(?:{alternation(words('portfolio_count_links'))})?"
            r"(?P<count>\d+)(?P<more>[多余])?个"
        )
        # a kind of investment and its amount: 总投资达3018亿元, 合同引资额338.3亿元, 年度计划完成投资50.5亿元
        self._investment = re.compile(
            rf"(?P<kind>{alternation(words('investment_kinds'))})"
            rf"(?:{alternation(words('amount_links'))})?(?P<amount>{self.amounts.anonymous})"
        )
        # amounts that open an aggregate: "总投资323.4亿元、年度投资110.8亿元的"
        one = self._investment.pattern.replace("?P<kind>", "?:").replace("?P<amount>", "?:")
        self._investment_before = re.compile(rf"(?:{one}[、，,]?)+的$")
        self._annual = re.compile(alternation(words("annual_markers")))
        # the verbs and words of time before an aggregate's label: 全年实施特色农业项目
        self._label_openers = re.compile(alternation(words("project_verbs")) + "|累计|全年|共")

    def __call__(self, text: str) -> list[Mention]:
        if not _COUNT_NEAR_PROJECT.search(text):
            return []
        found: dict[int, Mention] = {}
        for pattern in (_COUNT_BEFORE, self._count_after):
            for match in pattern.finditer(text):
                if match.start("count") in found or _THRESHOLD.match(match["label"]):
                    continue
                total, annual = self._amounts_of(text, match.start(), match.end())
                if total is None and annual is None:
                    continue
                found[match.start("count")] = Mention(
                    "PORTFOLIO",
                    match.start(),
                    match.end(),
                    match.group(),
                    {
                        "label": self._without_verbs(match["label"]),
                        "count": int(match["count"]),
                        "total": total,
                        "annual": annual,
                        "approximate": bool(match["more"]),
                    },
                )
        return sorted(found.values(), key=lambda m: m.start)

    def _amounts_of(self, text: str, start: int, end: int) -> tuple[Mention | None, Mention | None]:
        """The total and annual investment of the aggregate at text[start:end]: before it with 的, or after it
        up to the next part of the sentence."""
        total = annual = None
        if before := self._investment_before.search(text, max(0, start - _AMOUNTS_WINDOW), start):
            span_start, span_end = before.start(), before.end()
        elif _PART_NEXT.match(text, end):
            return None, None  # "12个项目中，": what follows is a part's
        else:
            stop = _AMOUNTS_END.search(text, end, end + _AMOUNTS_WINDOW)
            span_start, span_end = end, stop.start() if stop else min(len(text), end + _AMOUNTS_WINDOW)
        for investment in self._investment.finditer(text, span_start, span_end):
            amount = self.amounts.amount(investment["amount"])
            if self._annual.search(investment["kind"]):
                annual = annual or amount
            else:
                total = total or amount
        return total, annual

    def _without_verbs(self, label: str) -> str:
        """The aggregate's label without the verbs before it: 全年实施特色农业项目 → 特色农业项目."""
        cut = max((m.end() for m in self._label_openers.finditer(label) if m.end() < len(label)), default=0)
        return label[cut:]
