"""The shared text layer of the extract stage: one fold, one span of a block, one line splitter.

Every relation reads block text through these, so a way of writing (a ligature, a line break
inside a cell) is handled once. `fold` keeps one character for one, so an offset found in
folded text is an offset in the text: no second, offset-keeping fold is needed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.model import BlockView

DASHES = "-–—"  # hyphen, en dash, em dash: what separates a name from its organisation or a range
_FOLD_TABLE: dict[int, str] = {}


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lower = (base if len(base) == 1 else char).lower()
    return lower if len(lower) == 1 else char


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower case without diacritics, one character for one ("Přítomni" -> "pritomni"), so
    labels written either way match and offsets stay valid. Readers give NFC text."""
    if text.isascii():
        return text.lower()
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(char)] = _fold_char(char)
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Span:
    """A piece of one block's text, `block.text[start:end]`: a line, a cell of a text table,
    a part of a title. Every row's provenance is such a span."""

    block: BlockView
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def key(self) -> tuple[int, int]:
        """Where it starts: (block id, offset)."""
        return self.block.block_id, self.start

    def trimmed(self) -> "Span":
        """The same span without surrounding whitespace."""
        text, start, end = self.block.text, self.start, self.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(self.block, start, end)


@lru_cache(maxsize=1 << 13)
def line_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every line of a text, blank ones included (a block may hold several
    "Label: value" lines: PDF and plain-text readers keep soft line breaks). Memoised: the
    relations ask it of each block six times over."""
    out, start = [], 0
    for part in text.split("\n"):
        out.append((start, start + len(part)))
        start += len(part) + 1
    return tuple(out)


def lines(block: BlockView) -> list[Span]:
    """The lines of a block as spans, blank ones included."""
    return [Span(block, start, end) for start, end in line_spans(block.text)]


_LETTER_SPACED = re.compile(r"^\s*((?:[^\W\d_] {1,3}){2,}[^\W\d_])\s*:\s*")


def letter_spaced_label(text: str) -> tuple[str, int] | None:
    """A label written letter by letter at the start of a line ("P ř í t o m n i:", "P r o g r a m
    j e d n á n í :"): the label closed up ("Přítomni", one space between words where the letters
    had more) and where its value starts; None for any other line."""
    spaced = _LETTER_SPACED.match(text)
    if not spaced:
        return None
    return " ".join(word.replace(" ", "") for word in re.split(r" {2,}", spaced.group(1))), spaced.end()
