"""The `kg` command line: build, stats and eval on a workspace folder."""
from __future__ import annotations

import contextlib
import errno
import functools
import io
import json
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Callable, Iterable

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rdflib import URIRef

from kg.export import FORMATS as EXPORT_FORMATS
from kg.types import TYPE_NAMES

DEFAULT_WORKSPACE = Path("kg-out")
DEFAULT_CORPUS = Path("seeds")
_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?(?:亿元)?")


def workspace_option(command):
    """-w/--workspace and --store, accepted after the command name as well as before it."""
    @click.option("-w", "--workspace", "command_workspace", type=click.Path(file_okay=False, path_type=Path),
                  default=None, help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out")
    @click.option("--store", "command_store", default=None, metavar="PATH|memory|URL",
                  help="The store: a folder (default: WORKSPACE/store), memory, or a SPARQL 1.1 server's base URL.")
    @click.option("--wait", "command_wait", is_flag=True,
                  help="While a build holds the workspace, wait for it to end instead of stopping.")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(context, command_workspace, command_store, command_wait, **kwargs):
        workspace = command_workspace or context.obj.get("workspace") or DEFAULT_WORKSPACE
        store = command_store or context.obj.get("store") or str(workspace / "store")
        context.obj["wait"] = command_wait or context.obj.get("wait", False)
        return context.invoke(command, workspace=workspace, store=store, **kwargs)
    return wrapper


def _console() -> Console:
    return Console(soft_wrap=True)


@contextlib.contextmanager
def _reading(workspace: Path, store: str):
    """The store to read from: a folder opened read-only, a server, or for "memory" the workspace's kg.ttl."""
    with _held_for_reading(store):
        with _opened(workspace, store) as opened:
            yield opened


@contextlib.contextmanager
def _held_for_reading(store: str):
    """A shared hold on an embedded store: no build writes it meanwhile (kg.rdf.locks)."""
    from kg.rdf.locks import StoreBusy, store_lock
    from kg.rdf.store import MEMORY, is_endpoint

    if store == MEMORY or is_endpoint(store):
        yield
        return
    try:
        with store_lock(Path(store), writing=False, wait=click.get_current_context().obj.get("wait", False)):
            yield
    except StoreBusy as error:
        raise click.ClickException(str(error))


@contextlib.contextmanager
def _opened(workspace: Path, store: str):
    """The store opened for reading; a store that cannot be read ends the command in one line."""
    from kg.rdf.store import MEMORY, StoreError, as_store_error, open_store

    try:
        opened = open_store(store, read_only=True)
    except StoreError as error:
        raise click.ClickException(_with_the_way_back(error, workspace, store))
    if store == MEMORY:
        turtle = workspace / "kg.ttl"
        if not turtle.is_file():
            raise click.ClickException(f"no graph in {workspace}: run `kg build` first")
        opened.dataset.graph(URIRef(turtle.resolve().as_uri())).parse(turtle, format="turtle")
    try:
        yield opened
    except (StoreError, OSError, RuntimeError) as error:
        if failure := as_store_error(error, store):  # RocksDB's checksums caught a damaged file, say
            raise click.ClickException(_with_the_way_back(failure, workspace, store))
        raise
    finally:
        opened.close()


def _with_the_way_back(error: Exception, workspace: Path, store: str) -> str:
    """The store's error and, for a store damaged or gone, how to make it again: from the inputs the
    workspace recorded (kg build --rebuild), or a first build."""
    from kg.history import recorded
    from kg.rdf.store import NoStore, StoreDamaged

    if not isinstance(error, (NoStore, StoreDamaged)):
        return str(error)
    with contextlib.suppress(ValueError):
        if not recorded(workspace, store) and isinstance(error, NoStore):
            return f"{error}: run `kg build` first"
    options = f"-w {shlex.quote(str(workspace))}"
    if Path(store) != workspace / "store":
        options += f" --store {shlex.quote(store)}"
    return f"{error}: run `kg build --rebuild {options}` to make it again from the files it was built from"


def _union(workspace: Path, store: str):
    from kg.rdf.store import union_graph
    with _reading(workspace, store) as opened:
        return union_graph(opened)


class _Commands(click.Group):
    """kg's commands: a file one of them cannot write (a full disk, a folder it may not write) ends it in
    one line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader of the output went away (| head): click ends quietly
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise click.ClickException(f"{error.strerror or error}{where}") from error


@click.group(cls=_Commands)
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out")
@click.option("--store", default=None, metavar="PATH|memory|URL",
              help="The store: a folder (default: WORKSPACE/store), memory, or a SPARQL 1.1 server's base URL.")
@click.option("--wait", is_flag=True, help="While a build holds the workspace, wait for it to end instead of stopping.")
@click.version_option(package_name="govkg")
@click.pass_context
def cli(context, workspace, store, wait):
    """govkg: Chinese government news to a knowledge graph of officials, agencies, projects and campaigns."""
    context.ensure_object(dict)
    context.obj["workspace"] = workspace
    context.obj["store"] = store
    context.obj["wait"] = wait


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 64),
              help="Processes for nlp and extraction (default: one per CPU); results are stored in input order.")
@click.option("--dask", "dask_address", metavar="ADDRESS|local:N",
              help="Run nlp and extraction on the Dask cluster whose scheduler is at ADDRESS "
                   "(tcp://HOST:8786), or on N local worker processes; needs govkg[dask].")
@click.option("--emit-nquads", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write every article's graph to N-Quads files in DIR (one per batch) for a triple "
                   "store's bulk loader, instead of into the store; no kg.ttl or view is made.")
@click.option("--city", default=None, metavar="CITY",
              help="The home city, with or without 市: what a page's bare 市 means when nothing on the page "
                   "says where it is from. Default: the city of kg/data/home.tsv.")
@click.option("--date", "date_text", default=None, metavar="YYYY-MM-DD",
              help="The publication date of every page read (a manifest's own dates win over it).")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="CSV",
              help="A CSV with a header of file,date,url,outlet,page (any may be empty; file relative to the "
                   "CSV's folder) that dates and cites each file; it wins over what the files say.")
@click.option("--lexicon", "lexicon", multiple=True, type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="A folder of your own lexicon files (NAME.tsv, with the header of kg/data/NAME.tsv) whose "
                   "rows are read after the package's: more titles, bodies, places (repeatable).")
@click.option("--rebuild", is_flag=True,
              help="Delete the store and make it again from every input the workspace's builds were given "
                   "(with their --date, --manifest, --city and --lexicon), then from PATHS if any: the way "
                   "back from a damaged store.")
@workspace_option
def build(workspace: Path, store: str, paths: tuple[Path, ...], jobs: int, dask_address: str | None,
          emit_nquads: Path | None, city: str | None, date_text: str | None, manifest: Path | None,
          lexicon: tuple[Path, ...], rebuild: bool):
    """Add the articles of PATHS (files or folders; default: seeds/) to the workspace.

    Reads .txt, .md, .html and .jsonl in UTF-8, UTF-16, GB18030 or Big5. A page is dated
    by --date or --manifest, else by its record or HTML head, its folders or file name,
    or its masthead and datelines. Unchanged articles are skipped; files that cannot be
    read are listed with the reason, and malformed dates and URLs as notes. Exits 1 when
    any input was skipped. What each build was given is recorded in the workspace
    (build-inputs.json), for --rebuild.
    """
    from kg.history import BuildInputs, recorded

    if jobs and dask_address:
        raise click.UsageError("give -j/--jobs or --dask, not both: with --dask the cluster's workers do the work")
    _check_lexicon_and_city(lexicon, city)
    given = BuildInputs.given(paths or (DEFAULT_CORPUS,), date_text, manifest, city, lexicon)
    runs = [given]
    if rebuild:
        from kg.rdf.store import MEMORY, is_endpoint
        if emit_nquads or store == MEMORY or is_endpoint(store):
            raise click.UsageError("--rebuild makes a store folder again: not with --emit-nquads, memory or a server")
        if not paths and (date_text or manifest or city or lexicon):
            raise click.UsageError("--date, --manifest, --city and --lexicon go with PATHS: --rebuild builds "
                                   "each recorded build again with its own")
        try:
            runs = recorded(workspace, store)
            if paths:  # built last, as it would be if recorded
                runs = [inputs for inputs in runs if inputs != given] + [given]
        except ValueError as error:
            raise click.ClickException(str(error))
        if not runs:
            raise click.UsageError(f"{workspace} records no build to make again: give the files to build")
    skipped = 0
    for index, inputs in enumerate(runs):
        if len(runs) > 1:
            click.echo(f"build {index + 1} of {len(runs)}: {' '.join(inputs.paths)}", err=True)
        skipped += _build_once(workspace, store, inputs, jobs or os.cpu_count() or 1, dask_address, emit_nquads,
                               fresh=rebuild and index == 0)
    if skipped:
        sys.exit(1)


def _check_lexicon_and_city(folders: tuple[Path, ...], city: str | None) -> None:
    """Refuse a lexicon folder that is none, and a city no division of China (or of those folders) is."""
    if not folders and not city:
        return
    from kg.lexicon import Lexicon, LexiconError
    from kg.resolve import Places

    try:
        lexicon = Lexicon.with_user_folders(folders)
    except LexiconError as error:
        raise click.BadParameter(str(error), param_hint="--lexicon")
    try:
        Places(lexicon).home(city)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--city")


def _build_once(workspace: Path, store: str, inputs, jobs: int, dask_address: str | None, emit_nquads: Path | None,
                fresh: bool) -> int:
    """One build of `inputs` (kg.history.BuildInputs) with a progress bar, then its summary. Records the
    inputs for --rebuild, and returns how many inputs were skipped."""
    from kg.build import BuildLocked
    from kg.build import build as run_build
    from kg.cluster import ClusterError
    from kg.history import record
    from kg.ingest import iter_input_files
    from kg.ingest.metadata import printable
    from kg.rdf.store import MEMORY, StoreDamaged, StoreError, as_store_error, is_endpoint

    described = _described(inputs.date, Path(inputs.manifest) if inputs.manifest else None)
    paths = [Path(path) for path in inputs.paths]
    console = _console()
    total = sum(1 for item in iter_input_files(paths) if isinstance(item, Path))
    with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total)
        try:
            report = run_build(paths, workspace, store=store, jobs=jobs, dask=dask_address, emit_nquads=emit_nquads,
                               city=inputs.city, lexicon=inputs.lexicon, described=described, fresh=fresh,
                               wait=click.get_current_context().obj.get("wait", False),
                               on_file=lambda path: progress.update(task, advance=1, description=path.name))
        except (BuildLocked, ClusterError) as error:
            raise click.ClickException(str(error))
        except (StoreError, OSError, RuntimeError) as error:
            failure = as_store_error(error, store)
            if failure is error or isinstance(failure, StoreDamaged):
                raise click.ClickException(_with_the_way_back(failure, workspace, store))
            if failure:  # RocksDB could not write its files: a full disk
                stopped_by = str(failure)
            elif isinstance(error, OSError):  # a full disk, a workspace that cannot be written
                where = f" ({error.filename})" if error.filename else ""
                if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise click.ClickException(f"kg build cannot write the workspace {workspace}: "
                                               f"{error.strerror}{where}; give one you may write with -w")
                stopped_by = f"{error.strerror or error}{where}"
            else:
                raise
            raise click.ClickException(f"kg build stopped: {stopped_by}; what was stored stays, and the next "
                                       "build completes it")
    if not emit_nquads and store != MEMORY and not is_endpoint(store):
        try:
            record(workspace, store, inputs)
        except ValueError as error:
            click.echo(f"not recorded for --rebuild: {error}", err=True)
    table = Table(title=f"kg build → {workspace}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files read", str(report.files))
    table.add_row("articles", str(report.articles))
    table.add_row("articles built", str(report.articles_built))
    table.add_row("articles unchanged", str(report.articles_unchanged))
    # the graph's nodes, as kg stats counts them; with no store (--emit-nquads), the facts read
    heading, counts = (("in the graph (nodes)", report.graph) if report.graph
                       else ("facts read (mentions)", report.facts))
    table.add_row(heading, "")
    for kind, count in counts.items():
        table.add_row(f"  {kind}", str(count))
    table.add_row("skipped", str(len(report.skipped)))
    table.add_row("notes", str(len(report.notices)))
    console.print(table)
    for skipped in report.skipped:
        console.print(f"skipped {skipped.shown}: {printable(skipped.reason)}", markup=False)
    for notice in report.notices:
        console.print(f"note {notice.shown}: {printable(notice.reason)}", markup=False)
    if emit_nquads:
        console.print(f"N-Quads: {len(list(emit_nquads.glob('batch-*.nq')))} files in {emit_nquads}; "
                      f"load them with: oxigraph load --location DB --file {emit_nquads}/*.nq", markup=False)
    console.print(f"report: {workspace / 'build-report.json'}", markup=False)
    return len(report.skipped)


def _described(date_text: str | None, manifest: Path | None):
    """What --date and --manifest tell the build of its files; a bad date or manifest is a usage error."""
    from kg.ingest import Described
    from kg.ingest.metadata import OPTION, ManifestError, given_info, read_manifest

    everything, bad = given_info(date=date_text, date_source=OPTION)
    if bad:
        raise click.BadParameter(str(bad[0]), param_hint="--date")
    if manifest is None:
        return Described(everything=everything)
    try:
        files, notices = read_manifest(manifest)
    except ManifestError as error:
        raise click.BadParameter(str(error), param_hint="--manifest")
    return Described(files, everything, tuple(notices))


@cli.command()
@click.option("-n", "--top", default=10, show_default=True, help="How many rows each ranking lists.")
@workspace_option
def stats(workspace: Path, store: str, top: int):
    """Counts by type; the most central officials and agencies; communities; campaigns with the
    most agencies; the largest investments by place."""
    with _reading(workspace, store) as graph:
        _print_stats(graph, top)


def _print_stats(graph, top: int) -> None:
    from kg import analyze

    console = _console()
    console.print(_table("nodes in the graph, by type (as the build summary counts them)", ["type", "count"],
                         analyze.counts_by_type(graph).items()))
    people_orgs = analyze.people_org_graph(graph)
    for node_type, heading in (("person", "most central officials"), ("organisation", "most central agencies")):
        rows = [(r["label"], r["degree"], f"{r['betweenness']:.3f}")
                for r in analyze.most_central(people_orgs, node_type, top)]
        console.print(_table(f"{heading} (people-organisation graph)", ["name", "degree", "betweenness"], rows))
    rows = [(i + 1, c["size"], "、".join(c["members"])) for i, c in enumerate(analyze.communities(people_orgs, top))]
    console.print(_table("communities (Louvain)", ["#", "size", "top members"], rows))
    rows = [(r["campaign"], r["agencies"], "、".join(r["bodies"][:4])) for r in analyze.campaigns_by_agencies(graph, top)]
    console.print(_table("campaigns with the most agencies", ["campaign", "agencies", "bodies"], rows))
    rows = [(r["place"], r["projects"], _yuan(r["total_yuan"]), r["largest"])
            for r in analyze.investments_by_place(graph, top)]
    console.print(_table("largest investments by place", ["place", "projects", "total", "largest project"], rows))


def _table(title: str, columns: list[str], rows) -> Table:
    """A rich table; columns whose every cell is a number align right (rich measures CJK width)."""
    rows = [[str(cell) for cell in row] for row in rows]
    table = Table(title=title)
    for index, column in enumerate(columns):
        cells = [row[index] for row in rows if row[index]]
        numeric = bool(cells) and all(_NUMBER.fullmatch(cell) for cell in cells)
        table.add_column(column, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _yuan(amount) -> str:
    """Yuan in the unit a reader of the papers expects: 5.4亿元."""
    return f"{amount / 100_000_000:,.2f}亿元"


@cli.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to the literal VALUE (repeatable); values are bound as RDF terms, never pasted.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="An aligned table, CSV or JSON.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Stop a query that runs longer than this.")
@click.option("--allow-service", is_flag=True,
              help="Run a query that reads beyond the store (SERVICE requests, FROM loading URLs or files).")
@workspace_option
def query(workspace: Path, store: str, query: str, params: tuple[str, ...], output_format: str, timeout: float,
          allow_service: bool):
    """Run QUERY: SPARQL text, a .rq file, or a named query of ontology/queries/.

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
    """
    from kg.query import QueryError, resolve_params, run_isolated, stream_query

    text, bindings = _query_and_params(query, params)

    def answer():
        """Run in a process of its own, which a timeout or Ctrl-C stops (Oxigraph heeds neither): first the
        notes on the names looked up and the columns, then the rows as the store finds them."""
        try:
            with _opened(workspace, store) as opened:
                found, notes = resolve_params(opened, text, bindings)
                names, rows = stream_query(opened, query, found, allow_service)
                yield notes, names
                yield from rows
        except click.ClickException as error:
            raise QueryError(error.message) from None

    try:
        with _held_for_reading(store), contextlib.closing(run_isolated(answer, timeout)) as answers:
            notes, names = next(answers)
            for note in notes:
                click.echo(note, err=True)
            _print_rows(names, answers, output_format, lambda count: f"{count} rows")
    except QueryError as error:
        raise click.ClickException(str(error))


def _query_and_params(query: str, params) -> tuple[str, dict]:
    """The query's text and the --param values, checked against the parameters it takes (exit 2 if not)."""
    from kg.query import QueryError, check_params, load_query, parse_params

    try:
        text = load_query(query)
    except QueryError as error:
        raise click.ClickException(str(error))
    try:
        bindings = parse_params(params)
        check_params(text, bindings)
    except QueryError as error:
        raise click.UsageError(str(error))
    return text, bindings


@cli.command()
@click.argument("text")
@click.option("--type", "node_types", multiple=True, type=click.Choice(TYPE_NAMES),
              help="Only nodes of this type (repeatable). Default: every type.")
@click.option("-n", "--limit", default=50, show_default=True, type=click.IntRange(1), help="At most this many rows.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="An aligned table, CSV or JSON.")
@workspace_option
def search(workspace: Path, store: str, text: str, node_types: tuple[str, ...], limit: int, output_format: str):
    """Find every person, body, project, campaign or meeting whose name or alias contains TEXT.

    Each row gives the node's type, its name, the name that matched, a person's identity
    key, the number of articles naming it and their first and last dates. When nothing
    contains TEXT, the nearest names are suggested and the command exits 1.
    """
    from kg.search import find, not_found

    types = node_types or TYPE_NAMES
    with _reading(workspace, store) as opened:
        hits = find(opened, text, types)
        if not hits:
            raise click.ClickException(str(not_found(opened, text, types)))
    names = ["type", "name", "matched", "key", "articles", "first", "last"]
    rows = [(h.type, h.label, h.matched, h.key or "", h.articles, h.first or "", h.last or "") for h in hits[:limit]]
    _print_rows(names, rows, output_format,
                lambda count: f"{len(hits)} nodes" + (f", the first {limit}" if len(hits) > limit else ""))


def _print_rows(names: list[str], rows: Iterable[tuple], output_format: str, title: Callable[[int], str]) -> None:
    """Rows (of RDF terms or plain values) as CSV or JSON, each written as it comes, or as a table under
    title(number of rows) (a terminal's escapes in the text shown, never run)."""
    from kg.ingest.metadata import printable
    from kg.query import cell, csv_lines, json_lines

    if output_format in ("csv", "json"):
        lines = csv_lines(names, rows) if output_format == "csv" else json_lines(names, rows)
        for line in lines:
            sys.stdout.write(line)
        sys.stdout.flush()
        return
    shown = [[printable(cell(value)) for value in row] for row in rows]
    _console().print(_table(title(len(shown)), names, shown))


@cli.command()
@click.option("--format", "output_format", type=click.Choice(list(EXPORT_FORMATS)), default="turtle",
              show_default=True, help="RDF (turtle, nt, nquads, trig, jsonld), a network (graphml, gexf), a csv "
                                      "table, or ftm (FollowTheMoney entities, JSON lines, for Aleph).")
@click.option("--table", type=click.Choice(["edges", "nodes"]), default="edges", show_default=True,
              help="With --format csv: which table (each edge with its sentence and date, or each node).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here. Default: standard output; graphml and gexf default to WORKSPACE/kg.FORMAT.")
@workspace_option
def export(workspace: Path, store: str, output_format: str, table: str, output: Path | None):
    """Export the graph for other tools: triple stores, Gephi, spreadsheets (CSV with a byte-order
    mark, so Excel reads the Chinese), Aleph and OpenSanctions' tools (FollowTheMoney)."""
    from kg.export import NETWORK_FORMATS, SUFFIXES, csv_table, export_network, export_rdf
    from kg.ftm import FtmUnavailable, write_ftm
    from kg.files import write_atomically

    with _reading(workspace, store) as opened:
        if output_format in NETWORK_FORMATS:
            target = output or workspace / f"kg{SUFFIXES[output_format]}"
            export_network(opened, output_format, target)
            click.echo(f"wrote {target}", err=True)
            return
        if output_format == "ftm":
            buffer = io.StringIO()
            try:
                count = write_ftm(opened, buffer)
            except FtmUnavailable as error:
                raise click.ClickException(str(error))
            text = buffer.getvalue()
            click.echo(f"{count} FollowTheMoney entities", err=True)
        elif output_format == "csv":
            text = csv_table(opened, table)
        else:
            text = export_rdf(opened, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("--focus", default=None, metavar="NAME", help="Draw only what lies near the node of this name.")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 10), help="How far from --focus to draw.")
@click.option("--types", default=None, metavar="TYPE,...",
              help=f"Node types to keep, comma separated: {', '.join(TYPE_NAMES)}.")
@click.option("--isolated", is_flag=True, help="Keep the nodes tied to nothing (left out by default).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write. Default: WORKSPACE/graph.html, or WORKSPACE/view-NAME.html with --focus.")
@workspace_option
def view(workspace: Path, store: str, focus: str | None, hops: int, types: str | None, isolated: bool,
         output: Path | None):
    """Write an interactive HTML view (self-contained, opens offline): the whole graph or the ego graph of --focus."""
    from kg.analyze import entity_graph, with_evidence, without_isolates
    from kg.view import write_view

    with _reading(workspace, store) as opened:
        if focus:
            focus = _found_name(opened, focus, types)
        network = _chosen_part(entity_graph(opened), focus, hops, types)
        network = with_evidence(network if isolated else without_isolates(network), opened)
    title = f"govkg · {focus} · {hops} hops" if focus else "govkg"
    target = output or workspace / (f"view-{focus}.html" if focus else "graph.html")
    write_view(network, target, title)
    click.echo(f"wrote {target}: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges")


@cli.command()
@click.argument("name", required=False)
@click.option("--org", default=None, metavar="BODY", help="With --title: chart the holders of an office instead "
                                                          "(the body's canonical name or an alias).")
@click.option("--title", "post_title", default=None, metavar="TITLE", help="The office's title, with --org (局长).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write. Default: WORKSPACE/timeline-NAME.html.")
@workspace_option
def timeline(workspace: Path, store: str, name: str | None, org: str | None, post_title: str | None,
             output: Path | None):
    """Chart a person's career (NAME), or who held an office (--org and --title), over time.

    Each post is a bar from the first to the last dated article that reports it, marked where
    an appointment began it or a removal ended it. The page is self-contained and opens offline.
    """
    from kg.analyze.careers import career, holders
    from kg.chart import write_timeline
    from kg.query import QueryError

    if bool(org) != bool(post_title) or bool(name) == bool(org):
        raise click.UsageError("give a person's NAME, or --org and --title for an office")
    try:
        with _reading(workspace, store) as opened:
            if name:
                name = _found_name(opened, name, "person")
                spells = career(opened, name)
            else:
                org = _found_name(opened, org, "organisation")
                spells = holders(opened, org, post_title)
    except QueryError as error:
        raise click.ClickException(str(error))
    subject = name or f"{org} {post_title}"
    if not spells:
        raise click.ClickException(f"no posts of {subject!r} in the graph")
    target = output or workspace / f"timeline-{subject.replace(' ', '-').replace('/', '-')}.html"
    write_timeline(f"govkg · {subject}", spells, target)
    dated = [spell for spell in spells if spell.start]
    span = f", {min(s.start for s in dated)} to {max(s.end for s in dated)}" if dated else ""
    click.echo(f"wrote {target}: {len(spells)} rows{span}")


def _found_name(opened, text: str, types: str | None) -> str:
    """The name of the node that `text` finds (kg.search); says on stderr which one when it is not `text`."""
    from kg.search import NotFound, choice_note, choose

    wanted = tuple(t.strip() for t in types.split(",") if t.strip() in TYPE_NAMES) if types else TYPE_NAMES
    try:
        chosen, others = choose(opened, text, wanted or TYPE_NAMES)
    except NotFound as error:
        raise click.ClickException(str(error))
    if note := choice_note(text, chosen, others):
        click.echo(note, err=True)
    return chosen


def _chosen_part(network, focus: str | None, hops: int, types: str | None):
    """The part of the network a view asked for: some types, the neighbourhood of one name."""
    from kg.analyze import ego_network, of_types

    if types:
        wanted = {t.strip() for t in types.split(",") if t.strip()}
        if unknown := wanted - set(TYPE_NAMES):
            raise click.BadParameter(f"unknown type {', '.join(sorted(unknown))}; choose from {', '.join(TYPE_NAMES)}",
                                     param_hint="--types")
        network = of_types(network, wanted)
    if focus:
        try:
            network = ego_network(network, focus, hops)
        except KeyError:
            raise click.ClickException(f"no node named {focus!r} in the graph")
    return network


@cli.command()
@workspace_option
def validate(workspace: Path, store: str):
    """Check the graph against ontology/shapes.ttl (SHACL); exits 1 when anything breaks a shape."""
    from kg.validate import validate as run_validation

    violations = run_validation(_union(workspace, store))
    console = _console()
    if not violations:
        console.print("the graph conforms to ontology/shapes.ttl: 0 violations")
        return
    console.print(_table(f"{len(violations)} violations of ontology/shapes.ttl", ["node", "property", "message"],
                         ((v.focus, v.path, v.message) for v in violations)))
    sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output as an aligned table or as JSON.")
@click.option("--errors", is_flag=True, help="Also list, per fact type, the gold facts missed and the facts found "
                                              "that the gold does not hold, each with its file.")
@workspace_option
def evaluate_command(workspace: Path, store: str, gold: Path, output_format: str, errors: bool):
    """Precision, recall and F1 per fact type of the workspace against GOLD (a gold JSON file).

    Each row counts facts of one type over every file of the gold: `gold` the facts the gold holds,
    `predicted` those the graph holds for the same files, `matched` those in both."""
    from kg.evaluate import error_sentences, evaluate

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
        gold_data["documents"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise click.ClickException(f"{gold} is not a gold file ({error})")
    graph = _union(workspace, store)
    result = evaluate(graph, gold_data)
    scores = result["scores"]
    sentences = error_sentences(graph, scores) if errors else {}
    if output_format == "json":
        click.echo(json.dumps({
            "scores": {t: {"gold": s.gold, "predicted": s.predicted, "matched": s.matched, "precision": round(s.precision, 4),
                           "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for t, s in scores.items()},
            "amounts": result["amounts"], "meeting_dates": result["meeting_dates"],
            "people_merged": result["people_merged"], "people_split": result["people_split"],
            **({"errors": {t: {kind: [{"file": f, "fact": fact, "sentence": sentences.get((f, fact), "")}
                                      for f, fact in facts] for kind, facts in (("missed", s.missed), ("false", s.false))}
                           for t, s in scores.items()}} if errors else {})},
            ensure_ascii=False, indent=1))
        return
    table = Table(title=f"kg eval {gold.name}: facts per file as GUIDELINES.md counts them "
                        "(a person is a name on a page, a post a person, title and body)")
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
    if errors:
        for fact_type, s in scores.items():
            if s.missed or s.false:
                rows = [(sign, file_name, fact, sentences.get((file_name, fact), ""))
                        for sign, facts in (("-", s.missed), ("+", s.false)) for file_name, fact in facts]
                console.print(_table(f"{fact_type}: {len(s.missed)} missed (-), {len(s.false)} false (+)",
                                     ["", "file", "fact", "the sentence that names it"], rows))


def main():
    cli(obj={})


if __name__ == "__main__":
    main()
