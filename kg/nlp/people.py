"""People and their titles: title chains (郑州市科技局党组书记、局长夏扬), bylines and speakers.

Names are read by rule, not by jieba's `nr` tag: a name starts with a surname
from the lexicon, ends at a token boundary, and is not a dictionary word that
jieba knows as something other than a name.
"""
from __future__ import annotations

import re

import jieba.posseg

from kg.lexicon import alternation, lexicon_table, load_lexicon
from kg.nlp.mentions import Mention
from kg.patterns import HAN, SPACES, byline_role_re

# Characters that end a clause: a title chain never reaches back across them.
CLAUSE_BREAKS = frozenset("，,。；;：:！!？?“”‘’「」『』《》〈〉（）()[]【】\n\t 　·—")
_CHAIN_JOINERS = re.compile("[、兼]")


@lexicon_table
def title_re() -> re.Pattern:
    """Any title of the lexicon, longer titles first (党组书记 before 书记)."""
    return re.compile(alternation(load_lexicon().titles))


@lexicon_table
def _speech_verbs() -> re.Pattern:
    return re.compile(alternation(load_lexicon().cue_words("speech")))


@lexicon_table
def dictionary_tags() -> dict[str, str]:
    jieba.setLogLevel(60)
    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg.dt.word_tag_tab


def dictionary_frequency(word: str) -> int:
    """How often jieba's dictionary has seen `word`; 0 for a word it does not know."""
    return jieba.dt.FREQ.get(word) or 0


@lexicon_table
def _honorifics() -> tuple[str, ...]:
    return load_lexicon().cue_words("honorific")


def is_name(candidate: str) -> bool:
    """True when `candidate` can be a person's name: surname first, Han only, not a known common word."""
    lexicon = load_lexicon()
    if not (2 <= len(candidate) <= 4) or not re.fullmatch(f"[{HAN}]+", candidate):
        return False
    honorifics = _honorifics()
    if not lexicon.is_surname_start(candidate) or candidate.endswith(honorifics) or candidate[1:] in honorifics:
        return False
    if candidate in lexicon.division_by_alias or candidate in lexicon.titles:
        return False
    tag = dictionary_tags().get(candidate)
    return tag is None or tag.startswith("nr")


def read_name_after(text: str, start: int, boundaries: set[int]) -> int | None:
    """The end of a name that starts at `start`, or None.

    text: the article text; start: where the name would begin.
    boundaries: token boundaries (jieba), used to choose between two and three characters.
    """
    stops = load_lexicon().name_stops
    fallback = None
    for length in (3, 2, 4):
        end = start + length
        candidate = text[start:end]
        if end > len(text) or not is_name(candidate) or (length >= 3 and candidate[2] in stops):
            continue
        if end in boundaries or end == len(text) or not re.match(f"[{HAN}]", text[end]):
            return end
        fallback = fallback or (end if length == 2 else None)
    return fallback


def read_name_before(text: str, end: int, boundaries: set[int]) -> int | None:
    """The start of a name that ends at `end` and stands at the start of a clause, or None."""
    for length in (3, 2):
        start = end - length
        if start < 0 or not is_name(text[start:end]):
            continue
        if (start == 0 or text[start - 1] in CLAUSE_BREAKS or text[start - 1] == "、") and start in boundaries:
            return start
    return None


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


def _split_title(segment: str) -> tuple[str, str] | None:
    """A chain segment as (organisation text, title), or None when it does not end in a title."""
    for title in load_lexicon().titles_longest_first:
        if segment.endswith(title):
            return segment[: -len(title)], title
    return None


def trim_org_left(org_text: str) -> str:
    """Cut what stands before an organisation name: reporting verbs, particles, time words.

    A stop word inside a division's name does not count (原 in 中原区).

    >>> trim_org_left("记者采访了登封市委")
    '登封市委'
    >>> trim_org_left("是中原区城管局")
    '中原区城管局'
    """
    divisions, stops = _division_re(), _org_stop_re()
    named = [(m.start(), m.end()) for m in divisions.finditer(org_text)]
    cut = 0
    for stop in stops.finditer(org_text):
        if not any(start <= stop.start() < end for start, end in named):
            cut = max(cut, stop.start() + len(stop.group(1)))
    org_text = org_text[cut:]
    first = divisions.search(org_text)
    return org_text[first.start():] if first else org_text


@lexicon_table
def _division_re() -> re.Pattern:
    return re.compile(alternation(load_lexicon().division_by_alias))


@lexicon_table
def _org_stop_re() -> re.Pattern:
    # overlapping stops are all found by a lookahead, as the old word-by-word search found them
    return re.compile(f"(?=({alternation(load_lexicon().org_stops)}))")


