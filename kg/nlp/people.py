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
        return found + [m for m in names if not any(start < m.end and m.start < end for start, end in taken)]

    def speakers(self, text: str, boundaries: set[int]) -> list[Mention]:
        """Named speakers at the start of a clause: "王万鹏表示", "夏扬告诉记者"."""
        found = []
        for verb in self._speech_verbs.finditer(text):
            start = self.names.read_before(text, verb.start(), boundaries)
            if start is not None:
                found.append(Mention("PERSON", start, verb.start(), text[start : verb.start()], {"source": "speaker"}))
        return found
