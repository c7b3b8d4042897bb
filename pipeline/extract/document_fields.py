"""Document-level fields of one set of minutes -> `result.fields`.

Fields: title, meeting_date, meeting_time, location, working_group,
planning_area, recorded_by, next_meeting_date, project_reg_no (SPEC.md
`documents`). Minutes state these in a few typical places: the heading line,
labelled lines of the head ("Datum jednání:", "Místo konání:"), a two-cell
table row, the signature at the end, a running header or footer. Each field
is read from such a place and left None when the document does not state it:
the gold marks absent values as "none", and an invented value costs more than
a missing one.

The code works on *lines* (a block split at its line breaks, with spans into
the block's text), because PDF and plain-text readers often put several
labelled lines into one block. All domain words live in configs/meeting.toml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.dates import DateMention, find_dates

FIELDS = ("title", "meeting_date", "meeting_time", "location", "working_group", "planning_area",
          "recorded_by", "next_meeting_date", "project_reg_no")

HEAD_UNITS = 12        # the head of the minutes: this many paragraphs (a list or table counts once)
EARLY_UNITS = 6        # a date without a cue counts only this close to the top
TITLE_SEARCH_LINES = 40  # a heading "Zápis ..." further down is a section, not the title
MIN_AREA_MENTIONS = 3   # lines naming one territory before it counts without a heading
TOP_UNITS = 8          # the top of the minutes, where the group and territory are named
SIGNATURE_TAIL = 6     # the last lines that may hold the signature


# --------------------------------------------------------------------------- lines


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


_FOLD_TABLE: dict[int, str] = {}


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lower = (base if len(base) == 1 else char).lower()
    return lower if len(lower) == 1 else char


@lru_cache(maxsize=8192)
def fold1(text: str) -> str:
    """Lower-case without diacritics, one character for one (offsets stay valid)."""
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(char)] = _fold_char(char)
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=None)
def _label_pattern(labels: tuple[str, ...], space_ok: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold1(label)).replace(r"\ ", r"\s+")
                            for label in sorted(labels, key=len, reverse=True))
    separator = r"\.?\s*(?:[:\t–—-]\s*|$)" + (r"|\s+(?=\S)" if space_ok else "")
    return re.compile(rf"\s*(?:{alternatives})(?:{separator})")


def label_end(text: str, labels: Iterable[str], space_ok: bool = False) -> int | None:
    """Where the value after a leading label starts ("Místo konání:\\tradnice" -> at "radnice"),
    or None. A label must be followed by a colon, tab, dash or the end; with `space_ok`
    a plain space will do ("Zapsala Leona Mohrová")."""
    match = _label_pattern(tuple(labels), space_ok).match(fold1(text))
    return match.end() if match else None


@lru_cache(maxsize=None)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold1(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def first_phrase(folded: str, phrases: Iterable[str]) -> int:
    """Where the first of `phrases` (folded, at word boundaries) occurs in `folded`, or -1."""
    match = _phrases_pattern(tuple(phrases)).search(folded)
    return match.start() if match else -1


def cfg() -> dict[str, Any]:
    return load("meeting")


# --------------------------------------------------------------------------- the document


class Document:
    """The lines of one document with the zones the field rules ask about."""

    def __init__(self, blocks: Sequence[BlockView]):
        self.blocks = list(blocks)
        self.lines = document_lines(blocks)
        self.body = [line for line in self.lines if line.in_body]
        self.cells = {(b.table_id, b.row, b.col): b for b in blocks if b.kind == "table_cell"}
        self.head = [line for line in self.body if line.unit - self.body[0].unit < HEAD_UNITS] if self.body else []
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


# --------------------------------------------------------------------------- entry point


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Set every document-level field (None when the document does not state it)."""
    doc = Document(blocks)
    fields: dict[str, Any] = dict.fromkeys(FIELDS)
    if doc.body:
        title_line = find_title(doc)
        fields["title"] = title_text(doc, title_line) if title_line else None
        date_found = find_meeting_date(doc, title_line)
        if date_found:
            line, mention, value = date_found
            fields["meeting_date"] = value
            fields["meeting_time"] = find_time(doc, line, mention)
        fields["location"] = find_location(doc, date_found)
        fields["working_group"] = find_working_group(doc, title_line, fields["title"])
        fields["planning_area"] = find_planning_area(doc, title_line, fields["title"])
        fields["recorded_by"] = find_recorders(doc)
        fields["next_meeting_date"] = find_next_meeting(doc, fields["meeting_date"])
    fields["project_reg_no"] = find_project_reg_no(doc)
    result.fields.update(fields)


