"""The records that flow between stages: a reader yields `Block`s, the runner
wraps them in an `IngestResult`, extractors turn blocks into rows.

Kept free of I/O and of any format library so every stage can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
Region = Literal["body", "header", "footer", "textbox", "note"]
Status = Literal["ok", "partial", "failed"]


@dataclass
class Block:
    """One ordered unit of text as a reader sees it.

    `text` is what a person reading the document sees, list label included
    ("1. Úvod", "• bod"); `label` repeats the label alone so extractors need
    not re-parse it. Tabs and soft line breaks (\\n) inside a paragraph are kept.
    """

    kind: BlockKind
    text: str
    level: int | None = None  # heading depth (Title=0, Heading 1=1) or list depth (1 = top)
    page: int | None = None  # 1-based page where the block starts, when the format knows pages
    label: str | None = None  # list label as shown: "1.", "1.1", "a)", "•"
    region: Region = "body"  # where in the document: body, running header/footer, text box
    table_id: int | None = None  # for table cells: which table (0-based, document order)
    row: int | None = None
    col: int | None = None


@dataclass
class IngestResult:
    """What one reader made of one file.

    A reader that can read only part of a file returns the blocks it got,
    `status="partial"` and an `error` saying what was lost. A reader that
    cannot read the file raises `IngestError` instead.
    """

    blocks: list[Block]
    n_pages: int | None = None
    status: Status = "ok"
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: int = 0  # pages whose text came from OCR (a scan), not from a text layer


class IngestError(Exception):
    """A file that cannot be read. The message is shown to the user in the
    `documents.error` column, so it says what is wrong and what to do."""
