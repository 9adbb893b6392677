"""The place a page is about: what its bare 市, 省, 县 and 区 stand for.

"市委" on a Xiangyang Daily page is 襄阳市委, and "省委" on a Hefei page is 安徽省委. The page says where it is
from, and the evidence is weighed in this order, strongest first:
- its dateline (本报南阳讯, 新华社南阳3月1日电, 黄石讯) and the outlets it names (襄阳日报, 宜昌人大网, 湖北在线);
- the place visitors come to: 来襄, 莅宜, 莅临我市 (the host is the page's own place, as 来 says);
- the divisions its headline and first sentences name, then those the rest of it names; a place visited
  (到泌阳, 赴京) is not the page's;
- the build's home (kg/data/home.tsv, or `kg build --city`), which decides when the page says nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.lexicon import Division, Lexicon, alternation

# the headline and first sentences: what a page names there is what it is about
LEAD_CHARS = 150
_LEAD_WEIGHT = 3.0
_BODY_WEIGHT = 1.0
_STRONG_WEIGHT = 10.0
# a county or district names its city too
_PARENT_SHARE = 1.0
# the home place decides unless the page names another place at least this strongly
_HOME_PRIOR = 2.0
_COUNTY_MIN = 3.0
# 本报南阳讯, 南阳讯, 新华社南阳3月1日电: the place a report was filed from
_DATELINE = re.compile(
    r"(?:^|[\s(（])(?:新华社|中新社|本报)?(?P<place>[\u4e00-\u9fff]{2,5}?)(?:\d{1,2}月\d{1,2}日电|讯)"
)


@dataclass(frozen=True)
class Place:
    """What a page's bare 省 (province), 市 (city) and 县 or 区 (county) stand for; None where nothing says."""

    province: str | None
    city: str | None
    county: str | None = None


