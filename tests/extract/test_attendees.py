"""Attendees: who the minutes name as taking part, and in which role.

The examples are invented, in the style of real minutes: labels with a colon or a tab,
names on the label's line or on the lines after it, tables, titles before and after a
name, surname first, flattened runs of a slide transcript, speakers in the running text;
and names that are no attendees (a task's responsible person, a contact, an uploader)."""

from __future__ import annotations

import pytest

from pipeline.extract.model import Extraction
from pipeline.extract.attendees import extract
from tests.extract.blocks import blocks


def run(*lines: str, result: Extraction | None = None) -> list[dict]:
    """Extract from hand-written lines; every row's span must hold its name."""
    result = result or Extraction()
    doc = blocks(*lines)
    extract(doc, result)
    rows = result.tables["attendees"]
    for row in rows:
        span = doc[row["block_id"]].text[row["char_start"]:row["char_end"]]
        assert row["name"] in span, (row, span)
    return rows


def pairs(rows: list[dict]) -> set[tuple[str, str]]:
    return {(r["name"], r["role"]) for r in rows}


def one(rows: list[dict], name: str, role: str) -> dict:
    found = [r for r in rows if r["name"] == name and r["role"] == role]
    assert len(found) == 1, (name, role, rows)
    return found[0]


# --------------------------------------------------------------------------- labelled lists


def test_labels_with_tab_comma_and_semicolon():
    rows = run("Přítomni:\tJana Dvořáková, Petr Svoboda, Marie Procházková",
               "Omluveni:\tTomáš Kučera; Eva Veselá",
               "Nepřítomni: Karel Horák",
               "Program jednání:",
               "1. Úvod")
    assert pairs(rows) == {("Jana Dvořáková", "present"), ("Petr Svoboda", "present"),
                           ("Marie Procházková", "present"), ("Tomáš Kučera", "excused"),
                           ("Eva Veselá", "excused"), ("Karel Horák", "absent")}
    assert all(r["titles"] is None and r["organisation"] is None for r in rows)


def test_titles_split_from_names_and_organisations_in_parentheses():
    rows = run("Přítomni: Mgr. Hana Marková, Ph.D. (Charita Jičín), Bc. Ondřej Novotný (Městský úřad Jičín), "
               "Jiřina Pokorná, DiS. (Dobré dílo – středisko Jičín), Ing. arch. Jan Veselý")
    assert one(rows, "Hana Marková", "present")["titles"] == "Mgr. Ph.D."
    assert one(rows, "Hana Marková", "present")["organisation"] == "Charita Jičín"
    assert one(rows, "Ondřej Novotný", "present")["organisation"] == "Městský úřad Jičín"
    pokorna = one(rows, "Jiřina Pokorná", "present")
    assert (pokorna["titles"], pokorna["organisation"]) == ("DiS.", "Dobré dílo – středisko Jičín")
    assert one(rows, "Jan Veselý", "present")["titles"] == "Ing. arch."
    assert len(rows) == 4


def test_guests_with_dashed_organisation_shared_by_a_comma_list():
    rows = run("Hosté: Ing. Aleš Krejčí – Úřad práce ČR, Mgr. Věra Šimková, Mgr. Radek Hájek - Probační a "
               "mediační služba ČR")
    assert one(rows, "Aleš Krejčí", "guest")["organisation"] == "Úřad práce ČR"
    assert one(rows, "Věra Šimková", "guest")["organisation"] == "Probační a mediační služba ČR"
    assert one(rows, "Radek Hájek", "guest")["organisation"] == "Probační a mediační služba ČR"


def test_label_alone_then_bullets_until_the_list_ends():
    rows = run("Přítomni:",
               "- Mgr. Jitka Králová – Oblastní charita Kutná Hora",
               "- Pavel Růžička (Město Čáslav)",
               "- Bc. Lenka Pešková",
               "Program:",
               "1. Zahájení",
               "2. Různé")
    assert pairs(rows) == {("Jitka Králová", "present"), ("Pavel Růžička", "present"),
                           ("Lenka Pešková", "present")}
    assert one(rows, "Jitka Králová", "present")["organisation"] == "Oblastní charita Kutná Hora"


def test_label_heading_then_lines_of_names():
    rows = run("## Přítomní členové", "Alena Šimková, Úřad práce ČR", "Roman Dušek, Charita Hodonín",
               "## Průběh jednání", "Roman Dušek přivítal přítomné.")
    assert one(rows, "Alena Šimková", "present")["organisation"] == "Úřad práce ČR"
    assert one(rows, "Roman Dušek", "present")["organisation"] == "Charita Hodonín"
    assert ("Roman Dušek", "speaker") in pairs(rows)


