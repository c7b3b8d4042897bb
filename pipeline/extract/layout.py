"""The layout of one document, built once and shared by the relations: its lines, its zones
(head, top, signature; a document portal's list of other documents is left out of the lines, and
its blocks are `aside_blocks`), its sections with their labels, the neighbours of a table cell, the
line before and after a line, and the value after a label.

Minutes put their fields in a few typical places: labelled lines of the head ("Místo konání:"),
a two-cell table row, the signature at the end. PDF and plain-text readers often put several
labelled lines into one block, so the layout works on *lines* (`text.line_spans` of each block,
trimmed), each a `text.Span` with its order and its paragraph-ish unit. The words that open
and close zones are the labels of configs/meeting.toml.

Get a document's layout with `layout_of(document)`: built on first use and kept in the
annotated document's `memo`, so every relation reads the same lines and zones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterable, Sequence

from pipeline.config import load
from pipeline.extract.common import alternation
from pipeline.extract.grids import Grids
from pipeline.extract.model import BlockView
from pipeline.extract.text import Span, fold, line_spans

HEAD_UNITS = 12          # the head of the minutes: this many paragraphs (a list or table counts once)
TITLE_SEARCH_LINES = 40  # how far down a page the minutes' own title may start the head
TOP_UNITS = 8            # the top of the minutes, where the group and territory are named
SIGNATURE_TAIL = 6       # the last lines that may hold the signature
PAGE_REGIONS = ("header", "footer")  # running headers and footers: outside the body
# The [labels] of configs/meeting.toml that open a section, in the order a line is tried.
SECTION_LABELS = ("attendance", "programme", "date", "location", "time", "next_meeting", "working_group",
                  "recorder")


def meeting_words() -> dict[str, Any]:
    """The domain words of minutes' fields and zones (configs/meeting.toml)."""
    return load("meeting")


@dataclass(frozen=True)
class Line(Span):
    """One non-blank line of a block, trimmed of spaces, with its order among the document's
    lines and its unit (a paragraph; a run of list items or one table counts once)."""

    index: int = 0
    unit: int = 0

    @cached_property
    def text(self) -> str:  # type: ignore[override]  # read often: sliced once
        return self.block.text[self.start:self.end]

    @property
    def in_body(self) -> bool:
        return self.block.region not in PAGE_REGIONS

    @property
    def first_in_block(self) -> bool:
        return not self.block.text[:self.start].strip()

    @cached_property
    def folded(self) -> str:
        """The line's text folded (`text.fold`), computed once."""
        return fold(self.text)


@dataclass(frozen=True)
class Section:
    """A part of the body opened by a labelled line ("Přítomni:", "Program jednání:") or a
    heading, up to the next one: `kind` is the [labels] key of the label (or "heading"), the
    value after the label starts at `value_start` of the opening line."""

    kind: str
    line: Line
    value_start: int
    lines: tuple[Line, ...]


def document_lines(blocks: Sequence[BlockView]) -> list[Line]:
    """Every non-blank line of every block, in document order (body and page regions alike)."""
    lines: list[Line] = []
    unit, previous_group = -1, None
    for block in blocks:
        group = (block.kind, block.table_id) if block.kind in ("list_item", "table_cell") else None
        if group is None or group != previous_group:
            unit += 1
        previous_group = group
        for start, end in line_spans(block.text):
            part = block.text[start:end]
            stripped = part.strip()  # str.strip() trims what str.isspace() calls space, as Span.trimmed
            if stripped:
                start += len(part) - len(part.lstrip())
                lines.append(Line(block, start, start + len(stripped), len(lines), unit))
    return lines


@lru_cache(maxsize=None)
def _zone_words(key: str) -> frozenset[str]:
    """configs/meeting.toml [zones] `key`, folded."""
    return frozenset(fold(word) for word in meeting_words()["zones"][key])


