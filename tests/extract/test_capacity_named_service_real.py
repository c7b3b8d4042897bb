"""Capacity rows read from real DOCX files through the real run (issue 15, round 7): the service
of a capacity whose text names no service but whose organisation is named after the service it
runs. Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def _rows(out: Path) -> list[tuple]:
    table = pd.read_parquet(out / "capacity_changes.parquet")
    table = table.astype(object).where(table.notna(), None)
    return list(zip(table["organisation"], table["service"], table["unit"], table["change"], table["delta"]))


def test_an_organisation_named_after_its_service_gives_the_capacity_its_service(tmp_path: Path) -> None:
    """"snížení kapacity Domova pro seniory Lhotka, příspěvkové organizace, z 80 na 70 lůžek": the
    service is the one the organisation's name begins with; a service later in a name ("Středisko
    rané péče Klíček") qualifies the name and gives none; a service the text names wins."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociálního výboru",
        "Výbor doporučuje radě schválit snížení kapacity Domova pro seniory Lhotka, příspěvkové "
        "organizace, z 80 na 70 lůžek.",
        "Denní stacionář Jasan, o. p. s. navýšil kapacitu o 3 místa.",
        "Středisko rané péče Klíček, z. ú. přijme 2 nové pracovníky.",
        "Domov pro seniory Vrbice, příspěvková organizace, rozšíří domov se zvláštním režimem o 6 lůžek.",
    ))
    rows = _rows(out)
    assert ("Domov pro seniory Lhotka", "domovy pro seniory", "bed", "decrease", -10.0) in rows
    assert ("Denní stacionář Jasan", "denní stacionáře", "place", "increase", 3.0) in rows
    assert ("Středisko rané péče Klíček", None, "worker", "new", 2.0) in rows
    assert ("Domov pro seniory Vrbice", "domovy se zvláštním režimem", "bed", "increase", 6.0) in rows


def test_a_number_ending_a_name_before_its_legal_form_is_part_of_the_name(tmp_path: Path) -> None:
    """"(realizátor: Pečovatelská služba Lipník 4, p. o.)": a town's numbered part or a year
    written as the last word of a name, after a capitalised word, belongs to the name, so the
    capacity of the item has its organisation; a number after an item label does not."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociální komise",
        "Komise vzala na vědomí, že Spolek Jaro 2004, z. s. navýší kapacitu klubu o 5 klientů.",
        "• Opatření 1.1 Rozšíření kapacity pečovatelské služby z 5 na 7 úvazků "
        "(realizátor: Pečovatelská služba Lipník 4, p. o.)",
    ))
    rows = _rows(out)
    assert ("Pečovatelská služba Lipník 4", "pečovatelská služba", "fte", "increase", 2.0) in rows
    assert ("Spolek Jaro 2004", None, "client", "increase", 5.0) in rows
    names = set(pd.read_parquet(out / "organisations.parquet")["name"])
    assert {"Pečovatelská služba Lipník 4", "Spolek Jaro 2004"} <= names


def test_an_institution_of_social_care_is_named_in_any_case(tmp_path: Path) -> None:
    """"schválit zřízení chráněného bydlení Ústavu sociální péče Javorník pro 6 klientů": the
    facility's name ("Ústav sociální péče" + its place, inflected) is an organisation, so the
    new service and its capacity have their provider; the lower-case noun is no name."""
    out = run_docx(tmp_path, minutes(
        "Zápis ze zasedání sociálního výboru",
        "Výbor doporučuje radě kraje schválit zřízení chráněného bydlení Ústavu sociální péče Javorník "
        "pro 6 klientů v rámci transformace pobytových služeb.",
        "Klienti ústavu sociální péče se do nových domácností přestěhují postupně.",
    ))
    assert ("Ústav sociální péče Javorník", "chráněné bydlení", "client", "new", 6.0) in _rows(out)
    services = pd.read_parquet(out / "services.parquet")
    assert list(zip(services["service_type"], services["organisation"])) == \
        [("chráněné bydlení", "Ústav sociální péče Javorník")]
    assert "Ústav sociální péče" not in set(pd.read_parquet(out / "organisations.parquet")["name"])


def test_a_one_word_name_takes_the_one_longer_name_holding_it(tmp_path: Path) -> None:
    """"Pavel Hora z Městské charity Dolany informoval … Charita proto plánuje navýšení …": the
    bare head stands for the one longer name of the document that holds it, in the capacity
    rows as in the services."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Osoby v krizi",
        "Pavel Hora z Městské charity Dolany informoval, že azylový dům má kapacitu 10 lůžek. Charita "
        "proto od ledna plánuje navýšení kapacity azylového domu na 14 lůžek.",
    ))
    rows = _rows(out)
    assert {org for org, *_ in rows} == {"Městská charita Dolany"}
    services = pd.read_parquet(out / "services.parquet")
    assert set(services["organisation"]) == {"Městská charita Dolany"}


def test_a_plan_item_label_word_is_never_a_first_name(tmp_path: Path) -> None:
    """"Aktivita Zavedení terénní formy ... s kapacitou 1 úvazku": the capitalised word after an
    item's label opens its title; taken with the label for a person's name it hid the change
    word ("zavedení" makes the capacity new, "navýšení" an increase). A label before a person
    marked as one ("Aktivita Mgr. Nováková") still leaves the person."""
    out = run_docx(tmp_path, minutes(
        "Akční plán sociálních služeb Lipno na rok 2025",
        "Opatření 2.1 Podpora terénních služeb",
        "Aktivita Zavedení terénní formy sociální rehabilitace s kapacitou 1 úvazku",
        "Realizátor: Spolek Brána, z. s.",
        "Aktivita Navýšení kapacity osobní asistence o 2 úvazky",
    ))
    rows = [(service, unit, change, delta) for _, service, unit, change, delta in _rows(out)]
    assert rows == [("sociální rehabilitace", "fte", "new", 1.0), ("osobní asistence", "fte", "increase", 2.0)]


def test_the_person_spans_leave_an_item_title_and_keep_a_marked_person() -> None:
    """The person spans themselves (the one recogniser every table reads)."""
    from pipeline.extract.nlp import nlp

    pipeline = nlp()
    title = pipeline("Opatření Rozšíření kapacity o 2 lůžka")
    assert list(title.spans["person"]) == []
    marked = pipeline("Aktivita Mgr. Eva Nováková představila plán")
    assert [s._.person.name for s in marked.spans["person"]] == ["Eva Nováková"]
