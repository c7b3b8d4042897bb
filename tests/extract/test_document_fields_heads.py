"""Document fields of minutes' heads and plans' title pages as real ones write them (issue 15,
failure class 18, second pass): a plan's approval line dates no meeting, a date stamp over a
plan's title is no title, a time under "Časové rozvržení:", a venue ending its sentence with a
short word. Names, towns and numbers are invented."""

from __future__ import annotations

import duckdb

from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.extract.test_document_fields import fields


def test_a_plan_approved_by_the_council_has_no_meeting_date():
    got = fields("Akční plán rozvoje sociálních služeb města Lipová na rok 2021",
                 "Zpracoval: Odbor sociálních věcí",
                 "Schváleno usnesením Zastupitelstva města Lipová dne 14. 12. 2020")
    assert got["meeting_date"] is None


def test_a_date_stamp_over_a_plan_is_not_its_title():
    got = fields("květen 2011", "Komunitní plán sociálních služeb ve správním obvodu obce Lipová")
    assert got["title"] == "Komunitní plán sociálních služeb ve správním obvodu obce Lipová"
    got = fields("03/2020", "Střednědobý plán rozvoje sociálních služeb Lipovska")
    assert got["title"] == "Střednědobý plán rozvoje sociálních služeb Lipovska"


def test_the_time_under_a_schedule_label():
    got = fields("PRACOVNÍ SKUPINA SENIOŘI", "Zápis setkání", "Termín konání: čtvrtek 10. 10. 2013",
                 "Časové rozvržení: 9:30 – 11:30", "Místo konání: Městský úřad Lipová, zasedací místnost 111")
    assert got["meeting_time"] == "09:30"


def test_a_venue_ending_its_sentence_loses_the_full_stop_an_abbreviation_keeps_it():
    got = fields("Zářijové zasedání Rady seniorů",
                 "Zasedání Rady seniorů se uskutečnilo v úterý 30. září 2015 od 09.30 hod. v malém sále kina Lipka na nám. Míru.")
    assert got["location"] == "malém sále kina Lipka na nám. Míru"
    got = fields("# Zápis", "Místo konání: klubovna DPS, Horní nám.", "Datum: 1. 2. 2020")
    assert got["location"] == "klubovna DPS, Horní nám."


def test_a_plan_title_page_docx_through_the_whole_run(tmp_path):
    """A real DOCX title page of an action plan: a date stamp above the title, the author and the
    approval line below; the plan states no meeting."""
    document = new_document()
    document.add_paragraph("prosinec 2020")
    document.add_heading("Akční plán rozvoje sociálních služeb města Lipová na rok 2021", level=1)
    document.add_paragraph("Zpracoval: Odbor sociálních věcí MěÚ Lipová")
    document.add_paragraph("Schváleno usnesením Zastupitelstva města Lipová č. 12/2020 dne 14. 12. 2020")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        title, meeting_date = db.execute(
            f"select title, meeting_date from '{tmp_path / 'out' / 'documents.parquet'}'").fetchone()
    assert title == "Akční plán rozvoje sociálních služeb města Lipová na rok 2021"
    assert meeting_date is None


def test_a_region_in_a_title_written_in_capitals():
    got = fields("STŘEDNĚDOBÝ PLÁN ROZVOJE SOCIÁLNÍCH SLUŽEB LIPOVSKA NA OBDOBÍ 2022–2024", "Obsah")
    assert got["planning_area"] == "Lipovsko"
    got = fields("KOMUNITNÍ PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB NA LIPOVSKU", "# Zápis z jednání PS Senioři",
                 "Datum: 3. 4. 2018")
    assert got["planning_area"] == "Lipovsko"


def test_a_location_label_inside_a_flattened_transcript_page():
    got = fields("1 Projekt Plánování na Lipovsku, reg. č.: CZ.03.2.63/0.0/0.0/ Záznam z 3. setkání pracovní "
                 "skupiny Rodina v ORP Lipová Místo: Městský úřad Lipová, zasedací místnost č. 7 ze dne ) Úvod "
                 "Koordinátorka paní Jana Malá přivítala přítomné členy pracovní skupiny.")
    assert got["location"] == "Městský úřad Lipová, zasedací místnost č. 7"
    got = fields("# Zápis z jednání PS Senioři", "Datum: 3. 4. 2018", "Přítomni: Jana Malá",
                 "Paní Malá uvedla, že nové místo: Lipová je vhodné.")
    assert got["location"] is None


def test_a_flattened_transcript_page_html_through_the_whole_run(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>Zápis</title></head><body><h1>Pracovní skupina Senioři</h1>"
            "<p>1 PRACOVNÍ SKUPINA SENIOŘI Zápis setkání Termín konání: čtvrtek 10. 10. 2019 Časové rozvržení: "
            "9:30 11:30 Místo konání: budova Městského úřadu Lipová, Horní nám. 3 zasedací místnost 111 "
            "PROGRAM: 1. Přivítání 2. Různé</p></body></html>")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.html").write_text(page, encoding="utf-8")
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        (location,) = db.execute(f"select location from '{tmp_path / 'out' / 'documents.parquet'}'").fetchone()
    assert location == "budova Městského úřadu Lipová, Horní nám. 3 zasedací místnost 111"
