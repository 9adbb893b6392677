"""A newspaper page to articles: repair OCR breaks, split at headlines and datelines, date and name each."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType

from kg.ingest.dates import iso_date, top_of_page_date
from kg.ingest.normalize import normalize
from kg.ingest.sources import JSONL_SUFFIXES, SourceText
from kg.lexicon import Lexicon
from kg.patterns import CONTINUATION_RE, DATELINE_RE, SENTENCE_END, BylinePatterns

# An article longer than this is built in parts: spaCy refuses a text over a million characters, and
# nothing any paper prints runs this long without a break.
MAX_ARTICLE_CHARS = 100_000
# A heading is a short line that does not end a sentence.
MAX_HEADING_CHARS = 45
# A paragraph this long that stops mid-sentence was broken by the OCR or the layout.
MIN_BROKEN_CHARS = 40
_OPEN_END = re.compile(r"[\u3400-\u9fff0-9A-Za-z、，,“‘（(]$")
_PHOTO_CREDIT_ENDS = ("摄", "供图")
_CAPTION = re.compile(r"图为|[（(]图[)）]|[（(]?资料图|摄$")
_NOT_CONTINUATION = re.compile(r"^(?:#|-\s|——|·|本报讯)")
_MARKUP_PREFIX = re.compile(r"^#+\s*")
# ingest splits a page with the package's lexicon: a paragraph of bylines ends an article's head
_BYLINE_LINE = BylinePatterns(Lexicon()).line
_FURNITURE = re.compile("|".join(f"(?:{pattern})" for pattern in Lexicon().words("page_furniture")))
_YEAR = re.compile(r"(?<![到至\-—－~～])(?P<year>(?:19|20)\d{2})年")


@dataclass(frozen=True)
class Article:
    """One article of a page, with the text every fact's offsets point into."""

    id: str
    source: str
    headline: str | None
    text: str
    date: str | None = None
    year: int | None = None
    position: int = 0
    date_source: str | None = None  # where the date was read (kg.ingest.metadata, kg.ingest.dates)
    url: str | None = None
    publisher: str | None = None
    pagination: str | None = None


@dataclass
class _Draft:
    headings: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    has_body: bool = False
    closed: bool = False


def repair_ocr_breaks(text: str) -> list[str]:
    """Join paragraphs that a page break or OCR split mid-sentence ("经济总\\n\\n量").

    text: the page text.
    Returns the paragraphs, stripped, with broken ones joined and any photo caption
    that stood between the two halves moved after the joined paragraph.
    """
    lines = [
        _MARKUP_PREFIX.sub("", line.strip()) if line.lstrip().startswith("#") else line.strip()
        for line in text.splitlines()
    ]
    lines = [line for line in lines if line]
    paragraphs: list[str] = []
    i = 0
    while i < len(lines):
        paragraph, captions = lines[i], []
        while _is_broken(paragraph):
            j = i + 1
            while j < len(lines) and _CAPTION.search(lines[j]):
                j += 1
            if j >= len(lines) or not _continues(text_line := lines[j]):
                break
            captions.extend(lines[i + 1 : j])
            paragraph += text_line
            i = j
        paragraphs.append(paragraph)
        paragraphs.extend(captions)
        i += 1
    return paragraphs


def _is_broken(paragraph: str) -> bool:
    ends_open = _OPEN_END.search(paragraph) is not None
    return ends_open and (len(paragraph) >= MIN_BROKEN_CHARS or any(c in paragraph for c in "。！？"))


def _continues(line: str) -> bool:
    return not (_NOT_CONTINUATION.search(line) or CONTINUATION_RE.search(line) or _BYLINE_LINE.match(line))


def _kind(paragraph: str) -> str:
    """byline, furniture (the web page's frame: kg/data/page_furniture.tsv), body or heading: a short line
    that ends no sentence, leads into no list (任命：) and is no dateline."""
    if _BYLINE_LINE.match(paragraph):
        return "byline"
    if _FURNITURE.match(paragraph):
        return "furniture"
    if _CAPTION.search(paragraph) or paragraph.startswith("- ") or any(c in paragraph for c in "。！？"):
        return "body"
    if DATELINE_RE.match(paragraph) or paragraph[-1] in "：:":
        return "body"
    if len(paragraph) <= MAX_HEADING_CHARS and paragraph[-1] not in SENTENCE_END + "…”":
        return "heading"
    return "body"


def _opens_article(kinds: list[str], paragraphs: list[str], start: int) -> bool:
    """Whether the headings from `start` open an article of their own, not a section of the one before: an
    article's head has a subtitle (——访…), a byline, or a body that opens with a dateline or (上接一版)."""
    for kind, paragraph in zip(kinds[start:], paragraphs[start:], strict=True):
        if kind == "byline" or (kind == "heading" and paragraph.startswith(("——", "·"))):
            return True
        if kind == "body":
            return bool(DATELINE_RE.match(paragraph) or CONTINUATION_RE.match(paragraph))
    return False


