"""Small text helpers shared by the attendee modules: block lines and offset-keeping folding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from pipeline.extract import BlockView
from pipeline.extract.common import fold


DASHES = "-–—"


@dataclass
class Line:
    block: BlockView
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def lines(block: BlockView) -> Iterator[Line]:
    pos = 0
    for part in block.text.split("\n"):
        yield Line(block, pos, pos + len(part))
        pos += len(part) + 1


def fold_keep_length(text: str) -> str:
    """`fold` with offsets kept: offsets into the folded text are offsets into `text`
    (character by character only when folding changes the length, as ligatures do)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join((fold(c) or c)[:1] for c in text)
