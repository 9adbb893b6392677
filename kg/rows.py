"""Rows as a user reads them, whatever shows them: a cell's text, CSV no spreadsheet runs as a formula, JSON
whose numbers stay numbers."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator

from rdflib import Literal

from kg.patterns import DIRECTION_CONTROLS

# a cell starting so is read as a formula by spreadsheets: it is written after an apostrophe
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(term) -> str:
    """How a term (or a plain value) shows in a table or CSV: the literal's text or the IRI, nothing for unbound."""
    return "" if term is None else str(term)


def spreadsheet_cell(text: str) -> str:
    r"""A cell as a spreadsheet shows it, never as a formula it would run, nor in an order a direction
    control turns.

    >>> spreadsheet_cell("=1+2"), spreadsheet_cell("夏扬"), spreadsheet_cell("\u202egnp.exe")
    ("'=1+2", '夏扬', '\\u202egnp.exe')
    """
    text = _DIRECTION_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


# what makes a spreadsheet show text in another order than it is written
_DIRECTION_CONTROL = re.compile(f"[{DIRECTION_CONTROLS}]")


def csv_lines(names: list[str], rows: Iterable[tuple]) -> Iterator[str]:
    """Rows as CSV, a line at a time, no cell of which a spreadsheet would run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in itertools.chain([names], ([spreadsheet_cell(cell(term)) for term in row] for row in rows)):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def json_value(term):
    """A term (or a plain value) as JSON holds it: numbers and booleans keep their type, decimals are strings
    to keep every digit, unbound is null."""
    if isinstance(term, Literal) and isinstance(term.toPython(), (bool, int)):
        return term.toPython()
    if isinstance(term, (bool, int)):
        return term
    return None if term is None else str(term)


def json_lines(names: list[str], rows: Iterable[tuple]) -> Iterator[str]:
    """Rows as a JSON array, an object a line.

    >>> print("".join(json_lines(["name", "n"], [(Literal("夏扬"), Literal(2))])), end="")
    [
    {"name": "夏扬", "n": 2}
    ]
    """
    yield "["
    for index, row in enumerate(rows):
        yield ("\n" if index == 0 else ",\n") + json.dumps(dict(zip(names, map(json_value, row))), ensure_ascii=False)
    yield "\n]\n"
