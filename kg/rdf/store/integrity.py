"""What can go wrong with a store, said in one line: missing, damaged, or failing as RocksDB reports it."""

from __future__ import annotations

from kg.errors import GovkgError


class StoreError(GovkgError):
    """A store that cannot be used: missing, locked by another process, or a server that does not answer."""


class NoStore(StoreError):
    """A folder store that is not there: never built, or deleted."""


class StoreDamaged(StoreError):
    """A store whose files changed since the build that wrote them, or that RocksDB finds corrupt."""

    def __init__(self, folder, detail: str):
        super().__init__(f"the store at {folder} is damaged ({detail})")
        self.folder = folder


def first_line(error: BaseException) -> str:
    """An error's message as one line: its first, or the error's kind when it says nothing."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def as_store_error(error: BaseException, folder) -> StoreError | None:
    """RocksDB's report of a failure (pyoxigraph raises it as RuntimeError or OSError) as a StoreError: a
    corrupt or missing file as StoreDamaged, any other (a full disk, a file it may not read) as the
    StoreError it is, the store being sound; None for an error that is not RocksDB's.

    >>> as_store_error(RuntimeError("Corruption: Corruption: block checksum mismatch\\nmore"), "ws/store")
    StoreDamaged('the store at ws/store is damaged (Corruption: block checksum mismatch)')
    >>> as_store_error(OSError("IO error: No space left on device"), "ws/store")
    StoreError('the store at ws/store failed (IO error: No space left on device)')
    """
    if isinstance(error, StoreError):
        return error
    if not isinstance(error, (RuntimeError, OSError)):
        return None
    first = first_line(error)
    while first.startswith("Corruption: Corruption"):
        first = first.removeprefix("Corruption: ")
    if first.startswith("Corruption") or (first.startswith("IO error") and "No such file" in first):
        return StoreDamaged(folder, first)
    if first.startswith("IO error"):
        return StoreError(f"the store at {folder} failed ({first})")
    return None
