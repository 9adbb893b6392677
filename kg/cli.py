"""The `kg` command line: build, stats and eval on a workspace folder."""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

DEFAULT_WORKSPACE = Path("kg-out")
DEFAULT_CORPUS = Path("seeds")


def workspace_option(command):
    """-w/--workspace, accepted after the command name as well as before it."""
    @click.option("-w", "--workspace", "command_workspace", type=click.Path(file_okay=False, path_type=Path),
                  default=None, help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(context, command_workspace, **kwargs):
        workspace = command_workspace or context.obj.get("workspace") or DEFAULT_WORKSPACE
        return context.invoke(command, workspace=workspace, **kwargs)
    return wrapper


def _console() -> Console:
    return Console(soft_wrap=True)


def _load_union(workspace: Path):
    from rdflib import Graph
    turtle = workspace / "kg.ttl"
    if not turtle.is_file():
        raise click.ClickException(f"no graph in {workspace}: run `kg build` first")
    return Graph().parse(turtle, format="turtle")


@click.group()
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out")
@click.version_option(package_name="govkg")
@click.pass_context
def cli(context, workspace):
    """govkg: Chinese government news to a knowledge graph of officials, agencies, projects and campaigns."""
    context.ensure_object(dict)
    context.obj["workspace"] = workspace


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@workspace_option
def build(workspace: Path, paths: tuple[Path, ...]):
    """Add the articles of PATHS (files or folders; default: seeds/) to the workspace.

    Reads .txt, .md, .html and .jsonl in UTF-8, UTF-16 or GB18030. Unchanged articles
    are skipped; files that cannot be read are listed with the reason. Exits 1 when
    any input was skipped.
    """
    from kg.build import build as run_build
    from kg.ingest import iter_input_files

    paths = paths or (DEFAULT_CORPUS,)
    console = _console()
    total = sum(1 for item in iter_input_files(paths) if isinstance(item, Path))
    with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total)
        report = run_build(paths, workspace, on_file=lambda path: progress.update(task, advance=1, description=path.name))
    table = Table(title=f"kg build → {workspace}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files read", str(report.files))
    table.add_row("articles", str(report.articles))
    table.add_row("articles built", str(report.articles_built))
    table.add_row("articles unchanged", str(report.articles_unchanged))
    for fact_type, count in report.facts.items():
        table.add_row(f"  {fact_type}", str(count))
    table.add_row("skipped", str(len(report.skipped)))
    console.print(table)
    for skipped in report.skipped:
        console.print(f"skipped {skipped.path}: {skipped.reason}", markup=False)
    if report.skipped:
        sys.exit(1)


@cli.command()
@click.option("-n", "--top", default=10, show_default=True, help="How many officials and agencies to list.")
@workspace_option
def stats(workspace: Path, top: int):
    """Counts by type and the officials and agencies with the most ties."""
    from kg.analyze import counts_by_type, entity_graph, top_by_degree

    graph = _load_union(workspace)
    console = _console()
    counts = Table(title="nodes by type")
    counts.add_column("type")
    counts.add_column("count", justify="right")
    for node_type, count in counts_by_type(graph).items():
        counts.add_row(node_type, str(count))
    console.print(counts)
    network = entity_graph(graph)
    for node_type, heading in (("person", "top officials"), ("organisation", "top agencies"),
                               ("campaign", "top campaigns")):
        ranked = Table(title=f"{heading} (by degree)")
        ranked.add_column("name")
        ranked.add_column("degree", justify="right")
        for label, degree in top_by_degree(network, node_type, top):
            ranked.add_row(label, str(degree))
        console.print(ranked)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output as an aligned table or as JSON.")
@workspace_option
def evaluate_command(workspace: Path, gold: Path, output_format: str):
    """Precision, recall and F1 per fact type of the workspace against GOLD (a gold JSON file)."""
    from kg.evaluate import evaluate

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
        gold_data["documents"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise click.ClickException(f"{gold} is not a gold file ({error})")
    result = evaluate(_load_union(workspace), gold_data)
    scores = result["scores"]
    if output_format == "json":
        click.echo(json.dumps({
            "scores": {t: {"gold": s.gold, "predicted": s.predicted, "matched": s.matched, "precision": round(s.precision, 4),
                           "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for t, s in scores.items()},
            "amounts": result["amounts"], "meeting_dates": result["meeting_dates"],
            "people_merged": result["people_merged"], "people_split": result["people_split"]}, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"kg eval {gold.name}")
    for column in ("type", "gold", "predicted", "matched", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for fact_type, s in scores.items():
        table.add_row(fact_type, str(s.gold), str(s.predicted), str(s.matched),
                      f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    console = _console()
    console.print(table)
    console.print(f"project amounts right: {result['amounts'][0]}/{result['amounts'][1]}; "
                  f"meeting dates right: {result['meeting_dates'][0]}/{result['meeting_dates'][1]}; "
                  f"people merged: {result['people_merged']}, split: {result['people_split']}")


def main():
    cli(obj={})
