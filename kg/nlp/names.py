"""Person names anywhere in the text, by surname, dictionary and context.

jieba's `nr` tag marks many ordinary words as names (文明, 明白, 祝贺), and the
words its HMM makes up are names only some of the time, so neither decides
alone. A token shaped like a name (a surname, then one to three characters)
is a candidate, and:
- a three-character candidate (or one with a compound surname) is a name unless
  the dictionary knows the word as something else;
- a shorter or longer one needs a cue beside it: a title, a speech verb, a form
  of address, or another name in the same 、 list;
- a name glued to a cue by jieba ("邓小平理论") is cut out of its token;
- once a name is found, its other occurrences in the text are names too.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

from kg.lexicon import alternation, lexicon_table, load_lexicon
from kg.nlp.mentions import Mention
from kg.nlp.people import CLAUSE_BREAKS, dictionary_frequency, dictionary_tags, stops_name_alone
from kg.patterns import HAN

_HAN_ONLY = re.compile(f"[{HAN}]+")
# names in a list are joined by these, in news text often with no other word between
_LIST_JOINERS = frozenset("、和与及")
_OPENING_QUOTES = frozenset("“‘「『\"'")
_CLOSING_QUOTES = frozenset("”’」』\"'")


@lexicon_table
def _cues_after() -> re.Pattern:
    lexicon = load_lexicon()
    return re.compile(alternation(list(lexicon.titles) + list(lexicon.cue_words("honorific", "after", "leader"))))


@lexicon_table
def _speech_cues() -> re.Pattern:
    return re.compile(alternation(load_lexicon().cue_words("speech")))


@lexicon_table
def _doctrines() -> re.Pattern:
    return re.compile(alternation(load_lexicon().cue_words("doctrine")))


@lexicon_table
def _cues_before() -> re.Pattern:
    lexicon = load_lexicon()
    return re.compile(f"(?:{alternation(list(lexicon.titles) + list(lexicon.cue_words('before', 'leader')))})$")


@lexicon_table
def _leader_titles() -> re.Pattern:
    return re.compile(alternation(load_lexicon().cue_words("leader")))


@lexicon_table
def _joined_name() -> re.Pattern:
    """Names whose parts are joined by a middle dot: 约翰·拉贝, 司马义·艾买提."""
    sounds = "".join(sorted(load_lexicon().transliteration))
    return re.compile(f"[{sounds}]{{1,8}}(?:[·•・][{sounds}]{{1,8}})+")


# the most common surnames (ranks in surnames.txt) make a bare two-character word a likely name
_COMMON_SURNAME_RANK = 30
_FAIRLY_COMMON_SURNAME_RANK = 100
# dictionary words seen this often are ordinary words even when jieba tags them nr (文明, 明白)
_NAME_WORD_MAX_FREQUENCY = 1000
# a bare given name is taken when its characters are this much likelier in names than in words
_NAME_WEIGHT = 1.5
_LOWEST_CHARACTER_WEIGHT = -1.0
_GIVEN_CHARACTER_WEIGHT = 1.0
# jieba's tag for a full personal name (习近平), far more reliable than its plain nr
_FULL_NAME_TAG = "nrfg"


@lexicon_table
def _given_name_weights() -> dict[str, float]:
    """How much more often each character stands in the given names of jieba's dictionary than in its other words.

    A log ratio: above 0 for name characters (磊, 峰, 瑞), below for word-making ones (感, 化, 型).
    """
    lexicon = load_lexicon()
    in_names: Counter[str] = Counter()
    in_words: Counter[str] = Counter()
    for word, tag in dictionary_tags().items():
        if tag.startswith("nr") and len(word) == 3 and word[0] in lexicon.surname_ranks:
            in_names.update(word[1:])
        elif not tag.startswith("nr"):
            in_words.update(word)
    names_total, words_total = sum(in_names.values()), sum(in_words.values())
    return {c: math.log((in_names[c] + 0.5) / names_total / ((in_words[c] + 0.5) / words_total))
            for c in set(in_names) | set(in_words)}


def _given_name_weight(given: str) -> tuple[float, float]:
    """The summed and the lowest weight of a given name's characters."""
    weights = [_given_name_weights().get(c, 0.0) for c in given]
    return sum(weights), min(weights)


def _is_place_or_body(word: str) -> bool:
    lexicon = load_lexicon()
    return (word in lexicon.strong_division_spellings or word in lexicon.world_places
            or lexicon.org_suffix(word) or word.endswith(lexicon.project_heads))


