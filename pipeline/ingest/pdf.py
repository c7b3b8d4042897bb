"""PDF reader: the text layer of a PDF -> ordered blocks, via pdfplumber chars.

pdfminer's layout analysis (LAParams) is skipped on purpose: it takes ~31 s on
one rotated page. Words are built from chars by pdfplumber, and lines and
paragraphs are rebuilt here from geometry, which costs little next to the raw
content-stream parse. Scanned pages are reported, not OCRed.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.config import load
from pipeline.ingest.clean import bullet_glyph, clean_text
from pipeline.model import Block, IngestError, IngestResult

# Geometry, in multiples of the font size (em) unless said otherwise.
_X_TOL_EM = 0.15  # chars closer than this belong to one word (PDFs without space chars)
_TAB_EM = 1.5  # a gap this wide inside a line was a tab: kept as "\t"
_LABEL_GAP_EM = 0.7  # a gap this wide after a list label is a tab, not a space
_INDENT_EM = 4.0  # the most a first line may stick out left of its paragraph
_ZONE = 0.2  # header/footer candidates lie in the top/bottom 20 % of the page ...
_ZONE_LINES = 4  # ... and among its first/last 4 lines
_HEADING_RATIO = 1.15  # a heading's size is at least this times the body size
_HEADING_MAX_CHARS = 200
_GARBLED_SHARE = 0.3  # pages with more unmapped glyphs than this are unreadable
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_COLUMN_MIN_WORDS = 60  # fewer words on a page: never looked at as columns
_TABLE_MAX_CELL_AREA = 0.35  # a "cell" larger than this share of the page is a frame
_END_PUNCT = ".!?:;"
_CID = re.compile(r"^\(cid:\d+\)$")


# --------------------------------------------------------------------------- records


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
        return _words_text(self.words)


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


# --------------------------------------------------------------------------- config


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], float]:
    """Bullet glyphs, numbered-label and page-number patterns, running-line share."""
    cfg = load("ingest")
    bullets = frozenset(b for b in cfg["list_markers"]["bullets"] if b)
    numbered = re.compile(cfg["list_markers"]["numbered"])
    page_number = re.compile(cfg["pdf"]["page_number"], re.IGNORECASE)
    return bullets, numbered, page_number, float(cfg["pdf"]["running_share"])


# --------------------------------------------------------------------------- entry


def read(data: bytes) -> IngestResult:
    """Read a PDF's text layer into blocks; raise IngestError when nothing is readable."""
    try:
        return _read(data)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: only IngestError leaves
        raise IngestError(
            f"PDF could not be read ({type(exc).__name__}: {_short(exc)}); "
            "re-export or re-download it and run again") from exc


def _read(data: bytes) -> IngestResult:
    if not data or not data.strip():
        raise IngestError("empty file: the PDF has no content (0 bytes); "
                          "re-download or re-export it")
    with _open(data) as pdf:
        pages = [_read_page(pdf, i) for i in range(len(pdf.pages))]
    if not pages:
        raise IngestError("damaged PDF (no pages found): the file may be truncated; "
                          "re-export or re-download it")
    _check_some_text(pages)
    blocks = _blocks(pages)
    if not blocks:
        raise IngestError("no text layer: the PDF's text is only page numbers or marks; "
                          "check that this is the right file")
    status, error, warnings = _report(pages)
    return IngestResult(blocks=blocks, n_pages=len(pages), status=status, error=error,
                        warnings=warnings)


