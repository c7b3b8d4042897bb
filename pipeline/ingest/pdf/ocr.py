"""OCR of scanned pages with Tesseract (Czech), when it is installed.

A page with images but no text layer is rendered by pdfium at 300 dpi and
read by `tesseract - - -l ces --psm 4 hocr`; its words, with their boxes turned back
into PDF points, become the page's lines, so paragraphs, list labels and
headings are found by the same layout code as for any text PDF. A word's
box is as tall as its letters ("a" lower than "Ať"), so each word takes its
line's type size and baseline from Tesseract's line estimate (hOCR `x_size`,
`baseline`), and sizes within a tenth of the page's usual size are that
size: otherwise every line with accents or descenders would read as a
heading or break its paragraph. The document
says which pages came from OCR (`documents.ocr_pages`) and is `partial`: OCR
misreads words, and analysts should know where the text came from.

Without Tesseract or its Czech data (Debian packages tesseract-ocr and
tesseract-ocr-ces; `make setup-system`) scanned pages stay reported as such.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from functools import lru_cache
from typing import Any

from pipeline import tools
from pipeline.config import load
from pipeline.ingest.pdf.layout import page_lines
from pipeline.ingest.pdf.records import Page, Word

DPI = 300
LANGUAGE = "ces"
PAGE_TIMEOUT = 60.0  # seconds per page
# Page segmentation: one column of text in lines of any size. The default (automatic) mode
# takes the numbers of an indented list for a column of their own and loses them
# ("1. Zahájení" read as ". Zahájení"); columns are found from the words afterwards anyway.
PSM = "4"
_MIN_CONFIDENCE = 0.0  # tesseract's word confidence, 0-100
_DASHES = ("-", "–", "—")
_SAME_SIZE = 0.1  # a line's size within this share of the page's usual size is that size


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
        done = subprocess.run([tesseract() or "tesseract", "-", "-", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", PSM, "hocr"],
                              input=png.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        tools.note("tesseract", tools.TIMEOUT)  # may not happen again: the result is not reused
        return Page(number, height, state="scanned", reason=f"OCR took longer than {PAGE_TIMEOUT:g} s")
    if done.returncode != 0:
        return Page(number, height, state="scanned", reason="OCR failed")
    words = words_of_hocr(done.stdout.decode("utf-8", "replace"), scale)
    if not words:
        return Page(number, height, state="scanned", reason="OCR found no text")
    return Page(number, height, lines=page_lines(words, number), state="text", reason="ocr")


_LINE = re.compile(r"<span class='ocr_(?:line|caption|textfloat|header)'[^>]*title=\"([^\"]*)\"")
_WORD = re.compile(r"<span class='ocrx_word'[^>]*title='([^']*)'[^>]*>(.*?)</span>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def words_of_hocr(hocr: str, scale: float) -> list[Word]:
    """Tesseract's words in PDF points, each set on its line's baseline in its line's size."""
    lines: list[tuple[float, float, list[tuple[str, float, float]]]] = []
    starts = [(m.start(), m.group(1)) for m in _LINE.finditer(hocr)] + [(len(hocr), "")]
    for (start, title), (end, _) in zip(starts, starts[1:]):
        fields = _fields(title)
        try:
            x0, _, _, y1 = (float(v) for v in fields["bbox"].split())
            slope, offset = (float(v) for v in fields.get("baseline", "0 0").split())
            x_size = float(fields["x_size"])
        except (KeyError, ValueError):
            continue
        found = []
        for m in _WORD.finditer(hocr, start, end):
            word = _fields(m.group(1))
            text = html.unescape(_TAG.sub("", m.group(2))).strip()
            try:
                wx0, _, wx1, _ = (float(v) for v in word["bbox"].split())
                confidence = float(word.get("x_wconf", 0))
            except (KeyError, ValueError):
                continue
            if text and confidence >= _MIN_CONFIDENCE:
                found.append((text, wx0, wx1))
        cleaned = _clean_line(found)
        if cleaned:
            baseline = y1 + offset + slope * ((cleaned[0][1] + cleaned[-1][2]) / 2 - x0)
            # a rule or bullet misread as "|", "*«" is as tall as no letter: size unknown
            lines.append((baseline, x_size if cleaned == found else 0.0, cleaned))
    usual = _usual_size([(size, sum(len(t) for t, _, _ in ws)) for _, size, ws in lines if size])
    words = []
    for baseline, size, found in lines:
        if not size or usual and abs(size - usual) <= _SAME_SIZE * usual:
            size = usual or 10.0 * scale
        top, bottom = (baseline - 0.8 * size) / scale, (baseline + 0.2 * size) / scale
        words += [Word(text, wx0 / scale, wx1 / scale, top, bottom, size / scale, "ocr")
                  for text, wx0, wx1 in found]
    return words


def _clean_line(found: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Table rules dropped, a misread bullet at the line's start made "•" again."""
    rules, misreads = _glyphs()
    out = []
    for text, x0, x1 in found:
        text = text.strip("".join(rules))
        if text:
            out.append((text, x0, x1))
    lead = 0
    while lead < len(out) and all(ch in misreads for ch in out[lead][0]) \
            and not out[lead][0].isalpha():
        lead += 1
    if lead and lead < len(out):
        out[:lead] = [("•", out[0][1], out[lead - 1][2])]
    elif not lead and len(out) > 1 and out[0][0] in _DASHES:
        keep = 1
        while keep < len(out) - 1 and all(ch in misreads for ch in out[keep][0]):
            keep += 1
        out[1:keep] = []  # "- ©": a dash bullet with a speck of dirt after it
    return out


@lru_cache(maxsize=1)
def _glyphs() -> tuple[str, frozenset[str]]:
    cfg = load("ingest")["ocr"]
    return "".join(cfg["rule_glyphs"]), frozenset("".join(cfg["bullet_misreads"]))


def _fields(title: str) -> dict[str, str]:
    """hOCR's title attribute: "bbox 1 2 3 4; x_wconf 96" -> {"bbox": "1 2 3 4", ...}."""
    out = {}
    for part in title.split(";"):
        key, _, value = part.strip().partition(" ")
        out[key] = value
    return out


def _usual_size(sizes: list[tuple[float, int]]) -> float:
    """The size most of the page's text is set in (median weighted by characters)."""
    total = sum(n for _, n in sizes)
    acc = 0
    for size, n in sorted(sizes):
        acc += n
        if 2 * acc >= total:
            return size
    return 0.0
