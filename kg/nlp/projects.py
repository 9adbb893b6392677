"""Projects and portfolios with their investments: "总投资5.4亿元的科创大楼项目", "36个省市重点项目"."""
from __future__ import annotations

import re

from kg.lexicon import alternation, lexicon_table, load_lexicon
from kg.nlp.mentions import Mention
from kg.nlp.money import AMOUNT_RE, parse_amount
from kg.patterns import HAN

# AMOUNT_RE without its group names, so that it can stand several times in one pattern.
_AMOUNT = re.sub(r"\?P<\w+>", "?:", AMOUNT_RE.pattern)
# what may follow a project's name: punctuation, a particle, or a word about its progress
_NAME_END = re.compile(rf"[^{HAN}A-Za-z0-9]|$|已|正|将|的|于|在|是|和|与|及|等|为|以|建设|项目|开工|开业|落地|投用|"
                       r"全面|进入|工作|融合|提质|标准化|运营|实现")
# characters a name never runs across, reading back from its head
_BREAK_CHARACTERS = re.compile(rf"[^{HAN}A-Za-z0-9]")
# one-character words that end the text before a name, when jieba reads them as words of their own
_BREAK_WORDS = frozenset("的和与及以把将在对为等是")
_WORKS_HEADS = ("工程", "改造")
_OPENING_QUOTES, _CLOSING_QUOTES = "“\"", "”\""
# 项目 names a project only with an amount or in quotes; alone it is any project: 示范带动特色项目
_BARE_HEAD = "项目"
_QUANTITY = re.compile(r"(?:(?:\d+(?:[-—~至]\d+)?|[一二三四五六七八九十两]+)(?:个|座|家|所|条|处|级|大|类|项|平方公里|公里|亩))+")
_OPENING_AMOUNT = re.compile(rf"(?:{_AMOUNT})(?<=[亿万元])的?")
_TRAILING_AMOUNT = re.compile(rf"[，,]?(?:项目)?(?P<kind>总投资|计划总投资|计划投资|投资)(?P<amount>{_AMOUNT})")
_AMOUNT_BEFORE = re.compile(rf"(?P<kind>总投资|计划投资|投资|规模)?(?P<amount>{_AMOUNT})的?$")
_QUOTED_PROJECT = re.compile(r"[“\"](?P<name>[^”\"\n]{2,20})[”\"]项目")
_LATER_CUE = re.compile(r"(?:等[^。；;，,]{0,12}?)?(?:项目|建设|开业|运营|开工|落地|投用)")
_ANNUAL = re.compile("年度|年内|今年")
_LONGEST_NAME = 24


def _amount(text: str | None) -> Mention | None:
    if not text:
        return None
    match = AMOUNT_RE.fullmatch(text)
    return parse_amount(match) if match else None


@lexicon_table
def _heads() -> re.Pattern:
    return re.compile(alternation(load_lexicon().project_heads))


@lexicon_table
def _verbs() -> re.Pattern:
    return re.compile(alternation(load_lexicon().project_verbs))


@lexicon_table
def _stop_words() -> re.Pattern:
    """Verbs and particles that a project name starts after: build verbs, launching verbs, reporting words."""
    lexicon = load_lexicon()
    words = lexicon.project_verbs + lexicon.campaign_triggers + tuple(w for w in lexicon.org_stops if len(w) > 1)
    return re.compile(alternation(words))


def _name_start(text: str, head_start: int, boundaries: set[int]) -> int:
    """Where a name that ends in a head starts: after the last break (a verb, 的, punctuation) before it,
    and after a count or an amount that opens it (2个, 50亿元)."""
    window_start = max(0, head_start - _LONGEST_NAME)
    cuts = [m.end() for m in _BREAK_CHARACTERS.finditer(text, window_start, head_start)]
    cuts += [i + 1 for i in range(window_start, head_start)
             if text[i] in _BREAK_WORDS and i in boundaries and i + 1 in boundaries]
    cuts += [m.end() for m in _stop_words().finditer(text, window_start, head_start) if m.start() in boundaries]
    start = max(cuts, default=window_start)
    if start > 1 and text[start - 1] in _CLOSING_QUOTES:
        # a quoted name opens the project's name: “全球汇”产业互联网平台
        opening = max(text.rfind(q, window_start, start - 1) for q in _OPENING_QUOTES)
        if opening >= 0 and not _BREAK_CHARACTERS.search(text, opening + 1, start - 1):
            start = opening
    elif text[start:start + 1] in _BREAK_WORDS and head_start - start > 2:
        start += 1  # a preposition jieba glued to the name: 以|云智产业园
    while (opening := _QUANTITY.match(text, start, head_start) or _OPENING_AMOUNT.match(text, start, head_start)) \
            and opening.end() > start:
        start = opening.end()
    return start


def _all_generic(modifier: str) -> bool:
    """True when the modifier is made of generic words only (国际化金融, 省级重点): a kind of thing, not a name."""
    generic = load_lexicon().generic_modifiers
    reachable = {0}
    for end in range(1, len(modifier) + 1):
        if any(start in reachable and modifier[start:end] in generic for start in range(end)):
            reachable.add(end)
    return len(modifier) in reachable


