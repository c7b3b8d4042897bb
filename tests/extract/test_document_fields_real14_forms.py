"""Document fields of real14's failure classes, in general form (issue 15, session 12). Each
construction was seen on real pages (a group's or commission's page with the minutes further down,
a news report with a menu line and a date stamp, a city's page telling when its group last met);
names, towns and numbers here are invented.

1. Title: a page's main heading (the group's, commission's or page's name) with the page's own content
   under it and the minutes under a lower "Zápis …" heading; a site's menu line ("Úvod | O nás | …", or
   its items run together) is never the title.
2. Meeting date from prose: "se naposledy sešla 9. června 2021 v …" (a group's sentence, far down the
   page), "se dne 18. listopadu … uskutečnilo" (the year from the page's stamp), "Ve čtvrtek 2. prosince
   2010 proběhlo …" beating another body's later meeting ("projedná na svém jednání 13. prosince 2010").
3. Next meeting: "Poslední, 4. setkání pracovních skupin proběhne 16. prosince 2014".
4. Location: the place after the date of such a sentence; "proběhlo v rámci projektu" is no place.
5. Working group: "Zápis z jednání PRS 2 – senioři …" (a numbered abbreviation and a dash); the body
   that is the subject of "… se naposledy sešla …".
6. Planning area: a menu word ("Kontakt") is no area; a two-word town in the locative is put in the
   nominative as a whole ("ve Vysokém Mýtě" -> "Vysoké Mýto"); a region in the instrumental ("s …ským
   krajem") and an attendee's organisation in brackets are not the area.

One pipeline run over real HTML files (module fixture); each test reads its file's row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.extract.document_fields.area import ranked_areas
from pipeline.runner import RunOptions, run

PAGES = {
    # a commission's page: heading, tasks, members, file list, then the minutes under a lower heading
    "commission_page.html": "<p>Město Habrová | Město a úřad › Komise</p>"
                            "<h1>Komise pro rodinu a seniory</h1>"
                            "<ul><li>Posuzuje žádosti o dotace.</li><li>Připravuje koncepční materiály.</li></ul>"
                            "<p>Členové komise:</p><ol><li>Karel Lipový (předseda)</li><li>Jana Dubová (člen)</li></ol>"
                            "<h2>Zápis č. 3 z jednání komise pro rodinu a seniory ze dne 6. 3. 2024</h2>"
                            "<p>Místo: zasedací místnost MěÚ Habrová</p><p>Přítomni: Karel Lipový, Jana Dubová</p>"
                            "<p>Zapsala: Jana Dubová</p>",
    # a page of minutes: the plural heading, links, then one group's minutes under an h2
    "minutes_page.html": "<h1>Zápisy z jednání pracovních skupin</h1>"
                         "<p>V březnu se sešly pracovní skupiny komunitního plánování.</p>"
                         "<p>Níže jsou zápisy z jednání pracovních skupin.</p>"
                         "<p>Zápis z jednání PRS 1 03_03_2022</p><p>Zápis z jednání PRS 4 05_03_2022</p>"
                         "<h2>Zápis z jednání PRS 4 – rodiny s dětmi a mládež</h2>"
                         "<p>Datum jednání: 5. března 2022</p><p>Místo: klubovna MěÚ Lipník</p>"
                         "<p>Zapsal: Petr Habr</p>",
    # a news report: menu line, headline as a list item, stamp; the meeting "dne 9. října" without a year
    "news_report.html": "<p>Spolek pro plánování | Pobočka Lipník</p>"
                        "<p>Úvod | O nás | Projekty | Plánování služeb | Kontakty</p>"
                        "<p>2. Setkání pracovních skupin v rámci projektu „Plán služeb Lipníku“</p>"
                        "<p>Podrobnosti</p><p>20. 10. 2022 10:15</p>"
                        "<p>V rámci projektu „Aktualizace plánu služeb Lipníku“ se dne 9. října na půdě radnice "
                        "uskutečnilo druhé setkání všech pracovních skupin.</p>"
                        "<p>Závěrečné, 3. setkání pracovních skupin proběhne 24. listopadu 2022, kdy bude "
                        "představen návrh plánu.</p>",
    # a city's page: the coordination group's last meeting told far down, no dated head
    "city_page.html": "<p>Město Habrová | Sociální oblast</p>"
                      "<h1>Plánování sociálních služeb</h1>"
                      "<p>Plánování sociálních služeb je metoda, kterou město zjišťuje potřeby svých obyvatel.</p>"
                      "<h2>Pracovní skupiny</h2><ul><li>senioři,</li><li>rodiny s dětmi.</li></ul>"
                      "<h2>Koordinační skupina</h2>"
                      "<p>Koordinační skupina propojuje pracovní skupiny a vedení města.</p>"
                      "<h2>Z jednání koordinační skupiny</h2>"
                      "<p>Koordinační skupina se naposledy sešla 4. května 2022 v zasedací místnosti Městského "
                      "úřadu Habrová. Jednání řídila koordinátorka.</p>"
                      "<p>Habrová | Aktualizováno: 10. 5. 2022</p>",
    # a public hearing's report: the weekday's date first, another body's later meeting after it
    "hearing_report.html": "<p>Připomínkování plánu služeb</p>"
                           "<p>Ve středu 3. listopadu 2021 proběhlo v rámci projektu „Plánování ve Vysokém "
                           "Mýtě“ veřejné setkání k návrhu plánu.</p>"
                           "<p>Setkání, které proběhlo v Městské knihovně Habrová, se zúčastnili dva občané.</p>"
                           "<p>Řídící skupina připomínky projedná na svém jednání 15. listopadu 2021.</p>",
    # a project's report: header, menu run together, an attendee's town in brackets, a region consulted
    "project_report.html": "<p>Úvod Projekt Aktuality Katalog služeb Kontakt</p>"
                           "<h1>Zahájení přípravy sítě služeb</h1>"
                           "<p>Příprava zahrnuje konzultace s Habrovským krajem.</p>"
                           "<p>Úvodní setkání se uskutečnilo v úterý 8. března 2022 online. Za obce se setkání "
                           "zúčastnil p. Jan Kubů (Obec Lhotka).</p>"
                           "<p>Projekt Síť sociálních služeb Lipovska, reg. č. CZ.03.2.63/0.0/0.0/19_105/0012345</p>",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("fields_real14")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        (raw / name).write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    with duckdb.connect() as db:
        cursor = db.execute(f"select * from '{out / 'documents.parquet'}'")
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {Path(row["source_path"]).name: row for row in rows}


def test_a_pages_main_heading_over_its_content_and_the_minutes_is_the_title(documents):
    assert documents["commission_page.html"]["title"] == "Komise pro rodinu a seniory"
    assert documents["minutes_page.html"]["title"] == "Zápisy z jednání pracovních skupin"
    # the minutes under the page still give their fields
    assert str(documents["commission_page.html"]["meeting_date"]) == "2024-03-06"
    assert documents["commission_page.html"]["recorded_by"] == "Jana Dubová"


def test_a_menu_line_is_no_title(documents):
    assert documents["news_report.html"]["title"] == "2. Setkání pracovních skupin v rámci projektu „Plán služeb Lipníku“"


def test_a_meeting_day_without_a_year_takes_the_stamps_year(documents):
    assert str(documents["news_report.html"]["meeting_date"]) == "2022-10-09"


def test_a_numbered_meeting_inside_a_sentence_with_a_future_verb_is_the_next_meeting(documents):
    assert str(documents["news_report.html"]["next_meeting_date"]) == "2022-11-24"


def test_a_groups_last_meeting_told_far_down_dates_it_with_its_place_and_group(documents):
    row = documents["city_page.html"]
    assert str(row["meeting_date"]) == "2022-05-04"
    assert row["location"] == "zasedací místnosti Městského úřadu Habrová"
    assert row["working_group"] == "Koordinační skupina"


def test_the_held_weekday_date_beats_another_bodys_later_meeting(documents):
    row = documents["hearing_report.html"]
    assert str(row["meeting_date"]) == "2021-11-03"
    assert row["location"] == "Městské knihovně Habrová"  # "v rámci projektu" is no place


def test_a_numbered_group_abbreviation_and_dash_name_the_group(documents):
    assert documents["minutes_page.html"]["working_group"] == "rodiny s dětmi a mládež"


def test_menu_words_an_instrumental_region_and_an_attendees_town_are_no_area(documents):
    assert documents["project_report.html"]["planning_area"] == "Lipovsko"


@pytest.mark.parametrize(("text", "area"), [
    ("plánování ve Vysokém Mýtě", "Vysoké Mýto"),
    ("setkání v Novém Městě", "Nové Město"),
    ("služby v Dolním Hradišti", "Dolní Hradiště"),
    ("služby v Mnichově Hradišti", "Mnichovo Hradiště"),
    ("setkání v Českém Brodě", "Český Brod"),
])
def test_a_two_word_town_in_the_locative_is_put_in_the_nominative_as_a_whole(text, area):
    assert [found for _, found in ranked_areas(text)] == [area]
