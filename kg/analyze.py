"""Stage 6, analyze: networkx views of the graph, as plain data."""
from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph

from kg.rdf.vocab import FOAF, KG, ORG, RDF, RDFS, SCHEMA, SKOS

NODE_TYPES = {FOAF.Person: "person", ORG.Organization: "organisation", KG.Project: "project",
              KG.ProjectPortfolio: "portfolio", KG.Campaign: "campaign", KG.Meeting: "meeting"}
_EDGES = ((ORG.subOrganizationOf, "隶属"), (KG.promotedBy, "推动"), (KG.locatedIn, "位于"), (KG.scope, "范围"))


def _label(graph: Graph, node) -> str:
    for predicate in (FOAF.name, SKOS.prefLabel, RDFS.label):
        value = graph.value(node, predicate)
        if value is not None:
            return str(value)
    return str(node).rsplit("/", 1)[-1]


def _evidence(graph: Graph, node) -> list[str]:
    return sorted({str(graph.value(e, KG.sentence)) for e in graph.objects(node, KG.evidence)})


def entity_graph(graph: Graph) -> nx.Graph:
    """The entities of an RDF graph and how they are tied: posts, campaigns, places.

    Nodes carry `label`, `type` and `evidence` (sentences); edges carry `label`.

    >>> entity_graph(Graph()).number_of_nodes()
    0
    """
    network = nx.Graph()
    for rdf_type, type_name in NODE_TYPES.items():
        for node in graph.subjects(RDF.type, rdf_type):
            network.add_node(str(node), label=_label(graph, node), type=type_name, evidence=_evidence(graph, node))
    for membership in graph.subjects(RDF.type, ORG.Membership):
        person, org = graph.value(membership, ORG.member), graph.value(membership, ORG.organization)
        role = graph.value(graph.value(membership, ORG.role), RDFS.label)
        if person is not None and org is not None:
            network.add_edge(str(person), str(org), label=str(role or ""))
    for predicate, label in _EDGES:
        for subject, obj in graph.subject_objects(predicate):
            if str(subject) in network and str(obj) in network:
                network.add_edge(str(subject), str(obj), label=label)
    return network


def counts_by_type(graph: Graph) -> dict[str, int]:
    """How many nodes of each type the graph holds, articles and posts included.

    >>> counts_by_type(Graph())["person"]
    0
    """
    counts = Counter({name: 0 for name in NODE_TYPES.values()})
    for rdf_type, type_name in NODE_TYPES.items():
        counts[type_name] = len(set(graph.subjects(RDF.type, rdf_type)))
    counts["article"] = len(set(graph.subjects(RDF.type, SCHEMA.NewsArticle)))
    counts["post"] = len(set(graph.subjects(RDF.type, ORG.Membership)))
    return dict(counts)


def top_by_degree(network: nx.Graph, node_type: str, n: int = 10) -> list[tuple[str, int]]:
    """The `n` nodes of a type with the most ties, as (label, degree).

    >>> top_by_degree(nx.Graph(), "person")
    []
    """
    nodes = [(data["label"], network.degree(node)) for node, data in network.nodes(data=True) if data.get("type") == node_type]
    return sorted(nodes, key=lambda item: (-item[1], item[0]))[:n]
