"""Reading a list of persons in a span of a block ("Jana Nová (Charita), Petr Malý, DiS."), and
the collector of rows: one row per (person, role)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.nlp import doc_text
from pipeline.extract.text import DASHES, fold
from pipeline.extract.common import span_row
from pipeline.extract.spans.persons import PersonName, is_title_word, person_words, persons_in
from pipeline.extract.attendees.lexicon import Lexicon, lexicon
from pipeline.extract.attendees.affiliation import after_titles_cut, clean_org, looks_like_org, org_spanned


_SEPARATORS = ",;\t\n"
_NAME_KEY_SPLIT = re.compile(r"[\s.]+")
_ITEM_NUMBER = re.compile(r"\s*\d{1,3}\s?[.)]\s+")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}\s?[.)]\s*")
_NOTE_SPLIT = re.compile(r"[(),;]|\s[–—-]\s|^\s*[–—-]")


@dataclass
class Person:
    """A person of a row in the making: her recognised name (`found`: where it stands, its titles,
    how strongly the text says it is a person) and what the list or sentence around it adds."""

    found: PersonName
    organisation: str | None = None
    org_via: str | None = None  # "paren", "dash", "run", "comma": how the organisation was attached
    separator: str = ""         # the list separator before this person's piece ("," ";" tab ...)
    noted_roles: tuple[str, ...] = ()  # roles a list notes beside the name ("(předsedající)")

    def __getattr__(self, attribute: str):  # type: ignore[no-untyped-def]
        """`start`, `end`, `name`, `titles`, `begin`, `tail`, ...: those of the recognised name."""
        if attribute == "found":  # not set yet (a copy being made)
            raise AttributeError(attribute)
        return getattr(self.found, attribute)


@dataclass
class Rows:
    """Rows keyed by (person, role): a person named twice in one role is one row; a later
    mention fills titles or organisation the first one lacked."""

    rows: dict[tuple[tuple[str, ...], str], dict] = field(default_factory=dict)
    # a list line whose list ends before the line does ((block id, line start) -> where the
    # minutes' running text goes on): list_end.py
    tails: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, block: BlockView, person: Person, role: str) -> None:
        key = (_name_key(person.name), role)
        if not key[0]:
            return
        if key in self.rows:
            row = self.rows[key]
            row["titles"] = row["titles"] or person.titles
            row["organisation"] = row["organisation"] or person.organisation
            return
        self.rows[key] = span_row(block, person.start, person.end, name=person.name, titles=person.titles,
                                  organisation=person.organisation, role=role)


def _name_key(name: str) -> tuple[str, ...]:
    address = person_words().address
    words = [w for w in _NAME_KEY_SPLIT.split(fold(name)) if w and w not in address]
    return tuple(sorted(words))


@dataclass
class _Segment:
    start: int
    end: int
    separator: str  # the separator before the segment ("" for the first)


def segments(text: str, start: int, end: int) -> list[_Segment]:
    """Split `[start, end)` at commas, semicolons, tabs and line breaks outside parentheses;
    a piece that starts lower-case or is only a title ("DiS.", "z. s.") stays with the one before."""
    pieces: list[_Segment] = []
    depth, begin, sep = 0, start, ""
    for i in range(start, end + 1):
        ch = text[i] if i < end else "\n"
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if i == end or (ch in _SEPARATORS and depth == 0):
            piece = _Segment(begin, i, sep)
            body = text[begin:i].strip()
            if pieces and body and sep in ",;" and (_title_piece(body) or _legal_form_piece(body)
                                                    or (body[0].islower() and not is_title_word(body.split()[0]))):
                pieces[-1].end = i
            elif body:
                pieces.append(piece)
            begin, sep = i + 1, ch
    return pieces


def _title_piece(text: str) -> bool:
    """A list piece that holds the titles of the name before it: "DiS. (Charita)", "Mgr."."""
    words = text.replace(",", " ").split()
    if not words:
        return False
    after_titles = person_words().after_titles
    after = [w.lower() in after_titles or w.lower().rstrip(".") in after_titles for w in words]
    return after[0] or all(a or is_title_word(w) for a, w in zip(after, words))


def _legal_form_piece(text: str) -> bool:
    """A list piece that is the legal form of the organisation before it: "p. o.", "z. s." (its
    "p." is no word of address here)."""
    body = text.strip().lower()
    return any(body == form.lower() or (body.startswith(form.lower()) and not body[len(form)].isalnum())
               for form in lexicon().legal_forms)


_FUNCTION_AFTER = re.compile(r",\s*(?=[^\W\d_])")


def _core(text: str) -> tuple[int, int]:
    """The part of a list segment that should be the name: before a parenthesis, a dash or a
    comma and a lower-case word that is no legal form ("Zdena Malá, předsedkyně komise", not
    "Lípa Horka, z. s.")."""
    cut = len(text)
    for mark in ("(", " - ", " – ", " — "):
        pos = text.find(mark)
        if 0 <= pos < cut:
            cut = pos
    function = next((m for m in _FUNCTION_AFTER.finditer(text)
                     if text[m.end()].islower() and not _legal_form_piece(text[m.end():])), None)
    if function and function.start() < cut:
        cut = function.start()
    lead = len(text) - len(text.lstrip())
    number = _ITEM_NUMBER.match(text)
    if number:
        lead = number.end()
    return lead, len(text[:cut].rstrip())


def people_in(document: Annotated, block: BlockView, start: int, end: int, strict: bool,
              singles: bool = False) -> list[Person]:
    """The persons of a list written in `[start, end)` of the block text.

    Each separated piece holds a person (with its organisation in parentheses, after a
    dash, or directly after the name in a flattened run) or more persons of a run; an
    organisation alone after a comma belongs to the person before it. With `strict`
    (a line that only may continue a list), any piece that is neither makes the whole
    line no list. `singles` lets a lone surname be a person ("Omluveni: Novák, Dvořáková"),
    which only a label's own value may hold."""
    text, lex = block.text, lexicon()
    candidates = [Person(name) for name in persons_in(document.doc(block), start, end)]
    found: list[Person] = []
    heading_org: str | None = None
    for segment in segments(text, start, end):
        inside = [p for p in candidates if segment.start <= p.start and p.end <= segment.end]
        people = _accept(text, segment, inside, singles)
        if not people:
            if not _org_piece(document.doc(block), segment, found, lex) \
                    and not _note_piece(document.doc(block), segment, found, lex) and strict:
                return []
            continue
        if strict and not _list_lead(text[segment.start:people[0].begin], first=not found):
            return []
        if not found:
            heading_org = _org_before_dash(document.doc(block), text, segment.start, people[0].begin, lex)
        replaced = [p.begin for p in inside if _replaced(text, segment, p)]
        for i, person in enumerate(people):
            limit = people[i + 1].begin if i + 1 < len(people) else segment.end
            limit = min([b for b in replaced if b > person.tail] + [limit])  # "za Bc. Olgu X": no organisation
            _attach_org(document.doc(block), person, limit, lex)
            person.noted_roles = noted_roles(text[person.tail:limit], lex)
            if strict and person.organisation is None and text[person.tail:limit].strip(" ,;.") \
                    and text[person.tail:limit].strip()[0].islower():
                return []
            found.append(person)
        people[0].separator = segment.separator
    _distribute_dash_orgs(found)
    for person in found if found and heading_org else ():
        person.organisation, person.org_via = person.organisation or heading_org, person.org_via or "heading"
    return found


