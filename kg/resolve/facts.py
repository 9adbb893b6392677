"""What the resolve stage decides: each body as its canonical organisation, and an article's facts with every
name decided, so that rdf only writes.

Each body a fact names, as written (市科技局), is resolved once for the article's place (郑州市科技局, with
its aliases, kind and parent), and each person's name has its identity key (name@body).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.facts import ArticleFacts
from kg.resolve.place import Place

_ORG_CLASSES = {
    "party": "PartyCommittee",
    "government": "GovernmentBody",
    "congress": "GovernmentBody",
    "cppcc": "GovernmentBody",
    "judicial": "GovernmentBody",
    "division": "AdministrativeDivision",
    "zone": "AdministrativeDivision",
    "company": "Company",
    "institution": "Institution",
    "community": "AdministrativeDivision",
}


@dataclass(frozen=True)
class Organisation:
    """One body: its canonical name, the spellings seen, its kind and the body it belongs to."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None

    @property
    def rdf_class(self) -> str | None:
        """The local name of its org:Organization subclass (kg/ontology/govkg.ttl), None for no known kind."""
        return _ORG_CLASSES.get(self.kind)


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
