"""Stage 2, nlp: one spaCy pipeline (blank Chinese, jieba, our components) assembled in one place."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jieba
import spacy
from spacy.language import Language

from kg.lexicon import load_lexicon
from kg.nlp import components  # noqa: F401  (registers the factories)
from kg.nlp.mentions import Mention, mentions

__all__ = ["Mention", "build_nlp", "mentions"]

FINDERS = ("people", "money", "dates", "projects", "campaigns", "meetings")


def _load_user_dictionary() -> None:
    jieba.setLogLevel(60)
    with resources.as_file(resources.files("kg.data").joinpath("user_dict.txt")) as path:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for line in lines:
        word, *rest = line.split()
        jieba.add_word(word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None)
    lexicon = load_lexicon()
    for word in list(lexicon.division_by_alias) + list(lexicon.titles):
        jieba.add_word(word)


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The govkg pipeline: spacy.blank("zh") with jieba, then sentences, then one recognizer per finder."""
    _load_user_dictionary()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("kg_sentences")
    for finder in FINDERS:
        nlp.add_pipe("kg_mentions", name=f"kg_{finder}", config={"finder": {"@misc": f"kg.{finder}.v1"}})
    return nlp
