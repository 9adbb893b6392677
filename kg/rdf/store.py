"""The workspace's RDF store: Oxigraph on disk through rdflib's oxrdflib store, or in memory."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal, URIRef

from kg.rdf.vocab import FOAF, KG, PREFIXES


def open_store(location: str | Path) -> Dataset:
    """Open (creating if needed) the store at `location`: a folder for Oxigraph, or "memory".

    Returns an rdflib Dataset; close it with .close() when done.
    """
    if str(location) == "memory":
        return Dataset()
    Path(location).mkdir(parents=True, exist_ok=True)
    dataset = Dataset(store="Oxigraph")
    dataset.open(str(location))
    return dataset


def graph_version(dataset: Dataset, graph: URIRef) -> str | None:
    """The pipeline version an article's graph was built with, or None when the graph is absent."""
    versions = (str(o) for _, _, o, _ in dataset.quads((None, KG.pipelineVersion, None, graph)))
    return next(versions, None)


def replace_graph(dataset: Dataset, graph: URIRef, triples: Graph) -> None:
    """Store `triples` as the named graph `graph`, replacing what it held."""
    dataset.remove_graph(dataset.graph(graph))
    dataset.addN((s, p, o, dataset.graph(graph)) for s, p, o in triples)


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph, as one graph with the project's prefixes."""
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, plain(o)))
    return union


def plain(term):
    """A literal as rdflib writes it: Oxigraph returns simple literals typed xsd:string, which is the same literal."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def people_graph(dataset: Dataset) -> Graph:
    """The names and identity keys of every person in the store, and nothing else."""
    people = Graph()
    for predicate in (FOAF.name, KG.identityKey):
        for s, p, o, _ in dataset.quads((None, predicate, None, None)):
            people.add((s, p, plain(o)))
    return people


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
