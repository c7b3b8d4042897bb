"""Which plan item a position falls under (`scopes.PlanScopes`, the one scope analysis), and
lines that name their item themselves."""

from __future__ import annotations

import pytest

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract import annotate
from pipeline.extract.plan import extract as extract_plan
from pipeline.extract.scopes import PlanItem, PlanScopes as ItemIndex, explicit_item, plan_number, plan_scopes
from tests.extract.blocks import blocks
from tests.extract.test_organisations import with_plan


@pytest.mark.parametrize("text, number", [
    ("K opatření 4.2: předpokládá se zřízení služby.", "4.2"),
    ("k aktivitě 1.2.1 se vyjádřila Charita.", "1.2.1"),
    ("U cíle 4 skupina doplnila termín.", "4"),
    ("K prioritě 3. nebyly připomínky.", "3"),
])
def test_a_line_that_names_its_item(text, number):
    assert explicit_item(text) == number


@pytest.mark.parametrize("text", [
    "K bodu 3 programu.", "Kapacita opatření 4.2 je dostatečná.", "K opatření skupina nemá připomínky.",
    "K 31. 12. 2023 bylo splněno.",
])
def test_lines_that_name_no_item(text):
    assert explicit_item(text) is None


def test_explicit_reference_wins_over_the_item_in_scope():
    items = blocks("## Cíl 2 Podpora rodin s dětmi",
                   "Skupina navrhla tato opatření.",
                   "K opatření 2.4: počítá se s azylovým domem.",
                   "Další text k cíli.")
    index = ItemIndex(items, with_plan(items))
    assert [index.at(b) for b in items] == ["2", "2", "2.4", "2"]


def test_scope_ends_at_a_section_marker_and_a_heading():
    items = blocks("### Aktivita 1.1.1 Terénní práce", "R: Oáza", "K bodu 4", "Text.", "# Různé", "Text.")
    index = ItemIndex(items, with_plan(items))
    assert [index.at(b) for b in items] == ["1.1.1", "1.1.1", None, None, None, None]


# --------------------------------------------------------------------------- numbers with letters


@pytest.mark.parametrize("text, number", [
    ("K opatření C.2: skupina doporučila termín.", "C.2"),
    ("Ke prioritě D nebyly připomínky.", "D"),
    ("U opatření II.4 se počítá s obcí.", "II.4"),
])
def test_a_line_names_an_item_numbered_with_a_letter(text, number):
    assert explicit_item(text) == number


@pytest.mark.parametrize("text", [
    "K cíli a opatřením se vrátíme.",  # "a" is a word, not an item
    "U opatření č. 5 je poznámka.",
])
def test_lower_case_letters_and_other_numbers_name_no_item(text):
    assert explicit_item(text) is None


@pytest.mark.parametrize("text, number", [
    ("2.3.1", "2.3.1"), ("2.3.", "2.3"), (" D.4 ", "D.4"), ("IV", "IV"), ("7", "7"),
    ("2024", None), ("d.4", None), ("a)", None), ("č. 7", None), ("", None),
])
def test_plan_number(text, number):
    assert plan_number(text) == number


def test_items_numbered_with_letters_scope_the_lines_below_them():
    items = blocks("## Priorita D Bydlení",
                   "### Opatření D.1 Startovací byty",
                   "Realizátor: Lípa, z. s.",
                   "### Opatření D.2 Azylové bydlení",
                   "Plán: 6 lůžek")
    index = ItemIndex(items, with_plan(items))
    assert [index.at(b) for b in items] == ["D", "D.1", "D.1", "D.2", "D.2"]


# --------------------------------------------------------------------------- lines of one block


def test_a_section_line_inside_a_block_ends_the_item():
    text = "Opatření 2.1 Terénní práce\nRealizátor: Lípa, z. s.\nAd 3)\nHost představil novou výzvu."
    items = [BlockView(0, "paragraph", text)]
    result = Extraction()
    result.tables["measures"].append({"block_id": 0, "char_start": 0, "measure_no": "2.1"})
    index = ItemIndex(items, result)
    assert index.at(items[0], text.index("Lípa")) == "2.1"
    assert index.at(items[0], text.index("Host")) is None


def test_a_line_inside_a_block_that_names_its_item():
    text = "Různé podněty členů:\nK opatření 5.2: počítá se s novou službou.\nDalší jednání v květnu."
    items = [BlockView(0, "paragraph", text)]
    index = ItemIndex(items, Extraction())
    assert index.at(items[0], text.index("počítá")) == "5.2"
    assert index.at(items[0], text.index("Další")) is None


# --------------------------------------------------------------------------- one analysis, typed items


def test_the_plan_relation_s_items_become_typed_items_with_their_scope():
    items = blocks("## Cíl 2 Podpora rodin", "### Opatření 2.1 Azylový dům", "Uskutečněné aktivity:",
                   "- podání žádosti o dotaci", "- výběr dodavatele stavby")
    document, result = annotate(items), Extraction()
    extract_plan(document, result)
    scopes = plan_scopes(document, result)
    assert PlanItem("measure", "2.1", "2", 1, 13) in scopes.items  # the title starts after "Opatření 2.1 "
    assert {(i.kind, i.scope) for i in scopes.items if i.kind == "activity"} == {("activity", "2.1")}
    assert [scopes.at(b, len(b.text) - 1) for b in items] == ["2", "2.1", "2.1", "2.1", "2.1"]
    assert plan_scopes(document, result) is scopes  # built once per document (document.memo)


def test_blocks_under_any_item_are_in_the_plan():
    """`in_plan`: from an item's block (numbered or not) to the next heading or section."""
    items = blocks("Cíl KPSS a sociální práce: dostupnost", "Jana Nováková: připraví dotazník", "K bodu 4",
                   "Petr Malý: informoval o dotacích", "### Opatření 1.1 Byty", "text", "# Různé", "text")
    result = Extraction()
    result.tables["goals"].append({"block_id": 0, "char_start": 38, "goal_no": None})
    result.tables["measures"].append({"block_id": 4, "char_start": 0, "measure_no": "1.1", "goal_no": None})
    scopes = plan_scopes(items, result)
    assert sorted(scopes.in_plan) == [0, 1, 4, 5]
    assert [scopes.at(b) for b in items] == [None, None, None, None, "1.1", "1.1", None, None]
