"""The PDF reader's two text layers: the fast one (pypdfium2) must give the
blocks the pdfplumber one gives, wherever it takes a page, and hand every
page it cannot vouch for to pdfplumber, saying why."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.ingest import pdf
from pipeline.ingest.pdf import fast, objects, plumber
from pipeline.model import IngestError, IngestResult
from tests.conftest import CORPUS_RAW, PEERS, ROOT, need

S001 = "001_7f5b36c52eeef91b"
S003 = "003_582c2b8463ddf982"
SAMPLE_RAW = ROOT / "data" / "raw"
SLOW_FILES = {"DA-619p.pdf"}
# Files where the fast layer reads text pdfminer loses (README of the peer corpus).
BETTER_FAST = {"embedded-cmap-cidfont.pdf"}
GEOMETRY = ("x0", "x1", "top", "bottom", "size")


@pytest.fixture(autouse=True)
def _quiet_pdfminer():
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _plumber_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast.FastText, "read_page", lambda self, index: (None, "off"))


def _outcome(data: bytes) -> IngestResult | str:
    try:
        return pdf.read(data)
    except IngestError as exc:
        return f"IngestError: {exc}"


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object, dict]:
    """(fast result, pdfplumber-only result, pages per layer of the fast run)."""
    data = need(path).read_bytes()
    before = dict(pdf.PAGE_LAYERS)
    with_fast = _outcome(data)
    layers = {k: n - before.get(k, 0) for k, n in pdf.PAGE_LAYERS.items() if n > before.get(k, 0)}
    with monkeypatch.context() as m:
        _plumber_only(m)
        only_plumber = _outcome(data)
    return with_fast, only_plumber, layers


def _layer(path: Path) -> tuple[object, fast.FastText]:
    data = need(path).read_bytes()
    doc = plumber.open_pdf(data)
    return doc, fast.FastText.open(data, doc)


# --------------------------------------------------------------------------- same output


def _dev_pdfs() -> list[Path]:
    return sorted(CORPUS_RAW.glob("*.pdf")) + sorted(SAMPLE_RAW.glob("*.pdf"))


@pytest.mark.parametrize("path", _dev_pdfs(), ids=lambda p: p.name)
def test_dev_pdfs_same_blocks_either_layer(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_fast, only_plumber, layers = _both(path, monkeypatch)
    assert with_fast == only_plumber
    assert layers.get("fast", 0) >= 1, layers


def _peer_pdfs() -> list:
    if not PEERS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no peer corpus at {PEERS}"))]
    params = []
    for path in sorted(PEERS.rglob("*.pdf")):
        slow = path.name in SLOW_FILES
        marks = [pytest.mark.slow,
                 pytest.mark.skipif(not os.environ.get("KPSS_SLOW"),
                                    reason="slow: set KPSS_SLOW=1 to run")] if slow else []
        params.append(pytest.param(path, id=str(path.relative_to(PEERS)), marks=marks))
    return params


@pytest.mark.parametrize("path", _peer_pdfs())
def test_peer_pdfs_same_blocks_either_layer(path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every peer PDF: the same blocks, status and errors with the fast layer
    as without it, bar the files where pdfium reads text pdfminer loses."""
    with_fast, only_plumber, _ = _both(path, monkeypatch)
    if path.name in BETTER_FAST:
        assert isinstance(with_fast, IngestResult) and isinstance(only_plumber, IngestResult)
        texts = [b.text for b in with_fast.blocks]
        assert all(b.text in texts for b in only_plumber.blocks)
    else:
        assert with_fast == only_plumber


def test_embedded_cmap_line_is_read() -> None:
    """pdfminer drops the CID-font line of this file; pdfium reads it."""
    result = pdf.read(need(PEERS / "unstructured/embedded-cmap-cidfont.pdf").read_bytes())
    assert "This text uses an embedded CMap and should be extractable" in \
        [b.text for b in result.blocks]


# --------------------------------------------------------------------------- the chars


