"""Who provides a service, as more real plans and minutes write it (issue 15, the realstyle,
real10 and real11 development sets): the organisation in the genitive right after the service,
the realizátor of a label|value table that describes the item named above it, the operator named
in the row or sentence, a short name standing for the longer one named before; and what is no
provision: a town's house with care service (DPS), a service that a payment is for, a table of
abbreviations. Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx
from tests.extract.test_services import rows, types_in


def test_the_organisation_in_the_genitive_right_after_the_service_provides_it():
    got = rows("Koordinátorka představila hosty: paní Malou (ředitelka Domova Lipová, p. o.) a paní Hrubou "
               "(vedoucí pečovatelské služby Charity Horní Lhota).")
    assert ("pečovatelská služba", "Charita Horní Lhota") in got
    assert ("pečovatelská služba", "Domov Lipová") not in got


def test_a_house_with_care_service_is_housing_not_the_service():
    assert types_in("Výstavba domu s pečovatelskou službou v Lipové (10 bytů)") == []
    assert types_in("byt v Domě s pečovatelskou službou") == []
    assert types_in("spolupráce s pečovatelskou službou města") == [("pečovatelská služba", "§40")]


def test_a_short_name_stands_for_the_longer_name_named_before():
    got = rows("Jana Malá z Oblastní charity Lipová informovala o provozu. Charita proto plánuje navýšení "
               "kapacity noclehárny na 10 lůžek.")
    assert ("noclehárny", "Oblastní charita Lipová") in got
    assert ("noclehárny", "Charita") not in got


def test_the_operator_named_in_the_row_provides_not_the_responsible_town():
    got = rows("| Opatření | Aktivity | Zodpovědnost |",
               "| Opatření 2.1 Výstavba domova se zvláštním režimem | výstavba domova pro 20 klientů, jehož "
               "provozovatelem budou Sociální služby Lipová, p. o. | Město Lipová |")
    assert ("domovy se zvláštním režimem", "Sociální služby Lipová") in got
    assert ("domovy se zvláštním režimem", "Město Lipová") not in got


def test_the_realizator_of_a_record_table_provides_what_its_item_names():
    got = rows("Aktivita Zavedení služby tísňové péče", "| Realizátor | Spolek Jistota, z. s. |",
               "| Plánovaná kapacita | 20 klientů |", "| Stav | splněno |",
               "2.2. Chráněné bydlení", "| Popis opatření | Zřízení chráněného bydlení pro 6 uživatelů. |",
               "| Předpokládaný realizátor | Sdružení Lípa, o. s. |", "| Termín | 2024 |")
    assert ("tísňová péče", "Spolek Jistota") in got
    assert ("chráněné bydlení", "Sdružení Lípa") in got


def test_the_realizator_of_a_financing_item_pays_and_does_not_provide():
    got = rows("| Aktivita 1.2.1 | Dohoda obcí o spolufinancování pečovatelské služby |",
               "| Realizátor | Svazek obcí Lipovska |", "| Spolupráce | Město Lipová |")
    assert ("pečovatelská služba", "Svazek obcí Lipovska") not in got


def test_a_table_of_abbreviations_names_no_service():
    got = rows("Opatření 1.1 Podpora rodin – realizátor: Město Lipová", "Seznam použitých zkratek",
               "| SAS | sociálně aktivizační služby pro rodiny s dětmi |", "| NZDM | nízkoprahové zařízení pro děti a mládež |")
    assert not {t for t, _ in got} & {"sociálně aktivizační služby pro rodiny s dětmi",
                                      "nízkoprahová zařízení pro děti a mládež"}


def test_a_plan_docx_with_record_tables_through_the_whole_run(tmp_path: Path) -> None:
    """A real DOCX: an activity line, then its label|value table with the realizátor; the
    provider of the service the line names is the realizátor."""
    document = minutes("Vyhodnocení akčního plánu 2024", "Opatření 2.1 Rozvoj terénních služeb",
                       "Aktivita Rozšíření osobní asistence do obcí")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate([("Realizátor", "Asistence Lipová, o. p. s."),
                                          ("Plánovaná kapacita", "+1 úvazek"), ("Stav", "splněno")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
    document.add_paragraph("Seznam použitých zkratek")
    glossary = document.add_table(rows=1, cols=2)
    glossary.cell(0, 0).text, glossary.cell(0, 1).text = "SAS", "sociálně aktivizační služby pro rodiny s dětmi"
    out = run_docx(tmp_path, document)
    services = pd.read_parquet(out / "services.parquet")
    got = {(t, o if isinstance(o, str) else None) for t, o in zip(services["service_type"], services["organisation"])}
    assert got == {("osobní asistence", "Asistence Lipová")}


def test_the_realizator_after_the_service_beats_the_item_before_it_on_a_run_together_page():
    got = rows("Návrhy opatření: Opatření 1.1 Rozvoj osobní asistence – realizátor: Charita Lipová Opatření 1.2 "
               "Zřízení odlehčovací služby – realizátor bude upřesněn Opatření 1.3 Navýšení kapacity domova se "
               "zvláštním režimem o 6 lůžek – realizátor: Domov Javor, p. o.")
    assert ("domovy se zvláštním režimem", "Domov Javor") in got
    assert ("domovy se zvláštním režimem", "Charita Lipová") not in got
    assert ("odlehčovací služby", "Domov Javor") not in got


def test_a_sentence_that_speaks_of_the_organisation_by_a_common_noun():
    got = rows("Paní Dubová informovala o terénním programu společnosti Most pro Lipovou, o.p.s., která zaměstnává "
               "2 pracovníky. Od ledna organizace plánuje registrovat také sociálně aktivizační služby pro rodiny "
               "s dětmi.")
    assert ("sociálně aktivizační služby pro rodiny s dětmi", "Most pro Lipovou") in got


def test_an_abbreviation_list_of_tabbed_lines_names_no_service():
    got = rows("Opatření 1.1 Podpora rodin – realizátor: Město Lipová", "# Seznam použitých zkratek",
               "AD\tazylový dům", "DS\tdomov pro seniory")
    assert not {t for t, _ in got} & {"azylové domy", "domovy pro seniory"}
