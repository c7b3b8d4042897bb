"""The kind of a capacity statement, read from real DOCX files through the real run (issue 15,
session 10): a service an organisation set up is new, a club that "je otevřen" keeps its
capacity, flats allotted to applicants are no capacity, a change restated in brackets after a
qualified unit is one row, a position a plan item sets up is new. Names, towns and numbers are
invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def _rows(out: Path) -> list[tuple]:
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    return list(zip(table["unit"], table["change"], table["value_from"], table["value_to"], table["delta"]))


def test_a_service_an_organisation_set_up_is_new_and_an_open_club_keeps_its_capacity(tmp_path: Path) -> None:
    """"Spolek X zřídil ... odlehčovací službu s kapacitou 5 lůžek" tells of a service created:
    new. "Klub ... je otevřen 3 dny v týdnu s kapacitou 12 klientů" says when the club is open:
    its capacity is stated (set), not that of something opened."""
    out = run_docx(tmp_path, minutes(
        "Vyhodnocení akčního plánu",
        "Spolek Vlnka, z. s. zřídil v loňském roce pobytovou odlehčovací službu s kapacitou 5 lůžek.",
        "Klub Sova, který provozuje Diakonie Borovany, je otevřen 3 dny v týdnu s kapacitou 12 klientů.",
    ))
    rows = _rows(out)
    assert ("bed", "new", None, None, 5.0) in rows
    assert ("client", "set", None, 12.0, None) in rows
    assert len(rows) == 2


def test_flats_allotted_to_applicants_are_no_capacity(tmp_path: Path) -> None:
    """"doporučuje radě přidělit 3 byty v domě s pečovatelskou službou žadatelům dle pořadníku" is an
    allocation of existing flats; "obec vyčlení 2 byty pro sociální bydlení" makes flats available:
    new."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociální komise",
        "Komise po projednání doporučuje radě města přidělit 3 byty v domě s pečovatelskou službou "
        "žadatelům dle pořadníku.",
        "Starosta obce Lhotka sdělil, že obec letos vyčlení 2 byty pro sociální bydlení.",
    ))
    assert _rows(out) == [("flat", "new", None, None, 2.0)]


def test_a_change_restated_in_brackets_after_a_qualified_unit_is_one_row(tmp_path: Path) -> None:
    """"o 3 úvazky pracovníků v přímé péči (z 2 na 5 úvazků)": the change and its restatement from
    -> to are one row."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny",
        "Novotná (Spolek Brána, z. s.) – žádost o navýšení kapacity sociálně terapeutické dílny o 3 úvazky "
        "pracovníků v přímé péči (z 2 na 5 úvazků).",
    ))
    assert _rows(out) == [("fte", "increase", 2.0, 5.0, 3.0)]


def test_a_position_a_plan_item_sets_up_is_new(tmp_path: Path) -> None:
    """"– Aktivita 2.4.1 Asistent v poradně Lípa – realizátor: Spolek Lípa, z. s. – 1 pracovník":
    the worker on the item's own line is a position it creates, new; full-time equivalents, and
    workers stated under an item's title ("Plán: 5 terénních pracovníků"), stay stated."""
    out = run_docx(tmp_path, minutes(
        "Akční plán na rok 2025",
        "Opatření 2.4 Podpora lidí s duševním onemocněním",
        "– Aktivita 2.4.1 Asistent v poradně Lípa – realizátor: Spolek Lípa, z. s. – 1 pracovník",
        "– Aktivita 2.4.2 Terénní tým Lípa – realizátor: Spolek Lípa, z. s. – 1,5 úvazku",
        "Opatření 2.5 Terénní programy v Dolní Lhotě – realizátor Spolek Lípa, z. s.",
        "Plán: 5 terénních pracovníků. Skutečnost: 4 terénní pracovníci.",
    ))
    rows = _rows(out)
    assert ("worker", "new", None, None, 1.0) in rows
    assert ("fte", "set", None, 1.5, None) in rows
    # under the item's title, an evaluation's planned workers are stated, not new
    assert ("worker", "set", None, 5.0, None) in rows and ("worker", "set", None, 4.0, None) in rows


def test_a_municipality_named_by_its_noun_is_the_organisation_of_its_flats(tmp_path: Path) -> None:
    """"Starosta obce Lhotice ... sdělil, že obec letos vyčlení 3 byty": "obec" is the one
    organisation of the document named "Obec Lhotice" (the realizátor of the item on the flats)."""
    out = run_docx(tmp_path, minutes(
        "Projednání akčního plánu v pracovní skupině",
        "Starosta obce Lhotice Ing. Karel Novák sdělil, že obec letos vyčlení 3 byty pro sociální bydlení.",
        ("List Bullet", "Aktivita: Sociální byty v obci Lhotice – realizátor: Obec Lhotice"),
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    assert list(zip(table["organisation"], table["unit"], table["change"], table["delta"])) == \
        [("Obec Lhotice", "flat", "new", 3.0)]


def test_an_item_named_in_the_accusative_is_the_item_of_the_clause_after_it(tmp_path: Path) -> None:
    """"PS doporučuje aktivitu 2.2.1 převést do plánu 2026; MČ Lhota vyčlení další 2 byty" in the
    discussion under activity 2.3.1: the flats belong to the activity the sentence names, in any
    case of its noun."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny",
        "Aktivita 2.2.1 Vyčlenění bytů pro prostupné bydlení – realizátor: MČ Lhota – částečně splněno.",
        "Aktivita 2.3.1 Dluhová poradna – realizátor: Spolek Mince, z. s. – splněno.",
        ("List Bullet", "PS doporučuje aktivitu 2.2.1 převést do Akčního plánu 2026; MČ Lhota vyčlení v roce 2026 "
                        "další 2 byty."),
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    assert list(zip(table["item_ref"], table["unit"], table["change"], table["delta"])) == [("2.2.1", "flat", "new", 2.0)]


def test_items_run_together_on_one_line_name_each_its_own_organisation(tmp_path: Path) -> None:
    """"... – realizátor: Charita Lhota Opatření 1.2 Navýšení ... o 6 lůžek – realizátor: Domov Jasan":
    the second item's figure is not in the first item's clause; its own realizátor runs it."""
    out = run_docx(tmp_path, minutes(
        "Záznam ze setkání pracovní skupiny",
        "Členové pracovní skupiny se shodli na těchto návrzích opatření: Opatření 1.1 Rozvoj pečovatelské "
        "služby – navýšení kapacity o 1 úvazek, realizátor: Oblastní charita Lhota Opatření 1.2 Navýšení "
        "kapacity domova se zvláštním režimem o 6 lůžek – realizátor: Domov Jasan, p. o. Opatření 2.1 "
        "Doprava seniorů – realizátor: Obec Lhota",
    ))
    table = pd.read_parquet(out / "capacity_changes.parquet")
    rows = set(zip(table["item_ref"], table["organisation"], table["unit"], table["delta"]))
    assert rows == {("1.1", "Oblastní charita Lhota", "fte", 1.0), ("1.2", "Domov Jasan", "bed", 6.0)}
