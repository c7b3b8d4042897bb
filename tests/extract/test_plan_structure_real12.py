"""Plan structure as the real12 development set showed it missing (issue 15), each read from a
real DOCX file through the real run: item numbers with letters glued to figures ("Priorita S1",
"Opatření S1.1") and the items' Realizátor lines; a legend that names the levels of a
positional numbering ('A. "Priorita"' / 'A.1 "Opatření"' / 'A.1.1 "Aktivita"'); plan items
named in the sentences of minutes, whose titles end before the predicate; and the capacity in
an item's title or scope tied to that item and its organisation. Names, towns and numbers are
invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def _rows(out: Path, table: str, *columns: str) -> set[tuple]:
    frame = pd.read_parquet(out / f"{table}.parquet")
    frame = frame.astype(object).where(frame.notna(), None)
    return set(frame[list(columns)].itertuples(index=False, name=None))


def test_lettered_item_numbers_with_their_realizator_and_capacity(tmp_path: Path) -> None:
    """A plan numbering each target group's items under its own letter: "Priorita S1:" is goal S1,
    "Opatření S1.1 …" measure S1.1 of goal S1; the "Realizátor:" line below ties its
    organisation to S1.1, and the capacity in the measure's title is S1.1's, of that organisation."""
    out = run_docx(tmp_path, minutes(
        "Střednědobý plán rozvoje sociálních služeb Lipovska 2026–2028",
        "Priorita P1: Dostupné informace o sociálních službách",
        "Opatření P1.1 Vydání průvodce sociálními službami Lipovska",
        "Realizátor: Centrum služeb Lipov, p. o.",
        "Priorita S1: Rozvoj terénních služeb pro seniory",
        "Opatření S1.1 Navýšení kapacity pečovatelské služby o 3 úvazky",
        "Realizátor: Spolek Jalovec, z. s.",
        "Opatření S1.2 Zřízení tísňové péče pro 25 uživatelů",
        "Realizátor: Charita Lipov"))
    assert _rows(out, "goals", "goal_no", "title") == {
        ("P1", "Dostupné informace o sociálních službách"), ("S1", "Rozvoj terénních služeb pro seniory")}
    assert _rows(out, "measures", "measure_no", "goal_no") == {("P1.1", "P1"), ("S1.1", "S1"), ("S1.2", "S1")}
    assert {("Spolek Jalovec", "responsible", "S1.1"), ("Charita Lipov", "responsible", "S1.2"),
            ("Centrum služeb Lipov", "responsible", "P1.1")} <= _rows(out, "organisations", "name", "role", "item_ref")
    assert {("S1.1", "Spolek Jalovec", 3.0), ("S1.2", "Charita Lipov", 25.0)} <= _rows(
        out, "capacity_changes", "item_ref", "organisation", "delta")


def test_a_legend_names_the_levels_of_a_positional_numbering(tmp_path: Path) -> None:
    """'A. "Priorita"' / 'A.1 "Opatření"' / 'A.1.1 "Aktivita"': the headings "B. …", "B.1 …",
    "B.1.1 …" below are a goal, a measure and an activity; the legend's own lines are no items,
    and a figure under an activity is that activity's."""
    document = minutes("Komunitní plán sociálních služeb Lipov (2026–2027)",
                       "Názvy úrovní", 'A. "Priorita"', 'A.1 "Opatření"', 'A.1.1 "Aktivita"')
    document.add_heading("A. SENIOŘI", level=2)
    document.add_heading("A.1 Zajistit terénní služby v celém regionu", level=3)
    document.add_heading("A.1.1 Navýšit kapacitu osobní asistence", level=4)
    document.add_paragraph("Spolek Jalovec, z. s. navýšil kapacitu osobní asistence z 4 na 5 úvazků.")
    document.add_heading("B. RODINY S DĚTMI", level=2)
    document.add_heading("B.1 Posílit služby pro rodiny", level=3)
    document.add_heading("B.1.1 Zachovat sociálně aktivizační službu", level=4)
    out = run_docx(tmp_path, document)
    assert _rows(out, "goals", "goal_no", "title") == {("A", "SENIOŘI"), ("B", "RODINY S DĚTMI")}
    assert _rows(out, "measures", "measure_no", "goal_no", "title") == {
        ("A.1", "A", "Zajistit terénní služby v celém regionu"), ("B.1", "B", "Posílit služby pro rodiny")}
    assert _rows(out, "activities", "activity_no", "measure_no") == {("A.1.1", "A.1"), ("B.1.1", "B.1")}
    assert ("A.1.1", "Spolek Jalovec", 1.0) in _rows(out, "capacity_changes", "item_ref", "organisation", "delta")


