"""Document-level fields: title, dates, place, group, area, recorders, project number.

The examples are written in the style of real KPSS minutes (varied wording,
order, formatting and date forms), with the negatives that trap a naive
reader: dates that are not the meeting's, a service's registration number,
a next meeting given as day.month. around the year end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.document_fields import extract
from pipeline.extract.document_fields.area import area_in
from pipeline.extract.document_fields.recorders import person_names
from pipeline.extract.nlp import nlp
from tests.extract.blocks import blocks


def fields(*lines: str, header: str | None = None, footer: str | None = None) -> dict:
    """Run the extractor over hand-written lines (see tests/extract/blocks.py), with an
    optional running header and footer."""
    body = blocks(*lines)
    page = []
    if header:
        page.append(BlockView(0, "paragraph", header, region="header"))
    body = [replace(b, block_id=b.block_id + len(page)) for b in body]
    if footer:
        body.append(BlockView(len(page) + len(body), "paragraph", footer, region="footer"))
    result = Extraction()
    extract([*page, *body], result)
    return result.fields


# --------------------------------------------------------------------------- title


def test_title_is_the_zapis_heading_not_the_running_header_or_emblem():
    got = fields("Evropská unie", "Evropský sociální fond",
                 "Rozvoj komunitního plánování ve Strakonicích",
                 "# Zápis z jednání pracovní skupiny Senioři ze dne 4. 6. 2019",
                 "Místo konání: Městský úřad Strakonice, zasedací místnost",
                 header="KOMUNITNÍ PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB – PS SENIOŘI")
    assert got["title"] == "Zápis z jednání pracovní skupiny Senioři ze dne 4. 6. 2019"


def test_bare_zapis_is_joined_with_its_next_line():
    got = fields("ZÁPIS", "z jednání řídicí skupiny KPSS Třeboňsko", "Datum: 12.12.2019")
    assert got["title"] == "ZÁPIS z jednání řídicí skupiny KPSS Třeboňsko"


def test_numbered_zapis_is_joined_with_its_next_line():
    got = fields("Zápis č. 7/2021", "z jednání pracovní skupiny Senioři na Lounsku", "Datum: 2. 2. 2021")
    assert got["title"] == "Zápis č. 7/2021 z jednání pracovní skupiny Senioři na Lounsku"
    got = fields("Zápis č. 7/2021", "Datum: 2. 2. 2021", "Přítomni: Jana Malá")
    assert got["title"] == "Zápis č. 7/2021"


def test_title_of_a_presentation_is_its_top_heading():
    got = fields("# Rodiny s dětmi", "## Transkript prezentace", "Pracovní skupina Rodiny s dětmi",
                 "Cíl 1 Podpora rodin", "Opatření 1.1 Rozvoj SAS")
    assert got["title"] == "Rodiny s dětmi"


def test_title_without_heading_style_is_the_first_real_line():
    got = fields("\t pracovní skupiny Senioři na Vimpersku", "konaného dne 3. dubna 2019 v DPS Vimperk")
    assert got["title"] == "pracovní skupiny Senioři na Vimpersku"


# --------------------------------------------------------------------------- meeting date


@pytest.mark.parametrize("lines, expected", [
    (("# Zápis", "Datum jednání: 15.2.2022", "Místo: MěÚ"), dt.date(2022, 2, 15)),
    (("# Záznam ze setkání", "Datum/čas.:   30. 8. 2017"), dt.date(2017, 8, 30)),
    (("# Zápis z jednání PS Senioři", "konaného dne 8. listopadu 2017 ve společenské místnosti"),
     dt.date(2017, 11, 8)),
    (("# Zápis", "Termín konání: úterý 5. března 2019, 14:00 hod."), dt.date(2019, 3, 5)),
    (("# Zápis", "Dne 3. října 2019 se v zasedací místnosti sešla pracovní skupina."), dt.date(2019, 10, 3)),
    (("# Zápis", "Pracovní skupina se sešla ve čtvrtek 12. září 2019 od 9 hodin."), dt.date(2019, 9, 12)),
    (("# Zápis z jednání PS Děti a rodina ze dne 29. března 2018", "Program:"), dt.date(2018, 3, 29)),
    (("# Zápis", "| Datum jednání | 15. února 2022, od 13,00 hod. |"), dt.date(2022, 2, 15)),
    (("# Zápis", "| Datum | Místo |", "| 7. 11. 2018 | radnice |"), dt.date(2018, 11, 7)),
    (("# Zápis ze schůzky", "Prostějov, 15. II. 2022"), dt.date(2022, 2, 15)),
    (("# Zápis", "Datum: 2021-06-30"), dt.date(2021, 6, 30)),
    (("# Zápis", "Datum jednání – 16. 9. 2020"), dt.date(2020, 9, 16)),
    (("# Zápis", "Datum konání:", "9. prosince 2019"), dt.date(2019, 12, 9)),
])
def test_meeting_date_forms(lines, expected):
    assert fields(*lines)["meeting_date"] == expected


def test_dates_of_other_events_are_not_the_meeting_date():
    got = fields(
        "# Zápis z jednání",
        "Datum: 30. 8. 2017",
        "Program:", "1. Úvod", "2. Informace",
        "Ad 1)",
        "- Krajský úřad vyhlásil výzvu v termínu od 31. 7. do 4. 8. 2017 na předložení záměrů.",
        "- Rada města Kolín usnesením č. 415/2017 ze dne 29. 8. 2017 souhlasila s rozšířením kapacity.",
        "Zapsala: Kateřina Vrbická",
        "Dne: 1. 9. 2017",
    )
    assert got["meeting_date"] == dt.date(2017, 8, 30)


def test_a_range_is_not_a_meeting_date():
    got = fields("# Zápis", "Období realizace je od 1.1.2018 do 31.12.2019.", "Zapsal: Jan Novák")
    assert got["meeting_date"] is None


def test_a_slide_deck_has_no_meeting_date():
    got = fields("# Osoby ohrožené sociálním vyloučením", "Pracovní skupina Osoby ohrožené sociálním vyloučením",
                 "Seznam členů", "Popis cílové skupiny", "Přehled služeb", "SWOT analýza", "Slabé stránky",
                 "Uskutečněné aktivity k naplnění opatření:",
                 "vyřízení registrace u KÚ 3. ledna 2011 ZAHÁJENÍ PROVOZU SLUŽBY")
    assert got["meeting_date"] is None


def test_signature_date_is_a_fallback():
    got = fields("# pracovní skupiny Senioři", "Přítomni: viz prezenční listina", "1/ Úvod", "2/ Diskuse",
                 "text", "text", "text", "text", "text", "V Jilemnici dne 8. listopadu 2017.", "Zapsala Leona Hájková.")
    assert got["meeting_date"] == dt.date(2017, 11, 8)


def test_date_of_writing_only_when_nothing_else():
    got = fields("# Zápis z jednání", "Přítomni: dle prezenční listiny", "Program:", "- Úvod", "- Různé",
                 "text", "text", "text", "text", "| Zapsala: | Kateřina Vrbická |", "| Dne: | 1. 9. 2017 |")
    assert got["meeting_date"] == dt.date(2017, 9, 1)


def test_previous_minutes_and_approval_dates_are_not_the_meeting_date():
    got = fields("# Zápis z jednání PS Senioři", "Zápis byl vyhotoven dne 20. 3. 2019.",
                 "Schválení zápisu z minulého jednání ze dne 12. 2. 2019", "Datum: 14. 3. 2019")
    assert got["meeting_date"] == dt.date(2019, 3, 14)


def test_task_deadline_near_the_top_is_not_the_meeting_date():
    got = fields("# Zápis", "Termín: 30. 6. 2019", "Zodpovídá: koordinátorka")
    assert got["meeting_date"] is None


# --------------------------------------------------------------------------- time


@pytest.mark.parametrize("line, expected", [
    ("Datum jednání: 15. února 2022, od 13,00 hod.", "13:00"),
    ("konaného dne 15.2.2021 od 15:00 hod.", "15:00"),
    ("Datum: 3. 5. 2022, 9:00–11:00 hod.", "09:00"),
    ("Pracovní skupina se sešla ve středu 24. listopadu 2021 v 8.30 hod. na radnici", "08:30"),
    ("Datum a čas: 13:00, 15. 2. 2022", "13:00"),
])
def test_meeting_time(line, expected):
    assert fields("# Zápis", line)["meeting_time"] == expected


def test_time_from_its_own_line_and_none_when_absent():
    assert fields("# Zápis", "Datum: 3. 5. 2022", "Čas: 14.30 – 16.00")["meeting_time"] == "14:30"
    assert fields("# Zápis", "Datum: 3. 5. 2022")["meeting_time"] is None


# --------------------------------------------------------------------------- location


@pytest.mark.parametrize("lines, expected", [
    (("# Zápis", "Místo jednání:\thistorická radnice, 1. patro, kancelář č. 202", "Datum: 30. 8. 2017"),
     "historická radnice, 1. patro, kancelář č. 202"),
    (("# Zápis", "Datum konání: 21. 9. 2022", "Místo konání: Komunitní centrum Kyjov, společenský sál"),
     "Komunitní centrum Kyjov, společenský sál"),
    (("# pracovní skupiny ke komunitnímu plánování", "konaného dne 8. listopadu 2017 ve společenské místnosti KD Lis"),
     "společenské místnosti KD Lis"),
    (("# Zápis", "Skupina se sešla 24. 11. 2021 od 14:00 hod. v zasedací místnosti MěÚ Hranice. Jednání vedla J. N."),
     "zasedací místnosti MěÚ Hranice"),
    (("# Zápis", "| Místo | Charita Písek, Čechova 12 |", "| Datum | 4. 4. 2019 |"), "Charita Písek, Čechova 12"),
    (("# Zápis", "Místo a čas: Městský úřad Kaplice, 8. listopadu 2017, 10 hod."), "Městský úřad Kaplice"),
    # a date-and-place label: the place is what is left after the date, weekday and time
    (("# Zápis", "Termín a místo konání: 2. 5. 2023, 9:30, Diakonie Vsetín, Palackého 8"),
     "Diakonie Vsetín, Palackého 8"),
    (("# Zápis", "Datum a místo: ve čtvrtek 6. června 2024 od 14 hod., klubovna Domu dětí"), "klubovna Domu dětí"),
    (("# Zápis", "Datum a místo jednání: 6. 6. 2024", "Přítomni: Jana Malá"), None),
])
def test_location(lines, expected):
    assert fields(*lines)["location"] == expected


def test_no_location_when_not_stated():
    got = fields("# Záznam z jednání 2. PS SENIOŘI", "| Datum jednání | 15. února 2022, od 13,00 hod. |",
                 "- bod jedna", "- bod dva", "Další jednání: 18. 3. 2022. Místo bude upřesněno.")
    assert got["location"] is None


# --------------------------------------------------------------------------- working group


@pytest.mark.parametrize("lines, header, expected", [
    (("# pracovní skupiny ke komunitnímu plánování na Jilemnicku", "konaného dne 8. 11. 2017",
      "Pracovní skupina – Osoby ohrožené sociálním vyloučením"), None, "Osoby ohrožené sociálním vyloučením"),
    (("# Zápis z jednání pracovní skupiny Senioři a osoby se zdravotním postižením ze dne 29. března 2018",),
     None, "Senioři a osoby se zdravotním postižením"),
    (("# Záznam z jednání 2. PS OBČANÉ OHROŽENÍ SOCIÁLNÍM VYLOUČENÍM",), None, "Občané ohrožení sociálním vyloučením"),
    (("# Zápis z jednání", "Datum: 30. 8. 2017"), "KOMUNITNÍ PLÁNOVÁNÍ REGIONU LIBEREC - ŘÍDICÍ PRACOVNÍ SKUPINA",
     "Řídicí pracovní skupina"),
    (("# Zápis z jednání Řídicí skupiny komunitního plánování města Bystřice",), None, "Řídicí skupina"),
    (("# Zápis č. 3/2020", "PS: Děti, mládež a rodina", "Datum: 1. 10. 2020"), None, "Děti, mládež a rodina"),
    (("# Zápis", "Pracovní skupina Rodina a děti se sešla dne 4. 5. 2021 v Nymburce."), None, "Rodina a děti"),
    (("# Zápis z jednání", "Datum: 4. 5. 2021"), "KPSS na Uherskobrodsku | PS Senioři", "Senioři"),
    (("# Zápis z jednání pracovní skupiny Senioři v Kyjově",), None, "Senioři"),
    (("# Zápis z jednání Komise pro sociální věci ze dne 5. 3. 2019",), None, "Komise pro sociální věci"),
])
def test_working_group(lines, header, expected):
    assert fields(*lines, header=header)["working_group"] == expected


def test_no_working_group_named():
    assert fields("# Zápis z veřejného projednání", "Datum: 4. 5. 2021")["working_group"] is None


def test_working_group_in_the_value_cell_of_a_form_table():
    got = fields("# ZÁPIS Z JEDNÁNÍ PRACOVNÍ SKUPINY", "| Pracovní skupina | Lidé v dluzích a bez domova |",
                 "| Datum a čas | 3. března 2025, 9:00 |", "| Vedoucí PS | Mgr. Jan Lipa |",
                 "Vedoucí PS přivítal členy a hosty.")
    assert got["working_group"] == "Lidé v dluzích a bez domova"


@pytest.mark.parametrize("line", ["Vedoucí PS přivítal členy a hosty.", "Členové PS schválili program.",
                                  "Koordinátorka PS poděkovala za účast."])
def test_a_sentence_about_the_group_names_no_group(line):
    assert fields("# ZÁPIS Z JEDNÁNÍ PRACOVNÍ SKUPINY", "Datum: 3. 3. 2025", line)["working_group"] is None


# --------------------------------------------------------------------------- planning area


@pytest.mark.parametrize("lines, header, expected", [
    (("# pracovní skupiny ke komunitnímu plánování sociálních služeb na Jilemnicku",), None, "Jilemnicko"),
    (("# Zápis z jednání", "Datum: 30. 8. 2017"), "KOMUNITNÍ PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB REGIONU LIBEREC - ŘPS",
     "Liberec"),
    (("Pokračování komunitního plánování sociálních služeb ORP Jindřichův Hradec", "# Zápis z jednání"), None,
     "ORP Jindřichův Hradec"),
    (("# Zápis z jednání Řídicí skupiny KPSS města Přerova",), None, "Přerov"),
    (("# Zápis z jednání", "Datum: 4. 5. 2021"), "Komunitní plánování sociálních služeb Kyjovska", "Kyjovsko"),
    (("# Rodiny s dětmi", "Seznam členů", "## Přehled služeb pro rodiny v Prostějově"), None, "Prostějov"),
    (("# Zápis ze setkání PS Senioři ve Vsetíně",), None, "Vsetín"),
    (("# Zápis ze setkání PS Senioři v Liberci",), None, "Liberec"),
    # a town after "Město"/"Obec" is already in the nominative
    (("Město Bystřice pod Hostýnem – komunitní plán", "# Zápis ze setkání PS Rodina"), None,
     "Bystřice pod Hostýnem"),
    (("OBEC VELKÁ BYSTŘICE", "Zápis z jednání pracovní skupiny Senioři"), None, "Velká Bystřice"),
])
def test_planning_area(lines, header, expected):
    assert fields(*lines, header=header)["planning_area"] == expected


def test_area_is_not_taken_from_an_attendance_table_typed_with_tabs():
    got = fields("Zápis z jednání PS Senioři", "Datum: 3. 3. 2023", "Seznam účastníků:",
                 "Jméno\tOrganizace\tÚčast", "Jan Dub\tMěsto Velké Meziříčí\tpřítomen",
                 "Eva Malá\tObec Lhota\tpřítomna")
    assert got["planning_area"] is None


def test_area_is_not_taken_from_attendance_or_a_single_deep_mention():
    got = fields("# Záznam z jednání 2. PS SENIOŘI", "Přítomni: Jana Nová (Charita Lhota), Petr Malý (Město Opava)",
                 "Datum: 15. 2. 2022", "- Cíl 1 Zachovat kapacitu", "R: Charita Lhota",
                 "Spolupráce s nemocnicí v Ostravě je dobrá.")
    assert got["planning_area"] is None


@pytest.mark.parametrize("text, expected", [
    ("komunitní plánování na Přerovsku", "Přerovsko"),
    ("služeb v Jindřichově Hradci", "Jindřichův Hradec"),
    ("jednání v Hranicích", "Hranice"),
    ("setkání v Brně", "Brno"),
    ("plán města Liberce", "Liberec"),
    ("v rámci projektu", None),
])
def test_locative_and_genitive_to_nominative(text, expected):
    assert area_in(text) == expected


# --------------------------------------------------------------------------- recorders


@pytest.mark.parametrize("lines, expected", [
    (("# Zápis", "Zapsala Leona Hájková."), "Leona Hájková"),
    (("# Zápis", "Zapsal(a): Bc. Marek Pokorný"), "Marek Pokorný"),
    (("# Zápis", "Zapsala Kubištová Dana, Lucie Havrdová"), "Kubištová Dana, Lucie Havrdová"),
    (("# Zápis", "| Zapsala: | Kateřina Vrbická |", "| Dne: | 1. 9. 2017 |"), "Kateřina Vrbická"),
    (("# Zápis", "Zapsala:\tMgr. Hana Kolářová, koordinátorka KPSS"), "Hana Kolářová"),
    (("# Zápis", "Zapisovatelka: Jarmila Šustková, DiS.", "Ověřila: Mgr. Lenka Vavříková"), "Jarmila Šustková"),
    (("# Zápis", "Zápis provedl: Ing. Tomáš Vrba, Dne: 17.2.2021"), "Tomáš Vrba"),
    (("# Zápis", "Zapsal: Petr Novák", "text", "Zapsala: Eva Malá"), "Petr Novák, Eva Malá"),
    # verbs joined into one label, one of them a recorder's
    (("# Zápis", "Připravila a zapsala:\tMgr. Olga Krejčí, manažerka KPSS"), "Olga Krejčí"),
    (("# Zápis", "text", "Zapsal(a) a ověřil(a): Bc. Radim Tichý"), "Radim Tichý"),
    (("# Zápis", "Zpracoval, zapsal: Jan Horák", "Dne 3. 3. 2023"), "Jan Horák"),
    (("# Zápis", "Schválil a podepsal: Ing. Petr Kos"), None),
    (("# Zápis", "Projednala a doporučila: pracovní skupina Senioři"), None),
])
def test_recorded_by(lines, expected):
    assert fields(*lines)["recorded_by"] == expected


def test_no_recorder_when_the_minutes_name_none():
    got = fields("# Zápis z jednání", "Akční plán byl zpracován na období 2015–2017.", "Bc. Jan Hrubec")
    assert got["recorded_by"] is None


def test_person_names_drop_titles_and_functions():
    value = "PhDr. Iva Mrázková, Ph.D. (Otevřené dveře), p. Jan Dvořák a Mgr. Eva Malá"
    assert person_names(nlp()(value), 0, len(value)) == ["Iva Mrázková", "Jan Dvořák", "Eva Malá"]


# --------------------------------------------------------------------------- next meeting


@pytest.mark.parametrize("lines, expected", [
    (("# Zápis", "Datum jednání: 15. února 2022", "Další PS: 18. 3. od 9,30"), dt.date(2022, 3, 18)),
    (("# Zápis", "Datum: 30. 8. 2017", "text",
      "Další jednání ŘPS je naplánováno na úterý 17. 10. 2017 v 16:00 hod."), dt.date(2017, 10, 17)),
    (("# Zápis", "Datum: 24. 11. 2021", "Příští setkání: 12. 1. ve 14 hod."), dt.date(2022, 1, 12)),
    (("# Zápis", "Datum: 3. 12. 2019", "Termín dalšího jednání:", "14. ledna"), dt.date(2020, 1, 14)),
    (("# Zápis", "Datum: 3. 5. 2022", "Příští setkání pracovní skupiny je naplánováno na 6. září 2022."),
     dt.date(2022, 9, 6)),
])
def test_next_meeting(lines, expected):
    assert fields(*lines)["next_meeting_date"] == expected


def test_a_call_deadline_or_an_unset_date_is_not_the_next_meeting():
    got = fields("# Zápis", "konaného dne 8. listopadu 2017",
                 "- MAS Pojďte dál! Vyhlásí 14.11. výzvu na sociální bydlení",
                 "Termín příštího jednání bude upřesněn e-mailem.",
                 "Zapsala: Leona Hájková, 10. 11. 2017")
    assert got["next_meeting_date"] is None


def test_next_meeting_without_a_year_and_without_a_meeting_date_is_left_out():
    assert fields("# Zápis", "Další schůzka: 18. 3.")["next_meeting_date"] is None


# --------------------------------------------------------------------------- project registration number


def test_project_number_from_the_footer():
    got = fields("# Zápis", "Zapsala Leona Hájková.",
                 footer="Registrační číslo projektu: CZ.03.4.74/0.0/0.0/16_033/0003005")
    assert got["project_reg_no"] == "CZ.03.4.74/0.0/0.0/16_033/0003005"


def test_project_number_in_the_body_and_in_running_text():
    got = fields("registrační číslo: CZ.03.2.63/0.0/0.0/16_063/0006571", "# Zápis z jednání")
    assert got["project_reg_no"] == "CZ.03.2.63/0.0/0.0/16_063/0006571"
    got = fields("# Zápis", "Plánování je podpořeno z projektu „X“, reg. č. CZ.03.2.63/0.0/0.0/19_109/0016543, "
                 "financovaného z ESF.")
    assert got["project_reg_no"] == "CZ.03.2.63/0.0/0.0/19_109/0016543"


def test_a_service_registration_number_is_not_a_project_number():
    got = fields("# Zápis", "- Sdružení KOPRETINA, z. s., IČ 27194211, na službu chráněné bydlení, "
                 "číslo registrace 7412093, s kapacitou 3 lůžek.", "- č. registrace 3159024")
    assert got["project_reg_no"] is None


# --------------------------------------------------------------------------- the whole


def test_every_field_is_set_and_absent_ones_are_none():
    got = fields("# Osoby ohrožené sociálním vyloučením", "Bc. Jan Hrubec")
    assert set(got) >= {"title", "meeting_date", "location", "working_group", "planning_area", "recorded_by",
                        "next_meeting_date", "project_reg_no"}
    assert got["title"] == "Osoby ohrožené sociálním vyloučením"
    assert all(got[k] is None for k in ("meeting_date", "location", "recorded_by", "next_meeting_date",
                                        "project_reg_no"))


def test_empty_document():
    result = Extraction()
    extract([], result)
    assert result.fields["title"] is None and result.fields["meeting_date"] is None


def test_termin_at_the_top_is_the_meeting_date():
    got = fields("# Zápis ze setkání pracovní skupiny Senioři", "Termín: 5. 3. 2019, 10:00 hod.",
                 "Místo: DPS Kaplice")
    assert got["meeting_date"] == dt.date(2019, 3, 5)
    assert got["meeting_time"] == "10:00"


def test_fields_laid_out_in_a_head_table():
    got = fields("# ZÁPIS z jednání PS Senioři", "| Datum: | 5. 3. 2019 | Čas: | 13:30 |",
                 "| Místo: | Klub seniorů Kaplice | Zapisovatel: | Jana Nová |",
                 "Program:", "- Úvod", "- Různé", "| Datum příštího jednání: | 2. 4. 2019 |")
    assert (got["meeting_date"], got["meeting_time"], got["location"], got["recorded_by"], got["next_meeting_date"]) \
        == (dt.date(2019, 3, 5), "13:30", "Klub seniorů Kaplice", "Jana Nová", dt.date(2019, 4, 2))


def test_next_meeting_cell_is_not_the_meeting_date():
    got = fields("# Zápis z jednání PS Senioři", "| Termín dalšího jednání: | 2. 4. 2019 |")
    assert got["meeting_date"] is None
    assert got["next_meeting_date"] == dt.date(2019, 4, 2)


def test_a_title_wrapped_over_two_headings_is_joined():
    got = fields("# Zápis z jednání pracovní skupiny Osoby ohrožené sociálním", "# vyloučením ze dne 29. března 2018",
                 "Místo konání: MěÚ Nové Hrady")
    assert got["title"] == "Zápis z jednání pracovní skupiny Osoby ohrožené sociálním vyloučením ze dne 29. března 2018"
    assert got["working_group"] == "Osoby ohrožené sociálním vyloučením"


def test_steering_group_named_only_in_the_next_meeting_line():
    got = fields("Zápis z jednání", "Datum: 30. 8. 2017", "text", "Další jednání ŘPS je naplánováno na 17. 10. 2017.")
    assert got["working_group"] == "Řídicí pracovní skupina"


def test_a_meeting_cue_after_another_body_s_name_and_a_head_after_a_web_menu():
    from pipeline.extract import extract_document
    from pipeline.extract.model import BlockView

    lines = ["Úvodní stránka", "Městský úřad", "Sociální služby", "Komunitní plánování", "Katalog poskytovatelů",
             "Zápisy z jednání", "Plán rozvoje", "Kontakty", "Úřední deska", "Aktuality", "Kalendář akcí",
             "Zápis č. 4/2023 z jednání Komise sociální a zdravotní",
             "Komise Rady města Horní Lhota – jednání dne 12. 6. 2023 v zasedací místnosti radnice",
             "Záznam vyhotovila: Bc. Lucie Marková"]
    fields = extract_document([BlockView(i, "paragraph", t) for i, t in enumerate(lines)]).fields
    assert str(fields["meeting_date"]) == "2023-06-12"
    assert fields["location"] == "zasedací místnosti radnice"
    assert fields["recorded_by"] == "Lucie Marková"


def test_a_group_name_ends_before_its_territory_phrase():
    got = fields("# Záznam z 2. setkání pracovní skupiny Senioři a osoby se zdravotním postižením v územním "
                 "obvodu ORP Nová Paka", "Datum: 3. 5. 2021")
    assert got["working_group"] == "Senioři a osoby se zdravotním postižením"
    assert got["planning_area"] == "ORP Nová Paka"


@pytest.mark.parametrize("label", ["Ověřil i zapsal:", "Zpracovala/zapsala:", "Připravil(a), zapsal(a):"])
def test_recorder_after_verbs_joined_into_one_label(label):
    got = fields("# Zápis", "Datum: 3. 5. 2021", *["text"] * 8, f"{label} Jana Malá")
    assert got["recorded_by"] == "Jana Malá"


def test_fields_read_the_layout_of_the_annotated_document():
    """The relation reads the layout kept in the annotated document (built once), not a copy."""
    from pipeline.extract import annotate
    from pipeline.extract.layout import layout_of

    document = annotate(blocks("# Zápis z jednání PS Senioři", "Místo konání: radnice", "Zapsala: Jana Malá"))
    layout = layout_of(document)
    result = Extraction()
    extract(document, result)
    assert layout_of(document) is layout and result.fields["location"] == "radnice"
