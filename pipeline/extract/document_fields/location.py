"""`location`: the "Místo jednání:" value as written (also of a date-and-place label), or
the place phrase after the meeting date ("... 2017 ve společenské místnosti KD Lis")."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.config import load
from pipeline.extract.dates import DateMention, find_dates
from pipeline.extract.document_fields.document import Document, Line, cfg, label_end
from pipeline.extract.document_fields.meeting_dates import time_patterns


def _clean_location(text: str) -> str | None:
    """A location value without dates (and their weekdays), times and dangling separators."""
    for mention in reversed(find_dates(text)):
        text = text[:mention.start] + text[mention.end:]
    text = time_patterns()[1].sub("", text)
    weekdays = "|".join(re.escape(w) for w in load("dates").get("words", {}).get("weekdays", []))
    if weekdays:
        text = re.sub(rf"^\s*(?:(?:ve?)\s+)?(?:{weekdays})(?!\w)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:\s*[,;–-]\s*){2,}", ", ", text)
    text = text.strip(" \t,;–-")
    text = re.sub(r"\.$", "", text) if not re.search(r"\b\w{1,4}\.$", text) else text
    return text.strip() or None


def find_location(doc: Document, date_found: tuple[Line, DateMention, dt.date] | None) -> str | None:
    """The "Místo jednání:" value as written, or the place phrase after the meeting date
    ("konaného dne 8. listopadu 2017 ve společenské místnosti KD Lis")."""
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
    """"…2017 od 13 hod. ve společenské místnosti KD Lis." -> "společenské místnosti KD Lis"."""
    rest = time_patterns()[2].sub("", rest)
    prepositions = "|".join(re.escape(p) for p in cfg()["area"]["place_prepositions"])
    match = re.match(rf"(?:{prepositions})\s+(?!\d)(\S.*)", rest, re.IGNORECASE)
    if not match:
        return None
    place = re.split(r"\.\s+(?=[A-ZÁ-Ž])|[;]", match.group(1))[0]
    return _clean_location(place)
