"""Oxigraph on disk, spoken to directly (pyoxigraph): one named graph per article, and the default graph kept
as their union with each triple once, so queries need no DISTINCT to stay fast."""

from __future__ import annotations

import gc
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph
from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kg.files import append_atomically, replacing
from kg.rdf import sums
from kg.rdf.sparql import projected
from kg.rdf.store.integrity import StoreError, as_store_error, first_line
from kg.rdf.store.queries import PREFIX_IRIS, Quad, keys_by_name, people_query, with_values
from kg.rdf.vocab import ID_BASE, KG


class EmbeddedStore:
    """Oxigraph on disk, spoken to directly (pyoxigraph): one named graph per article, and the
    default graph kept as their union with each triple once, so queries need no DISTINCT to stay fast."""

    def __init__(self, inner, read_only: bool = False, folder: Path | None = None, recorded: dict | None = None):
        self.inner = inner
        self.read_only = read_only
        self.folder = folder
        self._recorded = recorded  # the record of the store's files before it was opened to write (kg.rdf.sums)
        # what the store held on disk when opened, and what has been loaded into it since
        self._bytes_at_open = _table_bytes(folder) if folder else 0
        self._bytes_loaded = 0
        # a build that died before its end left its mark: the next one revisits every name and output
        self.recovering = any(True for _ in inner.quads_for_pattern(_STATE, None, None, _STATE))
        self._replaced = self.recovering
        self._marked = self.recovering

    @property
    def dataset(self) -> Dataset:
        """The same store as an rdflib Dataset (oxrdflib), for rdflib's API: graphs, triples, SPARQL."""
        from oxrdflib import OxigraphStore

        return Dataset(store=OxigraphStore(store=self.inner))

    def graph_version(self, graph: URIRef) -> str | None:
        """The pipeline version an article's graph was built with, or None when the graph is absent."""
        for quad in self.inner.quads_for_pattern(None, _PIPELINE_VERSION, None, pyoxigraph.NamedNode(str(graph))):
            return quad.object.value
        return None

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        """Store each (graph, N-Triples) as that named graph, replacing what it held.

        The triples join the union at once. What a replaced graph alone held leaves the union at once: triple by
        triple for a few graphs (the articles the identity resolver rewrites), else on refresh, which rebuilds
        it; or at once, when the graphs `owns` their triples (no other graph says any of them).
        """
        graphs = list(graphs)
        if not graphs:
            return
        if not self._marked:
            self.inner.add(pyoxigraph.Quad(_STATE, _UNION_PENDING, pyoxigraph.Literal(True), _STATE))
            self._marked = True
        bodies, versions = [], []
        stale: list[pyoxigraph.Quad] = []  # what the replaced graphs said, which may now leave the union
        for graph, ntriples in graphs:
            name = pyoxigraph.NamedNode(str(graph))
            if self.inner.contains_named_graph(name):
                said = list(self.inner.quads_for_pattern(None, None, None, name))
                if owns:
                    for quad in said:
                        self.inner.remove(pyoxigraph.Quad(quad.subject, quad.predicate, quad.object))
                elif len(stale) + len(said) <= _STALE_TRIPLES_CHECKED:
                    stale += said
                else:
                    # what the old graphs alone said must leave the union too: rebuilt once, on refresh
                    self._replaced = True
                self.inner.remove_graph(name)
            body, version = _split_version(ntriples)
            # a line without a graph name is in the default graph: the union
            bodies += [as_nquads(body, graph), body]
            versions += [as_nquads(version, graph), version]
        # Oxigraph's bulk loader writes several times faster than a transaction, but a kill can leave part
        # of its load behind: an article counts as stored only once its version is, in one transaction after.
        # Given bytes, not a file, it loads without holding the GIL, beside the build's other threads.
        # (lenient: the IRIs are ours, made valid by kg.rdf.vocab; checking them again costs a tenth of the write)
        self._bulk_load(b"".join(bodies))
        self.inner.load(b"".join(versions), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        for quad in stale:
            if not self._said_by_a_graph(quad):
                self.inner.remove(pyoxigraph.Quad(quad.subject, quad.predicate, quad.object))

    def _said_by_a_graph(self, quad: pyoxigraph.Quad) -> bool:
        """True when some named graph (not the union, not the build's mark) says the quad's triple."""
        return any(
            not isinstance(other.graph_name, pyoxigraph.DefaultGraph) and other.graph_name != _STATE
            for other in self.inner.quads_for_pattern(quad.subject, quad.predicate, quad.object)
        )

    def _bulk_load(self, nquads: bytes) -> None:
        self.inner.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        self._bytes_loaded += len(nquads)

    def has_identity_key(self, key: str) -> bool:
        """True when some person of the union has this identity key, or was written with it on a page the
        identity resolver rewrote (as the union stood when last brought up to date)."""
        key_term, union = pyoxigraph.Literal(key), pyoxigraph.DefaultGraph()
        for predicate in (_IDENTITY_KEY, _WRITTEN_KEY):
            if any(True for _ in self.inner.quads_for_pattern(None, predicate, key_term, union)):
                return True
        return False

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        """Every quad of the named graphs (of one predicate, if given)."""
        for quad in self.inner.quads_for_pattern(None, _ox_or_none(predicate), None):
            if not isinstance(quad.graph_name, pyoxigraph.DefaultGraph) and quad.graph_name != _STATE:
                yield _rdf(quad.subject), _rdf(quad.predicate), _rdf(quad.object), _rdf(quad.graph_name)

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of the union (of one predicate, if given), each once."""
        self.refresh_union()
        for quad in self.inner.quads_for_pattern(None, _ox_or_none(predicate), None, pyoxigraph.DefaultGraph()):
            yield _rdf(quad.subject), _rdf(quad.predicate), _rdf(quad.object)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run a SELECT (or ASK) over the union of the graphs, with variables bound to RDF terms.

        Returns (variable names, rows of terms or None).
        """
        names, rows = self.solutions(query, bindings)
        return names, list(rows)

    def solutions(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], Iterator[tuple]]:
        """As select, each row made as Oxigraph finds it: a query of millions of rows is never held whole."""
        self.refresh_union()
        # a reader of a store a build left unfinished (killed while it rebuilt the union, say) asks the named
        # graphs themselves: the union may be half made, but what is stored of each article is whole
        whole = {"use_default_graph_as_union": True} if self.read_only and self.recovering else {}
        try:
            text, substitutions = _bound(query, bindings or {})
            result = self.inner.query(text, prefixes=PREFIX_IRIS, substitutions=substitutions, **whole)
        except SyntaxError as error:
            raise StoreError(first_line(error)) from error
        except (OSError, RuntimeError) as error:
            if failure := as_store_error(error, self.folder):
                raise failure from error
            raise
        if isinstance(result, pyoxigraph.QueryBoolean):
            return ["ask"], iter([(Literal(bool(result)),)])
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise StoreError("only SELECT and ASK queries can be shown as a table")
        return [variable.value for variable in result.variables], self._rows(result)

    def _rows(self, result) -> Iterator[tuple]:
        try:
            for solution in result:
                yield tuple(None if term is None else _rdf(term) for term in solution)
        except (OSError, RuntimeError) as error:
            if failure := as_store_error(error, self.folder):
                raise failure from error
            raise

    def refresh_union(self) -> None:
        """Bring the union up to date: after graphs were replaced (or a build died midway) it is rebuilt
        from the named graphs, so that it holds what they say now and nothing else.

        A store opened read-only reads the union as it stands: while a build runs, or after one died,
        it is what the last finished batch left (the build that writes brings it up to date).
        """
        if self.read_only:
            return
        if self._replaced:
            self._rebuild_union()
            self._replaced = False

    def settle(self) -> None:
        """The build is done and its outputs written: bring the union up to date and drop the build's mark.

        Until then the mark stays, so that a build killed anywhere before (even while it asks its
        identity questions or writes kg.ttl) is followed by one that revisits every name and output.
        """
        self.refresh_union()
        if self._marked:
            self.inner.remove_graph(_STATE)
            self._marked = False

    def _rebuild_union(self) -> None:
        """Empty the union and load it again from a dump of the named graphs, a batch at a time.

        A SPARQL INSERT of the whole store is one transaction: it took two minutes at 20 MB of text.
        """
        self.inner.clear_graph(pyoxigraph.DefaultGraph())
        # the dump is as big as the store's text: beside the store, not in /tmp
        with tempfile.TemporaryDirectory(prefix=".govkg-union-", dir=self.folder and self.folder.parent) as folder:
            dump = Path(folder) / "graphs.nq"
            self.inner.dump(str(dump), pyoxigraph.RdfFormat.N_QUADS)
            with open(dump, "rb") as quads:
                while block := quads.read(_UNION_BATCH_BYTES) + quads.readline():
                    self._bulk_load(union_of(block))

    def optimize(self) -> None:
        """After a build that wrote much of the store, merge its files (Oxigraph's optimize, a RocksDB compaction):
        each look-up of a query then reads fewer of them, and a query of many rows runs a fifth faster.
        After a build that added a little to a large store it does nothing: merging every file costs seconds."""
        if not self.read_only and self._bytes_loaded >= _WORTH_OPTIMIZING * self._bytes_at_open:
            self.inner.optimize()

    def people(self, names: set[str] | None = None) -> dict[str, set[str]]:
        """Each person name in the store (of those names only, if given) and the identity keys of its nodes."""
        self.refresh_union()
        rows = self.inner.query(people_query(names), prefixes=PREFIX_IRIS)
        return keys_by_name((name.value, key.value) for name, key in rows)

    def write_turtle(self, path: Path) -> None:
        """Write the union, every triple once, to `path` as Turtle, whole or not at all; dumped in Rust, streaming."""
        self.refresh_union()
        with replacing(path) as temporary:
            self.inner.dump(
                str(temporary), pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(), prefixes=PREFIX_IRIS
            )

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        """Add the triples of some named graphs to the Turtle file at `path`, whole or not at all.

        For builds that only add articles: their triples join the file without rewriting it
        (a subject may be described in several places of a Turtle file).
        """
        append_atomically(
            path,
            pyoxigraph.serialize(
                [
                    pyoxigraph.Triple(q.subject, q.predicate, q.object)
                    for graph in graphs
                    for q in self.inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(str(graph)))
                ],
                format=pyoxigraph.RdfFormat.TURTLE,
                prefixes=PREFIX_IRIS,
            ),
        )

    def close(self) -> None:
        """Let the store go; a store that was written has its files recorded (kg.rdf.sums) once RocksDB has
        closed them and ended its background merges, which it does as the last reference goes."""
        # the union is not brought up to date here: a build that did not settle left its mark, and
        # the next build, seeing it, does that work once
        if not self.read_only and self.inner is not None:
            self.inner.flush()
            self.inner = None
            gc.collect()
            if self.folder:
                sums.record(self.folder, self._recorded)


