"""What an input says of a page besides its text: the day it was published and where that was read,
its URL, outlet and page number; given by a build option, a manifest, or the page's own record."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from kg.errors import GovkgError
from kg.ingest.dates import parse_date
from kg.lexicon.tables import PACKAGE_DATA, read_table
from kg.patterns import DIRECTION_CONTROLS

# where a page's date was read (kg:dateSource), strongest first; the rest are in kg.ingest.dates
OPTION, MANIFEST, RECORD, HTML_META = "option", "manifest", "record", "html meta"
MANIFEST_COLUMNS = ("file", "date", "url", "outlet", "page")


@dataclass(frozen=True)
class PageInfo:
    """A page's date (ISO, or YYYY-MM when only the month is known) and where it was read, its URL,
    outlet (schema:publisher) and page number (schema:pagination); None where nothing says."""

    date: str | None = None
    date_source: str | None = None
    url: str | None = None
    publisher: str | None = None
    pagination: str | None = None

    def over(self, weaker: PageInfo) -> PageInfo:
        """This info, with what it leaves empty taken from `weaker`."""
        return PageInfo(**{f.name: getattr(self, f.name) or getattr(weaker, f.name) for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class BadField:
    """A date or URL that an input gives and that is not one: the page is read without it."""

    field: str
    value: str

    def __str__(self) -> str:
        what = "a date (write 2022-02-18)" if self.field == "date" else "a web address (http:// or https://)"
        return f"{self.field} {self.value[:60]!r} is not {what}"


def given_info(
    date=None, url=None, publisher=None, pagination=None, date_source: str = RECORD
) -> tuple[PageInfo, list[BadField]]:
    """The PageInfo of the fields an input gives (strings or numbers, maybe empty), and those that are
    malformed, which are left out.

    >>> info, bad = given_info(date="2022/2/18", url="www.example.org")
    >>> info.date, info.date_source, info.url, bad
    ('2022-02-18', 'record', None, [BadField(field='url', value='www.example.org')])
    """
    bad = []
    date_text, url_text = _text(date), _text(url)
    iso = parse_date(date_text) if date_text else None
    if date_text and iso is None:
        bad.append(BadField("date", date_text))
    if url_text and not is_web_address(url_text):
        bad.append(BadField("url", url_text))
        url_text = None
    return PageInfo(iso, date_source if iso else None, url_text, _text(publisher), _text(pagination)), bad


def _text(value) -> str | None:
    """A field's value as text, or None for an empty or missing one (a number of pages is text too)."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip() if isinstance(value, (str, int)) else None
    return text or None


def is_web_address(text: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces or control characters."""
    if any(c.isspace() or ord(c) < 32 for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# the <meta> names that give a page's date, URL or outlet, lower-case, and the field each gives
HTML_META_FIELDS = MappingProxyType(
    {name.strip().lower(): field_name.strip() for name, field_name in read_table("html_meta", [PACKAGE_DATA]).rows}
)


def printable(text: str) -> str:
    r"""Text safe to print and to write as UTF-8: control characters (a terminal's escapes among them), the
    controls of writing direction (U+202E reads "gnp.exe" as "exe.png") and the lone surrogates of a file
    name that is not UTF-8 are written as escapes.

    >>> printable("a\x1b[31mb\udcff.txt"), printable("\u202egnp.exe")
    ('a\\x1b[31mb\\udcff.txt', '\\u202egnp.exe')
    """
    escaped = _UNPRINTABLE.sub(lambda found: _escape(found.group()), text)
    return escaped.encode("utf-8", "backslashreplace").decode("utf-8")


_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{DIRECTION_CONTROLS}]")


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Reported:
    """A file, or part of one, that the build report names, with the reason shown to the user."""

    path: Path
    reason: str

    @property
    def shown(self) -> str:
        """The path as a report prints it."""
        return printable(str(self.path))


@dataclass(frozen=True)
class Notice(Reported):
    """Something wrong in an input that was read all the same (a malformed date or URL)."""


@dataclass(frozen=True)
class Described:
    """What a build is told of its files: a manifest's row for some, and one date for all (--date); and the
    manifest's rows or fields that were left out, with their reasons."""

    files: Mapping[Path, PageInfo] = field(default_factory=dict)
    everything: PageInfo = PageInfo()
    notices: tuple[Notice, ...] = ()

    def of(self, path: Path) -> PageInfo:
        """What the build was told of the file at `path`: its manifest row, over the date for all."""
        return self.files.get(path.resolve(), PageInfo()).over(self.everything) if self.files else self.everything


class ManifestError(GovkgError, ValueError):
    """A manifest that cannot be read at all: missing, not CSV, or with no `file` column."""


def read_manifest(path: Path) -> tuple[dict[Path, PageInfo], list[Notice]]:
    """The pages a manifest describes (CSV with a header of file, date, url, outlet, page; any may be
    empty, `file` relative to the manifest's folder), keyed by their resolved paths; and a one-line
    reason for each row or field left out.

    Raises ManifestError when the file cannot be read or has no `file` column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"cannot read the manifest {path}: {getattr(error, 'strerror', None) or error}") from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "file" not in header:
        raise ManifestError(f"the manifest {path} has no 'file' column (its header: {', '.join(MANIFEST_COLUMNS)})")
    reader.fieldnames = header
    described, problems = {}, []
    for number, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            problems.append(Notice(path, f"line {number}: no file named"))
            continue
        info, bad = given_info(row.get("date"), row.get("url"), row.get("outlet"), row.get("page"), MANIFEST)
        problems += [Notice(path, f"line {number}: {bad_field}") for bad_field in bad]
        described[(path.parent / name).resolve()] = info
    return described, problems
