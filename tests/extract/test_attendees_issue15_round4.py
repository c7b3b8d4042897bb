"""Attendees in constructions of real minutes found on the development sets real10/real11
(issue 15, round 4): a borderless label table whose value cell opens with a members' label
and goes on in the row below, and the other classes below. Names, towns and organisations
are invented; each test runs the real pipeline over a real DOCX."""

from __future__ import annotations

import math

from tests.docx_factory import minutes, run_docx, table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def attendees(out) -> set[tuple]:
    return {tuple(_clean(v) for v in row) for row in table_rows(out, "attendees", "name", "role", "organisation")}


# --------------------------------------------------------------------------- 5: a label table


def test_a_label_table_with_a_members_label_in_the_value_and_a_continued_row(tmp_path):
    """"Přítomni:" | "Členové PS: X, Y – 2 osoby" is the present list (the members' label only
    qualifies it); "Omluveni:" | "Za PS: Z" then "" | "Za poskytovatele: W" excuses both."""
    document = minutes("Záznam z jednání pracovní skupiny Rodina dne 3. 2. 2025 v Horní Lhotě",
                       "Úvodní slovo.")
    table = document.add_table(rows=4, cols=2)
    cells = [("Přítomni:", "Členové PS: O. Vrba, E. Lipská – 2 osoby"),
             ("Přizváni:", "B. Sýkora (Spolek Vlnka Horní Lhota)"),
             ("Omluveni:", "Za PS: H. Dubská"),
             ("", "Za poskytovatele: F. Kos")]
    for r, (left, right) in enumerate(cells):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    document.add_paragraph("E. Lipská shrnula plnění plánu.")
    found = attendees(run_docx(tmp_path, document))
    assert {("O. Vrba", "present", None), ("E. Lipská", "present", None),
            ("B. Sýkora", "guest", "Spolek Vlnka Horní Lhota"),
            ("H. Dubská", "excused", None), ("F. Kos", "excused", None)} <= found
    assert not {row for row in found if row[1] == "member"}
    assert ("B. Sýkora", "present", "Spolek Vlnka Horní Lhota") not in found


# --------------------------------------------------------------------------- 2: a body's composition


def test_a_composition_line_gives_members_and_a_members_qualifier_keeps_present(tmp_path):
    """"Přítomni – členové výboru: ..." are present (the qualifier says who they are);
    "Složení výboru: ..." lists the body's members, each a `member` row."""
    document = minutes("Zápis z jednání Sociálního výboru obce Horní Lhota",
                       "Přítomni – členové výboru: Mgr. Olga Vrbová, p. Emil Sýkora",
                       "Omluveni: Ing. Hana Dubská",
                       "Mgr. Olga Vrbová přivítala přítomné.",
                       "Složení výboru: Mgr. Olga Vrbová (předsedkyně), p. Emil Sýkora, Ing. Hana Dubská")
    found = {(name, role) for name, role, _ in attendees(run_docx(tmp_path, document))}
    assert {("Olga Vrbová", "present"), ("Emil Sýkora", "present"), ("Hana Dubská", "excused"),
            ("Olga Vrbová", "member"), ("Emil Sýkora", "member"), ("Hana Dubská", "member")} <= found


def test_a_lettered_members_heading_over_a_table_of_people(tmp_path):
    """"b) Přehled členů pracovní skupiny" over a "Jméno | Organizace" table: members."""
    document = minutes("Komunitní plán sociálních služeb města Horní Lhota")
    document.add_heading("b) Přehled členů pracovní skupiny", level=2)
    table = document.add_table(rows=3, cols=2)
    for r, (left, right) in enumerate([("Jméno", "Organizace"), ("Bc. Ivo Kratochvil", "Spolek Lípa, z. s."),
                                       ("Jana Mráčková", "Charita Horní Lhota")]):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    found = attendees(run_docx(tmp_path, document))
    assert {(name, role) for name, role, _ in found} == {("Ivo Kratochvil", "member"), ("Jana Mráčková", "member")}


def test_surname_first_members_with_the_title_after_the_name(tmp_path):
    """"Malá Jana, Mgr. – Spolek X": the title is hers, the organisation follows the dash."""
    document = minutes("Komunitní plán sociálních služeb města Horní Lhota", "Složení pracovní skupiny Rodina:",
                       ("List Bullet", "Vrbová Olga, Mgr. – Městský úřad Horní Lhota, koordinátorka"),
                       ("List Bullet", "Kos Filip, Ing. – Spolek Lípa, z. s."))
    found = attendees(run_docx(tmp_path, document))
    orgs = {name: org for name, role, org in found if role == "member"}
    assert orgs == {"Vrbová Olga": "Městský úřad Horní Lhota", "Kos Filip": "Spolek Lípa, z. s."}


# --------------------------------------------------------------------------- 5: a titles column