# --------------------------------------------------------------------------- title


def _is_boilerplate(text: str) -> bool:
    folded = fold1(text)
    words = cfg()["title"]
    if any(sep in text for sep in words["breadcrumbs"]) and len(text) < 200:
        return True
    return any(folded.startswith(fold1(word)) for word in words["boilerplate"]) or bool(find_project_reg_no_in(text))


def find_title(doc: Document) -> Line | None:
    """The document's own heading line.

    In order: a heading that starts with a title word (Zápis, Záznam, ...), a head
    line that does, the top-level heading near the top (a presentation's title),
    the first line that is not an emblem, logo, project or web-page line.
    """
    head_candidates = [line for line in doc.head if line.block.kind != "list_item" and not _is_boilerplate(line.text)]

    for line in doc.body[:TITLE_SEARCH_LINES]:
        if line.block.kind == "heading" and line.first_in_block and _starts_with_title_word(line.text):
            return line
    for line in head_candidates:
        if _starts_with_title_word(line.text):
            return line
    headings = [line for line in head_candidates if line.block.kind == "heading" and line.first_in_block]
    if headings:
        top = min(line.block.level if line.block.level is not None else 9 for line in headings)
        return next(line for line in headings if (line.block.level if line.block.level is not None else 9) == top)
    return head_candidates[0] if head_candidates else None


def title_text(doc: Document, line: Line) -> str:
    """The title as written: a heading block whole; a bare "ZÁPIS" joined with its "z jednání ..." line."""
    if line.block.kind == "heading":
        text = " ".join(part.strip() for part in line.block.text.split("\n") if part.strip())
    else:
        text = line.text
    text = text.strip(" \t")
    following = doc.next_line(line)
    if following is not None and following.block is not line.block and len(following.text) < 150:
        words = cfg()["title"]
        folded_next = fold1(following.text)
        bare = len(text.split()) <= 2 and any(folded_next.startswith(c) for c in words["continuations"])
        dangling = first_phrase(fold1(text.split()[-1]) if text.split() else "", words["dangling_words"]) == 0
        wrapped = line.block.kind == following.block.kind == "heading" and line.block.level == following.block.level \
            and (following.text[:1].islower() or dangling)
        open_ended = _phrases_end(tuple(words["open_endings"])).search(fold1(text)) \
            and any(folded_next.startswith(fold1(c)) for c in words["group_continuations"])
        if bare or open_ended or wrapped:
            text = f"{text} {following.text.strip()}"
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- meeting date


def _strip_before_date(folded_prefix: str) -> str:
    """Drop what may stand between a cue and its date: spaces, punctuation, weekday, "v"/"ve"."""
    weekdays = [fold1(w) for w in load("dates").get("words", {}).get("weekdays", [])]
    text = folded_prefix
    while True:
        previous = text
        text = re.sub(r"[\s,.:;\t–—-]+$", "", text)
        for word in [*weekdays, "v", "ve"]:
            if re.search(rf"(?<!\w){re.escape(word)}$", text):
                text = text[: -len(word)]
        if text == previous:
            return text


def _prefix_label(prefix: str, labels: Iterable[str]) -> str | None:
    """The label that makes up the whole text before a date ("Datum jednání:" -> "datum jednání")."""
    stripped = _strip_before_date(fold1(prefix)).strip()
    for label in sorted(labels, key=len, reverse=True):
        if stripped == fold1(label).strip(" .:"):
            return label
    return None


def _cell_label(doc: Document, block: BlockView, labels: Iterable[str]) -> str | None:
    """The label in the cell left of (or above) a table cell."""
    for d_row, d_col in ((0, -1), (-1, 0)):
        cell = doc.neighbour_cell(block, d_row, d_col)
        if cell is not None:
            label = _prefix_label(cell.text, labels)
            if label:
                return label
    return None


