"""Scanned minutes: the dev PDFs rendered to images (a scan without a text layer), read back
by OCR and compared word by word with their text layer."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.pdf import ocr
from pipeline.model import IngestError
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


@needs_ocr
@pytest.mark.parametrize("name", [p.name for p in sorted(CORPUS_RAW.glob("*.pdf"))] or ["none"])
def test_a_scan_of_dev_minutes_reads_back_by_ocr(name):
    original = need(CORPUS_RAW / name).read_bytes()
    scan = scanned(original)
    result = pdf_reader.read(scan)
    reference = [b.text for b in pdf_reader.read(original).blocks]
    assert result.ocr_pages == len(pdfium.PdfDocument(scan))
    assert result.status == "partial" and "OCR" in result.error
    assert coverage("\n".join(reference), [b.text for b in result.blocks]) >= 0.95


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
