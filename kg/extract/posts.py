"""Title chains to posts, by the conventions of GUIDELINES.md.

"高新区党工委副书记、管委会主任" → (副书记, 高新区党工委), (主任, 高新区管委会);
"市委常委、政法委书记" → (常委, 市委), (书记, 市委政法委);
"郑州市委副书记、市长" → (副书记, 郑州市委), (市长, 郑州市人民政府).
"""
from __future__ import annotations

from kg.lexicon import load_lexicon

# Prefixes that make an organisation name stand on its own rather than under the one before it.
_INDEPENDENT_STARTS = ("市", "省", "区", "县", "我市", "我省", "中共", "国家", "中国", "全国", "中央", "国务院")
# a body named inside a unit's name from this length on is a real parent (应急管理部), not a suffix echo (管委)
_NAMED_PARENT_LENGTH = 4
_GOVERNMENT_LEVELS = "省市区县镇乡"
_DIVISION_KINDS = ("division", "zone")


def parent_prefix(org: str) -> str | None:
    """The longest proper prefix of `org` that is itself an organisation: 高新区党工委 → 高新区.

    Prefixes that end inside the name's own suffix (管委 of 管委会) are tried last.
    """
    lexicon = load_lexicon()
    own_suffix = lexicon.org_suffix(org)
    limit = len(org) - len(own_suffix)
    ends = [end for end in range(len(org) - 1, 1, -1) if end <= limit] + list(range(len(org) - 1, limit, -1))
    return next((org[:end] for end in ends if end > 1 and lexicon.is_organisation(org[:end])), None)


def division_of(org: str) -> str | None:
    """The division or zone a body belongs to, as its name writes it: 登封市委 → 登封市, 市委 → 市, 高新区管委会 → 高新区."""
    lexicon = load_lexicon()
    division: str | None = org
    while division and lexicon.org_kind(division) not in _DIVISION_KINDS:
        committee_of = division[:-1]
        if division.endswith("委") and committee_of and lexicon.org_kind(committee_of) in _DIVISION_KINDS:
            return committee_of
        division = parent_prefix(division)
    return division


def _stands_alone(org_text: str) -> bool:
    """True for a name that says where it belongs: 市卫健委, 登封市委, 应急管理部森林消防局 (but not 管委会, 政法委)."""
    lexicon = load_lexicon()
    if org_text.startswith(_INDEPENDENT_STARTS) or lexicon.division_prefix(org_text):
        return True
    parent = parent_prefix(org_text)
    return (parent is not None and len(parent) >= _NAMED_PARENT_LENGTH
            and lexicon.org_kind(parent) != "party" and not parent.endswith("委"))


def _attach(previous: str, unit: str) -> str:
    """Name a unit written after another body: 市委 + 政法委 → 市委政法委; 高新区党工委 + 管委会 → 高新区管委会;
    市委 + 人大常委会 → 市人大常委会."""
    lexicon = load_lexicon()
    if lexicon.org_kind(unit) == "party" and lexicon.org_kind(previous) == "party":
        return previous + unit
    if lexicon.org_kind(previous) == "party":
        return (division_of(previous) or previous) + unit
    if lexicon.org_kind(previous) == "congress":
        # a standing committee's working bodies are its own; a congress's special committees are the congress's
        # (省人大常委会 + 预算工作委员会, but 省人大常委会 + 法制委员会 → 省人大法制委员会)
        if unit.endswith(lexicon.standing_committee_units):
            return previous + unit
        congress = previous[: previous.rfind("人大") + 2] if "人大" in previous else previous
        return congress + unit
    return (parent_prefix(previous) or previous) + unit


def _without_party_body(org: str) -> str:
    """A non-party title inherited from a party body belongs to the body it leads: X社区党支部 → X社区."""
    if load_lexicon().org_kind(org) == "party":
        return parent_prefix(org) or org
    return org


def _government_of(org: str | None, title: str) -> str | None:
    """The people's government a head of government leads: 郑州市委 + 市长 → 郑州市人民政府."""
    division = division_of(org) if org else None
    level = next((ch for ch in title if ch in _GOVERNMENT_LEVELS), None)
    # the title says the level: 副省长 after 襄阳市委书记 is the province's, not the city's
    if division and (level is None or division.endswith(level)):
        return division + "人民政府"
    return f"{level}人民政府" if level in ("市", "省") else None


def _is_session_body(org: str) -> bool:
    """True for a body of one session of a congress (大会主席团, 大会议案审查委员会): its roles end with the
    session and are no posts."""
    lexicon = load_lexicon()
    return org.startswith(lexicon.session_body_starts) or any(part in org for part in lexicon.session_body_parts)


def chain_posts(segments: list[tuple[str, str]], inherited: str | None = None) -> list[tuple[str, str]]:
    """The posts a title chain states, as (organisation, title); titles with no organisation are dropped.

    segments: (organisation text, title) pairs in text order, as the title-chain finder gives them.
    inherited: the organisation of the chain before, in the same sentence, for a chain that starts with
    a bare title ("市人大常委会主任甲，副主任乙": 副主任 is the standing committee's).

    >>> chain_posts([("高新区党工委", "副书记"), ("管委会", "主任")])
    [('高新区党工委', '副书记'), ('高新区管委会', '主任')]
    """
    lexicon = load_lexicon()
    posts = []
    previous: str | None = inherited
    for org_text, title in segments:
        kind = lexicon.titles[title]
        if org_text and lexicon.is_organisation(org_text):
            org = org_text if previous is None or _stands_alone(org_text) else _attach(previous, org_text)
            previous = org
        else:
            org = previous
            if org and kind not in ("party", "party_group"):
                org = _without_party_body(org)
        if kind == "gov_head":
            org = _government_of(org, title)
        if org and not _is_session_body(org):
            posts.append((org, title))
    return posts
