"""PDF reader: the text layer of a PDF -> ordered blocks, via pdfplumber chars.

pdfminer's layout analysis (LAParams) is skipped on purpose: it takes ~31 s on
one rotated page. Words are built from chars by pdfplumber, and lines and
paragraphs are rebuilt here from geometry, which costs little next to the raw
content-stream parse. Scanned pages are reported, not OCRed.
"""

from __future__ import annotations

import io
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils import dedupe_chars, extract_words
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
    n_chars: int = 0


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
    spaced: bool  # paragraphs are set apart by extra space (so short lines are breaks)
    right: dict[int, float]  # right edge of the text column per page


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
    status, error, warnings = _report(pages)
    return IngestResult(blocks=blocks, n_pages=len(pages), status=status, error=error,
                        warnings=warnings)


def _open(data: bytes) -> Any:
    """Open and parse the page tree, turning pdfminer's failures into user messages."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        len(pdf.pages)  # the page tree is parsed lazily: fail here, not later
        return pdf
    except Exception as exc:  # noqa: BLE001 - classified below
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
        return Page(number, float(page.height), state="garbled", n_chars=len(visible),
                    reason=f"{unmapped} of {len(visible)} glyphs have no Unicode mapping")
    chars = dedupe_chars([c for c in chars if not _CID.match(c["text"])])
    tables, chars = _tables(page, number, chars)
    groups = _orientations(chars, float(page.width), float(page.height))
    main_dir, main_words = groups[0]
    height = float(page.width if main_dir in ("ttb", "btt") else page.height)
    if main_dir != "ltr":
        tables = []  # table boxes are in page coordinates; rotated pages keep text only
    extra = [ln for _, ws in groups[1:] for ln in _lines(ws, number)]
    return Page(number, height, lines=_lines(main_words, number), tables=tables,
                extra=extra, n_chars=len(visible))


def _orientations(chars: list[dict], width: float, height: float
                  ) -> list[tuple[str, list[Word]]]:
    """Words grouped by reading direction, most chars first, in an upright frame."""
    words = extract_words(chars, return_chars=True, x_tolerance_ratio=_X_TOL_EM,
                          y_tolerance=3, keep_blank_chars=False)
    by_dir: dict[str, list[Word]] = {}
    for w in words:
        direction = w.get("direction", "ltr") if not w.get("upright", True) else "ltr"
        by_dir.setdefault(direction, []).append(_frame_word(w, direction, width, height))
    return sorted(by_dir.items(), key=lambda kv: -sum(len(w.text) for w in kv[1]))


def _frame_word(w: dict, direction: str, width: float, height: float) -> Word:
    """Turn a word's box so that its line runs left to right and lines go down."""
    x0, x1, top, bottom = w["x0"], w["x1"], w["top"], w["bottom"]
    if direction == "ttb":
        x0, x1, top, bottom = top, bottom, x0, x1
    elif direction == "btt":
        x0, x1, top, bottom = height - bottom, height - top, width - x1, width - x0
    elif direction == "rtl":
        x0, x1 = width - x1, width - x0
    sizes = [c.get("size", 0.0) for c in w["chars"]]
    size = statistics.median(sizes) if sizes else float(bottom - top)
    return Word(w["text"], x0, x1, top, bottom, size or (bottom - top) or 1.0,
                w["chars"][0].get("fontname", ""))


def _lines(words: list[Word], page: int) -> list[Line]:
    """Cluster words into lines by vertical overlap, then order each line left to right."""
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        if lines and (top <= mid <= bottom or w.top <= (top + bottom) / 2 <= w.bottom):
            lines[-1].append(w)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
        else:
            lines.append([w])
            top, bottom = w.top, w.bottom
    return [_make_line(sorted(ws, key=lambda w: w.x0), page) for ws in lines]


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
    return Table(number, float(box.bbox[1]), cells)


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
                        "their text is missing")
    if by_state.get("garbled"):
        problems.append(f"{_pages(by_state['garbled'])} fonts without Unicode mapping; "
                        "their text is missing")
    for p in pages:
        if p.state == "failed":
            problems.append(f"page {p.number} could not be read ({p.reason}); its text is missing")
    warnings = [f"{_pages(by_state['blank'])} blank"] if by_state.get("blank") else []
    if problems:
        return "partial", "; ".join(problems), warnings
    return "ok", None, warnings


