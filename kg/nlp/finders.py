"""The finders the pipeline runs, registered by name so that the config chooses them.

Each finder takes a Doc and returns Mentions; it only finds, it never writes.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc
from spacy.util import registry

from kg.nlp import tokens
from kg.nlp.campaigns import find_campaigns
from kg.nlp.dates import find_dates
from kg.nlp.meetings import find_meetings
from kg.nlp.mentions import Mention
from kg.nlp.money import find_amounts
from kg.nlp.names import find_names
from kg.nlp.people import find_bylines, find_editor_credits, find_speakers, find_title_chains
from kg.nlp.projects import find_portfolios, find_projects

Finder = Callable[[Doc], list[Mention]]


@registry.misc("kg.people.v1")
def people_finder() -> Finder:
    def find(doc: Doc) -> list[Mention]:
        boundaries = tokens.boundaries(doc)
        text = tokens.text(doc)
        found = find_title_chains(text, boundaries) + find_bylines(text) + find_speakers(text, boundaries)
        # a name read from its context (a title, a byline) is surer than one read from its shape;
        # an editor's name is no one's of the news
        taken = [(m.attrs.get("name_start", m.start), m.attrs.get("name_end", m.end))
                 for m in found + find_editor_credits(text)]
        names = find_names(text, tokens.words(doc))
        return found + [m for m in names if not any(start < m.end and m.start < end for start, end in taken)]
    return find


@registry.misc("kg.money.v1")
def money_finder() -> Finder:
    return lambda doc: find_amounts(tokens.text(doc))


@registry.misc("kg.dates.v1")
def dates_finder() -> Finder:
    return lambda doc: find_dates(tokens.text(doc))


@registry.misc("kg.projects.v1")
def projects_finder() -> Finder:
    return lambda doc: find_projects(tokens.text(doc), tokens.boundaries(doc)) + find_portfolios(tokens.text(doc))


@registry.misc("kg.campaigns.v1")
def campaigns_finder() -> Finder:
    return lambda doc: find_campaigns(tokens.text(doc))


@registry.misc("kg.meetings.v1")
def meetings_finder() -> Finder:
    return lambda doc: find_meetings(tokens.text(doc))
