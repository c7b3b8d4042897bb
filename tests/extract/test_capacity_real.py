"""Capacity rows read from a real DOCX file through the real run (issue 15): whose capacity a
figure is when the organisation is named only as the subject of the statement. Names, towns
and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes


def capacity_rows(tmp_path: Path, *paragraphs: str) -> list[tuple]:
    doc = new_document()
    doc.add_heading("Zápis z jednání sociální komise", level=1)
    for text in paragraphs:
        doc.add_paragraph(text)
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(doc))
    run(raw, out, RunOptions(workers=0))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    return list(zip(table["organisation"], table["unit"], table["change"], table["delta"]))


def test_the_organisation_a_paragraph_introduces_owns_its_capacities(tmp_path: Path) -> None:
    """The organisation named in the paragraph's first sentence (its director reports) owns the
    capacities of the sentences after it, though nothing calls it a provider."""
    rows = capacity_rows(
        tmp_path,
        "Mgr. Jana Hrubá, ředitelka organizace Domov Jasanka, informovala o průběhu transformace. "
        "Kapacita domova se sníží z 60 na 44 lůžek. V Lipníku vzniknou domácnosti chráněného "
        "bydlení pro 10 klientů.",
    )
    assert rows == [("Domov Jasanka", "bed", "decrease", -16.0), ("Domov Jasanka", "client", "new", 10.0)]
