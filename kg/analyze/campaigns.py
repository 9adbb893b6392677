"""The campaign-agency network: which bodies push which campaign."""

from __future__ import annotations

from collections import defaultdict

from kg.analyze.source import select


def campaigns_by_agencies(source, n: int = 10) -> list[dict]:
    """The `n` campaigns promoted by the most bodies, as [{"campaign", "agencies", "bodies"}].

    source: a store (kg.rdf.store) or an rdflib Graph.

    >>> from rdflib import Graph

    >>> campaigns_by_agencies(Graph())
    []
    """
    bodies: dict[str, set[str]] = defaultdict(set)
    for campaign, body in select(
        source,
        """SELECT DISTINCT ?campaign ?body WHERE {
            ?c a kg:Campaign ; rdfs:label ?campaign ; kg:promotedBy/skos:prefLabel ?body }""",
    ):
        bodies[str(campaign)].add(str(body))
    rows = [{"campaign": label, "agencies": len(names), "bodies": sorted(names)} for label, names in bodies.items()]
    return sorted(rows, key=lambda row: (-row["agencies"], row["campaign"]))[:n]
