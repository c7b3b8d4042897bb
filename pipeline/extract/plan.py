"""Plan items: goals (cíl, priorita), measures (opatření) and activities (aktivita).

Minutes carry the community plan in several shapes; all of them are read here:

- a labelled item per block or line: "Cíl 1 ...", "Cíl č. 1 - ...", "Priorita 2 ...",
  "Opatření 3.1. ...", "Aktivita 1.1.3. ...", and "Cíl KPSS a sociální práce: ..."
  (a qualifier before the colon, no number);
- several numbered items run together in one paragraph (slide transcripts:
  "Cíl č. 1 - ... . Cíl č. 2 - ...");
- a label whose title is on the next line or paragraph, and titles wrapped onto
  the next line or paragraph (but not the detail, "R:" or list lines below them);
- the items of a list introduced as the children of a numbered parent
  ("Uskutečněné aktivity k naplnění opatření:", or a sentence such as "Skupina
  navrhla k cíli 2 tato opatření:"), as list items, as paragraphs that start
  with a typed marker ("2.1 ...", "a) ..."), or flattened by a transcript into
  one paragraph; the list ends where its labels change style or the next
  agenda point begins;
- table rows ("Opatření č." | "Název organizace" | "Druh služby"), also when a
  transcript flattened the table into one paragraph.

Numbers are normalised without a trailing dot; a parent number comes from the
item's own number (1.2.1 -> measure 1.2 -> goal 1), else from the numbered item
above. Every row points at the block where its title starts, so that
`common.item_scopes` ties the lines below an item to it. All domain words
(labels, headers, status words ...) live in configs/plan.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import body_offset, fold, span_row
from pipeline.extract.dates import find_dates

KINDS = ("goal", "measure", "activity")
TABLE = {"goal": "goals", "measure": "measures", "activity": "activities"}
NUMBER_COLUMN = {"goal": "goal_no", "measure": "measure_no", "activity": "activity_no"}
PARENT = {"goal": None, "measure": "goal", "activity": "measure"}

_NUMBER = r"(?P<num>\d+(?:\.\d+)*)\.?(?!\w)"
_SEPARATORS = "-–—:.)"


# --------------------------------------------------------------------------- rules


@lru_cache(maxsize=4096)
def _same_length_fold(text: str) -> str:
    """`fold` character by character, so offsets in the folded text are offsets in the text."""
    out = []
    for char in text:
        folded = fold(char)
        out.append(folded if len(folded) == 1 else char.lower()[:1] or char)
    return "".join(out)


def _alternation(words: Sequence[str]) -> str:
    """A regex alternation of folded phrases, longest first, spaces matching any whitespace."""
    phrases = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@dataclass(frozen=True)
class _Rules:
    """configs/plan.toml compiled into the regexes and word sets the extractor uses."""

    label_kind: dict[str, str]
    numbered: re.Pattern[str]
    plain: re.Pattern[str]
    qualified: re.Pattern[str]
    qualifier_max_words: int
    qualifier_not_plan: frozenset[str]
    prose_after_number: frozenset[str]
    status: re.Pattern[str]
    field_line: re.Pattern[str]
    inline_field: re.Pattern[str]
    not_plan: re.Pattern[str]
    intro: dict[str, re.Pattern[str]]
    sentence_intro: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]
    sentence_max_words: int
    joiners: frozenset[str]
    wrapped_line_chars: int
    not_items: re.Pattern[str]
    not_action_nouns: frozenset[str]
    min_item_words: int
    header_columns: list[tuple[str, str]]
    service_patterns: list[list[re.Pattern[str]]]
    service_heads: frozenset[str]

    def kind_of(self, label: str) -> str:
        return self.label_kind[" ".join(label.split())]


def _intro_pattern(intro: dict[str, list[str]], nouns: str, parents: str) -> re.Pattern[str]:
    """[adjective] noun [[link] parent label] [number] [":" rest] — see [intro] in configs/plan.toml."""
    return re.compile(
        rf"\s*(?P<adj>(?:{_alternation(intro['adjectives'])})\s+)?(?:{_alternation(intro[nouns])})(?!\w)"
        rf"(?P<parent>\s+(?:(?:{_alternation(intro['links'])})\s+)?(?:{_alternation(intro[parents])})(?!\w))?"
        rf"(?:\s*(?:c\.\s*)?{_NUMBER})?\s*(?::\s*|$)")


def _sentence_patterns(intro: dict[str, Any], nouns: str, parents: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the children's noun after a determiner or before a participle, a parent label with its
    number) of a sentence that introduces children — see [intro] in configs/plan.toml."""
    noun = rf"(?:{_alternation(intro[nouns])})(?!\w)(?!\s*(?:c\.\s*)?\d)"
    determiners = _alternation([*intro["determiners"], *intro["adjectives"]])
    determined = rf"(?<!\w)(?:{determiners})\s+(?:[^\W\d]+\s+){{0,2}}{noun}"
    participle = rf"^\s*{noun}\s+(?:{_alternation(intro['adjectives'])})(?!\w)"
    parent = rf"(?<!\w)(?:{_alternation(intro[parents])})\s*(?:c\.\s*)?{_NUMBER}"
    return re.compile(f"{determined}|{participle}"), re.compile(parent)


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Build the rules once per process from configs/plan.toml and configs/services.toml."""
    cfg = load("plan")
    labels = cfg["labels"]
    label_kind = {fold(word): kind for kind in KINDS for word in labels[kind]}
    label = rf"(?P<label>{_alternation(list(label_kind))})(?!\w)"
    fields = [*labels["responsible"], *labels["deadline"], *cfg["fields"]["labels"]]
    intro = cfg["intro"]
    header_columns = [(fold(p), column) for column in ("number", "title", "service", "organisation")
                      for p in cfg["table"][column]]
    services = load("services")
    return _Rules(
        label_kind=label_kind,
        numbered=re.compile(rf"{label}(?:\s*(?:c\.|cislo)\s*|\s+){_NUMBER}"),
        plain=re.compile(rf"{label}\s*:"),
        qualified=re.compile(rf"{label}\s+(?P<qual>[^\W\d][^:;.!?\d\n]{{0,80}}?)\s*:"),
        qualifier_max_words=int(cfg["goal_qualifier"]["max_words"]),
        qualifier_not_plan=frozenset(fold(w) for w in cfg["goal_qualifier"]["not_plan"]),
        prose_after_number=frozenset(fold(w) for w in cfg["prose"]["after_number"]),
        status=re.compile(rf"\s*(?:[–—:,(-]|\s-)\s*(?:{_alternation(cfg['status']['words'])})(?!\w)"),
        field_line=re.compile(rf"\s*(?:{_alternation(fields)})\s*(?:[:\t]|$)"),
        inline_field=re.compile(rf"\s(?P<field>{_alternation(fields)})\s*:"),
        not_plan=re.compile(rf"\s*(?:{_alternation(labels['not_plan'])})(?!\w)"),
        intro={"activity": _intro_pattern(intro, "activities", "activity_parents"),
               "measure": _intro_pattern(intro, "measures", "measure_parents")},
        sentence_intro={"activity": _sentence_patterns(intro, "activities", "activity_parents"),
                        "measure": _sentence_patterns(intro, "measures", "measure_parents")},
        sentence_max_words=int(intro["sentence_max_words"]),
        joiners=frozenset(fold(w) for w in cfg["continuation"]["joiners"]),
        wrapped_line_chars=int(cfg["continuation"]["wrapped_line_chars"]),
        not_items=re.compile(rf"\s*(?:{_alternation(cfg['children']['not_items'])})(?!\w)"),
        not_action_nouns=frozenset(w.lower() for w in cfg["children"]["not_action_nouns"]),
        min_item_words=int(cfg["children"]["min_item_words"]),
        header_columns=sorted(header_columns, key=lambda pc: len(pc[0]), reverse=True),
        service_patterns=[[re.compile(t) for t in pattern] for s in services["service"] for pattern in s["patterns"]],
        service_heads=frozenset(w.lower() for w in cfg["table"]["service_heads"]),
    )


# --------------------------------------------------------------------------- labelled items in a block


@dataclass
class _Hit:
    """A labelled item found in a block: where its title starts and ends on its line."""

    kind: str
    number: str | None
    title_start: int
    title_end: int
    line_end: int  # the end of the line the label is on


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of a block (soft line breaks split lines)."""
    out, start = [], 0
    for part in text.split("\n"):
        out.append((start, start + len(part)))
        start += len(part) + 1
    return out


