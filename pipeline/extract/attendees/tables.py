"""Tables of people: a header row naming a name column ("Jméno", "Účastník") and an
organisation column, optionally an attendance column ("Účast": přítomna / omluvena /
nepřítomna) or one column per status with a mark in it ("Přítomen | Omluven": "x");
headerless tables after a label; and label cells with their values beside or below them
("Zapsala:" | "Jana Nová").

The tables are `grids.Grid`s: a Word table and a tab-separated text table (found under a
header of people, `text_tables`) are read by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.model import Annotated
from pipeline.extract.text import fold
from pipeline.extract.grids import Cell, Grid, Row, head as head_of, names
from pipeline.extract.layout import grids_of
from pipeline.extract.attendees.lexicon import lexicon
from pipeline.extract.attendees.labels import AUTHOR, labels_in, names_nobody
from pipeline.extract.attendees.affiliation import clean_org
from pipeline.extract.attendees.lists import Person, Rows, emit, people_in
from pipeline.extract.spans.persons import is_title_word, person_words

_NOT_STATUS = re.compile(r"[^\w\s/+✓✔×]")
_STATUS_WORD = re.compile(r"[\s/]")


def _people_header_row(row: Row) -> bool:
    return people_header(row) is not None


def text_tables(document: Annotated) -> dict[tuple[int, int], Grid]:
    """Tables of people in tab-separated text, keyed by their header line (block id, start)."""
    return {min(grid.lines): grid for grid in grids_of(document).text(_people_header_row)}


# --------------------------------------------------------------------------- reading a grid


def from_table(document: Annotated, grid: Grid, pending: str | None, rows: Rows, minutes: bool = True) -> None:
    """A table of people (header "Jméno | Organizace"), or label cells with their values
    beside or below them ("Zapsala:" | "Kateřina Vrbická"). `pending` is the role of a
    label just above the table ("Přítomni:"), for tables that do not state one per row.
    Outside minutes an author's label cell ("Zpracoval:" | "Ing. X") names no attendee."""
    header = people_header(grid.header) if grid.rows else None
    caption = _caption_role(grid) if grid.rows and header is None else None
    if caption:  # "Složení pracovní skupiny" merged over "Jméno | Organizace": the rows below are its list
        grid = Grid({r: grid.rows[r] for r in grid.body}, grid.lines, grid.table_id)
        header, pending = people_header(grid.header), caption
    if header:
        if header.status_col is None and not header.status_cols:
            header.status_col = _status_column_by_values(grid, header)
        section = None  # the role a merged section row ("Omluveni") opened for the rows below
        for r in grid.body:
            opened = _section_role(grid, r)
            if opened is None:
                _table_person(document, grid.rows[r], header, pending, rows, section)
            section = opened or section
        return
    used: set[tuple[int, int]] = set()
    for cell in grid.cells():
        if cell.key in used or not cell.filled:
            continue
        labels = labels_in(cell.text, cell.start, "table_cell", minutes)
        if not labels or labels[0].member_heading:
            continue
        if labels[0].role == AUTHOR:
            used.update(value.key for value in _value_cells(grid, cell))
            continue
        label = labels[0]
        value = cell.block.text[label.value_start:cell.end]
        if names_nobody(value):
            continue
        if value.strip():
            emit(document, cell.block, label.value_start, cell.end, label.role, rows, strict=False, singles=True)
            continue
        if _section_role(grid, cell.row):  # "Omluveni" across the table: its rows of names, up to the next section
            used.add(cell.key)
            for r in _section_rows(grid, cell.row):
                _row_of_people(document, grid.rows[r], label.role, rows)
            continue
        for value_cell in _value_cells(grid, cell):
            used.add(value_cell.key)
            start = _after_sub_label(value_cell)
            emit(document, value_cell.block, start, value_cell.end, label.role, rows, strict=False, singles=True)
    if pending and not used:
        for r in grid.order:
            _row_of_people(document, grid.rows[r], pending, rows)


def _section_role(grid: Grid, row: int) -> str | None:
    """The role a merged section row of a wider table opens for the rows below it ("Přítomni",
    "Omluveni", "Hosté" across a table of names and organisations)."""
    cell = grid.section(row)
    wide = len({c for r in grid.order for c in grid.rows[r]}) >= 2
    return _bare_attendance_label(cell.text) if cell is not None and wide else None


def _caption_role(grid: Grid) -> str | None:
    """The role a caption row gives the table of people under it: one merged cell across the
    table's top ("Složení pracovní skupiny", "Přítomni") over the header row ("Jméno | Organizace")."""
    if len(grid.rows) < 3 or grid.section(grid.order[0]) is None or people_header(grid.rows[grid.order[1]]) is None:
        return None
    text = grid.section(grid.order[0]).text  # type: ignore[union-attr]
    labels = labels_in(text, 0, "table_cell")
    if len(labels) != 1 or text[labels[0].value_start:labels[0].value_end].strip(" :"):
        return None
    return labels[0].role if labels[0].role != AUTHOR else None


