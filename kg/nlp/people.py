"""People and their titles: title chains (郑州市科技局党组书记、局长夏扬), bylines and speakers.

Names are read by rule, not by jieba's `nr` tag: a name starts with a surname
from the lexicon, ends at a token boundary, and is not a dictionary word that
jieba knows as something other than a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jieba.posseg

from kg.lexicon import alternation, load_lexicon
from kg.nlp.mentions import Mention
from kg.patterns import HAN, SPACES, byline_role_re

# Characters that end a clause: a title chain never reaches back across them.
CLAUSE_BREAKS = frozenset("，,。；;：:！!？?“”‘’「」『』《》〈〉（）()[]【】\n\t 　·—")
_HONORIFICS = ("女士", "先生", "老师", "师傅", "同志", "大爷", "大妈", "阿姨", "某")
_SPEECH_VERBS = re.compile("表示|说|介绍|指出|强调|告诉|认为|坦言|透露|谈到|提到|建议|呼吁")
_CHAIN_JOINERS = re.compile("[、兼]")


@lru_cache(maxsize=1)
def title_re() -> re.Pattern:
    """Any title of the lexicon, longer titles first (党组书记 before 书记)."""
    return re.compile(alternation(load_lexicon().titles))


@lru_cache(maxsize=1)
def _dictionary_tags() -> dict[str, str]:
    jieba.setLogLevel(60)
    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg.dt.word_tag_tab


def is_name(candidate: str) -> bool:
    """True when `candidate` can be a person's name: surname first, Han only, not a known common word."""
    lexicon = load_lexicon()
    if not (2 <= len(candidate) <= 4) or not re.fullmatch(f"[{HAN}]+", candidate):
        return False
    if not lexicon.is_surname_start(candidate) or candidate.endswith(_HONORIFICS) or candidate[1:] in _HONORIFICS:
        return False
    if candidate in lexicon.division_by_alias or candidate in lexicon.titles:
        return False
    tag = _dictionary_tags().get(candidate)
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

    >>> trim_org_left("记者采访了登封市委")
    '登封市委'
    """
    lexicon = load_lexicon()
    cut = 0
    for stop in lexicon.org_stops:
        position = org_text.rfind(stop)
        if position >= 0:
            cut = max(cut, position + len(stop))
    org_text = org_text[cut:]
    starts = [org_text.find(alias) for alias in lexicon.division_by_alias if alias in org_text]
    return org_text[min(starts):] if starts else org_text


def find_title_chains(text: str, boundaries: set[int]) -> list[Mention]:
    """Titles with the person who holds them: "郑州市科技局党组书记、局长夏扬", "程志明市长".

    text: the article text; boundaries: token boundaries.
    Returns POST_CHAIN mentions; attrs `segments` is a list of (organisation text, title)
    in text order, `name` the person and `name_start`/`name_end` where the name stands.
    """
    found = []
    for match in title_re().finditer(text):
        name_end = read_name_after(text, match.end(), boundaries)
        if name_end is not None:
            start = _clause_start(text, match.start())
            segments = _chain_segments(text[start:match.end()])
            # segments are joined by one character each (、 or 兼)
            chain_start = match.end() - sum(len(org) + len(title) for org, title in segments) - (len(segments) - 1)
            found.append(Mention("POST_CHAIN", chain_start, name_end, text[chain_start:name_end], {
                "segments": segments, "name": text[match.end():name_end],
                "name_start": match.end(), "name_end": name_end}))
            continue
        name_start = read_name_before(text, match.start(), boundaries)
        if name_start is not None:
            found.append(Mention("POST_CHAIN", name_start, match.end(), text[name_start:match.end()], {
                "segments": [("", match.group())], "name": text[name_start:match.start()],
                "name_start": name_start, "name_end": match.start()}))
    return found


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
    for verb in _SPEECH_VERBS.finditer(text):
        start = read_name_before(text, verb.start(), boundaries)
        if start is not None:
            found.append(Mention("PERSON", start, verb.start(), text[start:verb.start()], {"source": "speaker"}))
    return found
