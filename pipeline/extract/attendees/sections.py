"""The walk over the document that reads labelled lists: a label sets the role, the names
follow on the label's line, on the next lines or list items, or in a table; a heading or a
line that names nobody ends the list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.text import fold, lines
from pipeline.extract.attendees.labels import (AUTHOR, Label, is_responsibility, label_patterns, labels_in,
                                               names_nobody)
from pipeline.extract.layout import layout_of, starts_with_title_word
from pipeline.extract.spans.persons import persons_in
from pipeline.extract.attendees.lists import Rows, emit
from pipeline.extract.attendees.list_end import list_end
from pipeline.extract.grids import Grid, cell_grid
from pipeline.extract.attendees.tables import from_table, text_tables


def _units(blocks: Sequence[BlockView]) -> Iterator[list[BlockView]]:
    """Blocks one by one, except that the cells of one table come together."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "table_cell" and block.table_id is not None:
            j = i
            while j < len(blocks) and blocks[j].kind == "table_cell" and blocks[j].table_id == block.table_id:
                j += 1
            yield list(blocks[i:j])
            i = j
        else:
            yield [block]
            i += 1


# Roles named once, on the label's line or the line after it; lists of other roles go on.
_SINGLE_ROLES = ("recorder", "chair", "speaker")


@dataclass
class _ListState:
    """The list being read: its role; `lenient` reads flattened runs and lines with other
    words (a members' section); `sticky` survives lines naming nobody (up to a heading)."""

    role: str | None = None
    lenient: bool = False
    sticky: bool = False
    table: bool = False  # a table may hold the list: the label had no value on its own line
    goes_on: bool = False  # the line before ended with a comma: the next line holds more of its names


def from_lists(blocks: Annotated, rows: Rows, consumed: set[tuple[int, int]]) -> None:
    """Attendance lists, member lists and signature tables, walking the document in order.

    A label sets the role of the list; the next lines or a table go on with it while they
    name persons; a heading or a line that names nobody ends it. A table that only lays out
    a page (a cell holding the minutes' lines with their labels) is read line by line."""
    state = _ListState()
    minutes = _is_minutes(blocks)
    tabbed = text_tables(blocks)
    in_tabbed = {key for table in tabbed.values() for key in table.lines}
    for unit in _units(blocks):
        if unit[0].kind == "table_cell" and not any(_is_layout_cell(cell) for cell in unit):
            from_table(blocks, cell_grid(unit), state.role if state.table else None, rows, minutes)
            state = _ListState()
            continue
        for block in unit:
            if block.kind in ("heading", "table_cell"):
                state = _ListState()
            state = _walk_lines(blocks, block, state, tabbed, in_tabbed, rows, consumed, minutes)


def _is_layout_cell(cell: BlockView) -> bool:
    """A table cell that holds lines of the minutes rather than a value: two or more of its
    lines open with an attendance label ("Přítomni:" ... "Hosté:" ... "Zapsala:")."""
    if cell.kind != "table_cell" or "\n" not in cell.text:
        return False
    opening = label_patterns()[0]
    labelled = [line for line in lines(cell)
                if opening.match(fold(line.text)) and labels_in(line.text, line.start, "paragraph")]
    return len(labelled) >= 2


def _is_minutes(document: Annotated) -> bool:
    """Minutes of a meeting: an attendance section, or a minutes title in the head."""
    layout = layout_of(document)
    return any(starts_with_title_word(line.text) for line in layout.head) \
        or any(section.kind == ATTENDANCE for section in layout.sections)


ATTENDANCE = "attendance"  # the layout's section kind of an attendance list (configs/meeting.toml)


