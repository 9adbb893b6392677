"""Posts over time, as plain data: a person's career, and the holders of one office.

Read through the named queries timeline and succession (kg/ontology/queries/), so the rows a chart
draws are the rows `kg query` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal

from kg.query import run_query


@dataclass(frozen=True)
class Spell:
    """One row of a timeline: a post (or a holder of an office) and the dates the graph has for it."""

    label: str
    first_seen: str | None
    last_seen: str | None
    began: str | None  # an appointment gave the post that day
    ended: str | None  # a removal took it away that day
    articles: int
    events: str = ""

    @property
    def start(self) -> str | None:
        """The earliest day the spell is known for."""
        return min(filter(None, (self.began, self.first_seen)), default=None)

    @property
    def end(self) -> str | None:
        """The latest day the spell is known for."""
        return max(filter(None, (self.ended, self.last_seen, self.began)), default=None)


def career(store, name: str) -> list[Spell]:
    """Each post of the people named `name`, in date order (the named query timeline).

    store: a store of kg.rdf.store. Undated posts come first, as the query orders them.
    """
    names, rows = run_query(store, "timeline", {"name": Literal(name)})
    return [
        Spell(
            f"{row['title']} · {row['organisation']}",
            row["firstSeen"],
            row["lastSeen"],
            row["began"],
            row["ended"],
            int(row["articles"] or 0),
            row["events"] or "",
        )
        for row in _dicts(names, rows)
    ]


def holders(store, org: str, title: str) -> list[Spell]:
    """Each holder of the post `title` in the body called `org` (canonical name or alias), in date order."""
    names, rows = run_query(store, "succession", {"org": Literal(org), "title": Literal(title)})
    return [
        Spell(row["holder"], row["firstSeen"], row["lastSeen"], row["began"], row["ended"], int(row["articles"] or 0))
        for row in _dicts(names, rows)
    ]


def _dicts(names: list[str], rows: list[tuple]) -> list[dict[str, str | None]]:
    return [{name: None if term is None else str(term) for name, term in zip(names, row)} for row in rows]
