"""`meeting_date`, `meeting_time` and `next_meeting_date`.

Every date of the document is scored by how surely it is the meeting's (a label in the
head, the title line, a cue phrase, a signature line ...), see `date_score`; the time is
read right after the meeting date or from a "Čas:" line; the next meeting's date follows
a cue such as "Další jednání" or "Příští setkání".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterable

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.dates import DateMention, find_dates
from pipeline.extract.document_fields.document import (Document, Line, cfg, first_phrase, label_end, last_phrase, phrases_end)
from pipeline.extract.text import fold
from pipeline.extract.document_fields.title import starts_with_title_word


EARLY_UNITS = 6        # a date without a cue counts only this close to the top


def _strip_before_date(folded_prefix: str) -> str:
    """Drop what may stand between a cue and its date: spaces, punctuation, weekday, "v"/"ve"."""
    weekdays = [fold(w) for w in load("dates").get("words", {}).get("weekdays", [])]
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
    stripped = _strip_before_date(fold(prefix)).strip()
    for label in sorted(labels, key=len, reverse=True):
        if stripped == fold(label).strip(" .:"):
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
    before = fold(text[:mention.start]).rstrip()
    after = fold(text[mention.end:]).lstrip()
    if re.search(r"\d\.?\s*[-–—]$", before):  # "13. – 14. září"
        return True
    if first_phrase(before, words["range_before"]) >= 0 and phrases_end(tuple(words["range_before"])).search(before):
        return True
    for word in words["range_after"]:
        if re.match(rf"{re.escape(word)}\s*\d{{1,2}}\s*\.", after):
            return True
    return False


def next_meeting_cue(text: str) -> int:
    """Where a next-meeting cue ("Další jednání", "Příští setkání") starts in a line, or -1."""
    return first_phrase(fold(text), cfg()["labels"]["next_meeting"])


def _is_signature_line(prefix: str) -> bool:
    """"V Jilemnici dne", "Ve Vsetíně, dne", "Liberec," before a date that ends the line."""
    folded = fold(prefix).strip()
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


def _other_event(folded_prefix: str) -> bool:
    """The text before a date names another event ("schválen dne", "usnesení rady města ze
    dne"), unless the meeting's own cue follows that word ("Komise Rady města X – jednání dne")."""
    words = cfg()["dates"]
    other = last_phrase(folded_prefix, words["other_event_cues"])
    if other < 0:
        return False
    own = [c for c in words["inline_cues"] if fold(c) not in ("dne", "ze dne")]
    return last_phrase(folded_prefix, own) < other


def _ends_with_cue(folded_prefix: str) -> bool:
    """Whether the text before a date ends with a cue phrase ("konaného dne", "se sešla")."""
    return bool(phrases_end(tuple(cfg()["dates"]["inline_cues"])).search(folded_prefix))


def _after_next_meeting_label(doc: Document, line: Line) -> bool:
    """A date in the cell beside (or the line after) "Termín dalšího jednání:"."""
    left = doc.neighbour_cell(line.block, 0, -1)
    previous = doc.previous_line(line)
    label = left.text if left is not None else previous.text if previous is not None and line.first_in_block else ""
    return next_meeting_cue(label) >= 0


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
    cue = next_meeting_cue(text)
    if 0 <= cue < mention.start or (not text[:mention.start].strip() and _after_next_meeting_label(doc, line)):
        return 0
    label = _date_label(doc, line, mention, words["labels"]["date"])
    if label is None and (label_end(text, words["labels"]["not_meeting_date"]) is not None
                          or _date_label(doc, line, mention, words["labels"]["not_meeting_date"])):
        return 85 if _is_top_termin(doc, line, mention) else 0
    if not line.in_body:
        return 70 if label is not None or starts_with_title_word(text) else 0
    in_signature = line.index in doc.signature_ids
    in_head = line.index in doc.head_ids and not in_signature
    early = in_head and line.unit - doc.body[0].unit < EARLY_UNITS
    if label is not None:
        if in_signature:
            return 20
        if in_head:
            return 100
        return 0 if fold(label) in {"dne", "ze dne", "kdy"} else 60
    if title is not None and line.block is title.block:
        return 95
    folded_prefix = _strip_before_date(fold(text[:mention.start]))
    if _other_event(folded_prefix):
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


@lru_cache(maxsize=1)
def time_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
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
    match = time_patterns()[0].search(text)
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


def find_next_meeting(doc: Document, meeting_date: dt.date | None) -> dt.date | None:
    """The date after a next-meeting cue ("Další PS: 18. 3.", "Další jednání ŘPS je naplánováno na
    úterý 17. 10. 2017"); a missing year comes from the meeting (or the following year)."""
    for line in doc.body:
        cue = next_meeting_cue(line.text)
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
