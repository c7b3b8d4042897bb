"""Document fields as more real minutes and plans write them (issue 15, class 18, the real10 and
real11 development sets): a title over three centred lines or under a dated page heading, a plan's
title under a publicity sentence or continued in lower case, a section label "Zápis" that is no
title, the place on its own line after a date line with times, a venue of another event, the
recorder in a point that appoints her, the next meeting by its number, the territory after "KPSS"
or named only in the body. Names, towns and numbers are invented."""

from __future__ import annotations

import duckdb

from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.extract.test_document_fields import fields


# --------------------------------------------------------------------------- title


def test_a_title_over_three_centred_lines_keeps_its_date_line():
    got = fields("Zápis", "z 4. jednání pracovní skupiny Rodina, konaného", "dne 7. března 2013",
                 "Přítomni: Jana Malá")
    assert got["title"] == "Zápis z 4. jednání pracovní skupiny Rodina, konaného dne 7. března 2013"


def test_a_dated_page_heading_yields_to_the_minutes_own_title():
    got = fields("# Zápis ze dne 3. 2. 2017", "Typ: ostatní",
                 "## Zápis z jednání pracovní skupiny Senioři konané dne 3.2.2017", "Přítomni: Jana Malá")
    assert got["title"] == "Zápis z jednání pracovní skupiny Senioři konané dne 3.2.2017"
    # alone, the dated heading stays the title; a sentence of the body about earlier minutes is none
    assert fields("# Zápis ze dne 3. 2. 2017", "Přítomni: Jana Malá")["title"] == "Zápis ze dne 3. 2. 2017"
    got = fields("# Zápis ze dne 3. 2. 2017", "Přítomni: Jana Malá", "Omluveni: Petr Dub", "Hosté: nikdo",
                 "Zápis z minulého jednání byl schválen bez připomínek.")
    assert got["title"] == "Zápis ze dne 3. 2. 2017"


def test_a_publicity_sentence_is_neither_title_nor_territory():
    got = fields("Tento projekt je spolufinancován Podleským krajem a Evropskou unií v rámci operačního programu.",
                 "Katalog záměrů", "Komunitní plán sociálních služeb na Lipovsku pro období 2015–2018",
                 "Zpracovatel: Centrum Lipová")
    assert got["title"] == "Katalog záměrů"
    assert got["planning_area"] == "Lipovsko"


def test_a_short_plan_title_goes_on_in_its_lower_case_line():
    got = fields("# AKČNÍ PLÁN", "## rozvoje sociálních služeb v Podleském kraji na rok 2021",
                 "Prováděcí plán střednědobého plánu")
    assert got["title"] == "AKČNÍ PLÁN rozvoje sociálních služeb v Podleském kraji na rok 2021"


def test_a_section_label_zapis_is_no_title_under_a_heading():
    got = fields("# 2. jednání Komise pro rodinu a seniory", "Orgán", "Komise pro rodinu a seniory",
                 "Zápis", "Jednání Komise proběhlo v zasedací místnosti č. 3 ÚMČ Lipová", "Přítomni: Jana Malá")
    assert got["title"] == "2. jednání Komise pro rodinu a seniory"


def test_a_numbered_chapter_heading_is_no_plan_title():
    got = fields("PLÁN SOCIÁLNÍCH SLUŽEB MĚSTA LIPOVÉ NA LÉTA 2024-2026", "Vážení spoluobčané,",
                 "předkládáme vám plán.", "# 1. Senioři", "Text kapitoly.", "# 2. Rodina", "Text kapitoly.")
    assert got["title"] == "PLÁN SOCIÁLNÍCH SLUŽEB MĚSTA LIPOVÉ NA LÉTA 2024-2026"


# --------------------------------------------------------------------------- location


def test_the_place_on_its_own_line_after_a_date_line_with_times():
    got = fields("# Záznam z 2. zasedání pracovní skupiny Senioři", "konaného dne 5. května 2015 od 9.00 do 11.00 hod.",
                 "v budově MěÚ Lipová, zasedací míst. č. 7", "Přítomni: Jana Malá")
    assert got["location"] == "budově MěÚ Lipová, zasedací míst. č. 7"


