"""Named campaigns, strategies and drives: "“万人助万企”活动", "深入实施乡村振兴战略"."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import alternation, load_lexicon
from kg.nlp.mentions import Mention
from kg.patterns import HAN

_OPEN_QUOTES, _CLOSE_QUOTES = "“\"『「", "”\"』」"


@lru_cache(maxsize=1)
def campaign_res() -> tuple[re.Pattern, re.Pattern]:
    """(a quoted name followed by a kind word, an unquoted name after a trigger verb ending in a kind word)."""
    lexicon = load_lexicon()
    kinds = alternation(lexicon.campaign_kinds)
    quoted = re.compile(rf"[{_OPEN_QUOTES}](?P<name>[^{_CLOSE_QUOTES}{_OPEN_QUOTES}\n]{{1,30}})[{_CLOSE_QUOTES}](?P<kind>{kinds})")
    # the name may stand in quotes of its own: 启动实施“青年创业行动”
    unquoted = re.compile(
        rf"(?:{alternation(lexicon.campaign_triggers)})[{_OPEN_QUOTES}]?"
        rf"(?P<name>[{HAN}、]{{2,24}}?(?P<kind>{kinds}))(?=[^{HAN}]|$|的|和|与|及|等|中|为|以)")
    return quoted, unquoted


def find_campaigns(text: str) -> list[Mention]:
    """Campaign names with their kind word.

    Returns CAMPAIGN mentions whose attrs `name` is the name without quotes (and, for a
    quoted name, without the kind word after it) and `kind` the kind word.

    >>> [(m.attrs["name"], m.attrs["kind"]) for m in find_campaigns("深入开展“万人助万企”活动")]
    [('万人助万企', '活动')]
    """
    quoted, unquoted = campaign_res()
    generic = load_lexicon().generic_heads
    triggers = sorted(load_lexicon().campaign_triggers, key=len, reverse=True)
    found: dict[int, Mention] = {}
    for match in quoted.finditer(text):
        found[match.start("name")] = Mention("CAMPAIGN", match.start(), match.end(), match.group(),
                                             {"name": match["name"].strip(), "kind": match["kind"]})
    for match in unquoted.finditer(text):
        name, kind = match["name"], match["kind"]
        while trigger := next((t for t in triggers if name.startswith(t)), None):
            name = name[len(trigger):]
        stem = name[: -len(kind)].strip("、")
        if len(stem) < 2 or name.startswith(generic) or match.start("name") in found:
            continue
        start = match.end("name") - len(name)
        found[match.start("name")] = Mention("CAMPAIGN", start, match.end("name"), name,
                                             {"name": name, "kind": kind})
    return sorted(found.values(), key=lambda m: m.start)
