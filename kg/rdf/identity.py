"""People across articles in the store: the keys of each name read from every article graph, joined by the rules
of kg.resolve.identity, and what was decided written back.

An article graph writes each person with the identity key its page gave (张伟@郑州市科技局). Where the
resolver joins that key into another person's, the graph is rewritten so its person (and their posts) is
that person's node, with kg:identityKey the node's key and kg:writtenKey the key the page gave, which the next
resolution reads again: a join is never final, a judgement or new evidence can undo it. Each name's decisions
live in its identity graph: every join with its reason and articles, every question left open (two nodes
kg:possibleSameAs each other), and the user's judgements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDFS, SKOS, XSD

from kg.rdf.convert import ntriples
from kg.rdf.vocab import ID_BASE, KG, SCHEMA, iri, person_iri
from kg.resolve.identity import Identity, Judgement, KeyRecord, Question, resolve_name

IDENTITY_GRAPHS = f"{ID_BASE}graph/identity/"
_IDENTITY_GRAPHS_HELD = """SELECT DISTINCT ?g WHERE {
  VALUES ?type { kg:IdentityQuestion kg:IdentityJoin kg:IdentityJudgement } GRAPH ?g { ?decision a ?type } }"""
# names asked of the store in one query
_NAMES_PER_QUERY = 500


def identity_graph(name: str) -> URIRef:
    """The named graph that holds the identity decisions about one name: rebuilt when that name is seen again."""
    return URIRef(IDENTITY_GRAPHS + str(iri("name", name)).rsplit("/", 1)[-1])


def resolve_people(
    store,
    names: set[str] | None,
    judgements: Iterable[Judgement],
    places_of: Callable[[str], tuple[frozenset[str], str | None, str | None]],
    affiliation_kind: Callable[[str], str | None],
    leads_division: Callable[[str], bool],
) -> tuple[list[URIRef], bool]:
    """Decide who is who for `names` (every name when None) and write it to the store.

    judgements: the user's (kg.judgements); places_of: a body's divisions, its own and its province (Places.of_body);
    affiliation_kind: what a key's affiliation says of the person (kg.resolve.identity.OUTLET or STATE_OFFICE,
    else None); leads_division: whether a body leads its division (Resolver.leads_division).
    Returns the identity graphs written, and whether anything written before was replaced (an article graph
    rewritten, an identity graph decided again): kg.ttl must then be written again.
    """
    judgements = list(judgements)
    records, current = _key_records(store, names, places_of, affiliation_kind, leads_division)
    graphs: dict[URIRef, bytes] = {}
    node_of: dict[str, str] = {}
    for name, keys in sorted(records.items()):
        people, questions = resolve_name(keys.values(), [j for j in judgements if j.a.partition("@")[0] == name])
        node_of.update({member: person.key for person in people for member in person.members})
        if triples := decisions(people, questions, keys, [j for j in judgements if j.a in keys and j.b in keys]):
            graphs[identity_graph(name)] = ntriples(triples)
    # the names decided again whose graph now says nothing are emptied
    asked = None if names is None else {identity_graph(name) for name in names}
    _, rows = store.select(_IDENTITY_GRAPHS_HELD)
    held = {graph for (graph,) in rows}
    graphs.update({graph: b"" for graph in held if graph not in graphs and (asked is None or graph in asked)})
    # no article says what an identity graph says: the union need not be rebuilt for them
    store.replace_graphs([(graph, body) for graph, body in graphs.items()], owns=True)
    moved = [(graph, written, key, node_of[written]) for graph, written, key in current if node_of[written] != key]
    rewritten = _rewrite_articles(store, moved)
    # what a replaced identity graph said is gone: kg.ttl, which holds it, must be written again
    return list(graphs), rewritten or bool(held & graphs.keys())


def decisions(
    people: list[Identity], questions: list[Question], records: dict[str, KeyRecord], judgements: list[Judgement]
) -> list[tuple]:
    """The triples of one name's identity graph: joins with their reasons and articles, questions, judgements."""
    triples = []
    for person in people:
        node = person_iri(person.key)
        for a, b, reason in person.reasons:
            join = iri("identity-join", person.key, a, b)
            triples += [
                (join, RDF.type, KG.IdentityJoin),
                (join, KG.person, node),
                (join, KG.joinedKey, Literal(a)),
                (join, KG.joinedKey, Literal(b)),
                (join, KG.reason, Literal(reason, lang="zh")),
            ]
            triples += [
                (join, PROV.wasDerivedFrom, URIRef(article)) for key in (a, b) for article in records[key].articles
            ]
        if person.reasons:
            reasons = "；".join(dict.fromkeys(reason for _, _, reason in person.reasons))
            triples.append((node, KG.sameAsReason, Literal(reasons, lang="zh")))
    for question in questions:
        a, b = person_iri(question.a), person_iri(question.b)
        node = iri("identity-question", question.a, question.b)
        triples += [
            (a, KG.possibleSameAs, b),
            (b, KG.possibleSameAs, a),
            (node, RDF.type, KG.IdentityQuestion),
            (node, KG.candidate, a),
            (node, KG.candidate, b),
            (node, KG.reason, Literal(question.reason, lang="zh")),
            (node, KG.strength, Literal(question.strength, datatype=XSD.integer)),
        ]
    for judgement in judgements:
        node = iri("identity-judgement", judgement.verdict, *sorted((judgement.a, judgement.b)))
        triples += [
            (node, RDF.type, KG.IdentityJudgement),
            (node, KG.verdict, Literal(judgement.verdict)),
            (node, KG.judgedKey, Literal(judgement.a)),
            (node, KG.judgedKey, Literal(judgement.b)),
        ]
    return triples


