"""How much a word looks like a person's name by its shape alone: a surname, then a given name whose
characters stand in names more often than in other words.

jieba's `nr` tag marks many ordinary words as names (文明, 明白, 祝贺), and the words its HMM makes up are
names only some of the time, so neither decides alone: the weights here are read from jieba's dictionary,
and the thresholds are the pipeline's config (NameWeights).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kg.cache import cached, key_of
from kg.lexicon import Lexicon, alternation
from kg.nlp.names import Names
from kg.nlp.segmenter import Dictionary
from kg.patterns import HAN

_HAN_ONLY = re.compile(f"[{HAN}]+")
# jieba's tag for a full personal name (习近平), far more reliable than its plain nr
_FULL_NAME_TAG = "nrfg"
# a word's shape depends on the word alone, and words repeat
_CACHED_WORDS = 1 << 16


@dataclass(frozen=True)
class NameWeights:
    """The tuned numbers of the name rules (the config's [components.kg_people.names])."""

    #: the most common surnames (ranks in surnames.tsv) make a bare two-character word a likely name
    common_surname_rank: int = 30
    fairly_common_surname_rank: int = 100
    #: dictionary words seen this often are ordinary words even when jieba tags them nr (文明, 明白)
    name_word_max_frequency: int = 1000
    #: a bare given name is taken when its characters are this much likelier in names than in words
    name_weight: float = 1.5
    lowest_character_weight: float = -1.0
    given_character_weight: float = 1.0
    #: a roll of names written back to back (王刚李明张建国) has at least this many
    roll_min_names: int = 5
    #: a three-character name is likelier than a two-character one in a roll
    three_character_bonus: float = 1.0
    #: a roll's names must look like names on the whole, none made of word-making characters alone
    roll_min_mean_score: float = 2.0
    roll_lowest_character_weight: float = -2.5
    #: a roll's name is no common word, and no name starts inside a word as common as this
    roll_common_word: int = 100
    roll_uncut_word: int = 2000
    #: a common surname makes a roll's split likelier (王刚|李明华, not 王刚李|明华)
    common_surname_bonus: float = 2.0
    #: how far a roll runs on past where its pattern stopped, and what may stand before its first name
    roll_tail_chars: int = 12
    roll_max_skip: int = 2


class NameShapes:
    """The shape of a word as a name: "strong", "weak" (a cue must say so) or None, from a lexicon, jieba's
    dictionary and the tuned numbers.

    >>> shapes = NameShapes(Lexicon(), Dictionary(Lexicon()))
    >>> shapes.shape("李明华"), shapes.shape("科技")
    ('strong', None)
    """

    def __init__(
        self, lexicon: Lexicon, dictionary: Dictionary, weights: NameWeights = NameWeights(), names: Names | None = None
    ):
        self.lexicon = lexicon
        self.dictionary = dictionary
        self.weights = weights
        self.names = names or Names(lexicon, dictionary)
        surnames = sorted(lexicon.surname_ranks.items())
        self.character_weights = cached("name-characters", key_of(dictionary.key, surnames), self._character_weights)
        cue_words = lexicon.cue_words
        self.cues_after = re.compile(
            alternation(list(lexicon.titles) + list(cue_words("honorific", "after", "leader")))
        )
        self.leader_titles = re.compile(alternation(cue_words("leader")))
        self._doctrines = re.compile(alternation(cue_words("doctrine")))
        #: the characters a name can start with: the first of a surname, or a transliteration character
        self.initials = frozenset(surname[0] for surname in lexicon.surname_ranks) | lexicon.transliteration
        self._project_heads = lexicon.words("project_heads")
        self.shape = lru_cache(maxsize=_CACHED_WORDS)(self._shape)
        self.glued_name = lru_cache(maxsize=_CACHED_WORDS)(self._glued_name)

    def _character_weights(self) -> dict[str, float]:
        """How much more often each character stands in the given names of jieba's dictionary than in its other
        words: a log ratio, above 0 for name characters (磊, 峰, 瑞), below for word-making ones (感, 化, 型)."""
        in_names: Counter[str] = Counter()
        in_words: Counter[str] = Counter()
        surnames = self.lexicon.surname_ranks
        for word, tag in self.dictionary.tags.items():
            if tag.startswith("nr") and len(word) == 3 and word[0] in surnames:
                in_names.update(word[1:])
            elif not tag.startswith("nr"):
                in_words.update(word)
        names_total, words_total = sum(in_names.values()) or 1, sum(in_words.values()) or 1
        return {
            c: math.log((in_names[c] + 0.5) / names_total / ((in_words[c] + 0.5) / words_total))
            for c in set(in_names) | set(in_words)
        }

    def given_name_weight(self, given: str) -> tuple[float, float]:
        """The summed and the lowest weight of a given name's characters."""
        weights = [self.character_weights.get(c, 0.0) for c in given]
        return sum(weights), min(weights)

    def is_place_or_body(self, word: str) -> bool:
        lexicon = self.lexicon
        return (
            word in lexicon.strong_division_spellings
            or word in lexicon.world_places
            or bool(lexicon.org_suffix(word))
            or word.endswith(self._project_heads)
        )

    def is_common_surname(self, text: str) -> bool:
        return (
            self.lexicon.surname_ranks.get(text, self.weights.fairly_common_surname_rank)
            < self.weights.fairly_common_surname_rank
        )

    def _chinese_shape(self, word: str, tag: str | None) -> str | None:
        lexicon, weights = self.lexicon, self.weights
        surname = lexicon.surname_of(word)
        if surname is None or not 2 <= len(word) <= 4:
            return None
        given = word[len(surname) :]
        if not given or len(given) > 2:
            return None  # a given name has one or two characters (李无文则 is a name and a particle)
        if tag == _FULL_NAME_TAG:
            return "strong"
        total, lowest = self.given_name_weight(given)
        if len(given) == 2:
            return "strong" if total >= weights.name_weight and lowest >= weights.lowest_character_weight else "weak"
        if len(word) == 2 and total >= weights.given_character_weight:
            frequency = self.dictionary.frequency(word)
            rank = lexicon.surname_ranks[surname]
            if rank < weights.common_surname_rank and frequency < weights.name_word_max_frequency:
                return "strong"
            if rank < weights.fairly_common_surname_rank and frequency == 0:
                return "strong"
        return "weak"

    def _foreign_shape(self, word: str) -> str | None:
        if len(word) >= 3 and all(c in self.lexicon.transliteration for c in word):
            return "weak"
        return None

    def _shape(self, word: str) -> str | None:
        """ "strong" for a word shaped like a name, "weak" for one that needs a cue, None for no name."""
        if not _HAN_ONLY.fullmatch(word) or word in self.lexicon.titles or self.is_place_or_body(word):
            return None
        tag = self.dictionary.tag(word)
        if tag is not None and not tag.startswith("nr"):
            return None
        return self._chinese_shape(word, tag) or self._foreign_shape(word)

    def _glued_name(self, word: str) -> int | None:
        """The length of a name that starts `word` and runs into a cue: 邓小平理论 → 3, 江主席 → 1; or into one
        reporting verb or particle: 韦东作 → 2, 韩晓东作 → 3."""
        if self.before_particle(word) == "strong":
            return len(word) - 1
        for length in (3, 2):
            rest = word[length:]
            if (
                len(word) > length
                and self.shape(word[:length])
                and (self.cues_after.fullmatch(rest) or self._doctrines.fullmatch(rest))
            ):
                return length
        if len(word) > 1 and self.is_common_surname(word[0]) and self.leader_titles.fullmatch(word[1:]):
            return 1
        return None

    def before_particle(self, word: str) -> str | None:
        """The shape of a name that jieba glued to a reporting particle after it (韦东作, 李秋文则), or None.
        The particle ends the word, so only one that stops a name alone can stop it here."""
        return self.shape(word[:-1]) if len(word) in (3, 4) and self.names.stops_alone(word[-1]) else None
