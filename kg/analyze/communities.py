"""Groups of officials and agencies that hang together: Louvain communities."""

from __future__ import annotations

import networkx as nx


def communities(network: nx.Graph, n: int = 5, members: int = 5, seed: int = 7) -> list[dict]:
    """The `n` largest Louvain communities with their best-connected members.

    Returns [{"size", "members": [labels by degree]}]; the same graph always gives the same answer.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> nx.set_node_attributes(g, {k: k for k in g}, "label")
    >>> [c["size"] for c in communities(g)]
    [3, 2]
    """
    if network.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(network, seed=seed)
    ranked = sorted(groups, key=lambda group: (-len(group), min(group)))[:n]
    return [
        {
            "size": len(group),
            "members": [
                network.nodes[node]["label"]
                for node in sorted(group, key=lambda node: (-network.degree(node), node))[:members]
            ],
        }
        for group in ranked
    ]
