"""Named meetings and conferences: "市委十二届二次全会暨市委经济工作会议", "党的二十大"."""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention
from kg.nlp.money import Numerals
from kg.nlp.names import CLAUSE_BREAKS

# 大会主席团 is the session's presidium; 市十六届人大五次会议主席团 names the session all the same
_PRESIDIUM = "主席团"
# a meeting named by its body alone ("市委全会", "政协会议") is a reference, not a name
_GENERIC_WORDS = ("全会", "会议", "大会")
# a level written before 两会 or 党代会 is a name of its own: 省两会, 市党代会
_LEVELS = ("省", "市", "区", "县", "全国")
# a body: the congress of a place and a term, whose sittings are meetings
_CONGRESS = "人民代表大会"
# two meetings held as one: X全会暨Y会议
_JOINED = "暨"
# stops of an organisation's name that a meeting's name may hold: 任 of 第15次主任会议
_KEPT_IN_MEETING_NAMES = ("任",)
# how far back a quoted title before a meeting word may open
_LONGEST_QUOTED_TITLE = 40


class MeetingFinder:
    """MEETING mentions; attrs `name` is the name as printed, trimmed of verbs and particles before it.

    >>> [m.attrs["name"] for m in MeetingFinder(Lexicon())("出席市委十二届二次全会暨市委经济工作会议。")]
    ['市委十二届二次全会暨市委经济工作会议']
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        number = f"[{Numerals(lexicon).characters}\\d]+"
        self._party_congress = re.compile(f"党的{number}大")
        # a congress or CPPCC named as a body, whose session's name goes on after it: 宜昌市第九届人民代表大会
        # 第三次会议, 中国人民政治协商会议第十届伊川县委员会第二次会议; or whose committee of a place follows:
        # 中国人民政治协商会议河北省石家庄市委员会
        self._session_goes_on = re.compile(
            rf"第?{number}届[^，。、；;：:\s]{{0,8}}?(?:委员会)?第?{number}次|第{number}次|常务委员会|常委会"
            r"|[^，。、；;：:\s第次]{2,12}?委员会"
        )
        # a sitting of a session named by its number alone (第三次大会, 第四次全体会议) is a part, not a meeting
        self._sitting_only = re.compile(rf"^第{number}次(?:全体)?(?:会议|大会)$")
        sittings = lexicon.table("standing_sittings")
        bodies, verbs = (alternation(sittings.where("kind", kind).column("word")) for kind in ("body", "verb"))
        # ... unless a standing body holds it: 市人大常委会举行第十三次会议
        self._standing_sitting = re.compile(f"(?:{bodies})(?:{verbs})$")
        # a word that ends a meeting name, unless what follows makes it a room or a paper
        self._word = re.compile(
            rf"(?:{alternation(lexicon.words('meeting_words'))})"
            rf"(?!{alternation(lexicon.words('not_meeting_after'))})"
        )
        self._determiners = lexicon.words("meeting_determiners")
        stops = [w for w in lexicon.words("org_stops") if w not in _KEPT_IN_MEETING_NAMES]
        # a day or a count before the name is no part of it: 2025年10月24日莆田市……会议, 3名……代表
        self._stops = re.compile(
            alternation(stops + list(lexicon.words("meeting_stops"))) + rf"|{number}日|{number}[名位人]"
        )

    def __call__(self, text: str) -> list[Mention]:
        found = [
            Mention("MEETING", m.start(), m.end(), m.group(), {"name": m.group()})
            for m in self._party_congress.finditer(text)
        ]
        lexicon = self.lexicon
        words = list(self._word.finditer(text))
        joined = {i + 1 for i, w in enumerate(words[:-1]) if text.startswith(_JOINED, w.end())}
        for i, word in enumerate(words):
            if (
                i in joined
                or self._session_goes_on.match(text, word.end())
                or (word.group() == "大会" and text.startswith(_PRESIDIUM, word.end()))
            ):
                continue  # the second half of "X全会暨Y会议", named with the first; a body whose session follows
            end = word.end()
            while i + 1 < len(words) and text.startswith(_JOINED, end):
                i += 1
                end = words[i].end()
            start = _name_start(text, word.start())
            prefix = self._trim_prefix(text[start : word.start()])
            name = prefix + text[word.start() : end]
            name_start = end - len(name)
            short = len(prefix) < 2 and prefix not in _LEVELS
            generic = word.group() in _GENERIC_WORDS and lexicon.is_organisation(prefix)
            cut = name_start > 0 and text[name_start - 1] in ")）"
            sitting = (
                self._sitting_only.match(name)
                and not self._standing_sitting.search(text, max(0, name_start - 8), name_start)
            ) or _PRESIDIUM in name
            # 市第十六届人民代表大会 is the congress of a term; its sittings are 第N次会议
            congress = name.endswith(_CONGRESS)
            if (
                short
                or generic
                or cut
                or sitting
                or congress
                or prefix.startswith(self._determiners)
                or any(m.start <= name_start < m.end for m in found)
            ):
                continue
            found.append(Mention("MEETING", name_start, end, name, {"name": name}))
        return self._without_city_echoes(sorted(found, key=lambda m: m.start))

    def _trim_prefix(self, prefix: str) -> str:
        """The clause before a meeting word less the verbs and particles before the name; unlike a body's name,
        a session's name keeps what stands before its place (政协河北省十三届二次会议); a quoted title is
        kept whole."""
        quoted = prefix.find("“")
        cut = max((m.end() for m in self._stops.finditer(prefix, 0, quoted if quoted >= 0 else len(prefix))), default=0)
        return prefix[cut:]

    def _without_city_echoes(self, found: list[Mention]) -> list[Mention]:
        """Drop "郑州市委X全会" where the article also names it "市委X全会": one meeting, the shorter name."""
        by_alias = self.lexicon.division_by_alias
        names = {m.attrs["name"] for m in found}

        def echoes(name: str) -> bool:
            for other in names:
                place = name[: -len(other)] if name.endswith(other) and name != other else ""
                # 郑州 + 市委全会 and 郑州市 + 委全会 alike
                if place and (place in by_alias or place + other[0] in by_alias):
                    return True
            return False

        return [m for m in found if not echoes(m.attrs["name"])]


def _name_start(text: str, word_start: int) -> int:
    """Where the clause before a meeting word begins; a quoted title is part of the name and opens it
    (“高质量发展”系列主题新闻发布会)."""
    start = word_start
    while True:
        while start > 0 and text[start - 1] not in CLAUSE_BREAKS and text[start - 1] != "、":
            start -= 1
        if start == 0 or text[start - 1] != "”":
            return start
        opening = text.rfind("“", max(0, start - _LONGEST_QUOTED_TITLE), start - 1)
        if opening < 0 or any(c in "。\n”" for c in text[opening + 1 : start - 1]):
            return start
        start = opening
