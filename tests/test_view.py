import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
from PIL import Image

from kg.view import TYPE_COLOURS, network_html
from tests.conftest import headless


def _hostile_network():
    network = nx.Graph()
    network.add_node("p", label="<img src=x onerror=alert(1)>", type="person", evidence=["<script>alert(2)</script>"])
    network.add_node("o", label="郑州市科技局", type="organisation", evidence=[])
    network.add_edge("p", "o", label="局长")
    return network


def test_view_loads_nothing_from_outside(seeds_workspace):
    page = (seeds_workspace / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(?:script|link)\b[^>]*(?:src|href)=""", page)
    assert "vis.DataSet" in page and '<meta charset="utf-8">' in page


def test_hostile_labels_are_data_not_markup():
    page = network_html(_hostile_network(), title="<b>t</b>")
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "&lt;b&gt;t&lt;/b&gt;" in page


def _screenshot(chromium, html_path, png_path):
    headless(
        chromium,
        html_path,
        png_path.parent / "profile",
        "--window-size=1000,800",
        "--virtual-time-budget=8000",
        f"--screenshot={png_path}",
    )
    return Image.open(png_path).convert("RGB")


def test_graph_view_draws_in_headless_chromium(chromium, seeds_workspace, tmp_path):
    image = _screenshot(chromium, seeds_workspace / "graph.html", tmp_path / "view.png")
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "the page is blank"
    node_colours = {tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in TYPE_COLOURS.values()}
    drawn = {rgb for _, rgb in colours}
    assert len(node_colours & drawn) >= 2, "no nodes drawn on the canvas"


def test_focus_view_draws_in_headless_chromium(chromium, seeds_workspace, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    target = tmp_path / "focus.html"
    result = CliRunner().invoke(
        cli, ["view", "--focus", "夏扬", "--hops", "2", "-o", str(target), "-w", str(seeds_workspace)], obj={}
    )
    assert result.exit_code == 0, result.output
    image = _screenshot(chromium, target, tmp_path / "focus.png")
    drawn = {rgb for _, rgb in image.getcolors(maxcolors=1 << 20)}
    person, organisation = (
        tuple(int(TYPE_COLOURS[t][i : i + 2], 16) for i in (1, 3, 5)) for t in ("person", "organisation")
    )
    assert person in drawn and organisation in drawn, "the ego graph of 夏扬 is not drawn"


def test_a_large_view_is_laid_out_before_it_opens():
    network = nx.gnm_random_graph(1200, 2400, seed=1)
    nx.set_node_attributes(network, {n: f"节点{n}" for n in network}, "label")
    nx.set_node_attributes(network, "person", "type")
    page = network_html(network)
    assert '"physics": {"enabled": false' in page.replace("\n", "").replace("  ", "") or '"enabled": false' in page
    assert '"x": ' in page and '"y": ' in page


def _data(page: str, name: str) -> list[dict]:
    """The nodes or edges a page hands vis-network."""
    return json.loads(page.split(f"{name} = new vis.DataSet(", 1)[1].split(");\n", 1)[0])


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _canvas_box(image):
    """The box of the drawing area: below the header, above the search box (white inside a grey frame)."""
    width, height = image.size
    return 10, 40, width - 10, height - 60


def test_the_overview_names_its_best_connected_nodes_at_the_first_zoom(chromium, seeds_workspace, tmp_path):
    image = _screenshot(chromium, seeds_workspace / "graph.html", tmp_path / "overview.png")
    left, top, right, bottom = _canvas_box(image)
    drawing = image.crop((left, top, right, bottom))
    # label text is dark grey; nodes and edges are coloured or light
    text_pixels = sum(count for count, (r, g, b) in drawing.getcolors(maxcolors=1 << 20) if max(r, g, b) < 120)
    assert text_pixels > 800, "no labels are readable at the first zoom"
    nodes = {_rgb(colour) for colour in TYPE_COLOURS.values()}
    border = [
        drawing.getpixel((x, y)) for x in range(drawing.width) for y in (0, 1, drawing.height - 2, drawing.height - 1)
    ]
    border += [
        drawing.getpixel((x, y)) for y in range(drawing.height) for x in (0, 1, drawing.width - 2, drawing.width - 1)
    ]
    assert not nodes & set(border), "a node is cut by the edge of the view"


def test_the_overview_leaves_out_nodes_tied_to_nothing(seeds_workspace):
    from kg.analyze import entity_graph, without_isolates
    from kg.rdf.store import open_store

    store = open_store(seeds_workspace / "store", read_only=True)
    try:
        network = entity_graph(store)
    finally:
        store.close()
    isolated = {node for node in network if network.degree(node) == 0}
    drawn = {node["id"] for node in _data((seeds_workspace / "graph.html").read_text(encoding="utf-8"), "nodes")}
    assert isolated and not isolated & drawn and drawn == set(without_isolates(network))


def test_each_post_is_an_edge_labelled_with_its_title_and_same_names_are_asked_about():
    network = nx.MultiGraph()
    network.add_node("p1", label="张红军", type="person", evidence=[])
    network.add_node("p2", label="张红军", type="person", evidence=[])
    network.add_node("o", label="郑州市科技局", type="organisation", evidence=[])
    network.add_edge("p1", "o", key="post1", label="局长", kind="post", evidence="《标题》: 局长张红军说。")
    network.add_edge("p1", "o", key="post2", label="党组书记", kind="post", evidence="")
    network.add_edge("p1", "p2", key="identity", label="同一人？", kind="identity", evidence="")
    edges = _data(network_html(network), "edges")
    assert sorted(edge["label"] for edge in edges) == ["党组书记", "同一人？", "局长"]
    assert [edge["dashes"] for edge in edges if edge["label"] == "同一人？"] == [True]


def test_a_tooltip_gives_the_first_sentences_and_how_many_more():
    network = nx.Graph()
    network.add_node("p", label="甲", type="person", evidence=["一。", "二。", "三。"], evidence_count=11)
    page = network_html(network)
    assert _data(page, "nodes")[0]["title"].endswith("… 8 more") and "white-space: pre-wrap" in page


def test_text_with_href_never_turns_tooltips_into_markup():
    network = nx.Graph()
    network.add_node(
        "p", label="甲", type="person", evidence=["甲说，要推进工作<img src=x onerror=alert(1)>，详见href。"]
    )
    page = network_html(network)
    assert "popup.innerHTML" not in page and "<img src=x" not in page


# rests the mouse on node p until its tooltip shows (the layout may still move it), then records the title
_HOVER = """<script>
var kgTries = 0;
var kgHover = setInterval(function () {
  if (typeof network === "undefined") { return; }
  var position = network.canvasToDOM(network.getPositions(["p"])["p"]);
  var canvas = document.querySelector("#mynetwork canvas");
  var box = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new MouseEvent("mousemove", {clientX: box.left + position.x, clientY: box.top + position.y,
                                                    bubbles: true}));
  var tip = document.querySelector("div.vis-tooltip");
  if ((tip && tip.style.visibility === "visible") || ++kgTries > 12) {
    clearInterval(kgHover);
    setTimeout(function () {
      document.body.setAttribute("data-title-after-hover", document.title);
    }, 1000);
  }
}, 500);
</script>"""


def _title_after_hover(chromium, page: str, tmp_path) -> str:
    """The page's title once the mouse has rested on node p in a real browser (its tooltip shown)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "hover.html"
    path.write_text(page.replace("</body>", _HOVER + "</body>"), encoding="utf-8")
    dom = headless(chromium, path, tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom")
    return re.search(r'data-title-after-hover="([^"]*)"', dom).group(1)


def test_hovering_a_node_whose_sentence_holds_markup_runs_nothing(chromium, tmp_path, monkeypatch):
    network = nx.Graph()
    network.add_node(
        "p",
        label="夏扬",
        type="person",
        evidence=["夏扬说，要推进工作<img src=x onerror=document.title=/XSSFIRED/.source>，详见href。"],
    )
    network.add_node("o", label="郑州市科技局", type="organisation", evidence=[])
    network.add_edge("p", "o", label="局长")
    assert _title_after_hover(chromium, network_html(network), tmp_path / "escaped") == "govkg"
    # the same page as pyvis alone makes it runs the sentence's script: the hover does reach the tooltip
    import kg.view

    monkeypatch.setattr(kg.view, "_as_text", lambda text: text)
    monkeypatch.setattr(kg.view, "_LINKS", "")
    assert _title_after_hover(chromium, network_html(network), tmp_path / "raw") == "XSSFIRED"


def test_browser_tests_skip_with_the_reason_when_chromium_cannot_start(chromium, tmp_path):
    # a chromium that cannot map its memory, as under a cap on the address space
    wrapper = tmp_path / "bin" / "chromium"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec prlimit --as=100000000 {chromium} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_opens_a_page(chromium):\n    pass\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-rs", "-q", "-p", "no:cacheprovider", str(probe)],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PATH": f"{wrapper.parent}:{os.environ['PATH']}", "PYTHONPATH": str(root)},
        timeout=300,
    )
    assert ran.returncode == 0 and "1 skipped" in ran.stdout, ran.stdout + ran.stderr
    assert "headless Chromium cannot start here" in ran.stdout and "Traceback" not in ran.stdout


