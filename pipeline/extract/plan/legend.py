"""A plan that names its levels in a legend instead of labelling each item.

Plans written in a planning database (DataPlán and its likes) number their items by position
("A." / "A.1" / "A.1.1", "1." / "1.1" / "1.1.1") and say once, in a legend, what each level is:

    A. "Priorita"
    A.1 "Opatření"
    A.1.1 "Aktivita"

The legend's lines are a number and a plan label of configs/plan.toml [labels] (in quotes or
not), alone on their line; two or more of them with different depths make a legend. The
items below are then the one-line headings and paragraphs that open with a number of the
same shape (depth, and letters or figures first) and a capitalised title: "A.1 Zajistit
dostupnost terénních služeb" is a measure, "B. RODINY S DĚTMI" a goal.
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
        level the legend names and a capitalised title on one line; None for anything else."""
        if block.kind not in ("heading", "paragraph", "list_item") or "\n" in block.text.strip():
            return None
        match = _ITEM.match(block.text, body_offset(block))
        if match is None:
            return None
        number = match.group("num").rstrip(".")
        kind = self.kinds.get(_shape(number))
        title = block.text[match.end():].strip()
        if kind is None or not title.lstrip(_QUOTES)[:1].isupper() or len(title.split()) > _MAX_TITLE_WORDS:
            return None
        if block.kind != "heading" and title.endswith((".", "!", "?")):
            return None  # a sentence ("P. Hanus informoval ..."), no item's title
        return kind, number, match.end()


def legend_of(blocks: Sequence[BlockView]) -> Legend | None:
    """The document's legend of levels, if it has one: two or more legend lines with different
    depths whose kinds go down with the depth (goal above measure above activity)."""
    found: dict[tuple[int, bool], str] = {}
    where: set[int] = set()
    entry = _entry()
    r = rules()
    for index, block in enumerate(blocks):
        text = block.text[body_offset(block):]
        if len(text) > 60 or "\n" in text.strip():
            continue
        match = entry.match(fold(text))
        if match is None:
            continue
        written = text[match.start("num"):match.end("num")]
        if not (written.split(".")[0].isdigit() or written.split(".")[0][:1].isupper()):
            continue
        found[_shape(written)] = r.kind_of(match.group("label"))
        where.add(index)
    ranked = sorted(found.items())
    depths = {depth for (depth, _), _ in ranked}
    if len(depths) < 2 or any(KINDS.index(a[1]) >= KINDS.index(b[1]) for a, b in zip(ranked, ranked[1:])
                              if a[0][1] == b[0][1]):
        return None
    return Legend(found, frozenset(where))
