"""Shared extractor helpers: spans, labels; plan-item scopes at block starts (`scopes`)."""

from __future__ import annotations

from pipeline.extract.model import Extraction
from pipeline.extract.common import body_offset, span_row
from pipeline.extract.layout import label_end
from pipeline.extract.scopes import plan_scopes
from tests.extract.blocks import blocks


def test_span_row_trims_spaces_and_clamps():
    (block,) = blocks("Přítomni:  Jana Nováková ")
    row = span_row(block, 9, 99, name="Jana Nováková")
    assert block.text[row["char_start"]:row["char_end"]] == "Jana Nováková"


def test_label_end_ignores_case_and_diacritics():
    """The one label matcher (`layout.label_end`; common.label_match was a copy of it)."""
    end = label_end("PRITOMNI:\tJana", ["přítomni"])
    assert end is not None and "PRITOMNI:\tJana"[end:] == "Jana"
    assert label_end("Přítomnost klientů", ["přítomni"]) is None


def test_body_offset_skips_the_list_label():
    (block,) = blocks("1. Úvod")
    assert block.text[body_offset(block):] == "Úvod"


def test_item_scopes_follow_items_and_end_at_other_headings():
    doc = blocks("# Cíl 1 Bydlení", "text", "## Opatření 1.1 Byty", "R: Město", "# Diskuse", "jiný text",
                 "Uskutečněné aktivity:", "- podání žádosti")
    result = Extraction()
    result.tables["goals"].append({"block_id": 0, "goal_no": "1"})
    result.tables["measures"].append({"block_id": 2, "measure_no": "1.1", "goal_no": "1"})
    result.tables["activities"].append({"block_id": 7, "activity_no": None, "measure_no": "1.1"})
    scopes = plan_scopes(doc, result)
    assert [scopes.at(block) for block in doc] == ["1", "1", "1.1", "1.1", None, None, None, "1.1"]
