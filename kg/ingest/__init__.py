"""Stage 1, ingest: files to articles (plain data for the nlp stage)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from kg.ingest.articles import Article, split_articles
from kg.ingest.sources import SourceText, Skipped, iter_input_files, iter_source

__all__ = ["Article", "SourceText", "Skipped", "ingest_file", "iter_input_files", "iter_pages", "split_articles"]


def iter_pages(path: Path) -> Iterator[list[Article] | Skipped]:
    """The articles of each page of one file, page by page, or each part skipped with its reason."""
    for item in iter_source(path):
        yield item if isinstance(item, Skipped) else split_articles(item)


def ingest_file(path: Path) -> tuple[list[Article], list[Skipped]]:
    """Read one file and split every page in it into articles.

    path: a supported file.
    Returns (articles in file order, parts skipped with reasons).
    """
    articles, skipped = [], []
    for item in iter_pages(path):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles += item
    return articles, skipped