def _skip_separators(text: str, pos: int, end: int) -> int:
    """Skip the dash, colon or dot between a label's number and its title."""
    while pos < end and (text[pos].isspace() or text[pos] in _SEPARATORS):
        pos += 1
    return pos


def _first_word(text: str) -> str:
    match = re.match(r"\s*([^\W\d_]+)", fold(text))
    return match.group(1) if match else ""


def _after_slide_number(text: str, pos: int) -> int:
    """Where the text starts after a slide number that a transcript put before a capitalised
    title ("13 Opatření 3.1. ..."); `pos` when there is none."""
    match = re.compile(r"\s*\d{1,3}\s+(?=[^\W\d_])").match(text, pos)
    return match.end() if match and text[match.end()].isupper() else pos


def _label_at(text: str, folded: str, pos: int, end: int) -> _Hit | None:
    """The labelled item starting at `pos` (a line start, or after a slide number), if any."""
    hit = _label_at_exactly(text, folded, pos, end)
    after = _after_slide_number(text, pos)
    return hit if hit is not None or after == pos else _label_at_exactly(text, folded, after, end)


def _label_at_exactly(text: str, folded: str, pos: int, end: int) -> _Hit | None:
    r = rules()
    while pos < end and text[pos].isspace():
        pos += 1
    match = r.numbered.match(folded, pos, end)
    if match:
        start = _skip_separators(text, match.end(), end)
        if _first_word(text[start:end]) in r.prose_after_number:
            return None
        return _Hit(r.kind_of(match.group("label")), match.group("num"), start, end, end)
    match = r.plain.match(folded, pos, end) or r.qualified.match(folded, pos, end)
    if not match or not _qualifier_ok(match):
        return None
    start = _skip_separators(text, match.end(), end)
    return _Hit(r.kind_of(match.group("label")), None, start, end, end)