def aside_lines(lines: Sequence[Line]) -> set[int]:
    """The lines of a document portal's list of other documents: from a line that is only a
    [zones] related_lists word ("Podobné dokumenty", a colon after it too) to the end, or to a
    line that is only a `resume` word ("Transkript": the document itself goes on). Those lines
    name other minutes' titles, dates, places and plan items, never this document's."""
    opening, resume = _zone_words("related_lists"), _zone_words("resume")
    out: set[int] = set()
    inside = False
    for line in lines:
        word = line.folded.rstrip(" :").strip()
        if inside and word in resume:
            inside = False
        elif not inside and word in opening:
            inside = True
        if inside:
            out.add(line.index)
    return out


class Labels:
    """A set of field labels, compiled once: where the value after a leading label starts.

    A label must be followed by a colon, tab, dash or the end of the text; with `space_ok`
    a plain space will do ("Zapsala Leona Hájková"). Matching is folded; longer labels first."""

    def __init__(self, labels: Iterable[str], space_ok: bool = False):
        alternatives = "|".join(re.escape(fold(label)).replace(r"\ ", r"\s+")
                                for label in sorted(labels, key=len, reverse=True))
        separator = r"\.?\s*(?:[:\t–—-]\s*|$)" + (r"|\s+(?=\S)" if space_ok else "")
        self._pattern = re.compile(rf"\s*(?:{alternatives})(?:{separator})")

    def end(self, text: str) -> int | None:
        """Where the value after a leading label starts ("Místo konání:\\tradnice" -> at
        "radnice"), or None."""
        match = self._pattern.match(fold(text))
        return match.end() if match else None


@lru_cache(maxsize=None)
def labels(name: str, space_ok: bool = False) -> Labels:
    """The labels of configs/meeting.toml [labels] `name`, compiled once."""
    return Labels(meeting_words()["labels"][name], space_ok)


@lru_cache(maxsize=None)
def _labels_of(words: tuple[str, ...], space_ok: bool) -> Labels:
    return Labels(words, space_ok)


def label_end(text: str, words: Iterable[str], space_ok: bool = False) -> int | None:
    """Where the value after one of `words` as a leading label starts, or None (see `Labels`;
    prefer `labels(name)`, compiled once, where the words are a [labels] list)."""
    return _labels_of(tuple(words), space_ok).end(text)


@lru_cache(maxsize=1)
def _title_start() -> re.Pattern[str]:
    words = meeting_words()["title"]
    starts = "|".join(re.escape(fold(w)) for w in words["starts"])
    follow = "|".join(re.escape(fold(w)) for w in words["next_words"])
    return re.compile(rf"(?:{starts})(?:\s*$|\s*[:–-]|\s+(?:{follow})(?!\w))")


def starts_with_title_word(text: str) -> bool:
    """"Zápis z jednání …", "ZÁPIS", "Záznam č. 3", also letter-spaced ("Z á p i s    č. 5",
    "Z Á P I S z 38. schůze") — not "Zápis byl schválen"."""
    return _title_start().match(fold(close_spaced_title(text)).strip()) is not None


@lru_cache(maxsize=1)
def _spaced_title_word() -> re.Pattern[str]:
    """A one-word title word written letter by letter at the start of a line ("Z á p i s", "Z Á Z N A M")."""
    words = sorted({fold(w) for w in meeting_words()["title"]["starts"] if " " not in w}, key=len, reverse=True)
    spelled = "|".join(r"\s+".join(re.escape(c) for c in word) for word in words)
    return re.compile(rf"\s*(?:{spelled})(?!\w)")


def close_spaced_title(text: str) -> str:
    """The line with a leading letter-spaced title word closed up ("Z Á P I S č. 3/2016 z jednání" ->
    "ZÁPIS č. 3/2016 z jednání"); other lines as they are. Real minutes space their title word out
    and go on with the number or the meeting on the same line."""
    spaced = _spaced_title_word().match(fold(text))
    if spaced is None or " " not in text[:spaced.end()].strip():
        return text
    rest = text[spaced.end():].lstrip()
    return text[:spaced.end()].replace(" ", "") + (" " if rest[:1].isalnum() else "") + rest


