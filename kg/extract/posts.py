"""Title chains to posts, by the conventions of GUIDELINES.md.

"高新区党工委副书记、管委会主任" → (副书记, 高新区党工委), (主任, 高新区管委会);
"市委常委、政法委书记" → (常委, 市委), (书记, 市委政法委);
"郑州市委副书记、市长" → (副书记, 郑州市委), (市长, 郑州市人民政府).
"""

from __future__ import annotations

from kg.lexicon import Lexicon
from kg.nlp.orgnames import OrgNames

# a body named inside a unit's name from this length on is a real parent (应急管理部), not a suffix echo (管委)
_NAMED_PARENT_LENGTH = 4
_GOVERNMENT = "人民政府"
# the title of the head of an autonomous region's government, written after the region alone (自治区副主席)
_REGION_HEAD = "主席"
_CONGRESS = "人大"
_COMMITTEE = "委"
# the levels whose people's government a bare title names when no body says which (副市长: the city's)
_LEVELS_NAMED_BY_TITLE = ("市", "省")


# the characters that stand for a division of their level on their own: 区委 is the district's, 县政府 the county's
_BARE_LEVELS = "省市县区"


class ChainPosts:
    """The posts a title chain states, from a lexicon's titles, organisation suffixes and divisions.

    >>> ChainPosts(Lexicon())([("高新区党工委", "副书记"), ("管委会", "主任")])
    [('高新区党工委', '副书记'), ('高新区管委会', '主任')]
    """

    def __init__(self, lexicon: Lexicon, org_names: OrgNames | None = None):
        self.lexicon = lexicon
        self.org_names = org_names or OrgNames(lexicon)
        self._independent_starts = lexicon.words("independent_starts")
        self._government_levels = lexicon.words("government_levels")
        self._standing_committee_units = lexicon.words("standing_committee_units")

    def __call__(self, segments: list[tuple[str, str]], inherited: str | None = None) -> list[tuple[str, str]]:
        """The posts as (organisation, title); titles with no organisation are dropped.

        segments: (organisation text, title) pairs in text order, as the title-chain finder gives them.
        inherited: the organisation of the chain before, in the same sentence, for a chain that starts with
        a bare title ("市人大常委会主任甲，副主任乙": 副主任 is the standing committee's).
        """
        lexicon = self.lexicon
        posts = []
        previous: str | None = inherited
        for org_text, title in segments:
            kind = lexicon.title_kind(title)
            if previous and org_text:
                org_text = self._in_division_named_before(previous, org_text)
            if org_text and lexicon.is_organisation(org_text):
                org = org_text if previous is None or self._stands_alone(org_text) else self._attach(previous, org_text)
                previous = org
            else:
                org = previous
                if org and kind not in ("party", "party_group"):
                    org = self._without_party_body(org)
            if kind == "gov_head":
                org = self._government_of(org or org_text, title)
            elif org and title.endswith(_REGION_HEAD) and lexicon.org_kind(org) == "division":
                org += _GOVERNMENT  # 自治区副主席: the region's people's government is chaired
            if org and not self._is_session_body(org):
                posts.append((org, title))
        return posts

    def _in_division_named_before(self, previous: str, org_text: str) -> str:
        """A body written with a bare level (区委, 县政府) after a body of a division of that level names that
        division's: 平桥区人民政府区长、区委书记 → 平桥区委.

        >>> ChainPosts(Lexicon())._in_division_named_before("信阳市平桥区人民政府", "区委")
        '信阳市平桥区委'
        """
        level = org_text[0]
        if level not in _BARE_LEVELS or self.lexicon.division_prefix(org_text):
            return org_text
        division = self.org_names.division_of(previous)
        # a division the lexicon knows, written alone or after its city (信阳市平桥区)
        aliases = self.lexicon.division_by_alias
        named = division and division.endswith(level) and any(division[i:] in aliases for i in range(len(division) - 1))
        return division + org_text[1:] if named else org_text

    def _stands_alone(self, org_text: str) -> bool:
        """True for a name that says where it belongs: 市卫健委, 登封市委 (but not 管委会, 政法委)."""
        if org_text.startswith(self._independent_starts) or self.lexicon.division_prefix(org_text):
            return True
        parent = self.org_names.parent_prefix(org_text)
        return (
            parent is not None
            and len(parent) >= _NAMED_PARENT_LENGTH
            and self.lexicon.org_kind(parent) != "party"
            and not parent.endswith(_COMMITTEE)
        )

    def _attach(self, previous: str, unit: str) -> str:
        """Name a unit written after another body: 市委 + 政法委 → 市委政法委; 高新区党工委 + 管委会 → 高新区管委会;
        市委 + 人大常委会 → 市人大常委会."""
        lexicon = self.lexicon
        if previous.endswith(unit):
            return previous  # 郭店镇党委副书记、镇长、党委书记: the same 党委 again
        division = self.org_names.division_of(previous)
        if division and division != previous and division.endswith(unit) and lexicon.org_kind(unit) == "division":
            return division  # 西藏自治区党委常委、自治区常务副主席: the region itself again
        if lexicon.org_kind(unit) == "party" and lexicon.org_kind(previous) == "party":
            return previous + unit
        if lexicon.org_kind(previous) == "party":
            return (self.org_names.division_of(previous) or previous) + unit
        if lexicon.org_kind(previous) == "congress":
            # a standing committee's working bodies are its own; a congress's special committees are the congress's
            # (省人大常委会 + 预算工作委员会, but 省人大常委会 + 法制委员会 → 省人大法制委员会)
            if unit.endswith(self._standing_committee_units):
                return previous + unit
            congress = previous[: previous.rfind(_CONGRESS) + len(_CONGRESS)] if _CONGRESS in previous else previous
            return congress + unit
        return (self.org_names.parent_prefix(previous) or previous) + unit

    def _without_party_body(self, org: str) -> str:
        """A non-party title inherited from a party body belongs to the body it leads: X社区党支部 → X社区."""
        if self.lexicon.org_kind(org) == "party":
            return self.org_names.parent_prefix(org) or org
        return org

    def _government_of(self, org: str | None, title: str) -> str | None:
        """The people's government a head of government leads: 郑州市委 + 市长 → 郑州市人民政府."""
        division = self.org_names.division_of(org) if org else None
        level = next((ch for ch in title if ch in self._government_levels), None)
        short = self.lexicon.division_by_alias.get(org) if org and not division else None
        if short and level and short.name.endswith(level):
            division = short.name  # a short name and a title that shares its level: 郑州市长, 宝鸡市长
        # the title says the level: 副省长 after 襄阳市委书记 is the province's, not the city's
        if division and (level is None or division.endswith(level)):
            return division + _GOVERNMENT
        if level in _LEVELS_NAMED_BY_TITLE or (org and org.startswith(level or "\0")):
            # 县人民政府副县长, 区政府区长: the page's own county or district, as its bare 县 and 区 are
            return f"{level}{_GOVERNMENT}"
        return None

    def _is_session_body(self, org: str) -> bool:
        """True for a body of one session of a congress (大会主席团, 大会议案审查委员会): its roles end with the
        session and are no posts."""
        lexicon = self.lexicon
        return org.startswith(lexicon.session_body_starts) or any(part in org for part in lexicon.session_body_parts)