def _qualifier_ok(match: re.Match[str]) -> bool:
    """"Cíl KPSS a sociální práce:" names a plan goal; "Cíl jednání:" the aim of the meeting."""
    qualifier = match.groupdict().get("qual")
    if qualifier is None:
        return True
    words = qualifier.split()
    r = rules()
    return len(words) <= r.qualifier_max_words and not any(w in r.qualifier_not_plan for w in words)


def _run_on_hits(text: str, folded: str, first: _Hit) -> list[_Hit]:
    """Further numbered items on the same line as `first` ("Cíl č. 1 - ... . Cíl č. 2 - ...").

    A later label counts when it is capitalised and either follows the end of a
    sentence or continues the numbering (a sibling or a child of the item before)."""
    r = rules()
    hits = [first]
    for match in r.numbered.finditer(folded, first.title_start, first.line_end):
        label_start = match.start()
        if not text[label_start].isupper() or (label_start > 0 and not text[label_start - 1].isspace()):
            continue
        previous = hits[-1]
        before = text[previous.title_start:label_start].rstrip()
        if not before:
            continue
        kind, number = r.kind_of(match.group("label")), match.group("num")
        if not (before[-1] in ".;!?" or _continues_numbering(previous.number, number)):
            continue
        start = _skip_separators(text, match.end(), first.line_end)
        if _first_word(text[start:first.line_end]) in r.prose_after_number:
            continue
        previous.title_end = label_start
        hits.append(_Hit(kind, number, start, first.line_end, first.line_end))
    return hits


def _continues_numbering(previous: str | None, number: str) -> bool:
    """Whether `number` can follow `previous` in one outline: a child (1 -> 1.1), a sibling
    (1.1 -> 1.2) or the next item of an ancestor's level (1.1.2 -> 1.2, 1.2 -> 2)."""
    if not previous:
        return False
    prev_parts, parts = previous.rstrip(".").split("."), number.rstrip(".").split(".")
    if parts[:-1] == prev_parts:
        return True
    depth = len(parts) - 1
    return (depth < len(prev_parts) and parts[:-1] == prev_parts[:depth]
            and int(parts[-1]) > int(prev_parts[depth]))


def _block_hits(block: BlockView) -> list[_Hit]:
    """Every labelled item in a block, line by line (a list label before the first is skipped)."""
    text, folded = block.text, _same_length_fold(block.text)
    hits: list[_Hit] = []
    for index, (start, end) in enumerate(_lines(text)):
        first = _label_at(text, folded, start, end)
        if first is None and index == 0:
            first = _label_at(text, folded, start + body_offset(block), end)
        if first is not None:
            hits.extend(_run_on_hits(text, folded, first))
    return hits


# --------------------------------------------------------------------------- titles and their continuation


