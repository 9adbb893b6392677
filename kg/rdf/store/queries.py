"""SPARQL the stores share: variables bound to RDF terms, people and their identity keys, the union as a
graph; and how a store's results are made plain rdflib terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import XSD, Dataset, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.rdf.sparql import where_opening
from kg.rdf.store.integrity import StoreError
from kg.rdf.vocab import PREFIXES

PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
Quad = tuple[Node, Node, Node, Node]


def plain(term):
    """A literal as rdflib writes it: stores return simple literals typed xsd:string, which is the same literal."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def with_values(query: str, bindings: Mapping[str, Node]) -> str:
    r"""`query` with its WHERE pattern opened by a VALUES block that binds each variable to its term.

    For a server, which takes text only (the stores of this process bind terms themselves). Terms are
    written by rdflib's own serialiser, which escapes quotes, so a value is always one RDF term and never
    changes the query around it; the pattern is found by SPARQL's tokens, never in a comment or string.

    >>> print(with_values('SELECT ?x WHERE { ?x <p> ?name }', {"name": Literal('a" } }')}))
    SELECT ?x WHERE { VALUES (?name) { ("a\" } }") } ?x <p> ?name }
    """
    if not bindings:
        return query
    opening = where_opening(query)
    if opening is None:
        raise StoreError("cannot bind parameters: the query has no WHERE pattern")
    variables = " ".join(Variable(name).n3() for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"{query[:opening]} VALUES ({variables}) {{ ({values}) }}{query[opening:]}"


def asks_identity_key(store, key: str) -> bool:
    """True when some person of the store has this identity key, or was written with it on a page the identity
    resolver rewrote, asked in SPARQL."""
    return bool(store.select("ASK { ?person kg:identityKey|kg:writtenKey ?key }", {"key": Literal(key)})[1][0][0])


def triple_pattern(predicate: URIRef | None) -> str:
    """A pattern binding ?s ?p ?o, with ?p fixed to `predicate` when given."""
    return "?s ?p ?o" if predicate is None else f"?s {predicate.n3()} ?o BIND({predicate.n3()} AS ?p)"


def union_graph(store) -> Graph:
    """Every triple of every named graph, as one graph with the project's prefixes."""
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace)
    for s, p, o, _ in store.quads():
        union.add((s, p, o))
    return union


def dataset_of(store) -> Dataset:
    """The store's named graphs as an in-memory Dataset, graph names kept (for TriG and N-Quads)."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.addN((s, p, o, dataset.graph(g)) for s, p, o, g in store.quads())
    return dataset


def people_query(names: Iterable[str] | None) -> str:
    """SPARQL for the name and identity key of each person (of those names only, if given)."""
    # names are written as RDF literals by rdflib, escaped: a name never changes the query
    values = "" if names is None else f"VALUES ?name {{ {' '.join(Literal(name).n3() for name in names)} }} "
    return f"SELECT DISTINCT ?name ?key WHERE {{ {values}?person foaf:name ?name ; kg:identityKey ?key }}"


def keys_by_name(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    people: dict[str, set[str]] = {}
    for name, key in rows:
        people.setdefault(name, set()).add(key)
    return people
