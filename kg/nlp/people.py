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
from kg.patterns import HAN, SPACES, byline_role_re, editor_credit_re, known_byline_role_re, named_outlet_re

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
    if len(candidate) == 4 and candidate[:2] not in lexicon.surname_ranks:
        return False  # a four-character name has a compound surname (欧阳志远); 葛军报(道) is a name and a verb
    honorifics = _honorifics()
    if not lexicon.is_surname_start(candidate) or candidate.endswith(honorifics) or candidate[1:] in honorifics:
        return False
    if candidate in lexicon.strong_division_spellings or candidate in lexicon.titles:
        return False
    tag = dictionary_tags().get(candidate)
    return tag is None or tag.startswith("nr")


def read_name_after(text: str, start: int, boundaries: set[int]) -> int | None:
    """The end of a name that starts at `start`, or None.

    text: the article text; start: where the name would begin.
    boundaries: token boundaries (jieba), used to choose between two and three characters.
    """
    if start >= len(text):
        return None
    if text[start] in _verb_surnames() and _post_follows().match(text, start + 1):
        return None  # 由县委书记任设区市副市长: 任 is the verb, not the surname
    fallback = None
    for length in (3, 2, 4):
        end = start + length
        candidate = text[start:end]
        if end > len(text) or not is_name(candidate) or any(ends_name_before(text, p, boundaries) for p in range(start + 2, end)):
            continue
        if end in boundaries or end == len(text) or not re.match(f"[{HAN}]", text[end]) or _glued_stop(text, end, boundaries):
            return end
        fallback = fallback or (end if length == 2 else None)
    return fallback


@lexicon_table
def _verb_surnames() -> frozenset[str]:
    """Verbs that link a person to a post and are surnames too: 任."""
    lexicon = load_lexicon()
    return frozenset(c for c in lexicon.cue_words("copula") if len(c) == 1 and lexicon.is_surname_start(c))


@lexicon_table
def _post_follows() -> re.Pattern:
    """A body and a title that end the clause's next words: 设区市副市长, 那坡县委书记."""
    lexicon = load_lexicon()
    breaks = re.escape("".join(sorted(CLAUSE_BREAKS | {"、"})))
    return re.compile(f"[^{breaks}]{{1,14}}?(?:{alternation(lexicon.org_suffixes)})(?:{alternation(lexicon.titles)})")


def ends_name_before(text: str, position: int, boundaries: set[int]) -> bool:
    """True when the character at `position` cannot be the last of a name that runs into it: a reporting verb
    or particle (王刚说), or the first character of a reporting word that jieba cut there (王刚|强调; not
    吴国|强|表示 or 李|志强|强调). kg/data/name_stops.tsv lists them."""
    character = text[position]
    return stops_name_alone(character) or (load_lexicon().name_stops.get(character) == "word"
                                           and position in boundaries and position + 1 not in boundaries)


def stops_name_alone(character: str) -> bool:
    """True for a reporting verb or particle that ends a name wherever it stands (说, 在, 则), even as the last
    character of a word jieba made of the name and it."""
    return load_lexicon().name_stops.get(character) == "alone"


def _glued_stop(text: str, end: int, boundaries: set[int]) -> bool:
    """True when jieba made one word of a name and the reporting verb or particle after it (邓晓明作, 蔡林在):
    the name ends before that character. 韩磊|总是 is no such word."""
    return ends_name_before(text, end, boundaries) and end + 1 in boundaries and end - 1 not in boundaries


