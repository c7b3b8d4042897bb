"""Plan items numbered with letters and Roman numerals, tables whose number column is a
plain "Číslo", and the planned/achieved lines of an evaluation under an item.

The examples are invented; each class has negatives: prose and lower-case words after a
label, a table that lists people, and "č." (folded to "c.") before a number."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.plan import extract
from pipeline.extract.plan.rules import part_order
from tests.extract.blocks import blocks


def plan(*lines: str) -> dict[str, list[dict[str, Any]]]:
    return run(blocks(*lines))


def run(items: list[BlockView]) -> dict[str, list[dict[str, Any]]]:
    result = Extraction()
    extract(items, result)
    by_id = {b.block_id: b for b in items}
    for table in ("goals", "measures", "activities"):
        for row in result.tables[table]:
            assert row["title"] in by_id[row["block_id"]].text[row["char_start"]:row["char_end"]] \
                or by_id[row["block_id"]].text[row["char_start"]:row["char_end"]] in row["title"], row
    return result.tables


def rows(tables: dict[str, list[dict[str, Any]]], table: str, *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in tables[table]]


# --------------------------------------------------------------------------- letters and Roman numerals


def test_letter_numbered_priorities_and_measures():
    tables = plan(
        "### Priorita A: Dostupné služby pro lidi s demencí",
        "#### Opatření A.1 Rozšíření denního stacionáře",
        "- Realizátor: Spolek Pomněnka, z. s.",
        "#### Opatření A.2 Vzdělávání pečujících",
        "### Priorita B: Bydlení pro lidi v krizi",
        "#### Opatření B.1 Krizové byty ve městě",
    )
    assert rows(tables, "goals", "goal_no", "title") == [("A", "Dostupné služby pro lidi s demencí"),
                                                          ("B", "Bydlení pro lidi v krizi")]
    assert rows(tables, "measures", "measure_no", "goal_no", "title") == [
        ("A.1", "A", "Rozšíření denního stacionáře"), ("A.2", "A", "Vzdělávání pečujících"),
        ("B.1", "B", "Krizové byty ve městě")]


def test_letter_c_is_a_number_and_c_with_caron_an_abbreviation():
    tables = plan("Priorita C – Společné kroky obcí",
                  "Opatření C.1 Katalog služeb pro veřejnost",
                  "Opatření č. 2.4 Dluhová poradna",
                  "Opatření č.3.1 Sdílený dopravní automobil")
    assert rows(tables, "goals", "goal_no") == [("C",)]
    assert rows(tables, "measures", "measure_no", "goal_no") == [("C.1", "C"), ("2.4", "2"), ("3.1", "3")]


def test_roman_numbered_goals_with_their_measures_and_activities():
    tables = plan("## Cíl II. Podpora rodin v obtížné situaci",
                  "### Opatření II.3 Rodinné poradenství",
                  "#### Aktivita II.3.1 Poradna v Dolní Lhotě",
                  "## Cíl III – Práce s mládeží")
    assert rows(tables, "goals", "goal_no", "title") == [("II", "Podpora rodin v obtížné situaci"),
                                                          ("III", "Práce s mládeží")]
    assert rows(tables, "measures", "measure_no", "goal_no") == [("II.3", "II")]
    assert rows(tables, "activities", "activity_no", "measure_no", "title") == [
        ("II.3.1", "II.3", "Poradna v Dolní Lhotě")]


def test_letter_goal_with_its_title_on_the_next_line():
    tables = plan("Priorita D", "Spolupráce se školami a lékaři", "Opatření D.2 – Společné porady")
    assert rows(tables, "goals", "goal_no", "title") == [("D", "Spolupráce se školami a lékaři")]
    assert rows(tables, "measures", "measure_no", "goal_no") == [("D.2", "D")]


def test_letter_goals_run_together_in_one_paragraph():
    tables = plan("Priorita A - Péče doma. Priorita B - Krizová pomoc. Priorita C - Informace pro občany")
    assert rows(tables, "goals", "goal_no", "title") == [("A", "Péče doma"), ("B", "Krizová pomoc"),
                                                          ("C", "Informace pro občany")]


def test_children_introduced_for_a_letter_numbered_measure():
    tables = plan("Realizované aktivity k opatření E.2:", "- tisk letáku pro seniory", "- beseda v knihovně")
    assert rows(tables, "activities", "activity_no", "measure_no", "title") == [
        (None, "E.2", "tisk letáku pro seniory"), (None, "E.2", "beseda v knihovně")]


@pytest.mark.parametrize("line", [
    "Opatření a aktivity plánu budou projednány v září.",
    "Cíl v rámci setkání: seznámit se s novými členy",
    "Priorita B podle usnesení rady zůstává beze změny.",
    "Opatření V. etapy projektu se odkládají.",
    "Priorita A je nadále platná.",
])
def test_capital_letters_or_lower_case_words_that_are_no_numbers(line):
    tables = plan(line)
    assert tables["goals"] == tables["measures"] == tables["activities"] == []


@pytest.mark.parametrize("previous, number, expected", [
    ("I", "II", (1, 2)), ("IV", "V", (4, 5)), ("B", "C", (66, 67)), ("H", "I", (72, 73)), ("3", "4", (3, 4)),
    ("2", "B", None),
])
def test_order_of_number_parts(previous, number, expected):
    assert part_order(previous, number) == expected


# --------------------------------------------------------------------------- tables with a plain number column


def test_table_numbered_by_a_plain_number_column_and_titled_by_the_kind_column():
    tables = plan("## Opatření 5.2 Služby pro lidi bez domova",
                  "| Číslo | Aktivita | Realizátor | Kapacita |",
                  "| 5.2.1 | Zimní provoz noclehárny | Spolek Přístřeší | 8 lůžek |",
                  "| 5.2.2 | Hygienické centrum | Město Dolní Lhota | – |",
                  "|  | Poznámka bez čísla | | |")
    assert rows(tables, "activities", "activity_no", "measure_no", "title") == [
        ("5.2.1", "5.2", "Zimní provoz noclehárny"), ("5.2.2", "5.2", "Hygienické centrum")]


def test_plain_number_column_with_an_inflected_kind_in_the_title_header():
    tables = plan("| Č. | Název opatření | Garant |", "| 1.4 | Terénní práce ve vesnicích | Obec Lipová |",
                  "| B.2 | Dobrovolníci v nemocnici | Spolek Ruka |")
    assert rows(tables, "measures", "measure_no", "goal_no", "title") == [
        ("1.4", "1", "Terénní práce ve vesnicích"), ("B.2", "B", "Dobrovolníci v nemocnici")]


def test_letter_numbers_in_a_number_column():
    tables = plan("| Opatření č. | Název opatření |", "| F.1 | Sdílené odlehčovací lůžko |")
    assert rows(tables, "measures", "measure_no", "goal_no") == [("F.1", "F")]


@pytest.mark.parametrize("header, row", [
    ("| Číslo | Jméno | Organizace |", "| 1 | Jana Lipová | Spolek Ruka |"),
    ("| Číslo | Služba | Kapacita |", "| 3 | Noclehárna | 10 lůžek |"),
])
def test_plain_number_tables_that_name_no_plan_items(header, row):
    tables = plan(header, row)
    assert tables["goals"] == tables["measures"] == tables["activities"] == []


def test_kind_column_that_holds_its_own_numbers_keeps_them():
    tables = plan("| Číslo | Aktivita | Termín |", "| 1 | 3.2.1 Půjčovna pomůcek | 2025 |")
    assert rows(tables, "activities", "activity_no", "title") == [("3.2.1", "Půjčovna pomůcek")]


# --------------------------------------------------------------------------- evaluations: plan and reality


def test_planned_and_achieved_lines_are_no_titles():
    tables = plan("#### Opatření 6.1", "Plán: zřízení dvou krizových bytů", "Skutečnost: zřízen jeden byt",
                  "#### Opatření 6.2 Půjčovna kompenzačních pomůcek", "- Plán: 20 pomůcek",
                  "- Skutečnost: 14 pomůcek", "- Hodnocení: splněno částečně")
    assert rows(tables, "measures", "measure_no", "title") == [("6.2", "Půjčovna kompenzačních pomůcek")]
    assert tables["activities"] == []


def test_nested_bullets_of_activities_with_their_details():
    tables = plan("Opatření 7.1 Podpora pečujících rodin",
                  "- Aktivita 7.1.1 Svépomocná skupina pečujících",
                  "  - Realizátor: Spolek Pomněnka, z. s.",
                  "  - Skupina se sešla šestkrát. Plněno.",
                  "- Aktivita 7.1.2 Odlehčovací pobyty o prázdninách",
                  "  - Realizátor: nestanoven")
    assert rows(tables, "activities", "activity_no", "measure_no", "title") == [
        ("7.1.1", "7.1", "Svépomocná skupina pečujících"),
        ("7.1.2", "7.1", "Odlehčovací pobyty o prázdninách")]
