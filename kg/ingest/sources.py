"""Files to source texts: .txt, .md, .html and .jsonl, each in whatever encoding the crawler saved."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from kg.ingest.dates import path_date
from kg.ingest.decode import Decoded, NotText, decode_bytes
from kg.ingest.metadata import HTML_META, HTML_META_FIELDS, Notice, PageInfo, Reported, given_info

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# files above this size are read in pieces of about PIECE_CHARS characters, never held whole
HUGE_FILE_BYTES = 8_000_000
PIECE_CHARS = 1_000_000
_SNIFF_BYTES = 1 << 20
_READ_BYTES = 1 << 20
# how much of a huge file's non-ASCII text decides its encoding when it is not all UTF-8
_SAMPLE_BYTES = 4 << 20


@dataclass(frozen=True)
class SourceText:
    """The text of one page: a whole file, or one record of a JSONL file."""

    path: Path
    text: str
    encoding: str
    record: int = 0  # 1-based line of a JSONL record, or piece of a huge file; 0 for a whole file
    title: str | None = None
    info: PageInfo = field(default_factory=PageInfo)

    @property
    def name(self) -> str:
        """How the page is named in reports and in the graph: the file name, with #line for a record."""
        return f"{self.path.name}#{self.record}" if self.record else self.path.name


def file_name(page_name: str) -> str:
    """The name of the file a page (SourceText.name) is of: without the #line of a record.

    >>> file_name("pages.jsonl#12"), file_name("a#b.txt"), file_name("a#b.jsonl#3")
    ('pages.jsonl', 'a#b.txt', 'a#b.jsonl')
    """
    return re.sub(r"#\d+$", "", page_name)


@dataclass(frozen=True)
class Skipped(Reported):
    """A file, or part of one, that could not be read."""


_NOT_UTF8_NAME = "the file name is not UTF-8: rename it (convmv -f GBK -t UTF-8 --notest NAME)"


def iter_input_files(paths: Iterable[Path], workspace: Path | None = None) -> Iterator[Path | Skipped | Notice]:
    """Expand folders (recursively, in name order, links followed) into the supported files below them.

    paths: files and folders as the user gave them.
    workspace: the folder the build writes, never read (nor any other govkg workspace below a folder).
    Yields each file to read, or a Skipped, with its reason, for each path given that is missing, of an
    unknown kind or no regular file, and for each folder, link or supported file below that cannot be read;
    a Notice for a folder not read again (a workspace, a loop).
    """
    walk = _Walk(workspace.resolve() if workspace else None)
    for path in map(Path, paths):
        if not _is_unicode(str(path)):
            yield Skipped(path, _NOT_UTF8_NAME)
        elif path.is_dir():
            yield from walk.folder(path)
        elif path.is_symlink() and not path.exists():
            yield Skipped(path, _DANGLING)
        elif not path.exists():
            yield Skipped(path, "no such file or folder")
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield Skipped(path, f"unsupported file kind {path.suffix or '(no suffix)'!r}")
        else:
            yield _regular(path)


