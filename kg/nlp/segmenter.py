"""Word segmentation for the pipeline: jieba's dictionary and algorithm, run by jieba-rs (rjieba).

jieba-rs is the Rust port of jieba: the same dictionary, the same DAG and HMM, and the same
words on Chinese text, about 27 times faster than jieba's pure Python on our papers (measured by
benchmarks/run.py). It differs only on runs of ASCII joined by - or . (5412-2482, 276.com), which it
keeps as one token. jieba itself stays loaded for what the finders ask of its dictionary
(frequencies and tags), and both segmenters get the same domain words with the same frequencies.
"""
from __future__ import annotations

from importlib import resources

import jieba
import rjieba
from spacy import util
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.lexicon import load_lexicon


def domain_words() -> list[tuple[str, int, str | None]]:
    """Our words (kg/data/user_dict.txt, divisions, titles) added to jieba's dictionary; returns each
    word with the frequency jieba gave it and its tag, to give jieba-rs the same."""
    jieba.setLogLevel(60)
    with resources.as_file(resources.files("kg.data").joinpath("user_dict.txt")) as path:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    entries = []
    for line in lines:
        word, *rest = line.split()
        entries.append((word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None))
    lexicon = load_lexicon()
    entries += [(word, None, None) for word in list(lexicon.division_by_alias) + list(lexicon.titles)]
    for word, frequency, tag in entries:
        jieba.add_word(word, frequency, tag)
    return [(word, jieba.dt.FREQ[word], tag) for word, _, tag in entries]


class JiebaRsTokenizer:
    """Text to a Doc of jieba's words, as spaCy's own Chinese tokenizer makes it (spaces the same way)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.segmenter = rjieba.Jieba()
        for word, frequency, tag in domain_words():
            self.segmenter.add_word(word, frequency, tag)

    def __call__(self, text: str) -> Doc:
        words, spaces = util.get_words_and_spaces([w for w in self.segmenter.cut(text) if w], text)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("kg.jieba_rs.v1")
def create_tokenizer():
    """The tokenizer factory the pipeline's config names."""
    return lambda nlp: JiebaRsTokenizer(nlp.vocab)
