"""Stage 1, ingest: files to articles (plain data for the nlp stage)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest.articles import Article, split_articles
from kg.ingest.sources import SourceText, Skipped, iter_input_files, read_source

__all__ = ["Article", "SourceText", "Skipped", "ingest_file", "iter_input_files", "split_articles"]


def ingest_file(path: Path) -> tuple[list[Article], list[Skipped]]:
    """Read one file and split every page in it into articles.

    path: a supported file.
    Returns (articles in file order, parts skipped with reasons).
    """
    pages, skipped = read_source(path)
    articles = [article for page in pages for article in split_articles(page)]
    return articles, skipped
