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


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text


def test_issue15_round3_constructions_in_one_document(tmp_path: Path) -> None:
    """Class 17 on a real DOCX: a bare change takes the unit its clause names, a range counts what
    its second figure counts, waiting persons are no capacity, households for persons count the
    persons, planned and achieved figures are both rows, a service added to the network is new,
    "Plán" | "Skutečnost" columns are two statements, persons in a "Kapacita" column are a
    capacity. Names, towns and numbers are invented."""
    document = minutes(
        "Zápis z jednání pracovní skupiny Senioři",
        "Počet pečovatelek Charity Lipník se zvýšil ze 4 na 6.",
        "Obec navrhuje snížit kapacitu domova pro seniory z 40 na 36 lůžek.",
        "Kapacita klubu je 15 rodin, dalších 5 rodin čeká na přijetí.",
        "V Lipové vzniknou tři domácnosti chráněného bydlení pro celkem 11 klientů.",
        "Rada souhlasí s rozšířením sítě o denní stacionář spolku Lípa s kapacitou 9 míst.",
    )
    document.add_paragraph("Přehled služeb:")
    _table(document, [["Poskytovatel", "Druh služby", "Kapacita"],
                      ["Spolek Jasan, z. s.", "nízkoprahové zařízení pro děti a mládež", "18 klientů denně"]])
    document.add_paragraph("Vyhodnocení akčního plánu:")
    _table(document, [["Č.", "Aktivita", "Plán 2024", "Skutečnost 2024"],
                      ["1.1", "Zachování poradny", "1,5 úvazku", "1,5 úvazku"],
                      ["1.2", "Zřízení klubu", "6 míst", "nesplněno"]])
    out = run_docx(tmp_path, document)
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    rows = list(zip(table["unit"], table["change"], table["value_from"], table["value_to"], table["delta"]))
    assert rows == [
        ("worker", "increase", 4.0, 6.0, 2.0),
        ("bed", "decrease", 40.0, 36.0, -4.0),
        ("client", "set", None, 15.0, None),
        ("client", "new", None, None, 11.0),
        ("place", "new", None, None, 9.0),
        ("client", "set", None, 18.0, None),
        ("fte", "set", None, 1.5, None),
        ("fte", "set", None, 1.5, None),
        ("place", "new", None, None, 6.0),
    ]


def test_issue15_round3_year_columns_and_target_groups(tmp_path: Path) -> None:
    """On a real DOCX: a header of years is a capacity before and after, persons after "pro" are
    whom the beds are for, "o dalších N" keeps its change. Invented names and numbers."""
    document = minutes(
        "Zápis z jednání sociální komise",
        "Domov Lípa navýší lůžka pro seniory o osm.",
        "Nový pavilon zvýší kapacitu domova o dalších 26 míst.",
    )
    _table(document, [["Poskytovatel", "Služba", "2017", "2018"],
                      ["Spolek Jasan, z. s.", "noclehárna", "10 lůžek", "12 lůžek"]])
    out = run_docx(tmp_path, document)
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    rows = list(zip(table["unit"], table["change"], table["value_from"], table["value_to"], table["delta"]))
    assert rows == [
        ("bed", "increase", None, None, 8.0),
        ("place", "increase", None, None, 26.0),
        ("bed", "increase", 10.0, 12.0, 2.0),
    ]
