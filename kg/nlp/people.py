"""People in a Doc: title chains (郑州市科技局党组书记、局长夏扬), bylines, speakers, and names anywhere else."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.lexicon import Lexicon, alternation
from kg.nlp import tokens
from kg.nlp.bylines import BylineFinder
from kg.nlp.mentions import Mention
from kg.nlp.name_finder import NameFinder
from kg.nlp.names import Names
from kg.nlp.segmenter import Dictionary
from kg.nlp.shapes import NameShapes, NameWeights
from kg.nlp.titles import TitleChainFinder
from kg.patterns import BylinePatterns

# a name read back from the 、 before a listed name has three characters (a surname and a given name)
_LISTED_BEFORE = 3


class PeopleFinder:
    """POST_CHAIN, BYLINE and PERSON mentions of a Doc. A name read from its context (a title, a byline) is
    surer than one read from its shape; an editor's name is no one's of the news.

    >>> import spacy
    >>> from kg.nlp.segmenter import JiebaRsTokenizer
    >>> tokenizer = JiebaRsTokenizer(spacy.blank("zh").vocab, Lexicon())
    >>> find = PeopleFinder(tokenizer.lexicon, tokenizer.dictionary)
    >>> [(m.label, m.attrs.get("name", m.text)) for m in find(tokenizer("王万鹏表示，市长程志明出席。"))]
    [('POST_CHAIN', '程志明'), ('PERSON', '王万鹏')]
    """

    def __init__(self, lexicon: Lexicon, dictionary: Dictionary, weights: NameWeights = NameWeights()):
        self.names = Names(lexicon, dictionary)
        self.title_chains = TitleChainFinder(lexicon, self.names)
        self.bylines = BylineFinder(BylinePatterns(lexicon), self.names)
        self.name_finder = NameFinder(NameShapes(lexicon, dictionary, weights, self.names))
        self._speech_verbs = re.compile(alternation(lexicon.cue_words("speech")))

    def __call__(self, doc: Doc) -> list[Mention]:
        boundaries, text = tokens.boundaries(doc), tokens.text(doc)
        found = self.title_chains(text, boundaries) + self.bylines(text) + self.speakers(text, boundaries)
        taken = [
            (m.attrs.get("name_start", m.start), m.attrs.get("name_end", m.end))
            for m in found + self.bylines.editor_credits(text)
        ]
        names = self.name_finder(text, tokens.words(doc))
        names = [m for m in names if not any(start < m.end and m.start < end for start, end in taken)]
        return found + names + self.listed_beside(text, boundaries, names, taken)

    def listed_beside(
        self, text: str, boundaries: set[int], names: list[Mention], taken: list[tuple[int, int]]
    ) -> list[Mention]:
        """The names a 、 list holds beside the names found, which jieba cut apart (县领导程|科峰、刘金英、王旭、
        孙|通志出席): the item after a name and 、, and the item of three characters before 、 and a name."""
        spans = {(m.start, m.end) for m in names} | set(taken)
        found: list[Mention] = []
        pending = sorted(spans)
        while pending:
            start, end = pending.pop()
            beside = []
            if text.startswith("、", end) and (after := self.names.read_after(text, end + 1, boundaries)):
                beside.append((end + 1, after))
            before = start - 1 - _LISTED_BEFORE
            listed = before >= 0 and text[start - 1 : start] == "、" and before in boundaries
            if listed and self.names.is_name(text[before : start - 1]):
                beside.append((before, start - 1))
            for span in beside:
                if not any(s < span[1] and span[0] < e for s, e in spans):
                    spans.add(span)
                    pending.append(span)
                    found.append(Mention("PERSON", *span, text[span[0] : span[1]], {"source": "name"}))
        return found

    def speakers(self, text: str, boundaries: set[int]) -> list[Mention]:
        """Named speakers at the start of a clause: "王万鹏表示", "夏扬告诉记者"."""
        found = []
        for verb in self._speech_verbs.finditer(text):
            start = self.names.read_before(text, verb.start(), boundaries)
            if start is not None:
                found.append(Mention("PERSON", start, verb.start(), text[start : verb.start()], {"source": "speaker"}))
        return found
