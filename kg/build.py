"""A build: files → articles → facts → one named graph per article in the workspace store."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.extract import FACT_TYPES, ArticleFacts, extract_facts
from kg.ingest import Article, Skipped, iter_input_files, iter_pages
from kg.nlp import build_nlp
from kg.rdf.convert import article_triples
from rdflib import Graph

from kg.rdf.identity import identity_graph, possible_same_as
from kg.rdf.store import (append_graphs_turtle, has_identity_key, open_store, people_graph, write_atomically,
                          write_union_turtle)
from kg.rdf.vocab import graph_iri
from kg.resolve import person_keys

PACKAGE_ROOT = Path(__file__).resolve().parent
OVERVIEW_NODES = 1000
# pages queued per worker: enough to keep every worker busy, few enough to keep memory flat
_PAGES_AHEAD_PER_WORKER = 4
# a build that adds less than this share of the articles leaves the overview view as it was
_VIEW_REFRESH_SHARE = 0.01


@dataclass
class BuildReport:
    """What a build did, for the summary table."""

    files: int = 0
    articles: int = 0
    articles_built: int = 0
    articles_replaced: int = 0
    facts: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def articles_unchanged(self) -> int:
        return self.articles - self.articles_built

    def as_json(self) -> dict:
        """The report as build-report.json holds it."""
        return {"files": self.files, "articles": self.articles, "articles_built": self.articles_built,
                "articles_replaced": self.articles_replaced, "articles_unchanged": self.articles_unchanged,
                "facts": dict(self.facts),
                "skipped": [{"path": str(s.path), "reason": s.reason} for s in self.skipped]}


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the code and lexicons: a graph built by another version is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv"):
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build(paths: Iterable[Path], workspace: Path, on_file: Callable[[Path], None] = lambda path: None,
          store: str | Path | None = None, jobs: int = 1) -> BuildReport:
    """Add the articles of `paths` to the workspace; unchanged articles are left as they are.

    paths: files and folders to read; workspace: the folder holding store/, kg.ttl and graph.html.
    on_file: called after each input file is read, for a progress bar.
    store: where the graphs go (kg.rdf.store.open_store); default: the workspace's store/ folder.
    jobs: processes that run nlp and extraction, page by page; results are stored in input order.
    Returns the build report.
    """
    from kg.analyze import entity_graph, overview, with_evidence
    from kg.view import write_view  # pyvis is only needed once the graph exists

    report = BuildReport()
    version = pipeline_version()
    workspace.mkdir(parents=True, exist_ok=True)
    # workers start before the store opens, so that none of them inherits its open files
    with workspace_lock(workspace), _workers(jobs) as pool:
        target = open_store(store or workspace / "store")
        try:
            known_keys = _KnownKeys(target)
            current: set[str] = set()  # articles stored as this version builds them: found so, or built now
            pages = _pages_to_build(paths, target, version, report, on_file, current)
            built, names = [], set()
            for page_facts in _extracted(pages, pool, jobs):
                keys = person_keys(page_facts, known_keys)
                known_keys.update(keys.values())
                for facts in page_facts:
                    if facts.article.id in current:
                        continue  # already built as it is (the same article printed on another page)
                    current.add(facts.article.id)
                    target.replace_graph(graph_iri(facts.article.id), article_triples(facts, keys, version))
                    built.append(graph_iri(facts.article.id))
                    names |= {person.name for person in facts.people}
                    report.facts.update(facts.counts())
                    report.articles_built += 1
            network = None
            # a rebuild, or the rest of a killed build, revisits every name and rewrites every output
            revisit = report.articles_replaced > 0 or getattr(target, "recovering", False)
            if built or revisit or not _outputs_exist(workspace):
                # an append-only build touches only the names it saw
                built += _ask_identity_questions(target, None if revisit else names)
                if revisit or not (workspace / "kg.ttl").is_file():
                    write_union_turtle(target, workspace / "kg.ttl")
                else:
                    append_graphs_turtle(target, built, workspace / "kg.ttl")
                if revisit or _view_is_stale(target, report, workspace):
                    # a first view of the whole graph: its best-connected nodes, so that it opens in seconds
                    network = with_evidence(overview(entity_graph(target), OVERVIEW_NODES), target)
        finally:
            target.close()
        if network is not None:
            write_view(network, workspace / "graph.html")
        for fact_type in FACT_TYPES:
            report.facts.setdefault(fact_type, 0)
        write_atomically(workspace / "build-report.json", json.dumps(report.as_json(), ensure_ascii=False, indent=1))
    return report


class BuildLocked(RuntimeError):
    """Another build holds the workspace."""


@contextlib.contextmanager
def workspace_lock(workspace: Path):
    """Hold the workspace for one build: a second build on it is refused, never interleaved.

    The lock is an flock on WORKSPACE/.lock, so it goes with the process that held it, even killed.
    """
    workspace.mkdir(parents=True, exist_ok=True)
    with open(workspace / ".lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise BuildLocked(f"another kg build is running on {workspace} (pid {holder}); "
                              "wait for it to finish") from None
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
        return key in self.added or has_identity_key(self.store, key)

    def update(self, keys) -> None:
        self.added.update(keys)


def _ask_identity_questions(target, names: set[str] | None) -> list:
    """Rebuild the identity graphs of `names` (of every name when None, emptying those of vanished names);
    returns the graphs written."""
    questions = possible_same_as(people_graph(target, names), names)
    graphs = {identity_graph(name): graph for name, graph in questions.items()}
    if names is None:
        _, rows = target.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?q a kg:IdentityQuestion } }")
        graphs.update({graph: Graph() for (graph,) in rows if graph not in graphs})
    for graph, triples in graphs.items():
        # an added article only adds questions about a name: the union need not be rebuilt for them
        target.replace_graph(graph, triples, grows=names is not None)
    return list(graphs)


def _view_is_stale(target, report: BuildReport, workspace: Path) -> bool:
    """Redraw the overview when it is missing or this build changed more than a small share of the articles."""
    if not (workspace / "graph.html").is_file() or report.articles_replaced:
        return True
    _, ((count,),) = target.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    return report.articles_built >= _VIEW_REFRESH_SHARE * int(count)


def _outputs_exist(workspace: Path) -> bool:
    return (workspace / "kg.ttl").is_file() and (workspace / "graph.html").is_file()


def extract_page(articles: list[Article]) -> list[ArticleFacts]:
    """The facts of one page's articles. A pure function of its input: it runs in any process."""
    nlp = build_nlp()
    return [extract_facts(article, doc) for article, doc in zip(articles, nlp.pipe(a.text for a in articles))]


