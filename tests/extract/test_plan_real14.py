"""Plan items as the real14 development set showed them wrong (session 12), each read from a real
DOCX or HTML file through the real run. Names, towns and numbers are invented.

- an item named in running text whose sentence goes on in the past tense or with a passive
  participle ("v cíli 3 Rodiny se podařilo naplnit …", "opatření 3.4 … zůstalo nenaplněno"): the
  title ends where the predicate starts (a reflexive particle goes with its verb);
- a numbered item line whose title is followed by a sentence that describes it ("Opatření 1.3
  Posílíme dluhové poradenství. Otevřeme poradnu …"): the title is its first sentence;
- a realizátor cell of a plan table merged downwards over the next activities of its measure:
  each of them gets the organisation as responsible (not a goal row below it).
"""

from __future__ import annotations

from pathlib import Path

from tests.docx_factory import minutes, new_document, run_docx, run_html, table_rows


def test_a_title_in_running_text_ends_before_a_predicate_in_the_past_tense(tmp_path: Path) -> None:
    """"… že v cíli 3 Rodiny s dětmi se podařilo naplnit opatření 3.1 Title: …": goal 3 is "Rodiny s
    dětmi" (not "… se podařilo naplnit"); "opatření 3.4 Title zůstalo nenaplněno" and "aktivita 3.2.1
    Title proběhla" end before their verbs; a noun with a long vowel ("materiál") is no verb."""
    out = run_html(tmp_path, (
        "<h1>Zápis ze setkání pracovní skupiny Rodina Lipovsko</h1>"
        "<p>Koordinátorka Mgr. Eva Pokorná připomněla, že v cíli 3 Rodiny s dětmi se podařilo naplnit "
        "opatření 3.1 Rozvoj sociálně aktivizačních služeb: Spolek Jalovec, z. s. navýšil úvazky "
        "ze 2 na 3. Naopak opatření 3.4 Zřízení krizového bytu pro matky s dětmi zůstalo nenaplněno, "
        "protože město nezískalo vhodný byt. Také aktivita 3.2.1 Kurz pro pěstouny proběhla podle plánu.</p>"
        "<p>Skupina projednala opatření 3.5 Informační materiál pro rodiny, které připraví Město Lipov.</p>"))
    assert table_rows(out, "goals", "goal_no", "title") == {("3", "Rodiny s dětmi")}
    assert {("3.4", "Zřízení krizového bytu pro matky s dětmi"), ("3.5", "Informační materiál pro rodiny")} \
        <= table_rows(out, "measures", "measure_no", "title")
    assert ("3.2.1", "Kurz pro pěstouny") in table_rows(out, "activities", "activity_no", "title")


def test_an_item_line_with_a_describing_sentence_keeps_its_first_sentence(tmp_path: Path) -> None:
    """"Opatření 1.3 Posílíme dluhové poradenství. Otevřeme poradnu i v Lipové.": the title is the first
    sentence; a full stop after an abbreviation ("o. p. s.") or an ordinal ends no title."""
    out = run_docx(tmp_path, minutes(
        "Akční plán sociálních služeb města Lipov na rok 2026",
        "Priorita 1 – Dluhy a bydlení",
        "Opatření 1.1 Rozšíříme síť sociálních bytů.",
        "Opatření 1.2 Podpoříme terénní práci Poradny Lipka, o. p. s. v obcích do 2. velikostní třídy.",
        "Opatření 1.3 Posílíme dluhové poradenství. Otevřeme poradnu i v Lipové a v Javorníku."))
    assert table_rows(out, "measures", "measure_no", "title") == {
        ("1.1", "Rozšíříme síť sociálních bytů"),
        ("1.2", "Podpoříme terénní práci Poradny Lipka, o. p. s. v obcích do 2. velikostní třídy"),
        ("1.3", "Posílíme dluhové poradenství")}


def _overview_table_document():
    document = new_document()
    document.add_paragraph("Přehled priorit, opatření a aktivit návrhu plánu Lipovska")
    table = document.add_table(rows=7, cols=4)
    for col, text in enumerate(("Opatření", "Aktivita", "Realizátor", "Kapacita")):
        table.cell(0, col).text = text
    table.cell(1, 0).merge(table.cell(1, 3)).text = "Priorita 1: Senioři"
    measure = table.cell(2, 0).merge(table.cell(4, 0))
    measure.text = "1.1 Rozvoj terénních služeb"
    table.cell(2, 1).text = "1.1.1 Navýšení úvazků pečovatelské služby"
    table.cell(3, 1).text = "1.1.2 Víkendový provoz pečovatelské služby"
    table.cell(4, 1).text = "1.1.3 Rozšíření tísňové péče"
    realizer = table.cell(2, 2).merge(table.cell(3, 2))
    realizer.text = "Pečovatelská služba Lipov, p. o."
    table.cell(4, 2).text = "Spolek Jalovec, z. s."
    table.cell(2, 3).text = "+ 1 úvazek"
    table.cell(3, 3).text = "beze změny"
    table.cell(4, 3).text = "z 10 na 14 uživatelů"
    table.cell(5, 0).merge(table.cell(5, 3)).text = "Priorita 2: Rodiny"
    table.cell(6, 0).text = "2.1 Sanace rodin"
    table.cell(6, 1).text = "2.1.1 Terénní práce s rodinami"
    return document


def test_a_realizer_cell_merged_over_two_activities_is_responsible_for_both(tmp_path: Path) -> None:
    """A Word cell merged downwards over activities 1.1.1 and 1.1.2 names their realizátor: the
    organisation is responsible for both; the next activity keeps its own, and the activity of the
    next priority (its realizátor cell empty, under a section row) gets none."""
    out = run_docx(tmp_path, _overview_table_document())
    responsible = {(name, ref) for name, role, ref in table_rows(out, "organisations", "name", "role", "item_ref")
                   if role == "responsible"}
    assert responsible == {("Pečovatelská služba Lipov", "1.1.1"), ("Pečovatelská služba Lipov", "1.1.2"),
                           ("Spolek Jalovec", "1.1.3")}


def test_a_merged_realizer_covers_no_row_of_another_measure(tmp_path: Path) -> None:
    """A data row of another item right under the merged cell ("1.2 …" with no realizátor) is no
    activity of the same measure: it does not inherit the organisation."""
    document = new_document()
    document.add_paragraph("Plán Lipovska")
    table = document.add_table(rows=4, cols=3)
    for col, text in enumerate(("Číslo", "Aktivita", "Realizátor")):
        table.cell(0, col).text = text
    for row, (number, title) in enumerate((("1.1.1", "Kurz pro pečující"), ("1.2", "Podpora pečujících"),
                                           ("1.2.1", "Svépomocná skupina")), start=1):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = title
    table.cell(1, 2).text = "Spolek Jalovec, z. s."
    table.cell(3, 2).text = "Charita Lipov"
    out = run_docx(tmp_path, document)
    responsible = {(name, ref) for name, role, ref in table_rows(out, "organisations", "name", "role", "item_ref")
                   if role == "responsible"}
    assert ("Spolek Jalovec", "1.2") not in responsible
    assert ("Spolek Jalovec", "1.1.1") in responsible
