"""`working_group`: the group's name without "Pracovní skupina"/"PS"; a steering group keeps
its kind ("Řídicí skupina"); a commission or team its name."""

from __future__ import annotations

import re

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.meeting_dates import next_meeting_cue
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.text import fold

_WORDS = meeting_words()["group"]
_CAPITALS = load("lexicon")["letters"]["capitals"]
_PLACES = "|".join(re.escape(p) for p in meeting_words()["area"]["place_prepositions"])
# "2. – ", "č. 3: " before a name; phrases after a name (one pattern each: a phrase at the very
# start does not count); punctuation or a place ("v Praze") that ends a name
_NUMBER = re.compile(rf"^(?:(?:{alternation(load('lexicon')['numbers']['before_number'])})\s*)?"
                     rf"(?:\d{{1,2}}|[IVX]{{1,4}})\.?\s*[–—:-]\s*")
# a stop written with a trailing space is a whole word ("při " stops "… při KPSS", not "… pro přípravu …")
_STOPS = tuple(re.compile(rf"(?<!\w){re.escape(fold(stop.strip()))}" + (r"(?!\w)" if stop.endswith(" ") else ""))
               for stop in _WORDS["name_stops"])
_CUT = re.compile(rf"[(:;„\"]|\s[–—-]\s|\.\s|\.$|\t|\s(?:{_PLACES})\s+[{_CAPITALS}]")
_NOT_NAME_STARTS = frozenset(fold(w) for w in _WORDS["not_name_starts"])
# a steering group as written (folded), then its abbreviations (as written) -> its name
_STEERING = tuple((re.compile(rf"(?<!\w){re.escape(fold(written))}"), name) for written, name in _WORDS["steering"])
_STEERING_SHORT = tuple((re.compile(rf"(?<!\w){re.escape(short)}(?!\w)"), name)
                        for short, name in _WORDS["steering_abbreviations"])
# "pracovní skupiny" (any case), then "PS" (as written)
_HEADS = (*(re.compile(rf"(?<!\w){re.escape(h)}(?!\w)", re.IGNORECASE)
            for h in sorted(_WORDS["heads"], key=len, reverse=True)),
          *(re.compile(rf"(?<!\w){re.escape(h)}(?!\w)") for h in _WORDS["head_abbreviations"]))
_OTHER_BODY = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['other_bodies'])})(?!\w)", re.IGNORECASE)
_KIND_ONLY = tuple(fold(w) for w in _WORDS["kind_only_starts"])
# a meeting noun or resolution word, then the body's adjectives and noun in the genitive (folded)
_BODY_AFTER = re.compile(rf"(?<!\w)(?:{alternation([*meeting_words()['title']['meeting_nouns'], *_WORDS['body_after']], fold)})"
                         rf"(?:\s+(?:{alternation(load('lexicon')['numbers']['before_number'], fold)})?\s*\d+(?:/\d+)?\.?)?\s+")
_BODIES = {fold(genitive): (nominative, gender) for genitive, nominative, gender in _WORDS["bodies"]}
_MAX_ADJECTIVES = 3  # words before the body's noun: adjectives and the conjunctions between them
_JOINERS = frozenset(meeting_words()["labels"]["recorder_joiners"])  # "a", "i"
_DOCUMENT_NUMBER = re.compile(r"\s\d+/\d+")  # "… Rady kraje 12/2021": the document's number ends a name


def _sentence_case(text: str) -> str:
    """"OBČANÉ OHROŽENÍ" -> "Občané ohrožení"; mixed case is kept."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text[0] + text[1:].lower()
    return text


def _group_name(text: str) -> str | None:
    """The group's name at the start of `text`, cut before dates, verbs and other fields."""
    text = _NUMBER.sub("", text.strip(" \t–—-:"))
    folded = fold(text)
    end = len(text)
    for stop in _STOPS:
        match = stop.search(folded)
        if match and match.start() > 0:
            end = min(end, match.start())
    for mention in find_dates(text):
        end = min(end, mention.start)
    cut = _CUT.search(text)
    if cut:
        end = min(end, cut.start())
    name = text[:end].strip(" ,.–—-")
    if not name or len(name) < 3 or len(name) > _WORDS["max_length"]:
        return None
    if fold(name.split()[0]).strip(".,") in _NOT_NAME_STARTS or not any(c.isalpha() for c in name):
        return None
    return _sentence_case(name)


def _steering(text: str) -> str | None:
    """The steering group named in `text` ("Řídicí pracovní skupina", "ŘPS"), or None."""
    folded = fold(text)
    for pattern, name in _STEERING:
        if pattern.search(folded):
            return name
    for pattern, name in _STEERING_SHORT:
        if pattern.search(text):
            return name
    return None


def _group_after_head(text: str, proper: bool = False) -> str | None:
    """"… pracovní skupiny Osoby ohrožené … ze dne" / "2. PS OBČANÉ …" -> the name after the head word.
    With `proper` (a line that is no title) the name must be capitalised, as a group's name is:
    "Vedoucí PS přivítal přítomné" names no group."""
    for head in _HEADS:
        for match in head.finditer(text):
            name = _group_name(text[match.end():])
            if name and (not proper or not name[0].islower()):
                return name
    return None


