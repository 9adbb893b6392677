"""kg query reads the store and nothing else: no update, no SERVICE, no FROM of a graph it does not hold,
however the query hides them; and a harmless query whose IRIs, strings, comments or variables hold those
words runs. A listener on loopback stands where a hidden SERVICE or FROM would reach."""

from __future__ import annotations

import socket
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.query import QueryError, run_query
from kg.rdf.store import MEMORY, open_store

GRAPH = "https://example.org/graph/article"
KEYWORDS = ["SERVICE", "service", "LOAD", "FROM", "FROM NAMED", "DELETE", "INSERT", "DROP", "CLEAR"]


@pytest.fixture(scope="module")
def listener():
    """A TCP listener on loopback that counts the connections it receives."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    received, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            received.append(connection.recv(200))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", received
    stop.set()
    thread.join()
    server.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = open_store(tmp_path_factory.mktemp("guard") / "store")
    opened.replace_graphs([(URIRef(GRAPH), b'<urn:a> <urn:said> "DELETE from the SERVICE" .\n')])
    opened.refresh_union()
    yield opened
    opened.close()


def _decoys(url: str):
    """Places a keyword may stand in a harmless query: as IRI text, string text, comment, variable name."""
    word = st.sampled_from(KEYWORDS)
    return st.one_of(
        word.map(lambda w: f"?s <http://example.org/{w.replace(' ', '_')}#x> ?o ."),
        word.map(lambda w: f'?s ?p "{w} <{url}> {{ }}" .'),
        word.map(lambda w: f"?s ?p '''{w}\n<{url}> {{}}''' ."),
        word.map(lambda w: f"# {w} <{url}> {{ ?s ?p ?o }}\n?s ?p ?o ."),
        word.map(lambda w: f"?{w.split()[0].lower()} ?p ?o ."),
        word.map(lambda w: f"?s <http://example.org/a#{w.split()[0]}> ?o FILTER(?o != <{url}#{w.split()[0]}>)"),
        word.map(lambda w: f"?s kg:{w.split()[0]} ?o ."),
    )


def _attacks(url: str):
    """What reaches beyond the store, some of it dressed to pass a lexical check."""
    return st.sampled_from(
        [
            f"SERVICE <{url}> {{ ?x ?y ?z }}",
            f"service silent <{url}> {{ ?x ?y ?z }}",
            f"FILTER(?o<?s)SERVICE#>\n<{url}>{{ ?x ?y ?z }}",
            f"?s <http://example.org/a#b> ?o . SERVICE <{url}> {{ ?x ?y ?z }}",
            f'?s ?p "\\"" SERVICE <{url}> {{ ?x ?y ?z }}',
            f"?s ?p ?o . # a comment\nSERVICE <{url}> {{ ?x ?y ?z }}",
        ]
    )


def _query(head: str, pattern: str) -> str:
    return f"SELECT * {head} WHERE {{ {pattern} }} LIMIT 1"


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(data=st.data())
def test_no_generated_query_reaches_beyond_the_store(listener, store, data):
    url, received = listener
    decoys = data.draw(st.lists(_decoys(url), min_size=1, max_size=3))
    harmful = data.draw(st.one_of(st.none(), _attacks(url), st.sampled_from(["FROM", "FROM NAMED", "graph"])))
    if harmful in ("FROM", "FROM NAMED"):
        query = _query(f"{harmful} <{url}>", " ".join(decoys))
    elif harmful == "graph":  # a graph of the store's own may be read FROM
        query = _query(f"FROM <{GRAPH}>", " ".join(decoys))
    else:
        query = _query("", " ".join([*decoys, harmful or ""]))
    if harmful in (None, "graph"):
        run_query(store, query)
    else:
        with pytest.raises(QueryError, match="reads beyond the store"):
            run_query(store, query)
    assert received == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?from WHERE { ?s ?p ?from }",
        'SELECT ?s WHERE { ?s ?p "DELETE" }',
        "SELECT ?s WHERE { ?s <urn:said> ?said FILTER(CONTAINS(?said, 'SERVICE')) }",
        "SELECT ?s WHERE { ?s ?p ?o FILTER(?o < 3 || ?o > 4) }",
    ],
)
def test_harmless_queries_with_those_words_run(store, query):
    run_query(store, query)


@pytest.mark.parametrize(
    "query, said",
    [
        ("SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }", "updates are not run (DELETE)"),
        ("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "(FROM <file:///etc/hostname>, not a graph"),
        ("PREFIX f: <file:///etc/> SELECT * FROM f:hostname WHERE { ?s ?p ?o }", "(FROM <file:///etc/hostname>"),
        ("SELECT * FROM ?g WHERE { ?s ?p ?o }", "(FROM, not a graph"),
    ],
)
def test_updates_and_graphs_from_outside_are_refused_in_one_line(store, query, said):
    with pytest.raises(QueryError) as refused:
        run_query(store, query)
    assert said in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "value", ['a"b', "a\nb", "'''", '"""', "} } SERVICE <http://127.0.0.1:9/> { }", "\\", "夏扬\u202e"]
)
@pytest.mark.parametrize("head", ["?s", "?s ?value", "*"])
@pytest.mark.parametrize("kind", ["embedded", "memory"])
def test_any_value_binds_as_one_literal(tmp_path, value, head, kind):
    held = Graph()
    held.add((URIRef("urn:v"), URIRef("urn:holds"), Literal(value)))
    held.add((URIRef("urn:w"), URIRef("urn:holds"), Literal("another")))
    opened = open_store(tmp_path / "store" if kind == "embedded" else MEMORY)
    opened.replace_graphs([(URIRef(GRAPH), held.serialize(format="nt", encoding="utf-8"))])
    opened.refresh_union()
    names, rows = opened.select(f"SELECT {head} WHERE {{ ?s <urn:holds> ?value }}", {"value": Literal(value)})
    assert [row[names.index("s")] for row in rows] == [URIRef("urn:v")]
    opened.close()
