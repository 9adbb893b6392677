"""Groups a text says are made up of named people: "由甲、乙等组成的某某调研组" is led by 甲, whom the text
goes on to call the group (调研组一行先后深入……, 副市长丙与调研组一行座谈)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.named import NamedPerson
from kg.lexicon import Lexicon, alternation

_MADE_UP = "组成的"


@dataclass(frozen=True)
class Group:
    """A group made up before some point of the text: who leads it and its name as written."""

    leader: str
    name: str


class GroupFinder:
    """The last group made up of named people before a point of the text.

    >>> find = GroupFinder(Lexicon())
    >>> text = "由甲乙丙等组成的某某调研组来访。调研组一行来到某地。"
    >>> find(text, [NamedPerson("甲乙丙", 1, 4)], 16)
    Group(leader='甲乙丙', name='某某调研组')
    """

    def __init__(self, lexicon: Lexicon):
        #: the words that name a group (调研组, 考察团): kg/data/visit_parties.tsv
        self.group_words = tuple(word for word, kind in lexicon.table("visit_parties").rows if kind == "group")
        self._read: tuple[str, list[re.Match]] | None = None
        self._composed = re.compile(
            f"由(?P<members>[^。；;]{{2,120}}?){_MADE_UP}(?P<name>[^，,。；;的]{{0,30}}?(?:{alternation(self.group_words)}))"
        )

    def __call__(self, text: str, people: list[NamedPerson], before: int) -> Group | None:
        composed = [m for m in self._made_up(text) if m.end() <= before][-1:]
        if not composed:
            return None
        start, end = composed[0].span("members")
        leader = next((p.name for p in people if start <= p.start and p.end <= end), None)
        return Group(leader, composed[0]["name"]) if leader else None

    def _made_up(self, text: str) -> list[re.Match]:
        """The groups `text` makes up, read once for the many verbs of one text that ask."""
        if self._read is None or self._read[0] is not text:
            self._read = (text, list(self._composed.finditer(text)) if _MADE_UP in text else [])
        return self._read[1]
