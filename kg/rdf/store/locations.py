"""Where a store is: a folder (embedded Oxigraph, the default), "memory", or the base URL of a SPARQL 1.1
server; opening one of each, and deleting a folder store for a build into a new one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph
from rdflib import Dataset

from kg.rdf import sums
from kg.rdf.store.embedded import EmbeddedStore
from kg.rdf.store.endpoint import EndpointStore
from kg.rdf.store.integrity import NoStore, StoreDamaged, StoreError, as_store_error
from kg.rdf.store.memory import MemoryStore

if TYPE_CHECKING:
    from kg.rdf.store import GraphStore

MEMORY = "memory"


def is_endpoint(location: str | Path) -> bool:
    """True when `location` names a SPARQL server rather than a folder."""
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, read_only: bool = False) -> GraphStore:
    """Open the store at `location` (see the module docstring), creating a folder store if needed.

    read_only: open a folder store for reading, which works while another process holds it open.
    Returns a store; close it when done.
    """
    if is_endpoint(location):
        return EndpointStore(str(location))
    if str(location) == MEMORY:
        return MemoryStore(Dataset(default_union=True))
    path = Path(location)
    try:
        if read_only:
            if not path.is_dir():
                raise NoStore(f"no store at {path}")
            if found := sums.damage(path):
                raise StoreDamaged(path, found)
            return EmbeddedStore(pyoxigraph.Store.read_only(str(path)), read_only=True, folder=path)
        path.mkdir(parents=True, exist_ok=True)
        recorded = sums.read(path)
        if found := sums.damage(path, recorded):  # a build onto damaged files would record them as sound
            raise StoreDamaged(path, found)
        sums.forget(path)  # the record holds until the store is written again
        return EmbeddedStore(pyoxigraph.Store(str(path)), folder=path, recorded=recorded)
    except (OSError, RuntimeError) as error:
        raise as_store_error(error, path) or StoreError(f"cannot open the store at {path}: {error}") from error


def delete_store(folder: Path) -> None:
    """Delete a folder store and the record of its files, for a build into a new one (kg build --rebuild)."""
    sums.forget(folder)
    shutil.rmtree(folder, ignore_errors=True)
