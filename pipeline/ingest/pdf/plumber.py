"""The pdfplumber text layer: pdfminer parses the page's content stream in
Python. Slow (≈25 pages/s) but complete, so it is the reference every other
layer is measured against and the one used wherever the fast layer is not
known to give the same chars: ruled tables, rotated text, fonts it cannot
match, text that fails the mojibake checks.

It also opens every PDF: pdfminer's view of the file decides which errors
the user sees (encrypted, damaged, empty), whatever layer reads the pages.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.ingest.pdf.layout import build_page, dedupe
from pipeline.ingest.pdf.records import Page
from pipeline.ingest.pdf.tables import find_tables
from pipeline.model import IngestError

_GARBLED_SHARE = 0.3  # pages with more unmapped glyphs than this are unreadable
_CID = re.compile(r"^\(cid:\d+\)$")


def open_pdf(data: bytes) -> Any:
    """Open and parse the page tree, turning pdfminer's failures into user messages."""
    pdf = None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        len(pdf.pages)  # the page tree is parsed lazily: fail here, not later
        return pdf
    except Exception as exc:  # noqa: BLE001 - classified below
        if pdf is not None:
            pdf.close()
        c = cause(exc)
        if isinstance(c, PDFEncryptionError):
            raise IngestError("encrypted PDF: it needs a password to open; "
                              "save an unprotected copy and run again") from exc
        raise IngestError(f"damaged PDF ({type(c).__name__}: {short(c)}): "
                          "the file may be truncated; re-export or re-download it") from exc


def cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer errors in PdfminerException with the cause in args[0]."""
    while isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0],
                                                                          BaseException):
        exc = exc.args[0]
    return exc


def short(exc: BaseException, limit: int = 80) -> str:
    text = " ".join(str(exc).split()) or "no details"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_page(pdf: Any, index: int) -> Page:
    """Parse one page; a page that fails is recorded, not fatal."""
    number = index + 1
    try:
        page = pdf.pages[index]
        try:
            return _page_text(page, number)
        finally:
            page.close()  # drop pdfplumber's per-page caches: long files stay small
    except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
        c = cause(exc)
        return Page(number, 0.0, state="failed", reason=f"{type(c).__name__}: {short(c)}")


def _page_text(page: Any, number: int) -> Page:
    chars = [c for c in page.chars if c.get("text")]
    visible = [c for c in chars if not c["text"].isspace()]
    if not visible:
        return Page(number, float(page.height), state="scanned" if page.images else "blank")
    unmapped = sum(1 for c in visible if _CID.match(c["text"]))
    if unmapped > _GARBLED_SHARE * len(visible):
        return Page(number, float(page.height), state="garbled",
                    reason=f"{unmapped} of {len(visible)} glyphs have no Unicode mapping")
    chars = dedupe([c for c in chars if not _CID.match(c["text"])])
    tables = []
    if 2 * sum(1 for c in chars if c.get("upright", True)) >= len(chars):
        tables, chars = find_tables(page, number, chars)  # table boxes are in page coordinates
    return build_page(number, float(page.width), float(page.height), chars, tables)