def _section_rows(grid: Grid, row: int) -> list[int]:
    """The rows under a section row, up to the next section row."""
    below = [r for r in grid.order if r > row]
    ends = [r for r in below if _section_role(grid, r)]
    return [r for r in below if not ends or r < ends[0]]


def _is_label_cell(cell: Cell) -> bool:
    return bool(labels_in(cell.text, 0, "table_cell"))


def _value_cells(grid: Grid, cell: Cell) -> list[Cell]:
    """The cells holding a label cell's value: the next filled cell in its row (unless it is a
    label) with the rows below it that leave the label's column empty ("Omluveni:" | "Za PS: X"
    then "" | "Za poskytovatele: Y"), else the cells below it down to an empty or label cell
    ("Přítomni" over names). A members' label with its names beside an attendance label
    ("Přítomni:" | "Členové PS: X, Y") only qualifies the list: the value is its names."""
    beside = grid.after(cell)
    if beside is not None and (not _is_label_cell(beside) or _is_sub_label(beside)):
        return [beside, *_continued(grid, cell, beside)]
    return grid.below(cell, _is_label_cell)


def _is_sub_label(cell: Cell) -> bool:
    """A members' label with its names after it ("Členové PS: R. Malý, J. Dub")."""
    labels = labels_in(cell.text, 0, "table_cell")
    return len(labels) == 1 and labels[0].role == "member" and not labels[0].member_heading \
        and bool(cell.text[labels[0].value_start:labels[0].value_end].strip())


def _after_sub_label(cell: Cell) -> int:
    """Where the names of a value cell start: after a members' label that qualifies them."""
    if not _is_sub_label(cell):
        return cell.start
    return cell.start + labels_in(cell.text, 0, "table_cell")[0].value_start


def _continued(grid: Grid, label: Cell, value: Cell) -> list[Cell]:
    """The value cells of the rows under a label's row while the label's column stays empty
    (a label cell merged downwards over its second line of names)."""
    out = []
    for row in grid.order:
        if row <= label.row:
            continue
        own = grid.cell(row, label.col)
        if own is not None and own.filled:
            break
        below = grid.cell(row, value.col)
        if below is None or not below.filled or _is_label_cell(below) and not _is_sub_label(below):
            break
        out.append(below)
    return out


# --------------------------------------------------------------------------- header and attendance columns


@dataclass
class Header:
    """The columns of a table of people: names, organisations, and how it states attendance —
    one column of status words (`status_col`), or one column per status marked in each row
    (`status_cols`: column -> role)."""

    name_col: int
    org_col: int | None = None
    status_col: int | None = None
    status_cols: dict[int, str] = field(default_factory=dict)
    role: str | None = None  # a name column headed by an attendance label ("Přítomni | Organizace")
    title_col: int | None = None  # the persons' titles in a column of their own ("Titul": "Mgr.")


def people_header(row: Row) -> Header | None:
    """The columns of a table of people when `row` is its header row, else None."""
    lex = lexicon()
    header: Header | None = None
    labelled: Header | None = None  # a column headed by a bare attendance label ("Přítomni")
    org_col = status_col = title_col = None
    status_cols: dict[int, str] = {}
    for c, cell in sorted(row.items()):
        head = head_of(cell.text)
        if ":" in cell.text and cell.text.split(":", 1)[1].strip():
            continue  # a label with its value ("Členové PS: R. Malý, ..."): no column header
        if header is None and names(head, lex.name_headers):
            if any(word in head for word in lex.responsibility if len(word) > 3):
                return None  # "Jméno kontaktní osoby": a table of contacts, not of attendees
            header = Header(c)
        elif org_col is None and names(head, lex.org_headers):
            org_col = c
        elif title_col is None and head in _status_words()["titles"]:
            title_col = c
        elif status_col is None and names(head, _status_words()["headers"]):
            status_col = c
        elif status_of(cell.text, marks=False):
            status_cols[c] = status_of(cell.text, marks=False) or ""
        if labelled is None and _bare_attendance_label(cell.text):
            labelled = Header(c, role=_bare_attendance_label(cell.text))
    if header is None and labelled is not None and org_col is not None and org_col > labelled.name_col:
        header = labelled  # "Přítomni | Organizace": the label heads the names, the roles come from it
        status_col, status_cols = None, {}
    if header is None:
        return None
    header.org_col, header.status_col, header.title_col = org_col, status_col, title_col
    header.status_cols = status_cols if status_col is None else {}
    return header


def _bare_attendance_label(text: str) -> str | None:
    """The role of a cell that is an attendance label and nothing else ("Přítomni", "Omluveni:")."""
    labels = labels_in(text, 0, "table_cell")
    if len(labels) != 1 or labels[0].member_heading or text[labels[0].value_start:].strip():
        return None
    return labels[0].role if labels[0].role in ("present", "excused", "absent", "guest") else None


