"""Where the money goes: project investments summed by the place they are in."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from kg.analyze.source import select

UNPLACED = "(未注明)"


def yuan_text(amount) -> str:
    """Yuan in the unit a reader of the papers expects.

    >>> yuan_text(540000000)
    '5.40亿元'
    """
    return f"{Decimal(str(amount)) / 100_000_000:,.2f}亿元"


def investments_by_place(source, n: int = 10) -> list[dict]:
    """Total investment of projects by district, zone or city, largest first.

    source: a store (kg.rdf.store) or an rdflib Graph.
    Returns [{"place", "projects", "total_yuan" (Decimal), "largest"}]; projects with no
    place count under "(未注明)", projects with no amount are left out.

    >>> from rdflib import Graph

    >>> investments_by_place(Graph())
    []
    """
    totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0), "", Decimal(-1)])
    for _project, label, amount, place in select(
        source,
        """SELECT ?p (MIN(?l) AS ?label) (MIN(?t) AS ?total)
            (MIN(?place) AS ?where) WHERE { ?p a kg:Project ; rdfs:label ?l ; kg:totalInvestment ?t .
            OPTIONAL { ?p kg:locatedIn/skos:prefLabel ?place } } GROUP BY ?p""",
    ):
        row = totals[str(place) if place is not None else UNPLACED]
        value = Decimal(str(amount))
        row[0] += 1
        row[1] += value
        if value > row[3]:
            row[2], row[3] = str(label), value
    rows = [
        {"place": place, "projects": count, "total_yuan": total, "largest": largest}
        for place, (count, total, largest, _) in totals.items()
    ]
    return sorted(rows, key=lambda row: (-row["total_yuan"], row["place"]))[:n]