def read_name_before(text: str, end: int, boundaries: set[int]) -> int | None:
    """The start of a name that ends at `end` and stands at the start of a clause, in a 、 list, or after
    a verb of appointment (任命, 免去), or None."""
    for length in (3, 2):
        start = end - length
        if start < 0 or not is_name(text[start:end]) or start not in boundaries:
            continue
        if start == 0 or text[start - 1] in CLAUSE_BREAKS or text[start - 1] == "、":
            return start
        if _introducer_before().search(text, max(0, start - _LONGEST_LINK), start):
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

    A stop word inside a division's name does not count (原 in 中原区). A public body starts where the first
    division it names starts (网站首页襄阳市委 → 襄阳市委); a company keeps what stands before (华宇河南能源公司).

    >>> trim_org_left("记者采访了登封市委")
    '登封市委'
    >>> trim_org_left("是中原区城管局")
    '中原区城管局'
    """
    lexicon = load_lexicon()
    named = [(start, end) for start, end, _ in lexicon.division_mentions(org_text)]
    cut = 0
    for stop in _org_stop_re().finditer(org_text):
        if not any(start <= stop.start() < end for start, end in named):
            cut = max(cut, stop.start() + len(stop.group(1)))
    for listed in _listed_before().finditer(org_text, cut):
        cut = listed.end()  # 市政协主席龚秀英和市人大常委会: a title, a name and a joiner stand before this body
    first = next((start for start, _ in named if start >= cut), None)
    # a place in brackets (中国(海南)改革发展研究院) or in a company's name is part of the name
    if first is not None and not _names_a_company(org_text[cut:]) and org_text[first - 1:first] not in ("(", "（"):
        cut = first
    return org_text[cut:]


def _names_a_company(org_text: str) -> bool:
    """True when a company is named (华宇河南能源有限公司党委): the places in its name are part of it."""
    lexicon = load_lexicon()
    return any(suffix in org_text for suffix, kind in lexicon.org_suffixes.items() if kind == "company")


@lexicon_table
def _listed_before() -> re.Pattern:
    """A title with its holder's name and a joiner, before the body a chain names next."""
    return re.compile(f"(?:{alternation(load_lexicon().titles)})[{HAN}]{{2,3}}[和及与]")


@lexicon_table
def _org_stop_re() -> re.Pattern:
    # overlapping stops are all found by a lookahead, as the old word-by-word search found them
    return re.compile(f"(?=({alternation(load_lexicon().org_stops)}))")


def find_title_chains(text: str, boundaries: set[int]) -> list[Mention]:
    """Titles with the people who hold them: "郑州市科技局党组书记、局长夏扬", "程志明市长",
    "刘电力是金水区应急管理局监察大队中队长", "市政协副主席甲、乙、丙", "任命甲为市财政局局长",
    "免去甲、乙的副市长职务".

    text: the article text; boundaries: token boundaries.
    Returns POST_CHAIN mentions, one per person; attrs `segments` is a list of (organisation text, title)
    in text order, `name` the person and `name_start`/`name_end` where the name stands, and for a name
    written before its post, `verbs`: the verb before the names (决定任命, 免去, or "") and the one between
    them and the post (为, 当选为, 的, 辞去).
    """
    found = []
    lexicon = load_lexicon()
    for match in title_re().finditer(text):
        segments = _chain_segments(text[_clause_start(text, match.start()):match.end()])
        before = segments[-1][0] if segments else ""
        # segments are joined by one character each (、 or 兼)
        chain_start = match.end() - sum(len(org) + len(title) for org, title in segments) - (len(segments) - 1)
        if match.start() not in boundaries and before and not lexicon.is_organisation(before):
            shared = before + match.group()[0]
            if lexicon.org_kind(shared) in (None, "division"):
                continue  # the title's characters belong to other words: 全市|长周期
            # a body and its head's title sharing a character, as news shortens them: 宣传部长, 公安局长
            segments[-1] = (shared, match.group())
        attrs = {"segments": segments}
        names = _names_after(text, match.end(), boundaries)
        if not names and (subjects := _subjects_before(text, chain_start, match.end(), boundaries)):
            names, attrs["verbs"] = subjects
        if not names and (subject := _subject_named_before(text, chain_start, found)):
            names, attrs["verbs"] = subject
        # a title after its holder ends where a word does (程志明|市长; not 尹君在|主席台)
        if not names and match.end() in boundaries and (
                name_start := read_name_before(text, match.start(), boundaries)) is not None:
            names, attrs["segments"] = [(name_start, match.start())], [("", match.group())]
        for name_start, name_end in names:
            span_start, span_end = min(chain_start, name_start), max(name_end, match.end())
            found.append(Mention("POST_CHAIN", span_start, span_end, text[span_start:span_end],
                                 {**attrs, "name": text[name_start:name_end], "name_start": name_start,
                                  "name_end": name_end}))
    return found


