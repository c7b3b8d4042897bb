"""PDF reader: the text layer of a PDF -> ordered blocks.

Page by page, chars come from one of two text layers and then go through the
same layout code (words, lines, columns, paragraphs, running headers, list
labels, headings):

- `fast` (pypdfium2): ~4× faster at getting a page's chars; used for a page
  when the chars it gives are known to be the ones pdfplumber would give
  (checked per page: fonts matched against pdfminer's, no ruling that could
  frame a table, upright unscaled text, no unmapped or implausible glyphs);
- `plumber` (pdfplumber/pdfminer): everything else — ruled tables, rotated
  text, fonts without a Unicode map — and the errors the user sees.

Scanned pages are read by OCR (`ocr`, Tesseract) when it is installed, else reported. Modules: `records` (the data),
`layout` (chars -> lines), `tables`, `paragraphs`, `running`, `blocks`,
`report` (status and errors), `fonts`/`objects` (what the fast layer checks).
"""

from __future__ import annotations

from collections import Counter

from pipeline import tools
from pipeline.ingest.pdf import fast, ocr, plumber
from pipeline.ingest.pdf.blocks import blocks as _blocks
from pipeline.ingest.pdf.records import Page
from pipeline.ingest.pdf.report import check_some_text, ocr_note, report
from pipeline.model import IngestError, IngestResult

# Pages read per text layer since the process started ("fast", or "plumber:<why>"),
# for benchmarks and tests; never part of the output.
PAGE_LAYERS: Counter[str] = Counter()


def read(data: bytes) -> IngestResult:
    """Read a PDF's text layer into blocks; raise IngestError when nothing is readable."""
    try:
        return _read(data)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: only IngestError leaves
        raise IngestError(
            f"PDF could not be read ({type(exc).__name__}: {plumber.short(exc)}); "
            "re-export or re-download it and run again") from exc


def _read(data: bytes) -> IngestResult:
    if not data or not data.strip():
        raise IngestError("empty file: the PDF has no content (0 bytes); "
                          "re-download or re-export it")
    with plumber.open_pdf(data) as pdf:
        with fast.FastText.open(data, pdf) as layer:
            pages = [_read_page(pdf, layer, i) for i in range(len(pdf.pages))]
    if not pages:
        raise IngestError("damaged PDF (no pages found): the file may be truncated; "
                          "re-export or re-download it")
    ocr_pages = _ocr_scanned(data, pages)
    check_some_text(pages)
    blocks = _blocks(pages)
    if not blocks:
        raise IngestError("no text layer: the PDF's text is only page numbers or marks; "
                          "check that this is the right file")
    status, error, warnings = report(pages)
    if ocr_pages:
        status = "partial"
        error = "; ".join(filter(None, [error, ocr_note(ocr_pages)]))
    return IngestResult(blocks=blocks, n_pages=len(pages), status=status, error=error,
                        warnings=warnings, ocr_pages=len(ocr_pages))


def _ocr_scanned(data: bytes, pages: list[Page]) -> list[int]:
    """Scanned pages read by OCR, in place, when Tesseract is installed; their numbers."""
    scanned = [i for i, p in enumerate(pages) if p.state == "scanned"]
    if not scanned:
        return []
    if not ocr.available():
        tools.note("tesseract", tools.MISSING)  # installing it changes this result (cache key)
        return []
    tools.note("tesseract", tools.USED)
    done: list[int] = []
    for i, page in ocr.read_pages(data, scanned).items():
        pages[i] = page
        if page.state == "text":
            done.append(page.number)
            PAGE_LAYERS["ocr"] += 1
    return done


def _read_page(pdf: object, layer: fast.FastText, index: int) -> Page:
    """The fast layer's page when it vouches for it, else pdfplumber's."""
    page, why = layer.read_page(index)
    if page is not None:
        PAGE_LAYERS["fast"] += 1
        return page
    PAGE_LAYERS[f"plumber:{why}"] += 1
    return plumber.read_page(pdf, index)
