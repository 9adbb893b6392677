"""What the pipeline's components find: mentions with exact character offsets.

Components write each mention twice: as a `Mention` in `doc._.kg_mentions[label]`
with the exact characters matched (jieba's tokens may cut through a title or a
name), and as a token-aligned `Span` in `doc.spans[label]` for spaCy tools.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)


@dataclass(frozen=True)
class Mention:
    """A stretch of the text that a component recognised, with what it means."""

    label: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def mentions(doc: Doc, label: str) -> list[Mention]:
    """The mentions of one label that the pipeline found in `doc`, in text order."""
    found = doc._.kg_mentions or {}
    return found.get(label, [])


def set_mentions(doc: Doc, label: str, found: Iterable[Mention]) -> None:
    """Record mentions of one label on `doc`, replacing earlier ones of that label."""
    ordered = sorted(found, key=lambda m: (m.start, -m.end))
    if doc._.kg_mentions is None:
        doc._.kg_mentions = {}
    doc._.kg_mentions[label] = ordered
    spans = (doc.char_span(m.start, m.end, label=label, alignment_mode="expand") for m in ordered)
    doc.spans[label] = [span for span in spans if span is not None]