_ORG_BEFORE_DASH = re.compile(r"\s*(?:(?P<prep>\w+)\s+)?(?P<org>\S.*?)\s+[–—-]\s*$")


def _org_before_dash(doc: Doc, text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """"Hosté: z Policie ČR – plk. Mgr. X a kpt. Y", "za Charitu Lhota – Jana Nová, Petr Malý": an
    organisation (after a preposition of origin) and a dash before a list's first name is the
    organisation of every name of the list."""
    match = _ORG_BEFORE_DASH.fullmatch(text, start, end)
    if match is None:
        return _org_before_colon(doc, text, start, end, lex)
    prep = match.group("prep")
    org_start = match.start("prep") if prep and fold(prep) not in _origin_prepositions() else match.start("org")
    org = text[org_start:match.end("org")]
    if not looks_like_org(org, lex) and not org_spanned(doc, org_start):
        return None
    return clean_org(text[match.start():match.end("org")], lex, doc, match.start())


_ORG_BEFORE_COLON = re.compile(r".*?\s(?P<prep>\w+)\s+(?P<org>[^\W\d_][^:]*?)\s*:\s*$")


def _org_before_colon(doc: Doc, text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """"Garant za Město Lhota: Ing. X", "Zástupce z Charity Lhota: Y": the organisation a
    sub-label names after a preposition of origin is that of the names after its colon."""
    match = _ORG_BEFORE_COLON.fullmatch(text, start, end)
    if match is None or fold(match.group("prep")) not in _origin_prepositions() \
            or not match.group("org")[:1].isupper():
        return None
    org = match.group("org")
    if not looks_like_org(org, lex) and not org_spanned(doc, match.start("org")):
        return None
    return clean_org(org, lex, doc, match.start("org"))


@lru_cache(maxsize=1)
def _origin_prepositions() -> frozenset[str]:
    """configs/attendance.toml [cues.origin] prepositions ("z", "ze", "za")."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["origin"]["prepositions"])


def _list_lead(text: str, first: bool = False) -> bool:
    """What may stand before a name that continues a list: a bullet or an item number; before
    the line's first name also a sub-label of a few words and a colon ("Za poskytovatele:",
    "ŘS KPSS:"), which names a part of the list."""
    return not text.strip(" \t•·▪◦*-–") or bool(_LIST_NUMBER.fullmatch(text)) \
        or (first and bool(_SUB_LABEL.fullmatch(text)))


SUB_LABEL_WORDS = 5  # at most this many words of a sub-label inside a list ("Za zadavatele:")
_SUB_LABEL = re.compile(rf"\s*[•·▪◦*\-–]?\s*(?:[^\s:]+\s+){{0,{SUB_LABEL_WORDS - 1}}}[^\s:]+\s*:\s*")


def _accept(text: str, segment: _Segment, inside: list[Person], singles: bool) -> list[Person]:
    """The candidates of a list piece that are persons: cued ones anywhere (a lone word
    only with a title or word of address); uncued capitalised words only when they are the
    whole name part of the piece."""
    lead, core_end = _core(text[segment.start:segment.end])
    core_start, core_end = segment.start + lead, segment.start + core_end
    people = []
    for person in inside:
        words = len(person.name.split())
        if _replaced(text, segment, person) or _in_org_name(text, segment, person):
            continue
        if person.cued and (words > 1 or person.marked):
            people.append(person)
        elif person.start == core_start and person.tail >= core_end and _looks_personal(person.name) \
                and (words > 1 or singles):
            people.append(person)
    return people


def _in_org_name(text: str, segment: _Segment, person: Person) -> bool:
    """"Jan Dub – Domov Barbora Lhota, p. o.": words after an organisation's head noun
    ("Domov", "Charita") are its name, even when one of them is a given name."""
    before = text[segment.start:person.begin].split()
    return bool(before) and before[-1][:1].isupper() and fold(before[-1]) in lexicon().org_heads


def _replaced(text: str, segment: _Segment, person: Person) -> bool:
    """"Jan Malý za Bc. Olgu Novou", "v zastoupení Mgr. X": she is named only as the one replaced."""
    before = text[segment.start:person.begin].split()
    return bool(before) and fold(before[-1]) in lexicon().substitutes


def _looks_personal(name: str) -> bool:
    """An uncued pair of words in an attendance list: no organisation head or legal form."""
    lex = lexicon()
    folded = fold(name)
    if any(folded.startswith(head + " ") or folded == head for head in lex.org_heads):
        return False
    return 1 <= len(name.split()) <= 3


def _attach_org(doc: Doc, person: Person, limit: int, lex: Lexicon) -> None:
    """Read the organisation written after the person, up to `limit`."""
    after = doc_text(doc)[person.tail:limit]
    stripped = after.lstrip(" ,")
    via = "paren" if stripped.startswith("(") else "dash" if stripped[:1] in DASHES else "run"
    org = clean_org(after, lex, doc, person.tail)
    if org and via == "run" and _next_person(org):
        return  # "Ing. Karel Dub Iveta Malá": the next name of a flattened list, no organisation
    if org:
        person.organisation, person.org_via = org, via


def _next_person(org: str) -> bool:
    """A run's "organisation" that opens with a given name and a capitalised word is a person."""
    words = org.split()
    return len(words) >= 2 and fold(words[0]) in person_words().given and words[1][:1].isupper()


def _org_piece(doc: Doc, segment: _Segment, found: list[Person], lex: Lexicon) -> bool:
    """A piece with no person: the organisation of the person just before it when it looks
    like one ("Jan Novák, Charita Horní Lhota"); True when the piece was used or is harmless."""
    piece = doc_text(doc)[segment.start:segment.end]
    body = piece.strip()
    if not body:
        return True
    body = after_titles_cut(body).lstrip(" " + DASHES)  # "Malá Jana, Mgr. – Spolek X": the title is hers
    lead = segment.start + len(piece) - len(body) - (len(piece) - len(piece.rstrip()))
    if found and found[-1].organisation is None and segment.separator in ",\t\n" \
            and (looks_like_org(body, lex) or org_spanned(doc, lead) or _abbreviated(body)):
        found[-1].organisation, found[-1].org_via = clean_org(piece, lex, doc, segment.start), "comma"
        return True
    # "Mgr. Eva Malá, MěÚ Lhota, OSPOD": the department of her organisation, no part of its name
    return bool(found) and found[-1].organisation is not None and segment.separator == "," \
        and fold(body.split()[0]) in lex.departments


def _note_piece(doc: Doc, segment: _Segment, found: list[Person], lex: Lexicon) -> bool:
    """A note set off by a tab and a dash after a list's name ("Jan Dub\t- vedoucí skupiny",
    "\t- jednatel Taxi Lhota, s.r.o.", "\t- Spolek Lípa"): a lower-case word describes the person
    before it, an organisation in it is hers. True when the piece is such a note."""
    piece = doc_text(doc)[segment.start:segment.end]
    body = piece.strip()
    if not found or segment.separator != "\t" or body[:1] not in DASHES:
        return False
    org = clean_org(body, lex, doc, segment.start + piece.find(body))
    if not body[1:].strip()[:1].islower() and org is None:
        return False
    if found[-1].organisation is None and org:
        found[-1].organisation, found[-1].org_via = org, "dash"
    return True


ABBREVIATION_CAPITALS = 2  # capitals in a short first word that make it an abbreviation ("CpKP", "MěÚ")


def _abbreviated(text: str) -> bool:
    """A piece opening with an abbreviation ("CpKP jižní Čechy", "MěÚ Lhota"): an organisation."""
    first = text.split()[0] if text.split() else ""
    return len(first) <= 6 and first.isalpha() and sum(c.isupper() for c in first) >= ABBREVIATION_CAPITALS


def _distribute_dash_orgs(people: list[Person]) -> None:
    """"A, B, C - Probační a mediační služba ČR": the dashed organisation of the last name
    belongs to the comma-separated names before it that have none."""
    for i in range(len(people) - 2, -1, -1):
        nxt, person = people[i + 1], people[i]
        if person.organisation is None and nxt.organisation and nxt.org_via in ("dash", "inherited") \
                and nxt.separator == ",":
            person.organisation, person.org_via = nxt.organisation, "inherited"


def emit(document: Annotated, block: BlockView, start: int, end: int, role: str, rows: Rows, strict: bool,
         singles: bool = False) -> bool:
    """Add a row for every person of the list in `[start, end)`, and one for each role the
    list notes beside a name ("Jana Nová (předsedající)"); True when it named anyone."""
    people = people_in(document, block, start, end, strict, singles)
    for person in people:
        rows.add(block, person, role)
        for noted in person.noted_roles:
            rows.add(block, person, noted)
    return bool(people)


def noted_roles(after: str, lex: Lexicon) -> tuple[str, ...]:
    """The roles written right after a name in a list, in parentheses or after a comma or
    dash: "(předsedající)", "– zapisovatelka", ", předsedkyně ŘS"; a function that is no
    role of the meeting ("koordinátorka KPSS", "předseda spolku Lípa") gives none."""
    notes = [n.strip(" " + DASHES) for n in _NOTE_SPLIT.split(fold(after))]
    roles = []
    for role, words in lex.role_notes:
        for note, word in ((n, w) for n in notes for w in words):
            tail = note[len(word):].strip() if _starts_word(note, word) else None
            if tail is not None and (not tail or tail in lex.role_note_tails):
                roles.append(role)
                break
    return tuple(roles)


def _starts_word(text: str, word: str) -> bool:
    """`text` starts with `word` as a whole word."""
    return text.startswith(word) and not text[len(word):len(word) + 1].isalnum() \
        and text[len(word):len(word) + 1] != "_"
