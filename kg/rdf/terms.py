"""Posts over time: when the articles show each post, and where an appointment or removal bounds its term.

Worked out across articles, after they are stored: each post's kg:firstSeen and kg:lastSeen (the
first and last dated articles that report it), and its org:memberDuring, a time:Interval whose
beginning is the earliest appointment to it and whose end is the latest removal from it (an end
before the beginning is left out: the person was given the post again). One graph per post, so
that a build rewrites only the posts whose terms changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.rdf.vocab import ID_BASE, KG, ORG, PROLOGUE, PROV, RDF, SCHEMA, TIME, XSD, iri

TERM_GRAPHS = f"{ID_BASE}graph/term/"


@dataclass(frozen=True)
class Term:
    """What the graph knows of a post over time: ISO dates, or None."""

    first_seen: str | None = None
    last_seen: str | None = None
    begins: str | None = None
    ends: str | None = None


def term_graph(post: URIRef) -> URIRef:
    """The named graph that holds the term of one post (an org:Membership)."""
    return URIRef(TERM_GRAPHS + str(post).rsplit("/", 1)[-1])


_SEEN = """SELECT ?post (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
  ?post a org:Membership ; prov:wasDerivedFrom/schema:datePublished ?date } GROUP BY ?post"""
_EVENTS = """SELECT ?post ?effect (MIN(?date) AS ?earliest) (MAX(?date) AS ?latest) WHERE {
  ?event a kg:Appointment ; kg:post ?post ; kg:termEffect ?effect ; schema:startDate ?date } GROUP BY ?post ?effect"""
_RECORDED = """SELECT ?post ?first ?last ?begins ?ends WHERE {
  { ?post kg:firstSeen ?first } UNION { ?post org:memberDuring ?interval }
  OPTIONAL { ?post kg:firstSeen ?first ; kg:lastSeen ?last }
  OPTIONAL { ?post org:memberDuring/time:hasBeginning/time:inXSDDate ?begins }
  OPTIONAL { ?post org:memberDuring/time:hasEnd/time:inXSDDate ?ends } }"""


# every predicate and class that observed_terms reads
READS = (
    ORG.Membership,
    PROV.wasDerivedFrom,
    SCHEMA.datePublished,
    KG.Appointment,
    KG.post,
    KG.termEffect,
    SCHEMA.startDate,
)


def observed_terms(store) -> dict[URIRef, Term]:
    """The term of every post the stored articles date, or an appointment or removal bounds.

    store: a store of kg.rdf.store.
    """

    def select(query: str):
        return store.select(PROLOGUE + query)[1]

    seen = {post: (str(first), str(last)) for post, first, last in select(_SEEN)}
    starts, ends = {}, {}
    for post, effect, earliest, latest in select(_EVENTS):
        if str(effect) == "start":
            starts[post] = str(earliest)
        elif str(effect) == "end":
            ends[post] = str(latest)
    terms = {}
    for post in seen.keys() | starts.keys() | ends.keys():
        first, last = seen.get(post, (None, None))
        begins, end = starts.get(post), ends.get(post)
        terms[post] = Term(first, last, begins, end if end and (not begins or end >= begins) else None)
    return terms


def recorded_terms(store) -> dict[URIRef, Term]:
    """The terms the store's term graphs hold now."""
    return {
        post: Term(*(str(value) if value is not None else None for value in values))
        for post, *values in store.select(PROLOGUE + _RECORDED)[1]
    }


def term_triples(post: URIRef, term: Term) -> list[tuple]:
    """The triples of one post's term.

    >>> len(term_triples(URIRef("urn:post"), Term("2019-03-05", "2023-06-01", begins="2019-01-10")))
    7
    """
    triples = []
    if term.first_seen:
        triples += [
            (post, KG.firstSeen, Literal(term.first_seen, datatype=XSD.date)),
            (post, KG.lastSeen, Literal(term.last_seen, datatype=XSD.date)),
        ]
    if term.begins or term.ends:
        interval = iri("term", str(post))
        triples += [(post, ORG.memberDuring, interval), (interval, RDF.type, TIME.Interval)]
        for bound, date in ((TIME.hasBeginning, term.begins), (TIME.hasEnd, term.ends)):
            if date:
                instant = iri("instant", str(post), str(bound))
                triples += [
                    (interval, bound, instant),
                    (instant, RDF.type, TIME.Instant),
                    (instant, TIME.inXSDDate, Literal(date, datatype=XSD.date)),
                ]
    return triples
