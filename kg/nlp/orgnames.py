"""Where an organisation's name starts: the rules of the shape of a body's name, read back from its end.

A title chain (郑州市科技局党组书记) and a campaign's promoters (市委市政府深入开展) name bodies in running
text; what stands before the body (a reporting verb, a particle, another person) is no part of its name.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, alternation
from kg.patterns import HAN

_DIVISION_KINDS = ("division", "zone")
# a division's committee: 登封市委 is 登封市 + 委
_COMMITTEE = "委"


class OrgNames:
    """The rules of a body's name, from a lexicon's organisation suffixes, stops, titles and divisions.

    >>> names = OrgNames(Lexicon())
    >>> names.trim_left("记者采访了登封市委"), names.trim_left("是中原区城管局"), names.trim_left("会见了中原电气集团")
    ('登封市委', '中原区城管局', '中原电气集团')
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        # overlapping stops are all found by a lookahead, as a word-by-word search finds them
        self._stops = re.compile(f"(?=({alternation(lexicon.words('org_stops'))}))")
        # a title with its holder's name and a joiner, before the body a chain names next
        self._listed_before = re.compile(f"(?:{alternation(lexicon.titles)})[{HAN}]{{2,3}}[和及与]")
        self._company_suffixes = tuple(suffix for suffix, kind in lexicon.org_suffixes.items() if kind == "company")
        self._regions = re.compile(alternation(lexicon.words("regions")))
        self._party_prefixes = lexicon.words("party_prefixes")
        places = alternation(lexicon.words("independent_starts") + lexicon.words("government_levels"))
        self._preposition = re.compile(f"(?:{alternation(lexicon.words('org_prepositions'))})(?={places})")

    def parent_prefix(self, org: str) -> str | None:
        """The longest proper prefix of `org` that is itself an organisation: 高新区党工委 → 高新区.

        Prefixes that end inside the name's own suffix (管委 of 管委会) are tried last.
        """
        lexicon = self.lexicon
        limit = len(org) - len(lexicon.org_suffix(org))
        ends = [end for end in range(len(org) - 1, 1, -1) if end <= limit] + list(range(len(org) - 1, limit, -1))
        return next((org[:end] for end in ends if end > 1 and lexicon.is_organisation(org[:end])), None)

    def division_of(self, org: str) -> str | None:
        """The division or zone a body belongs to, as its name writes it: 登封市委 → 登封市, 市委 → 市,
        高新区管委会 → 高新区."""
        lexicon = self.lexicon
        division: str | None = org
        while division and lexicon.org_kind(division) not in _DIVISION_KINDS:
            committee_of = division[:-1]
            if division.endswith(_COMMITTEE) and committee_of and lexicon.org_kind(committee_of) in _DIVISION_KINDS:
                return committee_of
            division = self.parent_prefix(division)
        return division

    def trim_left(self, org_text: str) -> str:
        """Cut what stands before an organisation name: reporting verbs, particles, time words.

        A stop word inside a division's or a region's name does not count (原 in 中原区, 中原电气集团). A public
        body starts where the first division it names starts (网站首页襄阳市委 → 襄阳市委); a company keeps what
        stands before (华宇河南能源公司).
        """
        named = [(start, end) for start, end, _ in self.lexicon.division_mentions(org_text)]
        regions = [region.span() for region in self._regions.finditer(org_text)]
        cut = 0
        for stop in self._stops.finditer(org_text):
            if not any(start <= stop.start() < end for start, end in named + regions):
                cut = max(cut, stop.start() + len(stop.group(1)))
        for preposition in self._preposition.finditer(org_text, cut):
            cut = preposition.end()  # 受市委, 以国务院国资委: a preposition and the place its body opens with
        for listed in self._listed_before.finditer(org_text, cut):
            cut = listed.end()  # 市政协主席龚秀英和市人大常委会: a title, a name and a joiner stand before this body
        first = next((start for start, _ in named if start >= cut), None)
        # a place in brackets (中国(海南)改革发展研究院) or in a company's name is part of the name
        if (
            first is not None
            and not self.names_a_company(org_text[cut:])
            and org_text[first - 1 : first] not in ("(", "（")
        ):
            # 当选中共某市委书记: the party's name before the place is the body's
            cut = next((first - len(p) for p in self._party_prefixes if org_text[cut:first].endswith(p)), first)
        return org_text[cut:]

    def names_a_company(self, org_text: str) -> bool:
        """True when a company is named (华宇河南能源有限公司党委): the places in its name are part of it."""
        return any(suffix in org_text for suffix in self._company_suffixes)
