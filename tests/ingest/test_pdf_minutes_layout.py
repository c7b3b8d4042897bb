"""PDF layouts of real minutes that used to lose rows in ingestion (issue 15, class 19), on
small minutes written here as DOCX and exported to PDF by LibreOffice, as town offices do:

- a body line that opens several pages ("Hlasování: pro 5, …", "Návrh usnesení č. 3:") is
  not a running header: a running line repeats at the same place of most pages and the body
  does not use it elsewhere in the same type size;
- "1/2024" under a title is a document number, not page 1 of 2024;
- a labelled line ("Zodpovídá:", "Realizátor:") starts a new block after a nearly
  full-width line or a long bold heading;
- rows of a two-column list ("KPSS<tab>komunitní …" / "MěÚ<tab>městský úřad") stay rows;
- a table cell keeps a deliberate line break ("\\n" between two organisations) and joins a
  wrapped line with a space (a name is not cut in two).

Names, organisations and figures are invented."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.ingest.pdf import read
from pipeline.model import IngestResult

HEADER = "Komunitní plánování Lhotecka – pracovní skupina Senioři"
VOTE = "Hlasování: pro 5, proti 0, zdržel se 0."
PROPOSAL = "Návrh usnesení č. 3:"
# Padding words: each variant's last line ends at another place, some of them nearly at
# the right margin, where the next line's label used to be taken for a continuation.
FILLER = ("Pracovní skupina projednala rozšíření kapacity odlehčovací služby a doporučila "
          "zařadit aktivitu do akčního plánu na příští rok bez dalších podmínek").split()
ABBREVIATIONS = [("DPS", "dům s pečovatelskou službou"), ("KPSS", "komunitní plánování sociálních služeb"),
                 ("MěÚ", "městský úřad"), ("NNO", "nestátní nezisková organizace"),
                 ("OP Z", "Operační program Zaměstnanost"), ("OÚ", "obecní úřad")]
NAMES = "Jana Horáková, Petr Lipský, Ota Vrána, Mgr. P. Kudrnová, Eva Malá, Jan Bílý, Ivo Sedlák"


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot make the test PDF")
    return soffice


def _to_pdf(document, out: Path, stem: str) -> IngestResult:
    document.save(str(out / f"{stem}.docx"))
    subprocess.run([_soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    str(out / f"{stem}.docx")], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(out)})
    return read((out / f"{stem}.pdf").read_bytes())


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    """Resolutions under a running header: the vote line opens page 2, the proposal line
    opens page 3 and the vote is its third line; a document number on the title's second
    line; labelled lines after lines of every length; a last page listing abbreviations."""
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    _soffice()
    out = tmp_path_factory.mktemp("layout")
    doc = docx.Document()
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    doc.sections[0].header.paragraphs[0].text = HEADER
    title = doc.add_paragraph()
    title.add_run("ZÁPIS z jednání pracovní skupiny Senioři č.").bold = True
    title.add_run().add_break()
    title.add_run("3/2021").bold = True
    for k in range(3, len(FILLER) + 1, 2):
        doc.add_paragraph(" ".join(FILLER[:k] + FILLER[:k]) + ".")
        doc.add_paragraph("Zodpovídá: Spolek Pramen, z. s.")
    for k in range(4, 12):
        doc.add_paragraph().add_run(f"Opatření 2.{k} " + " ".join(FILLER[:k])).bold = True
        doc.add_paragraph("Realizátor: Domov Javor, z. ú.")
    doc.add_paragraph(VOTE)
    doc.add_paragraph("Usnesení č. 1/3 bylo přijato.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(VOTE)
    doc.add_paragraph("Usnesení č. 2/3 bylo přijato.")
    doc.add_paragraph(PROPOSAL)
    doc.add_paragraph("Pracovní skupina schvaluje program jednání.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(PROPOSAL)
    doc.add_paragraph("Pracovní skupina schvaluje zápis z minulého jednání.")
    doc.add_paragraph(VOTE)
    doc.add_paragraph("Usnesení č. 3/3 bylo přijato.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for term, meaning in ABBREVIATIONS:  # a page of short lines: its longest sets its margin
        doc.add_paragraph(f"{term}\t{meaning}").paragraph_format.tab_stops.add_tab_stop(Pt(60))
    return _to_pdf(doc, out, "minutes")


def _texts(result: IngestResult, region: str = "body") -> list[str]:
    return [b.text for b in result.blocks if b.region == region]


def test_a_body_line_opening_pages_is_not_a_running_header(minutes: IngestResult) -> None:
    assert [b.text for b in minutes.blocks if b.region == "header"] == [HEADER]
    body = _texts(minutes)
    assert sum(t.startswith(VOTE) for t in body) == 3
    assert body.count(PROPOSAL) == 2
    assert body.index(PROPOSAL) < max(i for i, t in enumerate(body) if t.startswith(VOTE))


def test_a_document_number_under_the_title_is_not_a_page_number(minutes: IngestResult) -> None:
    title = "\n".join(_texts(minutes)[:2])  # a manual break before a digit ends the paragraph
    assert title == "ZÁPIS z jednání pracovní skupiny Senioři č.\n3/2021"


def test_a_labelled_line_starts_a_new_block(minutes: IngestResult) -> None:
    body = _texts(minutes)
    assert body.count("Zodpovídá: Spolek Pramen, z. s.") == len(range(3, len(FILLER) + 1, 2))
    assert body.count("Realizátor: Domov Javor, z. ú.") == 8
    assert not [t for t in body if "Zodpovídá:" in t[1:] or "Realizátor:" in t[1:]]


def test_rows_of_a_two_column_list_stay_rows(minutes: IngestResult) -> None:
    body = _texts(minutes)
    assert body[-len(ABBREVIATIONS):] == [f"{term}\t{meaning}" for term, meaning in ABBREVIATIONS]


@pytest.fixture(scope="module")
def cells(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    """A ruled table: two organisations on two lines of one cell (a manual break), two more
    as two paragraphs of a cell, and a list of names wrapped in a double-spaced cell."""
    docx = pytest.importorskip("docx")

    _soffice()
    out = tmp_path_factory.mktemp("cells")
    doc = docx.Document()
    doc.styles["Normal"].font.name = "DejaVu Sans"
    table = doc.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Přítomni:"
    table.cell(0, 1).text = NAMES
    table.cell(0, 1).paragraphs[0].paragraph_format.line_spacing = 2.0
    table.cell(1, 0).text = "Realizátor:"
    cell = table.cell(1, 1)
    cell.text = "Domov Javor, z. ú."
    cell.paragraphs[0].add_run().add_break()
    cell.paragraphs[0].add_run("Spolek Pramen, z. s.")
    table.cell(2, 0).text = "Partneři:"
    table.cell(2, 1).text = "Město Lhotka"
    table.cell(2, 1).add_paragraph("Charita Lhotka")
    return _to_pdf(doc, out, "cells")


def test_a_cell_keeps_its_line_breaks_and_joins_its_wraps(cells: IngestResult) -> None:
    got = {(b.row, b.col): b.text for b in cells.blocks if b.kind == "table_cell"}
    assert got[(0, 1)] == NAMES, "a wrapped list of names reads on, one space at the wrap"
    assert got[(1, 1)] == "Domov Javor, z. ú.\nSpolek Pramen, z. s."
    assert got[(2, 1)] == "Město Lhotka\nCharita Lhotka"