_PIPELINE_VERSION = pyoxigraph.NamedNode(str(KG.pipelineVersion))
_XSD_STRING = str(XSD.string)
# N-Quads loaded, as a share of the store's size on disk when opened, from which a build optimizes the store
_WORTH_OPTIMIZING = 0.5
_PIPELINE_VERSION_NT = f"{KG.pipelineVersion.n3()} ".encode()
_IDENTITY_KEY = pyoxigraph.NamedNode(str(KG.identityKey))
_WRITTEN_KEY = pyoxigraph.NamedNode(str(KG.writtenKey))
# the store's own bookkeeping, outside the union: the mark of a build under way (kept by one that died)
_STATE = pyoxigraph.NamedNode(f"{ID_BASE}graph/state")
_UNION_PENDING = pyoxigraph.NamedNode(str(KG.unionPending))
_STATE_LINE = re.compile(rb"^.* " + re.escape(str(_STATE).encode("utf-8")) + rb" \.\n", re.M)
_GRAPH_NAME = re.compile(rb" <[^<>]*> \.\n")
# the triples of replaced graphs looked up one by one to keep the union exact (a look-up each, fast for the few
# articles the identity resolver rewrites); beyond, the union is rebuilt whole, once
_STALE_TRIPLES_CHECKED = 200_000
# the union is loaded again in batches of this much N-Quads: a bulk load holds its batch in memory many times over
_UNION_BATCH_BYTES = 32 << 20


