"""Who matters in the people-organisation graph: degree and betweenness centrality."""

from __future__ import annotations

import networkx as nx


def most_central(network: nx.Graph, node_type: str, n: int = 10) -> list[dict]:
    """The `n` nodes of a type ranked by betweenness, then degree, as plain rows.

    network: as people_org_graph makes it; node_type: "person" or "organisation".
    Returns [{"label", "degree", "betweenness"}], betweenness normalised to 0..1.

    >>> g = nx.Graph([("a", "x"), ("b", "x"), ("b", "y")])
    >>> nx.set_node_attributes(g, {"a": "person", "b": "person", "x": "organisation", "y": "organisation"}, "type")
    >>> nx.set_node_attributes(g, {k: k for k in g}, "label")
    >>> [row["label"] for row in most_central(g, "person")]
    ['b', 'a']
    """
    betweenness = nx.betweenness_centrality(network) if network.number_of_nodes() > 2 else {}
    rows = [
        {"label": data["label"], "degree": network.degree(node), "betweenness": round(betweenness.get(node, 0.0), 4)}
        for node, data in network.nodes(data=True)
        if data.get("type") == node_type
    ]
    return sorted(rows, key=lambda row: (-row["betweenness"], -row["degree"], row["label"]))[:n]
