"""Document fields as a sweep over many real minutes found them (issue 15, round 2 of session 10):
a title word written letter by letter and followed by the minutes' number or meeting on its line
("Z á p i s    č. 5", "Z Á P I S č. 3/2016 z jednání …"), and a title run into the body of a
transcript paragraph ("… konaného dne 20. května 2015 Přítomni: dle …"). Each construction was seen
on several real pages; names, towns and numbers here are invented.

One pipeline run over real HTML and TXT files (module fixture); each test reads its file's row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.runner import RunOptions, run

BODY = ("Předsedající zahájil zasedání v 17:05 hodin a přivítal přítomné. Konstatoval, že zasedání bylo řádně "
        "svoláno a že je přítomna nadpoloviční většina členů, orgán je tedy usnášeníschopný. Ověřovateli zápisu "
        "byli určeni pan Karel Lipový a paní Jana Dubová. Program byl schválen bez připomínek.")

PAGES = {
    # a town's web page: navigation lines, then the minutes' own title spaced out over three lines
    "spaced_numbered.html": "<p>Mapa stránek</p><p>Úřední deska a kalendář akcí</p><p>Z á p i s    č. 7</p>"
                            "<p>z ustavujícího zasedání Zastupitelstva obce Lipová,</p>"
                            "<p>konaného dne 3. listopadu 2022 v sále obecního domu, od 18:00 hodin.</p>"
                            f"<p>Přítomni: Karel Lipový, Jana Dubová, Petr Habr</p><p>{BODY}</p>",
    # a transcript page: the spaced title with the meeting on its line; a later line starts with "Zápis"
    "spaced_caps.txt": "Z Á P I S č. 4/2019 z jednání, které se konalo dne 5. 3. 2019 v zasedací místnosti "
                       "Městského úřadu Lipník\n\nPřítomni: Karel Lipový, Jana Dubová\n\n" + BODY
                       + "\n\nZápis č. 3/2019. Výsledek hlasování: pro 5 hlasů, proti 0 hlasů. Schváleno.\n",
    # the record of a council in one paragraph: its title runs into "Přítomni:" and the course of the meeting
    "run_on.txt": "Úřad města Lipník Odbor sociálních věcí\n\nZáznam ze 3. jednání Rady pro seniory města Lipník "
                  "konaného dne 12. dubna 2021 Přítomni: dle podpisové listiny Předsedkyně Rady Jana Dubová "
                  "zahájila jednání v 9.30 hodin. " + BODY + " Program jednání byl jednomyslně schválen dle "
                  "předloženého návrhu: 1. Úvodní slovo 2. Plán rozvoje sociálních služeb 3. Různé\n",
    # a senate's record on one line: the title, the date in brackets, then "Program:" inline
    "run_on_programme.txt": "Zápis z 5. zasedání Akademického senátu Fakulty sociálních studií Lipnické "
                            "univerzity (14. října 2019) Program: 1. Schválení programu jednání. 2. Schválení "
                            "zápisu z minulého zasedání. 3. Volba předsedy senátu. 4. Různé. " + BODY + "\n",
    # a committee's minutes: the room, then a clause about the meeting after a comma
    "place_clause.html": "<h1>Výbor pro sociální věci ZM Lipník – zápis z jednání ze dne 4. října 2021</h1>"
                         "<p>Jednání výboru dne 4. října 2021 se konalo v místnosti č. 12 budovy Městského úřadu "
                         "Lipník, bylo zahájeno v 15 hod. a ukončeno v 17 hod. Jednání řídila předsedkyně výboru "
                         "Ing. Jana Dubová.</p><p>Přítomní členové výboru: Jana Dubová, Karel Lipový</p>"
                         f"<p>{BODY}</p>",
    # a transcript: "Datum a místo zasedání" run together with "Přítomni" written without its colon
    "place_attendance.txt": "Z á p i s z 12. zasedání Rady pro zdraví města Lipník Datum a místo zasedání Dne "
                            "9. března 2020 v budově Městského úřadu Lipník od 9:30 hod. do 11:00 hod. Přítomni "
                            "Dle připojené prezenční listiny. " + BODY + "\n",
    # a town's page: the mayor named after "města" is no territory
    "area_person.html": "<h1>Zápis ze setkání s obyvateli 12. května 2022</h1><p>PRŮBĚH SETKÁNÍ:</p>"
                        "<p>Na počátku jednání přítomné přivítala starostka města Jana Dubová. Zástupce "
                        "zpracovatele představil strukturu programu rozvoje.</p>",
    # a parliament's transcript: its heading written letter by letter ("… S N Ě M O V N A")
    "area_spaced.txt": "P O S L A N E C K Á S N Ě M O V N A volební období\n\nZ á p i s 3. schůze výboru pro "
                       "zdravotnictví, konaná dne 4. května 2010 od 9.00 hod. v místnosti č. 12\n\n" + BODY + "\n",
    # a transcript: the recorder's label inside the long paragraph, after a bracket
    "recorder_inline.txt": "Zápis z 3. zasedání Zastupitelstva města Lipník konaného dne 2. 5. 2019 v sále "
                           "radnice Přítomni: Karel Lipový, Jana Dubová, Petr Habr Omluveni: - (viz listina "
                           "přítomných) Zapisovatelka: Mgr. Eva Malinová Zasedání zastupitelstva bylo zahájeno "
                           "v 17 hodin starostou města Karlem Lipovým. " + BODY + "\n",
    # a council's minutes: the recorder appointed in a sentence
    "recorder_sentence.html": "<h1>Zápis č. 2/2020 z veřejného zasedání Zastupitelstva obce Lipová</h1>"
                              "<p>Datum: 9. 3. 2020</p><p>Přítomni: Karel Lipový, Jana Dubová, Petr Habr</p>"
                              "<p>Jednání zahájil starosta obce v 18:00 hodin a přivítal přítomné. Zapisovatelkou "
                              f"byla jmenována paní Pavla Trnková. Ověřovateli byli určeni Jana Dubová a Petr Habr.</p><p>{BODY}</p>",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("fields_sweep")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, body in PAGES.items():
        text = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>" if name.endswith(".html") else body
        (raw / name).write_text(text, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    with duckdb.connect() as db:
        cursor = db.execute(f"select * from '{out / 'documents.parquet'}'")
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {Path(row["source_path"]).name: row for row in rows}


def test_a_letter_spaced_title_word_with_the_number_on_its_line(documents):
    assert documents["spaced_numbered.html"]["title"] == \
        "Z á p i s č. 7 z ustavujícího zasedání Zastupitelstva obce Lipová"


def test_a_letter_spaced_title_word_with_the_meeting_on_its_line(documents):
    assert documents["spaced_caps.txt"]["title"] == ("Z Á P I S č. 4/2019 z jednání, které se konalo dne 5. 3. 2019 "
                                                     "v zasedací místnosti Městského úřadu Lipník")


def test_a_title_run_into_the_body_ends_at_the_first_field_label(documents):
    assert documents["run_on.txt"]["title"] == \
        "Záznam ze 3. jednání Rady pro seniory města Lipník konaného dne 12. dubna 2021"
    assert documents["run_on_programme.txt"]["title"] == ("Zápis z 5. zasedání Akademického senátu Fakulty "
                                                          "sociálních studií Lipnické univerzity (14. října 2019)")


def test_a_place_ends_before_a_clause_about_the_meeting(documents):
    assert documents["place_clause.html"]["location"] == "místnosti č. 12 budovy Městského úřadu Lipník"


def test_a_place_ends_before_the_attendance_label_without_its_colon(documents):
    assert documents["place_attendance.txt"]["location"] == "budově Městského úřadu Lipník"


def test_a_place_loses_the_comma_before_the_time(documents):
    assert documents["spaced_numbered.html"]["location"] == "sále obecního domu"


def test_a_persons_name_after_the_town_genitive_is_no_territory(documents):
    assert documents["area_person.html"]["planning_area"] is None


def test_a_letter_spaced_heading_names_no_territory(documents):
    assert documents["area_spaced.txt"]["planning_area"] is None


def test_a_recorders_label_inside_a_transcripts_line(documents):
    assert documents["recorder_inline.txt"]["recorded_by"] == "Eva Malinová"


def test_a_recorder_appointed_in_a_sentence(documents):
    assert documents["recorder_sentence.html"]["recorded_by"] == "Pavla Trnková"