def _names_after(text: str, start: int, boundaries: set[int]) -> list[tuple[int, int]]:
    """The names right after a title, starting where a token starts (全市长周期内 has none): one, or a list
    joined by 、 that shares the title (副主任甲、乙、丙)."""
    if start not in boundaries:
        return []
    if heading_name := _LINE_FINAL_NAME.match(text, start):
        # a heading that ends on a title and a name (——访那坡县委副书记、县长农布达): the place says it is
        # a name, whatever its surname
        name = heading_name.group()
        if dictionary_tags().get(name) is None and not any(ends_name_before(text, p, boundaries) for p in range(start + 1, heading_name.end())):
            return [heading_name.span()]
    names = []
    while (end := read_name_after(text, start, boundaries)) is not None:
        names.append((start, end))
        if end >= len(text) or text[end] != "、" or end + 1 not in boundaries:
            break
        start = end + 1
    return names


_LINE_FINAL_NAME = re.compile(rf"[{HAN}]{{2,3}}(?=[ \t\u3000]*\n)")


def _subjects_before(text: str, chain_start: int, chain_end: int,
                     boundaries: set[int]) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
    """The people a post is stated of when their names come first: "甲是……中队长", "甲、乙当选为……副主任",
    "任命甲为……局长", "免去甲、乙的……职务", "甲提出辞去……职务". The post must close its clause (or
    stand before 职务); 的 needs a verb of removal before the names. Returns the names, and the verb
    before them ("" when none) with the one after them."""
    if chain_end < len(text) and text[chain_end] not in CLAUSE_BREAKS and not text.startswith(_POST_WORD, chain_end):
        return None
    link = _link_before().search(text, max(0, chain_start - _LONGEST_LINK), chain_start)
    if link is None:
        return None
    names: list[tuple[int, int]] = []
    end = link.start()
    # 甲同志任……局长: a form of address stands between the name and the verb
    end -= next((len(word) for word in load_lexicon().cue_words("honorific") if text.endswith(word, 0, end)), 0)
    # 甲等42位同志当选为……委员: the one named holds the post, the others counted are not named
    if others := _AND_OTHERS.search(text, max(0, end - _LONGEST_AND_OTHERS), end):
        end = others.start()
    while (start := read_name_before(text, end, boundaries)) is not None:
        names.insert(0, (start, end))
        if start == 0 or text[start - 1] != "、":
            break
        end = start - 1
    if not names:
        return None
    first = names[0][0]
    introduced = _introducer_before().search(text, max(0, first - _LONGEST_LINK), first)
    verb = link.group("verb")
    if not introduced and first > 0 and text[first - 1] in _CLAUSE_LIST_BREAKS:
        # 分别免去甲的……职务；乙的……职务: the verb of the sentence's first clause goes on after a semicolon
        introduced = _introducer().search(text, _start_after(text, first, _FULL_STOPS), first)
    if verb in _NEEDS_INTRODUCER and not introduced:
        return None
    if not (first == 0 or text[first - 1] in CLAUSE_BREAKS or introduced):
        return None
    return names, (introduced.group() if introduced else "", verb)


_AND_OTHERS = re.compile(r"等[\d一二三四五六七八九十百]+[位名人](?:同志)?$")
_LONGEST_AND_OTHERS = 10


