"""Capacity rows read from real DOCX files through the real run (issue 15, round 6): whose
capacity a figure is when its paragraph does not name the organisation, what a figure states
when its clause says two things, and capacities in two-column label|value tables. Names,
towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def _rows(out: Path) -> list[tuple]:
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    return list(zip(table["organisation"], table["service"], table["unit"], table["change"],
                    table["value_to"], table["delta"]))


def test_a_paragraph_takes_the_organisation_of_the_paragraph_it_goes_on_with(tmp_path: Path) -> None:
    """A paragraph that refers back to the organisation by a noun ("navrhuje organizace ..."),
    and a sentence broken over two paragraphs, take the organisation of the paragraph before; a
    paragraph that does neither takes none."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociální komise",
        "Ing. Pavel Kroupa provedl členy komise po areálu. Domov Lipová alej, příspěvková organizace, "
        "poskytuje službu domov pro seniory s kapacitou 50 lůžek.",
        "Po dokončení rekonstrukce navrhuje organizace snížit kapacitu domova pro seniory z 50 na 44 lůžek.",
        "Komise vzala na vědomí žádost Spolku Javorník, z. s., o příspěvek na",
        "provoz noclehárny s kapacitou 14 lůžek.",
        "Mgr. Eva Dlouhá představila službu Poradny Klas, z. ú.",
        "V kraji je v azylových domech celkem 120 lůžek.",
    ))
    rows = _rows(out)
    assert ("Domov Lipová alej", "domovy pro seniory", "bed", "decrease", 44.0, -6.0) in rows
    assert [org for org, service, *_ in rows if service == "noclehárny"] == ["Javorník"]  # as the organisations name it
    assert (None, "azylové domy", "bed", "set", 120.0, None) in rows


def test_what_a_figure_states_by_the_nearest_cue_and_past_a_relative_clause(tmp_path: Path) -> None:
    """"Zachovat kapacitu (40 lůžek) a vybudovat ... pro 10 klientů": the kept capacity is
    stated, the other new; a relative clause between a new thing and its capacity ("o otevření
    klubu X, který provozuje spolek Y, s kapacitou 20 klientů") does not hide the new thing."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Senioři",
        "Opatření: Zachovat kapacitu domova pro seniory (40 lůžek) a vybudovat oddělení domova se "
        "zvláštním režimem pro 10 klientů.",
        "Paní Malá informovala o otevření nízkoprahového zařízení pro děti a mládež Sluníčko, které "
        "provozuje spolek Javorník, z. s., s kapacitou 20 klientů.",
    ))
    rows = [(unit, change, value_to, delta) for *_, unit, change, value_to, delta in _rows(out)]
    assert rows == [("bed", "set", 40.0, None), ("client", "new", None, 10.0), ("client", "new", None, 20.0)]


def test_a_label_value_table_gives_the_organisation_the_persons_and_the_change(tmp_path: Path) -> None:
    """A two-column label|value table under the heading of its item: the "Realizátor" row owns
    the figures of the other rows, persons in the "Kapacita" row are a capacity, and the heading
    ("Rozšíření ... o terénní pečovatelskou službu": a service added) makes them new."""
    document = minutes("Zásobník projektů")
    document.add_heading("2.1. Rozšíření pečovatelské služby v Lipové o terénní pečovatelskou službu", level=2)
    rows = [["Popis projektu", "Pečovatelská služba v domácnostech seniorů Lipové a okolí."],
            ["Realizátor", "Město Lipová"],
            ["Kapacita", "2 úvazky pečovatelky, cca 30 uživatelů"],
            ["Předpokládané náklady", "500 tis. Kč ročně"]]
    table = document.add_table(rows=len(rows), cols=2)
    for r, (label, value) in enumerate(rows):
        table.cell(r, 0).text = label
        table.cell(r, 1).text = value
    assert _rows(run_docx(tmp_path, document)) == [
        ("Město Lipová", "pečovatelská služba", "fte", "new", None, 2.0),
        ("Město Lipová", "pečovatelská služba", "client", "new", None, 30.0)]


def test_a_sentence_that_names_another_item_speaks_of_that_item(tmp_path: Path) -> None:
    """A line of the discussion that lies under the scope of the last item but names another by
    its number ("doporučuje pokračování aktivity 2.1.1 ...; město vyčlení další 2 byty") states
    that item's capacity; the item's own line keeps its number."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Bydlení",
        "Opatření 2.1 Dostupné bydlení",
        "Aktivita 2.1.1 Vyčlenění bytů pro sociální bydlení – realizátor: Město Lipová – splněno.",
        "Aktivita 2.1.2 Dluhová poradna – realizátor: Poradna Klas, z. ú.; nový úvazek 0,5.",
        "PS doporučuje pokračování aktivity 2.1.1 i v roce 2025; Město Lipová vyčlení další 2 byty.",
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    assert sorted(zip(table["item_ref"], table["unit"], table["delta"])) == [("2.1.1", "flat", 2.0), ("2.1.2", "fte", 0.5)]


