"""Files to source texts: .txt, .md, .html and .jsonl, each in whatever encoding the crawler saved."""
from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest.decode import NotText, decode_bytes

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class SourceText:
    """The text of one page: a whole file, or one record of a JSONL file."""

    path: Path
    text: str
    encoding: str
    record: int = 0  # 1-based line of a JSONL record; 0 for a whole file
    title: str | None = None
    date: str | None = None

    @property
    def name(self) -> str:
        """How the page is named in reports and in the graph: the file name, with #line for a record."""
        return f"{self.path.name}#{self.record}" if self.record else self.path.name


@dataclass(frozen=True)
class Skipped:
    """A file, or part of one, that could not be read, with the reason shown to the user."""

    path: Path
    reason: str


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Expand folders (recursively, in name order) into the supported files below them.

    paths: files and folders as the user gave them.
    Yields each file to read, or a Skipped for a path that is missing or of an unknown kind.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        elif not path.exists():
            yield Skipped(path, "no such file or folder")
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield Skipped(path, f"unsupported file kind {path.suffix or '(no suffix)'!r}")
        else:
            yield path


def read_source(path: Path) -> tuple[list[SourceText], list[Skipped]]:
    """Read one file into its pages.

    path: a .txt, .md, .html or .jsonl file.
    Returns (pages read, parts skipped with their reasons); never raises for bad content.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return [], [Skipped(path, f"cannot read: {error.strerror or error}")]
    try:
        text, encoding = decode_bytes(data)
    except NotText as error:
        return [], [Skipped(path, str(error))]
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        title, body = html_to_text(text)
        return [SourceText(path, body, encoding, title=title)], []
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(path, text, encoding)
    return [SourceText(path, text, encoding)], []


def _read_jsonl(path: Path, text: str, encoding: str) -> tuple[list[SourceText], list[Skipped]]:
    pages, skipped = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(path, f"line {number}: not JSON ({error.msg})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            skipped.append(Skipped(path, f"line {number}: no string field 'text'"))
            continue
        title = record.get("title") if isinstance(record.get("title"), str) else None
        date = record.get("date") if isinstance(record.get("date"), str) else None
        pages.append(SourceText(path, record["text"], encoding, record=number, title=title, date=date))
    return pages, skipped


_DROPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "header", "footer", "table", "ul", "ol", "blockquote", "pre", "hr", "dd", "dt"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._dropped_depth = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in _DROPPED_TAGS:
            self._dropped_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _DROPPED_TAGS:
            self._dropped_depth = max(0, self._dropped_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
        elif not self._dropped_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str | None, str]:
    """The visible text of an HTML page, scripts and styles dropped, blocks as paragraphs.

    html: the page source.
    Returns (the <title> text or None, the body text).
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    title = "".join(collector.title_parts).strip() or None
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return title, "\n\n".join(line for line in lines if line)
