"""The workspace's RDF store: Oxigraph on disk (rdflib's oxrdflib store), in memory, or a SPARQL 1.1 server.

A location is a folder (embedded Oxigraph, the default), "memory", or the base URL of
a SPARQL 1.1 dataset whose query and update services are BASE/query and BASE/update
(Oxigraph server: http://127.0.0.1:7878; Jena Fuseki: http://host:3030/DATASET).
Both kinds of store answer the same few calls, so a build or a query does not care which it has.
"""
from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import re
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol, runtime_checkable

import pyoxigraph

from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.files import append_atomically, replacing, write_atomically
from kg.rdf import sums
from kg.rdf.vocab import ID_BASE, KG, PREFIXES, PROLOGUE

MEMORY = "memory"
Quad = tuple[Node, Node, Node, Node]


class StoreError(Exception):
    """A store that cannot be used: missing, locked by another process, or a server that does not answer."""


class NoStore(StoreError):
    """A folder store that is not there: never built, or deleted."""


class StoreDamaged(StoreError):
    """A store whose files changed since the build that wrote them, or that RocksDB finds corrupt."""

    def __init__(self, folder, detail: str):
        super().__init__(f"the store at {folder} is damaged ({detail})")
        self.folder = folder


def first_line(error: BaseException) -> str:
    """An error's message as one line: its first, or the error's kind when it says nothing."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def as_store_error(error: BaseException, folder) -> StoreError | None:
    """RocksDB's report of a failure (pyoxigraph raises it as RuntimeError or OSError) as a StoreError: a
    corrupt or missing file as StoreDamaged, any other (a full disk, a file it may not read) as the
    StoreError it is, the store being sound; None for an error that is not RocksDB's.

    >>> as_store_error(RuntimeError("Corruption: Corruption: block checksum mismatch\\nmore"), "ws/store")
    StoreDamaged('the store at ws/store is damaged (Corruption: block checksum mismatch)')
    >>> as_store_error(OSError("IO error: No space left on device"), "ws/store")
    StoreError('the store at ws/store failed (IO error: No space left on device)')
    """
    if isinstance(error, StoreError):
        return error
    if not isinstance(error, (RuntimeError, OSError)):
        return None
    first = first_line(error)
    while first.startswith("Corruption: Corruption"):
        first = first.removeprefix("Corruption: ")
    if first.startswith("Corruption") or (first.startswith("IO error") and "No such file" in first):
        return StoreDamaged(folder, first)
    if first.startswith("IO error"):
        return StoreError(f"the store at {folder} failed ({first})")
    return None


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


def is_endpoint(location: str | Path) -> bool:
    """True when `location` names a SPARQL server rather than a folder."""
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, read_only: bool = False) -> GraphStore:
    """Open the store at `location` (see the module docstring), creating a folder store if needed.

    read_only: open a folder store for reading, which works while another process holds it open.
    Returns a store; close it when done.
    """
    if is_endpoint(location):
        return EndpointStore(str(location))
    if str(location) == MEMORY:
        return MemoryStore(Dataset(default_union=True))
    path = Path(location)
    try:
        if read_only:
            if not path.is_dir():
                raise NoStore(f"no store at {path}")
            if found := sums.damage(path):
                raise StoreDamaged(path, found)
            return EmbeddedStore(pyoxigraph.Store.read_only(str(path)), read_only=True, folder=path)
        path.mkdir(parents=True, exist_ok=True)
        recorded = sums.read(path)
        if found := sums.damage(path, recorded):  # a build onto damaged files would record them as sound
            raise StoreDamaged(path, found)
        sums.forget(path)  # the record holds until the store is written again
        return EmbeddedStore(pyoxigraph.Store(str(path)), folder=path, recorded=recorded)
    except (OSError, RuntimeError) as error:
        raise as_store_error(error, path) or StoreError(f"cannot open the store at {path}: {error}") from error


def delete_store(folder: Path) -> None:
    """Delete a folder store and the record of its files, for a build into a new one (kg build --rebuild)."""
    sums.forget(folder)
    shutil.rmtree(folder, ignore_errors=True)


def plain(term):
    """A literal as rdflib writes it: stores return simple literals typed xsd:string, which is the same literal."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


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

        The triples join the union at once. What a replaced graph held leaves the union on refresh,
        which rebuilds it; or at once, when the graphs `owns` their triples (no other graph says any of them).
        """
        graphs = list(graphs)
        if not graphs:
            return
        if not self._marked:
            self.inner.add(pyoxigraph.Quad(_STATE, _UNION_PENDING, pyoxigraph.Literal(True), _STATE))
            self._marked = True
        bodies, versions = [], []
        for graph, ntriples in graphs:
            name = pyoxigraph.NamedNode(str(graph))
            if self.inner.contains_named_graph(name):
                if owns:
                    for quad in list(self.inner.quads_for_pattern(None, None, None, name)):
                        self.inner.remove(pyoxigraph.Quad(quad.subject, quad.predicate, quad.object))
                else:
                    # what the old graph alone said must leave the union too
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

    def _bulk_load(self, nquads: bytes) -> None:
        self.inner.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        self._bytes_loaded += len(nquads)

    def has_identity_key(self, key: str) -> bool:
        """True when some person of the union has this identity key (as it stood when last brought up to date)."""
        matches = self.inner.quads_for_pattern(None, _IDENTITY_KEY, pyoxigraph.Literal(key), pyoxigraph.DefaultGraph())
        return any(True for _ in matches)

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
            result = self.inner.query(with_values(query, bindings or {}), prefixes=_PREFIX_IRIS, **whole)
        except SyntaxError as error:
            raise StoreError(first_line(error)) from error
        except (OSError, RuntimeError) as error:
            raise as_store_error(error, self.folder) or error
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
            raise as_store_error(error, self.folder) or error

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
        rows = self.inner.query(_people_query(names), prefixes=_PREFIX_IRIS)
        return _keys_by_name((name.value, key.value) for name, key in rows)

    def write_turtle(self, path: Path) -> None:
        """Write the union, every triple once, to `path` as Turtle, whole or not at all; dumped in Rust, streaming."""
        self.refresh_union()
        with replacing(path) as temporary:
            self.inner.dump(str(temporary), pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(),
                            prefixes=_PREFIX_IRIS)

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        """Add the triples of some named graphs to the Turtle file at `path`, whole or not at all.

        For builds that only add articles: their triples join the file without rewriting it
        (a subject may be described in several places of a Turtle file).
        """
        append_atomically(path, pyoxigraph.serialize(
            [pyoxigraph.Triple(q.subject, q.predicate, q.object) for graph in graphs
             for q in self.inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(str(graph)))],
            format=pyoxigraph.RdfFormat.TURTLE, prefixes=_PREFIX_IRIS))

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


class _RowsHeldWhole:
    """solutions for a store whose answers come whole: rdflib's, and a server's JSON."""

    def solutions(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], Iterator[tuple]]:
        """As select, the rows given one by one."""
        names, rows = self.select(query, bindings)
        return names, iter(rows)


class MemoryStore(_RowsHeldWhole):
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
            return _asks_identity_key(self, key)

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, predicate, None, None)):
            yield s, p, plain(o), getattr(g, "identifier", g)

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        for s, p, o in set(self.dataset.triples((None, predicate, None))):
            yield s, p, plain(o)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        result = self.dataset.query(with_values(query, bindings or {}), initNs=_PREFIX_IRIS)
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
        return _keys_by_name((str(name), str(key)) for name, key in self.select(_people_query(names))[1])

    def write_turtle(self, path: Path) -> None:
        write_atomically(path, union_graph(self).serialize(format="turtle"))

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        addition = Graph()
        for graph in graphs:
            addition += self.dataset.graph(graph)
        append_atomically(path, addition.serialize(format="turtle").encode("utf-8"))

    def close(self) -> None:
        self.dataset.close()


_PIPELINE_VERSION = pyoxigraph.NamedNode(str(KG.pipelineVersion))
_XSD_STRING = str(XSD.string)
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_NAMES_PER_QUERY = 500
# N-Quads loaded, as a share of the store's size on disk when opened, from which a build optimizes the store
_WORTH_OPTIMIZING = 0.5
_PIPELINE_VERSION_NT = f"{KG.pipelineVersion.n3()} ".encode("utf-8")
_IDENTITY_KEY = pyoxigraph.NamedNode(str(KG.identityKey))
# the store's own bookkeeping, outside the union: the mark of a build under way (kept by one that died)
_STATE = pyoxigraph.NamedNode(f"{ID_BASE}graph/state")
_UNION_PENDING = pyoxigraph.NamedNode(str(KG.unionPending))
_STATE_LINE = re.compile(rb"^.* " + re.escape(str(_STATE).encode("utf-8")) + rb" \.\n", re.M)
_GRAPH_NAME = re.compile(rb" <[^<>]*> \.\n")
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


def _ox_or_none(term: URIRef | None):
    return None if term is None else pyoxigraph.NamedNode(str(term))


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


class EndpointStore(_RowsHeldWhole):
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
        request = urllib.request.Request(f"{self.base}/{service}", data=body.encode("utf-8"), method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                yield response
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{self.base}/{service} answered {error.code}: {detail[0] if detail else error.reason}")
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
        _, rows = self._results(f"SELECT ?v WHERE {{ GRAPH {graph.n3()} {{ ?a {KG.pipelineVersion.n3()} ?v }} }} LIMIT 1")
        return str(rows[0][0]) if rows else None

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, bytes]], owns: bool = False) -> None:
        """Drop and refill named graphs, all in one request that the server applies whole:
        readers never see half a batch, and a batch of articles costs one round trip."""
        # N-Triples is SPARQL's syntax for triples too
        updates = [f"DROP SILENT GRAPH {graph.n3()} ;\nINSERT DATA {{ GRAPH {graph.n3()} {{\n{ntriples.decode('utf-8')}\n}} }}"
                   for graph, ntriples in graphs]
        if updates:
            self.update(" ;\n".join(updates))

    def has_identity_key(self, key: str) -> bool:
        return _asks_identity_key(self, key)

    def quads(self, predicate: URIRef | None = None) -> Iterator[Quad]:
        _, rows = self._results(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ {_triple_pattern(predicate)} }} }}")
        for g, s, p, o in rows:
            yield s, p, o, g

    def triples(self, predicate: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
        _, rows = self._results(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_triple_pattern(predicate)} }}")
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
        batches = [None] if chosen is None else [chosen[i:i + _NAMES_PER_QUERY] for i in range(0, len(chosen), _NAMES_PER_QUERY)]
        return _keys_by_name((str(name), str(key)) for batch in batches
                             for name, key in self.select(_people_query(batch))[1])

    def write_turtle(self, path: Path) -> None:
        """Write the union, every triple once, to `path` as Turtle, streamed from the server, whole or not at all."""
        with replacing(path) as temporary:
            self._turtle("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", temporary)

    def append_turtle(self, graphs: list[URIRef], path: Path) -> None:
        """Add the triples of some named graphs to the Turtle file at `path`, whole or not at all."""
        if not graphs:
            return
        addition = io.BytesIO()
        self._turtle(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {' '.join(g.n3() for g in graphs)} }} "
                     "GRAPH ?g { ?s ?p ?o } }", addition)
        append_atomically(path, addition.getvalue())

    def _turtle(self, construct: str, output: Path | io.BytesIO) -> None:
        """The graph a CONSTRUCT query makes, streamed into `output` as Turtle with the project's prefixes."""
        with self._posting("query", construct, "application/sparql-query", "application/n-triples") as response:
            pyoxigraph.serialize(pyoxigraph.parse(input=response, format=pyoxigraph.RdfFormat.N_TRIPLES),
                                 output=output if isinstance(output, io.BytesIO) else str(output),
                                 format=pyoxigraph.RdfFormat.TURTLE, prefixes=_PREFIX_IRIS)

    def close(self) -> None:
        pass


