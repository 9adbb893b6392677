"""Classes of characters, and the patterns more than one stage reads: bylines (ingest splits articles at a
paragraph of them; nlp reads their names) and datelines.

Rules that span characters rather than tokens are regexes over the raw text: jieba cuts titles and names
differently in context (科技局局长 → 科技|局局长), so token patterns would miss them.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
NAME_CHARS = rf"[{HAN}·]"
SPACES = r"[ \t\u3000\u00a0]"
# the spaces a caption line sets between a body, a title and a name: 某市人民政府市长 某某
CAPTION_SPACES = " \t\u3000"
SENTENCE_END = "。！？!?；;"
# the controls of writing direction, which show text in another order than it is written (U+202E: gnp.exe
# reads exe.png): dropped from text, escaped in names and cells
DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# a short note in brackets after a name: 李素芳(女), 王刚（回族）
NAME_NOTE = rf"[（(][{HAN}，、,]{{1,8}}[)）]"


class BylinePatterns:
    """The byline patterns of a lexicon's outlets, reporter and credit words (kg/data/byline_roles.tsv)."""

    def __init__(self, lexicon: Lexicon):
        #: any paper or site named by a place and a kind of outlet: 襄阳晚报, 湖北在线, 宜昌日报
        self.named_outlet = re.compile(rf"[{HAN}]{{2,6}}?(?:{alternation(lexicon.words('outlet_kinds'))})")
        outlets, reporters = alternation(lexicon.outlets), alternation(lexicon.reporter_words)
        #: a byline role with no outlet or a known one: 本报记者, 郑报全媒体记者, 通讯员, 本期执笔, 策划...;
        #: it starts with a word of the lexicon, so a search skips most of a text at once
        self.known_role = re.compile(rf"(?:(?:{outlets})?(?:{reporters})|(?:{alternation(lexicon.credit_words)}))")
        #: a byline role: 本报记者, 河南日报记者, 宜昌日报记者, 湖北在线记者, 通讯员, 策划...
        self.role = re.compile(rf"(?:{self.named_outlet.pattern})?{self.known_role.pattern}")
        #: a web page's editor credit (责任编辑:王某), whose names are neither authors nor people of the news
        self.editor_credit = re.compile(
            rf"(?:{alternation(lexicon.editor_words)}){SPACES}*[:：]?{SPACES}*"
            rf"(?P<names>[{HAN}]{{2,4}}(?:{SPACES}+[{HAN}]{{2,4}})*)"
        )
        name = rf"[{HAN}]{{2,4}}"
        #: a role followed by one or more names (本报记者 王红, 策划:王超 魏鹏辉): groups `role` and `names`
        self.byline = re.compile(
            rf"(?P<role>{self.role.pattern}){SPACES}*[:：]?{SPACES}*"
            rf"(?P<names>{name}(?:{SPACES}+{name})*)"
        )
        one = self.byline.pattern.replace("?P<role>", "?:").replace("?P<names>", "?:")
        #: a paragraph that is nothing but bylines: 河南日报记者 张建新 王延辉 本报记者 李娜
        self.line = re.compile(rf"^(?:{one}{SPACES}*)+(?:文/图|/文|摄)?$")


# 本报讯(记者 X)4月12日上午, 本报5月6日讯, 新华社北京4月12日电: the start of a news item's body, and the
# day it gives (a day of the page's year)
DATELINE_RE = re.compile(
    r"^(?:本报讯[ \t\u3000]*(?:[(（][^)）\n]{0,40}[)）][ \t\u3000]*)?(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?"
    r"|本报[^。，,讯\n]{0,10}?讯|[^。，,\n]{0,12}?(?P<month_at>\d{1,2})月(?P<day_at>\d{1,2})日[电讯])"
)
CONTINUATION_RE = re.compile(r"^[(（]\s*上接[^)）]{0,6}[)）]")
