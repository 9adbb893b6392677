"""Token offsets and sentence spans, computed once per Doc from arrays and the text, not from Token objects.

Walking a Doc token by token builds a Python object per token; on a year of a city
paper that costs more than the segmentation itself. The finders need only offsets.
"""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from kg.patterns import SENTENCE_END

# a sentence: from its first visible character up to its closing marks, or to the end of its line
_SENTENCE = re.compile(rf"\S[^\n{SENTENCE_END}]*[{SENTENCE_END}]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after 。！？；!?; and at line breaks, without the spaces around.

    >>> sentence_spans("标题一行\\n第一句。第二句！ ")
    [(0, 4), (5, 9), (9, 13)]
    """
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in _SENTENCE.finditer(text)]


def span_around(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The span (of sentence_spans) that holds `offset`, the first for an offset before any; `starts` are
    the spans' starts.

    >>> spans = sentence_spans("标题一行\\n第一句。第二句！ ")
    >>> span_around(spans, [start for start, _ in spans], 10)
    (9, 13)
    """
    return spans[max(bisect.bisect_right(starts, offset) - 1, 0)]


def text(doc: Doc) -> str:
    """The doc's text: as the tokenizer kept it, else joined once (spaCy joins every token's text,
    a Token object each, every time Doc.text is read)."""
    if "kg_text" not in doc.user_data:
        keep_text(doc, doc.text)
    return doc.user_data["kg_text"]


def keep_text(doc: Doc, text: str) -> None:
    """Remember `text` as the doc's text; the tokenizer calls it with the text it was given."""
    doc.user_data["kg_text"] = text


def offsets(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Where each token starts and how long it is, as two arrays (cached on the doc)."""
    if "kg_offsets" not in doc.user_data:
        array = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
        doc.user_data["kg_offsets"] = (array[:, 0], array[:, 1])
    return doc.user_data["kg_offsets"]


def boundaries(doc: Doc) -> set[int]:
    """Character offsets where a token starts or ends (cached on the doc)."""
    if "kg_boundaries" not in doc.user_data:
        starts, lengths = offsets(doc)
        doc.user_data["kg_boundaries"] = set(starts.tolist()) | set((starts + lengths).tolist())
    return doc.user_data["kg_boundaries"]


def words(doc: Doc) -> list[tuple[int, str]]:
    """(offset, text) of each token."""
    starts, lengths = offsets(doc)
    whole = text(doc)
    return [(start, whole[start : start + length]) for start, length in zip(starts.tolist(), lengths.tolist())]


def mark_sentences(doc: Doc) -> Doc:
    """Set the sentence starts of `doc` from sentence_spans, and keep the spans in doc.user_data["kg_sentences"]."""
    spans = sentence_spans(text(doc))
    doc.user_data["kg_sentences"] = spans
    if len(doc):
        starts, _ = offsets(doc)
        flags = numpy.full((len(doc), 1), -1, dtype=numpy.int64)
        first_tokens = numpy.searchsorted(starts, [start for start, _ in spans])
        flags[first_tokens[first_tokens < len(doc)], 0] = 1
        flags[0, 0] = 1
        # spaCy takes uint64 arrays; -1 (not a start) wraps around and is read back as -1
        doc.from_array([SENT_START], flags.astype(numpy.uint64))
    return doc
