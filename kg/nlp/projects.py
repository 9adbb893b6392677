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
                       r"全面|进入|工作|融合|提质|标准化|运营|实现|计划|投资|总投资|调研|考察|视察|察看")
# a phase written after the head is part of the name: 纱线项目二期
_PHASE = re.compile(r"[一二三四五六七八九十\d]期(?:工程|项目)?")
# characters a name never runs across, reading back from its head
_BREAK_CHARACTERS = re.compile(rf"[^{HAN}A-Za-z0-9]")
# one-character words that end the text before a name, when jieba reads them as words of their own
_BREAK_WORDS = frozenset("的和与及以把将在对为等是其到了")
_BRACKETED = re.compile(rf"[(（][{HAN}A-Za-z0-9]{{2,10}}[)）](?=[{HAN}A-Za-z0-9])")
_WORKS_HEADS = ("工程", "改造")
_OPENING_QUOTES, _CLOSING_QUOTES = "“\"", "”\""
# 项目 names a project only with an amount or in quotes; alone it is any project: 示范带动特色项目
_BARE_HEAD = "项目"
# heads that name a project by themselves when the name stands in a list of projects
_LISTED_HEADS = ("项目", "工程", "期")
_QUANTITY = re.compile(r"(?:(?:\d+(?:[-—~至]\d+)?|[一二三四五六七八九十两]+)[余多]?(?:个|座|家|所|条|处|级|大|类|项|平方公里|公里|亩))+")
# a count right before a name in 项目 makes it a kind of project counted, not one named: 30余项文物普查项目
_COUNTED = re.compile(f"(?:{_QUANTITY.pattern})$")
_COUNT_IN_NAME = re.compile(r"\d+[余多]?个")
_OPENING_AMOUNT = re.compile(rf"(?:{_AMOUNT})(?<=[亿万元])的?")
_TRAILING_AMOUNT = re.compile(rf"[，,]?(?:项目)?(?P<kind>总投资|计划总投资|计划投资|投资)(?P<amount>{_AMOUNT})")
_AMOUNT_BEFORE = re.compile(rf"(?P<kind>总投资|计划投资|投资|规模)?(?P<amount>{_AMOUNT})的?$")
_QUOTED_PROJECT = re.compile(r"[“\"](?P<name>[^”\"\n]{2,20})[”\"]项目")
_LATER_CUE = re.compile(r"(?:等[^。；;，,]{0,12}?)?(?:项目|建设|开业|运营|开工|落地|投用)")
_ANNUAL = re.compile("年度|年内|今年|当年|计划完成")
_LONGEST_NAME = 32
# a numeral counting something (三个一批, 千项万亿, 五个十大) makes a quoted name a slogan
_SLOGAN = re.compile("[一二三四五六七八九十百千万亿两][个项大批条]|[千万亿]项")


def _amount(text: str | None) -> Mention | None:
    if not text:
        return None
    match = AMOUNT_RE.fullmatch(text)
    return parse_amount(match) if match else None


@lexicon_table
def _heads() -> re.Pattern:
    return re.compile(alternation(load_lexicon().project_heads))


@lexicon_table
def _capacity() -> re.Pattern:
    """A capacity opening a name: 年产10万吨, 日处理500吨."""
    return re.compile(rf"(?:{alternation(load_lexicon().capacity_openings)})[\d一二三四五六七八九十两百千万.]+")


@lexicon_table
def _verbs() -> re.Pattern:
    return re.compile(alternation(load_lexicon().project_verbs))


@lexicon_table
def _visited() -> re.Pattern:
    """A visit to the sites listed right after it, the name last of them: 实地考察了甲、乙、 (then the name)."""
    return re.compile(rf"(?:{alternation(load_lexicon().site_visit_verbs)})(?:了|我市|我县|我区|先后)?"
                      rf"(?:[^、，,。；;：:\s“”]{{1,24}}、)*$")


@lexicon_table
def _stop_words() -> re.Pattern:
    """Verbs and particles that a project name starts after: build verbs, launching verbs, reporting words."""
    lexicon = load_lexicon()
    words = (lexicon.project_verbs + lexicon.site_visit_verbs + lexicon.campaign_triggers
             + tuple(w for w in lexicon.org_stops if len(w) > 1))
    return re.compile(alternation(words))