_DANGLING = "a link to nothing (dangling symbolic link)"
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _regular(path: Path) -> Path | Skipped:
    """The path of a regular file; a FIFO, a device or a socket would block or never end: skipped."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return Skipped(path, f"cannot read: {error.strerror or error}")
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            return Skipped(path, f"not a regular file ({kind})")
    return path


@dataclass
class _Walk:
    """Folders read so far (by device and inode, so that a link back up is no endless loop)."""

    workspace: Path | None
    read: set[tuple[int, int]] = field(default_factory=set)

    def folder(self, folder: Path) -> Iterator[Path | Skipped | Notice]:
        try:
            status = folder.stat()
            if (status.st_dev, status.st_ino) in self.read:
                yield Notice(folder, "a link to a folder already read (a loop): read once")
                return
            self.read.add((status.st_dev, status.st_ino))
            if (self.workspace and folder.resolve() == self.workspace) or _is_workspace(folder):
                yield Notice(folder, "a govkg workspace (a graph's own outputs): not read")
                return
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield Skipped(folder, f"cannot read the folder: {error.strerror or error}")
            return
        for entry in entries:
            path = Path(entry.path)
            supported = path.suffix.lower() in SUPPORTED_SUFFIXES
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                yield from self.folder(path)
            elif not supported:
                continue
            elif not _is_unicode(entry.name):
                yield Skipped(path, _NOT_UTF8_NAME)
            elif entry.is_symlink() and not path.exists():
                yield Skipped(path, _DANGLING)
            else:
                yield _regular(path)


def _is_workspace(folder: Path) -> bool:
    """True for a folder a build wrote: its report, or its store beside its graph."""
    return (folder / "build-report.json").is_file() or ((folder / "store").is_dir() and (folder / "kg.ttl").exists())


def iter_source(path: Path, given: PageInfo = PageInfo()) -> Iterator[SourceText | Skipped | Notice]:
    """Read one file into its pages, one at a time: a huge file is read in pieces, never whole.

    path: a .txt, .md, .html or .jsonl file.
    given: what the build was told of the file (--date, a manifest's row), which wins over what the
    file's records or HTML say, which win over its folders and name.
    Yields each page read, each part skipped and each field left out, with its reason; never raises
    for bad content.
    """
    suffix = path.suffix.lower()
    dated = path_date(path)
    from_path = PageInfo(*dated) if dated else PageInfo()
    try:
        size = path.stat().st_size
        if size > HUGE_FILE_BYTES and suffix not in HTML_SUFFIXES:
            yield from _iter_huge(path, suffix, given, from_path)
            return
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(path, f"cannot read: {error.strerror or error}")
        return
    try:
        text, encoding, replaced = decode_bytes(data)
    except NotText as error:
        yield Skipped(path, str(error))
        return
    if replaced:
        yield Notice(path, f"{replaced} bytes could not be read as {encoding} and show as \ufffd")
    if suffix in HTML_SUFFIXES:
        page = html_page(text)
        info, bad = given_info(date_source=HTML_META, **page.meta)
        yield from (Notice(path, str(field)) for field in bad)
        yield SourceText(path, page.text, encoding, title=page.title, info=given.over(info).over(from_path))
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_records(path, enumerate(_json_lines(text), start=1), encoding, given, from_path)
    else:
        yield SourceText(path, text, encoding, info=given.over(from_path))


def _jsonl_records(
    path: Path, lines, encoding: str, given: PageInfo, from_path: PageInfo
) -> Iterator[SourceText | Skipped | Notice]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(path, f"line {number}: not JSON ({error.msg})")
            continue
        except RecursionError:
            yield Skipped(path, f"line {number}: JSON nested too deeply to read")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(path, f"line {number}: no string field 'text'")
            continue
        title = record.get("title")
        if title is not None and not isinstance(title, str):
            yield Notice(path, f"line {number}: 'title' is not text ({type(title).__name__}), left out")
            title = None
        if not _is_unicode(record["text"]) or not _is_unicode(title or ""):
            yield Skipped(
                path,
                f"line {number}: the text holds a lone surrogate (an escape such as \\ud800), which is no character",
            )
            continue
        info, bad = given_info(record.get("date"), record.get("url"), record.get("source"), record.get("page"))
        yield from (Notice(path, f"line {number}: {field}") for field in bad)
        yield SourceText(
            path, record["text"], encoding, record=number, title=title, info=given.over(info).over(from_path)
        )


def _json_lines(text: str) -> list[str]:
    r"""The lines of JSON Lines: broken at line feeds only, since a JSON string may hold U+2028, U+2029
    and the other breaks str.splitlines() knows.

    >>> _json_lines('{"text": "a\u2028b"}\r\n{}\n') == ['{"text": "a\u2028b"}', '{}']
    True
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return lines[:-1] if lines and not lines[-1] else lines


def _is_unicode(text: str) -> bool:
    """False for a string that holds a lone surrogate, which JSON's \\ud800 escapes can make."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _iter_huge(
    path: Path, suffix: str, given: PageInfo, from_path: PageInfo
) -> Iterator[SourceText | Skipped | Notice]:
    """A file too large to hold: its encoding chosen on evidence from the whole file, its text decoded as it
    is read and cut into pieces of about PIECE_CHARS at paragraph ends (JSONL: at line ends), each piece a
    page of its own; bytes that do not decode are counted in a note."""
    try:
        encoding = huge_file_encoding(path)
    except NotText as error:
        yield Skipped(path, str(error))
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending, piece, line_number, replaced = "", 0, 0, 0
    with path.open("rb") as stream:
        while True:
            chunk = stream.read(_READ_BYTES)
            decoded = decoder.decode(chunk, final=not chunk)
            replaced += decoded.count("\ufffd")
            pending += decoded
            cut = _cut_point(pending, suffix, final=not chunk)
            if cut:
                text, pending = pending[:cut], pending[cut:]
                if suffix in JSONL_SUFFIXES:
                    lines = _json_lines(text)
                    yield from _jsonl_records(path, enumerate(lines, start=line_number + 1), encoding, given, from_path)
                    line_number += len(lines)
                else:
                    piece += 1
                    yield SourceText(path, text, encoding, record=piece, info=given.over(from_path))
            if not chunk:
                break
    if replaced:
        yield Notice(path, f"{replaced} characters could not be read as {encoding} and show as \ufffd")


def huge_file_encoding(path: Path) -> str:
    """The encoding of a file too large to hold, chosen on evidence from all of it: a byte-order mark, or
    UTF-8 when every byte of it is, else what decode_bytes makes of the parts that are not ASCII (so a file
    whose first megabyte is ASCII is not taken for UTF-8 when GB18030 follows).

    Raises NotText when its start is not text.
    """
    with path.open("rb") as stream:
        start = stream.read(_SNIFF_BYTES)
        first = _decoded_start(start)
        if first.encoding != "utf-8":
            return first.encoding  # a byte-order mark or UTF-16 says so at the start; GB18030 or Big5 read there
        checker = codecs.getincrementaldecoder("utf-8")()
        sample, sampled, all_utf8 = [], 0, True
        stream.seek(0)
        while chunk := stream.read(_READ_BYTES):
            if sampled < _SAMPLE_BYTES and not chunk.isascii():
                sample.append(_whole_lines(chunk))
                sampled += len(sample[-1])
            if all_utf8:
                try:
                    checker.decode(chunk)
                except UnicodeDecodeError:
                    all_utf8 = False
            if not all_utf8 and sampled >= _SAMPLE_BYTES:
                break
    # not all UTF-8: the sample of the parts that are not ASCII decides
    return "utf-8" if all_utf8 else decode_bytes(b"\n".join(sample)).encoding


def _decoded_start(start: bytes) -> Decoded:
    """decode_bytes of a file's first bytes, less a character the cut may have split (there may be no line end)."""
    whole = _whole_lines(start)
    error = None
    for trim in range(4):
        try:
            return decode_bytes(whole[: len(whole) - trim] if trim else whole)
        except NotText as failure:
            error = error or failure
    raise error


def _cut_point(text: str, suffix: str, final: bool) -> int:
    """Where to end the next piece: the whole text at the end; else past PIECE_CHARS, a blank line after
    a sentence's end (never between a headline and its body), a line end, a sentence end, or at worst
    twice PIECE_CHARS; else 0 (read on)."""
    if final:
        return len(text)
    if len(text) < PIECE_CHARS:
        return 0
    if suffix in JSONL_SUFFIXES:
        at = text.find("\n", PIECE_CHARS)
        return at + 1 if at >= 0 else 0
    if found := _PIECE_END.search(text, PIECE_CHARS):
        return found.end()
    if len(text) < 2 * PIECE_CHARS:
        return 0
    window = text[PIECE_CHARS : 2 * PIECE_CHARS]
    at = max(window.rfind("\n"), *(window.rfind(mark) for mark in "。！？"))
    return PIECE_CHARS + at + 1 if at >= 0 else 2 * PIECE_CHARS


# a blank line after the end of a sentence: the end of a news item's body, where a page may be cut
_PIECE_END = re.compile(r"[。！？!?”」』）)][ \t\u3000]*\n[ \t\u3000]*\n")


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
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
}


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page shows and says of itself."""

    title: str | None
    text: str
    meta: dict[str, str]  # given_info's fields (date, url, publisher) as the page's head gives them


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self._dropped_depth = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in ("meta", "link", "time"):
            self._describe(tag, {name: value or "" for name, value in attrs})
        if tag in _DROPPED_TAGS:
            self._dropped_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def _describe(self, tag: str, attrs: dict[str, str]) -> None:
        """Keep the first value each field is given: a meta's content, a canonical link, a <time datetime>."""
        if tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
            if (field_name := HTML_META_FIELDS.get(name)) and attrs.get("content", "").strip():
                self.meta.setdefault(field_name, attrs["content"].strip())
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self.meta.setdefault("url", attrs["href"].strip())
        elif tag == "time" and attrs.get("datetime") and self.time is None:
            self.time = attrs["datetime"].strip()

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


def html_page(html: str) -> HtmlPage:
    """The visible text of an HTML page, scripts and styles dropped, blocks as paragraphs; its <title>;
    and the date, URL and outlet its head gives (a <meta> of kg/data/html_meta.tsv, a canonical link,
    else og:url; the first <time datetime> when no meta gives a date).

    >>> page = html_page('<head><meta name="PubDate" content="2022-02-18 09:30"></head><p>正文。</p>')
    >>> page.text, page.meta
    ('正文。', {'date': '2022-02-18 09:30'})
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    title = "".join(collector.title_parts).strip() or None
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    meta = collector.meta
    if collector.time and "date" not in meta:
        meta["date"] = collector.time
    return HtmlPage(title, "\n\n".join(line for line in lines if line), meta)
