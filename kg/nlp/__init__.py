"""Stage 2, nlp: one spaCy pipeline (blank Chinese, jieba's words, our components) assembled in one place."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from kg.nlp import components, segmenter  # noqa: F401  (registers the factories)
from kg.nlp.mentions import Mention, mentions

__all__ = ["Mention", "build_nlp", "mentions"]

FINDERS = ("people", "money", "dates", "projects", "campaigns", "meetings")


def build_nlp(lexicon: Iterable[Path] = (), config: dict[str, dict] | None = None) -> Language:
    """The govkg pipeline: spacy.blank("zh") with jieba's words (kg.nlp.segmenter), then sentences, then one
    recognizer per finder (kg.nlp.components).

    lexicon: a user's lexicon folders, read after the package's (`kg build --lexicon DIR`);
    config: each finder's config by name ({"people": {"names": {"name_weight": 2.0}}}), over its defaults.
    """
    tokenizer = {"@tokenizers": "kg.jieba_rs.v1", "lexicon": [str(folder) for folder in lexicon]}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("kg_sentences")
    for finder in FINDERS:
        nlp.add_pipe(f"kg_{finder}", config=(config or {}).get(finder, {}))
    return nlp
