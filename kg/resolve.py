"""Stage 4, resolve: canonical organisations and one identity per real person.

市科技局 is 郑州市科技局 on a Zhengzhou page; 高新区 is 郑州高新区. A person is
identified by name and affiliation (the body of their first post on the page,
or the outlet they report for), so the same name in unrelated bodies stays two
people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

from kg.extract.facts import ArticleFacts
from kg.extract.posts import parent_prefix
from kg.lexicon import alternation, lexicon_table, load_lexicon

_CITY_LEVELS = ("city", "county_city")
# 新华社南阳3月1日电, 本报巩义讯, 南阳讯: the place an article was filed from
_DATELINE_PLACE = re.compile(r"^\s*(?:新华社|中新社|本报|河南日报)?(?P<place>[\u4e00-\u9fff]{2,3}?)(?:\d{1,2}月\d{1,2}日电|讯)")


@lexicon_table
def _home_name_re() -> re.Pattern:
    lexicon = load_lexicon()
    division = lexicon.division_by_alias[lexicon.home_city]
    return re.compile(alternation((division.name,) + division.aliases))

_ORG_CLASSES = {"party": "PartyCommittee", "government": "GovernmentBody", "congress": "GovernmentBody",
                "cppcc": "GovernmentBody", "division": "AdministrativeDivision", "zone": "AdministrativeDivision",
                "company": "Company", "institution": "Institution", "community": "AdministrativeDivision"}


@dataclass(frozen=True)
class Organisation:
    """One body: its canonical name, the spellings seen, its kind and the body it belongs to."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None

    @property
    def rdf_class(self) -> str | None:
        """The local name of the org:Organization subclass in ontology/govkg.ttl, None for a body of no known kind."""
        return _ORG_CLASSES.get(self.kind)


def article_city(text: str) -> str:
    """The city whose paper or site wrote the article: its dateline's city (新华社南阳3月1日电,
    本报巩义讯), else a city named in it when 郑州 never is, else the home city.

    >>> article_city("新华社南阳3月1日电 市委召开会议")
    '南阳市'
    """
    lexicon = load_lexicon()
    if dateline := _DATELINE_PLACE.match(text):
        division = lexicon.division_by_alias.get(dateline.group("place"))
        if division and division.level in _CITY_LEVELS:
            return division.name
    if _home_name_re().search(text):
        return lexicon.home_city
    named = {division.name for alias, division in lexicon.division_by_alias.items()
             if division.level in _CITY_LEVELS and len(alias) > 1 and alias in text}
    return named.pop() if len(named) == 1 else lexicon.home_city


def canonical_org_name(raw: str, city: str | None = None) -> str:
    """The name a body goes by: the page's shorthand expanded and its kind in the short form papers use.

    市委 → 郑州市委, 我省 → 河南省, 高新区党工委 → 郑州高新区党工委, 郑州市科学技术局 → 郑州市科技局;
    city: the city that 市 means on the page (the home city unless the article says otherwise).
    """
    lexicon = load_lexicon()
    name = _expanded(raw, city or lexicon.home_city)
    for full, short in lexicon.org_short_forms:
        if full in name:
            name = name.replace(full, short)
    return name


def _expanded(raw: str, city: str) -> str:
    lexicon = load_lexicon()
    province = lexicon.home_province
    for short, full in (("我市", city), ("我省", province), ("全市", city), ("全省", province)):
        if raw.startswith(short):
            return full + raw[len(short):]
    if raw.startswith("市") and not raw.startswith("市场"):
        return city + raw[1:]
    if raw.startswith("省"):
        return province + raw[1:]
    for alias in lexicon.division_aliases_longest_first:
        division = lexicon.division_by_alias[alias]
        if raw.startswith(alias):
            rest = raw[len(alias):]
            if division.level == "zone":
                # a development zone's party body is a working committee, however the text calls it
                return division.name + ("党工委" if rest == "党委" else rest)
            break
    return raw


@lru_cache(maxsize=1 << 14)  # bodies recur from article to article; the answer depends on the name and city alone
def resolve_org(raw: str, city: str | None = None) -> Organisation:
    """The organisation a name written on the page stands for; every other spelling becomes an alias.

    >>> org = resolve_org("市科学技术局")
    >>> org.name, org.aliases
    ('郑州市科技局', ('市科学技术局', '郑州市科学技术局'))
    """
    lexicon = load_lexicon()
    name = canonical_org_name(raw, city)
    aliases = tuple(sorted({raw, _expanded(raw, city or lexicon.home_city)} - {name}))
    return Organisation(name, aliases, lexicon.org_kind(name) or "organization", _parent_body(name))


def _parent_body(name: str) -> str | None:
    """The body the name says this one belongs to: a bureau to its government (郑州市科技局 → 郑州市人民政府),
    a party committee of a division to the committee above (郑东新区党工委 → 郑州市委)."""
    lexicon = load_lexicon()
    parent = parent_prefix(name)
    if not parent or lexicon.org_kind(parent) not in ("division", "zone"):
        return parent
    if lexicon.org_kind(name) == "party":
        division = lexicon.division_by_alias.get(parent)
        above = division and lexicon.division_by_alias.get(division.parent)
        return above.name + "委" if above else None
    if lexicon.org_kind(name) == "government" and lexicon.org_kind(parent) == "division":
        return parent + "人民政府"
    return parent


def byline_affiliation(role: str) -> str:
    """Who a byline's author reports for: 河南日报记者 → 河南日报; 记者 → the home paper; 通讯员 → 通讯员."""
    lexicon = load_lexicon()
    for outlet in sorted(lexicon.outlets, key=len, reverse=True):
        if role.startswith(outlet) and outlet not in ("本报", "郑报", "郑报全媒体"):
            return outlet
    return "通讯员" if role in ("通讯员", "实习生") else "郑州日报"


def post_keys(page_facts: list[ArticleFacts]) -> dict[str, list[str]]:
    """The keys a name could take from its posts on a page (name@body), each once, in the order seen."""
    options: dict[str, dict[str, None]] = {}
    for facts in page_facts:
        city = article_city(facts.article.text)
        for post in facts.posts:
            options.setdefault(post.person, {})[f"{post.person}@{canonical_org_name(post.org, city)}"] = None
    return {name: list(keys) for name, keys in options.items()}


def chosen_key(options: list[str], known_keys: Collection[str]) -> str:
    """Of the keys a name could take, the first already known, else the first."""
    return next((key for key in options if key in known_keys), options[0])


def person_keys(page_facts: list[ArticleFacts], known_keys: Collection[str] = (),
                options: dict[str, list[str]] | None = None) -> dict[str, str]:
    """One identity key per name on a page: name@body of a post, else name@outlet, else the name.

    page_facts: the facts of every article of one page (a file or a JSONL record).
    known_keys: the keys of people already in the graph; a person with posts in several bodies
    takes the key of one already known (夏扬@郑州市科技局 seen before), else that of their first post.
    options: post_keys(page_facts), when the caller has it already.
    Returns name → key; the key decides which person node the name becomes.
    """
    if options is None:
        options = post_keys(page_facts)
    keys = {name: chosen_key(choices, known_keys) for name, choices in options.items()}
    for facts in page_facts:
        for byline in facts.bylines:
            keys.setdefault(byline.person, f"{byline.person}@{byline_affiliation(byline.role)}")
        for person in facts.people:
            keys.setdefault(person.name, person.name)
    return keys