def find_title_chains(text: str, boundaries: set[int]) -> list[Mention]:
    """Titles with the person who holds them: "郑州市科技局党组书记、局长夏扬", "程志明市长",
    "刘电力是金水区应急管理局监察大队中队长".

    text: the article text; boundaries: token boundaries.
    Returns POST_CHAIN mentions; attrs `segments` is a list of (organisation text, title)
    in text order, `name` the person and `name_start`/`name_end` where the name stands.
    """
    found = []
    lexicon = load_lexicon()
    for match in title_re().finditer(text):
        segments = _chain_segments(text[_clause_start(text, match.start()):match.end()])
        before = segments[-1][0] if segments else ""
        if match.start() not in boundaries and before and not lexicon.is_organisation(before):
            continue  # the title's characters belong to other words: 全市|长周期
        # segments are joined by one character each (、 or 兼)
        chain_start = match.end() - sum(len(org) + len(title) for org, title in segments) - (len(segments) - 1)
        name = _name_after(text, match.end(), boundaries) or _name_before_copula(text, chain_start, match.end(), boundaries)
        if name:
            name_start, name_end = name
            found.append(Mention("POST_CHAIN", min(chain_start, name_start), max(name_end, match.end()),
                                 text[min(chain_start, name_start):max(name_end, match.end())],
                                 {"segments": segments, "name": text[name_start:name_end],
                                  "name_start": name_start, "name_end": name_end}))
            continue
        name_start = read_name_before(text, match.start(), boundaries)
        if name_start is not None:
            found.append(Mention("POST_CHAIN", name_start, match.end(), text[name_start:match.end()], {
                "segments": [("", match.group())], "name": text[name_start:match.start()],
                "name_start": name_start, "name_end": match.start()}))
    return found


def _name_after(text: str, start: int, boundaries: set[int]) -> tuple[int, int] | None:
    """The name right after a title, starting where a token starts (全市长周期内 has none)."""
    if start not in boundaries:
        return None
    end = read_name_after(text, start, boundaries)
    return (start, end) if end is not None else None


def _name_before_copula(text: str, chain_start: int, chain_end: int, boundaries: set[int]) -> tuple[int, int] | None:
    """The subject of "X是/任/担任 ORG TITLE" when the title closes the clause."""
    if chain_end < len(text) and text[chain_end] not in CLAUSE_BREAKS:
        return None
    copula = _copula_before().search(text, max(0, chain_start - 2), chain_start)
    if copula is None:
        return None
    name_start = read_name_before(text, copula.start(), boundaries)
    return (name_start, copula.start()) if name_start is not None else None


@lexicon_table
def _copula_before() -> re.Pattern:
    return re.compile(f"(?:{alternation(load_lexicon().cue_words('copula'))})$")


def _chain_segments(chain_text: str) -> list[tuple[str, str]]:
    """Split "市委常委、政法委书记" into [("市委", "常委"), ("政法委", "书记")], keeping the tail that parses."""
    segments: list[tuple[str, str]] = []
    for piece in reversed(_CHAIN_JOINERS.split(chain_text)):
        parsed = _split_title(piece)
        if parsed is None:
            break
        segments.insert(0, parsed)
    if segments:
        segments[0] = (trim_org_left(segments[0][0]), segments[0][1])
    return segments


def find_bylines(text: str) -> list[Mention]:
    """Credits of who wrote or reported: 本报记者 王红, (记者 成燕 通讯员 曹杨), 策划:王超 魏鹏辉.

    Returns one BYLINE mention per name; attrs `role` is the role as printed, less 本报 and 本期.

    >>> [(m.text, m.attrs["role"]) for m in find_bylines("本报讯(记者 成燕 通讯员 曹杨)")]
    [('成燕', '记者'), ('曹杨', '通讯员')]
    """
    role = byline_role_re()
    name = rf"[{HAN}]{{2,4}}"
    separator = rf"(?:{SPACES}+|{SPACES}*[:：]{SPACES}*)"
    credits = re.compile(rf"{role.pattern}{separator}{name}(?:{SPACES}+(?:{role.pattern}{separator})?{name})*")
    found = []
    for match in credits.finditer(text):
        current_role = None
        for piece in re.finditer(rf"{role.pattern}|{name}", match.group()):
            if role.fullmatch(piece.group()):
                current_role = piece.group().removeprefix("本报").removeprefix("本期")
            elif current_role and is_name(piece.group()):
                start = match.start() + piece.start()
                found.append(Mention("BYLINE", start, start + len(piece.group()), piece.group(), {"role": current_role}))
    return found


def find_speakers(text: str, boundaries: set[int]) -> list[Mention]:
    """Named speakers at the start of a clause: "王万鹏表示", "夏扬告诉记者"."""
    found = []
    for verb in _speech_verbs().finditer(text):
        start = read_name_before(text, verb.start(), boundaries)
        if start is not None:
            found.append(Mention("PERSON", start, verb.start(), text[start:verb.start()], {"source": "speaker"}))
    return found