def test_the_venue_of_another_event_is_not_the_meetings():
    got = fields("# Zápis z jednání sociální komise ze dne 4. března 2014", "Účast: J. Malá, P. Dub",
                 "1. Den seniorů – komise připraví setkání seniorů, které se uskuteční 12. 5. 2014 v sále obecního úřadu.")
    assert got["location"] is None


# --------------------------------------------------------------------------- recorder, next meeting


def test_the_recorder_in_a_point_that_appoints_her():
    got = fields("Zápis z jednání řídicí skupiny, konané dne 3. května 2017", "Přítomni: dle prezenční listiny",
                 "Určení a schválení zapisovatele jednání: Marta Dubová",
                 "Určení a schválení ověřovatelů zápisu: Jan Lín a Eva Hrubá")
    assert got["recorded_by"] == "Marta Dubová"
    got = fields("# Zápis z jednání pracovní skupiny Senioři", "Program", "2. Schválení zapisovatele",
                 "3. Schválení programu")
    assert got["recorded_by"] is None


def test_the_recorder_on_the_line_under_sepsala():
    got = fields("# Zápis z jednání pracovní skupiny Rodina", "Datum: 2. 3. 2016", "Text.", "Sepsala:",
                 "Mgr. Hana Lípová", "referentka odboru sociálních věcí")
    assert got["recorded_by"] == "Hana Lípová"


def test_the_next_meeting_named_by_its_number():
    got = fields("# 5. jednání Komise pro rodinu", "Datum jednání", "12.4.2022", "Text.",
                 "6. jednání Komise pro rodinu se uskuteční dne 10.5.2022 od 16.00 hodin.")
    assert str(got["next_meeting_date"]) == "2022-05-10"
    got = fields("# Zápis z jednání sociální komise ze dne 4. 3. 2014",
                 "2. Setkání seniorů – akce se uskuteční 12. 5. 2014 v sále.")
    assert got["next_meeting_date"] is None


# --------------------------------------------------------------------------- planning_area


def test_a_town_after_kpss_is_the_territory():
    got = fields("# Zápis z jednání pracovní skupiny Senioři KPSS Lipová dne 4. 4. 2019", "Přítomni: Jana Malá")
    assert got["planning_area"] == "Lipová"


def test_a_region_named_only_in_the_body_is_the_territory():
    got = fields("# Zápis ze setkání pracovní skupiny Duševní zdraví dne 2. 2. 2022", "Přítomni: Jana Malá",
                 "Koordinátorka shrnula plnění aktivit v regionu Lipovska:", "• Aktivita 1.1 splněna.")
    assert got["planning_area"] == "Lipovsko"
    # a region only mentioned in passing names no territory
    got = fields("# Zápis ze setkání pracovní skupiny Duševní zdraví dne 2. 2. 2022", "Přítomni: Jana Malá",
                 "Na Lipovsku chybí chráněné bydlení.")
    assert got["planning_area"] is None


# --------------------------------------------------------------------------- a real file


def test_minutes_docx_with_a_three_line_title_and_a_place_line(tmp_path):
    """A real DOCX through the whole run: the title centred over three lines, the place on its own
    line after the date line with times, the recorder appointed in a point of the programme."""
    document = new_document()
    for line in ("Zápis", "z 2. jednání pracovní skupiny Senioři, konaného", "dne 9. března 2016 od 14.00 do 15.30 hod.",
                 "v budově MěÚ Lipová, zasedací místnost č. 5", "Přítomni: Mgr. Jana Malá, Ing. Petr Dub",
                 "Určení a schválení zapisovatele jednání: Eva Hrubá", "1. Úvod", "Vedoucí přivítala přítomné."):
        document.add_paragraph(line)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        row = db.execute("select title, meeting_date::varchar, location, recorded_by "
                         f"from '{tmp_path / 'out' / 'documents.parquet'}'").fetchone()
    assert row == ("Zápis z 2. jednání pracovní skupiny Senioři, konaného dne 9. března 2016 od 14.00 do 15.30 hod.",
                   "2016-03-09", "budově MěÚ Lipová, zasedací místnost č. 5", "Eva Hrubá")
