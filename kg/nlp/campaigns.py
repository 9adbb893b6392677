"""Named campaigns, strategies and drives: "“万人助万企”活动", "深入实施乡村振兴战略".

Four shapes, as GUIDELINES.md defines a campaign:
- quoted names before a kind word, one or several: "“万人助万企”“三个一批”活动", "“四挂钩”机制", or
  joined to an unquoted name with the kind they share: "“一带一路”和粤港澳大湾区发展战略";
- quoted names before 等 and a kind: "“创新驱动、科教兴省、人才强省”等重大战略";
- unquoted names that end in a kind word, after a verb that launches them or at a clause start:
  "深入实施乡村振兴战略", "。创新主体培育专项。";
- lists before 等 and a kind: "黄河流域生态保护和高质量发展、中部地区高质量发展等国家重大战略".
A quoted name found as a campaign is the same campaign wherever else it stands quoted ("“三标”意识").
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention
from kg.patterns import HAN

_OPEN_QUOTES, _CLOSE_QUOTES = '“‘"『「', '”’"』」'
_QUOTED = rf"[{_OPEN_QUOTES}][^{_CLOSE_QUOTES}{_OPEN_QUOTES}\n]{{1,30}}[{_CLOSE_QUOTES}]"
_QUOTED_RE = re.compile(_QUOTED)
_CLAUSE_START = r"(?:^|(?<=[。；;：:！!？?\n—]))"
_MODIFIERS = r"[\u4e00-\u9fff]{0,6}?"
_LONGEST_NAME_IN_A_RUN = 12
_LIST_ITEMS = re.compile("[^、]+")
_WORKS = "工程"
_YEAR = re.compile(r"(?:19|20)\d\d")
# what must stand after a verb inside a name for the name to start there: two characters and a kind word
_SHORTEST_AFTER_VERB = 4


class CampaignFinder:
    """CAMPAIGN mentions whose attrs `name` is the name without quotes (and, for a quoted name, without the
    kind word after it) and `kind` the kind word.

    >>> find = CampaignFinder(Lexicon())
    >>> [(m.attrs["name"], m.attrs["kind"]) for m in find("深入开展“万人助万企”“三个一批”活动")]
    [('万人助万企', '活动'), ('三个一批', '活动')]
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        words = lexicon.words
        kinds = alternation(lexicon.campaign_unquoted_kinds)
        any_kind = alternation(lexicon.campaign_kinds)
        quoted_kinds = alternation(lexicon.campaign_kinds + words("campaign_quoted_kinds"))
        self.triggers = re.compile(alternation(words("campaign_triggers")))
        triggers = self.triggers.pattern
        # a kind word ends a name unless what follows makes it part of another word (战略性, 活动室)
        name_end = (
            rf"(?:(?={alternation(words('campaign_after_kind'))})|(?!{alternation(words('campaign_not_after'))}))"
        )
        links = alternation(words("campaign_links"))
        item = rf"[{HAN}]{{3,16}}"
        self._not_starts = words("generic_heads") + words("campaign_not_starts")
        self._not_inside = re.compile(alternation(words("campaign_not_inside") + tuple(lexicon.titles)))
        self._works_words = words("works_words")
        #: the patterns of the shapes, by name
        self.patterns = {
            "quoted": re.compile(
                rf"(?P<names>{_QUOTED}(?:[、和]?{_QUOTED})*)的?(?:{links}){{0,3}}(?P<kind>{quoted_kinds}){name_end}"
            ),
            # a quoted name that ends in its kind: 培养“码农计划”, 以“能力作风建设年”为主线
            "quoted_named": re.compile(
                rf"[{_OPEN_QUOTES}](?P<name>[^{_CLOSE_QUOTES}{_OPEN_QUOTES}\n]{{1,28}}?"
                rf"(?P<kind>{any_kind}))[{_CLOSE_QUOTES}]"
            ),
            # a quoted name and a name that ends in the kind they share: “一带一路”和粤港澳大湾区发展战略
            "quoted_and_named": re.compile(
                rf"(?P<names>{_QUOTED})[和及、](?P<name>[{HAN}]{{2,16}}?(?P<kind>{kinds})){name_end}"
            ),
            "quoted_list": re.compile(rf"(?P<names>{_QUOTED}(?:[、和]?{_QUOTED})*)等{_MODIFIERS}(?P<kind>{kinds})"),
            "unquoted": re.compile(
                rf"(?:{triggers})[{_OPEN_QUOTES}]?(?P<name>[{HAN}、]{{2,24}}?(?P<kind>{kinds})){name_end}"
            ),
            # a heading or list item that is a name alone: "。创新主体培育专项。"
            "alone": re.compile(rf"{_CLAUSE_START}(?P<name>[{HAN}、]{{2,24}}?(?P<kind>{kinds}))(?=[。；;：:，,\n])"),
            "list": re.compile(
                rf"(?:{triggers}|{_CLAUSE_START})(?P<names>{item}(?:、{item})+)等{_MODIFIERS}(?P<kind>{kinds}){name_end}"
            ),
            # a name raised to a kind: "淮河生态经济带已经上升为国家战略"
            "raised": re.compile(
                rf"{_CLAUSE_START}(?P<name>[{HAN}]{{2,16}}?)(?:已经|已|正式)?"
                rf"(?:{alternation(words('campaign_raisings'))})(?:国家|省级|全省|全国)?(?:重大|重要)?"
                rf"(?P<kind>{kinds})"
            ),
        }

    def __call__(self, text: str) -> list[Mention]:
        patterns = self.patterns
        found: dict[int, Mention] = {}

        def add(start: int, name: str, kind: str, quoted: bool = False) -> None:
            stem = name.removesuffix(kind) if name != kind else ""
            if start not in found and self._is_name(stem, quoted) and not (kind == _WORKS and self._is_works(stem)):
                found[start] = Mention("CAMPAIGN", start, start + len(name), name, {"name": name, "kind": kind})

        for shape in ("quoted", "quoted_list"):
            for match in patterns[shape].finditer(text):
                names = _quoted_names(match["names"], match.start("names"))
                for start, name in names:
                    # in a run of quotations a long one spells out the name beside it: “工作有标杆、……”“三标”活动
                    if len(names) == 1 or len(name.replace("、", "")) <= _LONGEST_NAME_IN_A_RUN:
                        add(start, name, match["kind"], quoted=True)
        for match in patterns["quoted_and_named"].finditer(text):
            for start, name in _quoted_names(match["names"], match.start("names")):
                add(start, name, match["kind"], quoted=True)
            add(match.start("name"), match["name"], match["kind"])
        for match in patterns["quoted_named"].finditer(text):
            add(match.start("name"), match["name"], match["kind"], quoted=True)
        raised = set()
        for match in patterns["raised"].finditer(text):
            add(match.start("name"), match["name"], match["kind"], quoted=True)
            raised.add(match.start("name"))
        for shape in ("unquoted", "alone"):
            for match in patterns[shape].finditer(text):
                if match.start("name") in raised:
                    continue
                name = self.without_trigger(match["name"])
                if text.startswith("、", match.end("name")):
                    name = name.rsplit("、", 1)[-1]  # the last of a list of drives: 教师层级攀升、黄河人才计划、……
                add(match.end("name") - len(name), name, match["kind"])
        for match in patterns["list"].finditer(text):
            names = self.without_trigger(match["names"])
            start = match.end("names") - len(names)
            for piece in _LIST_ITEMS.finditer(names):
                add(start + piece.start(), piece.group(), match["kind"])
        _same_quoted_names_elsewhere(text, found)
        return sorted(found.values(), key=lambda m: m.start)

    def _is_name(self, stem: str, quoted: bool) -> bool:
        """A name worth a campaign: two characters or more; unquoted, not a generic or purpose phrase."""
        if len(stem) < 2 or (stem.isdigit() and not (quoted and len(stem) >= 3 and not _YEAR.fullmatch(stem))):
            return False  # a number is a name only quoted, of three digits or more and no year: “15513”工程
        return quoted or not (stem.startswith(self._not_starts) or self._not_inside.search(stem))

    def _is_works(self, stem: str) -> bool:
        """A 工程 of roads, pipes or tunnels is a project, not a drive: 城市生命线工程, 外环路地下空间工程."""
        return any(word in stem for word in self._works_words)

    def without_trigger(self, name: str) -> str:
        """The name after the last launching verb in it that leaves a name after it: 中原科技城是我省实施创新驱动
        ……战略 → 创新驱动……战略; 推进 in 高质量项目推进年活动 leaves none."""
        cuts = [m.end() for m in self.triggers.finditer(name) if len(name) - m.end() > _SHORTEST_AFTER_VERB]
        return name[max(cuts, default=0) :]


def _quoted_names(run: str, offset: int) -> list[tuple[int, str]]:
    return [(offset + m.start() + 1, m.group()[1:-1].strip()) for m in _QUOTED_RE.finditer(run)]


def _same_quoted_names_elsewhere(text: str, found: dict[int, Mention]) -> None:
    """A name that is a campaign once is that campaign in its quotations elsewhere: “三标”意识,
    “创新驱动、科教兴省、人才强省” beside 创新驱动科教兴省人才强省战略."""
    kinds = {}
    for mention in found.values():
        name, kind = mention.attrs["name"], mention.attrs["kind"]
        kinds[name] = kinds[name.removesuffix(kind).replace("、", "")] = kind
    for match in _QUOTED_RE.finditer(text):
        name = match.group()[1:-1].strip()
        kind = kinds.get(name) or kinds.get(name.replace("、", ""))
        if kind and match.start() + 1 not in found:
            found[match.start() + 1] = Mention(
                "CAMPAIGN", match.start() + 1, match.end() - 1, name, {"name": name, "kind": kind}
            )
