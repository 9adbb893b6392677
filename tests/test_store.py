"""The store as a shared SPARQL server: a real Oxigraph server started on 127.0.0.1 by the test."""
import json

from click.testing import CliRunner
from rdflib import Graph, Literal

from kg.cli import cli
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
    assert "│ articles built     │     0 │" in again.output


def test_queries_and_exports_read_the_server(oxigraph_server, tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["--store", oxigraph_server, "-w", str(tmp_path / "ws"), "build", str(SEEDS)], obj={})
    result = runner.invoke(cli, ["query", "person-posts", "--param", "name=夏扬", "--format", "json",
                                 "--store", oxigraph_server], obj={})
    assert result.exit_code == 0, result.output
    assert {row["title"] for row in json.loads(result.output)} == {"党组书记", "局长"}
    hostile = runner.invoke(cli, ["query", "person-posts", "--param", 'name=夏扬" } } INSERT DATA { <urn:x> <urn:y> <urn:z> } #',
                                  "--format", "json", "--store", oxigraph_server], obj={})
    assert hostile.exit_code == 0 and json.loads(hostile.output) == []
    probe = runner.invoke(cli, ["query", "ASK { <urn:x> <urn:y> <urn:z> }", "--format", "json",
                                "--store", oxigraph_server], obj={})
    assert json.loads(probe.output) == [{"ask": False}]


def test_a_server_that_does_not_answer_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["query", "officials", "--store", f"http://127.0.0.1:{free_port()}"], obj={})
    assert result.exit_code == 1 and "cannot reach the SPARQL server" in result.output