def test_surname_first_and_capitals():
    rows = run("Přítomni: NOVÁKOVÁ Jana, Svoboda Petr, Kratochvílová Hana (SAS Kroměříž)",
               "Zapsala: Pokorná Jiřina")
    assert pairs(rows) == {("NOVÁKOVÁ Jana", "present"), ("Svoboda Petr", "present"),
                           ("Kratochvílová Hana", "present"), ("Pokorná Jiřina", "recorder")}


@pytest.mark.parametrize("line, role", [
    ("PŘÍTOMNI: Ing. Zuzana Hronková", "present"),
    ("Přítomno:\tIng. Zuzana Hronková", "present"),
    ("• Účastníci jednání – Ing. Zuzana Hronková", "present"),
    ("Omluven/a: Ing. Zuzana Hronková", "excused"),
    ("Nepřítomen: Ing. Zuzana Hronková", "absent"),
    ("Přizvaní hosté: Ing. Zuzana Hronková", "guest"),
    ("Zápis pořídila: Ing. Zuzana Hronková", "recorder"),
    ("Zapisovatelka:\tIng. Zuzana Hronková", "recorder"),
    ("Jednání řídila: Ing. Zuzana Hronková", "chair"),
])
def test_label_variants(line, role):
    rows = run(line)
    assert pairs(rows) == {("Zuzana Hronková", role)}
    assert rows[0]["titles"] == "Ing."


def test_lone_surnames_in_a_labelled_list():
    rows = run("Omluveni: Novák, Dvořáková, p. Beneš")
    assert pairs(rows) == {("Novák", "excused"), ("Dvořáková", "excused"), ("Beneš", "excused")}


def test_two_labels_flattened_into_one_line():
    rows = run("Přítomni:\tJana Dvořáková (MAS Podlipansko), Bc. Michal Černý Omluveni:\tLibor Zelenka "
               "Hosté:\t–")
    assert pairs(rows) == {("Jana Dvořáková", "present"), ("Michal Černý", "present"),
                           ("Libor Zelenka", "excused")}


def test_labels_qualified_by_words_before_the_colon():
    rows = run("Přítomni za poskytovatele: Jana Malá (Charita Třebíč), Petr Velký",
               "Jednání se zúčastnili: Mgr. Olga Bílá",
               "Přítomni byli seznámeni s návrhem plánu.")
    assert pairs(rows) == {("Jana Malá", "present"), ("Petr Velký", "present"), ("Olga Bílá", "present")}


def test_label_with_a_note_and_chair_label():
    rows = run("Nepřítomni (neomluveni): Karel Dlouhý", "Předsedající: Mgr. Tereza Horká")
    assert pairs(rows) == {("Karel Dlouhý", "absent"), ("Tereza Horká", "chair")}


def test_department_after_comma_is_cut_and_descriptions_are_no_organisation():
    rows = run("Hosté: Ing. Dagmar Pánková (Krajský úřad Pardubického kraje, odbor sociálních věcí), "
               "Josef Bárta (zástupce uživatelů)")
    assert one(rows, "Dagmar Pánková", "guest")["organisation"] == "Krajský úřad Pardubického kraje"
    assert one(rows, "Josef Bárta", "guest")["organisation"] is None


def test_rank_is_dropped_and_double_surname_kept():
    rows = run("Hosté: npor. Bc. Petr Kos (Policie ČR), Mgr. Alena Nováková-Svobodová")
    kos = one(rows, "Petr Kos", "guest")
    assert (kos["titles"], kos["organisation"]) == ("Bc.", "Policie ČR")
    assert one(rows, "Alena Nováková-Svobodová", "guest")["titles"] == "Mgr."


def test_attendance_sheet_names_nobody():
    rows = run("Přítomni: viz prezenční listina", "Jednání zahájila Mgr. Ilona Černá.")
    assert pairs(rows) == {("Ilona Černá", "chair")}
    assert run("Přítomni: dle prezenční listiny (14 osob)", "Omluveni: nikdo") == []


def test_a_sentence_after_a_list_does_not_continue_it():
    rows = run("Přítomni: Jana Malá, Petr Velký", "Jana Malá zahájila jednání.", "Různé")
    assert pairs(rows) == {("Jana Malá", "present"), ("Petr Velký", "present"), ("Jana Malá", "chair")}


def test_same_person_once_per_role():
    rows = run("Přítomni: Eva Krátká, Eva Krátká (OSPOD)", "Zapsala: Eva Krátká")
    assert pairs(rows) == {("Eva Krátká", "present"), ("Eva Krátká", "recorder")}
    assert one(rows, "Eva Krátká", "present")["organisation"] == "OSPOD"


# --------------------------------------------------------------------------- recorders


