"""Attendees of genuine KPSS and municipal minutes (sweep of real pages, issue 15, round 14): the
sentence run onto a flattened list ("... PhDr. L. Malá Přítomno 14 členů", "... Ing. M. Dub
Zasedání řídil předseda X") is no part of the last name, its organisation or its clause; a man
named in the instrumental ("zahájeno ... panem Ing. Karlem Lískem") is written in the nominative
the list gives; a reflexive verb of excusing ("se omluvili: Mgr. X a MUDr. Y") lists the excused;
a function's body in the genitive ("předseda organizace") and a second joined function stand
between a chairing verb and its subject.
Names, towns and bodies are invented; each test runs the real pipeline over a real TXT or HTML
file."""

from __future__ import annotations

import math
from pathlib import Path

from tests.docx_factory import table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _run(tmp_path: Path, name: str, text: str) -> set[tuple]:
    from pipeline.runner import RunOptions, run

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir(parents=True)
    if name.endswith(".html"):
        body = "\n".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        text = f'<html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>'
    (raw / name).write_text(text, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    return {tuple(_clean(v) for v in row)
            for row in table_rows(out, "attendees", "name", "titles", "organisation", "role")}


def test_a_count_sentence_after_a_flattened_list_is_no_part_of_the_last_name(tmp_path):
    """"Omluveni: Ing. Jan Rys, PhDr. Lenka Sovová Přítomno 9 (na část jednání 8) z 11 členů":
    "Přítomno" opens the next sentence; the last excused is "Lenka Sovová", without organisation."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis ze zasedání Řídící skupiny komunitního plánování města Horní Lipová, které se konalo "
                 "3. března 2021 Přítomni: Mgr. Eva Kmetová, Ing. Pavel Drozd, Bc. Irena Pilná Omluveni: "
                 "Ing. Jan Rys, PhDr. Lenka Sovová Přítomno 9 (na část jednání 8) z 11 členů řídící skupiny. "
                 "Jednání zahájila a řídila předsedkyně skupiny Mgr. Eva Kmetová.\n")
    assert ("Lenka Sovová", "PhDr.", None, "excused") in found
    assert not any("Přítomno" in row[0] or "Přítomno" in (row[2] or "") for row in found)


def test_a_chairing_sentence_run_onto_an_absence_list_chairs_only_its_own_subject(tmp_path):
    """"Omluveni: RNDr. Petr Holub, Ph.D., Ing. Karel Mach Zasedání řídil předseda výboru Josef
    Kadlec.": the excused are no chairs (the chair is the one who opens the meeting)."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis z 1. jednání Výboru pro sociální věci města Dolní Rokytná konaného dne Přítomni: dle "
                 "prezenční listiny Omluveni: RNDr. Petr Holub, Ph.D., Ing. Karel Mach Zasedání řídil předseda "
                 "výboru Josef Kadlec. Ověřovatel zápisu: Ing. Ivo Rak Program: 1. Volba ověřovatelů 2. Různé "
                 "Ad 1. Předseda výboru J. Kadlec přivítal přítomné a zahájil zasedání. J. Kadlec na úvod uvedl, "
                 "že příští jednání se uskuteční v zasedacím sále.\n")
    chairs = {row[0] for row in found if row[3] == "chair"}
    assert chairs == {"Josef Kadlec"}
    assert {row[0] for row in found if row[3] == "excused"} == {"Petr Holub", "Karel Mach"}
    assert not any(row[2] and "Mach" in row[2] for row in found)


def test_a_chair_named_in_the_instrumental_takes_the_nominative_of_the_list(tmp_path):
    """"Zasedání bylo zahájeno ... dosavadním starostou města panem Ing. Karlem Lískem": the chair
    is "Karel Lísek", as the list of those present writes him, not "Karlem Lískem"."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis z ustavujícího zasedání Zastupitelstva města Horní Bříza č. 1/2022\n"
                 "Dle prezenční listiny přítomni: Mgr. Alena Dušková, Ing. Karel Lísek, Tomáš Hrubý, "
                 "MUDr. Petra Vaňková\n"
                 "Omluveni: Ing. Ivo Kratochvíl\n"
                 "1. Zahájení\n"
                 "Zasedání Zastupitelstva města Horní Bříza bylo zahájeno v 17:05 hod. dosavadním starostou "
                 "města panem Ing. Karlem Lískem (dále jako „předsedající“).\n")
    chairs = {row[0] for row in found if row[3] == "chair"}
    assert chairs == {"Karel Lísek"}


def test_a_reflexive_verb_of_excusing_lists_the_excused(tmp_path):
    """"Oznámil, že z jednání se omluvili: Mgr. Jitka Horová a MUDr. Aleš Pecka, v průběhu ...":
    the two named after the verb are excused; "Řádně se předem omluvil pan Ing. Vlk" too."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis 5. zasedání Zastupitelstva města Lhotka konaného dne 12. 4. 2023\n"
                 "Jednání zastupitelstva města zahájil a řídil starosta města pan Petr Doubek. Uvítal všechny "
                 "přítomné. Oznámil, že z jednání zastupitelstva města se omluvili: Mgr. Jitka Horová a MUDr. "
                 "Aleš Pecka, v průběhu jednání paní Dana Krátká. Řádně se předem omluvil pan Ing. Vlk, "
                 "místostarosta.\n")
    excused = {row[0] for row in found if row[3] == "excused"}
    assert {"Jitka Horová", "Aleš Pecka", "Vlk"} <= excused
    assert "Petr Doubek" not in excused


def test_a_chair_after_a_function_of_a_body_and_a_second_joined_function(tmp_path):
    """"Schůzi řídil předseda organizace JUDr Vrána" and "Jednání zahájil a řídil předseda
    výboru a předseda vlády ČR Mgr. Karel Dub": the body in the genitive and a second function
    joined by "a" stand between the chairing verb and its subject."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis z výroční schůze Městské rady seniorů Horní Lhota\n"
                 "Výroční schůze se konala 5. 3. 2024 v sále sokolovny. Schůzi řídil předseda organizace "
                 "JUDr Vrána, v úvodním slovu Mgr. Malá vyřešila formální záležitosti.\n")
    assert {row[0] for row in found if row[3] == "chair"} == {"Vrána"}
    found = _run(tmp_path / "b", "zapis.txt",
                 "Zápis ze zasedání Výboru pro seniory, které se konalo 2. května 2023 Přítomni: Mgr. Karel Dub, "
                 "Ing. Eva Horáková, Petr Kos Omluveni: Ing. Jan Lev Jednání zahájil a řídil předseda výboru "
                 "a předseda vlády ČR Mgr. Karel Dub. Mgr. Karel Dub úvodem přivítal členy výboru.\n")
    assert {row[0] for row in found if row[3] == "chair"} == {"Karel Dub"}
