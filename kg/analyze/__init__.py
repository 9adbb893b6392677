"""Stage 6, analyze: networkx views of the graph and measures on them, as plain data.

One module a topic: networks (the graphs themselves), centrality, communities,
campaigns (the campaign-agency network) and investments. They ask their source in
SPARQL (kg.analyze.source), so a store answers without the graph entering Python's memory.
"""

from kg.analyze.campaigns import campaigns_by_agencies
from kg.analyze.centrality import most_central
from kg.analyze.communities import communities
from kg.analyze.investments import investments_by_place, yuan_text
from kg.analyze.networks import (
    counts_by_type,
    ego_network,
    entity_graph,
    of_types,
    overview,
    people_org_graph,
    with_evidence,
    without_isolates,
)

__all__ = [
    "campaigns_by_agencies",
    "communities",
    "counts_by_type",
    "ego_network",
    "entity_graph",
    "investments_by_place",
    "most_central",
    "of_types",
    "overview",
    "people_org_graph",
    "with_evidence",
    "without_isolates",
    "yuan_text",
]
