"""Attendees in shapes that converters and templates produce: a legal form after a comma in
a bulleted list, a web page laid out in one table cell, roles and branch offices noted after
an organisation. The names and organisations are invented; each class has negatives."""

from __future__ import annotations

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.attendees import extract
from tests.extract.blocks import blocks


def run(doc: list[BlockView]) -> list[dict]:
    result = Extraction()
    extract(doc, result)
    rows = result.tables["attendees"]
    for row in rows:
        span = doc[row["block_id"]].text[row["char_start"]:row["char_end"]]
        assert row["name"] in span, (row, span)
    return rows


def roles(rows: list[dict]) -> set[tuple[str, str]]:
    return {(r["name"], r["role"]) for r in rows}


def org(rows: list[dict], name: str, role: str = "present") -> str | None:
    found = [r for r in rows if r["name"] == name and r["role"] == role]
    assert len(found) == 1, (name, role, rows)
    return found[0]["organisation"]


# --------------------------------------------------------------------------- a legal form after a comma


def test_legal_form_after_a_comma_does_not_end_a_bulleted_list():
    rows = run(blocks("Účastníci:",
                      "– Mgr. Vendula Jarošová – Obec Lipník",
                      "– Ing. Oto Kalina – Zahrada Dolní Lhota, p. o.",
                      "– Bc. Iva Drozdová – Poradna Most, o. p. s.",
                      "– Lada Horká – zástupkyně rodičů"))
    assert roles(rows) == {("Vendula Jarošová", "present"), ("Oto Kalina", "present"),
                           ("Iva Drozdová", "present"), ("Lada Horká", "present")}
    assert org(rows, "Oto Kalina") == "Zahrada Dolní Lhota, p. o."
    assert org(rows, "Lada Horká") is None


def test_word_of_address_after_a_comma_still_starts_a_person():
    rows = run(blocks("Přítomni: Ing. Oto Kalina (Zahrada, p. o.), p. Soukup, pí Vránová"))
    assert roles(rows) == {("Oto Kalina", "present"), ("Soukup", "present"), ("Vránová", "present")}


# --------------------------------------------------------------------------- a page laid out in one table cell


def _page(text: str) -> list[BlockView]:
    return [BlockView(0, "table_cell", "Úvod\nO nás\nZápisy", table_id=0, row=0, col=0),
            BlockView(1, "table_cell", text, table_id=0, row=0, col=1)]


def test_page_laid_out_in_one_table_cell_is_read_line_by_line():
    rows = run(_page("Zápis z jednání pracovní skupiny Rodina\n"
                     "Přítomni:\n"
                     "Mgr. Vendula Jarošová – Obec Lipník, vedoucí PS\n"
                     "Ing. Oto Kalina – Zahrada Dolní Lhota, p. o.\n"
                     "Nepřítomni: Lada Horká (Poradna Most, o. p. s.)\n"
                     "Hosté: Bc. Iva Drozdová (Krajský úřad)\n"
                     "Program:\n1) Úvod\n2) Různé\n"
                     "Ad 1)\nVedoucí PS přivítala přítomné.\n"
                     "Zapsala: Marta Jílková, DiS.\n"
                     "Ověřila: Mgr. Vendula Jarošová"))
    assert roles(rows) == {("Vendula Jarošová", "present"), ("Vendula Jarošová", "chair"),
                           ("Oto Kalina", "present"), ("Lada Horká", "absent"), ("Iva Drozdová", "guest"),
                           ("Marta Jílková", "recorder")}
    assert org(rows, "Lada Horká", "absent") == "Poradna Most, o. p. s."


def test_cell_with_one_label_over_its_names_is_still_a_value_cell():
    rows = run([BlockView(0, "table_cell", "Přítomni:\nVendula Jarošová\nOto Kalina", table_id=0, row=0, col=0)])
    assert roles(rows) == {("Vendula Jarošová", "present"), ("Oto Kalina", "present")}


def test_form_table_of_labels_and_values_is_unchanged():
    rows = run(blocks("| Jednání vedla | Mgr. Vendula Jarošová |", "| Zapisovatel | Bc. Oto Kalina |",
                      "| Hosté | Ing. Lada Horká (Obec Lipník) |", "| Přítomni | viz prezenční listina |"))
    assert roles(rows) == {("Vendula Jarošová", "chair"), ("Oto Kalina", "recorder"), ("Lada Horká", "guest")}


# --------------------------------------------------------------------------- notes after the organisation


def test_group_leader_noted_after_the_organisation_is_the_chair():
    rows = run(blocks("Přítomni:", "- Bc. Marta Jílková – Obec Lipník, vedoucí pracovní skupiny",
                      "- Ing. Oto Kalina – Obec Lipník, vedoucí odboru sociálních věcí",
                      "- Lada Horká (Spolek Brána), vedoucí"))
    assert roles(rows) == {("Marta Jílková", "present"), ("Marta Jílková", "chair"), ("Oto Kalina", "present"),
                           ("Lada Horká", "present")}
    assert org(rows, "Oto Kalina") == "Obec Lipník"


def test_branch_office_after_a_comma_is_part_of_the_organisation():
    rows = run(blocks("Přítomni:", "- Bc. Iva Drozdová – Úřad práce ČR, kontaktní pracoviště Horní Lhota",
                      "- Ing. Oto Kalina – Krajský úřad, odbor sociálních věcí",
                      "- Lada Horká – Charita Lipník, pobočka ve městě"))
    assert org(rows, "Iva Drozdová") == "Úřad práce ČR, kontaktní pracoviště Horní Lhota"
    assert org(rows, "Oto Kalina") == "Krajský úřad"
    assert org(rows, "Lada Horká") == "Charita Lipník"
