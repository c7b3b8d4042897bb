"""Plan items given as table rows ("Opatření č." | "Název organizace" | "Druh služby"), read
from the document's grids (`grids.Grid`), also when a transcript flattened the table into one
paragraph."""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from spacy.tokens import Doc

from pipeline.extract.model import BlockView
from pipeline.extract.common import body_offset
from pipeline.extract.grids import Cell, Grid, head
from pipeline.extract.layout import grids_of
from pipeline.extract.text import fold, line_spans
from pipeline.extract.plan.children import words
from pipeline.extract.plan.items import block_hits, is_field_line
from pipeline.extract.plan.rules import FIGURES, NUMBER, PARENT, rules, written_number

# kind, number (None for a child listed in a cell), the cell holding the title, where the title starts and ends
Item = tuple[str, str | None, BlockView, int, int | None]


class PlanTable(NamedTuple):
    """A table whose header names a plan number column: its items, row by row, and its grid."""

    rows: list[Item]
    grid: Grid

    @property
    def cell_ids(self) -> list[int]:
        return [cell.block.block_id for cell in self.grid.cells()]


_LEADING_LABEL = re.compile(r"\s*([a-z]+)\s*:\s*")
_LINE_LABEL = re.compile(r"\s*(?:[a-z]\)\s*|\d{1,2}[.)]\s+|[-•·–]\s*)?")  # "a) ", "1. ", "• " or none
_WORD = re.compile(r"[^\W\d_]+")
_CELL_NUMBER = re.compile(rf"\s*{NUMBER}\s*")
_ROW_NUMBER = re.compile(rf"(?<!\S){FIGURES}(?=\s)")


def _header_column(text: str) -> str | None:
    """Which column a header cell names: number, title, service or organisation."""
    folded = head(text)
    for phrase, column in rules().header_columns:
        if folded == phrase or folded == phrase.rstrip("."):
            return column
    return None


def plan_tables(blocks: Sequence[BlockView]) -> dict[int, PlanTable]:
    """Tables whose header row has a plan-number column and a title or service column."""
    found = {}
    for table_id, grid in grids_of(blocks).by_table.items():
        table = _record(grid) or _card(grid) or _plan_table(grid)
        if table is not None:
            found[table_id] = table
    return found


def _plan_table(grid: Grid) -> PlanTable | None:
    """Read a table whose header names plan-number columns ("Opatření č.", "Cíl" | "Opatření").

    With one number column, the title is the title column ("Název opatření"),
    else the service column ("Druh služby"), else the text after the number. With
    several (an outline in columns), each number cell holds its item's title.
    A plain number column ("Číslo" | "Aktivita" | "Realizátor") numbers the items
    that the column named by their kind holds, when that column holds no numbers.
    A row whose number cell is empty gives no item, unless its one filled (merged) cell
    opens with a labelled item ("Opatření 2.1 ...": the parent of the rows below)."""
    head = grid.header
    header = {col: _header_column(cell.text) for col, cell in head.items()}
    number_cols = {c: header_kind(head[c].text) for c, column in sorted(header.items()) if column == "number"}
    number_cols = {c: kind for c, kind in number_cols.items() if kind is not None}
    title_cols = [c for c, column in header.items() if column == "title"] or \
        [c for c, column in header.items() if column == "service"]
    plain = [c for c, column in sorted(header.items()) if column == "plain_number"]
    named = [c for c, column in sorted(header.items()) if column in ("number", "title") and header_kind(head[c].text)]
    if plain and named and not any(_cell_number(grid.cell(r, c)) for r in grid.body for c in number_cols):
        number_cols = {plain[0]: header_kind(head[named[0]].text) or ""}
        title_cols = [named[0]]
    if not number_cols:
        return _outline_table(grid, plain)
    title_col = title_cols[0] if title_cols and len(number_cols) == 1 else None

    def items(row: int) -> Iterator[Item]:
        for col, kind in number_cols.items():
            cell = grid.cell(row, col)
            found = _cell_number(cell) or _labelled_number(cell, kind)
            if found is None and cell is not None and cell.filled and PARENT[kind] is not None \
                    and (PARENT[kind] in number_cols.values() or title_col is None):
                # "1.1" | "Rozšíření ...": a child of the row's number; under an "Aktivita" header
                # below a group row "Opatření 2.1 ...": an unnumbered activity of 2.1
                yield kind, None, cell.block, 0, None
                continue
            if found is None or cell is None:
                continue
            number, rest = found
            title = grid.cell(row, title_col) if title_col is not None else None
            if title is not None:
                yield kind, number, title.block, 0, None
            elif title_col is None:
                yield kind, number, cell.block, rest, None  # a number alone still heads the row's children
            for child_col in children_cols:
                yield from _children(kind, grid.cell(row, child_col))
    only = next(iter(number_cols.values())) if len(number_cols) == 1 else None
    children_cols = [c for c, cell in head.items() if only and _names_children(cell.text, only)]
    return _read_rows(grid, items)