@dataclass
class _Piece:
    """A part of a title: a span of one block's text."""

    block: BlockView
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def _trim(piece: _Piece) -> _Piece:
    """Drop surrounding spaces, separators and the trailing evaluation status of a title part."""
    text = piece.block.text
    start, end = piece.start, piece.end
    folded = _same_length_fold(text)
    status = rules().status.search(folded, start, end)
    if status:
        end = status.start()
    for field_match in rules().inline_field.finditer(folded, start, end):
        if text[field_match.start("field")].isupper():
            end = field_match.start()
            break
    while start < end and (text[start].isspace() or text[start] in _SEPARATORS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:–—-"):
        end -= 1
    return _Piece(piece.block, start, end)


def _has_status(piece: _Piece) -> bool:
    return rules().status.search(_same_length_fold(piece.block.text), piece.start, piece.end) is not None


def _is_field_line(text: str) -> bool:
    """"R: Charita", "Termín: 2023", "Realizátor:\t..." — a field below an item, never its title."""
    return rules().field_line.match(fold(text)) is not None


def _starts_item(text: str) -> bool:
    """Whether a line opens a new labelled item, an introduction or a bullet."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in "•·◦▪–-✓*":
        return True
    intro = _intro_match(text)
    return _label_at(text, _same_length_fold(text), 0, len(text)) is not None or (intro is not None and not intro[3])


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the title whose last line is `previous`.

    A title line that ends with a preposition, conjunction, comma or dash is
    unfinished. Otherwise the next line continues it only when it starts in
    lower case with a preposition or conjunction ("pro osoby ...", "v rámci ..."),
    or when the title line is as long as a wrapped line and the next is a plain
    fragment; a lower-case detail line ("navýšení úvazku o 0,5") or a capitalised
    one ("Ordinace pro chudé") is not part of the title."""
    r = rules()
    line, previous = line.strip(), previous.rstrip()
    if not line or not previous or _is_field_line(line) or _starts_item(line):
        return False
    if previous[-1] in ",–—-/(":
        return True
    last = fold(previous).split()[-1].strip(".") if fold(previous).split() else ""
    if last in r.joiners:
        return True
    first_char = re.match(r"[„\"'(]*(.)", line)
    if not first_char or not first_char.group(1).islower():
        return False
    if _first_word(line) in r.joiners:
        return True
    return len(previous) >= r.wrapped_line_chars and not re.search(r"[\d:]", line)


def _line_up_to(piece: _Piece) -> str:
    """The whole line a title part ends on, label included (its length tells a wrapped line)."""
    line_start = piece.block.text.rfind("\n", 0, piece.end) + 1
    return piece.block.text[line_start:piece.end]


def _could_be_title(line: str) -> bool:
    """The line after a bare label ("Opatření 2.1") is its title unless it is a field, an item or a number."""
    return bool(line.strip()) and not _is_field_line(line) and not _starts_item(line) \
        and not re.fullmatch(r"[\d.\s]*", line)


def _can_continue_into(item: BlockView, nxt: BlockView) -> bool:
    """A title goes on into a paragraph, a heading of the same level as its own, or (in a
    table) the next cell of the row."""
    if item.table_id is not None:
        return nxt.table_id == item.table_id and nxt.row == item.row
    if nxt.region != item.region or nxt.table_id is not None:
        return False
    return nxt.kind == "paragraph" or (nxt.kind == "heading" and item.kind == "heading" and nxt.level == item.level)


# --------------------------------------------------------------------------- the walk over a document


@dataclass
class _Children:
    """An open list of children of a numbered parent (after an introduction)."""

    kind: str
    parent: str
    form: str | None = None  # "list_item" or "paragraph": the list ends at a block of the other form
    level: int | None = None  # the list level of the items; deeper items are their details
    marked: bool = False  # the items are paragraphs that start with a typed marker ("2.1 Zachovat", "a) ...")
    style: str | None = None  # how the list labels its items ("a)", "1.", "I.", "1.1", a bullet)


@dataclass
class _Walker:
    """Walks the blocks once, keeping the numbered goal and measure above the current block."""

    blocks: list[BlockView]
    result: Extraction
    context: dict[str, str | None] = field(default_factory=lambda: {"goal": None, "measure": None})
    children: _Children | None = None
    consumed: set[int] = field(default_factory=set)
    emitted: set[tuple[Any, ...]] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)  # agenda titles: a line repeating one opens a section

    def run(self) -> None:
        self.sections = {_section_key(r.get("title", "")) for r in self.result.tables.get("agenda_items", [])}
        plan_tables = _plan_tables(self.blocks)
        for index, block in enumerate(self.blocks):
            if index in self.consumed:
                continue
            if block.table_id is not None and block.table_id in plan_tables:
                self._table(plan_tables.pop(block.table_id))
                continue
            self._block(index, block)

    # -- one block

    def _block(self, index: int, block: BlockView) -> None:
        if _is_not_plan(block):
            self._reset()
            return
        if self.children is not None and _section_key(block.text[body_offset(block):]) in self.sections:
            self._reset()  # the next agenda point closes an open list of children
        if self._flat_table(block):
            return
        intro = self._intro(index, block)
        if intro is not None:
            self.children = intro
            return
        hits = _block_hits(block)
        if hits:
            self.children = None
            self._hits(index, block, hits)
            return
        if self.children is not None and self._child_block(block):
            return
        self.children = None
        if block.kind == "heading" or _section_key(block.text[body_offset(block):]) in self.sections:
            self._reset()

    def _reset(self) -> None:
        """A heading that is no plan item, or the next agenda point, closes the plan section above it."""
        self.context = {"goal": None, "measure": None}
        self.children = None

    # -- labelled items

    def _hits(self, index: int, block: BlockView, hits: list[_Hit]) -> None:
        lines = _lines(block.text)
        for position, hit in enumerate(hits):
            pieces = [_Piece(block, hit.title_start, hit.title_end)]
            last_on_line = position == len(hits) - 1 or hits[position + 1].line_end != hit.line_end
            if last_on_line and not _has_status(pieces[0]):
                line_no = next(n for n, (s, e) in enumerate(lines) if s <= hit.title_start <= e)
                pieces = self._continue_title(index, block, line_no, pieces)
            self._item(hit.kind, hit.number, pieces)

    def _continue_title(self, index: int, block: BlockView, line_no: int, pieces: list[_Piece]) -> list[_Piece]:
        """Add the following lines of the block, then of the next blocks, that carry on the title."""
        lines = _lines(block.text)
        for start, end in lines[line_no + 1:]:
            if not self._join(pieces, _Piece(block, start, end)):
                return pieces
        nxt = index + 1
        while nxt < len(self.blocks) and _can_continue_into(block, self.blocks[nxt]):
            candidate = self.blocks[nxt]
            if not all(self._join(pieces, _Piece(candidate, s, e)) for s, e in _lines(candidate.text)):
                break  # a block holding the end of the title and other lines stays for the walk
            self.consumed.add(nxt)
            nxt += 1
        return pieces

    def _join(self, pieces: list[_Piece], piece: _Piece) -> bool:
        """Append `piece` when it carries on the title (or is the title of a bare label);
        True when the title may go on after it."""
        if any(_trim(p).end > _trim(p).start for p in pieces):
            ok = _continues(_line_up_to(pieces[-1]), piece.text)
        else:
            ok = _could_be_title(piece.text)
        if ok:
            pieces.append(piece)
        return ok and not _has_status(piece)

    def _item(self, kind: str, number: str | None, pieces: list[_Piece]) -> None:
        """Write one labelled item and make it the context of the items below it."""
        trimmed = [p for p in (_trim(p) for p in pieces) if p.end > p.start]
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

    # -- lists of children under an introduction

    def _intro(self, index: int, block: BlockView) -> _Children | None:
        """"Uskutečněné aktivity k naplnění opatření [3.1]:" opens a list of children of 3.1;
        a bare "Aktivity:" does so only when list items follow."""
        offset = _after_slide_number(block.text, body_offset(block))
        match = _intro_match(block.text[offset:])
        if match is None:
            return None
        kind, number, rest, bare = match
        nxt = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if bare and (nxt is None or nxt.kind != "list_item"):
            return None
        parent = number or self._parent(kind, None)
        if not parent:
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
        if not body.strip() or re.fullmatch(r"[\d.\s]+", body) or _is_field_line(body):
            return False
        if block.kind not in ("list_item", "paragraph") or (children.form or block.kind) != block.kind:
            return False
        children.form = block.kind
        if block.kind == "list_item":
            level = block.level or 1
            if children.level is None:
                children.level, children.style = level, _label_style(block.label)
            if level < children.level:
                return False
            if level == children.level:
                if _label_style(block.label) != children.style:
                    return False  # "a) b)" then "IV. Různé": the next agenda point, not an item
                self._child(children, block, offset, len(block.text))
            return True
        marker = _PARAGRAPH_MARKER.match(body)
        if marker is not None and not any(d.start == 0 for d in find_dates(body.strip())):
            children.marked = True
            number = (marker.group("num") or "").rstrip(".") or None
            self._child(children, block, offset + marker.end(), len(block.text), number)
            return True
        if children.marked or not _looks_like_items(body):
            return False
        self._flat_children(children, block, offset, len(block.text))
        return True

    def _flat_children(self, children: _Children, block: BlockView, start: int, end: int) -> None:
        """Children run together in one paragraph (or after the introduction's colon)."""
        for item_start, item_end in _split_flat_items(block.text, start, end):
            self._child(children, block, item_start, item_end)

    def _child(self, children: _Children, block: BlockView, start: int, end: int,
               written: str | None = None) -> None:
        """One child item; capacity figures ("počet míst - 10") are not items. A list label, or
        the number a paragraph starts with (`written`), that numbers the item under its parent
        ("3.1.2" under 3.1) is its number."""
        piece = _trim(_Piece(block, start, end))
        if piece.end <= piece.start or rules().not_items.match(fold(piece.text)):
            return
        label = (written or block.label or "").rstrip(".")
        number = label if re.fullmatch(rf"{re.escape(children.parent)}\.\d+", label) else None
        self._row(children.kind, block, piece.start, piece.end, number, children.parent, piece.text)

    # -- tables

    def _table(self, table: _PlanTable) -> None:
        """Rows of a table with a number column: one item per row that has a number."""
        for kind, number, cell, start in table.rows:
            piece = _trim(_Piece(cell, start, len(cell.text)))
            if piece.end > piece.start:
                number = number.rstrip(".")
                parent = self._parent(kind, number)
                self._row(kind, cell, piece.start, piece.end, number, parent, piece.text)
                self._enter(kind, number, parent)
        index_of = {block.block_id: index for index, block in enumerate(self.blocks)}
        self.consumed.update(index_of[block_id] for block_id in table.cell_ids)

    def _flat_table(self, block: BlockView) -> bool:
        """A table flattened into one paragraph: "Opatření č. Název organizace Druh služby 1.1. ..."."""
        parsed = _flat_table_rows(block)
        if parsed is None:
            return False
        kind, rows = parsed
        for number, start, end in rows:
            piece = _trim(_Piece(block, start, end))
            if piece.end > piece.start:
                parent = self._parent(kind, number)
                self._row(kind, block, piece.start, piece.end, number, parent, piece.text)
                self._enter(kind, number, parent)
        return True


