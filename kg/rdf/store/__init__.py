"""The workspace's RDF store: Oxigraph on disk, in memory (rdflib), or a SPARQL 1.1 server.

A location is a folder (embedded Oxigraph, the default), "memory", or the base URL of
a SPARQL 1.1 dataset whose query and update services are BASE/query and BASE/update
(Oxigraph server: http://127.0.0.1:7878; Jena Fuseki: http://host:3030/DATASET).
Every kind of store answers the same few calls (GraphStore), so a build or a query does not care which it has.

The package by topic: locations (where a store is, opening it), one module per engine (embedded,
memory, endpoint), integrity (what can go wrong, in one line), queries (the SPARQL they share).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import URIRef
from rdflib.term import Node

from kg.rdf.store.embedded import EmbeddedStore
from kg.rdf.store.endpoint import EndpointStore
from kg.rdf.store.integrity import NoStore, StoreDamaged, StoreError, as_store_error, first_line
from kg.rdf.store.locations import MEMORY, delete_store, is_endpoint, open_store
from kg.rdf.store.memory import MemoryStore
from kg.rdf.store.queries import Quad, dataset_of, plain, union_graph, with_values

__all__ = [
    "MEMORY",
    "EmbeddedStore",
    "EndpointStore",
    "GraphStore",
    "MemoryStore",
    "NoStore",
    "StoreDamaged",
    "StoreError",
    "as_store_error",
    "dataset_of",
    "delete_store",
    "first_line",
    "is_endpoint",
    "open_store",
    "plain",
    "union_graph",
    "with_values",
]


@runtime_checkable
class GraphStore(Protocol):
    """What every store does (EmbeddedStore, MemoryStore, EndpointStore): the build writes articles'
    graphs through it, and every reader asks it in SPARQL. kg.rdf.bulk.NQuadsFiles takes a build's writes
    only."""

    # a build died before its end: the next one revisits every name and output
    recovering: bool

    def graph_version(self, graph: URIRef) -> str | None:
        """The version an article's graph was built with, or None when the graph is absent."""

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        """Store each (graph, N-Triples) as that named graph, replacing what it held."""

    def has_identity_key(self, key: str) -> bool:
        """True when some person of the store has this identity key."""

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        """Every quad of the named graphs (of one predicate, if given)."""

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of the union (of one predicate, if given), each once."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run a SELECT (or ASK) over the union, with variables bound to RDF terms."""

    def solutions(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], Iterator[tuple]]:
        """As select, the rows given as the store finds them, never held all at once where the store can."""

    def refresh_union(self) -> None:
        """Bring the union up to date with the named graphs."""

    def optimize(self) -> None:
        """Make later reads faster after a large write, where the store can."""

    def settle(self) -> None:
        """The build is done: bring the union up to date and drop the build's mark."""

    def people(self, names: set[str] | None = None) -> dict[str, set[str]]:
        """Each person name (of those names only, if given) and the identity keys of its nodes."""

    def write_turtle(self, path: Path) -> None:
        """Write the union to `path` as Turtle, whole or not at all."""

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        """Add the triples of some named graphs to the Turtle file at `path`, whole or not at all."""

    def close(self) -> None:
        """Let the store go."""
