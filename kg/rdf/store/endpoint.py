"""A SPARQL 1.1 server spoken to over HTTP: Oxigraph server, Jena Fuseki, or any other."""

from __future__ import annotations

import contextlib
import io
import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.files import append_atomically, replacing
from kg.rdf.store.integrity import StoreError
from kg.rdf.store.memory import RowsHeldWhole
from kg.rdf.store.queries import (
    PREFIX_IRIS,
    Quad,
    asks_identity_key,
    keys_by_name,
    people_query,
    plain,
    triple_pattern,
    with_values,
)
from kg.rdf.vocab import KG, PROLOGUE

# a server takes so many names in one request
_NAMES_PER_QUERY = 500


class EndpointStore(RowsHeldWhole):
    """A SPARQL 1.1 server spoken to over HTTP: Oxigraph server, Jena Fuseki, or any other."""

    def __init__(self, base: str, timeout: float = 60):
        self.base = base.rstrip("/")
        self.timeout = timeout
        # a server keeps no mark of a dead build: each batch is one update, whole or not at all
        self.recovering = False

    def _post(self, service: str, body: str, content_type: str, accept: str) -> bytes:
        with self._posting(service, body, content_type, accept) as response:
            return response.read()

    @contextlib.contextmanager
    def _posting(self, service: str, body: str, content_type: str, accept: str):
        """The server's response to a POST, to be read as it arrives."""
        request = urllib.request.Request(
            f"{self.base}/{service}",
            data=body.encode("utf-8"),
            method="POST",
            headers={"Content-Type": content_type, "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                yield response
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{self.base}/{service} answered {error.code}: {detail[0] if detail else error.reason}"
            ) from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"cannot reach the SPARQL server at {self.base}: {error}") from error

    def _results(self, query: str) -> tuple[list[str], list[tuple]]:
        answer = json.loads(self._post("query", query, "application/sparql-query", "application/sparql-results+json"))
        if "boolean" in answer:
            return ["ask"], [(Literal(answer["boolean"]),)]
        names = answer["head"]["vars"]
        rows = [tuple(_term(binding.get(name)) for name in names) for binding in answer["results"]["bindings"]]
        return names, rows

    def update(self, update: str) -> None:
        self._post("update", update, "application/sparql-update", "*/*")

    def graph_version(self, graph: URIRef) -> str | None:
        _, rows = self._results(
            f"SELECT ?v WHERE {{ GRAPH {graph.n3()} {{ ?a {KG.pipelineVersion.n3()} ?v }} }} LIMIT 1"
        )
        return str(rows[0][0]) if rows else None

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        """Drop and refill named graphs, all in one request that the server applies whole:
        readers never see half a batch, and a batch of articles costs one round trip."""
        # N-Triples is SPARQL's syntax for triples too
        updates = [
            f"DROP SILENT GRAPH {graph.n3()} ;\nINSERT DATA {{ GRAPH {graph.n3()} {{\n{ntriples.decode('utf-8')}\n}} }}"
            for graph, ntriples in graphs
        ]
        if updates:
            self.update(" ;\n".join(updates))

    def has_identity_key(self, key: str) -> bool:
        return asks_identity_key(self, key)

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        _, rows = self._results(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ {triple_pattern(predicate)} }} }}")
        for g, s, p, o in rows:
            yield s, p, o, g

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        _, rows = self._results(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {triple_pattern(predicate)} }}")
        yield from rows

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run a SELECT (or ASK) with variables bound as in EmbeddedStore.select."""
        return self._results(PROLOGUE + with_values(query, bindings or {}))

    def refresh_union(self) -> None:
        """Nothing to do: the server keeps its own union."""

    def optimize(self) -> None:
        """Nothing to do: the server looks after its own files."""

    def settle(self) -> None:
        """Nothing to do: each batch was applied whole."""

    def people(self, names: set[str] | None = None) -> dict[str, set[str]]:
        """Each person name on the server (of those names only, if given) and the identity keys of its nodes."""
        chosen = sorted(names) if names is not None else None
        # a server takes so many names in one request
        batches = (
            [None]
            if chosen is None
            else [chosen[i : i + _NAMES_PER_QUERY] for i in range(0, len(chosen), _NAMES_PER_QUERY)]
        )
        return keys_by_name(
            (str(name), str(key)) for batch in batches for name, key in self.select(people_query(batch))[1]
        )

    def write_turtle(self, path: Path) -> None:
        """Write the union, every triple once, to `path` as Turtle, streamed from the server, whole or not at all."""
        with replacing(path) as temporary:
            self._turtle("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", temporary)

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        """Add the triples of some named graphs to the Turtle file at `path`, whole or not at all."""
        if not graphs:
            return
        addition = io.BytesIO()
        self._turtle(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {' '.join(g.n3() for g in graphs)} }} "
            "GRAPH ?g { ?s ?p ?o } }",
            addition,
        )
        append_atomically(path, addition.getvalue())

    def _turtle(self, construct: str, output: Path | io.BytesIO) -> None:
        """The graph a CONSTRUCT query makes, streamed into `output` as Turtle with the project's prefixes."""
        with self._posting("query", construct, "application/sparql-query", "application/n-triples") as response:
            pyoxigraph.serialize(
                pyoxigraph.parse(input=response, format=pyoxigraph.RdfFormat.N_TRIPLES),
                output=output if isinstance(output, io.BytesIO) else str(output),
                format=pyoxigraph.RdfFormat.TURTLE,
                prefixes=PREFIX_IRIS,
            )

    def close(self) -> None:
        pass


def _term(binding: dict | None) -> Node | None:
    """An RDF term from a SPARQL JSON results binding."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    return plain(
        Literal(
            binding["value"],
            lang=binding.get("xml:lang"),
            datatype=URIRef(binding["datatype"]) if "datatype" in binding else None,
        )
    )
