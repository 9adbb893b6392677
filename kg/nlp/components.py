"""The pipeline's components, registered with spaCy's factories and configured by the pipeline's config.

Each recognizer owns its finder, built from the lexicon and jieba dictionary of the pipeline's tokenizer
(nlp.tokenizer.lexicon, nlp.tokenizer.dictionary) and the numbers of its config; it only finds, and writes
what it found onto the Doc.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import tokens
from kg.nlp.campaigns import CampaignFinder
from kg.nlp.dates import DateFinder
from kg.nlp.meetings import MeetingFinder
from kg.nlp.mentions import Mention, set_mentions
from kg.nlp.money import Amounts
from kg.nlp.people import PeopleFinder
from kg.nlp.projects import ProjectFinder
from kg.nlp.shapes import NameWeights

Finder = Callable[[Doc], list[Mention]]


@Language.factory("kg_sentences")
class SentenceSplitter:
    """Sentence boundaries after 。！？；!?; and at every line break (headlines, bylines)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts on `doc` (and keep the sentences' character spans); returns the doc."""
        return tokens.mark_sentences(doc)


class MentionRecognizer:
    """Run one finder over the Doc and record its mentions under their labels."""

    def __init__(self, name: str, finder: Finder):
        self.name = name
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        """Find and record the mentions in `doc`; returns the doc."""
        by_label: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.finder(doc):
            by_label[mention.label].append(mention)
        for label, group in by_label.items():
            set_mentions(doc, label, group)
        return doc


def _reads_text(find: Callable[[str], list[Mention]]) -> Finder:
    return lambda doc: find(tokens.text(doc))


def _lexicon(nlp: Language):
    if not hasattr(nlp.tokenizer, "lexicon"):
        raise ValueError("govkg's components need its tokenizer (kg.jieba_rs.v1), which holds the lexicon")
    return nlp.tokenizer.lexicon


@Language.factory("kg_people", default_config={"names": dataclasses.asdict(NameWeights())})
def make_people(nlp: Language, name: str, names: dict) -> MentionRecognizer:
    """Title chains, bylines, speakers and names; `names`: the tuned numbers of kg.nlp.shapes.NameWeights."""
    return MentionRecognizer(name, PeopleFinder(_lexicon(nlp), nlp.tokenizer.dictionary, NameWeights(**names)))


@Language.factory("kg_money")
def make_money(nlp: Language, name: str) -> MentionRecognizer:
    """Amounts of money (MONEY)."""
    return MentionRecognizer(name, _reads_text(Amounts(_lexicon(nlp)).find))


@Language.factory("kg_dates")
def make_dates(nlp: Language, name: str) -> MentionRecognizer:
    """Dates, unresolved (DATE)."""
    return MentionRecognizer(name, _reads_text(DateFinder(_lexicon(nlp))))


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str) -> MentionRecognizer:
    """Projects and portfolios with their investments (PROJECT, PORTFOLIO)."""
    finder = ProjectFinder(_lexicon(nlp))
    return MentionRecognizer(name, lambda doc: finder(tokens.text(doc), tokens.boundaries(doc)))


@Language.factory("kg_campaigns")
def make_campaigns(nlp: Language, name: str) -> MentionRecognizer:
    """Named campaigns, strategies and drives (CAMPAIGN)."""
    return MentionRecognizer(name, _reads_text(CampaignFinder(_lexicon(nlp))))


@Language.factory("kg_meetings")
def make_meetings(nlp: Language, name: str) -> MentionRecognizer:
    """Named meetings (MEETING)."""
    return MentionRecognizer(name, _reads_text(MeetingFinder(_lexicon(nlp))))
