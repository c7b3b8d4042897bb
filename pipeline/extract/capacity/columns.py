"""Capacities a table gives in two columns, before and after ("Kapacita 2023" | "Požadovaná
kapacita 2024", "Stav" | "Plán"): one row per table row, read at the later column from the
earlier one: the same figure is a stated capacity (set), two figures a change from -> to, a
dash before a figure a new capacity. An achieved column after a planned one ("Plán 2023" |
"Skutečnost 2023") is no later state: each of its cells is read by itself. A "Jednotka" column gives the unit of a row's figures, a
"Změna" column is left to the capacity columns that state the change."""

from __future__ import annotations

import re
from typing import Callable

from pipeline.extract.capacity.change import Reading
from pipeline.extract.capacity.figures import Block, Figure, rules
from pipeline.extract.grids import Cell, Grid, head
from pipeline.extract.model import BlockView
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.spans.quantities import number, unit_of

_DASH_ONLY = re.compile(r"\s*[–—-]?\s*")
_SIGNS = "+-−±"  # a sign glued to a figure ("+1", "−2")
_YEAR = re.compile(r"(?:19|20)\d\d")


class Columns:
    """The capacity columns of a document's tables, found once."""

    def __init__(self, doc: DocOrgs, parsed: Callable[[BlockView], Block]):
        self.doc = doc
        self.parsed = parsed
        self.columns: dict[int, list[int]] = {}  # id of the table -> its capacity columns, in order
        self.unit_column: dict[int, int] = {}  # id of the table -> its "Jednotka" column
        self.change_columns: dict[int, set[int]] = {}  # id of the table -> its "Změna" columns
        r = rules()
        for table in doc.tables.tables:
            grid = table.grid
            heads = {col: head(cell.text) for col, cell in grid.header.items()}
            changes = {col for col, head in heads.items() if head in r.change_columns}
            cols = sorted(col for col, cell in grid.header.items() if self._capacity_header(cell) and col not in changes)
            if len(cols) < 2:
                cols = _year_columns(grid) or cols  # "Služba" | "2023" | "2024"
            if len(cols) < 2 and grid.body:
                cols = _sub_header_columns(grid, grid.body[0]) or cols  # "Kapacita" over "2023" | "2024"
            cols = self._without_achieved(grid, cols)
            if len(cols) >= 2:
                self.columns[id(table)] = cols
                self.change_columns[id(table)] = changes
                units = [col for col, head in heads.items() if head in r.unit_columns]
                if units:
                    self.unit_column[id(table)] = units[0]

    def _words(self, cell: Cell) -> list[str]:
        return self.parsed(cell.block).words(cell.start, cell.end)

    def _without_achieved(self, grid: Grid, cols: list[int]) -> list[int]:
        """The capacity columns less those of an achieved capacity after a planned one ("Plán
        2023" | "Skutečnost 2023"): the achieved figure is no later state of the planned one but
        a statement of its own, read as any other figure."""
        r = rules()
        planned = False
        out = []
        for col in cols:
            words = self._words(grid.header[col]) if col in grid.header else []
            if planned and any(w.startswith(r.achieved_columns) for w in words):
                continue
            planned = planned or any(w.startswith(r.planned_columns) for w in words)
            out.append(col)
        return out

    def counts_capacity(self, block: BlockView, pos: int) -> bool:
        """A figure in a column headed as a capacity ("Kapacita": "12 klientů denně"), or in the
        value of a two-column label|value table's row labelled so ("Kapacita" | "1,5 úvazku
        pečovatelky, cca 25 uživatelů"): a count of persons there is a capacity without a cue of
        its own."""
        found = self.doc.tables.locate(block, pos)
        if not found:
            return False
        grid, cell = found[0].grid, found[1]
        header = grid.header.get(cell.col)
        if header is not None and header is not cell \
                and any(w.startswith(rules().client_columns) for w in self._words(header)):
            return True
        label = grid.cell(cell.row, 0) if grid.width == 2 and cell.col == 1 else None
        return label is not None and any(w.startswith(rules().client_columns) for w in self._words(label))

    def _capacity_header(self, cell: Cell) -> bool:
        """A header of a capacity column: it names a capacity, a count, a state or a plan."""
        return any(w.startswith(rules().column_words) for w in self._words(cell))

    def _bare_figure(self, cell: Cell) -> bool:
        """A cell that holds one figure with its unit and nothing more ("24 lůžek", "0,5 úvazku",
        "cca 20 míst")."""
        b = self.parsed(cell.block)
        lo, hi = b.at(cell.start), b.at(cell.end)
        if lo < hi and b.lower[lo] in rules().approximately:
            lo += 1
        if lo >= hi or not b.texts[lo][:1].isdigit() or number(b.texts[lo]) is None:
            return False
        rest = b.texts[lo + 1:hi]
        if rest and rest[-1] == ".":
            rest.pop()
        return not rest or len(rest) == 1 and rest[0].rstrip(".").isalpha()

    def _figures_only(self, cell: Cell) -> bool:
        """A cell of bare figures, signs and arrows ("4,5", "+1", "1 → 1,5"), no words: "Vyškov
        a 21 obcí" under "Místo poskytování" is no capacity."""
        b = self.parsed(cell.block)
        texts = b.texts[b.at(cell.start):b.at(cell.end)]
        return bool(texts) and all(number(t.lstrip(_SIGNS)) is not None or not any(c.isalnum() for c in t) for t in texts)

    def unit(self, block: BlockView, pos: int) -> str | None:
        """The unit of a bare figure in a table: the one its row names in the unit column
        ("úvazky" -> fte) for a figure in a capacity column, else the one the header of its
        column names ("Kapacita (úvazky)", "Počet lůžek": "4,5", "+1", "1 → 1,5")."""
        found = self.doc.tables.locate(block, pos)
        if not found:
            return None
        table, cell = found
        if id(table) in self.unit_column and cell.col in self.columns[id(table)]:
            unit_cell = table.grid.cell(cell.row, self.unit_column[id(table)])
            words = self._words(unit_cell) if unit_cell is not None else []
            return unit_of(words[0]) if words else None
        header = table.grid.header.get(cell.col)
        if header is None or header is cell or not self._capacity_header(header) or not self._figures_only(cell):
            return None
        return next((unit for word in self._words(header) if (unit := unit_of(word))), None)

    def in_change_column(self, block: BlockView, pos: int) -> bool:
        """A figure in the "Změna" column of a table whose capacity columns state the change."""
        found = self.doc.tables.locate(block, pos)
        return bool(found) and found[1].col in self.change_columns.get(id(found[0]), set())

    def reading(self, block: BlockView, figure: Figure) -> Reading | str | None:
        """The reading of a figure in a capacity column: "skip" for one a later column reads,
        a stated capacity for one whose later column says a change in words, None outside
        such columns or for a cell that says more than a figure."""
        found = self.doc.tables.locate(block, figure.start)
        if not found or id(found[0]) not in self.columns:
            return None
        table, cell = found
        cols = self.columns[id(table)]
        if cell.col not in cols or not self._bare_figure(cell):
            return None
        row = table.rows.get(cell.row, {})
        place = cols.index(cell.col)
        end = figure.unit_end if figure.unit_end is not None else figure.index
        later = [row[c] for c in cols[place + 1:] if c in row]
        if later and self._bare_figure(later[0]):
            return "skip"
        if later and later[0].text.strip():
            return Reading("set", None, figure.value, None, figure.index, end)  # the state before a change
        earlier = row.get(cols[place - 1]) if place else None
        if earlier is None:
            return None
        if _DASH_ONLY.fullmatch(earlier.text):
            return Reading("new", None, None, figure.value, figure.index, end)
        before = [f for f in self.parsed(earlier.block).figures.values() if f.unit in (None, figure.unit)]
        if not self._bare_figure(earlier) or len(before) != 1:
            return None
        a, b = before[0].value, figure.value
        if abs(a - b) < 1e-9:
            return Reading("set", None, b, None, figure.index, end)
        return Reading("increase" if b > a else "decrease", a, b, b - a, figure.index, end)


def _year_columns(grid: Grid) -> list[int]:
    """Header cells that are years alone ("2023" | "2024"): the states of each row's capacity in
    those years, when two or more (their figures carry their units: "40 lůžek" | "44 lůžek")."""
    years = [col for col, cell in sorted(grid.header.items()) if _YEAR.fullmatch(cell.text.strip())]
    return years if len(years) >= 2 else []


def _sub_header_columns(grid: Grid, row: int) -> list[int]:
    """A second header row of years under a merged "Kapacita" ("2023" | "2024"): its columns."""
    filled = grid.filled(row)
    years = [cell.col for cell in filled if _YEAR.fullmatch(cell.text.strip())]
    return years if len(years) >= 2 and len(years) == len(filled) else []
