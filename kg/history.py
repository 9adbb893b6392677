"""What the builds of a workspace were given, recorded in WORKSPACE/build-inputs.json, so that
`kg build --rebuild` makes a damaged or lost store again from the same files, dated and placed the same way.

Each distinct build is recorded once, in the order of its first run; paths are absolute, so a rebuild
reads the same files from any folder.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.files import write_atomically

FILE_NAME = "build-inputs.json"


@dataclass(frozen=True)
class BuildInputs:
    """What one `kg build` was given: its paths and the options that change what it stores."""

    paths: tuple[str, ...]
    date: str | None = None
    manifest: str | None = None
    city: str | None = None

    @classmethod
    def given(cls, paths, date: str | None = None, manifest: Path | None = None,
              city: str | None = None) -> BuildInputs:
        """The inputs of a build, its paths and manifest made absolute.

        >>> BuildInputs.given([Path("/corpus/a.txt")], date="2024-03-05").paths
        ('/corpus/a.txt',)
        """
        return cls(tuple(str(Path(path).absolute()) for path in paths), date,
                   str(Path(manifest).absolute()) if manifest else None, city)


def recorded(workspace: Path) -> list[BuildInputs]:
    """The inputs of every distinct build the workspace recorded, in order; none for a workspace without."""
    try:
        entries = json.loads((workspace / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except ValueError as error:
        raise ValueError(f"{workspace / FILE_NAME} is not JSON ({error}): give the files to build") from None
    return [BuildInputs(tuple(entry["paths"]), entry.get("date"), entry.get("manifest"), entry.get("city"))
            for entry in entries]


def record(workspace: Path, inputs: BuildInputs) -> None:
    """Add a build's inputs to the record, unless the same were recorded before.

    >>> import tempfile
    >>> workspace = Path(tempfile.mkdtemp())
    >>> record(workspace, BuildInputs(("/corpus",))); record(workspace, BuildInputs(("/corpus",)))
    >>> recorded(workspace)
    [BuildInputs(paths=('/corpus',), date=None, manifest=None, city=None)]
    """
    builds = recorded(workspace)
    if inputs not in builds:
        builds.append(inputs)
        write_atomically(workspace / FILE_NAME,
                         json.dumps([asdict(build) for build in builds], ensure_ascii=False, indent=1))
