"""Attendees in constructions of real public minutes found in the third issue-15 round: the
organisation of a table row up to its legal form, the chair after a verb, the meeting or a
function and a comma, the name of a list piece before a comma and a function. Names, towns and
organisations are invented; each class ends with a run of the real pipeline over a real DOCX."""

from __future__ import annotations

from tests.extract.test_attendees_issue15 import docx_rows, pairs, rows_of, triples


# --------------------------------------------------------------------------- the organisation of a table row


def test_a_table_row_organisation_ends_at_its_legal_form_or_before_a_department():
    rows = rows_of("Přítomní členové PS:",
                   "| Ing. Alena Kubátová | Spolek Lípa, z. s. – NZDM Klub Vrabec |",
                   "| npor. Bc. Petr Hájek | Policie ČR, Obvodní oddělení Dolní Lhota |")
    assert triples(rows) >= {("Alena Kubátová", "present", "Spolek Lípa, z. s."),
                             ("Petr Hájek", "present", "Policie ČR")}


def test_a_table_row_organisation_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny Rodina", "Přítomní členové PS:"],
                      table=[("Ing. Alena Kubátová", "Spolek Lípa, z. s. – NZDM Klub Vrabec")], table_after=1)
    assert ("Alena Kubátová", "present", "Spolek Lípa, z. s.") in found


# --------------------------------------------------------------------------- the chair after a verb


def test_a_chair_after_coordinated_verbs_an_ordinal_the_meeting_or_a_comma():
    rows = rows_of("Zápis z jednání komise",
                   "Přítomni: Jan Malý, Eva Malá",
                   "Jednání zahájil a řídil 1. místopředseda komise Mgr. Roman Chlupáč, náměstek primátora.",
                   "Zasedání sociální komise zahájil a řídil předseda komise Ing. Jiří Houdek, který přivítal hosty.",
                   "Jednání bylo zahájeno v 9.10 hod. a řídila jej vedoucí pracovní skupiny, pí Mgr. Olga Hrubá.",
                   "Přítomné přivítala náměstkyně starosty obce Ing. Monika Nemčíková.")
    assert pairs(rows) >= {("Roman Chlupáč", "chair"), ("Jiří Houdek", "chair"), ("Olga Hrubá", "chair"),
                           ("Monika Nemčíková", "speaker")}
    assert ("Jiří Houdek", "speaker") not in pairs(rows)  # his relative clause adds no role


def test_a_name_after_a_verb_and_its_object_is_no_chair():
    rows = rows_of("Zápis z jednání komise",
                   "Pan Karel Malý zahájil jednání, Mgr. Jana Bílá informovala o rozpočtu.")
    assert ("Jana Bílá", "chair") not in pairs(rows)
    assert ("Jana Bílá", "speaker") in pairs(rows)


def test_a_chair_after_a_verb_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání komise", "Přítomni: Jan Malý, Eva Malá",
                                 "Zasedání komise zahájil a řídil předseda komise Ing. Jiří Houdek, který přivítal hosty."])
    assert ("Jiří Houdek", "chair", None) in found and not any(r[:2] == ("Jiří Houdek", "speaker") for r in found)


def test_a_name_after_a_verb_and_a_function_in_an_oblique_case_is_its_object():
    rows = rows_of("Zápis z jednání výboru",
                   "Přítomni: Ing. Karel Dub",
                   "Ing. Karel Dub přivítal hejtmana kraje, Ing. Jiřího Rozbouda a požádal ho o slovo.")
    assert not any(name.startswith("Jiří") and role == "speaker" for name, role in pairs(rows))


# --------------------------------------------------------------------------- the name of a list piece


def test_a_recorder_named_with_her_function_after_a_comma():
    rows = rows_of("Zápis z jednání sociální komise",
                   "Účast: Z. Dvorská, V. Málek",
                   "1. Organizace akce",
                   "Zapsala: Zdena Dvorská, předsedkyně sociální komise")
    assert ("Zdena Dvorská", "recorder") in pairs(rows)


def test_an_organisation_after_a_comma_is_no_person():
    rows = rows_of("Přítomni:", "• Ing. Ondřej Lis, Pohoda Lhota, z. ú.", "• Věra Malá, DiS., Dílna Sluníčko, z. s.")
    assert triples(rows) == {("Ondřej Lis", "present", "Pohoda Lhota, z. ú."),
                             ("Věra Malá", "present", "Dílna Sluníčko, z. s.")}


