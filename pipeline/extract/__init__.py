"""Extract stage: a document's blocks -> rows of the tables in SPEC.md.

Extractors are pure functions `(blocks) -> Extraction`: no I/O, every row
carries provenance (`block_id`, `char_start`, `char_end` into that block's
text). `extract_document` runs them in order; later ones may read what
earlier ones found (e.g. capacity changes link to the activities found
before them) through the shared `Extraction`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from pipeline.schemas import EXTRACTED_TABLES


@dataclass(frozen=True)
class BlockView:
    """What an extractor sees of a block: its id in the document and its text."""

    block_id: int
    kind: str
    text: str
    level: int | None = None
    page: int | None = None
    label: str | None = None
    region: str = "body"
    table_id: int | None = None
    row: int | None = None
    col: int | None = None


@dataclass
class Extraction:
    """Rows found in one document, table by table, plus document-level fields."""

    fields: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in EXTRACTED_TABLES})


Extractor = Callable[[Sequence[BlockView], Extraction], None]

# Registered in the order they run; the table-family modules append themselves here.
EXTRACTORS: list[Extractor] = []


def extract_document(blocks: Sequence[BlockView]) -> Extraction:
    """Run every registered extractor over one document's blocks."""
    result = Extraction()
    for extractor in EXTRACTORS:
        extractor(blocks, result)
    return result
