"""The pipeline's components, registered with spaCy's factories."""
from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.finders import Finder
from kg.nlp.mentions import Mention, set_mentions
from kg.nlp.tokens import mark_sentences


@Language.factory("kg_sentences")
class SentenceSplitter:
    """Sentence boundaries after 。！？；!?; and at every line break (headlines, bylines)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts on `doc` (and keep the sentences' character spans); returns the doc."""
        return mark_sentences(doc)


@Language.factory("kg_mentions", default_config={"finder": {"@misc": "kg.people.v1"}})
class MentionRecognizer:
    """Run one finder over the text and record its mentions under their labels."""

    def __init__(self, nlp: Language, name: str, finder: Finder):
        self.name = name
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        """Find and record the mentions in `doc`; returns the doc."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Mention]:
        """The mentions the finder sees in `doc`."""
        return self.finder(doc)

    def set_annotations(self, doc: Doc, found: list[Mention]) -> None:
        """Write `found` onto `doc`, one group per label."""
        by_label: dict[str, list[Mention]] = defaultdict(list)
        for mention in found:
            by_label[mention.label].append(mention)
        for label, group in by_label.items():
            set_mentions(doc, label, group)
