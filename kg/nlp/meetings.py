"""Named meetings and conferences: "市委十二届二次全会暨市委经济工作会议", "党的二十大"."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import alternation, load_lexicon
from kg.nlp.mentions import Mention
from kg.nlp.people import CLAUSE_BREAKS, trim_org_left
from kg.patterns import HAN

_PARTY_CONGRESS = re.compile("党的[一二三四五六七八九十]+大")
_DETERMINERS = ("这", "此", "本", "该", "各", "全体", "一次", "相关", "有关", "会")


@lru_cache(maxsize=1)
def meeting_word_re() -> re.Pattern:
    """A word that ends a meeting name, when no further Han character of the same word follows."""
    words = alternation(load_lexicon().meeting_words)
    after = "精神|上|后|中|期间|召开|举行|在|的|暨|提出|强调|指出|明确|描绘|胜利|以来|前|结束|部署|要求|并|和|与"
    return re.compile(rf"(?:{words})(?=[^{HAN}]|$|{after})")


def find_meetings(text: str) -> list[Mention]:
    """Named meetings; attrs `name` is the name as printed, trimmed of verbs and particles before it.

    >>> [m.attrs["name"] for m in find_meetings("出席市委十二届二次全会暨市委经济工作会议。")]
    ['市委十二届二次全会暨市委经济工作会议']
    """
    found = [Mention("MEETING", m.start(), m.end(), m.group(), {"name": m.group()})
             for m in _PARTY_CONGRESS.finditer(text)]
    words = list(meeting_word_re().finditer(text))
    joined_into_next = {i for i, w in enumerate(words[:-1]) if text.startswith("暨", w.end())}
    for i, word in enumerate(words):
        if i in joined_into_next:
            continue
        start = word.start()
        while start > 0 and text[start - 1] not in CLAUSE_BREAKS:
            start -= 1
        prefix = trim_org_left(text[start:word.start()])
        name = prefix + text[word.start():word.end()]
        name_start = word.end() - len(name)
        if len(prefix) < 2 or prefix.startswith(_DETERMINERS) or any(m.start <= name_start < m.end for m in found):
            continue
        found.append(Mention("MEETING", name_start, word.end(), name, {"name": name}))
    return sorted(found, key=lambda m: m.start)
