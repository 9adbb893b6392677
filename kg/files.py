"""Files written whole or not at all: a reader never sees half of kg.ttl, a view or a report, nor a build's
new view beside its old kg.ttl."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def beside(folder: Path, suffix: str) -> Path:
    """A hidden file kept beside a folder, never inside it (a store's folder is Oxigraph's): .NAME.SUFFIX.

    >>> beside(Path("kg-out/store"), "lock").as_posix()
    'kg-out/.store.lock'
    """
    folder = Path(folder)
    return folder.parent / f".{folder.name}.{suffix}"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write a file (text in UTF-8, or bytes) whole or not at all."""
    with replacing(path) as temporary:
        _write(temporary, content)


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def append_atomically(path: Path, addition: bytes) -> None:
    """Add bytes, after a line break, to the end of the file at `path`, whole or not at all."""
    with replacing(path) as temporary:
        shutil.copyfile(path, temporary)
        with open(temporary, "ab") as out:
            out.write(b"\n" + addition)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` to write; it replaces `path` when the block ends, and is gone if it fails
    (a build deletes those a killed process left: they are named .NAME.*.tmp)."""
    temporary = _beside(path)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename in (str(temporary), temporary):
            raise _about(error, path) from error
        raise


def _beside(path: Path) -> Path:
    """A new empty file .NAME.*.tmp beside `path`, readable as a file made by open() would be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _about(error, path) from error
    os.close(handle)
    os.chmod(name, 0o666 & ~_UMASK)  # mkstemp makes files only their owner may read
    return Path(name)


def _about(error: OSError, path: Path) -> OSError:
    """The error (a full disk, a folder one may not write) told of the file the user asked for, not of the
    temporary one: OSError makes the kind its errno says (PermissionError, ...)."""
    return OSError(error.errno, error.strerror, str(path))


class Staged:
    """Files written beside their places, then put in them together: a build's outputs are all new or all as
    they were, whatever stops it halfway (a full disk, a kill)."""

    def __init__(self):
        self._moves: list[tuple[Path, Path]] = []

    def path(self, target: Path, keep: bool = False) -> Path:
        """Where to write what goes to `target` (named .NAME.*.tmp, as a build deletes if left behind).

        keep: start from a copy of what `target` holds, to add to it.
        """
        temporary = _beside(target)
        self._moves.append((temporary, target))
        if keep and target.is_file():
            shutil.copyfile(target, temporary)
        return temporary

    def write(self, target: Path, content: str | bytes) -> None:
        """Write `target` (text in UTF-8, or bytes) with the others."""
        _write(self.path(target), content)


@contextlib.contextmanager
def staged() -> Iterator[Staged]:
    """Files to write together (Staged): when the block ends each moves into its place, by a rename in its
    own folder, which needs no room on the disk; if the block fails, none does."""
    outputs = Staged()
    try:
        yield outputs
    except BaseException:
        for temporary, _ in outputs._moves:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in outputs._moves:
        os.replace(temporary, target)