@pytest.mark.parametrize("line, names", [
    ("Zapsal Petr Dvořák.", ["Petr Dvořák"]),
    ("Zapsal(a): Bc. Kristýna Holá, DiS.", ["Kristýna Holá"]),
    ("Zápis zpracovala: Mgr. Eva Suchá, koordinátorka KPSS", ["Eva Suchá"]),
    ("Zapsala Dvořáková Eva, Jana Kovářová", ["Dvořáková Eva", "Jana Kovářová"]),
    ("Zapsala: J. Nováková, dne 12. 4. 2023", ["J. Nováková"]),
    ("Připravila a zapsala:\tIng. Marta Holubová, manažerka KPSS", ["Marta Holubová"]),
    ("Ověřil a zapsal: Bc. Ondřej Sýkora", ["Ondřej Sýkora"]),
])
def test_recorders(line, names):
    rows = run("Další jednání se uskuteční 5. 6. 2023.", line)
    assert sorted(r["name"] for r in rows if r["role"] == "recorder") == sorted(names)
    assert all(r["role"] == "recorder" for r in rows)


def test_recorder_titles():
    rows = run("Zapsal(a): Bc. Kristýna Holá, DiS.")
    assert one(rows, "Kristýna Holá", "recorder")["titles"] == "Bc. DiS."


def test_recorder_who_was_present_gets_two_rows():
    rows = run("Přítomni: Olga Tichá, Ivan Bureš", "Zapsala:\tOlga Tichá")
    assert pairs(rows) == {("Olga Tichá", "present"), ("Ivan Bureš", "present"), ("Olga Tichá", "recorder")}


def test_roles_noted_beside_names_in_an_attendance_list():
    rows = run("Přítomni: Ing. Radka Malá (předsedkyně ŘS), Mgr. Petr Kos – zapisovatel, "
               "Bc. Eva Dlouhá (koordinátorka KPSS), Jan Hrubý, předseda spolku Lípa")
    assert pairs(rows) == {("Radka Malá", "present"), ("Radka Malá", "chair"), ("Petr Kos", "present"),
                           ("Petr Kos", "recorder"), ("Eva Dlouhá", "present"), ("Jan Hrubý", "present")}
    rows = run("Hosté:", "- Mgr. Tomáš Souček (Krajský úřad), moderátor jednání", "- Bc. Lenka Čechová")
    assert pairs(rows) == {("Tomáš Souček", "guest"), ("Tomáš Souček", "chair"), ("Lenka Čechová", "guest")}


def test_verifier_alone_is_no_attendee():
    assert run("Ověřila: Mgr. Hana Bílková", "Ověřovatel zápisu: Ing. Karel Mráz") == []


# --------------------------------------------------------------------------- tables


def test_table_of_names_and_organisations_after_label():
    rows = run("Přítomni:",
               "| Jméno a příjmení | Organizace | Podpis |",
               "| Mgr. Lenka Horká | Městský úřad Šumperk | |",
               "| Zdeněk Malý, DiS. | Charita Šumperk | |",
               "| Alena Tichá | zástupkyně veřejnosti | |",
               "Omluveni:\tBc. Jan Kos")
    assert one(rows, "Lenka Horká", "present")["organisation"] == "Městský úřad Šumperk"
    assert one(rows, "Zdeněk Malý", "present")["titles"] == "DiS."
    assert one(rows, "Alena Tichá", "present")["organisation"] is None
    assert ("Jan Kos", "excused") in pairs(rows)
    assert len(rows) == 4


def test_name_and_organisation_on_two_lines_of_one_cell():
    doc_lines = ("Přítomni:", "| Ing. Pavel Vrána, CSc. | Bc. Dita Horká |")
    doc = blocks(*doc_lines)
    cell = doc[1]
    doc[1] = type(cell)(cell.block_id, cell.kind, "Ing. Pavel Vrána, CSc.\nDiakonie Horní Lhota", table_id=cell.table_id,
                        row=cell.row, col=cell.col)
    result = Extraction()
    extract(doc, result)
    rows = result.tables["attendees"]
    vrana = one(rows, "Pavel Vrána", "present")
    assert (vrana["titles"], vrana["organisation"]) == ("Ing. CSc.", "Diakonie Horní Lhota")
    assert ("Dita Horká", "present") in pairs(rows)


def test_members_table_under_a_members_heading():
    rows = run("## Členové pracovní skupiny",
               "| Jméno | Organizace |",
               "| PhDr. Marta Zemanová | Domov Slunce, p. o. |",
               "| Ing. Robert Král | Obec Dolany |")
    assert pairs(rows) == {("Marta Zemanová", "member"), ("Robert Král", "member")}
    assert one(rows, "Marta Zemanová", "member")["organisation"] == "Domov Slunce, p. o."