def _walk_lines(document: Annotated, block: BlockView, state: _ListState, tabbed: dict[tuple[int, int], Grid],
                in_tabbed: set[tuple[int, int]], rows: Rows, consumed: set[tuple[int, int]],
                minutes: bool = True) -> _ListState:
    """Read a block's lines: labels open lists, the lines after them continue them."""
    for line in lines(block):
        key = (block.block_id, line.start)
        if key in tabbed:
            from_table(document, tabbed[key], state.role if state.table else None, rows, minutes)
            consumed.update(tabbed[key].lines)
            state = _ListState()
        if key in in_tabbed or not line.text.strip():
            continue
        if is_responsibility(line.text) and state.role == "member" and state.sticky:
            # under a team's heading "Garant za Město X: Y" names a member of the team, not a task's owner
            if emit(document, block, line.start, line.end, "member", rows, strict=False):
                consumed.add((block.block_id, line.start))
                continue
        if is_responsibility(line.text):
            state = _ListState()
            consumed.add((block.block_id, line.start))
            continue
        labels = labels_in(line.text, line.start, block.kind, minutes)
        if state.role == "member" and state.lenient:
            # in a members' list "Dále se jednání účastnili X, Y" names more members, not those present
            labels = [label for label in labels if not (label.in_sentence and label.role == "present")]
        if block.kind in _FLATTENED_KINDS:
            listed = [label for label in labels if not label.in_sentence]  # a label inside a sentence leaves it text
            labels = [_cut_at_list_end(document, block, label, rows, line.end if listed and label is listed[-1] else None)
                      for label in labels]
        if labels:
            if not all(label.in_sentence for label in labels):
                consumed.add((block.block_id, line.start))  # a list line: no speakers in it
            for label in labels:
                if label.role == AUTHOR and state.role == "member" and state.sticky:
                    # under a team's heading "Koordinátorka: X" names a member of the team, not an author
                    emit(document, block, label.value_start, label.value_end, "member", rows, strict=False)
                    continue
                state = _read_label(document, block, label, rows) if label.role != AUTHOR else _ListState()
            continue
        # under a label with no value of its own, a line listing surnames alone ("Malá, Dvořák (2)") goes on
        # ... or a line after one that ended with a comma ("Omluveni: Malá, Dvořák,\nKos, Veselá")
        singles = (state.table and any(sep in line.text for sep in ",;")) or state.goes_on
        if state.role and emit(document, block, line.start, line.end, state.role, rows, strict=not state.lenient,
                               singles=singles):
            consumed.add((block.block_id, line.start))
            state = replace(state, goes_on=_goes_on(line.text))
            if state.role in _SINGLE_ROLES:
                state = _ListState()
        elif state.role and names_nobody(line.text) \
                and not any(p.strong for p in persons_in(document.doc(block), line.start, line.end)):
            consumed.add((block.block_id, line.start))  # "- 9 členů komise – viz prezenční listina"
        elif not state.sticky:
            state = _ListState()
    return state


# Blocks whose one line may hold a whole flattened header of the minutes (not a table's cell).
_FLATTENED_KINDS = ("paragraph", "list_item")


def _cut_at_list_end(document: Annotated, block: BlockView, label: Label, rows: Rows,
                     line_end: int | None) -> Label:
    """A label of a line, its value ending where its list does; after the list of the line's
    last label (`line_end` given) the rest of the line is the minutes' running text again
    (`rows.tails`)."""
    end = list_end(document.doc(block), label.value_start, label.value_end)
    if line_end is not None and end < label.value_end:
        line_start = block.text.rfind("\n", 0, label.value_start) + 1
        rows.tails[(block.block_id, line_start)] = end
    return label if end >= label.value_end else replace(label, value_end=end)


def _read_label(document: Annotated, block: BlockView, label: Label, rows: Rows) -> _ListState:
    """Emit the persons on a label's line; return the list the next lines may continue."""
    value, member = block.text[label.value_start:label.value_end], label.role == "member"
    found = bool(value.strip()) and emit(document, block, label.value_start, label.value_end, label.role, rows,
                                         strict=False, singles=not member)
    if label.member_heading:
        return _ListState("member", lenient=not label.names_only, sticky=block.kind == "heading", table=True)
    if label.body:  # "Řídicí skupina:" and its list or table; "Pracovní skupina: Senioři" names nobody
        return _ListState() if value.strip() else _ListState("member", lenient=True, table=True)
    if names_nobody(value) or (found and label.role in _SINGLE_ROLES):
        return _ListState()
    return _ListState(label.role, lenient=member, table=not value.strip(), goes_on=found and _goes_on(value))


def _goes_on(text: str) -> bool:
    """A list line that ends with a comma or semicolon: the list goes on on the next line."""
    return text.rstrip()[-1:] in (",", ";")