def test_a_recorder_with_her_function_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání sociální komise", "Účast: Z. Dvorská, V. Málek",
                                 "Zapsala: Zdena Dvorská, předsedkyně sociální komise"])
    assert ("Zdena Dvorská", "recorder", None) in found


# --------------------------------------------------------------------------- lines that go on with a list


def test_surnames_alone_and_a_sub_label_on_the_lines_under_a_label():
    rows = rows_of("Zápis z jednání pracovní skupiny Senioři",
                   "Přítomni:",
                   "Baxová, Berka, Čihák (3)",
                   "ŘS KPSS: R. Dudák, M. Němcová – 2 osoby",
                   "Omluveni:",
                   "Blažej, Hůlová",
                   "Hosté:",
                   "prof. Kovárna, doc. Tachecí")
    assert pairs(rows) == {("Baxová", "present"), ("Berka", "present"), ("Čihák", "present"),
                           ("R. Dudák", "present"), ("M. Němcová", "present"),
                           ("Blažej", "excused"), ("Hůlová", "excused"),
                           ("Kovárna", "guest"), ("Tachecí", "guest")}


def test_a_line_of_words_under_a_label_is_no_list_of_surnames():
    rows = rows_of("Zápis z jednání pracovní skupiny Senioři", "Přítomni:", "Jana Malá", "Program", "Úvod, Různé")
    assert pairs(rows) == {("Jana Malá", "present")}


def test_surnames_under_a_label_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny Senioři", "Přítomni:", "Baxová, Berka, Čihák (3)",
                                 "Za poskytovatele: R. Dudák, M. Němcová"])
    assert {(n, r) for n, r, _ in found} >= {("Baxová", "present"), ("Čihák", "present"), ("R. Dudák", "present")}


# --------------------------------------------------------------------------- the organisation of a list


def test_an_organisation_before_a_dash_belongs_to_every_name_of_the_list():
    rows = rows_of("Zápis z jednání pracovní skupiny",
                   "Hosté: z Policie ČR – plk. Mgr. Radek Kolínský a kpt. Mgr. Jana Kemlová",
                   "Přítomni: za Charitu Lhota – Jana Nová, Petr Malý")
    assert triples(rows) == {("Radek Kolínský", "guest", "Policie ČR"), ("Jana Kemlová", "guest", "Policie ČR"),
                             ("Jana Nová", "present", "Charita Lhota"), ("Petr Malý", "present", "Charita Lhota")}


def test_an_organisation_after_a_function_takes_its_nominative_and_a_label_is_none():
    rows = rows_of("Přítomni:",
                   "- Mgr. Alena Horká – ředitelka Domova pro seniory Lhotka",
                   "Hosté: Ing. Jiří Rozboud PhDr. Jan Závodný Program: 1. Kontrola usnesení")
    assert triples(rows) == {("Alena Horká", "present", "Domov pro seniory Lhotka"),
                             ("Jiří Rozboud", "guest", None), ("Jan Závodný", "guest", None)}


def test_an_organisation_before_a_dash_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny", "Přítomni: Jan Malý",
                                 "Hosté: z Policie ČR – plk. Mgr. Radek Kolínský a kpt. Mgr. Jana Kemlová",
                                 "- Mgr. Alena Horká – ředitelka Domova pro seniory Lhotka"])
    assert {("Radek Kolínský", "guest", "Policie ČR"), ("Jana Kemlová", "guest", "Policie ČR")} <= found


# --------------------------------------------------------------------------- labels without a colon, appointed recorders


def test_an_absence_after_a_comma_without_a_colon_and_an_appointed_recorder():
    rows = rows_of("Zápis z jednání komise",
                   "Přítomni: dle prezenční listiny přítomno 14 členů, omluven Tomáš Dušánek",
                   "Zapisovatelkou byla jmenována Hana Vágnerová.")
    assert pairs(rows) == {("Tomáš Dušánek", "excused"), ("Hana Vágnerová", "recorder")}


def test_a_flattened_list_with_a_qualified_label_and_a_given_name_after_a_name():
    rows = rows_of("Zápis z jednání pracovní skupiny",
                   "Přítomní členové PS: Ing. Michal Habr, vedoucí PS Ing. Karel Čvančar Iveta Hrubcová, "
                   "Ing. Jan Sváta, MPA Přítomní za ÚMČ: Radana Šimová, tajemnice ÚMČ")
    found = triples(rows)
    assert ("Karel Čvančar", "present", None) in found and ("Jan Sváta", "present", None) in found
    assert ("Radana Šimová", "present", "ÚMČ") in found


