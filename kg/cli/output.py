"""What a command prints, in the format the user chose (--format): aligned tables, CSV or JSON.

One table (kg query, kg search) is written as its rows come: a table once they are all in, a CSV line or a
JSON object at a time. Several tables (kg stats, kg eval) are written together: one after another, CSV ones
with a blank line between, JSON as one object of the tables by title. A note for the reader (which node a
name found, where a report was written) goes to standard output with tables and to standard error with
CSV and JSON, which other programs read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable

import click
from rich.console import Console
from rich.table import Table

from kg.ingest.metadata import printable
from kg.rows import cell, csv_lines, json_lines, json_value

FORMATS = ("table", "csv", "json")
# a column whose every cell is a number is aligned right
_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?(?:亿元)?")


class Output:
    """Tables and notes in one format: "table" (rich, which measures CJK widths; a terminal's escapes in the
    text are shown, never run), "csv" or "json"."""

    def __init__(self, output_format: str = "table"):
        self.format = output_format
        self.console = Console(soft_wrap=True)

    def rows(self, title: str | Callable[[int], str], names: list[str], rows: Iterable[tuple]) -> None:
        """One table of rows (of RDF terms or plain values), written as they come; `title` may be worked out
        from the number of rows."""
        if self.format in ("csv", "json"):
            for line in (csv_lines if self.format == "csv" else json_lines)(names, rows):
                sys.stdout.write(line)
            sys.stdout.flush()
            return
        shown = [[printable(cell(value)) for value in row] for row in rows]
        self.console.print(aligned(title(len(shown)) if callable(title) else title, names, shown))

    def tables(self, tables: Iterable[tuple[str, list[str], Iterable[tuple]]]) -> None:
        """Several tables, each (title, column names, rows)."""
        if self.format == "json":
            document = {
                title: [dict(zip(names, map(json_value, row))) for row in rows] for title, names, rows in tables
            }
            click.echo(json.dumps(document, ensure_ascii=False, indent=1))
            return
        for index, (title, names, rows) in enumerate(tables):
            if index and self.format == "csv":
                sys.stdout.write("\n")
            self.rows(title, names, rows)

    def document(self, document: dict) -> None:
        """What only JSON can hold whole (kg eval's scores and their errors)."""
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))

    def note(self, text: str) -> None:
        """A line for the reader: beside tables, or on standard error beside CSV and JSON."""
        if self.format == "table":
            self.console.print(text, markup=False)
        else:
            click.echo(text, err=True)


def aligned(title: str, columns: list[str], rows) -> Table:
    """A rich table; columns whose every cell is a number align right."""
    rows = [[str(value) for value in row] for row in rows]
    table = Table(title=title)
    for index, column in enumerate(columns):
        cells = [row[index] for row in rows if row[index]]
        numeric = bool(cells) and all(_NUMBER.fullmatch(value) for value in cells)
        table.add_column(column, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*row)
    return table