def _subject_named_before(text: str, chain_start: int,
                          found: list[Mention]) -> tuple[list[tuple[int, int]], tuple[str, str]] | None:
    """The person a post is stated of when the clause does not name them: "免去其……职务" (其: the person
    of the sentence's last post), or a 任前公示 "甲，男，……，现任……，拟任……" (the person the sentence's
    biography opens with). Returns the name and the verbs, as _subjects_before does."""
    sentence_start = _start_after(text, chain_start, _SENTENCE_ENDS)
    lexicon = load_lexicon()
    pronoun = _pronoun_before().search(text, max(sentence_start, chain_start - _LONGEST_LINK), chain_start)
    if pronoun and found and found[-1].start >= sentence_start:
        last = found[-1].attrs
        return [(last["name_start"], last["name_end"])], (pronoun.group("verb"), pronoun.group("pronoun"))
    link = _link_before().search(text, max(sentence_start, chain_start - _LONGEST_LINK), chain_start)
    if link is None or link.start() == 0 or text[link.start() - 1] not in CLAUSE_BREAKS:
        return None
    biography = _biography_start().match(text, sentence_start)
    if biography is None or lexicon.surname_of(biography.group("name")) is None:
        return None
    return [biography.span("name")], ("", link.group("verb"))


# a semicolon ends a clause of a list (甲的……职务；乙的……职务) but not the sentence that lists them
_FULL_STOPS = ("。", "\n", "！", "？")
_SENTENCE_ENDS = _FULL_STOPS + ("；",)


def _start_after(text: str, position: int, ends: tuple[str, ...]) -> int:
    """Where the stretch of text that runs to `position` begins: after the last of `ends` before it."""
    return max(text.rfind(end, 0, position) for end in ends) + 1


@lexicon_table
def _pronoun_before() -> re.Pattern:
    """A verb of appointment or removal and a pronoun for the person just named, before a post: 免去其."""
    lexicon = load_lexicon()
    return re.compile(f"(?P<verb>{alternation(lexicon.cue_words('introducer'))})"
                      f"(?P<pronoun>{alternation(lexicon.cue_words('pronoun'))})$")


@lexicon_table
def _biography_start() -> re.Pattern:
    """A sentence that opens a person's biography: 甲，男，…… (a name, then the person's sex)."""
    return re.compile(f"[ \t\u3000]*(?P<name>[{HAN}]{{2,3}})[，,](?:{alternation(load_lexicon().cue_words('sex'))})[，,（(]")


_POST_WORD = "职务"
_LONGEST_LINK = 8
_NEEDS_INTRODUCER = ("的",)


@lexicon_table
def _link_before() -> re.Pattern:
    """A verb between names and the post they are given, ending where the post starts: 当选为, 为, 分别提出辞去."""
    return re.compile(f"(?:分别)?(?:提出)?(?P<verb>{alternation(load_lexicon().cue_words('copula'))})$")


@lexicon_table
def _introducer_before() -> re.Pattern:
    """A verb before the names of an appointment or removal: 任命, 决定免去, 选举."""
    return re.compile(f"(?:{_introducer().pattern})$")


@lexicon_table
def _introducer() -> re.Pattern:
    return re.compile(alternation(load_lexicon().cue_words("introducer")))


# the clauses of one list of appointments or removals are cut by semicolons
_CLAUSE_LIST_BREAKS = "；;"


_FORMER = "原"


def _ends_in_division(text: str) -> bool:
    """True when a division's spelling ends `text` (太原, 中原区 does not end in one)."""
    return any(end == len(text) for _, end, _ in load_lexicon().division_mentions(text))


def _chain_segments(chain_text: str) -> list[tuple[str, str]]:
    """Split "市委常委、政法委书记" into [("市委", "常委"), ("政法委", "书记")], keeping the tail that parses."""
    segments: list[tuple[str, str]] = []
    for piece in reversed(_CHAIN_JOINERS.split(chain_text)):
        parsed = _split_title(piece)
        if parsed is None:
            break
        org_text, title = parsed
        # 原主任: a former holder is named by the post all the same (but 原 of 太原 is the place's)
        if org_text.endswith(_FORMER) and len(org_text) > 1 and not _ends_in_division(org_text):
            org_text = org_text[:-len(_FORMER)]
        trimmed = trim_org_left(org_text)
        segments.insert(0, (trimmed, title))
        if trimmed != org_text:
            break  # what stood before the body is no part of this chain (秘书长甲率领的由……副主任)
    return segments


