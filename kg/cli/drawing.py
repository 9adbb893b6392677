"""The commands that draw the graph as pages that open offline: kg view, kg timeline."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import output_option, workspace_option
from kg.cli.stores import reading
from kg.errors import GovkgError
from kg.types import TYPE_NAMES


@cli.command()
@click.option("--focus", default=None, metavar="NAME", help="Draw only what lies near the node of this name.")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 10), help="How far from --focus to draw.")
@click.option(
    "--types", default=None, metavar="TYPE,...", help=f"Node types to keep, comma separated: {', '.join(TYPE_NAMES)}."
)
@click.option("--isolated", is_flag=True, help="Keep the nodes tied to nothing (left out by default).")
@output_option("The HTML file to write. Default: WORKSPACE/graph.html, or WORKSPACE/view-NAME.html with --focus.")
@workspace_option
def view(
    workspace: Path, store: str, focus: str | None, hops: int, types: str | None, isolated: bool, output: Path | None
):
    """Write an interactive HTML view (self-contained, opens offline): the whole graph or the ego graph of --focus."""
    from kg.analyze import entity_graph, with_evidence, without_isolates
    from kg.view import write_view

    wanted = _types(types)
    with reading(workspace, store) as store_opened:
        if focus:
            focus = _found_name(store_opened, focus, wanted)
        network = _chosen_part(entity_graph(store_opened), focus, hops, wanted)
        network = with_evidence(network if isolated else without_isolates(network), store_opened)
    title = f"govkg · {focus} · {hops} hops" if focus else "govkg"
    target = output or workspace / (f"view-{focus}.html" if focus else "graph.html")
    write_view(network, target, title)
    click.echo(f"wrote {target}: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges")


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--org",
    default=None,
    metavar="BODY",
    help="With --title: chart the holders of an office instead (the body's canonical name or an alias).",
)
@click.option("--title", "post_title", default=None, metavar="TITLE", help="The office's title, with --org (局长).")
@output_option("The HTML file to write. Default: WORKSPACE/timeline-NAME.html.")
@workspace_option
def timeline(
    workspace: Path, store: str, name: str | None, org: str | None, post_title: str | None, output: Path | None
):
    """Chart a person's career (NAME), or who held an office (--org and --title), over time.

    Each post is a bar from the first to the last dated article that reports it, marked where
    an appointment began it or a removal ended it. The page is self-contained and opens offline.
    """
    from kg.analyze.careers import career, holders
    from kg.chart import write_timeline

    if bool(org) != bool(post_title) or bool(name) == bool(org):
        raise click.UsageError("give a person's NAME, or --org and --title for an office")
    with reading(workspace, store) as store_opened:
        if name:
            name = _found_name(store_opened, name, ("person",))
            spells = career(store_opened, name)
        else:
            org = _found_name(store_opened, org, ("organisation",))
            spells = holders(store_opened, org, post_title)
    subject = name or f"{org} {post_title}"
    if not spells:
        raise GovkgError(f"no posts of {subject!r} in the graph")
    target = output or workspace / f"timeline-{subject.replace(' ', '-').replace('/', '-')}.html"
    write_timeline(f"govkg · {subject}", spells, target)
    dated = [spell for spell in spells if spell.start]
    span = f", {min(s.start for s in dated)} to {max(s.end for s in dated)}" if dated else ""
    click.echo(f"wrote {target}: {len(spells)} rows{span}")


def _types(types: str | None) -> tuple[str, ...] | None:
    """The node types of --types, or None for every type; an unknown one is a usage error."""
    if not types:
        return None
    wanted = tuple(dict.fromkeys(t.strip() for t in types.split(",") if t.strip()))
    if unknown := set(wanted) - set(TYPE_NAMES):
        raise click.BadParameter(
            f"unknown type {', '.join(sorted(unknown))}; choose from {', '.join(TYPE_NAMES)}", param_hint="--types"
        )
    return wanted or None


def _found_name(store_opened, text: str, types: tuple[str, ...] | None) -> str:
    """The name of the node that `text` finds (kg.search); says on stderr which one when it is not `text`."""
    from kg.search import choice_note, choose

    chosen, others = choose(store_opened, text, types or TYPE_NAMES)
    if note := choice_note(text, chosen, others):
        click.echo(note, err=True)
    return chosen


def _chosen_part(network, focus: str | None, hops: int, types: tuple[str, ...] | None):
    """The part of the network a view asked for: some types, the neighbourhood of one name."""
    from kg.analyze import ego_network, of_types

    if types:
        network = of_types(network, set(types))
    if focus:
        try:
            network = ego_network(network, focus, hops)
        except KeyError:
            raise GovkgError(f"no node named {focus!r} in the graph") from None
    return network
