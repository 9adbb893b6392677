"""Find nodes by the name a user types: any part of a name or alias, and the nearest names when none has it.

`kg search`, the named queries' parameters and `kg view --focus` all find nodes here, so a short form
(市科技局) finds the body it stands for (郑州市科技局) the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rdflib import Literal

from kg.errors import GovkgError
from kg.rdf.vocab import PROLOGUE
from kg.types import BY_NAME, NAME_PREDICATES, TYPE_NAMES

# a suggestion must share at least this share of its characters with what was typed (夏洋 → 夏扬: 50)
SUGGESTION_CUTOFF = 50
SUGGESTIONS = 5


@dataclass(frozen=True)
class Hit:
    """A node whose name or alias contains the text searched for."""

    node: str
    type: str
    label: str  # its best name: a person's name, a body's canonical name
    matched: str  # the name or alias that contains the text
    key: str | None  # a person's identity key (name@body): two people of one name differ here
    articles: int
    first: str | None  # the first and last dates of the articles that name it
    last: str | None

    @property
    def exact(self) -> bool:
        return self.matched == self.label


_FIND = """SELECT ?node (MIN(?name) AS ?label) (MIN(?alias) AS ?matched) (SAMPLE(?identity) AS ?key)
       (COUNT(DISTINCT ?article) AS ?articles) (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {{
  ?node a {rdf_class} ; {label} ?name ; {names} ?alias .
  FILTER (CONTAINS(STR(?alias), ?text))
  OPTIONAL {{ ?node kg:identityKey ?identity }}
  OPTIONAL {{ ?article kg:mentions ?node OPTIONAL {{ ?article schema:datePublished ?date }} }}
}} GROUP BY ?node"""


def find(store, text: str, types: tuple[str, ...] = TYPE_NAMES) -> list[Hit]:
    """Every node of `types` whose name or alias contains `text`: those named exactly so first, then
    those in the most articles.

    store: a store of kg.rdf.store; text: what the user typed; types: names of kg.types.NODE_TYPES.
    """
    hits = []
    for type_name in types:
        node_type = BY_NAME[type_name]
        query = _FIND.format(rdf_class=node_type.rdf_class, label=node_type.label, names=NAME_PREDICATES)
        for node, label, matched, key, articles, first, last in store.select(PROLOGUE + query, {"text": Literal(text)})[
            1
        ]:
            hits.append(
                Hit(
                    str(node),
                    type_name,
                    str(label),
                    str(matched),
                    key and str(key),
                    int(articles),
                    first and str(first),
                    last and str(last),
                )
            )
    return sorted(
        hits, key=lambda hit: (hit.label != text and hit.matched != text, -hit.articles, len(hit.label), hit.label)
    )


def suggest(store, text: str, types: tuple[str, ...] = TYPE_NAMES) -> list[str]:
    """The names nearest to `text` (rapidfuzz's ratio over characters), best first, for when nothing
    contains it: 夏洋 → 夏扬."""
    names = set()
    for type_name in types:
        query = f"SELECT DISTINCT ?alias WHERE {{ ?node a {BY_NAME[type_name].rdf_class} ; {NAME_PREDICATES} ?alias }}"
        names.update(str(alias) for (alias,) in store.select(PROLOGUE + query)[1])
    found = process.extract(text, sorted(names), scorer=fuzz.ratio, limit=SUGGESTIONS, score_cutoff=SUGGESTION_CUTOFF)
    return [name for name, _, _ in found]


class NotFound(GovkgError, LookupError):
    """Nothing is named so; the message gives the nearest names."""


def not_found(store, text: str, types: tuple[str, ...] = TYPE_NAMES) -> NotFound:
    """The error for a text that no name contains, with the nearest names."""
    near = suggest(store, text, types)
    what = " or ".join(types) if len(types) < len(TYPE_NAMES) else "node"
    return NotFound(
        f"no {what} is named {text!r} or has it in its name" + (f"; did you mean {'、'.join(near)}?" if near else "")
    )


def choose(store, text: str, types: tuple[str, ...] = TYPE_NAMES) -> tuple[str, list[str]]:
    """The name of the node `text` stands for (the first that find() gives) and the other names found.

    Raises NotFound, whose message suggests the nearest names, when no name contains `text`.
    """
    hits = find(store, text, types)
    if not hits:
        raise not_found(store, text, types)
    chosen = hits[0].label
    return chosen, sorted({hit.label for hit in hits} - {chosen})


def choice_note(text: str, chosen: str, others: list[str]) -> str | None:
    """A line that says which node `text` was taken for, when that is not plain, else None.

    >>> choice_note("市科技局", "郑州市科技局", [])
    '市科技局 → 郑州市科技局'
    """
    if chosen == text and not others:
        return None
    also = (
        f" (also found: {'、'.join(others[:SUGGESTIONS])}{' …' if len(others) > SUGGESTIONS else ''})" if others else ""
    )
    return f"{text} → {chosen}{also}"
