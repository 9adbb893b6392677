"""People across articles: one node per name and affiliation, and a flagged question where only the name agrees.

Two person nodes with one name but different identity keys (张伟@郑州市科技局,
张伟@登封市委, or a bare 张伟) may be one person or two; the graph never merges
them silently but joins them with kg:possibleSameAs and says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import RDF, Graph, Literal, URIRef

from kg.rdf.vocab import ID_BASE, KG, iri, person_iri

IDENTITY_GRAPHS = f"{ID_BASE}graph/identity/"


def identity_graph(name: str) -> URIRef:
    """The named graph that holds the identity questions about one name: rebuilt when that name is seen again."""
    return URIRef(IDENTITY_GRAPHS + str(iri("name", name)).rsplit("/", 1)[-1])


def possible_same_as(keys_by_name: Mapping[str, Iterable[str]]) -> dict[str, Graph]:
    """The kg:possibleSameAs edges between person nodes that share a name, one graph per name.

    keys_by_name: each person name and the identity keys of its nodes (a store's people(), or what a
    build wrote); the node of a key is kg.rdf.vocab.person_iri(key). Names with one node ask nothing
    and are left out. Each node is asked about against the name's first node (keys sorted), so a name on
    many pages asks as many questions as it has nodes, not their square; each pair asked gets the edge both
    ways and a kg:IdentityQuestion node with the reason.

    >>> questions = possible_same_as({"张伟": ["张伟@郑州市科技局", "张伟@登封市委"], "夏扬": ["夏扬@郑州市科技局"]})
    >>> list(questions), len(list(questions["张伟"].subject_objects(KG.possibleSameAs)))
    (['张伟'], 2)
    """
    by_name = {}
    for name, keys in sorted(keys_by_name.items()):
        keys = sorted(set(keys))
        if len(keys) < 2:
            continue
        questions = by_name[name] = Graph()
        for key_a, key_b in zip(keys[:1] * (len(keys) - 1), keys[1:]):
            a, b = person_iri(key_a), person_iri(key_b)
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
