import re
import subprocess

import networkx as nx
from PIL import Image

from kg.view import TYPE_COLOURS, network_html


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
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={png_path.parent / 'profile'}", "--window-size=1000,800",
                    "--virtual-time-budget=8000", f"--screenshot={png_path}", html_path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return Image.open(png_path).convert("RGB")


def test_graph_view_draws_in_headless_chromium(chromium, seeds_workspace, tmp_path):
    image = _screenshot(chromium, seeds_workspace / "graph.html", tmp_path / "view.png")
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "the page is blank"
    node_colours = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in TYPE_COLOURS.values()}
    drawn = {rgb for _, rgb in colours}
    assert len(node_colours & drawn) >= 2, "no nodes drawn on the canvas"


def test_focus_view_draws_in_headless_chromium(chromium, seeds_workspace, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli
    target = tmp_path / "focus.html"
    result = CliRunner().invoke(cli, ["view", "--focus", "夏扬", "--hops", "2", "-o", str(target),
                                      "-w", str(seeds_workspace)], obj={})
    assert result.exit_code == 0, result.output
    image = _screenshot(chromium, target, tmp_path / "focus.png")
    drawn = {rgb for _, rgb in image.getcolors(maxcolors=1 << 20)}
    person, organisation = (tuple(int(TYPE_COLOURS[t][i:i + 2], 16) for i in (1, 3, 5)) for t in ("person", "organisation"))
    assert person in drawn and organisation in drawn, "the ego graph of 夏扬 is not drawn"


def test_a_large_view_is_laid_out_before_it_opens():
    network = nx.gnm_random_graph(1200, 2400, seed=1)
    nx.set_node_attributes(network, {n: f"节点{n}" for n in network}, "label")
    nx.set_node_attributes(network, "person", "type")
    page = network_html(network)
    assert '"physics": {"enabled": false' in page.replace("\n", "").replace("  ", "") or '"enabled": false' in page
    assert '"x": ' in page and '"y": ' in page
