"""Agenda items as a sweep over many real minutes found them (issue 15, round 2 of session 10): the
last item of a programme written inline keeps its title when it carries an abbreviation's dot ("akce
č. 08/13 Závěrečný účet", "Priorita I. Zavedení …"): such a dot ends no sentence, so it does not
mean the paragraph has gone on into the discussion. Names, towns and numbers are invented.

One pipeline run over real TXT files (module fixture); each test reads its file's rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

HEAD = ("Z Á P I S z 14. schůze výboru pro zdravotnictví Zastupitelstva města Lipník, která se konala dne "
        "21. ledna 2019 v zasedací místnosti č. 5 Přítomni: K. Lipový, J. Dubová, P. Habr Předseda výboru "
        "K. Lipový přivítal přítomné. ")

PAGES = {
    # a numbered decision ("č. 08/13") inside the last item, then the next page of the transcript
    "number_in_last_item.txt": HEAD + "Navrhl pořad jednání 14. schůze výboru dle pozvánky: 1. Kontrolní závěr "
                               "úřadu z kontrolní akce č. 06/29 Dotace na provoz nemocnice 2. Kontrolní závěr úřadu "
                               "z kontrolní akce č. 08/13 Závěrečný účet kapitoly zdravotnictví za rok 2018\n",
    # a Roman-numbered priority inside the last item
    "roman_in_last_item.txt": HEAD + "Návrhy předloženy nebyly a program byl schválen. Program zasedání 1. Kontrola "
                              "zápisu z minulého zasedání 2. Plnění akčního plánu, Priorita I. Zajištění terénních "
                              "služeb\n",
}


@pytest.fixture(scope="module")
def agendas(tmp_path_factory) -> dict[str, list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("agenda_sweep")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        (raw / name).write_text(body, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select d.source_path, a.item_no, a.title from '{out / 'agenda_items.parquet'}' a "
                          f"join '{out / 'documents.parquet'}' d using (doc_id) order by 1, 2").fetchall()
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in PAGES}
    for source, item_no, title in rows:
        found[Path(source).name].append((item_no, title))
    return found


def test_a_number_after_an_abbreviation_does_not_cut_the_last_item(agendas):
    assert agendas["number_in_last_item.txt"] == [
        (1, "Kontrolní závěr úřadu z kontrolní akce č. 06/29 Dotace na provoz nemocnice"),
        (2, "Kontrolní závěr úřadu z kontrolní akce č. 08/13 Závěrečný účet kapitoly zdravotnictví za rok 2018")]


def test_a_roman_numeral_does_not_cut_the_last_item(agendas):
    assert agendas["roman_in_last_item.txt"] == [
        (1, "Kontrola zápisu z minulého zasedání"),
        (2, "Plnění akčního plánu, Priorita I. Zajištění terénních služeb")]
