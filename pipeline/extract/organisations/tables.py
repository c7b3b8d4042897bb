"""Tables as the organisation, service and capacity extractors read them: the document's
grids (`grids.Grid`: cell tables and tab-separated text tables) with the kind of each column
taken from the header row ("Organizace", "Druh služby", "Žadatel", "Jméno", "IČO",
"Opatření č."), and a lookup from a position of a block to its table and cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.text import fold
from pipeline.extract.grids import Cell, Grid, Row, head, names
from pipeline.extract.layout import grids_of
from pipeline.extract.scopes import plan_number

# The kinds a header cell may give its column, in the order they are tried.
KINDS = ("ico", "applicant", "responsible", "partner", "funder", "person", "number", "service", "organisation")
# Columns whose cells name organisations.
ORGANISATION_KINDS = ("organisation", "applicant", "responsible", "partner", "funder")
# Columns whose organisations may run what their row names (a partner helps, a funder pays: neither runs it).
ACTOR_KINDS = ("organisation", "applicant", "responsible")


@dataclass
class Table:
    """A grid with the kind of its named columns."""

    columns: dict[int, str]  # col -> kind (see KINDS)
    grid: Grid

    @property
    def rows(self) -> dict[int, Row]:
        """row -> col -> cell; the first row is the header."""
        return self.grid.rows


@lru_cache(maxsize=1)
def header_words() -> dict[str, tuple[str, ...]]:
    """Header cells (folded) of each column kind: configs/organisations.toml [roles] table_*,
    configs/plan.toml [table] and configs/attendance.toml [tables]."""
    roles = load("organisations")["roles"]
    plan_table = load("plan")["table"]
    return {"number": tuple(fold(h) for h in plan_table["number"]),
            "service": tuple(fold(h) for h in plan_table["service"]),
            "organisation": tuple(fold(h) for h in roles["table_organisation"]),
            "applicant": tuple(fold(h) for h in roles["table_applicant"]),
            "responsible": tuple(fold(h) for h in roles["table_responsible"]),
            "partner": tuple(fold(h) for h in roles["table_partner"]),
            "funder": tuple(fold(h) for h in roles["table_funder"]),
            "ico": tuple(fold(h) for h in roles["table_ico"]),
            "person": tuple(fold(h) for h in load("attendance")["tables"]["name_headers"])}


def header_kind(text: str) -> str | None:
    """The kind of column a header cell opens ("Název organizace" -> organisation), or None."""
    header, words = head(text), header_words()
    return next((kind for kind in KINDS if header and names(header, words[kind])), None)


def _known_columns(header: Row) -> bool:
    """A tabbed line heads a table when it names two known columns and is no "Label:\tvalue"."""
    kinds = [header_kind(cell.text) for cell in header.values()]
    return sum(k is not None for k in kinds) >= 2 and not any(c.text.endswith(":") for c in header.values())


class Tables:
    """The tables of a document, both shapes, with a lookup from a block position to its cell."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.tables: list[Table] = []
        self._where: dict[int, list[tuple[int, Cell]]] = {}  # block_id -> [(table index, cell)]
        grids = grids_of(blocks)
        for grid in [*grids.by_table.values(), *grids.text(_known_columns)]:
            grid = _record(grid) if _label_value(grid) else grid
            columns = {col: kind for col, cell in grid.header.items() if (kind := header_kind(cell.text))}
            if not columns and _layout(grid):
                continue  # a web page laid out in a table: its cells are text, not data
            columns.update(_number_columns(grid, columns))
            index = len(self.tables)
            self.tables.append(Table(columns, grid))
            for cell in grid.cells():
                self._where.setdefault(cell.block.block_id, []).append((index, cell))

    def locate(self, block: BlockView, pos: int = 0) -> tuple[Table, Cell] | None:
        """The table and cell that hold character `pos` of `block`, or None outside tables."""
        for index, cell in self._where.get(block.block_id, []):
            if cell.start <= pos <= cell.end:
                return self.tables[index], cell
        return None

    def kind_at(self, block: BlockView, pos: int = 0) -> str | None:
        """The kind of the column at a position (None outside tables or in an unnamed column)."""
        found = self.locate(block, pos)
        return found[0].columns.get(found[1].col) if found else None

    def row_of(self, block: BlockView, pos: int = 0) -> list[Cell]:
        """The other cells of the row at a position (empty outside tables)."""
        found = self.locate(block, pos)
        if not found:
            return []
        table, cell = found
        return [c for col, c in sorted(table.rows.get(cell.row, {}).items()) if col != cell.col]

    def cells(self, kinds: Sequence[str]) -> list[Cell]:
        """The body cells of every column of the given kinds, but not the one cell of a group row
        across a wider table ("Poskytovatel | IČ | Druh služby" with a row "Senioři" over the
        providers for seniors): it heads the rows below; an organisation named there by its shape
        is found anyway."""
        out = []
        for table in self.tables:
            cols = [col for col, kind in table.columns.items() if kind in kinds]
            grid = table.grid
            for row in grid.body:
                if grid.width >= 3 and grid.section(row) is not None:
                    continue
                out.extend(cell for col in cols if (cell := grid.cell(row, col)) is not None)
        return out


