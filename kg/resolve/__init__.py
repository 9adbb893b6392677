"""Stage 4, resolve: the place each page is about, canonical organisations and one identity per real person.

市科技局 is 郑州市科技局 on a Zhengzhou page and 襄阳市科技局 on a Xiangyang one
(kg.resolve.place decides which); 高新区 is 郑州高新区. A person is identified by
name and affiliation (the body of their first post on the page, or the outlet
they report for), so the same name in unrelated bodies stays two people.
"""

from __future__ import annotations

from collections.abc import Collection

from kg.extract.facts import ArticleFacts
from kg.lexicon import Lexicon
from kg.nlp.orgnames import OrgNames
from kg.resolve.facts import Organisation, ResolvedFacts
from kg.resolve.identity import OUTLET, STATE_OFFICE
from kg.resolve.place import Place, Places

__all__ = ["NATIONAL_FIGURE", "Organisation", "Place", "Places", "ResolvedFacts", "Resolver", "chosen_key"]

# the first character of a body's name that stands for the page's own division of that level (市委, 县政府),
# and for 县 and 区 the level the page's county must have
_BARE_LEVELS = (
    ("市", "city", None),
    ("省", "province", None),
    ("县", "county", "county"),
    ("区", "county", "district"),
)
NATIONAL_FIGURE = "国家领导人"
# a development zone's party body is a working committee, however the text calls it
_ZONE_PARTY_BODY, _PARTY_BODY = "党工委", "党委"
_GOVERNMENT = "人民政府"
_COMMITTEE = "委"
# byline roles whose people report for no outlet (kg/data/byline_roles.tsv names the outlets)
_UNAFFILIATED_ROLES = ("通讯员", "实习生")
_UNAFFILIATED = "通讯员"
# bodies recur from article to article: the canonical ones are kept, by name and place, up to this many
_REMEMBERED_BODIES = 1 << 14


