"""Titles with the people who hold them: "郑州市科技局党组书记、局长夏扬", "程志明市长",
"刘电力是金水区应急管理局监察大队中队长", "市政协副主席甲、乙、丙", "任命甲为市财政局局长", "免去甲、乙的副市长职务".

A title of the lexicon is found in the raw text; the chain of bodies and titles before it is read back to
its clause's start; its holder is the name after it, or the names its clause states it of before it.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention
from kg.nlp.money import Numerals
from kg.nlp.names import CLAUSE_BREAKS, LONGEST_LINK, Names, biography_opening
from kg.nlp.orgnames import OrgNames
from kg.patterns import CAPTION_SPACES, HAN, NAME_NOTE

_CHAIN_JOINERS = re.compile("[、兼]")
# a note in brackets that ends where a name of a list of people would: 李素芳(女), 王刚（回族）
_NAME_NOTE = re.compile(f"{NAME_NOTE}$")
_LONGEST_NAME_NOTE = 10
# a heading that ends on a title and a name (——访那坡县委副书记、县长农布达)
_LINE_FINAL_NAME = re.compile(rf"[{HAN}]{{2,3}}(?=[ \t\u3000]*\n)")
# jieba's tags that say nothing against such a name: proper nouns, and 马里's q
_NAME_LIKE_TAGS = ("nr", "ns", "nz", "q")
# a caption that spaces the name from its title and ends the line with it: 包头市人民政府市长 孙炜东
_SPACED_LINE_NAME = re.compile(rf"[{CAPTION_SPACES}]{{1,3}}(?P<name>[{HAN}]{{2,3}})(?=[{CAPTION_SPACES}]*(?:\n|$))")
_LONGEST_AND_OTHERS = 10
# a division this long shares its level with the title of its head (花莲县长); 全市长 is no 市长
_SHORTEST_SHARED_DIVISION = 3
# a semicolon ends a clause of a list (甲的……职务；乙的……职务) but not the sentence that lists them
_FULL_STOPS = ("。", "\n", "！", "？")
_SENTENCE_ENDS = _FULL_STOPS + ("；",)
_CLAUSE_LIST_BREAKS = "；;"
# after a comma, the verb of the sentence's first clause goes on only for these links: 任命甲为……，乙为……
_COMMAS = "，,"
_GOES_ON_AFTER_COMMA = ("为", "的")
_POST_WORD = "职务"
# what may follow a post a removal or resignation ends: ……局长职务, ……局长的职务
_POST_ENDS = (_POST_WORD, "的" + _POST_WORD)
# 的 links names to their post only after a verb of removal: 免去甲的……职务
_NEEDS_INTRODUCER = ("的",)
# 拟任某市委书记的甲: after a verb of holding, 的 puts the holder after the post; the links that are no such verb
_OF = "的"
_NOT_HOLDING = ("的", "是", "为", "系")
# 原主任: a former holder is named by the post all the same
_FORMER = "原"


class TitleChainFinder:
    """POST_CHAIN mentions, one per person; attrs `segments` is a list of (organisation text, title) in text
    order, `name` the person and `name_start`/`name_end` where the name stands, and for a name written
    before its post, `verbs`: the verb before the names (决定任命, 免去, or "") and the one between them and
    the post (为, 当选为, 的, 辞去).

    >>> from kg.nlp.segmenter import Dictionary
    >>> lexicon = Lexicon()
    >>> find = TitleChainFinder(lexicon, Names(lexicon, Dictionary(lexicon)))
    >>> text = "市委常委、政法委书记李明德主持"
    >>> [(m.attrs["name"], m.attrs["segments"]) for m in find(text, {0, 2, 4, 5, 8, 10, 13, 15})]
    [('李明德', [('市委', '常委'), ('政法委', '书记')])]
    """

    def __init__(self, lexicon: Lexicon, names: Names, org_names: OrgNames | None = None):
        self.lexicon = lexicon
        self.names = names
        self.org_names = org_names or OrgNames(lexicon)
        self._title = re.compile(alternation(lexicon.titles))
        cues = lexicon.cue_words
        # a verb between names and the post they are given, ending where the post starts: 当选为, 分别提出辞去
        self._link_before = re.compile(f"(?:分别)?(?:提出)?(?P<verb>{alternation(cues('copula'))})$")
        # a verb of appointment or removal and a pronoun for the person just named, before a post: 免去其
        self._pronoun_before = re.compile(
            f"(?P<verb>{alternation(cues('introducer'))})(?P<pronoun>{alternation(cues('pronoun'))})$"
        )
        # a sentence or paragraph that opens a person's biography: 甲，男，……
        self._biography_start = biography_opening(lexicon)
        self._honorifics = cues("honorific")
        self._acting = cues("acting")
        # a line that is only a verb of appointment or removal and a colon, heading the list below it
        self._list_heading = re.compile(
            f"^(?:{alternation(cues('introducer'))})(?=[ \\t\u3000]*[:：][ \\t\u3000]*$)", re.MULTILINE
        )
        # a clause whose subject is the person the sentence named last: ……，不再担任……职务
        self._continuing_before = re.compile(f"(?P<verb>{alternation(cues('continuing'))})$")
        # 甲等42位同志当选为……委员: the one named holds the post, the others counted are not named
        self._and_others = re.compile(rf"等[\d{Numerals(lexicon).characters}]+[位名人](?:同志)?$")

    def __call__(self, text: str, boundaries: set[int]) -> list[Mention]:
        """text: the article text; boundaries: token boundaries."""
        found = []
        lexicon = self.lexicon
        # the headings of appointment lists (任命：), read once for every post below them
        headings = list(self._list_heading.finditer(text))
        for match in self._title.finditer(text):
            segments = self._segments(text[_clause_start(text, match.start()) : match.end()])
            before = segments[-1][0] if segments else ""
            # segments are joined by one character each (、 or 兼)
            chain_start = match.end() - sum(len(org) + len(title) for org, title in segments) - (len(segments) - 1)
            if match.start() not in boundaries and before and not lexicon.is_organisation(before):
                shared = before + match.group()[0]
                kind = lexicon.org_kind(shared)
                if kind is None or (kind == "division" and len(shared) < _SHORTEST_SHARED_DIVISION):
                    continue  # the title's characters belong to other words: 全市|长周期 (but 花莲县|长: 花莲县长)
                # a body and its head's title sharing a character, as news shortens them: 宣传部长, 公安局长
                segments[-1] = (shared, match.group())
            attrs = {"segments": segments}
            # after a title sharing its body's character jieba may glue the title's last one to the name after
            # it (花莲县|长傅|崐|萁): the name needs no token starting with it
            names = self._names_after(text, match.end(), boundaries, glued=bool(segments) and segments[-1][0] != before)
            if names and not before and (caption := self._caption_body(text, match.start(), names[0][0])):
                chain_start, attrs["segments"] = caption[0], [(caption[1], match.group())]
            if not names and (held := self._held_before_of(text, chain_start, match.end(), boundaries)):
                names, attrs["verbs"] = held
            if not names and (subjects := self._subjects_before(text, chain_start, match.end(), boundaries, headings)):
                names, attrs["verbs"] = subjects
            if not names and (subject := self._subject_named_before(text, chain_start, found)):
                names, attrs["verbs"] = subject
            # a title after its holder ends where a word does (程志明|市长; not 尹君在|主席台)
            if (
                not names
                and match.end() in boundaries
                and (name_start := self.names.read_before(text, match.start(), boundaries)) is not None
            ):
                names, attrs["segments"] = [(name_start, match.start())], [("", match.group())]
            for name_start, name_end in names:
                span_start, span_end = min(chain_start, name_start), max(name_end, match.end())
                found.append(
                    Mention(
                        "POST_CHAIN",
                        span_start,
                        span_end,
                        text[span_start:span_end],
                        {**attrs, "name": text[name_start:name_end], "name_start": name_start, "name_end": name_end},
                    )
                )
        return found

    def _caption_body(self, text: str, title_start: int, name_start: int) -> tuple[int, str] | None:
        """Where the body starts and its name, in a caption that spaces body, title and name on one line
        (河南省自然资源厅 总工程师 冯进城); None elsewhere."""
        space = title_start - 1
        if space < 1 or text[space] not in CAPTION_SPACES or text[name_start - 1] not in CAPTION_SPACES:
            return None
        start = _clause_start(text, space)
        body = self.org_names.trim_left(text[start:space])
        return (space - len(body), body) if body and self.lexicon.is_organisation(body) else None

    def _held_before_of(
        self, text: str, chain_start: int, chain_end: int, boundaries: set[int]
    ) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
        """The holder a verb of holding and 的 put after a post: "拟任某市委书记的甲", "现任某县县长的乙".
        Returns the names and the verb, as _subjects_before does."""
        if not text.startswith(_OF, chain_end):
            return None
        link = self._link_before.search(text, max(0, chain_start - LONGEST_LINK), chain_start)
        if link is None or link.group("verb") in _NOT_HOLDING:
            return None
        names = self._names_after(text, chain_end + len(_OF), boundaries)
        return (names, ("", link.group("verb"))) if names else None

    def _names_after(self, text: str, start: int, boundaries: set[int], glued: bool = False) -> list[tuple[int, int]]:
        """The names right after a title, starting where a token starts (全市长周期内 has none): one, or a list
        joined by 、 that shares the title (副主任甲、乙、丙), or a caption's name spaced from it at the line's end."""
        if (spaced := _SPACED_LINE_NAME.match(text, start)) and self.names.is_name(spaced["name"]):
            return [spaced.span("name")]
        if start not in boundaries and not glued:
            return []
        if heading_name := _LINE_FINAL_NAME.match(text, start):
            # a heading that ends on a title and a name: the place says it is a name, whatever its surname
            name = heading_name.group()
            tag = self.names.dictionary.tag(name)
            # a proper noun or a measure word of jieba's is no bar (专访某市市长马里: 马里 ns, q)
            if (tag is None or tag.startswith(_NAME_LIKE_TAGS)) and not any(
                self.names.ends_before(text, p, boundaries) for p in range(start + 1, heading_name.end())
            ):
                return [heading_name.span()]
        names = []
        while (end := self.names.read_after(text, start, boundaries)) is not None:
            names.append((start, end))
            if end >= len(text) or text[end] != "、" or end + 1 not in boundaries:
                break
            start = end + 1
        return names

    def _subjects_before(
        self, text: str, chain_start: int, chain_end: int, boundaries: set[int], headings: list[re.Match]
    ) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
        """The people a post is stated of when their names come first: "甲是……中队长", "甲、乙当选为……副主任",
        "任命甲为……局长", "免去甲、乙的……职务", "甲提出辞去……职务". The post must close its clause (or
        stand before 职务); 的 needs a verb of removal before the names. Returns the names, and the verb
        before them ("" when none) with the one after them; `headings`: the text's list headings (任命：), which
        give the verb of the names listed under them."""
        if (
            chain_end < len(text)
            and text[chain_end] not in CLAUSE_BREAKS
            and not text.startswith(_POST_ENDS, chain_end)
        ):
            return None
        link = self._link_before.search(text, max(0, chain_start - LONGEST_LINK), chain_start)
        if link is None:
            return self._removed_before(text, chain_start, chain_end, boundaries)
        # 甲同志任……局长, 乙(女)为……: a form of address or a note stands between the name and the verb
        end = _without_note(text, self._without_honorific(text, link.start()))
        if others := self._and_others.search(text, max(0, end - _LONGEST_AND_OTHERS), end):
            end = others.start()
        names = self._names_listed_before(text, end, boundaries)
        if not names:
            return None
        first = names[0][0]
        introduced = self.names.introducer_before.search(text, max(0, first - LONGEST_LINK), first)
        verb = link.group("verb")
        if (
            not introduced
            and first > 0
            and (
                text[first - 1] in _CLAUSE_LIST_BREAKS or (text[first - 1] in _COMMAS and verb in _GOES_ON_AFTER_COMMA)
            )
        ):
            # 分别免去甲的……职务；乙的……职务, 选举甲为书记，乙、丙为副书记: the verb of the clause before goes on
            introduced = self._last_introducer(text, _start_after(text, first, _FULL_STOPS), first)
        if not introduced and (first == 0 or text[first - 1] == "\n"):
            # a list under a heading of its verb: "任命：\n甲为……。\n乙为……。", "免去：\n丙的……职务。"
            introduced = next((heading for heading in reversed(headings) if heading.start() < first), None)
        if verb in _NEEDS_INTRODUCER and not introduced:
            return None
        if not (first == 0 or text[first - 1] in CLAUSE_BREAKS or introduced):
            return None
        return names, (introduced.group() if introduced else "", verb)

    def _without_honorific(self, text: str, end: int) -> int:
        """Where the name ends that a form of address or the title held ending at `end` follows (甲同志, 决定甲副市长
        为某市人民政府代理市长), else `end`."""
        for words in (self._honorifics, self.lexicon.titles_longest_first):
            if word := next((word for word in words if text.endswith(word, 0, end)), None):
                return end - len(word)
        return end

    def _names_listed_before(self, text: str, end: int, boundaries: set[int]) -> list[tuple[int, int]]:
        """The names that end at `end`: one, or a list joined by 、 (甲、乙当选为)."""
        names: list[tuple[int, int]] = []
        while (start := self.names.read_before(text, end, boundaries)) is not None:
            names.insert(0, (start, end))
            if start == 0 or text[start - 1] != "、":
                break
            end = _without_note(text, start - 1)
        return names

    def _removed_before(
        self, text: str, chain_start: int, chain_end: int, boundaries: set[int]
    ) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
        """The people of a removal that names them right before the post it ends: "免去甲市人民政府副市长、
        市公安局局长的职务", "免去乙同志某县人民政府县长职务" (the post stands before 职务)."""
        if not text.startswith(_POST_ENDS, chain_end):
            return None
        names = self._names_listed_before(text, self._without_honorific(text, chain_start), boundaries)
        if not names:
            return None
        first = names[0][0]
        introduced = self.names.introducer_before.search(text, max(0, first - LONGEST_LINK), first)
        if introduced is None:
            return None
        return names, (introduced.group(), "")

    def _last_introducer(self, text: str, start: int, end: int) -> re.Match | None:
        """The last verb of appointment or removal between `start` and `end`."""
        found = list(self.names.introducer.finditer(text, start, end))
        return found[-1] if found else None

    def _subject_named_before(
        self, text: str, chain_start: int, found: list[Mention]
    ) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
        """The person a post is stated of when the clause does not name them: "免去其……职务" (其: the person
        of the sentence's last post), or a 任前公示 "甲，男，……，现任……，拟任……" (the person the sentence's
        biography opens with). Returns the name and the verbs, as _subjects_before does."""
        sentence_start = _start_after(text, chain_start, _SENTENCE_ENDS)
        pronoun = self._pronoun_before.search(text, max(sentence_start, chain_start - LONGEST_LINK), chain_start)
        if pronoun and found and found[-1].start >= sentence_start:
            last = found[-1].attrs
            return [(last["name_start"], last["name_end"])], (pronoun.group("verb"), pronoun.group("pronoun"))
        going_on = self._continuing_before.search(text, max(sentence_start, chain_start - LONGEST_LINK), chain_start)
        if going_on and found and found[-1].start >= sentence_start and text[going_on.start() - 1] in CLAUSE_BREAKS:
            last = found[-1].attrs
            return [(last["name_start"], last["name_end"])], ("", going_on.group("verb"))
        link = self._link_before.search(text, max(sentence_start, chain_start - LONGEST_LINK), chain_start)
        if link is None or link.start() == 0 or text[link.start() - 1] not in CLAUSE_BREAKS:
            return None
        # the biography opens the sentence (任前公示: 甲，男，……，现任……，拟任……) or its paragraph (甲，男，……。现任……)
        paragraph_start = text.rfind("\n", 0, sentence_start) + 1
        biography = self._biography_start.match(text, sentence_start) or self._biography_start.match(
            text, paragraph_start
        )
        if biography is None or self.lexicon.surname_of(biography.group("name")) is None:
            return None
        return [biography.span("name")], ("", link.group("verb"))

    def _split_title(self, segment: str) -> tuple[str, str] | None:
        """A chain segment as (organisation text, title), or None when it does not end in a title."""
        for title in self.lexicon.titles_longest_first:
            if segment.endswith(title):
                org_text = segment[: -len(title)]
                # an acting post is a title of its own: 副市长、代理市长
                acting = next((prefix for prefix in self._acting if org_text.endswith(prefix)), "")
                return org_text[: len(org_text) - len(acting)], acting + title
        return None

    def _ends_in_division(self, text: str) -> bool:
        """True when a division's spelling ends `text` (太原, 中原区 does not end in one)."""
        return any(end == len(text) for _, end, _ in self.lexicon.division_mentions(text))

    def _segments(self, chain_text: str) -> list[tuple[str, str]]:
        """Split "市委常委、政法委书记" into [("市委", "常委"), ("政法委", "书记")], keeping the tail that parses."""
        segments: list[tuple[str, str]] = []
        for piece in reversed(_CHAIN_JOINERS.split(chain_text)):
            parsed = self._split_title(piece)
            if parsed is None:
                break
            org_text, title = parsed
            # 原主任: a former holder is named by the post all the same (but 原 of 太原 is the place's)
            if org_text.endswith(_FORMER) and len(org_text) > 1 and not self._ends_in_division(org_text):
                org_text = org_text[: -len(_FORMER)]
            trimmed = self.org_names.trim_left(org_text)
            segments.insert(0, (trimmed, title))
            if trimmed != org_text:
                break  # what stood before the body is no part of this chain (秘书长甲率领的由……副主任)
        return segments


def _without_note(text: str, end: int) -> int:
    """Where the name ends that a note in brackets ending at `end` follows (李素芳(女), 王刚（回族）), else `end`."""
    note = _NAME_NOTE.search(text, max(0, end - _LONGEST_NAME_NOTE), end)
    return note.start() if note else end


def _clause_start(text: str, position: int) -> int:
    """Where the clause that ends at `position` begins; a bracketed part of a name does not end it."""
    while position > 0:
        before = text[position - 1]
        if before in ")）" and (opening := max(text.rfind("(", 0, position), text.rfind("（", 0, position))) > 0:
            position = opening
        elif before in CLAUSE_BREAKS:
            break
        else:
            position -= 1
    return position


def _start_after(text: str, position: int, ends: tuple[str, ...]) -> int:
    """Where the stretch of text that runs to `position` begins: after the last of `ends` before it."""
    return max(text.rfind(end, 0, position) for end in ends) + 1
