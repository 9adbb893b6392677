"""Stage 7, view: the graph as one self-contained HTML page (pyvis, vis-network inlined).

Nodes are coloured by type with a legend, tooltips show the evidence sentences and
their articles, a search box finds a node by name. Above LARGE nodes the layout is
computed with networkx and physics is off, so a big view opens in seconds. Every
label and tooltip reaches the page as JSON data (pyvis escapes < and >), never as markup.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.rdf.store import write_atomically
from kg.types import NODE_TYPES

TYPE_COLOURS = {node_type.name: node_type.colour for node_type in NODE_TYPES}
CJK_FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
LARGE = 1000
TOOLTIP_LINE_CHARS = 240
_LAYOUT_SCALE = 1500
_STABILISATION_STEPS = 150
# Any tag that would load something from elsewhere: pyvis links bootstrap from a CDN even in in_line mode.
_EXTERNAL_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"'][^\"']*[\"'][^>]*>(?:\s*</script>)?", re.I)
# Finds a node by its label in the page's own data; the typed text is compared, never inserted into the page.
_SEARCH = """
<div id="kg-search" style="font-family:{font};padding:4px">
  <input id="kg-search-box" type="search" placeholder="查找 / search" style="width:16em">
  <span id="kg-search-result"></span>
</div>
<script>
document.getElementById("kg-search-box").addEventListener("change", function (event) {
  var wanted = event.target.value.trim();
  var found = nodes.get({filter: function (node) { return wanted && node.label.indexOf(wanted) >= 0; }});
  document.getElementById("kg-search-result").textContent = wanted ? found.length + " found" : "";
  if (found.length) {
    network.selectNodes(found.map(function (node) { return node.id; }));
    network.focus(found[0].id, {scale: 1.2, animation: true});
  }
});
</script>
"""


def _tooltip(data: dict) -> str:
    # vis-network shows a string title as plain text, so nothing here is read as HTML
    lines = [f"{data['label']} ({data['type']})"] + [f"· {line[:TOOLTIP_LINE_CHARS]}" for line in data.get("evidence", [])[:3]]
    return "\n".join(lines)


def _positions(network: nx.Graph) -> dict:
    """A layout computed once, for views too large to settle with physics in the browser."""
    layout = nx.spring_layout(network, seed=7, iterations=30)
    return {node: (float(x) * _LAYOUT_SCALE, float(y) * _LAYOUT_SCALE) for node, (x, y) in layout.items()}


def network_html(network: nx.Graph, title: str = "govkg") -> str:
    """Render a networkx graph (nodes with label, type, evidence) as a self-contained HTML page.

    network: as kg.analyze.entity_graph makes it; title: the page title.
    Returns the HTML text, with no reference to anything outside the file.
    """
    view = Network(height="800px", width="100%", cdn_resources="in_line")
    large = network.number_of_nodes() > LARGE
    positions = _positions(network) if large else {}
    for node, data in network.nodes(data=True):
        place = {"x": positions[node][0], "y": positions[node][1]} if large else {}
        view.add_node(node, label=data["label"], title=_tooltip(data), color=TYPE_COLOURS.get(data["type"], "#999"),
                      font={"face": CJK_FONT}, **place)
    for source, target, data in network.edges(data=True):
        view.add_edge(source, target, title=data.get("label", ""))
    view.toggle_physics(not large)
    # settle in a bounded number of steps: the default 1,000 take minutes on a few hundred nodes
    view.options.physics.stabilization.iterations = _STABILISATION_STEPS
    page = _EXTERNAL_TAG.sub("", view.generate_html())
    legend = "".join(f'<span style="color:{colour}">●</span> {html.escape(name)} ' for name, colour in TYPE_COLOURS.items())
    header = (f'<div id="kg-legend" style="font-family:{CJK_FONT};padding:4px">'
              f'<b>{html.escape(title)}</b> · {network.number_of_nodes()} nodes · {legend}</div>')
    page = page.replace("<body>", "<body>\n" + header, 1)
    page = page.replace("</body>", _SEARCH.replace("{font}", CJK_FONT) + "</body>", 1)
    return page.replace("<head>", '<head>\n<meta charset="utf-8">\n<title>' + html.escape(title) + "</title>", 1)


def write_view(network: nx.Graph, path: Path, title: str = "govkg") -> None:
    """Write the view of a network to `path` as UTF-8, whole or not at all."""
    write_atomically(path, network_html(network, title))