def _key_records(store, names: set[str] | None, places_of, affiliation_kind, leads_division):
    """Each name's keys as the store writes them, and where each stands now: (graph, written key, node's key)."""
    seen: dict[str, dict] = defaultdict(lambda: {"articles": set(), "dates": set(), "bodies": set()})
    current = []
    written_of: dict[tuple, str] = {}  # (graph, person node) → the key the page gave
    # three plain patterns joined here: Oxigraph runs each in a blink, and one query of OPTIONALs in minutes
    for chunk in _chunks(names):
        values = "" if chunk is None else f"VALUES ?name {{ {' '.join(Literal(n).n3() for n in chunk)} }}"
        _, rows = store.select(
            f"""SELECT ?g ?person ?key ?written WHERE {{ {values}
              GRAPH ?g {{ ?person foaf:name ?name ; kg:identityKey ?key .
                          OPTIONAL {{ ?person kg:writtenKey ?written }} }} }}"""
        )
        for graph, person, key, written in rows:
            written_of[graph, person] = written = str(written or key)
            current.append((graph, written, str(key)))
            seen[written]["articles"].add(graph)
        _, rows = store.select(
            f"""SELECT ?g ?person ?body WHERE {{ {values}
              GRAPH ?g {{ ?person foaf:name ?name . ?post org:member ?person ; org:organization ?org .
                          ?org skos:prefLabel ?body }} }}"""
        )
        for graph, person, body in rows:
            if (graph, person) in written_of:
                seen[written_of[graph, person]]["bodies"].add(str(body))
    _, rows = store.select("SELECT ?g ?date WHERE { GRAPH ?g { ?article schema:datePublished ?date } }")
    dates = {graph: str(date) for graph, date in rows}
    for record in seen.values():
        record["dates"] = {dates[graph] for graph in record["articles"] if graph in dates}
    bare_graphs = {graph for record in seen.values() if not record["bodies"] for graph in record["articles"]}
    page_places = _page_places(store, bare_graphs, places_of)
    records: dict[str, dict[str, KeyRecord]] = defaultdict(dict)
    for key, record in seen.items():
        bodies = sorted(record["bodies"])
        located = [places_of(body) for body in bodies]
        records[key.partition("@")[0]][key] = KeyRecord(
            key,
            frozenset(map(str, record["articles"])),
            tuple(sorted(record["dates"])),
            frozenset(record["bodies"]),
            frozenset(seat for _, seat, _ in located if seat),
            frozenset().union(*(places for places, _, _ in located)),
            frozenset(province for _, _, province in located if province),
            frozenset().union(*(page_places.get(graph, ((), ()))[0] for graph in record["articles"])),
            frozenset().union(*(page_places.get(graph, ((), ()))[1] for graph in record["articles"])),
            holds_posts=bool(record["bodies"]),
            affiliation=affiliation_kind(key.partition("@")[2]),
            leading_seats=frozenset(
                seat for body, (_, seat, _) in zip(bodies, located) if seat and leads_division(body)
            ),
        )
    return records, current


