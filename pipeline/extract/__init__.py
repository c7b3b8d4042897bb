"""Extract stage: a document's blocks -> rows of the tables in SPEC.md.

One module per table family, each exposing
`extract(blocks: Sequence[BlockView], result: Extraction) -> None`: a pure
function of the blocks (no I/O) that appends rows to `result.tables[...]`
or sets `result.fields[...]`. Every row carries provenance (`block_id`,
`char_start`, `char_end` into that block's text; see `common.span_row`).
`extract_document` runs the modules in `EXTRACTOR_MODULES` order; later
ones may read what earlier ones found (capacity changes link to the
activities and organisations found before them) through `result`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import importlib
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
    # Analyses of the blocks that several extractors share (built once per document, never written out).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


Extractor = Callable[[Sequence[BlockView], Extraction], None]

# The table-family modules, in the order they run (later ones read earlier results).
EXTRACTOR_MODULES = ["document_fields", "agenda", "plan", "attendees", "organisations", "services", "capacity"]


def extractors() -> list[Extractor]:
    """The `extract` function of every module that exists (imported once, cached by Python)."""
    found = []
    for name in EXTRACTOR_MODULES:
        try:
            module = importlib.import_module(f"pipeline.extract.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pipeline.extract.{name}":
                raise
            continue
        found.append(module.extract)
    return found


def extract_document(blocks: Sequence[BlockView]) -> Extraction:
    """Run every extractor over one document's blocks."""
    result = Extraction()
    for extractor in extractors():
        extractor(blocks, result)
    return result
