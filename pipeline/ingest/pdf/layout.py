"""Chars -> words -> lines of one page, in reading order.

Shared by both text layers: the pdfium layer and the pdfplumber layer hand
over chars in pdfplumber's dict shape (text, x0, x1, top, bottom, size,
fontname, upright, matrix), and everything from here on is the same code.
pdfminer's own layout analysis (LAParams) is not used: it takes ~31 s on one
rotated page, and lines and columns rebuilt here from geometry cost little.
"""

from __future__ import annotations

import statistics

from pdfplumber.utils import extract_words

from pipeline.ingest.pdf.records import Line, Page, Table, Word

_X_TOL_EM = 0.15  # chars closer than this belong to one word (PDFs without space chars)
_COLUMN_MIN_WORDS = 60  # fewer words on a page: never looked at as columns
_GRID_ROW = 1 << 24  # dedupe's cell key: column·_GRID_ROW + row (a clash only adds candidates)
_NEIGHBOURS = tuple(dx * _GRID_ROW + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def build_page(number: int, width: float, height: float, chars: list[dict],
               tables: list[Table]) -> Page:
    """A page's lines from its (deduplicated) chars outside tables: the main
    orientation is the body, text in other orientations is kept as `extra`."""
    groups = orientations(chars, width, height)
    if not groups:  # all text sits in tables
        return Page(number, height, tables=tables)
    upright, main = groups[0]
    frame = height if upright else width
    extra = [ln for _, ws in groups[1:] for ln in page_lines(ws, number)]
    return Page(number, frame, lines=page_lines(main, number), tables=tables, extra=extra)


def dedupe(chars: list[dict], tol: float = 1.0) -> list[dict]:
    """Drop chars drawn again less than `tol` pt from the same earlier char
    (fake bold, shadows). A hash grid instead of pdfplumber's dedupe_chars,
    which costs more than the whole parse on text-heavy pages.

    This runs once per char, hence the spelled-out loops: per text a grid of
    tol-sized cells keyed by one int (`_GRID_ROW`·column + row), and a char
    is a copy when a kept char with its text lies in one of the 3×3 cells
    around it and within `tol` on both axes."""
    grids: dict[str, dict[int, list[tuple[float, float]]]] = {}
    out = []
    for c in chars:
        text = c["text"]
        if not text.isspace():
            x, y = c["x0"], c["top"]
            key = int(x // tol) * _GRID_ROW + int(y // tol)
            grid = grids.get(text)
            if grid is None:
                grids[text] = {key: [(x, y)]}
            elif _near(grid, key, x, y, tol):
                continue
            elif key in grid:
                grid[key].append((x, y))
            else:
                grid[key] = [(x, y)]
        out.append(c)
    return out


def _near(grid: dict[int, list[tuple[float, float]]], key: int, x: float, y: float,
          tol: float) -> bool:
    for offset in _NEIGHBOURS:
        cell = grid.get(key + offset)
        if cell is not None:
            for px, py in cell:
                if abs(x - px) < tol and abs(y - py) < tol:
                    return True
    return False


def orientations(chars: list[dict], width: float, height: float
                 ) -> list[tuple[bool, list[Word]]]:
    """Words per text orientation, most chars first; (upright?, words).

    Rotated text (a landscape page, a margin note) is turned upright first, so
    every later rule reads left to right and top to bottom.
    """
    groups: dict[str, list[dict]] = {}
    for c in chars:
        key = "upright" if c.get("upright", True) else ("down" if c["matrix"][1] < 0 else "up")
        groups.setdefault(key, []).append(c)
    out = []
    for key, group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if key != "upright":
            group = _turn_upright(group, width, height)
        words = extract_words(group, return_chars=True, x_tolerance_ratio=_X_TOL_EM,
                              y_tolerance=3, keep_blank_chars=False)
        if words:
            out.append((key == "upright", [_word(w) for w in words]))
    return out


def _turn_upright(chars: list[dict], width: float, height: float) -> list[dict]:
    """Rotated chars in a frame where their lines run left to right, top to bottom.

    Which way the text runs is read from the content-stream order (reading
    order): within a line along the page's vertical, across lines along x.
    """
    pairs = list(zip(chars, chars[1:]))
    along = [b["top"] - a["top"] for a, b in pairs if abs(b["x0"] - a["x0"]) < 0.5 * a["size"]]
    across = [b["x0"] - a["x0"] for a, b in pairs if abs(b["x0"] - a["x0"]) >= 0.5 * a["size"]]
    down = not along or statistics.median(along) >= 0
    right = not across or statistics.median(across) >= 0
    out = []
    for c in chars:
        x0, x1 = (c["top"], c["bottom"]) if down else (height - c["bottom"], height - c["top"])
        top, bottom = (c["x0"], c["x1"]) if right else (width - c["x1"], width - c["x0"])
        out.append({**c, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                    "upright": True})
    return out


def _word(w: dict) -> Word:
    sizes = [c.get("size", 0.0) for c in w["chars"]]
    size = statistics.median(sizes) if sizes else 0.0
    return Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"],
                size or (w["bottom"] - w["top"]) or 1.0, w["chars"][0].get("fontname", ""))


def page_lines(words: list[Word], page: int) -> list[Line]:
    """Lines in reading order: column by column where the page is set in columns,
    each line knowing where full lines of its column and type size end (an
    indented block in another size has its own right margin)."""
    chunks = [lines(chunk, page) for chunk in _columns(words)]
    every = [ln for chunk in chunks for ln in chunk]
    page_right = right_edge(every)
    for chunk in chunks:
        right = right_edge(chunk) if len(chunk) >= 5 else page_right
        by_size: dict[float, list[Line]] = {}
        for ln in chunk:
            by_size.setdefault(round(ln.size), []).append(ln)
        for same in by_size.values():
            size_right = right_edge(same) if len(same) >= 5 else right
            for ln in same:
                ln.right = size_right
    return every


def lines(words: list[Word], page: int) -> list[Line]:
    """Words -> lines, each ordered left to right."""
    return [_make_line(sorted(ws, key=lambda w: w.x0), page) for ws in _rows(words)]


def _rows(words: list[Word]) -> list[list[Word]]:
    """Cluster words into rows by vertical overlap, top to bottom."""
    rows: list[list[Word]] = []
    top = bottom = 0.0
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        if rows and (top <= mid <= bottom or w.top <= (top + bottom) / 2 <= w.bottom):
            rows[-1].append(w)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
        else:
            rows.append([w])
            top, bottom = w.top, w.bottom
    return rows


def _columns(words: list[Word]) -> list[list[Word]]:
    """Words in reading-order chunks: a page set in columns is read column by
    column, band by band between rows that cross a gutter (titles, footers)."""
    if len(words) < _COLUMN_MIN_WORDS:
        return [words]
    rows = _rows(words)
    gutters = _gutters(words, rows)
    if not gutters:
        return [words]
    chunks: list[list[Word]] = []
    band: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
    for row in rows:
        if any(w.x0 < g1 and w.x1 > g0 for w in row for g0, g1 in gutters):
            chunks += band
            chunks.append(row)
            band = [[] for _ in range(len(gutters) + 1)]
            continue
        for w in row:
            band[sum(1 for g0, _ in gutters if w.x0 >= g0)].append(w)
    chunks += band
    return [c for c in chunks if c]


def _gutters(words: list[Word], rows: list[list[Word]]) -> list[tuple[float, float]]:
    """x-ranges that (almost) no word crosses, with running text on both sides."""
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    width = right - left
    cover = [0] * (int(width) + 2)
    for w in words:
        for x in range(int(w.x0 - left), int(w.x1 - left) + 1):
            cover[x] += 1
    limit = max(2, int(0.15 * len(rows)))  # rows that span the columns (titles) may cross
    size = statistics.median(w.size for w in words)
    runs: list[tuple[float, float]] = []
    start = None
    lo, hi = int(0.1 * width), int(0.9 * width)
    for x in range(lo, hi + 1):
        if cover[x] <= limit and x < hi:
            start = x if start is None else start
            continue
        if start is not None and x - start >= max(6.0, 0.5 * size):
            runs.append((left + start, left + x))
        start = None
    edges = [left] + [g for run in runs for g in run] + [right]
    return [run for k, run in enumerate(runs)
            if _prose_sides(rows, run, edges[2 * k], edges[2 * k + 3])]


def _prose_sides(rows: list[list[Word]], gap: tuple[float, float], lo: float, hi: float
                 ) -> bool:
    """Columns hold running text: many rows with several words on each side of
    the gap (within lo..hi), and left-hand lines that run up to the gap."""
    g0, g1 = gap
    both = [(ls, rs) for row in rows
            if (ls := [w for w in row if lo <= w.x0 and w.x1 <= g0])
            and (rs := [w for w in row if g1 <= w.x0 and w.x1 <= hi])]
    if len(both) < max(6, 0.3 * len(rows)):
        return False
    n_left = statistics.median(len(ls) for ls, _ in both)
    n_right = statistics.median(len(rs) for _, rs in both)
    left_x0 = min(ls[0].x0 for ls, _ in both)
    reach = statistics.median(ls[-1].x1 for ls, _ in both)
    return n_left >= 3 and n_right >= 3 and reach >= g0 - 0.3 * (g0 - left_x0)


def _make_line(words: list[Word], page: int) -> Line:
    sizes = [w.size for w in words for _ in w.text]
    return Line(words, page, x0=words[0].x0, x1=max(w.x1 for w in words),
                top=min(w.top for w in words), bottom=max(w.bottom for w in words),
                size=statistics.median(sizes))




def right_edge(lines: list[Line]) -> float:
    """Where full lines end: a high quantile of long lines' right ends."""
    ends = sorted(ln.x1 for ln in lines if len(ln.text) >= 40) or sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0

