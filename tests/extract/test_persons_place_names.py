"""Session 12 (real14): a place's name whose words look like a surname and a given name is no
person, so the organisation holding it keeps its whole name (invented towns, bodies and persons;
the construction is real: "Pečovatelská služba města Mladá Boleslav, p.o.", "obec Svatý Mikuláš")."""

from __future__ import annotations

import math

from pipeline.extract.nlp import nlp
from tests.docx_factory import run_html, table_rows


def _rows(out, table: str, *columns: str) -> set[tuple]:
    return {tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in table_rows(out, table, *columns)}


def _strong(text: str) -> list[str]:
    doc = nlp()(text)
    return [s._.person.name for s in doc.spans["person"] if s._.person.strong]


def test_a_surname_and_given_name_of_other_genders_are_a_place_not_a_person():
    """"Dlouhá Radoslav" (a feminine -á word and a masculine given name) and "Veselý Jana" are no
    person; "Nová Jana", "Malá Eva", "Veselý Petr" written surname first still are."""
    assert _strong("Realizátor: Oblastní charita Dlouhá Radoslav") == []
    assert _strong("Přítomni: Veselý Jana") == []
    assert _strong("Přítomni: Nová Jana, Malá Eva, Veselý Petr, Jan Dlouhý") == [
        "Nová Jana", "Malá Eva", "Veselý Petr", "Jan Dlouhý"]
    assert _strong("Přítomna: Mgr. Dlouhá Radoslav") == ["Dlouhá Radoslav"]  # a title says a person


def test_words_after_a_place_introducing_word_are_the_place():
    """"obec Svatý Vojtěch" is the village; "starosta obce Jan Malý" is still a person."""
    assert _strong("Do akce se zapojí obec Svatý Vojtěch.") == []
    assert _strong("Jednání zahájil starosta obce Jan Malý.") == ["Jan Malý"]


def test_the_organisation_holding_such_a_place_keeps_its_name(tmp_path):
    """The charity, the town's allowance organisation and the town keep their whole names, and the
    charity its capacity and its service."""
    out = run_html(tmp_path, (
        "<h1>Akční plán sociálních služeb města Dlouhá Radoslav na rok 2021</h1>"
        "<p>Opatření 3.2 Rozšíření odlehčovací služby</p>"
        "<p>Oblastní charita Dlouhá Radoslav rozšíří odlehčovací služby o 1,5 úvazku.</p>"
        "<p>Opatření 3.3 Podpora pečovatelské služby</p>"
        "<p>Realizátor: Sociální služby města Dlouhá Radoslav, p. o.</p>"
        "<p>Plán financuje Město Dlouhá Radoslav z rozpočtu města.</p>"
        "<p>Přítomni: Nová Jana, Veselý Petr</p>"))
    names = {row[0] for row in _rows(out, "organisations", "name")}
    assert {"Oblastní charita Dlouhá Radoslav", "Sociální služby města Dlouhá Radoslav",
            "Město Dlouhá Radoslav"} <= names
    assert "Oblastní charita" not in names
    capacity = _rows(out, "capacity_changes", "organisation", "delta")
    assert ("Oblastní charita Dlouhá Radoslav", 1.5) in capacity
    services = _rows(out, "services", "service_type", "organisation")
    assert ("odlehčovací služby", "Oblastní charita Dlouhá Radoslav") in services
