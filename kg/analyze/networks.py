"""The networks drawn from the graph: every entity and tie, or people and the bodies they serve."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import URIRef

from kg.analyze.investments import yuan_text
from kg.analyze.source import select, text
from kg.types import BY_NAME, NODE_TYPES, NodeType

_EDGES = (("org:subOrganizationOf", "隶属"), ("kg:promotedBy", "推动"), ("kg:locatedIn", "位于"), ("kg:scope", "范围"))
_EVIDENCE_PER_NODE = 3
_NODES_PER_QUERY = 400


def _nodes(source, node_type: NodeType) -> dict[str, str]:
    """Every node of a type with its label; a campaign reads with its kind (三标活动)."""
    labels: dict[str, str] = {}
    for node, name in select(
        source, f"SELECT DISTINCT ?node ?label WHERE {{ ?node a {node_type.rdf_class} ; {node_type.label} ?label }}"
    ):
        labels[str(node)] = min(labels.get(str(node), str(name)), str(name))
    if node_type.name == "campaign":
        kinds: dict[str, str] = {}
        for node, kind in select(
            source, "SELECT DISTINCT ?node ?kind WHERE { ?node a kg:Campaign ; kg:campaignKind ?kind }"
        ):
            kinds[str(node)] = min(kinds.get(str(node), str(kind)), str(kind))
        labels = {
            node: name if name.endswith(kinds.get(node, name)) else name + kinds[node] for node, name in labels.items()
        }
    return labels


def with_evidence(network: nx.Graph, source) -> nx.Graph:
    """Give each node of `network` up to three sentences that state it, each with its article's
    date, headline and web address where known ("2022-02-18《标题》https://…: ……。"), as the
    `evidence` attribute, and how many sentences state it in all as `evidence_count`; returns the network."""
    nodes = list(network)
    for first in range(0, len(nodes), _NODES_PER_QUERY):
        values = " ".join(URIRef(node).n3() for node in nodes[first : first + _NODES_PER_QUERY])
        lines: dict[str, set[str]] = defaultdict(set)
        counts: dict[str, int] = defaultdict(int)
        for node, sentence, headline, date, url in select(
            source,
            f"""SELECT DISTINCT ?node ?sentence ?headline ?date ?url
                WHERE {{ VALUES ?node {{ {values} }} ?node kg:evidence ?e . ?e kg:sentence ?sentence ;
                prov:wasDerivedFrom ?article . OPTIONAL {{ ?article schema:headline ?headline }}
                OPTIONAL {{ ?article schema:datePublished ?date }} OPTIONAL {{ ?article schema:url ?url }} }}""",
        ):
            counts[str(node)] += 1
            if len(lines[str(node)]) < _EVIDENCE_PER_NODE:
                lines[str(node)].add(evidence_line(sentence, headline, date, url))
        for node, found in lines.items():
            network.nodes[node]["evidence"] = sorted(found)
            network.nodes[node]["evidence_count"] = counts[node]
    return network


def without_isolates(network: nx.Graph) -> nx.Graph:
    """The network without the nodes tied to nothing (a reporter, a meeting named alone).

    >>> g = nx.Graph([(1, 2)]); g.add_node(3)
    >>> sorted(without_isolates(g))
    [1, 2]
    """
    return network.subgraph(node for node, degree in network.degree if degree).copy()


def evidence_line(sentence, headline=None, date=None, url=None) -> str:
    """One sentence as views and exports show it: when, where and under which headline it was printed, first.

    >>> evidence_line("夏扬出席会议。", "科技工作会议召开", "2022-02-18", "https://example.cn/a.html")
    '2022-02-18《科技工作会议召开》https://example.cn/a.html: 夏扬出席会议。'
    """
    cited = f"{date or ''}{f'《{headline}》' if headline else ''}{url or ''}"
    return f"{cited}: {sentence}" if cited else str(sentence)


def entity_graph(source) -> nx.MultiGraph:
    """The entities of the graph and how they are tied: an edge per post (labelled with its title), the
    sub-organisations, campaigns' promoters, projects' places, and "same person?" between the nodes of
    people who share a name (kind "identity").

    source: a store (kg.rdf.store) or an rdflib Graph.
    Nodes carry `label`, `type`, `evidence` (empty: see with_evidence) and, for a project or an aggregate
    with an investment, `amount` (5.40亿元, or 年度 5.40亿元 for this year's only); edges carry `label`, `kind`
    (post, relation or identity) and, where a sentence states them, `evidence` and `date`.

    >>> from rdflib import Graph

    >>> entity_graph(Graph()).number_of_nodes()
    0
    """
    network = nx.MultiGraph()
    for node_type in NODE_TYPES:
        for node, label in _nodes(source, node_type).items():
            network.add_node(node, label=label, type=node_type.name, evidence=[])
    # a project's or an aggregate's investment, which the views write under its name
    for node, total, annual in select(source, _INVESTMENTS):
        if str(node) in network and (total is not None or annual is not None):
            network.nodes[str(node)]["amount"] = yuan_text(total) if total is not None else f"年度 {yuan_text(annual)}"
    for post, person, org, role, sentence, headline, date, url in select(source, _POSTS):
        if str(person) in network and str(org) in network:
            network.add_edge(
                str(person),
                str(org),
                key=str(post),
                label=text(role),
                kind="post",
                evidence=evidence_line(sentence, headline, date, url),
                date=text(date),
            )
    for predicate, label in _EDGES:
        for subject, obj, sentence, headline, date, url in select(source, _RELATIONS.format(predicate=predicate)):
            if str(subject) in network and str(obj) in network:
                network.add_edge(
                    str(subject),
                    str(obj),
                    key=predicate,
                    label=label,
                    kind="relation",
                    evidence=evidence_line(sentence, headline, date, url) if sentence else "",
                    date=text(date),
                )
    for one, other in select(
        source, "SELECT DISTINCT ?a ?b WHERE { ?a kg:possibleSameAs ?b FILTER (STR(?a) < STR(?b)) }"
    ):
        if str(one) in network and str(other) in network:
            network.add_edge(
                str(one), str(other), key="identity", label=SAME_PERSON, kind="identity", evidence="", date=""
            )
    return network


SAME_PERSON = "同一人？"
_INVESTMENTS = """SELECT ?node (MAX(?total_) AS ?total) (MAX(?annual_) AS ?annual) WHERE {
  { ?node a kg:Project } UNION { ?node a kg:ProjectPortfolio }
  OPTIONAL { ?node kg:totalInvestment ?total_ } OPTIONAL { ?node kg:annualInvestment ?annual_ } } GROUP BY ?node"""
# each post with one sentence that states it and that sentence's article
_POSTS = """SELECT ?post ?person ?org (SAMPLE(?role) AS ?title) (SAMPLE(?said) AS ?sentence)
       (SAMPLE(?headline_) AS ?headline) (MIN(?date_) AS ?date) (SAMPLE(?url_) AS ?url) WHERE {
  ?post a org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?post org:role/rdfs:label ?role }
  OPTIONAL { ?post kg:evidence ?e . ?e kg:sentence ?said ; prov:wasDerivedFrom ?article .
             OPTIONAL { ?article schema:headline ?headline_ } OPTIONAL { ?article schema:datePublished ?date_ }
             OPTIONAL { ?article schema:url ?url_ } }
} GROUP BY ?post ?person ?org"""
# each relation with a sentence that states it, where one does (an rdf:Statement with kg:evidence)
_RELATIONS = """SELECT ?s ?o (SAMPLE(?said) AS ?sentence) (SAMPLE(?headline_) AS ?headline) (MIN(?date_) AS ?date)
       (SAMPLE(?url_) AS ?url) WHERE {{
  ?s {predicate} ?o .
  OPTIONAL {{ ?statement rdf:subject ?s ; rdf:predicate {predicate} ; rdf:object ?o ; kg:evidence ?e .
             ?e kg:sentence ?said ; prov:wasDerivedFrom ?article .
             OPTIONAL {{ ?article schema:headline ?headline_ }} OPTIONAL {{ ?article schema:datePublished ?date_ }}
             OPTIONAL {{ ?article schema:url ?url_ }} }}
}} GROUP BY ?s ?o"""


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

    >>> from rdflib import Graph

    >>> people_org_graph(Graph()).number_of_edges()
    0
    """
    people = _nodes(source, BY_NAME["person"])
    orgs = _nodes(source, BY_NAME["organisation"])
    network = nx.Graph()
    for _, person, org, role, *_ in select(source, _POSTS):
        person, org, role = str(person), str(org), text(role)
        if person not in people or org not in orgs:
            continue
        network.add_node(person, label=people[person], type="person")
        network.add_node(org, label=orgs[org], type="organisation")
        titles = network.edges[person, org]["titles"] if network.has_edge(person, org) else []
        network.add_edge(person, org, titles=sorted(set(titles) | {role}))
    return network


def counts_by_type(source) -> dict[str, int]:
    """How many nodes of each type the graph holds, articles, posts and appointments included: the
    counts the build summary and `kg stats` both show.

    >>> from rdflib import Graph

    >>> counts_by_type(Graph())["person"]
    0
    """
    types = {t.rdf_class: t.name for t in NODE_TYPES} | {
        "schema:NewsArticle": "article",
        "org:Membership": "post",
        "kg:Appointment": "appointment",
    }
    counts = {}
    for rdf_type, type_name in types.items():
        ((count,),) = select(source, f"SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {{ ?node a {rdf_type} }}")
        counts[type_name] = int(count)
    return counts
