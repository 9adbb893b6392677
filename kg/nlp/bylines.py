"""Credits of who wrote or reported: 本报记者 王红, (记者 成燕 通讯员 曹杨), 策划:王超 魏鹏辉; and a web page's
editor credits (责任编辑:王某), whose names are no one's of the news."""

from __future__ import annotations

import re

from kg.nlp.mentions import Mention
from kg.nlp.names import Names
from kg.patterns import HAN, SPACES, BylinePatterns

_CREDITED_NAME = rf"[{HAN}]{{2,4}}"
_CREDITED_NAMES = re.compile(_CREDITED_NAME)
_LONGEST_OUTLET = 10
_SIGNED = "署名"
# what a role says of the home paper or the issue, which the role recorded leaves out
_OWN_PREFIXES = ("本报", "本期")
# (高召 赵宁), (许光明摄): the last name stops before 摄
_SIGNATURE = re.compile(
    rf"[(（](?P<names>(?:{_CREDITED_NAME}{SPACES}+){{0,3}}[{HAN}]{{2,4}}?)摄?[)）]{SPACES}*$", re.MULTILINE
)

# 李亚朝 摄, ▲开工仪式现场 郭先明摄: a photo credit at the start of a line or after a space
_PHOTO_CREDIT = re.compile(rf"(?:^|(?<={SPACES}))(?P<name>[{HAN}]{{2,3}}){SPACES}*摄(?![影像制])", re.MULTILINE)
_PHOTO_ROLE = "摄影"


class BylineFinder:
    """BYLINE mentions, one per name, with attrs `role` (the role as printed, less 本报 and 本期); and EDITOR
    mentions for the names of editor credits.

    >>> from kg.lexicon import Lexicon
    >>> from kg.nlp.segmenter import Dictionary
    >>> find = BylineFinder(BylinePatterns(Lexicon()), Names(Lexicon(), Dictionary(Lexicon())))
    >>> [(m.text, m.attrs["role"]) for m in find("本报讯(记者 成燕 通讯员 曹杨)")]
    [('成燕', '记者'), ('曹杨', '通讯员')]
    """

    def __init__(self, patterns: BylinePatterns, names: Names):
        self.patterns = patterns
        self.names = names
        self.role = patterns.role
        self._outlet_before = re.compile(f"(?:{patterns.named_outlet.pattern})$")
        spaced = rf"(?:{SPACES}+|{SPACES}*[:：]{SPACES}*)"
        # a name glued to its role must end where the credit ends: 记者马骁) but not 记者从市里获悉
        glued = rf"[{HAN}]{{2,4}}?(?=[)）、{SPACES[1:-1]}\n]|摄|报道|$)"
        first = rf"(?:{spaced}{_CREDITED_NAME}|{glued})"
        # later names, each maybe after its own role, spaced or glued: (记者杜玲 见习记者郭嘉莉)
        more = rf"(?:(?:{SPACES}+|、)(?:{self.role.pattern}{spaced}?)?{_CREDITED_NAME})*"
        # a credit: a role, then names (记者 成燕, 记者马骁), each maybe with a role
        self._credits = re.compile(rf"{patterns.known_role.pattern}{first}{more}")
        self._role_or_name = re.compile(rf"{self.role.pattern}|{_CREDITED_NAME}")

    def __call__(self, text: str) -> list[Mention]:
        found = []
        for match in self._credits.finditer(text):
            # the outlet before the first role (襄阳晚报全媒体记者) is looked for only where a credit stands
            outlet = self._outlet_before.search(text, max(0, match.start() - _LONGEST_OUTLET), match.start())
            current_role = None
            for piece in self._role_or_name.finditer(match.group()):
                if self.role.fullmatch(piece.group()):
                    current_role = (outlet.group() if outlet and current_role is None else "") + piece.group()
                    for prefix in _OWN_PREFIXES:
                        current_role = current_role.removeprefix(prefix)
                elif current_role and (name := self._credited(piece.group())):
                    start = match.start() + piece.start()
                    found.append(Mention("BYLINE", start, start + len(name), name, {"role": current_role}))
        # (高召 赵宁) closing a paragraph: the reporters sign the item
        for match in _SIGNATURE.finditer(text):
            if any(match.start() <= credit.start < match.end() for credit in found) or self.role.search(
                match.group("names")
            ):
                continue  # (记者 成燕): credited with a role already
            for piece in _CREDITED_NAMES.finditer(match.group("names")):
                if self.names.is_name(piece.group()):
                    start = match.start("names") + piece.start()
                    found.append(Mention("BYLINE", start, start + len(piece.group()), piece.group(), {"role": _SIGNED}))
        for match in _PHOTO_CREDIT.finditer(text):
            if not any(credit.start == match.start("name") for credit in found) and self.names.is_name(match["name"]):
                found.append(
                    Mention("BYLINE", match.start("name"), match.end("name"), match["name"], {"role": _PHOTO_ROLE})
                )
        return found

    def _credited(self, piece: str) -> str | None:
        """The name a credit gives: the piece, or what of it stands before the 摄 it runs into (记者 严立政摄)."""
        for name in (piece, piece.partition("摄")[0]):
            if name and self.names.is_name(name):
                return name
        return None

    def editor_credits(self, text: str) -> list[Mention]:
        """The names of a web page's editor credits (责任编辑:王某): no authors, no people of the news."""
        return [
            Mention("EDITOR", m.start("names"), m.end("names"), m.group("names"), {})
            for m in self.patterns.editor_credit.finditer(text)
        ]