def test_the_best_connected_people_are_named_at_the_first_zoom_beside_the_bodies():
    network = nx.Graph()
    for number in range(40):
        network.add_node(f"o{number}", label=f"机构{number}", type="organisation", evidence=[])
    for number in range(40):
        network.add_edge(f"o{number}", f"o{(number + 1) % 40}")
        network.add_edge(f"o{number}", f"o{(number + 2) % 40}")
    for number in range(10):
        network.add_node(f"p{number}", label=f"人{number}", type="person", evidence=[])
        network.add_edge(f"p{number}", f"o{number}", label="局长", kind="post")
    sizes = {node["id"]: node["font"]["size"] for node in _data(network_html(network), "nodes")}
    people = sorted(size for node, size in sizes.items() if node.startswith("p"))
    assert people.count(max(sizes.values())) >= 8
    posts = [edge["font"]["size"] for edge in _data(network_html(network), "edges") if edge.get("label") == "局长"]
    assert max(posts) > 12


_HOVER_LINK = _HOVER.replace(
    'document.body.setAttribute("data-title-after-hover", document.title);',
    'var link = document.querySelector("div.vis-tooltip a");'
    'document.body.setAttribute("data-title-after-hover", link ? link.href + " " + link.target : "no link");',
)


def test_a_tooltips_web_address_is_a_link(chromium, tmp_path):
    network = nx.Graph()
    network.add_node(
        "p", label="夏扬", type="person", evidence=["2022-02-18《标题》https://example.cn/a.html?id=1: 夏扬出席。"]
    )
    network.add_node("o", label="郑州市科技局", type="organisation", evidence=[])
    network.add_edge("p", "o", label="局长")
    path = tmp_path / "hover.html"
    path.write_text(network_html(network).replace("</body>", _HOVER_LINK + "</body>"), encoding="utf-8")
    dom = headless(chromium, path, tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom")
    shown = re.search(r'data-title-after-hover="([^"]*)"', dom).group(1)
    assert shown == "https://example.cn/a.html?id=1 _blank"


def test_a_project_is_labelled_with_its_investment(seeds_workspace):
    labels = [node["label"] for node in _data((seeds_workspace / "graph.html").read_text(encoding="utf-8"), "nodes")]
    assert "科创大楼项目\n5.40亿元" in labels
