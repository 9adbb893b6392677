"""An rdflib Dataset in this process, for tests and for reading a kg.ttl; and the solutions of a store whose
answers come whole."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.files import append_atomically, write_atomically
from kg.rdf.store.integrity import StoreError
from kg.rdf.store.queries import (
    PREFIX_IRIS,
    Quad,
    asks_identity_key,
    keys_by_name,
    people_query,
    plain,
    union_graph,
)
from kg.rdf.vocab import KG


class RowsHeldWhole:
    """solutions for a store whose answers come whole: rdflib's, and a server's JSON."""

    def solutions(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], Iterator[tuple]]:
        """As select, the rows given one by one."""
        names, rows = self.select(query, bindings)
        return names, iter(rows)


class MemoryStore(RowsHeldWhole):
    """An rdflib Dataset in this process, for tests and for reading a kg.ttl."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.recovering = False  # a store in memory outlives no build
        # a build writes a batch in one thread while it asks about the next pages in another: rdflib's
        # memory store must not be read while it changes
        self._lock = threading.Lock()

    def graph_version(self, graph: URIRef) -> str | None:
        with self._lock:
            versions = (str(o) for _, _, o, _ in self.dataset.quads((None, KG.pipelineVersion, None, graph)))
            return next(versions, None)

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        with self._lock:
            for graph, ntriples in graphs:
                self.dataset.remove_graph(self.dataset.graph(graph))
                self.dataset.graph(graph).parse(data=ntriples.decode("utf-8"), format="nt")

    def has_identity_key(self, key: str) -> bool:
        with self._lock:
            return asks_identity_key(self, key)

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, predicate, None, None)):
            yield s, p, plain(o), getattr(g, "identifier", g)

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        for s, p, o in set(self.dataset.triples((None, predicate, None))):
            yield s, p, plain(o)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        # bound by rdflib itself: a value is a term whatever it holds, never query text
        initial = {Variable(name): term for name, term in (bindings or {}).items()}
        result = self.dataset.query(query, initNs=PREFIX_IRIS, initBindings=initial)
        if result.type == "ASK":
            return ["ask"], [(Literal(bool(result.askAnswer)),)]
        if result.type != "SELECT":
            raise StoreError("only SELECT and ASK queries can be shown as a table")
        names = [str(v) for v in result.vars]
        return names, [tuple(plain(row[v]) if row[v] is not None else None for v in result.vars) for row in result]

    def refresh_union(self) -> None:
        """Nothing to do: rdflib computes the union as it is asked."""

    def optimize(self) -> None:
        """Nothing to do: rdflib keeps its indexes as it goes."""

    def settle(self) -> None:
        """Nothing to do: nothing outlives the process."""

    def people(self, names: set[str] | None = None) -> dict[str, set[str]]:
        return keys_by_name((str(name), str(key)) for name, key in self.select(people_query(names))[1])

    def write_turtle(self, path: Path) -> None:
        write_atomically(path, union_graph(self).serialize(format="turtle"))

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        addition = Graph()
        for graph in graphs:
            addition += self.dataset.graph(graph)
        append_atomically(path, addition.serialize(format="turtle").encode("utf-8"))

    def close(self) -> None:
        self.dataset.close()
