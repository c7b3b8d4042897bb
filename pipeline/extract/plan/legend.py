"""A plan that names its levels in a legend instead of labelling each item.

Plans written in a planning database (DataPlán and its likes) number their items by position
("A." / "A.1" / "A.1.1", "1." / "1.1" / "1.1.1") and say once, in a legend, what each level is:

    A. "Priorita"
    A.1 "Opatření"
    A.1.1 "Aktivita"

or, in a strategy database's table view, on one line after a lead-in:

    Názvy hierarchických úrovní: 1 „Priorita“, 1.1 „Opatření“

A legend entry is a number and a plan label of configs/plan.toml [labels] (in quotes or
not), alone on its line or one of several on a line (separated by commas or semicolons, after
a lead-in that ends with a colon); two or more entries with different depths make a legend.
The items below are then the one-line headings and paragraphs that open with a number of the
same shape (depth, and letters or figures first) and a capitalised title: "A.1 Zajistit
dostupnost terénních služeb" is a measure, "B. RODINY S DĚTMI" a goal. In a table, the item
is a row whose first cell holds the number alone and whose next cell holds the title
("1.1" | "Udržet kapacity ..."), or a cell whose line under a lead-in ending in a colon opens
with the number ("Poskytovatelé pobytových služeb:" / "1.2. Rozšíří ..."; the lead-in names
who does it and is no part of the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.extract.common import alternation, body_offset
from pipeline.extract.model import BlockView
from pipeline.extract.text import fold
from pipeline.extract.plan.rules import KINDS, rules

# A level's number as written: figures, capitals (with figures glued: "S1") or a Roman numeral
# first, then ".figures" parts; a trailing dot.
_NUMBER = r"(?P<num>(?:\d{1,2}|[A-Z]{1,2}\d{0,2})(?:\.\d{1,2}){0,3})\.?"
_ITEM = re.compile(rf"\s*{_NUMBER}\s+(?=[„\"']?[^\W\d_])")
_QUOTES = "\"'„“”‚‘’"
_MAX_TITLE_WORDS = 25
_NUMBER_ONLY = re.compile(rf"\s*{_NUMBER}\s*")
_LEAD_IN = re.compile(r"[^\n:]{1,150}:\s*\n")  # "Obce s rozšířenou působností:" and a line break
_ENTRY_SEPARATOR = re.compile(r"[,;]\s*")
_MAX_LEGEND_CHARS = 200


@lru_cache(maxsize=1)
def _entry() -> re.Pattern[str]:
    """A legend line over folded text: a number, then a plan label alone (quotes around it)."""
    labels = alternation(list(rules().label_kind))
    return re.compile(rf"\s*(?P<num>(?:\d{{1,2}}|[a-z]{{1,2}}\d{{0,2}})(?:\.\d{{1,2}}){{0,3}})\.?\s*[{_QUOTES}]?"
                      rf"(?P<label>{labels})[{_QUOTES}]?\s*:?\s*$")


def _shape(number: str) -> tuple[int, bool]:
    """(depth, whether the first part holds letters): "A.1" -> (2, True), "1.1.1" -> (3, False)."""
    return number.count(".") + 1, not number.split(".")[0].isdigit()


@dataclass(frozen=True)
class Legend:
    """The levels a legend names: a number's shape -> the kind of item, and the legend's own blocks."""

    kinds: dict[tuple[int, bool], str]
    blocks: frozenset[int]

    def item(self, block: BlockView) -> tuple[str, str, int] | None:
        """(kind, number, where the title starts) of a block that opens with a number of a
        level the legend names and a capitalised title on one line (in a table cell also on the
        line after a lead-in ending in a colon); None for anything else."""
        cell = block.kind == "table_cell"
        if block.kind not in ("heading", "paragraph", "list_item") and not cell:
            return None
        start = body_offset(block)
        if "\n" in block.text.strip():
            lead = _LEAD_IN.match(block.text, start) if cell else None
            if lead is None or "\n" in block.text[lead.end():].strip():
                return None
            start = lead.end()
        match = _ITEM.match(block.text, start)
        if match is None:
            return None
        number = match.group("num").rstrip(".")
        kind = self.kinds.get(_shape(number))
        title = block.text[match.end():].strip()
        if kind is None or not title.lstrip(_QUOTES)[:1].isupper() or len(title.split()) > _MAX_TITLE_WORDS:
            return None
        if block.kind in ("paragraph", "list_item") and title.endswith((".", "!", "?")):
            return None  # a sentence ("P. Hanus informoval ..."), no item's title; a table's cell holds one item
        return kind, number, match.end()

    def number_cell(self, block: BlockView) -> tuple[str, str] | None:
        """(kind, number) of a table cell that holds only a number of a level the legend names
        ("1.1"): its row's next cell is the item's title."""
        match = _NUMBER_ONLY.fullmatch(block.text) if block.kind == "table_cell" else None
        if match is None:
            return None
        number = match.group("num").rstrip(".")
        kind = self.kinds.get(_shape(number))
        return (kind, number) if kind is not None else None


def legend_of(blocks: Sequence[BlockView]) -> Legend | None:
    """The document's legend of levels, if it has one: two or more legend lines with different
    depths whose kinds go down with the depth (goal above measure above activity)."""
    found: dict[tuple[int, bool], str] = {}
    where: set[int] = set()
    entry = _entry()
    r = rules()
    for index, block in enumerate(blocks):
        text = block.text[body_offset(block):]
        if len(text) > _MAX_LEGEND_CHARS or "\n" in text.strip():
            continue
        for written, label in _entries(text, entry):
            found[_shape(written)] = r.kind_of(label)
            where.add(index)
    ranked = sorted(found.items())
    depths = {depth for (depth, _), _ in ranked}
    if len(depths) < 2 or any(KINDS.index(a[1]) >= KINDS.index(b[1]) for a, b in zip(ranked, ranked[1:])
                              if a[0][1] == b[0][1]):
        return None
    return Legend(found, frozenset(where))


def _entries(text: str, entry: re.Pattern[str]) -> list[tuple[str, str]]:
    """The legend entries of a line, (number as written, label): the line is one entry, or
    entries separated by commas or semicolons after a lead-in ending in a colon ("Názvy
    hierarchických úrovní: 1 „Priorita“, 1.1 „Opatření“"); every piece must be an entry."""
    folded = fold(text)
    colon = text.find(":")
    candidates = [0] if colon < 0 or colon == len(text.rstrip()) - 1 else [0, colon + 1]
    for start in candidates:
        pieces, pos = [], start
        for separator in [*_ENTRY_SEPARATOR.finditer(text, start), None]:
            end = separator.start() if separator else len(text)
            pieces.append((pos, end))
            pos = separator.end() if separator else end
        found = []
        for a, b in pieces:
            match = entry.match(folded[:b], a)
            written = text[match.start("num"):match.end("num")] if match else ""
            if match is None or not (written.split(".")[0].isdigit() or written.split(".")[0][:1].isupper()):
                break
            found.append((written, match.group("label")))
        else:
            if found:
                return found
    return []
