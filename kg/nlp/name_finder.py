"""Person names anywhere in the text, by surname, dictionary and context.

A token shaped like a name (a surname, then one to three characters; kg.nlp.shapes) is a candidate, and:
- a three-character candidate (or one with a compound surname) is a name unless the dictionary knows the
  word as something else;
- a shorter or longer one needs a cue beside it: a title, a speech verb, a form of address, or another
  name in the same 、 list;
- a name glued to a cue by jieba ("邓小平理论") is cut out of its token;
- once a name is found, its other occurrences in the text are names too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.lexicon import alternation
from kg.nlp.mentions import Mention
from kg.nlp.names import CLAUSE_BREAKS, NAME_DOTS, joined_name
from kg.nlp.rolls import RollFinder
from kg.nlp.shapes import NameShapes

# names in a list are joined by these, in news text often with no other word between
_LIST_JOINERS = frozenset("、和与及")
# what may close a list of names besides punctuation: 王刚、李明等
_LIST_END = "等"
_OPENING_QUOTES = frozenset("“‘「『\"'")
_CLOSING_QUOTES = frozenset("”’」』\"'")
_NAME_PARTS = re.compile(f"[{NAME_DOTS}]")


class NameFinder:
    """Every person name a text shows, as PERSON mentions with attrs {"source": "name"}.

    >>> from kg.lexicon import Lexicon
    >>> from kg.nlp.segmenter import Dictionary
    >>> find = NameFinder(NameShapes(Lexicon(), Dictionary(Lexicon())))
    >>> [m.text for m in find("邓小平理论", [(0, "邓小平理论")])]
    ['邓小平']
    """

    def __init__(self, shapes: NameShapes):
        self.shapes = shapes
        self.rolls = RollFinder(shapes)
        lexicon = shapes.lexicon
        self._speech_cues = re.compile(alternation(lexicon.cue_words("speech")))
        self._cues_before = re.compile(
            f"(?:{alternation(list(lexicon.titles) + list(lexicon.cue_words('before', 'leader')))})$"
        )
        self._joined_name = joined_name(lexicon)
        self._place_heads = lexicon.words("place_heads")

    def __call__(self, text: str, tokens: Iterable[tuple[int, str]]) -> list[Mention]:
        """text: the text; tokens: (offset, word) pairs of its segmentation, in order."""
        tokens = list(tokens)
        rolls = self.rolls(text, tokens)
        in_rolls = {offset for start, end in rolls for offset in range(start, end)}
        strong: set[tuple[int, int]] = set(rolls)
        weak: set[tuple[int, int]] = set()
        for start, end, shape in self._candidates(text, tokens):
            if _quoted(text, start, end) or any(offset in in_rolls for offset in range(start, end)):
                continue
            if shape == "strong" or self._has_cue(text, start, end):
                strong.add((start, end))
            else:
                weak.add((start, end))
        # a weak candidate listed beside an accepted name is a name; repeat as lists grow
        while promoted := _promoted(text, weak, strong):
            strong |= promoted
            weak -= promoted
        names = {text[start:end] for start, end in strong}
        strong |= {span for span in weak if text[span[0] : span[1]] in names}
        # a name inside a longer one (约翰 in 约翰·拉贝) is part of it
        kept, reach = [], -1  # spans by start, longest first: one that ends within an earlier one is inside it
        for span in sorted(strong, key=lambda span: (span[0], -span[1])):
            if span[1] > reach:
                kept.append(span)
                reach = span[1]
        return [Mention("PERSON", start, end, text[start:end], {"source": "name"}) for start, end in kept]

    def _has_cue(self, text: str, start: int, end: int) -> bool:
        """True when a title, form of address or other cue stands beside the span; a speaker must open a clause."""
        if self.shapes.cues_after.match(text, end) or self._cues_before.search(text, max(0, start - 6), start):
            return True
        return bool(self._speech_cues.match(text, end)) and (start == 0 or text[start - 1] in CLAUSE_BREAKS)

    def _candidates(self, text: str, tokens: list[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
        """(start, end, shape) of every stretch shaped like a name."""
        shapes = self.shapes
        initials = shapes.initials
        for index, (start, word) in enumerate(tokens):
            if word[0] not in initials:
                continue  # four words in five: no test below could pass
            end = start + len(word)
            glued = shapes.glued_name(word)
            if glued:
                yield start, start + glued, "strong"
            elif shapes.before_particle(word):
                yield start, end - 1, "weak"  # a name glued to a particle, if a cue or a list says it is one
            elif len(word) == 1 and shapes.is_common_surname(word) and shapes.leader_titles.match(text, end):
                yield start, end, "strong"
            elif item := self._surname_and_given_item(text, tokens, index):
                yield start, item, "weak"  # a name of a list, if a name stands beside it
            elif shape := shapes.shape(word):
                # jieba often cuts a three-character name before its last character: 何光|远、
                following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
                if text.startswith(self._place_heads, end):
                    continue  # 喀拉峻草原: a place (kg/data/place_heads.tsv)
                if (
                    len(word) == 2
                    and len(following) == 1
                    and not shapes.names.stops_alone(following)
                    and shapes.shape(word + following) == "strong"
                ):
                    if text.startswith(self._place_heads, end + 1):
                        continue
                    yield start, end + 1, "strong"
                else:
                    yield start, end, shape
        for match in self._joined_name.finditer(text):
            if not any(shapes.is_place_or_body(part) for part in _NAME_PARTS.split(match.group())):
                yield match.start(), match.end(), "strong"

    def _surname_and_given_item(self, text: str, tokens: list[tuple[int, str]], index: int) -> int | None:
        """The end of a list item that jieba cut into a surname and a word (曹|忠良、卢|捍卫): the two make the
        whole item, between list joiners or clause breaks, and are shaped like a name; else None."""
        start, word = tokens[index]
        if len(word) != 1 or self.shapes.lexicon.surname_of(word) != word or index + 1 >= len(tokens):
            return None
        end = start + 1 + len(tokens[index + 1][1])
        bounds = _LIST_JOINERS | CLAUSE_BREAKS
        if end - start not in (2, 3) or (start > 0 and text[start - 1] not in bounds):
            return None
        if end < len(text) and text[end] not in bounds and not text.startswith(_LIST_END, end):
            return None
        return end if self.shapes.shape(text[start:end]) else None


def _quoted(text: str, start: int, end: int) -> bool:
    """True for a span that is all a quotation holds ("田秀才"): a coined term, not a name."""
    return start > 0 and end < len(text) and text[start - 1] in _OPENING_QUOTES and text[end] in _CLOSING_QUOTES


def _promoted(text: str, weak: set[tuple[int, int]], strong: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The weak candidates that stand in a list beside a strong one."""
    starts, ends = {start for start, _ in strong}, {end for _, end in strong}
    return {span for span in weak if _listed(text, *span, starts, ends)}


def _listed(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """True when the span stands in a 、 list next to a name already accepted.

    starts, ends: where the accepted names start and end.
    """
    return (start - 1 in ends and text[start - 1] in _LIST_JOINERS) or (
        end + 1 in starts and end < len(text) and text[end] in _LIST_JOINERS
    )
