"""Agenda items and document fields in constructions of real minutes and reports found on the
development set real13 (session 11): a programme written as one sentence of points ("Bod 1. - …,
Bod 2. - … a Bod 3. - …"); a typed "1) … 5)" programme after "… seznámila přítomné s návrhem
programu:" below a typed attendance list of the same form; a page that lists a group's meetings
("1. setkání …" headings with links "Zápis z 1. jednání …"), which has no programme and whose title
is its heading; a title centred over several capitalised lines, and over a "konané dne …" line; a
level legend ("Názvy hierarchických úrovní: …") that is no title; a date on the second line of a
letter-spaced title; a report's publication stamp or dateline under which the meeting is dated by
weekday; a place after the verb of holding; a possessive adjective that is no town; the next
meeting with an adjective ("Příští řádná schůze"); a byline "Zpracovala Horáková". Names, towns and
numbers are invented; each test runs the real pipeline over a real DOCX or HTML file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from tests.docx_factory import new_document, run_docx, run_html, table_rows


def items(out: Path) -> list[tuple[int, str]]:
    return sorted(table_rows(out, "agenda_items", "item_no", "title"))


def fields(out: Path) -> dict:
    return pd.read_parquet(out / "documents.parquet").iloc[0].to_dict()


def _sub(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def _paragraphs(*texts: str):
    document = new_document()
    for text in texts:
        document.add_paragraph(text)
    return document


def test_programme_written_as_one_sentence_of_points(tmp_path):
    """"Bod 1. - …, Bod 2. - … a Bod 3. - …." in the paragraph that proposes the order of business:
    three items; the "K bodu 1 - …" heads further down are their discussion, no second agenda."""
    out = run_docx(tmp_path, _paragraphs(
        "Zápis", "z mimořádné schůze sociálního výboru Zastupitelstva města Lipová", "konané dne 9. října 2023",
        "Přítomni: viz prezenční listina", "Schůzi výboru zahájila v 15.00 předsedkyně výboru Olga Hrubá.",
        "V úvodu navrhla ke schválení pořad mimořádné schůze. Bod 1. - Rozpočet sociálních služeb na rok 2024, "
        "Bod 2. - Informace předsedkyně a Bod 3. - Různé.",
        "Návrh pořadu byl schválen (6 členů pro).",
        "K bodu 1 - Rozpočet sociálních služeb na rok 2024. Tajemník výboru předložil návrh rozpočtu.",
        "K bodu 2 - Informace předsedkyně. Předsedkyně informovala o jednání rady.",
        "K bodu 3 - Různé. Bez připomínek."))
    assert items(out) == [(1, "Rozpočet sociálních služeb na rok 2024"), (2, "Informace předsedkyně"), (3, "Různé")]


def test_typed_programme_after_a_proposal_sentence_below_a_typed_attendance_list(tmp_path):
    """The attendance list and the programme are both typed "1) …"; the programme is the list after
    "Předsedající seznámila přítomné s návrhem programu:", not the names."""
    out = run_docx(tmp_path, _paragraphs(
        "ZÁPIS", "Z USTAVUJÍCÍHO JEDNÁNÍ", "ŘÍDÍCÍ SKUPINY KOMUNITNÍHO PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB NA LIPOVSKU",
        "3. ŘÍJNA 2022", "Přítomní členové řídící skupiny (viz presenční listina):",
        *[f"{n}) {name}" for n, name in enumerate(["Mgr. Olga Hrubá", "Ing. Pavel Sýkora", "Jana Malinová",
                                                   "Bc. Tomáš Bednář, DiS.", "Mgr. Eva Kulhavá",
                                                   "Petr Šindelář"], start=1)],
        "ZAHÁJENÍ", "Koordinátorka Mgr. Olga Hrubá ujala předsednictví a zahájila jednání.",
        "SCHVÁLENÍ PROGRAMU", "Předsedající seznámila přítomné s návrhem programu:",
        "1) Zahájení", "2) Volba předsedy ŘS", "3) Jednací řád ŘS", "4) Síť sociálních služeb na rok 2023", "5) Různé",
        "Program byl schválen (pro 6, proti 0, zdržel se 0).",
        "VOLBA PŘEDSEDY ŘS", "Předsedou ŘS byl zvolen Ing. Pavel Sýkora (pro 5, proti 0, zdržel se 1).",
        "JEDNACÍ ŘÁD ŘS", "Jednací řád ŘS byl schválen bez připomínek (pro 6, proti 0, zdržel se 0).",
        "SÍŤ SOCIÁLNÍCH SLUŽEB NA ROK 2023",
        "Bc. Tomáš Bednář, DiS. představil žádost o navýšení kapacity pečovatelské služby o 1 úvazek.",
        "Mgr. Eva Kulhavá informovala, že domov pro seniory sníží kapacitu z 80 na 76 lůžek v souvislosti s "
        "rekonstrukcí a zároveň zřídí oddělení se zvláštním režimem s kapacitou 12 lůžek.",
        "ŘS doporučuje obě změny radě města ke schválení (pro 6, proti 0, zdržel se 0).",
        "RŮZNÉ", "Příští jednání ŘS se uskuteční 5. prosince 2022 v 9.00 hodin.", "Zapsala: Jana Malinová"))
    assert items(out) == [(1, "Zahájení"), (2, "Volba předsedy ŘS"), (3, "Jednací řád ŘS"),
                          (4, "Síť sociálních služeb na rok 2023"), (5, "Různé")]


def test_a_title_centred_over_three_capitalised_lines(tmp_path):
    """"ZÁPIS" / "Z USTAVUJÍCÍHO JEDNÁNÍ" / "ŘÍDÍCÍ SKUPINY … NA LIPOVSKU": one title (the date line under
    it is not part of it)."""
    out = run_docx(tmp_path, _paragraphs(
        "ZÁPIS", "Z USTAVUJÍCÍHO JEDNÁNÍ", "ŘÍDÍCÍ SKUPINY KOMUNITNÍHO PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB NA LIPOVSKU",
        "3. ŘÍJNA 2022", "Přítomní členové řídící skupiny (viz presenční listina):", "1) Mgr. Olga Hrubá",
        "2) Ing. Pavel Sýkora", "Koordinátorka Mgr. Olga Hrubá zahájila jednání."))
    assert fields(out)["title"] == ("ZÁPIS Z USTAVUJÍCÍHO JEDNÁNÍ ŘÍDÍCÍ SKUPINY KOMUNITNÍHO PLÁNOVÁNÍ "
                                    "SOCIÁLNÍCH SLUŽEB NA LIPOVSKU")


def test_a_page_listing_a_groups_meetings_has_no_agenda_and_its_heading_is_the_title(tmp_path):
    """"1. setkání řídící skupiny", "2. jednání pracovní skupiny – 21. 9. 2020": each heading names a
    meeting, no programme item; the links "Zápis z 1. jednání …" are no title either."""
    out = run_html(tmp_path, "<h1>Pracovní skupina Rodina a děti</h1>"
                   "<p>Úlohou pracovní skupiny je mapovat potřeby rodin na Lipovsku.</p>"
                   "<h3>1. jednání pracovní skupiny – 14. 9. 2020</h3>"
                   "<p>Dne 14. 9. 2020 se uskutečnilo 1. setkání pracovní skupiny. Členové byli seznámeni s harmonogramem.</p>"
                   "<p><a href='z1.pdf'>Zápis z 1. jednání pracovní skupiny</a></p>"
                   "<h3>2. jednání pracovní skupiny – 20. 9. 2021</h3>"
                   "<p>Dne 20. 9. 2021 se uskutečnilo 2. setkání pracovní skupiny. Byla projednána SWOT analýza.</p>"
                   "<p><a href='z2.pdf'>Zápis z 2. jednání pracovní skupiny</a></p>")
    assert items(out) == []
    assert fields(out)["title"] == "Pracovní skupina Rodina a děti"


def test_a_level_legend_is_no_title_and_a_regional_plan_names_its_region(tmp_path):
    """A strategy database's table view: the legend line "Názvy hierarchických úrovní: …" above the
    table is a field, the table's title cell is the title; its region in the genitive is the area."""
    document = new_document()
    document.add_paragraph("Názvy hierarchických úrovní: 1 „Priorita“, 1.1 „Opatření“")
    table = document.add_table(rows=3, cols=2)
    title = table.cell(0, 0).merge(table.cell(0, 1))
    title.text = "Střednědobý plán rozvoje sociálních služeb Zlínského kraje 2024–2026"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Stabilita sítě sociálních služeb."
    table.cell(2, 0).text = "1.1"
    table.cell(2, 1).text = "Udržet kapacity pobytových služeb pro seniory."
    found = fields(run_docx(tmp_path, document))
    assert found["title"] == "Střednědobý plán rozvoje sociálních služeb Zlínského kraje 2024–2026"
    assert found["planning_area"] == "Zlínský kraj"


