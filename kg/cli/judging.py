"""The commands that say who is who: kg same and kg different record a user's judgement on two person nodes
(kept in the workspace, applied on every build and rebuild), kg questions lists the ones left open."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Literal

from kg.cli import cli
from kg.cli.options import format_option, workspace_option
from kg.cli.output import Output
from kg.cli.stores import reading
from kg.errors import GovkgError
from kg.resolve.identity import DIFFERENT, SAME


class NotAPerson(GovkgError):
    """A judgement given something it cannot take: a key no person has, a name of several nodes."""

    usage = True


_KEYS = """SELECT DISTINCT ?key WHERE {
  GRAPH ?g { ?person foaf:name ?name . { ?person kg:identityKey ?key } UNION { ?person kg:writtenKey ?key } } }"""
_NODE_KEYS = "SELECT DISTINCT ?key WHERE { ?person foaf:name ?name ; kg:identityKey ?key }"
_QUESTIONS = """SELECT ?strength ?reason (GROUP_CONCAT(DISTINCT ?key; separator=" | ") AS ?people)
       (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?question a kg:IdentityQuestion ; kg:reason ?reason ; kg:candidate ?person .
  ?person kg:identityKey ?key .
  OPTIONAL { ?person prov:wasDerivedFrom ?article }
  OPTIONAL { ?question kg:strength ?given }
  BIND (COALESCE(?given, 1) AS ?strength)
}
GROUP BY ?question ?strength ?reason
ORDER BY DESC(?strength) DESC(?articles) ?people"""


def _judge(verdict: str, workspace: Path, store: str, first: str, second: str) -> None:
    from kg.build import apply_judgements
    from kg.rdf.store import MEMORY, is_endpoint
    from kg.resolve.identity import Judgement

    if store == MEMORY:
        raise NotAPerson("a judgement is kept with a store that lasts: not with --store memory")
    if not is_endpoint(store) and not Path(store).is_dir():
        raise GovkgError(f"no graph in {workspace}: run `kg build` first")
    with reading(workspace, store) as store_opened:
        a, b = (_key(store_opened, node) for node in (first, second))
    if a.partition("@")[0] != b.partition("@")[0]:
        raise NotAPerson(f"{a} and {b} are people of two names: a judgement is about two nodes of one name")
    if a == b:
        raise NotAPerson(f"{first} and {second} are one identity key")
    wait = click.get_current_context().obj.get("wait", False)
    report = apply_judgements(workspace, store, wait, Judgement(verdict, a, b))
    nodes = [key for key in _node_keys(workspace, store, a.partition("@")[0])]
    Output().note(
        f"recorded: {a} and {b} are {'one person' if verdict == SAME else 'different people'}; "
        f"{a.partition('@')[0]} is now {len(nodes)} node{'s' if len(nodes) != 1 else ''} "
        f"({', '.join(nodes)}); people in the graph: {report.graph.get('person', 0)}"
    )


def _key(store, node: str) -> str:
    """The identity key `node` stands for: a key as the store writes it (name@body), or a name of one node."""
    name = node.partition("@")[0]
    _, rows = store.select(_KEYS, {"name": Literal(name)})
    keys = sorted(str(key) for (key,) in rows)
    if "@" in node:
        if node not in keys:
            known = f": its keys are {', '.join(keys)}" if keys else ""
            raise NotAPerson(f"no person of the graph has the key {node}{known}")
        return node
    _, rows = store.select(_NODE_KEYS, {"name": Literal(name)})
    nodes = sorted(str(key) for (key,) in rows)
    if len(nodes) != 1:
        which = f"it is {len(nodes)} nodes, give one key: {', '.join(nodes)}" if nodes else "no person has it"
        raise NotAPerson(f"{node}: {which}")
    return nodes[0]


def _node_keys(workspace: Path, store: str, name: str) -> list[str]:
    with reading(workspace, store) as store_opened:
        _, rows = store_opened.select(_NODE_KEYS, {"name": Literal(name)})
    return sorted(str(key) for (key,) in rows)


@cli.command()
@click.argument("first")
@click.argument("second")
@workspace_option
def same(workspace: Path, store: str, first: str, second: str):
    """Record that FIRST and SECOND (identity keys as `kg search` shows them, name@body, or a name with one
    node) are one person, and join their nodes now.

    The judgement is kept in WORKSPACE/identity-judgements.jsonl and applied on every build and
    `kg build --rebuild`; a later `kg different` on the same two keys replaces it."""
    _judge(SAME, workspace, store, first, second)


@cli.command()
@click.argument("first")
@click.argument("second")
@workspace_option
def different(workspace: Path, store: str, first: str, second: str):
    """Record that FIRST and SECOND (identity keys, name@body, or a name with one node) are two people, and
    part their nodes now: no rule joins them again.

    Kept in WORKSPACE/identity-judgements.jsonl, applied on every build and `kg build --rebuild`."""
    _judge(DIFFERENT, workspace, store, first, second)


@cli.command()
@format_option
@workspace_option
def questions(workspace: Path, store: str, output_format: str):
    """The open identity questions: people of one name the graph keeps apart, the likeliest to be one person
    first (strength 2: one province; 1: only the name), with the reason and how many articles name them.

    Answer one with `kg same` or `kg different`."""
    with reading(workspace, store) as store_opened:
        _, rows = store_opened.select(_QUESTIONS)
    Output(output_format).rows(
        lambda count: f"{count} identity questions",
        ["strength", "people", "reason", "articles"],
        ((int(strength), str(people), str(reason), int(articles)) for strength, reason, people, articles in rows),
    )