def test_a_titles_column_of_an_attendance_table(tmp_path):
    """"Příjmení, jméno | Titul | Organizace" with merged section rows: the titles are the persons'."""
    document = minutes("Zápis setkání pracovní skupiny Senioři", "Prezence:")
    rows = [("Příjmení, jméno", "Titul", "Organizace"), ("Členové pracovní skupiny – přítomni", None, None),
            ("Vrbová Olga", "Mgr.", "Spolek Lípa, z. s."), ("Kos Filip", "", "Charita Horní Lhota"),
            ("Omluveni", None, None), ("Dubská Hana", "Ing., Ph.D.", "Městský úřad Horní Lhota")]
    table = document.add_table(rows=len(rows), cols=3)
    for r, cells in enumerate(rows):
        if cells[1] is None:
            table.cell(r, 0).merge(table.cell(r, 2)).text = cells[0]
            continue
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    out = run_docx(tmp_path, document)
    found = table_rows(out, "attendees", "name", "role", "titles")
    assert {tuple(_clean(v) for v in row) for row in found} == {
        ("Vrbová Olga", "present", "Mgr."), ("Kos Filip", "present", None), ("Dubská Hana", "excused", "Ing. Ph.D.")}


# --------------------------------------------------------------------------- 1: letter-spaced labels


def test_a_letter_spaced_label_over_tab_set_lines_with_dashed_notes(tmp_path):
    """"P ř í t o m n i:" then "Name<tab>- function, organisation" lines: present, with the organisation."""
    document = minutes("Zápis z jednání pracovní skupiny Senioři",
                       "P ř í t o m n i:",
                       "Mgr. Olga Vrbová\t\t- vedoucí pracovní skupiny",
                       "Bc. Filip Kos\t- koordinátor KPSS, MěÚ Horní Lhota",
                       "Ing. Hana Dubská\t\t- Spolek Lípa Horní Lhota",
                       "Emil Sýkora\t\t\t- zástupce uživatelů",
                       "Jednání zahájila Mgr. Vrbová.")
    found = attendees(run_docx(tmp_path, document))
    assert {("Olga Vrbová", "present", None), ("Filip Kos", "present", "MěÚ Horní Lhota"),
            ("Hana Dubská", "present", "Spolek Lípa Horní Lhota"), ("Emil Sýkora", "present", None)} <= found


# --------------------------------------------------------------------------- 4, 8, 9: running text


def test_a_surname_after_a_function_noun_chairs_by_a_light_verb_and_the_recorder_in_the_genitive(tmp_path):
    """"Koordinátorka Vrbová provedla zahájení jednání a přivítala hosty": the chair (welcoming is her
    opening of the meeting, no speech: session 11);
    "Určení a schválení zapisovatele jednání: X" names the recorder; "ověřovatelů zápisu: Y" nobody."""
    document = minutes("Zápis z jednání řídicí skupiny KPSS, konané dne 3. března 2019 v Horní Lhotě",
                       "Přítomni: dle prezenční listiny",
                       "Koordinátorka Vrbová provedla zahájení dnešního jednání a přivítala přítomné hosty.",
                       "Určení a schválení zapisovatele jednání: Hana Dubská",
                       "Určení a schválení ověřovatelů zápisu: Emil Sýkora a Filip Kos",
                       "Bod č. 1 kontrola zápisu",
                       "• paní ředitelka Lipská doplnila, že pořadník čítá 40 žadatelů.")
    found = {(name, role) for name, role, _ in attendees(run_docx(tmp_path, document))}
    assert {("Vrbová", "chair"), ("Hana Dubská", "recorder"), ("Lipská", "speaker")} <= found
    assert ("Vrbová", "speaker") not in found
    assert not {row for row in found if row[0] in ("Emil Sýkora", "Filip Kos")}


def test_a_presenter_in_the_genitive_takes_her_nominative_and_new_reporting_verbs(tmp_path):
    """"Úvodní slovo Mgr. Olgy Vrbové" is Olga Vrbová (named so elsewhere), once; "oznámila" and
    "vznesl dotaz" report speech."""
    document = minutes("Zápis z jednání pracovní skupiny Senioři", "Dne 3. 3. 2019",
                       "Úvodní slovo Mgr. Olgy Vrbové, místostarostky obce.",
                       "Jednání řídila Mgr. Olga Vrbová.",
                       "Paní Mgr. Lipská (Spolek Lípa, z. s.) oznámila změnu otevírací doby.",
                       "Ing. Kos vznesl dotaz na dopravu do stacionáře.")
    found = {(name, role) for name, role, _ in attendees(run_docx(tmp_path, document))}
    assert {("Olga Vrbová", "speaker"), ("Olga Vrbová", "chair"), ("Lipská", "speaker"), ("Kos", "speaker")} <= found
    assert not {row for row in found if row[0] == "Olgy Vrbové"}
