"""Attendees in constructions of real minutes and group pages found on the development set real13
(issue 15, session 11): a members' label dated before it or qualified after it, an attendance
label whose members' words and note in parentheses stand before its colon, ...
Names, towns and organisations are invented; each test runs the real pipeline over a real file."""

from __future__ import annotations

import math

from tests.docx_factory import minutes, run_docx, run_html, table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def attendees(out) -> set[tuple]:
    return {tuple(_clean(v) for v in row)
            for row in table_rows(out, "attendees", "name", "titles", "organisation", "role")}


# --------------------------------------------------------------------------- 1: a qualified members' label


def test_a_members_label_qualified_after_it_lists_surname_first_members(tmp_path):
    """"Složení řídící skupiny v rámci ... KPSS:" (a preposition's phrase and a colon ending the
    line) opens the composition: one name a paragraph, surname first, titles before and after."""
    body = ("<h1>Řídící skupina</h1><p>Úlohou řídící skupiny je dohled nad plánováním.</p>"
            "<p>Složení řídící skupiny v rámci třetí etapy KPSS:</p>"
            "<p>Mgr. Vrbová Olga</p><p>Sýkora Emil DiS.</p><p>Bc. Dubská Hana DiS.</p>"
            "<p>Mgr. et Mgr. Lipský Ivo</p><p>Kos Filip</p>"
            "<h2>1. setkání řídící skupiny</h2><p>1. setkání proběhlo 3. září 2020 v Dolní Lhotě.</p>")
    found = attendees(run_html(tmp_path, body))
    assert found == {("Vrbová Olga", "Mgr.", None, "member"), ("Sýkora Emil", "DiS.", None, "member"),
                     ("Dubská Hana", "Bc. DiS.", None, "member"), ("Lipský Ivo", "Mgr. et Mgr.", None, "member"),
                     ("Kos Filip", None, None, "member")}


def test_a_sentence_about_the_members_opens_no_list(tmp_path):
    """"Členové skupiny se shodli na tom:" is a sentence (no preposition opens what follows the label)."""
    document = minutes("Zápis z jednání pracovní skupiny Senioři",
                       "Přítomni: Mgr. Olga Vrbová, Emil Sýkora",
                       "Členové skupiny se shodli na tom:",
                       "Jana Malá Lhota bude pokračovat.")
    found = attendees(run_docx(tmp_path, document))
    assert {row[3] for row in found} == {"present"}


# --------------------------------------------------------------------------- 2: a dated members' label


def test_a_dated_members_label_lists_name_and_organisation_lines(tmp_path):
    """"Aktuální složení pracovní skupiny" (no colon) and then "Name, Organisation" lines: a double
    surname, an organisation without a town, an office of a town."""
    document = minutes("Pracovní skupina Senioři",
                       "Úlohou pracovní skupiny je mapovat potřeby seniorů.",
                       "Aktuální složení pracovní skupiny",
                       "Olga Vrbová Kosová, Město Dolní Lhota",
                       "Emil Sýkora, Městský úřad Dolní Lhota",
                       "Hana Dubská, Dům dětí a mládeže",
                       "Jednání pracovní skupiny a výstupy",
                       "1. jednání pracovní skupiny – 21. 9. 2020")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Olga Vrbová Kosová", None, "Město Dolní Lhota", "member"),
                     ("Emil Sýkora", None, "Městský úřad Dolní Lhota", "member"),
                     ("Hana Dubská", None, "Dům dětí a mládeže", "member")}


# --------------------------------------------------------------------------- 3: attendance before members' words


def test_present_members_with_a_sheet_note_before_the_colon_are_present(tmp_path):
    """"Přítomní členové řídící skupiny (viz presenční listina):" then typed "1) Name" lines: the
    attendance label gives the role (present), not the members' words after it."""
    document = minutes("Zápis z ustavujícího jednání řídící skupiny",
                       "Přítomní členové řídící skupiny (viz presenční listina):",
                       "1) Mgr. Olga Vrbová",
                       "2) Ing. Filip Kos, Ph.D.",
                       "3) Emil Sýkora",
                       "ZAHÁJENÍ",
                       "Jednání zahájila Mgr. Olga Vrbová.")
    found = attendees(run_docx(tmp_path, document))
    assert {("Olga Vrbová", "Mgr.", None, "present"), ("Filip Kos", "Ing. Ph.D.", None, "present"),
            ("Emil Sýkora", None, None, "present")} <= found
    assert not {row for row in found if row[3] == "member"}