@lru_cache(maxsize=1)
def _numbered_meeting() -> re.Pattern[str]:
    words = meeting_words()
    nouns, bodies = alternation(words["title"]["meeting_nouns"]), alternation(words["dates"]["numbered_meeting_bodies"])
    return re.compile(rf"\s*\d{{1,3}}\s*\.\s*(?:{nouns})\s+(?:{bodies})(?!\w)")


def names_numbered_meeting(text: str) -> bool:
    """"1. setkání řídící skupiny", "4. jednání Komise …", "2. jednání pracovní skupiny – 22. 9. 2021":
    a line opening with a meeting's number, its noun and the body that meets. A page that lists a
    group's meetings heads each so; such a heading names a meeting, never an item of a programme."""
    return _numbered_meeting().match(fold(text)) is not None


def numbered_meeting_end(folded: str) -> int:
    """Where a meeting's number, noun and body ("4. setkání pracovních skupin", "3. jednání komise")
    ends in a folded line, also inside a sentence ("Poslední, 4. setkání pracovních skupin proběhne …");
    -1 without one."""
    match = _numbered_meeting().search(folded)
    return match.end() if match else -1


@lru_cache(maxsize=1)
def _byline() -> re.Pattern[str]:
    verbs = "|".join(re.escape(w) for w in sorted(meeting_words()["labels"]["recorder_needs_colon"], key=len, reverse=True))
    capitals = load("lexicon")["letters"]["capitals"]
    word = rf"[{capitals}][^\W\d_]+(?:-[{capitals}][^\W\d_]+)?"
    return re.compile(rf"\s*(?i:{verbs})\s+(?={word}(?:\s+{word}){{0,2}}\s*\.?\s*$)")


def byline_end(text: str) -> int | None:
    """Where the name starts in a byline: a line that is only an authoring verb that otherwise needs a
    colon ([labels] recorder_needs_colon) and a name of one to three capitalised words, "Zpracovala
    Bendová", "Zpracoval Petr Dub." (web reports of a meeting sign so); None for anything else
    ("Zpracovala návrh …" is a sentence). The recorder's field reads it (documents.recorded_by); the
    attendees do not yet, so such a recorder has no attendee row."""
    match = _byline().match(text)
    return match.end() if match else None


_LABEL_LIKE = re.compile(r"^\s*[\w()/. ]{1,30}:")  # "Přítomni: ...": another field, not a value