def test_signature_table_gives_the_recorder_only():
    rows = run("Jednání skončilo v 11 hodin.",
               "| Zapsal: | Ing. Jiří Beneš |",
               "| Dne: | 3. 3. 2021 |",
               "| Ověřila: | Mgr. Alena Tichá |")
    assert pairs(rows) == {("Jiří Beneš", "recorder")}


def test_a_table_after_a_complete_list_is_not_part_of_it():
    rows = run("Přítomni: Jana Malá, Petr Velký",
               "| 1. | Informace od p. Nové |",
               "| 2. | Různé |")
    assert pairs(rows) == {("Jana Malá", "present"), ("Petr Velký", "present")}


def test_table_of_contact_persons_is_no_attendance():
    rows = run("Kontakty na poskytovatele:",
               "| Organizace | Jméno kontaktní osoby | Telefon |",
               "| Charita Jičín | Bc. Ivana Dušková | 777 111 222 |")
    assert rows == []


def test_labels_over_columns_of_names():
    rows = run("| Přítomni | Omluveni |",
               "| Jana Malá | Petr Velký |",
               "| Eva Krátká | |")
    assert pairs(rows) == {("Jana Malá", "present"), ("Eva Krátká", "present"), ("Petr Velký", "excused")}


def test_attendance_column_gives_each_person_a_role():
    rows = run("| Účastník | Za organizaci | Přítomnost |",
               "| Ing. Vladimír Růžička | Obec Bystrá | ano |",
               "| Bc. Simona Horáková, DiS. | Poradna Kompas, z. ú. | omluvena |",
               "| Pavla Řeháková | Senioři sobě, z. s. | neomluvena |",
               "| Mgr. Tomáš Kubec | Krajský úřad | host |")
    assert pairs(rows) == {("Vladimír Růžička", "present"), ("Simona Horáková", "excused"),
                           ("Pavla Řeháková", "absent"), ("Tomáš Kubec", "guest")}
    assert one(rows, "Simona Horáková", "excused")["titles"] == "Bc. DiS."


def test_one_column_per_status_with_a_tick():
    rows = run("| Jméno | Přítomen | Omluven | Nepřítomen |",
               "| Kamila Dušková | ✓ |  |  |",
               "| Radek Pešek |  | x |  |",
               "| Olga Vrbová | – | – | x |",
               "| Ivan Brož |  |  |  |")
    assert pairs(rows) == {("Kamila Dušková", "present"), ("Radek Pešek", "excused"), ("Olga Vrbová", "absent")}


def test_attendance_column_found_by_its_values_under_an_unknown_header():
    rows = run("| Stav | Jméno | Organizace |",
               "| omluven | MUDr. Luboš Beran | Nemocnice Polná |",
               "| přítomna | Hedvika Šimková | Obec Věž |")
    assert pairs(rows) == {("Luboš Beran", "excused"), ("Hedvika Šimková", "present")}


def test_tab_separated_attendance_table_of_a_text_export():
    rows = run("Prezence",
               "Příjmení a jméno\tInstituce\tÚčast",
               "Zelená Marta, Mgr.\tCharita Hodonín\tpřítomna",
               "Bc. Petr Dvořák\tMěsto Hodonín\tomluven",
               "Eva Malá\tSpolek Dobro, z. s.\tnepřítomna",
               "Schůzku zahájila Mgr. Marta Zelená.")
    assert pairs(rows) == {("Zelená Marta", "present"), ("Petr Dvořák", "excused"), ("Eva Malá", "absent"),
                           ("Marta Zelená", "chair")}
    assert one(rows, "Petr Dvořák", "excused")["organisation"] == "Město Hodonín"


def test_tab_separated_table_without_attendance_column_takes_the_label_role():
    rows = run("Omluveni:", "Jméno\tOrganizace", "Jiří Kocián\tDiakonie Vsetín", "Irena Suchá\tObec Ratiboř",
               "K bodu 1")
    assert pairs(rows) == {("Jiří Kocián", "excused"), ("Irena Suchá", "excused")}


def test_tab_separated_table_with_empty_cells_and_with_aligning_tabs():
    rows = run("Seznam účastníků:", "Jméno\tInstituce\tPřítomen\tOmluven", "Mgr. Iva Malá\tCharita Žďár\tx\t",
               "Bc. Jan Dub\tMěsto Žďár\t\tx", "Ing. Olga Pešková\t\tx")
    assert pairs(rows) == {("Iva Malá", "present"), ("Jan Dub", "excused"), ("Olga Pešková", "present")}
    rows = run("Jméno\t\tOrganizace\t\tÚčast", "Iva Malá\t\tCharita Žďár\t\tomluvena",
               "Jan Dub\tMěsto Žďár\tpřítomen")
    assert pairs(rows) == {("Iva Malá", "excused"), ("Jan Dub", "present")}
    assert one(rows, "Jan Dub", "present")["organisation"] == "Město Žďár"


