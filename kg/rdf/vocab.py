"""The namespaces of DESIGN.md and the IRIs of govkg's resources."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/govkg/ns#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
ID_BASE = "https://w3id.org/govkg/id/"

PREFIXES = {
    "kg": KG,
    "schema": SCHEMA,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "time": TIME,
}

# the prefixes above, declared for a SPARQL query
PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

__all__ = [
    "FOAF",
    "KG",
    "ORG",
    "PREFIXES",
    "PROLOGUE",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "TIME",
    "XSD",
    "graph_iri",
    "iri",
    "name_key",
    "source_iri",
    "web_iri",
]


def name_key(name: str) -> str:
    """A name as the scorer compares it: quotes, spaces and 、 removed."""
    return re.sub(r"[\s、“”\"‘’'「」『』]", "", name)


def iri(kind: str, *parts: str) -> URIRef:
    """A stable IRI for a resource of `kind` identified by `parts` (names, keys, ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{ID_BASE}{kind}/{digest}")


def person_iri(identity_key: str) -> URIRef:
    """The node of the person an identity key (name@body, or the bare name) stands for."""
    return iri("person", identity_key)


def source_iri(file_name: str) -> URIRef:
    """The IRI of a source file: it ends in the file's name."""
    return URIRef(f"{ID_BASE}source/{quote(file_name)}")


def web_iri(url: str) -> URIRef:
    """A page's web address as an IRI: characters an IRI may not hold are percent-encoded.

    >>> web_iri("https://example.org/a b/新闻.html?id=1")
    rdflib.term.URIRef('https://example.org/a%20b/%E6%96%B0%E9%97%BB.html?id=1')
    """
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's triples."""
    return URIRef(f"{ID_BASE}graph/{article_id}")
