"""The campaign-agency network: which bodies push which campaign."""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph

from kg.rdf.vocab import KG, RDF, RDFS, SKOS


def campaigns_by_agencies(graph: Graph, n: int = 10) -> list[dict]:
    """The `n` campaigns promoted by the most bodies, as [{"campaign", "agencies", "bodies"}].

    >>> campaigns_by_agencies(Graph())
    []
    """
    bodies: dict[str, set[str]] = defaultdict(set)
    for campaign in graph.subjects(RDF.type, KG.Campaign):
        label = str(graph.value(campaign, RDFS.label))
        bodies[label] |= {str(graph.value(body, SKOS.prefLabel)) for body in graph.objects(campaign, KG.promotedBy)}
    rows = [{"campaign": label, "agencies": len(names), "bodies": sorted(names)} for label, names in bodies.items()]
    return sorted(rows, key=lambda row: (-row["agencies"], row["campaign"]))[:n]