def _status_column_by_values(grid: Grid, header: Header) -> int | None:
    """A column whose header says nothing known ("Stav", "Poznámka") but whose cells are
    mostly status words ("omluvena", "přítomen") states attendance too."""
    taken = {header.name_col, header.org_col, *header.status_cols}
    for c in sorted({c for r in grid.body for c in grid.rows[r]} - taken):
        values = [cell.text for cell in grid.column(c)]
        stated = [v for v in values if status_of(v, marks=False)]
        if values and len(stated) * 2 > len(values):
            return c
    return None


@lru_cache(maxsize=1)
def _status_words() -> dict[str, frozenset[str] | tuple[tuple[str, frozenset[str]], ...]]:
    """configs/attendance.toml [tables]: attendance column headers, status words by role (in the
    order they are tried: "nepřítomna" before "přítomna"), and the marks of a ticked cell."""
    tables = load("attendance")["tables"]
    roles = tuple((role, frozenset(fold(w) for w in words)) for role, words in tables["status_values"].items())
    return {"headers": frozenset(fold(w) for w in tables["status_headers"]), "roles": roles,
            "titles": frozenset(fold(w) for w in tables["title_headers"]),
            "marks": frozenset(fold(w) for w in tables["marks"]["ticked"]),
            "unmarked": frozenset(fold(w) for w in tables["marks"]["unmarked"])}


def status_of(text: str, marks: bool = True) -> str | None:
    """The role an attendance cell states ("omluvena" -> excused, "nepřítomen" -> absent); with
    `marks`, also a tick ("x", "ano", "✓") -> present and "ne" -> absent."""
    words = _status_words()
    value = " ".join(_NOT_STATUS.sub(" ", fold(text)).split())
    if not value:
        return None
    first = _STATUS_WORD.split(value)[0]
    for role, written in words["roles"]:  # type: ignore[union-attr]
        if value in written or first in written:
            return role
    if marks and value in words["marks"]:
        return "present"
    if marks and value in words["unmarked"]:
        return "absent"
    return None


def _row_role(row: Row, header: Header, pending: str | None, section: str | None = None) -> str | None:
    """The role a row of a table of people gives its person: its status cell, else the section
    row above it, else the table's; None for a person left unmarked in every status column."""
    if header.role is not None and section is None:
        return header.role
    pending = section or pending
    if header.status_col is not None:
        cell = row.get(header.status_col)
        found = status_of(cell.text) if cell is not None else None
        return found or pending or "present"
    if header.status_cols:
        for c, role in sorted(header.status_cols.items()):
            cell = row.get(c)
            if cell is not None and cell.text.strip() and fold(cell.text).strip() not in _status_words()["unmarked"]:
                return role
        return None
    return pending or "present"


def _row_of_people(document: Annotated, row: Row, role: str, rows: Rows) -> None:
    """A row of a headerless table after a label: cells of names, and a cell that names an
    organisation belongs to the names in the cell before it."""
    lex = lexicon()
    found: list[tuple[Cell, list[Person]]] = []
    for c in sorted(row):
        cell = row[c]
        if not cell.text.strip():
            continue
        people = people_in(document, cell.block, cell.start, cell.end, strict=False)
        if people:
            found.append((cell, people))
        elif found and cell.text.strip()[0].isupper():
            org = clean_org(cell.text, lex, document.doc(cell.block), cell.start)
            for person in found[-1][1]:
                person.organisation = person.organisation or org
    for cell, people in found:
        for person in people:
            rows.add(cell.block, person, role)


def _table_person(document: Annotated, row: Row, header: Header, pending: str | None,
                  rows: Rows, section: str | None = None) -> None:
    cell = row.get(header.name_col)
    role = _row_role(row, header, pending, section)
    if cell is None or not cell.text.strip() or role is None:
        return
    people = people_in(document, cell.block, cell.start, cell.end, strict=False)
    org_cell = row.get(header.org_col) if header.org_col is not None else None
    org = clean_org(org_cell.text, lexicon(), document.doc(org_cell.block), org_cell.start) \
        if org_cell is not None and org_cell.text.strip() else None
    titles = _titles_cell(row.get(header.title_col) if header.title_col is not None else None)
    for person in people:
        if person.organisation is None and org and org_cell is not None and org_cell.text.strip()[0].isupper():
            person.organisation = org
        if titles and not person.titles and len(people) == 1:
            person.found = person.found._replace(titles=titles)
        rows.add(cell.block, person, role)


def _titles_cell(cell: Cell | None) -> str | None:
    """The titles a title column gives its row's person ("Mgr.", "Ing., Ph.D."), when the cell
    holds titles only."""
    words = cell.text.replace(",", " ").split() if cell is not None else []
    return " ".join(words) if words and all(is_title_word(w) or _after_title(w) for w in words) else None


def _after_title(word: str) -> bool:
    after = person_words().after_titles
    return word.lower() in after or word.lower().rstrip(".") in after
