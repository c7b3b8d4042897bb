"""`working_group`: the group's name without "Pracovní skupina"/"PS"; a steering group keeps
its kind ("Řídicí skupina"); a commission or team its name."""

from __future__ import annotations

import re

from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.document import Document, Line, cfg, label_end
from pipeline.extract.text import fold
from pipeline.extract.document_fields.meeting_dates import next_meeting_cue


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
    folded = fold(text)
    end = len(text)
    for stop in words["name_stops"]:
        match = re.search(rf"(?<!\w){re.escape(fold(stop.strip()))}", folded)
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
    first = fold(name.split()[0]).strip(".,")
    if first in {fold(w) for w in words["not_name_starts"]}:
        return None
    if not any(c.isalpha() for c in name):
        return None
    return _sentence_case(name)


def _steering(text: str) -> str | None:
    """The steering group named in `text` ("Řídicí pracovní skupina", "ŘPS"), or None."""
    words = cfg()["group"]
    folded = fold(text)
    for written, name in words["steering"]:
        if re.search(rf"(?<!\w){re.escape(fold(written))}", folded):
            return name
    for abbreviation, name in words["steering_abbreviations"]:
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text):
            return name
    return None


def _group_after_head(text: str, proper: bool = False) -> str | None:
    """"… pracovní skupiny Osoby ohrožené … ze dne" / "2. PS OBČANÉ …" -> the name after the head word.
    With `proper` (a line that is no title) the name must be capitalised, as a group's name is:
    "Vedoucí PS přivítal přítomné" names no group."""
    for head in sorted(cfg()["group"]["heads"], key=len, reverse=True):
        flags = 0 if head == "ps" else re.IGNORECASE
        pattern = r"(?<!\w)PS(?!\w)" if head == "ps" else rf"(?<!\w){re.escape(head)}(?!\w)"
        for match in re.finditer(pattern, text, flags):
            name = _group_name(text[match.end():])
            if name and (not proper or not name[0].islower()):
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
        value = doc.value_after_label(line, start) if start is not None and line.in_body else None
        if value is not None:
            block, value_start, value_end = value
            name = _group_name(block.text[value_start:value_end])
            if name and not _steering(name):
                return name
    title_text_ = title_string or (title.text if title is not None else "")
    if title is not None:
        steering = _steering(title_text_)
        name = _group_after_head(title_text_)
        if steering and (not name or fold(name).startswith(("pracovni", "skupin"))):
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
        name = _group_after_head(line.text, proper=True)
        if name:
            return name
    for line in doc.body:  # "Další jednání ŘPS je naplánováno …": the group that meets again is this one
        cue = next_meeting_cue(line.text)
        steering = _steering(line.text[cue:cue + 60]) if cue >= 0 else None
        if steering:
            return steering
    return None
