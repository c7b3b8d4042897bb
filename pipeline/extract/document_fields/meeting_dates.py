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

from pipeline.config import load
from pipeline.extract.dates import DateMention
from pipeline.extract.document_fields.mentions import dates_in
from pipeline.extract.document_fields.title import title_lines
from pipeline.extract.document_fields.words import Phrases, alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words, numbered_meeting_end, starts_with_title_word
from pipeline.extract.model import BlockView
from pipeline.extract.text import fold

EARLY_UNITS = 6        # a date without a cue counts only this close to the top
BARE_DATE_WORDS = 6    # … and only with this few words before it (not a date inside a sentence)
HELD_SCORE, HELD_LATER = 80, 40  # a cue or held sentence early in the head, and further down it
_WORDS = meeting_words()
_TRAILING_PUNCTUATION = re.compile(r"[\s,.:;\t–—-]+$")
_DASH_BEFORE = re.compile(r"\d\.?\s*[-–—]$")  # "13. – 14. září"
_WORD = re.compile(r"\w")
# a weekday or its preposition ending the text before a date ("… konaného ve středu")
_WEEKDAYS = [*load("dates").get("words", {}).get("weekdays", []), *_WORDS["dates"]["before_weekday"]]
_BEFORE_DATE = re.compile(rf"(?<!\w)(?:{alternation(_WEEKDAYS, fold)})$")
_RANGE_AFTER = re.compile(rf"(?:{alternation(_WORDS['dates']['range_after'])})\s*\d{{1,2}}\s*\.")
_DAY, _TOWN = (alternation({fold(w) for w in _WORDS["dates"]["signature_day"]}),
               alternation({fold(w) for w in _WORDS["area"]["town_prepositions"]}))
# "V Jilemnici dne", "Ve Vsetíně, dne", "Liberec," before a date that ends the line
_SIGNATURE = re.compile(rf"(?:(?:{_TOWN})\s+\S+(?:\s+\S+)?\s*,?\s*(?:{_DAY})?|[^\d,:]{{2,30}},\s*(?:{_DAY})?"
                        rf"|(?:{_DAY})\s*:?)")
# date labels too common to date the meeting away from the head ("dne", "kdy")
_WEAK_DATE_LABELS = frozenset(fold(w) for w in _WORDS["labels"]["weak_date"])
_NEXT_MEETING, _RANGE_BEFORE = Phrases(_WORDS["labels"]["next_meeting"]), Phrases(_WORDS["dates"]["range_before"])
_FUTURE = Phrases(_WORDS["dates"]["future_meeting_verbs"])
_OTHER_EVENT, _INLINE_CUES = Phrases(_WORDS["dates"]["other_event_cues"]), Phrases(_WORDS["dates"]["inline_cues"])
# the meeting's own cues, which outweigh an earlier other-event word (the weak "dne" do not)
_OWN_CUES = Phrases(c for c in _WORDS["dates"]["inline_cues"] if fold(c) not in _WEAK_DATE_LABELS)
# 'Download "Zápis ze 7. schůze …': a portal's link word, then (quoted) the document's whole title
_PORTAL_TITLE = re.compile(rf"\s*(?:{alternation(_WORDS['dates']['portal_title_links'], fold)})\s*[\"„“”'»«]?\s*")


def _portal_title(text: str) -> bool:
    """A document portal's download link that restates the document's title (its date included):
    the title's date, when the page's own heading lost it."""
    match = _PORTAL_TITLE.match(fold(text))
    return match is not None and match.end() < len(text) and starts_with_title_word(text[match.end():])


def _strip_before_date(folded_prefix: str) -> str:
    """Drop what may stand between a cue and its date: spaces, punctuation, weekday, "v"/"ve"."""
    text = folded_prefix
    while True:
        previous = text
        text = _TRAILING_PUNCTUATION.sub("", text)
        match = _BEFORE_DATE.search(text)
        if match:
            text = text[:match.start()]
        if text == previous:
            return text


@lru_cache(maxsize=None)
def _prefix_labels(name: str) -> dict[str, str]:
    """The labels of [labels] `name` by their folded form without dots and colons (longer first)."""
    out: dict[str, str] = {}
    for label in sorted(meeting_words()["labels"][name], key=len, reverse=True):
        out.setdefault(fold(label).strip(" .:"), label)
    return out


def _prefix_label(prefix: str, name: str) -> str | None:
    """The label of [labels] `name` that makes up the whole text before a date ("Datum jednání:")."""
    return _prefix_labels(name).get(_strip_before_date(fold(prefix)).strip())