def _pages(numbers: list[int]) -> str:
    listed = ", ".join(map(str, numbers[:20])) + (", …" if len(numbers) > 20 else "")
    return f"page {listed} has" if len(numbers) == 1 else f"pages {listed} have"


# --------------------------------------------------------------------------- blocks


def _blocks(pages: list[Page]) -> list[Block]:
    """All pages' lines and tables -> blocks, running headers once, footers last."""
    text_pages = [p for p in pages if p.state == "text"]
    _mark_running(text_pages)
    ctx = _context(text_pages)
    blocks: list[Block] = []
    footers: list[Block] = []
    body: list[Line | Table] = []
    table_ids = iter(range(1_000_000))
    for p in text_pages:
        head = [ln for ln in p.lines if ln.region == "header"]
        footers += _to_blocks(_group(head and [], [ln for ln in p.lines if ln.region == "footer"],
                                     ctx), "footer")
        if head:
            blocks += _flush(body, ctx, table_ids)
            blocks += _to_blocks(_group([], head, ctx), "header")
        flow: list[Line | Table] = [ln for ln in p.lines if ln.region == "body"]
        flow += p.tables
        body += sorted(flow, key=lambda item: item.top) + p.extra
    blocks += _flush(body, ctx, table_ids)
    _mark_levels(blocks)
    _mark_headings(blocks, text_pages)
    return [b for b in blocks + footers if b.text]


def _flush(items: list[Line | Table], ctx: Ctx, table_ids: Iterator[int]) -> list[Block]:
    """Blocks for the pending flow (lines and tables in order); empties `items`."""
    out: list[Block] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        out += _to_blocks(_group([], run, ctx), "body")
        run = []
        tid = next(table_ids)
        out += [Block("table_cell", clean_text(text), page=item.page, table_id=tid, row=r, col=k)
                for r, k, text in item.cells]
    out += _to_blocks(_group([], run, ctx), "body")
    items.clear()
    return out


# --------------------------------------------------------------------------- running lines


def _mark_running(pages: list[Page]) -> None:
    """Repeated top/bottom lines become header/footer (first kept); page numbers go."""
    _, _, page_number, share = _rules()
    need = max(2, math.ceil(share * len(pages)))
    zones = [(_zone(p, top=True), _zone(p, top=False)) for p in pages]
    heads = Counter(k for top, _ in zones for k in {_key(ln) for ln in top})
    foots = Counter(k for _, bottom in zones for k in {_key(ln) for ln in bottom})
    running = {("header", k) for k, n in heads.items() if n >= need and len(pages) >= 2}
    running |= {("footer", k) for k, n in foots.items() if n >= need and len(pages) >= 2}
    seen: set[tuple[str, str]] = set()
    for p, (top, bottom) in zip(pages, zones):
        drop: set[int] = set()
        for region, zone in (("header", top), ("footer", bottom)):
            for ln in zone:
                key = (region, _key(ln))
                if page_number.match(ln.text):
                    drop.add(id(ln))
                elif key in running and key in seen and _first_page(seen, key) != p.number:
                    drop.add(id(ln))
                elif key in running:
                    seen.add(key)
                    _FIRST.setdefault(key, p.number)
                    ln.region = region
        p.lines = [ln for ln in p.lines if id(ln) not in drop]
    _FIRST.clear()


_FIRST: dict[tuple[str, str], int] = {}


def _first_page(seen: set, key: tuple[str, str]) -> int:
    return _FIRST.get(key, -1)


def _zone(p: Page, top: bool) -> list[Line]:
    """First (or last) few lines of a page that lie near its top (or bottom) edge."""
    if top:
        return [ln for ln in p.lines[:_ZONE_LINES] if ln.top < _ZONE * p.height]
    return [ln for ln in p.lines[-_ZONE_LINES:] if ln.bottom > (1 - _ZONE) * p.height]


def _key(line: Line) -> str:
    """A line's identity for repetition: case, spacing and digits ignored."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
