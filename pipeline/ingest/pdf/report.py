"""What a PDF's pages yielded, told to the user: a specific error when no
page has text (scanned, unmapped fonts, damaged, blank), else the status,
error and warnings for the pages that lost text."""

from __future__ import annotations

from collections import Counter

from pipeline.ingest.pdf.records import Page
from pipeline.model import IngestError


def check_some_text(pages: list[Page]) -> None:
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


def report(pages: list[Page]) -> tuple[str, str | None, list[str]]:
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


def ocr_note(numbers: list[int]) -> str:
    """What the documents row says of pages whose text came from OCR."""
    return (f"{_pages(numbers, 'was', 'were')} read by OCR (Tesseract, Czech): words may be misread; "
            "check names and figures against the scan")


def _their(numbers: list[int]) -> str:
    return "its" if len(numbers) == 1 else "their"


def _pages(numbers: list[int], one: str = "has", many: str = "have") -> str:
    listed = ", ".join(map(str, numbers[:20])) + (", …" if len(numbers) > 20 else "")
    return f"page {listed} {one}" if len(numbers) == 1 else f"pages {listed} {many}"