def _cell_label(layout: Layout, block: BlockView, name: str) -> str | None:
    """The label in the cell left of (or above) a table cell."""
    for d_row, d_col in ((0, -1), (-1, 0)):
        cell = layout.neighbour_cell(block, d_row, d_col)
        if cell is not None:
            label = _prefix_label(cell.text, name)
            if label:
                return label
    return None


def _in_range(text: str, mention: DateMention) -> bool:
    """A date that opens or closes a range ("od 31. 7. do 4. 8. 2017", "13. – 14. září")."""
    before = fold(text[:mention.start]).rstrip()
    if _DASH_BEFORE.search(before) or _RANGE_BEFORE.ends(before):
        return True
    return _RANGE_AFTER.match(fold(text[mention.end:]).lstrip()) is not None


# "Příští řádná schůze výboru", "Další společné setkání": the next meeting with one adjective before its noun
_NEXT_WITH_ADJECTIVE = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['dates']['next_words'], fold)})\s+[^\W\d_]+\s+"
                                  rf"(?:{alternation(_WORDS['title']['meeting_nouns'], fold)})(?!\w)")


def next_meeting_cue(folded: str) -> int:
    """Where a next-meeting cue ("Další jednání", "Příští setkání", "Příští řádná schůze") starts in a
    folded line, or -1."""
    found = _NEXT_MEETING.first(folded)
    if found >= 0:
        return found
    match = _NEXT_WITH_ADJECTIVE.search(folded)
    return match.start() if match else -1


def _is_signature_line(prefix: str) -> bool:
    """"V Jilemnici dne", "Ve Vsetíně, dne", "Liberec," before a date that ends the line."""
    return _SIGNATURE.fullmatch(fold(prefix).strip()) is not None


def _date_label(layout: Layout, line: Line, mention: DateMention, name: str) -> str | None:
    """The label of [labels] `name` a date stands under: the text before it on its line
    ("Datum jednání: 15. 2."), the cell left of or above it, or a line holding only the label
    just before it."""
    prefix = line.text[:mention.start]
    label = _prefix_label(prefix, name)
    if label is None and not prefix.strip() and line.first_in_block:
        label = _cell_label(layout, line.block, name)
        previous = layout.previous_line(line)
        if label is None and previous is not None and line.block.kind != "table_cell":
            label = _prefix_label(previous.text, name)
    return label


def _other_event(folded_prefix: str) -> bool:
    """The text before a date names another event ("schválen dne", "usnesení rady města ze
    dne"), unless the meeting's own cue follows that word ("Komise Rady města X – jednání dne")."""
    other = _OTHER_EVENT.last(folded_prefix)
    if other < 0:
        return False
    return _OWN_CUES.last(folded_prefix) < other


def _ends_with_cue(folded_prefix: str) -> bool:
    """Whether the text before a date ends with a cue phrase ("konaného dne", "se sešla")."""
    return _INLINE_CUES.ends(folded_prefix)


def _after_next_meeting_label(layout: Layout, line: Line) -> bool:
    """A date in the cell beside (or the line after) "Termín dalšího jednání:"."""
    left = layout.neighbour_cell(line.block, 0, -1)
    previous = layout.previous_line(line)
    label = left.text if left is not None else previous.text if previous is not None and line.first_in_block else ""
    return next_meeting_cue(fold(label)) >= 0


def _is_top_termin(layout: Layout, line: Line, mention: DateMention) -> bool:
    """"Termín: 5. 3. 2019" among the first lines names the meeting's date, unless it sits
    with a task ("Zodpovídá:", "R:") as a deadline does."""
    if _date_label(layout, line, mention, "ambiguous_date") is None:
        return False
    if line.index not in layout.head_ids or line.unit - layout.body[0].unit >= EARLY_UNITS:
        return False
    neighbours = [layout.previous_line(line), layout.next_line(line)]
    return not any(n is not None and labels("task").end(n.text) is not None for n in neighbours)


def _is_minutes(layout: Layout, title: Line | None) -> bool:
    """Minutes (a "Zápis …" title or a list of those present), whose signature dates the meeting;
    a report or plan is signed on the day it was written."""
    return (title is not None and starts_with_title_word(title.text)) \
        or any(section.kind == "attendance" for section in layout.sections)


