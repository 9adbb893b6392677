"""Stage 1, ingest: files to articles (plain data for the nlp stage)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.ingest.articles import Article, split_articles
from kg.ingest.metadata import Described, Notice, PageInfo
from kg.ingest.sources import JSONL_SUFFIXES, Skipped, SourceText, iter_input_files, iter_source

__all__ = [
    "Article",
    "Described",
    "Notice",
    "PageInfo",
    "Skipped",
    "SourceText",
    "ingest_file",
    "iter_input_files",
    "iter_pages",
    "split_articles",
]


def iter_pages(path: Path, given: PageInfo = PageInfo()) -> Iterator[list[Article] | Skipped | Notice]:
    """The articles of each page of one file, page by page; or each part skipped, or field left out,
    with its reason. given: what the build was told of the file (kg.ingest.sources.iter_source)."""
    for item in iter_source(path, given):
        if isinstance(item, (Skipped, Notice)):
            yield item
        elif articles := split_articles(item):
            yield articles
        else:
            where = f"line {item.record}: " if item.record and item.path.suffix.lower() in JSONL_SUFFIXES else ""
            yield Skipped(path, f"{where}no text: only white space and invisible characters")


def ingest_file(path: Path, given: PageInfo = PageInfo()) -> tuple[list[Article], list[Skipped | Notice]]:
    """Read one file and split every page in it into articles.

    path: a supported file; given: as for iter_pages.
    Returns (articles in file order, parts skipped and fields left out, with reasons).
    """
    articles, problems = [], []
    for item in iter_pages(path, given):
        if isinstance(item, (Skipped, Notice)):
            problems.append(item)
        else:
            articles += item
    return articles, problems