def test_title_centred_over_a_held_on_line(tmp_path):
    """"Zápis" / "z … schůze …" / "konané dne 9. října 2023": the title keeps its dated line."""
    first = fields(run_docx(tmp_path, _paragraphs(
        "Zápis", "z mimořádné schůze sociálního výboru Zastupitelstva města Lipová", "konané dne 9. října 2023",
        "Přítomni: viz prezenční listina", "Schůzi zahájila předsedkyně výboru Olga Hrubá.")))
    assert first["title"] == "Zápis z mimořádné schůze sociálního výboru Zastupitelstva města Lipová konané dne 9. října 2023"


def test_the_date_on_a_spaced_titles_second_line_is_the_meetings(tmp_path):
    """"Z Á P I S" / "z jednání … Rady města Lipová ze dne 3.10.2022": the date on the title's second
    line is the meeting's, though the line names a council ("Rady města")."""
    second = fields(run_docx(tmp_path, _paragraphs(
        "Z Á P I S", "z jednání sociální komise (SK) Rady města Lipová ze dne 3.10.2022",
        "Přítomni: dle prezenční listiny přítomno 7 členů komise",
        "Usnesení komise z 12.09.2022 byla splněna.")))
    assert second["meeting_date"] == dt.date(2022, 10, 3)