def test_tabbed_lines_without_a_people_header_are_no_table():
    rows = run("Služba\tKapacita\tPoskytovatel", "Odlehčovací služby\t4 lůžka\tDomov Jasmín",
               "Pečovatelská služba\t120 klientů\tMěsto Rožnov")
    assert rows == []


# --------------------------------------------------------------------------- flattened members' slide


def test_flattened_members_slide():
    rows = run("### Seznam členů pracovní skupiny",
               "Jméno: Organizace: 1. Mgr. Jitka Králová Městský úřad Kolín 2. Bc. Tomáš Marek Oblastní "
               "charita Kolín 3. Ing. Petra Šťastná, Ph.D. Spolek Rozum, z. s. Dále se jednání účastnili "
               "Mgr. Dana Veselá – zástupkyně zadavatele Krajský úřad Středočeského kraje Mgr. Jan Holub, "
               "Mgr. Irena Malá - Probační a mediační služba ČR Josef Bárta - uživatel služby",
               "### Popis cílové skupiny",
               "Senioři nad 65 let, Osoby se zdravotním postižením")
    orgs = {r["name"]: r["organisation"] for r in rows}
    assert orgs == {"Jitka Králová": "Městský úřad Kolín", "Tomáš Marek": "Oblastní charita Kolín",
                    "Petra Šťastná": "Spolek Rozum, z. s.", "Dana Veselá": "Krajský úřad Středočeského kraje",
                    "Jan Holub": "Probační a mediační služba ČR", "Irena Malá": "Probační a mediační služba ČR",
                    "Josef Bárta": None}
    assert {r["role"] for r in rows} == {"member"}
    assert one(rows, "Petra Šťastná", "member")["titles"] == "Ing. Ph.D."


def test_members_slide_flattened_into_one_paragraph_with_its_title():
    rows = run("2 Seznam členů pracovní skupiny Jméno a příjmení: Organizace: 1. Mgr. Hana Říhová Městský úřad "
               "Beroun 2. Bc. Milan Kopecký Spolek Přístav, z. s.",
               "3 Popis cílové skupiny Senioři, Osoby se zdravotním postižením")
    assert {(r["name"], r["organisation"]) for r in rows} == {("Hana Říhová", "Městský úřad Beroun"),
                                                              ("Milan Kopecký", "Spolek Přístav, z. s.")}
    assert {r["role"] for r in rows} == {"member"}


def test_members_as_numbered_items_with_a_three_word_name():
    rows = run("Složení pracovní skupiny:",
               "1. Mgr. Lucie Maria Dvořáková – Centrum pro rodinu Vysočina",
               "2. Bc. Ondřej Kříž – Městský úřad Třebíč",
               "Skupina se schází čtyřikrát ročně.")
    assert pairs(rows) == {("Lucie Maria Dvořáková", "member"), ("Ondřej Kříž", "member")}


# --------------------------------------------------------------------------- speakers and chairs


def test_speaker_with_organisation_in_parentheses_is_also_present():
    rows = run("Přítomni: Petra Lišková, Karel Beneš",
               "V rámci diskuze Mgr. Petra Lišková (za OSPOD) informovala o novém zákonu.")
    present, speaker = one(rows, "Petra Lišková", "present"), one(rows, "Petra Lišková", "speaker")
    assert (present["titles"], present["organisation"]) == (None, None)
    assert (speaker["titles"], speaker["organisation"]) == ("Mgr.", "OSPOD")


@pytest.mark.parametrize("line, name, role", [
    ("Paní Hrubá seznámila přítomné s výsledky dotazníku.", "Hrubá", "speaker"),
    ("Informaci o dotacích podal Ing. Marek Bláha.", "Marek Bláha", "speaker"),
    ("Mgr. Ivo Richter shrnul činnost terénního programu za rok 2022.", "Ivo Richter", "speaker"),
    ("1/ Úvodní slovo Mgr. R. Kubátová:", "R. Kubátová", "speaker"),
    ("Jednání vedl Mgr. Pavel Zeman.", "Pavel Zeman", "chair"),
    ("Jednání zahájila místostarostka Bc. Irena Hladká, která pak odešla.", "Irena Hladká", "chair"),
    ("p. Kolář: služba má volnou kapacitu.", "Kolář", "speaker"),
    ("- Bc. Iveta Malá (OSPOD) – informace o sanaci rodin", "Iveta Malá", "speaker"),
    ("Pracovní skupinu vede Mgr. Hana Kratochvílová.", "Hana Kratochvílová", "chair"),
    ("Za Charitu Třebíč informovala p. Vondrová o otevření šatníku.", "Vondrová", "speaker"),
])
def test_speakers_and_chairs_in_running_text(line, name, role):
    assert pairs(run(line)) == {(name, role)}