def _open(data: bytes) -> Any:
    """Open and parse the page tree, turning pdfminer's failures into user messages."""
    pdf = None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        len(pdf.pages)  # the page tree is parsed lazily: fail here, not later
        return pdf
    except Exception as exc:  # noqa: BLE001 - classified below
        if pdf is not None:
            pdf.close()
        cause = _cause(exc)
        if isinstance(cause, PDFEncryptionError):
            raise IngestError("encrypted PDF: it needs a password to open; "
                              "save an unprotected copy and run again") from exc
        raise IngestError(f"damaged PDF ({type(cause).__name__}: {_short(cause)}): "
                          "the file may be truncated; re-export or re-download it") from exc


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer errors in PdfminerException with the cause in args[0]."""
    while isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0],
                                                                          BaseException):
        exc = exc.args[0]
    return exc


def _short(exc: BaseException, limit: int = 80) -> str:
    text = " ".join(str(exc).split()) or "no details"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- pages


def _read_page(pdf: Any, index: int) -> Page:
    """Parse one page; a page that fails is recorded, not fatal."""
    number = index + 1
    try:
        page = pdf.pages[index]
        try:
            return _page_text(page, number)
        finally:
            page.close()  # drop pdfplumber's per-page caches: long files stay small
    except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
        cause = _cause(exc)
        return Page(number, 0.0, state="failed",
                    reason=f"{type(cause).__name__}: {_short(cause)}")


def _page_text(page: Any, number: int) -> Page:
    chars = [c for c in page.chars if c.get("text")]
    visible = [c for c in chars if not c["text"].isspace()]
    if not visible:
        return Page(number, float(page.height), state="scanned" if page.images else "blank")
    unmapped = sum(1 for c in visible if _CID.match(c["text"]))
    if unmapped > _GARBLED_SHARE * len(visible):
        return Page(number, float(page.height), state="garbled",
                    reason=f"{unmapped} of {len(visible)} glyphs have no Unicode mapping")
    chars = _dedupe([c for c in chars if not _CID.match(c["text"])])
    tables: list[Table] = []
    if 2 * sum(1 for c in chars if c.get("upright", True)) >= len(chars):
        tables, chars = _tables(page, number, chars)  # table boxes are in page coordinates
    groups = _orientations(chars, float(page.width), float(page.height))
    if not groups:  # all text sits in tables
        return Page(number, float(page.height), tables=tables)
    upright, main = groups[0]
    height = float(page.height if upright else page.width)
    extra = [ln for _, ws in groups[1:] for ln in _page_lines(ws, number)]
    return Page(number, height, lines=_page_lines(main, number), tables=tables, extra=extra)


def _dedupe(chars: list[dict], tol: float = 1.0) -> list[dict]:
    """Drop chars drawn again less than `tol` pt from the same earlier char
    (fake bold, shadows). A hash grid instead of pdfplumber's dedupe_chars,
    which costs more than the whole parse on text-heavy pages."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out = []
    for c in chars:
        text, x, y = c["text"], c["x0"], c["top"]
        gx, gy = int(x // tol), int(y // tol)
        if not text.isspace() and any(
                abs(x - px) < tol and abs(y - py) < tol
                for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                for px, py in seen.get((text, gx + dx, gy + dy), ())):
            continue
        seen.setdefault((text, gx, gy), []).append((x, y))
        out.append(c)
    return out


def _orientations(chars: list[dict], width: float, height: float
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


def _page_lines(words: list[Word], page: int) -> list[Line]:
    """Lines in reading order: column by column where the page is set in columns,
    each line knowing where full lines of its column and type size end (an
    indented block in another size has its own right margin)."""
    chunks = [_lines(chunk, page) for chunk in _columns(words)]
    every = [ln for chunk in chunks for ln in chunk]
    page_right = _right_edge(every)
    for chunk in chunks:
        right = _right_edge(chunk) if len(chunk) >= 5 else page_right
        by_size: dict[float, list[Line]] = {}
        for ln in chunk:
            by_size.setdefault(round(ln.size), []).append(ln)
        for same in by_size.values():
            size_right = _right_edge(same) if len(same) >= 5 else right
            for ln in same:
                ln.right = size_right
    return every


def _lines(words: list[Word], page: int) -> list[Line]:
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


def _words_text(words: list[Word]) -> str:
    """Words joined by a space, or by a tab where the gap was tab-wide."""
    parts = [words[0].text] if words else []
    for a, b in zip(words, words[1:]):
        parts.append("\t" if b.x0 - a.x1 >= _TAB_EM * max(a.size, b.size) else " ")
        parts.append(b.text)
    return "".join(parts)


# --------------------------------------------------------------------------- tables


def _tables(page: Any, number: int, chars: list[dict]) -> tuple[list[Table], list[dict]]:
    """Ruled tables as cells; their chars leave the paragraph flow."""
    if len(page.rects) + len(page.lines) < 2:
        return [], chars
    boxes = [t for t in page.find_tables(_TABLE_SETTINGS) if _is_table(t, page)]
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
        words = [w for _, ws in _orientations(per_cell.get(i, []), 0.0, 0.0) for w in ws]
        text = _cell_text(_lines(words, number)) if words else ""
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
        text = _join(text, line.text, "\n" if gap > 0.8 * prev.size else " ")
    return clean_text(text)


# --------------------------------------------------------------------------- text check


def _check_some_text(pages: list[Page]) -> None:
    """No page with text: say why (scanned, unmapped fonts, parse errors, blank)."""
    if any(p.state == "text" for p in pages):
        return
    states = Counter(p.state for p in pages)
    n = len(pages)
    if states["scanned"]:
        raise IngestError(f"no text layer: scanned PDF ({states['scanned']} of {n} pages are "
                          "images only), OCR not available; run OCR on it (e.g. ocrmypdf) "
                          "or get the text version, and run again")
    if states["garbled"]:
        raise IngestError("unreadable text layer: the fonts have no Unicode mapping, so the "
                          "text cannot be recovered; export the PDF again with embedded "
                          "Unicode fonts, or OCR it")
    if states["failed"]:
        reason = next(p.reason for p in pages if p.state == "failed")
        raise IngestError(f"damaged PDF ({reason}): no page could be read; "
                          "re-export or re-download it")
    raise IngestError(f"no text layer: the PDF's {n} page(s) are blank (no text, no images); "
                      "check that this is the right file")


def _report(pages: list[Page]) -> tuple[str, str | None, list[str]]:
    """Status, error and warnings for pages that lost text or were blank."""
    problems = []
    by_state: dict[str, list[int]] = {}
    for p in pages:
        by_state.setdefault(p.state, []).append(p.number)
    if by_state.get("scanned"):
        problems.append(f"{_pages(by_state['scanned'])} no text layer (scanned?); "
                        f"{_their(by_state['scanned'])} text is missing")
    if by_state.get("garbled"):
        problems.append(f"{_pages(by_state['garbled'])} fonts without Unicode mapping; "
                        f"{_their(by_state['garbled'])} text is missing")
    for p in pages:
        if p.state == "failed":
            problems.append(f"page {p.number} could not be read ({p.reason}); its text is missing")
    blank = by_state.get("blank", [])
    warnings = [f"{_pages(blank, 'is', 'are')} blank (no text, no images)"] if blank else []
    if problems:
        return "partial", "; ".join(problems), warnings
    return "ok", None, warnings


def _their(numbers: list[int]) -> str:
    return "its" if len(numbers) == 1 else "their"


def _pages(numbers: list[int], one: str = "has", many: str = "have") -> str:
    listed = ", ".join(map(str, numbers[:20])) + (", …" if len(numbers) > 20 else "")
    return f"page {listed} {one}" if len(numbers) == 1 else f"pages {listed} {many}"


# --------------------------------------------------------------------------- blocks


@dataclass
class Built:
    """A finished block plus the geometry that list levels and headings need."""

    block: Block
    x0: float = 0.0
    size: float = 0.0


def _blocks(pages: list[Page]) -> list[Block]:
    """All pages' lines and tables -> blocks, running headers once, footers last."""
    text_pages = [p for p in pages if p.state == "text"]
    _mark_running(text_pages)
    ctx = _context(text_pages)
    built: list[Built] = []
    footers: list[Built] = []
    pending: list[Line | Table] = []
    table_ids = itertools.count()
    for p in text_pages:
        head = [ln for ln in p.lines if ln.region == "header"]
        if head:
            built += _flush(pending, ctx, table_ids)
            built += _built(_group(head, ctx), "header")
        footers += _built(_group([ln for ln in p.lines if ln.region == "footer"], ctx), "footer")
        pending += _with_tables([ln for ln in p.lines if ln.region == "body"], p.tables)
        pending += p.extra
    built += _flush(pending, ctx, table_ids) + footers
    _set_levels(built)
    _set_headings(built)
    return [b.block for b in built if b.block.text]


def _with_tables(lines: list[Line], tables: list[Table]) -> list[Line | Table]:
    """Tables slotted into the line flow before the first line below their top
    (the flow is in reading order, which need not be top to bottom)."""
    flow: list[Line | Table] = list(lines)
    for table in sorted(tables, key=lambda t: t.top):
        at = next((i for i, item in enumerate(flow)
                   if isinstance(item, Line) and item.top >= table.top), len(flow))
        flow.insert(at, table)
    return flow


def _flush(items: list[Line | Table], ctx: Ctx, table_ids: Iterator[int]) -> list[Built]:
    """Blocks for the pending flow (lines and tables in order); empties `items`."""
    out: list[Built] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        out += _built(_group(run, ctx), "body")
        run = []
        tid = next(table_ids)
        out += [Built(Block("table_cell", text, page=item.page, table_id=tid, row=r, col=k))
                for r, k, text in item.cells]
    out += _built(_group(run, ctx), "body")
    items.clear()
    return out


def _built(paras: list[Para], region: str) -> list[Built]:
    """Paragraphs -> blocks: lines joined, label in front, text cleaned."""
    out = []
    for para in paras:
        first = para.lines[0]
        text = _words_text(para.body) if para.body is not None else first.text
        for sep, ln in zip(para.seps, para.lines[1:]):
            text = _join(text, ln.text, sep)
        if para.label:
            text = f"{para.label} {text}"
        kind = "list_item" if para.label else "paragraph"
        block = Block(kind, clean_text(text), page=first.page, label=para.label,
                      region=region)  # type: ignore[arg-type]
        sizes = [ln.size for ln in para.lines for _ in ln.text]
        out.append(Built(block, first.x0, statistics.median(sizes) if sizes else first.size))
    return out


def _join(text: str, nxt: str, sep: str) -> str:
    """Join two lines: a word hyphenated at the line end is rejoined, else `sep`."""
    if text.endswith("\u00ad"):
        return text[:-1] + nxt
    if len(text) >= 2 and text[-1] in "-\u2010" and text[-2].isalpha() and nxt[:1].islower():
        return text[:-1] + nxt
    return text + sep + nxt


# --------------------------------------------------------------------------- running lines


def _mark_running(pages: list[Page]) -> None:
    """Repeated top/bottom lines become header/footer (first kept); page numbers go."""
    _, _, page_number, share = _rules()
    zones = [(_zone(p, top=True), _zone(p, top=False)) for p in pages]
    running = _running_keys(zones, share) if len(pages) >= 2 else set()
    kept: set[tuple[str, str]] = set()
    for p, (top, bottom) in zip(pages, zones):
        drop: set[int] = set()
        here: set[tuple[str, str]] = set()
        for region, zone in (("header", top), ("footer", bottom)):
            for ln in zone:
                key = (region, _key(ln))
                if page_number.match(ln.text):
                    drop.add(id(ln))
                elif key in running and key in kept and key not in here:
                    drop.add(id(ln))
                elif key in running:
                    kept.add(key)
                    here.add(key)
                    ln.region = region
        p.lines = [ln for ln in p.lines if id(ln) not in drop]


def _running_keys(zones: list[tuple[list[Line], list[Line]]], share: float
                  ) -> set[tuple[str, str]]:
    """Keys seen at the top (bottom) of at least `share` of the pages, and of two."""
    need = max(2, math.ceil(share * len(zones)))
    out: set[tuple[str, str]] = set()
    for region, idx in (("header", 0), ("footer", 1)):
        counts = Counter(k for z in zones for k in {_key(ln) for ln in z[idx]})
        out |= {(region, k) for k, n in counts.items()
                if n >= need and any(ch.isalpha() for ch in k)}
    return out


def _zone(p: Page, top: bool) -> list[Line]:
    """First (or last) few lines of a page that lie near its top (or bottom) edge."""
    by_top = sorted(p.lines, key=lambda ln: ln.top)
    if top:
        return [ln for ln in by_top[:_ZONE_LINES] if ln.top < _ZONE * p.height]
    return [ln for ln in by_top[-_ZONE_LINES:] if ln.bottom > (1 - _ZONE) * p.height]


def _key(line: Line) -> str:
    """A line's identity for repetition: case, spacing and digits ignored."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


# --------------------------------------------------------------------------- paragraphs


def _context(pages: list[Page]) -> Ctx:
    """The usual line pitch: wider gaps separate paragraphs."""
    ratios: list[float] = []
    for p in pages:
        body = [ln for ln in p.lines if ln.region == "body"]
        for a, b in zip(body, body[1:]):
            size = max(a.size, b.size)
            r = (b.top - a.top) / size
            if abs(a.size - b.size) <= 0.1 * size and 0.9 <= r <= 4.0:
                ratios.append(round(r * 20) / 20)
    return Ctx(pitch=_usual_pitch(ratios))


def _usual_pitch(ratios: list[float]) -> float:
    """The smallest pitch that is common: single-line paragraphs must not set it."""
    if not ratios:
        return 1.2
    counts = Counter(ratios)
    top = max(counts.values())
    return min(r for r, n in counts.items() if n >= 0.2 * top)


def _max_pitch(pitch: float) -> float:
    return pitch * 1.25 + 0.05


def _right_edge(lines: list[Line]) -> float:
    """Where full lines end: a high quantile of long lines' right ends."""
    ends = sorted(ln.x1 for ln in lines if len(ln.text) >= 40) or sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def _group(lines: list[Line], ctx: Ctx) -> list[Para]:
    """Consecutive lines -> paragraphs; a list label always opens a new one."""
    paras: list[Para] = []
    for ln in lines:
        if not ln.words:
            continue
        sep = _continues(paras[-1], ln, ctx) if paras else None
        label = _label(ln, brk=sep is None)
        if sep is not None and label is None:
            paras[-1].lines.append(ln)
            paras[-1].seps.append(sep)
        elif label is not None:
            paras.append(Para([ln], label[0], label[1]))
        else:
            paras.append(Para([ln]))
    return paras


def _continues(para: Para, ln: Line, ctx: Ctx) -> str | None:
    """The separator if `ln` continues `para`, None if it starts a new block."""
    prev = para.lines[-1]
    if ln.page != prev.page:
        return _next_page(para, ln)
    size = max(prev.size, ln.size)
    if abs(prev.size - ln.size) > 0.1 * size:
        return None
    pitch = (ln.top - prev.top) / size
    if pitch <= 0 or pitch > _max_pitch(ctx.pitch) or not _aligned(para, ln):
        return None
    if _ended_short(prev, ln):
        # A deliberate break: mid-sentence (lowercase, same type) it is a soft
        # line break inside the paragraph, otherwise a new paragraph.
        return "\n" if ln.text[:1].islower() and _font(prev) == _font(ln) else None
    return " "


def _font(line: Line) -> str:
    """The line's main font, subset prefix ("ABCDEF+") dropped."""
    counts = Counter(w.font for w in line.words for _ in w.text)
    return counts.most_common(1)[0][0].split("+")[-1] if counts else ""


def _aligned(para: Para, ln: Line) -> bool:
    """Does `ln` start where a continuation line of `para` would start?"""
    tol = max(2.0, 0.2 * ln.size)
    if len(para.lines) > 1:
        return abs(ln.x0 - para.lines[1].x0) <= tol or _centred(para.lines[-1], ln, tol)
    first = para.lines[0]
    if any(abs(ln.x0 - x) <= tol for x in _stops(para)):
        return True
    if para.label is None and 0 < first.x0 - ln.x0 <= _INDENT_EM * ln.size:
        return True  # the paragraph's first line was indented
    return _centred(first, ln, tol)


def _stops(para: Para) -> list[float]:
    """Where a second line may start: the margin (not for list items), the text
    after the label, and any tab stop used in the first line."""
    first = para.lines[0]
    stops = [] if para.label else [first.x0]
    if para.body:
        stops.append(para.body[0].x0)
    stops += [b.x0 for a, b in zip(first.words, first.words[1:])
              if b.x0 - a.x1 >= _LABEL_GAP_EM * a.size]
    return stops


def _centred(a: Line, b: Line, tol: float) -> bool:
    return abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= tol and abs(a.x0 - b.x0) > tol


def _ended_short(prev: Line, ln: Line) -> bool:
    """The next line's first word would have fitted: the line break was deliberate."""
    first = ln.words[0]
    room = prev.right - prev.x1 - 0.3 * prev.size - prev.size
    return prev.right > 0 and (first.x1 - first.x0) < room


def _next_page(para: Para, ln: Line) -> str | None:
    """A paragraph runs on over a page break when the next page starts mid-sentence."""
    prev = para.lines[-1]
    tail = prev.text.rstrip()
    if abs(prev.size - ln.size) > 0.1 * max(prev.size, ln.size) or not tail:
        return None
    if tail[-1] in _END_PUNCT or not ln.text[:1].islower():
        return None
    if len(para.lines) > 1:
        x = para.lines[1].x0
    else:
        x = para.body[0].x0 if para.body else prev.x0
    return " " if abs(ln.x0 - x) <= max(2.0, 0.2 * ln.size) else None


# --------------------------------------------------------------------------- list labels


def _label(ln: Line, brk: bool) -> tuple[str, list[Word]] | None:
    """(label as shown, words after it) when the line opens a list item.

    Glyphs that are also letters or dashes ("o", "-", "–") count only when a
    tab-wide gap or a different font follows; numbers like "7." only when a
    tab follows or the line starts a paragraph anyway (dates wrap to "7. …").
    """
    bullets, numbered, _, _ = _rules()
    first, rest = ln.words[0], ln.words[1:]
    nxt = rest[0] if rest else None
    wide = nxt is not None and nxt.x0 - first.x1 >= _LABEL_GAP_EM * first.size
    glyph = first.text[0]
    if glyph in bullets or _private_use(glyph):
        if len(first.text) == 1:
            if nxt is None or (_ambiguous(glyph) and not wide and nxt.font == first.font):
                return None
            return bullet_glyph(glyph), rest
        if _ambiguous(glyph):
            return None
        return bullet_glyph(glyph), [replace(first, text=first.text[1:])] + rest
    if nxt is not None and numbered.fullmatch(first.text) and _numbered(first.text, nxt,
                                                                         wide, brk):
        return first.text, rest
    return None


def _numbered(label: str, nxt: Word, wide: bool, brk: bool) -> bool:
    if wide:
        return True
    if not brk or label.isdigit() or re.fullmatch(r"[IVX]\.", label):
        return False  # "15 lidí", "V. Novák": a number or an initial, not a label
    return label.endswith(")") or nxt.text[:1].isupper()


def _private_use(ch: str) -> bool:
    return 0xF000 <= ord(ch) <= 0xF8FF


def _ambiguous(glyph: str) -> bool:
    return glyph.isalnum() or glyph == "*" or unicodedata.category(glyph) == "Pd"


# --------------------------------------------------------------------------- levels, headings


def _set_levels(built: list[Built]) -> None:
    """List depth from the label's indent: distinct indents ranked left to right."""
    items = [b for b in built if b.block.kind == "list_item" and b.block.region == "body"]
    stops: list[float] = []
    for x in sorted(b.x0 for b in items):
        if not stops or x - stops[-1] > 4.0:
            stops.append(x)
    for b in items:
        b.block.level = 1 + max(i for i, s in enumerate(stops) if s <= b.x0 + 4.0)


def _set_headings(built: list[Built]) -> None:
    """Short paragraphs set clearly larger than the body text become headings."""
    paras = [b for b in built if b.block.kind in ("paragraph", "list_item")
             and b.block.region == "body" and b.block.text]
    if not paras:
        return
    body = _weighted_median([(b.size, len(b.block.text)) for b in paras])
    heads = [b for b in paras if b.block.kind == "paragraph"
             and b.size >= max(body * _HEADING_RATIO, body + 1.0)
             and len(b.block.text) <= _HEADING_MAX_CHARS
             and any(ch.isalpha() for ch in b.block.text)]
    total = sum(len(b.block.text) for b in paras)
    if not heads or sum(len(b.block.text) for b in heads) > 0.25 * total:
        return  # "headings" that hold a quarter of the text are not headings
    sizes = sorted({round(b.size * 2) / 2 for b in heads}, reverse=True)
    for b in heads:
        b.block.kind = "heading"
        b.block.level = 1 if round(b.size * 2) / 2 == sizes[0] else 2


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
    pairs = sorted(pairs)
    half = sum(w for _, w in pairs) / 2
    acc = 0
    for value, weight in pairs:
        acc += weight
        if acc >= half:
            return value
    return pairs[-1][0]