def date_score(layout: Layout, line: Line, mention: DateMention, title: Line | None) -> int:
    """How surely a date mention is the meeting's date (0: not at all).

    100 a date label in the head (or a cell next to one), 95 the title line,
    80 a cue phrase near the top ("konaného dne", "se sešla ve středu"),
    70 a label or title line in the running header, 60 a strong label further
    down, 50 a bare date in the first lines, 40 a cue phrase further down the
    head, 30 a signature line ("V Jilemnici dne ..."), 20 a label in the
    signature ("Dne: 1. 9. 2017", the date of writing).
    """
    text = line.text
    if mention.year is None or _in_range(text, mention):
        return 0
    cue = next_meeting_cue(line.folded)
    if 0 <= cue < mention.start or (not text[:mention.start].strip() and _after_next_meeting_label(layout, line)):
        return 0
    label = _date_label(layout, line, mention, "date")
    if label is None and (labels("not_meeting_date").end(text) is not None
                          or _date_label(layout, line, mention, "not_meeting_date")):
        return 85 if _is_top_termin(layout, line, mention) else 0
    if not line.in_body:
        return 70 if label is not None or starts_with_title_word(text) else 0
    in_signature = line.index in layout.signature_ids
    in_head = line.index in layout.head_ids and not in_signature
    early = in_head and line.unit - layout.body[0].unit < EARLY_UNITS
    if label is not None:
        if in_signature:
            return 20
        if in_head:
            return 100
        return 0 if fold(label) in _WEAK_DATE_LABELS else 60
    if (title is not None and (line.block is title.block or line in title_lines(layout, title))) \
            or (in_head and _portal_title(text)):
        return 95  # the title's own date, also on a line it was centred over ("Z Á P I S" / "… ze dne 14.11.2022")
    folded_prefix = _strip_before_date(fold(text[:mention.start]))
    if _other_event(folded_prefix):
        # a plan or report signed "Schváleno usnesením zastupitelstva dne …" dates no meeting
        return 15 if in_signature and _is_minutes(layout, title) else 0
    if in_head and (_ends_with_cue(folded_prefix) or held_sentence(text, mention)):
        return HELD_SCORE if early and line.block.kind != "list_item" else HELD_LATER
    if (in_signature or line.index >= layout.body[len(layout.body) // 2].index) \
            and _is_signature_line(text[:mention.start]) and not _WORD.search(text[mention.end:]) \
            and _is_minutes(layout, title):
        return 30
    if early and line.block.kind != "list_item" and len(text) < 120 \
            and len(text[:mention.start].split()) <= BARE_DATE_WORDS:
        return 50
    return 0


BARE_SCORE = 50  # a date with no cue near the top: a report's publication stamp may be all it is


def find_meeting_date(layout: Layout, title: Line | None) -> tuple[Line, DateMention, dt.date] | None:
    """The best-cued full date of the document (the earliest among equals), or None. A report whose
    only uncued date is its publication stamp or dateline ("13. 6. 2019", "Mělník – 26. 4. 2023 16:05")
    states the meeting in its first sentences instead ("Ve středu 12. června proběhlo setkání …"): that
    day, in the stamp's year and not after it."""
    best: tuple[int, int, Line, DateMention] | None = None
    for line in layout.lines:
        for mention in dates_in(layout, line):
            score = date_score(layout, line, mention, title)
            if score and (best is None or score > best[0]):
                best = (score, -line.index, line, mention)
    stamp = best[3].resolve(None) if best is not None else None
    if best is None or best[0] <= BARE_SCORE:
        held = _held_date(layout, best is None)
        if held is not None and (stamp is not None or held[1].year is not None):
            value = held[1].resolve(stamp.year if stamp else None)
            if value is not None and stamp is not None and held[1].year is None and value > stamp:
                value = held[1].resolve(stamp.year - 1)
            if value is not None:
                return held[0], held[1], value
    if best is None:
        return None
    _, _, line, mention = best
    value = mention.resolve(None)
    return (line, mention, value) if value else None


_WEEKDAY_BEFORE = re.compile(rf"(?<!\w)(?:{alternation(load('dates').get('words', {}).get('weekdays', []), fold)})\s*$")
# the held verbs of the past ("proběhlo", "se sešla"), not of the future ("proběhne", "se uskuteční")
_PAST_HELD = [verb for verb in _WORDS["location"]["held_verbs"]
              if not any(fold(verb) in fold(future) for future in _WORDS["dates"]["future_meeting_verbs"])]
# "se naposledy sešla 9. června", "proběhlo dne 4. 5.": a past held verb, at most one word (an adverb,
# "dne") and a weekday's preposition and name, then the date
_HELD_VERB_BEFORE = re.compile(rf"(?<!\w)(?:{alternation(_PAST_HELD, fold)})(?:\s+[^\W\d_]+)?\s*$")
# "dne 18. listopadu" right before the date, in a sentence with a held verb
_DAY_BEFORE = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['dates']['signature_day'], fold)})\s*$")
_PAST_HELD_PHRASES = Phrases(_PAST_HELD)
OTHER_EVENT_WORDS = 4  # "schváleno dne": the other event's word right before the date (not a project's name)


def _sentence(text: str, mention: DateMention) -> str:
    """The sentence of a line that holds a date mention (folded)."""
    start = max(text.rfind(". ", 0, mention.start) + 1, 0)
    end = text.find(". ", mention.end)
    return fold(text[start:end if end >= 0 else len(text)])


