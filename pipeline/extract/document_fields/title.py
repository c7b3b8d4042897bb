"""`title`: the document's own heading (Zápis/Záznam z jednání ..., a presentation's title),
not a running header, emblem, logo or project line."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.document_fields.project import find_project_reg_no_in
from pipeline.extract.document_fields.words import Phrases, alternation
from pipeline.extract.layout import Layout, Line, close_spaced_title, meeting_words, starts_with_title_word
from pipeline.extract.text import fold

TITLE_SEARCH_LINES = 40  # a heading "Zápis ..." further down is a section, not the title
MAX_TITLE = 300          # a title broken over heading lines is joined up to this length
CONTINUATION_LENGTH = 150  # a longer next line continues only a bare title word ("ZÁPIS")
_DATED_NEAR = 3          # the minutes' own title stands this few lines under a dated page heading (or is a heading)
LOGO_WORDS = 4           # a logo line ("Město Vyškov") has at most this many words
_SPACES = re.compile(r"\s+")
_WORDS = meeting_words()["title"]
_BREADCRUMBS = tuple(_WORDS["breadcrumbs"])  # separators of a web page's path
_MENU_SEPARATORS = tuple(_WORDS["menu_separators"])  # separators of a site's menu line
_MENU_WORDS = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['menu_words'], fold)})(?!\w)")
_BOILERPLATE = tuple(fold(w) for w in _WORDS["boilerplate"])
_GROUP_CONTINUATIONS = tuple(fold(c) for c in _WORDS["group_continuations"])
_DANGLING, _OPEN_ENDINGS = Phrases(_WORDS["dangling_words"]), Phrases(_WORDS["open_endings"])
# "zapis c. 4/2022": a title word with only the minutes' number after it (folded)
_BARE_STARTS = frozenset(fold(w) for w in _WORDS["bare_starts"])
_TITLE_WORDS = frozenset(fold(w) for w in _WORDS["starts"])
# "… z 12. zasedání": a title that ends with the meeting and goes on with the body's name (folded)
_MEETING_END = re.compile(rf"(?<!\w)(?:{alternation(_WORDS['meeting_prepositions'], fold)})\s+(?:\d+\s*\.\s*)?"
                          rf"(?:[^\W\d_]+\s+){{0,2}}(?:{alternation(_WORDS['meeting_nouns'], fold)})$")  # "z ustavujícího jednání"
# "Přítomni:", "1. Úvod": a field or a numbered section, no part of a title
_NOT_TITLE_PART = re.compile(rf"^[^:]{{1,30}}:|^\d+\s*[.)]\s+[{load('lexicon')['letters']['capitals']}]")
_LOGO_MARKERS = tuple(meeting_words()["area"]["nominative_markers"])
_SPACED = re.compile(r"(?:\w ){2,}\w")  # "Z á p i s": a line of one word written letter by letter
# A line that is only a date stamp ("květen 2011", "12. 3. 2019", "03/2020") over a plan's title: no title.
_MONTHS = "|".join(re.escape(fold(m)) for forms in load("dates")["months"].values() for m in forms)
_DATE_STAMP = re.compile(rf"\s*(?:(?:\d{{1,2}}\.\s*)?(?:{_MONTHS})|\d{{1,2}}\.\s*\d{{1,2}}\.|\d{{1,2}}\s*/)?\s*\d{{4}}\s*")
_PUBLICITY = Phrases(_WORDS["publicity"])
# "…, konaného" / "dne 21. února 2011": a title ending with a participle of holding goes on with a dated line
_DATED_ENDINGS = frozenset(fold(w) for w in _WORDS["dated_endings"])
_DATED_STARTS = re.compile(rf"(?:{alternation(_WORDS['dated_starts'], fold)})(?!\w)|\d")
# "Zápis ze dne 11. 5. 2016": a title word with only the meeting's date after it (a web page's heading
# over the minutes' own title)
_DATE = rf"\d{{1,2}}\s*\.\s*(?:\d{{1,2}}\s*\.|(?:{_MONTHS}))\s*\d{{4}}"
_DATED_ONLY = re.compile(rf"(?:{alternation(_WORDS['starts'], fold)})\s*[:–-]?\s*"
                         rf"(?:(?:{alternation(meeting_words()['dates']['inline_cues'], fold)})\s+)?{_DATE}\s*")
# "1. Děti, mládež a rodina": a numbered chapter heading, no title
_CHAPTER = re.compile(rf"^\d+\s*[.)]\s+[{load('lexicon')['letters']['capitals']}]")
_NUMBERED = re.compile(rf"(?:{alternation(_WORDS['starts'], fold)})\s+"
                       rf"(?:{alternation(load('lexicon')['numbers']['before_number'], fold)})?\s*\d+(?:\s*/\s*\d+)?\.?")


def _unspaced(text: str) -> str:
    """"Z á p i s" -> "Zápis": a line of one word written letter by letter, closed up; so is a leading
    letter-spaced title word ("Z á p i s    č. 5" -> "Zápis č. 5")."""
    return text.replace(" ", "") if _SPACED.fullmatch(text.strip()) else close_spaced_title(text)


_REGION_NOUN = fold(load("organisations")["grammar"]["region_noun"])


def _is_logo(text: str) -> bool:
    """"Město Vyškov", "Obec Horní Lhota": a town's name over a document, no title; so is a region's
    name alone ("JIHOČESKÝ KRAJ", "Kraj Vysočina") over a regional plan's title."""
    words = text.split()
    if len(words) == 2 and _REGION_NOUN in (fold(words[0]), fold(words[1])) and all(w[:1].isupper() for w in words[:1]):
        return True
    return len(words) <= LOGO_WORDS and text.startswith(_LOGO_MARKERS) and all(w[:1].isupper() for w in words)


_FIELD = re.compile(r"[^:\d]{3,40}:\s+\S")


def _is_field(text: str) -> bool:
    """"Názvy hierarchických úrovní: 1 „Priorita“, …", "Typ: Materiál rady města": a label and its value
    on one line, a field of the page and never its title (a heading is taken as written)."""
    return _FIELD.match(text) is not None and not starts_with_title_word(text)


def _is_bare_start(layout: Layout, line: Line) -> bool:
    """"USNESENÍ" with "z 9. zasedání …" on the next line: a resolution list's title."""
    following = layout.next_line(line)
    return fold(line.text).strip() in _BARE_STARTS and following is not None \
        and following.folded.startswith(tuple(_WORDS["continuations"]))


MENU_ITEMS, MENU_ITEM_WORDS = 3, 4  # a site's menu: this many items or more, each of at most this many words


MENU_LINE_WORDS = 12  # a menu run together into one line has at most this many words
MENU_LINES = 4        # a site's menu stands among a page's first lines


def is_menu(text: str) -> bool:
    """"Úvod | O nás | Programy | Kontakty": a site's navigation, short items between bars (configs/meeting.toml
    [title] menu_separators), or a short line of three menu items run together ("Úvod Projekt Aktuality
    Katalog služeb Kontakt", [title] menu_words): never a title, and it names no territory."""
    folded = fold(text)
    items = _MENU_WORDS.findall(folded)
    if len(text.split()) <= MENU_LINE_WORDS and len(items) >= MENU_ITEMS \
            and 2 * sum(len(item.split()) for item in items) >= len(text.split()):
        return True  # most of its words are menu items
    for separator in _MENU_SEPARATORS:
        items = [item.strip() for item in text.split(separator)]
        if len(items) >= MENU_ITEMS and all(item and len(item.split()) <= MENU_ITEM_WORDS for item in items):
            return True
    return False


def _menu_index(layout: Layout) -> int:
    """The index of a site's menu line among the first lines, -1 without one: the lines above it are the
    site's header ("Spolek X | Pobočka Y"), never the title."""
    return next((line.index for line in layout.body[:MENU_LINES] if is_menu(line.text)), -1)


def _is_boilerplate(text: str) -> bool:
    if any(sep in text for sep in _BREADCRUMBS) and len(text) < 200 or is_menu(text):
        return True
    return fold(text).startswith(_BOILERPLATE) or bool(find_project_reg_no_in(text)) or is_publicity(text)


def is_publicity(text: str) -> bool:
    """"Tato akce je spolufinancována Plzeňským krajem a Evropskou unií …": a sentence naming the
    project's funders (configs/meeting.toml [title] publicity), no title and no territory."""
    return _PUBLICITY.first(fold(text)) >= 0


def _dated_only(line: Line) -> bool:
    """"Zápis ze dne 11. 5. 2016": a title word and the meeting's date, nothing else."""
    return _DATED_ONLY.fullmatch(line.folded.strip()) is not None


def _bare_alone(layout: Layout, line: Line) -> bool:
    """"Zápis" alone on its line, with no "z jednání …" after it: the label of a section, no title."""
    following = layout.next_line(line)
    return fold(_unspaced(line.text)).strip(" :") in _TITLE_WORDS and not _is_bare_start(layout, line) \
        and (following is None or not following.folded.startswith(tuple(_WORDS["continuations"])))


def _numbered_heading(layout: Layout, line: Line) -> bool:
    """"3. schůzka 2. 5. 2022 …", "1. ZAMĚŘENÍ PRŮZKUMŮ" as a page's first line (after its menu and path), with no item of its list
    after it: a heading its author numbered (read as a list item of one), not a list."""
    following = layout.next_line(line)
    menu = _menu_index(layout)
    first = next((other for other in layout.body if not _is_boilerplate(other.text) and other.index > menu), None)
    return line is first and line.first_in_block \
        and (following is None or following.block.kind != "list_item")


def _level(line: Line) -> int:
    return line.block.level if line.block.level is not None else 9


def minutes_heading(layout: Layout) -> Line | None:
    """The minutes' own heading ("Zápis č. 4 z jednání komise …"), also under a page's heading that is the
    title (`_page_heading_over`): it names the group that met."""
    for line in layout.body[:TITLE_SEARCH_LINES]:
        if line.block.kind == "heading" and line.first_in_block and starts_with_title_word(line.text):
            return line
    return None


def find_title(layout: Layout) -> Line | None:
    """The document's own heading line.

    In order: a heading that starts with a title word (Zápis, Záznam, ...), a head
    line that does, the top-level heading near the top (a presentation's title),
    the first line that is not an emblem, logo, project or web-page line.
    """
    menu = _menu_index(layout)
    head_candidates = [line for line in layout.head if (line.block.kind != "list_item" or _numbered_heading(layout, line))
                       and not _is_boilerplate(line.text) and not _DATE_STAMP.fullmatch(line.folded)
                       and line.index > menu]
    for position, line in enumerate(layout.body[:TITLE_SEARCH_LINES]):
        if line.block.kind == "heading" and line.first_in_block and starts_with_title_word(line.text):
            if _dated_only(line):  # a page's heading "Zápis ze dne …" over the minutes' own title
                return next((other for offset, other in enumerate(layout.body[position + 1:TITLE_SEARCH_LINES])
                             if (other.block.kind == "heading" or offset < _DATED_NEAR)
                             and starts_with_title_word(other.text) and not _dated_only(other)), line)
            return _page_heading_over(layout, position) or line
    listed = _listed_minutes(layout)
    for line in head_candidates:
        if line.index in listed:
            continue  # "Zápis z 2. jednání …" among the links of a page that lists a group's meetings
        if (starts_with_title_word(_unspaced(line.text)) and not _bare_alone(layout, line)) \
                or _is_bare_start(layout, line):
            return _own_heading_under(layout, line) or line
    head_candidates = [line for line in head_candidates if not _is_logo(line.text) and not _bare_alone(layout, line)
                       and not (line.block.kind != "heading" and _is_field(line.text))]
    headings = [line for line in head_candidates if line.block.kind == "heading" and line.first_in_block
                and not _CHAPTER.match(line.text)]
    if headings:
        top = min(_level(line) for line in headings)
        first = next(line for line in headings if _level(line) == top)
        return _extended(layout, first, headings) or first
    return head_candidates[0] if head_candidates else None


PAGE_CONTENT_LINES = 3  # a page's own content (a description, a member list, links) between its heading and the minutes


def _page_heading_over(layout: Layout, position: int) -> Line | None:
    """A web page whose main heading names the page, the group or the commission ("Komise sociální a
    zdravotní", "Zápisy z jednání pracovních skupin"), with its own content under it (a description, the
    members, links to files), and the minutes of one meeting further down under a lower heading ("Zápis č.
    4 z jednání komise …"): the page's heading is the document's title. A heading right over the minutes'
    heading (a DOCX's project line) is not such a page."""
    minutes = layout.body[position]
    for index, line in enumerate(layout.body[:position]):
        if line.block.kind == "heading" and line.first_in_block and _level(line) < _level(minutes) \
                and not _is_boilerplate(line.text) and not _is_logo(line.text) and not _CHAPTER.match(line.text):
            return line if position - index > PAGE_CONTENT_LINES else None
    return None


# "Zápis z 2. jednání řídící skupiny" (folded): the minutes of one numbered meeting, as a page lists them
_NUMBERED_MINUTES = re.compile(rf"(?:{alternation(_WORDS['starts'], fold)})\s+(?:{alternation(_WORDS['meeting_prepositions'], fold)})"
                               rf"\s+(\d{{1,3}})\s*\.\s*(?:{alternation(_WORDS['meeting_nouns'], fold)})(?!\w)")


def _listed_minutes(layout: Layout) -> set[int]:
    """The lines of a page that lists a group's meetings with a link to each one's minutes ("Zápis z 1.
    jednání …", "Zápis z 2. jednání …"): two or more such lines with different numbers are links, none is
    the page's title (its heading is)."""
    found = {line.index: match.group(1) for line in layout.body
             if (match := _NUMBERED_MINUTES.match(line.folded.strip())) is not None}
    return set(found) if len(set(found.values())) >= 2 else set()


def _own_heading_under(layout: Layout, line: Line) -> Line | None:
    """A web page's title line ("Zápis z 8. schůze rady konané dne 5.3.2017", then "zveřejněno: …")
    over the document's own heading: a bare title word on its line ("ZÁPIS", "Z á p i s") with the
    meeting on the next ("z 8. schůze rady města Lhota, konané" / "dne 5.3.2017"), within a few lines."""
    if len(_unspaced(line.text).split()) <= 2:
        return None  # the line is itself a bare title word
    index = layout.body.index(line) if line in layout.body else -1
    for other in layout.body[index + 1:index + 1 + _DATED_NEAR] if index >= 0 else []:
        following = layout.next_line(other)
        if fold(_unspaced(other.text)).strip(" :") in _TITLE_WORDS and following is not None \
                and following.folded.startswith(tuple(_WORDS["continuations"])):
            return other
    return None


EXTENDED_NEAR = 4  # a lower heading that spells out the page's heading stands this few lines under it


def _extended(layout: Layout, top: Line, headings: list[Line]) -> Line | None:
    """A lower heading right under the page's short heading that repeats and extends it ("Setkání
    poskytovatelů" over "1. setkání poskytovatelů sociálních služeb na Lhotecku"): the document's own,
    more specific title."""
    key = top.folded.strip()
    index = layout.body.index(top) if top in layout.body else -1
    near = layout.body[index + 1:index + 1 + EXTENDED_NEAR] if index >= 0 else []
    return next((line for line in near if line in headings and _level(line) > _level(top)
                 and _LEADING_NUMBER.sub("", line.folded).startswith(key) and len(line.folded.strip()) > len(key)), None)


_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*\.\s*)?")  # "1. setkání …" spells out "Setkání …"


MAX_CONTINUATIONS = 3  # a title centred over lines ("ZÁPIS" / "Z USTAVUJÍCÍHO JEDNÁNÍ" / "ŘÍDÍCÍ SKUPINY …") joins this many


def title_text(layout: Layout, line: Line) -> str:
    """The title as written: a heading block whole, with the headings of its level it was broken
    into; a bare "ZÁPIS" (or "Z á p i s", "USNESENÍ") joined with its "z jednání ..." line; a title
    ending with the meeting ("… Z 12. ZASEDÁNÍ", "Z USTAVUJÍCÍHO JEDNÁNÍ") joined with the line naming
    the body; a line of the meeting's holding and date ("konané dne 6. března 2023") under it."""
    return _title_parts(layout, line)[0]


def title_lines(layout: Layout, line: Line) -> list[Line]:
    """The lines the title is made of (`title_text`): a date on one of them is the title's date."""
    return _title_parts(layout, line)[1]


def _title_parts(layout: Layout, line: Line) -> tuple[str, list[Line]]:
    if line.block.kind == "heading":
        text = " ".join(part.strip() for part in line.block.text.split("\n") if part.strip())
    else:
        text = line.text  # a letter-spaced "Z á p i s" is kept as written (the real-style gold writes it so)
    text = text.strip(" \t")
    lines = [line]
    following = _next_of_block(layout, line)
    while following is not None and line.block.kind == following.block.kind == "heading" \
            and line.block.level == following.block.level and not _NOT_TITLE_PART.match(following.text) \
            and len(text) + len(following.text) < MAX_TITLE:
        text = f"{text} {following.block.text.strip()}"  # a title broken into headings of one level
        line, following = following, _next_of_block(layout, following)
        lines.append(line)
    for _ in range(MAX_CONTINUATIONS):
        if following is None or len(following.text) >= MAX_TITLE or not _continues(text, line, following):
            break
        text = f"{text} {following.text.strip()}"
        line, following = following, layout.next_line(following)
        lines.append(line)
    if following is not None and len(text) + len(following.text) < MAX_TITLE and text.split() \
            and (fold(text.split()[-1]).strip(",") in _DATED_ENDINGS and _DATED_STARTS.match(following.folded)
                 or _held_on(following)):
        text = f"{text} {following.text.strip()}"  # "…, konaného" / "dne 21. února 2011"; "konané dne 6. března 2023"
        lines.append(following)
    return _SPACES.sub(" ", _before_fields(text)).rstrip(" ,;"), lines


_HELD_ON = re.compile(rf"\s*(?:{alternation(_WORDS['dated_endings'], fold)})\s+(?:(?:{alternation(_WORDS['dated_starts'], fold)})\s+)?"
                      rf"{_DATE}\s*[.,]?\s*")


def _held_on(line: Line) -> bool:
    """"konané dne 6. března 2023": a line of only the meeting's holding and date, centred under the
    title it completes (a line that goes on with the time and place, "konaného dne … od 13 hod. v …",
    is the head's field line, not the title's)."""
    return _HELD_ON.fullmatch(line.folded) is not None


# The labels of the minutes' fields ("Přítomni:", "Program:", "Datum a místo konání:"), folded
_FIELD_LABELS = ("date", "time", "location", "next_meeting", "programme", "recorder", "attendance")


@lru_cache(maxsize=1)
def _field_label() -> re.Pattern[str]:
    words = sorted({fold(w) for name in _FIELD_LABELS for w in meeting_words()["labels"][name]}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<=\s)(?:{alternatives})\s*:")


def _before_fields(text: str) -> str:
    """A title run into the minutes' body (a PDF transcript or a page that keeps the whole record in
    one paragraph: "Záznam ze 4. jednání Rady … konaného dne 20. května 2015 Přítomni: dle …") ends
    where the first field label starts."""
    if len(text) <= MAX_TITLE:
        return text
    label = _field_label().search(fold(text))
    return text[:label.start()] if label else text


def _continues(text: str, line: Line, following: Line) -> bool:
    """Whether the title `text` (ending with `line`) goes on in the next line: a bare title word
    ("ZÁPIS" / "z jednání …", also a long line), a title ending "z jednání" or "z 12. zasedání"
    (the next line names the body), a heading wrapped by a PDF."""
    folded_next = following.folded  # the continuations are compared with the folded line as written
    if (len(_unspaced(text).split()) <= 2 or _numbered_title_word(_unspaced(text))) \
            and folded_next.startswith(tuple(_WORDS["continuations"])):
        return True
    if len(following.text) >= CONTINUATION_LENGTH:
        return False
    if len(_unspaced(text).split()) <= 2 and following.text[:1].islower() and not _NOT_TITLE_PART.match(following.text):
        return True  # "AKČNÍ PLÁN" / "rozvoje sociálních služeb v … kraji na rok 2018"
    dangling = _DANGLING.first(fold(text.split()[-1]) if text.split() else "") == 0
    if line.block.kind == following.block.kind == "heading" and line.block.level == following.block.level \
            and (following.text[:1].islower() or dangling):
        return True
    return (_OPEN_ENDINGS.ends(fold(text)) and folded_next.startswith(_GROUP_CONTINUATIONS)) \
        or (_MEETING_END.search(fold(text)) is not None and not _NOT_TITLE_PART.match(following.text))


def _next_of_block(layout: Layout, line: Line) -> Line | None:
    """The line after `line` that is not part of its heading block (a heading is taken whole)."""
    following = layout.next_line(line)
    while following is not None and line.block.kind == "heading" and following.block is line.block:
        following = layout.next_line(following)
    return following


def _numbered_title_word(text: str) -> bool:
    """A title word with only the minutes' number after it: "Zápis č. 4/2022", "ZÁPIS 12/2023"."""
    return _NUMBERED.fullmatch(fold(text).strip()) is not None
