"""The document as the field rules see it: its lines (a block split at its line breaks,
with spans into the block's text, because PDF and plain-text readers often put several
labelled lines into one block), its zones (head, top, signature), label matching and
folding; the domain words of configs/meeting.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.text import fold


HEAD_UNITS = 12        # the head of the minutes: this many paragraphs (a list or table counts once)
TITLE_SEARCH_LINES = 40  # how far down a page the minutes' own title may start the head
TOP_UNITS = 8          # the top of the minutes, where the group and territory are named
SIGNATURE_TAIL = 6     # the last lines that may hold the signature


@dataclass(frozen=True)
class Line:
    """One line of a block: the span [start:end] of the block's text, trimmed of spaces."""

    block: BlockView
    start: int
    end: int
    index: int   # order among the document's lines
    unit: int    # paragraph-ish unit: a run of list items or one table counts once

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def in_body(self) -> bool:
        return self.block.region not in ("header", "footer")

    @property
    def first_in_block(self) -> bool:
        return not self.block.text[:self.start].strip()


def document_lines(blocks: Sequence[BlockView]) -> list[Line]:
    """Every non-blank line of every block, in document order (body and page regions alike)."""
    lines: list[Line] = []
    unit, previous_group = -1, None
    for block in blocks:
        group = (block.kind, block.table_id) if block.kind in ("list_item", "table_cell") else None
        if group is None or group != previous_group:
            unit += 1
        previous_group = group
        offset = 0
        for raw in block.text.split("\n"):
            start, end = offset, offset + len(raw)
            offset = end + 1
            while start < end and block.text[start].isspace():
                start += 1
            while end > start and block.text[end - 1].isspace():
                end -= 1
            if start < end:
                lines.append(Line(block, start, end, len(lines), unit))
    return lines


@lru_cache(maxsize=None)
def _label_pattern(labels: tuple[str, ...], space_ok: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(label)).replace(r"\ ", r"\s+")
                            for label in sorted(labels, key=len, reverse=True))
    separator = r"\.?\s*(?:[:\t–—-]\s*|$)" + (r"|\s+(?=\S)" if space_ok else "")
    return re.compile(rf"\s*(?:{alternatives})(?:{separator})")


def label_end(text: str, labels: Iterable[str], space_ok: bool = False) -> int | None:
    """Where the value after a leading label starts ("Místo konání:\\tradnice" -> at "radnice"),
    or None. A label must be followed by a colon, tab, dash or the end; with `space_ok`
    a plain space will do ("Zapsala Leona Hájková")."""
    match = _label_pattern(tuple(labels), space_ok).match(fold(text))
    return match.end() if match else None


@lru_cache(maxsize=None)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def first_phrase(folded: str, phrases: Iterable[str]) -> int:
    """Where the first of `phrases` (folded, at word boundaries) occurs in `folded`, or -1."""
    match = _phrases_pattern(tuple(phrases)).search(folded)
    return match.start() if match else -1


def last_phrase(folded: str, phrases: Iterable[str]) -> int:
    """Where the last of `phrases` (folded, at word boundaries) occurs in `folded`, or -1."""
    found = [m.start() for m in _phrases_pattern(tuple(phrases)).finditer(folded)]
    return found[-1] if found else -1


@lru_cache(maxsize=None)
def phrases_end(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})$")


def cfg() -> dict[str, Any]:
    return load("meeting")


def starts_with_title_word(text: str) -> bool:
    """"Zápis z jednání …", "ZÁPIS", "Záznam č. 3" — not "Zápis byl schválen"."""
    folded = fold(text).strip()
    words = cfg()["title"]
    follow = "|".join(re.escape(fold(w)) for w in words["next_words"])
    return any(re.match(rf"{re.escape(fold(word))}(?:\s*$|\s*[:–-]|\s+(?:{follow})(?!\w))", folded)
               for word in words["starts"])


class Document:
    """The lines of one document with the zones the field rules ask about."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.blocks = list(blocks)
        self.lines = document_lines(blocks)
        self.body = [line for line in self.lines if line.in_body]
        self.cells = {(b.table_id, b.row, b.col): b for b in blocks if b.kind == "table_cell"}
        # The head runs HEAD_UNITS past the top, or past the minutes' own title when a web page's
        # menu or a cover stands before it ("Úvodní stránka", "Kontakty", ... "Zápis č. 1/2024 ...").
        titled = next((line for line in self.body[:TITLE_SEARCH_LINES] if starts_with_title_word(line.text)), None)
        start = max(self.body[0].unit, titled.unit) if titled and self.body else (self.body[0].unit if self.body else 0)
        self.head = [line for line in self.body if line.unit - start < HEAD_UNITS]
        self.head_ids = {line.index for line in self.head}
        self.signature_ids = self._signature_zone()
        self._position = {line.index: i for i, line in enumerate(self.body)}

    def _signature_zone(self) -> set[int]:
        """The last lines past the head, and everything from a recorder's line that stands past
        the head or in the second half of the minutes (a "Zapisovatel:" among the head fields
        does not end the head)."""
        labels = cfg()["labels"]["recorder"]
        zone = {line.index for line in self.body[-SIGNATURE_TAIL:] if line.index not in self.head_ids}
        half = len(self.body) // 2
        for position, line in enumerate(self.body):
            late = line.index not in self.head_ids or position >= half
            if late and position > 0 and label_end(line.text, labels, space_ok=True) is not None:
                zone.update(other.index for other in self.body[position:])
                break
        return zone

    def neighbour_cell(self, block: BlockView, d_row: int, d_col: int) -> BlockView | None:
        if block.kind != "table_cell":
            return None
        return self.cells.get((block.table_id, (block.row or 0) + d_row, (block.col or 0) + d_col))

    def next_line(self, line: Line) -> Line | None:
        """The body line after `line` (None at the end or for a header/footer line)."""
        position = self._position.get(line.index, -1)
        return self.body[position + 1] if 0 <= position < len(self.body) - 1 else None

    def previous_line(self, line: Line) -> Line | None:
        """The body line before `line` (None at the start or for a header/footer line)."""
        position = self._position.get(line.index, -1)
        return self.body[position - 1] if position > 0 else None

    def top(self) -> list[Line]:
        """The first lines, up to the attendance or the programme: where the minutes name
        their group and territory."""
        stops = [*cfg()["labels"]["attendance"], *cfg()["labels"]["programme"]]
        out = []
        for line in self.body:
            if line.unit - self.body[0].unit >= TOP_UNITS or label_end(line.text, stops) is not None:
                break
            out.append(line)
        return out

    def value_after_label(self, line: Line, value_start: int) -> tuple[BlockView, int, int] | None:
        """The value of a labelled line: the rest of the line, else the next cell, else the next line."""
        if line.start + value_start < line.end:
            return line.block, line.start + value_start, line.end
        for d_row, d_col in ((0, 1), (1, 0)):
            cell = self.neighbour_cell(line.block, d_row, d_col)
            if cell is not None and cell.text.strip():
                return cell, 0, len(cell.text)
        following = self.next_line(line)
        if following is not None and line.block.kind != "table_cell" and not _looks_like_label(following.text):
            return following.block, following.start, following.end
        return None


def _looks_like_label(text: str) -> bool:
    """"Přítomni: ..." — a short word or two and a colon: another field, not a value."""
    return bool(re.match(r"^\s*[\w()/. ]{1,30}:", text))
