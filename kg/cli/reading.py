"""The commands that read the graph: kg stats, kg query, kg search, kg export."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import format_option, output_option, workspace_option
from kg.cli.output import Output
from kg.cli.stores import held_for_reading, opened, reading
from kg.errors import GovkgError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.types import TYPE_NAMES


@cli.command()
@click.option("-n", "--top", default=10, show_default=True, help="How many rows each ranking lists.")
@format_option
@workspace_option
def stats(workspace: Path, store: str, top: int, output_format: str):
    """Counts by type; the most central officials and agencies; communities; campaigns with the
    most agencies; the largest investments by place."""
    with reading(workspace, store) as graph:
        Output(output_format).tables(_stats(graph, top))


def _stats(graph, top: int) -> list[tuple[str, list[str], list[tuple]]]:
    """The tables of kg stats, each (title, columns, rows)."""
    from kg import analyze

    tables = [
        (
            "nodes in the graph, by type (as the build summary counts them)",
            ["type", "count"],
            list(analyze.counts_by_type(graph).items()),
        )
    ]
    people_orgs = analyze.people_org_graph(graph)
    for node_type, heading in (("person", "most central officials"), ("organisation", "most central agencies")):
        rows = [
            (r["label"], r["degree"], f"{r['betweenness']:.3f}")
            for r in analyze.most_central(people_orgs, node_type, top)
        ]
        tables.append((f"{heading} (people-organisation graph)", ["name", "degree", "betweenness"], rows))
    rows = [(i + 1, c["size"], "、".join(c["members"])) for i, c in enumerate(analyze.communities(people_orgs, top))]
    tables.append(("communities (Louvain)", ["#", "size", "top members"], rows))
    rows = [
        (r["campaign"], r["agencies"], "、".join(r["bodies"][:4])) for r in analyze.campaigns_by_agencies(graph, top)
    ]
    tables.append(("campaigns with the most agencies", ["campaign", "agencies", "bodies"], rows))
    rows = [
        (r["place"], r["projects"], analyze.yuan_text(r["total_yuan"]), r["largest"])
        for r in analyze.investments_by_place(graph, top)
    ]
    tables.append(("largest investments by place", ["place", "projects", "total", "largest project"], rows))
    return tables


@cli.command()
@click.argument("query")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to the literal VALUE (repeatable); values are bound as RDF terms, never pasted.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a query that runs longer than this.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Run a query that reads beyond the store (SERVICE requests, FROM of URLs or files). Updates never run.",
)
@format_option
@workspace_option
def query(
    workspace: Path,
    store: str,
    query: str,
    params: tuple[str, ...],
    output_format: str,
    timeout: float,
    allow_service: bool,
):
    """Run QUERY: SPARQL text, a .rq file, or a named query of the package's queries.

    \b
    Named queries:
      officials          every post: person, title, organisation, date
      person-posts       one person's posts: dates, articles, a sentence, sources (--param name=夏扬)
      org-people         the people of one body, by any of its names (--param org=市科技局)
      projects           projects with investments and places
      campaigns          campaigns and how many articles mention them
      campaign-agencies  which bodies push which campaign
      co-mentions        people named in the same articles
      timeline           one person's posts over time, one row each (--param name=夏扬)
      succession         who held an office over time (--param org=郑州市科技局 --param title=局长)
      receptions         who met whom: day, host, guest, verb, sentence
      contacts           everyone one person met, as host or guest (--param name=夏扬)
    """
    from kg.query import QueryError, check_params, load_query, parse_params, resolve_params, run_isolated, stream_query

    text = load_query(query)
    bindings = parse_params(params)
    check_params(text, bindings)

    def answer():
        """Run in a process of its own, which a timeout or Ctrl-C stops (Oxigraph heeds neither): first the
        notes on the names looked up and the columns, then the rows as the store finds them."""
        try:
            with opened(workspace, store) as store_opened:
                found, notes = resolve_params(store_opened, text, bindings)
                names, rows = stream_query(store_opened, query, found, allow_service)
                yield notes, names
                yield from rows
        except (GovkgError, click.ClickException) as error:
            raise QueryError(str(error) if isinstance(error, GovkgError) else error.message) from None

    output = Output(output_format)
    with held_for_reading(store), contextlib.closing(run_isolated(answer, timeout)) as answers:
        notes, names = next(answers)
        for note in notes:
            click.echo(note, err=True)
        output.rows(lambda count: f"{count} rows", names, answers)


@cli.command()
@click.argument("text")
@click.option(
    "--type",
    "node_types",
    multiple=True,
    type=click.Choice(TYPE_NAMES),
    help="Only nodes of this type (repeatable). Default: every type.",
)
@click.option("-n", "--limit", default=50, show_default=True, type=click.IntRange(1), help="At most this many rows.")
@format_option
@workspace_option
def search(workspace: Path, store: str, text: str, node_types: tuple[str, ...], limit: int, output_format: str):
    """Find every person, body, project, campaign or meeting whose name or alias contains TEXT.

    Each row gives the node's type, its name, the name that matched, a person's identity
    key, the number of articles naming it and their first and last dates. When nothing
    contains TEXT, the nearest names are suggested and the command exits 1.
    """
    from kg.search import find, not_found

    types = node_types or TYPE_NAMES
    with reading(workspace, store) as store_opened:
        hits = find(store_opened, text, types)
        if not hits:
            raise not_found(store_opened, text, types)
    names = ["type", "name", "matched", "key", "articles", "first", "last"]
    rows = [(h.type, h.label, h.matched, h.key or "", h.articles, h.first or "", h.last or "") for h in hits[:limit]]
    Output(output_format).rows(
        lambda count: f"{len(hits)} nodes" + (f", the first {limit}" if len(hits) > limit else ""), names, rows
    )


@cli.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
    help="RDF (turtle, nt, nquads, trig, jsonld), a network (graphml, gexf), a csv "
    "table, or ftm (FollowTheMoney entities, JSON lines, for Aleph).",
)
@click.option(
    "--table",
    type=click.Choice(["edges", "nodes"]),
    default="edges",
    show_default=True,
    help="With --format csv: which table (each edge with its sentence and date, or each node).",
)
@output_option("Write here. Default: standard output; graphml and gexf default to WORKSPACE/kg.FORMAT.")
@workspace_option
def export(workspace: Path, store: str, output_format: str, table: str, output: Path | None):
    """Export the graph for other tools: triple stores, Gephi, spreadsheets (CSV with a byte-order
    mark, so Excel reads the Chinese), Aleph and OpenSanctions' tools (FollowTheMoney)."""
    from kg.export import NETWORK_FORMATS, SUFFIXES, csv_table, export_network, export_rdf
    from kg.files import write_atomically
    from kg.ftm import write_ftm

    with reading(workspace, store) as store_opened:
        if output_format in NETWORK_FORMATS:
            target = output or workspace / f"kg{SUFFIXES[output_format]}"
            export_network(store_opened, output_format, target)
            click.echo(f"wrote {target}", err=True)
            return
        if output_format == "ftm":
            buffer = io.StringIO()
            count = write_ftm(store_opened, buffer)
            text = buffer.getvalue()
            click.echo(f"{count} FollowTheMoney entities", err=True)
        elif output_format == "csv":
            text = csv_table(store_opened, table)
        else:
            text = export_rdf(store_opened, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)
