"""A plan's title on a PDF cover wrapped so that its last year stands alone on a line
("… NA OBDOBÍ 2016-" / "2018", real12 p02): the year is part of the title, not a page number
(a lone number from 1900 on is a year in any document shorter than that). The cover is written
here as DOCX and exported to PDF by LibreOffice; the title and figures are invented."""

from __future__ import annotations

import pytest

from pipeline.ingest.pdf import read
from tests.ingest.test_pdf_minutes_layout import _soffice, _to_pdf


def test_a_year_alone_under_a_cover_title_is_kept(tmp_path) -> None:
    docx = pytest.importorskip("docx")
    from docx.shared import Pt

    _soffice()
    doc = docx.Document()
    heading = doc.add_heading(level=1)
    heading.add_run("STŘEDNĚDOBÝ PLÁN ROZVOJE")
    heading.add_run().add_break()
    heading.add_run("SOCIÁLNÍCH SLUŽEB LIPNICKA NA OBDOBÍ 2016-")
    heading.add_run().add_break()
    heading.add_run("2018")
    doc.add_paragraph("Plán byl zpracován pracovními skupinami komunitního plánování.").paragraph_format.space_before = Pt(12)
    result = _to_pdf(doc, tmp_path, "plan")
    text = " ".join(b.text for b in result.blocks)
    assert "2018" in text.split()
