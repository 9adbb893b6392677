"""The day a page was published, from what its input carries: a date given as a string (an option, a
manifest, a JSONL field, an HTML meta), the archive's folders and file name, or the top of its text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kg.lexicon import alternation
from kg.lexicon.tables import PACKAGE_DATA, read_table

_YEAR = r"(?P<year>(?:19|20)\d{2})"
# a date as inputs write it, perhaps with a time after: 2022-02-18, 2022/2/18 09:30, 2022.02.18,
# 2022-02-18T08:00:00+08:00, 20220218, 2022年2月18日
_GIVEN_DATE = re.compile(
    rf"\s*{_YEAR}(?:(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})"
    r"|(?P<month8>0[1-9]|1[0-2])(?P<day8>0[1-9]|[12]\d|3[01])"
    r"|年(?P<month_cn>\d{1,2})月(?P<day_cn>\d{1,2})日)"
    r"(?:(?:[T\s]|\s*星期.|\s*周.)[\d:.+\-Z\s]*)?\s*$"
)
_GIVEN_MONTH = re.compile(rf"\s*{_YEAR}(?:-|年)(?P<month>0?[1-9]|1[0-2])月?\s*$")


def parse_date(text: str) -> str | None:
    """The ISO date (or YYYY-MM month) a given date string names, or None when it names none.

    >>> parse_date("2022-02-18T08:00:00+08:00"), parse_date("2022年2月18日"), parse_date("2022-02-31")
    ('2022-02-18', '2022-02-18', None)
    """
    if match := _GIVEN_DATE.match(text):
        month = match["month"] or match["month8"] or match["month_cn"]
        day = match["day"] or match["day8"] or match["day_cn"]
        return iso_date(int(match["year"]), int(month), int(day))
    if match := _GIVEN_MONTH.match(text):
        return f"{match['year']}-{int(match['month']):02d}"
    return None


def iso_date(year: int, month: int, day: int) -> str | None:
    """The ISO date, or None for a day no calendar has (an OCR'd 2月31日)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# an archive's folders or file name give the day a page was printed: 2022/02/18/01.txt, 2022-02/18/,
# 20220218/, 2022-02-18.txt, zzrb_20220218_1.txt, 2022年2月18日.txt
_PATH_DATES = (
    re.compile(rf"(?<!\d){_YEAR}[/_-](?P<month>\d{{1,2}})[/_-](?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(rf"{_YEAR}年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"),
)
# a month with no day still gives a page its year: 201504
_PATH_MONTH = re.compile(rf"(?<!\d){_YEAR}(?P<month>0[1-9]|1[0-2])(?!\d)")
FOLDER, FILE_NAME = "folder", "file name"


def path_date(path: Path) -> tuple[str, str] | None:
    """The ISO date an archive's path gives a page (its folders, then its file name), or its month
    (YYYY-MM) when the path gives no day (daily_201504_3.txt); with where it was read, or None.

    >>> path_date(Path("archive/2022/02/18/01.txt")), path_date(Path("zzrb_20220218_2.txt"))
    (('2022-02-18', 'folder'), ('2022-02-18', 'file name'))
    """
    for part, source in (("/".join(path.parent.parts[-4:]), FOLDER), (path.stem, FILE_NAME)):
        for pattern in _PATH_DATES:
            for match in pattern.finditer(part):
                if date := iso_date(int(match["year"]), int(match["month"]), int(match["day"])):
                    return date, source
    month = _PATH_MONTH.search(path.stem)
    return (f"{month['year']}-{month['month']}", FILE_NAME) if month else None


# how far into a page its masthead or a web page's "发布时间" line may stand
_TOP_CHARS = 2000
MASTHEAD, PAGE_TEXT = "masthead", "page text"
# each way of writing a weekday to its number, Monday 0 (kg/data/weekdays.tsv)
_WEEKDAYS = {weekday: int(number) for weekday, number in read_table("weekdays", [PACKAGE_DATA]).rows}


_DAY = rf"{_YEAR}(?:年|[-/.])(?P<month>\d{{1,2}})(?:月|[-/.])(?P<day>\d{{1,2}})日?"
_MASTHEAD = re.compile(rf"^[ \t\u3000]*{_DAY}[ \t\u3000]*(?:星期|周)(?P<weekday>[{''.join(_WEEKDAYS)}])", re.MULTILINE)
_CUED = re.compile(
    rf"(?:{alternation(read_table('date_cues', [PACKAGE_DATA]).column('cue'))})[ \t\u3000]*[:：]"
    rf"[ \t\u3000]*{_DAY}"
)


def top_of_page_date(text: str) -> tuple[str, str] | None:
    """The day the top of a page prints: a newspaper's masthead (2022年2月18日 星期五, the weekday
    agreeing) or a web page's 发布时间:2022-02-18; with where it was read, or None.

    >>> top_of_page_date("郑州日报\\n2022年2月18日 星期五\\n"), top_of_page_date("发布时间：2022-02-18 09:30")
    (('2022-02-18', 'masthead'), ('2022-02-18', 'page text'))
    """
    top = text[:_TOP_CHARS]
    for match in _MASTHEAD.finditer(top):
        date = iso_date(int(match["year"]), int(match["month"]), int(match["day"]))
        weekday = _WEEKDAYS[match["weekday"]]
        if date and dt.date.fromisoformat(date).weekday() == weekday:
            return date, MASTHEAD
    for match in _CUED.finditer(top):
        if date := iso_date(int(match["year"]), int(match["month"]), int(match["day"])):
            return date, PAGE_TEXT
    return None
