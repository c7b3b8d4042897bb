"""Which plan item a position falls under, and lines that name their item themselves."""

from __future__ import annotations

import pytest

from pipeline.extract.itemscope import ItemIndex, explicit_item
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
