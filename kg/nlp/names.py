"""A person's name where its context says one stands: after a title, before a verb of saying, in a list.

Names are read by rule, not by jieba's `nr` tag: a name starts with a surname from the lexicon, ends at a
token boundary, and is not a dictionary word that jieba knows as something other than a name.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.segmenter import Dictionary
from kg.patterns import HAN

# Characters that end a clause: a title chain never reaches back across them.
CLAUSE_BREAKS = frozenset("，,。；;：:！!？?“”‘’「」『』《》〈〉（）()[]【】\n\t 　·—")
# how far before a name the verb that introduces it may start: 决定任命, 分别提出辞去
LONGEST_LINK = 8
_HAN_ONLY = re.compile(f"[{HAN}]+")
_HAN_CHARACTER = re.compile(f"[{HAN}]")
NAME_DOTS = "·•・"
# the part of a transliterated name after its dot: up to eight characters
_DOTTED_PART = re.compile(f"[{HAN}]{{1,8}}")
# a dictionary word jieba saw this rarely says nothing against a name: its dictionary holds names of the
# news as verbs and proper nouns (强卫 v 3, 江丙坤 nz 3) beside words of every day (强调 v 6318)
RARE_WORD = 10
# conjunctions that are surnames too, and how often jieba must have seen the word after one for it to join
_CONJUNCTIONS = "和与及"
_COMMON_WORD = 100
# surnames this common (surnames.tsv ranks) open a second name, not the second half of one: 王刚李明
_COMMON_SURNAME_RANK = 100
# half of a four-character name may be a word the dictionary saw this rarely, whatever it took it for
_RARE_NAME_PART = 50


def biography_opening(lexicon: Lexicon) -> re.Pattern:
    """A name that opens a person's biography, matched where a sentence or paragraph starts: 甲，男，汉族，……
    (a name, then the person's sex: kg/data/name_cues.tsv's sex cues).

    >>> biography_opening(Lexicon()).match("张某某，男，汉族，1968年生").group("name")
    '张某某'
    """
    sexes = alternation(lexicon.cue_words("sex"))
    return re.compile(f"[ \t\u3000]*(?P<name>[{HAN}]{{2,3}})[，,](?:{sexes})[，,（(]")


def joined_name(lexicon: Lexicon) -> re.Pattern:
    """A name whose parts a middle dot joins, each of the sounds transliteration writes: 约翰·拉贝, 司马义·艾买提."""
    sounds = "".join(sorted(lexicon.transliteration))
    return re.compile(f"[{sounds}]{{1,8}}(?:[{NAME_DOTS}][{sounds}]{{1,8}})+" if sounds else "(?!)")


class Names:
    """The rules of a name read beside a cue, from a lexicon (surnames, name stops and cues, titles,
    divisions) and jieba's dictionary.

    >>> names = Names(Lexicon(), Dictionary(Lexicon()))
    >>> names.is_name("夏扬"), names.is_name("文件"), names.is_name("郑州")
    (True, False, False)
    """

    def __init__(self, lexicon: Lexicon, dictionary: Dictionary):
        self.lexicon = lexicon
        self.dictionary = dictionary
        self._honorifics = lexicon.cue_words("honorific")
        # words that follow a name straight away: 一行, 等人, 会见
        self._after_name = lexicon.cue_words("after")
        self._joined = joined_name(lexicon)
        #: a verb before the names of an appointment or removal: 任命, 决定免去, 选举
        self.introducer = re.compile(alternation(lexicon.cue_words("introducer")))
        self.introducer_before = re.compile(f"(?:{self.introducer.pattern})$")
        # verbs that link a person to a post and are surnames too: 任
        self._verb_surnames = frozenset(
            c for c in lexicon.cue_words("copula") if len(c) == 1 and lexicon.is_surname_start(c)
        )
        # a body and a title that end the clause's next words: 设区市副市长, 那坡县委书记
        breaks = re.escape("".join(sorted(CLAUSE_BREAKS | {"、"})))
        self._post_follows = re.compile(
            f"[^{breaks}]{{1,14}}?(?:{alternation(lexicon.org_suffixes)})(?:{alternation(lexicon.titles)})"
        )

    def is_name(self, candidate: str) -> bool:
        """True when `candidate` can be a person's name: surname first, Han only, not a known common word."""
        lexicon = self.lexicon
        if not (2 <= len(candidate) <= 4) or not _HAN_ONLY.fullmatch(candidate):
            return False
        if len(candidate) == 4 and candidate[:2] not in lexicon.surname_ranks:
            return False  # a four-character name has a compound surname (欧阳志远); 葛军报(道) is a name and a verb
        if (
            not lexicon.is_surname_start(candidate)
            or candidate.endswith(self._honorifics)
            or candidate[1:] in self._honorifics
        ):
            return False
        if candidate in lexicon.strong_division_spellings or candidate in lexicon.titles:
            return False
        tag = self.dictionary.tag(candidate)
        return tag is None or tag.startswith("nr") or self.dictionary.frequency(candidate) < RARE_WORD

    def read_after(self, text: str, start: int, boundaries: set[int]) -> int | None:
        """The end of a name that starts at `start`, or None; a name a middle dot goes on (艾力更·依明巴海) ends
        after its last part."""
        end = self._read_after(text, start, boundaries)
        while end is not None and end < len(text) and text[end] in NAME_DOTS:
            part = _DOTTED_PART.match(text, end + 1)
            if part is None:
                break
            end = part.end()
        return end

    def _read_after(self, text: str, start: int, boundaries: set[int]) -> int | None:
        """The end of a name that starts at `start`, or None.

        text: the article text; start: where the name would begin.
        boundaries: token boundaries (jieba), used to choose between two and three characters.
        """
        if start >= len(text):
            return None
        if joined := self._joined.match(text, start):
            return joined.end()  # 副委员长甲、艾力更·依明巴海: a transliterated name in a list
        if text[start] in self._verb_surnames and self._post_follows.match(text, start + 1):
            return None  # 由县委书记任设区市副市长: 任 is the verb, not the surname
        if text[start] in _CONJUNCTIONS and self.dictionary.frequency(text[start + 1 : start + 3]) >= _COMMON_WORD:
            return None  # 政协委员和其他列席人员: 和 joins the title to the words after it
        four = start + 4
        ends_clause = four == len(text) or (four < len(text) and (text[four] in CLAUSE_BREAKS or text[four] == "、"))
        if ends_clause and self._four_syllables(text[start:four]):
            return four  # 市人大常委会主任洛桑旦巴，: a Tibetan or Mongolian name of four characters
        fallback = None
        for length in (3, 2, 4):
            end = start + length
            candidate = text[start:end]
            if (
                end > len(text)
                or not self.is_name(candidate)
                or any(self.ends_before(text, p, boundaries) for p in range(start + 2, end))
            ):
                continue
            if (
                end in boundaries
                or end == len(text)
                or not _HAN_CHARACTER.match(text[end])
                or self._glued_stop(text, end, boundaries)
                or text.startswith(self._after_name, end)
            ):
                return end
            fallback = fallback or (end if length == 2 else None)
        return fallback

    def _four_syllables(self, candidate: str) -> bool:
        """True for four characters that read as one name of two parts (洛桑旦巴, 巴音朝鲁): Han only, each half
        a name or a word the dictionary hardly knows, and the third no common surname (王刚李明 is two people)."""
        if not _HAN_ONLY.fullmatch(candidate) or len(candidate) != 4:
            return False
        rank = self.lexicon.surname_ranks.get(candidate[2])
        if rank is not None and rank <= _COMMON_SURNAME_RANK:
            return False
        return all(self._name_like(half) for half in (candidate[:2], candidate[2:]))

    def _name_like(self, word: str) -> bool:
        tag = self.dictionary.tag(word)
        rare = self.dictionary.frequency(word) < _RARE_NAME_PART  # 扎西 ns 17: the dictionary's guess of a name
        return (tag is None or tag.startswith("nr") or rare) and not any(self.stops_alone(c) for c in word)

    def read_before(self, text: str, end: int, boundaries: set[int]) -> int | None:
        """The start of a name that ends at `end` and stands at the start of a clause, in a 、 list, or after
        a verb of appointment (任命, 免去), or None."""
        for length in (3, 2):
            start = end - length
            if start < 0 or not self.is_name(text[start:end]) or start not in boundaries:
                continue
            if self.stops_alone(text[end - 1]) and end - 1 in boundaries:
                break  # 侯红|在|致辞, 李芳|在|主席台: the particle jieba cut off ends no name (朱永和 is one)
            if start == 0 or text[start - 1] in CLAUSE_BREAKS or text[start - 1] == "、":
                return start
            if self.introducer_before.search(text, max(0, start - LONGEST_LINK), start):
                return start
        return None

    def ends_before(self, text: str, position: int, boundaries: set[int]) -> bool:
        """True when the character at `position` cannot be the last of a name that runs into it: a reporting verb
        or particle (王刚说), or the first character of a reporting word that jieba cut there (王刚|强调; not
        吴国|强|表示 or 李|志强|强调). kg/data/name_stops.tsv lists them."""
        character = text[position]
        return self.stops_alone(character) or (
            self.lexicon.name_stops.get(character) == "word"
            and position in boundaries
            and position + 1 not in boundaries
        )

    def stops_alone(self, character: str) -> bool:
        """True for a reporting verb or particle that ends a name wherever it stands (说, 在, 则), even as the last
        character of a word jieba made of the name and it."""
        return self.lexicon.name_stops.get(character) == "alone"

    def _glued_stop(self, text: str, end: int, boundaries: set[int]) -> bool:
        """True when jieba made one word of a name and the reporting verb or particle after it (邓晓明作, 蔡林在),
        or of the name's last character and it, a word its dictionary does not hold (吕明|山到): the name ends
        before that character. 韩磊|总是 is no such word."""
        if not self.ends_before(text, end, boundaries) or end + 1 not in boundaries:
            return False
        return end - 1 not in boundaries or not self.dictionary.frequency(text[end - 1 : end + 1])
