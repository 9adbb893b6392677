"""Dates in the text, resolved against the article's date: 2022年2月15日, 1月28日, 昨日."""

from __future__ import annotations

import datetime as dt
import re

from kg.lexicon import Lexicon, alternation
from kg.nlp.mentions import Mention


class DateFinder:
    """DATE mentions whose attrs are the matched parts, unresolved, and for a relative day (昨日) its offset
    from the article's day (kg/data/relative_days.tsv; None for one that names no day, 日前).

    >>> [m.attrs["offset"] for m in DateFinder(Lexicon())("昨日获悉，近日召开")]
    [-1, None]
    """

    def __init__(self, lexicon: Lexicon):
        table = lexicon.table("relative_days")
        self.offsets = {word: int(offset) if offset else None for word, offset in table.rows}
        self.after_last = {word: int(offset or 0) for word, offset in lexicon.table("anaphoric_days").rows}
        self.pattern = re.compile(
            r"(?:(?P<year>(?:19|20)\d{2})年)?(?:(?P<month>1[0-2]|0?[1-9])月)(?P<day>3[01]|[12]\d|0?[1-9])日"
            rf"|(?P<relative>{alternation(self.offsets)})"
            # a day named from the last one the text named: 当天, 次日 (resolved by resolve_after)
            rf"|(?P<anaphoric>{alternation(self.after_last)})"
            # a day of this month, before or after the article's day: 本月30日召开
            r"|本月(?P<this_month>3[01]|[12]\d|0?[1-9])日"
            # a day alone ("26日，在……调度会上") is a day of the article's month
            r"|(?<![\d月年])(?P<day_only>3[01]|[12]\d|0?[1-9])日(?![前后内])"
        )

    def __call__(self, text: str) -> list[Mention]:
        return [
            Mention(
                "DATE",
                m.start(),
                m.end(),
                m.group(),
                {
                    **m.groupdict(),
                    "offset": self.offsets.get(m["relative"]),
                    "after": self.after_last.get(m["anaphoric"]),
                },
            )
            for m in self.pattern.finditer(text)
        ]


def resolve_after(parts: dict, last_day: str | None) -> str | None:
    """The ISO date a day named from the last day the text named (当天, 次日) is, given that day.

    >>> resolve_after({"anaphoric": "次日", "after": 1}, "2024-07-02")
    '2024-07-03'
    """
    if not last_day:
        return None
    return (dt.date.fromisoformat(last_day) + dt.timedelta(days=parts["after"])).isoformat()


def resolve_date(parts: dict, article_date: str | None, year: int | None) -> str | None:
    """The ISO date that a DATE mention names, or None when the text does not fix a day.

    parts: the DATE mention's attrs (year, month, day, relative and its offset, day_only as matched).
    article_date: the article's ISO date, for 昨日 and friends; year: the page's year.
    Returns "YYYY-MM-DD" or None (日前 and 近日 name no day).

    >>> resolve_date({"month": "2", "day": "15", "year": None, "relative": None}, None, 2022)
    '2022-02-15'
    """
    if parts.get("anaphoric"):
        return None  # the last day the text named fixes it: resolve_after
    if parts.get("day_only"):
        return _day_of_article_month(int(parts["day_only"]), article_date)
    if parts.get("this_month"):
        if not article_date:
            return None
        try:
            return dt.date.fromisoformat(article_date).replace(day=int(parts["this_month"])).isoformat()
        except ValueError:
            return None
    if parts["relative"]:
        if parts.get("offset") is None or not article_date:
            return None
        day = dt.date.fromisoformat(article_date) + dt.timedelta(days=parts["offset"])
        return day.isoformat()
    resolved_year = int(parts["year"]) if parts["year"] else (int(article_date[:4]) if article_date else year)
    if not resolved_year:
        return None
    try:
        return dt.date(resolved_year, int(parts["month"]), int(parts["day"])).isoformat()
    except ValueError:
        return None


def _day_of_article_month(day: int, article_date: str | None) -> str | None:
    """The last such day on or before the article's date: 26日 in an article of 3月1日 is 2月26日."""
    if not article_date:
        return None
    published = dt.date.fromisoformat(article_date)
    year, month = published.year, published.month
    if day > published.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
