"""Word segmentation for the pipeline: jieba's dictionary and algorithm, run by jieba-rs (rjieba).

jieba-rs is the Rust port of jieba: the same dictionary, the same DAG and HMM, and the same
words on Chinese text, about 27 times faster than jieba's pure Python on our papers (measured by
benchmarks/run.py). It differs only on runs of ASCII joined by - or . (5412-2482, 276.com), which it
keeps as one token. The pipeline's tokenizer owns its lexicon and a jieba dictionary of its own (never
jieba's global one), which the finders ask how often jieba has seen a word and how it tags it; both
segmenters get the same domain words with the same frequencies.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import jieba
import rjieba
from spacy import util
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.cache import cached, key_of
from kg.lexicon import Lexicon
from kg.nlp.tokens import keep_text


class Dictionary:
    """jieba's dictionary with the lexicon's domain words (user_dict.tsv, the divisions, the titles): how often
    jieba has seen a word, and its tag.

    Made by a jieba.Tokenizer of its own (never jieba's global one) given the domain words, once per set of
    words and version of jieba, then read from the cache (kg/cache.py): a process starts without loading
    jieba's dictionary and adding the words again.

    >>> dictionary = Dictionary(Lexicon())
    >>> dictionary.tag("文明"), dictionary.frequency("党工委")
    ('nr', 2000)
    """

    def __init__(self, lexicon: Lexicon):
        table = lexicon.table("user_dict")
        entries = [(word, int(frequency) if frequency else None, tag or None) for word, frequency, tag in table.rows]
        entries += [(word, None, None) for word in sorted(lexicon.strong_division_spellings) + list(lexicon.titles)]
        #: what the dictionary is made from: a cache key
        self.key = key_of(jieba.__version__, entries)
        self.frequencies, self.tags, self.domain_words = cached("dictionary", self.key, lambda: _made(entries))

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary has seen `word`; 0 for a word it does not know."""
        return self.frequencies.get(word, 0)

    def tag(self, word: str) -> str | None:
        """jieba's tag for `word` (nr, ns, n...), None for a word its dictionary does not tag."""
        return self.tags.get(word)


def _made(entries: list[tuple[str, int | None, str | None]]) -> tuple[dict, dict, list]:
    """jieba's dictionary given the domain words: each word's frequency, the tags of jieba's own words (a
    domain word's tag goes to jieba-rs only), and the domain words with the frequency jieba gave each."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tags = _dictionary_tags(tokenizer)
    for word, frequency, tag in entries:
        tokenizer.add_word(word, frequency, tag)
    frequencies = {word: frequency for word, frequency in tokenizer.FREQ.items() if frequency}
    return frequencies, tags, [(word, tokenizer.FREQ[word], tag) for word, _, tag in entries]


def _dictionary_tags(tokenizer: jieba.Tokenizer) -> dict[str, str]:
    """Each word of a jieba dictionary file (lines of word, frequency and tag) to its tag, as jieba.posseg reads it."""
    tags = {}
    with tokenizer.get_dict_file() as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


class JiebaRsTokenizer:
    """Text to a Doc of jieba's words, as spaCy's own Chinese tokenizer makes it (spaces the same way).

    lexicon: the pipeline's lexicon, which its components read too (nlp.tokenizer.lexicon).
    """

    def __init__(self, vocab: Vocab, lexicon: Lexicon):
        self.vocab = vocab
        self.lexicon = lexicon
        self.dictionary = Dictionary(lexicon)
        self.segmenter = rjieba.Jieba()
        for word, frequency, tag in self.dictionary.domain_words:
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
def create_tokenizer(lexicon: list[str] = []):  # noqa: B006 (spaCy's configs give lists)
    """The tokenizer factory of the pipeline's config; `lexicon`: a user's folders, read after the package's."""
    return lambda nlp: JiebaRsTokenizer(nlp.vocab, Lexicon.with_user_folders(Path(folder) for folder in lexicon))
