"""Rolls of names written back to back, as lists of members print them: 出席：王刚李明华张建国赵丽娟孙卫东."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg.nlp.shapes import NameShapes
from kg.patterns import HAN, NAME_NOTE

# a roll runs on across short notes in brackets: 王刚（女）李明华（回族）
_NOTE = re.compile(NAME_NOTE)
_TAIL = re.compile(f"(?:[{HAN}]|{_NOTE.pattern})*")
_HAN_CHARACTER = re.compile(f"[{HAN}]")
_CACHED_PIECES = 1 << 16


class RollFinder:
    """The names of every roll in a text: characters with no punctuation that split into names one after
    another (surname first, one or two characters after, no common word).

    >>> from kg.lexicon import Lexicon
    >>> from kg.nlp.segmenter import Dictionary
    >>> rolls = RollFinder(NameShapes(Lexicon(), Dictionary(Lexicon())))
    >>> text = "出席：王刚李明华张建国赵丽娟孙卫东。"
    >>> [text[start:end] for start, end in rolls(text, [(i, c) for i, c in enumerate(text)])]
    ['王刚', '李明华', '张建国', '赵丽娟', '孙卫东']
    """

    def __init__(self, shapes: NameShapes):
        self.shapes = shapes
        self.weights = shapes.weights
        # where a roll may stand: a name's first character every two or three characters, a few times over;
        # a regular expression finds these at C speed, and only they are split into names
        initials = "".join(sorted(c for c in shapes.initials if _HAN_CHARACTER.match(c)))
        self._run = re.compile(f"(?:[{initials}][{HAN}]{{1,2}}(?:{_NOTE.pattern})?){{{self.weights.roll_min_names},}}")
        self._is_common_word = lru_cache(maxsize=_CACHED_PIECES)(self._common_word)
        self._score = lru_cache(maxsize=_CACHED_PIECES)(self._name_score)

    def __call__(self, text: str, tokens: list[tuple[int, str]]) -> list[tuple[int, int]]:
        """(start, end) of every name of a roll; tokens: (offset, word) of the text's segmentation. No name of
        a roll starts inside a common word (过程 of 蓝图过程中): prose is no roll."""
        found: list[tuple[int, int]] = []
        starts = None
        for run in self._run.finditer(text):
            if starts is None:
                starts = [offset for offset, _ in tokens]
            # the roll runs on past where the pattern stopped, for a name it cut short, but only a little way,
            # so that no stretch of text is read more than a few times
            end = _TAIL.match(text, run.end(), run.end() + self.weights.roll_tail_chars).end()
            first = max(bisect.bisect_right(starts, run.start()) - 1, 0)
            inside_words = {
                offset + i
                for offset, word in tokens[first : bisect.bisect_left(starts, end)]
                if len(word) > 1 and self._is_common_word(word)
                for i in range(1, len(word))
            }
            found += self._names(text, run.start(), end, inside_words)
        return found

    def _common_word(self, word: str) -> bool:
        """A word too common to be cut by a name of a roll (过程, 世纪; not 东周 of 钱卫东周美玲)."""
        tag = self.shapes.dictionary.tag(word)
        return (
            tag is not None
            and not tag.startswith("nr")
            and self.shapes.dictionary.frequency(word) > self.weights.roll_uncut_word
        )

    def _names(self, text: str, start: int, end: int, inside_words: set[int]) -> list[tuple[int, int]]:
        """The longest roll of names that starts at `start` (or a character or two after) within text[:end]."""
        for skip in range(self.weights.roll_max_skip + 1):
            names, offset = [], start + skip
            for part in _NOTE.split(text[offset:end]):
                split = self._split(
                    part, frozenset(i - offset for i in inside_words if offset <= i < offset + len(part))
                )
                names += [(offset + s, offset + e, score) for s, e, score in split]
                covered = split[-1][1] if split else 0
                if covered < len(part):
                    break  # the roll ends inside this part
                offset += len(part)
                if note := _NOTE.match(text, offset):
                    offset = note.end()
            if len(names) >= self.weights.roll_min_names:
                return self._accepted(names)
        return []

    def _accepted(self, names: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
        """The spans of `names` if they are enough, and name-like enough, to be a roll."""
        if len(names) < self.weights.roll_min_names or sum(
            score for _, _, score in names
        ) < self.weights.roll_min_mean_score * len(names):
            return []
        return [(start, end) for start, end, _ in names]

    def _split(self, run: str, inside_words: frozenset[int] = frozenset()) -> list[tuple[int, int, float]]:
        """The best split into names of the longest start of `run` that splits whole, each name with its score;
        no name starts at an offset of `inside_words`."""
        best: list[tuple[float, int] | None] = [None] * (len(run) + 1)  # (score, start of the last name)
        best[0] = (0.0, -1)
        last = 0
        for end in range(2, len(run) + 1):
            for length in (3, 2, 4):
                start = end - length
                if start < 0 or best[start] is None or start in inside_words:
                    continue
                score = self._score(run[start:end])
                if score is not None and (best[end] is None or best[start][0] + score > best[end][0]):
                    best[end] = (best[start][0] + score, start)
            if best[end] is not None:
                last = end
            elif end - last > 4:
                break  # nothing has ended a name for too long: the roll is over
        names, end = [], last
        while end > 0:
            start = best[end][1]
            names.insert(0, (start, end, best[end][0] - best[start][0]))
            end = start
        return names

    def _name_score(self, piece: str) -> float | None:
        """How much `piece` looks like a name in a roll, or None when it cannot be one."""
        shapes, weights = self.shapes, self.weights
        surname = shapes.lexicon.surname_of(piece)
        if surname is None or len(piece) - len(surname) not in (1, 2) or shapes.is_place_or_body(piece):
            return None
        tag = shapes.dictionary.tag(piece)
        if (
            tag is not None
            and not tag.startswith("nr")
            and shapes.dictionary.frequency(piece) > weights.roll_common_word
        ):
            return None
        total, lowest = shapes.given_name_weight(piece[len(surname) :])
        if lowest < weights.roll_lowest_character_weight:
            return None
        rank = shapes.lexicon.surname_ranks[surname]
        common = (
            weights.common_surname_bonus
            if rank < weights.common_surname_rank
            else (weights.common_surname_bonus / 2 if rank < weights.fairly_common_surname_rank else 0.0)
        )
        return total + common + (weights.three_character_bonus if len(piece) == 3 else 0.0)
