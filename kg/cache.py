"""Values that take long to make and are the same for the same inputs (the segmenter's dictionary with the
domain words, the name characters' weights), made once and kept in a cache folder.

The folder is $GOVKG_CACHE, else $XDG_CACHE_HOME/govkg, else ~/.cache/govkg. A value is filed under its
name and a hash of everything it is made from, so a changed input makes a new file and never reads an old
one. Where the folder cannot be written, values are made each time: the cache only saves time.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# marshal's format of this Python: a file another Python wrote is not read
_FORMAT = f"marshal{marshal.version}-py{sys.version_info[0]}.{sys.version_info[1]}"


def cache_folder() -> Path:
    """Where cached values are kept."""
    if folder := os.environ.get("GOVKG_CACHE"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govkg"


def key_of(*parts: Any) -> str:
    """A hash of `parts` (their repr): what a value is made from.

    >>> key_of("jieba", 0.42) == key_of("jieba", 0.42) != key_of("jieba", 0.43)
    True
    """
    return hashlib.sha256(repr((_FORMAT, *parts)).encode()).hexdigest()[:20]


def cached(name: str, key: str, make: Callable[[], Any]) -> Any:
    """The value `make()` gives (of types marshal keeps: dicts, lists, tuples, strings, numbers), read from
    the cache when a file of `name` and `key` is there, else made and filed."""
    path = cache_folder() / f"{name}-{key}.marshal"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        try:
            return _loads(data)
        except (EOFError, ValueError, TypeError):
            pass  # a file cut short: made again below
    value = make()
    _file(path, marshal.dumps(value))
    return value


def _loads(data: bytes) -> Any:
    # hundreds of thousands of small objects: the collector would walk them again and again while they load
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if collecting:
            gc.enable()


def _file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; a folder that cannot be written is left as it is."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(part, path)
    except OSError:
        Path(part).unlink(missing_ok=True)