def _in_range(text: str, mention: DateMention) -> bool:
    """A date that opens or closes a range ("od 31. 7. do 4. 8. 2017", "13. – 14. září")."""
    words = cfg()["dates"]
    before = fold1(text[:mention.start]).rstrip()
    after = fold1(text[mention.end:]).lstrip()
    if re.search(r"\d\.?\s*[-–—]$", before):  # "13. – 14. září"
        return True
    if first_phrase(before, words["range_before"]) >= 0 and _phrases_end(tuple(words["range_before"])).search(before):
        return True
    for word in words["range_after"]:
        if re.match(rf"{re.escape(word)}\s*\d{{1,2}}\s*\.", after):
            return True
    return False


@lru_cache(maxsize=None)
def _phrases_end(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold1(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})$")


def _next_meeting_cue(text: str) -> int:
    """Where a next-meeting cue ("Další jednání", "Příští setkání") starts in a line, or -1."""
    return first_phrase(fold1(text), cfg()["labels"]["next_meeting"])


def _is_signature_line(prefix: str) -> bool:
    """"V Jilemnici dne", "Ve Vsetíně, dne", "Liberec," before a date that ends the line."""
    folded = fold1(prefix).strip()
    return bool(re.fullmatch(r"(?:ve?\s+\S+(?:\s+\S+)?\s*,?\s*(?:dne)?|[^\d,:]{2,30},\s*(?:dne)?|dne\s*:?)", folded))


def _date_label(doc: Document, line: Line, mention: DateMention, labels: Iterable[str]) -> str | None:
    """The label a date stands under: the text before it on its line ("Datum jednání: 15. 2."),
    the cell left of or above it, or a line holding only the label just before it."""
    prefix = line.text[:mention.start]
    label = _prefix_label(prefix, labels)
    if label is None and not prefix.strip() and line.first_in_block:
        label = _cell_label(doc, line.block, labels)
        previous = doc.previous_line(line)
        if label is None and previous is not None and line.block.kind != "table_cell":
            label = _prefix_label(previous.text, labels)
    return label


def _starts_with_title_word(text: str) -> bool:
    """"Zápis z jednání …", "ZÁPIS", "Záznam č. 3" — not "Zápis byl schválen"."""
    folded = fold1(text).strip()
    words = cfg()["title"]
    follow = "|".join(re.escape(fold1(w)) for w in words["next_words"])
    return any(re.match(rf"{re.escape(fold1(word))}(?:\s*$|\s*[:–-]|\s+(?:{follow})(?!\w))", folded)
               for word in words["starts"])


def _ends_with_cue(folded_prefix: str) -> bool:
    """Whether the text before a date ends with a cue phrase ("konaného dne", "se sešla")."""
    return bool(_phrases_end(tuple(cfg()["dates"]["inline_cues"])).search(folded_prefix))


def _after_next_meeting_label(doc: Document, line: Line) -> bool:
    """A date in the cell beside (or the line after) "Termín dalšího jednání:"."""
    left = doc.neighbour_cell(line.block, 0, -1)
    previous = doc.previous_line(line)
    label = left.text if left is not None else previous.text if previous is not None and line.first_in_block else ""
    return _next_meeting_cue(label) >= 0


def _is_top_termin(doc: Document, line: Line, mention: DateMention) -> bool:
    """"Termín: 5. 3. 2019" among the first lines names the meeting's date, unless it sits
    with a task ("Zodpovídá:", "R:") as a deadline does."""
    labels = cfg()["labels"]
    if _date_label(doc, line, mention, labels["ambiguous_date"]) is None:
        return False
    if line.index not in doc.head_ids or line.unit - doc.body[0].unit >= EARLY_UNITS:
        return False
    neighbours = [doc.previous_line(line), doc.next_line(line)]
    return not any(n is not None and label_end(n.text, labels["task"]) is not None for n in neighbours)


