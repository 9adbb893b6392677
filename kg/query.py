"""Named and ad-hoc SPARQL over the workspace, with parameters bound as RDF terms, never pasted into the text.

A query is a SPARQL string, a .rq file, or the name of a file in kg/ontology/queries/
(officials, person-posts, org-people, projects, campaigns, campaign-agencies,
co-mentions, timeline, succession). `--param name=夏扬` binds ?name to the literal "夏扬".

A query declares its parameters in comments, one a line: `# param NAME: TYPE  what it is`, TYPE a
node type of kg.types (the value is then looked up by kg.search, so 市科技局 finds 郑州市科技局) or
`text`. A query that declares none takes its own variables.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import math
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import GovkgError
from kg.rdf.sparql import Reach, reach, tokens
from kg.rdf.store import StoreDamaged, first_line
from kg.rdf.store.queries import PREFIX_IRIS

QUERY_DIR = Path(__file__).resolve().parent / "ontology" / "queries"
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DEFAULT_TIMEOUT = 60.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


T = TypeVar("T")


class QueryError(GovkgError, ValueError):
    """A query that cannot be run, with a message for the user."""


class ParameterError(QueryError):
    """A --param the query cannot take: a usage error."""

    usage = True


def named_queries() -> dict[str, Path]:
    """The named queries of kg/ontology/queries/, by name.

    >>> sorted(named_queries())[:3]
    ['campaign-agencies', 'campaigns', 'co-mentions']
    """
    return {path.stem: path for path in sorted(QUERY_DIR.glob("*.rq"))}


def load_query(spec: str) -> str:
    """The SPARQL text that `spec` stands for: a named query, a .rq file, or SPARQL itself."""
    queries = named_queries()
    if spec in queries:
        return queries[spec].read_text(encoding="utf-8")
    if spec.endswith(".rq"):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"no query file {spec}")
        return path.read_text(encoding="utf-8")
    found = reach(spec, PREFIX_IRIS)
    _refuse_updates(found)
    if found.form is None:
        raise QueryError(f"{spec!r} is neither SPARQL, a .rq file nor a named query ({', '.join(queries)})")
    return spec


@dataclass(frozen=True)
class Param:
    """A parameter a query declares: its name, the type of node its value names (or text), what it is."""

    name: str
    type: str
    help: str


_PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)[ \t]*(?P<help>.*)$", re.M)


def declared_params(text: str) -> dict[str, Param]:
    r"""The parameters a query's comments declare.

    >>> declared_params("# param org: organisation  the body (市科技局)\nSELECT ?x WHERE { ?x ?p ?org }")
    {'org': Param(name='org', type='organisation', help='the body (市科技局)')}
    """
    return {m["name"]: Param(m["name"], m["type"], m["help"].strip()) for m in _PARAM_LINE.finditer(text)}


def check_params(text: str, bindings: dict[str, Node]) -> None:
    r"""Refuse a parameter the query does not take: those it declares, else its own variables.

    >>> try:
    ...     check_params("# param name: person\nSELECT ?t WHERE { ?p ?t ?name }", {"nmae": Literal("夏扬")})
    ... except QueryError as error:
    ...     print(error)
    no parameter 'nmae': this query takes --param name
    """
    declared = declared_params(text)
    variables = {token.text[1:] for token in tokens(text) if token.kind == "variable"}
    allowed = sorted(declared) if declared else sorted(variables)
    unknown = sorted(set(bindings) - set(allowed))
    if unknown:
        takes = f"takes --param {', '.join(allowed)}" if allowed else "takes no parameters"
        raise ParameterError(f"no parameter {', '.join(map(repr, unknown))}: this query {takes}")


def resolve_params(store, text: str, bindings: dict[str, Node]) -> tuple[dict[str, Node], list[str]]:
    """Bind each parameter that names a node to the name of the node it finds (kg.search.choose): the
    short form 市科技局 binds 郑州市科技局. Returns the bindings and a line for each value read otherwise.

    Raises QueryError, with the nearest names, for a value that finds no node.
    """
    from kg.search import NotFound, choice_note, choose
    from kg.types import BY_NAME

    resolved, notes = dict(bindings), []
    for name, param in declared_params(text).items():
        if name not in bindings or param.type not in BY_NAME:
            continue
        value = str(bindings[name])
        try:
            chosen, others = choose(store, value, (param.type,))
        except NotFound as error:
            raise QueryError(str(error)) from None
        resolved[name] = Literal(chosen)
        if note := choice_note(value, chosen, others):
            notes.append(f"{name}: {note}")
    return resolved, notes


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, Node]:
    """KEY=VALUE pairs to variable bindings: each value becomes one plain literal, whatever it holds.

    >>> parse_params(["name=夏扬"])
    {'name': rdflib.term.Literal('夏扬')}
    """
    bindings: dict[str, Node] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not _PARAM_NAME.fullmatch(key):
            raise ParameterError(f"--param takes NAME=VALUE, got {pair!r}")
        bindings[key] = Literal(value)
    return bindings


def check_reach(text: str, own_graph: Callable[[str], bool]) -> None:
    """Refuse a query that would do more than read the store: an update, SERVICE (a web request), FROM or
    FROM NAMED of a graph the store does not hold (read from a URL or a file). The query is read as SPARQL
    reads it (kg.rdf.sparql), so a keyword in an IRI, a string, a comment or a variable's name is none;
    `kg query --allow-service` runs SERVICE and FROM, never an update.

    own_graph: whether the store holds the graph of this IRI.

    >>> try:
    ...     check_reach("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", lambda iri: False)
    ... except QueryError as error:
    ...     print(error)
    the query reads beyond the store (SERVICE): add --allow-service to run it
    >>> check_reach('SELECT ?from WHERE { ?from ?p "DELETE from the service" }', lambda iri: False)
    """
    found = reach(text, PREFIX_IRIS)
    _refuse_updates(found)
    if found.services:
        raise QueryError("the query reads beyond the store (SERVICE): add --allow-service to run it")
    outside = [iri for iri in found.graphs if not own_graph(iri)]
    if found.unnamed_graphs or outside:
        graph = f"FROM <{outside[0]}>" if outside else "FROM"
        raise QueryError(
            f"the query reads beyond the store ({graph}, not a graph of it): add --allow-service to run it"
        )


def _refuse_updates(found: Reach) -> None:
    if found.updates:
        raise QueryError(f"kg query reads the graph; updates are not run ({found.updates[0]})")


def run_query(
    store, spec: str, params: dict[str, Node] | None = None, allow_service: bool = False
) -> tuple[list[str], list[tuple]]:
    """Run a query on a store (kg.rdf.store) and return (column names, rows of RDF terms or None).

    params: values for the query's parameters, as given (see resolve_params to look names up first).
    allow_service: run a query that reads beyond the store (SERVICE, FROM), refused otherwise.
    """
    names, rows = stream_query(store, spec, params, allow_service)
    return names, list(rows)


def stream_query(
    store, spec: str, params: dict[str, Node] | None = None, allow_service: bool = False
) -> tuple[list[str], Iterator[tuple]]:
    """As run_query, the rows given as the store finds them. A damaged store raises StoreDamaged; any other
    failure, now or as the rows are read, is a QueryError."""
    text = load_query(spec)
    if allow_service:
        _refuse_updates(reach(text, PREFIX_IRIS))
    else:
        check_reach(text, lambda iri: holds_graph(store, iri))
    check_params(text, params or {})
    with _failures_as_query_errors():
        names, rows = store.solutions(text, params or {})
    return names, _rows_or_query_error(rows)


def _rows_or_query_error(rows: Iterator[tuple]) -> Iterator[tuple]:
    with _failures_as_query_errors():
        yield from rows


@contextlib.contextmanager
def _failures_as_query_errors():
    try:
        yield
    except (QueryError, StoreDamaged):
        raise
    except Exception as error:  # the parsers of rdflib and Oxigraph raise their own kinds
        raise QueryError(f"the query failed: {first_line(error)}") from None


def run_isolated(work: Callable[[], Iterable[T]], timeout: float, batch: int = 1000) -> Iterator[T]:
    """The items of `work()`, made in a forked process that is stopped when it runs past `timeout` seconds
    or the user presses Ctrl-C: a query runs inside Oxigraph, which neither times out nor hears signals.

    Items come as they are made, `batch` at a time, so a long answer is never held whole in either process.
    They must pickle. What work raised is raised as a QueryError; running out of time or memory is a
    QueryError too, and KeyboardInterrupt stops the process.

    >>> list(run_isolated(lambda: [6 * 7], timeout=30))
    [42]
    """
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(work, sending, batch, timeout, os.getpid()), daemon=True)
    child.start()
    sending.close()
    deadline = time.monotonic() + timeout
    # the time runs out even while the caller is busy with rows (writing them to a slow reader, say)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    past_timeout = QueryError(f"the query ran past its timeout of {timeout:g} s: narrow it, or give --timeout")
    try:
        while True:
            if not receiving.poll(max(0.0, deadline - time.monotonic())) or time.monotonic() > deadline:
                raise past_timeout
            outcome, value = receiving.recv()
            if outcome == "error":
                raise QueryError(value)
            if outcome == "done":
                return
            yield from value
    except EOFError:
        if time.monotonic() >= deadline:
            raise past_timeout from None
        raise QueryError("the query's process ended without an answer (out of memory?)") from None
    finally:
        timer.cancel()
        if child.is_alive():
            child.kill()
        child.join()


def _run_and_send(work, sending, batch: int, timeout: float, parent: int) -> None:
    _end_with_parent(parent, timeout)
    # Ctrl-C reaches the whole process group: the caller stops this process, which says nothing
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        items = iter(work())
        while chunk := list(itertools.islice(items, batch)):
            sending.send(("items", chunk))
        answer = ("done", None)
    except QueryError as error:
        answer = ("error", str(error))
    except Exception as error:  # the store's and the parsers' own kinds, as one line
        answer = ("error", f"the query failed: {first_line(error)}")
    sending.send(answer)
    sending.close()


def _end_with_parent(parent: int, timeout: float) -> None:
    """End this process when its parent ends, killed included, and a second after the parent's deadline
    whatever the parent does: an orphan would hold the store's lock, and every later build would wait."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # its default ends the process, inside Oxigraph too
    signal.alarm(math.ceil(timeout) + 1)


def holds_graph(store, iri: str) -> bool:
    """True when the store has a graph of this name (an article's, or the Turtle a memory store read)."""
    return bool(store.select("ASK { GRAPH ?graph { ?s ?p ?o } }", {"graph": URIRef(iri)})[1][0][0])
