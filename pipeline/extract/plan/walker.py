"""The walk over an annotated document: labelled items, lists of children and tables, each
written as a row with its number and its parent's number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.common import body_offset, span_row
from pipeline.extract.text import Span, fold, line_spans
from pipeline.extract.dates import date_spans
from pipeline.extract.layout import layout_of
from pipeline.extract.plan.children import PARAGRAPH_MARKER, label_style, looks_like_items, split_flat_items
from pipeline.extract.plan.items import (Hit, after_slide_number, block_hits, can_continue_into,
                                         continues, could_be_title, has_status, intro_match, is_field_line,
                                         line_up_to, trim)
from pipeline.extract.plan.legend import Legend, legend_of
from pipeline.extract.plan.rules import KINDS, NUMBER_COLUMN, PARENT, TABLE, rules
from pipeline.extract.plan.tables import PlanTable, flat_table_rows, plan_tables

_NUMBERS_ONLY = re.compile(r"[\d.\s]+")
_TITLE_END = " \t.,;:–—-"  # what may stand between a title and the end of its line
_CHILD_TAIL = re.compile(r"(\d+)\.?\s+(?=\S)")  # "2.1.|3 Zachovat": the last part of a child's number
_CHILD_TAIL_ANY = re.compile(r"(\d+)\.?\s")


@dataclass
class _Children:
    """An open list of children of a numbered parent (after an introduction)."""

    kind: str
    parent: str | None  # None under an unnumbered parent
    form: str | None = None  # "list_item" or "paragraph": the list ends at a block of the other form
    level: int | None = None  # the list level of the items; deeper items are their details
    marked: bool = False  # the items are paragraphs that start with a typed marker ("2.1 Zachovat", "a) ...")
    style: str | None = None  # how the list labels its items ("a)", "1.", "I.", "1.1", a bullet)


@dataclass
class Walker:
    """Walks the blocks once, keeping the numbered goal and measure above the current block."""

    document: Annotated
    result: Extraction
    context: dict[str, str | None] = field(default_factory=lambda: {"goal": None, "measure": None})
    children: _Children | None = None
    consumed: set[int] = field(default_factory=set)
    emitted: set[tuple[Any, ...]] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)  # agenda titles: a line repeating one opens a section
    open_kind: str | None = None  # the kind of the goal or measure above, numbered or not
    outline: tuple[int, frozenset[str]] | None = None  # an open "Cíle a opatření" section: its level, kinds
    legend: Legend | None = None  # the levels the document names in a legend ('A.1 "Opatření"')

    def run(self) -> None:
        self.sections = {_section_key(r.get("title", "")) for r in self.result.tables.get("agenda_items", [])}
        self.legend = legend_of(self.document)
        tables = plan_tables(self.document)
        aside = layout_of(self.document).aside_blocks  # a portal's list of other documents
        for index, block in enumerate(self.document):
            if index in self.consumed or block.block_id in aside:
                continue
            if block.table_id is not None and block.table_id in tables:
                self._table(tables.pop(block.table_id))
                continue
            self._block(index, block)

    # -- one block

    def _block(self, index: int, block: BlockView) -> None:
        if _is_not_plan(block):
            self._reset()
            return
        if self.legend is not None and self._legend_item(index, block):
            return
        if self.children is not None and _section_key(block.text[body_offset(block):]) in self.sections:
            self._reset()  # the next agenda point closes an open list of children
        if self._outline(block):
            return
        if self._flat_table(block):
            return
        intro = self._intro(index, block)
        if intro is not None:
            self.children = intro
            return
        hits = block_hits(block)
        if hits:
            self.children = None
            self._hits(index, block, hits)
            return
        if self.children is not None and self._child_block(block):
            return
        if self._bare_title(index, block):
            return
        if self._numbered_under_context(block):
            return
        self.children = None
        if block.kind == "heading" or _section_key(block.text[body_offset(block):]) in self.sections:
            self._reset()

    def _legend_item(self, index: int, block: BlockView) -> bool:
        """A line of the legend (no item), or an item numbered at a level the legend names."""
        assert self.legend is not None
        if index in self.legend.blocks:
            return True
        numbered = self.legend.number_cell(block)
        nxt = self.document[index + 1] if index + 1 < len(self.document) else None
        if numbered is not None and nxt is not None and nxt.table_id == block.table_id and nxt.row == block.row:
            self.children = None  # "1.1" | "Udržet kapacity …": the row's next cell is the title
            self.consumed.add(index + 1)
            self._item(numbered[0], numbered[1], [Span(nxt, 0, len(nxt.text))])
            return True
        found = self.legend.item(block)
        if found is None:
            return False
        kind, number, start = found
        self.children = None
        self._item(kind, number, [Span(block, start, len(block.text))])
        return True

    def _reset(self) -> None:
        """A heading that is no plan item, or the next agenda point, closes the plan section above it."""
        self.context = {"goal": None, "measure": None}
        self.children = None
        self.open_kind = None

    # -- labelled items

    def _hits(self, index: int, block: BlockView, hits: list[Hit]) -> None:
        lines = line_spans(block.text)
        for position, hit in enumerate(hits):
            pieces = [Span(block, hit.title_start, hit.title_end)]
            last_on_line = position == len(hits) - 1 or hits[position + 1].line_end != hit.line_end
            line_no = next(n for n, (s, e) in enumerate(lines) if s <= hit.title_start <= e)
            if last_on_line and not has_status(pieces[0]) and hit.title_end >= lines[line_no][1] \
                    and not block.text[trim(pieces[0]).end:lines[line_no][1]].strip(_TITLE_END):
                # not after a title that ends before the end of its line ("… – Domov X, p. o. otevřel …")
                pieces = self._continue_title(index, block, line_no, pieces)
            self._item(hit.kind, hit.number, pieces)

    def _continue_title(self, index: int, block: BlockView, line_no: int, pieces: list[Span]) -> list[Span]:
        """Add the following lines of the block, then of the next blocks, that carry on the title."""
        lines = line_spans(block.text)
        for start, end in lines[line_no + 1:]:
            if not self._join(pieces, Span(block, start, end)):
                return pieces
        nxt = index + 1
        while nxt < len(self.document) and can_continue_into(block, self.document[nxt]):
            candidate = self.document[nxt]
            if not all(self._join(pieces, Span(candidate, s, e)) for s, e in line_spans(candidate.text)):
                break  # a block holding the end of the title and other lines stays for the walk
            self.consumed.add(nxt)
            nxt += 1
        return pieces

    def _join(self, pieces: list[Span], piece: Span) -> bool:
        """Append `piece` when it carries on the title (or is the title of a bare label);
        True when the title may go on after it."""
        if any(trim(p).end > trim(p).start for p in pieces):
            ok = continues(line_up_to(pieces[-1]), piece.text)
        else:
            ok = could_be_title(piece.text)
        if ok:
            pieces.append(piece)
        return ok and not has_status(piece)

    def _item(self, kind: str, number: str | None, pieces: list[Span]) -> None:
        """Write one labelled item and make it the context of the items below it."""
        trimmed = [p for p in (trim(p) for p in pieces) if p.end > p.start]
        number = number.rstrip(".") if number else None
        parent = self._parent(kind, number)
        if trimmed:
            title = " ".join(" ".join(p.text.split()) for p in trimmed)
            first = trimmed[0]
            self._row(kind, first.block, first.start, first.end, number, parent, title)
        self._enter(kind, number, parent)

    def _parent(self, kind: str, number: str | None) -> str | None:
        """The parent's number: the item's own number without its last part, else the
        numbered item of the parent kind above (1.2.1 -> 1.2; "Opatření 2" under Cíl 3 -> 3)."""
        parent_kind = PARENT[kind]
        if parent_kind is None:
            return None
        if number and "." in number:
            return number.rsplit(".", 1)[0]
        return self.context[parent_kind]

    def _enter(self, kind: str, number: str | None, parent: str | None) -> None:
        """Make a goal or measure the context of the items below it."""
        if kind == "goal":
            self.context = {"goal": number, "measure": None}
        elif kind == "measure":
            self.context = {"goal": parent, "measure": number}
        if kind in ("goal", "measure"):
            self.open_kind = kind

    def _row(self, kind: str, block: BlockView, start: int, end: int, number: str | None, parent: str | None,
             title: str) -> None:
        """Append a row unless the same item (number, parent, title) was already written."""
        title = " ".join(title.split()).strip()
        key = (kind, number, parent, fold(title))
        if not title or key in self.emitted:
            return
        self.emitted.add(key)
        fields: dict[str, Any] = {NUMBER_COLUMN[kind]: number, "title": title}
        if PARENT[kind]:
            fields[NUMBER_COLUMN[PARENT[kind]]] = parent
        self.result.tables[TABLE[kind]].append(span_row(block, start, end, **fields))

    def _bare_title(self, index: int, block: BlockView) -> bool:
        """"Aktivita Vydání průvodce ..." under "Opatření 1.1 ...": a label of [labels] bare_title
        written with a capital and followed by a capitalised title, without a number or a colon, is
        an unnumbered item of the numbered parent above it (and nothing without such a parent)."""
        r = rules()
        offset = body_offset(block)
        match = r.bare_title.match(fold(block.text), offset)
        if match is None or not block.text[offset:offset + 1].isupper():
            return False
        kind = r.kind_of(match.group("label"))
        parent_kind = PARENT[kind]
        start = match.end()
        if parent_kind is None or not self.context[parent_kind] or not block.text[start].isupper() \
                or fold(block.text[start:].split(maxsplit=1)[0]) in r.prose_after_number:
            return False
        line_end = block.text.find("\n", start)
        pieces = [Span(block, start, len(block.text) if line_end < 0 else line_end)]
        if not has_status(pieces[0]):
            pieces = self._continue_title(index, block, 0, pieces)
        self._item(kind, None, pieces)
        return True

    def _numbered_under_context(self, block: BlockView) -> bool:
        """A list item or paragraph that opens with a number one level under the measure (or goal)
        above it: "• A.1.1 Navýšení kapacity … Garant: X" under "Opatření A.1" is activity A.1.1."""
        body_start = body_offset(block)
        for kind, parent_kind in (("activity", "measure"), ("measure", "goal")):
            parent = self.context[parent_kind]
            if not parent:
                continue
            found = _child_number(block.text, body_start, parent, _CHILD_TAIL)
            if found is None:
                label = (block.label or "").strip().rstrip(".")
                if block.kind != "list_item" or not _numbers_child(label, parent):
                    continue
                number, start = label, body_start
            else:
                number, start = found
            self._item(kind, number, [Span(block, start, len(block.text))])
            return True
        return False

    # -- a section of numbered headings ("c) Cíle a opatření" / "1.1. Zachování ...")

    def _outline(self, block: BlockView) -> bool:
        """A heading that names only item kinds opens a section in which a numbered heading (or
        one-line paragraph) "1.1. Title" is the item of the kind of its number's depth (goal 1
        part, measure 2, activity 3) when the section names that kind; the next heading of the
        section's level or above ends it. True when the block was read here."""
        level = block.level if block.level is not None else 0
        if block.kind == "heading":
            kinds = _outline_kinds(block.text)
            if kinds:
                self._reset()
                self.outline = (level, kinds)
                return True
        if self.outline is None:
            return False
        numbered = _OUTLINE_ITEM.match(block.text, body_offset(block))
        kind = KINDS[numbered.group(1).count(".")] if numbered and numbered.group(1).count(".") < len(KINDS) else None
        if numbered and kind in self.outline[1] and block.kind in ("heading", "paragraph") \
                and block.text[numbered.end()].isupper() and "\n" not in block.text.strip():
            self._item(kind, numbered.group(1), [Span(block, numbered.end(), len(block.text))])
            return True
        if block.kind == "heading" and level <= self.outline[0]:
            self.outline = None
        return False

    # -- lists of children under an introduction

    def _intro(self, index: int, block: BlockView) -> _Children | None:
        """"Uskutečněné aktivity k naplnění opatření [3.1]:" opens a list of children of 3.1;
        a bare "Aktivity:" does so only when list items follow, or paragraphs numbered under the
        parent ("Aktivity:" / "2.1.1 Rozšíření ..." under Opatření 2.1). Under an unnumbered
        parent ("Dílčí cíl: Podpora ..." / "Opatření:" / "• Zavedení ...") a bare introduction
        followed by list items opens a list of unnumbered children without a parent number."""
        offset = after_slide_number(block.text, body_offset(block))
        nxt = self.document[index + 1] if index + 1 < len(self.document) else None
        if nxt is not None and nxt.kind == "list_item" and block.kind != "list_item" and _lists_goals(block.text[offset:]):
            self._reset()
            return _Children("goal", None)
        match = intro_match(block.text[offset:])
        if match is None:
            return None
        kind, number, rest, bare = match
        parent = number or self._parent(kind, None)
        if bare and (nxt is None or (nxt.kind != "list_item" and not _numbers_under(nxt, parent))):
            return None
        if not parent and not (bare and nxt is not None and nxt.kind == "list_item"
                               and self.open_kind == PARENT[kind]) and not _numbered_at_depth(nxt, kind):
            return None
        children = _Children(kind, parent)
        if rest.strip():
            self._flat_children(children, block, len(block.text) - len(rest), len(block.text))
        return children

    def _child_block(self, block: BlockView) -> bool:
        """Write the children a block holds; False when the block ends the list."""
        children = self.children
        assert children is not None
        offset = body_offset(block)
        body = block.text[offset:]
        if not body.strip() or _NUMBERS_ONLY.fullmatch(body) or is_field_line(body):
            return False
        if block.kind not in ("list_item", "paragraph") or (children.form or block.kind) != block.kind:
            return False
        children.form = block.kind
        if block.kind == "list_item":
            level = block.level or 1
            if children.level is None:
                children.level, children.style = level, label_style(block.label)
            if level < children.level:
                return False
            if level == children.level:
                if label_style(block.label) != children.style:
                    return False  # "a) b)" then "IV. Různé": the next agenda point, not an item
                self._child(children, block, offset, len(block.text))
            return True
        marker = PARAGRAPH_MARKER.match(body)
        first = offset + len(body) - len(body.lstrip())
        if marker is not None and not any(d.start == first for d in date_spans(self.document.doc(block))):
            children.marked = True
            number = (marker.group("num") or "").rstrip(".") or None
            self._child(children, block, offset + marker.end(), len(block.text), number)
            return True
        if children.marked or not looks_like_items(body):
            return False
        self._flat_children(children, block, offset, len(block.text))
        return True

    def _flat_children(self, children: _Children, block: BlockView, start: int, end: int) -> None:
        """Children run together in one paragraph (or after the introduction's colon)."""
        for item_start, item_end in split_flat_items(self.document.doc(block), start, end):
            self._child(children, block, item_start, item_end)

    def _child(self, children: _Children, block: BlockView, start: int, end: int,
               written: str | None = None) -> None:
        """One child item; capacity figures ("počet míst - 10") are not items. A list label, or
        the number a paragraph starts with (`written`), that numbers the item under its parent
        ("3.1.2" under 3.1) is its number."""
        label = (written or block.label or "").rstrip(".")
        parent = children.parent
        number = label if parent and _numbers_child(label, parent) else None
        if number is None and written and label.count(".") == KINDS.index(children.kind):
            number = label  # "- 1.1 Rozvoj ..." under "Pro rok 2013 jsou navržena tato opatření:": its own number
        typed = _child_number(block.text, start, parent, _CHILD_TAIL) if parent and number is None else None
        if typed is not None:
            number, start = typed  # "• 3.1 Sociální byty" under "Opatření:" of Cíl 3: the number typed in the text
        piece = trim(Span(block, start, end))
        if piece.end <= piece.start or rules().not_items.match(fold(piece.text)):
            return
        parent = number.rsplit(".", 1)[0] if number and "." in number else parent
        self._row(children.kind, block, piece.start, piece.end, number, parent, piece.text)

    # -- tables

    def _table(self, table: PlanTable) -> None:
        """Rows of a table with a number column: one item per row that has a number."""
        for kind, number, cell, start, end in table.rows:
            piece = trim(Span(cell, start, len(cell.text) if end is None else end))
            number = number.rstrip(".") if number else None
            parent = self._parent(kind, number)
            if number is None and parent is None and PARENT[kind] is not None:
                continue  # an unnumbered measure or activity without a parent in the table or above it
            if piece.end > piece.start:
                self._row(kind, cell, piece.start, piece.end, number, parent, piece.text)
            if piece.end > piece.start or number:
                self._enter(kind, number, parent)  # a number alone heads the row's children
        index_of = {block.block_id: index for index, block in enumerate(self.document)}
        self.consumed.update(index_of[block_id] for block_id in table.cell_ids)

    def _flat_table(self, block: BlockView) -> bool:
        """A table flattened into one paragraph: "Opatření č. Název organizace Druh služby 1.1. ..."."""
        parsed = flat_table_rows(block, self.document.doc(block))
        if parsed is None:
            return False
        kind, rows = parsed
        for number, start, end in rows:
            piece = trim(Span(block, start, end))
            if piece.end > piece.start:
                parent = self._parent(kind, number)
                self._row(kind, block, piece.start, piece.end, number, parent, piece.text)
                self._enter(kind, number, parent)
        return True


