"""The graph as FollowTheMoney entities (JSON lines) for Aleph, OpenSanctions' tools and `ftm`.

People (Person), bodies (PublicBody, Company or Organization), offices (Position: a title in a body),
posts (Occupancy: holder, post and the dates the graph has), projects (Project, amounts in CNY), the
articles (Article), and a Documentation that ties each fact to each article that states it, with its
sentence. Every entity is built with the followthemoney library, which cleans each value, and is
checked against its schema's required properties before it is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from kg.errors import GovkgError
from kg.rdf.vocab import PROLOGUE

CURRENCY = "CNY"
_DATASET = "govkg"
_PUBLIC_CLASSES = {"GovernmentBody", "PartyCommittee", "AdministrativeDivision"}


class FtmUnavailable(GovkgError, RuntimeError):
    """The followthemoney library is not installed."""


def ftm_entities(store) -> Iterator[dict]:
    """Every entity of the graph as a FollowTheMoney entity dict, documents first.

    store: a store of kg.rdf.store.
    Raises FtmUnavailable when followthemoney is missing, ValueError when an entity misses a
    property its schema requires.
    """
    try:
        from followthemoney import model
    except ImportError:
        raise FtmUnavailable("--format ftm needs the followthemoney library: pip install 'govkg[ftm]'") from None
    maker = _Maker(model)
    rows = _Rows(store)
    for article, title, date, url, publisher, page in rows("""SELECT ?a (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
            (SAMPLE(?u) AS ?url) (SAMPLE(?p) AS ?publisher) (SAMPLE(?f) AS ?page) WHERE { ?a a schema:NewsArticle .
            OPTIONAL { ?a schema:headline ?t } OPTIONAL { ?a schema:datePublished ?d } OPTIONAL { ?a schema:url ?u }
            OPTIONAL { ?a schema:publisher ?p } OPTIONAL { ?a kg:page ?f } } GROUP BY ?a"""):
        yield maker.make(
            "Article", article, title=title, publishedAt=date, sourceUrl=url, publisher=publisher, fileName=page
        )
    for person, name in rows("SELECT ?p (MIN(?n) AS ?name) WHERE { ?p a foaf:Person ; foaf:name ?n } GROUP BY ?p"):
        yield maker.make("Person", person, name=name)
    classes = defaultdict(set)
    for org, kind in rows("SELECT ?o ?c WHERE { ?o a org:Organization ; a ?c FILTER (STRSTARTS(STR(?c), STR(kg:))) }"):
        classes[org].add(kind.rsplit("#", 1)[-1])
    aliases = defaultdict(list)
    for org, alias in rows("SELECT ?o ?a WHERE { ?o a org:Organization ; skos:altLabel ?a }"):
        aliases[org].append(alias)
    for org, name in rows(
        "SELECT ?o (MIN(?n) AS ?name) WHERE { ?o a org:Organization ; skos:prefLabel ?n } GROUP BY ?o"
    ):
        kinds = classes[org]
        schema = "Company" if "Company" in kinds else "PublicBody" if kinds & _PUBLIC_CLASSES else "Organization"
        yield maker.make(schema, org, name=name, alias=aliases[org], country="cn")
    positions = set()
    for post, person, org, title, first, last, began, ended in rows("""SELECT ?m ?p ?o (SAMPLE(?t) AS ?title)
            (SAMPLE(?f) AS ?first) (SAMPLE(?l) AS ?last) (SAMPLE(?b) AS ?began) (SAMPLE(?e) AS ?ended) WHERE {
            ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role/rdfs:label ?t .
            OPTIONAL { ?m kg:firstSeen ?f ; kg:lastSeen ?l }
            OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?b }
            OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?e } } GROUP BY ?m ?p ?o"""):
        position = (org, title)
        if position not in positions:
            positions.add(position)
            yield maker.make(
                "Position", f"{org}#{title}", name=f"{maker.name(org)}{title}", organization=maker.id(org), country="cn"
            )
        yield maker.make(
            "Occupancy",
            post,
            holder=maker.id(person),
            post=maker.id(f"{org}#{title}"),
            startDate=began,
            endDate=ended,
            date=[first, last],
        )
    for project, name, total, annual in rows("""SELECT ?p (MIN(?n) AS ?name) (MAX(?t) AS ?total) (MAX(?y) AS ?annual)
            WHERE { ?p a kg:Project ; rdfs:label ?n OPTIONAL { ?p kg:totalInvestment ?t }
            OPTIONAL { ?p kg:annualInvestment ?y } } GROUP BY ?p"""):
        amount = total or annual
        yield maker.make(
            "Project", project, name=name, amount=amount, currency=CURRENCY if amount else None, country="cn"
        )
    for fact, article, sentence in rows("""SELECT ?x ?a (SAMPLE(?s) AS ?sentence) WHERE {
            ?x kg:evidence ?e . ?e prov:wasDerivedFrom ?a ; kg:sentence ?s } GROUP BY ?x ?a"""):
        if maker.has(fact) and maker.has(article):
            yield maker.make(
                "Documentation",
                f"{fact}@{article}",
                document=maker.id(article),
                entity=maker.id(fact),
                role="evidence",
                summary=sentence,
            )


class _Rows:
    """The rows of SELECTs on a store, each term as text (None where unbound)."""

    def __init__(self, store):
        self.store = store

    def __call__(self, query: str) -> list[tuple]:
        return [
            tuple(None if term is None else str(term) for term in row) for row in self.store.select(PROLOGUE + query)[1]
        ]


class _Maker:
    """Builds entities with followthemoney, one id per IRI, and remembers each one's name."""

    def __init__(self, model):
        self.model = model
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def id(self, key: str) -> str:
        if key not in self.ids:
            proxy = self.model.make_entity("Thing")
            self.ids[key] = proxy.make_id(_DATASET, key)
        return self.ids[key]

    def has(self, key: str) -> bool:
        return key in self.names

    def name(self, key: str) -> str:
        return self.names.get(key, "")

    def make(self, schema: str, key: str, **values) -> dict:
        proxy = self.model.make_entity(schema)
        proxy.id = self.id(key)
        for prop, value in values.items():
            for one in value if isinstance(value, list) else [value]:
                if one:
                    proxy.add(prop, one)
        missing = [prop for prop in proxy.schema.required if not proxy.get(prop)]
        if missing:
            raise ValueError(f"{schema} {key}: no {', '.join(missing)}")
        self.names[key] = values.get("name") or values.get("title") or ""
        return proxy.to_dict()


def write_ftm(store, out) -> int:
    """Write the entities to the text stream `out`, one JSON object a line; returns how many."""
    count = 0
    for entity in ftm_entities(store):
        out.write(json.dumps(entity, ensure_ascii=False) + "\n")
        count += 1
    return count