def _is_project_name(name: str, head: str) -> bool:
    lexicon = load_lexicon()
    modifier = name[: -len(head)]
    # a body's name (市科技局) is no project, unless its head is what makes it look like one (研究院, 总部)
    body_suffix = lexicon.org_suffix(name)
    if len(modifier) < 2 or len(body_suffix) > len(head) or name in lexicon.division_by_alias:
        return False
    if _all_generic(modifier) or modifier.startswith(lexicon.generic_heads):
        return False
    return head not in _WORKS_HEADS or any(word in modifier for word in lexicon.works_words)


def _project_context(text: str, start: int, end: int) -> tuple[Mention | None, str] | None:
    """What makes the name a project, as (amount or None, its kind of investment), or None for nothing."""
    clause_start = max(text.rfind(c, 0, start) for c in "。；;，,\n") + 1
    before = text[clause_start:start]
    if amount := _AMOUNT_BEFORE.search(before):
        output = before[: amount.start()].endswith(load_lexicon().not_investment)
        if (money := _amount(amount["amount"])) and not output:
            return money, amount["kind"] or ""
    if trailing := _TRAILING_AMOUNT.match(text, end):
        return _amount(trailing["amount"]), trailing["kind"]
    if _verbs().search(before) or _LATER_CUE.match(text, end):
        return None, ""
    return None


def find_projects(text: str, boundaries: set[int]) -> list[Mention]:
    """Named projects, facilities, parks, platforms and funds, with amounts where the text gives them.

    A name ends in a head word (平台, 产业园, 实验室...) and starts after the verb, 的 or
    punctuation before it; it is a project when an amount, a build verb in its clause, or a
    word of progress after it (建设, 项目, 开业) says so, or when it stands in a list with one.
    text: the text; boundaries: where its tokens start and end.
    Returns PROJECT mentions; attrs `name`, `total` and `annual` (MONEY mentions or None).

    >>> import jieba; jieba.setLogLevel(60)
    >>> text = "开工建设华为中原区域总部、视源股份中原研发中心，提速海康威视郑州科技园等项目建设"
    >>> bounds = {i for _, start, end in jieba.tokenize(text) for i in (start, end)}
    >>> [m.attrs["name"] for m in find_projects(text, bounds)]
    ['华为中原区域总部', '视源股份中原研发中心', '海康威视郑州科技园']
    """
    found: dict[int, Mention] = {}
    candidates = []
    for head in _heads().finditer(text):
        if not _NAME_END.match(text, head.end()):
            continue
        start = _name_start(text, head.start(), boundaries)
        name = re.sub(f"[{_OPENING_QUOTES}{_CLOSING_QUOTES}]", "", text[start:head.end()])
        if _is_project_name(name, head.group()) and start not in found:
            candidates.append((start, head.end(), name))
    accepted_ends: set[int] = set()
    pending = []
    for start, end, name in sorted(set(candidates)):
        context = _project_context(text, start, end)
        if name.endswith(_BARE_HEAD) and (context is None or context[0] is None) and (
                text[start] not in _OPENING_QUOTES or text[:start].endswith("等")):
            continue  # 等“四梁八柱”项目: a label for the projects listed before it
        listed = start > 0 and text[start - 1] in "、和及" and (start - 1) in accepted_ends
        if context is None and not listed:
            pending.append((start, end, name))
            continue
        amount, kind = context or (None, "")
        found[start] = _project(start, end, name, amount, kind)
        accepted_ends.add(end)
    # a list read before its cue: "提速海康威视郑州科技园、大华股份中原区域总部等项目建设"
    for start, end, name in reversed(pending):
        if end < len(text) and text[end] in "、和及" and any(s == end + 1 for s in found):
            found[start] = _project(start, end, name, None, "")
    for match in _QUOTED_PROJECT.finditer(text):
        if text[:match.start()].endswith("等"):
            continue
        found.setdefault(match.start("name"), _project(match.start("name"), match.end("name"), match["name"], None, ""))
    # a shorter name inside a longer one is part of it
    spans = sorted(found.values(), key=lambda m: (m.start, -m.end))
    return [m for m in spans if not any(o is not m and o.start <= m.start and m.end <= o.end for o in spans)]


def _project(start: int, end: int, name: str, amount: Mention | None, kind: str) -> Mention:
    annual = amount if amount and _ANNUAL.search(kind) else None
    total = amount if amount and not annual else None
    return Mention("PROJECT", start, end, name, {"name": name, "total": total, "annual": annual})


# what every counted aggregate below has: a count, then a label ending in 项目, or 项目 then a count;
# a text without one is not searched with those patterns, which cost ten times more
_COUNT_NEAR_PROJECT = re.compile(rf"\d个[{HAN}]{{0,12}}?项目|项目\d+个")


@lexicon_table
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
    cut = max((m.end() for m in re.finditer(_verbs().pattern + "|累计|全年|共", label) if m.end() < len(label)),
              default=0)
    return label[cut:]


def find_portfolios(text: str) -> list[Mention]:
    """Portfolios: "总投资323.4亿元、年度投资110.8亿元的36个省市重点项目", "3个新项目,总投资超23亿元".

    Returns PORTFOLIO mentions; attrs `label`, `count`, `total`, `annual`.
    """
    if not _COUNT_NEAR_PROJECT.search(text):
        return []
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
