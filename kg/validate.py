"""Check a graph against the SHACL shapes of kg/ontology/shapes.ttl (pyshacl) and report what breaks them."""

from __future__ import annotations

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
    import pyshacl

    shapes_graph = Graph().parse(shapes, format="turtle")
    _, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
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