_WHERE = re.compile(r"\bWHERE\s*\{|\b(?:SELECT|ASK)\b[^{]*\{", re.I)


def with_values(query: str, bindings: Mapping[str, Node]) -> str:
    r"""`query` with its WHERE pattern opened by a VALUES block that binds each variable to its term.

    Terms are written by rdflib's own serialiser, which escapes quotes, so a value is always
    one RDF term and never changes the query around it.

    >>> print(with_values('SELECT ?x WHERE { ?x <p> ?name }', {"name": Literal('a" } }')}))
    SELECT ?x WHERE { VALUES (?name) { ("a\" } }") } ?x <p> ?name }
    """
    if not bindings:
        return query
    opening = _WHERE.search(query)
    if opening is None:
        raise StoreError("cannot bind parameters: the query has no WHERE pattern")
    variables = " ".join(Variable(name).n3() for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"{query[:opening.end()]} VALUES ({variables}) {{ ({values}) }}{query[opening.end():]}"


def _asks_identity_key(store, key: str) -> bool:
    """True when some person of the store has this identity key, asked in SPARQL."""
    return bool(store.select("ASK { ?person kg:identityKey ?key }", {"key": Literal(key)})[1][0][0])


def _triple_pattern(predicate: URIRef | None) -> str:
    """A pattern binding ?s ?p ?o, with ?p fixed to `predicate` when given."""
    return "?s ?p ?o" if predicate is None else f"?s {predicate.n3()} ?o BIND({predicate.n3()} AS ?p)"


def _term(binding: dict | None) -> Node | None:
    """An RDF term from a SPARQL JSON results binding."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    return plain(Literal(binding["value"], lang=binding.get("xml:lang"),
                         datatype=URIRef(binding["datatype"]) if "datatype" in binding else None))


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


def _people_query(names: Iterable[str] | None) -> str:
    """SPARQL for the name and identity key of each person (of those names only, if given)."""
    # names are written as RDF literals by rdflib, escaped: a name never changes the query
    values = "" if names is None else f"VALUES ?name {{ {' '.join(Literal(name).n3() for name in names)} }} "
    return f"SELECT DISTINCT ?name ?key WHERE {{ {values}?person foaf:name ?name ; kg:identityKey ?key }}"


def _keys_by_name(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    people: dict[str, set[str]] = {}
    for name, key in rows:
        people.setdefault(name, set()).add(key)
    return people


def _table_bytes(folder: Path) -> int:
    """What an Oxigraph store holds on disk: its RocksDB tables, not its logs."""
    return sum(entry.stat().st_size for entry in os.scandir(folder) if entry.name.endswith(".sst"))
