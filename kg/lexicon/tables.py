"""The one format of govkg's lexicons: a tab-separated file for each class of words, under kg/data/.

A file opens with `#` lines that say what it holds, then a header row that names its columns; every other
line is a row (blank lines are skipped; cells missing at the end of a row are empty):

    # titles of posts; kind: party = a post inside a party body, ...
    title	kind
    书记	party

A user's lexicon folder (`kg build --lexicon DIR`) holds files of the same names and headers, whose rows
come after the package's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Union

from kg.errors import GovkgError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

Folder = Union[Path, "Traversable"]
PACKAGE_DATA = resources.files("kg.data")
SUFFIX = ".tsv"


class LexiconError(GovkgError, ValueError):
    """A lexicon file that cannot be read as one: no header, another header than the package's, an unknown name."""


@dataclass(frozen=True)
class Table:
    """One lexicon file, or the same file of several folders one after another: named columns and rows.

    >>> table = parse_table("# a comment\\ntitle\\tkind\\n书记\\tparty\\n主任\\n", "titles.tsv")
    >>> table.column("title"), table.column("kind")
    (('书记', '主任'), ('party', ''))
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> tuple[str, ...]:
        """Every row's cell in the column `name`; () for a table with no rows."""
        if not self.rows:
            return ()
        return tuple(row[self._index(name)] for row in self.rows)

    def where(self, column: str, value: str) -> Table:
        """The rows whose cell in `column` is `value`."""
        if not self.rows:
            return self
        index = self._index(column)
        return Table(self.name, self.columns, tuple(row for row in self.rows if row[index] == value))

    def mapping(self, key: str, value: str) -> dict[str, str]:
        """The column `key` to the column `value`; a later row wins."""
        return dict(zip(self.column(key), self.column(value)))

    def _index(self, name: str) -> int:
        try:
            return self.columns.index(name)
        except ValueError:
            raise LexiconError(
                f"lexicon file {self.name} has no column {name!r} (its columns: {', '.join(self.columns)})"
            ) from None


def parse_table(text: str, where: str) -> Table:
    """A lexicon file's text as a Table; `where` names the file in errors."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"lexicon file {where} has no header row naming its columns")
    columns = tuple(lines[0].split("\t"))
    rows = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise LexiconError(
                f"lexicon file {where}: row {number} has {len(cells)} cells, "
                f"the header {len(columns)} ({', '.join(columns)})"
            )
        rows.append(tuple(cells) + ("",) * (len(columns) - len(cells)))
    return Table(Path(where).name, columns, tuple(rows))


def read_table(name: str, folders: Iterable[Folder]) -> Table:
    """The table `name` (a file name without .tsv): the rows of its file in each folder that holds one, in
    order; the files must share one header. A table no folder holds is empty."""
    found: Table | None = None
    for folder in folders:
        path = folder.joinpath(name + SUFFIX)
        if not path.is_file():
            continue
        table = parse_table(path.read_text(encoding="utf-8"), str(path))
        if found is not None and table.columns != found.columns:
            raise LexiconError(
                f"lexicon file {path} has the columns {', '.join(table.columns)}; "
                f"{name}{SUFFIX} has {', '.join(found.columns)}"
            )
        found = table if found is None else Table(found.name, found.columns, found.rows + table.rows)
    return found or Table(name + SUFFIX, (), ())


def table_names(folder: Folder) -> list[str]:
    """The names of the lexicon files in `folder`, without .tsv."""
    return sorted(
        entry.name[: -len(SUFFIX)] for entry in folder.iterdir() if entry.name.endswith(SUFFIX) and entry.is_file()
    )


def check_user_folder(folder: Path) -> None:
    """Refuse a user's lexicon folder that is none, holds no lexicon file, or a file the package has not
    (a misspelt name would be read by nothing) or one with another header."""
    if not folder.is_dir():
        raise LexiconError(f"--lexicon {folder}: no such folder")
    known = set(table_names(PACKAGE_DATA))
    names = table_names(folder)
    if not names:
        raise LexiconError(f"--lexicon {folder}: no lexicon file (NAME.tsv) in it")
    for name in names:
        if name not in known:
            raise LexiconError(
                f"--lexicon {folder}: {name}{SUFFIX} is no lexicon of govkg's "
                f"(the lexicons are the files of kg/data/: {', '.join(sorted(known))})"
            )
        read_table(name, (PACKAGE_DATA, folder))
