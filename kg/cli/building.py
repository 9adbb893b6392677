"""kg build: articles into the workspace, with a progress bar and a summary."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli import cli
from kg.cli.options import format_option, workspace_option
from kg.cli.output import Output
from kg.cli.stores import with_the_way_back
from kg.errors import GovkgError

DEFAULT_CORPUS = Path("seeds")


class _Jobs(click.ParamType):
    """-j: a number of processes, or auto."""

    name = "N|auto"

    def convert(self, value, param, context):
        if value == "auto" or isinstance(value, int):
            return value
        try:
            jobs = int(value)
        except ValueError:
            jobs = 0
        if not 1 <= jobs <= 64:
            self.fail(f"{value!r} is neither auto nor a number of processes from 1 to 64", param, context)
        return jobs


JOBS = _Jobs()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option(
    "-j",
    "--jobs",
    type=JOBS,
    default="auto",
    show_default=True,
    help="Processes for nlp and extraction: N, or auto (one per CPU where the corpus pays for their start-up); "
    "results are stored in input order.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS|local:N",
    help="Run nlp and extraction on the Dask cluster whose scheduler is at ADDRESS "
    "(tcp://HOST:8786), or on N local worker processes; needs govkg[dask].",
)
@click.option(
    "--emit-nquads",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write every article's graph to N-Quads files in DIR (one per batch) for a triple "
    "store's bulk loader, instead of into the store; no kg.ttl or view is made.",
)
@click.option(
    "--city",
    default=None,
    metavar="CITY",
    help="The home city, with or without 市: what a page's bare 市 means when nothing on the page "
    "says where it is from. Default: the city of kg/data/home.tsv.",
)
@click.option(
    "--date",
    "date_text",
    default=None,
    metavar="YYYY-MM-DD",
    help="The publication date of every page read (a manifest's own dates win over it).",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="CSV",
    help="A CSV with a header of file,date,url,outlet,page (any may be empty; file relative to the "
    "CSV's folder) that dates and cites each file; it wins over what the files say.",
)
@click.option(
    "--lexicon",
    "lexicon",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of your own lexicon files (NAME.tsv, with the header of kg/data/NAME.tsv) whose "
    "rows are read after the package's: more titles, bodies, places (repeatable).",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Delete the store and make it again from every input the workspace's builds were given "
    "(with their --date, --manifest, --city and --lexicon), then from PATHS if any: the way "
    "back from a damaged store.",
)
@format_option
@workspace_option
def build(
    workspace: Path,
    store: str,
    paths: tuple[Path, ...],
    jobs: int,
    dask_address: str | None,
    emit_nquads: Path | None,
    city: str | None,
    date_text: str | None,
    manifest: Path | None,
    lexicon: tuple[Path, ...],
    rebuild: bool,
    output_format: str,
):
    """Add the articles of PATHS (files or folders; default: seeds/) to the workspace.

    Reads .txt, .md, .html and .jsonl in UTF-8, UTF-16, GB18030 or Big5. A page is dated
    by --date or --manifest, else by its record or HTML head, its folders or file name,
    or its masthead and datelines. Unchanged articles are skipped; files that cannot be
    read are listed with the reason, and malformed dates and URLs as notes. Exits 1 when
    any input was skipped. What each build was given is recorded in the workspace
    (build-inputs.json), for --rebuild.
    """
    from kg.history import BuildInputs, recorded

    if jobs != "auto" and dask_address:
        raise click.UsageError("give -j/--jobs or --dask, not both: with --dask the cluster's workers do the work")
    _check_lexicon_and_city(lexicon, city)
    given = BuildInputs.given(paths or (DEFAULT_CORPUS,), date_text, manifest, city, lexicon)
    runs = [given]
    if rebuild:
        from kg.rdf.store import MEMORY, is_endpoint

        if emit_nquads or store == MEMORY or is_endpoint(store):
            raise click.UsageError("--rebuild makes a store folder again: not with --emit-nquads, memory or a server")
        if not paths and (date_text or manifest or city or lexicon):
            raise click.UsageError(
                "--date, --manifest, --city and --lexicon go with PATHS: --rebuild builds "
                "each recorded build again with its own"
            )
        try:
            runs = recorded(workspace, store)
            if paths:  # built last, as it would be if recorded
                runs = [inputs for inputs in runs if inputs != given] + [given]
        except ValueError as error:
            raise click.ClickException(str(error)) from error
        if not runs:
            raise click.UsageError(f"{workspace} records no build to make again: give the files to build")
    output = Output(output_format)
    skipped = 0
    for index, inputs in enumerate(runs):
        if len(runs) > 1:
            click.echo(f"build {index + 1} of {len(runs)}: {' '.join(inputs.paths)}", err=True)
        skipped += _build_once(
            workspace,
            store,
            inputs,
            jobs,
            dask_address,
            emit_nquads,
            rebuild and index == 0,
            output,
        )
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
        raise click.BadParameter(str(error), param_hint="--lexicon") from error
    try:
        Places(lexicon).home(city)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--city") from error


def _build_once(
    workspace: Path,
    store: str,
    inputs,
    jobs: int | str,
    dask_address: str | None,
    emit_nquads: Path | None,
    fresh: bool,
    output: Output,
) -> int:
    """One build of `inputs` (kg.history.BuildInputs) with a progress bar, then its summary. Records the
    inputs for --rebuild, and returns how many inputs were skipped."""
    from kg.build import auto_jobs
    from kg.build import build as run_build
    from kg.history import record
    from kg.ingest import iter_input_files
    from kg.rdf.store import MEMORY, StoreError, is_endpoint

    described = _described(inputs.date, Path(inputs.manifest) if inputs.manifest else None)
    paths = [Path(path) for path in inputs.paths]
    # the folders walked once: the files give the progress bar's total and -j auto's sizes
    files = [item for item in iter_input_files(paths, workspace) if isinstance(item, Path)]
    if jobs == "auto":
        jobs = auto_jobs(files)
    total = len(files)
    with Progress(
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)
        try:
            report = run_build(
                paths,
                workspace,
                store=store,
                jobs=jobs,
                dask=dask_address,
                emit_nquads=emit_nquads,
                city=inputs.city,
                lexicon=inputs.lexicon,
                described=described,
                fresh=fresh,
                wait=click.get_current_context().obj.get("wait", False),
                on_file=lambda path: progress.update(task, advance=1, description=path.name),
            )
        except StoreError as error:
            raise with_the_way_back(error, workspace, store) from None
        except GovkgError:
            raise
        except (OSError, RuntimeError) as error:
            meant = _stopped(error, workspace, store)
            if meant is error:
                raise
            raise meant from error
    if not emit_nquads and store != MEMORY and not is_endpoint(store):
        try:
            record(workspace, store, inputs)
        except ValueError as error:
            click.echo(f"not recorded for --rebuild: {error}", err=True)
    _summary(report, workspace, emit_nquads, output)
    return len(report.skipped)


def _stopped(error: OSError | RuntimeError, workspace: Path, store: str) -> Exception:
    """What a failure midway through a build means to its user: a damaged store (and the way back), a
    workspace it may not write, or a full disk; anything else stays the error it is."""
    from kg.rdf.store import StoreDamaged, as_store_error

    failure = as_store_error(error, store)
    if isinstance(failure, StoreDamaged):
        return with_the_way_back(failure, workspace, store)
    if failure:  # RocksDB could not write its files: a full disk
        stopped_by = str(failure)
    elif isinstance(error, OSError):  # a full disk, a workspace that cannot be written
        where = f" ({error.filename})" if error.filename else ""
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return GovkgError(
                f"kg build cannot write the workspace {workspace}: {error.strerror}{where}; "
                "give one you may write with -w"
            )
        stopped_by = f"{error.strerror or error}{where}"
    else:
        return error
    return GovkgError(f"kg build stopped: {stopped_by}; what was stored stays, and the next build completes it")


def _summary(report, workspace: Path, emit_nquads: Path | None, output: Output) -> None:
    """The build's summary: a table of counts (the report itself as JSON), then each input skipped or noted."""
    from kg.ingest.metadata import printable

    if output.format == "json":
        output.document(report.as_json())
    else:
        # the graph's nodes, as kg stats counts them; with no store (--emit-nquads), the facts read
        heading, counts = (
            ("in the graph (nodes)", report.graph) if report.graph else ("facts read (mentions)", report.facts)
        )
        rows = [
            ("files read", report.files),
            ("articles", report.articles),
            ("articles built", report.articles_built),
            ("articles unchanged", report.articles_unchanged),
            (heading, None),
            *((f"  {kind}", count) for kind, count in counts.items()),
            ("skipped", len(report.skipped)),
            ("notes", len(report.notices)),
        ]
        output.rows(f"kg build → {workspace}", ["what", "count"], rows)
        for skipped in report.skipped:
            output.note(f"skipped {skipped.shown}: {printable(skipped.reason)}")
        for notice in report.notices:
            output.note(f"note {notice.shown}: {printable(notice.reason)}")
    if emit_nquads:
        output.note(
            f"N-Quads: {len(list(emit_nquads.glob('batch-*.nq')))} files in {emit_nquads}; "
            f"load them with: oxigraph load --location DB --file {emit_nquads}/*.nq"
        )
    output.note(f"report: {workspace / 'build-report.json'}")


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
        raise click.BadParameter(str(error), param_hint="--manifest") from error
    return Described(files, everything, tuple(notices))
