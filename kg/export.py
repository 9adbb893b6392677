"""The graph in the formats other tools read: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD),
networks for Gephi and friends (GraphML, GEXF) and CSV tables."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from kg.analyze import entity_graph, with_evidence
from kg.rdf.store import dataset_of, union_graph
from kg.rdf.vocab import PREFIXES

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS + ("csv",)
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld",
            "graphml": ".graphml", "gexf": ".gexf", "csv": ".csv"}


def export_rdf(store, fmt: str) -> str:
    """The store's graphs as RDF text; N-Quads and TriG keep one named graph per article."""
    if fmt in ("nquads", "trig"):
        return dataset_of(store).serialize(format=RDF_FORMATS[fmt])
    graph = union_graph(store)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context={p: str(n) for p, n in PREFIXES.items()}, indent=1)
    return graph.serialize(format=RDF_FORMATS[fmt])


def flat_network(store) -> nx.Graph:
    """The entity network with every attribute a plain string, as GraphML and GEXF require."""
    network = with_evidence(entity_graph(store), store)
    for _, data in network.nodes(data=True):
        data["evidence"] = " | ".join(data.get("evidence", []))
    return network


def export_network(store, fmt: str, path: Path) -> None:
    """Write the entity network (nodes with label and type, edges with label) as GraphML or GEXF."""
    network = flat_network(store)
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(network, path)


def export_csv(store, folder: Path | None) -> str | None:
    """Nodes and edges as nodes.csv and edges.csv in `folder`; with no folder, the edge list as text."""
    network = flat_network(store)
    edges = [(network.nodes[a]["label"], network.nodes[b]["label"], data.get("label", ""), a, b)
             for a, b, data in network.edges(data=True)]
    if folder is None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["source", "target", "label"])
        writer.writerows(edge[:3] for edge in edges)
        return out.getvalue()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "label", "type", "evidence"])
        writer.writerows((node, d["label"], d["type"], d["evidence"]) for node, d in network.nodes(data=True))
    with (folder / "edges.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "target", "label"])
        writer.writerows((a, b, label) for _, _, label, a, b in edges)
    return None