# A paragraph that starts with a typed list marker is one child: an outline number ("2.1
# Zachovat ...", the child's number when it continues its parent's), an item number ("3)"),
# a letter ("b)") or a bullet.
_PARAGRAPH_MARKER = re.compile(r"\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}\.?)|\d{1,2}[.)]|\(?[a-z]\)|[•·▪◦*–-])"
                               r"\s+(?=[^\W\d_])")


def _label_style(label: str | None) -> str:
    """How a list label numbers its item: "outline" (1.1), "number" (1.), "roman" (IV.),
    "letter" (a)), or "bullet" (any glyph, or no label)."""
    text = (label or "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", text):
        return "outline"
    if re.fullmatch(r"\d+[.)]?", text):
        return "number"
    if re.fullmatch(r"[IVXLC]+[.)]?", text):
        return "roman"
    if re.fullmatch(r"\(?[a-zA-Z][.)]", text):
        return "letter"
    return "bullet"


def _section_key(text: str) -> str:
    """An agenda title or a line compared with one: folded, without a trailing colon."""
    return " ".join(fold(str(text)).strip().rstrip(":").split())


def _is_not_plan(block: BlockView) -> bool:
    """"Hlavní aktivity projektu" heads a project's own work plan, not plan items."""
    body = fold(block.text[body_offset(block):])
    return len(body.split()) <= 8 and rules().not_plan.match(body) is not None


