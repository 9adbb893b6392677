"""Stage 2, nlp: one spaCy pipeline (blank Chinese, jieba's words, our components) assembled in one place."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from kg.lexicon import make_tables
from kg.nlp import components, segmenter  # noqa: F401  (registers the factories)
from kg.nlp.mentions import Mention, mentions

__all__ = ["Mention", "build_nlp", "mentions"]

FINDERS = ("people", "money", "dates", "projects", "campaigns", "meetings")


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The govkg pipeline: spacy.blank("zh") with jieba's words (kg.nlp.segmenter), then sentences, then one recognizer per finder."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.jieba_rs.v1"}}})
    nlp.add_pipe("kg_sentences")
    for finder in FINDERS:
        nlp.add_pipe("kg_mentions", name=f"kg_{finder}", config={"finder": {"@misc": f"kg.{finder}.v1"}})
    make_tables()
    return nlp