def held_sentence(text: str, mention: DateMention) -> bool:
    """A date in a sentence that says the meeting was held: "Ve čtvrtek 2. prosince 2010 proběhlo …",
    "se dne 18. listopadu … uskutečnilo …", "Skupina se naposledy sešla 9. června 2021 v …". The date
    follows a weekday, "dne" or a past held verb (configs/meeting.toml [location] held_verbs, without the
    future ones of [dates] future_meeting_verbs); a held verb of the past stands in its sentence, and no
    next-meeting cue or other event does ("Další jednání proběhne …", "schváleno dne …")."""
    if _in_range(text, mention):
        return False
    before = fold(text[:mention.start]).rstrip()
    stripped = _strip_before_date(before)
    if not (_WEEKDAY_BEFORE.search(before) or _DAY_BEFORE.search(stripped) or _HELD_VERB_BEFORE.search(stripped)):
        return False
    sentence = _sentence(text, mention)
    return _PAST_HELD_PHRASES.first(sentence) >= 0 and next_meeting_cue(sentence) < 0 \
        and _FUTURE.first(sentence) < 0 and not _other_event(" ".join(stripped.split()[-OTHER_EVENT_WORDS:]))


def _held_date(layout: Layout, anywhere: bool) -> tuple[Line, DateMention] | None:
    """The first date of a held sentence (`held_sentence`) in the head; `anywhere` (a page with no other
    dated line), also further down ("Z jednání skupiny" / "Skupina se naposledy sešla 9. června 2021 …")."""
    for lines in (layout.head, layout.body) if anywhere else (layout.head,):
        for line in lines:
            for mention in dates_in(layout, line):
                if held_sentence(line.text, mention) \
                        and (lines is layout.head or _BODY_MET.match(_sentence(line.text, mention))):
                    return line, mention
    return None


# "Koordinační skupina se naposledy sešla …": a sentence whose subject is a group or commission that met
# (configs/meeting.toml [group] other_bodies and heads), not an event ("veřejné projednání se uskutečnilo …")
_BODY_MET = re.compile(rf"\s*(?:{alternation([*_WORDS['group']['other_bodies'], *_WORDS['group']['heads']], fold)})(?!\w)")


@lru_cache(maxsize=1)
def time_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a time of day, a time phrase to cut from a place, leading time phrases), built with the
    hour words and prepositions of configs/meeting.toml."""
    words = _WORDS["time"]
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


def find_time(layout: Layout, line: Line, mention: DateMention) -> str | None:
    """The meeting's start time: right after its date ("od 13,00 hod."), or a "Čas:" line of the head."""
    window = _WORDS["time"]["window"]
    found = _first_time(line.text[mention.end:mention.end + window])
    if found:
        return found[0]
    if labels("date").end(line.text) is not None or labels("time").end(line.text):
        found = _first_time(line.text[:mention.start])
        if found:
            return found[0]
    for other in layout.head:
        start = labels("time").end(other.text)
        value = layout.value_after_label(other, start) if start is not None else None
        if value is not None:
            found = _first_time(value.text)
            if found:
                return found[0]
    return None


def find_next_meeting(layout: Layout, meeting_date: dt.date | None) -> dt.date | None:
    """The date after a next-meeting cue ("Další PS: 18. 3.", "Další jednání ŘPS je naplánováno na
    úterý 17. 10. 2017", "4. jednání komise se uskuteční 29. 11."); a missing year comes from the
    meeting (or the following year)."""
    for line in layout.body:
        cue = next_meeting_cue(line.folded)
        numbered = numbered_meeting_end(line.folded) if cue < 0 else -1
        if numbered >= 0 and _FUTURE.first(line.folded[numbered:]) >= 0:
            # "4. jednání Komise … se uskuteční dne 29. 11. 2021", "Poslední, 4. setkání pracovních skupin proběhne …"
            cue = numbered + _FUTURE.first(line.folded[numbered:])
        if cue < 0:
            continue
        candidates = [(line, m) for m in dates_in(layout, line) if m.start > cue]
        following = layout.next_line(line)
        only_label = labels("next_meeting").end(line.text) == len(line.text) \
            or (line.text.endswith(":") and len(line.text) <= 60)
        if not candidates and only_label and following is not None and len(following.text) < 80:
            candidates = [(following, m) for m in dates_in(layout, following)]
        for where, mention in candidates:
            if _in_range(where.text, mention) and mention.year is None:
                continue
            default_year = meeting_date.year if meeting_date else None
            value = mention.resolve(default_year, not_before=meeting_date)
            if value and (meeting_date is None or value > meeting_date):
                return value
    return None
