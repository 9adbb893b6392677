"""The store as a shared SPARQL server: a real Oxigraph server started on 127.0.0.1 by the test."""

import json
import re

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import cli
from kg.rdf.store import open_store
from kg.rdf.vocab import FOAF, KG
from tests.conftest import SEEDS, free_port


def triples(path):
    """The triples of a Turtle file, literals by value: 5230000000 and 5230000000.0 are one decimal."""
    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in Graph().parse(path)}


def test_a_build_over_sparql_gives_the_embedded_graph(oxigraph_server, seeds_workspace, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", oxigraph_server, "-w", str(tmp_path / "ws"), "build", str(SEEDS)], obj={})
    assert result.exit_code == 0, result.output
    assert triples(tmp_path / "ws" / "kg.ttl") == triples(seeds_workspace / "kg.ttl")
    again = runner.invoke(cli, ["build", str(SEEDS), "-w", str(tmp_path / "ws"), "--store", oxigraph_server], obj={})
    assert re.search(r"│ articles built +│ +0 │", again.output)


def test_an_article_added_over_sparql_joins_kg_ttl_and_asks_its_identity_questions(oxigraph_server, tmp_path):
    runner = CliRunner()
    workspace = tmp_path / "ws"
    runner.invoke(cli, ["--store", oxigraph_server, "-w", str(workspace), "build", str(SEEDS)], obj={})
    # one name in two bodies: two people who may be one
    for body in ("郑州市科技局", "登封市委"):
        article = tmp_path / f"{body}.txt"
        article.write_text(f"{body}召开会议\n{body}副局长林志远出席会议并讲话。\n", encoding="utf-8")
        result = runner.invoke(cli, ["--store", oxigraph_server, "-w", str(workspace), "build", str(article)], obj={})
        assert result.exit_code == 0, result.output
    server = open_store(oxigraph_server)
    assert triples(workspace / "kg.ttl") == {
        (s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in server.triples()
    }
    _, rows = server.select("SELECT ?reason WHERE { ?q a kg:IdentityQuestion ; kg:reason ?reason }")
    assert any("林志远" in str(reason) and "登封市委" in str(reason) for (reason,) in rows)


def test_people_are_asked_of_the_server_by_name_whatever_the_name(oxigraph_server):
    server = open_store(oxigraph_server)
    hostile = 'x" } } ; DROP ALL ; #'
    person = URIRef("https://example.org/person/hostile")
    graph = Graph()
    graph.add((person, FOAF.name, Literal(hostile)))
    graph.add((person, KG.identityKey, Literal(hostile)))
    server.replace_graphs([(URIRef("https://example.org/graph/hostile"), graph.serialize(format="nt").encode())])
    assert server.people({hostile, "无此人"}) == {hostile: {hostile}}
    assert server.select("ASK { ?s ?p ?o }")[1] == [(Literal(True),)]


def test_queries_and_exports_read_the_server(oxigraph_server, tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["--store", oxigraph_server, "-w", str(tmp_path / "ws"), "build", str(SEEDS)], obj={})
    result = runner.invoke(
        cli, ["query", "person-posts", "--param", "name=夏扬", "--format", "json", "--store", oxigraph_server], obj={}
    )
    assert result.exit_code == 0, result.output
    assert {row["title"] for row in json.loads(result.output)} == {"党组书记", "局长"}
    injection = 'name=夏扬" } } INSERT DATA { <urn:x> <urn:y> <urn:z> } #'
    looked_up = runner.invoke(cli, ["query", "person-posts", "--param", injection, "--store", oxigraph_server], obj={})
    assert looked_up.exit_code == 1 and "no person is named" in looked_up.output
    hostile = runner.invoke(
        cli,
        [
            "query",
            "SELECT ?p WHERE { ?p foaf:name ?name }",
            "--param",
            injection,
            "--format",
            "json",
            "--store",
            oxigraph_server,
        ],
        obj={},
    )
    assert hostile.exit_code == 0 and json.loads(hostile.output) == []
    probe = runner.invoke(
        cli, ["query", "ASK { <urn:x> <urn:y> <urn:z> }", "--format", "json", "--store", oxigraph_server], obj={}
    )
    assert json.loads(probe.output) == [{"ask": False}]


def test_a_server_that_does_not_answer_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["query", "officials", "--store", f"http://127.0.0.1:{free_port()}"], obj={})
    assert result.exit_code == 1 and "cannot reach the SPARQL server" in result.output


def test_every_store_keeps_the_one_interface_and_answers_alike(tmp_path, oxigraph_server):
    from kg.rdf.store import GraphStore

    graph = URIRef("https://w3id.org/govkg/id/graph/test")
    body = '<urn:a> <http://xmlns.com/foaf/0.1/name> "夏扬" .\n'.encode()
    answers = []
    for location in (tmp_path / "embedded", "memory", oxigraph_server):
        store = open_store(location)
        try:
            assert isinstance(store, GraphStore)
            store.replace_graphs([(graph, body)])
            store.refresh_union()
            answers.append(store.select("SELECT ?n WHERE { <urn:a> foaf:name ?n }")[1])
            store.replace_graphs([(graph, b"")], owns=True)  # the server is shared with other tests
        finally:
            store.close()
    assert answers == [[(Literal("夏扬"),)]] * 3
