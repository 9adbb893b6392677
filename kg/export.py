"""The graph in the formats other tools read: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD),
networks for Gephi and friends (GraphML, GEXF), CSV tables for spreadsheets, and FollowTheMoney
entities for Aleph (kg.ftm)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from kg.rdf.store import dataset_of, union_graph
from kg.rdf.vocab import PREFIXES
from kg.rows import cell, spreadsheet_cell

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS + ("csv", "ftm")
SUFFIXES = {
    "turtle": ".ttl",
    "nt": ".nt",
    "nquads": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "csv": ".csv",
    "ftm": ".ftm.json",
}
# Excel reads a CSV as UTF-8 only when it starts with a byte-order mark
BYTE_ORDER_MARK = "\ufeff"


def export_rdf(store, fmt: str) -> str:
    """The store's graphs as RDF text; N-Quads and TriG keep one named graph per article."""
    if fmt in ("nquads", "trig"):
        return dataset_of(store).serialize(format=RDF_FORMATS[fmt])
    graph = union_graph(store)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context={p: str(n) for p, n in PREFIXES.items()}, indent=1)
    return graph.serialize(format=RDF_FORMATS[fmt])


def flat_network(store):
    """The entity network (a networkx graph) with every attribute plain text that XML can hold, as GraphML
    and GEXF require."""
    # imported here: `kg export` of RDF, and the command line that lists these formats, need no networkx
    from kg.analyze import entity_graph, with_evidence

    network = with_evidence(entity_graph(store), store)
    for _, data in network.nodes(data=True):
        data["evidence"] = " | ".join(data.get("evidence", []))
    for data in [data for _, data in network.nodes(data=True)] + [data for *_, data in network.edges(data=True)]:
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = xml_text(value)
    return network


# what XML 1.0 cannot hold: control characters but tab and line breaks, surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""Text without the characters XML 1.0 cannot hold (a page's stray control characters).

    >>> xml_text("夏扬\x1b[31m说\x00")
    '夏扬[31m说'
    """
    return _NOT_XML.sub("", text)


def export_network(store, fmt: str, path: Path) -> None:
    """Write the entity network (nodes with label and type, edges with label) as GraphML or GEXF."""
    import networkx as nx

    network = flat_network(store)
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(network, path)


def csv_table(store, table: str) -> str:
    """One table of the entity network as CSV text, starting with a byte-order mark so that Excel reads
    the Chinese right; the same text whether it goes to a file or to standard output.

    table: "nodes" (id, name, type, evidence) or "edges" (each node's id and name, the kind and label
    of the tie, the sentence that states it and its date).
    """
    network = flat_network(store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if table == "nodes":
        writer.writerow(["id", "name", "type", "evidence"])
        rows = ((node, d["label"], d["type"], d["evidence"]) for node, d in network.nodes(data=True))
    else:
        writer.writerow(["source", "source_name", "target", "target_name", "kind", "label", "evidence", "date"])
        rows = (
            (
                a,
                network.nodes[a]["label"],
                b,
                network.nodes[b]["label"],
                d.get("kind", ""),
                d.get("label", ""),
                d.get("evidence", ""),
                d.get("date", ""),
            )
            for a, b, d in network.edges(data=True)
        )
    writer.writerows([spreadsheet_cell(cell(value)) for value in row] for row in rows)
    return BYTE_ORDER_MARK + out.getvalue()
