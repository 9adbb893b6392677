"""A build: files → articles → facts → one named graph per article in the workspace store."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from kg.extract import FACT_TYPES, extract_facts
from kg.ingest import Skipped, ingest_file, iter_input_files
from kg.nlp import build_nlp
from kg.rdf.convert import article_triples
from kg.rdf.identity import IDENTITY_GRAPH, possible_same_as
from kg.rdf.store import open_store, people_graph, write_union_turtle
from kg.rdf.vocab import KG, graph_iri
from kg.resolve import person_keys

PACKAGE_ROOT = Path(__file__).resolve().parent
OVERVIEW_NODES = 1000


@dataclass
class BuildReport:
    """What a build did, for the summary table."""

    files: int = 0
    articles: int = 0
    articles_built: int = 0
    facts: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def articles_unchanged(self) -> int:
        return self.articles - self.articles_built


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
          store: str | Path | None = None) -> BuildReport:
    """Add the articles of `paths` to the workspace; unchanged articles are left as they are.

    paths: files and folders to read; workspace: the folder holding store/, kg.ttl and graph.html.
    on_file: called after each input file, for a progress bar.
    store: where the graphs go (kg.rdf.store.open_store); default: the workspace's store/ folder.
    Returns the build report.
    """
    from kg.analyze import entity_graph, overview, with_evidence
    from kg.view import write_view  # pyvis is only needed once the graph exists

    report = BuildReport()
    version = pipeline_version()
    target = open_store(store or workspace / "store")
    try:
        nlp = build_nlp()
        known_keys = {str(key) for _, _, key in people_graph(target).triples((None, KG.identityKey, None))}
        for item in iter_input_files(paths):
            if isinstance(item, Skipped):
                report.skipped.append(item)
                continue
            report.files += 1
            articles, skipped = ingest_file(item)
            report.skipped += skipped
            report.articles += len(articles)
            for page in _pages(articles):
                if all(target.graph_version(graph_iri(a.id)) == version for a in page):
                    continue
                page_facts = [extract_facts(a, doc) for a, doc in zip(page, nlp.pipe(a.text for a in page))]
                keys = person_keys(page_facts, known_keys)
                known_keys.update(keys.values())
                for facts in page_facts:
                    target.replace_graph(graph_iri(facts.article.id), article_triples(facts, keys, version))
                    report.facts.update(facts.counts())
                    report.articles_built += 1
            on_file(item)
        target.replace_graph(IDENTITY_GRAPH, possible_same_as(people_graph(target)))
        write_union_turtle(target, workspace / "kg.ttl")
        # a first view of the whole graph: its best-connected nodes, so that it opens in seconds
        network = with_evidence(overview(entity_graph(target), OVERVIEW_NODES), target)
    finally:
        target.close()
    write_view(network, workspace / "graph.html")
    for fact_type in FACT_TYPES:
        report.facts.setdefault(fact_type, 0)
    return report


def _pages(articles):
    """Group a file's articles by page, keeping order: identities are resolved per page."""
    pages: dict[str, list] = {}
    for article in articles:
        pages.setdefault(article.source, []).append(article)
    return pages.values()
