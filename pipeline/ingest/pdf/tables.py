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
# A cell line ended deliberately only when the next word would have fitted with this much
# (em) to spare: the right padding is estimated from the left one and may be larger.
_SLACK_EM = 2.0


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
    for i, (r, k, bbox) in enumerate(grid):
        words = [w for _, ws in orientations(per_cell.get(i, []), 0.0, 0.0) for w in ws]
        text = _cell_text(lines(words, number), bbox) if words else ""
        if text:
            cells.append((r, k, text))
    return Table(number, float(box.bbox[1]), _compact(cells))


def _compact(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Renumber rows and columns 0.. over those holding text: stray ruling lines
    make pdfplumber see empty slivers of rows and columns."""
    rows = {r: i for i, r in enumerate(sorted({r for r, _, _ in cells}))}
    cols = {k: i for i, k in enumerate(sorted({k for _, k, _ in cells}))}
    return [(rows[r], cols[k], text) for r, k, text in cells]


def _cell_text(lines: list[Line], bbox: tuple[float, float, float, float]) -> str:
    """Lines of one cell, joined as its author set them: a line that ended although the
    next line's first word would have fitted is a deliberate break, kept as "\n" (two
    organisations on two lines stay two); so is a gap wider than the cell's usual line
    gap (a new paragraph). Any other break is a wrap, a space: "Mgr. P." / "Kudrnová"
    is one name."""
    x0 = min(ln.x0 for ln in lines)
    right = bbox[2] - max(0.0, x0 - bbox[0])  # the cell's padding, taken as equal both sides
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    usual = min(gaps, default=0.0)
    text = lines[0].text
    for prev, line, gap in zip(lines, lines[1:], gaps):
        first = line.words[0]
        room = right - prev.x1 - 0.3 * prev.size - _SLACK_EM * prev.size
        wrapped = (first.x1 - first.x0) >= room and gap <= usual + 0.5 * prev.size
        text = join(text, line.text, " " if wrapped else "\n")
    return clean_text(text)