def date_score(doc: Document, line: Line, mention: DateMention, title: Line | None) -> int:
    """How surely a date mention is the meeting's date (0: not at all).

    100 a date label in the head (or a cell next to one), 95 the title line,
    80 a cue phrase near the top ("konaného dne", "se sešla ve středu"),
    70 a label or title line in the running header, 60 a strong label further
    down, 50 a bare date in the first lines, 40 a cue phrase further down the
    head, 30 a signature line ("V Jilemnici dne ..."), 20 a label in the
    signature ("Dne: 1. 9. 2017", the date of writing).
    """
    text = line.text
    words = cfg()
    if mention.year is None or _in_range(text, mention):
        return 0
    cue = _next_meeting_cue(text)
    if 0 <= cue < mention.start or (not text[:mention.start].strip() and _after_next_meeting_label(doc, line)):
        return 0
    label = _date_label(doc, line, mention, words["labels"]["date"])
    if label is None and (label_end(text, words["labels"]["not_meeting_date"]) is not None
                          or _date_label(doc, line, mention, words["labels"]["not_meeting_date"])):
        return 85 if _is_top_termin(doc, line, mention) else 0
    if not line.in_body:
        return 70 if label is not None or _starts_with_title_word(text) else 0
    in_signature = line.index in doc.signature_ids
    in_head = line.index in doc.head_ids and not in_signature
    early = in_head and line.unit - doc.body[0].unit < EARLY_UNITS
    if label is not None:
        if in_signature:
            return 20
        if in_head:
            return 100
        return 0 if fold1(label) in {"dne", "ze dne", "kdy"} else 60
    if title is not None and line.block is title.block:
        return 95
    folded_prefix = _strip_before_date(fold1(text[:mention.start]))
    if first_phrase(folded_prefix, words["dates"]["other_event_cues"]) >= 0:
        return 15 if in_signature else 0
    if in_head and _ends_with_cue(folded_prefix):
        return 80 if early and line.block.kind != "list_item" else 40
    if (in_signature or line.index >= doc.body[len(doc.body) // 2].index) and _is_signature_line(text[:mention.start]) \
            and not re.search(r"\w", text[mention.end:]):
        return 30
    if early and line.block.kind != "list_item" and len(text) < 120:
        return 50
    return 0


def find_meeting_date(doc: Document, title: Line | None) -> tuple[Line, DateMention, dt.date] | None:
    """The best-cued full date of the document (the earliest among equals), or None."""
    best: tuple[int, int, Line, DateMention] | None = None
    for line in doc.lines:
        for mention in find_dates(line.text):
            score = date_score(doc, line, mention, title)
            if score and (best is None or score > best[0]):
                best = (score, -line.index, line, mention)
    if best is None:
        return None
    _, _, line, mention = best
    value = mention.resolve(None)
    return (line, mention, value) if value else None


# --------------------------------------------------------------------------- time


@lru_cache(maxsize=1)
def _time_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a time of day, a time phrase to cut from a place, leading time phrases), built with the
    hour words and prepositions of configs/meeting.toml."""
    words = cfg()["time"]
    hour = "|".join(re.escape(w).replace(r"\.", r"\.?") for w in sorted(words["hour_words"], key=len, reverse=True))
    hour = rf"(?:{hour})(?!\w)"
    before = "|".join(re.escape(w) for w in words["prepositions"])
    time_of_day = re.compile(rf"(?<![\d.,:/])([01]?\d|2[0-3])\s*[:.,]\s*([0-5]\d)(?!\d)"
                             rf"|(?<![\d.,:/])([01]?\d|2[0-3])\s*{hour}", re.IGNORECASE)
    phrase = re.compile(rf"(?:(?<!\w)(?:{before})\s+)?(?:\d{{1,2}}[:.,]\d{{2}}|\d{{1,2}})\s*"
                        rf"(?:[–-]\s*\d{{1,2}}(?:[:.,]\d{{2}})?\s*)?{hour}"
                        rf"|(?:(?<!\w)(?:{before})\s+)?(?<![\d.])\d{{1,2}}:\d{{2}}(?:\s*[–-]\s*\d{{1,2}}:\d{{2}})?",
                        re.IGNORECASE)
    leading = re.compile(rf"^[\s,.]*(?:(?:{before}|–|-)?\s*\d{{1,2}}(?:\s*[:.,]\s*\d{{2}})?\s*"
                         rf"(?:{hour})?[\s,.–-]*)*", re.IGNORECASE)
    return time_of_day, phrase, leading


def _first_time(text: str) -> tuple[str, int, int] | None:
    """The first time of day in `text` as "HH:MM" with its span."""
    match = _time_patterns()[0].search(text)
    if not match:
        return None
    hour, minute = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), "00")
    return f"{int(hour):02d}:{minute}", match.start(), match.end()


def find_time(doc: Document, line: Line, mention: DateMention) -> str | None:
    """The meeting's start time: right after its date ("od 13,00 hod."), or a "Čas:" line of the head."""
    window = cfg()["time"]["window"]
    found = _first_time(line.text[mention.end:mention.end + window])
    if found:
        return found[0]
    if label_end(line.text, cfg()["labels"]["date"]) is not None or label_end(line.text, cfg()["labels"]["time"]):
        found = _first_time(line.text[:mention.start])
        if found:
            return found[0]
    for other in doc.head:
        start = label_end(other.text, cfg()["labels"]["time"])
        value = doc.value_after_label(other, start) if start is not None else None
        if value is not None:
            block, a, b = value
            found = _first_time(block.text[a:b])
            if found:
                return found[0]
    return None


# --------------------------------------------------------------------------- location


def _clean_location(text: str) -> str | None:
    """A location value without dates, times and dangling separators."""
    for mention in reversed(find_dates(text)):
        text = text[:mention.start] + text[mention.end:]
    text = _time_patterns()[1].sub("", text)
    text = re.sub(r"(?:\s*[,;–-]\s*){2,}", ", ", text)
    text = text.strip(" \t,;–-")
    text = re.sub(r"\.$", "", text) if not re.search(r"\b\w{1,4}\.$", text) else text
    return text.strip() or None


def find_location(doc: Document, date_found: tuple[Line, DateMention, dt.date] | None) -> str | None:
    """The "Místo jednání:" value as written, or the place phrase after the meeting date
    ("konaného dne 8. listopadu 2017 ve společenské místnosti SD Jilm")."""
    labels = cfg()["labels"]["location"]
    for line in doc.head:
        if not line.in_body or line.index in doc.signature_ids:
            continue
        start = label_end(line.text, labels)
        if start is not None:
            value = doc.value_after_label(line, start)
            if value:
                block, a, b = value
                cleaned = _clean_location(block.text[a:b])
                if cleaned:
                    return cleaned
    if date_found:
        line, mention, _ = date_found
        if line.index in doc.head_ids:
            return _place_after_date(line.text[mention.end:])
    return None


def _place_after_date(rest: str) -> str | None:
    """"…2017 od 13 hod. ve společenské místnosti SD Jilm." -> "společenské místnosti SD Jilm"."""
    rest = _time_patterns()[2].sub("", rest)
    prepositions = "|".join(re.escape(p) for p in cfg()["area"]["place_prepositions"])
    match = re.match(rf"(?:{prepositions})\s+(?!\d)(\S.*)", rest, re.IGNORECASE)
    if not match:
        return None
    place = re.split(r"\.\s+(?=[A-ZÁ-Ž])|[;]", match.group(1))[0]
    return _clean_location(place)


# --------------------------------------------------------------------------- working group


def _sentence_case(text: str) -> str:
    """"OBČANÉ OHROŽENÍ" -> "Občané ohrožení"; mixed case is kept."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text[0] + text[1:].lower()
    return text


def _group_name(text: str) -> str | None:
    """The group's name at the start of `text`, cut before dates, verbs and other fields."""
    words = cfg()["group"]
    text = text.strip(" \t–—-:")
    text = re.sub(r"^(?:č\.\s*)?(?:\d{1,2}|[IVX]{1,4})\.?\s*[–—:-]\s*", "", text)
    folded = fold1(text)
    end = len(text)
    for stop in words["name_stops"]:
        match = re.search(rf"(?<!\w){re.escape(fold1(stop.strip()))}", folded)
        if match and match.start() > 0:
            end = min(end, match.start())
    for mention in find_dates(text):
        end = min(end, mention.start)
    cut = re.search(r"[(:;„\"]|\s[–—-]\s|\.\s|\.$|\t|\s(?:v|ve|na)\s+[A-ZÁ-Ž]", text)
    if cut:
        end = min(end, cut.start())
    name = text[:end].strip(" ,.–—-")
    if not name or len(name) < 3 or len(name) > words["max_length"]:
        return None
    first = fold1(name.split()[0]).strip(".,")
    if first in {fold1(w) for w in words["not_name_starts"]}:
        return None
    if not any(c.isalpha() for c in name):
        return None
    return _sentence_case(name)


def _steering(text: str) -> str | None:
    """The steering group named in `text` ("Řídicí pracovní skupina", "ŘPS"), or None."""
    words = cfg()["group"]
    folded = fold1(text)
    for written, name in words["steering"]:
        if re.search(rf"(?<!\w){re.escape(fold1(written))}", folded):
            return name
    for abbreviation, name in words["steering_abbreviations"]:
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text):
            return name
    return None