# "1.1. Zachování a rozvoj ..." / "2 Podpora ...": a number and a capitalised title.
_OUTLINE_ITEM = re.compile(r"\s*(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?=[^\W\d_])")


def _outline_kinds(text: str) -> frozenset[str]:
    """The kinds of item a heading names when it names nothing else ("c) Cíle a opatření" ->
    goal, measure; "Opatření" -> measure), after a typed marker ("c)", "3.", "B)")."""
    r = rules()
    marker = _HEADING_MARKER.match(text)
    words = fold(text[marker.end() if marker else 0:]).replace(",", " , ").split()
    kinds = {r.header_kinds.get(w) for w in words if w not in r.outline_joiners}
    return frozenset(kinds) if kinds and None not in kinds else frozenset()


_HEADING_MARKER = re.compile(r"\s*(?:[^\W\d_]\)|\d{1,2}[.)]|[^\W\d_]{1,4}\.)\s+")  # "c)", "3.", "IV."


def _lists_goals(text: str) -> bool:
    """"Obecné cíle pro komunitní plánování sociálních služeb", "Strategické cíle:": the list
    below holds goals."""
    r = rules()
    return len(text.split()) <= r.goal_intro_max_words and r.goal_intro.match(fold(text)) is not None


def _numbered_at_depth(block: BlockView | None, kind: str) -> bool:
    """The block is a paragraph that opens (after a typed bullet) with a whole number of the
    kind's depth ("- 1.1 Rozvoj ..." for a measure): the items below an introduction without a
    parent carry their own numbers."""
    if block is None or block.kind != "paragraph":
        return False
    marker = PARAGRAPH_MARKER.match(block.text)
    return marker is not None and bool(marker.group("num")) \
        and marker.group("num").rstrip(".").count(".") == KINDS.index(kind)


