"""`working_group`: the group's name without "Pracovní skupina"/"PS"; a steering group keeps
its kind ("Řídicí skupina"); a commission or team its name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.meeting_dates import next_meeting_cue
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.text import fold


@dataclass(frozen=True)
class _Rules:
    """The group words of configs/meeting.toml, compiled once."""

    number: re.Pattern[str]                            # "2. – ", "č. 3: " before a name
    stops: tuple[re.Pattern[str], ...]                 # phrases after a name, one pattern each
    cut: re.Pattern[str]                               # punctuation or "v Praze" ending a name
    not_name_starts: frozenset[str]
    max_length: int
    steering: tuple[tuple[re.Pattern[str], str], ...]  # folded written form -> the steering group's name
    steering_short: tuple[tuple[re.Pattern[str], str], ...]  # abbreviation as written -> the name
    heads: tuple[re.Pattern[str], ...]                 # "pracovní skupiny", then "PS"
    other_body: re.Pattern[str]
    kind_only_starts: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    words = meeting_words()["group"]
    numbers = alternation(load("lexicon")["numbers"]["before_number"])
    places = "|".join(re.escape(p) for p in meeting_words()["area"]["place_prepositions"])
    capitals = load("lexicon")["letters"]["capitals"]
    heads = [re.compile(rf"(?<!\w){re.escape(head)}(?!\w)", re.IGNORECASE)
             for head in sorted(words["heads"], key=len, reverse=True)]
    heads += [re.compile(rf"(?<!\w){re.escape(head)}(?!\w)") for head in words["head_abbreviations"]]
    return _Rules(
        number=re.compile(rf"^(?:(?:{numbers})\s*)?(?:\d{{1,2}}|[IVX]{{1,4}})\.?\s*[–—:-]\s*"),
        stops=tuple(re.compile(rf"(?<!\w){re.escape(fold(stop.strip()))}") for stop in words["name_stops"]),
        cut=re.compile(rf"[(:;„\"]|\s[–—-]\s|\.\s|\.$|\t|\s(?:{places})\s+[{capitals}]"),
        not_name_starts=frozenset(fold(w) for w in words["not_name_starts"]),
        max_length=words["max_length"],
        steering=tuple((re.compile(rf"(?<!\w){re.escape(fold(written))}"), name) for written, name in words["steering"]),
        steering_short=tuple((re.compile(rf"(?<!\w){re.escape(short)}(?!\w)"), name)
                             for short, name in words["steering_abbreviations"]),
        heads=tuple(heads),
        other_body=re.compile(rf"(?<!\w)(?:{alternation(words['other_bodies'])})(?!\w)", re.IGNORECASE),
        kind_only_starts=tuple(fold(w) for w in words["kind_only_starts"]),
    )


def _sentence_case(text: str) -> str:
    """"OBČANÉ OHROŽENÍ" -> "Občané ohrožení"; mixed case is kept."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text[0] + text[1:].lower()
    return text


def _group_name(text: str) -> str | None:
    """The group's name at the start of `text`, cut before dates, verbs and other fields."""
    rules = _rules()
    text = rules.number.sub("", text.strip(" \t–—-:"))
    folded = fold(text)
    end = len(text)
    for stop in rules.stops:
        match = stop.search(folded)
        if match and match.start() > 0:
            end = min(end, match.start())
    for mention in find_dates(text):
        end = min(end, mention.start)
    cut = rules.cut.search(text)
    if cut:
        end = min(end, cut.start())
    name = text[:end].strip(" ,.–—-")
    if not name or len(name) < 3 or len(name) > rules.max_length:
        return None
    if fold(name.split()[0]).strip(".,") in rules.not_name_starts or not any(c.isalpha() for c in name):
        return None
    return _sentence_case(name)


def _steering(text: str) -> str | None:
    """The steering group named in `text` ("Řídicí pracovní skupina", "ŘPS"), or None."""
    folded = fold(text)
    for pattern, name in _rules().steering:
        if pattern.search(folded):
            return name
    for pattern, name in _rules().steering_short:
        if pattern.search(text):
            return name
    return None


def _group_after_head(text: str, proper: bool = False) -> str | None:
    """"… pracovní skupiny Osoby ohrožené … ze dne" / "2. PS OBČANÉ …" -> the name after the head word.
    With `proper` (a line that is no title) the name must be capitalised, as a group's name is:
    "Vedoucí PS přivítal přítomné" names no group."""
    for head in _rules().heads:
        for match in head.finditer(text):
            name = _group_name(text[match.end():])
            if name and (not proper or not name[0].islower()):
                return name
    return None


def _other_body(title: str) -> str | None:
    """A commission or team that met ("Zápis z jednání Komise pro sociální věci ze dne …")."""
    match = _rules().other_body.search(title)
    if not match:
        return None
    name = _group_name(title[match.start():])
    return name[0].upper() + name[1:] if name else None


def find_working_group(layout: Layout, title: Line | None, title_string: str | None = None) -> str | None:
    """The group's name without "Pracovní skupina"/"PS"; a steering group keeps its kind.

    Order: a "Pracovní skupina – X" line of the head, the title, a steering group
    named in the title, head or running header, the head's other lines, the header.
    """
    for line in layout.head:
        start = labels("working_group").end(line.text)
        value = layout.value_after_label(line, start) if start is not None and line.in_body else None
        if value is not None:
            name = _group_name(value.text)
            if name and not _steering(name):
                return name
    title_text_ = title_string or (title.text if title is not None else "")
    if title is not None:
        steering = _steering(title_text_)
        name = _group_after_head(title_text_)
        if steering and (not name or fold(name).startswith(_rules().kind_only_starts)):
            return steering
        if name:
            return name
        if steering:
            return steering
        body = _other_body(title_text_)
        if body:
            return body
    for line in [*layout.head, *layout.page_lines]:
        steering = _steering(line.text)
        if steering:
            return steering
    for line in [*layout.head, *layout.page_lines]:
        name = _group_after_head(line.text, proper=True)
        if name:
            return name
    for line in layout.body:  # "Další jednání ŘPS je naplánováno …": the group that meets again is this one
        cue = next_meeting_cue(line.text)
        steering = _steering(line.text[cue:cue + 60]) if cue >= 0 else None
        if steering:
            return steering
    return None