def _group_after_head(text: str) -> str | None:
    """"… pracovní skupiny Osoby ohrožené … ze dne" / "2. PS OBČANÉ …" -> the name after the head word."""
    for head in sorted(cfg()["group"]["heads"], key=len, reverse=True):
        flags = 0 if head == "ps" else re.IGNORECASE
        pattern = r"(?<!\w)PS(?!\w)" if head == "ps" else rf"(?<!\w){re.escape(head)}(?!\w)"
        for match in re.finditer(pattern, text, flags):
            name = _group_name(text[match.end():])
            if name:
                return name
    return None


def _other_body(title: str) -> str | None:
    """A commission or team that met ("Zápis z jednání Komise pro sociální věci ze dne …")."""
    heads = cfg()["group"]["other_bodies"]
    alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    match = re.search(rf"(?<!\w)(?:{alternatives})(?!\w)", title, re.IGNORECASE)
    if not match:
        return None
    name = _group_name(title[match.start():])
    return name[0].upper() + name[1:] if name else None


def find_working_group(doc: Document, title: Line | None, title_string: str | None = None) -> str | None:
    """The group's name without "Pracovní skupina"/"PS"; a steering group keeps its kind.

    Order: a "Pracovní skupina – X" line of the head, the title, a steering group
    named in the title, head or running header, the head's other lines, the header.
    """
    labels = cfg()["labels"]["working_group"]
    for line in doc.head:
        start = label_end(line.text, labels)
        if start is not None and line.in_body:
            name = _group_name(line.text[start:])
            if name and not _steering(name):
                return name
    title_text_ = title_string or (title.text if title is not None else "")
    if title is not None:
        steering = _steering(title_text_)
        name = _group_after_head(title_text_)
        if steering and (not name or fold1(name).startswith(("pracovni", "skupin"))):
            return steering
        if name:
            return name
        if steering:
            return steering
        body = _other_body(title_text_)
        if body:
            return body
    page_lines = [line for line in doc.lines if not line.in_body]
    for line in [*doc.head, *page_lines]:
        steering = _steering(line.text)
        if steering:
            return steering
    for line in [*doc.head, *page_lines]:
        name = _group_after_head(line.text)
        if name:
            return name
    for line in doc.body:  # "Další jednání ŘPS je naplánováno …": the group that meets again is this one
        cue = _next_meeting_cue(line.text)
        steering = _steering(line.text[cue:cue + 60]) if cue >= 0 else None
        if steering:
            return steering
    return None


