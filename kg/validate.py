"""Check a graph against the SHACL shapes of kg/ontology/shapes.ttl (pyshacl) and report what breaks them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace

SHAPES = Path(__file__).resolve().parent / "ontology" / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One node that breaks one constraint."""

    focus: str
    path: str
    message: str


def validate(graph: Graph, shapes: Path = SHAPES) -> list[Violation]:
    """The violations of `graph` against the shapes; an empty list when it conforms."""
    return _violations(graph, Graph().parse(shapes, format="turtle"))


# focus nodes checked at once by validate_store: what a batch holds in memory follows this, not the store
BATCH_NODES = 2000


def validate_store(store, shapes: Path = SHAPES, batch: int = BATCH_NODES) -> list[Violation]:
    """As validate, for a store of any size (kg.rdf.store): the nodes of the shapes' classes are checked
    `batch` at a time, each batch with every triple of its nodes and of the nodes they point to (an
    evidence's article and its text, a post's person), which is all a shape of kg/ontology/shapes.ttl reads.
    """
    shapes_graph = Graph().parse(shapes, format="turtle")
    classes = " ".join(sorted(term.n3() for term in set(shapes_graph.objects(None, SH.targetClass))))
    _, rows = store.solutions(f"SELECT DISTINCT ?node WHERE {{ VALUES ?class {{ {classes} }} ?node a ?class }}")
    focus = (node for (node,) in rows)
    violations = []
    while chunk := list(itertools.islice(focus, batch)):
        violations += _violations(_neighbourhood(store, chunk), shapes_graph, chunk)
    return sorted(violations, key=lambda v: (v.message, v.focus))


def _neighbourhood(store, nodes: list) -> Graph:
    """The triples of `nodes` and of the nodes their triples point to."""
    values = " ".join(node.n3() for node in nodes)
    query = (
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?node {{ {values} }} "
        "{ ?node ?p ?o BIND(?node AS ?s) } UNION { ?node ?q ?s . ?s ?p ?o FILTER(!isLiteral(?s)) } }"
    )
    graph = Graph()
    for s, p, o in store.select(query)[1]:
        graph.add((s, p, o))
    return graph


def _violations(graph: Graph, shapes_graph: Graph, focus: list | None = None) -> list[Violation]:
    import pyshacl

    _, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
        focus_nodes=focus,
    )
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        violations.append(Violation(_short(focus), _short(path), str(message or "")))
    return sorted(violations, key=lambda v: (v.message, v.focus))


def _short(term) -> str:
    if term is None:
        return ""
    text = str(term)
    if "#" in text:
        return text.rsplit("#", 1)[-1]
    return "/".join(text.split("/")[-2:])
