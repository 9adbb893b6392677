"""Who may use an embedded store at once: one build writes, any number of readers read, never both.

Oxigraph documents a store opened read-only as undefined while another process writes it (a reader
beside a build has run away with all the memory). So a build holds an exclusive flock on a file beside
the store while it writes, and each reader a shared one: a reader during a build waits, or is told in
one line, and a build waits for the readers before it. flock goes with the process, even killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from kg.errors import GovkgError
from kg.files import beside


class StoreBusy(GovkgError, RuntimeError):
    """A build is writing the store (for a reader), or readers are reading it (never raised for a build)."""


def lock_path(store_folder: Path) -> Path:
    """The lock file of a store, beside its folder."""
    return beside(store_folder, "lock")


@contextlib.contextmanager
def store_lock(store_folder: Path, writing: bool, wait: bool = True) -> Iterator[None]:
    """Hold the store for writing (exclusive) or reading (shared) while the block runs.

    wait: block until the lock is free; else raise StoreBusy at once when a build holds it.
    """
    path = lock_path(store_folder)
    if not writing and not _writable(path):
        # a reader of a workspace it may not write: no build of its user writes it either, and a build of
        # another user made the lock file first, which a reader can hold shared opened for reading
        if not path.exists():
            yield
            return
        handle = open(path, encoding="utf-8")  # noqa: SIM115 (held by the `with` below, for both branches)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115
    with handle:
        mode = fcntl.LOCK_EX if writing else fcntl.LOCK_SH
        try:
            fcntl.flock(handle, mode if wait else mode | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(f"a build is writing {store_folder}: try again when it ends, or add --wait") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _writable(path: Path) -> bool:
    """True when this process may create or write the lock file."""
    return os.access(path, os.W_OK) if path.exists() else os.access(path.parent, os.W_OK | os.X_OK)
