"""Small helpers every extractor uses: provenance, list structure (labels: `layout.label_end`).

Provenance is the contract of every extracted row: `block_id` and the span
`[char_start:char_end]` of that block's text that the value was read from.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from pipeline.extract.model import BlockView
from pipeline.extract.text import fold


def span_row(block: BlockView, start: int, end: int, **fields: Any) -> dict[str, Any]:
    """A row with provenance; the span is clamped to the block and trimmed of spaces."""
    start, end = max(0, min(start, len(block.text))), max(0, min(end, len(block.text)))
    while start < end and block.text[start].isspace():
        start += 1
    while end > start and block.text[end - 1].isspace():
        end -= 1
    return {"block_id": block.block_id, "char_start": start, "char_end": end, **fields}


def body_offset(block: BlockView) -> int:
    """Where the text after the list label starts ("1. Úvod" -> 3)."""
    if block.label and block.text.startswith(block.label):
        offset = len(block.label)
        while offset < len(block.text) and block.text[offset] in " \t":
            offset += 1
        return offset
    return 0


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of phrases for folded text: folded, longest first, a space matching
    any whitespace (patterns over `fold(text)` are built from config words with this)."""
    phrases = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def nearest_lower(keys: Sequence[int], queries: Sequence[int | None], backwards: bool = True) -> list[int]:
    """For each position i, the nearest position j before it (after it with backwards=False)
    whose key is below queries[i]; -1 where there is none or the query is None.

    List structure in one pass instead of a walk from every block ("the intro line of this
    item's list", "where this run of items ends"): a walk per block takes time growing with
    the square of a list's length. Keys are small (list levels), so keeping the last position
    of each key is enough."""
    order = range(len(keys)) if backwards else range(len(keys) - 1, -1, -1)
    last: dict[int, int] = {}
    out = [-1] * len(keys)
    for i in order:
        query = queries[i]
        if query is not None:
            hits = [j for key, j in last.items() if key < query]
            if hits:
                out[i] = max(hits) if backwards else min(hits)
        last[keys[i]] = i
    return out
