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
import itertools
import multiprocessing
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rdflib import Literal
from rdflib.term import Node

from kg.errors import GovkgError
from kg.rdf.store import StoreDamaged, first_line

QUERY_DIR = Path(__file__).resolve().parent / "ontology" / "queries"
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", re.I)
# what makes a query read beyond the store: a remote service, or a graph loaded from a URL or a file
_REACHING_OUT = re.compile(r"\b(SERVICE|FROM)\b", re.I)
# SPARQL's string literals, long and short, whose words are no keywords
_STRING = re.compile(r'"""[\s\S]*?"""' + r"|'''[\s\S]*?'''" + r'|"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'")
DEFAULT_TIMEOUT = 60.0


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
    if _UPDATE.search(_without_comments(spec)):
        raise QueryError("kg query reads the graph; updates are not run")
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.I):
        raise QueryError(f"{spec!r} is neither SPARQL, a .rq file nor a named query ({', '.join(queries)})")
    return spec


@dataclass(frozen=True)
class Param:
    """A parameter a query declares: its name, the type of node its value names (or text), what it is."""

    name: str
    type: str
    help: str


_PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)[ \t]*(?P<help>.*)$", re.M)
_VARIABLE = re.compile(r"[?$]([A-Za-z_]\w*)")


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
    allowed = sorted(declared) if declared else sorted(set(_VARIABLE.findall(_without_comments(text))))
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


def check_reach(text: str) -> None:
    """Refuse a query that would read beyond the store: SERVICE makes web requests, FROM loads graphs from
    URLs or files (`kg query --allow-service` runs them).

    >>> try:
    ...     check_reach("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    ... except QueryError as error:
    ...     print(error)
    the query reads beyond the store (SERVICE): add --allow-service to run it
    >>> check_reach('SELECT ?s WHERE { ?s ?p "from the service" }')
    """
    found = _REACHING_OUT.search(_STRING.sub('""', _without_comments(text)))
    if found:
        raise QueryError(f"the query reads beyond the store ({found.group().upper()}): add --allow-service to run it")


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
    if _UPDATE.search(_without_comments(text)):
        raise QueryError("kg query reads the graph; updates are not run")
    if not allow_service:
        check_reach(text)
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
    child = context.Process(target=_run_and_send, args=(work, sending, batch), daemon=True)
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


def _run_and_send(work, sending, batch: int) -> None:
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


def _without_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", "", text)
