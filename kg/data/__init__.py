"""The lexicons and patterns govkg reads: tab-separated files, one row a line, `#` lines are comments."""
from __future__ import annotations

from importlib import resources


def rows(filename: str) -> list[list[str]]:
    """The rows of a data file, each split at tabs; blank and `#` lines left out."""
    text = resources.files("kg.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