def _other_body(title: str) -> str | None:
    """A commission or team that met ("Zápis z jednání Komise pro sociální věci ze dne …")."""
    match = _OTHER_BODY.search(title)
    if not match:
        return None
    name = _group_name(title[match.start():])
    return name[0].upper() + name[1:] if name else None


def _nominative_adjective(word: str, gender: str) -> str | None:
    """"Sociálního" (m) -> "Sociální", "VALNÉ" (f) -> "VALNÁ"; None for a word that is no such adjective."""
    for ending, nominative in _WORDS["adjective_endings"][gender]:
        if word.lower().endswith(ending):
            stem = word[: len(word) - len(ending)]
            return stem + (nominative.upper() if word.isupper() else nominative)
    return None


def _meeting_body(text: str, proper: bool = False) -> str | None:
    """The body that met, named in the genitive after a meeting noun ("ze zasedání Výboru pro
    sociální věci Zastupitelstva X kraje ze dne" -> "Výbor pro sociální věci Zastupitelstva X
    kraje", "Usnesení rady kraje 12/2021" -> "Rada kraje"). With `proper` (a line that is no
    title) the body must be written with a capital, as a name is."""
    folded = fold(text)
    for match in _BODY_AFTER.finditer(folded):
        words = text[match.end():].split(" ")
        for count in range(min(_MAX_ADJECTIVES, len(words) - 1) + 1):
            noun = _BODIES.get(fold(words[count]).strip(",."))
            if noun is None or (proper and not words[0][:1].isupper()):
                continue
            nominative, gender = noun
            adjectives = [w if fold(w) in _JOINERS and 0 < i < count - 1 else _nominative_adjective(w, gender)
                          for i, w in enumerate(words[:count])]  # "Sociální a zdravotní komise"
            if None in adjectives:
                continue
            head = words[count].rstrip(",.")
            noun_form = nominative.upper() if head.isupper() else nominative.capitalize() if head[:1].isupper() else nominative
            rest = text[match.end():][len(" ".join(words[:count + 1])):]
            cut = _DOCUMENT_NUMBER.search(rest)
            name = _group_name(" ".join([*adjectives, noun_form]) + (rest[:cut.start()] if cut else rest))  # type: ignore[list-item]
            if name:
                return name[0].upper() + name[1:]
    return None


# "Zápis z jednání PRS 2 – senioři a …": a group's abbreviation (capitals), its number and a dash, then its name
_NUMBERED_ABBREVIATION = re.compile(rf"(?<!\w)[{_CAPITALS}]{{2,4}}\s*\d{{1,2}}\s*[–—-]\s+(?=\w)")
# "Koordinační skupina se naposledy sešla 9. června …": the body that met, the subject of a held sentence
_LOCATION_WORDS = meeting_words()["location"]
_HELD_SUBJECT = re.compile(rf"^\s*(.{{3,80}}?)\s+(?:{alternation(_LOCATION_WORDS['held_reflexive'], fold)})\s+"
                           rf"(?:[^\W\d_]+\s+)?(?:{alternation(_LOCATION_WORDS['held_verbs'], fold)})(?!\w)")


def _numbered_abbreviation(text: str) -> str | None:
    """"Zápis z jednání PRS 2 – senioři a zdravotně znevýhodněné osoby" -> "senioři a zdravotně
    znevýhodněné osoby": the name after a group's numbered abbreviation and a dash, as written."""
    match = _NUMBERED_ABBREVIATION.search(text)
    return _group_name(text[match.end():]) if match else None


def held_subject(text: str) -> str | None:
    """The body named as the subject of the sentence that says it met ("Koordinační skupina se naposledy
    sešla …" -> "Koordinační skupina"), when it is a commission, team or group ([group] other_bodies)."""
    match = _HELD_SUBJECT.match(fold(text))
    if not match:
        return None
    subject = text[match.start(1):match.end(1)]
    return _other_body(subject) if _OTHER_BODY.match(subject) else None


def find_working_group(layout: Layout, title: Line | None, title_string: str | None = None,
                       minutes: Line | None = None, held: Line | None = None) -> str | None:
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
    if minutes is not None and minutes is not title:  # a page's heading over the minutes' own heading
        name = _group_after_head(minutes.text) or _numbered_abbreviation(minutes.text)
        if name:
            return name
    if title is not None and _numbered_abbreviation(title_text_) and not _group_after_head(title_text_):
        return _numbered_abbreviation(title_text_)
    if title is not None:
        steering = _steering(title_text_)
        name = _group_after_head(title_text_)
        if steering and (not name or fold(name).startswith(_KIND_ONLY)):
            return steering
        if name:
            return name
        if steering:
            return steering
        body = _meeting_body(title_text_) or _other_body(title_text_)
        if body:
            return body
    for line in [*layout.head, *layout.page_lines]:
        steering = _steering(line.text)
        if steering:
            return steering
    for line in [*layout.head, *layout.page_lines]:
        name = _group_after_head(line.text, proper=True) or _meeting_body(line.text, proper=True)
        if name:
            return name
    if held is not None and held_subject(held.text):
        return held_subject(held.text)
    for line in layout.body:  # "Další jednání ŘPS je naplánováno …": the group that meets again is this one
        cue = next_meeting_cue(line.folded)
        steering = _steering(line.text[cue:cue + 60]) if cue >= 0 else None
        if steering:
            return steering
    return None
