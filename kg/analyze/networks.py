"""The networks drawn from the RDF graph: every entity and tie, or people and the bodies they serve."""
from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph

from kg.rdf.vocab import FOAF, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

NODE_TYPES = {FOAF.Person: "person", ORG.Organization: "organisation", KG.Project: "project",
              KG.ProjectPortfolio: "portfolio", KG.Campaign: "campaign", KG.Meeting: "meeting"}
_EDGES = ((ORG.subOrganizationOf, "隶属"), (KG.promotedBy, "推动"), (KG.locatedIn, "位于"), (KG.scope, "范围"))


def _label(graph: Graph, node) -> str:
    for predicate in (FOAF.name, SKOS.prefLabel, RDFS.label):
        value = graph.value(node, predicate)
        if value is not None:
            # a campaign is labelled by its name alone (三标); shown with its kind it reads as written (三标活动)
            kinds = sorted(str(kind) for kind in graph.objects(node, KG.campaignKind))
            return str(value) if not kinds or str(value).endswith(kinds[0]) else f"{value}{kinds[0]}"
    return str(node).rsplit("/", 1)[-1]


def _evidence(graph: Graph, node) -> list[str]:
    """Each sentence that states the node, with the headline of its article: "……。 —《标题》"."""
    lines = set()
    for evidence in graph.objects(node, KG.evidence):
        headline = graph.value(graph.value(evidence, PROV.wasDerivedFrom), SCHEMA.headline)
        sentence = str(graph.value(evidence, KG.sentence))
        lines.add(f"{sentence} —《{headline}》" if headline else sentence)
    return sorted(lines)


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


def ego_network(network: nx.Graph, name: str, hops: int = 1) -> nx.Graph:
    """The part of `network` within `hops` ties of every node labelled `name` (a person, a body...).

    Raises KeyError when no node carries that label.

    >>> g = nx.path_graph(4)
    >>> nx.set_node_attributes(g, {0: "夏扬", 1: "a", 2: "b", 3: "c"}, "label")
    >>> sorted(ego_network(g, "夏扬", 2).nodes)
    [0, 1, 2]
    """
    centres = [node for node, label in network.nodes(data="label") if label == name]
    if not centres:
        raise KeyError(name)
    near = set()
    for centre in centres:
        near |= set(nx.single_source_shortest_path_length(network, centre, cutoff=hops))
    return network.subgraph(near).copy()


def of_types(network: nx.Graph, types: set[str]) -> nx.Graph:
    """Only the nodes of the given types (person, organisation, project...), and the ties among them."""
    return network.subgraph([node for node, kind in network.nodes(data="type") if kind in types]).copy()


def people_org_graph(graph: Graph) -> nx.Graph:
    """People and organisations joined by posts: the graph where officials and agencies rank.

    Nodes carry `label` and `type` ("person" or "organisation"); edges carry the titles held.

    >>> people_org_graph(Graph()).number_of_edges()
    0
    """
    network = nx.Graph()
    for membership in graph.subjects(RDF.type, ORG.Membership):
        person, org = graph.value(membership, ORG.member), graph.value(membership, ORG.organization)
        role = graph.value(graph.value(membership, ORG.role), RDFS.label)
        if person is None or org is None:
            continue
        network.add_node(str(person), label=_label(graph, person), type="person")
        network.add_node(str(org), label=_label(graph, org), type="organisation")
        titles = network.edges[str(person), str(org)]["titles"] if network.has_edge(str(person), str(org)) else []
        network.add_edge(str(person), str(org), titles=sorted(set(titles) | {str(role or "")}))
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
