"""The people an article names, as the event finders (receptions, visits) read them: where each name stands,
whether a title names them an official, and which of them a sentence holds."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp import mentions
from kg.nlp.tokens import boundaries, span_around


@dataclass(frozen=True)
class NamedPerson:
    """A person the article names: where the name stands, and the body of their title chain, if any."""

    name: str
    start: int
    end: int
    org: str | None = None
    official: bool = False  # named with a title: a guest is read only among these (a bare name can be a word)


def named_people(doc: Doc) -> list[NamedPerson]:
    """Every person the pipeline found, in text order: officials with the body of their chain, then bare names."""
    people = {
        chain.attrs["name_start"]: NamedPerson(
            chain.attrs["name"],
            chain.attrs["name_start"],
            chain.attrs["name_end"],
            chain.attrs["segments"][0][0] or None,
            official=True,
        )
        for chain in mentions(doc, "POST_CHAIN")
    }
    for person in mentions(doc, "PERSON"):
        if len(person.text) > 1:
            people.setdefault(person.start, NamedPerson(person.text, person.start, person.end))
    for person in _named_again(doc, list(people.values())):
        people.setdefault(person.start, person)
    return sorted(people.values(), key=lambda p: p.start)


def _named_again(doc: Doc, named: list[NamedPerson]) -> list[NamedPerson]:
    """An official's name written again without a title ("市长甲……当天下午，甲会见了"), where it stands as words
    of its own and inside no other name: the same official."""
    officials = {person.name: person for person in named if person.official}
    if not officials:
        return []
    cuts = boundaries(doc)
    taken = [(person.start, person.end) for person in named]
    again = []
    for found in re.finditer(alternation(officials), doc.text):
        start, end = found.span()
        inside = any(start < other_end and other_start < end for other_start, other_end in taken)
        if start in cuts and end in cuts and not inside:
            person = officials[found.group()]
            again.append(NamedPerson(person.name, start, end, person.org, official=True))
    return again


class PeopleBySentence:
    """The sentence around an offset and the people named in it, found by bisection (an article of a hundred
    thousand characters has thousands of sentences and hundreds of names)."""

    def __init__(self, people: list[NamedPerson], sentences: list[tuple[int, int]]):
        self.people = people
        self._person_starts = [person.start for person in people]
        self.sentences = sentences
        self._sentence_starts = [start for start, _ in sentences]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        return span_around(self.sentences, self._sentence_starts, offset)

    def people_in(self, start: int, end: int) -> list[NamedPerson]:
        starts = self._person_starts
        return self.people[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