def test_an_absence_and_an_appointed_recorder_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání komise",
                                 "Přítomni: dle prezenční listiny přítomno 14 členů, omluven Tomáš Dušánek",
                                 "Zapisovatelkou byla jmenována Hana Vágnerová."])
    assert {("Tomáš Dušánek", "excused", None), ("Hana Vágnerová", "recorder", None)} <= found


# --------------------------------------------------------------------------- authors, signatures, functions


def test_an_author_cell_of_a_resolution_names_no_recorder():
    rows = rows_of("Usnesení č. 12/2019",
                   "| Předkládá: | Rada kraje |",
                   "| Zpracoval: | Ing. Radek Kalina, náměstek hejtmana |",
                   "Zastupitelstvo kraje schvaluje aktualizaci sítě sociálních služeb.")
    assert rows == []


def test_an_author_cell_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Usnesení č. 12/2019", "Zastupitelstvo kraje schvaluje aktualizaci sítě."],
                      table=[("Předkládá:", "Rada kraje"), ("Zpracoval:", "Ing. Radek Kalina, náměstek hejtmana")],
                      table_after=0)
    assert found == set()


# The body of minutes between their head and their signature (a signature closes the minutes).
_RESOLUTIONS = [line for n in range(1, 8) for line in (f"Usnesení č. {n}/07:", f"Výbor bere na vědomí informaci k bodu {n}.")]


def test_the_chair_signs_over_her_function():
    rows = rows_of("Zápis z 9. zasedání sociálního výboru",
                   "Mgr. Jana Vrbická doplnila program zasedání.",
                   *_RESOLUTIONS,
                   "Zasedání bylo ukončeno v 16.35 hodin.",
                   "Mgr. Jana Vrbická",
                   "předsedkyně sociálního výboru",
                   "Zapsala: Bc. Monika Zedná")
    assert pairs(rows) == {("Jana Vrbická", "speaker"), ("Jana Vrbická", "chair"), ("Monika Zedná", "recorder")}


def test_a_function_as_the_subject_of_a_verb_stands_for_its_one_holder():
    rows = rows_of("Zápis z valné hromady svazku obcí",
                   "přítomní zástupci obcí: Ing. Petr Šeda, Marie Kratochvílová",
                   "zasedání řídí: Ing. Petr Šeda, předseda svazku",
                   "• předseda svazku pozdravil přítomné a konstatoval, že je valná hromada usnášeníschopná",
                   "Starosta obce pozdravil přítomné.")
    assert ("Petr Šeda", "speaker") in pairs(rows)
    assert {role for name, role in pairs(rows) if name == "Marie Kratochvílová"} == {"present"}


def test_a_signing_chair_and_a_function_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z 9. zasedání sociálního výboru",
                                 "Přítomni: Ing. Petr Šeda, předseda výboru, Marie Kratochvílová",
                                 "Předseda výboru přivítal přítomné.", *_RESOLUTIONS,
                                 "Zasedání bylo ukončeno v 16.35 hodin.", "Mgr. Jana Vrbická",
                                 "předsedkyně sociálního výboru"])
    assert {("Petr Šeda", "speaker", None), ("Jana Vrbická", "chair", None)} <= found


# --------------------------------------------------------------------------- organisations written around a name


def test_an_organisation_after_a_function_and_a_comma_or_a_town_noun_in_lower_case():
    rows = rows_of("Realizační tým projektu:",
                   "• Bc. Tomáš Hrdý – facilitátor pracovních skupin, CpKP Horní Lhota",
                   "Pracovní skupina Senioři: Ing. Josef Trnčík (obec Lipovice), Mgr. Eva Horká, OSPOD MěÚ Lhota")
    assert triples(rows) == {("Tomáš Hrdý", "member", "CpKP Horní Lhota"),
                             ("Josef Trnčík", "member", "Obec Lipovice"), ("Eva Horká", "member", "MěÚ Lhota")}


