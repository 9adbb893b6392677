"""Projects and portfolios with their investments: "总投资5.4亿元的科创大楼项目", "36个省市重点项目"."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import alternation, load_lexicon
from kg.nlp.mentions import Mention
from kg.nlp.money import AMOUNT_RE, parse_amount
from kg.patterns import HAN

# AMOUNT_RE without its group names, so that it can stand several times in one pattern.
_AMOUNT = re.sub(r"\?P<\w+>", "?:", AMOUNT_RE.pattern)
_NAME_END = rf"(?=[^{HAN}]|$|已|正|将|的|于|在|是|和|与|及|等|建成|开工|落地|投用|全面|进入)"
_BUILD_VERBS = "开工建设|规划建设|加快建设|启动建设|建设|开工|投用|建成|签约|落地|打造|引进|设立|建立|成立|组建|实施"


def _amount(text: str | None) -> Mention | None:
    if not text:
        return None
    match = AMOUNT_RE.fullmatch(text)
    return parse_amount(match) if match else None


@lru_cache(maxsize=1)
def project_res() -> tuple[re.Pattern, ...]:
    """The project patterns: amount then name, build verb then name, quoted name then 项目."""
    heads = alternation(load_lexicon().project_heads)
    name = rf"[{HAN}][{HAN}A-Za-z0-9]{{0,23}}?(?:{heads})"
    return (
        re.compile(rf"(?P<kind>总投资|计划投资|投资|规模)?(?P<amount>{_AMOUNT})的?(?P<name>{name}){_NAME_END}"),
        re.compile(rf"(?:{_BUILD_VERBS})(?P<name>{name}){_NAME_END}"),
        re.compile(r"[“\"](?P<name>[^”\"\n]{2,20})[”\"]项目"),
    )


_TRAILING_AMOUNT = re.compile(rf"^[，,]?(?:项目)?(?P<kind>总投资|计划总投资|计划投资|投资)(?P<amount>{_AMOUNT})")
_ANNUAL = re.compile("年度|年内|今年")


def find_projects(text: str) -> list[Mention]:
    """Named projects, facilities, parks, platforms and funds, with amounts where the text gives them.

    Returns PROJECT mentions; attrs `name`, `total` and `annual` (MONEY mentions or None).
    """
    generic = load_lexicon().generic_heads
    found: dict[tuple[int, int], Mention] = {}
    for pattern in project_res():
        for match in pattern.finditer(text):
            name = match["name"]
            if name.startswith(generic) or len(name) < 3:
                continue
            groups = match.groupdict()
            amount, kind = _amount(groups.get("amount")), groups.get("kind") or ""
            if groups.get("amount") and amount is None:
                continue  # a count or a year, not money: "3个新项目"
            if amount is None and (trailing := _TRAILING_AMOUNT.match(text, match.end())):
                amount, kind = _amount(trailing["amount"]), trailing["kind"]
            annual = amount if amount and _ANNUAL.search(kind) else None
            total = amount if amount and not annual else None
            key = (match.start("name"), match.end("name"))
            if key not in found or (total or annual):
                found[key] = Mention("PROJECT", key[0], key[1], name, {"name": name, "total": total, "annual": annual})
    return sorted(found.values(), key=lambda m: m.start)


@lru_cache(maxsize=1)
def portfolio_res() -> tuple[re.Pattern, ...]:
    """Counted aggregates of projects that carry an amount: the count before or after the label,
    the amounts before the aggregate (with 的) or after it."""
    counted = (rf"(?P<count>\d+)个(?P<label>[{HAN}]{{0,12}}?项目)",
               rf"(?P<label>[{HAN}、“”\"]{{0,16}}?项目)(?P<count>\d+)个")
    before = rf"(?:总投资(?P<total>{_AMOUNT})[、，,]?)?(?:年度投资(?P<annual>{_AMOUNT}))?的?"
    after = (rf"[，,、]?(?:(?:总投资|计划总投资|投资)(?P<total>{_AMOUNT}))?"
             rf"(?:[、，,]?年度投资(?P<annual>{_AMOUNT}))?")
    return tuple(re.compile(pattern) for form in counted for pattern in (before + form, form + after))


def _without_verbs(label: str) -> str:
    """The aggregate's label without the verbs before it: 全年实施特色农业项目 → 特色农业项目."""
    cut = max((m.end() for m in re.finditer(_BUILD_VERBS + "|签约|累计|全年|共", label) if m.end() < len(label)), default=0)
    return label[cut:]


def find_portfolios(text: str) -> list[Mention]:
    """Portfolios: "总投资323.4亿元、年度投资110.8亿元的36个省市重点项目", "3个新项目,总投资超23亿元".

    Returns PORTFOLIO mentions; attrs `label`, `count`, `total`, `annual`.
    """
    found = {}
    for pattern in portfolio_res():
        for match in pattern.finditer(text):
            total, annual = _amount(match["total"]), _amount(match["annual"])
            if total is None and annual is None:
                continue
            known = found.get(match.start("count"))
            if known is None or (total is not None) + (annual is not None) > sum(
                    known.attrs[k] is not None for k in ("total", "annual")):
                found[match.start("count")] = Mention("PORTFOLIO", match.start(), match.end(), match.group(), {
                    "label": _without_verbs(match["label"]), "count": int(match["count"]),
                    "total": total, "annual": annual})
    return sorted(found.values(), key=lambda m: m.start)
