"""The pdfium text layer: pdfplumber's chars without pdfminer's parse.

pdfminer interprets each page's content stream in Python; pdfium does it in
C. This layer reads pdfium's text page char by char and rebuilds the dicts
pdfplumber would have made (x0, x1, top, bottom, size, fontname, text), so
the shared layout code yields the same blocks. Measured on the dev archive
(single process): the same blocks; a page's chars in ~7 ms instead of ~28,
the whole reader at ~70 pages/s instead of ~28.

A page is read here only when nothing on it is known to make pdfium and
pdfminer disagree; otherwise `read_page` says why and pdfplumber reads it:

- ruling lines (possible tables: only pdfplumber finds them), /ActualText,
  text objects pdfium merged away (see `objects`);
- rotated, skewed or horizontally scaled text; a rotated or offset page;
- a font pdfminer cannot match or map (see `fonts`): its descent and name
  are borrowed from pdfminer, its Unicode map bounds what text may appear;
- glyphs pdfium could not map (U+FFFD, control codes, its "no Unicode" flag)
  or text outside the font's map: the mojibake pdfium gives for the Czech
  file with a non-Unicode CMap is caught here;
- glyph widths pdfium reports inconsistently; a page without visible text
  (pdfplumber tells blank from scanned).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from pipeline.ingest.pdf import objects
from pipeline.ingest.pdf.fonts import FontInfo, PageFonts, strip_subset
from pipeline.ingest.pdf.layout import build_page, dedupe
from pipeline.ingest.pdf.records import Page

try:  # pypdfium2 is a dependency, but an old build may lack the calls used here
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - then every page is read by pdfplumber
    pdfium = pdfium_c = None

_NEEDED = ("FPDFText_GetTextObject", "FPDFTextObj_GetFont", "FPDFFont_GetBaseFontName",
           "FPDFFont_GetGlyphWidth", "FPDFText_HasUnicodeMapError", "FPDFText_IsHyphen",
           "FPDFText_GetMatrix", "FPDFText_GetLooseCharBox", "FPDFPageObjMark_GetParamValueType")
_SCALE_TOL = 1e-3  # x and y scale may differ this much (relative) and count as unscaled
_WIDTH_TOL = 0.01  # pt: pdfium's advance box may exceed ours by rounding only
_HYPHENS = ("-", "\u00ad")  # what pdfium's line-end hyphen mark (U+0002) stands for
# pdfium is not thread-safe: a worker running several threads (a Dask worker
# of an existing cluster may) must not call it from two at once.
_PDFIUM = threading.RLock()


class FastText:
    """pdfium's view of one PDF, opened beside pdfplumber's; `read_page`
    gives a page only when it vouches for it."""

    def __init__(self, doc: Any, pdf: Any, off: str = ""):
        self._doc = doc
        self._pdf = pdf
        self._off = off  # why the whole document goes to pdfplumber
        self._alphabets: dict = {}  # pdfminer fonts' alphabets, shared by the pages
        self._page_fonts: dict[int, tuple[Any, PageFonts]] = {}  # by resource dictionary

    @classmethod
    def open(cls, data: bytes, pdf: Any) -> FastText:
        """Open with pdfium; a document pdfium reads differently from pdfminer
        (another page count) or cannot open is left to pdfplumber."""
        if pdfium is None or not all(hasattr(pdfium_c, f) for f in _NEEDED):
            return cls(None, pdf, "pypdfium2 too old")
        with _PDFIUM:
            try:
                doc = pdfium.PdfDocument(data)
            except Exception:  # noqa: BLE001 - pdfplumber reports what is wrong
                return cls(None, pdf, "pdfium cannot open")
            if len(doc) != len(pdf.pages):
                doc.close()
                return cls(None, pdf, "page count differs")
        return cls(doc, pdf)

    def __enter__(self) -> FastText:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._doc is not None:
            with _PDFIUM:
                self._doc.close()

    def read_page(self, index: int) -> tuple[Page | None, str]:
        """(page, "") when this layer read it, else (None, why pdfplumber must)."""
        chars = self.chars(index)
        if isinstance(chars, str):
            return None, chars
        frame = self._pdf.pages[index]
        return build_page(index + 1, float(frame.width), float(frame.height), dedupe(chars),
                          []), ""

    def chars(self, index: int) -> list[dict] | str:
        """The page's chars as pdfplumber would give them, or why they would not be."""
        if self._doc is None:
            return self._off
        try:
            plumber_page = self._pdf.pages[index]
            with _PDFIUM:
                page = self._doc[index]
                try:
                    chars = _page_shape(plumber_page, page) or self._chars(page, plumber_page)
                finally:
                    page.close()
        except Exception as exc:  # noqa: BLE001 - pdfplumber gets its chance
            return f"fast layer failed ({type(exc).__name__})"
        if not isinstance(chars, str) and all(c["text"].isspace() for c in chars):
            return "no visible text"  # blank or scanned: pdfplumber tells which
        return chars

    def _fonts(self, resources: Any) -> PageFonts:
        """The fonts of a resource dictionary; pages sharing one share the work."""
        cached = self._page_fonts.get(id(resources))
        if cached is None or cached[0] is not resources:
            cached = (resources, PageFonts(self._pdf.rsrcmgr, resources, self._alphabets))
            self._page_fonts[id(resources)] = cached
        return cached[1]

    def _chars(self, page: Any, plumber_page: Any) -> list[dict] | str:
        """The page's chars in pdfplumber's shape, or why they would not match."""
        drawn = objects.scan(page, float(plumber_page.height))
        if drawn.may_hold_table():
            return "ruling lines"
        if drawn.actual_text:
            return "ActualText"
        fonts = self._fonts(plumber_page.page_obj.resources)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        try:
            reader = _CharReader(textpage, fonts, float(plumber_page.height))
            chars = reader.read()
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
        if isinstance(chars, str):
            return chars
        blank = objects.dropped_text(drawn, reader.used)
        if blank is None:
            return "text objects merged"
        if blank and _splits_words(blank, chars):
            return "spaces merged"
        return chars


