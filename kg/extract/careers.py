"""Careers a text lists (GUIDELINES: posts the text says were held): "他先后出任海宁团市委副书记、书记，郭店镇
党委副书记、镇长" gives every post of the list to the person the sentence is about: the one named before the
verb of holding posts (kg/data/career_verbs.tsv); for a sentence that says 他 or 她, the official named last
before it (the person named last, where none is named an official); for a sentence that names no one, the person
whose biography the paragraph opens ("张某，男，1968年生。曾任……，现任……": kg.nlp.names.biography_opening).

Each comma-separated group of the list is a title chain (平湖市委常委、宣传部部长、副市长) and its posts are read
as kg.extract.posts reads a chain's; the list ends at 等职, at the end of the sentence, or at the first part that
ends in no title ("2011年11月7日提名为……"), or at the next verb (曾任A，现任B: two lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.named import NamedPerson, PeopleBySentence
from kg.extract.posts import ChainPosts
from kg.lexicon import Lexicon, alternation
from kg.nlp.names import biography_opening

# a note in brackets after a post is no part of it: 金东区区长助理(挂职)
_NOTE = re.compile(r"[(（][^)）]{0,12}[)）]")
_GROUPS = re.compile("[，,]")
_ITEMS = "、"
_LIST_END = re.compile(r"[。；;！？\n]|等(?:职务?|岗位)")
# the pronouns that make a sentence about the person named before it
_PRONOUNS = ("他", "她", "其")


@dataclass(frozen=True)
class CareerPost:
    """One post of a career list: who, the body and title as kg.extract.posts gives them, where the verb stands."""

    person: str
    org: str
    title: str
    verb_start: int


class CareerFinder:
    """The posts of the career lists of a text.

    >>> from kg.extract.named import NamedPerson
    >>> text = "甲乙丙先后任平湖市委常委、宣传部部长、副市长。"
    >>> [(p.org, p.title) for p in CareerFinder(Lexicon())(text, [NamedPerson("甲乙丙", 0, 3)], [(0, len(text))])]
    [('平湖市委', '常委'), ('平湖市委宣传部', '部长'), ('平湖市人民政府', '副市长')]
    """

    def __init__(self, lexicon: Lexicon, chain_posts: ChainPosts | None = None):
        self.chain_posts = chain_posts or ChainPosts(lexicon)
        kinds = lexicon.table("career_verbs").mapping("verb", "kind")
        self._verbs = re.compile(alternation(kinds))
        self._opens_list = {verb for verb, kind in kinds.items() if kind == "list"}
        self._titles = lexicon.titles_longest_first
        self._biography = biography_opening(lexicon)
        self._surname_of = lexicon.surname_of
        self._objects = lexicon.words("career_objects")

    def __call__(self, text: str, people: list[NamedPerson], sentences: list[tuple[int, int]]) -> list[CareerPost]:
        """people: every person the text names, in text order; sentences: (start, end) of each sentence."""
        by_sentence = PeopleBySentence(people, sentences)
        found = []
        verbs = list(self._verbs.finditer(text))
        for verb, following in zip(verbs, verbs[1:] + [None]):
            if verb.group() not in self._opens_list:
                continue
            start, end = by_sentence.sentence_of(verb.start())
            person = self._subject(text, people, by_sentence.people_in(start, end), start, verb.start())
            if person is None:
                continue
            ends = _LIST_END.search(text, verb.end())
            stops = (ends.start() if ends else len(text), end, following.start() if following else len(text))
            listed = text[verb.end() : min(stops)]
            for org, title in self._posts(listed):
                found.append(CareerPost(person, org, title, verb.start()))
        return found

    def _subject(
        self, text: str, people: list[NamedPerson], in_sentence: list[NamedPerson], start: int, verb_start: int
    ) -> str | None:
        # 甲接替乙，担任……: the one replaced is no subject of the verb
        before = [p for p in in_sentence if p.end <= verb_start and not text.endswith(self._objects, 0, p.start)]
        if before:
            return before[-1].name
        if any(pronoun in text[start:verb_start] for pronoun in _PRONOUNS):
            earlier = [p for p in people if p.end <= start]
            officials = [p for p in earlier if p.official]
            return (officials or earlier)[-1].name if earlier else None
        if not in_sentence:
            return self._biography_subject(text, start)
        return None

    def _biography_subject(self, text: str, start: int) -> str | None:
        """The person whose biography opens the paragraph of `start` (张某，男，…), if one does."""
        opening = self._biography.match(text, text.rfind("\n", 0, start) + 1)
        name = opening and opening.group("name")
        return name if name and self._surname_of(name) else None

    def _posts(self, listed: str) -> list[tuple[str, str]]:
        """The posts of a list: each group a chain; the list stops at a part that ends in no title."""
        posts: list[tuple[str, str]] = []
        for group in _GROUPS.split(_NOTE.sub("", listed)):
            segments = [self._segment(item.strip()) for item in group.split(_ITEMS)]
            if not segments or any(segment is None for segment in segments):
                break
            posts += self.chain_posts(segments)
        return posts

    def _segment(self, item: str) -> tuple[str, str] | None:
        """(organisation text, title) of one part of a list, or None for a part that ends in no title."""
        title = next((title for title in self._titles if item.endswith(title)), None)
        # what stands before the body is no part of it: 2022年5月当选为广东省委常委, 之后兼任省委秘书长
        return (self.chain_posts.org_names.trim_left(item[: -len(title)]), title) if title else None
