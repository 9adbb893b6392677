"""Facts to triples in the vocabulary of DESIGN.md: one graph per article."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import pyoxigraph
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.extract.facts import Evidence, Investment
from kg.ingest.metadata import printable
from kg.ingest.sources import file_name
from kg.rdf.store.embedded import oxigraph_term
from kg.rdf.vocab import (
    FOAF,
    KG,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    iri,
    name_key,
    person_iri,
    source_iri,
    web_iri,
)
from kg.resolve import Organisation
from kg.resolve.facts import ResolvedFacts

_TRAILING_KINDS = re.compile("项目$")


Triple = tuple[Node, Node, Node]


class _Post(NamedTuple):
    """The nodes of one post: the org:Membership and the person, body and role it ties."""

    membership: URIRef
    person: URIRef
    organisation: URIRef
    role: URIRef


class _ArticleGraph:
    """Writes the triples of one article; every fact node points back to its article and sentence."""

    def __init__(self, resolved: ResolvedFacts, pipeline_version: str):
        self.resolved = resolved
        self.facts = resolved.facts
        self.article = resolved.facts.article
        self.article_iri = iri("article", self.article.id)
        self.triples: dict[Triple, None] = {}  # an ordered set: the same fact stated twice is one triple
        self.evidence_nodes: set[URIRef] = set()
        self._header(pipeline_version)

    def add(self, subject, predicate, obj) -> None:
        self.triples[(subject, predicate, obj)] = None

    def _header(self, pipeline_version: str) -> None:
        article = self.article
        self.add(self.article_iri, RDF.type, SCHEMA.NewsArticle)
        self.add(self.article_iri, PROV.wasDerivedFrom, source_iri(file_name(article.source)))
        self.add(self.article_iri, KG.pipelineVersion, Literal(pipeline_version))
        self.add(self.article_iri, KG.articleText, Literal(article.text))
        self.add(self.article_iri, KG.page, Literal(printable(article.source)))
        if article.headline:
            self.add(self.article_iri, SCHEMA.headline, Literal(article.headline))
        if article.date:
            self.add(self.article_iri, SCHEMA.datePublished, Literal(article.date, datatype=XSD.date))
            self.add(self.article_iri, KG.dateSource, Literal(article.date_source))
        if article.url:
            self.add(self.article_iri, SCHEMA.url, web_iri(article.url))
        if article.publisher:
            self.add(self.article_iri, SCHEMA.publisher, Literal(article.publisher))
        if article.pagination:
            self.add(self.article_iri, SCHEMA.pagination, Literal(article.pagination))
        # the divisions its bare 省, 市 and 县 stand for: where a person it gives no post is to be looked for
        place = self.resolved.place
        for division in filter(None, (place.province, place.city, place.county)):
            self.add(self.article_iri, KG.pagePlace, Literal(division))

    def fact(self, node: URIRef, rdf_type: URIRef, evidence: Evidence, mentioned: bool = True) -> URIRef:
        """Type a fact node and tie it to its article and sentence."""
        self.add(node, RDF.type, rdf_type)
        self.add(node, PROV.wasDerivedFrom, self.article_iri)
        self.add(node, KG.evidence, self.evidence(evidence))
        if mentioned:
            self.add(self.article_iri, KG.mentions, node)
        return node

    def evidence(self, evidence: Evidence) -> URIRef:
        """The node of a sentence, written once however many facts cite it."""
        evidence_node = iri("evidence", evidence.article_id, str(evidence.start), str(evidence.end))
        if evidence_node not in self.evidence_nodes:  # a post's person, body and membership share theirs
            self.evidence_nodes.add(evidence_node)
            self.add(evidence_node, RDF.type, KG.Evidence)
            self.add(evidence_node, PROV.wasDerivedFrom, self.article_iri)
            self.add(evidence_node, KG.sentence, Literal(evidence.sentence))
            self.add(evidence_node, KG.charStart, Literal(evidence.start, datatype=XSD.integer))
            self.add(evidence_node, KG.charEnd, Literal(evidence.end, datatype=XSD.integer))
        return evidence_node

    def person(self, name: str, evidence: Evidence) -> URIRef:
        key = self.resolved.key(name)
        node = self.fact(person_iri(key), FOAF.Person, evidence)
        self.add(node, FOAF.name, Literal(name))
        self.add(node, KG.identityKey, Literal(key))
        return node

    def organisation(self, org: Organisation, evidence: Evidence, mentioned: bool = True) -> URIRef:
        node = self.fact(iri("org", org.name), ORG.Organization, evidence, mentioned)
        if org.rdf_class:
            self.add(node, RDF.type, KG[org.rdf_class])
        self.add(node, SKOS.prefLabel, Literal(org.name))
        for alias in org.aliases:
            self.add(node, SKOS.altLabel, Literal(alias))
        if org.parent:
            parent = self.resolved.organisation(org.parent)
            parent_node = iri("org", parent.name)
            self.add(parent_node, RDF.type, ORG.Organization)
            if parent.rdf_class:
                self.add(parent_node, RDF.type, KG[parent.rdf_class])
            self.add(parent_node, SKOS.prefLabel, Literal(parent.name))
            self.add(node, ORG.subOrganizationOf, parent_node)
        return node

    def relation(
        self, subject: URIRef, predicate: URIRef, obj: URIRef, evidence: Evidence, inferred: bool = False
    ) -> None:
        """A relation between two fact nodes, and an rdf:Statement of it that gives the sentence it was read
        from (kg:evidence), or says it was worked out rather than read (kg:inferred true)."""
        self.add(subject, predicate, obj)
        statement = iri("statement", str(subject), str(predicate), str(obj), self.article.id)
        self.add(statement, RDF.type, RDF.Statement)
        self.add(statement, RDF.subject, subject)
        self.add(statement, RDF.predicate, predicate)
        self.add(statement, RDF.object, obj)
        self.add(statement, PROV.wasDerivedFrom, self.article_iri)
        if inferred:
            self.add(statement, KG.inferred, Literal(True))
        else:
            self.add(statement, KG.evidence, self.evidence(evidence))

    def post(self, person: str, title: str, org_text: str, evidence: Evidence, written: bool = True) -> _Post:
        """The org:Membership of a person's post, with its person, body and role; the body is one the article
        mentions when it writes it (not a government only its head's title names)."""
        org = self.resolved.organisation(org_text)
        person_node = self.person(person, evidence)
        org_node = self.organisation(org, evidence, mentioned=written)
        role_node = iri("role", title)
        self.add(role_node, RDF.type, ORG.Role)
        self.add(role_node, RDFS.label, Literal(title))
        membership = self.fact(
            iri("post", self.resolved.key(person), title, org.name), ORG.Membership, evidence, mentioned=False
        )
        self.add(membership, ORG.member, person_node)
        self.add(membership, ORG.organization, org_node)
        self.add(membership, ORG.role, role_node)
        if self.article.date:
            self.add(membership, KG.asOf, Literal(self.article.date, datatype=XSD.date))
        return _Post(membership, person_node, org_node, role_node)

    def investment(self, node: URIRef, investment: Investment) -> None:
        """A project's or portfolio's amounts in yuan, and whether they were qualified."""
        for predicate, value in ((KG.totalInvestment, investment.total), (KG.annualInvestment, investment.annual)):
            if value is not None:
                # plain notation: xsd:decimal has no exponent form, and Decimal("5.4E+8") would print one
                self.add(node, predicate, Literal(format(value.normalize(), "f"), datatype=XSD.decimal))
        self.add(node, KG.approximate, Literal(investment.approximate))

    def build(self) -> list[Triple]:
        facts = self.facts
        for person in facts.people:
            self.person(person.name, person.evidence)
        for post in facts.posts:
            self.post(post.person, post.title, post.org, post.evidence, post.written)
        for appointment in facts.appointments:
            post = self.post(appointment.person, appointment.title, appointment.org, appointment.evidence)
            node = self.fact(
                iri("appointment", str(post.membership), appointment.action, appointment.date or ""),
                KG.Appointment,
                appointment.evidence,
                mentioned=False,
            )
            self.add(node, KG.appointee, post.person)
            self.add(node, ORG.role, post.role)
            self.add(node, ORG.organization, post.organisation)
            self.add(node, KG.post, post.membership)
            self.add(node, KG.action, Literal(appointment.action))
            self.add(node, KG.termEffect, Literal(appointment.effect))
            if appointment.date:
                self.add(node, SCHEMA.startDate, Literal(appointment.date, datatype=XSD.date))
        for interview in facts.interviews:
            self.add(self.article_iri, KG.interviewee, self.person(interview.person, interview.evidence))
        for byline in facts.bylines:
            author = self.person(byline.person, byline.evidence)
            self.add(self.article_iri, SCHEMA.author, author)
            node = self.fact(iri("byline", self.article.id, byline.person), KG.Byline, byline.evidence, mentioned=False)
            self.add(node, SCHEMA.author, author)
            self.add(node, KG.bylineRole, Literal(byline.role))
            self.add(self.article_iri, KG.byline, node)
        for project in facts.projects:
            node = self.fact(
                iri("project", _TRAILING_KINDS.sub("", name_key(project.name))), KG.Project, project.evidence
            )
            self.add(node, RDFS.label, Literal(project.name))
            self.investment(node, project.investment)
            if project.location:
                place = self.organisation(self.resolved.organisation(project.location), project.evidence)
                self.relation(node, KG.locatedIn, place, project.evidence, inferred=not project.location_stated)
        for portfolio in facts.portfolios:
            node = self.fact(
                iri("portfolio", portfolio.scope, portfolio.label, str(portfolio.count)),
                KG.ProjectPortfolio,
                portfolio.evidence,
            )
            self.add(node, RDFS.label, Literal(portfolio.label))
            self.add(node, KG.projectCount, Literal(portfolio.count, datatype=XSD.integer))
            self.investment(node, portfolio.investment)
            self.add(node, KG.scope, self.organisation(self.resolved.organisation(portfolio.scope), portfolio.evidence))
        for campaign in facts.campaigns:
            key = campaign_key(campaign.name, campaign.kind)
            node = self.fact(iri("campaign", key), KG.Campaign, campaign.evidence)
            # one label per campaign however it is spelt; each spelling as written is an alias
            self.add(node, RDFS.label, Literal(key))
            if campaign.name != key:
                self.add(node, SKOS.altLabel, Literal(campaign.name))
            self.add(node, KG.campaignKind, Literal(campaign.kind))
            for promoter in campaign.promoters:
                body = self.organisation(self.resolved.organisation(promoter), campaign.evidence)
                self.relation(node, KG.promotedBy, body, campaign.evidence)
        for meeting in facts.meetings:
            node = self.fact(iri("meeting", name_key(meeting.name)), KG.Meeting, meeting.evidence)
            self.add(node, RDFS.label, Literal(meeting.name))
            if meeting.date:
                self.add(node, SCHEMA.startDate, Literal(meeting.date, datatype=XSD.date))
        for reception in facts.receptions:
            node = self.fact(
                iri("reception", self.article.id, str(reception.evidence.start), reception.host, reception.action),
                KG.Reception,
                reception.evidence,
                mentioned=False,
            )
            self.add(node, KG.host, self.person(reception.host, reception.evidence))
            if reception.guest:
                self.add(node, KG.guest, self.person(reception.guest, reception.evidence))
            if reception.guest_org:
                org = self.resolved.organisation(reception.guest_org)
                self.add(node, KG.guest, self.organisation(org, reception.evidence))
            self.add(node, KG.action, Literal(reception.action))
            if reception.date:
                self.add(node, SCHEMA.startDate, Literal(reception.date, datatype=XSD.date))
        for agency in facts.agencies:
            self.organisation(self.resolved.organisation(agency.name), agency.evidence)
        for visit in facts.visits:
            node = self.fact(
                iri("visit", self.article.id, str(visit.evidence.start), visit.person, *visit.sites),
                KG.Visit,
                visit.evidence,
                mentioned=False,
            )
            self.add(node, KG.visitor, self.person(visit.person, visit.evidence))
            for site in visit.sites:
                self.add(node, KG.site, self.site(site, visit.evidence))
            self.add(node, KG.action, Literal(visit.action))
            if visit.date:
                self.add(node, SCHEMA.startDate, Literal(visit.date, datatype=XSD.date))
        return list(self.triples)

    def site(self, label: str, evidence: Evidence) -> URIRef:
        """A place a visit went to: the organisation a body's name stands for, else a place of that label."""
        if label in self.resolved.organisations:
            return self.organisation(self.resolved.organisation(label), evidence)
        node = self.fact(iri("place", name_key(label)), SCHEMA.Place, evidence)
        self.add(node, RDFS.label, Literal(label))
        return node


def campaign_key(name: str, kind: str) -> str:
    """One key however a campaign is spelt: quotes, 、 and the trailing kind word do not count."""
    key = name_key(name)
    return key[: -len(kind)] if key.endswith(kind) and len(key) > len(kind) else key


def article_triples(resolved: ResolvedFacts, pipeline_version: str) -> list[Triple]:
    """The triples of one article, to be stored as its named graph: rdf only writes what resolve decided.

    resolved: the article's facts with their bodies and identity keys (kg.resolve.facts.resolve_facts).
    pipeline_version: recorded on the article so a changed pipeline rebuilds it.
    """
    return _ArticleGraph(resolved, pipeline_version).build()


def ntriples(triples: Iterable[Triple]) -> bytes:
    """`triples` as N-Triples, the form in which graphs travel from the workers to the store.

    >>> print(ntriples([(URIRef("http://example.org/a"), RDFS.label, Literal('say "hi"'))]).decode(), end="")
    <http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "say \\"hi\\"" .
    """
    terms: dict[Node, object] = {}  # an article repeats its IRIs: each is converted once

    def term(node: Node):
        found = terms.get(node)
        if found is None:
            found = terms[node] = oxigraph_term(node)
        return found

    return pyoxigraph.serialize(
        [pyoxigraph.Triple(term(s), term(p), term(o)) for s, p, o in triples], format=pyoxigraph.RdfFormat.N_TRIPLES
    )
