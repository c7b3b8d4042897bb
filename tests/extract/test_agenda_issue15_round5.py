"""Agenda items in constructions of real minutes found on the development set real12 (issue 15,
round 5): a programme titled "Schválený pořad … schůze:" above Word numbering, with an overview of
resolutions ("1. Usn. 11/2017/RM") further down that is no programme; a programme whose first item
stands on the label's line and the second on its own paragraph; a programme approved in the last
sentence of a paragraph ("… Program jednání byl jednomyslně schválen dle předloženého návrhu:"), one
item keeping its project registration number. Names, towns and numbers are invented; each test runs
the real pipeline over a real DOCX or HTML file."""

from __future__ import annotations

from pathlib import Path

from tests.docx_factory import add_abstract_numbering, new_document, numbered, run_docx, run_html, table_rows


def items(out: Path) -> list[tuple[int, str]]:
    return sorted(table_rows(out, "agenda_items", "item_no", "title"))


def _resolutions(document, start: int) -> None:
    document.add_paragraph("PŘEHLED USNESENÍ")
    for number, title in enumerate(["Žádost o příspěvek – Spolek Jiskra, z. s.", "Změna úhrad za obědy",
                                    "Zpráva o činnosti terénních pracovníků"], start=1):
        document.add_paragraph(f"{number}. Usn. {start + number}/2019/SK")
        document.add_paragraph(title)
        document.add_paragraph("Komise po projednání doporučuje Radě města záměr schválit.")
        document.add_paragraph("Hlasování: Pro 6, proti 0, zdrž. 1")
    document.add_paragraph("4. Různé – bez usnesení")


def test_the_approved_order_of_business_wins_over_a_resolution_overview(tmp_path):
    """"Schválený pořad 5. schůze sociální komise:" then Word numbering: the programme; the numbered
    resolution codes below ("1. Usn. 21/2019/SK") are no agenda."""
    document = new_document()
    document.add_paragraph("ZÁPIS")
    document.add_paragraph("z 5. schůze sociální komise Rady města Lipník konané")
    document.add_paragraph("dne 4.6.2019")
    document.add_paragraph("Počet přítomných členů: 6")
    document.add_paragraph("Schválený pořad 5. schůze sociální komise:")
    num = add_abstract_numbering(document, [("decimal", "%1.", 1)])
    for title in ["Žádost o příspěvek – Spolek Jiskra, z. s.", "Změna úhrad za obědy",
                  "Zpráva o činnosti terénních pracovníků", "Různé"]:
        numbered(document, title, num)
    _resolutions(document, 20)
    document.add_paragraph("Zapsala: Bc. Olga Klenová")
    assert items(run_docx(tmp_path, document)) == [
        (1, "Žádost o příspěvek – Spolek Jiskra, z. s."), (2, "Změna úhrad za obědy"),
        (3, "Zpráva o činnosti terénních pracovníků"), (4, "Různé")]


def test_a_resolution_overview_alone_is_no_agenda(tmp_path):
    document = new_document()
    document.add_paragraph("ZÁPIS")
    document.add_paragraph("z 5. schůze sociální komise Rady města Lipník konané")
    document.add_paragraph("dne 4.6.2019")
    document.add_paragraph("Počet přítomných členů: 6")
    _resolutions(document, 20)
    assert items(run_docx(tmp_path, document)) == []


def test_the_first_item_on_the_label_line_and_the_second_on_its_own_paragraph(tmp_path):
    """"Program:&nbsp; Zprávy z ŘS" / "&nbsp;&nbsp;… Různé": two items, the section heads repeat them."""
    body = ("<h1>Zápis z jednání PS Rodina Lipník ze dne 3.5.2018</h1><p>11.05.2018 10:12</p>"
            "<p>Přítomni: Habr, Lipová, Dub</p><p>Program:&nbsp; Informace z řídicí skupiny</p>"
            "<p>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; Různé</p><p>&nbsp;</p>"
            "<p><strong>Informace z řídicí skupiny</strong></p><ul><li>katalog služeb vyjde v září – informovala Lipová</li>"
            "</ul><p><strong>Různé</strong></p><ul><li>příští setkání v klubovně</li></ul><p>Zapsala: K. Lipová</p>")
    assert items(run_html(tmp_path, body)) == [(1, "Informace z řídicí skupiny"), (2, "Různé")]


def test_a_label_value_and_short_lines_without_sections_are_no_programme(tmp_path):
    body = ("<h1>Zápis z jednání PS Rodina Lipník ze dne 3.5.2018</h1>"
            "<p>Přítomni: Habr, Lipová, Dub</p><p>Program: dle pozvánky</p><p>Jednání zahájila Lipová.</p>"
            "<p>Katalog služeb vyjde v září.</p><p>Zapsala: K. Lipová</p>")
    assert items(run_html(tmp_path, body)) == []


def test_a_programme_approved_in_the_last_sentence_of_a_paragraph(tmp_path):
    """"… usnášeníschopný. Program jednání týmu byl jednomyslně schválen dle předloženého návrhu:" then
    Word numbering; an item keeps its registration number; the numbered sections below repeat them."""
    document = new_document()
    document.add_paragraph("Záznam ze 2. jednání manažerského týmu KPSS na Lipnicku konaného dne 3. června 2020")
    document.add_paragraph("Přítomni: dle podpisové listiny")
    document.add_paragraph("Předseda týmu Ing. Karel Habr zahájil jednání v 9.00 hodin. Konstatoval, že tým je "
                           "usnášeníschopný. Program jednání týmu byl jednomyslně schválen dle předloženého návrhu:")
    num = add_abstract_numbering(document, [("decimal", "%1.", 1)])
    titles = ["Úvodní slovo", "Informace o projektu „Plánování služeb na Lipnicku“, reg. č. "
              "CZ.03.2.63/0.0/0.0/19_107/0016999", "Různé"]
    for title in titles:
        numbered(document, title, num)
    document.add_paragraph("Průběh jednání:")
    document.add_paragraph("1. Úvodní slovo")
    document.add_paragraph("Karel Habr přivítal přítomné a zrekapituloval program.")
    document.add_paragraph("2. Informace o projektu „Plánování služeb na Lipnicku“")
    document.add_paragraph("Koordinátorka informovala o průběhu projektu a jeho financování.")
    document.add_paragraph("3. Různé")
    document.add_paragraph("Další jednání se uskuteční v září.")
    assert items(run_docx(tmp_path, document)) == [(i + 1, t) for i, t in enumerate(titles)]
