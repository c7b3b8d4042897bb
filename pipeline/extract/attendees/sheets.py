"""Voting and signature sheets: a run of lines, each one person followed by dot leaders to sign
on ("Ing. Vilém Chalupa ………………", "Mgr. Eva Malá, místostarostka ..........."). The
people of such a sheet are the body's members (SPEC: a voting sheet is a body's composition).

One such line alone, or two, are the signatures under minutes ("Ověřil: Mgr. X ……"), not a
sheet: a sheet has at least `SHEET_MIN_LINES` lines."""

from __future__ import annotations

import re

from pipeline.extract.attendees.affiliation import clean_org
from pipeline.extract.attendees.lexicon import lexicon
from pipeline.extract.attendees.lists import Person, Rows
from pipeline.extract.layout import Line, layout_of
from pipeline.extract.model import Annotated
from pipeline.extract.spans.persons import is_title_word, persons_in

SHEET_MIN_LINES = 3  # a sheet lists several members; one or two lines are signatures
ROLE = "member"
_LEADERS = re.compile(r"\s*(?:[.…_]\s*){3,}$")  # dot leaders (or underscores) to the end of the line
_LEAD = re.compile(r"\s*(?:\d{1,3}[.)]\s*|[•·*–-]\s*)?")  # a list number or bullet before the name


def from_sheets(document: Annotated, rows: Rows, consumed: set[tuple[int, int]]) -> None:
    """Add a `member` row for every person of every sheet of the document."""
    run: list[tuple[Line, Person]] = []
    for line in [*layout_of(document).body, None]:
        person = _signing(document, line) if line is not None else None
        if person is not None:
            run.append((line, person))
            continue
        if len(run) >= SHEET_MIN_LINES:
            for signed, member in run:
                rows.add(signed.block, member, ROLE)
                consumed.add((signed.block.block_id, signed.start))
        run = []


def signing_chair(document: Annotated, rows: Rows) -> None:
    """The chair who signs the minutes: in the signature zone, a line that is one name (titles
    allowed) over a line that opens with a chair's function ("Mgr. Jana Malá" / "předsedkyně
    Sociálního výboru"): the body's chair signs the minutes of the meeting she chaired."""
    layout = layout_of(document)
    chair_words = dict(lexicon().role_notes).get(CHAIR, ())
    for line in layout.body:
        if line.index not in layout.signature_ids:
            continue
        below = layout.next_line(line)
        if below is None or not any(_opens_with(below.folded, word) for word in chair_words):
            continue
        people = [p for p in persons_in(document.doc(line.block), line.start, line.end) if p.strong]
        if len(people) != 1:
            continue
        person = people[0]
        before = line.block.text[line.start:person.begin]
        if before.strip() or line.block.text[person.tail:line.end].strip(" ,."):
            continue
        rows.add(line.block, Person(person), CHAIR)


CHAIR = "chair"


def _opens_with(text: str, word: str) -> bool:
    return text.startswith(word) and not text[len(word):len(word) + 1].isalnum()


def _signing(document: Annotated, line: Line) -> Person | None:
    """The one person of a line that is a name (titles, a function or organisation after a comma
    or in parentheses allowed) and dot leaders."""
    leaders = _LEADERS.search(line.text)
    if leaders is None or leaders.start() == 0:
        return None
    end = line.start + leaders.start()
    people = [p for p in persons_in(document.doc(line.block), line.start, end) if p.strong]
    if len(people) != 1:
        return None
    person = people[0]
    before = line.block.text[line.start:person.begin]
    lead = _LEAD.match(before)
    if before[lead.end():].strip() and not all(is_title_word(w) for w in before[lead.end():].split()):
        return None
    after = line.block.text[person.tail:end]
    if after.strip() and after.lstrip()[:1] not in ",(":
        return None
    found = Person(person)
    if after.strip():
        found.organisation = clean_org(after, lexicon(), document.doc(line.block), person.tail)
    return found