def _record(grid: Grid) -> PlanTable | None:
    """A two-column label|value table about one item that lists its children: "Opatření 2.1" |
    title, "Aktivity v roce 2025" | "a) …" / "b) …", "Realizátor" | …: the item and its children."""
    label, title = grid.cell(grid.order[0], 0) if grid.rows else None, grid.cell(grid.order[0], 1) if grid.rows else None
    hits = block_hits(label.block) if label is not None and grid.width == 2 else []
    if title is None or len(hits) != 1 or not hits[0].number or label.text[hits[0].title_start:].strip():
        return None
    kind, number = hits[0].kind, hits[0].number
    lists = [cell for row in grid.body if (cell := grid.cell(row, 0)) is not None and _names_children(cell.text, kind)]
    if not lists:
        return None
    children = [item for cell in lists for item in _children(kind, grid.after(cell))]
    return PlanTable([(kind, number, title.block, 0, None), *children], grid)


def _card(grid: Grid) -> PlanTable | None:
    """A two-column label|value table about one item named by a title label ("Název aktivity" |
    title, "Číslo aktivity" | "3.1.1", "Realizátor" | ...): the item, numbered by its number label
    when the table has one."""
    if grid.width != 2:
        return None
    labels = {row: cell for row in grid.order if (cell := grid.cell(row, 0)) is not None and cell.filled}
    if any(block_hits(cell.block) for cell in labels.values()):
        return None  # "Aktivita 1.1.1" | title: a labelled item the walk reads
    titles = [(row, kind) for row, cell in labels.items() if _header_column(cell.text) == "title"
              and not is_field_line(cell.text) and (kind := header_kind(cell.text)) is not None]
    if len(titles) != 1:
        return None
    row, kind = titles[0]
    title = grid.cell(row, 1)
    if title is None or not title.filled:
        return None
    number = None
    for other, cell in labels.items():
        value = grid.cell(other, 1)
        found = _cell_number(value) if _header_column(cell.text) == "number" and header_kind(cell.text) == kind else None
        if found is not None and value is not None and not value.text[found[1]:].strip():
            number = found[0]
    return PlanTable([(kind, number, title.block, 0, None)], grid)


def _names_children(text: str, kind: str) -> bool:
    """A header or label that opens with the plural of the kind of item under `kind` ("Aktivity",
    "Aktivity v roce 2025" beside the measures): its cell lists the children of its row's item."""
    words = fold(text).split()
    child = rules().header_kinds.get(words[0].strip(":")) if words else None
    return child is not None and PARENT[child] == kind


def _children(kind: str, cell: Cell | None) -> Iterator[Item]:
    """The items a cell lists, one a line, without their list labels ("a) zřízení …"; Word's
    automatic letters are not in the text)."""
    child = next((c for c, parent in PARENT.items() if parent == kind), None)
    if cell is None or child is None:
        return
    for start, end in line_spans(cell.text):
        label = _LINE_LABEL.match(cell.text, start, end)
        if label is not None and label.end() < end and cell.text[label.end():end].strip():
            yield child, None, cell.block, label.end(), end


def _read_rows(grid: Grid, items: Callable[[int], Iterable[Item]]) -> PlanTable | None:
    """The items of a table's rows, top down: a group row's parent item (`_group_row`), else
    what `items` reads in the row."""
    out: list[Item] = []
    for row in grid.body:
        group = _group_row(grid, row)
        out.extend([group] if group is not None else items(row))
    return PlanTable(out, grid) if out else None


