"""`location`: the "Místo jednání:" value as written (also of a date-and-place label), or
the place phrase after the meeting date ("... 2017 ve společenské místnosti KD Lis")."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.config import load
from pipeline.extract.dates import DateMention
from pipeline.extract.document_fields.mentions import dates_in
from pipeline.extract.document_fields.meeting_dates import time_patterns
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.text import Span

_SEPARATORS = re.compile(r"(?:\s*[,;–-]\s*){2,}")
_ABBREVIATION_END = re.compile(r"\b\w{1,4}\.$")  # "nám." keeps its dot
_FINAL_DOT = re.compile(r"\.$")
_WEEKDAYS = "|".join(re.escape(w) for w in load("dates").get("words", {}).get("weekdays", []))
# a weekday opening a value ("ve středu"); the place phrase after a meeting date, and where it ends
_WEEKDAY = re.compile(rf"^\s*(?:(?:{alternation(meeting_words()['dates']['before_weekday'])})\s+)?(?:{_WEEKDAYS})(?!\w)",
                      re.IGNORECASE) if _WEEKDAYS else None
_PLACE = re.compile(rf"(?:{'|'.join(re.escape(p) for p in meeting_words()['area']['place_prepositions'])})\s+(?!\d)(\S.*)",
                    re.IGNORECASE)
_PLACE_END = re.compile(rf"\.\s+(?=[{load('lexicon')['letters']['capitals']}])|[;]")


def _clean_location(layout: Layout, value: Span) -> str | None:
    """A location value without dates (and their weekdays), times and dangling separators."""
    text = value.text
    for mention in reversed(dates_in(layout, value)):
        text = text[:mention.start] + text[mention.end:]
    text = time_patterns()[1].sub("", text)
    if _WEEKDAY is not None:
        text = _WEEKDAY.sub("", text)
    text = _SEPARATORS.sub(", ", text)
    text = text.strip(" \t,;–-")
    text = _FINAL_DOT.sub("", text) if not _ABBREVIATION_END.search(text) else text
    return text.strip() or None


def find_location(layout: Layout, date_found: tuple[Line, DateMention, dt.date] | None) -> str | None:
    """The "Místo jednání:" value as written, or the place phrase after the meeting date
    ("konaného dne 8. listopadu 2017 ve společenské místnosti KD Lis")."""
    for line in layout.head:
        if not line.in_body or line.index in layout.signature_ids:
            continue
        start = labels("location").end(line.text)
        if start is not None:
            value = layout.value_after_label(line, start)
            if value:
                cleaned = _clean_location(layout, value)
                if cleaned:
                    return cleaned
    if date_found:
        line, mention, _ = date_found
        if line.index in layout.head_ids:
            return _place_after_date(layout, line, mention.end)
    return None


def _place_after_date(layout: Layout, line: Line, after: int) -> str | None:
    """"…2017 od 13 hod. ve společenské místnosti KD Lis." -> "společenské místnosti KD Lis"."""
    rest = line.text[after:]
    at = after + time_patterns()[2].match(rest).end()
    match = _PLACE.match(line.text, at)
    if not match:
        return None
    end = _PLACE_END.search(line.text, match.start(1))
    return _clean_location(layout, Span(line.block, line.start + match.start(1),
                                        line.start + (end.start() if end else len(line.text))))
