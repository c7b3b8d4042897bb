"""What a page draws besides its chars, as far as the fast layer must know.

- Ruling that could frame a table: tables are found by pdfplumber's table
  finder on pdfminer's lines and rectangles, so a page where such a table
  could exist goes to pdfplumber. Edges are built here from pdfium's paths
  the way pdfplumber builds them (every axis-aligned side of every subpath,
  curves included, so never fewer), merged with pdfplumber's own
  `merge_edges`; a table needs at least two vertical and two horizontal
  edges of 3 pt after merging. A header rule or an underline has no
  vertical edges and leaves the page on the fast layer.
- Text pdfium reads otherwise: a text object it judged a duplicate of a
  nearby one and left out (pdfminer keeps both, and the copy may sit a few
  points away), or any text object under /ActualText marked content (pdfium
  reads the replacement text, pdfminer the glyphs). Either way the fast
  layer's chars would not be pdfminer's; `dropped_text` tells the harmless
  cases (empty strings, runs of spaces) apart.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableSettings, merge_edges

from pipeline.ingest.pdf.tables import TABLE_SETTINGS

_MIN_EXTENT = 0.01  # pt: a text object narrower or lower than this shows nothing
_ACTUAL_TEXT = b"ActualText"
_AXIS_TOL = 1e-3  # pt: a side this close to axis-aligned counts as aligned
_FINDER = TableSettings.resolve(TABLE_SETTINGS)  # the table finder's tolerances (3 pt)
_MAX_DEPTH = 8  # form XObjects nested deeper than this are not looked into

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class Drawn:
    """A page's drawn objects, summarised."""

    height: float  # page height: edges are kept in pdfplumber's top-down frame
    edges: list[dict] = field(default_factory=list)  # table-finder edges, before merging
    text_objects: list[Any] = field(default_factory=list)  # in content order
    actual_text: bool = False  # some text object has /ActualText marked content

    def may_hold_table(self) -> bool:
        """Could pdfplumber's table finder see a cell here?"""
        vertical = sum(1 for e in self.edges if e["orientation"] == "v")
        if vertical < 2 or len(self.edges) - vertical < 2:
            return False  # merging never adds edges
        merged = merge_edges(self.edges, _FINDER.snap_x_tolerance, _FINDER.snap_y_tolerance,
                             _FINDER.join_x_tolerance, _FINDER.join_y_tolerance)
        long = [e for e in merged if e["height" if e["orientation"] == "v" else "width"]
                >= _FINDER.edge_min_length - _AXIS_TOL]
        vertical = sum(1 for e in long if e["orientation"] == "v")
        return vertical >= 2 and len(long) - vertical >= 2


def scan(page: Any, height: float) -> Drawn:
    """Walk the page's objects, form XObjects included."""
    drawn = Drawn(height)
    _walk(lambda: pdfium_c.FPDFPage_CountObjects(page),
          lambda i: pdfium_c.FPDFPage_GetObject(page, i), drawn, _IDENTITY, 0)
    return drawn


def dropped_text(drawn: Drawn, used: set[int]) -> list[tuple[float, float, float]] | None:
    """Text objects pdfium left out of its text page (`used` holds the
    addresses of those its chars came from): None when one of them shows
    glyphs, else the (x0, x1, baseline top) of those that are blank runs.

    An empty string is 0 pt wide and shows nothing. A run of spaces (a tab
    leader drawn twice) is 0 pt high, the space glyph having no outline; its
    spaces matter only where they fall between glyphs of a line, which the
    caller checks."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    blank = []
    for obj in drawn.text_objects:
        if address(obj) in used or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom,
                                                                        right, top):
            continue
        if right.value - left.value < _MIN_EXTENT:
            continue
        if top.value - bottom.value >= _MIN_EXTENT:
            return None
        blank.append((left.value, right.value, drawn.height - top.value))
    return blank


def address(handle: Any) -> int:
    """A pdfium handle's address: the identity of the object it points to."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _walk(count: Any, get: Any, drawn: Drawn, outer: Matrix, depth: int) -> None:
    for i in range(count()):
        obj = get(i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            drawn.text_objects.append(obj)
            if not drawn.actual_text and _has_actual_text(obj):
                drawn.actual_text = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), outer), drawn)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
            _walk(lambda o=obj: pdfium_c.FPDFFormObj_CountObjects(o),
                  lambda k, o=obj: pdfium_c.FPDFFormObj_GetObject(o, k), drawn,
                  _compose(_matrix(obj), outer), depth + 1)


def _path_edges(path: Any, m: Matrix, drawn: Drawn) -> None:
    """Edges of a path as pdfplumber makes them from pdfminer's LTLine (any
    two-point subpath; a sloped one counts as vertical), LTRect (its four
    sides) and LTCurve (each axis-aligned pair of consecutive points)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        seg = pdfium_c.FPDFPath_GetPathSegment(path, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5])
        if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            subpaths[-1].append(subpaths[-1][0])
    for pts in subpaths:
        line = len(pts) == 2
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if abs(y1 - y0) <= _AXIS_TOL:
                _add_edge(drawn, "h", x0, x1, y0, y0)
            elif abs(x1 - x0) <= _AXIS_TOL or line:
                _add_edge(drawn, "v", x0, x1, y0, y1)


def _add_edge(drawn: Drawn, orientation: str, xa: float, xb: float, ya: float, yb: float
              ) -> None:
    x0, x1 = min(xa, xb), max(xa, xb)
    top, bottom = drawn.height - max(ya, yb), drawn.height - min(ya, yb)
    length = bottom - top if orientation == "v" else x1 - x0
    if length >= _FINDER.edge_min_length_prefilter - _AXIS_TOL:
        drawn.edges.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                            "width": x1 - x0, "height": bottom - top,
                            "orientation": orientation})


def _matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner`, then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _has_actual_text(obj: Any) -> bool:
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        if mark and pdfium_c.FPDFPageObjMark_GetParamValueType(mark, _ACTUAL_TEXT) != \
                pdfium_c.FPDF_OBJECT_UNKNOWN:
            return True
    return False
