"""People across articles: one node per name and affiliation, and a flagged question where only the name agrees.

Two person nodes with one name but different identity keys (张伟@郑州市科技局,
张伟@登封市委, or a bare 张伟) may be one person or two; the graph never merges
them silently but joins them with kg:possibleSameAs and says why.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Iterable, Mapping

from rdflib import RDF, Graph, Literal, URIRef

from kg.rdf.vocab import FOAF, ID_BASE, KG, iri, person_iri

IDENTITY_GRAPHS = f"{ID_BASE}graph/identity/"


def identity_graph(name: str) -> URIRef:
    """The named graph that holds the identity questions about one name: rebuilt when that name is seen again."""
    return URIRef(IDENTITY_GRAPHS + str(iri("name", name)).rsplit("/", 1)[-1])


def people_with_keys(keys_by_name: Mapping[str, Iterable[str]]) -> Graph:
    """The graph possible_same_as reads, as the articles' graphs state it: each name's person node per identity key.

    >>> len(people_with_keys({"张伟": ["张伟@郑州市科技局", "张伟"]}))
    4
    """
    people = Graph()
    for name, keys in keys_by_name.items():
        for key in keys:
            people.add((person_iri(key), FOAF.name, Literal(name)))
            people.add((person_iri(key), KG.identityKey, Literal(key)))
    return people


def possible_same_as(graph: Graph, names: set[str] | None = None) -> dict[str, Graph]:
    """The kg:possibleSameAs edges between person nodes of `graph` that share a name, one graph per name.

    graph: the names and identity keys of the people (a store's people(), or people_with_keys);
    names: only these names (every name when None). Names with one node ask nothing and are left out.
    Each pair gets the edge both ways and a kg:IdentityQuestion node with the reason.

    >>> g = people_with_keys({"张伟": ["张伟@郑州市科技局", "张伟@登封市委"]})
    >>> len(list(possible_same_as(g)["张伟"].subject_objects(KG.possibleSameAs)))
    2
    """
    keys_by_name: dict[str, dict[str, URIRef]] = defaultdict(dict)
    for person, key in graph.subject_objects(KG.identityKey):
        for name in graph.objects(person, FOAF.name):
            if names is None or str(name) in names:
                keys_by_name[str(name)][str(key)] = person
    by_name = {}
    for name, nodes in sorted(keys_by_name.items()):
        if len(nodes) < 2:
            continue
        questions = by_name[name] = Graph()
        for (key_a, a), (key_b, b) in combinations(sorted(nodes.items()), 2):
            questions.add((a, KG.possibleSameAs, b))
            questions.add((b, KG.possibleSameAs, a))
            question = iri("identity-question", key_a, key_b)
            questions.add((question, RDF.type, KG.IdentityQuestion))
            questions.add((question, KG.candidate, a))
            questions.add((question, KG.candidate, b))
            questions.add((question, KG.reason, Literal(_reason(name, key_a, key_b), lang="zh")))
    return by_name


def _reason(name: str, key_a: str, key_b: str) -> str:
    bodies = [key.partition("@")[2] for key in (key_a, key_b)]
    if all(bodies):
        return f"同名“{name}”，所属机构不同：{bodies[0]}；{bodies[1]}"
    known = next(body for body in bodies if body)
    return f"同名“{name}”，一处所属机构为{known}，另一处未注明"
