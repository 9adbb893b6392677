"""Title chains to posts, by the conventions of GUIDELINES.md.

"高新区党工委副书记、管委会主任" → (副书记, 高新区党工委), (主任, 高新区管委会);
"市委常委、政法委书记" → (常委, 市委), (书记, 市委政法委);
"郑州市委副书记、市长" → (副书记, 郑州市委), (市长, 郑州市人民政府).
"""
from __future__ import annotations

from kg.lexicon import load_lexicon

# Prefixes that make an organisation name stand on its own rather than under the one before it.
_INDEPENDENT_STARTS = ("市", "省", "区", "县", "我市", "我省", "中共", "国家", "中国", "全国", "中央", "国务院")
_GOVERNMENT_LEVELS = {"省": "省", "市": "市", "区": "区", "县": "县", "镇": "镇", "乡": "乡"}


def suffix_kind(org: str) -> str | None:
    """The kind of body a name ends like (party, government, division...), or None."""
    lexicon = load_lexicon()
    for suffix in lexicon.suffixes_longest_first:
        if org.endswith(suffix):
            return lexicon.org_suffixes[suffix]
    return None


def is_organisation(text: str) -> bool:
    """True when `text` ends like an organisation name (局, 市委, 管委会, 社区, 公司...)."""
    return len(text) >= 2 and suffix_kind(text) is not None


def parent_prefix(org: str) -> str | None:
    """The longest proper prefix of `org` that is itself an organisation: 高新区党工委 → 高新区."""
    for end in range(len(org) - 1, 1, -1):
        if is_organisation(org[:end]):
            return org[:end]
    return None


def _stands_alone(org_text: str) -> bool:
    lexicon = load_lexicon()
    return org_text.startswith(_INDEPENDENT_STARTS) or any(org_text.startswith(a) for a in lexicon.division_by_alias)


def _attach(previous: str, unit: str) -> str:
    """Name a unit written after another body: 市委 + 政法委 → 市委政法委; 高新区党工委 + 管委会 → 高新区管委会."""
    if suffix_kind(unit) == "party" and suffix_kind(previous) == "party":
        return previous + unit
    return (parent_prefix(previous) or previous) + unit


def _without_party_body(org: str) -> str:
    """A non-party title inherited from a party body belongs to the body it leads: X社区党支部 → X社区."""
    if suffix_kind(org) == "party":
        return parent_prefix(org) or org
    return org


def _government_of(org: str | None, title: str) -> str | None:
    """The people's government a head of government leads: 郑州市委 + 市长 → 郑州市人民政府."""
    level = next((ch for ch in title if ch in _GOVERNMENT_LEVELS), None)
    if org:
        division = org
        while division and suffix_kind(division) not in ("division", "zone"):
            division = parent_prefix(division)
        if division:
            return division + "人民政府"
    return "市人民政府" if level == "市" else ("省人民政府" if level == "省" else None)


def chain_posts(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The posts a title chain states, as (organisation, title); titles with no organisation are dropped.

    segments: (organisation text, title) pairs in text order, as the title-chain finder gives them.

    >>> chain_posts([("高新区党工委", "副书记"), ("管委会", "主任")])
    [('高新区党工委', '副书记'), ('高新区管委会', '主任')]
    """
    titles = load_lexicon().titles
    posts = []
    previous: str | None = None
    for org_text, title in segments:
        kind = titles[title]
        if org_text and is_organisation(org_text):
            org = org_text if previous is None or _stands_alone(org_text) else _attach(previous, org_text)
            previous = org
        else:
            org = previous
            if org and kind not in ("party", "party_group"):
                org = _without_party_body(org)
        if kind == "gov_head":
            org = _government_of(org, title)
        if org:
            posts.append((org, title))
    return posts
