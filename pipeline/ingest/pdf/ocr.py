"""OCR of scanned pages with Tesseract (Czech), when it is installed.

A page with images but no text layer is rendered by pdfium at 300 dpi and
read by `tesseract - - -l ces tsv`; its words, with their boxes turned back
into PDF points, become the page's lines, so paragraphs, list labels and
headings are found by the same layout code as for any text PDF. The document
says which pages came from OCR (`documents.ocr_pages`) and is `partial`: OCR
misreads words, and analysts should know where the text came from.

Without Tesseract or its Czech data (Debian packages tesseract-ocr and
tesseract-ocr-ces; `make setup-system`) scanned pages stay reported as such.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from functools import lru_cache
from typing import Any

from pipeline import tools
from pipeline.ingest.pdf.layout import page_lines
from pipeline.ingest.pdf.records import Page, Word

DPI = 300
LANGUAGE = "ces"
PAGE_TIMEOUT = 60.0  # seconds per page
_MIN_CONFIDENCE = 0.0  # tesseract's -1 marks non-words (blocks, lines); real words have 0-100


@lru_cache(maxsize=1)
def tesseract() -> str | None:
    """The tesseract binary when it can read Czech (`KPSS_TESSERACT` may name another one,
    or turn OCR off when it names nothing runnable)."""
    binary = shutil.which(os.environ["KPSS_TESSERACT"]) if "KPSS_TESSERACT" in os.environ \
        else shutil.which("tesseract")
    if binary is None:
        return None
    try:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return binary if LANGUAGE in langs.split() else None


def available() -> bool:
    return tesseract() is not None


def read_pages(data: bytes, indices: list[int]) -> dict[int, Page]:
    """The scanned pages `indices` (0-based) read by OCR; a page OCR cannot read stays
    `scanned` with the reason. The PDF is opened once for all of them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return {index: _read_page(pdf, index) for index in indices}
    finally:
        pdf.close()


def _read_page(pdf: Any, index: int) -> Page:
    number = index + 1
    page = pdf[index]
    try:
        height = page.get_size()[1]
        scale = DPI / 72
        image = page.render(scale=scale).to_pil()
    finally:
        page.close()
    png = io.BytesIO()
    image.convert("L").save(png, format="PNG")
    try:
        done = subprocess.run([tesseract() or "tesseract", "-", "-", "-l", LANGUAGE, "--dpi", str(DPI), "tsv"],
                              input=png.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        tools.note("tesseract", tools.TIMEOUT)  # may not happen again: the result is not reused
        return Page(number, height, state="scanned", reason=f"OCR took longer than {PAGE_TIMEOUT:g} s")
    if done.returncode != 0:
        return Page(number, height, state="scanned", reason="OCR failed")
    words = _words(done.stdout.decode("utf-8", "replace"), scale)
    if not words:
        return Page(number, height, state="scanned", reason="OCR found no text")
    return Page(number, height, lines=page_lines(words, number), state="text", reason="ocr")


def _words(tsv: str, scale: float) -> list[Word]:
    """Tesseract's words in PDF points; each word's size is its line's height (a word's own
    box is as tall as its letters, "a" lower than "Ab"), which the layout code reads as em."""
    grouped: dict[tuple[str, str, str, str], list[Word]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        try:
            confidence = float(row.get("conf") or -1)
            left, top = float(row["left"]) / scale, float(row["top"]) / scale
            width, height = float(row["width"]) / scale, float(row["height"]) / scale
        except (KeyError, TypeError, ValueError):
            continue
        if not text or confidence < _MIN_CONFIDENCE:
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        grouped.setdefault(key, []).append(Word(text, left, left + width, top, top + height, height, "ocr"))
    words = []
    for line in grouped.values():
        size = max(w.bottom for w in line) - min(w.top for w in line)
        for w in line:
            w.size = size
        words.extend(line)
    return words