def test_taking_part_and_excusing_oneself_in_running_text():
    rows = run("Jednání se za Úřad práce ČR zúčastnila Mgr. Hana Svobodová.",
               "Bc. Petr Malý se z jednání omluvil.")
    assert pairs(rows) == {("Hana Svobodová", "present"), ("Petr Malý", "excused")}


@pytest.mark.parametrize("line", [
    "Bc. Petr Malý zahájil v březnu provoz nové služby.",
    "Mgr. Ota Velký vede nízkoprahový klub v Kroměříži.",
    "Od září řídí Ing. Alena Hudcová celé středisko.",
])
def test_chairing_verbs_about_something_else_than_the_meeting(line):
    assert run(line) == []


@pytest.mark.parametrize("line, name", [
    ("Setkání zahájila Mgr. Eva Šťastná a přivítala hosty.", "Eva Šťastná"),
    ("Diskusi řídil Ing. Jan Tichý.", "Jan Tichý"),
    ("Mgr. Hana Pluhařová zahájila jednání v 9:05.", "Hana Pluhařová"),
])
def test_chairing_verbs_with_the_meeting_as_object(line, name):
    assert (name, "chair") in pairs(run(line))


def test_persons_in_parentheses_after_the_organisation_they_report_for():
    rows = run("Zprávy z organizací:",
               "• Charita Hodonín (Bc. Jan Dobrý): od dubna otevírá pobočku v Dubňanech",
               "• Spolek Naděje, z. s. (Mgr. Eva Krátká, Ivana Dlouhá) – služba má volné kapacity",
               "c) Domov Zahrada, p. o. (Bc. Věra Hálová) – zahajuje poskytování odlehčovací služby")
    assert pairs(rows) == {("Jan Dobrý", "speaker"), ("Eva Krátká", "speaker"), ("Ivana Dlouhá", "speaker"),
                           ("Věra Hálová", "speaker")}
    assert one(rows, "Eva Krátká", "speaker")["organisation"] == "Spolek Naděje"
    assert one(rows, "Věra Hálová", "speaker")["organisation"] == "Domov Zahrada"


def test_parentheses_after_an_organisation_without_a_report_give_no_role():
    assert run("Seznam kontaktů: Charita Hodonín (Bc. Jan Dobrý), Spolek Naděje (Mgr. Eva Krátká)") == []
    assert run("• Charita Hodonín (Bc. Jan Dobrý)") == []


def test_sentences_naming_the_groups_new_members():
    rows = run("Členy skupiny se nově stali Mgr. Tereza Horká (Charita Zlín) a Bc. Jan Kos, sociální pracovník.",
               "Ing. Ivana Lidická (Obec Lukov) se dnes stala novou členkou ŘS.",
               "Noví členové: Mgr. Petr Starý")
    assert pairs(rows) == {("Tereza Horká", "member"), ("Jan Kos", "member"), ("Ivana Lidická", "member"),
                           ("Petr Starý", "member")}
    assert one(rows, "Tereza Horká", "member")["organisation"] == "Charita Zlín"
    assert one(rows, "Ivana Lidická", "member")["organisation"] == "Obec Lukov"
    assert one(rows, "Jan Kos", "member")["organisation"] is None


def test_members_of_something_else_or_presented_by_someone_are_no_members():
    assert pairs(run("Mgr. Pavla Bílá představila nové členy klubu seniorů.")) == {("Pavla Bílá", "speaker")}
    assert run("Členové skupiny se shodli, že Mgr. Iva Malá připraví katalog.") == []
    assert run("Novým členem Rady města se stal Ing. Aleš Vrána.") == []


def test_speaker_with_apposition_names_the_organisation():
    rows = run("Ing. Jan Horák, ředitel organizace Domov Harmonie, p. o., informoval o rekonstrukci.")
    assert one(rows, "Jan Horák", "speaker")["organisation"] == "Domov Harmonie, p. o."


def test_presenters_in_parentheses_of_an_agenda_line_get_its_organisation():
    rows = run("## 3/ Spolek Naděje, z. s. – prezentace sociálně terapeutické dílny (p. Vacek, pí Lorencová):",
               "- dílna má kapacitu 12 klientů")
    assert pairs(rows) == {("Vacek", "speaker"), ("Lorencová", "speaker")}
    assert {r["organisation"] for r in rows} == {"Spolek Naděje"}


