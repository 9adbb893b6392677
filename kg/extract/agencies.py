"""Public bodies a page names, with or without a person (GUIDELINES: agencies): a party, government, congress
or CPPCC body's name is a place, body words and a suffix (长沙市人民政府办公厅, 市委组织部, 中共某县纪委), read
back from each suffix to where its clause starts and trimmed of what stands before the body."""

from __future__ import annotations

import bisect
import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.orgnames import OrgNames

# the kinds of body that are agencies; companies, schools and the like are not
_PUBLIC_KINDS = ("party", "government", "congress", "cppcc", "judicial")
# how far back from its suffix a body's name may start, and the longest suffix
_LONGEST_SUFFIX = 6
_LONGEST_NAME = 30
# 和, 及, 与 between two bodies (省发改委和省自然资源厅)
_JOINERS = re.compile("[和及与]")
_LEVEL_CHARACTERS = "省市县区乡镇州旗盟级"
_NAME_BREAKS = '，,。；;：:、！？!?\n（()）“”"《》 \t\u3000'


class AgencyFinder:
    """The public bodies of a text, as written, each where it ends at a token boundary.

    >>> find = AgencyFinder(Lexicon())
    >>> text = "会议由长沙市人民政府办公厅主办，市委组织部参加。"
    >>> [name for name, _ in find(text, {0, 2, 3, 6, 10, 13, 15, 16, 18, 21, 23, 24})]
    ['长沙市人民政府办公厅', '市委组织部']
    """

    def __init__(self, lexicon: Lexicon, org_names: OrgNames | None = None):
        self.lexicon = lexicon
        self.org_names = org_names or OrgNames(lexicon)
        suffixes = [suffix for suffix, kind in lexicon.org_suffixes.items() if kind in _PUBLIC_KINDS]
        self._suffix = re.compile(f"(?:{alternation(suffixes)})$")
        self._suffix_anywhere = re.compile(f"(?=({alternation(suffixes)}))")
        # a body of the page's own place opens with its bare level (市委) or the word for it (自治区党委)
        self._levels = tuple(lexicon.words("government_levels") + lexicon.words("own_place_words"))
        self._party_prefixes = tuple(lexicon.words("party_prefixes"))
        # a body of the centre names no place: 中央第一巡视组, 国家发展改革委
        self._national_starts = tuple(w for w in lexicon.words("independent_starts") if len(w) > 1)
        self._title_end = re.compile(f"(?:{alternation(t for t in lexicon.titles if len(t) > 1)})$")
        self._national = re.compile(alternation(lexicon.national_bodies))
        self._not_inside = re.compile(alternation(lexicon.words("org_not_inside")))
        self._not_after = lexicon.words("org_not_after")
        # a level written before another or before 级 names a kind of bodies (市级党委, 省市县乡四级党委)
        self._kind_of_level = re.compile(f"(?:{alternation(self._levels)})(?:[{_LEVEL_CHARACTERS}])")

    def __call__(self, text: str, boundaries: set[int]) -> list[tuple[str, int]]:
        """Each body's name and where it ends; text: the article's text; boundaries: where its tokens start and end."""
        found: dict[str, int] = {}
        ends = sorted(boundaries | {len(text)})
        # where a suffix ends at a token's end: the few places a body can end, found in one pass
        candidates = {m.start() + len(m.group(1)) for m in self._suffix_anywhere.finditer(text)} & boundaries
        for end in sorted(candidates):
            index = bisect.bisect_left(ends, end)
            token_start, next_end = ends[index - 1] if index else 0, ends[min(index + 1, len(ends) - 1)]
            if not self._ends_a_body(text[token_start:end]) or self._ends_a_body(text[end:next_end]):
                continue  # no body ends here, or the body goes on (市委|组织部)
            start = max((text.rfind(c, max(0, end - _LONGEST_NAME), end) for c in _NAME_BREAKS), default=-1) + 1
            if text.startswith(self._not_after, end):
                continue  # 中国政府网: a website's name
            name = self._from_its_place(self.org_names.trim_left(text[start:end]))
            if not name or self._not_inside.search(name, 2) or self._ends_in_title(name):
                continue
            for body in self._joint_bodies(name):
                if body not in found and self.lexicon.is_organisation(body):
                    found[body] = end - len(name) + name.index(body) + len(body)
        return self._with_national_bodies(text, boundaries, found)

    def _joint_bodies(self, name: str) -> list[str]:
        """The bodies a name writes as one: 省委省政府 is the province's party committee and its government."""
        for cut in range(2, len(name) - 1):
            first, second = name[:cut], name[cut:]
            if self.lexicon.org_kind(first) == "party" and self._names_a_place(first) and self._names_a_place(second):
                return [first, second]
        return [name]

    def _with_national_bodies(self, text: str, boundaries: set[int], found: dict[str, int]) -> list[tuple[str, int]]:
        """`found` and the national bodies the text names as whole words (国务院, 党中央), unless as the start of a
        longer body found (中共中央办公厅), in the order they end."""
        spans = [(end - len(name), end) for name, end in found.items()]
        for match in self._national.finditer(text):
            start, end = match.span()
            whole_word = (start in boundaries or start == 0) and (end in boundaries or end == len(text))
            if whole_word and match.group() not in found and not any(s <= start and end < e for s, e in spans):
                found[match.group()] = end
        return sorted(found.items(), key=lambda item: item[1])

    def _ends_a_body(self, token: str) -> bool:
        """True for a token that is a suffix (局, 人民政府) or a word of three characters or more that ends in
        one (办公厅, 组织部), not a two-character verb or noun that ends like one (主办, 干部)."""
        suffix = self._suffix.search(token, max(0, len(token) - _LONGEST_SUFFIX))
        return suffix is not None and suffix.end() == len(token) and (suffix.start() == 0 or len(token) >= 3)

    def _from_its_place(self, name: str) -> str | None:
        """The body's name from the place it opens with: after a joiner that starts another body (省发改委和
        省自然资源厅), or after the words before the place (会议还有市政协); None when no place opens it."""
        for joiner in _JOINERS.finditer(name):
            after = name[joiner.end() :]
            if self._names_a_place(after) or (after.startswith(self._levels) and self.lexicon.is_organisation(after)):
                name = after
        return next((name[cut:] for cut in range(len(name) - 1) if self._names_a_place(name[cut:])), None)

    def _ends_in_title(self, name: str) -> bool:
        """True for a post, not a body: 市委常委 ends in the title 常委."""
        return bool(self._title_end.search(name))

    def _names_a_place(self, name: str) -> bool:
        """True for a body's name that opens with the place it serves: a division, a bare 市/县/区 (市委 too),
        中共 or the centre (国务院, 全国); not a kind of bodies of a level (市级党委, 全国市级党委)."""
        if name.startswith(self._party_prefixes):
            return True
        national = next((start for start in self._national_starts if name.startswith(start)), "")
        if national:
            return not self._kind_of_level.match(name, len(national))
        opening = [end for start, end, _ in self.lexicon.division_mentions(name) if start == 0]
        if opening:
            return len(name) > max(opening)
        if not name.startswith(self._levels) or self._kind_of_level.match(name):
            return False
        return len(name) > 2 or self.lexicon.org_kind(name) in _PUBLIC_KINDS
