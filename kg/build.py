"""A build: the pipeline (kg.pipeline) run over a corpus, its graphs written to the store a batch at a time,
then what only the whole graph says (identity questions, terms of posts) and the outputs (kg.ttl, the
overview, the report)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import shutil
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.errors import GovkgError
from kg.extract import FACT_TYPES
from kg.files import Staged, staged
from kg.ingest import Article, Described, Notice, Skipped, iter_input_files, iter_pages
from kg.judgements import read_judgements, record_judgement
from kg.pipeline import BuildSettings, PageGraphs, Pipeline, build_pages_in_worker, graph_version, start_worker
from kg.rdf.bulk import NQuadsFiles
from kg.rdf.convert import ntriples
from kg.rdf.identity import resolve_people
from kg.rdf.locks import store_lock
from kg.rdf.store import MEMORY, delete_store, is_endpoint, open_store
from kg.rdf.terms import READS as TERMS_READ
from kg.rdf.terms import Term, observed_terms, recorded_terms, term_graph, term_triples
from kg.rdf.vocab import graph_iri
from kg.resolve import Resolver, chosen_key
from kg.resolve.identity import Judgement

OVERVIEW_NODES = 1000
# the text a cluster's worker is sent at once: a second or so of work, which dwarfs a round trip's cost
_CLUSTER_CHUNK_CHARS = 100_000
# text queued per worker: enough to keep it busy while the store takes a batch (a second or so),
# little enough to keep memory flat
_CHARS_AHEAD_PER_WORKER = 500_000
# a worker starts in about what a process builds of this much text (kg build -j auto: benchmarks/run.py's
# process section)
_BYTES_PER_WORKER = 1_000_000
# graphs written to the store in one call (one request to a server, one N-Quads file). The first batch is
# small, so that a killed build keeps work early and a small build writes while it works; each next one is
# as big as all stored before it, up to a cap,
# since every bulk load makes the store merge its files again (RocksDB compaction costs more CPU than the load)
_FIRST_BATCH_BYTES = 1 << 20
_MAX_BATCH_BYTES = 16 << 20
# a build that adds less than this share of the articles leaves the overview view as it was
_VIEW_REFRESH_SHARE = 0.01


@dataclass
class BuildReport:
    """What a build did, for the summary table."""

    files: int = 0
    articles: int = 0
    articles_built: int = 0
    articles_replaced: int = 0
    facts: Counter = field(default_factory=Counter)  # facts read from the articles built, by type
    graph: dict[str, int] = field(default_factory=dict)  # nodes in the graph after the build, by type
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def articles_unchanged(self) -> int:
        return self.articles - self.articles_built

    def as_json(self) -> dict:
        """The report as build-report.json holds it."""
        return {
            "files": self.files,
            "articles": self.articles,
            "articles_built": self.articles_built,
            "articles_replaced": self.articles_replaced,
            "articles_unchanged": self.articles_unchanged,
            "facts": dict(self.facts),
            "graph": dict(self.graph),
            "skipped": [{"path": s.shown, "reason": s.reason} for s in self.skipped],
            "notices": [{"path": n.shown, "reason": n.reason} for n in self.notices],
        }


def build(
    paths: Iterable[Path],
    workspace: Path,
    on_file: Callable[[Path], None] = lambda path: None,
    store: str | Path | None = None,
    jobs: int = 1,
    dask: str | None = None,
    emit_nquads: Path | None = None,
    city: str | None = None,
    described: Described = Described(),
    wait: bool = False,
    fresh: bool = False,
    lexicon: tuple[str, ...] = (),
) -> BuildReport:
    """Add the articles of `paths` to the workspace; unchanged articles are left as they are.

    paths: files and folders to read; workspace: the folder holding store/, kg.ttl and graph.html.
    on_file: called after each input file is read, for a progress bar.
    store: where the graphs go (kg.rdf.store.open_store); default: the workspace's store/ folder.
    jobs: processes that run nlp and extraction on chunks of pages; results are stored in input order.
    dask: run nlp and extraction on the Dask cluster at this address instead (kg.cluster).
    emit_nquads: write every article's graph to N-Quads files in this folder instead of a store
    (kg.rdf.bulk), for a triple store's bulk loader; no kg.ttl or view is made.
    city: the home city, which a page's bare 市 means when the page says nothing of its place
    (default: kg/data/home.tsv's).
    described: what the build is told of its files (--date, --manifest), which wins over what they say.
    wait: wait for a build already running on the workspace to end, rather than stop.
    fresh: delete a folder store first, and build into a new one (`kg build --rebuild`).
    lexicon: a user's lexicon folders, read after the package's (`kg build --lexicon DIR`).
    Returns the build report.
    """
    report = BuildReport(notices=list(described.notices))
    pipeline = Pipeline(BuildSettings(city, tuple(lexicon)))
    workspace.mkdir(parents=True, exist_ok=True)
    # workers start before the lock is taken and the store opens, so that none of them holds either
    location = store or workspace / "store"
    folder = None if emit_nquads or location == MEMORY or is_endpoint(location) else Path(location)
    with _workers(jobs, dask, pipeline) as workers, workspace_lock(workspace, wait), contextlib.ExitStack() as held:
        _remove_leftovers(workspace, location)
        if folder:
            # readers wait while the store is written, and the build waits for those reading it now
            held.enter_context(store_lock(folder, writing=True))
            if fresh:
                delete_store(folder)
        target = NQuadsFiles(emit_nquads) if emit_nquads else open_store(location)
        try:
            inputs = iter_input_files(paths, workspace)
            built, people = _store_pages(inputs, target, workers, report, on_file, pipeline, described)
            for fact_type in FACT_TYPES:
                report.facts.setdefault(fact_type, 0)
            # the outputs move into place together, before the build's mark goes: a build stopped before
            # (a full disk, a kill) leaves every one as it was, and the next build writes them all
            with staged() as outputs:
                if emit_nquads:
                    target.resolve(lambda store: _resolve_people(store, None, workspace, pipeline.resolver))
                    _work_out_terms(target, target.reader(TERMS_READ))
                else:
                    _finish(target, workspace, report, built, set(people), outputs, pipeline.resolver, fresh)
                outputs.write(
                    workspace / "build-report.json", json.dumps(report.as_json(), ensure_ascii=False, indent=1)
                )
            target.settle()
        finally:
            target.close()
    return report


def apply_judgements(
    workspace: Path, store: str | Path | None = None, wait: bool = False, judgement: Judgement | None = None
) -> BuildReport:
    """Record `judgement` in the workspace (kg.judgements) and decide who is who again over the whole store with
    every judgement, as a build would, writing the outputs it changes (kg.ttl, the overview); returns the graph's
    counts. The judgement is recorded only once the workspace is held, so no build runs without it."""
    from kg.history import recorded
    from kg.lexicon import Lexicon

    report = BuildReport()
    location = store or workspace / "store"
    folder = None if location == MEMORY or is_endpoint(location) else Path(location)
    with workspace_lock(workspace, wait), contextlib.ExitStack() as held:
        if judgement:
            record_judgement(workspace, judgement)
        # decided with the words and home of the store's last build (its --lexicon and --city), as it would
        last = (recorded(workspace, location) or [None])[-1]
        resolver = Resolver(Lexicon.with_user_folders(last.lexicon), last.city) if last else Resolver(Lexicon())
        if folder:
            held.enter_context(store_lock(folder, writing=True))
        target = open_store(location)
        try:
            with staged() as outputs:
                _finish(target, workspace, report, [], set(), outputs, resolver, fresh=True)
            target.settle()
        finally:
            target.close()
    return report


def _store_pages(
    inputs, target, workers: Workers, report: BuildReport, on_file, pipeline: Pipeline, described: Described
) -> tuple[list[URIRef], dict[str, set[str]]]:
    """Build the pages that need it and write their graphs to `target` in input order, a batch at a time.

    Returns the graphs written and the identity keys of each person name seen.
    """
    known_keys = _KnownKeys(target)
    current: set[str] = set()  # articles stored as this version builds them: found so, or built now
    pages = _pages_to_build(inputs, target, pipeline.version, report, on_file, current, described)
    built, people = [], defaultdict(set)
    batch, batch_bytes, stored_bytes = [], 0, 0
    # a batch is written in the background while the next is built: Oxigraph loads without the GIL
    with ThreadPoolExecutor(1) as writer:
        writing = None
        for page, page_graphs in _built_pages(pages, workers, pipeline):
            settled = {name: chosen_key(options, known_keys) for name, options in page_graphs.key_options.items()}
            if any(page_graphs.keys[name] != key for name, key in settled.items()):
                # the graph knows someone by another of their posts: their triples need that key
                page_graphs = pipeline.build_page(page, frozenset(settled.values()))
            known_keys.update(page_graphs.keys.values())
            for article in page_graphs.articles:
                if article.id in current:
                    continue  # already built as it is (the same article printed on another page)
                current.add(article.id)
                built.append(graph_iri(article.id))
                batch.append((built[-1], article.ntriples))
                batch_bytes += len(article.ntriples)
                for name, key in article.people.items():
                    people[name].add(key)
                report.facts.update(article.facts)
                report.articles_built += 1
            if batch_bytes >= min(_MAX_BATCH_BYTES, max(_FIRST_BATCH_BYTES, stored_bytes)):
                if writing:
                    writing.result()  # one batch at a time, in order; a failed write stops the build
                writing = writer.submit(target.replace_graphs, batch)
                batch, batch_bytes, stored_bytes = [], 0, stored_bytes + batch_bytes
        if writing:
            writing.result()
    target.replace_graphs(batch)
    return built, people


def _finish(
    target,
    workspace: Path,
    report: BuildReport,
    built: list[URIRef],
    names: set[str],
    outputs: Staged,
    resolver: Resolver,
    fresh: bool = False,
) -> None:
    """Decide who is who across articles, write kg.ttl, and draw the overview view when it is stale, both to
    `outputs`."""
    # a build into a new store, a rebuild of articles, or the rest of a killed build, revisits every name and
    # rewrites every output
    revisit = fresh or report.articles_replaced > 0 or target.recovering
    if built or revisit or not _outputs_exist(workspace):
        target.refresh_union()  # before the threads below read it
        with ThreadPoolExecutor(2) as background:
            # Oxigraph merges the store's files, and writes kg.ttl, without holding the GIL: who is who is
            # decided and the overview drawn meanwhile
            optimized = background.submit(target.optimize)
            # an append-only build touches only the names it saw
            identities, identities_replaced = _resolve_people(target, None if revisit else names, workspace, resolver)
            built += identities
            terms, terms_rewritten = _work_out_terms(target)
            built += terms
            if revisit or terms_rewritten or identities_replaced or not (workspace / "kg.ttl").is_file():
                turtle = background.submit(target.write_turtle, outputs.path(workspace / "kg.ttl"))
            else:
                turtle = background.submit(target.append_turtle, built, outputs.path(workspace / "kg.ttl", keep=True))
            if revisit or _view_is_stale(target, report, workspace):
                # imported only to draw: networkx and pyvis take a third of a second to load
                from kg.analyze import entity_graph, overview, with_evidence, without_isolates
                from kg.view import write_view

                # a first view of the whole graph: its best-connected nodes, so that it opens in seconds
                network = with_evidence(overview(without_isolates(entity_graph(target)), OVERVIEW_NODES), target)
                write_view(network, outputs.path(workspace / "graph.html"))
            turtle.result()
            optimized.result()
    from kg.analyze import counts_by_type

    report.graph = counts_by_type(target)


def _remove_leftovers(workspace: Path, location) -> None:
    """Delete what a killed build left half written: the temporary files of its outputs and the dump of a
    union rebuild. Only a build holding the workspace runs this, so none of them is still being written."""
    for temporary in workspace.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)
    if location != MEMORY and not is_endpoint(location):
        for dump in Path(location).parent.glob(".govkg-union-*"):
            shutil.rmtree(dump, ignore_errors=True)


class BuildLocked(GovkgError, RuntimeError):
    """Another build holds the workspace."""


@contextlib.contextmanager
def workspace_lock(workspace: Path, wait: bool = False):
    """Hold the workspace for one build: a second build on it is refused (or, with `wait`, waits for the
    first to end), never interleaved.

    The lock is an flock on WORKSPACE/.lock, so it goes with the process that held it, even killed.
    """
    workspace.mkdir(parents=True, exist_ok=True)
    with open(workspace / ".lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise BuildLocked(
                f"another kg build is running on {workspace} (pid {holder}): try again when it ends, or add --wait"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _KnownKeys:
    """The identity keys of the people already in the store, and those this build gives: asked, not loaded."""

    def __init__(self, store):
        self.store = store
        self.added: set[str] = set()

    def __contains__(self, key: str) -> bool:
        return key in self.added or self.store.has_identity_key(key)

    def update(self, keys) -> None:
        self.added.update(keys)


def _resolve_people(target, names: set[str] | None, workspace: Path, resolver: Resolver) -> tuple[list[URIRef], bool]:
    """Decide who is who for `names` (every name when None) with the workspace's judgements (kg.rdf.identity)."""
    return resolve_people(
        target,
        names,
        read_judgements(workspace),
        resolver.places_of_body,
        resolver.affiliation_kind,
        resolver.leads_division,
    )


def _work_out_terms(target, source=None) -> tuple[list[URIRef], bool]:
    """Rewrite the term graphs of the posts whose dates changed (kg.rdf.terms) from what `source` (default:
    the target) holds; returns the graphs written, and whether any of them said something before (kg.ttl,
    which holds what they said, must then be rewritten)."""
    source = source or target
    observed, recorded = observed_terms(source), recorded_terms(source)
    changed = {post: term for post, term in observed.items() if recorded.get(post) != term}
    changed.update({post: Term() for post in recorded.keys() - observed.keys()})
    # no article says what a term graph says: the union need not be rebuilt for them
    target.replace_graphs(
        [(term_graph(post), ntriples(term_triples(post, term))) for post, term in changed.items()], owns=True
    )
    return [term_graph(post) for post in changed], any(post in recorded for post in changed)


def _view_is_stale(target, report: BuildReport, workspace: Path) -> bool:
    """Redraw the overview when it is missing or this build changed more than a small share of the articles."""
    if not (workspace / "graph.html").is_file() or report.articles_replaced:
        return True
    _, ((count,),) = target.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    return report.articles_built >= _VIEW_REFRESH_SHARE * int(count)


def _outputs_exist(workspace: Path) -> bool:
    return (workspace / "kg.ttl").is_file() and (workspace / "graph.html").is_file()


def _pages_to_build(
    inputs, target, version: str, report: BuildReport, on_file, current: set[str], described: Described
) -> Iterator[list[Article]]:
    """The pages of `inputs` (kg.ingest.iter_input_files) whose articles are not in the store as this pipeline
    version builds them, in input order; the ids of the articles found current go into `current`."""
    for item in inputs:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        if isinstance(item, Notice):
            report.notices.append(item)
            continue
        report.files += 1
        for page in iter_pages(item, described.of(item)):
            if isinstance(page, Skipped):
                report.skipped.append(page)
                continue
            if isinstance(page, Notice):
                report.notices.append(page)
                continue
            report.articles += len(page)
            wanted = [graph_version(a, version) for a in page]
            versions = [target.graph_version(graph_iri(a.id)) for a in page]
            current.update(a.id for a, v, w in zip(page, versions, wanted) if v == w)
            if any(v != w for v, w in zip(versions, wanted)):
                report.articles_replaced += sum(v is not None and v != w for v, w in zip(versions, wanted))
                yield page
        on_file(item)


def auto_jobs(paths: Iterable[Path], cores: int | None = None) -> int:
    """How many processes pay for the files of `paths`: one per CPU, fewer where each would get less text
    than it takes to start one.

    >>> auto_jobs([], cores=8)
    1
    """
    size = sum(item.stat().st_size for item in iter_input_files(paths) if isinstance(item, Path))
    return max(1, min(cores or os.cpu_count() or 1, size // _BYTES_PER_WORKER))


@dataclass(frozen=True)
class Workers:
    """What builds pages: an Executor (None: this process) and the function it runs on a chunk of pages, how
    many chunks it works on at once, and the characters of a chunk (0: one page a chunk)."""

    executor: Executor | None = None
    build_pages: Callable[[list[list[Article]]], list[PageGraphs]] | None = None
    slots: int = 1
    chunk_chars: int = 0


@contextlib.contextmanager
def _workers(jobs: int, dask: str | None, pipeline: Pipeline) -> Iterator[Workers]:
    """A Dask cluster, forked processes that share this process's pipeline, or this process."""
    if dask is not None:
        from kg.cluster import build_pages_on_worker, dask_executor

        with dask_executor(dask, pipeline) as (executor, slots):
            yield Workers(executor, build_pages_on_worker, slots, _CLUSTER_CHUNK_CHARS)
        return
    if jobs <= 1:
        yield Workers()
        return
    with ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), pipeline),
    ) as pool:
        # the pool forks its workers on demand: make it fork them all now
        for started in [pool.submit(os.getpid) for _ in range(jobs)]:
            started.result()
        # a page costs a forked worker little to receive: one at a time balances the load best
        yield Workers(pool, build_pages_in_worker, jobs)