# --------------------------------------------------------------------------- planning area


def _title_case(text: str) -> str:
    """"JINDŘICHŮV HRADEC" -> "Jindřichův Hradec"; mixed case is kept."""
    if text.isupper():
        return " ".join(w if len(w) <= 3 and w.isupper() and w in ("ORP", "MAS", "SO") else w.capitalize()
                        for w in text.split())
    return text


def _apply_suffix(word: str, rules: Sequence[Sequence[str]]) -> str | None:
    for ending, nominative in rules:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + nominative
    return None


def _nominative(words: list[str], case: str) -> str:
    """A territory as written after a marker -> nominative, by the suffix rules of configs/meeting.toml."""
    area = cfg()["area"]
    phrase = " ".join(words)
    for written, nominative in area["irregular"]:
        if phrase == written:
            return nominative
    if case == "region":
        last = _apply_suffix(words[-1], area["region_suffixes"])
        return " ".join([*words[:-1], last or words[-1]])
    rules = area["locative_suffixes"] if case == "locative" else area["genitive_suffixes"]
    out = list(words)
    last = _apply_suffix(out[-1], rules)
    if last:
        out[-1] = last
    if len(out) > 1:
        first = _apply_suffix(out[0], area["adjective_suffixes"])
        if first:
            out[0] = first
    return " ".join(out)


