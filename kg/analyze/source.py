"""What the analyses read from: a store of kg.rdf.store or an rdflib Graph, asked in SPARQL.

Asking the store (Oxigraph answers in Rust) keeps a large graph out of Python's memory;
an rdflib Graph answers the same queries in tests and doctests.
"""

from __future__ import annotations

from rdflib.term import Node

from kg.rdf.vocab import PROLOGUE


def select(source, query: str) -> list[tuple[Node | None, ...]]:
    """The rows of a SELECT on `source` (a store with .select, or an rdflib Graph)."""
    if hasattr(source, "select"):
        return source.select(PROLOGUE + query)[1]
    return [tuple(row) for row in source.query(PROLOGUE + query)]


def text(term: Node | None) -> str:
    return "" if term is None else str(term)
