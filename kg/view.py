"""Stage 7, view: the graph as one self-contained HTML page (pyvis, vis-network inlined)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from kg.analyze import entity_graph
from kg.rdf.store import write_atomically

TYPE_COLOURS = {"person": "#e4572e", "organisation": "#17bebb", "project": "#ffc914",
                "portfolio": "#c5a3ff", "campaign": "#76b041", "meeting": "#2e86ab"}
CJK_FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
# Any tag that would load something from elsewhere: pyvis links bootstrap from a CDN even in in_line mode.
_EXTERNAL_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"'][^\"']*[\"'][^>]*>(?:\s*</script>)?", re.I)


def _tooltip(data: dict) -> str:
    # vis-network shows a string title as plain text, so nothing here is read as HTML
    lines = [f"{data['label']} ({data['type']})"] + [f"· {s[:120]}" for s in data.get("evidence", [])[:3]]
    return "\n".join(lines)


def network_html(network: nx.Graph, title: str = "govkg") -> str:
    """Render a networkx graph (nodes with label, type, evidence) as a self-contained HTML page.

    network: as kg.analyze.entity_graph makes it; title: the page title.
    Returns the HTML text, with no reference to anything outside the file.
    """
    view = Network(height="800px", width="100%", cdn_resources="in_line")
    for node, data in network.nodes(data=True):
        view.add_node(node, label=data["label"], title=_tooltip(data), color=TYPE_COLOURS.get(data["type"], "#999"),
                      font={"face": CJK_FONT})
    for source, target, data in network.edges(data=True):
        view.add_edge(source, target, title=data.get("label", ""))
    view.toggle_physics(network.number_of_nodes() <= 1000)
    page = _EXTERNAL_TAG.sub("", view.generate_html())
    legend = "".join(f'<span style="color:{colour}">●</span> {html.escape(name)} ' for name, colour in TYPE_COLOURS.items())
    header = (f'<div id="kg-legend" style="font-family:{CJK_FONT};padding:4px">'
              f'<b>{html.escape(title)}</b> · {network.number_of_nodes()} nodes · {legend}</div>')
    page = page.replace("<body>", "<body>\n" + header, 1)
    return page.replace("<head>", '<head>\n<meta charset="utf-8">\n<title>' + html.escape(title) + "</title>", 1)


def write_view(graph: Graph, path: Path, title: str = "govkg") -> nx.Graph:
    """Write the view of an RDF graph to `path` (UTF-8) and return the network drawn."""
    network = entity_graph(graph)
    write_atomically(path, network_html(network, title))
    return network
