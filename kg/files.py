"""Files written whole or not at all: a reader never sees half of kg.ttl, a view or a report."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write a file (text in UTF-8, or bytes) whole or not at all."""
    with replacing(path) as temporary:
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            temporary.write_text(content, encoding="utf-8")


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
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes files only their owner may read
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