def _splits_words(runs: list[tuple[float, float, float]], chars: list[dict]) -> bool:
    """Would a run of spaces pdfium left out fall between glyphs of a line?
    pdfminer keeps those spaces, and each one ends a word there."""
    for x0, x1, baseline in runs:
        for c in chars:
            if c["top"] <= baseline <= c["bottom"] and c["x0"] < x1 and x0 < c["x1"] \
                    and not c["text"].isspace():
                return True
    return False


def _page_shape(plumber_page: Any, page: Any) -> str:
    """Why the page's frame rules this layer out, if it does: chars are placed
    as pdfplumber places them on an unrotated page whose box starts at 0, 0."""
    if plumber_page.rotation:
        return "rotated page"
    box = [float(v) for v in plumber_page.page_obj.mediabox]
    if box[0] or box[1]:
        return "page box off origin"
    if [round(v, 2) for v in page.get_mediabox()] != [round(v, 2) for v in box]:
        return "page box differs"
    return ""


class _Calls:
    """The pdfium calls made once per char, bound with plain pointer-sized
    arguments: pypdfium2's typed wrappers cost 3× as much per call, and a
    page makes ~10,000 of them. Built once per process."""

    _made: _Calls | None = None

    def __init__(self) -> None:
        vp, i32, u32 = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint
        dbl, rect = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(pdfium_c.FS_RECTF)
        self.is_generated = _bind(pdfium_c.FPDFText_IsGenerated, i32, vp, i32)
        self.unicode = _bind(pdfium_c.FPDFText_GetUnicode, u32, vp, i32)
        self.map_error = _bind(pdfium_c.FPDFText_HasUnicodeMapError, i32, vp, i32)
        self.is_hyphen = _bind(pdfium_c.FPDFText_IsHyphen, i32, vp, i32)
        self.text_object = _bind(pdfium_c.FPDFText_GetTextObject, vp, vp, i32)
        self.origin = _bind(pdfium_c.FPDFText_GetCharOrigin, i32, vp, i32, dbl, dbl)
        self.loose_box = _bind(pdfium_c.FPDFText_GetLooseCharBox, i32, vp, i32, rect)
        self.font = _bind(pdfium_c.FPDFTextObj_GetFont, vp, vp)
        self.glyph_width = _bind(pdfium_c.FPDFFont_GetGlyphWidth, i32, vp, u32, ctypes.c_float,
                                 ctypes.POINTER(ctypes.c_float))

    @classmethod
    def get(cls) -> _Calls:
        if cls._made is None:
            cls._made = cls()
        return cls._made


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function behind a prototype of our own."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


