"""What a build left in an embedded store, recorded so that a reader tells a damaged store before it opens it.

RocksDB checks a block's checksum only when it reads that block, misses damage to its log, and a damaged
file it does not catch can make a query grow without end. So after each build a record beside the store
holds each file's size, modification time and CRC-32. A reader compares sizes and times, and reads a file
through only when its time changed. A build forgets the record before it writes: a store a killed build
left has none, and is read as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Mapping
from pathlib import Path

from kg.files import beside, write_atomically

# files RocksDB writes as it likes, even when nothing is stored: its own log and lock
_UNRECORDED = ("LOG", "LOCK")
_CHUNK = 1 << 20


def record_path(store_folder: Path) -> Path:
    """The record of a store, beside its folder."""
    return beside(store_folder, "sums.json")


def record(store_folder: Path, known: Mapping[str, list] | None = None) -> None:
    """Record each file of a closed store: its size, modification time and CRC-32.

    known: an earlier record (as read returns it), whose sums are kept for the files of the same size
    and time: RocksDB never rewrites a file, so a build that added a little reads only what it wrote.
    Nothing is recorded while this process still holds a file of the store open: RocksDB may yet merge
    files, and a record taken before would call the store damaged.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "store"
    >>> folder.mkdir(); _ = (folder / "000001.sst").write_bytes(b"triples")
    >>> unread = {"000001.sst": [7, (folder / "000001.sst").stat().st_mtime_ns, 12345]}
    >>> record(folder, unread); json.loads(record_path(folder).read_text())["000001.sst"][2]
    12345
    """
    if _held_open(Path(store_folder)):
        return
    known = known or {}
    files = {}
    for path in sorted(Path(store_folder).iterdir()):
        if path.is_file() and not path.name.startswith(_UNRECORDED):
            stat = path.stat()
            size_and_time = [stat.st_size, stat.st_mtime_ns]
            kept = known.get(path.name)
            files[path.name] = size_and_time + [kept[2] if kept and kept[:2] == size_and_time else _crc(path)]
    write_atomically(record_path(store_folder), json.dumps(files, indent=0))


def read(store_folder: Path) -> dict[str, list]:
    """The record of a store: each file's [size, modification time, CRC-32]; empty when there is none."""
    try:
        return json.loads(record_path(store_folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def forget(store_folder: Path) -> None:
    """Drop the record, before a build changes the store."""
    record_path(store_folder).unlink(missing_ok=True)


def damage(store_folder: Path, recorded: Mapping[str, list] | None = None) -> str | None:
    """What differs from the record (`recorded`, else read now): a file missing, or of another size or
    content; None when nothing does, or when there is no record to go by.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "store"
    >>> folder.mkdir(); _ = (folder / "000001.sst").write_bytes(b"triples")
    >>> record(folder); damage(folder) is None
    True
    >>> _ = (folder / "000001.sst").write_bytes(b"triplez")
    >>> damage(folder)
    '000001.sst changed since the build that wrote it'
    """
    recorded = read(store_folder) if recorded is None else recorded
    for name, (size, mtime_ns, crc) in recorded.items():
        path = Path(store_folder) / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            return f"{name} is missing"
        if stat.st_size != size or (stat.st_mtime_ns != mtime_ns and _crc(path) != crc):
            return f"{name} changed since the build that wrote it"
    return None


def _held_open(folder: Path) -> bool:
    """True when this process has a file of `folder` open (or cannot tell: no /proc)."""
    descriptors = Path("/proc/self/fd")
    if not descriptors.is_dir():
        return True
    inside = f"{folder.resolve()}{os.sep}"
    for descriptor in descriptors.iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(descriptor).startswith(inside):
                return True
    return False


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc
