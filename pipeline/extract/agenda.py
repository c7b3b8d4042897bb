"""The meeting's programme -> rows of `agenda_items` (item_no, title, provenance).

Minutes state their programme in one of these ways, tried in this order:

1. a "Program:" / "Program jednání:" / "Projednávané body:" label followed by list
   items, numbered (1., 1), I., II.) or bulleted (or by plain short lines, or written
   inline after the label); "Program příštího jednání" is another meeting's; also a
   resolution that approves it ("VH schvaluje program 5. zasedání:"), a programme title
   without a colon right above Word numbering, and the items added on approval
   ("Schválený program: ... doplněn bod: 6. Různé"); an unnumbered opening line before
   "1) ..." is no item; "na programu ... body:" introduces it; a letter-spaced "P r o g r a m :";
   the programme run into the paragraph of its approval ("Program byl schválen dle návrhu: 1. ...
   4. Různé Průběh jednání: ..."); "Ad.1) Zahájení" lines right under the label; Word numbering
   saved as text ("2." on its own line, the title on the next); numbered items that each carry their
   discussion under them ("1) X informoval o …" / "Z diskuse:" / "- …" / "2) …"), numbered on; points
   lettered "a)", "b)" under a numbered item are its sub-points, not items; a title
   wrapped onto a lower-case second paragraph is joined (its provenance is the first line's span); the
   approval as the last sentence of a paragraph ("… Program byl schválen dle návrhu:"); "Schválený pořad
   3. schůze:"; one item on the label's line and the others on their own paragraphs below it, when the
   minutes' section heads repeat them;
2. a bullet list right under the meeting date at the top of the minutes;
3. numbered sections that double as the programme: "Bod č. 2 programu – …" headings, typed "1/ Úvodní slovo
   K. Pelikánová:", headings numbered 1., 2. (or I., II.), or numbered items
   (1., I.) each followed by its discussion (prose or bullets), or "2) Vystoupení hostů Paní X
   informovala ..." (or "2. Schválení zápisu ze 12. schůze Usnesení: ...") run together in a transcript's
   paragraphs, an ordinal inside such a title being no full stop (an overview of resolutions, "1. Usn.
   11/2017/RM", is none of these). Only in minutes (a meeting date is
   known, or a minutes title): handbooks and slide decks number their chapters and slides too.

A planned length or clock slot after a title ("Kontrola zápisu (10 min.)") is not part of it; a
presenter written with the item ("Mgr. K. Habr - Kontrola zápisu") is, as the minutes write it.

Only one source is used: the "Ad 1)" / "K bodu 1" discussion sections that
repeat the programme are never a second agenda. `item_no` is the order in
the source (1-based), because converters often lose the numbers ("1. 1. 1.").
A slide deck has none of these and gets no rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import alternation, body_offset, span_row
from pipeline.extract.layout import Layout, Line, label_end, layout_of, meeting_words as cfg, names_numbered_meeting, \
    starts_with_title_word
from pipeline.extract.text import Span, fold, letter_spaced_label
from pipeline.extract.document_fields.title import find_title
from pipeline.extract.document_fields.meeting_dates import date_score, find_meeting_date

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MAX_ITEMS = 25          # a longer "programme" is some other list
PLAIN_ITEM_CHARS = 150  # an unmarked line longer than this is prose, not a programme item
SECTION_TITLE_CHARS = 100  # a numbered section title longer than this is a numbered paragraph
PROSE_WORDS = 7         # an unmarked line of this many words ending in a full stop is a sentence


@dataclass(frozen=True)
class Item(Span):
    """One programme item: the span of its title in a block, and its list level and number."""

    level: int = 1
    number: int | None = None
    own_number: bool = False  # item_no is the number the document gives (one item of a longer programme)
    tail: str = ""  # the rest of a title wrapped onto the next paragraph ("3) Návrh plánu" / "do projednání v Radě")


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('fields',)
PRODUCES: tuple[str, ...] = ('agenda_items',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the programme's items to `agenda_items`."""
    doc = layout_of(blocks)
    if not doc.body:
        return
    is_minutes = result.fields.get("meeting_date") is not None or _titled_or_dated(doc)
    items = programme_after_label(doc) or list_under_date(doc) or inline_points(doc)
    if not items and is_minutes:  # numbered sections: only in minutes, not in handbooks or slide decks
        items = point_headings(doc) or numbered_sections(doc) or numbered_list_sections(doc) \
            or flattened_sections(doc) or one_item_page(doc)
        items = _not_meetings(items)
    rows = result.tables.setdefault("agenda_items", [])
    for item in items:
        start, end = _trim_title(item.block.text, item.start, item.end)
        if not _LETTER.search(item.block.text[start:end]):
            continue  # a bare number ("1" of a slide list) titles nothing
        row = span_row(item.block, start, end, item_no=item.number if item.own_number else len(rows) + 1)
        row["title"] = item.block.text[row["char_start"]:row["char_end"]] + (" " + item.tail if item.tail else "")
        rows.append(row)


def _not_meetings(items: list[Item]) -> list[Item]:
    """Numbered sections that each name a meeting ("1. setkání řídící skupiny", "2. jednání pracovní
    skupiny – 21. 9. 2020") are the entries of a page that lists a group's meetings, not a programme:
    without them, fewer than two sections are no programme."""
    kept = [item for item in items
            if not names_numbered_meeting(item.block.text[item.block.text.rfind("\n", 0, item.start) + 1:item.end])]
    return kept if len(kept) >= 2 or len(kept) == len(items) else []


_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d+")
_ROMAN_LABEL = re.compile(r"([IVX]{1,4})[.)]?")
_OUTLINE_LABEL = re.compile(r"\d+(?:\.\d+)+\.?")   # "1.1": a plan item number, not a programme item
_NUMBER_THEN_DIGIT = re.compile(r"\d+\.\s*\d")   # "1. 2" of a date or an outline
_MARKER_AT = re.compile(r"\s*(\d{1,2})\s*[.)]\s+")
_SHORT_LABEL = re.compile(r"^\s*[\w()/. ]{1,30}:\s*\S")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_LEADING_NUMBER = re.compile(r"\s*(?:\d{1,2}\s*[.)/]\s+)?")
_TYPED_SECTION = re.compile(r"^(\d{1,2})\s*/\s+(?=\S)")
_ROMAN_HEADING = re.compile(r"^([IVX]{1,4})\.\s+(?=\S)")
_PARTS = {";": re.compile(r"[^;]+"), ",": re.compile(r"[^,]+")}


@dataclass(frozen=True)
class _Words:
    """configs/meeting.toml [agenda] and the hour units of configs/lexicon.toml, compiled once."""

    leading_time: re.Pattern[str]  # "13:00–13:15 hod." before a title
    time_only: re.Pattern[str]     # a cell or line holding only a time
    point: re.Pattern[str]         # "Bod 3 ..." (folded)
    introduces: re.Pattern[str]    # a sentence ending by introducing the programme (folded)
    another_meeting: re.Pattern[str]  # "příštího" in "Program příštího jednání:" (folded)
    approves: re.Pattern[str]      # "VH schvaluje program 12. zasedání:" ending a line (folded)
    point_heading: re.Pattern[str]  # "Bod č. 4/1 programu – " opening a section heading (folded)
    trailing_time: re.Pattern[str]  # "(10 min.)", "(10:00-10:30)" after a title: its time-table
    programme_on: re.Pattern[str]   # "... měla na programu jednání dva body:" ending a line (folded)
    approved_passive: re.Pattern[str]  # "Program jednání byl schválen v tomto znění:" ending a line, also as the
    # last sentence of a paragraph ("Předsedkyně zahájila jednání. Program byl schválen dle návrhu:") (folded)
    inline_programme: re.Pattern[str]  # "Program jednání byl schválen dle návrhu: 1. ..." mid-line (folded)


@lru_cache(maxsize=1)
def _words() -> _Words:
    agenda = cfg()["agenda"]
    hours = alternation(load("lexicon")["time"]["hour_units"])
    durations = alternation([*agenda["duration_units"], *load("lexicon")["time"]["hour_units"]])
    clock = r"\d{1,2}[:.]\d{2}"
    return _Words(
        leading_time=re.compile(rf"\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[–—-]\s*\d{{1,2}}[:.]\d{{2}})?\s*(?:{hours}|h\b)?\s*[–—:-]?\s+(?=\w)"),
        time_only=re.compile(rf"[\d.:,\s–-]+(?:{hours})?"),
        point=re.compile(rf"\s*(?:{alternation(agenda['point'])})\s+\d"),
        introduces=re.compile(rf"(?:{alternation(agenda['programme_intros'])})\s*:\s*$"),
        another_meeting=re.compile(rf"(?<!\w)(?:{alternation(agenda['other_meeting_words'])})(?!\w)"),
        approves=re.compile(rf"(?<!\w)(?:{alternation(agenda['approval_verbs'])})\s+(?:\S+\s+){{0,2}}?"
                            rf"(?:{alternation(agenda['programme_words'])})(?!\w)[^:]{{0,60}}:\s*$"),
        point_heading=re.compile(rf"\s*(?:{alternation(agenda['point'])})\s*(?:(?:{alternation(agenda['number_words'])})\s*)?"
                                 rf"(\d{{1,2}})(?:\s*/\s*\d{{1,2}})?\s*(?:(?:{alternation(agenda['of_programme'])})(?!\w))?"
                                 rf"\s*[–—:.-]?\s+(?=[^\W\d_])"),
        trailing_time=re.compile(rf"\s*\(\s*(?:{clock}(?:\s*[–—-]\s*{clock})?\s*(?:(?:{durations})(?!\w))?"
                                 rf"|\d{{1,3}}(?:\s*[–—-]\s*\d{{1,3}})?\s*(?:{durations})(?!\w))\.?\s*\)\s*$",
                                 re.IGNORECASE),
        approved_passive=re.compile(rf"(?:^|(?<=[.!?])\s)\s*(?:{alternation(agenda['programme_words'])})(?!\w)[^:]{{0,60}}"
                                    rf"(?<!\w)(?:{alternation(agenda['approved_passive'])})(?!\w)[^:]{{0,40}}:\s*$"),
        programme_on=re.compile(rf"(?<!\w)(?:{alternation(agenda['programme_on'])})(?!\w)[^:]{{0,60}}:\s*$"),
        inline_programme=re.compile(rf"(?<!\w)(?:{alternation(agenda['programme_words'])})(?!\w)[^:]{{0,80}}:\s*"
                                    rf"(?=1\s*[.)]\s+\S)"))


def _titled_or_dated(doc: Layout) -> bool:
    """Minutes: a meeting date is found, or the title says so ("Záznam z 2. setkání …") when the
    date was lost (a transcript that drops digits: "ze dne )")."""
    title = find_title(doc)
    return find_meeting_date(doc, title) is not None or (title is not None and starts_with_title_word(title.text))


def _trim_title(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces, a leading time slot ("13:00–13:15 Úvod"), a trailing one in
    brackets ("Kontrola zápisu (10 min.)", "Zahájení (10:00-10:30)"), a trailing colon
    ("Úvodní slovo K. Pelikánová:") and the comma between inline items ("1. Úvod, 2. Různé")."""
    time = _words().leading_time.match(text, start, end)
    if time and time.end() < end:
        start = time.end()
    trailing = _words().trailing_time.search(text[start:end])
    if trailing and trailing.start() > 0:
        end = start + trailing.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ":;,"):
        end -= 1
    return start, end


# --------------------------------------------------------------------------- markers


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    markers = load("ingest")["list_markers"]
    bullets = "".join(re.escape(b) for b in markers["bullets"] if b and len(b) == 1 and b != "o")
    point = alternation(cfg()["agenda"]["point"])
    return re.compile(rf"^(?:(?P<num>\d{{1,2}})\s*[.)/]|(?P<roman>{_ROMAN_NUMERAL})[.)]|\(?(?P<letter>[a-z])\)"
                      rf"|(?i:{point})\s+(?P<point>\d{{1,2}})\s*[:.)]|(?P<bullet>[{bullets}]|o(?=\s)))\s+")


# A Roman item number ("I.", "IV)"), as programmes and section headings write them.
_ROMAN_NUMERAL = "|".join(sorted(ROMAN, key=len, reverse=True))
_INLINE_MARKER = re.compile(rf"(?:^|(?<=\s)|(?<=[,;]))(\d{{1,2}}|{_ROMAN_NUMERAL})\s*([.)])\s+")  # "Program: 1. Úvod 2. ..."


def _number_of(label: str) -> int | None:
    """The number a list label gives: "3." -> 3, "IV." -> 4; None for bullets and letters."""
    digits = _DIGITS.match(label.strip())
    if digits:
        return int(digits.group(0))
    roman = _ROMAN_LABEL.fullmatch(label.strip())
    return ROMAN.index(roman.group(1)) + 1 if roman and roman.group(1) in ROMAN else None


def _marker(line: Line) -> tuple[int, int | None] | None:
    """Where an item's text starts in a marked line, and its number (None for bullets and letters);
    None when the line is not a list item."""
    block = line.block
    if line.first_in_block and block.label:
        start = body_offset(block)
        if _OUTLINE_LABEL.fullmatch(block.label.strip()):
            return None   # "1.1" is a plan item number, not a programme item
        return start, _number_of(block.label)
    match = _marker_pattern().match(line.text)
    if not match or _NUMBER_THEN_DIGIT.match(line.text):
        return None
    number = _number_of(match.group("num") or match.group("point") or match.group("roman") or "")
    return line.start + match.end(), number


def _lettered(line: Line) -> bool:
    """The line is marked with a letter ("a)", "b)"), as the sub-points of a numbered item are."""
    block = line.block
    label = block.label if line.first_in_block and block.label else line.text
    match = _marker_pattern().match(label.strip() + " ")
    return match is not None and match.group("letter") is not None


def _level(line: Line) -> int:
    return line.block.level if line.block.level is not None and line.block.kind == "list_item" else 1


def _is_section_start(text: str) -> bool:
    """"Ad 1)", "Ad. 2", "K bodu 3", "Bod 1:" — the discussion of an item, not an item."""
    return bool(_section_pattern().match(fold(text)))


@lru_cache(maxsize=1)
def _section_pattern() -> re.Pattern[str]:
    agenda = cfg()["agenda"]
    words = alternation([*agenda["section_starts"], *agenda["point"]])
    return re.compile(rf"\s*(?:{words})\s*\.?\s*(?:\d|[ivx]{{1,4}}(?![^\W\d_]))")


# --------------------------------------------------------------------------- 1. a "Program:" label


def programme_after_label(doc: Layout) -> list[Item]:
    """The items after the first programme label in the first half of the document that has two or more.
    The half is counted in units (a table or a run of list items counts once), so that a long
    attendance table above the programme does not push it into the second half, or in characters,
    so that a list of those present written one name a paragraph does not either."""
    labels = cfg()["labels"]["programme"]
    units = sorted({line.unit for line in doc.body})
    half = units[len(units) // 2] if len(units) > 4 else units[-1]
    half_chars, seen = sum(len(line.text) for line in doc.body) // 2, 0
    for line in doc.body:
        if line.unit > half and seen > half_chars:
            break
        seen += len(line.text)
        start = programme_label_end(line.text, labels)
        if start is None and _titles_a_numbered_list(doc, line, labels):
            start = len(line.text)
        label_start = 0
        inline = (_words().inline_programme.search(line.folded) or _label_then_one(tuple(labels)).search(line.folded)) \
            if start is None else None
        if inline is not None:  # "... Program jednání byl schválen dle návrhu: 1. Úvod 2. ..." inside a paragraph
            label_start, start = inline.start(), inline.end()
        if start is None or _names_another_meeting(line.text[label_start:start]):
            continue
        if line.start + start < line.end:
            items = _inline_items(line, line.start + start)
            first_number = _marker_at(line, line.start + start)
            if len(items) == 1 and first_number is not None:
                items = items + _items_following(doc, line, first_number=first_number)
            elif not items:
                items = _inline_lead(doc, line, line.start + start)
        else:
            items = _items_following(doc, line)
        if len(items) >= 2:
            return (items + _continued(doc, items))[:MAX_ITEMS]
    return []


def _titles_a_numbered_list(doc: Layout, line: Line, labels: Sequence[str]) -> bool:
    """"Navržené body programu na jednání PS 14. 5." without a colon, right above a list
    numbered from 1 (Word numbering): a programme label, not a sentence about the programme."""
    text = line.text.strip()
    if label_end(text, labels, space_ok=True) is None or ":" in text or text.endswith("."):
        return False
    following = doc.next_line(line)
    if following is None or following.block.kind != "list_item" or following.block is line.block:
        return False
    marker = _marker(following)
    return marker is not None and marker[1] == 1


CONTINUATION_LINES = 3  # label or intro lines allowed between a programme and the items added to it


def _continued(doc: Layout, items: list[Item]) -> list[Item]:
    """Items added to the programme when it was approved: "Schválený program:" / "K programu byl
    doplněn bod:" lines, then "6. Různé" numbered on from the programme's last item."""
    last = items[-1].number
    if last is None:
        return []
    line = _line_at(doc, items[-1])
    for _ in range(CONTINUATION_LINES):
        following = doc.next_line(line) if line is not None else None
        if following is None:
            return []
        marker = _marker(following)
        if marker is not None:
            return _items_following(doc, line, first_number=last) if marker[1] == last + 1 else []
        if not following.text.strip().endswith(":"):
            return []
        line = following
    return []


def _line_at(doc: Layout, item: Item) -> Line | None:
    """The last line of the item's text."""
    found = None
    for line in doc.body:
        if line.block is item.block and line.start < item.end:
            found = line
        elif found is not None:
            break
    return found


def programme_label_end(text: str, labels: Sequence[str]) -> int | None:
    """Where the items start after a programme label: "Program:", "Program jednání", also with a
    short tail before the colon ("Program jednání PS Senioři:", "Program dnešního setkání:"), or
    after a sentence that ends by introducing it ("... a seznámila je s programem:")."""
    end = label_end(text, labels)
    if end is not None:
        return end
    spaced = letter_spaced_label(text)
    if spaced and label_end(spaced[0] + ":", labels) is not None:
        return spaced[1]  # "P r o g r a m :", "P R O G R A M   J E D N Á N Í:"
    match = _label_with_tail(tuple(labels)).match(fold(text))
    if match and sum(1 for word in match.group(0).split() if _LETTER.search(word)) <= 6:  # a date is no words
        return match.end()
    folded = fold(text)
    if _words().introduces.search(folded) or _words().approves.search(folded) or _words().programme_on.search(folded) \
            or _words().approved_passive.search(folded):
        return len(text)  # "... a seznámila je s programem:" - the items follow on the next lines
    return None


def _names_another_meeting(label: str) -> bool:
    """"Program příštího jednání:" is the programme of the next meeting, not of this one."""
    return _words().another_meeting.search(fold(label)) is not None


@lru_cache(maxsize=None)
def _label_then_one(labels: tuple[str, ...]) -> re.Pattern[str]:
    """"Program zasedání 1. Kontrola zápisu 2. ..." (folded): a label without its colon, run into its
    first item, at the start of a paragraph or after a sentence (a flattened transcript)."""
    return re.compile(rf"(?:^|(?<=[.!?])\s+)\s*(?:{alternation(labels)})\s*:?\s+(?=1\s*[.)]\s+[^\W\d_])")


@lru_cache(maxsize=None)
def _label_with_tail(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = alternation(labels)
    # the tail may hold the meeting's date or number ("Program 3. jednání PS dne 5. 3. 2022:"), not other figures
    return re.compile(rf"\s*(?:{alternatives})\s+(?:[^:.\d]|\d{{1,2}}\.\s*\d{{1,2}}\.\s*\d{{4}}|\d{{1,2}}\.){{1,40}}:\s*")


def _inline_lead(doc: Layout, line: Line, position: int) -> list[Item]:
    """"Program: Zprávy z ŘS" with "Různé" on the next paragraph (aligned under the first item with
    spaces that the page's text loses): one unmarked item after the label, the others as plain lines
    below it. Taken only when an item comes back further on as a line of its own (the minutes' section
    heads repeat their programme), so that a label's one value followed by short lines is no programme."""
    text = line.block.text[position:line.end].strip()
    if not text or len(text) > PLAIN_ITEM_CHARS or _SENTENCE_END.search(text) or _SHORT_LABEL.match(text) \
            or _INLINE_MARKER.match(text):
        return []
    items = _items_following(doc, line, lead=Item(line.block, position, line.end))
    if len(items) < 2:
        return []
    titles = {fold(item.block.text[item.start:item.end]).strip() for item in items}
    after = _line_at(doc, items[-1])
    repeated = after is not None and any(
        later.first_in_block and later.folded.strip() in titles for later in doc.body if later.block.block_id > after.block.block_id)
    return items if repeated else []


def _marker_at(line: Line, position: int) -> int | None:
    match = _MARKER_AT.match(line.block.text[position:line.end])
    return int(match.group(1)) if match else None


def _inline_items(line: Line, position: int) -> list[Item]:
    """Items written after the label on its own line: "Program: 1. Úvod 2. Různé" or "úvod; PS; různé"."""
    text = line.block.text[position:line.end]
    numbered = _in_sequence(list(_INLINE_MARKER.finditer(text)))
    if numbered and numbered[0].start() == len(text) - len(text.lstrip()):
        bounds = [m.end() for m in numbered] + [len(text)]
        starts = [m.start() for m in numbered[1:]] + [_last_item_end(text, numbered[-1].end())]
        ends = [_sub_point(text, bounds[i], starts[i]) for i in range(len(numbered))]
        return [Item(line.block, position + bounds[i], position + ends[i], number=_number_of(m.group(1)))
                for i, m in enumerate(numbered)]
    separator = ";" if ";" in text else ","
    parts = [(m.start(), m.end()) for m in _PARTS[separator].finditer(text) if m.group(0).strip()]
    if len(parts) < (2 if separator == ";" else 3) or any(b - a > 80 for a, b in parts):
        return []
    return [Item(line.block, position + a, position + b) for a, b in parts]


def _last_item_end(text: str, start: int) -> int:
    """Where the last of the items written in a run ends when the paragraph goes on ("... 4. Různé
    Průběh jednání: 1. Úvodní slovo ...", "... 2. Dotace ad 1. Přivítání ..."): at a numbering that starts
    again from 1, an "Ad 1" discussion, or a label; otherwise at the end of the text."""
    end, folded = len(text), fold(text)
    for match in _WORD_INSIDE.finditer(folded, start):
        if _section_pattern().match(folded, match.start()):
            end = match.start()
            break
    restart = _RESTART.search(text, start, end)
    if restart:
        end = restart.start()
    label = _label_inside().search(text, start, end)
    end = label.start() if label and label.start() > start else end
    if _sentence_inside(text, start, end):  # "3. Různé Místopředseda přivítal přítomné. ..."
        end = min(end, _flat_title_end(text, start))
    return end


_SENTENCE_INSIDE = re.compile(r"(\S*?)[.!?]\s+(\S)")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    words = load("lexicon")["abbreviations"]
    return frozenset(fold(w).rstrip(".") for w in [*words["with_dot"], *words["not_sentence_end"]])


def _sentence_inside(text: str, start: int, end: int) -> bool:
    """A sentence ends inside `[start, end)`: a full stop after a word, then a capital. The dot of an
    abbreviation, an initial or a Roman numeral ("zákona č. 424/1991", "Priorita I. Zavedení …",
    "akce č. 08/13 Závěrečný účet") ends none: items of a programme carry them."""
    for match in _SENTENCE_INSIDE.finditer(text, start, end):
        word, following = match.group(1).lstrip("(\"„"), match.group(2)
        if not following[:1].isupper() or len(word) < 2 or _ROMAN_LABEL.fullmatch(word) \
                or fold(word) in _abbreviations():
            continue
        return True
    return False


def _sub_point(text: str, start: int, end: int) -> int:
    """An inline item ends where its sub-points start ("1. Legislativa a. Statut b. Řád 2. ...")."""
    sub = _sub_marker().search(text, start, end)
    return sub.start() if sub else end


@lru_cache(maxsize=1)
def _sub_marker() -> re.Pattern[str]:
    capitals = load("lexicon")["letters"]["capitals"]
    return re.compile(rf"\s+\(?a[.)]\s+(?=[{capitals}])")


_RESTART = re.compile(r"(?:(?<=\s)|(?<=[,;]))1\s*[.)]\s+(?=\S)")
_WORD_INSIDE = re.compile(r"(?<=\s)\w")


@lru_cache(maxsize=1)
def _label_inside() -> re.Pattern[str]:
    """A label starting a new part inside a paragraph: a capitalised word, at most two more, a colon."""
    capitals = load("lexicon")["letters"]["capitals"]
    return re.compile(rf"\s+[{capitals}][^\W\d_]+(?:\s+[^\W\d_]+){{0,2}}\s*:(?=\s|$)")


def _in_sequence(markers: list[re.Match[str]]) -> list[re.Match[str]]:
    """The markers that go on from the first one: the same mark after the number and the next
    number ("1) Úvod 2) Plnění za 1. pololetí 3) ..." - "1." inside an item is no marker)."""
    if not markers:
        return markers
    kept = [markers[0]]
    for marker in markers[1:]:
        last, number = _number_of(kept[-1].group(1)), _number_of(marker.group(1))
        if marker.group(2) == kept[0].group(2) and last is not None and number == last + 1:
            kept.append(marker)
    return kept


def _items_following(doc: Document, label_line: Line, first_number: int | None = None,
                     lead: Item | None = None) -> list[Item]:
    """The list after a programme label: marked items at the first item's level (deeper ones are
    sub-points), or short plain lines (after `lead`, a plain item written on the label's line);
    ends at a heading, prose, a numbering restart or an "Ad 1)"."""
    first_cell = doc.next_line(label_line)
    if first_cell is not None and first_cell.block.kind == "table_cell" and first_cell.block is not label_line.block:
        value_cell = first_cell.block.row == label_line.block.row and label_line.block.kind == "table_cell" \
            and ("\n" in first_cell.block.text.strip() or _marker(first_cell) is not None)
        if not value_cell:  # the items fill the rows below, not the cell beside the label
            return _table_items(doc, first_cell, label_line)
    items: list[Item] = [lead] if lead is not None else []
    plain, ad_items = lead is not None, False
    previous_number = first_number
    in_order = first_number if first_number is not None else -1  # the last item numbered in sequence: "09." before
    # an item added out of order ("34.") is followed by "10."
    line = doc.next_line(label_line)
    while line is not None and len(items) < MAX_ITEMS:
        bare = _BARE_NUMBER.fullmatch(line.text)
        title_line = doc.next_line(line) if bare and not plain else None
        if bare and title_line is not None and _marker(title_line) is None and _LETTER.search(title_line.text):
            number = int(bare.group(1))  # "2." on its own line, the title on the next (Word numbering as text)
            if previous_number is not None and number < previous_number:
                break
            items.append(Item(title_line.block, title_line.start, title_line.end, number=number))
            previous_number, line = number, doc.next_line(title_line)
            in_order = number
            continue
        ad = _ad_item().match(line.folded) if (ad_items or not items) and not plain and _titles(line.text) else None
        marker = (line.start + ad.end(), int(ad.group(1))) if ad else _marker(line)
        ad_items = ad_items or ad is not None  # "Ad.1) Zahájení" lines right under the label are its items
        point = marker is not None and _words().point.match(fold(line.text)) is not None
        if (_is_section_start(line.text) and not point and not ad) or (line.block.kind == "heading" and items):
            break  # "Bod 2: ..." lines are the items themselves, until their numbering starts again
        if marker is not None and plain and len(items) == 1 and marker[1] == 1:
            items, plain = [], False  # "Úvod, určení zapisovatele" before "1) ...": an opening, not item 1
        if marker is not None and not plain:
            start, number = marker
            level = _level(line)
            if items and (level > items[0].level or (number is None and items[0].number is not None
                                                       and _lettered(line))):
                line = doc.next_line(line)  # a deeper point, or "a) volba starosty" under "6. Volba …": a sub-point
                continue
            if items and level < items[0].level:
                break
            if number is not None and previous_number is not None and number < previous_number \
                    and number != in_order + 1:
                break  # numbering starts again: the discussion of the items ("1. 1. 1." of lost numbers is fine)
            items.append(Item(line.block, start, _item_end(line), level, number))
            previous_number = number if number is not None else previous_number
            in_order = number if number is not None and (in_order < 0 or number == in_order + 1) else in_order
        elif marker is None and (plain or not items) and _plain_item(line, items):
            plain = True
            items.append(Item(line.block, line.start, line.end))
        elif marker is None and items and not plain and not line.first_in_block:
            pass  # a wrapped line inside a marked item's block
        elif marker is None and items and not plain and (following := _next_after_discussion(doc, line, items)):
            if following is doc.next_line(line) and _wraps(line, items[-1]):
                items[-1] = replace(items[-1], tail=line.text.strip())  # the title goes on in the next paragraph
            line = following  # "1) X informoval o …" / "Z diskuse:" / "- …" / "2) …": each item with its discussion
            continue
        else:
            break
        line = doc.next_line(line)
    return items


def _wraps(line: Line, item: Item) -> bool:
    """A short lower-case paragraph right after an item, before the next one: the rest of its title
    ("3) Návrh akčního plánu na rok 2013" / "do projednání v Radě města")."""
    text = line.text.strip()
    return bool(text) and text[0].islower() and len(text) <= PLAIN_ITEM_CHARS and not text.endswith(":") \
        and len(_SENTENCE_END.findall(text)) == 0 and not item.tail


DISCUSSION_LINES = 8  # at most this many lines of an item's discussion between two items of a programme


def _next_after_discussion(doc: Document, line: Line, items: list[Item]) -> Line | None:
    """The next item of a programme whose items each carry their discussion right under them: a
    line marked with the next number at the items' level, within a few lines and no heading."""
    last = items[-1].number
    if last is None or any(item.number is None for item in items):
        return None
    ahead: Line | None = line
    for _ in range(DISCUSSION_LINES):
        if ahead is None or ahead.block.kind == "heading" or _is_section_start(ahead.text):
            return None
        marker = _marker(ahead)
        if marker is not None and marker[1] is not None:  # the discussion's dashes and bullets go on
            return ahead if marker[1] == last + 1 and _level(ahead) == items[0].level \
                and ahead.block.kind == items[-1].block.kind else None
        ahead = doc.next_line(ahead)
    return None


def _titles(text: str) -> bool:
    """A line short enough for a title and not a sentence ("Ad 1) Zahájení", not "Ad 1) Jednání zahájila …")."""
    text = text.strip()
    return len(text) <= SECTION_TITLE_CHARS and not (text.endswith(".") and len(text.split()) >= PROSE_WORDS)


_BARE_NUMBER = re.compile(r"(\d{1,2})\s*[.)]")


@lru_cache(maxsize=1)
def _ad_item() -> re.Pattern[str]:
    """"Ad.1) Zahájení", "Ad 2/ Rozpočet" (folded): a discussion head's form, used as an item's number."""
    words = alternation(cfg()["agenda"]["section_starts"])
    return re.compile(rf"\s*(?:{words})\s*\.?\s*(\d{{1,2}})\s*[.):/]?\s+(?=[^\W\d_])")


def _item_end(line: Line) -> int:
    """A list-item block ends its item; a marked line inside a paragraph ends at the line's end."""
    if line.block.kind == "list_item" and line.first_in_block and "\n" in line.block.text[line.end:]:
        rest = line.block.text[line.end:]
        following = rest.split("\n")
        if not any(_marker_pattern().match(part.strip() + " ") for part in following if part.strip()):
            return len(line.block.text.rstrip())
    return line.end


def _plain_item(line: Line, items: list[Item]) -> bool:
    """An unmarked line that may be a programme item: short, not a label, not a sentence."""
    text = line.text.strip()
    if len(text) > PLAIN_ITEM_CHARS or line.block.kind in ("heading", "table_cell"):
        return False
    if _SHORT_LABEL.match(text) or text.endswith(":") or _words().point_heading.match(fold(text)):
        return False  # a label, an introduction, or a "Bod č. 1 programu –" section heading
    if _words().time_only.fullmatch(text):
        return False
    if any(fold(text) == fold(item.block.text[item.start:item.end]).strip() for item in items):
        return False
    if text.endswith(".") and len(text.split()) >= PROSE_WORDS:
        return False
    return len(_SENTENCE_END.findall(text)) <= 1


def _table_items(doc: Document, first: Line, label_line: Line) -> list[Item]:
    """A programme laid out as a table: one item per row, its longest cell that is not a number or time."""
    items: list[Item] = []
    table, rows = first.block.table_id, {}
    label = label_line.block
    for block in doc.blocks:
        if block.kind == "table_cell" and block.table_id == table:
            if label.kind == "table_cell" and label.table_id == table and (block.row or 0) <= (label.row or 0):
                continue  # the label's own row (and any above it) are not items
            rows.setdefault(block.row, []).append(block)
    for row in sorted(rows, key=lambda r: (r is None, r)):
        cells = [c for c in rows[row]
                 if c.text.strip() and not _words().time_only.fullmatch(c.text.strip())]
        if cells:
            best = max(cells, key=lambda c: len(c.text.strip()))
            start = _LEADING_NUMBER.match(best.text).end()  # type: ignore[union-attr]
            items.append(Item(best, start, len(best.text)))
    return items


# --------------------------------------------------------------------------- 2. numbered section headings


def numbered_sections(doc: Layout) -> list[Item]:
    """Typed "1/ …", "2/ …" lines, or headings numbered 1., 2., …, in sequence from 1."""
    items: list[Item] = []
    expected = 1
    for line in doc.body:
        found = _section_number(line)
        if found is None:
            continue
        number, start = found
        if number == expected:
            items.append(Item(line.block, start, line.end, number=number))
            expected += 1
        elif number == 1 and len(items) < 2:
            items, expected = [Item(line.block, start, line.end, number=1)], 2
    return items if len(items) >= 2 else []


def _section_number(line: Line) -> tuple[int, int] | None:
    """(number, title start) of a typed "N/ title" line or a heading "N. title" / "N) title"."""
    if _is_section_start(line.text) or not line.first_in_block:
        return None
    typed = _TYPED_SECTION.match(line.text)
    if typed:
        return int(typed.group(1)), line.start + typed.end()
    roman = _ROMAN_HEADING.match(line.text)
    if line.block.kind == "heading" and roman and roman.group(1) in ROMAN:
        return ROMAN.index(roman.group(1)) + 1, line.start + roman.end()
    if line.block.kind == "heading":
        marker = _marker(line)
        if marker is not None and marker[1] is not None:
            return marker[1], marker[0]
    return None


def point_headings(doc: Layout) -> list[Item]:
    """Section headings "Bod č. 1 programu – Zahájení", "Bod č. 4/2 programu - …": the programme
    when no list states it. Numbered from 1 and never backwards; item_no is their order
    (sub-points "4/1", "4/2" are items of their own)."""
    items: list[Item] = []
    last = 0
    for line in doc.body:
        if not line.first_in_block or line.block.kind == "list_item":
            continue
        match = _words().point_heading.match(fold(line.text))
        if match is None:
            continue
        number = int(match.group(1))
        if not items and number != 1:
            continue
        if number < last:
            break
        items.append(Item(line.block, line.start + match.end(), line.end, number=number))
        last = number
    return items if len(items) >= 2 else []


def numbered_list_sections(doc: Layout) -> list[Item]:
    """Numbered top-level items ("1. Úvod", "2. Katalog služeb") each followed by its own discussion:
    the sections of minutes that have no programme list. Only for minutes (a meeting date is
    known), so that slide numbers and plan lists are not taken."""
    items: list[Item] = []
    expected = 1
    for line in doc.body:
        marker = _marker(line) if line.first_in_block and line.block.kind in ("list_item", "paragraph") else None
        if marker is None or marker[1] is None or _level(line) != 1:
            continue
        start, number = marker
        title = line.block.text[start:line.end]
        following = doc.next_line(line)
        is_section = following is not None and _discussion_follows(line, following) and len(title) <= SECTION_TITLE_CHARS
        if _is_resolution_code(title):
            continue  # "1. Usn. 11/2017/SK": an overview of resolutions, not the programme's sections
        if number == expected and is_section and _LETTER.search(title) and not _is_plan_item(title):
            items.append(Item(line.block, start, line.end, number=number))
            expected += 1
        elif number == 1 and len(items) < 2 and is_section:
            items, expected = [Item(line.block, start, line.end, number=1)], 2
    return items if len(items) >= 2 else []


def _discussion_follows(line: Line, following: Line) -> bool:
    """The line after a numbered title is its discussion: prose, or a bulleted or deeper list
    ("1) Zahájení" then "• předseda omluvil nepřítomné"), not the next item of a list."""
    marker = _marker(following)
    if marker is None:
        return True
    deeper = _level(following) > _level(line) or following.block.kind != line.block.kind
    return marker[1] is None and following.block is not line.block and deeper


FLAT_SECTIONS = 3       # a run-together paragraph needs this many numbered sections to be the programme
FLAT_DISCUSSION = 25    # and this many characters of discussion after each title on average
FLAT_TITLE_WORDS = 12   # a title longer than this has no visible end


def flattened_sections(doc: Layout) -> list[Item]:
    """Sections numbered "1) Úvod", "2) Vystoupení hostů" run together with their discussion in the
    paragraphs of a flattened transcript (the text of a PDF on a web page): each number in sequence
    starts an item whose title ends before the next capitalised word, the start of its discussion
    ("2) Vystoupení hostů Paní Mgr. X informovala ..."). Such transcripts drop digits, so a bare ")"
    before "2)" is item 1."""
    found: list[tuple[BlockView, int, int]] = []   # block, title start, number
    lost: tuple[BlockView, int] | None = None
    for block in doc.blocks:
        if block.kind != "paragraph" or block.region != "body":
            continue
        for match in _flat_marker().finditer(block.text):
            if match.group(1) is None and match.group(2) is None:
                lost = lost or ((block, match.end()) if not found else None)
                continue
            number = int(match.group(1) or match.group(2))
            if not found and number == 2 and lost is not None:
                found.append((lost[0], lost[1], 1))
            if number == (found[-1][2] + 1 if found else 1):
                found.append((block, match.end(), number))
    if len(found) < FLAT_SECTIONS:
        return []
    items = [Item(block, start, _flat_title_end(block.text, start), number=number) for block, start, number in found]
    discussion = sum(len(item.block.text) - item.end if i + 1 == len(items) or items[i + 1].block is not item.block
                     else items[i + 1].start - item.end for i, item in enumerate(items))
    return items if discussion >= FLAT_DISCUSSION * len(items) else []


@lru_cache(maxsize=1)
def _flat_marker() -> re.Pattern[str]:
    capitals = load("lexicon")["letters"]["capitals"]
    return re.compile(rf"(?:(?<=\s)|^)(?:(\d{{1,2}})?\)|(\d{{1,2}})\.)\s+(?=[{capitals}])")


_WORD = re.compile(r"\S+")


def _flat_title_end(text: str, start: int) -> int:
    """The end of a title run together with its discussion: before the first later word that starts
    with a capital and goes on in lower case (a sentence's subject), at a number marker or a full stop."""
    end = start
    for i, word in enumerate(_WORD.finditer(text, start)):
        token = word.group(0)
        if i >= FLAT_TITLE_WORDS or (i and token[0].isupper() and token[1:2].islower()) or _flat_marker().match(token + " "):
            break
        end = word.end()
        if token.endswith((".", ":", ";")) and i and not _ordinal_in_title(text, word.start()):
            break
    return end


_ORDINAL = re.compile(r"\d{1,3}\.\s+(\w)")


def _ordinal_in_title(text: str, position: int) -> bool:
    """"Schválení zápisu z 5. zasedání": an ordinal followed by a lower-case word is no full stop."""
    match = _ORDINAL.match(text, position)
    return match is not None and match.group(1).islower()


ONE_ITEM_LINES = 12  # the heading of a one-item page follows its number within this many lines


def one_item_page(doc: Layout) -> list[Item]:
    """The page of one programme item (a regional assembly's resolution, published one page per
    item): its number alone at the top ("31."), then the heading that titles it. item_no is that
    number: the item's place in the meeting's programme."""
    for i, line in enumerate(doc.head):
        number = _BARE_NUMBER.fullmatch(line.block.text.strip())
        if number is None or line.block.kind != "paragraph" or not number.group(0).endswith("."):
            continue
        heading = next((h for h in doc.head[i + 1:i + 1 + ONE_ITEM_LINES]
                        if h.block.kind == "heading" and h.first_in_block and _LETTER.search(h.text)), None)
        if heading is None:
            return []
        return [Item(heading.block, heading.start, heading.end, number=int(number.group(1)), own_number=True)]
    return []


@lru_cache(maxsize=1)
def _resolution_code() -> re.Pattern[str]:
    words = alternation(cfg()["agenda"]["resolution_words"])
    return re.compile(rf"\s*(?:{words})\s*(?:c\.\s*)?\d+(?:\s*/\s*[\w.-]+)*\s*[.:]?\s*$")


def _is_resolution_code(title: str) -> bool:
    """"Usn. 11/2017/SK", "Usnesení č. 5/2019": a title that is only a resolution's code."""
    return _resolution_code().match(fold(title)) is not None


def _is_plan_item(title: str) -> bool:

    plan = load("plan")["labels"]
    return label_end(title, [*plan["goal"], *plan["measure"], *plan["activity"]], space_ok=True) is not None


# --------------------------------------------------------------------------- an inline run of points


@lru_cache(maxsize=1)
def _inline_point() -> re.Pattern[str]:
    """"Bod 2. - " / "bod č. 2 – " inside a sentence (folded): a point of the programme with a dash
    before its title ("K bodu 2 - …", the discussion's head, has "bodu" and does not match)."""
    agenda = cfg()["agenda"]
    return re.compile(rf"(?<!\w)(?:{alternation(agenda['point'])})\s*(?:(?:{alternation(agenda['number_words'])})\s*)?"
                      rf"(\d{{1,2}})\s*\.?\s*[–—-]\s+(?=[^\W\d_])")


@lru_cache(maxsize=1)
def _trailing_joiner() -> re.Pattern[str]:
    return re.compile(rf"(?:[\s,;]+(?:{alternation(cfg()['agenda']['inline_joiners'])}))?[\s,;]*$")


def inline_points(doc: Layout) -> list[Item]:
    """The programme written as a sentence of points: "Bod 1. - Návrh rozpočtu, Bod 2. - Sdělení
    předsedy a Bod 3. - Různé." (a committee's minutes state it so after proposing the order of
    business). Two or more points numbered from 1 in one paragraph; each title runs to the next point
    (without the comma or "a" between them), the last to the end of its sentence."""
    for line in doc.body:
        if line.block.kind == "heading":
            continue
        found = [m for m in _inline_point().finditer(line.folded)]
        numbers = [int(m.group(1)) for m in found]
        if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
            continue
        items: list[Item] = []
        for i, match in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else _sentence_end(line.text, match.end())
            end = match.end() + _trailing_joiner().search(line.folded[match.end():end]).start()  # type: ignore[union-attr]
            items.append(Item(line.block, line.start + match.end(), line.start + end, number=numbers[i]))
        return items
    return []


def _sentence_end(text: str, start: int) -> int:
    """The end of the sentence that starts at `start`: a full stop, "!" or "?" before a space or the end."""
    match = _SENTENCE_END.search(text, start)
    return match.start() if match else len(text)


# --------------------------------------------------------------------------- 3. a list under the date


def list_under_date(doc: Layout) -> list[Item]:
    """The first top-level list of the head when it follows the meeting date (or another head
    field: place, time, title) directly: an unlabelled programme."""
    found = find_meeting_date(doc, find_title(doc))
    if not found:
        return []
    date_line = found[0]
    head_labels = [*cfg()["labels"]["date"], *cfg()["labels"]["location"], *cfg()["labels"]["time"]]
    for line in doc.head:
        if line.block.kind != "list_item" or not line.first_in_block:
            continue
        previous = doc.previous_line(line)
        if previous is None or previous.block.kind == "list_item":
            return []
        after_field = previous.block is date_line.block or label_end(previous.text, head_labels) is not None \
            or (previous.block.kind == "table_cell" and previous.block.table_id == date_line.block.table_id
                and date_line.block.kind == "table_cell")
        if not after_field or date_score(doc, date_line, found[1], None) < 80:
            return []
        return _list_run(doc, line)
    return []


def _list_run(doc: Document, first: Line) -> list[Item]:
    """Consecutive list items from `first` at its level (deeper items skipped)."""
    items: list[Item] = []
    level = _level(first)
    line: Line | None = first
    while line is not None and line.block.kind == "list_item" and len(items) < MAX_ITEMS:
        if line.first_in_block and _level(line) == level:
            marker = _marker(line)
            start = marker[0] if marker else line.start
            items.append(Item(line.block, start, _item_end(line), level))
        elif _level(line) < level:
            break
        line = doc.next_line(line)
    return items if len(items) >= 2 else []
