"""Files to source texts: .txt, .md, .html and .jsonl, each in whatever encoding the crawler saved."""
from __future__ import annotations


import codecs
import datetime as dt
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest.decode import NotText, decode_bytes

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# files above this size are read in pieces of about PIECE_CHARS characters, never held whole
HUGE_FILE_BYTES = 8_000_000
PIECE_CHARS = 1_000_000
_SNIFF_BYTES = 1 << 20
_READ_BYTES = 1 << 20


@dataclass(frozen=True)
class SourceText:
    """The text of one page: a whole file, or one record of a JSONL file."""

    path: Path
    text: str
    encoding: str
    record: int = 0  # 1-based line of a JSONL record, or piece of a huge file; 0 for a whole file
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


# an archive's folders or file name give the day a page was printed: 2022/02/18/01.txt, 2022-02/18/,
# 20220218/, 2022-02-18.txt, zzrb_20220218_1.txt, 2022年2月18日.txt
_PATH_DATES = (
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[/_-](?P<month>\d{1,2})[/_-](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
)


def path_date(path: Path) -> str | None:
    """The ISO date an archive's path gives a page (its folders, then its file name), or its month
    (YYYY-MM) when the path gives no day (daily_201504_3.txt), or None.

    >>> path_date(Path("archive/2022/02/18/01.txt")), path_date(Path("zzrb_20220218_2.txt"))
    ('2022-02-18', '2022-02-18')
    """
    for part in ("/".join(path.parent.parts[-4:]), path.stem):
        for pattern in _PATH_DATES:
            for match in pattern.finditer(part):
                try:
                    return dt.date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
                except ValueError:
                    continue
    month = _PATH_MONTH.search(path.stem)
    return f"{month['year']}-{month['month']}" if month else None


# a month with no day still gives a page its year: 201504
_PATH_MONTH = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?!\d)")


def iter_source(path: Path) -> Iterator[SourceText | Skipped]:
    """Read one file into its pages, one at a time: a huge file is read in pieces, never whole.

    path: a .txt, .md, .html or .jsonl file.
    Yields each page read or each part skipped with its reason; never raises
    for bad content.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > HUGE_FILE_BYTES and suffix not in HTML_SUFFIXES:
            yield from _iter_huge(path, suffix)
            return
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(path, f"cannot read: {error.strerror or error}")
        return
    try:
        text, encoding = decode_bytes(data)
    except NotText as error:
        yield Skipped(path, str(error))
        return
    if suffix in HTML_SUFFIXES:
        title, body = html_to_text(text)
        yield SourceText(path, body, encoding, title=title, date=path_date(path))
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_records(path, enumerate(text.splitlines(), start=1), encoding)
    else:
        yield SourceText(path, text, encoding, date=path_date(path))


def _jsonl_records(path: Path, lines, encoding: str) -> Iterator[SourceText | Skipped]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(path, f"line {number}: not JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(path, f"line {number}: no string field 'text'")
            continue
        title = record.get("title") if isinstance(record.get("title"), str) else None
        date = record.get("date") if isinstance(record.get("date"), str) else None
        yield SourceText(path, record["text"], encoding, record=number, title=title, date=date)


def _iter_huge(path: Path, suffix: str) -> Iterator[SourceText | Skipped]:
    """A file too large to hold: its encoding read off its start, its text decoded and cut into pieces of
    about PIECE_CHARS at blank lines (JSONL: at line ends), each piece a page of its own."""
    with path.open("rb") as stream:
        start = stream.read(_SNIFF_BYTES)
        try:
            _, encoding = decode_bytes(_whole_lines(start))
        except NotText as error:
            yield Skipped(path, str(error))
            return
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        pending, piece, line_number = decoder.decode(start), 0, 0
        while True:
            chunk = stream.read(_READ_BYTES)
            pending += decoder.decode(chunk, final=not chunk)
            cut = _cut_point(pending, suffix, final=not chunk)
            if cut:
                text, pending = pending[:cut], pending[cut:]
                if suffix in JSONL_SUFFIXES:
                    lines = text.splitlines()
                    yield from _jsonl_records(path, enumerate(lines, start=line_number + 1), encoding)
                    line_number += len(lines)
                else:
                    piece += 1
                    yield SourceText(path, text, encoding, record=piece)
            if not chunk:
                return


def _cut_point(text: str, suffix: str, final: bool) -> int:
    """Where to end the next piece: the whole text at the end, else a boundary past PIECE_CHARS, else 0 (read on)."""
    if final:
        return len(text)
    if len(text) < PIECE_CHARS:
        return 0
    boundary = "\n" if suffix in JSONL_SUFFIXES else "\n\n"
    at = text.find(boundary, PIECE_CHARS)
    return at + len(boundary) if at >= 0 else 0


def _whole_lines(data: bytes) -> bytes:
    """The bytes up to the last line end, so that no character is cut in two (UTF-16 ends on an even byte)."""
    end = data.rfind(b"\n")
    if end < 0:
        return data
    end += 1
    if b"\x00" in data[:200] and end % 2:
        end += 1
    return data[:end]


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
