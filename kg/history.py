"""What the builds of a workspace were given, recorded in WORKSPACE/build-inputs.json, so that
`kg build --rebuild` makes a damaged or lost store again from the same files, dated and placed the same way.

Each entry names the store folder it built (a workspace may build more than one with --store). A build
run again with the same inputs moves to the end, so that a rebuild replays the builds in the order they
last ran, and the last one's dates and places win as they did. Paths are absolute, so a rebuild reads the
same files from any folder.
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
    lexicon: tuple[str, ...] = ()

    @classmethod
    def given(
        cls, paths, date: str | None = None, manifest: Path | None = None, city: str | None = None, lexicon=()
    ) -> BuildInputs:
        """The inputs of a build, its paths, manifest and lexicon folders made absolute.

        >>> BuildInputs.given([Path("/corpus/a.txt")], date="2024-03-05").paths
        ('/corpus/a.txt',)
        """
        return cls(
            tuple(str(Path(path).absolute()) for path in paths),
            date,
            str(Path(manifest).absolute()) if manifest else None,
            city,
            tuple(str(Path(folder).absolute()) for folder in lexicon),
        )


def recorded(workspace: Path, store: str | Path) -> list[BuildInputs]:
    """The inputs of every distinct build of the store folder `store`, in the order they last ran; none for
    a workspace without a record. Raises ValueError for a record that cannot be read."""
    return [inputs for folder, inputs in _entries(workspace) if folder == _folder(store)]


def record(workspace: Path, store: str | Path, inputs: BuildInputs) -> None:
    """Add a build of the store folder `store` to the record, or move it to the end if it ran before.

    >>> import tempfile
    >>> workspace = Path(tempfile.mkdtemp())
    >>> for corpus in ("/a", "/b", "/a"):
    ...     record(workspace, workspace / "store", BuildInputs((corpus,)))
    >>> [inputs.paths for inputs in recorded(workspace, workspace / "store")]
    [('/b',), ('/a',)]
    """
    entry = (_folder(store), inputs)
    entries = [other for other in _entries(workspace) if other != entry] + [entry]
    write_atomically(
        workspace / FILE_NAME,
        json.dumps([{"store": folder, **asdict(build)} for folder, build in entries], ensure_ascii=False, indent=1),
    )


def _entries(workspace: Path) -> list[tuple[str, BuildInputs]]:
    path = workspace / FILE_NAME
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [
            (
                entry["store"],
                BuildInputs(
                    tuple(map(str, entry["paths"])),
                    entry.get("date"),
                    entry.get("manifest"),
                    entry.get("city"),
                    tuple(map(str, entry.get("lexicon", ()))),
                ),
            )
            for entry in entries
        ]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(
            f"{path} cannot be read ({type(error).__name__}: {error}): delete it, and give kg build the files to build"
        ) from None


def _folder(store: str | Path) -> str:
    return str(Path(store).absolute())
