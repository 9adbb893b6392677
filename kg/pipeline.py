"""The pipeline a page goes through, stage by stage: ingest's articles → nlp's Docs → extract's facts →
resolve's places and identity keys → rdf's triples, as N-Triples per article. A pure function of the page
and the build's settings, so it runs in this process, a forked worker or a Dask worker alike; kg.build runs
it over a corpus and stores what it returns.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract import extract_page_facts
from kg.ingest import Article
from kg.nlp import build_nlp
from kg.rdf.convert import article_triples, ntriples
from kg.resolve import Place, home_place, page_place, person_keys, post_keys
from kg.resolve.facts import resolve_facts

PACKAGE_ROOT = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the code and lexicons: a graph built by another version is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv"):
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class BuildSettings:
    """What every page of a build is built with: the version its graphs record, and the home place."""

    version: str
    home: Place

    @classmethod
    def for_city(cls, city: str | None = None) -> BuildSettings:
        """The settings of a build whose home is `city` (kg/data/home.tsv's when None); a graph built with
        another home is built again, as one built by another version of the code."""
        home = home_place(city)
        return cls(f"{pipeline_version()}@{home.county or home.city or home.province}", home)


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


def build_page(articles: list[Article], settings: BuildSettings,
               known_keys: frozenset[str] = frozenset()) -> PageGraphs:
    """The graphs of one page's articles. A pure function of its input: it runs in any process.

    known_keys: identity keys the graph already has (kg.resolve.person_keys). A worker knows none;
    the build redoes the rare page where the store knows someone by another of their posts.
    """
    nlp = build_nlp()
    page_facts = extract_page_facts(articles, nlp.pipe(a.text for a in articles))
    # an article says where it is from, or its page does, or the build's home
    page = page_place("\n".join(a.text for a in articles), settings.home)
    places = [page_place(a.text, page) for a in articles] if len(articles) > 1 else [page]
    options = post_keys(page_facts, places)
    keys = person_keys(page_facts, places, known_keys, options)
    return PageGraphs([ArticleGraph(facts.article.id,
                                    ntriples(article_triples(resolve_facts(facts, keys, place),
                                                             graph_version(facts.article, settings.version))),
                                    {person.name: keys.get(person.name, person.name) for person in facts.people},
                                    facts.counts())
                       for facts, place in zip(page_facts, places)],
                      keys, {name: choices for name, choices in options.items() if len(choices) > 1})


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


def build_pages(pages: list[list[Article]], settings: BuildSettings) -> list[PageGraphs]:
    """build_page of each page: the unit of work a worker is sent."""
    return [build_page(page, settings) for page in pages]
