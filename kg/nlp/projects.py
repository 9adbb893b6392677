"""Named projects with their investments: "总投资5.4亿元的科创大楼项目", "开工建设华为中原区域总部".

A name ends in a head word (平台, 产业园, 实验室...; kg/data/project_heads.tsv) and starts after the verb,
的 or punctuation before it. It is a project when an amount, a build verb in its clause, or a word of
progress after it (建设, 项目, 开业) says so, or when it stands in a list with one. ProjectFinder reads a
text in passes, each a method: names ending in a head, those their context makes projects, lists read
before their cue, quoted names, enumerated lists (1.A;2.B, or a name to a line under 项目名单), lists before a
label or after a colon, and last the names inside longer ones.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention
from kg.nlp.money import Amounts
from kg.nlp.portfolios import PortfolioFinder
from kg.patterns import HAN

# characters a name never runs across, reading back from its head
_BREAK_CHARACTERS = re.compile(rf"[^{HAN}A-Za-z0-9]")
_BRACKETED = re.compile(rf"[(（][{HAN}A-Za-z0-9]{{2,10}}[)）](?=[{HAN}A-Za-z0-9])")
_WORKS_HEADS = ("工程", "改造")
_OPENING_QUOTES, _CLOSING_QUOTES = '“"', '”"'
_QUOTES = re.compile(f"[{_OPENING_QUOTES}{_CLOSING_QUOTES}]")
# 项目 names a project only with an amount or in quotes; alone it is any project: 示范带动特色项目
_BARE_HEAD = "项目"
# heads that name a project by themselves when the name stands in a list of projects
_LISTED_HEADS = ("项目", "工程", "期")
_SHORTEST_LISTED = 5
_COUNT_IN_NAME = re.compile(r"\d+[余多]?个|一批|一大批|一系列")
# a year before a kind of project is no part of a name: 2017年市级重点建设项目
_YEAR = re.compile(r"^\d{4}年度?")
_QUOTED_PROJECT = re.compile(r"[“\"](?P<name>[^”\"\n]{2,20})[”\"]项目")
_LONGEST_NAME = 32
_LIST_JOINERS = "、和及"
_JOINED_ITEMS = re.compile("[和及]")
_LIST_MARK = "等"
_LIST_START = re.compile(r"[。；;：:，,\n]")
# 分别是：, 主要有：, 项目有: a colon after 项目 that announces the list of them
_PROJECTS_ANNOUNCED = re.compile(r"项目[^。；;：:，,]{0,8}[：:]")
_LIST_END = re.compile(r"[。；;\n]")
# the mark that numbers an item of an enumerated list: 1. 2、 (3) ④
_ITEM_NUMBER = re.compile(r"(?:\d{1,2}[.．、]|[(（]\d{1,2}[)）]|[①-⑳])(?!\d)")
_ITEM_END = "；;，,、。 \t\u3000"
_LONGEST_ITEM = 48
_SENTENCE_MARKS = re.compile("[。，,！？!?]")
_CLAUSE_BREAKS = "。；;，,\n"
# what links a subject to the noun its clause says it is: X是Y的组成部分
_PREDICATE_VERBS = ("是", "为")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_SENTENCE_OPENINGS = "。！？!?；;\n"


class ProjectFinder:
    """PROJECT mentions (attrs `name`, `total` and `annual`: MONEY mentions or None), and the PORTFOLIO
    mentions of kg.nlp.portfolios.

    >>> import jieba; jieba.setLogLevel(60)
    >>> text = "开工建设华为中原区域总部、视源股份中原研发中心，提速海康威视郑州科技园等项目建设"
    >>> bounds = {i for _, start, end in jieba.tokenize(text) for i in (start, end)}
    >>> [m.attrs["name"] for m in ProjectFinder(Lexicon()).projects(text, bounds)]
    ['华为中原区域总部', '视源股份中原研发中心', '海康威视郑州科技园']
    """

    def __init__(self, lexicon: Lexicon, amounts: Amounts | None = None):
        self.lexicon = lexicon
        self.amounts = amounts or Amounts(lexicon)
        self.portfolios = PortfolioFinder(lexicon, self.amounts)
        words = lexicon.words
        amount = self.amounts.anonymous
        counting = self.amounts.numerals.counting
        self._heads = re.compile(alternation(words("project_heads")))
        self._head_before = re.compile(f"(?:{self._heads.pattern})$")
        # a phase written after the head is part of the name: 纱线项目二期
        self._phase = re.compile(rf"[{counting}\d]期(?:工程|项目)?")
        # what may follow a project's name: punctuation, a particle, or a word about its progress
        events = lexicon.table("project_events")
        events = (
            rf"(?:{alternation(events.where('kind', 'adverb').column('word'))})?"
            rf"(?:{alternation(w for w, kind in events.rows if kind in ('event', 'site'))})"
        )
        self._name_end = re.compile(rf"[^{HAN}A-Za-z0-9]|$|{alternation(words('project_name_ends'))}|{events}")
        self._break_words = frozenset(words("project_break_words"))
        quantity = (
            rf"(?:(?:\d+(?:[-—~至]\d+)?|[{counting}]+)[余多]?"
            rf"(?:{alternation(words('measure_words'))}))+"
        )
        self._quantity = re.compile(quantity)
        # a count right before a name in 项目 makes it a kind of project counted, not one named: 30余项文物普查项目
        self._counted = re.compile(f"(?:{quantity})$")
        self._opening_amount = re.compile(rf"(?:{amount})(?<=[亿万元])的?")
        self._trailing_amount = re.compile(
            rf"[，,]?(?:项目)?(?P<kind>总投资|计划总投资|计划投资|投资)(?P<amount>{amount})"
        )
        self._amount_before = re.compile(rf"(?P<kind>总投资|计划投资|投资|规模)?(?P<amount>{amount})的?$")
        self._later_cue = re.compile(rf"(?:等[^。；;，,]{{0,12}}?)?(?:{alternation(words('project_later_cues'))})")
        self._event_after = re.compile(events)
        self._described_after = re.compile(alternation(words("project_descriptions")))
        self._annual = re.compile(alternation(words("annual_markers")))
        # a numeral counting something (三个一批, 千项万亿, 五个十大) makes a quoted name a slogan
        self._slogan = re.compile(f"[{self.amounts.numerals.characters}万亿][个项大批条]|[千万亿]项")
        # a capacity opening a name: 年产10万吨, 日处理500吨
        self._capacity = re.compile(
            rf"(?:{alternation(words('capacity_openings'))})"
            rf"[\d{self.amounts.numerals.characters}万.]+"
        )
        self._verbs = re.compile(alternation(words("project_verbs")))
        # a visit to the sites listed right after it, the name last of them: 实地考察了甲、乙、 (then the name)
        self._visited = re.compile(
            rf"(?:{alternation(words('site_visit_verbs'))})(?:了|我市|我县|我区|先后)?"
            rf"(?:[^、，,。；;：:\s“”]{{1,24}}、)*$"
        )
        # verbs and particles that a project name starts after: build verbs, launching verbs, reporting words
        self._stop_words = re.compile(
            alternation(
                words("project_verbs")
                + words("site_visit_verbs")
                + self._motion_verbs(lexicon)
                + words("campaign_triggers")
                + tuple(w for w in words("org_stops") if len(w) > 1)
            )
        )
        # 等项目, 等8个重点项目: a label that makes every name listed before it a project
        # (not when a count follows: "签约甲、乙等重大项目120个" names companies among a count)
        self._list_label = re.compile(rf"等(?:\d+个|[{counting}]+个)?(?P<kind>[{HAN}]{{0,6}}?)(?:建设)?项目(?!\d)")
        self._amount_opening = re.compile(rf"(?P<kind>总投资|计划投资|投资)?(?P<amount>{amount})的")
        self._not_investment = words("not_investment")
        # a kind of investment and its amount anywhere after the name in its sentence: 占地80亩，概算投资约3亿元
        links = alternation(word for word in words("amount_links") if word not in words("amount_qualifiers"))
        self._later_investment = re.compile(
            rf"(?P<kind>{alternation(words('investment_kinds'))})(?:{links})?(?P<amount>{amount})"
        )
        self._back_reference = re.compile(alternation(words("project_back_references")))
        # a heading line over a list of projects, a name to a line: 开工项目名单
        self._list_heading = re.compile(
            rf"^[^\n。，,]{{0,16}}项目(?:{alternation(words('project_list_headings'))})[:：]?[ \t\u3000]*$", re.M
        )
        self._generic_heads = words("generic_heads")
        self._unnamed_before_head = tuple(
            sorted(set(words("generic_modifiers") + words("project_verbs") + words("project_object_verbs")), key=len)
        )
        self._works_words = words("works_words")
        # verbs of three characters or more, which no project's name ends in before its 项目
        self._verb_phrases = tuple(verb for verb in words("project_verbs") if len(verb) >= 3)

    @staticmethod
    def _motion_verbs(lexicon: Lexicon) -> tuple[str, ...]:
        """The verbs of a visit that only lead to sites (来到, 走进), never close them: 调研 and 督查 also stand
        inside names (督查平台)."""
        table = lexicon.table("visit_site_verbs")
        closing = set(table.where("role", "closes").column("verb"))
        return tuple(
            verb for verb in table.where("role", "opens").column("verb") if len(verb) > 1 and verb not in closing
        )

    def __call__(self, text: str, boundaries: set[int]) -> list[Mention]:
        """The text's projects and portfolios; boundaries: where its tokens start and end."""
        return self.projects(text, boundaries) + self.portfolios(text)

    def projects(self, text: str, boundaries: set[int]) -> list[Mention]:
        """The named projects of `text`, with amounts where it gives them, in text order."""
        found, pending = self._named_by_context(text, self._candidates(text, boundaries))
        self._listed_before_cue(text, pending, found)
        self._named_by_later_amount(text, pending, found)
        self._quoted(text, found)
        for start, end in self._enumerated(text):
            if start not in found or found[start].end < end:  # the whole item, not the name its head ends
                found[start] = self._project(start, end, _QUOTES.sub("", text[start:end]), None, "")
        for start, end, amount, kind in self._listed_before_label(text):
            name = _QUOTES.sub("", text[start:end])
            if start not in found and len(name) >= _SHORTEST_LISTED and not self._all_generic(name):
                found[start] = self._project(start, end, name, amount, kind)
        return self._with_later_amounts(text, _outermost(found.values()))

    def _candidates(self, text: str, boundaries: set[int]) -> list[tuple[int, int, str]]:
        """Pass 1: (start, end, name) of each name that ends in a head word and is shaped like a project's,
        in text order."""
        candidates = set()
        for head in self._heads.finditer(text):
            end = phase.end() if (phase := self._phase.match(text, head.end())) else head.end()
            if not self._name_end.match(text, end):
                continue
            start = self._name_start(text, head.start(), boundaries)
            name = _QUOTES.sub("", text[start:end])
            if self._is_project_name(name[: len(name) - (end - head.end())], head.group()):
                candidates.add((start, end, name))
        return sorted(candidates)

    def _named_by_context(
        self, text: str, candidates: list[tuple[int, int, str]]
    ) -> tuple[dict[int, Mention], list[tuple[int, int, str]]]:
        """Pass 2: the candidates that an amount, a verb, a cue after them or a list of projects makes projects,
        by start; and those nothing has made one yet (pending), in text order."""
        found: dict[int, Mention] = {}
        accepted_ends: set[int] = set()
        pending = []
        for start, end, name in candidates:
            context = self._context(text, start, end)
            named = (
                name.endswith(_LISTED_HEADS)
                and len(name) - len(_BARE_HEAD) >= _SHORTEST_LISTED - 1
                and _named_project(text, start, end)
                and not self._counted.search(text, max(0, start - 8), start)
            ) or bool(self._capacity.match(name) or self._reported_event(text, start, name, end))
            if (
                name.endswith(_BARE_HEAD)
                and (context is None or context[0] is None)
                and (text[start] not in _OPENING_QUOTES or text[:start].endswith(_LIST_MARK))
                and not named
            ):
                pending.append((start, end, name))  # 等“四梁八柱”项目 labels the projects listed before it
                continue
            if context is None and named:
                context = (None, "")
            listed = start > 0 and text[start - 1] in _LIST_JOINERS and (start - 1) in accepted_ends
            if context is None and not listed:
                pending.append((start, end, name))
                continue
            amount, kind = context or (None, "")
            found[start] = self._project(start, end, name, amount, kind)
            accepted_ends.add(end)
        return found, pending

    def _reported_event(self, text: str, start: int, name: str, end: int) -> bool:
        """True for a name in 项目 whose sentence reports its event or site (X项目开工, 在X项目现场), or opens on it
        to describe it (X项目为……), unless it is a drive's slogan (“五个一批”项目集中开工)."""
        if not name.endswith(_BARE_HEAD) or self._slogan.search(name):
            return False
        opens = start == 0 or text[start - 1] in _SENTENCE_OPENINGS
        return bool(self._event_after.match(text, end) or (opens and self._described_after.match(text, end)))

    def _listed_before_cue(self, text: str, pending: list[tuple[int, int, str]], found: dict[int, Mention]) -> None:
        """Pass 3: a list read before its cue: "提速海康威视郑州科技园、大华股份中原区域总部等项目建设" (the
        pending names listed right before a project)."""
        for start, end, name in reversed(pending):
            if end < len(text) and text[end] in _LIST_JOINERS and any(s == end + 1 for s in found):
                found[start] = self._project(start, end, name, None, "")

    def _quoted(self, text: str, found: dict[int, Mention]) -> None:
        """Pass 4: a quoted name before 项目 (“智慧岛”项目), unless it labels a list or is a drive's slogan."""
        for match in _QUOTED_PROJECT.finditer(text):
            if text[: match.start()].endswith(_LIST_MARK) or self._slogan.search(match["name"]):
                continue  # 等“四梁八柱”项目 labels a list; “三个一批”项目 is a drive's slogan
            found.setdefault(
                match.start("name"), self._project(match.start("name"), match.end("name"), match["name"], None, "")
            )

    def _name_start(self, text: str, head_start: int, boundaries: set[int]) -> int:
        """Where a name that ends in a head starts: after the last break (a verb, 的, punctuation) before it,
        and after a count or an amount that opens it (2个, 50亿元)."""
        window_start = max(0, head_start - _LONGEST_NAME)
        # a short note in brackets is part of the name: 北环路(G207)拓宽项目, 天宇(宜昌)新材料产业园
        inside = {
            i for note in _BRACKETED.finditer(text, window_start, head_start) for i in range(note.start(), note.end())
        }
        cuts = [m.end() for m in _BREAK_CHARACTERS.finditer(text, window_start, head_start) if m.start() not in inside]
        cuts += [
            i + 1
            for i in range(window_start, head_start)
            if text[i] in self._break_words and i in boundaries and i + 1 in boundaries
        ]
        # a verb or a word of the clause before (来到, 调研, 洽谈) ends it, where jieba cut either side of it
        cuts += [
            m.end()
            for m in self._stop_words.finditer(text, window_start, head_start)
            if m.start() in boundaries or m.end() in boundaries
        ]
        start = max(cuts, default=window_start)
        if start > 1 and text[start - 1] in _CLOSING_QUOTES:
            # a quoted name opens the project's name: “全球汇”产业互联网平台
            opening = max(text.rfind(q, window_start, start - 1) for q in _OPENING_QUOTES)
            if opening >= 0 and not _BREAK_CHARACTERS.search(text, opening + 1, start - 1):
                start = opening
        elif text[start : start + 1] in self._break_words and head_start - start > 2:
            start += 1  # a preposition jieba glued to the name: 以|云智产业园
        while (
            opening := self._quantity.match(text, start, head_start)
            or self._opening_amount.match(text, start, head_start)
        ) and opening.end() > start:
            start = opening.end()
        return start

    def _all_generic(self, modifier: str) -> bool:
        """True when the modifier is made of generic words only (国际化金融, 省级重点): a kind of thing, not a name."""
        generic = self.lexicon.generic_modifiers
        reachable = {0}
        for end in range(1, len(modifier) + 1):
            if any(start in reachable and modifier[start:end] in generic for start in range(end)):
                reachable.add(end)
        return len(modifier) in reachable

    def _is_project_name(self, name: str, head: str) -> bool:
        lexicon = self.lexicon
        modifier = name[: -len(head)]
        # a body's name (市科技局) is no project, unless its head is what makes it look like one (研究院, 总部)
        body_suffix = lexicon.org_suffix(name)
        if len(modifier) < 2 or len(body_suffix) > len(head) or name in lexicon.division_by_alias:
            return False
        if modifier in lexicon.division_by_alias or _COUNT_IN_NAME.search(modifier):
            return False  # 荆州开发区: a zone named after its place; 8个重点项目: a count of projects
        if self._all_generic(_YEAR.sub("", modifier)) or modifier.startswith(self._generic_heads):
            return False
        if head == _BARE_HEAD and modifier.endswith(self._unnamed_before_head):
            return False  # 检查重点项目, 高质量建设项目: a kind of project or what is done to projects, no name
        if name.endswith(_BARE_HEAD) and name[: -len(_BARE_HEAD)].endswith(self._verb_phrases):
            return False  # 高质量建设|建设项目: what is done to projects, read with a longer head
        return head not in _WORKS_HEADS or any(word in modifier for word in self._works_words)

    def _context(self, text: str, start: int, end: int) -> tuple[Mention | None, str] | None:
        """What makes the name a project, as (amount or None, its kind of investment), or None for nothing."""
        clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_BREAKS) + 1
        before = text[clause_start:start]
        if self._capacity.match(text, start):
            before = before.removesuffix("、")  # 总投资5.5亿元、年产7500万米胚布生产线项目
        if amount := self._amount_before.search(before):
            output = before[: amount.start()].endswith(self._not_investment)
            if (money := self.amounts.amount(amount["amount"])) and not output:
                return money, amount["kind"] or ""
        if trailing := self._trailing_amount.match(text, end):
            return self.amounts.amount(trailing["amount"]), trailing["kind"]
        if self._verbs.search(before) or self._visited.search(before) or self._later_cue.match(text, end):
            return None, ""
        return None

    def _named_by_later_amount(self, text: str, pending: list[tuple[int, int, str]], found: dict[int, Mention]) -> None:
        """Pass 3b: a name nothing else made a project is one when its sentence goes on to its investment
        ("颐和康养社区项目占地80亩，概算投资约3亿元")."""
        starts = sorted(found)
        for start, end, name in pending:
            if start in found or text[:start].rstrip(_OPENING_QUOTES).endswith(_LIST_MARK):
                continue
            later = next((other for other in starts if other > start), len(text))
            if self._later_amounts(text, end, later) and not _in_list(text, start, end):
                found[start] = self._project(start, end, name, None, "")

    def _with_later_amounts(self, text: str, projects: list[Mention]) -> list[Mention]:
        """Pass 7: the amounts stated after a project in its sentence, before the next project ("X项目占地80亩，
        概算投资约3亿元"), or in the next sentence when that one opens on it ("X项目开工。该项目总投资12亿元，今年
        计划投资3亿元"): each of its total and this year's share that the name did not give."""
        given = []
        # a project named in what the clause says of one before it (X是Y的重要组成部分，项目总投资60亿元) is no new
        # subject: the amounts after it are the first one's
        predicates = {
            index for index in range(1, len(projects)) if _is_predicate(text, projects[index - 1], projects[index])
        }
        # where the next project that is a subject starts, after each project
        next_subject, later = [0] * len(projects), len(text)
        for index in range(len(projects) - 1, -1, -1):
            next_subject[index] = later
            if index not in predicates:
                later = projects[index].start
        for index, project in enumerate(projects):
            later = next_subject[index]
            attrs = dict(project.attrs)
            # an amount after a list of projects is theirs together, not the last one's
            shared = _in_list(text, project.start, project.end) or index in predicates
            for kind, money in [] if shared else self._later_amounts(text, project.end, later):
                share = "annual" if self._annual.search(kind) else "total"
                if attrs[share] is None:
                    attrs[share] = money
            given.append(Mention(project.label, project.start, project.end, project.text, attrs))
        return given

    def _later_amounts(self, text: str, start: int, before: int) -> list[tuple[str, Mention]]:
        end = _SENTENCE_END.search(text, start)
        end = end.end() if end else len(text)
        if end < before and (opening := self._back_reference.match(text, end)) and opening.end() <= before:
            following = _SENTENCE_END.search(text, end)
            end = following.end() if following else len(text)
        found = []
        for investment in self._later_investment.finditer(text, start, min(end, before)):
            output = text[: investment.start()].endswith(self._not_investment)
            if not output and (money := self.amounts.amount(investment["amount"])):
                found.append((investment["kind"], money))
        return found

    def _enumerated(self, text: str) -> list[tuple[int, int]]:
        """Pass 4b: (start, end) of each item of a list the text enumerates as projects, whatever its head: the
        numbered items after a colon that announces projects ("3个政府投资项目:1.A;2.B;3.C。"), and the lines under
        a heading of a list of them ("开工项目名单" then a name to a line)."""
        items = []
        for colon in _PROJECTS_ANNOUNCED.finditer(text):
            if not _ITEM_NUMBER.match(text, colon.end()):
                continue
            list_end = min(i for i in (text.find("。", colon.end()), text.find("\n", colon.end()), len(text)) if i >= 0)
            numbers = list(_ITEM_NUMBER.finditer(text, colon.end(), list_end))
            for number, following in zip(numbers, numbers[1:] + [None]):
                items.append(self._item(text, number.end(), following.start() if following else list_end))
        for heading in self._list_heading.finditer(text):
            position = heading.end() + 1
            while (line_end := text.find("\n", position)) >= 0:
                line = text[position:line_end].strip()
                if line and (len(line) > _LONGEST_ITEM or _SENTENCE_MARKS.search(line)):
                    break  # the list ends where the report goes on
                if line:
                    start = position + text[position:line_end].index(line)
                    number = _ITEM_NUMBER.match(text, start)
                    items.append(self._item(text, number.end() if number else start, start + len(line)))
                position = line_end + 1
        return [item for item in items if item]

    @staticmethod
    def _item(text: str, start: int, end: int) -> tuple[int, int] | None:
        """The name an enumerated item holds, without the marks around it; None for no name."""
        while end > start and text[end - 1] in _ITEM_END:
            end -= 1
        while start < end and text[start] in _ITEM_END:
            start += 1
        name = text[start:end]
        return (start, end) if 4 <= len(name) <= _LONGEST_ITEM and re.search(f"[{HAN}]", name) else None

    def _listed_before_label(self, text: str) -> list[tuple[int, int, Mention | None, str]]:
        """Pass 5: the names of a list of projects, each as (start, end, amount, kind of investment): those
        before a label ("投资20亿元的A、投资10亿元的B等项目") back to the clause's start, and those after a
        colon that announces projects ("8个重点项目分别是：A、B、C。")."""
        items = []
        for label in self._list_label.finditer(text):
            if label["kind"] and not self._all_generic(label["kind"]):
                continue  # 等重点旅游项目 labels a list; 等待项目审批 does not
            list_start = max(
                (m.end() for m in _LIST_START.finditer(text, max(0, label.start() - 300), label.start())),
                default=max(0, label.start() - 300),
            )
            items += self._list_items(text, list_start, label.start())
        for colon in _PROJECTS_ANNOUNCED.finditer(text):
            list_end = min(
                (m.start() for m in _LIST_END.finditer(text, colon.end(), colon.end() + 600)),
                default=min(len(text), colon.end() + 600),
            )
            items += [
                item
                for item in self._list_items(text, colon.end(), list_end, announced=True)
                if text[item[0] : item[1]].endswith(_LISTED_HEADS)
            ]
        return items

    def _list_spans(self, text: str, list_start: int, list_end: int) -> list[tuple[int, int]]:
        """(start, end) of each item of a 、 list; 和 or 及 after a name (one that ends in a head) joins two
        items too: 某监测基地及投资1.6亿元的某度假村."""
        spans = []
        offset = list_start
        for item in text[list_start:list_end].split("、"):
            start, end = offset, offset + len(item)
            offset = end + 1
            for joiner in _JOINED_ITEMS.finditer(text, start, end):
                if self._head_before.search(text, start, joiner.start()):
                    spans.append((start, joiner.start()))
                    start = joiner.end()
            spans.append((start, end))
        return spans

    def _list_items(
        self, text: str, list_start: int, list_end: int, announced: bool = False
    ) -> list[tuple[int, int, Mention | None, str]]:
        """The items of a 、 list in text[list_start:list_end]; the verb or introducer before the first, and the
        amount opening any ("投资20亿元的"), are no part of a name; an item with a verb before its head is no name,
        unless a colon announced the list as projects (华联商厦升级改造建设项目)."""
        items = []
        for index, (start, end) in enumerate(self._list_spans(text, list_start, list_end)):
            amount, kind = None, ""
            opening = (
                self._amount_opening.search(text, start, end)
                if index == 0
                else self._amount_opening.match(text, start, end)
            )
            if opening:
                amount, kind, start = self.amounts.amount(opening["amount"]), opening["kind"] or "", opening.end()
            elif index == 0:
                start = max([m.end() for m in self._stop_words.finditer(text, start, end)] + [start])
            head = self._heads.search(text, start, end)
            verbs_end = head.start() if head and head.end() == end else end
            if end - start >= _SHORTEST_LISTED and (announced or not self._stop_words.search(text, start, verbs_end)):
                items.append((start, end, amount, kind))
        return items

    def _project(self, start: int, end: int, name: str, amount: Mention | None, kind: str) -> Mention:
        annual = amount if amount and self._annual.search(kind) else None
        total = amount if amount and not annual else None
        return Mention("PROJECT", start, end, name, {"name": name, "total": total, "annual": annual})


def _in_list(text: str, start: int, end: int) -> bool:
    """True for a name joined to others: 、 and 和 及 beside it, or 等 after it."""
    return text[start - 1 : start] in tuple(_LIST_JOINERS) or text[end : end + 1] in (*_LIST_JOINERS, _LIST_MARK)


def _is_predicate(text: str, subject: Mention, project: Mention) -> bool:
    """True when `project` stands in what its clause says of `subject`: X是Y的……, X为Y的…… ."""
    between = text[subject.end : project.start]
    return not any(c in _CLAUSE_BREAKS for c in between) and any(verb in between for verb in _PREDICATE_VERBS)


def _named_project(text: str, start: int, end: int) -> bool:
    """True for a name in 项目 that project news gives as one: in a list of projects (、 beside it, after a
    colon, before 等), or held up as the one for a group (以X为代表的)."""
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return before in ("、", "：", ":") or after in ("、", "等") or text.startswith("为代表", end)


def _outermost(mentions) -> list[Mention]:
    """Pass 6: the mentions by start, less each one inside a longer one (a shorter name is part of it)."""
    spans = sorted(mentions, key=lambda m: (m.start, -m.end))
    return [m for m in spans if not any(o is not m and o.start <= m.start and m.end <= o.end for o in spans)]