def _start_worker(parent: int, pipeline: Pipeline) -> None:
    """Start a forked worker: with the build's pipeline, and ending when the build that forked it is gone,
    even killed, instead of waiting forever."""
    start_worker(pipeline)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _built_pages(
    pages: Iterator[list[Article]], workers: Workers, pipeline: Pipeline
) -> Iterator[tuple[list[Article], PageGraphs]]:
    """Each page with its graphs, in the order of the pages; with an executor, some text ahead per worker."""
    if workers.executor is None:
        for page in pages:
            yield page, pipeline.build_page(page)
        return
    ahead: deque = deque()
    chars_ahead = 0
    for chunk, chars in _chunks(pages, workers.chunk_chars):
        ahead.append((chunk, workers.executor.submit(workers.build_pages, chunk), chars))
        chars_ahead += chars
        while chars_ahead >= workers.slots * _CHARS_AHEAD_PER_WORKER:
            chunk, graphs, chars = ahead.popleft()
            chars_ahead -= chars
            yield from zip(chunk, graphs.result())
    for chunk, graphs, _ in ahead:
        yield from zip(chunk, graphs.result())


def _chunks(pages: Iterator[list[Article]], chunk_chars: int) -> Iterator[tuple[list[list[Article]], int]]:
    """The pages in consecutive chunks of at least `chunk_chars` characters (a page is never split),
    each with its characters."""
    chunk, size = [], 0
    for page in pages:
        chunk.append(page)
        size += sum(len(article.text) for article in page)
        if size >= chunk_chars:
            yield chunk, size
            chunk, size = [], 0
    if chunk:
        yield chunk, size