def _name_start(text: str, head_start: int, boundaries: set[int]) -> int:
    """Where a name that ends in a head starts: after the last break (a verb, 的, punctuation) before it,
    and after a count or an amount that opens it (2个, 50亿元)."""
    window_start = max(0, head_start - _LONGEST_NAME)
    # a short note in brackets is part of the name: 北环路(G207)拓宽项目, 天宇(宜昌)新材料产业园
    inside = {i for note in _BRACKETED.finditer(text, window_start, head_start) for i in range(note.start(), note.end())}
    cuts = [m.end() for m in _BREAK_CHARACTERS.finditer(text, window_start, head_start) if m.start() not in inside]
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
    if modifier in lexicon.division_by_alias or _COUNT_IN_NAME.search(modifier):
        return False  # 荆州开发区: a zone named after its place; 8个重点项目: a count of projects
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
    if _verbs().search(before) or _visited().search(before) or _LATER_CUE.match(text, end):
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
        end = phase.end() if (phase := _PHASE.match(text, head.end())) else head.end()
        if not _NAME_END.match(text, end):
            continue
        start = _name_start(text, head.start(), boundaries)
        name = re.sub(f"[{_OPENING_QUOTES}{_CLOSING_QUOTES}]", "", text[start:end])
        if _is_project_name(name[:len(name) - (end - head.end())], head.group()) and start not in found:
            candidates.append((start, end, name))
    accepted_ends: set[int] = set()
    pending = []
    for start, end, name in sorted(set(candidates)):
        context = _project_context(text, start, end)
        named = (name.endswith(_LISTED_HEADS) and len(name) - len(_BARE_HEAD) >= _SHORTEST_LISTED - 1
                 and _named_project(text, start, end) and not _COUNTED.search(text, max(0, start - 8), start)
                 ) or bool(_capacity().match(name))
        if name.endswith(_BARE_HEAD) and (context is None or context[0] is None) and (
                text[start] not in _OPENING_QUOTES or text[:start].endswith("等")) and not named:
            continue  # 等“四梁八柱”项目: a label for the projects listed before it
        if context is None and named:
            context = (None, "")
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
        if text[:match.start()].endswith("等") or _SLOGAN.search(match["name"]):
            continue  # 等“四梁八柱”项目 labels a list; “三个一批”项目 is a drive's slogan
        found.setdefault(match.start("name"), _project(match.start("name"), match.end("name"), match["name"], None, ""))
    for start, end, amount, kind in _listed_before_label(text):
        name = text[start:end]
        if start not in found and len(name) >= _SHORTEST_LISTED and not _all_generic(name):
            found[start] = _project(start, end, name, amount, kind)
    # a shorter name inside a longer one is part of it
    spans = sorted(found.values(), key=lambda m: (m.start, -m.end))
    return [m for m in spans if not any(o is not m and o.start <= m.start and m.end <= o.end for o in spans)]


# 等项目, 等8个重点项目: a label that makes every name listed before it a project
# (not when a count follows: "签约甲、乙等重大项目120个" names companies among a count)
_LIST_LABEL = re.compile(r"等(?:\d+个|[一二三四五六七八九十两]+个)?(?:重点|重大)?(?:建设)?项目(?!\d)")
_LIST_START = re.compile(r"[。；;：:，,\n]")
_AMOUNT_OPENING = re.compile(rf"(?P<kind>总投资|计划投资|投资)?(?P<amount>{_AMOUNT})的")
_SHORTEST_LISTED = 5


def _listed_before_label(text: str) -> list[tuple[int, int, Mention | None, str]]:
    """The names of a list of projects, each as (start, end, amount, kind of investment): those before a
    label ("投资20亿元的A、投资10亿元的B等项目") back to the clause's start, and those after a colon that
    announces projects ("8个重点项目分别是：A、B、C。")."""
    items = []
    for label in _LIST_LABEL.finditer(text):
        list_start = max((m.end() for m in _LIST_START.finditer(text, max(0, label.start() - 300), label.start())),
                         default=max(0, label.start() - 300))
        items += _list_items(text, list_start, label.start())
    for colon in _PROJECTS_ANNOUNCED.finditer(text):
        list_end = min((m.start() for m in _LIST_END.finditer(text, colon.end(), colon.end() + 600)),
                       default=min(len(text), colon.end() + 600))
        items += [item for item in _list_items(text, colon.end(), list_end, announced=True)
                  if text[item[0]:item[1]].endswith(_LISTED_HEADS)]
    return items


def _list_items(text: str, list_start: int, list_end: int,
                announced: bool = False) -> list[tuple[int, int, Mention | None, str]]:
    """The items of a 、 list in text[list_start:list_end]; the verb or introducer before the first, and the
    amount opening any ("投资20亿元的"), are no part of a name; an item with a verb before its head is no name,
    unless a colon announced the list as projects (华联商厦升级改造建设项目)."""
    items = []
    offset = list_start
    for index, item in enumerate(text[list_start:list_end].split("、")):
        start, end = offset, offset + len(item)
        offset = end + 1
        amount, kind = None, ""
        if opening := _AMOUNT_OPENING.search(text, start, end) if index == 0 else _AMOUNT_OPENING.match(text, start, end):
            amount, kind, start = _amount(opening["amount"]), opening["kind"] or "", opening.end()
        elif index == 0:
            start = max([m.end() for m in _stop_words().finditer(text, start, end)] + [start])
        head = _heads().search(text, start, end)
        verbs_end = head.start() if head and head.end() == end else end
        if end - start >= _SHORTEST_LISTED and (announced or not _stop_words().search(text, start, verbs_end)):
            items.append((start, end, amount, kind))
    return items


# 分别是：, 主要有：, 项目有: a colon after 项目 that announces the list of them
_PROJECTS_ANNOUNCED = re.compile(r"项目[^。；;：:，,]{0,8}[：:]")
_LIST_END = re.compile(r"[。；;\n]")


