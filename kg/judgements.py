"""A user's identity judgements, kept in the workspace: `kg same` and `kg different` write them, every build and
rebuild applies them (kg.resolve.identity), and they outlast the store, which `kg build --rebuild` makes again.

One JSON object a line, as nomenklatura's resolver keeps its edges: the two identity keys, the verdict, when
it was given. A later verdict on the same two keys replaces an earlier one.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from kg.errors import GovkgError
from kg.files import write_atomically
from kg.resolve.identity import DIFFERENT, SAME, Judgement

JUDGEMENTS_FILE = "identity-judgements.jsonl"
VERDICTS = (SAME, DIFFERENT)


class JudgementsError(GovkgError, ValueError):
    """The judgements file cannot be read: a line that is not a judgement."""


def read_judgements(workspace: Path) -> list[Judgement]:
    """The judgements in force in `workspace`: the latest verdict on each pair of keys, in the order given.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> record_judgement(folder, Judgement("same", "甲@某某市委", "甲@某某市人民政府"))
    >>> record_judgement(folder, Judgement("different", "甲@某某市人民政府", "甲@某某市委"))
    >>> read_judgements(folder)
    [Judgement(verdict='different', a='甲@某某市人民政府', b='甲@某某市委')]
    """
    path = workspace / JUDGEMENTS_FILE
    if not path.is_file():
        return []
    latest: dict[frozenset[str], Judgement] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            judgement = Judgement(item["verdict"], item["a"], item["b"])
        except (ValueError, KeyError, TypeError):
            raise JudgementsError(f"{path}, line {number}: not a judgement (verdict, a, b)") from None
        if judgement.verdict not in VERDICTS:
            raise JudgementsError(f"{path}, line {number}: verdict must be same or different")
        pair = frozenset((judgement.a, judgement.b))
        latest.pop(pair, None)
        latest[pair] = judgement
    return list(latest.values())


def record_judgement(workspace: Path, judgement: Judgement) -> None:
    """Add a judgement to the workspace's file, whole or not at all."""
    path = workspace / JUDGEMENTS_FILE
    line = json.dumps(
        {
            "verdict": judgement.verdict,
            "a": judgement.a,
            "b": judgement.b,
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )
    before = path.read_text(encoding="utf-8") if path.is_file() else ""
    write_atomically(path, before + ("" if not before or before.endswith("\n") else "\n") + line + "\n")
