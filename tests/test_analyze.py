"""Stage 6, analyze, on plain data and on the seeds' store: networks, careers, counts."""

import networkx as nx

from kg.analyze import counts_by_type, entity_graph, without_isolates
from kg.analyze.careers import Spell, career
from kg.analyze.networks import evidence_line
from kg.rdf.store import open_store


def test_a_spell_runs_from_its_earliest_to_its_latest_known_day():
    spell = Spell("局长 · 某局", "2020-05-01", "2022-03-01", began="2019-12-30", ended=None, articles=3)
    assert (spell.start, spell.end) == ("2019-12-30", "2022-03-01")
    assert Spell("局长 · 某局", None, None, None, None, 1).start is None


def test_an_evidence_line_cites_what_is_known_of_its_article():
    assert evidence_line("甲说。") == "甲说。"
    assert evidence_line("甲说。", headline="标题") == "《标题》: 甲说。"


def test_nodes_tied_to_nothing_are_left_out_and_the_rest_kept():
    network = nx.MultiGraph([("a", "b"), ("a", "b")])
    network.add_node("c")
    assert sorted(without_isolates(network)) == ["a", "b"] and without_isolates(network).number_of_edges() == 2


def test_the_seeds_network_has_an_edge_per_post_and_counts_by_type(seeds_workspace):
    store = open_store(seeds_workspace / "store", read_only=True)
    try:
        network = entity_graph(store)
        counts = counts_by_type(store)
        posts = [data for *_, data in network.edges(data=True) if data["kind"] == "post"]
        assert len(posts) == counts["post"]
        assert counts["person"] == sum(1 for _, kind in network.nodes(data="type") if kind == "person")
        assert [spell.label for spell in career(store, "夏扬")] == ["党组书记 · 郑州市科技局", "局长 · 郑州市科技局"]
    finally:
        store.close()