class Layout:
    """The lines of one document with its zones, its table cells and the relations between
    lines that relations ask about."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.blocks = list(blocks)
        self.source = blocks  # an `Annotated` document also gives each block's spans
        every_line = document_lines(self.blocks)
        aside = aside_lines(every_line)
        # the blocks wholly inside a portal's list of other documents: no relation reads them
        inside: dict[int, bool] = {}
        for line in every_line if aside else ():
            inside[line.block.block_id] = inside.get(line.block.block_id, True) and line.index in aside
        self.aside_blocks = frozenset(block_id for block_id, wholly in inside.items() if wholly)
        self.lines = [line for line in every_line if line.index not in aside]
        self.body = [line for line in self.lines if line.in_body]
        self.grids = Grids(self.blocks)  # every table of the document, built once (pipeline/extract/grids.py)
        self._position = {line.index: i for i, line in enumerate(self.body)}
        # The head runs HEAD_UNITS past the top, or past the minutes' own title when a web page's
        # menu or a cover stands before it ("Úvodní stránka", "Kontakty", ... "Zápis č. 1/2024 ...").
        titled = next((line for line in self.body[:TITLE_SEARCH_LINES] if starts_with_title_word(line.text)), None)
        start = max(self.body[0].unit, titled.unit) if titled and self.body else (self.body[0].unit if self.body else 0)
        self.head = [line for line in self.body if line.unit - start < HEAD_UNITS]
        self.head_ids = {line.index for line in self.head}
        self.signature_ids = self._signature_zone()

    def _signature_zone(self) -> set[int]:
        """The last lines past the head, and everything from a recorder's line that stands past
        the head or in the second half of the minutes (a "Zapisovatel:" among the head fields
        does not end the head)."""
        recorder = labels("recorder", space_ok=True)
        zone = {line.index for line in self.body[-SIGNATURE_TAIL:] if line.index not in self.head_ids}
        half = len(self.body) // 2
        for position, line in enumerate(self.body):
            late = line.index not in self.head_ids or position >= half
            if late and position > 0 and recorder.end(line.text) is not None:
                zone.update(other.index for other in self.body[position:])
                break
        return zone

    @cached_property
    def top(self) -> list[Line]:
        """The first lines, up to the attendance or the programme: where the minutes name
        their group and territory."""
        stops = _top_stops()
        out = []
        for line in self.body:
            if line.unit - self.body[0].unit >= TOP_UNITS or stops.end(line.text) is not None:
                break
            out.append(line)
        return out

    @cached_property
    def sections(self) -> list[Section]:
        """The body's sections in order; lines before the first one belong to none."""
        starts: list[tuple[int, str, int]] = []
        for position, line in enumerate(self.body):
            if line.block.kind == "heading" and line.first_in_block:
                starts.append((position, "heading", len(line.text)))
                continue
            for kind in SECTION_LABELS:
                end = labels(kind).end(line.text)
                if end is not None:
                    starts.append((position, kind, end))
                    break
        bounds = [position for position, _, _ in starts[1:]] + [len(self.body)]
        return [Section(kind, self.body[position], end, tuple(self.body[position:stop]))
                for (position, kind, end), stop in zip(starts, bounds)]

    @cached_property
    def page_lines(self) -> list[Line]:
        """The lines of running headers and footers."""
        return [line for line in self.lines if not line.in_body]

    def neighbour_cell(self, block: BlockView, d_row: int, d_col: int) -> BlockView | None:
        """The cell `d_row` rows and `d_col` columns away from a table cell (None if none)."""
        grid = self.grids.by_table.get(block.table_id) if block.kind == "table_cell" else None  # type: ignore[arg-type]
        cell = grid.cell((block.row or 0) + d_row, (block.col or 0) + d_col) if grid is not None else None
        return cell.block if cell is not None else None

    def next_line(self, line: Line) -> Line | None:
        """The body line after `line` (None at the end or for a header/footer line)."""
        position = self._position.get(line.index, -1)
        return self.body[position + 1] if 0 <= position < len(self.body) - 1 else None

    def previous_line(self, line: Line) -> Line | None:
        """The body line before `line` (None at the start or for a header/footer line)."""
        position = self._position.get(line.index, -1)
        return self.body[position - 1] if position > 0 else None

    def value_after_label(self, line: Line, value_start: int) -> Span | None:
        """The value of a labelled line: the rest of the line, else the next cell, else the
        next line (unless that is another label)."""
        if line.start + value_start < line.end:
            return Span(line.block, line.start + value_start, line.end)
        for d_row, d_col in ((0, 1), (1, 0)):
            cell = self.neighbour_cell(line.block, d_row, d_col)
            if cell is not None and cell.text.strip():
                return Span(cell, 0, len(cell.text))
        following = self.next_line(line)
        if following is not None and line.block.kind != "table_cell" and not _LABEL_LIKE.match(following.text):
            return following
        return None


@lru_cache(maxsize=1)
def _top_stops() -> Labels:
    words = meeting_words()["labels"]
    return Labels([*words["attendance"], *words["programme"]])


def layout_of(document: Sequence[BlockView]) -> Layout:
    """The layout of a document: built once and kept in its `memo` (an `Annotated` document),
    or built now (a plain list of blocks)."""
    memo = getattr(document, "memo", None)
    if memo is None:
        return Layout(document)
    if "layout" not in memo:
        memo["layout"] = Layout(document)
    return memo["layout"]


def grids_of(document: Sequence[BlockView]) -> Grids:
    """The tables of a document (`grids.Grids`), built once with its layout."""
    return layout_of(document).grids
