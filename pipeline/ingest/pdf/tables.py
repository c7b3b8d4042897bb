"""Ruled tables of a page, cell by cell, found by pdfplumber's table finder.

Only the pdfplumber layer reads tables: the finder needs the page's ruling
lines and rectangles, which only pdfminer's full content parse yields. The
pdfium layer therefore hands every page that has ruling lines to pdfplumber.
"""

from __future__ import annotations

from typing import Any

from pipeline.ingest.clean import clean_text
from pipeline.ingest.pdf.blocks import join
from pipeline.ingest.pdf.layout import lines, orientations
from pipeline.ingest.pdf.records import Line, Table

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TABLE_MAX_CELL_AREA = 0.35  # a "cell" larger than this share of the page is a frame


def find_tables(page: Any, number: int, chars: list[dict]) -> tuple[list[Table], list[dict]]:
    """Ruled tables as cells; their chars leave the paragraph flow."""
    if len(page.rects) + len(page.lines) < 2:
        return [], chars
    boxes = [t for t in page.find_tables(TABLE_SETTINGS) if _is_table(t, page)]
    if not boxes:
        return [], chars
    inside: list[list[dict]] = [[] for _ in boxes]
    rest = []
    for c in chars:
        k = _table_of(c, boxes)
        (rest if k is None else inside[k]).append(c)
    tables = [_table(box, number, cs) for box, cs in zip(boxes, inside)]
    return [t for t in tables if t.cells], rest


def _is_table(table: Any, page: Any) -> bool:
    """At least two cells, none so large that it is a page frame."""
    area = float(page.width) * float(page.height)
    big = any((c[2] - c[0]) * (c[3] - c[1]) > _TABLE_MAX_CELL_AREA * area for c in table.cells)
    return len(table.cells) >= 2 and not big


def _table_of(c: dict, boxes: list[Any]) -> int | None:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    for k, box in enumerate(boxes):
        x0, top, x1, bottom = box.bbox
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return k
    return None


def _table(box: Any, number: int, chars: list[dict]) -> Table:
    """Cell texts by (row, col); a cell's lines joined like a paragraph's."""
    grid = [(r, k, cell) for r, row in enumerate(box.rows)
            for k, cell in enumerate(row.cells) if cell is not None]
    per_cell: dict[int, list[dict]] = {}
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for i, (_, _, (x0, top, x1, bottom)) in enumerate(grid):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                per_cell.setdefault(i, []).append(c)
                break
    cells = []
    for i, (r, k, _) in enumerate(grid):
        words = [w for _, ws in orientations(per_cell.get(i, []), 0.0, 0.0) for w in ws]
        text = _cell_text(lines(words, number)) if words else ""
        if text:
            cells.append((r, k, text))
    return Table(number, float(box.bbox[1]), _compact(cells))


def _compact(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Renumber rows and columns 0.. over those holding text: stray ruling lines
    make pdfplumber see empty slivers of rows and columns."""
    rows = {r: i for i, r in enumerate(sorted({r for r, _, _ in cells}))}
    cols = {k: i for i, k in enumerate(sorted({k for _, k, _ in cells}))}
    return [(rows[r], cols[k], text) for r, k, text in cells]


def _cell_text(lines: list[Line]) -> str:
    """Lines of one cell: a wide vertical gap is a new paragraph ("\\n")."""
    text = lines[0].text
    for prev, line in zip(lines, lines[1:]):
        gap = line.top - prev.bottom
        text = join(text, line.text, "\n" if gap > 0.8 * prev.size else " ")
    return clean_text(text)