def _numbers_under(block: BlockView, parent: str | None) -> bool:
    """The block is a paragraph that opens with a number under `parent` ("2.1.1 ..." under 2.1)."""
    if parent is None or block.kind != "paragraph":
        return False
    return _child_number(block.text, 0, parent, _CHILD_TAIL_ANY) is not None


def _numbers_child(label: str, parent: str) -> bool:
    """"3.1.2" numbers a child of 3.1."""
    return label.startswith(parent + ".") and label[len(parent) + 1:].isdecimal()


def _child_number(text: str, pos: int, parent: str, tail: re.Pattern[str]) -> tuple[str, int] | None:
    """The number of a child of `parent` that the text opens with at `pos` ("2.1.3 ..." under
    2.1), and where the text after it starts (the end of `tail`); None for anything else."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if not text.startswith(parent + ".", pos):
        return None
    match = tail.match(text, pos + len(parent) + 1)
    return (f"{parent}.{match.group(1)}", match.end()) if match else None


def _section_key(text: str) -> str:
    """An agenda title or a line compared with one: folded, without a trailing colon."""
    return " ".join(fold(str(text)).strip().rstrip(":").split())


def _is_not_plan(block: BlockView) -> bool:
    """"Hlavní aktivity projektu" heads a project's own work plan, not plan items."""
    folded, offset = fold(block.text), body_offset(block)  # the block's fold is shared (cached) with its labels
    return rules().not_plan.match(folded, offset) is not None and len(folded[offset:].split()) <= 8