def test_an_organisation_before_a_name_in_its_sentence():
    rows = rows_of("Zápis z jednání pracovní skupiny",
                   "Starosta obce Lipovice Ing. Jiří Burian sdělil, že obec vyčlení 2 byty. "
                   "Za Úřad práce ČR se jednání zúčastnila Ing. Jana Hladká, která informovala o dávkách.")
    assert triples(rows) == {("Jiří Burian", "speaker", "Obec Lipovice"),
                             ("Jana Hladká", "present", "Úřad práce ČR"),
                             ("Jana Hladká", "speaker", "Úřad práce ČR")}


def test_organisations_around_names_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny", "Přítomni: Jan Malý",
                                 "Starosta obce Lipovice Ing. Jiří Burian sdělil, že obec vyčlení 2 byty.",
                                 "Pracovní skupina Senioři: Ing. Josef Trnčík (obec Lipovice)"])
    assert {("Jiří Burian", "speaker", "Obec Lipovice"), ("Josef Trnčík", "member", "Obec Lipovice")} <= found


def test_guests_approved_in_a_sentence_by_the_attendance_sheet():
    rows = rows_of("Zápis z jednání pracovní skupiny",
                   "Vedoucí skupiny seznámila přítomné s programem. Schválení přítomných hostů dle prezenční listiny: "
                   "MUDr. Pavel Srbek, Ph. D., primář psychiatrického oddělení Nemocnice Lhota, a.s.; "
                   "Mgr. Zuzana Holubá, protidrogová koordinátorka Krajského úřadu Jihočeského kraje.")
    assert triples(rows) == {("Pavel Srbek", "guest", "Nemocnice Lhota, a.s."),
                             ("Zuzana Holubá", "guest", "Krajský úřad Jihočeského kraje")}


def test_guests_approved_in_a_sentence_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny", "Přítomni: dle prezenční listiny",
                                 "Schválení přítomných hostů dle prezenční listiny: MUDr. Pavel Srbek, Ph. D., "
                                 "primář Nemocnice Lhota, a.s.; Mgr. Zuzana Holubá, koordinátorka Krajského úřadu "
                                 "Jihočeského kraje."])
    assert {("Pavel Srbek", "guest", "Nemocnice Lhota, a.s."),
            ("Zuzana Holubá", "guest", "Krajský úřad Jihočeského kraje")} <= found


# --------------------------------------------------------------------------- presenters of agenda items


def _agenda_rows(*lines: str) -> set[tuple[str, str, str | None]]:
    """Run every relation (the agenda first) over hand-written lines; the attendees' triples."""
    from pipeline.extract import extract_document
    from tests.extract.blocks import blocks

    return triples(extract_document(blocks(*lines)).tables["attendees"])


def test_the_presenters_an_agenda_names_in_its_items():
    found = _agenda_rows("Zápis z jednání pracovní skupiny Senioři", "Přítomni: Jan Dub, Eva Malá", "Program:",
                         "1. Úvod", "2. Dotace na rok 2024 (Mgr. Petra Kudláčková, Poradna Kotva)",
                         "3. Informace z kraje – Bc. Jan Šimek",
                         "4. K zápisu z minulého jednání p. Konečná, p. Ing. Svátek",
                         "5. Spolupráce s Mgr. Evou Horkou", "6. Různé")
    assert {("Petra Kudláčková", "speaker", "Poradna Kotva"), ("Jan Šimek", "speaker", None),
            ("Konečná", "speaker", None), ("Svátek", "speaker", None)} <= found
    assert not any(name.startswith("Ev") and role == "speaker" for name, role, _ in found)


def test_the_presenter_of_an_agenda_item_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny Senioři", "Přítomni: Jan Dub, Eva Malá",
                                 "Program:", "1. Úvod", "2. Dotace na rok 2024 (Mgr. Petra Kudláčková, Poradna Kotva)",
                                 "3. Informace z kraje – Bc. Jan Šimek", "4. Různé"])
    assert {("Petra Kudláčková", "speaker", "Poradna Kotva"), ("Jan Šimek", "speaker", None)} <= found


def test_titles_after_a_name_without_their_last_dot_or_as_dsc():
    rows = rows_of("Zápis ze zasedání výboru",
                   "Přítomni: JUDr. Ing. Robert Sznurek, Ph.D, prof. MUDr. Josef Vymětal, DSc., Ing. Josef Závodský")
    titles = {r["name"]: r["titles"] for r in rows}
    assert titles == {"Robert Sznurek": "JUDr. Ing. Ph.D", "Josef Vymětal": "prof. MUDr. DSc.", "Josef Závodský": "Ing."}