class Places:
    """The place a page is about, from a lexicon's divisions, outlets and verbs of coming and going.

    >>> places = Places(Lexicon())
    >>> places.home("杭州")
    Place(province='浙江省', city='杭州市', county=None)
    >>> places.of_page("本报讯 襄阳市委召开会议，襄阳市长主持", places.home()).city
    '襄阳市'
    >>> places.of_page("本报讯 市委召开会议", places.home()).city
    '郑州市'
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._outlet = re.compile(alternation(lexicon.words("outlet_kinds")))
        self._visited_before = lexicon.words("visited_before")
        self._hosting_before = lexicon.words("hosting_before")
        # 来襄考察, 莅宜视察, 来柳表示欢迎: a city's first character alone after a verb of coming, before what
        # the visitors did there
        self._hosting = re.compile(
            f"(?:{alternation(self._hosting_before)})(?P<initial>[\u4e00-\u9fff])"
            f"(?:{alternation(lexicon.words('visit_verbs'))}|[，,。])"
        )
        # the prefecture cities of each province by the first character of their name
        self._cities_by_initial: dict[tuple[str, str], list[Division]] = {}
        for division in lexicon.divisions:
            if division.level == "city":
                self._cities_by_initial.setdefault((division.parent, division.name[0]), []).append(division)

    def of_body(self, name: str) -> tuple[frozenset[str], str | None, str | None]:
        """The divisions below province level a body's name places it in (a county's city too), the one it
        belongs to (None for a province's or the state's body), and its province.

        >>> places, seat, province = Places(Lexicon()).of_body("登封市人民政府")
        >>> sorted(places), seat, province
        (['登封市', '郑州市'], '登封市', '河南省')
        """
        lexicon = self.lexicon
        alias = lexicon.division_prefix(name)
        division = alias and lexicon.division_by_alias[alias]
        if not division:
            return frozenset(), None, None
        province = lexicon.province_of(division)
        seat = None if division.level == "province" else division.name
        places = set()
        while division and division.level != "province":
            places.add(division.name)
            division = lexicon.division_by_alias.get(division.parent)
        return frozenset(places), seat, province and province.name

    def home(self, city: str | None = None) -> Place:
        """The place of a page that names none: `city` (any spelling of a division), else kg/data/home.tsv's."""
        lexicon = self.lexicon
        division = lexicon.division_by_alias.get(city or lexicon.home_city)
        if division is None:
            raise ValueError(f"{city} is no division of China that kg/data/divisions.tsv knows")
        province = lexicon.province_of(division)
        if division.is_city:
            return Place(province and province.name, division.name)
        return Place(province and province.name, division.parent or None, division.name)

    def of_page(self, text: str, home: Place) -> Place:
        """The place `text` is about, from the evidence it gives; `home` where it gives none.

        text: the article (headline first), or a whole page;
        home: the place where the text says nothing: the build's home place (home()) for a page,
        the page's place for one of its articles.
        """
        lexicon = self.lexicon
        cities: Counter[str] = Counter({home.city: _HOME_PRIOR} if home.city else {})
        counties: Counter[str] = Counter()
        provinces: Counter[str] = Counter()
        for start, end, division in lexicon.division_mentions(text):
            if text[start:end] not in lexicon.strong_division_spellings:
                continue  # 亚东 in 王亚东: a county's short form is too often part of a name
            self._credit(division, self._weight(text, start, end), cities, counties, provinces)
        dateline = _DATELINE.search(text[:LEAD_CHARS])
        if dateline and (division := lexicon.division_by_alias.get(dateline.group("place"))):
            self._credit(division, _STRONG_WEIGHT, cities, counties, provinces)
        province = _best(provinces) or home.province
        for division in self._hosts_by_initial(text, province):
            self._credit(division, _STRONG_WEIGHT, cities, counties, provinces)
        best_province = _best(provinces)
        elsewhere = best_province is not None and best_province != home.province
        # a page whose own place is unknown takes a city only on evidence as strong as a home's
        city = _best(cities, minimum=0.0 if home.city else _HOME_PRIOR)
        named = city is not None and cities[city] > (_HOME_PRIOR if city == home.city else 0.0)
        if city is None or (elsewhere and not named):
            # a page that names another province but no city of its own: its 市 says nothing we can tell
            city = None if elsewhere else home.city
        if city and (above := lexicon.province_of(lexicon.division_by_alias[city])):
            province = above.name
        county = _best(counties, minimum=_COUNTY_MIN)
        if county and lexicon.division_by_alias[county].parent not in (city, province):
            county = None
        return Place(province or None, city, county)

    def _weight(self, text: str, start: int, end: int) -> float:
        """How much one mention of a division says the page is about it."""
        before = text[max(0, start - 2) : start]
        if before.endswith(self._hosting_before) or self._outlet.match(text, end):
            return _STRONG_WEIGHT
        if before.endswith(self._visited_before):
            return 0.0
        return _LEAD_WEIGHT if start < LEAD_CHARS else _BODY_WEIGHT

    def _credit(
        self, division: Division, weight: float, cities: Counter, counties: Counter, provinces: Counter
    ) -> None:
        lexicon = self.lexicon
        if not weight:
            return
        if division.is_city:
            cities[division.name] += weight
        if division.is_county:
            counties[division.name] += weight
            parent = lexicon.division_by_alias.get(division.parent)
            # a county's or district's page reads 市 as its city; a county-level city's reads 市 as itself
            if division.level != "county_city" and parent is not None and parent.is_city:
                cities[parent.name] += weight * _PARENT_SHARE
        if (province := lexicon.province_of(division)) is not None:
            provinces[province.name] += weight

    def _hosts_by_initial(self, text: str, province: str | None) -> list[Division]:
        """The cities of `province` that a verb of coming names by their first character alone (来襄 → 襄阳市)."""
        found = []
        for match in self._hosting.finditer(text):
            candidates = self._cities_by_initial.get((province, match.group("initial")), [])
            if len(candidates) == 1:
                found.append(candidates[0])
        return found


def _best(scores: Counter, minimum: float = 0.0) -> str | None:
    """The highest-scored name, if it scores at least `minimum` and no other scores as high."""
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < minimum or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