def test_firm_word_is_not_part_of_the_presenters_organisation():
    rows = run("2) Firma Analytika Plus, s.r.o. – představení analýzy potřeb (Ing. Hynek Bartoš, "
               "Mgr. Soňa Víchová)")
    assert {r["organisation"] for r in rows} == {"Analytika Plus"}
    assert {r["titles"] for r in rows} == {"Ing.", "Mgr."}


def test_signer_of_the_last_slide_is_a_speaker():
    rows = run("### Děkuji za pozornost", "Mgr. Ivana Šafránková")
    assert pairs(rows) == {("Ivana Šafránková", "speaker")}
    assert rows[0]["titles"] == "Mgr."


# --------------------------------------------------------------------------- not attendees


@pytest.mark.parametrize("lines", [
    ("Aktivita 2.1.1 Rozvoj dobrovolnictví", "R: Jana Nová"),
    ("Aktivita 3.1.2 Podpora zaměstnanosti", "- Sociální rehabilitace, Pí. Kratochvílová"),
    ("Termín: do 30. 6. 2023, odpovídá p. Slámová",),
    ("Kontaktní osoba: Mgr. Pavla Řezníčková, tel. 777 123 456",),
    ("Probační a mediační služba ČR nabízí spolupráci; kontaktní osobou je Mgr. Pavla Řezníčková.",),
    ("Sdružení KOPRETINA, z. s., IČ 27194211, se sídlem Lesní 12/4, Liberec 1, na službu chráněné bydlení.",),
    ("Charita Horní Lhota informovala o navýšení kapacity.",),
    ("Spolek se sídlem Jana Palacha 1145/12 informoval o stěhování.",),
    ("Krajský úřad Plzeňského kraje vyhlásil výzvu na rozvoj sociálních služeb.",),
    ("Místo jednání: Městský úřad Vsetín, Svárov 1080, Vsetín",),
    ("Publikoval(a) Bohuslava Marková · před 11 lety · 412 zobrazení",),
    ("S Mgr. Janou Malou projednala koordinátorka rozpis služeb.",),
    ("Přítomni: zástupci poskytovatelů a obcí ORP Liberec",),
])
def test_names_that_are_not_attendees(lines):
    assert run(*lines) == []


def test_task_owner_with_colon_inside_a_plan_item_is_no_speaker():
    result = Extraction()
    result.tables["activities"].append({"block_id": 0, "activity_no": "1.1.1", "title": "Rozvoj šatníku"})
    assert run("Aktivita 1.1.1 Rozvoj šatníku", "p. Nováková: zajistí prostory", result=result) == []
    assert pairs(run("Diskuse", "p. Nováková: prostory jsou zajištěny")) == {("Nováková", "speaker")}


# --------------------------------------------------------------------------- new layouts (dev5)


def test_a_column_headed_by_an_attendance_label_beside_an_organisation_column():
    rows = run("| Přítomni | Organizace |",
               "| MUDr. Vilém Koutný | Ambulance Horní Lhota |",
               "| Bc. Irma Slaninová, DiS. | Spolek Lipka, z. s. |")
    assert pairs(rows) == {("Vilém Koutný", "present"), ("Irma Slaninová", "present")}
    assert one(rows, "Irma Slaninová", "present")["organisation"] == "Spolek Lipka, z. s."


def test_a_label_beside_names_is_no_column_header():
    rows = run("| Přítomni | Mgr. Vilém Koutný, Bc. Irma Slaninová |",
               "| Omluveni | Ing. Olga Pátková |")
    assert pairs(rows) == {("Vilém Koutný", "present"), ("Irma Slaninová", "present"), ("Olga Pátková", "excused")}


def test_a_person_named_by_surname_takes_her_listed_full_name():
    rows = run("Přítomni: Mgr. Věra Holubcová (Spolek Úkryt), Bc. Jan Dráb",
               "Mgr. Holubcová zhodnotila zimní provoz noclehárny.",
               "J. Dráb informoval o novém projektu.")
    assert pairs(rows) == {("Věra Holubcová", "present"), ("Jan Dráb", "present"),
                           ("Věra Holubcová", "speaker"), ("Jan Dráb", "speaker")}
    assert one(rows, "Věra Holubcová", "speaker")["titles"] == "Mgr."


def test_a_surname_two_listed_persons_share_stays_as_written():
    rows = run("Přítomni: Mgr. Věra Holubcová, Ing. Petra Holubcová",
               "Mgr. Holubcová zhodnotila zimní provoz noclehárny.")
    assert ("Holubcová", "speaker") in pairs(rows)


