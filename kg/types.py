"""The kinds of node the graph holds, listed once: the CLI, the analyses, the views, search and the
exports all read them from here.

>>> [node_type.name for node_type in NODE_TYPES][:2]
['person', 'organisation']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeType:
    """A kind of node: its name in the CLI, its RDF class and name predicate (prefixed), its colour in views."""

    name: str
    rdf_class: str
    label: str
    colour: str


NODE_TYPES = (
    NodeType("person", "foaf:Person", "foaf:name", "#e4572e"),
    NodeType("organisation", "org:Organization", "skos:prefLabel", "#17bebb"),
    NodeType("project", "kg:Project", "rdfs:label", "#ffc914"),
    NodeType("portfolio", "kg:ProjectPortfolio", "rdfs:label", "#c5a3ff"),
    NodeType("campaign", "kg:Campaign", "rdfs:label", "#76b041"),
    NodeType("meeting", "kg:Meeting", "rdfs:label", "#2e86ab"),
)
TYPE_NAMES = tuple(node_type.name for node_type in NODE_TYPES)
BY_NAME = {node_type.name: node_type for node_type in NODE_TYPES}
# every predicate that names a node: its name, and the aliases it is also written as
NAME_PREDICATES = "foaf:name|skos:prefLabel|skos:altLabel|rdfs:label"