def _named_project(text: str, start: int, end: int) -> bool:
    """True for a name in 项目 that project news gives as one: in a list of projects (、 beside it, after a
    colon, before 等), or held up as the one for a group (以X为代表的)."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    return before in ("、", "：", ":") or after in ("、", "等") or text.startswith("为代表", end)


def _project(start: int, end: int, name: str, amount: Mention | None, kind: str) -> Mention:
    annual = amount if amount and _ANNUAL.search(kind) else None
    total = amount if amount and not annual else None
    return Mention("PROJECT", start, end, name, {"name": name, "total": total, "annual": annual})


# what every counted aggregate has: a count before 项目 or after it ("36个重点项目", "项目共计41个")
_COUNT_NEAR_PROJECT = re.compile(rf"\d+[多余]?个[{HAN}“”\"]{{0,14}}?项目|项目[{HAN}]{{0,4}}?\d+[多余]?个")
_COUNT_BEFORE = re.compile(rf"(?P<count>\d+)(?P<more>[多余])?个(?P<label>[{HAN}“”\"]{{0,14}}?项目)")
_COUNT_AFTER = re.compile(rf"(?P<label>(?![亿万元的])[{HAN}、“”\"]{{0,16}}?项目)(?:数为|共计|共有|共|总数|达)?(?P<count>\d+)(?P<more>[多余])?个")
# an amount before a label is the class's threshold (总投资5亿元以上项目3个), not an aggregate's sum
_THRESHOLD = re.compile(r"^(?:以上|以下|左右)")
# amounts of an aggregate stop where its parts begin (其中, 包括, a colon, another count joined to it) or
# at a sentence's end; "12个项目中，" speaks of a part next
_AMOUNTS_END = re.compile(r"[。；;\n：:]|其中|包括|分别")
_PART_NEXT = re.compile(r"中|[和、及与]\d")
_AMOUNTS_WINDOW = 60
_LINKS = "达到|达|超过|超|约为|约|为|逾|近"


@lexicon_table
def _investment_re() -> re.Pattern:
    """A kind of investment and its amount: 总投资达3018亿元, 合同引资额338.3亿元, 年度计划完成投资50.5亿元."""
    kinds = alternation(load_lexicon().investment_kinds)
    return re.compile(rf"(?P<kind>{kinds})(?:{_LINKS})?(?P<amount>{_AMOUNT})")


@lexicon_table
def _investment_before_re() -> re.Pattern:
    """Amounts that open an aggregate: "总投资323.4亿元、年度投资110.8亿元的"."""
    one = _investment_re().pattern.replace("?P<kind>", "?:").replace("?P<amount>", "?:")
    return re.compile(rf"(?:{one}[、，,]?)+的$")


def find_portfolios(text: str) -> list[Mention]:
    """Portfolios: "总投资323.4亿元、年度投资110.8亿元的36个省市重点项目", "项目共计41个，总投资96.5亿元",
    "200多个重大合作项目签约，总投资达到1500亿元" (an approximate count).

    Returns PORTFOLIO mentions; attrs `label`, `count`, `total`, `annual`, `approximate`.
    """
    if not _COUNT_NEAR_PROJECT.search(text):
        return []
    found: dict[int, Mention] = {}
    for pattern in (_COUNT_BEFORE, _COUNT_AFTER):
        for match in pattern.finditer(text):
            if match.start("count") in found or _THRESHOLD.match(match["label"]):
                continue
            total, annual = _aggregate_amounts(text, match.start(), match.end())
            if total is None and annual is None:
                continue
            found[match.start("count")] = Mention("PORTFOLIO", match.start(), match.end(), match.group(), {
                "label": _without_verbs(match["label"]), "count": int(match["count"]),
                "total": total, "annual": annual, "approximate": bool(match["more"])})
    return sorted(found.values(), key=lambda m: m.start)


def _aggregate_amounts(text: str, start: int, end: int) -> tuple[Mention | None, Mention | None]:
    """The total and annual investment of the aggregate at text[start:end]: before it with 的, or after it
    up to the next part of the sentence."""
    total = annual = None
    if before := _investment_before_re().search(text, max(0, start - _AMOUNTS_WINDOW), start):
        span_start, span_end = before.start(), before.end()
    elif _PART_NEXT.match(text, end):
        return None, None  # "12个项目中，": what follows is a part's
    else:
        stop = _AMOUNTS_END.search(text, end, end + _AMOUNTS_WINDOW)
        span_start, span_end = end, stop.start() if stop else min(len(text), end + _AMOUNTS_WINDOW)
    for investment in _investment_re().finditer(text, span_start, span_end):
        amount = _amount(investment["amount"])
        if _ANNUAL.search(investment["kind"]):
            annual = annual or amount
        else:
            total = total or amount
    return total, annual


def _without_verbs(label: str) -> str:
    """The aggregate's label without the verbs before it: 全年实施特色农业项目 → 特色农业项目."""
    cut = max((m.end() for m in re.finditer(_verbs().pattern + "|累计|全年|共", label) if m.end() < len(label)),
              default=0)
    return label[cut:]