@pytest.mark.parametrize("stem, index", [(S001, 0), (S001, 2), (S003, 1)])
def test_fast_chars_are_pdfplumbers(stem: str, index: int) -> None:
    """Text, box, size and font of every visible char as pdfplumber has them:
    descents from pdfminer's fonts (LibreOffice writes 0, pdfium would guess),
    advances from the font widths, subset-tagged font names."""
    doc, layer = _layer(CORPUS_RAW / f"{stem}.pdf")
    with doc, layer:
        mine = [c for c in layer.chars(index) if not c["text"].isspace()]
        theirs = [c for c in doc.pages[index].chars if not c["text"].isspace()]
    assert [c["text"] for c in mine] == [c["text"] for c in theirs]
    for a, b in zip(mine, theirs):
        assert a["fontname"] == b["fontname"]
        assert all(abs(a[k] - b[k]) < 1e-3 for k in GEOMETRY), (a, b)


def test_table_page_goes_to_pdfplumber() -> None:
    """A ruled table needs pdfplumber's table finder; header rules alone do not."""
    doc, layer = _layer(CORPUS_RAW / f"{S003}.pdf")
    with doc, layer:
        assert [layer.read_page(i)[1] for i in range(3)] == ["ruling lines", "", ""]
    doc, layer = _layer(CORPUS_RAW / f"{S001}.pdf")
    with doc, layer:
        assert [layer.read_page(i)[1] for i in range(4)] == ["", "", "", ""]