def _page_places(store, graphs: set[URIRef], places_of) -> dict[URIRef, tuple[frozenset[str], frozenset[str]]]:
    """Where each article graph's page is, below province level and its provinces: the divisions it is from
    (kg:pagePlace) and those its bodies lie in."""
    places: dict[URIRef, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    graphs = sorted(graphs)
    for start in range(0, len(graphs), _NAMES_PER_QUERY):
        values = " ".join(graph.n3() for graph in graphs[start : start + _NAMES_PER_QUERY])
        _, rows = store.select(
            f"""SELECT DISTINCT ?g ?name WHERE {{ VALUES ?g {{ {values} }}
              GRAPH ?g {{ {{ ?org a org:Organization ; skos:prefLabel ?name }}
                          UNION {{ ?article kg:pagePlace ?name }} }} }}"""
        )
        for graph, name in rows:
            divisions, _, province = places_of(str(name))
            places[graph][0].update(divisions)
            if province:
                places[graph][1].add(province)
    return {graph: (frozenset(local), frozenset(provinces)) for graph, (local, provinces) in places.items()}


def _chunks(names: set[str] | None) -> Iterable[list[str] | None]:
    if names is None:
        yield None
        return
    ordered = sorted(names)
    for start in range(0, len(ordered), _NAMES_PER_QUERY):
        yield ordered[start : start + _NAMES_PER_QUERY]


def _rewrite_articles(store, moved: list[tuple[URIRef, str, str, str]]) -> bool:
    """Rewrite each article graph whose person now belongs to another node: (graph, written key, the key
    its node has, the key it must have)."""
    by_graph: dict[URIRef, list[tuple[str, str, str]]] = defaultdict(list)
    for graph, written, key, target in moved:
        by_graph[graph].append((written, key, target))
    rewritten = []
    for graph, people in by_graph.items():
        _, rows = store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        rewritten.append((graph, ntriples(_moved_people(rows, people))))
    store.replace_graphs(rewritten)
    return bool(rewritten)


def _moved_people(triples: list[tuple], people: list[tuple[str, str, str]]) -> list[tuple]:
    """An article's triples with each (written key, node's key, new key) person on their new node: the person,
    their identity keys, and their posts, whose nodes are keyed by the person."""
    renamed: dict = {}
    keys: dict = {}
    for written, key, target in people:
        renamed[person_iri(key)] = person_iri(target)
        keys[person_iri(key)] = (written, target)
    labels = {s: o for s, p, o in triples if p in (RDFS.label, SKOS.prefLabel)}
    roles = {s: o for s, p, o in triples if p == ORG.role}
    bodies = {s: o for s, p, o in triples if p == ORG.organization}
    for post, _, person in [t for t in triples if t[1] == ORG.member and t[2] in keys]:
        if post in roles and post in bodies:
            target = keys[person][1]
            renamed[post] = iri("post", target, str(labels[roles[post]]), str(labels[bodies[post]]))
    # an appointment's node is keyed by its post's: the same appointment reported under both keys is one node
    actions = {s: str(o) for s, p, o in triples if p == KG.action}
    days = {s: str(o) for s, p, o in triples if p == SCHEMA.startDate}
    for appointment, _, post in [t for t in triples if t[1] == KG.post and t[2] in renamed]:
        if appointment in actions:
            renamed[appointment] = iri(
                "appointment", str(renamed[post]), actions[appointment], days.get(appointment, "")
            )
    out = []
    for s, p, o in triples:
        if s in keys and p in (KG.identityKey, KG.writtenKey):
            continue
        out.append((renamed.get(s, s), p, renamed.get(o, o)))
    for written, target in keys.values():
        out.append((person_iri(target), KG.identityKey, Literal(target)))
        if written != target:
            out.append((person_iri(target), KG.writtenKey, Literal(written)))
    return out
