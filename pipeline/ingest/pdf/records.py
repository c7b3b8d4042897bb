"""The records the PDF reader passes between its steps: words, lines, tables
and pages; paragraphs being gathered; finished blocks with their geometry.

Both text layers (pdfium and pdfplumber) end in the same records, so every
rule after the char layer is shared and cannot drift between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Block

TAB_EM = 1.5  # a gap this wide inside a line was a tab: kept as "\t"


@dataclass
class Word:
    """A word in the reading frame of its page (rotated text is turned upright)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str


@dataclass
class Line:
    """One visual line; `region` is set once running headers/footers are known."""

    words: list[Word]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    region: str = "body"
    right: float = 0.0  # where full lines of its column end

    @property
    def text(self) -> str:
        return words_text(self.words)


@dataclass
class Table:
    """A ruled table found on a page: cells as (row, col, text), placed by its top."""

    page: int
    top: float
    cells: list[tuple[int, int, str]]


@dataclass
class Page:
    """What one page yielded; `state` says why it has no lines when it has none."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)  # body candidates, reading order
    tables: list[Table] = field(default_factory=list)
    extra: list[Line] = field(default_factory=list)  # text in a minority orientation
    state: str = "text"  # text | blank | scanned | garbled | failed
    reason: str = ""


@dataclass
class Para:
    """Lines being gathered into one block; `seps[i]` joins line i to line i+1."""

    lines: list[Line]
    label: str | None = None
    body: list[Word] | None = None  # first line's words after the label
    seps: list[str] = field(default_factory=list)


@dataclass
class Ctx:
    """Document-wide measures the paragraph rules compare against."""

    pitch: float  # usual distance between baselines of one paragraph, in em


@dataclass
class Built:
    """A finished block plus the geometry that list levels and headings need."""

    block: Block
    x0: float = 0.0
    size: float = 0.0


def words_text(words: list[Word]) -> str:
    """Words joined by a space, or by a tab where the gap was tab-wide."""
    parts = [words[0].text] if words else []
    for a, b in zip(words, words[1:]):
        parts.append("\t" if b.x0 - a.x1 >= TAB_EM * max(a.size, b.size) else " ")
        parts.append(b.text)
    return "".join(parts)
