"""Regular expressions built from the lexicons, compiled once per process.

Rules that span characters rather than tokens live here as regexes over the
raw text: jieba cuts titles and names differently in context (科技局局长 →
科技|局局长), so token patterns would miss them.
"""
from __future__ import annotations

import re

from kg.lexicon import alternation, lexicon_table, load_lexicon

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
NAME_CHARS = rf"[{HAN}·]"
SPACES = r"[ \t\u3000\u00a0]"
SENTENCE_END = "。！？!?；;"


@lexicon_table
def named_outlet_re() -> re.Pattern:
    """Any paper or site named by a place and a kind of outlet: 襄阳晚报, 湖北在线, 宜昌日报."""
    return re.compile(rf"[{HAN}]{{2,6}}?(?:{alternation(load_lexicon().outlet_kinds)})")


@lexicon_table
def known_byline_role_re() -> re.Pattern:
    """A byline role with no outlet or a known one: 本报记者, 郑报全媒体记者, 河南日报记者, 通讯员, 本期执笔, 策划...
    It starts with a word of the lexicon, so a search skips most of a text at once."""
    lexicon = load_lexicon()
    outlets = alternation(lexicon.outlets)
    reporters = alternation(lexicon.reporter_words)
    credits = alternation(lexicon.credit_words)
    return re.compile(rf"(?:(?:{outlets})?(?:{reporters})|(?:{credits}))")


@lexicon_table
def byline_role_re() -> re.Pattern:
    """A byline role: 本报记者, 郑报全媒体记者, 河南日报记者, 宜昌日报记者, 湖北在线记者, 通讯员, 本期执笔, 策划..."""
    return re.compile(rf"(?:{named_outlet_re().pattern})?{known_byline_role_re().pattern}")


@lexicon_table
def editor_credit_re() -> re.Pattern:
    """A web page's editor credit (责任编辑:王某), whose names are neither authors nor people of the news."""
    return re.compile(rf"(?:{alternation(load_lexicon().editor_words)}){SPACES}*[:：]?{SPACES}*(?P<names>[{HAN}]{{2,4}}"
                      rf"(?:{SPACES}+[{HAN}]{{2,4}})*)")


@lexicon_table
def byline_re() -> re.Pattern:
    """A role followed by one or more names, as in 本报记者 王红 or 策划:王超 魏鹏辉.

    Group `role` is the role, group `names` the names separated by spaces.
    """
    name = rf"[{HAN}]{{2,4}}"
    return re.compile(
        rf"(?P<role>{byline_role_re().pattern}){SPACES}*[:：]?{SPACES}*"
        rf"(?P<names>{name}(?:{SPACES}+{name})*)"
    )


@lexicon_table
def byline_line_re() -> re.Pattern:
    """A paragraph that is nothing but bylines: 河南日报记者 张建新 王延辉 本报记者 李娜."""
    one = byline_re().pattern.replace("?P<role>", "?:").replace("?P<names>", "?:")
    return re.compile(rf"^(?:{one}{SPACES}*)+(?:文/图|/文|摄)?$")


# 本报讯(记者 X)4月12日上午, 本报5月6日讯, 新华社北京4月12日电: the start of a news item's body, and the
# day it gives (a day of the page's year)
DATELINE_RE = re.compile(
    r"^(?:本报讯[ \t\u3000]*(?:[(（][^)）\n]{0,40}[)）][ \t\u3000]*)?(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?"
    r"|本报[^。，,讯\n]{0,10}?讯|[^。，,\n]{0,12}?(?P<month_at>\d{1,2})月(?P<day_at>\d{1,2})日[电讯])")
CONTINUATION_RE = re.compile(r"^[(（]\s*上接[^)）]{0,6}[)）]")