# --------------------------------------------------------------------------- 5, 8, 9: roles in sentences


def test_a_function_with_a_town_in_the_genitive_before_the_name_names_the_speaker(tmp_path):
    """"„...,“ uvedl místostarosta Dolní Lhoty Ing. X", "přivítala náměstkyně starosty SH ČMS Ing. Y":
    the capitalised complement of the function (a town, a body) is no person; the name after it
    is the verb's subject."""
    document = minutes("O sociálních službách diskutovali poskytovatelé i veřejnost",
                       "„Představili jsme katalog sociálních služeb,“ uvedl místostarosta Lhoty Ing. Petr Kos.",
                       "Přítomné pozdravila ředitelka Charity Mgr. Olga Vrbová.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Petr Kos", "Ing.", None, "speaker"), ("Olga Vrbová", "Mgr.", None, "speaker")}


def test_a_chair_who_opens_the_meeting_and_welcomes_those_present_is_the_chair_only(tmp_path):
    """Welcoming those present beside a chairing verb or a chair's function is her opening of the
    meeting: "Setkání zahájila a přítomné přivítala vedoucí PS X", "Jednání zahájila předsedkyně
    komise Y, přivítala přítomné" give chair rows only; a speech verb besides still makes a speaker."""
    document = minutes("Zápis z jednání sociální komise",
                       "Jednání zahájila v 15 hodin předsedkyně komise Mgr. Hana Dubská, přivítala všechny přítomné.",
                       "Setkání zahájila a přítomné přivítala vedoucí pracovní skupiny Bc. Petra Kosová.",
                       "Předseda Ing. Jan Lipský přivítal hosty a informoval o dotacích.")
    found = attendees(run_docx(tmp_path, document))
    assert ("Hana Dubská", "Mgr.", None, "chair") in found and ("Petra Kosová", "Bc.", None, "chair") in found
    assert not {row for row in found if row[0] in ("Hana Dubská", "Petra Kosová") and row[3] == "speaker"}
    assert {("Jan Lipský", "Ing.", None, "chair"), ("Jan Lipský", "Ing.", None, "speaker")} <= found


def test_one_who_took_part_as_a_guest_is_a_guest(tmp_path):
    """"Jednání se jako host zúčastnil koordinátor KPSS Bc. X": a guest, not present."""
    document = minutes("Zápis z jednání sociální komise",
                       "Přítomni: dle prezenční listiny přítomno 7 členů komise",
                       "Jednání se jako host zúčastnil koordinátor KPSS Bc. Emil Sýkora. Za Charitu Lhota "
                       "se zúčastnila Mgr. Olga Vrbová.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Emil Sýkora", "Bc.", None, "guest"), ("Olga Vrbová", "Mgr.", "Charita Lhota", "present")}


# --------------------------------------------------------------------------- 4: the hour before the chair


def test_the_hour_between_a_chairing_verb_and_its_subject(tmp_path):
    """"Schůzi výboru zahájil v 16.05 předseda výboru X" (no title), "Zasedání zahájil v 17:05 hod.
    místostarosta Y": the hour stands between the verb and the chair."""
    document = minutes("Zápis z mimořádné schůze sociálního výboru",
                       "Přítomni: viz prezenční listina",
                       "Schůzi výboru zahájil v 16.05 předseda výboru Karel Dub.",
                       "Zasedání komise zahájila v 17:05 hod. místopředsedkyně komise Jana Malá.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Karel Dub", None, None, "chair"), ("Jana Malá", None, None, "chair")}


# --------------------------------------------------------------------------- 10: a department before the organisation


def test_a_function_of_a_department_of_an_organisation_in_the_genitive_gives_her_organisation(tmp_path):
    """"Vedoucí odboru sociálních věcí Městského úřadu Lhota, PhDr. X, představil ...": the department
    ("odboru ...", "oddělení SPOD") stands between the function and the organisation, which is hers."""
    document = minutes("Zápis z ustavujícího jednání řídící skupiny",
                       "Vedoucí odboru sociálních věcí Městského úřadu Dolní Lhota, PhDr. Ing. Karel Dub, "
                       "představil nové členy.",
                       "Vedoucí oddělení SPOD Městského úřadu Horní Lhota Mgr. Jana Malá informovala o případech.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Karel Dub", "PhDr. Ing.", "Městský úřad Dolní Lhota", "speaker"),
                     ("Jana Malá", "Mgr.", "Městský úřad Horní Lhota", "speaker")}
