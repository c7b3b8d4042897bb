"""Agenda items as real public minutes write them (issue 15, round 3), each construction found in
several real minutes and written here with invented names, towns and numbers: a time-table after
the title, Word numbering saved as text (the number on its own line), numbered sections followed by
bullets, "Ad.1)" items under the label, a letter-spaced label, a programme run into the paragraph of
its approval, "na programu ... body:", and a transcript that runs the sections together.

One pipeline run over real HTML files (module fixture); each test reads its file's rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

HEAD = ("<h1>Zápis z jednání pracovní skupiny Senioři a OZP</h1><p>Datum jednání: 14. 3. 2022</p>"
        "<p>Přítomni: J. Lipová, P. Habr, K. Dřevíková</p>")

# the rest of the minutes: the programme stands in their first half
TAIL = ("<p>Členové skupiny se dohodli na dalším postupu.</p><p>Příští setkání bude svoláno e-mailem.</p>"
        "<p>Zapsala: K. Dřevíková</p><p>Ověřila: J. Lipová</p>")

PAGES = {
    # a presenter before the title and the planned length after it (a senate's "Návrh programu")
    "duration": HEAD + "<p><b>Návrh programu:</b><br>1. Mgr. K. Habr - Kontrola zápisu z 8. 2. 2022 (10 min.)<br>"
                "2. Bc. L. Lipová – Informace o dotacích města (20 min.)<br>3. Různé (10 min.)</p>"
                "<p>Program setkání byl následující:</p><p>Předsedající zahájil jednání v 15.05 hodin.</p>"
                "<p>1. Mgr. K. Habr - Kontrola zápisu z 8. 2. 2022</p><p>Zápis byl schválen.</p>",
    "clock_slots": HEAD + "<p>Program zasedání byl následující:</p><p>1. Zahájení, aktuální informace (10:00-10:30)<br>"
                   "2. Dostupnost odlehčovací služby (10:30-11:15)<br>3. Plán na rok 2023 (2023)</p>"
                   "<p>Jednání zahájila vedoucí skupiny.</p><p>Text o jednání a jeho závěrech.</p>",
    # Word auto-numbering saved as HTML: the number on one line, the item on the next
    "bare_numbers": HEAD + "<p>Program:<br>1. Úvod, kontrola zápisu z minulého jednání.<br>2.<br>Pronájem klubovny "
                    "v Lipníku.<br>3.<br>Rozpočet na sociální služby.<br>4.<br>Diskuze a závěr</p>"
                    "<p>Jednání zahájila paní Lipová.</p><p>Text o jednání a jeho závěrech.</p>",
    # no programme list: numbered sections, each followed by a bulleted discussion
    "sections_bullets": HEAD + "<p>Jednání zahájil předseda a přivítal přítomné.</p>"
                        "<p>1) Zahájení, volba ověřovatelů, schválení programu jednání</p>"
                        "<ul><li>předseda omluvil nepřítomné,</li><li>program byl schválen.</li></ul>"
                        "<p>2) Kontrola úkolů</p><ul><li>úkoly z minulého jednání jsou splněny.</li></ul>"
                        "<p>3) Dotace pro poskytovatele</p><ul><li>Paní Lipová informovala o dotacích.</li></ul>",
    # the items written in the form of their discussion heads right under the label
    "ad_items": HEAD + "<p>Program:</p><p>Ad.1) Zahájení</p><p>Ad.2) Plán rozvoje sociálních služeb</p>"
                "<p>Ad.3) Různé</p><p>Ad.1) Jednání zahájila paní Lipová a přivítala všechny přítomné.</p>"
                "<p>Ad.2) Plán byl projednán bez připomínek.</p>",
    "ad_discussion_only": HEAD + "<p>Program:</p><p>Ad 1) Jednání zahájila paní Lipová a přivítala všechny přítomné.</p>"
                          "<p>Ad 2) Plán rozvoje služeb byl projednán bez připomínek a schválen.</p>",
    "letter_spaced": HEAD + "<p>P r o g r a m :</p><p>1. Zahájení</p><p>2. Plán rozvoje služeb na Lipnicku</p>"
                     "<p>3. Různé</p><p>Text o jednání a jeho závěrech.</p><p>Další text.</p>",
    # a transcript: the approved programme and the course of the meeting in one paragraph
    "approved_inline": HEAD + "<p>Vedoucí zahájila jednání v 9.30 hodin. Program jednání skupiny byl jednomyslně "
                       "schválen dle předloženého návrhu: 1. Úvodní slovo 2. Plán rozvoje sociálních služeb na "
                       "léta 2023–2025 3. Dotace na rok 2023 4. Různé Průběh jednání: 1. Úvodní slovo Vedoucí "
                       "úvodem zrekapitulovala program jednání.</p><p>Text o jednání.</p>",
    "inline_then_ad": HEAD + "<p>PROGRAM: 1. Přivítání, program, prezence 2. Finalizace priorit pro akční plán ad 1. "
                      "Přivítání, program, prezence Vedoucí skupiny přivítala přítomné.</p><p>Text o jednání.</p>",
    "on_the_programme": HEAD + "<p>Skupina měla na programu jednání dva body:</p><p>1) volbu vedoucího skupiny</p>"
                        "<p>2) dohodu o termínu dalšího setkání</p><p>Rozhodla takto: ad 1) vedoucí byla zvolena "
                        "paní Lipová.</p><p>Text o jednání.</p>",
    # a PDF transcript on a web page: sections run together, digits (the date, the first "1") dropped
    "flattened": "<h1>Záznam z 3. setkání pracovní skupiny Senioři v územním obvodu ORP Lipník. ze dne</h1>"
                 "<p>1 Projekt Plánování sociálních služeb na Lipnicku Záznam z 3. setkání Místo: MěÚ Lipník, "
                 "zasedací místnost ze dne ) Úvod Prezence účastníků Koordinátorka paní Bc. Jana Lipová přivítala "
                 "přítomné a nastínila program setkání. 2) Vystoupení hostů Paní Mgr. Dřevíková informovala o "
                 "kapacitě domova a o čekatelích. 1</p><p>2 3) Výstupy z mapování potřeb Bc. Jana Lipová představila "
                 "výstupy z dotazníků mezi obcemi. 4) Návrhy opatření do plánu Členové skupiny se po diskusi shodli "
                 "na návrzích. 2</p><p>3 5) Závěr Bc. Jana Lipová poděkovala přítomným za účast. 3</p>",
    # a transcript: sub-points written into the items, the last item running into the opening words
    "inline_sub_points": HEAD + "<p>Omluveni: K. Habr</p><p>PROGRAM: 1. Organizační záležitosti a. Jednací řád "
                         "skupiny b. Volba zástupce 2. Ekonomické záležitosti a. Rozpočet na rok 2022 3. Různé "
                         "Místopředseda skupiny Ing. Habr přivítal přítomné členy a hosty. Seznámil přítomné "
                         "s programem jednání.</p><p>1.Organizační záležitosti a. Jednací řád skupiny Habr: "
                         "sdělil, že řád byl upraven.</p>",
    # the label without its colon, run into its first item after the opening sentences
    "label_run_in": HEAD + "<p>Vedoucí zahájila jednání a navrhla ověřovatele. Návrhy předloženy nebyly a program "
                    "byl schválen. Program zasedání 1. Kontrola zápisu a úkolů z minulého zasedání 2. Zpráva o "
                    "plnění akčního plánu za rok 2022 3. Různé</p><p>Text o jednání a jeho závěrech.</p>",
    # those present one a paragraph: the programme comes after many short paragraphs
    "long_attendance": HEAD.replace("<p>Přítomni: J. Lipová, P. Habr, K. Dřevíková</p>", "<p>Přítomni:</p>")
                       + "".join(f"<p>Člen {i} Lipový, Spolek Lipník {i}</p>" for i in range(1, 31))
                       + "<p>Program jednání:</p><p>1. Zahájení</p><p>2. Plán rozvoje služeb</p><p>3. Různé</p>"
                       + "<p>Ad 1) Jednání zahájila paní Lipová a přivítala přítomné členy skupiny i hosty.</p>"
                       + ("<p>" + "Členové skupiny podrobně projednali plán a doporučili jeho schválení radě "
                          "města, zároveň požádali o doplnění údajů o kapacitách služeb v regionu. " * 4 + "</p>") * 2,
    # a regional council: the approved programme with an item added out of order ("34." after "03.")
    "added_out_of_order": "<h1>Zápis ze zasedání rady kraje č. 13/2021, které se konalo dne 15. 4. 2021 v zasedací "
                          "místnosti, Lipová 5, Lipník</h1><p>01. Zahájení, připomínky k zápisu č. 12/2021</p>"
                          "<p>Přítomno 9 členů rady – viz prezenční listina.</p><p>Radě kraje byl předložen návrh "
                          "na zařazení bodu 34. Dotace pro Domov Lipník do programu jednání.</p>"
                          "<p>Rada kraje návrh akceptovala a přijala upravený program:</p>"
                          "<p>01. Zahájení, připomínky k zápisu č. 12/2021</p><p>02. Výpůjčka pro Nemocnici Lipník</p>"
                          "<p>34. Dotace pro Domov Lipník</p><p>03. Rozpočtové opatření v kapitole Sociální věci</p>"
                          "<p>04. Různé</p><p>02. Výpůjčka pro Nemocnici Lipník</p><p>Rada kraje souhlasí.</p>",
    # the page of one item of an assembly's programme: its number, then its heading
    "one_item_page": "<p>Lipnický kraj Samospráva Úřední deska Kontakty</p><p>24.</p><table><tr><td>Předkládá:</td>"
                     "<td>Rada Lipnického kraje</td></tr></table><p>Zasedání Zastupitelstva Lipnického kraje</p>"
                     "<table><tr><td>konané dne</td><td>14. 6. 2021</td></tr></table>"
                     "<h1>Střednědobý plán rozvoje sociálních služeb Lipnického kraje</h1>"
                     "<p>Usnesení č. UZ/5/24/2021</p><p>Zastupitelstvo Lipnického kraje po projednání schvaluje "
                     "plán.</p>",
    # label spellings: "Pořad schůze:", a label carrying the meeting's number and date, a passive approval
    "order_of_business": HEAD + "<p>Pořad schůze:</p><p>1. Zahájení</p><p>2. Dotace spolkům</p><p>3. Různé</p>",
    "dated_label": HEAD + "<p>Program 3. jednání PS dne 14. 3. 2022:</p><p>1. Zahájení</p><p>2. Dotace spolkům</p>"
                   "<p>3. Různé</p>",
    "passive_approval": HEAD + "<p>Program jednání byl schválen v tomto znění:</p><p>1. Zahájení</p>"
                        "<p>2. Dotace spolkům</p><p>3. Různé</p>",
    "funding_programme": HEAD + "<p>Operační program Zaměstnanost 2014–2020:</p><p>1. Projekt Lipník pomáhá</p>"
                         "<p>2. Projekt Senioři v bezpečí</p><p>Členové skupiny vzali projekty na vědomí.</p>",
    # an enumeration inside prose is no programme
    "prose_enumeration": HEAD + "<p>Vedoucí připomněla tři priority plánu: 1) Rozvoj terénních služeb, 2) Podpora "
                         "rodin s dětmi, 3) Dům pro seniory v Lipníku. Členové s prioritami souhlasili.</p>"
                         "<p>Text o jednání.</p>",
}


@pytest.fixture(scope="module")
def agendas(tmp_path_factory) -> dict[str, list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("agenda_pages")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        page = f"<html><head><meta charset='utf-8'></head><body>{body}{TAIL}</body></html>"
        (raw / f"{name}.html").write_text(page, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select d.source_path, a.item_no, a.title from '{out / 'agenda_items.parquet'}' a "
                          f"join '{out / 'documents.parquet'}' d using (doc_id) order by 1, 2").fetchall()
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in PAGES}
    for source, item_no, title in rows:
        found[Path(source).stem].append((item_no, title))
    return found


def test_a_planned_length_after_the_title_is_not_part_of_it(agendas):
    assert agendas["duration"] == [(1, "Mgr. K. Habr - Kontrola zápisu z 8. 2. 2022"),
                                   (2, "Bc. L. Lipová – Informace o dotacích města"), (3, "Různé")]


def test_a_clock_slot_after_the_title_is_not_part_of_it_but_a_year_is(agendas):
    assert agendas["clock_slots"] == [(1, "Zahájení, aktuální informace"),
                                      (2, "Dostupnost odlehčovací služby"), (3, "Plán na rok 2023 (2023)")]


def test_a_number_on_its_own_line_numbers_the_next_line(agendas):
    assert agendas["bare_numbers"] == [(1, "Úvod, kontrola zápisu z minulého jednání."),
                                       (2, "Pronájem klubovny v Lipníku."), (3, "Rozpočet na sociální služby."),
                                       (4, "Diskuze a závěr")]


def test_numbered_sections_with_a_bulleted_discussion_are_the_programme(agendas):
    assert agendas["sections_bullets"] == [(1, "Zahájení, volba ověřovatelů, schválení programu jednání"),
                                           (2, "Kontrola úkolů"), (3, "Dotace pro poskytovatele")]


def test_ad_items_right_under_the_label_are_the_items(agendas):
    assert agendas["ad_items"] == [(1, "Zahájení"), (2, "Plán rozvoje sociálních služeb"), (3, "Různé")]


def test_ad_sentences_under_an_empty_label_are_no_items(agendas):
    assert agendas["ad_discussion_only"] == []


def test_a_letter_spaced_label(agendas):
    assert agendas["letter_spaced"] == [(1, "Zahájení"), (2, "Plán rozvoje služeb na Lipnicku"), (3, "Různé")]


def test_a_programme_run_into_the_paragraph_of_its_approval(agendas):
    assert agendas["approved_inline"] == [(1, "Úvodní slovo"),
                                          (2, "Plán rozvoje sociálních služeb na léta 2023–2025"),
                                          (3, "Dotace na rok 2023"), (4, "Různé")]


def test_inline_items_end_where_the_discussion_of_item_one_starts(agendas):
    assert agendas["inline_then_ad"] == [(1, "Přivítání, program, prezence"), (2, "Finalizace priorit pro akční plán")]


def test_what_was_on_the_programme_introduces_it(agendas):
    assert agendas["on_the_programme"] == [(1, "volbu vedoucího skupiny"), (2, "dohodu o termínu dalšího setkání")]


def test_sections_run_together_in_a_transcript(agendas):
    assert agendas["flattened"] == [(1, "Úvod"), (2, "Vystoupení hostů"), (3, "Výstupy z mapování potřeb"),
                                    (4, "Návrhy opatření do plánu"), (5, "Závěr")]


def test_an_enumeration_in_prose_is_no_programme(agendas):
    assert agendas["prose_enumeration"] == []


def test_inline_items_end_at_their_sub_points_and_before_the_opening_words(agendas):
    assert agendas["inline_sub_points"] == [(1, "Organizační záležitosti"), (2, "Ekonomické záležitosti"),
                                            (3, "Různé")]


def test_a_label_without_colon_run_into_its_first_item(agendas):
    assert agendas["label_run_in"] == [(1, "Kontrola zápisu a úkolů z minulého zasedání"),
                                       (2, "Zpráva o plnění akčního plánu za rok 2022"), (3, "Různé")]


def test_a_programme_after_a_long_list_of_those_present(agendas):
    assert agendas["long_attendance"] == [(1, "Zahájení"), (2, "Plán rozvoje služeb"), (3, "Různé")]


def test_an_item_added_out_of_order_does_not_end_the_programme(agendas):
    assert agendas["added_out_of_order"] == [(1, "Zahájení, připomínky k zápisu č. 12/2021"),
                                             (2, "Výpůjčka pro Nemocnici Lipník"), (3, "Dotace pro Domov Lipník"),
                                             (4, "Rozpočtové opatření v kapitole Sociální věci"), (5, "Různé")]


def test_the_page_of_one_item_keeps_its_number(agendas):
    assert agendas["one_item_page"] == [(24, "Střednědobý plán rozvoje sociálních služeb Lipnického kraje")]


@pytest.mark.parametrize("page", ["order_of_business", "dated_label", "passive_approval"])
def test_more_label_spellings(agendas, page):
    assert agendas[page] == [(1, "Zahájení"), (2, "Dotace spolkům"), (3, "Různé")]


def test_a_funding_programme_with_its_years_is_no_label(agendas):
    assert agendas["funding_programme"] == []
