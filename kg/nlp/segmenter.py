"""Word segmentation for the pipeline: jieba's dictionary and algorithm, run by jieba-rs (rjieba).

jieba-rs is the Rust port of jieba: the same dictionary, the same DAG and HMM, and the same
words on Chinese text, about 27 times faster than jieba's pure Python on our papers (measured by
benchmarks/run.py). It differs only on runs of ASCII joined by - or . (5412-2482, 276.com), which it
keeps as one token. jieba itself stays loaded for what the finders ask of its dictionary
(frequencies and tags), and both segmenters get the same domain words with the same frequencies.
"""
from __future__ import annotations

from importlib import resources
from itertools import groupby

import jieba
import rjieba
from spacy import util
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.lexicon import load_lexicon
from kg.nlp.tokens import keep_text


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
    entries += [(word, None, None) for word in list(lexicon.strong_division_spellings) + list(lexicon.titles)]
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
        tokens = [w for w in self.segmenter.cut(text) if w]
        if "".join(tokens) == text:
            words, spaces = words_and_spaces(tokens)
        else:
            words, spaces = util.get_words_and_spaces(tokens, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        keep_text(doc, text)  # both ways give the text back whole, and joining it again costs a Token per word
        return doc


def words_and_spaces(tokens: list[str]) -> tuple[list[str], list[bool]]:
    r"""The words and spaces of a Doc, as spacy.util.get_words_and_spaces makes them, for tokens that are
    the whole text: one space after a word becomes its trailing space, other whitespace is a token.

    spaCy's function takes any tokens and looks each up in the rest of the text, a copy made per token,
    which grows with the square of an article's length.

    >>> words_and_spaces(["郑州", " ", "市", "  ", "\n", "科技局", " "])
    (['郑州', '市', ' \n', '科技局'], [True, True, False, True])
    """
    words: list[str] = []
    spaces: list[bool] = []
    for is_space, run in groupby(tokens, str.isspace):
        if not is_space:
            run = list(run)
            words += run
            spaces += [False] * len(run)
            continue
        gap = "".join(run)
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
    return words, spaces


@registry.tokenizers("kg.jieba_rs.v1")
def create_tokenizer():
    """The tokenizer factory the pipeline's config names."""
    return lambda nlp: JiebaRsTokenizer(nlp.vocab)
