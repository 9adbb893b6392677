"""The pipeline a page goes through, stage by stage: ingest's articles → nlp's Docs → extract's facts →
resolve's places and identity keys → rdf's triples, as N-Triples per article.

A Pipeline is built once per process from the build's settings (its home city, a user's lexicon folders) and
holds every stage's rules; building a page is a pure function of the page, so it runs in this process, a
forked worker or a Dask worker alike. kg.build runs it over a corpus and stores what it returns.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.extract import Extractor
from kg.ingest import Article
from kg.nlp import build_nlp
from kg.rdf.convert import article_triples, ntriples
from kg.resolve import Resolver

PACKAGE_ROOT = Path(__file__).resolve().parent


def code_version() -> str:
    """A hash of the code and the package's lexicons: a graph built by another version is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv"):
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class BuildSettings:
    """What every page of a build is built with: the home city (kg/data/home.tsv's when None), which a page's
    bare 市 means when the page says nothing of its place, and a user's lexicon folders (`--lexicon DIR`)."""

    city: str | None = None
    lexicon: tuple[str, ...] = ()


@dataclass
class ArticleGraph:
    """One article's graph as it travels from a worker to the store."""

    id: str
    ntriples: bytes
    people: dict[str, str]  # each person's name and the identity key their node was written with
    facts: Counter


@dataclass
class PageGraphs:
    """The graphs of one page's articles, and the identity keys they were written with."""

    articles: list[ArticleGraph]
    keys: dict[str, str]
    # names with posts in several bodies: the keys they could take, which the store may decide
    key_options: dict[str, list[str]]


class Pipeline:
    """Every stage's rules, built once per process for one build's settings.

    >>> pipeline = Pipeline(BuildSettings("襄阳"))
    >>> pipeline.home.city, pipeline.version.endswith("@襄阳市")
    ('襄阳市', True)
    """

    def __init__(self, settings: BuildSettings = BuildSettings()):
        self.settings = settings
        self.nlp = build_nlp(Path(folder) for folder in settings.lexicon)
        lexicon = self.nlp.tokenizer.lexicon
        self.extractor = Extractor(lexicon)
        self.resolver = Resolver(lexicon, settings.city)
        self.home = self.resolver.home
        # a graph built with another home or other words is built again, as one built by other code
        words = f"+{lexicon.fingerprint}" if lexicon.fingerprint else ""
        self.version = f"{code_version()}@{self.home.county or self.home.city or self.home.province}{words}"

    def build_page(self, articles: list[Article], known_keys: frozenset[str] = frozenset()) -> PageGraphs:
        """The graphs of one page's articles. A pure function of its input: it runs in any process.

        known_keys: identity keys the graph already has (Resolver.person_keys). A worker knows none;
        the build redoes the rare page where the store knows someone by another of their posts.
        """
        resolver, places = self.resolver, self.resolver.places
        page_facts = self.extractor.page_facts(articles, self.nlp.pipe(a.text for a in articles))
        # an article says where it is from, or its page does, or the build's home
        page = places.of_page("\n".join(a.text for a in articles), self.home)
        article_places = [places.of_page(a.text, page) for a in articles] if len(articles) > 1 else [page]
        options = resolver.post_keys(page_facts, article_places)
        keys = resolver.person_keys(page_facts, article_places, known_keys, options)
        return PageGraphs(
            [
                ArticleGraph(
                    facts.article.id,
                    ntriples(
                        article_triples(
                            resolver.resolve(facts, keys, place), graph_version(facts.article, self.version)
                        )
                    ),
                    {person.name: keys.get(person.name, person.name) for person in facts.people},
                    facts.counts(),
                )
                for facts, place in zip(page_facts, article_places)
            ],
            keys,
            {name: choices for name, choices in options.items() if len(choices) > 1},
        )

    def build_pages(self, pages: list[list[Article]]) -> list[PageGraphs]:
        """build_page of each page: the unit of work a worker is sent."""
        return [self.build_page(page) for page in pages]


def graph_version(article: Article, version: str) -> str:
    """The version an article's graph records: the pipeline's, and a hash of what its input says of it
    beyond its text, so that a date or URL given later (--date, --manifest) rebuilds it.

    >>> graph_version(Article("a1", "p.txt", None, "正文。"), "v1")
    'v1'
    """
    said = (article.date, article.date_source, article.url, article.publisher, article.pagination)
    if not any(said):
        return version
    return f"{version}#{hashlib.sha256(repr(said).encode('utf-8')).hexdigest()[:8]}"


# the pipeline of a forked worker process: the build's own, handed to the worker as it forks (never
# pickled) and kept here for the pages the worker is sent
_worker_pipeline: Pipeline | None = None


def start_worker(pipeline: Pipeline) -> None:
    """Keep the build's pipeline in a worker it forked (ProcessPoolExecutor's initializer)."""
    global _worker_pipeline
    _worker_pipeline = pipeline


def build_pages_in_worker(pages: list[list[Article]]) -> list[PageGraphs]:
    """build_pages with the pipeline the worker was started with."""
    return _worker_pipeline.build_pages(pages)
