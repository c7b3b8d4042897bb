"""A programme typed as "1. …", "2. …" paragraphs and exported to PDF by LibreOffice, as town
offices do (issue 15): an item too long for one line wraps to the margin, under its number. The
wrapped line belongs to its item, and the next typed number opens the next item even right after
that wrapped line. The real pipeline then gives every item whole. Names and titles are invented."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

LONG = ("Vyhodnocení plnění Akčního plánu rozvoje sociálních služeb Lipnického kraje za rok 2021 "
        "a návrh jeho aktualizace na rok 2023")
ITEMS = ["Zahájení", LONG, "Různé"]


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docx = pytest.importorskip("docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot make the test PDF")
    root = tmp_path_factory.mktemp("programme_pdf")
    raw, work = root / "raw", root / "work"
    raw.mkdir()
    work.mkdir()
    doc = docx.Document()
    for text in ["Zápis z jednání pracovní skupiny Senioři", "Datum jednání: 12. 9. 2023",
                 "Přítomni: J. Lipová, P. Habr", "Program jednání:"]:
        doc.add_paragraph(text)
    for number, title in enumerate(ITEMS, 1):
        doc.add_paragraph(f"{number}. {title}")
    for text in ["Ad 1) Jednání zahájila paní Lipová a přivítala přítomné.", "Ad 2) Plán byl projednán.",
                 "Ad 3) Bez připomínek.", "Zapsala: K. Habrová"]:
        doc.add_paragraph(text)
    doc.save(str(work / "zapis.docx"))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(raw), str(work / "zapis.docx")],
                   check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(work)})
    run(raw, root / "out", RunOptions(workers=0))
    return root / "out"


def test_a_wrapped_programme_item_stays_one_block(programme: Path) -> None:
    with duckdb.connect() as db:
        texts = [t for (t,) in db.execute(f"select text from '{programme / 'blocks.parquet'}' order by block_id").fetchall()]
    assert f"2. {LONG}" in texts
    assert "3. Různé" in texts


def test_every_item_of_the_wrapped_programme_is_whole(programme: Path) -> None:
    with duckdb.connect() as db:
        rows = db.execute(f"select item_no, title from '{programme / 'agenda_items.parquet'}' order by item_no").fetchall()
    assert rows == list(enumerate(ITEMS, 1))