class _CharReader:
    """One text page, char by char. Per text object (matrix, font) the work is
    done once; per char only its code point, origin and advance are read."""

    def __init__(self, textpage: Any, fonts: PageFonts, height: float):
        self.textpage = textpage
        self.tp = objects.address(textpage)
        self.fonts = fonts
        self.height = height
        self.used: set[int] = set()  # addresses of text objects that gave chars
        self._font_infos: dict[int, FontInfo | str] = {}
        self._font_widths: dict[int, dict[str, float | None]] = {}

    def read(self) -> list[dict] | str:
        tp, out, height = self.tp, [], self.height
        calls = _Calls.get()
        is_generated, unicode, map_error = calls.is_generated, calls.unicode, calls.map_error
        text_object, get_origin, loose_box = calls.text_object, calls.origin, calls.loose_box
        ox, oy, loose = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_RECTF()
        p_ox, p_oy, p_loose = ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(loose)
        current = -1  # the text object being read; its settings follow
        size = scale_x = descent = 0.0
        info, tag, alphabet, widths = None, "", frozenset(), {}
        last_x = last_y = None  # previous char's origin in the same object
        pending = False  # the previous char's advance did not match pdfium's box
        for i in range(pdfium_c.FPDFText_CountChars(self.textpage)):
            if is_generated(tp, i):
                continue  # spaces and line breaks pdfium inferred; pdfminer has none
            code = unicode(tp, i)
            if map_error(tp, i):
                return "unmapped glyphs"
            obj = text_object(tp, i) or 0
            if obj != current:
                run = self._run(i, obj)
                if isinstance(run, str):
                    return run
                current, (size, scale_x, info, tag, font) = obj, run
                descent, alphabet, widths = info.descent * size, info.alphabet, self._widths(font)
                if pending:
                    return "glyph widths disagree"
                last_x = last_y = None
                self.used.add(obj)
            text = chr(code)
            if text not in alphabet or code < 0x20 or 0x7F <= code <= 0x9F:
                text = _odd_text(code, tp, i, info)  # pdfium's hyphen mark, or rejected
                if text is None:
                    return "control codes or text outside the font's map"
            get_origin(tp, i, p_ox, p_oy)
            x0, y0 = ox.value, oy.value
            loose_box(tp, i, p_loose)
            right = loose.right
            if x0 == last_x and y0 == last_y:
                # One glyph, several chars (a ligature, "fi"): pdfminer makes one
                # char of it, as wide as the glyph's advance. pdfium's advance
                # box shows that advance when the outline ends before it.
                if right <= self._tight_right(i) + _WIDTH_TOL:
                    return "ligature of unknown width"
                out[-1]["text"] += text
                out[-1]["x1"] = right
                pending = False
                continue
            if pending:
                return "glyph widths disagree"
            last_x, last_y = x0, y0
            width = widths[text] if text in widths else self._width(font, widths, text)
            if width is None:
                return "glyph width unknown"
            x1 = x0 + width * scale_x
            # The advance box is the union of outline and advance: it must not
            # end before our advance, nor beyond it unless the outline does.
            # (A mismatch may be the first char of a ligature: wait one char.)
            pending = right < x1 - _WIDTH_TOL or (right > x1 + _WIDTH_TOL
                                                  and self._tight_right(i) < right)
            bottom = y0 + descent
            top = height - bottom - size
            out.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": height - bottom,
                        "doctop": top, "size": size, "fontname": tag, "upright": True})
        if pending:
            return "glyph widths disagree"
        return out

    def _run(self, i: int, obj: int) -> tuple[float, float, FontInfo, str, int] | str:
        """A text object's size, x scale per unit of width, font info, font
        name (pdfminer's, or a stand-in unique to the pdfium font) and font."""
        m = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(self.textpage, i, m)
        if m.b or m.c or m.a <= 0 or m.d <= 0 or abs(m.a - m.d) > _SCALE_TOL * m.d:
            return "rotated, skewed or scaled text"
        font = _Calls.get().font(obj) or 0
        if font not in self._font_infos:
            self._font_infos[font] = self.fonts.match(_base_name(font))
        info = self._font_infos[font]
        if isinstance(info, str):
            return info
        font_size = pdfium_c.FPDFText_GetFontSize(self.textpage, i)
        tag = info.name or f"P{len(self._font_infos):05d}+{strip_subset(_base_name(font))}"
        return font_size * m.d, font_size * m.a, info, tag, font

    def _widths(self, font: int) -> dict[str, float | None]:
        """The advances of a font's glyphs found so far, by text."""
        return self._font_widths.setdefault(font, {})

    @staticmethod
    def _width(font: int, widths: dict[str, float | None], text: str) -> float | None:
        """The glyph's advance per unit of font size, from the font's widths
        (pdfium finds the glyph from the text; checked against its advance box)."""
        width = ctypes.c_float()
        ok = _Calls.get().glyph_width(font, ord(text), 1.0, ctypes.byref(width))
        widths[text] = found = width.value if ok else None
        return found

    def _tight_right(self, i: int) -> float:
        """Right edge of the glyph's outline: the advance box pdfium reports is
        the union of outline and advance, so it shows the advance only when the
        outline ends before it."""
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetCharBox(self.textpage, i, left, right, bottom, top)
        return right.value


def _odd_text(code: int, tp: int, i: int, info: FontInfo) -> str | None:
    """The text of a char outside the font's map or a control code: pdfium's
    line-end hyphen mark (U+0002), or a tab or line feed the font maps; None
    when it cannot be trusted (pdfium guessed text pdfminer cannot produce)."""
    if code == 2 and _Calls.get().is_hyphen(tp, i):
        # The font's map says whether the hyphen was "-" or a soft hyphen.
        found = [h for h in _HYPHENS if h in info.alphabet]
        return found[0] if len(found) == 1 else None
    text = chr(code)
    if text not in info.alphabet or not (code in (9, 10, 13) or code >= 0xA0):
        return None
    return text


def _base_name(font: int) -> str:
    handle = ctypes.cast(font, pdfium_c.FPDF_FONT)
    size = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buf, size)
    return buf.value.decode("utf-8", "replace")