def _capitalised_run(text: str) -> list[str]:
    """The capitalised words that start `text` ("Jindřichův Hradec, nám. …" -> 2 words)."""
    area = cfg()["area"]
    tokens = re.findall(r"[^\s,.;:()\"„“|–—]+|[,.;:()\"„“|–—]", text[:200])
    run: list[str] = []
    for i, token in enumerate(tokens):
        if len(run) >= area["max_words"]:
            break
        if token[:1].isupper() and token[:1].isalpha() and token not in area["not_places"]:
            run.append(token)
        elif run and token in area["name_joiners"] and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            run.append(token)
        else:
            break
    while run and run[-1] in area["name_joiners"]:
        run.pop()
    return run


def _is_region_word(word: str) -> bool:
    return bool(re.search(r"[sc]k(?:u|a|em|o)$", word)) and word[:1].isupper()


@lru_cache(maxsize=1)
def _area_patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled marker patterns: kept markers, genitive markers, planning words, "na", "v"."""
    area = cfg()["area"]

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return (re.compile(rf"(?<!\w)({alternation(area['keep_marker'])})\s+"),
            re.compile(rf"(?<!\w)(?:{alternation(area['genitive_markers'])})\s+"),
            re.compile(rf"(?<!\w)(?:{alternation(area['planning_words'])})\s+"),
            re.compile(rf"(?<!\w)(?:{alternation(area['region_prepositions'])})\s+"),
            re.compile(rf"(?<!\w)(?:{alternation(area['town_prepositions'])})\s+"))


def areas_in(text: str, allow_locative: bool = True) -> Iterator[str]:
    """Every planning area named in one line, strongest form first: "ORP X", "regionu X",
    "města X", "…služeb Xska", then "na Xsku" and "v X" (when `allow_locative`)."""
    keep, genitive, planning, on, in_ = _area_patterns()
    for match in keep.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield _title_case(f"{match.group(1)} {' '.join(run)}")
    for match in genitive.finditer(text):
        run = [_title_case(w) for w in _capitalised_run(text[match.end():])]
        if run:
            yield _nominative(run, "region" if _is_region_word(run[-1]) else "genitive")
    for match in planning.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and _is_region_word(run[0]):
            yield _nominative(run[:1], "region")
    if not allow_locative:
        return
    for match in on.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and _is_region_word(run[-1]):
            yield _nominative([_title_case(w) for w in run], "region")
    for match in in_.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and not (len(run) == 1 and run[0].isupper() and len(run[0]) <= 4):
            yield _nominative([_title_case(w) for w in run], "locative")


def area_in(text: str, allow_locative: bool = True) -> str | None:
    """The strongest planning area named in one line, or None."""
    return next(areas_in(text, allow_locative), None)


def find_planning_area(doc: Document, title: Line | None, title_string: str | None = None) -> str | None:
    """The territory of the planning, in the nominative, when the heading or early lines name it.

    Order: the title, the head (attendance lines skipped: they name the towns of
    organisations), the running header and footer, the project line, headings.
    """
    attendance = cfg()["labels"]["attendance"]
    texts: list[tuple[str, bool]] = []
    if title is not None:
        texts.append((title_string or title.text, True))
    texts += [(line.text, True) for line in doc.top()
              if label_end(line.text, attendance) is None and line.block.kind != "table_cell"]
    texts += [(line.text, False) for line in doc.lines if not line.in_body]
    texts += [(line.text, False) for line in doc.body if find_project_reg_no_in(line.text)]
    texts += [(line.text, True) for line in doc.body if line.block.kind == "heading"]
    for text, allow_locative in texts:
        found = area_in(text, allow_locative)
        if found:
            return found
    return _most_named_area(doc)


def _most_named_area(doc: Document) -> str | None:
    """A territory the text names again and again ("v Prostějově" on four slides), when no
    heading names one; a single mention deep in the text is not enough."""
    counts: dict[str, int] = {}
    for line in doc.body:
        for found in set(areas_in(line.text)):
            key = fold1(found.removeprefix("ORP ").removeprefix("SO ORP "))[:5]
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda kv: kv[1])
    if count < MIN_AREA_MENTIONS:
        return None
    for line in doc.body:
        for found in areas_in(line.text):
            if fold1(found.removeprefix("ORP ").removeprefix("SO ORP "))[:5] == key:
                return found
    return None


# --------------------------------------------------------------------------- recorders


def _title_words() -> list[str]:
    people = load("people")
    return sorted({*people["titles_before"], *people["titles_after"], *people["address"]}, key=len, reverse=True)


def _strip_titles(text: str) -> str:
    for title in _title_words():
        text = re.sub(rf"(?<!\w){re.escape(title)}(?=\s|,|$)", " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,")


def person_names(value: str) -> list[str]:
    """Names in a recorder's value: "Diváková Dana, Lucie Pieranová" -> both; titles, functions,
    parenthesised organisations and a trailing date ("Dne: 1. 9.") are dropped."""
    for mention in find_dates(value)[:1]:
        value = value[:mention.start]
    value = re.split(r"(?i)(?<!\w)(?:dne|datum|podpis)\b", value)[0]
    value = re.sub(r"\([^)]*\)?", " ", value)
    value = re.sub(r"^[^:\d]{0,25}:\s*", "", value)  # "a ověřila: Jana Nová" after "Zapsala"
    names = []
    for part in re.split(r"[,;/+\t]|\s+a\s+|\s+–\s+|\s+-\s+", value):
        run = []
        for token in re.findall(r"[A-ZÁ-Ž]\.|[\w'’-]+|\S", _strip_titles(part)):
            if re.fullmatch(r"[A-ZÁ-Ž]\.", token) or (token[:1].isupper() and len(token) > 1
                                                       and re.fullmatch(r"[\w'’-]+", token)):
                run.append(token)
            elif token == "." and run:
                continue
            else:
                break
        if any(len(token) > 2 for token in run) and len(run) <= 4:
            names.append(" ".join(run))
    return names


def find_recorders(doc: Document) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell)."""
    words = cfg()["labels"]
    loose = [label for label in words["recorder"] if label not in words["recorder_needs_colon"]]
    names: list[str] = []
    for line in doc.body:
        start = label_end(line.text, loose, space_ok=True)
        if start is None:
            start = label_end(line.text, words["recorder_needs_colon"])
        if start is None:
            continue
        value = doc.value_after_label(line, start)
        if value is None:
            continue
        block, a, b = value
        for name in person_names(block.text[a:b]):
            if name not in names:
                names.append(name)
    return ", ".join(names) or None


