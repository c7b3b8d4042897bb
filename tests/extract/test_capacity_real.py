"""Capacity rows read from a real DOCX file through the real run (issue 15): whose capacity a
figure is when the organisation is named only as the subject of the statement. Names, towns
and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def capacity_rows(tmp_path: Path, *paragraphs: str) -> list[tuple]:
    out = run_docx(tmp_path, minutes("Zápis z jednání sociální komise", *paragraphs))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
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


def test_issue15_constructions_in_one_document(tmp_path: Path) -> None:
    """Class 17 on a real file: a place name is no cue, where a change ends is its value_to, a
    change and its total are one row, a supported position and a building are new, a waiting
    list is no capacity."""
    rows = capacity_rows(
        tmp_path,
        "Pečovatelská služba Charity Lipník pracuje na Novopacku s 5,5 úvazku.",
        "Noclehárna plánuje navýšení kapacity na 14 lůžek.",
        "Odlehčovací služba byla rozšířena o 3 lůžka na celkem 7 lůžek.",
        "Aktivita: podpora tří sociálních pracovníků v terénu.",
        "Výstavba domova se zvláštním režimem s kapacitou 26 lůžek.",
        "Počet žadatelů v pořadníku je 130 osob.",
    )
    assert [(unit, change, delta) for _, unit, change, delta in rows] == [
        ("fte", "set", None), ("bed", "increase", None), ("bed", "increase", 3.0),
        ("worker", "new", 3.0), ("bed", "new", 26.0)]
