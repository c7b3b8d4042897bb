"""The objects that flow through the extract stage: a block as extraction sees it, the annotated
document (the blocks with one spaCy `Doc` each), and the rows found in it.

Kept apart from the package's `__init__` so that every module can import them without
importing the stage's registry (which imports the relations): no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence, overload

from spacy.tokens import Doc

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


class Annotated(Sequence[BlockView]):
    """One document after the annotate step: its blocks, in order, and one spaCy `Doc` per
    block (tokens with their fold, the typed mention spans in `doc.spans`).

    It is a sequence of its blocks, so a relation written for blocks reads it unchanged;
    `doc(block)` gives a block's annotations. The Docs are shared by every relation: never
    change them (copy first)."""

    def __init__(self, blocks: Sequence[BlockView], docs: Sequence[Doc]):
        if len(blocks) != len(docs):
            raise ValueError(f"{len(blocks)} blocks but {len(docs)} Docs")
        self.blocks = list(blocks)
        self.docs = list(docs)
        self._by_id = {block.block_id: i for i, block in enumerate(self.blocks)}
        self.memo: dict[str, Any] = {}  # analyses built once per document and shared by relations

    @overload
    def __getitem__(self, index: int) -> BlockView: ...
    @overload
    def __getitem__(self, index: slice) -> list[BlockView]: ...
    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self.blocks[index]

    def __len__(self) -> int:
        return len(self.blocks)

    def __iter__(self) -> Iterator[BlockView]:
        return iter(self.blocks)

    def doc(self, block: BlockView | int) -> Doc:
        """The annotations of a block (or of the block with this id)."""
        block_id = block if isinstance(block, int) else block.block_id
        return self.docs[self._by_id[block_id]]

    def release(self) -> None:
        """Let go of the Docs and the memo once every relation has run. The memo's analyses, and
        objects the relations built, hold the document in reference cycles: released, its Docs
        are freed at once instead of at the garbage collector's next pass, which would walk them
        all again (6 ms per bench file)."""
        self.memo.clear()
        self.docs = []


@dataclass
class Extraction:
    """Rows found in one document, table by table, plus document-level fields."""

    fields: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in EXTRACTED_TABLES})
    # Analyses of the blocks that several extractors share (built once per document, never written out).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
