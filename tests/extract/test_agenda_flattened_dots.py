"""Sections of a flattened transcript (the text of a PDF shown on a web page) numbered "1." rather than
"1)", run together with their discussion ("1. Zahájení, určení zapisovatele Schůzi zahájil ... 2. Schválení
zápisu ze 12. schůze výboru Usnesení: ..."), and an ordinal inside such a title ("ze 12. schůze") that is
no full stop; and the points lettered "a)", "b)" under a numbered item of a programme, which are its
sub-points, not items. Sweep of real minutes (round 14); names, towns and numbers here are invented.

One pipeline run over real HTML files (module fixture); each test reads its file's rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

PAGES = {
    # a committee's minutes as a transcript: no programme list, the numbered sections run together
    "dots": "<h1>Zápis ze 13. schůze výboru spolku Lipník</h1>"
            "<p>1 Zápis ze 13. schůze výboru spolku Lipník Přítomni: Jana Lipová, Petr Habr, Karel Dřevík "
            "Omluven: Marek Javor 1. Zahájení, určení zapisovatele a ověřovatele zápisu Schůzi zahájila "
            "v 17:00 předsedkyně J. Lipová. Zapisovatelem byl určen P. Habr. 2. Schválení zápisu ze 12. schůze "
            "výboru Usnesení: Výbor schvaluje zápis ze 12. schůze. 3. Dotace spolkům na rok 2024 Paní Lipová "
            "informovala o podaných žádostech a o výši dotací. 4. Různé Členové výboru se dohodli na termínu "
            "příští schůze.</p><p>2 Zapsal: Petr Habr</p>",
    # "1) ..." sections whose title carries an ordinal ("z 5. zasedání")
    "ordinal": "<h1>Záznam z jednání pracovní skupiny Senioři</h1>"
               "<p>1 Záznam z jednání pracovní skupiny Senioři Místo: MěÚ Lipník 1) K zápisu z 5. zasedání skupiny "
               "Zápis byl přijat bez připomínek a podepsán. 2) Dotace na rok 2024 Paní Lipová informovala "
               "o žádostech. 3) Různé Členové skupiny se dohodli na dalším postupu.</p>",
    # a council's programme: the points of items 2 and 3 are lettered, one paragraph each
    "sub_points": "<h1>Zápis z ustavujícího zasedání Zastupitelstva obce Lipník</h1><p>Datum: 5. 11. 2022</p>"
                  "<p>Program:</p><p>1. Zahájení</p><p>2. Volba starosty a místostarosty</p>"
                  "<p>a) určení počtu místostarostů</p><p>b) volba starosty</p><p>c) volba místostarosty</p>"
                  "<p>3. Zřízení výborů (Habr)</p><p>a) volba předsedy finančního výboru</p>"
                  "<p>b) volba předsedy kontrolního výboru</p><p>4. Závěr</p>"
                  "<p>Zasedání zahájil dosavadní starosta a přivítal přítomné.</p><p>Text o zasedání.</p>",
    # a programme lettered from its first item keeps its letters
    "lettered": "<h1>Zápis z jednání pracovní skupiny Senioři</h1><p>Datum jednání: 14. 3. 2022</p>"
                "<p>Program:</p><p>a) Zahájení</p><p>b) Akční plán na rok 2023</p><p>c) Různé</p>"
                "<p>Jednání zahájila paní Lipová.</p><p>Text o jednání.</p>",
    # a handbook flattened the same way numbers its chapters: not minutes, no programme
    "handbook": "<h1>Příručka pro poskytovatele sociálních služeb v Lipníku</h1>"
                "<p>1 Příručka pro poskytovatele 1. Úvod Tato příručka shrnuje postupy pro žadatele o dotace. "
                "2. Žádost o dotaci Žadatel podává žádost do konce ledna. 3. Vyúčtování Příjemce předloží "
                "vyúčtování do konce roku.</p>",
}


@pytest.fixture(scope="module")
def agendas(tmp_path_factory) -> dict[str, list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("agenda_flattened")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        page = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
        (raw / f"{name}.html").write_text(page, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select d.source_path, a.item_no, a.title from '{out / 'agenda_items.parquet'}' a "
                          f"join '{out / 'documents.parquet'}' d using (doc_id) order by 1, 2").fetchall()
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in PAGES}
    for source, item_no, title in rows:
        found[Path(source).stem].append((item_no, title))
    return found


def test_sections_numbered_with_a_dot_run_together_in_a_transcript(agendas):
    assert agendas["dots"] == [(1, "Zahájení, určení zapisovatele a ověřovatele zápisu"),
                               (2, "Schválení zápisu ze 12. schůze výboru"), (3, "Dotace spolkům na rok 2024"),
                               (4, "Různé")]


def test_an_ordinal_inside_a_run_together_title_is_no_full_stop(agendas):
    assert agendas["ordinal"] == [(1, "K zápisu z 5. zasedání skupiny"), (2, "Dotace na rok 2024"), (3, "Různé")]


def test_chapters_of_a_flattened_handbook_are_no_programme(agendas):
    assert agendas["handbook"] == []


def test_lettered_points_under_a_numbered_item_are_its_sub_points(agendas):
    assert agendas["sub_points"] == [(1, "Zahájení"), (2, "Volba starosty a místostarosty"),
                                     (3, "Zřízení výborů (Habr)"), (4, "Závěr")]


def test_a_programme_lettered_from_its_first_item(agendas):
    assert agendas["lettered"] == [(1, "Zahájení"), (2, "Akční plán na rok 2023"), (3, "Různé")]
