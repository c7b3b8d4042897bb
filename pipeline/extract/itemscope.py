"""Which plan item (goal, measure or activity) a position of the document falls under.

The organisation, service and capacity extractors tie what they find to the plan item
whose text it sits in (`ItemIndex.at`): an item's scope starts where its row starts and
runs to the next item, a heading that is no item, or the next section of the minutes.
A line that names its item itself ("K opatření 4.2: ...", "U aktivity 1.3.1 ...") is
tied to that item wherever it stands (`explicit_item`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import PLAN_TABLES, body_offset, fold


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """configs/organisations.toml [items]: section markers and the item references."""
    cfg = load("organisations")["items"]
    markers = tuple(re.compile(p, re.IGNORECASE) for p in cfg["section_markers"])
    nouns = "|".join(re.escape(fold(n)) for n in sorted(cfg["reference_nouns"], key=len, reverse=True))
    preps = "|".join(re.escape(fold(p)) for p in cfg["reference_prepositions"])
    reference = re.compile(rf"^\s*(?:{preps})\s+(?:{nouns})\s+(\d+(?:\.\d+)*)\.?(?=[\s:,;–-]|$)")
    return markers, reference


def explicit_item(text: str) -> str | None:
    """The plan number a line opens with when it names its item: "K opatření 4.2: ...",
    "ke cíli 1 ...", "U aktivity 1.1.2 ..."; None for anything else."""
    match = _patterns()[1].match(fold(text))
    return match.group(1) if match else None


def section_break(block: BlockView, agenda: set[str]) -> bool:
    """A line that opens another section of the minutes ("K bodu 3", "Ad 2)", "4. Různé")."""
    text = block.text.strip()
    body_raw = block.text[body_offset(block):].strip()
    if any(p.match(text) or p.match(body_raw) for p in _patterns()[0]):
        return True
    body = fold(body_raw).strip().rstrip(":")
    return bool(body) and body in agenda and len(body) < 80


class ItemIndex:
    """Which plan item (goal, measure or activity number) a position in the document falls under.

    Built from the plan rows and their spans: an item's scope starts where its row starts
    (inside a block too: a slide flattened into one paragraph holds several items) and runs
    to the next item, a heading that is no item, or the next section of the minutes
    ("K bodu 3", "Ad 2)", an agenda item). An item without a number scopes to its parent.
    A block that opens with a reference to an item ("K opatření 4.2:") is tied to it."""

    def __init__(self, blocks: Sequence[BlockView], result: Extraction):
        self.starts: dict[int, list[tuple[int, str]]] = {}
        for table, key, parent in PLAN_TABLES:
            for row in result.tables.get(table, []):
                number = row.get(key) or (row.get(parent) if parent else None)
                if number:
                    self.starts.setdefault(row["block_id"], []).append(
                        (int(row.get("char_start") or 0), str(number).rstrip(".")))
        for items in self.starts.values():
            items.sort()
        agenda = {fold(str(r.get("title", ""))).strip() for r in result.tables.get("agenda_items", [])}
        self.entry: dict[int, str | None] = {}
        self.named: dict[int, str] = {}
        current: str | None = None
        for block in blocks:
            if block.block_id not in self.starts and (block.kind == "heading" or section_break(block, agenda)):
                current = None
            self.entry[block.block_id] = current
            if block.block_id in self.starts:
                current = self.starts[block.block_id][-1][1]
            elif (named := explicit_item(block.text[body_offset(block):])) is not None:
                self.named[block.block_id] = named

    def at(self, block: BlockView, pos: int = 0) -> str | None:
        """The number of the plan item whose scope holds character `pos` of `block`."""
        if block.block_id in self.named:
            return self.named[block.block_id]
        current = self.entry.get(block.block_id)
        for start, number in self.starts.get(block.block_id, []):
            if start <= pos:
                current = number
        return current

    def block_of(self, number: str) -> int | None:
        """The block where the plan item with this number starts."""
        for block_id, items in self.starts.items():
            if any(n == number for _, n in items):
                return block_id
        return None
