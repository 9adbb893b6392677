"""What the rdf stage is handed: an article's facts with every name decided, so that rdf only writes.

Each body a fact names, as written (市科技局), is resolved once for the article's place (郑州市科技局, with
its aliases, kind and parent), and each person's name has its identity key (name@body).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.facts import ArticleFacts
from kg.resolve import Organisation, resolve_org
from kg.resolve.place import Place


@dataclass(frozen=True)
class ResolvedFacts:
    """An article's facts, the place they were resolved for, each name's identity key and each body's
    organisation (by the text the facts give it, parents included)."""

    facts: ArticleFacts
    place: Place
    keys: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def key(self, name: str) -> str:
        """The identity key of a person named so (the bare name when the page gave none)."""
        return self.keys.get(name, name)

    def organisation(self, text: str) -> Organisation:
        """The organisation a body written so stands for."""
        return self.organisations[text]


def resolve_facts(facts: ArticleFacts, keys: dict[str, str], place: Place) -> ResolvedFacts:
    """Decide every body the article's facts name, for the place the article is about.

    facts: one article's facts; keys: name → identity key for its page (kg.resolve.person_keys);
    place: what the article's bare 市, 省 and 县 stand for (kg.resolve.page_place).
    """
    texts = ([post.org for post in facts.posts] + [event.org for event in facts.appointments]
             + [project.location for project in facts.projects if project.location]
             + [portfolio.scope for portfolio in facts.portfolios]
             + [promoter for campaign in facts.campaigns for promoter in campaign.promoters])
    organisations: dict[str, Organisation] = {}
    for text in texts:
        while text and text not in organisations:
            organisations[text] = resolve_org(text, place)
            text = organisations[text].parent  # the body it belongs to is written too
    return ResolvedFacts(facts, place, keys, organisations)
