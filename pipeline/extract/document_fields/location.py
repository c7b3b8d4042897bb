"""`location`: the "Místo jednání:" value as written (also of a date-and-place label), the
place phrase after the meeting date ("... 2017 ve společenské místnosti KD Lis", on its line or
the next, or after a comma on a labelled date line: "Dne: 4. 3. 2019, klubovna MěÚ X"), a venue
named in a sentence of the head ("bylo zahájeno v zasedací místnosti ÚMČ X, Nové nám. 1"), or
"online" for a meeting held so."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.config import load
from pipeline.extract.dates import DateMention
from pipeline.extract.document_fields.mentions import dates_in
from pipeline.extract.document_fields.meeting_dates import held_sentence, next_meeting_cue, time_patterns
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.sentences import sentence_of
from pipeline.extract.text import Span, fold

_SEPARATORS = re.compile(r"(?:\s*[,;–-]\s*){2,}")
# a final dot that belongs to the word: an abbreviation ("nám.", "tř.") or an initial or legal form
# ("o. p. s."); a short word ending a sentence ("v malém sále domu.") loses it
_LEXICON = load("lexicon")["abbreviations"]
_ABBREVIATION_END = re.compile(rf"(?:(?<!\w)\w\.|(?<!\w)(?:{'|'.join(re.escape(w) for w in [*_LEXICON['with_dot'], *_LEXICON['not_sentence_end']])}))$")
_FINAL_DOT = re.compile(r"\.$")
_WEEKDAYS = "|".join(re.escape(w) for w in load("dates").get("words", {}).get("weekdays", []))
# a weekday opening a value ("ve středu"); the place phrase after a meeting date, and where it ends
_WEEKDAY = re.compile(rf"^\s*(?:(?:{alternation(meeting_words()['dates']['before_weekday'])})\s+)?(?:{_WEEKDAYS})(?!\w)",
                      re.IGNORECASE) if _WEEKDAYS else None
_PLACE = re.compile(rf"(?:{'|'.join(re.escape(p) for p in meeting_words()['area']['place_prepositions'])})\s+(?!\d)(\S.*)",
                    re.IGNORECASE)
_WORDS = meeting_words()["location"]
_PREPOSITIONS = alternation(meeting_words()["area"]["place_prepositions"], fold)
# "v zasedací místnosti", "ve velkém sále" (folded): the venue starts after the preposition
_VENUE = re.compile(rf"(?<!\w)(?:{_PREPOSITIONS})\s+((?:\w+\s+){{0,{_WORDS['max_venue_adjectives']}}}"
                    rf"(?:{alternation(_WORDS['venue_nouns'], fold)})\w*)(?!\w)")
_ONLINE = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['online'], fold)})(?!\w)")
_NEXT_LABEL = re.compile(r"(?:^|[\s,;])[^\W\d]+\s*:")  # "…, čas: 14 h": another field ends a value
_MEETING = re.compile(rf"(?<!\w)(?:{alternation([*meeting_words()['title']['meeting_nouns'], *meeting_words()['dates']['inline_cues']], fold)})(?!\w)")
_HELD = re.compile(rf"\s+(?:(?:{alternation(_WORDS['held_reflexive'], fold)})\s+)?"
                   rf"(?:{alternation(_WORDS['held_verbs'], fold)})(?!\w)")
_SEPARATOR = re.compile(r"[,–-]")
_NOT_PLACE = re.compile(rf"(?:{alternation(_WORDS['not_place_words'], fold)})(?!\w)")
# ", bylo zahájeno …" / " Přítomni Dle prezenční listiny": a clause about the meeting after a comma, or the
# attendance label (capitalised, with or without its colon) ends a place run into the rest of its line
_CLAUSE = re.compile(rf",\s*(?:{alternation(_WORDS['clause_starts'], fold)})(?!\w)")
_ATTENDANCE = re.compile(rf"(?<=\s)(?:{'|'.join(re.escape(w[:1].upper() + w[1:]) for w in meeting_words()['labels']['attendance'])})(?!\w)")
_INITIAL = re.compile(r"(?<!\w)\w\.$")
_NUMBER_END = re.compile(rf"\d\.\s+(?=[{load('lexicon')['letters']['capitals']}][^\W\d]*\s)")  # "4. 3. 2019, klubovna …": a place after the date and a comma


# A location label inside a flattened paragraph (a transcript page run together: "… Nová Lhota
# Místo konání: sál OÚ Lipová, Horní 5 PROGRAM: …"): written capitalised, with its colon, after a
# space; its value ends at the next label or at a date label ("… č. 12 ze dne …").
_LOCATION_WORDS = sorted(meeting_words()["labels"]["location"], key=len, reverse=True)
_INLINE_LABEL = re.compile(rf"(?<=\s)(?:{'|'.join(re.escape(w[:1].upper() + w[1:]) for w in _LOCATION_WORDS)})\s*:\s*")
_DATE_LABEL = re.compile(rf"(?<!\w)(?:{alternation(meeting_words()['labels']['date'], fold)})(?!\w)")


def _inline_location(layout: Layout) -> str | None:
    """The value of a location label inside a long line of the head (a flattened page)."""
    for line in layout.head:
        if line.index in layout.signature_ids:
            continue
        match = _INLINE_LABEL.search(line.text)
        if match is None:
            continue
        end = _sentence_end(line, match.end())
        stop = _DATE_LABEL.search(line.folded, match.end(), end - line.start)
        end = line.start + stop.start() if stop else end
        found = _clean_location(layout, Span(line.block, line.start + match.end(), end))
        if found:
            return found
    return None


def _clean_location(layout: Layout, value: Span) -> str | None:
    """A location value without dates (and their weekdays), times and dangling separators."""
    text = value.text
    label = _NEXT_LABEL.search(text)
    text = text[:label.start()] if label else text
    held = _HELD.search(fold(text))
    text = text[:held.start()] if held else text  # "sále KD Lipová konalo setkání …": the place ends before the verb
    clause = _CLAUSE.search(fold(text))
    text = text[:clause.start()] if clause else text
    attendance = _ATTENDANCE.search(text)
    text = text[:attendance.start()] if attendance else text
    for mention in reversed([m for m in dates_in(layout, value) if m.end <= len(text)]):
        text = text[:mention.start] + text[mention.end:]
    text = time_patterns()[1].sub("", text)
    if _WEEKDAY is not None:
        text = _WEEKDAY.sub("", text)
    text = _SEPARATORS.sub(", ", text)
    text = text.strip(" \t,;–-")
    text = _FINAL_DOT.sub("", text) if not _ABBREVIATION_END.search(text) else text
    return text.strip(" \t,;–-") or None  # "sále radnice, od 16:00 hodin.": the comma before the time goes too


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
        if line.index in layout.head_ids or held_sentence(line.text, mention):  # "… se naposledy sešla 9. června v …"
            found = _place_after_date(layout, line, mention.end)
            following = layout.next_line(line)
            rest = line.text[mention.end:]
            rest = rest[time_patterns()[2].match(rest).end():]  # "… 2016 od 14.00 do 16.00 hod." / "v budově …"
            if found is None and not time_patterns()[1].sub("", rest).strip(" ,.") and following is not None:
                found = _place_after_date(layout, following, 0)  # "konaného dne 22. 4." / "v Domově …"
            if found:
                return found
    return _inline_location(layout) or _venue_in_head(layout, date_found[2] if date_found else None)


def _venue_in_head(layout: Layout, meeting_date: dt.date | None = None) -> str | None:
    """A venue named in a sentence of the head ("Jednání bylo zahájeno v 15 hod. v zasedací
    místnosti ÚMČ X, Nové náměstí 1."), not of the next meeting nor of another event the
    sentence dates to another day ("setkání seniorů se uskuteční 14. 12. v sále OÚ"); else
    "online" as written."""
    online = None
    for line in layout.head:
        if line.index in layout.signature_ids:
            continue
        text = line.block.text
        for match in _VENUE.finditer(line.folded):
            at = line.start + match.start(1)
            start, end = sentence_of(text, at)
            sentence = fold(text[start:end])
            if next_meeting_cue(sentence[:at - start]) >= 0 or not _MEETING.search(sentence) \
                    or _other_day(layout, Span(line.block, start, end), meeting_date):
                continue  # the next meeting's room, a building that no meeting is held in, another event
            found = _clean_location(layout, Span(line.block, at, _sentence_end(line, at - line.start)))
            if found:
                return found
        match = _ONLINE.search(line.folded)
        if online is None and match and next_meeting_cue(line.folded) < 0:
            online = line.text[match.start():match.end()]
    return online


def _other_day(layout: Layout, sentence: Span, meeting_date: dt.date | None) -> bool:
    """The sentence dates what it tells to a day other than the meeting's."""
    year = meeting_date.year if meeting_date else None
    return any(d != meeting_date for m in dates_in(layout, sentence) if (d := m.resolve(year)) is not None)


# "… 25. dubna uskutečnilo v Masarykově kulturním domě": the verb of holding between the date and its place
_HELD_AT = re.compile(rf"\s*(?:(?:{alternation(_WORDS['held_reflexive'], fold)})\s+)?"
                      rf"(?:{alternation(_WORDS['held_verbs'], fold)})(?!\w)\s*")


def _place_after_date(layout: Layout, line: Line, after: int) -> str | None:
    """"…2017 od 13 hod. ve společenské místnosti KD Lis." -> "společenské místnosti KD Lis"; also after
    the verb of holding ("se v úterý 25. dubna uskutečnilo v Masarykově kulturním domě v Lipové")."""
    rest = line.text[after:]
    at = after + time_patterns()[2].match(rest).end()
    held = _HELD_AT.match(line.folded, at)
    at = held.end() if held and held.end() > at else at
    match = _PLACE.match(line.text, at)
    if match and _NOT_PLACE.match(fold(match.group(1))):
        return None  # "proběhlo v rámci projektu …": a phrase of manner, no place
    if not match:
        if after and _SEPARATOR.search(line.text, after, at) and at < len(line.text) \
                and labels("date").end(line.text) is not None:  # "Dne: 4. 3. 2019, klubovna MěÚ X"
            return _clean_location(layout, Span(line.block, line.start + at, _sentence_end(line, at)))
        return None
    return _clean_location(layout, Span(line.block, line.start + match.start(1), _sentence_end(line, match.start(1))))


def _sentence_end(line: Line, at: int) -> int:
    """Where the sentence holding `at` of a line ends, in the block (a place ends with its sentence)."""
    text = line.block.text
    end = sentence_of(text, line.start + at)[1]
    while end < line.end and _INITIAL.search(text, 0, end):  # "T. G. Masaryka 35": an initial ends no sentence
        end = sentence_of(text, end + 1)[1]
    end = min(end, line.end)
    number = _NUMBER_END.search(text, line.start + at, end)  # "…, Náměstí 5. Vedoucí přivítala"
    return number.start() + 1 if number else end