def _intro_match(text: str) -> tuple[str, str | None, str, bool] | None:
    """(kind of the children, parent number or None, text after the colon, bare) of an
    introduction; a bare one is the noun alone ("Aktivity:")."""
    folded = _same_length_fold(text)
    for kind, pattern in rules().intro.items():
        match = pattern.match(folded)
        if match is None:
            continue
        rest = text[match.end():]
        described = match.group("adj") or match.group("parent")
        if described or match.group("num") is None and not rest.strip():
            return kind, match.group("num"), rest, not described
    return _sentence_intro(folded)


def _sentence_intro(folded: str) -> tuple[str, str | None, str, bool] | None:
    """A sentence ending in a colon that introduces the children of a parent: "Skupina navrhla
    k cíli 2 tato opatření:", "Ke splnění opatření 1.2 povedou následující aktivity:",
    "Realizované aktivity v roce 2023 k opatření 1.2:", "Opatření navržená pro prioritu 3:".
    The children's noun needs a determiner or an adjective of [intro] before it (or a participle
    after it); the parent is the numbered label in the sentence, else the item above."""
    r = rules()
    text = folded.strip()
    if not text.endswith(":") or len(text.split()) > r.sentence_max_words:
        return None
    for kind, (noun, parent) in r.sentence_intro.items():
        found = noun.search(text)
        if found is None:
            continue
        numbered = [m for m in parent.finditer(text) if not (m.start() < found.end() and found.start() < m.end())]
        return kind, numbered[0].group("num") if numbered else None, "", False
    return None