def _chinese_shape(word: str, tag: str | None) -> str | None:
    lexicon = load_lexicon()
    surname = lexicon.surname_of(word)
    if surname is None or not 2 <= len(word) <= 4:
        return None
    given = word[len(surname):]
    if not given or len(given) > 2:
        return None  # a given name has one or two characters (李无文则 is a name and a particle)
    if tag == _FULL_NAME_TAG:
        return "strong"
    total, lowest = _given_name_weight(given)
    if len(given) == 2:
        return "strong" if total >= _NAME_WEIGHT and lowest >= _LOWEST_CHARACTER_WEIGHT else "weak"
    if len(word) == 2 and total >= _GIVEN_CHARACTER_WEIGHT:
        frequency = dictionary_frequency(word)
        rank = lexicon.surname_ranks[surname]
        if rank < _COMMON_SURNAME_RANK and frequency < _NAME_WORD_MAX_FREQUENCY:
            return "strong"
        if rank < _FAIRLY_COMMON_SURNAME_RANK and frequency == 0:
            return "strong"
    return "weak"


def _foreign_shape(word: str) -> str | None:
    if len(word) >= 3 and all(c in load_lexicon().transliteration for c in word):
        return "weak"
    return None


@lru_cache(maxsize=1 << 16)  # a word's shape depends on the word alone, and words repeat
def _shape(word: str) -> str | None:
    """"strong" for a word shaped like a name, "weak" for one that needs a cue, None for no name."""
    if not _HAN_ONLY.fullmatch(word) or word in load_lexicon().titles or _is_place_or_body(word):
        return None
    tag = dictionary_tags().get(word)
    if tag is not None and not tag.startswith("nr"):
        return None
    return _chinese_shape(word, tag) or _foreign_shape(word)


def _has_cue(text: str, start: int, end: int) -> bool:
    """True when a title, form of address or other cue stands beside the span; a speaker must open a clause."""
    if _cues_after().match(text, end) or _cues_before().search(text, max(0, start - 6), start):
        return True
    return bool(_speech_cues().match(text, end)) and (start == 0 or text[start - 1] in CLAUSE_BREAKS)


def _quoted(text: str, start: int, end: int) -> bool:
    """True for a span that is all a quotation holds ("田秀才"): a coined term, not a name."""
    return start > 0 and end < len(text) and text[start - 1] in _OPENING_QUOTES and text[end] in _CLOSING_QUOTES


@lru_cache(maxsize=1 << 16)
def _glued_name(word: str) -> int | None:
    """The length of a name that starts `word` and runs into a cue: 邓小平理论 → 3, 江主席 → 1; or into one
    reporting verb or particle: 韦东作 → 2, 韩晓东作 → 3."""
    if _before_particle(word) == "strong":
        return len(word) - 1
    for length in (3, 2):
        rest = word[length:]
        if len(word) > length and _shape(word[:length]) and (_cues_after().fullmatch(rest) or _doctrines().fullmatch(rest)):
            return length
    if len(word) > 1 and _is_common_surname(word[0]) and _leader_titles().fullmatch(word[1:]):
        return 1
    return None


def _before_particle(word: str) -> str | None:
    """The shape of a name that jieba glued to a reporting particle after it (韦东作, 李秋文则), or None.
    The particle ends the word, so only one that stops a name alone can stop it here."""
    return _shape(word[:-1]) if len(word) in (3, 4) and stops_name_alone(word[-1]) else None


def _is_common_surname(text: str) -> bool:
    return load_lexicon().surname_ranks.get(text, _FAIRLY_COMMON_SURNAME_RANK) < _FAIRLY_COMMON_SURNAME_RANK