# --------------------------------------------------------------------------- next meeting


def find_next_meeting(doc: Document, meeting_date: dt.date | None) -> dt.date | None:
    """The date after a next-meeting cue ("Další PS: 18. 3.", "Další jednání ŘPS je naplánováno na
    úterý 17. 10. 2017"); a missing year comes from the meeting (or the following year)."""
    for line in doc.body:
        cue = _next_meeting_cue(line.text)
        if cue < 0:
            continue
        candidates = [(line, m) for m in find_dates(line.text) if m.start > cue]
        following = doc.next_line(line)
        only_label = label_end(line.text, cfg()["labels"]["next_meeting"]) == len(line.text) \
            or (line.text.endswith(":") and len(line.text) <= 60)
        if not candidates and only_label and following is not None and len(following.text) < 80:
            candidates = [(following, m) for m in find_dates(following.text)]
        for where, mention in candidates:
            if _in_range(where.text, mention) and mention.year is None:
                continue
            default_year = meeting_date.year if meeting_date else None
            value = mention.resolve(default_year, not_before=meeting_date)
            if value and (meeting_date is None or value > meeting_date):
                return value
    return None


# --------------------------------------------------------------------------- project registration number


_REG_NO = re.compile(r"CZ\.\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?:\s?/\s?\d[\d._]*\d){2,4}")


def find_project_reg_no_in(text: str) -> str | None:
    """An ESF/OP project registration number ("CZ.03.2.63/0.0/0.0/16_063/0006571"), spaces removed.
    Numbers of registered social services are plain digits and never match."""
    match = _REG_NO.search(text)
    return re.sub(r"\s+", "", match.group(0)) if match else None


def find_project_reg_no(doc: Document) -> str | None:
    """The first registration number of the document, preferring one on a labelled line."""
    labels = cfg()["labels"]["project_reg"]
    found = [(line, find_project_reg_no_in(line.text)) for line in doc.lines]
    found = [(line, number) for line, number in found if number]
    for line, number in found:
        if first_phrase(fold1(line.text), [label.rstrip(".") for label in labels]) >= 0:
            return number
    return found[0][1] if found else None