def test_items_named_in_minutes_end_before_the_predicate(tmp_path: Path) -> None:
    """Items in the running text of minutes: "K cíli 3 …:" is a goal, its title ending at the
    colon; several items in one paragraph after a sentence that opens with a label; a title ends
    before the verb that goes on with the sentence ("bude realizovat", "navrhují", "se posouvá",
    "navrženo zařadit"), but not at a name or an abbreviation inside it ("… bydlení Lipka",
    "… s PAS", "… nad Metují a Hronova"); a figure in the sentence belongs to its item."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociální komise",
        "Koordinátorka uvedla, že z 20 aktivit bylo 15 splněno. K cíli 3 Dostupné služby v domácím prostředí: "
        "aktivita 3.1.1 Rozšíření pečovatelské služby do Úpice nad Metují a Hronova byla splněna, "
        "Charita Úpice navýšila kapacitu o 2 úvazky. Aktivita 3.2.1 Zřízení denního stacionáře v Úpici "
        "se posouvá na rok 2027.",
        "Host informoval o návrhu plánu. V rámci opatření 1.3 Rozšíření kapacity pobytových služeb navrhují "
        "Sociální služby Lipov, p. o. navýšit kapacitu domova pro seniory z 60 na 66 lůžek. Opatření 2.2 "
        "Podpora rodin v krizi bude realizovat Spolek Jalovec, z. s.",
        "Do opatření 4.1 Rozvoj odlehčovacích služeb navrženo zařadit aktivitu 4.1.2 Navýšení kapacity "
        "pobytové odlehčovací služby (realizátor Charita Úpice).",
        "Vedoucí PS – opatření 5.1 Rozvoj služeb pro osoby s autismem: aktivita 5.1.2 Rozšíření chráněného "
        "bydlení Lipka byla splněna. Aktivita 5.1.3 Zřízení odlehčovací služby pro rodiny s PAS splněna nebyla."))
    assert _rows(out, "goals", "goal_no", "title") == {("3", "Dostupné služby v domácím prostředí")}
    assert _rows(out, "measures", "measure_no", "title") == {
        ("1.3", "Rozšíření kapacity pobytových služeb"), ("2.2", "Podpora rodin v krizi"),
        ("4.1", "Rozvoj odlehčovacích služeb"), ("5.1", "Rozvoj služeb pro osoby s autismem")}
    assert _rows(out, "activities", "activity_no", "title") == {
        ("3.1.1", "Rozšíření pečovatelské služby do Úpice nad Metují a Hronova"),
        ("3.2.1", "Zřízení denního stacionáře v Úpici"),
        ("4.1.2", "Navýšení kapacity pobytové odlehčovací služby"),
        ("5.1.2", "Rozšíření chráněného bydlení Lipka"),
        ("5.1.3", "Zřízení odlehčovací služby pro rodiny s PAS")}
    capacity = _rows(out, "capacity_changes", "item_ref", "delta")
    assert {("3.1.1", 2.0), ("1.3", 6.0)} <= capacity


def test_a_figure_belongs_to_its_own_item_in_a_paragraph_of_several(tmp_path: Path) -> None:
    """Items a transcript ran into one paragraph: the organisation of one item's "realizátor:"
    owns no figure of the next item ("… s kapacitou 5 klientů – realizátor bude upřesněn" has no
    owner; "… o 6 lůžek – realizátor: Domov Lipka, p. o." is Domov Lipka's); and a sentence that
    names another item than the one above it ("PS doporučuje aktivitu 2.1.1 převést …; Město
    Lipov vyčlení další 2 byty") ties its figure to the item it names."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Senioři",
        "Členové se shodli na těchto návrzích opatření: Opatření 1.1 Rozvoj pečovatelské služby v regionu – "
        "navýšení kapacity o 1 úvazek, realizátor: Charita Úpice Opatření 1.2 Zřízení terénní odlehčovací "
        "služby s kapacitou 5 klientů – realizátor bude upřesněn Opatření 1.3 Navýšení kapacity domova se "
        "zvláštním režimem o 6 lůžek – realizátor: Domov Lipka, p. o.",
        "Aktivita 2.1.1 Vyčlenění bytů pro prostupné bydlení – realizátor: Město Lipov – částečně splněno.",
        "Aktivita 2.2.1 Dluhové poradenství v Lipově – realizátor: Spolek Jalovec, z. s. – splněno.",
        ("List Bullet", "PS doporučuje aktivitu 2.1.1 převést do plánu 2027; Město Lipov vyčlení další 2 byty.")))
    capacity = _rows(out, "capacity_changes", "item_ref", "organisation", "delta")
    assert ("1.1", "Charita Úpice", 1.0) in capacity
    assert ("1.2", None, 5.0) in capacity
    assert ("1.3", "Domov Lipka", 6.0) in capacity
    assert ("2.1.1", "Město Lipov", 2.0) in capacity
