"""One grid model for every table of a document: the tables the reader gave cell by cell (DOCX,
HTML, PDF ruled and borderless: blocks with `table_id`, `row`, `col`) and the tables written as
tab-aligned text lines. Every table reader (attendees, organisations, plan, capacity) asks a
`Grid` its questions — the header row, the rows below it, a row's filled cells, the cell after a
cell, the cells below one — instead of walking blocks itself.

A cell is a `text.Span` of a block with its row and column: a table cell is its whole block, a
cell of a text table is the piece of a line between tabs. Merged cells come from the readers
as one cell at the first position they cover (the positions they cover are absent): a row with
one filled cell across a wider table is a section row (`section`), a cell missing under a
filled one was merged downwards (`above`).

The cell grids are built once per document and kept in its layout (`grids_of(document)`);
which runs of tabbed lines are a table depends on what its header names, so text grids are
found under the header a reader accepts (`text_grids`), also once per reader and document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.extract.model import BlockView
from pipeline.extract.text import Span, fold, lines

_TAB, _TABS = re.compile(r"\t"), re.compile(r"\t+")
TEXT_KINDS = ("paragraph", "list_item")  # blocks whose lines may hold a tab-aligned table


@dataclass(frozen=True)
class Cell(Span):
    """One cell: the span block.text[start:end] at (row, col) of its grid."""

    row: int = 0
    col: int = 0

    @property
    def whole_block(self) -> bool:
        """The cell is a block of its own (a table cell), not a piece of a tab-separated line."""
        return self.start == 0 and self.end == len(self.block.text)

    @property
    def filled(self) -> bool:
        return bool(self.text.strip())


Row = dict[int, Cell]  # column -> cell


@lru_cache(maxsize=1 << 12)
def head(text: str) -> str:
    """A header cell's words as headers are compared: folded, one space between words, without
    a colon ("Jméno a  příjmení:" -> "jmeno a prijmeni"). Memoised: the readers ask it of the
    same cells."""
    return " ".join(fold(text).split()).strip(" :")


def names(header: str, words: Iterable[str]) -> bool:
    """A header (`head`) names one of `words` (folded): alone or followed by more ("jmeno a
    prijmeni", "organizace/funkce", "prijmeni, jmeno, titul")."""
    if isinstance(words, (frozenset, tuple)):  # the word lists of configs/, prepared once
        whole, starts = _header_forms(words)
        return header in whole or header.startswith(starts)
    return any(header == word or header.startswith((word + " ", word + "/", word + ",")) for word in words)


@lru_cache(maxsize=64)
def _header_forms(words: frozenset[str] | tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """`words` as `names` compares them: the words, and every start of a longer header."""
    return frozenset(words), tuple(word + tail for word in words for tail in (" ", "/", ","))


class Grid:
    """A table: rows of cells by column, the first row its header. `lines` are the (block id,
    line start) of a text table's lines (empty for a table of cell blocks)."""

    def __init__(self, rows: dict[int, Row], lines: Iterable[tuple[int, int]] = (), table_id: int | None = None):
        self.rows = rows
        self.lines = set(lines)
        self.table_id = table_id

    @property
    def order(self) -> list[int]:
        """The row numbers, top down."""
        return sorted(self.rows)

    @property
    def header(self) -> Row:
        """The first row (a header when its cells name columns)."""
        return self.rows[min(self.rows)] if self.rows else {}

    @property
    def body(self) -> list[int]:
        """The row numbers under the header."""
        return self.order[1:]

    def cell(self, row: int, col: int) -> Cell | None:
        return self.rows.get(row, {}).get(col)

    def cells(self) -> Iterator[Cell]:
        for row in self.order:
            yield from (cell for _, cell in sorted(self.rows[row].items()))

    def filled(self, row: int) -> list[Cell]:
        """The cells of a row that hold text, left to right."""
        return [cell for _, cell in sorted(self.rows.get(row, {}).items()) if cell.filled]

    def column(self, col: int) -> list[Cell]:
        """The filled cells of a column under the header."""
        return [cell for row in self.body if (cell := self.cell(row, col)) is not None and cell.filled]

    def after(self, cell: Cell) -> Cell | None:
        """The first filled cell right of `cell` in its row."""
        return next((other for other in self.filled(cell.row) if other.col > cell.col), None)

    def below(self, cell: Cell, stop: Callable[[Cell], bool] = lambda cell: False) -> list[Cell]:
        """The cells under `cell` in its column, down to a missing or empty one or one `stop` accepts."""
        out = []
        for row in self.order:
            if row <= cell.row:
                continue
            other = self.cell(row, cell.col)
            if other is None or not other.filled or stop(other):
                break
            out.append(other)
        return out

    @property
    def width(self) -> int:
        """How many columns the table has (the columns any row fills)."""
        return len({col for row in self.rows.values() for col in row})

    def transposed(self) -> "Grid":
        """The table read the other way: the columns become rows. A two-column label|value
        table ("Realizátor" | "Spolek Lípa, z. s.") is a one-record table whose header is the
        labels."""
        rows: dict[int, Row] = {}
        for cell in self.cells():
            rows.setdefault(cell.col, {})[cell.row] = Cell(cell.block, cell.start, cell.end, cell.col, cell.row)
        return Grid(rows, self.lines, self.table_id)

    def section(self, row: int) -> Cell | None:
        """The one filled cell of a row of a wider table: a merged section or group row
        ("Omluveni", "Opatření 2.1 …") that heads the rows below it."""
        filled = self.filled(row)
        return filled[0] if len(filled) == 1 else None

    def merged_down(self, cell: Cell) -> list[int]:
        """The rows below `cell` that it covers when it was merged downwards (a realizátor over two
        activities): the data rows right under it (two filled cells at least) that fill nothing in
        its column, down to a row that does, a section row or the end."""
        out = []
        for row in self.order:
            if row <= cell.row:
                continue
            filled = self.filled(row)
            if len(filled) < 2 or any(other.col == cell.col for other in filled):
                break
            out.append(row)
        return out

    def above(self, row: int, cols: Sequence[int]) -> int | None:
        """The nearest row above `row` (under the header) that fills one of `cols`: where a cell
        merged downwards stands."""
        for other in reversed(self.body):
            if other < row and any(cell.col in cols for cell in self.filled(other)):
                return other
        return None


def cell_grid(cells: Iterable[BlockView]) -> Grid:
    """The grid of a table the reader gave cell by cell."""
    rows: dict[int, Row] = {}
    table_id = None
    for block in cells:
        row, col = block.row or 0, block.col or 0
        rows.setdefault(row, {})[col] = Cell(block, 0, len(block.text), row, col)
        table_id = block.table_id
    return Grid(rows, table_id=table_id)


def cell_grids(blocks: Sequence[BlockView]) -> dict[int, Grid]:
    """The tables of cell blocks by table id, in the order they start."""
    grouped: dict[int, list[BlockView]] = {}
    for block in blocks:
        if block.kind == "table_cell" and block.table_id is not None:
            grouped.setdefault(block.table_id, []).append(block)
    return {table_id: cell_grid(cells) for table_id, cells in grouped.items()}


def _cut(block: BlockView, start: int, end: int, row: int, runs: bool) -> Row:
    """The cells of one line cut at its tabs, trimmed: each tab ends a cell (two tabs around an
    empty cell), or with `runs` a run of tabs is one break (tabs that only align the columns)."""
    cells, col, pos = {}, 0, start
    for match in [*(_TABS if runs else _TAB).finditer(block.text, start, end), None]:
        stop = match.start() if match else end
        piece = Span(block, pos, stop).trimmed()
        cells[col] = Cell(block, piece.start, piece.end, row, col)
        col += 1
        if match:
            pos = match.end()
    return cells


def text_grids(blocks: Sequence[BlockView], accepts: Callable[[Row], bool]) -> list[Grid]:
    """Tables written as tab-aligned lines: a line whose cells `accepts` as a header, and the
    tabbed lines below it with two filled cells at least. A header aligned with runs of tabs
    cuts its rows at runs too; a row with more cells than the header is cut at runs."""
    found: list[Grid] = []
    current: Grid | None = None
    runs = False
    for block in blocks:
        if block.kind not in TEXT_KINDS:
            current = None
            continue
        if "\t" not in block.text:  # most blocks: no line is tabbed, and a line with text ends a table
            if block.text.strip():
                current = None
            continue
        for line in lines(block):
            if not line.text.strip():
                continue
            tabbed = "\t" in line.text.strip()
            row = len(current.rows) if current is not None else 0
            cells = _cut(block, line.start, line.end, row, runs) if tabbed else {}
            if current is not None and len(cells) > len(current.header):
                cells = _cut(block, line.start, line.end, row, True)
            if current is not None and sum(cell.filled for cell in cells.values()) >= 2:
                current.rows[row] = cells
                current.lines.add((block.block_id, line.start))
                continue
            current = None
            header = _cut(block, line.start, line.end, 0, True) if tabbed else {}
            if len(header) >= 2 and accepts(header):
                runs = len(_cut(block, line.start, line.end, 0, False)) > len(header)
                current = Grid({0: header}, {(block.block_id, line.start)})
                found.append(current)
    return [grid for grid in found if len(grid.rows) > 1]


class Grids:
    """The tables of one document: its cell grids by table id, and its text grids under the
    headers each reader accepts (found once per reader)."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.blocks = blocks
        self.by_table = cell_grids(blocks)
        self._text: dict[Callable[[Row], bool], list[Grid]] = {}

    def text(self, accepts: Callable[[Row], bool]) -> list[Grid]:
        """The text grids whose header `accepts` takes (a module-level function: the key)."""
        if accepts not in self._text:
            self._text[accepts] = text_grids(self.blocks, accepts)
        return self._text[accepts]