def test_a_note_on_the_function_after_the_organisation_is_cut():
    rows = run("Přítomni:",
               "• Mgr. Zbyněk Hrách – Město Horní Lhota (místostarosta, předseda ŘS)",
               "• Bc. Klára Vaňková, DiS. – Městský úřad Horní Lhota (koordinátorka KPSS)",
               "• Ing. Rudolf Kos – Spolek Úkryt (z. s.)")
    assert one(rows, "Zbyněk Hrách", "present")["organisation"] == "Město Horní Lhota"
    assert one(rows, "Klára Vaňková", "present")["organisation"] == "Městský úřad Horní Lhota"
    assert one(rows, "Rudolf Kos", "present")["organisation"] == "Spolek Úkryt (z. s.)"


def test_a_chair_label_of_terse_minutes():
    rows = run("vede: Mgr. Hana Zubrová (koordinátorka KPSS)",
               "přítomni:",
               "- Mgr. Hana Zubrová - MěÚ Horní Lhota")
    assert one(rows, "Hana Zubrová", "chair")["titles"] == "Mgr."


def test_what_follows_the_organisation_name_is_cut():
    rows = run("Mgr. Ivo Kubec (Spolek Nový břeh, z. s., IČO 07103450) informoval o terapeutické komunitě.",
               "Přítomni:",
               "- Bc. Tomáš Lorek - Spolek Úkryt, z.ú. (CDZ Horní Lhota)",
               "Omluveni: Mgr. Iva Smetáková (MěÚ Horní Lhota, OSPOD), Bc. Ota Pavlík (Spolek Úkryt, z. s.)")
    assert one(rows, "Tomáš Lorek", "present")["organisation"] == "Spolek Úkryt, z.ú."
    assert one(rows, "Iva Smetáková", "excused")["organisation"] == "MěÚ Horní Lhota"
    assert one(rows, "Ivo Kubec", "speaker")["organisation"] == "Spolek Nový břeh, z. s."


def test_the_organisation_a_speaker_comes_from():
    rows = run("Výsledky představila PhDr. Klára Vondrušková ze společnosti Analytika Horní Lhota s.r.o., která "
               "šetření zpracovala.")
    assert one(rows, "Klára Vondrušková", "speaker")["organisation"] == "Analytika Horní Lhota s.r.o."


def test_the_organisation_after_a_function_in_a_group():
    rows = run("Jednání vedla:\tMgr. Klára Dolanská, vedoucí PS (Spolek Paleta, z. s.)")
    assert one(rows, "Klára Dolanská", "chair")["organisation"] == "Spolek Paleta, z. s."


def test_a_function_after_a_dash_is_no_part_of_the_organisation():
    rows = run("Přítomni: Mgr. Klára Benešová (Město Horní Lhota – koordinátorka KPSS), "
               "Jana Vrbová (Diakonie ČCE – středisko Horní Lhota)")
    assert one(rows, "Klára Benešová", "present")["organisation"] == "Město Horní Lhota"
    assert one(rows, "Jana Vrbová", "present")["organisation"] == "Diakonie ČCE – středisko Horní Lhota"


def test_a_description_after_a_dash_stays_part_of_the_organisation():
    rows = run("Přítomni: Mgr. Pavel Janoušek (Kompas – poradna pro rodinu)")
    assert one(rows, "Pavel Janoušek", "present")["organisation"] == "Kompas – poradna pro rodinu"


def test_a_surname_takes_the_full_name_of_a_table_listing_surname_first():
    rows = run("| Příjmení, jméno, titul | Organizace |",
               "| Šimková Ludmila, Bc. | Asistence Horní Lhota, z. ú. |",
               "4) Informace poskytovatelů",
               "• Bc. Šimková (Asistence Horní Lhota): od září byly přijaty 2 nové asistentky.")
    assert ("Šimková Ludmila", "speaker") in pairs(rows)


def test_a_surname_in_parentheses_after_an_organisation_reports():
    rows = run("Přítomni: Bc. Zdeněk Čapek – Domov Úkryt, p. o.; Ing. Libor Kratina – Charita Horní Lhota",
               "- Domov Úkryt (Čapek): kapacita domova pro seniory 92 lůžek",
               "- Charita Horní Lhota (Kratina): nová pobočka osobní asistence")
    assert ("Zdeněk Čapek", "speaker") in pairs(rows) and ("Libor Kratina", "speaker") in pairs(rows)


def test_abbreviated_attendance_labels_of_terse_minutes():
    rows = run("Přít.: L. Hrabalová (MěÚ, koord.), M. Zbranská (ÚP ČR)", "Omluv.: Mgr. A. Pustová (OSPOD)")
    assert pairs(rows) == {("L. Hrabalová", "present"), ("M. Zbranská", "present"), ("A. Pustová", "excused")}