def split_articles(page: SourceText) -> list[Article]:
    """Split one page into articles.

    page: a source text (a file or a JSONL record); its text is normalised first (kg.ingest.normalize).
    Returns the articles in page order; a page with no headings is one article.
    """
    paragraphs = repair_ocr_breaks(normalize(page.text))
    year = page_year(page)
    kinds = [_kind(paragraph) for paragraph in paragraphs]
    drafts: list[_Draft] = [_Draft()]
    for index, (kind, paragraph) in enumerate(zip(kinds, paragraphs, strict=True)):
        draft = drafts[-1]
        starts_item = DATELINE_RE.match(paragraph) or CONTINUATION_RE.match(paragraph)
        opens = kind == "heading" and draft.has_body and (draft.closed or _opens_article(kinds, paragraphs, index))
        if opens or (kind == "body" and (draft.closed or (starts_item and draft.has_body))):
            draft = _Draft()
            drafts.append(draft)
        draft.paragraphs.append(paragraph)
        if kind == "heading":
            draft.headings.append(paragraph)
        elif kind == "byline":
            # a photo's credit stands between paragraphs; a writer's byline after the body ends the article
            draft.closed = draft.has_body and not paragraph.endswith(_PHOTO_CREDIT_ENDS)
        elif kind == "body":
            draft.has_body = True
    drafts = [draft for draft in drafts if draft.paragraphs]
    if drafts and page.title and page.record and page.path.suffix.lower() in JSONL_SUFFIXES:
        # a crawler's record with its title is one item: its headings are the sections of one article
        drafts = [_merged(drafts)]
    dates = _article_dates(page, drafts, year)
    info = page.info
    articles = []
    for draft, (date, date_source) in zip(drafts, dates):
        headline = normalize(page.title) if len(drafts) == 1 and page.title else _headline(draft.headings)
        for text in _parts("\n".join(draft.paragraphs)):
            articles.append(
                Article(
                    id=article_id(text),
                    source=page.name,
                    headline=headline,
                    text=text,
                    date=date,
                    year=year,
                    position=len(articles),
                    date_source=date_source,
                    url=info.url,
                    publisher=info.publisher,
                    pagination=info.pagination,
                )
            )
    return articles


def _merged(drafts: list[_Draft]) -> _Draft:
    return _Draft(
        headings=[heading for draft in drafts for heading in draft.headings],
        paragraphs=[paragraph for draft in drafts for paragraph in draft.paragraphs],
    )


def _parts(text: str) -> list[str]:
    """An article's text, or for one longer than MAX_ARTICLE_CHARS (a page that is one endless paragraph)
    its parts, each cut after the last sentence end that keeps it within the limit (or at the limit).

    >>> [len(part) for part in _parts("甲。" * 60_000)]
    [100000, 20000]
    """
    parts = []
    while len(text) > MAX_ARTICLE_CHARS:
        end = max(text.rfind(mark, 0, MAX_ARTICLE_CHARS) for mark in SENTENCE_END + "\n") + 1
        cut = end if end > MAX_ARTICLE_CHARS // 2 else MAX_ARTICLE_CHARS
        parts.append(text[:cut])
        text = text[cut:]
    return parts + [text] if text else parts


def _headline(headings: list[str]) -> str | None:
    """The headline among an article's headings: what 原标题： names, else the first that is no subtitle."""
    for heading in headings:
        if original := _ORIGINAL_TITLE.match(heading):
            return original["title"]
    for heading in headings:
        if not heading.startswith(("——", "·")) and not CONTINUATION_RE.match(heading):
            return heading
    return headings[0] if headings else None


_ORIGINAL_TITLE = re.compile(r"^[(（]?原(?:标)?题(?:为)?[:：]?\s*《?(?P<title>[^》)）]+)")


def article_id(text: str) -> str:
    """A stable id: the hash of the text with width and spacing normalised away."""
    # split() drops what \s matches (str.isspace), four times faster than re.sub
    normalised = "".join(nfkc(text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), several times faster on Chinese news.

    Every article has characters NFKC changes (，（１…℃), and for those Python recomposes the
    whole text. Each is first replaced by its compatibility decomposition, which leaves the
    text's NFKD, and so its NFKC, as they were; NFKC then finds the text mostly normalized already.

    >>> nfkc("郑州市（一）１２℃…")
    '郑州市(一)12°C...'
    """
    return unicodedata.normalize("NFKC", _COMPATIBLE.sub(lambda match: _COMPATIBILITY_FORMS[match.group()], text))


# the characters of the Basic Multilingual Plane that NFKC changes, each to its NFKD
_COMPATIBILITY_FORMS = MappingProxyType(
    {
        chr(code): unicodedata.normalize("NFKD", chr(code))
        for code in range(0x10000)
        if not 0xD800 <= code < 0xE000 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
    }
)
_COMPATIBLE = re.compile(f"[{''.join(map(re.escape, sorted(_COMPATIBILITY_FORMS)))}]")


def page_year(page: SourceText) -> int | None:
    """The year a page was printed: its given date, else the latest year it speaks of (not a target year)."""
    if page.info.date:
        return int(page.info.date[:4])
    years = [int(m["year"]) for m in _YEAR.finditer(page.text)]
    return max(years) if years else None


DATELINE, PAGE = "dateline", "page"


def _article_dates(page: SourceText, drafts: list[_Draft], year: int | None) -> list[tuple[str | None, str | None]]:
    """Each article's date and where it was read: the page's own (given with it, or printed at its top),
    else the article's dateline, else the latest dateline of the page (a page prints one day's news)."""
    if page.info.date and len(page.info.date) == len("2022-02-18"):
        return [(page.info.date, page.info.date_source)] * len(drafts)
    if top := top_of_page_date(page.text):
        return [top] * len(drafts)
    datelines = [_dateline_date(draft, year) for draft in drafts]
    latest = max(filter(None, datelines), default=None)
    return [(date, DATELINE) if date else (latest, PAGE if latest else None) for date in datelines]


def _dateline_date(draft: _Draft, year: int | None) -> str | None:
    if not year:
        return None
    for paragraph in draft.paragraphs:
        match = DATELINE_RE.match(paragraph)
        if match and (month := match["month"] or match["month_at"]):
            return iso_date(year, int(month), int(match["day"] or match["day_at"]))
    return None
