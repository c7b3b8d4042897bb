"""The presenters an agenda names in its items: "2. Dotace (Mgr. Petra Malá, Poradna Kotva)",
"3. Informace z kraje – Bc. Jan Sova", "1. K zápisu p. Dubová, p. Ing. Sýkora", "2. prof. X –
Kontrola zápisu". A presenter of an item is a speaker (SPEC); the organisation written beside her
in the item is hers. The items are the agenda relation's rows."""

from __future__ import annotations

import re

from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.spans.persons import persons_in
from pipeline.extract.text import fold
from pipeline.extract.attendees.lexicon import lexicon
from pipeline.extract.attendees.lists import Person, Rows, people_in

ROLE = "speaker"
_PAREN = re.compile(r"\(([^()]+)\)")
_DASH = re.compile(r"\s[–—-]\s")
_RUN_GLUE = re.compile(r"\s*(?:,|\sa\s)?\s*")  # between two presenters at the end of an item


def from_agenda(document: Annotated, items: list[dict], rows: Rows) -> None:
    """A speaker row for every presenter named in an agenda item."""
    by_id = {block.block_id: block for block in document}
    for item in items:
        block = by_id.get(item.get("block_id"))
        if block is None or item.get("char_start") is None:
            continue
        for person in presenters(document, block, item["char_start"], item["char_end"]):
            rows.add(block, person, ROLE)


def presenters(document: Annotated, block: BlockView, start: int, end: int) -> list[Person]:
    """The persons of an item's text that present it: a parenthesis, the part after its last
    dash or before its first one, when that part is only persons (and their organisations), or
    the run of names that ends the item after a lower-case word."""
    text = block.text
    for match in _PAREN.finditer(text, start, end):
        found = people_in(document, block, match.start(1), match.end(1), strict=True)
        if found:
            return found
    dashes = list(_DASH.finditer(text, start, end))
    if dashes:
        for part in ((dashes[-1].end(), end), (start, dashes[0].start())):
            found = people_in(document, block, *part, strict=True)
            if found and all(p.strong for p in found):
                return found
    return _trailing_run(document, block, start, end)


def _trailing_run(document: Annotated, block: BlockView, start: int, end: int) -> list[Person]:
    """"K zápisu z minulého jednání p. Dubová, p. Ing. Sýkora": the names that end the item, after
    a lower-case word that is no preposition ("Spolupráce s Mgr. X" names no presenter)."""
    text, lex = block.text, lexicon()
    people = [p for p in persons_in(document.doc(block), start, end) if p.strong]
    run: list = []
    limit = end
    for person in reversed(people):
        if text[person.tail:limit].strip(" .,;") and not (run and _RUN_GLUE.fullmatch(text[person.tail:limit])):
            break
        run.insert(0, person)
        limit = person.begin
    if not run:
        return []
    before = text[start:run[0].begin].split()
    if not before or not before[-1][:1].islower() or fold(before[-1]) in lex.prepositions:
        return []
    return [Person(p) for p in run]