def _label_value(grid: Grid) -> bool:
    """A two-column table of labelled values ("Opatření 2.1" | title, "Realizátor" | "Lípa, z. s.",
    "Partneři" | ..., "Zdroje financování" | ...): its first column holds two labels of organisation
    roles, or one and two labels of the item's fields ("Realizátor", "Náklady", "Skutečnost",
    "Stav"), the first row's included (the table may open with "Realizátor" | "Město X"); and its
    first row names no two columns ("Jméno" | "Organizace" is a header)."""
    if grid.width != 2 or sum(header_kind(cell.text) is not None for cell in grid.header.values()) >= 2:
        return False
    labels = [cell.text for row in grid.order if (cell := grid.cell(row, 0)) is not None]
    roles = sum(header_kind(text) in ORGANISATION_KINDS for text in labels)
    fields = sum(names(head(text), field_labels()) for text in labels if header_kind(text) is None)
    return roles >= 2 or (roles == 1 and fields >= 2)


@lru_cache(maxsize=1)
def field_labels() -> tuple[str, ...]:
    """The labels (folded) of an item's fields that name no organisation ("Náklady", "Termín",
    "Skutečnost"): configs/plan.toml [fields] labels and [labels] deadline."""
    plan = load("plan")
    return tuple(fold(w) for w in (*plan["fields"]["labels"], *plan["labels"]["deadline"]) if len(w) > 1)


NUMBER_COL = -1  # the column of a record's item number, read from its label ("Opatření 2.1")


def _record(grid: Grid) -> Grid:
    """A label|value table as one record: the labels its header, the values its row, and the
    number of the item a label names ("Aktivita 2.1.1" | title) in a number column of its own."""
    record = grid.transposed()
    for cell in record.header.values():
        words = cell.text.split()
        if len(words) >= 2 and header_kind(cell.text) == "number" and plan_number(words[-1]):
            start = cell.start + cell.text.rindex(words[-1])
            record.header[NUMBER_COL] = cell
            record.rows[1][NUMBER_COL] = Cell(cell.block, start, start + len(words[-1]), 1, NUMBER_COL)
            break
    return record


# A cell of a layout table holds running text: this many lines or characters at least.
_LAYOUT_LINES, _LAYOUT_CHARS = 10, 800


def _layout(grid: Grid) -> bool:
    """A table that lays out a page (a menu in one cell, the minutes in the next), not data:
    no header names a column and a cell holds a page of text."""
    return any(cell.text.count("\n") + 1 >= _LAYOUT_LINES or len(cell.text) >= _LAYOUT_CHARS for cell in grid.cells())


def _number_columns(grid: Grid, columns: dict[int, str]) -> dict[int, str]:
    """Columns that hold plan item numbers under a header that names only a number ("Č.",
    "Číslo", none) and not the kind of item ("Číslo" | "Aktivita" | "Realizátor" above "3.1.1"
    | ...): every body cell of the column is a number, at least one has a dot ("3.1.1", "B.2");
    a column of dates ("Termín": "30.4.") is none."""
    plain = {fold(h) for h in load("organisations")["roles"]["table_number"]}
    found = {}
    for col in {c for row in grid.body for c in grid.rows[row]} - set(columns):
        title = head(grid.header[col].text) if col in grid.header else ""
        if title and title not in plain:
            continue
        values = [cell.text.strip() for cell in grid.column(col)]
        if values and all(plan_number(v) for v in values) and any("." in v.rstrip(".") for v in values):
            found[col] = "number"
    return found