def _promoted(text: str, weak: set[tuple[int, int]], strong: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The weak candidates that stand in a list beside a strong one."""
    starts, ends = {start for start, _ in strong}, {end for _, end in strong}
    return {span for span in weak if _listed(text, *span, starts, ends)}


def _listed(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """True when the span stands in a 、 list next to a name already accepted.

    starts, ends: where the accepted names start and end.
    """
    return ((start - 1 in ends and text[start - 1] in _LIST_JOINERS)
            or (end + 1 in starts and end < len(text) and text[end] in _LIST_JOINERS))


@lexicon_table
def _name_initials() -> frozenset[str]:
    """The characters a name can start with: the first of a surname, or a transliteration character."""
    lexicon = load_lexicon()
    return frozenset(surname[0] for surname in lexicon.surname_ranks) | lexicon.transliteration


def _candidates(text: str, tokens: list[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, shape) of every stretch shaped like a name."""
    initials = _name_initials()
    for index, (start, word) in enumerate(tokens):
        if word[0] not in initials:
            continue  # four words in five: no test below could pass
        end = start + len(word)
        glued = _glued_name(word)
        if glued:
            yield start, start + glued, "strong"
        elif _before_particle(word):
            yield start, end - 1, "weak"  # a name glued to a particle, if a cue or a list says it is one
        elif len(word) == 1 and _is_common_surname(word) and _leader_titles().match(text, end):
            yield start, end, "strong"
        elif item := _surname_and_given_item(text, tokens, index):
            yield start, item, "weak"  # a name of a list, if a name stands beside it
        elif shape := _shape(word):
            # jieba often cuts a three-character name before its last character: 何光|远、
            following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
            if text.startswith(load_lexicon().place_heads, end):
                continue  # 喀拉峻草原: a place (kg/data/place_heads.txt)
            if (len(word) == 2 and len(following) == 1 and not stops_name_alone(following)
                    and _shape(word + following) == "strong"):
                if text.startswith(load_lexicon().place_heads, end + 1):
                    continue
                yield start, end + 1, "strong"
            else:
                yield start, end, shape
    for match in _joined_name().finditer(text):
        parts = re.split("[·•・]", match.group())
        if not any(_is_place_or_body(part) for part in parts):
            yield match.start(), match.end(), "strong"


def _surname_and_given_item(text: str, tokens: list[tuple[int, str]], index: int) -> int | None:
    """The end of a list item that jieba cut into a surname and a word (曹|忠良、卢|捍卫): the two make the
    whole item, between list joiners or clause breaks, and are shaped like a name; else None."""
    start, word = tokens[index]
    if len(word) != 1 or load_lexicon().surname_of(word) != word or index + 1 >= len(tokens):
        return None
    end = start + 1 + len(tokens[index + 1][1])
    bounds = _LIST_JOINERS | CLAUSE_BREAKS
    if end - start not in (2, 3) or (start > 0 and text[start - 1] not in bounds):
        return None
    if end < len(text) and text[end] not in bounds and not text.startswith(_LIST_END, end):
        return None
    return end if _shape(text[start:end]) else None


# what may close a list of names besides punctuation: 王刚、李明等
_LIST_END = "等"
# a roll of names written back to back (名单: 王刚李明张建国) has at least this many, each shaped like a name
_ROLL_MIN_NAMES = 5
# a roll runs on across short notes in brackets: 王刚（女）李明华（回族）
_ROLL_NOTE = re.compile(f"[（(][{HAN}，、,]{{1,8}}[)）]")


@lexicon_table
def _roll_run() -> re.Pattern:
    """Where a roll may stand: a name's first character every two or three characters, a few times over.
    A regular expression finds these at C speed; only they are split into names."""
    initials = "".join(sorted(c for c in _name_initials() if re.match(f"[{HAN}]", c)))
    return re.compile(f"(?:[{initials}][{HAN}]{{1,2}}(?:{_ROLL_NOTE.pattern})?){{{_ROLL_MIN_NAMES},}}")
# a three-character name is likelier than a two-character one; a roll's names must look like names on
# the whole, and none may be made of word-making characters alone or be a common word
_THREE_CHARACTER_BONUS = 1.0
_ROLL_MIN_MEAN_SCORE = 2.0
_ROLL_LOWEST_CHARACTER_WEIGHT = -2.5
_ROLL_COMMON_WORD = 100
_ROLL_UNCUT_WORD = 2000
_COMMON_SURNAME_BONUS = 2.0


def _name_rolls(text: str, tokens: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """The names of every roll in `text`: characters with no punctuation that split into names one after
    another (surname first, one or two characters after, no common word), as lists of members print them.

    text: the text; tokens: (offset, word) of its segmentation. No name of a roll starts inside a common
    word (过程 of 蓝图过程中): prose is no roll.

    >>> text = "出席：王刚李明华张建国赵丽娟孙卫东。"
    >>> [text[start:end] for start, end in _name_rolls(text, [(i, c) for i, c in enumerate(text)])]
    ['王刚', '李明华', '张建国', '赵丽娟', '孙卫东']
    """
    found: list[tuple[int, int]] = []
    starts = None
    for run in _roll_run().finditer(text):
        if starts is None:
            starts = [offset for offset, _ in tokens]
        # the roll runs on past where the pattern stopped, for a name it cut short, but only a little way,
        # so that no stretch of text is read more than a few times
        end = _ROLL_TAIL.match(text, run.end(), run.end() + _ROLL_TAIL_CHARS).end()
        first = max(bisect.bisect_right(starts, run.start()) - 1, 0)
        inside_words = {offset + i for offset, word in tokens[first:bisect.bisect_left(starts, end)]
                        if len(word) > 1 and _is_common_word(word) for i in range(1, len(word))}
        found += _roll_names(text, run.start(), end, inside_words)
    return found


@lru_cache(maxsize=1 << 16)
def _is_common_word(word: str) -> bool:
    """A word too common to be cut by a name of a roll (过程, 世纪; not 东周 of 钱卫东周美玲)."""
    tag = dictionary_tags().get(word)
    return tag is not None and not tag.startswith("nr") and dictionary_frequency(word) > _ROLL_UNCUT_WORD


def _roll_names(text: str, start: int, end: int, inside_words: set[int]) -> list[tuple[int, int]]:
    """The longest roll of names that starts at `start` (or a character or two after) within text[:end]."""
    for skip in range(_ROLL_MAX_SKIP + 1):
        names, offset = [], start + skip
        for part in _ROLL_NOTE.split(text[offset:end]):
            split = _split_roll(part, frozenset(i - offset for i in inside_words if offset <= i < offset + len(part)))
            names += [(offset + s, offset + e, score) for s, e, score in split]
            covered = split[-1][1] if split else 0
            if covered < len(part):
                break  # the roll ends inside this part
            offset += len(part)
            if note := _ROLL_NOTE.match(text, offset):
                offset = note.end()
        if len(names) >= _ROLL_MIN_NAMES:
            return _accepted_roll(names)
    return []


_ROLL_TAIL_CHARS = 12
_ROLL_TAIL = re.compile(f"(?:[{HAN}]|{_ROLL_NOTE.pattern})*")
# what may stand between a roll's start and its first name: 有 of 出席的有王刚李明华
_ROLL_MAX_SKIP = 2


def _accepted_roll(names: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The spans of `names` if they are enough, and name-like enough, to be a roll."""
    if len(names) < _ROLL_MIN_NAMES or sum(score for _, _, score in names) < _ROLL_MIN_MEAN_SCORE * len(names):
        return []
    return [(start, end) for start, end, _ in names]


def _split_roll(run: str, inside_words: frozenset[int] = frozenset()) -> list[tuple[int, int, float]]:
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
            score = _roll_name_score(run[start:end])
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


@lru_cache(maxsize=1 << 16)
def _roll_name_score(piece: str) -> float | None:
    """How much `piece` looks like a name in a roll, or None when it cannot be one."""
    lexicon = load_lexicon()
    surname = lexicon.surname_of(piece)
    if surname is None or len(piece) - len(surname) not in (1, 2) or _is_place_or_body(piece):
        return None
    tag = dictionary_tags().get(piece)
    if tag is not None and not tag.startswith("nr") and dictionary_frequency(piece) > _ROLL_COMMON_WORD:
        return None
    total, lowest = _given_name_weight(piece[len(surname):])
    if lowest < _ROLL_LOWEST_CHARACTER_WEIGHT:
        return None
    # a common surname makes the split likelier (王刚|李明华, not 王刚李|明华)
    rank = lexicon.surname_ranks[surname]
    common = _COMMON_SURNAME_BONUS if rank < _COMMON_SURNAME_RANK else (
        _COMMON_SURNAME_BONUS / 2 if rank < _FAIRLY_COMMON_SURNAME_RANK else 0.0)
    return total + common + (_THREE_CHARACTER_BONUS if len(piece) == 3 else 0.0)


def find_names(text: str, tokens: Iterable[tuple[int, str]]) -> list[Mention]:
    """Every person name the text shows, as PERSON mentions with attrs {"source": "name"}.

    text: the text; tokens: (offset, word) pairs of its segmentation, in order.

    >>> [m.text for m in find_names("邓小平理论", [(0, "邓小平理论")])]
    ['邓小平']
    """
    tokens = list(tokens)
    rolls = _name_rolls(text, tokens)
    in_rolls = {offset for start, end in rolls for offset in range(start, end)}
    strong: set[tuple[int, int]] = set(rolls)
    weak: set[tuple[int, int]] = set()
    for start, end, shape in _candidates(text, tokens):
        if _quoted(text, start, end) or any(offset in in_rolls for offset in range(start, end)):
            continue
        if shape == "strong" or _has_cue(text, start, end):
            strong.add((start, end))
        else:
            weak.add((start, end))
    # a weak candidate listed beside an accepted name is a name; repeat as lists grow
    while promoted := _promoted(text, weak, strong):
        strong |= promoted
        weak -= promoted
    names = {text[start:end] for start, end in strong}
    strong |= {span for span in weak if text[span[0]:span[1]] in names}
    # a name inside a longer one (约翰 in 约翰·拉贝) is part of it
    kept, reach = [], -1  # spans by start, longest first: one that ends within an earlier one is inside it
    for span in sorted(strong, key=lambda span: (span[0], -span[1])):
        if span[1] > reach:
            kept.append(span)
            reach = span[1]
    return [Mention("PERSON", start, end, text[start:end], {"source": "name"}) for start, end in kept]