def _looks_like_items(text: str) -> bool:
    """A paragraph under an introduction holds list items unless it is running text (several
    sentences, or one long capitalised sentence: "Skupina dále diskutovala o ...") or the
    numbered title of the next slide."""
    stripped = text.strip()
    if _after_slide_number(stripped, 0) > 0:
        return False  # the next slide's title
    if not stripped[:1].isupper():
        return True
    several = re.search(r"[.!?]\s+[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]", stripped) is not None
    sentence = stripped.endswith((".", "!", "?")) and len(stripped.split()) >= 8
    return not (several or sentence)


# --------------------------------------------------------------------------- a list flattened into a paragraph


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"\S+", text[start:end])]


def _is_action_noun(word: str) -> bool:
    """"vyřízení", "sepsání", "přihlášení": a lower-case verbal noun that can open a list item."""
    r = rules()
    return (len(word) >= 6 and word.isalpha() and word.islower() and word not in r.not_action_nouns
            and re.search(r"(?:[eěá]ní|[íuyeě]tí)$", word) is not None)


def _split_flat_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Item boundaries of a list whose line breaks were lost ("vyřízení ... sepsání ... 3. ledna 2011 ...").

    An item starts at a dated line, at a capacity figure ("počet míst"), or at a
    verbal noun that does not follow a preposition, a punctuation mark, an
    adjective that agrees with it ("slavnostní otevření") or another verbal noun,
    once the item before it has a few words."""
    r = rules()
    tokens = _tokens(text, start, end)
    if not tokens:
        return []
    date_starts = {start + d.start for d in find_dates(text[start:end]) if d.year is not None}
    cuts, inside_until = [0], -1
    for k in range(1, len(tokens)):
        token_start, _, word = tokens[k]
        if token_start < inside_until:
            continue  # the rest of a capacity phrase ("předpokládaný | počet")
        previous = tokens[k - 1][2]
        previous_word = previous.strip("„“\"'()").lower()
        after_joiner = fold(previous_word).strip(".") in r.joiners
        figure = r.not_items.match(fold(text[token_start:end]))
        if after_joiner:
            continue
        if token_start in date_starts or figure:
            cuts.append(k)
            inside_until = token_start + figure.end() if figure else -1
        elif (_is_action_noun(word) and previous[-1].isalnum() and not _is_action_noun(previous_word)
              and not previous_word.endswith(("í", "é")) and k - cuts[-1] >= r.min_item_words
              and len(tokens) - k >= 2):
            cuts.append(k)
    cuts.append(len(tokens))
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(cuts, cuts[1:]) if b > a]


# --------------------------------------------------------------------------- tables


@dataclass
class _PlanTable:
    """A table whose header names a plan number column, with its data rows."""

    rows: list[tuple[str, str, BlockView, int]]  # kind, number, the cell holding the title, where the title starts
    cell_ids: list[int]


def _header_column(text: str) -> str | None:
    """Which column a header cell names: number, title, service or organisation."""
    folded = " ".join(fold(text).strip(" :").split())
    for phrase, column in rules().header_columns:
        if folded == phrase or folded == phrase.rstrip("."):
            return column
    return None


def _plan_tables(blocks: Sequence[BlockView]) -> dict[int, _PlanTable]:
    """Tables whose header row has a plan-number column and a title or service column."""
    cells: dict[int, list[BlockView]] = {}
    for block in blocks:
        if block.table_id is not None and block.kind == "table_cell":
            cells.setdefault(block.table_id, []).append(block)
    found = {}
    for table_id, table_cells in cells.items():
        table = _plan_table(table_cells)
        if table is not None:
            found[table_id] = table
    return found


def _plan_table(cells: list[BlockView]) -> _PlanTable | None:
    """Read a table whose header names plan-number columns ("Opatření č.", "Cíl" | "Opatření").

    With one number column, the title is the title column ("Název opatření"),
    else the service column ("Druh služby"), else the text after the number. With
    several (an outline in columns), each number cell holds its item's title.
    A row whose number cell is empty gives no item."""
    rows: dict[int, dict[int, BlockView]] = {}
    for cell in cells:
        rows.setdefault(cell.row or 0, {})[cell.col or 0] = cell
    header_row = min(rows)
    header = {col: _header_column(cell.text) for col, cell in rows[header_row].items()}
    number_cols = {c: _header_kind(rows[header_row][c].text) for c, column in sorted(header.items())
                   if column == "number"}
    number_cols = {c: kind for c, kind in number_cols.items() if kind is not None}
    title_cols = [c for c, column in header.items() if column == "title"] or \
        [c for c, column in header.items() if column == "service"]
    if not number_cols:
        return None
    title_col = title_cols[0] if title_cols and len(number_cols) == 1 else None
    out = []
    for row in sorted(r for r in rows if r != header_row):
        for col, kind in number_cols.items():
            cell = rows[row].get(col)
            match = re.match(rf"\s*{_NUMBER}\s*(?P<rest>.*)", cell.text, re.S) if cell is not None else None
            if match is None or cell is None:
                continue
            if title_col is not None and rows[row].get(title_col) is not None:
                out.append((kind, match.group("num"), rows[row][title_col], 0))
            elif title_col is None and match.group("rest").strip():
                out.append((kind, match.group("num"), cell, match.start("rest")))
    return _PlanTable(out, [c.block_id for c in cells]) if out else None


def _header_kind(text: str) -> str | None:
    """The kind of item a number-column header counts ("Opatření č." -> measure)."""
    folded = " ".join(fold(text).strip(" :").split())
    for word in folded.replace(".", " ").split():
        if word in rules().label_kind:
            return rules().label_kind[word]
    return None


def _flat_table_rows(block: BlockView) -> tuple[str, list[tuple[str, int, int]]] | None:
    """Rows of a table flattened into a paragraph: header words, then "<number> <cells>" runs.

    Returns the item kind and, per numbered row, the number and the span of its
    title (the title column, else the service named in the row)."""
    text = block.text
    columns, pos = _header_run(text, body_offset(block))
    kind = _header_kind(text[body_offset(block):pos]) if columns and columns[0] == "number" else None
    if kind is None or len(columns) < 2 or not re.match(r"\d", text[pos:pos + 1]):
        return None
    numbers = list(re.finditer(rf"(?<!\S){_NUMBER}(?=\s)", text[pos:]))
    if not numbers:
        return None
    depth = numbers[0].group("num").count(".")
    numbers = [m for m in numbers if m.group("num").count(".") == depth]
    rows = []
    for this, nxt in zip(numbers, numbers[1:] + [None]):
        start, end = pos + this.end(), pos + (nxt.start() if nxt else len(text) - pos)
        span = _row_title(text, start, end, columns[1:])
        if span is not None:
            rows.append((this.group("num"), *span))
    return kind, rows


def _header_run(text: str, pos: int) -> tuple[list[str], int]:
    """The column names that open a flattened table ("Opatření č. Název organizace Druh služby"),
    and where the header ends."""
    folded = _same_length_fold(text)
    columns: list[str] = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        for phrase, column in rules().header_columns:
            end = pos + len(phrase)
            whole_word = phrase.endswith(".") or end >= len(text) or not folded[end].isalnum()
            if folded.startswith(phrase, pos) and whole_word:
                columns.append(column)
                pos = end
                break
        else:
            return columns, pos


def _row_title(text: str, start: int, end: int, columns: list[str]) -> tuple[int, int] | None:
    """The title of one flattened row: its title cell, else its service cell.

    Cells lost their borders, but each starts with a capital letter: the row is
    cut into capitalised chunks, and the service is the first chunk (after the
    organisation when that column comes first) that names a social service —
    a legal type, else a word like "služba", "centrum", "dům"."""
    tokens = _tokens(text, start, end)
    if not tokens:
        return None
    if "title" in columns and "service" not in columns and "organisation" not in columns:
        return tokens[0][0], tokens[-1][1]
    chunks = _chunks(tokens)
    first = 1 if columns and columns[0] == "organisation" and len(chunks) > 1 else 0
    candidates = list(chunks[first:])
    if first:
        # "Podané ruce, o.s. kontaktní centrum": after the organisation's closing legal form
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
    while k > floor and re.fullmatch(r"[^\W\d_]+", tokens[k - 1][2]) and tokens[k - 1][2].islower():
        k -= 1
    return k


# --------------------------------------------------------------------------- entry point


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the document's goals, measures and activities to `result.tables`."""
    for table in ("goals", "measures", "activities"):
        result.tables.setdefault(table, [])
    _Walker(list(blocks), result).run()


__all__ = ["extract", "rules"]