def test_czech_non_unicode_cmap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium scrambles this Czech page ("3HQČåQ" for "Peněžní"); its text
    checks refuse the page even where nothing else would, and pdfplumber
    reads it."""
    path = PEERS / "pdfminer.six/issue-791-non-unicode-cmap.pdf"
    monkeypatch.setattr(objects.Drawn, "may_hold_table", lambda self: False)
    doc, layer = _layer(path)
    with doc, layer:
        assert layer.read_page(0) == (None, "unmapped glyphs")
    assert "Peněžní prostředky na účtech" in [b.text for b in pdf.read(path.read_bytes()).blocks]


@pytest.mark.parametrize("rel, why", [
    ("pdfplumber/nics-background-checks-2015-11-rotated.pdf", "rotated page"),
    ("docling/ocr_test.pdf", "no visible text"),
    ("unstructured/DA-619p.pdf", "spaces merged"),  # tab leaders drawn twice, page 2
])
def test_pages_pdfium_would_misread_go_to_pdfplumber(rel: str, why: str) -> None:
    doc, layer = _layer(PEERS / rel)
    with doc, layer:
        assert why in {layer.read_page(i)[1] for i in range(min(2, len(doc.pages)))}


def test_encrypted_pdf_fails_as_before() -> None:
    with pytest.raises(IngestError, match="encrypted PDF"):
        pdf.read(need(PEERS / "pdfplumber/password-example.pdf").read_bytes())


def test_layers_are_counted() -> None:
    before = pdf.PAGE_LAYERS.copy()
    pdf.read(need(CORPUS_RAW / f"{S003}.pdf").read_bytes())
    assert pdf.PAGE_LAYERS["fast"] - before["fast"] == 2
    assert pdf.PAGE_LAYERS["plumber:ruling lines"] - before["plumber:ruling lines"] == 1


# --------------------------------------------------------------------------- made here


@pytest.fixture(scope="module")
def made_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice PDF in DejaVu Sans (it sets "fi"/"ff" as ligatures, and
    writes /Descent 0 like every LibreOffice export): a heading, a long
    paragraph with soft hyphens (broken lines end in pdfium's U+0002 mark),
    italic and bold words inside lines, a bullet list; a ruled table on the
    second page."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot make the test PDF")
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_BREAK

    out = tmp_path_factory.mktemp("layers")
    doc = docx.Document()
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.add_heading("Zápis z jednání – financování služeb", level=1)
    soft = "\u00ad"
    words = [f"fi{soft}nan{soft}co{soft}vá{soft}ní", "efek" + soft + "tiv" + soft + "ní",
             "kofi" + soft + "nan" + soft + "co" + soft + "vá" + soft + "ní", "pro", "služby",
             "ofi" + soft + "ci" + soft + "ál" + soft + "ní"]
    para = doc.add_paragraph(" ".join(words * 12) + ". ")
    para.add_run("Kurzívou").italic = True
    para.add_run(" psaný a ")
    para.add_run("tučný").bold = True
    para.add_run(" text uvnitř řádku.")
    for item in ["První bod seznamu", "Druhý bod seznamu"]:
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([("Datum", "15. února 2022"), ("Místo", "radnice")]):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
    doc.save(str(out / "made.docx"))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    str(out / "made.docx")], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(out)})
    return out / "made.pdf"


def test_made_pdf_same_blocks_either_layer(made_pdf: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with_fast, only_plumber, layers = _both(made_pdf, monkeypatch)
    assert with_fast == only_plumber
    assert layers == {"fast": 1, "plumber:ruling lines": 1}
    texts = [b.text for b in with_fast.blocks]
    assert any(t.startswith("financování efektivní kofinancování") for t in texts)
    assert [b.text for b in with_fast.blocks if b.kind == "table_cell"] == [
        "Datum", "15. února 2022", "Místo", "radnice"]


def test_made_pdf_ligatures_are_one_char(made_pdf: Path) -> None:
    """pdfminer makes one char of a ligature glyph, as wide as its advance."""
    doc, layer = _layer(made_pdf)
    with doc, layer:
        mine = [c for c in layer.chars(0) if not c["text"].isspace()]
        theirs = [c for c in doc.pages[0].chars if not c["text"].isspace()]
    assert any(len(c["text"]) > 1 for c in theirs), "LibreOffice set no ligature"
    assert [c["text"] for c in mine] == [c["text"] for c in theirs]
    for a, b in zip(mine, theirs):
        assert all(abs(a[k] - b[k]) < 1e-3 for k in GEOMETRY), (a, b)


# --------------------------------------------------------------------------- units


def _dedupe_by_definition(chars: list[dict], tol: float = 1.0) -> list[dict]:
    kept: list[dict] = []
    for c in chars:
        if c["text"].isspace() or not any(
                k["text"] == c["text"] and abs(k["x0"] - c["x0"]) < tol
                and abs(k["top"] - c["top"]) < tol for k in kept):
            kept.append(c)
    return kept


def test_dedupe_keeps_first_of_each_overprint() -> None:
    from hypothesis import given, settings, strategies as st

    from pipeline.ingest.pdf.layout import dedupe

    coord = st.floats(min_value=-50, max_value=50, allow_nan=False).map(lambda v: round(v, 1))
    char = st.builds(lambda t, x, y: {"text": t, "x0": x, "top": y},
                     st.sampled_from(["a", "b", " "]), coord, coord)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(char, max_size=60))
    def check(chars: list[dict]) -> None:
        assert [id(c) for c in dedupe(chars)] == [id(c) for c in _dedupe_by_definition(chars)]

    check()


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def test_rules_and_underlines_hold_no_table() -> None:
    rules = objects.Drawn(842.0, edges=[_edge("h", 70, 525, 60, 60), _edge("h", 70, 525, 780, 780),
                                        _edge("h", 100, 160, 300, 300)])
    assert not rules.may_hold_table()
    grid = objects.Drawn(842.0, edges=[_edge("h", 70, 300, 100, 100), _edge("h", 70, 300, 120, 120),
                                       _edge("v", 70, 70, 100, 120), _edge("v", 300, 300, 100, 120)])
    assert grid.may_hold_table()
    short = objects.Drawn(842.0, edges=[_edge("h", 70, 300, 100, 100), _edge("h", 70, 300, 101, 101),
                                        _edge("v", 70, 70, 100, 101), _edge("v", 300, 300, 100, 101)])
    assert not short.may_hold_table(), "a thick underline's sides are under 3 pt"