def as_nquads(ntriples: bytes, graph: URIRef) -> bytes:
    r"""N-Triples put into the named graph `graph`, as N-Quads.

    Every triple of N-Triples ends its line with " ." and a literal's own line breaks are
    written \n, so the graph name goes before each line's end.

    >>> as_nquads(b'<urn:a> <urn:b> "x .\\n y" .\n', URIRef("urn:g"))
    b'<urn:a> <urn:b> "x .\\n y" <urn:g> .\n'
    """
    return ntriples.replace(b" .\n", b" <" + str(graph).encode("utf-8") + b"> .\n")


def union_of(nquads: bytes) -> bytes:
    r"""Whole lines of N-Quads put into the default graph, but for the store's own bookkeeping.

    >>> union_of(b'<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> "x <urn:y> ." <urn:g> .\n')
    b'<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> "x <urn:y> ." .\n'
    """
    named = _STATE_LINE.sub(b"", nquads)
    # a line break inside a literal is written \n, so " <graph> .\n" can only end a line
    return _GRAPH_NAME.sub(b" .\n", named)


def _split_version(ntriples: bytes) -> tuple[bytes, bytes]:
    """An article's N-Triples without the line of its kg:pipelineVersion, and that line (b"" when none)."""
    found = ntriples.find(_PIPELINE_VERSION_NT)
    if found < 0:
        return ntriples, b""
    start = ntriples.rfind(b"\n", 0, found) + 1
    end = ntriples.index(b"\n", found) + 1
    return ntriples[:start] + ntriples[end:], ntriples[start:end]