def _outline_table(grid: Grid, plain: list[int]) -> PlanTable | None:
    """An outline in a table: a number column ("Číslo") beside one column for items of several
    kinds ("Cíl / opatření / aktivita"). A row's kind is named by a label in either cell ("Cíl 1",
    "Opatření: ..."), else by its number's depth in the order the header names the kinds."""
    if not plain:
        return None
    mixed = [c for c, cell in sorted(grid.header.items()) if c != plain[0] and len(header_kinds(cell.text)) >= 2]
    if not mixed:
        return None
    kinds = header_kinds(grid.header[mixed[0]].text)
    numbers = [found[0].rstrip(".") for row in grid.body if (found := _cell_number(grid.cell(row, plain[0])))]
    deepest = max((n.count(".") + 1 for n in numbers), default=0)

    def items(row: int) -> Iterator[Item]:
        number_cell, title_cell = grid.cell(row, plain[0]), grid.cell(row, mixed[0])
        if number_cell is None or title_cell is None or not title_cell.filled:
            return
        hits = block_hits(number_cell.block)
        found = _cell_number(number_cell)
        if hits and hits[0].number:
            kind, number = hits[0].kind, hits[0].number
        elif found is not None:
            # the deepest numbers are items of the last kind the header names, and so up
            number = found[0].rstrip(".")
            index = len(kinds) - 1 - (deepest - (number.count(".") + 1))
            kind = kinds[index] if 0 <= index < len(kinds) else None
        else:
            return
        labelled = _LEADING_LABEL.match(fold(title_cell.text))
        if labelled and labelled.group(1) in rules().label_kind:
            kind = rules().label_kind[labelled.group(1)]
        if kind is not None:
            yield kind, number, title_cell.block, labelled.end() if labelled else 0, None
    return _read_rows(grid, items)


def header_kinds(text: str) -> list[str]:
    """The kinds of item a header names, in its order ("Cíl / opatření / aktivita")."""
    out: list[str] = []
    for word in _WORD.findall(fold(text)):
        kind = rules().label_kind.get(word) or rules().header_kinds.get(word)
        if kind and kind not in out:
            out.append(kind)
    return out


def _group_row(grid: Grid, row: int) -> Item | None:
    """A row that groups the rows below it under a labelled parent item, written in one
    (merged) cell: "Opatření 2.1 Rozvoj ..." above the activities 2.1.1, 2.1.2."""
    cell = grid.section(row)
    hits = block_hits(cell.block) if cell is not None else []
    if cell is None or len(hits) != 1 or hits[0].number is None or hits[0].title_start >= hits[0].title_end:
        return None
    return hits[0].kind, hits[0].number, cell.block, hits[0].title_start, None


def _labelled_number(cell: Cell | None, kind: str) -> tuple[str, int] | None:
    """The number of a cell that opens with its column's label ("Cíl 1 Udržet ..." under "Cíl")
    and where its title starts."""
    hits = block_hits(cell.block) if cell is not None else []
    if hits and hits[0].kind == kind and hits[0].number:
        return hits[0].number, hits[0].title_start
    return None


def _cell_number(cell: Cell | None) -> tuple[str, int] | None:
    """The item number a cell starts with ("1.2", "B.1", "III") and where the text after it starts."""
    if cell is None:
        return None
    match = _CELL_NUMBER.match(fold(cell.text))
    number = written_number(cell.text, match) if match else None
    return (number, match.end()) if match and number else None


def header_kind(text: str) -> str | None:
    """The kind of item a header counts or names ("Opatření č." -> measure, "Název aktivity" ->
    activity)."""
    folded = head(text)
    for word in folded.replace(".", " ").split():
        if word in rules().label_kind:
            return rules().label_kind[word]
        if word in rules().header_kinds:
            return rules().header_kinds[word]
    return None


