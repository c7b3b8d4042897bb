"""Agenda items in the ways real minutes write them (issue 15, round 2): a programme approved
inside a resolution, a programme title without a colon above Word numbering, an item added
when the programme was approved, an unnumbered opening line before the numbered items, and
"Bod č. N programu –" section headings as the programme. Names, towns and numbers are invented."""

from __future__ import annotations

import duckdb

from pipeline.runner import RunOptions, run
from tests.docx_factory import add_abstract_numbering, new_document, numbered, to_bytes
from tests.extract.test_agenda import agenda


def test_the_programme_approved_inside_a_resolution():
    assert agenda("# Výpis usnesení z 5. zasedání valné hromady svazku obcí Podlesí", "Dne 4. 3. 2021",
                  "Návrh usnesení č. 2:", "VH schvaluje program 5. zasedání valné hromady:",
                  "1. Zahájení a volba ověřovatelů", "2. Rozpočet svazku na rok 2021", "3. Diskuze a závěr",
                  "Hlasování: pro 7, proti 0, zdržel se 0") == [
        (1, "Zahájení a volba ověřovatelů"), (2, "Rozpočet svazku na rok 2021"), (3, "Diskuze a závěr")]


def test_approving_the_programme_without_listing_it_is_no_label():
    assert agenda("# Zápis z jednání komise", "Dne 4. 3. 2021", "Komise schválila program jednání.",
                  "Ad 1. Zahájení", "Text.") == []


def test_a_programme_title_without_colon_above_a_numbered_list():
    assert agenda("# Zápis z jednání PS Senioři", "Dne 2. 6. 2020",
                  "Navržené body programu na jednání PS 2. 6. v 10 hodin",
                  "1. Kontrola úkolů", "2. Dotace města 2021", "Ad 1. Úkoly byly splněny.") == [
        (1, "Kontrola úkolů"), (2, "Dotace města 2021")]


def test_an_item_added_when_the_programme_was_approved():
    assert agenda("# Zápis", "Dne 2. 6. 2020", "Program:", "1. Kontrola úkolů", "2. Dotace města 2021",
                  "Schválený program:", "Na návrh paní Malé byl doplněn bod:", "3. Různé",
                  "Ad 1. Úkoly byly splněny.") == [
        (1, "Kontrola úkolů"), (2, "Dotace města 2021"), (3, "Různé")]


def test_a_numbered_discussion_after_the_programme_is_no_added_item():
    assert agenda("# Zápis", "Dne 2. 6. 2020", "Program:", "1. Kontrola úkolů", "2. Dotace města 2021",
                  "Průběh jednání:", "1. Kontrola úkolů", "Úkoly byly splněny.") == [
        (1, "Kontrola úkolů"), (2, "Dotace města 2021")]


def test_an_unnumbered_opening_before_the_numbered_items_is_not_item_one():
    assert agenda("# Zápis", "Dne 8. 4. 2022", "Program jednání:", "Zahájení a určení zapisovatele - vedoucí PS",
                  "1) K zápisu z minulého jednání p. Malá", "2) K dotacím na rok 2023 p. Dub", "3) Různé",
                  "K bodu 1)", "Zápis byl schválen.") == [
        (1, "K zápisu z minulého jednání p. Malá"), (2, "K dotacím na rok 2023 p. Dub"), (3, "Různé")]


def test_point_headings_are_the_programme_when_the_label_is_empty():
    assert agenda("# Usnesení z 3. zasedání Sociálního výboru", "Dne 5. 11. 2019", "Program jednání:",
                  "Bod č. 1 programu – Zahájení", "Výbor schvaluje program.",
                  "Bod č. 2 programu - Dotace na sociální služby", "Výbor doporučuje dotace.",
                  "Bod č. 3/1 programu - Zpráva o činnosti", "Text.",
                  "Bod č. 3/2 programu - Registrace služeb", "Text.",
                  "Bod č. 4 programu - Různé", "Text.") == [
        (1, "Zahájení"), (2, "Dotace na sociální služby"), (3, "Zpráva o činnosti"),
        (4, "Registrace služeb"), (5, "Různé")]


def test_point_headings_without_programme_word():
    assert agenda("# Zápis z jednání rady", "Dne 5. 11. 2019", "Bod č. 1 - Kontrola zápisu", "Text.",
                  "Bod č. 2 - Rozpočet", "Text.") == [(1, "Kontrola zápisu"), (2, "Rozpočet")]


# --------------------------------------------------------------------------- a real file


def test_a_docx_with_word_numbering_an_added_item_and_a_resolution(tmp_path):
    """A real DOCX: the proposed programme in Word auto-numbering (numbers not in the text) under a
    title without a colon, then one item added at approval, typed by hand."""
    document = new_document()
    document.add_paragraph("Zápis z jednání pracovní skupiny Rodina a děti")
    document.add_paragraph("Datum jednání: 12. 9. 2023")
    document.add_paragraph("Přítomni: J. Malá, P. Dub")
    document.add_paragraph("Navržené body programu na jednání PS 12. 9. ve 13 hodin")
    num = add_abstract_numbering(document, [("decimal", "%1.", 1)])
    for title in ("Kontrola úkolů z jednání 6. 6. 2023", "Návrhy do akčního plánu 2024"):
        numbered(document, title, num)
    document.add_paragraph("Schválený program:")
    document.add_paragraph("K navrženému programu byl doplněn bod:")
    document.add_paragraph("3. Různé")
    document.add_paragraph("Ad 1. J. Malá prošla úkoly z minulého jednání.")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select item_no, title from '{tmp_path / 'out' / 'agenda_items.parquet'}' "
                          "order by item_no").fetchall()
    assert rows == [(1, "Kontrola úkolů z jednání 6. 6. 2023"), (2, "Návrhy do akčního plánu 2024"), (3, "Různé")]


def test_an_html_resolution_list_with_point_headings(tmp_path):
    """A real HTML page: "Program jednání:" left empty, the points as "Bod č. N programu –" headings
    (with sub-points "3/1", "3/2"), each followed by its resolution."""
    page = ("<html><head><meta charset='utf-8'></head><body><h1>USNESENÍ z 4. zasedání Sociálního výboru</h1>"
            "<p>konaného dne 6. 11. 2018</p><p>Program jednání:</p>"
            "<p><b>Bod č. 1 programu – Zahájení</b></p><p>Výbor schvaluje program.</p>"
            "<p><b>Bod č. 2 programu - Kontrola usnesení</b></p><p>Výbor bere na vědomí.</p>"
            "<p><b>Bod č. 3/1 programu - Dotace NNO</b></p><p>Výbor doporučuje.</p>"
            "<p><b>Bod č. 3/2 programu - Registrace služeb</b></p><p>Výbor bere na vědomí.</p>"
            "</body></html>")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "usneseni.html").write_text(page, encoding="utf-8")
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select item_no, title from '{tmp_path / 'out' / 'agenda_items.parquet'}' "
                          "order by item_no").fetchall()
    assert rows == [(1, "Zahájení"), (2, "Kontrola usnesení"), (3, "Dotace NNO"), (4, "Registrace služeb")]
