"""Tables as the organisation, service and capacity extractors read them: rows of cells
with the kind of each column taken from the header row ("Organizace", "Druh služby",
"Žadatel", "Jméno", "IČO", "Opatření č.").

Two shapes are tables: the cells of a DOCX/HTML/PDF table (one block per cell), and a
run of paragraphs whose columns are separated by tabs, as a table looks in plain text
("Jméno<TAB>Organizace<TAB>Účast" above "Eva Malá<TAB>Klub Pohoda<TAB>přítomna"). A
cell is a span of a block, so both shapes answer the same questions: which table, row
and column a position of a block falls in, and what the other cells of its row hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.text import Span, fold
from pipeline.extract.scopes import plan_number

_TABS = re.compile(r"\t+")

# The kinds a header cell may give its column, in the order they are tried.
KINDS = ("ico", "applicant", "responsible", "partner", "funder", "person", "number", "service", "organisation")
# Columns whose cells name organisations.
ORGANISATION_KINDS = ("organisation", "applicant", "responsible", "partner", "funder")
# Columns whose organisations may run what their row names (a funder pays for it).
ACTOR_KINDS = ("organisation", "applicant", "responsible", "partner")


@dataclass(frozen=True)
class Cell(Span):
    """One cell: the span block.text[start:end] at (row, col) of its table."""

    row: int
    col: int

    @property
    def whole_block(self) -> bool:
        """The cell is a block of its own (a table cell), not a piece of a tab-separated line."""
        return self.start == 0 and self.end == len(self.block.text)


@dataclass
class Table:
    columns: dict[int, str]  # col -> kind (see KINDS)
    rows: dict[int, dict[int, Cell]]  # row -> col -> cell; row 0 is the header


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
    folded = fold(text).strip().rstrip(":")
    if not folded:
        return None
    words = header_words()
    for kind in KINDS:
        for header in words[kind]:
            if folded == header or folded.startswith(header + " ") or folded.startswith(header + "/"):
                return kind
    return None


class Tables:
    """The tables of a document, both shapes, with a lookup from a block position to its cell."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.tables: list[Table] = []
        self._where: dict[int, list[tuple[int, Cell]]] = {}  # block_id -> [(table index, cell)]
        for rows in [*_cell_tables(blocks), *_tab_tables(blocks)]:
            header = rows.get(min(rows), {})
            columns = {col: kind for col, cell in header.items() if (kind := header_kind(cell.text))}
            if not columns and _layout(rows):
                continue  # a web page laid out in a table: its cells are text, not data
            columns.update(_number_columns(rows, columns))
            index = len(self.tables)
            self.tables.append(Table(columns, rows))
            for cells in rows.values():
                for cell in cells.values():
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
        """The body cells of every column of the given kinds."""
        out = []
        for table in self.tables:
            cols = [col for col, kind in table.columns.items() if kind in kinds]
            for row, cells in sorted(table.rows.items()):
                if row != min(table.rows):
                    out.extend(cells[col] for col in cols if col in cells)
        return out


# A cell of a layout table holds running text: this many lines or characters at least.
_LAYOUT_LINES, _LAYOUT_CHARS = 10, 800


def _layout(rows: dict[int, dict[int, Cell]]) -> bool:
    """A table that lays out a page (a menu in one cell, the minutes in the next), not data:
    no header names a column and a cell holds a page of text."""
    return any(cell.text.count("\n") + 1 >= _LAYOUT_LINES or len(cell.text) >= _LAYOUT_CHARS
               for cells in rows.values() for cell in cells.values())


def _number_columns(rows: dict[int, dict[int, Cell]], columns: dict[int, str]) -> dict[int, str]:
    """Columns that hold plan item numbers under a header that names only a number ("Č.",
    "Číslo", none) and not the kind of item ("Číslo" | "Aktivita" | "Realizátor" above "3.1.1"
    | ...): every body cell of the column is a number, at least one has a dot ("3.1.1", "B.2");
    a column of dates ("Termín": "30.4.") is none."""
    header = rows.get(min(rows), {})
    plain = {fold(h) for h in load("organisations")["roles"]["table_number"]}
    body = [cells for row, cells in rows.items() if row != min(rows)]
    found = {}
    for col in {c for cells in body for c in cells} - set(columns):
        title = fold(header[col].text).strip().rstrip(":") if col in header else ""
        if title and title not in plain:
            continue
        values = [cells[col].text.strip() for cells in body if col in cells and cells[col].text.strip()]
        if values and all(plan_number(v) for v in values) and any("." in v.rstrip(".") for v in values):
            found[col] = "number"
    return found


def _cell_tables(blocks: Sequence[BlockView]) -> list[dict[int, dict[int, Cell]]]:
    grouped: dict[int, dict[int, dict[int, Cell]]] = {}
    for block in blocks:
        if block.kind == "table_cell" and block.table_id is not None:
            row, col = block.row or 0, block.col or 0
            grouped.setdefault(block.table_id, {}).setdefault(row, {})[col] = \
                Cell(block, 0, len(block.text), row, col)
    return list(grouped.values())


def _tab_cells(block: BlockView, row: int) -> dict[int, Cell] | None:
    """The tab-separated cells of a one-line paragraph, or None when it has no tab."""
    text = block.text
    if block.kind != "paragraph" or "\t" not in text or "\n" in text.strip():
        return None
    cells, pos = {}, 0
    for col, piece in enumerate(_TABS.split(text)):
        start = text.index(piece, pos) if piece else pos
        lead = len(piece) - len(piece.lstrip())
        cells[col] = Cell(block, start + lead, start + len(piece.rstrip()), row, col)
        pos = start + len(piece)
    return cells


def _tab_tables(blocks: Sequence[BlockView]) -> list[dict[int, dict[int, Cell]]]:
    """Runs of tab-separated paragraphs under a header line whose cells name at least two
    known columns, every row with as many cells as the header (or fewer, trailing empty)."""
    out = []
    i = 0
    while i < len(blocks):
        header = _tab_cells(blocks[i], 0)
        kinds = [header_kind(c.text) for c in header.values()] if header else []
        if not header or sum(k is not None for k in kinds) < 2 or any(c.text.endswith(":") for c in header.values()):
            i += 1
            continue
        rows = {0: header}
        j = i + 1
        while j < len(blocks):
            cells = _tab_cells(blocks[j], j - i)
            if not cells or len(cells) > len(header):
                break
            rows[j - i] = cells
            j += 1
        if len(rows) > 1:
            out.append(rows)
        i = j
    return out
