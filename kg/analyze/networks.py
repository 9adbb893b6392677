"""The networks drawn from the graph: every entity and tie, or people and the bodies they serve."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Graph, URIRef

from kg.analyze.source import select, text
from kg.types import BY_NAME, NODE_TYPES, NodeType

_EDGES = (("org:subOrganizationOf", "隶属"), ("kg:promotedBy", "推动"), ("kg:locatedIn", "位于"), ("kg:scope", "范围"))
_EVIDENCE_PER_NODE = 3
_NODES_PER_QUERY = 400


def _nodes(source, node_type: NodeType) -> dict[str, str]:
    """Every node of a type with its label; a campaign reads with its kind (三标活动)."""
    labels: dict[str, str] = {}
    for node, name in select(source, f"SELECT DISTINCT ?node ?label WHERE {{ ?node a {node_type.rdf_class} ; "
                                     f"{node_type.label} ?label }}"):
        labels[str(node)] = min(labels.get(str(node), str(name)), str(name))
    if node_type.name == "campaign":
        kinds: dict[str, str] = {}
        for node, kind in select(source, "SELECT DISTINCT ?node ?kind WHERE { ?node a kg:Campaign ; kg:campaignKind ?kind }"):
            kinds[str(node)] = min(kinds.get(str(node), str(kind)), str(kind))
        labels = {node: name if name.endswith(kinds.get(node, name)) else name + kinds[node]
                  for node, name in labels.items()}
    return labels


def with_evidence(network: nx.Graph, source) -> nx.Graph:
    """Give each node of `network` up to three sentences that state it, each with its article's
    date, headline and web address where known ("2022-02-18《标题》https://…: ……。"), as the
    `evidence` attribute; returns the network."""
    nodes = list(network)
    for first in range(0, len(nodes), _NODES_PER_QUERY):
        values = " ".join(URIRef(node).n3() for node in nodes[first:first + _NODES_PER_QUERY])
        lines: dict[str, set[str]] = defaultdict(set)
        for node, sentence, headline, date, url in select(source, f"""SELECT DISTINCT ?node ?sentence ?headline ?date ?url
                WHERE {{ VALUES ?node {{ {values} }} ?node kg:evidence ?e . ?e kg:sentence ?sentence ;
                prov:wasDerivedFrom ?article . OPTIONAL {{ ?article schema:headline ?headline }}
                OPTIONAL {{ ?article schema:datePublished ?date }} OPTIONAL {{ ?article schema:url ?url }} }}"""):
            if len(lines[str(node)]) < _EVIDENCE_PER_NODE:
                lines[str(node)].add(evidence_line(sentence, headline, date, url))
        for node, found in lines.items():
            network.nodes[node]["evidence"] = sorted(found)
    return network


def evidence_line(sentence, headline=None, date=None, url=None) -> str:
    """One sentence as views and exports show it: when, where and under which headline it was printed, first.

    >>> evidence_line("夏扬出席会议。", "科技工作会议召开", "2022-02-18", "https://example.cn/a.html")
    '2022-02-18《科技工作会议召开》https://example.cn/a.html: 夏扬出席会议。'
    """
    cited = f"{date or ''}{f'《{headline}》' if headline else ''}{url or ''}"
    return f"{cited}: {sentence}" if cited else str(sentence)


def entity_graph(source) -> nx.Graph:
    """The entities of the graph and how they are tied: posts, sub-organisations, campaigns, places.

    source: a store (kg.rdf.store) or an rdflib Graph.
    Nodes carry `label`, `type` and `evidence` (empty: see with_evidence); edges carry `label`.

    >>> entity_graph(Graph()).number_of_nodes()
    0
    """
    network = nx.Graph()
    for node_type in NODE_TYPES:
        for node, label in _nodes(source, node_type).items():
            network.add_node(node, label=label, type=node_type.name, evidence=[])
    for person, org, role in _memberships(source):
        if person in network and org in network:
            network.add_edge(person, org, label=role)
    for predicate, label in _EDGES:
        for subject, obj in select(source, f"SELECT DISTINCT ?s ?o WHERE {{ ?s {predicate} ?o }}"):
            if str(subject) in network and str(obj) in network:
                network.add_edge(str(subject), str(obj), label=label)
    return network


def _memberships(source) -> list[tuple[str, str, str]]:
    return [(str(person), str(org), text(role)) for person, org, role in select(source, """
        SELECT DISTINCT ?person ?org ?role WHERE {
            ?m a org:Membership ; org:member ?person ; org:organization ?org . OPTIONAL { ?m org:role/rdfs:label ?role } }""")]


def overview(network: nx.Graph, limit: int) -> nx.Graph:
    """The `limit` best-connected nodes of a network and the ties among them: a first view of a big graph.

    >>> overview(nx.star_graph(5), 3).number_of_nodes()
    3
    """
    if network.number_of_nodes() <= limit:
        return network
    ranked = sorted(network.degree, key=lambda pair: (-pair[1], str(pair[0])))[:limit]
    return network.subgraph(node for node, _ in ranked).copy()


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


def people_org_graph(source) -> nx.Graph:
    """People and organisations joined by posts: the graph where officials and agencies rank.

    Nodes carry `label` and `type` ("person" or "organisation"); edges carry the titles held.

    >>> people_org_graph(Graph()).number_of_edges()
    0
    """
    people = _nodes(source, BY_NAME["person"])
    orgs = _nodes(source, BY_NAME["organisation"])
    network = nx.Graph()
    for person, org, role in _memberships(source):
        if person not in people or org not in orgs:
            continue
        network.add_node(person, label=people[person], type="person")
        network.add_node(org, label=orgs[org], type="organisation")
        titles = network.edges[person, org]["titles"] if network.has_edge(person, org) else []
        network.add_edge(person, org, titles=sorted(set(titles) | {role}))
    return network


def counts_by_type(source) -> dict[str, int]:
    """How many nodes of each type the graph holds, articles and posts included.

    >>> counts_by_type(Graph())["person"]
    0
    """
    types = {t.rdf_class: t.name for t in NODE_TYPES} | {"schema:NewsArticle": "article", "org:Membership": "post"}
    counts = {}
    for rdf_type, type_name in types.items():
        ((count,),) = select(source, f"SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {{ ?node a {rdf_type} }}")
        counts[type_name] = int(count)
    return counts
