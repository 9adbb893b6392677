"""The build's other target: N-Quads files for a triple store's bulk loader instead of a store.

`kg build --emit-nquads DIR` writes each batch of articles as DIR/batch-000001.nq, batch-000002.nq, …
in input order, then who is who (the article graphs the resolver rewrote and the identity graphs), each
file whole or not at all. `oxigraph load` and
Jena's `tdb2.tdbloader` load them far faster than SPARQL updates can write the same triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph
from rdflib import URIRef

from kg.files import write_atomically
from kg.rdf.store.embedded import EmbeddedStore, as_nquads, union_of


class NQuadsFiles:
    """A folder of N-Quads files, written to as a store is: one file per batch of graphs."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for earlier in folder.glob("batch-*.nq"):
            earlier.unlink()  # an earlier run's batches would be loaded with this run's
        self.files: list[Path] = []

    def graph_version(self, graph: URIRef) -> None:
        """None: nothing is read back from the files, so every article is built."""
        return None

    def has_identity_key(self, key: str) -> bool:
        """False: the files hold only what this build writes."""
        return False

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        """Write one batch of (graph, N-Triples) as the next file."""
        batch = b"".join(as_nquads(ntriples, graph) for graph, ntriples in graphs)
        if batch:
            path = self.folder / f"batch-{len(self.files) + 1:06d}.nq"
            write_atomically(path, batch)
            self.files.append(path)

    def reader(self, terms: Iterable[URIRef]) -> EmbeddedStore:
        """What the files written so far say with any of `terms` (predicates, classes), as a store in memory
        to ask in SPARQL: what a question across articles reads, not the whole graph."""
        wanted = [f"<{term}>".encode() for term in terms]
        inner = pyoxigraph.Store()
        for path in self.files:
            with path.open("rb") as lines:
                kept = b"".join(line for line in lines if any(term in line for term in wanted))
            inner.bulk_load(union_of(kept), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        return EmbeddedStore(inner)

    def resolve(self, decide: Callable[[EmbeddedStore], object]) -> None:
        """Let `decide` (kg.rdf.identity.resolve_people) read every graph written so far, in memory, and
        write what it replaces: those graphs leave the files they were in, and go in the next file."""
        inner = pyoxigraph.Store()
        for path in self.files:
            inner.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        store = _Recording(inner)
        decide(store)
        replaced = {f"<{graph}>".encode() for graph, _ in store.replaced}
        for path in self.files:
            with path.open("rb") as lines:
                # an N-Quads line ends in its graph's name and " ."
                kept = [line for line in lines if line.rsplit(b" ", 2)[-2] not in replaced]
            write_atomically(path, b"".join(kept))
        self.replace_graphs(store.replaced)

    def settle(self) -> None:
        """Nothing to do: each file was whole when written."""

    def close(self) -> None:
        """Nothing to do: each file was whole when written."""


class _Recording(EmbeddedStore):
    """A store in memory that keeps every graph it is given, to be written to the files after."""

    def __init__(self, inner):
        super().__init__(inner)
        self.replaced: list[tuple[URIRef, bytes]] = []

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        graphs = list(graphs)
        self.replaced += graphs
        super().replace_graphs(graphs, owns)
