"""Stage 4, resolve: the place each page is about, canonical organisations and one identity per real person.

市科技局 is 郑州市科技局 on a Zhengzhou page and 襄阳市科技局 on a Xiangyang one
(kg.resolve.place decides which); 高新区 is 郑州高新区. A person is identified by
name and affiliation (the body of their first post on the page, or the outlet
they report for), so the same name in unrelated bodies stays two people.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

from kg.extract.facts import ArticleFacts
from kg.extract.posts import parent_prefix
from kg.lexicon import load_lexicon
from kg.resolve.place import Place, home_place, page_place

__all__ = ["Organisation", "Place", "canonical_org_name", "home_place", "page_place", "person_keys", "resolve_org"]

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


def canonical_org_name(raw: str, place: Place | None = None) -> str:
    """The name a body goes by: the page's shorthand expanded and its kind in the short form papers use.

    市委 → 郑州市委, 我省 → 河南省, 高新区党工委 → 郑州高新区党工委, 郑州市科学技术局 → 郑州市科技局,
    市六届人大常委会 → 郑州市人大常委会 (a congress's term is no part of the body's name);
    place: what 市, 省, 县 and 区 mean on the page (the home place unless given).
    """
    lexicon = load_lexicon()
    name = _expanded(raw, place or home_place())
    for full, short in lexicon.org_short_forms:
        if full in name:
            name = name.replace(full, short)
    for pattern, replacement in lexicon.org_rewrites:
        name = pattern.sub(replacement, name)
    return _without_province(name)


def _without_province(name: str) -> str:
    """广西那坡县委 → 那坡县委: a county or city named after its province is named without it."""
    lexicon = load_lexicon()
    if (alias := lexicon.division_prefix(name)) and lexicon.division_by_alias[alias].level == "province":
        rest = name[len(alias):]
        if (inner := lexicon.division_prefix(rest)) and lexicon.division_by_alias[inner].level != "province" \
                and inner in lexicon.strong_division_spellings:
            return rest
    return name


def _expanded(raw: str, place: Place) -> str:
    lexicon = load_lexicon()
    for prefix, part in (("我市", place.city), ("本市", place.city), ("全市", place.city), ("我省", place.province),
                         ("本省", place.province), ("全省", place.province), ("我县", place.county),
                         ("我区", place.county)):
        if raw.startswith(prefix):
            return part + raw[len(prefix):] if part else raw
    county = place.county and lexicon.division_by_alias[place.county]
    for prefix, part in (("市", place.city), ("省", place.province),
                         ("县", county and county.level == "county" and county.name),
                         ("区", county and county.level == "district" and county.name)):
        if raw.startswith(prefix) and not raw.startswith(lexicon.not_division_starts):
            return part + raw[len(prefix):] if part else raw
    if alias := lexicon.division_prefix(raw):
        division = lexicon.division_by_alias[alias]
        rest = raw[len(alias):]
        if division.level == "zone":
            # a development zone's party body is a working committee, however the text calls it
            return division.name + ("党工委" if rest == "党委" else rest)
    return raw


@lru_cache(maxsize=1 << 14)  # bodies recur from article to article; the answer depends on the name and place alone
def resolve_org(raw: str, place: Place | None = None) -> Organisation:
    """The organisation a name written on the page stands for; every other spelling becomes an alias.

    >>> org = resolve_org("市科学技术局")
    >>> org.name, org.aliases
    ('郑州市科技局', ('市科学技术局', '郑州市科学技术局'))
    """
    lexicon = load_lexicon()
    name = canonical_org_name(raw, place)
    aliases = tuple(sorted({raw, _expanded(raw, place or home_place())} - {name}))
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
        if role.startswith(outlet) and outlet not in lexicon.own_outlets:
            return outlet
    return "通讯员" if role in ("通讯员", "实习生") else lexicon.home["paper"]


def post_keys(page_facts: list[ArticleFacts], places: list[Place]) -> dict[str, list[str]]:
    """The keys a name could take from its posts on a page (name@body), each once, in the order seen.

    places: the place of each article (page_place), in the order of page_facts.
    """
    options: dict[str, dict[str, None]] = {}
    for facts, place in zip(page_facts, places):
        for post in facts.posts:
            options.setdefault(post.person, {})[f"{post.person}@{canonical_org_name(post.org, place)}"] = None
    return {name: list(keys) for name, keys in options.items()}


def chosen_key(options: list[str], known_keys: Collection[str]) -> str:
    """Of the keys a name could take, the first already known, else the first."""
    return next((key for key in options if key in known_keys), options[0])


def person_keys(page_facts: list[ArticleFacts], places: list[Place], known_keys: Collection[str] = (),
                options: dict[str, list[str]] | None = None) -> dict[str, str]:
    """One identity key per name on a page: name@body of a post, else name@outlet, else name@国家领导人 for
    a state office or doctrine written with the name (X总书记, X理论), else name@page.

    page_facts: the facts of every article of one page (a file or a JSONL record).
    places: the place of each article (page_place), in the same order.
    known_keys: the keys of people already in the graph; a person with posts in several bodies
    takes the key of one already known (夏扬@郑州市科技局 seen before), else that of their first post.
    options: post_keys(page_facts), when the caller has it already.
    Returns name → key; the key decides which person node the name becomes.
    """
    if options is None:
        options = post_keys(page_facts, places)
    keys = {name: chosen_key(choices, known_keys) for name, choices in options.items()}
    for facts in page_facts:
        for byline in facts.bylines:
            keys.setdefault(byline.person, f"{byline.person}@{byline_affiliation(byline.role)}")
    # known by no post: a state office or a doctrine anywhere on the page names one national figure
    for facts in page_facts:
        for person in facts.people:
            if person.office:
                keys.setdefault(person.name, f"{person.name}@{NATIONAL_FIGURE}")
    # anyone else is known only from this page: the same name on another page is another node, which an
    # identity question links to this one
    for facts in page_facts:
        for person in facts.people:
            keys.setdefault(person.name, f"{person.name}@{facts.article.source}")
    return keys


NATIONAL_FIGURE = "国家领导人"
