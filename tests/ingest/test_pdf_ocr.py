"""Scanned minutes: the dev PDFs rendered to images (a scan without a text layer), read back
by OCR and compared word by word with their text layer."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.pdf import ocr
from pipeline.model import IngestError, IngestResult
from tests.conftest import CORPUS_RAW, PEERS, need
from tests.wordcheck import coverage

needs_ocr = pytest.mark.skipif(not ocr.available(),
                               reason="Tesseract with Czech data is not installed (make setup-system installs it)")


def scanned(data: bytes, dpi: int = 300) -> bytes:
    """An image-only PDF of the pages, as a scanner makes it."""
    document = pdfium.PdfDocument(data)
    images = [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(document))]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


_scans: dict[str, tuple[bytes, IngestResult]] = {}


def _scan_read(path: Path, pages: int | None = None) -> tuple[bytes, IngestResult]:
    """A file's scan (its first `pages` pages) read by OCR, once per session."""
    key = f"{path}:{pages}"
    if key not in _scans:
        original = need(path).read_bytes()
        if pages is not None:
            document = pdfium.PdfDocument(original)
            part = pdfium.PdfDocument.new()
            part.import_pages(document, list(range(pages)))
            out = io.BytesIO()
            part.save(out)
            original = out.getvalue()
        scan = scanned(original)
        _scans[key] = (original, pdf_reader.read(scan))
    return _scans[key]


@needs_ocr
@pytest.mark.parametrize("name", [p.name for p in sorted(CORPUS_RAW.glob("*.pdf"))] or ["none"])
def test_a_scan_of_dev_minutes_reads_back_by_ocr(name):
    original, result = _scan_read(CORPUS_RAW / name)
    reference = [b.text for b in pdf_reader.read(original).blocks]
    assert result.ocr_pages == len(pdfium.PdfDocument(original))
    assert result.status == "partial" and "OCR" in result.error
    assert coverage("\n".join(reference), [b.text for b in result.blocks]) >= 0.95


def _shape(result: IngestResult) -> list[tuple[str, str | None, int | None]]:
    """Headings and list items in order (a scan has no ruling lines: its tables are
    paragraphs of tab-separated cells, so table cells are left out)."""
    return [(b.kind, b.label, b.level) for b in result.blocks if b.kind in ("heading", "list_item")]


@needs_ocr
@pytest.mark.parametrize("name", [p.name for p in sorted(CORPUS_RAW.glob("*.pdf"))] or ["none"])
def test_a_scan_has_the_blocks_of_its_text_layer(name):
    """Wrapped lines rejoined, list labels and bullets as in the text layer, headings only
    where the type is larger: OCR's boxes are as tall as their letters, which made lines
    with accents headings and broke paragraphs at every taller line."""
    original, result = _scan_read(CORPUS_RAW / name)
    assert _shape(result) == _shape(pdf_reader.read(original))


@needs_ocr
def test_a_scanned_agenda_keeps_its_numbers_and_tables_lose_their_rules():
    """An indented typed agenda ("1. Zahájení …") and ruled tables on a scanned page: the
    numbers are read (not taken for a column of their own) and no rule comes out as "|"."""
    path = need(Path(CORPUS_RAW).parent / "realstyle" / "raw" / "ra04.pdf")
    _, result = _scan_read(path, pages=1)
    labels = [b.label for b in result.blocks if b.kind == "list_item"]
    assert labels[:7] == ["1.", "1.", "2.", "3.", "4.", "5.", "6."]
    assert not [b.text for b in result.blocks if "|" in b.text]


@needs_ocr
def test_peer_scan_is_read_by_ocr():
    result = pdf_reader.read(need(PEERS / "docling" / "ocr_test.pdf").read_bytes())
    assert result.ocr_pages >= 1 and result.blocks and result.status == "partial"


def test_without_tesseract_a_scan_says_so(monkeypatch):
    monkeypatch.setenv("KPSS_TESSERACT", "/nonexistent/tesseract")
    ocr.tesseract.cache_clear()
    try:
        with pytest.raises(IngestError, match="no text layer: scanned PDF"):
            pdf_reader.read(need(PEERS / "docling" / "ocr_test.pdf").read_bytes())
    finally:
        ocr.tesseract.cache_clear()