def _pages_to_build(paths, target, version: str, report: BuildReport, on_file,
                    current: set[str]) -> Iterator[list[Article]]:
    """The pages whose articles are not in the store as this pipeline version builds them, in input order;
    the ids of the articles found current go into `current`."""
    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        report.files += 1
        for page in iter_pages(item):
            if isinstance(page, Skipped):
                report.skipped.append(page)
                continue
            report.articles += len(page)
            versions = [target.graph_version(graph_iri(a.id)) for a in page]
            current.update(a.id for a, v in zip(page, versions) if v == version)
            if any(v != version for v in versions):
                report.articles_replaced += sum(v is not None and v != version for v in versions)
                yield page
        on_file(item)


@contextlib.contextmanager
def _workers(jobs: int):
    if jobs <= 1:
        yield None
        return
    build_nlp()  # loaded once here, shared by the forked workers
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def _extracted(pages: Iterator[list[Article]], pool, jobs: int) -> Iterator[list[ArticleFacts]]:
    """The facts of each page, in the order of the pages; with a pool, a few pages ahead per worker."""
    if pool is None:
        yield from map(extract_page, pages)
        return
    ahead: deque = deque()
    for page in pages:
        ahead.append(pool.submit(extract_page, page))
        if len(ahead) >= jobs * _PAGES_AHEAD_PER_WORKER:
            yield ahead.popleft().result()
    while ahead:
        yield ahead.popleft().result()
