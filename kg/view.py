"""Stage 7, view: the graph as one self-contained HTML page (pyvis, vis-network inlined).

Nodes are coloured by type with a legend, tooltips show the evidence sentences and
their articles, a search box finds a node by name. Above LARGE nodes the layout is
computed with networkx and physics is off, so a big view opens in seconds. Every
label and tooltip reaches the page as JSON data (pyvis escapes < and >), never as markup.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network

from kg.files import write_atomically
from kg.types import NODE_TYPES

TYPE_COLOURS = {node_type.name: node_type.colour for node_type in NODE_TYPES}
CJK_FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
LARGE = 1000
# how many of the best-connected nodes are named at the first zoom, and of each type at least (people
# beside the bodies they hold posts in); the size of a node's and an edge's label on screen
LABELLED = 25
LABELLED_PER_TYPE = 8
LABEL_PX = 14
EDGE_LABEL_PX = 12
TOOLTIP_LINE_CHARS = 240
_LAYOUT_SCALE = 1500
_STABILISATION_STEPS = 150
# Any tag that would load something from elsewhere: pyvis links bootstrap from a CDN even in in_line mode.
_EXTERNAL_TAG = re.compile(
    r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"'][^\"']*[\"'][^>]*>(?:\s*</script>)?", re.I
)
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
    """A node's name and type, the first sentences that state it and how many more there are."""
    evidence = data.get("evidence", [])
    lines = [f"{data['label']} ({data['type']})"] + [f"· {line[:TOOLTIP_LINE_CHARS]}" for line in evidence[:3]]
    more = data.get("evidence_count", len(evidence)) - len(evidence[:3])
    if more > 0:
        lines.append(f"… {more} more")
    return _as_text("\n".join(lines))


def _as_text(text: str) -> str:
    """Text that vis-network shows as text: pyvis turns every tooltip of a page into live HTML as soon
    as one holds "href", so the word is kept from reaching it whole (a zero-width joiner inside)."""
    return text.replace("href", "hre\u200df").replace("HREF", "HRE\u200dF")


def _positions(network: nx.Graph) -> dict:
    """A layout computed once, for views too large to settle with physics in the browser."""
    layout = nx.spring_layout(network, seed=7, iterations=30)
    return {node: (float(x) * _LAYOUT_SCALE, float(y) * _LAYOUT_SCALE) for node, (x, y) in layout.items()}


def network_html(network: nx.Graph, title: str = "govkg") -> str:
    """Render a networkx graph (nodes with label, type, evidence) as a self-contained HTML page.

    Node size follows degree; the labels of the best-connected nodes show at the first zoom, the rest
    as one zooms in; an edge per post is labelled with its title; "same person?" edges are dashed.

    network: as kg.analyze.entity_graph makes it; title: the page title.
    Returns the HTML text, with no reference to anything outside the file.
    """
    view = Network(height="88vh", width="100%", cdn_resources="in_line")
    large = network.number_of_nodes() > LARGE
    positions = _positions(network) if large else {}
    degrees = dict(network.degree)
    named = _first_named(network, degrees)
    # the view opens zoomed out by about this much: the labels named first are drawn large enough to read then
    zoom = min(1.0, math.sqrt(LABELLED / max(network.number_of_nodes(), 1)))
    for node, data in network.nodes(data=True):
        place = {"x": positions[node][0], "y": positions[node][1]} if large else {}
        font = {"face": CJK_FONT, "size": round(LABEL_PX / zoom) if node in named else LABEL_PX}
        view.add_node(
            node,
            label=_as_text(data["label"] + (f"\n{data['amount']}" if data.get("amount") else "")),
            title=_tooltip(data),
            value=degrees[node] + 1,
            color=TYPE_COLOURS.get(data["type"], "#999"),
            font=font,
            kgType=data["type"],
            **place,
        )
    parallel: dict[frozenset, int] = {}
    for source, target, data in network.edges(data=True):
        kind = data.get("kind", "relation")
        tip = _as_text("\n".join(filter(None, (data.get("label", ""), data.get("evidence", "")))))
        # the second and later edges between two nodes (two posts in one body) curve apart
        index = parallel[frozenset((source, target))] = parallel.get(frozenset((source, target)), -1) + 1
        bend = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2 * index}} if index else {}
        # appended as pyvis's add_edge would, less its check for an edge already there: it keeps one edge
        # per pair of nodes (a second post in the same body would vanish) and costs a pass over every edge
        view.edges.append(
            Edge(
                source,
                target,
                False,
                label=_as_text(data.get("label", "")),
                title=tip,
                dashes=kind == "identity",
                color=_EDGE_COLOURS.get(kind, "#aaa"),
                # an edge between two nodes named at the first zoom is labelled legibly then too
                font={
                    "face": CJK_FONT,
                    "size": round(EDGE_LABEL_PX / zoom) if {source, target} <= named else EDGE_LABEL_PX,
                    "strokeWidth": 2,
                },
                **bend,
            ).options
        )
    view.toggle_physics(not large)
    # settle in a bounded number of steps: the default 1,000 take minutes on a few hundred nodes
    view.options.physics.stabilization.iterations = _STABILISATION_STEPS
    page = _EXTERNAL_TAG.sub("", view.generate_html())
    page = page.replace(
        "network = new vis.Network(container, data, options);",
        "options.nodes = Object.assign(options.nodes || {}, " + _SCALING + ");\n"
        "                  network = new vis.Network(container, data, options);",
        1,
    )
    filters = "".join(
        f'<label style="margin-right:8px"><input type="checkbox" class="kg-type" value="{html.escape(name)}" '
        f'checked> <span style="color:{colour}">●</span> {html.escape(name)}</label>'
        for name, colour in TYPE_COLOURS.items()
    )
    header = (
        f'<div id="kg-legend" style="font-family:{CJK_FONT};padding:4px">'
        f"<b>{html.escape(title)}</b> · {network.number_of_nodes()} nodes · {filters}</div>"
    )
    page = page.replace("<body>", "<body>\n" + _STYLE + header, 1)
    page = page.replace("</body>", _SEARCH.replace("{font}", CJK_FONT) + _FILTER + _LINKS + "</body>", 1)
    return page.replace("<head>", '<head>\n<meta charset="utf-8">\n<title>' + html.escape(title) + "</title>", 1)