def find_bylines(text: str) -> list[Mention]:
    """Credits of who wrote or reported: 本报记者 王红, (记者 成燕 通讯员 曹杨), 策划:王超 魏鹏辉.

    Returns one BYLINE mention per name; attrs `role` is the role as printed, less 本报 and 本期.

    >>> [(m.text, m.attrs["role"]) for m in find_bylines("本报讯(记者 成燕 通讯员 曹杨)")]
    [('成燕', '记者'), ('曹杨', '通讯员')]
    """
    role = _credits_re().role
    found = []
    for match in _credits_re().credits.finditer(text):
        # the outlet before the first role (襄阳晚报全媒体记者) is looked for only where a credit stands
        outlet = _credits_re().outlet_before.search(text, max(0, match.start() - _LONGEST_OUTLET), match.start())
        current_role = None
        for piece in re.finditer(rf"{role.pattern}|{_CREDITED_NAME}", match.group()):
            if role.fullmatch(piece.group()):
                current_role = (outlet.group() if outlet and current_role is None else "") + piece.group()
                current_role = current_role.removeprefix("本报").removeprefix("本期")
            elif current_role and is_name(piece.group()):
                start = match.start() + piece.start()
                found.append(Mention("BYLINE", start, start + len(piece.group()), piece.group(), {"role": current_role}))
    # (高召 赵宁) closing a paragraph: the reporters sign the item
    for match in _SIGNATURE.finditer(text):
        if any(match.start() <= credit.start < match.end() for credit in found) or role.search(match.group("names")):
            continue  # (记者 成燕): credited with a role already
        for piece in re.finditer(_CREDITED_NAME, match.group("names")):
            if is_name(piece.group()):
                start = match.start("names") + piece.start()
                found.append(Mention("BYLINE", start, start + len(piece.group()), piece.group(), {"role": _SIGNED}))
    return found


def find_editor_credits(text: str) -> list[Mention]:
    """The names of a web page's editor credits (责任编辑:王某): no authors, no people of the news."""
    return [Mention("EDITOR", m.start("names"), m.end("names"), m.group("names"), {})
            for m in editor_credit_re().finditer(text)]


_CREDITED_NAME = rf"[{HAN}]{{2,4}}"
_LONGEST_OUTLET = 10
_SIGNED = "署名"
# (高召 赵宁), (许光明摄): the last name stops before 摄
_SIGNATURE = re.compile(rf"[(（](?P<names>(?:{_CREDITED_NAME}{SPACES}+){{0,3}}[{HAN}]{{2,4}}?)摄?[)）]{SPACES}*$",
                        re.MULTILINE)


class _Credits:
    """The byline role pattern, and credits: a role, then names (记者 成燕, 记者马骁), each maybe with a role."""

    def __init__(self):
        self.role = byline_role_re()
        self.outlet_before = re.compile(f"(?:{named_outlet_re().pattern})$")
        spaced = rf"(?:{SPACES}+|{SPACES}*[:：]{SPACES}*)"
        # a name glued to its role must end where the credit ends: 记者马骁) but not 记者从市里获悉
        glued = rf"[{HAN}]{{2,4}}?(?=[)）、{SPACES[1:-1]}\n]|摄|报道|$)"
        first = rf"(?:{spaced}{_CREDITED_NAME}|{glued})"
        more = rf"(?:(?:{SPACES}+|、)(?:{self.role.pattern}{spaced})?{_CREDITED_NAME})*"
        self.credits = re.compile(rf"{known_byline_role_re().pattern}{first}{more}")


@lexicon_table
def _credits_re() -> _Credits:
    return _Credits()


def find_speakers(text: str, boundaries: set[int]) -> list[Mention]:
    """Named speakers at the start of a clause: "王万鹏表示", "夏扬告诉记者"."""
    found = []
    for verb in _speech_verbs().finditer(text):
        start = read_name_before(text, verb.start(), boundaries)
        if start is not None:
            found.append(Mention("PERSON", start, verb.start(), text[start:verb.start()], {"source": "speaker"}))
    return found