def test_a_reports_stamp_is_no_meeting_date_the_weekday_sentence_is(tmp_path):
    """A news page: the publication stamp under the heading dates the page; "Ve čtvrtek 13. května
    proběhlo setkání … v klubovně …" dates and places the meeting (the year from the stamp)."""
    out = run_html(_sub(tmp_path, "a"), "<h1>Setkání pracovní skupiny Senioři</h1><p>14. 5. 2021</p>"
                   "<p>Ve čtvrtek 13. května proběhlo plánované setkání pracovní skupiny Senioři v klubovně "
                   "Mateřského centra Sluníčko v Lipové. Setkání zahájila vedoucí skupiny Bc. Olga Hrubá.</p>"
                   "<p>Další setkání se uskuteční v září, termín bude upřesněn.</p><p>Zpracovala Horáková</p>")
    found = fields(out)
    assert found["meeting_date"] == dt.date(2021, 5, 13)
    assert found["location"] == "klubovně Mateřského centra Sluníčko v Lipové"


def test_a_byline_names_the_recorder(tmp_path):
    """"Zpracovala Horáková" under a web report, without a colon: the recorder (a sentence
    "Zpracovala návrh …" is none)."""
    found = fields(run_html(tmp_path, "<h1>Setkání pracovní skupiny Senioři</h1><p>14. 5. 2021</p>"
                            "<p>Ve čtvrtek 13. května proběhlo setkání pracovní skupiny Senioři.</p>"
                            "<p>Zpracovala návrh katalogu služeb a rozeslala jej členům.</p><p>Zpracovala Horáková</p>"))
    assert found["recorded_by"] == "Horáková"


def test_a_newspaper_dateline_is_no_meeting_date_and_a_possessive_venue_no_town(tmp_path):
    """"Lipník – 26. 4. 2023 16:05" dates the article; "se v úterý 25. dubna uskutečnilo v Husově
    kulturním domě v Lipníku" dates and places the meeting, and "Husově" names no town."""
    dateline = fields(run_html(tmp_path, "<h1>O sociálních službách diskutovala veřejnost</h1>"
                               "<p>Lipník – 26. 4. 2023 16:05</p>"
                               "<p>Veřejné setkání ke komunitnímu plánování se v úterý 25. dubna uskutečnilo v "
                               "Husově kulturním domě v Lipníku. Přišlo na něj přes 40 lidí.</p>"))
    assert dateline["meeting_date"] == dt.date(2023, 4, 25)
    assert dateline["location"] == "Husově kulturním domě v Lipníku"
    assert dateline["planning_area"] == "Lipník"


def test_the_next_meeting_with_an_adjective(tmp_path):
    """"Příští řádná schůze výboru se bude konat 6. listopadu 2023": the next meeting's date."""
    found = fields(run_docx(tmp_path, _paragraphs(
        "Zápis z 5. schůze sociálního výboru Zastupitelstva města Lipová konané dne 9. října 2023",
        "Přítomni: viz prezenční listina", "Předsedkyně informovala o rozpočtu.",
        "Příští řádná schůze výboru se bude konat 6. listopadu 2023 v 16.00 hod.")))
    assert found["next_meeting_date"] == dt.date(2023, 11, 6)


def test_a_possessive_adjective_before_a_venue_names_no_town(tmp_path):
    """"v Husově kulturním domě v Lipníku": "Husově" qualifies the venue; the town is Lipník."""
    found = fields(run_docx(tmp_path, _paragraphs(
        "Zápis z jednání pracovní skupiny Senioři", "Datum: 3. 5. 2022",
        "Jednání se konalo v Husově kulturním domě v Lipníku.", "Přítomni: Jana Malinová, Petr Šindelář")))
    assert found["planning_area"] == "Lipník"


def test_a_person_named_after_a_town_is_no_part_of_its_name(tmp_path):
    """"… vedoucí odboru města Lipník Olga Hrubá": the town is Lipník, the name after it a person's."""
    found = fields(run_docx(tmp_path, _paragraphs(
        "Závěrečné setkání pracovních skupin", "Datum: 3. 5. 2022",
        "Program setkání obohatila bývalá vedoucí odboru sociálních věcí města Lipník Olga Hrubá.",
        "Přítomní se seznámili s prioritami plánu.")))
    assert found["planning_area"] == "Lipník"