def _bound(query: str, bindings: Mapping[str, Node]) -> tuple[str, dict]:
    """The query and the substitutions Oxigraph binds its variables with: a value is then a term whatever
    it holds, never query text. Oxigraph binds only the variables a query answers with; any other is
    bound by a VALUES block rdflib writes (kg.rdf.store.queries.with_values)."""
    answered = projected(query)
    if answered is not None and not set(bindings) <= answered:
        return with_values(query, bindings), {}
    return query, {pyoxigraph.Variable(name): oxigraph_term(term) for name, term in bindings.items()}


def _ox_or_none(term: URIRef | None):
    return None if term is None else pyoxigraph.NamedNode(str(term))


def oxigraph_term(node: Node):
    """An rdflib term as a pyoxigraph one."""
    if isinstance(node, URIRef):
        return pyoxigraph.NamedNode(str(node))
    if isinstance(node, Literal):
        datatype = pyoxigraph.NamedNode(str(node.datatype)) if node.datatype else None
        return pyoxigraph.Literal(str(node), language=node.language, datatype=datatype)
    if isinstance(node, BNode):
        return pyoxigraph.BlankNode(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def _rdf(term) -> Node:
    """A pyoxigraph term as an rdflib one (simple literals plain)."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return BNode(term.value)


def _table_bytes(folder: Path) -> int:
    """What an Oxigraph store holds on disk: its RocksDB tables, not its logs."""
    return sum(entry.stat().st_size for entry in os.scandir(folder) if entry.name.endswith(".sst"))
