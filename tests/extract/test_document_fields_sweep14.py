"""Document fields and plan items as a sweep over many real pages found them (issue 15, round 2 of
session 11). Each construction was seen on several real pages; names, towns and numbers here are
invented.

- a document portal's list of OTHER documents under the page's title ("Podobné dokumenty", then
  the titles of other minutes with their dates, rooms, bodies and plan items): none of it is this
  document's field or plan item; the portal's "Transkript" of the document itself goes on after it.
- the portal's download link restating the document's whole title ('Download "Zápis ze 7. schůze …
  v Lipníku 26. 4. 2012"') where the page's heading lost the date: it dates the meeting.
- the end of a body's name: a relative clause after it ("… Výboru pro seniory, které se konalo …")
  ends it; a word that merely starts like the stop "při" ("Komise pro přípravu …") does not.
- a web page's chrome before its heading: the skip link ("Přejít k hlavnímu obsahu", "Skip to content")
  is no title; a page whose first line is a heading its author numbered ("3. schůzka 2. 5. 2022 …"),
  read as a list of one item, has that line as its title.

One pipeline run over real HTML and TXT files (module fixture); each test reads its file's rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

PAGES = {
    # a portal page: the document's title, then the list of similar documents (their dates, places, bodies)
    "related_list.txt": "Z Á P I S č. 2/2018 z jednání, které se konalo dne od 14:00 hodin v zasedací místnosti "
                        "č. 12, městského úřadu Lipník, Dubová ul.\n\nPodobné dokumenty\n\n"
                        "Zápis č. 5. ze zasedání Zastupitelstva obce Habrová konaného dne 14. listopadu 2016 "
                        "v zasedací místnosti OÚ v Habrové\n\n"
                        "Zápis z 2. jednání řídící skupiny KPSS Lipovsko\n\n"
                        "Opatření 2 - Podpora rodin s dětmi v Habrové\n",
    # the list under a page's heading, then the document's own transcript
    "related_then_transcript.html": "<p>Zápis z jednání pracovní skupiny Senioři</p>"
                                    "<p>Podobné dokumenty</p>"
                                    "<p>Zápis z 3. jednání řídící skupiny KPSS Habrová</p>"
                                    "<p>Akční plán rozvoje sociálních služeb města Habrová na rok 2015</p>"
                                    "<p>Transkript</p>"
                                    "<p>Zápis z jednání pracovní skupiny Senioři konaného dne "
                                    "7. května 2019 v zasedací místnosti radnice Přítomni: dle prezenční listiny</p>"
                                    "<p>Opatření 1.1 Rozšíření pečovatelské služby v Lipníku</p>",
    # a portal page: the heading cut before the date, the download link with the whole title
    "portal_download.html": "<h1>Zápis ze 4. schůze výboru spolku Lipová v Habrové</h1>"
                            "<p>Rozměr: px</p><p>Začít zobrazení ze stránky:</p>"
                            "<p>Download \"Zápis ze 4. schůze výboru spolku Lipová v Habrové 14. 5. 2013\"</p>"
                            "<p>Transkript</p>"
                            "<p>1 Zápis ze 4. schůze výboru spolku Lipová v Habrové Přítomni: Karel Lipový, Jana "
                            "Dubová Omluveni: Petr Habr 1. Zahájení Schůzi zahájil předseda K. Lipový.</p>",
    # a committee's minutes: the body's name, then a relative clause about the meeting
    "relative_clause.txt": "Zápis ze zasedání Výboru pro seniory města Lipník, které se konalo 3. dubna 2019 "
                           "od 15:00 h v zasedací místnosti č. 12\n\nPřítomni: Karel Lipový, Jana Dubová\n",
    # a commission whose name has a word starting like "při"
    "commission_prefix.html": "<h1>Jednání komise pro přípravu akčního plánu Lipníku</h1>"
                              "<p>Komise se poprvé sešla dne 12. 11. 2019. Na úvodním jednání byli členové "
                              "seznámeni se stavem přípravy.</p>",
    # a region's page: the skip link kept as its first line, then the page's heading
    "skip_link.html": "<p>Přejít k hlavnímu obsahu</p><p>Akční plány</p><p>Co je to akční plán?</p>"
                      "<p>Akční plány jsou jednoleté plány, které doplňují střednědobý plán rozvoje sociálních "
                      "služeb kraje Lipová.</p>",
    # a town's page: a numbered heading as its first line, then a question and a paragraph
    "numbered_heading.txt": "2. schůzka 14. 3. 2022 včetně veřejného projednání\n\nCo je strategický plán "
                            "obce?\n\nStrategický plán obce Lipová je dlouhodobý dokument, který stanoví vizi "
                            "a opatření pro rozvoj obce.\n",
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, list[dict]]:
    root = tmp_path_factory.mktemp("fields_sweep14")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        text = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>" if name.endswith(".html") else body
        (raw / name).write_text(text, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    found: dict[str, list[dict]] = {}
    with duckdb.connect() as db:
        for table in ("documents", "measures"):
            cursor = db.execute(f"select t.*, d.source_path as file from '{out / (table + '.parquet')}' t "
                                f"join '{out / 'documents.parquet'}' d using (doc_id)")
            names = [c[0] for c in cursor.description]
            found[table] = [dict(zip(names, row), file=Path(row[-1]).name) for row in cursor.fetchall()]
    return found


def _document(tables, name: str) -> dict:
    return next(row for row in tables["documents"] if row["file"] == name)


def test_a_portals_list_of_similar_documents_gives_no_field(tables):
    row = _document(tables, "related_list.txt")
    assert row["meeting_date"] is None
    assert row["working_group"] is None
    assert row["location"] == "zasedací místnosti č. 12, městského úřadu Lipník, Dubová ul."
    assert not [m for m in tables["measures"] if m["file"] == "related_list.txt"]


def test_the_portals_transcript_after_the_list_is_read(tables):
    row = _document(tables, "related_then_transcript.html")
    assert str(row["meeting_date"]) == "2019-05-07"
    assert row["working_group"] == "Senioři"
    assert [m["measure_no"] for m in tables["measures"] if m["file"] == "related_then_transcript.html"] == ["1.1"]


def test_a_portals_download_link_with_the_whole_title_dates_the_meeting(tables):
    assert str(_document(tables, "portal_download.html")["meeting_date"]) == "2013-05-14"


def test_a_relative_clause_ends_the_bodys_name(tables):
    assert _document(tables, "relative_clause.txt")["working_group"] == "Výbor pro seniory města Lipník"


def test_a_word_starting_like_a_stop_stays_in_the_name(tables):
    assert _document(tables, "commission_prefix.html")["working_group"] == "Komise pro přípravu akčního plánu Lipníku"


def test_a_skip_link_is_no_title(tables):
    assert _document(tables, "skip_link.html")["title"] == "Akční plány"


def test_a_numbered_first_heading_is_the_title(tables):
    assert _document(tables, "numbered_heading.txt")["title"] == "2. schůzka 14. 3. 2022 včetně veřejného projednání"
