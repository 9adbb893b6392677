"""Stage 4, resolve: canonical organisations and one identity per real person.

市科技局 is 郑州市科技局 on a Zhengzhou page; 高新区 is 郑州高新区. A person is
identified by name and affiliation (the body of their first post on the page,
or the outlet they report for), so the same name in unrelated bodies stays two
people.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.facts import ArticleFacts
from kg.extract.posts import suffix_kind, parent_prefix
from kg.lexicon import load_lexicon

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
    def rdf_class(self) -> str:
        """The local name of the org:Organization subclass in ontology/govkg.ttl."""
        return _ORG_CLASSES.get(self.kind, "Organization")


def canonical_org_name(raw: str) -> str:
    """Expand the page's shorthand: 市委 → 郑州市委, 我省 → 河南省, 高新区党工委 → 郑州高新区党工委."""
    lexicon = load_lexicon()
    city, province = lexicon.home_city, lexicon.home_province
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
            if division.level == "zone" and not raw.startswith(division.name):
                return division.name + raw[len(alias):]
            break
    return raw


def resolve_org(raw: str) -> Organisation:
    """The organisation a name written on the page stands for.

    >>> resolve_org("市科技局").name
    '郑州市科技局'
    """
    name = canonical_org_name(raw)
    aliases = tuple(sorted({raw} - {name}))
    parent = parent_prefix(name)
    if parent and suffix_kind(parent) in ("division", "zone") and suffix_kind(name) != "party":
        parent = parent + "人民政府" if suffix_kind(parent) == "division" else parent
    return Organisation(name, aliases, suffix_kind(name) or "organization", parent)


def byline_affiliation(role: str) -> str:
    """Who a byline's author reports for: 河南日报记者 → 河南日报; 记者 → the home paper; 通讯员 → 通讯员."""
    lexicon = load_lexicon()
    for outlet in sorted(lexicon.outlets, key=len, reverse=True):
        if role.startswith(outlet) and outlet not in ("本报", "郑报", "郑报全媒体"):
            return outlet
    return "通讯员" if role in ("通讯员", "实习生") else "郑州日报"


def person_keys(page_facts: list[ArticleFacts]) -> dict[str, str]:
    """One identity key per name on a page: name@body of the first post, else name@outlet, else the name.

    page_facts: the facts of every article of one page (a file or a JSONL record).
    Returns name → key; the key decides which person node the name becomes.
    """
    keys: dict[str, str] = {}
    for facts in page_facts:
        for post in facts.posts:
            keys.setdefault(post.person, f"{post.person}@{canonical_org_name(post.org)}")
    for facts in page_facts:
        for byline in facts.bylines:
            keys.setdefault(byline.person, f"{byline.person}@{byline_affiliation(byline.role)}")
        for person in facts.people:
            keys.setdefault(person.name, person.name)
    return keys