class Resolver:
    """Canonical organisations and person identity keys, by the rules of a lexicon; the place of a page that
    says nothing of its own is `city`'s (default: kg/data/home.tsv's; ValueError for no division of China).

    >>> resolver = Resolver(Lexicon())
    >>> org = resolver.organisation("市科学技术局")
    >>> org.name, org.aliases
    ('郑州市科技局', ('市科学技术局', '郑州市科学技术局'))
    """

    def __init__(self, lexicon: Lexicon, city: str | None = None):
        self.lexicon = lexicon
        self.places = Places(lexicon)
        self.home = self.places.home(city)
        self.org_names = OrgNames(lexicon)
        self._own_place_words = lexicon.table("own_place_words").mapping("word", "place")
        self._leading_bodies = frozenset(lexicon.words("leading_bodies"))
        self._organisations: dict[tuple[str, Place], Organisation] = {}

    def canonical_name(self, raw: str, place: Place | None = None) -> str:
        """The name a body goes by: the page's shorthand expanded and its kind in the short form papers use.

        市委 → 郑州市委, 我省 → 河南省, 高新区党工委 → 郑州高新区党工委, 郑州市科学技术局 → 郑州市科技局,
        市六届人大常委会 → 郑州市人大常委会 (a congress's term is no part of the body's name);
        place: what 市, 省, 县 and 区 mean on the page (the home place unless given).
        """
        lexicon = self.lexicon
        if national := lexicon.national_bodies.get(raw):
            return national[0]  # 中央政府 → 国务院: one body, wherever the page is from
        name = self._expanded(raw, place or self.home)
        for full, short in lexicon.org_short_forms:
            if full in name:
                name = name.replace(full, short)
        for pattern, replacement in lexicon.org_rewrites:
            name = pattern.sub(replacement, name)
        return self._without_province(name)

    def organisation(self, raw: str, place: Place | None = None) -> Organisation:
        """The organisation a name written on the page stands for; every other spelling becomes an alias."""
        place = place or self.home
        key = (raw, place)
        if key not in self._organisations:
            if len(self._organisations) >= _REMEMBERED_BODIES:
                self._organisations.clear()
            name = self.canonical_name(raw, place)
            aliases = tuple(sorted({raw, self._expanded(raw, place)} - {name}))
            self._organisations[key] = Organisation(
                name, aliases, self.lexicon.org_kind(name) or "organization", self._parent_body(name)
            )
        return self._organisations[key]

    def _without_province(self, name: str) -> str:
        """广西那坡县委 → 那坡县委: a county or city named after its province is named without it."""
        lexicon = self.lexicon
        if (alias := lexicon.division_prefix(name)) and lexicon.division_by_alias[alias].level == "province":
            rest = name[len(alias) :]
            if (
                (inner := lexicon.division_prefix(rest))
                and lexicon.division_by_alias[inner].level != "province"
                and inner in lexicon.strong_division_spellings
            ):
                return rest
        return name

    def _expanded(self, raw: str, place: Place) -> str:
        lexicon = self.lexicon
        for word, which in self._own_place_words.items():
            if raw.startswith(word):
                part = getattr(place, which)
                return part + raw[len(word) :] if part else raw
        county = place.county and lexicon.division_by_alias[place.county]
        for prefix, which, level in _BARE_LEVELS:
            part = getattr(place, which) if level is None else (county and county.level == level and county.name)
            if raw.startswith(prefix) and not raw.startswith(lexicon.words("not_division_starts")):
                return part + raw[len(prefix) :] if part else raw
        if alias := lexicon.division_prefix(raw):
            division = lexicon.division_by_alias[alias]
            rest = raw[len(alias) :]
            if division.level == "zone":
                return division.name + (_ZONE_PARTY_BODY if rest == _PARTY_BODY else rest)
        return raw

    def _parent_body(self, name: str) -> str | None:
        """The body the name says this one belongs to: a bureau to its government (郑州市科技局 → 郑州市人民政府),
        a division's party committee or government to the one of the division above (郑东新区党工委 → 郑州市委,
        金水区人民政府 → 郑州市人民政府); a province's own has none, and no body is its own parent."""
        lexicon = self.lexicon
        parent = self.org_names.parent_prefix(name)
        if not parent or lexicon.org_kind(parent) not in ("division", "zone"):
            return parent
        division = lexicon.division_by_alias.get(parent)
        above = division and lexicon.division_by_alias.get(division.parent)
        if lexicon.org_kind(name) == "party":
            return above.name + _COMMITTEE if above else None
        if lexicon.org_kind(name) == "government" and lexicon.org_kind(parent) == "division":
            if name != parent + _GOVERNMENT:
                return parent + _GOVERNMENT
            return above.name + _GOVERNMENT if above else None
        return parent

    def resolve(self, facts: ArticleFacts, keys: dict[str, str], place: Place) -> ResolvedFacts:
        """Decide every body the article's facts name, for the place the article is about.

        facts: one article's facts; keys: name → identity key for its page (person_keys);
        place: what the article's bare 市, 省 and 县 stand for (Places.of_page).
        """
        texts = (
            [post.org for post in facts.posts]
            + [event.org for event in facts.appointments]
            + [project.location for project in facts.projects if project.location]
            + [portfolio.scope for portfolio in facts.portfolios]
            + [promoter for campaign in facts.campaigns for promoter in campaign.promoters]
            + [reception.guest_org for reception in facts.receptions if reception.guest_org]
            + [agency.name for agency in facts.agencies]
            + [site for visit in facts.visits for site in visit.sites if self.lexicon.is_organisation(site)]
        )
        organisations: dict[str, Organisation] = {}
        for text in texts:
            while text and text not in organisations:
                organisations[text] = self.organisation(text, place)
                text = organisations[text].parent  # the body it belongs to is written too
        return ResolvedFacts(facts, place, keys, organisations)

    def byline_affiliation(self, role: str) -> str:
        """Who a byline's author reports for: 河南日报记者 → 河南日报; 记者 → the home paper; 通讯员 → 通讯员."""
        lexicon = self.lexicon
        for outlet in sorted(lexicon.outlets, key=len, reverse=True):
            if role.startswith(outlet) and outlet not in lexicon.own_outlets:
                return outlet
        return _UNAFFILIATED if role in _UNAFFILIATED_ROLES else lexicon.home["paper"]

    def places_of_body(self, name: str) -> tuple[frozenset[str], str | None, str | None]:
        """The divisions below province level a body lies in, its own, and its province (Places.of_body)."""
        return self.places.of_body(name)

    def leads_division(self, name: str) -> bool:
        """True for a body that leads its division (郑州市委, 郑州市人民政府), not one of its departments.

        >>> resolver = Resolver(Lexicon())
        >>> resolver.leads_division("郑州市委"), resolver.leads_division("郑州市科技局")
        (True, False)
        """
        alias = self.lexicon.division_prefix(name)
        return bool(alias) and name[len(alias) :] in self._leading_bodies

    def affiliation_kind(self, affiliation: str) -> str | None:
        """What a key's affiliation says of a person without a post: a reporter's outlet, a state office
        (kg.resolve.identity.OUTLET, STATE_OFFICE), else None (a post's body, or only the page)."""
        if affiliation == NATIONAL_FIGURE:
            return STATE_OFFICE
        return OUTLET if affiliation == _UNAFFILIATED or affiliation in self.lexicon.outlets else None

    def post_keys(self, page_facts: list[ArticleFacts], places: list[Place]) -> dict[str, list[str]]:
        """The keys a name could take from its posts on a page (name@body), each once, in the order seen.

        places: the place of each article (Places.of_page), in the order of page_facts.
        """
        options: dict[str, dict[str, None]] = {}
        for facts, place in zip(page_facts, places):
            for post in facts.posts:
                options.setdefault(post.person, {})[f"{post.person}@{self.canonical_name(post.org, place)}"] = None
        return {name: list(keys) for name, keys in options.items()}

    def person_keys(
        self,
        page_facts: list[ArticleFacts],
        places: list[Place],
        known_keys: Collection[str] = (),
        options: dict[str, list[str]] | None = None,
    ) -> dict[str, str]:
        """One identity key per name on a page: name@body of a post, else name@outlet, else name@国家领导人 for
        a state office or doctrine written with the name (X总书记, X理论), else name@page.

        page_facts: the facts of every article of one page (a file or a JSONL record).
        places: the place of each article (Places.of_page), in the same order.
        known_keys: the keys of people already in the graph; a person with posts in several bodies
        takes the key of one already known (夏扬@郑州市科技局 seen before), else that of their first post.
        options: post_keys(page_facts), when the caller has it already.
        Returns name → key; the key decides which person node the name becomes.
        """
        if options is None:
            options = self.post_keys(page_facts, places)
        keys = {name: chosen_key(choices, known_keys) for name, choices in options.items()}
        for facts in page_facts:
            for byline in facts.bylines:
                keys.setdefault(byline.person, f"{byline.person}@{self.byline_affiliation(byline.role)}")
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


def chosen_key(options: list[str], known_keys: Collection[str]) -> str:
    """Of the keys a name could take, the first already known, else the first."""
    return next((key for key in options if key in known_keys), options[0])
