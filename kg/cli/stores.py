"""The store a reading command reads: held for reading (no build writes it meanwhile), opened read-only, and
when it is damaged or gone, the way back said with the error."""

from __future__ import annotations

import contextlib
import shlex
from pathlib import Path

import click
from rdflib import URIRef

from kg.errors import GovkgError


@contextlib.contextmanager
def reading(workspace: Path, store: str):
    """The store to read from: a folder opened read-only, a server, or for "memory" the workspace's kg.ttl."""
    with held_for_reading(store), opened(workspace, store) as store_opened:
        yield store_opened


@contextlib.contextmanager
def held_for_reading(store: str):
    """A shared hold on an embedded store: no build writes it meanwhile (kg.rdf.locks)."""
    from kg.rdf.locks import store_lock
    from kg.rdf.store import MEMORY, is_endpoint

    if store == MEMORY or is_endpoint(store):
        yield
        return
    with store_lock(Path(store), writing=False, wait=click.get_current_context().obj.get("wait", False)):
        yield


@contextlib.contextmanager
def opened(workspace: Path, store: str):
    """The store opened for reading; a store that cannot be read ends the command in one line."""
    from kg.rdf.store import MEMORY, StoreError, as_store_error, open_store

    try:
        store_opened = open_store(store, read_only=True)
    except StoreError as error:
        raise with_the_way_back(error, workspace, store) from None
    if store == MEMORY:
        turtle = workspace / "kg.ttl"
        if not turtle.is_file():
            raise GovkgError(f"no graph in {workspace}: run `kg build` first")
        store_opened.dataset.graph(URIRef(turtle.resolve().as_uri())).parse(turtle, format="turtle")
    try:
        yield store_opened
    except (StoreError, OSError, RuntimeError) as error:
        if failure := as_store_error(error, store):  # RocksDB's checksums caught a damaged file, say
            raise with_the_way_back(failure, workspace, store) from error
        raise
    finally:
        store_opened.close()


def with_the_way_back(error, workspace: Path, store: str):
    """The store's error, and for a store damaged or gone how to make it again: from the inputs the workspace
    recorded (kg build --rebuild), or a first build."""
    from kg.history import recorded
    from kg.rdf.store import NoStore, StoreDamaged

    if not isinstance(error, (NoStore, StoreDamaged)):
        return error
    with contextlib.suppress(ValueError):
        if not recorded(workspace, store) and isinstance(error, NoStore):
            error.way_out = "run `kg build` first"
            return error
    options = f"-w {shlex.quote(str(workspace))}"
    if Path(store) != workspace / "store":
        options += f" --store {shlex.quote(store)}"
    error.way_out = f"run `kg build --rebuild {options}` to make it again from the files it was built from"
    return error


def union(workspace: Path, store: str):
    """The whole graph of the store, as one rdflib Graph."""
    from kg.rdf.store import union_graph

    with reading(workspace, store) as store_opened:
        return union_graph(store_opened)