def _first_named(network: nx.Graph, degrees: dict) -> set:
    """The nodes whose labels show at the first zoom: the LABELLED best-connected, and the LABELLED_PER_TYPE
    best-connected of each type."""
    ranked = sorted(degrees, key=lambda node: (-degrees[node], str(node)))
    named = set(ranked[:LABELLED])
    of_type: dict[str, list] = {}
    for node in ranked:
        of_type.setdefault(network.nodes[node]["type"], []).append(node)
    for nodes in of_type.values():
        named.update(nodes[:LABELLED_PER_TYPE])
    return named


_EDGE_COLOURS = {"post": "#888888", "relation": "#bbbbbb", "identity": "#e4572e"}
# node size by degree; a label smaller than 8 px on screen is not drawn, so the labels of the nodes named
# first (drawn large) show at the first zoom and the rest as one zooms in
_SCALING = '{"scaling": {"min": 8, "max": 30, "label": {"enabled": false, "drawThreshold": 8}}}'
# tooltips wrap and keep to a readable width
_STYLE = (
    "<style>div.vis-tooltip { white-space: pre-wrap !important; max-width: 36em; overflow-wrap: anywhere; "
    "pointer-events: auto; }</style>\n"
)
# tooltips made elements: their text as text nodes, each web address a link; nothing is read as markup
_LINKS = """
<script>
function kgTooltip(text) {
  var box = document.createElement("div");
  text.split(/(https?:\\/\\/[^\\s《》<>"']*[^\\s《》<>"':：,，.。)）])/).forEach(function (part, index) {
    if (index % 2) {
      var link = document.createElement("a");
      link.href = part;
      link.textContent = part;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(link);
    } else {
      box.appendChild(document.createTextNode(part));
    }
  });
  return box;
}
[nodes, edges].forEach(function (items) {
  items.update(items.get({filter: function (item) { return typeof item.title === "string"; }})
                    .map(function (item) { return {id: item.id, title: kgTooltip(item.title)}; }));
});
</script>
"""
# hides and shows the nodes of a type; the page's own data is changed, nothing typed is inserted
_FILTER = """
<script>
document.querySelectorAll("input.kg-type").forEach(function (box) {
  box.addEventListener("change", function () {
    var shown = box.checked;
    nodes.update(nodes.get({filter: function (node) { return node.kgType === box.value; }})
                      .map(function (node) { return {id: node.id, hidden: !shown}; }));
  });
});
</script>
"""


def write_view(network: nx.Graph, path: Path, title: str = "govkg") -> None:
    """Write the view of a network to `path` as UTF-8, whole or not at all."""
    write_atomically(path, network_html(network, title))