def test_the_kind_of_change_from_the_words_around_the_figure(tmp_path: Path) -> None:
    """"otevírají službu s kapacitou 6 klientů" is new; "bude o 2 lůžka méně" a decrease;
    "rozšíření o dva byty pro 4 klienty" adds the clients too; flats a plan item makes available
    without a cue are new ("Tréninkové byty" | "2 byty"), a stock of flats stays stated."""
    document = minutes(
        "Zápis z jednání pracovní skupiny",
        "Paní Nová informovala, že Charita Lipová otevírají od ledna terénní odlehčovací službu s kapacitou 6 klientů.",
        "Opatření 2.1 Zachování kapacity domova pro seniory",
        "Stav: od 1. 1. 2026 bude v Domově Jasan o 2 lůžka méně.",
        "Opatření 3.1 Rozšíření chráněného bydlení o dva byty pro 4 klienty",
        "Opatření 4.1 Tréninkové byty pro mladé dospělé",
        "Realizátor: Město Lipová; 2 byty.",
        "Opatření 4.2 Sociální bydlení",
        "Město Lipová disponuje celkem 12 byty.",
    )
    table = pd.read_parquet(run_docx(tmp_path, document) / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    assert list(zip(table["unit"], table["change"], table["value_to"], table["delta"])) == [
        ("client", "new", None, 6.0), ("bed", "decrease", None, -2.0), ("flat", "increase", None, 2.0),
        ("client", "increase", None, 4.0), ("flat", "new", None, 2.0), ("flat", "set", 12.0, None)]


def test_ranges_totals_and_counts_that_are_no_capacity(tmp_path: Path) -> None:
    """"úvazky 1,0 -> 1,5" is a change from -> to though the arrow is typed as "-" and ">"; a
    count after a verb is no unit of the noun before it ("pro nedostatek místa odmítnout 12
    žádostí"), an average of persons served is no capacity; "o 0,5 úvazku na celkových 2,5
    úvazku" and "otevření dalších 3 lůžek noclehárny (celkem 15 lůžek)" are one increase each,
    the latter of the item its list's intro names ("Aktivity k opatření 5.2 na rok 2025:")."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny",
        "Spolek Javor – terénní programy: úvazky 1,0 -> 1,5",
        "Azylový dům Lípa, z. s. provozuje azylový dům s kapacitou 20 lůžek; pro nedostatek místa musel odmítnout 12 žádostí.",
        "Plán: zachovat kapacitu 30 míst. Skutečnost: průměrně 22 klientů denně, kapacita 30 míst zachována.",
        "Spolek Javor navýšil kapacitu klubu o 0,5 úvazku na celkových 2,5 úvazku.",
        "Opatření 5.2 Rozšíření noclehárny – realizátor Spolek Javor, z. s.",
        "Aktivity k opatření 5.2 na rok 2025:",
        ("List Bullet", "otevření dalších 3 lůžek noclehárny (celkem 15 lůžek)"),
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    assert list(zip(table["item_ref"], table["unit"], table["change"], table["value_from"], table["value_to"],
                    table["delta"])) == [
        (None, "fte", "increase", 1.0, 1.5, 0.5), (None, "bed", "set", None, 20.0, None),
        (None, "place", "set", None, 30.0, None), (None, "place", "set", None, 30.0, None),
        (None, "fte", "increase", None, 2.5, 0.5), ("5.2", "bed", "increase", None, 15.0, 3.0)]


def test_the_organisation_later_on_the_items_own_line(tmp_path: Path) -> None:
    """An item's line that names its organisation after the figure, in a sentence of its own
    ("A.1.1 Navýšení ... o 1 úvazek. Garant: Spolek X, z. s."), gives that organisation, not the
    one of the line above."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Duševní zdraví",
        "Přítomni: Jana Malá (Spolek Otevřená náruč, z. s.), Petr Dlouhý (Domov Lipka, p. o.)",
        "Opatření A.1 Rozvoj terénních služeb",
        ("List Bullet", "A.1.1 Navýšení kapacity terénní sociální rehabilitace o 1 úvazek. Garant: Spolek Otevřená náruč, z. s."),
        ("List Bullet", "A.1.2 Snížení kapacity chráněného bydlení z 12 na 8 míst. Garant: Domov Lipka, p. o."),
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    assert list(zip(table["item_ref"], table["organisation"])) == [
        ("A.1.1", "Spolek Otevřená náruč"), ("A.1.2", "Domov Lipka")]