def flat_table_rows(block: BlockView, doc: Doc) -> tuple[str, list[tuple[str, int, int]]] | None:
    """Rows of a table flattened into a paragraph: header words, then "<number> <cells>" runs.

    Returns the item kind and, per numbered row, the number and the span of its
    title (the title column, else the service named in the row)."""
    text = block.text
    columns, pos = _header_run(text, body_offset(block))
    kind = header_kind(text[body_offset(block):pos]) if columns and columns[0] == "number" else None
    if kind is None or len(columns) < 2 or not text[pos:pos + 1].isdecimal():
        return None
    numbers = list(_ROW_NUMBER.finditer(text[pos:]))
    if not numbers:
        return None
    depth = numbers[0].group("num").count(".")
    numbers = [m for m in numbers if m.group("num").count(".") == depth]
    rows = []
    for this, nxt in zip(numbers, numbers[1:] + [None]):
        start, end = pos + this.end(), pos + (nxt.start() if nxt else len(text) - pos)
        span = _row_title(doc, start, end, columns[1:])
        if span is not None:
            rows.append((this.group("num"), *span))
    return kind, rows


def _header_run(text: str, pos: int) -> tuple[list[str], int]:
    """The column names that open a flattened table ("Opatření č. Název organizace Druh služby"),
    and where the header ends."""
    folded, r = fold(text), rules()
    columns: list[str] = []
    while (match := r.header_start.match(folded, pos)) is not None:
        columns.append(r.header_column[match.group(1)])
        pos = match.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return columns, pos


def _row_title(doc: Doc, start: int, end: int, columns: list[str]) -> tuple[int, int] | None:
    """The title of one flattened row: its title cell, else its service cell.

    Cells lost their borders, but each starts with a capital letter: the row is
    cut into capitalised chunks, and the service is the first chunk (after the
    organisation when that column comes first) that names a social service —
    a legal type, else a word like "služba", "centrum", "dům"."""
    tokens = words(doc, start, end)
    if not tokens:
        return None
    if "title" in columns and "service" not in columns and "organisation" not in columns:
        return tokens[0][0], tokens[-1][1]
    chunks = _chunks(tokens)
    first = 1 if columns and columns[0] == "organisation" and len(chunks) > 1 else 0
    candidates = list(chunks[first:])
    if first:
        # "Otevřené dveře, o.s. kontaktní centrum": after the organisation's closing legal form
        # or comma, a lower-case service shares the organisation's chunk.
        closing = [k for k in range(chunks[0][1]) if tokens[k][2][-1] in ".,"]
        if closing and closing[-1] + 1 < chunks[0][1]:
            candidates.insert(0, (closing[-1] + 1, chunks[0][1]))
    for chunk in candidates:
        found = _names_service(tokens, chunk)
        if found is not None:
            return tokens[found][0], tokens[chunk[1] - 1][1]
    chunk = chunks[first] if first < len(chunks) else chunks[-1]
    return tokens[chunk[0]][0], tokens[chunk[1] - 1][1]


def _chunks(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Token ranges that each start with a capitalised word (a cell of a flattened row)."""
    starts = [0] + [k for k in range(1, len(tokens)) if tokens[k][2][:1].isupper()]
    return [(a, b) for a, b in zip(starts, starts[1:] + [len(tokens)])]


def _word(token: tuple[int, int, str]) -> str:
    return token[2].strip(".,;:()„“\"'").lower()


def _names_service(tokens: list[tuple[int, int, str]], chunk: tuple[int, int]) -> int | None:
    """Where a service named in the chunk starts: a legal type (configs/services.toml) or a
    service head noun ("služba", "centrum", "dům"). A capitalised chunk is one cell, so the
    service starts at the chunk's start; in a lower-case run it starts at the match."""
    r = rules()
    words = [_word(t) for t in tokens]
    cell_start = chunk[0] if chunk[0] > 0 and tokens[chunk[0]][2][:1].isupper() else None
    for k in range(chunk[0], chunk[1]):
        typed = any(k + len(p) <= len(words) and all(t.search(words[k + i]) for i, t in enumerate(p))
                    for p in r.service_patterns)
        if typed or words[k] in r.service_heads:
            if cell_start is not None:
                return cell_start
            return k if typed else _adjectives_before(tokens, k, chunk[0])
    return None


def _adjectives_before(tokens: list[tuple[int, int, str]], k: int, floor: int) -> int:
    """The start of the lower-case words right before a head noun ("probační a mediační | služba")."""
    while k > floor and _WORD.fullmatch(tokens[k - 1][2]) and tokens[k - 1][2].islower():
        k -= 1
    return k

