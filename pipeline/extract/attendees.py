"""Attendees: the persons named as taking part in a meeting, one row per (person, role).

Where minutes name their people, and the role each place gives:

- attendance lists after a label (`Přítomni:`, `Omluveni:`, `Hosté:`, `Nepřítomni:`,
  `Zapsal(a):` ...), with the names on the label's line or on the lines, list items
  or table that follow; converters also flatten two labels into one line, so a
  label is found inside a line too ("... (Charita) Omluveni: –");
- members' lists and tables under a `Seznam členů` heading, including the run a
  slide transcript makes of a table ("1. Mgr. Jana Nová Městský úřad X 2. Bc. ...");
- signature tables ("Zapsala:" | "Kateřina Marcinková");
- speakers and chairs named in the running text: a name next to a speech verb
  ("Ing. Monika Musilová (za KÚLK) informovala", "Jednání vedla Mgr. ..."), after an
  intro phrase ("Úvodní slovo K. Jandurová"), a parenthesised list of presenters in
  an agenda line, and the name under a presentation's closing "Děkuji za pozornost".

A name is the capitalised words of a person (2-3, or 1 after a title or a word of
address); academic titles go to `titles`, words of address and ranks are dropped.
Which words count as names, titles, labels and verbs is data in configs/people.toml
and configs/attendance.toml. Names found elsewhere (a task's responsible person in
an `R:` line, a contact person, the uploader of a web page) are not attendees: no
rule here reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Sequence

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import fold, span_row
from pipeline.extract.nlp import nlp, tokenize

TABLE = "attendees"
_DASHES = "-–—"
_ITEM_NUMBER = re.compile(r"(?:^|\s)\d{1,3}\s?\.(?=\s|$)")
_SEPARATORS = ",;\t\n"
# Keys of [names] in configs/organisations.toml whose words start an organisation's name.
_ORG_HEAD_KEYS = ("heads", "public_heads", "named_heads", "complement_heads", "name_starts")
# Keys of [labels] in configs/attendance.toml that name a role (the others are lists of phrases).
_LABEL_ROLES = ("present", "excused", "absent", "guest", "chair", "recorder", "speaker", "member_list")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """Everything this module knows about names and attendance, read once from configs/."""

    titles: frozenset[str]
    titles_lower: frozenset[str]
    after_titles: frozenset[str]
    address: frozenset[str]
    ranks: frozenset[str]
    not_names: frozenset[str]
    given: frozenset[str]
    labels: tuple[tuple[str, str], ...]
    verb_like: frozenset[str]
    nobody: tuple[str, ...]
    verbs: tuple[tuple[str, tuple[str, ...]], ...]
    not_organisations: frozenset[str]
    intro: tuple[str, ...]
    presentation: tuple[str, ...]
    closing: tuple[str, ...]
    org_prefixes: frozenset[str]
    clause_openers: frozenset[str]
    functions: frozenset[str]
    prepositions: frozenset[str]
    responsibility: tuple[str, ...]
    name_headers: frozenset[str]
    org_headers: frozenset[str]
    legal_forms: tuple[str, ...]
    org_heads: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the lexicon from configs/people.toml, attendance.toml and organisations.toml."""
    people, att, orgs = load("people"), load("attendance"), load("organisations")
    titles = {*people["titles_before"]}
    labels = tuple((role, label) for role, words in att["labels"].items() if role in _LABEL_ROLES for label in words)
    legal = sorted({v for variants in orgs["legal_forms"].values() for v in variants if "." in v or " " in v},
                   key=len, reverse=True)
    return Lexicon(
        titles=frozenset(titles),
        titles_lower=frozenset({t.lower() for t in titles} | set(people.get("titles_dotless", []))),
        after_titles=frozenset({t.lower() for t in people["titles_after"]}
                               | {t.lower().rstrip(".") for t in people["titles_after"]}),
        address=frozenset(a.lower() for a in people["address"]),
        ranks=frozenset(r.lower() for r in people.get("ranks", [])),
        not_names=frozenset(fold(w).rstrip(":") for w in people["not_names"]),
        given=frozenset(fold(w) for w in [*people.get("given_names_female", []),
                                          *people.get("given_names_male", [])]),
        labels=labels,
        verb_like=frozenset(att["labels"].get("verb_like", [])),
        nobody=tuple(fold(p) for p in att["labels"]["nobody"]),
        verbs=tuple((role, tuple(stems)) for role, stems in att["verbs"].items()),
        not_organisations=frozenset(fold(w) for w in att["cues"].get("not_organisations", [])),
        intro=tuple(att["cues"]["intro"]),
        presentation=tuple(fold(p) for p in att["cues"]["presentation"]),
        closing=tuple(fold(p) for p in att["cues"]["closing"]),
        org_prefixes=frozenset(fold(w) for w in att["cues"]["org_prefixes"]),
        clause_openers=frozenset(fold(w) for w in att["cues"]["clause_openers"]),
        functions=frozenset(fold(w) for w in att["cues"]["functions"]),
        prepositions=frozenset(att["cues"]["prepositions"]),
        responsibility=tuple(fold(w) for w in att["cues"]["responsibility"]),
        name_headers=frozenset(fold(w) for w in att["tables"]["name_headers"]),
        org_headers=frozenset(fold(w) for w in att["tables"]["org_headers"]),
        legal_forms=tuple(legal),
        org_heads=tuple(sorted({fold(h) for key in _ORG_HEAD_KEYS for h in orgs.get("names", {}).get(key, [])})),
    )


# --------------------------------------------------------------------------- tokens


def _is_nameword(text: str) -> bool:
    """A capitalised word ("Nováková", "Nováková-Svobodová", "O'Neil"), not an abbreviation."""
    parts = text.split("-")
    return all(len(p) >= 2 and p[0].isupper() and p[1:].replace("'", "").replace("’", "").isalpha()
               and p[1:].islower() for p in parts)


def _is_caps(text: str) -> bool:
    """A surname in capitals ("NOVÁKOVÁ Jana"), or an abbreviation: `_person` tells them apart."""
    return len(text) >= 3 and text.isalpha() and text.isupper()


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[0].isalpha() and text[1] == "."


# Letters of names written in Czech minutes (Czech, Slovak, German and a few more).
_UPPER = "A-ZÁÄČĎÉĚÍĹĽŇÓÔÖŔŘŠŤÚŮÜÝŽŁ"
_LOWER = "a-záäčďéěíĺľňóôöŕřšťúůüýžßłçñ"
_NAMEISH = rf"^(?:[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{3,}})$"


def _is_title_tok(tok: Token) -> bool:
    lex = lexicon()
    return tok.text in lex.titles or tok.lower_ in lex.titles_lower or tok.lower_.rstrip(".") in lex.titles_lower


def _is_address_tok(tok: Token) -> bool:
    return tok.lower_ in lexicon().address


def _is_rank_tok(tok: Token) -> bool:
    return tok.lower_ in lexicon().ranks


def _is_nameish_tok(tok: Token) -> bool:
    return _is_nameword(tok.text) or _is_caps(tok.text)


def _is_marker_tok(tok: Token) -> bool:
    """A title, a word of address or a rank: what may stand in front of a name."""
    return _is_title_tok(tok) or _is_address_tok(tok) or _is_rank_tok(tok)


@lru_cache(maxsize=1)
def _person_matcher() -> Matcher:
    """Candidate persons: [address] [rank]* [title]* [initial] Name{1,4}; refined in `_person`.
    Built from the word lists of configs/people.toml (token attributes only, so it is fast)."""
    lex = lexicon()
    titles = sorted({t.lower() for t in lex.titles} | lex.titles_lower | {t.rstrip(".") for t in lex.titles_lower})
    matcher = Matcher(nlp().vocab)
    matcher.add("PERSON", [[
        {"LOWER": {"IN": sorted(lex.address)}, "OP": "?"},
        {"LOWER": {"IN": sorted(lex.ranks)}, "OP": "*"},
        {"LOWER": {"IN": titles}, "OP": "*"},
        {"TEXT": {"REGEX": rf"^[{_UPPER}]\.$"}, "OP": "?"},
        {"TEXT": {"REGEX": _NAMEISH}, "OP": "{1,4}"},
    ]], greedy="LONGEST")
    return matcher


@lru_cache(maxsize=1)
def _phrase_matcher() -> PhraseMatcher:
    """Intro phrases before a name ("úvodní slovo")."""
    lex = lexicon()
    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    matcher.add("INTRO", [nlp().make_doc(p.lower()) for p in lex.intro])
    return matcher


@lru_cache(maxsize=256)
def _doc(text: str) -> Doc:
    """The block's tokens, with what the shared tokenizer splits but a name keeps whole:
    "Pí" + "." and "npor" + "." (address, rank) and "Nováková" + "-" + "Svobodová"."""
    doc = tokenize(text)
    lex = lexicon()
    spans: list[Span] = []
    i = 0
    while i < len(doc) - 1:
        tok, nxt = doc[i], doc[i + 1]
        if nxt.text == "." and not tok.whitespace_ and (tok.lower_ + "." in lex.address
                                                         or tok.lower_ + "." in lex.ranks
                                                         or tok.lower_ + "." in lex.titles_lower):
            spans.append(doc[i:i + 2])
            i += 2
            continue
        if (i + 2 < len(doc) and nxt.text == "-" and not tok.whitespace_ and not nxt.whitespace_
                and _is_nameword(tok.text) and _is_nameword(doc[i + 2].text)):
            spans.append(doc[i:i + 3])
            i += 3
            continue
        i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


# --------------------------------------------------------------------------- persons


@dataclass
class Person:
    """A person found in a block: `start:end` covers the name as written (no titles)."""

    start: int
    end: int
    name: str
    titles: str | None = None
    organisation: str | None = None
    cued: bool = False          # a title, word of address, rank, initial or given name says: a person
    marked: bool = False        # a title, word of address, rank or initial (not just a given name)
    begin: int = 0              # where the person's mention starts (its first title or word of address)
    tail: int = 0               # where the text after the name (and its after-name titles) starts
    org_via: str | None = None  # "paren", "dash", "run", "comma": how the organisation was attached
    separator: str = ""         # the list separator before this person's piece ("," ";" tab ...)


def _name_cut(words: list[Token], lex: Lexicon, end_limit: int) -> list[Token]:
    """How many capitalised words are the name: stop before a word that is not a name
    ("Městský" úřad), and take a third word only when the name ends after it
    ("Helena Clementi Rozlívková -", not "Jan Kalla Občanské sdružení")."""
    kept: list[Token] = []
    for word in words:
        if fold(word.text) in lex.not_names:
            break
        kept.append(word)
    if len(kept) <= 2:
        return kept
    for n in range(min(len(kept), 3), 2, -1):
        if _ends_name(kept[n - 1], end_limit):
            return kept[:n]
    return kept[:2]


def _ends_name(word: Token, end_limit: int) -> bool:
    """The token after `word` closes a name: punctuation, a title, a number or the end."""
    doc = word.doc
    if word.i + 1 >= len(doc) or doc[word.i + 1].idx >= end_limit:
        return True
    nxt = doc[word.i + 1]
    return (not nxt.text[0].isalpha()) or _is_marker_tok(nxt) or nxt.lower_.rstrip(".") in lexicon().after_titles \
        or nxt.lower_ in lexicon().after_titles or _is_caps(nxt.text)


def _person(span: Span, lex: Lexicon, start: int, end: int) -> Person | None:
    """Refine a Matcher candidate into a Person, or None when it is not one.

    Tokens outside `[start, end)` are dropped, and so are capitalised words that are no names
    in front of the name ("Zapsala Leona Mohrová" -> Leona Mohrová)."""
    tokens = [t for t in span if t.idx >= start and t.idx + len(t.text) <= end]
    while tokens and _plain_word(tokens[0]) and fold(tokens[0].text) in lex.not_names:
        tokens = tokens[1:]
    if not tokens:
        return None
    address = [t for t in tokens if _is_address_tok(t)]
    ranks = [t for t in tokens if _is_rank_tok(t)]
    titles = [t for t in tokens if _is_title_tok(t) and not _is_address_tok(t)]
    initials = [t for t in tokens if _is_initial(t.text) and not _is_marker_tok(t)]
    marked = bool(address or ranks or titles or initials)
    words = _caps_words([t for t in tokens if _plain_word(t)], lex)
    if not marked:
        words = _from_given_name(words, lex)
    words = _name_cut(words, lex, end)
    if not words:
        return None
    given = any(_is_given(w, lex) for w in words)
    first = initials[0] if initials else words[0]
    name_start, name_end = first.idx, words[-1].idx + len(words[-1].text)
    after, tail = _after_titles(words[-1], lex, end)
    all_titles = [t.text for t in titles] + after
    name = "".join(t.text_with_ws for t in span.doc[first.i:words[-1].i + 1]).strip()
    return Person(name_start, name_end, name, " ".join(all_titles) or None,
                  cued=marked or given, marked=marked, tail=tail, begin=tokens[0].idx)


def _from_given_name(words: list[Token], lex: Lexicon) -> list[Token]:
    """In "Městský úřad Prostějov Jan Kletenský" the capitalised run is two things: the
    person starts at the given name when the words before it are no given names."""
    for k in range(1, len(words) - 1):
        if _is_given(words[k], lex) and not any(_is_given(w, lex) for w in words[:k]):
            return words[k:]
    return words


def _is_given(word: Token, lex: Lexicon) -> bool:
    return any(fold(part) in lex.given for part in word.text.split("-"))


def _plain_word(tok: Token) -> bool:
    """A capitalised word that is not a title, a word of address or a rank."""
    return _is_nameish_tok(tok) and not _is_marker_tok(tok)


def _caps_words(words: list[Token], lex: Lexicon) -> list[Token]:
    """Capitals are a surname only beside a given name ("NOVÁKOVÁ Jana"); otherwise an
    abbreviation, which is dropped in front of the name and ends it after ("SML")."""
    caps = [_is_caps(w.text) for w in words]
    if not any(caps):
        return words
    if len(words) == 2 and caps.count(True) == 1 and any(_is_given(w, lex) for w, c in zip(words, caps) if not c):
        return words
    while words and _is_caps(words[0].text):
        words = words[1:]
    for i, word in enumerate(words):
        if _is_caps(word.text):
            return words[:i]
    return words


def _after_titles(last: Token, lex: Lexicon, end_limit: int) -> tuple[list[str], int]:
    """Titles written after a name ("Kamila Ryšavá, DiS.", "Jan Novák Ph.D., MBA")."""
    doc, found = last.doc, []
    tail = last.idx + len(last.text)
    i = last.i + 1
    while i < len(doc) and doc[i].idx < end_limit:
        tok = doc[i]
        if tok.text == "," and i + 1 < len(doc) and doc[i + 1].idx < end_limit \
                and (_is_after_title(doc[i + 1], lex) or _trailing_title(doc, i + 1, end_limit)):
            i += 1
            continue
        if _is_after_title(tok, lex) or _trailing_title(doc, i, end_limit):
            found.append(tok.text)
            tail = tok.idx + len(tok.text)
            i += 1
            continue
        break
    return found, tail


def _trailing_title(doc: Doc, i: int, end_limit: int) -> bool:
    """A title written after the name it belongs to ("Nováková Jana, Mgr."), not the title
    of the next person ("Jana Nová, Mgr. Petr Malý")."""
    if not _is_title_tok(doc[i]):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) and doc[i + 1].idx < end_limit else None
    return nxt is None or not (_is_nameish_tok(nxt) or _is_initial(nxt.text) or _is_marker_tok(nxt))


def _is_after_title(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in lex.after_titles or (tok.lower_.rstrip(".") in lex.after_titles and tok.text[0].isupper())


@lru_cache(maxsize=256)
def _matches(block_text: str) -> tuple[tuple[int, int], ...]:
    """Token ranges of the person Matcher over a block (cached: a block is read line by line)."""
    return tuple((s, e) for _, s, e in _person_matcher()(_doc(block_text)))


@lru_cache(maxsize=256)
def _intro_matches(block_text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for _, s, e in _phrase_matcher()(_doc(block_text)))


def _candidates(block_text: str, start: int, end: int) -> list[Person]:
    """Person candidates whose name lies inside `[start, end)` of the block text."""
    doc, lex = _doc(block_text), lexicon()
    found = []
    for s, e in _matches(block_text):
        span = doc[s:e]
        if span.end_char <= start or span.start_char >= end:
            continue
        person = _person(span, lex, start, end)
        if person:
            found.append(person)
    return sorted(found, key=lambda p: p.start)


# --------------------------------------------------------------------------- organisations


def _clean_org(text: str, lex: Lexicon) -> str | None:
    """The organisation in the text that follows a name.

    "(za KÚLK)" -> KÚLK; "– zástupce zadavatele Městský úřad Prostějov" -> Městský úřad
    Prostějov; "(Krajský úřad X, odbor sociálních věcí)" -> Krajský úřad X; "- uživatel
    služby" -> None; a flattened run stops at the next item number or clause."""
    body = text.strip().lstrip(",;:" + _DASHES).strip()
    if body.startswith("("):
        close = body.find(")")
        body = body[1:close] if close > 0 else body[1:]
    body = _cut_run(body, lex)
    for word in re.finditer(r"\S+", body):
        token = word.group()
        if (token[0].isupper() or token[0] in "„\"") and fold(token) not in lex.org_prefixes:
            org = _cut_department(body[word.start():], lex).strip(" ,;:" + _DASHES)
            named = any(c.isalpha() for c in org) and fold(org) not in lex.not_organisations
            return org if named else None
    return None


def _cut_run(text: str, lex: Lexicon) -> str:
    """End a flattened organisation at the next item number or at a new clause ("Dále se ...")."""
    match = _ITEM_NUMBER.search(text)
    if match:
        text = text[:match.start()]
    for word in re.finditer(r"\S+", text):
        if word.start() > 0 and word.group()[0].isupper() and fold(word.group()) in lex.clause_openers:
            text = text[:word.start()]
            break
    label = _label_patterns()[1].search(_fold_keep_length(text))
    return text[:label.start()] if label else text


def _cut_department(text: str, lex: Lexicon) -> str:
    """Cut ", odbor sociálních věcí" (a comma and a lower-case word that is no legal form)."""
    for match in re.finditer(r",\s*(\S+)", text):
        rest = text[match.start(1):]
        if rest[0].islower() and not any(rest.lower().startswith(form.lower()) for form in lex.legal_forms):
            return text[:match.start()]
    return text


# --------------------------------------------------------------------------- lists


@dataclass
class _Segment:
    start: int
    end: int
    separator: str  # the separator before the segment ("" for the first)


def _segments(text: str, start: int, end: int) -> list[_Segment]:
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
            if pieces and body and sep in ",;" and (_title_piece(body)
                                                    or (body[0].islower() and not _is_title_word(body.split()[0]))):
                pieces[-1].end = i
            elif body:
                pieces.append(piece)
            begin, sep = i + 1, ch
    return pieces


def _title_piece(text: str) -> bool:
    """A list piece that holds the titles of the name before it: "DiS. (Charita)", "Mgr."."""
    lex = lexicon()
    words = text.replace(",", " ").split()
    if not words:
        return False
    after = [w.lower() in lex.after_titles or w.lower().rstrip(".") in lex.after_titles for w in words]
    return after[0] or all(a or _is_title_word(w) for a, w in zip(after, words))


def _core(text: str) -> tuple[int, int]:
    """The part of a list segment that should be the name: before a parenthesis or a dash."""
    cut = len(text)
    for mark in ("(", " - ", " – ", " — "):
        pos = text.find(mark)
        if 0 <= pos < cut:
            cut = pos
    lead = len(text) - len(text.lstrip())
    number = re.match(r"\s*\d{1,3}\s?[.)]\s+", text)
    if number:
        lead = number.end()
    return lead, len(text[:cut].rstrip())


def _people_in(block: BlockView, start: int, end: int, strict: bool, singles: bool = False) -> list[Person]:
    """The persons of a list written in `[start, end)` of the block text.

    Each separated piece holds a person (with its organisation in parentheses, after a
    dash, or directly after the name in a flattened run) or more persons of a run; an
    organisation alone after a comma belongs to the person before it. With `strict`
    (a line that only may continue a list), any piece that is neither makes the whole
    line no list. `singles` lets a lone surname be a person ("Omluveni: Novák, Dvořáková"),
    which only a label's own value may hold."""
    text, lex = block.text, lexicon()
    candidates = _candidates(text, start, end)
    found: list[Person] = []
    for segment in _segments(text, start, end):
        inside = [p for p in candidates if segment.start <= p.start and p.end <= segment.end]
        people = _accept(text, segment, inside, singles)
        if not people:
            if not _org_piece(text, segment, found, lex) and strict:
                return []
            continue
        if strict and not _list_lead(text[segment.start:people[0].begin]):
            return []
        for i, person in enumerate(people):
            limit = people[i + 1].begin if i + 1 < len(people) else segment.end
            _attach_org(text, person, limit, lex)
            if strict and person.organisation is None and text[person.tail:limit].strip(" ,;.") \
                    and text[person.tail:limit].strip()[0].islower():
                return []
            found.append(person)
        people[0].separator = segment.separator
    _distribute_dash_orgs(found)
    return found


def _list_lead(text: str) -> bool:
    """What may stand before a name that continues a list: a bullet or an item number."""
    return not text.strip(" \t•·▪◦*-–") or bool(re.fullmatch(r"\s*\d{1,3}\s?[.)]\s*", text))


def _accept(text: str, segment: _Segment, inside: list[Person], singles: bool) -> list[Person]:
    """The candidates of a list piece that are persons: cued ones anywhere (a lone word
    only with a title or word of address); uncued capitalised words only when they are the
    whole name part of the piece."""
    lead, core_end = _core(text[segment.start:segment.end])
    core_start, core_end = segment.start + lead, segment.start + core_end
    people = []
    for person in inside:
        words = len(person.name.split())
        if person.cued and (words > 1 or person.marked):
            people.append(person)
        elif person.start == core_start and person.tail >= core_end and _looks_personal(person.name) \
                and (words > 1 or singles):
            people.append(person)
    return people


def _looks_personal(name: str) -> bool:
    """An uncued pair of words in an attendance list: no organisation head or legal form."""
    lex = lexicon()
    folded = fold(name)
    if any(folded.startswith(head + " ") or folded == head for head in lex.org_heads):
        return False
    return 1 <= len(name.split()) <= 3


def _attach_org(text: str, person: Person, limit: int, lex: Lexicon) -> None:
    """Read the organisation written after the person, up to `limit`."""
    after = text[person.tail:limit]
    stripped = after.lstrip(" ,")
    via = "paren" if stripped.startswith("(") else "dash" if stripped[:1] in _DASHES else "run"
    org = _clean_org(after, lex)
    if org:
        person.organisation, person.org_via = org, via


def _org_piece(text: str, segment: _Segment, found: list[Person], lex: Lexicon) -> bool:
    """A piece with no person: the organisation of the person just before it when it looks
    like one ("Jan Novák, Charita Ostrava"); True when the piece was used or is harmless."""
    body = text[segment.start:segment.end].strip()
    if not body:
        return True
    if found and found[-1].organisation is None and segment.separator in ",\t\n" and _looks_like_org(body, lex):
        found[-1].organisation, found[-1].org_via = _clean_org(body, lex), "comma"
        return True
    return False


def _looks_like_org(text: str, lex: Lexicon) -> bool:
    """An organisation by its form: a legal form, a known head word, or an abbreviation."""
    folded = fold(text)
    if any(fold(form) in folded for form in lex.legal_forms):
        return True
    if text[:1].isupper() and any(folded.startswith(head + " ") or folded == head for head in lex.org_heads):
        return True
    letters = text.replace(" ", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _distribute_dash_orgs(people: list[Person]) -> None:
    """"A, B, C - Probační a mediační služba ČR": the dashed organisation of the last name
    belongs to the comma-separated names before it that have none."""
    for i in range(len(people) - 2, -1, -1):
        nxt, person = people[i + 1], people[i]
        if person.organisation is None and nxt.organisation and nxt.org_via in ("dash", "inherited") \
                and nxt.separator == ",":
            person.organisation, person.org_via = nxt.organisation, "inherited"


# --------------------------------------------------------------------------- labels


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes over folded text: a label at the start of a line, and one inside it."""
    lex = lexicon()
    alternatives = sorted({fold(label) for _, label in lex.labels}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    note = r"(?:\s*\([^)]*\))?"  # "Nepřítomni (neomluveni):"
    lead = r"^[\s•·\-–*]*(?:\d{1,3}[.)]?\s+)?"  # a bullet or a slide/item number before the label
    start = re.compile(rf"{lead}(?P<label>{body}){note}(?P<sep>\s*[:\t–-]\s*|\s*$|\s+(?=\S))")
    inside = re.compile(rf"(?<![\w(])(?P<label>{body}){note}\s*:")
    return start, inside


@lru_cache(maxsize=1)
def _role_of_label() -> dict[str, str]:
    roles: dict[str, str] = {}
    for role, label in lexicon().labels:
        roles.setdefault(re.sub(r"\s+", " ", fold(label)), role)
    return roles


def _role(label: str) -> str:
    role = _role_of_label()[re.sub(r"\s+", " ", label)]
    return "member" if role == "member_list" else role


@dataclass
class _Label:
    role: str
    value_start: int
    value_end: int
    member_heading: bool = False


def _labels_in(line: str, offset: int, kind: str) -> list[_Label]:
    """The attendance labels of a line and the span of each one's value (to the next label)."""
    start_re, inside_re = _label_patterns()
    folded = _fold_keep_length(line)
    found: list[tuple[int, str, int]] = []
    first = start_re.match(folded)
    opening = _opening_label(line, first, kind) if first else None
    if opening:
        found.append(opening)
    for match in inside_re.finditer(folded):
        if opening and match.start() < opening[2]:
            continue
        found.append((match.start(), _role(match.group("label")), match.end()))
    labels = []
    for i, (_, role, value_start) in enumerate(found):
        value_end = found[i + 1][0] if i + 1 < len(found) else len(line)
        member = role == "member_heading"
        labels.append(_Label("member" if member else role, offset + value_start, offset + value_end, member))
    return labels


def _opening_label(line: str, match: re.Match[str], kind: str) -> tuple[int, str, int] | None:
    """(position, role, value start) of the label that opens a line, if it is one.

    After a colon, dash or tab the value follows; after a space only a few lower-case words
    and a colon ("Přítomni za poskytovatele: ...") or, for a recorder, a name ("Zapsala
    Leona Mohrová."). "Přítomni byli všichni členové" is a sentence, not a label."""
    role, value_start, sep = _role(match.group("label")), match.end(), match.group("sep")
    if role == "member":
        return _member_label(line, match, kind)
    if sep.strip() or "\t" in sep or not line[value_start:].strip():
        return match.start("label"), role, value_start
    qualifier = _qualifier(line[value_start:])
    if qualifier:
        return match.start("label"), role, value_start + qualifier
    if role in lexicon().verb_like and line[value_start:value_start + 1].isupper():
        return match.start("label"), role, value_start
    return None


def _member_label(line: str, match: re.Match[str], kind: str) -> tuple[int, str, int]:
    """"Seznam členů pracovní skupiny [Senioři]" opens a members' section (a heading, or a
    title line); with more text after it, the text is the list itself (a flattened slide)."""
    rest = line[match.end():]
    words = rest.strip(" :").split()
    if kind == "heading" or len(words) <= 3 and all(w[0].isupper() for w in words):
        return match.start("label"), "member_heading", _after_colon(line, match.end())
    return match.start("label"), "member", match.end()


def _qualifier(text: str) -> int:
    """Length of "za poskytovatele:" - up to four lower-case words (or abbreviations) and a
    colon that qualify a label - or 0."""
    colon = text.find(":")
    words = text[:colon].split() if 0 < colon <= 60 else []
    if not 1 <= len(words) <= 4:
        return 0
    if all(w[0].islower() or w[0] in "(/" or (w.isupper() and len(w) <= 5) for w in words):
        return colon + 1
    return 0


def _after_colon(line: str, start: int) -> int:
    colon = line.find(":", start - 1 if start else 0)
    return colon + 1 if colon >= 0 else len(line)


def _fold_keep_length(text: str) -> str:
    """`fold` with offsets kept: offsets into the folded text are offsets into `text`
    (character by character only when folding changes the length, as ligatures do)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join((fold(c) or c)[:1] for c in text)


def _is_responsibility(line: str) -> bool:
    """"R: Jana Nová", "Kontaktní osoba: ...", "Publikoval(a) ...": names that are not attendees."""
    folded = fold(line).lstrip(" •·-–*\t")
    for word in lexicon().responsibility:
        if folded.startswith(word) and (len(folded) == len(word) or not folded[len(word)].isalnum()):
            return True
    return False


def _names_nobody(text: str) -> bool:
    folded = fold(text)
    return any(phrase in folded for phrase in lexicon().nobody)


# --------------------------------------------------------------------------- rows


@dataclass
class _Rows:
    """Rows keyed by (person, role): a person named twice in one role is one row; a later
    mention fills titles or organisation the first one lacked."""

    rows: dict[tuple[tuple[str, ...], str], dict] = field(default_factory=dict)

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
    lex = lexicon()
    words = [w for w in re.split(r"[\s.]+", fold(name)) if w and w not in lex.address]
    return tuple(sorted(words))


# --------------------------------------------------------------------------- document walk


@dataclass
class _Line:
    block: BlockView
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def _lines(block: BlockView) -> Iterator[_Line]:
    pos = 0
    for part in block.text.split("\n"):
        yield _Line(block, pos, pos + len(part))
        pos += len(part) + 1


def _units(blocks: Sequence[BlockView]) -> Iterator[list[BlockView]]:
    """Blocks one by one, except that the cells of one table come together."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "table_cell" and block.table_id is not None:
            j = i
            while j < len(blocks) and blocks[j].kind == "table_cell" and blocks[j].table_id == block.table_id:
                j += 1
            yield list(blocks[i:j])
            i = j
        else:
            yield [block]
            i += 1


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the document's attendees to `result.tables["attendees"]`."""
    rows = _Rows()
    consumed: set[tuple[int, int]] = set()
    _from_lists(blocks, rows, consumed)
    _from_text(blocks, rows, consumed, _plan_blocks(blocks, result))
    result.tables.setdefault(TABLE, []).extend(rows.rows.values())


# Roles named once, on the label's line or the line after it; lists of other roles go on.
_SINGLE_ROLES = ("recorder", "chair", "speaker")


@dataclass
class _ListState:
    """The list being read: its role; `lenient` reads flattened runs and lines with other
    words (a members' section); `sticky` survives lines naming nobody (up to a heading)."""

    role: str | None = None
    lenient: bool = False
    sticky: bool = False
    table: bool = False  # a table may hold the list: the label had no value on its own line


def _plan_blocks(blocks: Sequence[BlockView], result: Extraction) -> set[int]:
    """Blocks under a goal, measure or activity found by the plan extractor (which runs
    first): from the item's block up to the next heading that is no plan item."""
    starts = {row["block_id"] for table in ("goals", "measures", "activities")
              for row in result.tables.get(table, [])}
    inside, current = set(), False
    for block in blocks:
        if block.block_id in starts:
            current = True
        elif block.kind == "heading":
            current = False
        if current:
            inside.add(block.block_id)
    return inside


def _from_lists(blocks: Sequence[BlockView], rows: _Rows, consumed: set[tuple[int, int]]) -> None:
    """Attendance lists, member lists and signature tables, walking the document in order.

    A label sets the role of the list; the next lines or a table go on with it while they
    name persons; a heading or a line that names nobody ends it."""
    state = _ListState()
    for unit in _units(blocks):
        if unit[0].kind == "table_cell":
            _from_table(unit, state.role if state.table else None, rows)
            state = _ListState()
            continue
        block = unit[0]
        if block.kind == "heading":
            state = _ListState()
        for line in _lines(block):
            if not line.text.strip():
                continue
            if _is_responsibility(line.text):
                state = _ListState()
                consumed.add((block.block_id, line.start))
                continue
            labels = _labels_in(line.text, line.start, block.kind)
            if labels:
                consumed.add((block.block_id, line.start))
                for label in labels:
                    state = _read_label(block, label, rows)
                continue
            if state.role and _emit(block, line.start, line.end, state.role, rows, strict=not state.lenient):
                consumed.add((block.block_id, line.start))
                if state.role in _SINGLE_ROLES:
                    state = _ListState()
            elif not state.sticky:
                state = _ListState()


def _read_label(block: BlockView, label: _Label, rows: _Rows) -> _ListState:
    """Emit the persons on a label's line; return the list the next lines may continue."""
    value, member = block.text[label.value_start:label.value_end], label.role == "member"
    found = bool(value.strip()) and _emit(block, label.value_start, label.value_end, label.role, rows,
                                          strict=False, singles=not member)
    if label.member_heading:
        return _ListState("member", lenient=True, sticky=block.kind == "heading", table=True)
    if _names_nobody(value) or (found and label.role in _SINGLE_ROLES):
        return _ListState()
    return _ListState(label.role, lenient=member, table=not value.strip())


def _emit(block: BlockView, start: int, end: int, role: str, rows: _Rows, strict: bool,
          singles: bool = False) -> bool:
    people = _people_in(block, start, end, strict, singles)
    for person in people:
        rows.add(block, person, role)
    return bool(people)


# --------------------------------------------------------------------------- tables


def _from_table(cells: list[BlockView], pending: str | None, rows: _Rows) -> None:
    """A table of people (header "Jméno | Organizace"), or label cells with their values
    beside or below them ("Zapsala:" | "Kateřina Marcinková")."""
    grid: dict[int, dict[int, BlockView]] = {}
    for cell in cells:
        grid.setdefault(cell.row or 0, {})[cell.col or 0] = cell
    order = sorted(grid)
    header = _people_header(grid[order[0]]) if order else None
    if header:
        name_col, org_col = header
        for r in order[1:]:
            _table_person(grid[r], name_col, org_col, pending or "present", rows)
        return
    used: set[int] = set()
    for index, r in enumerate(order):
        for c in sorted(grid[r]):
            cell = grid[r][c]
            if cell.block_id in used or not cell.text.strip():
                continue
            labels = _labels_in(cell.text, 0, "table_cell")
            if not labels or labels[0].member_heading:
                continue
            label = labels[0]
            if _names_nobody(cell.text[label.value_start:]):
                continue
            if cell.text[label.value_start:].strip():
                _emit(cell, label.value_start, len(cell.text), label.role, rows, strict=False, singles=True)
                continue
            for value in _value_cells(grid, order, index, c):
                used.add(value.block_id)
                _emit(value, 0, len(value.text), label.role, rows, strict=False, singles=True)
    if pending and not used:
        for r in order:
            _row_of_people(grid[r], pending, rows)


def _value_cells(grid: dict[int, dict[int, BlockView]], order: list[int], index: int, col: int) -> list[BlockView]:
    """The cells holding a label cell's value: the next non-empty cell in its row, else the
    cells below it down to an empty or label cell ("Přítomni" over a column of names)."""
    row = grid[order[index]]
    for c in sorted(k for k in row if k > col):
        if row[c].text.strip():
            if not _labels_in(row[c].text, 0, "table_cell"):
                return [row[c]]
            break
    below = []
    for r in order[index + 1:]:
        cell = grid[r].get(col)
        if cell is None or not cell.text.strip() or _labels_in(cell.text, 0, "table_cell"):
            break
        below.append(cell)
    return below


def _people_header(row: dict[int, BlockView]) -> tuple[int, int | None] | None:
    """Column of names and of organisations when `row` is the header of a table of people."""
    lex = lexicon()
    name_col = org_col = None
    for c, cell in sorted(row.items()):
        head = re.sub(r"\s+", " ", fold(cell.text)).strip(" :")
        if name_col is None and _header_in(head, lex.name_headers):
            if any(word in head for word in lex.responsibility if len(word) > 3):
                return None  # "Jméno kontaktní osoby": a table of contacts, not of attendees
            name_col = c
        elif org_col is None and _header_in(head, lex.org_headers):
            org_col = c
    return (name_col, org_col) if name_col is not None else None


def _row_of_people(row: dict[int, BlockView], role: str, rows: _Rows) -> None:
    """A row of a headerless table after a label: cells of names, and a cell that names an
    organisation belongs to the names in the cell before it."""
    lex = lexicon()
    found: list[tuple[BlockView, list[Person]]] = []
    for c in sorted(row):
        cell = row[c]
        if not cell.text.strip():
            continue
        people = _people_in(cell, 0, len(cell.text), strict=False)
        if people:
            found.append((cell, people))
        elif found and cell.text.strip()[0].isupper():
            org = _clean_org(cell.text, lex)
            for person in found[-1][1]:
                person.organisation = person.organisation or org
    for cell, people in found:
        for person in people:
            rows.add(cell, person, role)


def _header_in(head: str, headers: frozenset[str]) -> bool:
    """"Jméno a příjmení" is a name header, "Organizace / funkce" an organisation header."""
    return any(head == h or head.startswith(h + " ") or head.startswith(h + "/") for h in headers)


def _table_person(row: dict[int, BlockView], name_col: int, org_col: int | None, role: str, rows: _Rows) -> None:
    cell = row.get(name_col)
    if cell is None or not cell.text.strip():
        return
    people = _people_in(cell, 0, len(cell.text), strict=False)
    org_cell = row.get(org_col) if org_col is not None else None
    org = _clean_org(org_cell.text, lexicon()) if org_cell is not None and org_cell.text.strip() else None
    for person in people:
        if person.organisation is None and org and org_cell is not None and org_cell.text.strip()[0].isupper():
            person.organisation = org
        rows.add(cell, person, role)


# --------------------------------------------------------------------------- running text


def _from_text(blocks: Sequence[BlockView], rows: _Rows, consumed: set[tuple[int, int]],
               in_plan: set[int]) -> None:
    """Speakers and chairs named in the running text, and the signer of a presentation.
    `in_plan` holds the blocks under a plan item, where "Name: ..." is a task's owner."""
    lex = lexicon()
    closing_seen = False
    for block in blocks:
        for line in _lines(block):
            text = line.text
            if not text.strip():
                continue
            if closing_seen:
                closing_seen = False
                signer = _signer(block, line)
                if signer:
                    rows.add(block, signer, "speaker")
                    continue
            folded = fold(text)
            if any(phrase in folded for phrase in lex.closing):
                closing_seen = True
            if (block.block_id, line.start) in consumed or _is_responsibility(text):
                continue
            for person, role in _speakers(block, line, in_plan=block.block_id in in_plan):
                rows.add(block, person, role)


def _signer(block: BlockView, line: _Line) -> Person | None:
    """A line that is one person's name and nothing else (titles allowed)."""
    people = [p for p in _candidates(block.text, line.start, line.end) if _strong(p)]
    if len(people) != 1:
        return None
    person = people[0]
    before = block.text[line.start:person.start]
    after = block.text[person.tail:line.end]
    if before.strip(" \t") and not all(w.rstrip(".") and _is_title_word(w) for w in before.split()):
        return None
    return person if not after.strip(" .,\t") else None


def _is_title_word(word: str) -> bool:
    lex = lexicon()
    return word in lex.titles or word.lower() in lex.titles_lower or word.lower() in lex.address \
        or word.lower() in lex.ranks


def _speakers(block: BlockView, line: _Line, in_plan: bool = False) -> Iterator[tuple[Person, str]]:
    """Persons of one line of running text with the role the text gives them, if any."""
    doc, lex = _doc(block.text), lexicon()
    people = [p for p in _candidates(block.text, line.start, line.end)
              if _strong(p) and not _street(block.text, p)]
    if not people:
        return
    presenters = _presenters(block, line, people)
    for person in people:
        if person in presenters:
            yield person, "speaker"
            continue
        role = _verb_role(doc, person, line, lex) or _intro_role(doc, person, line) \
            or (None if in_plan else _colon_role(block, person, line))
        if role:
            yield person, role


def _street(text: str, person: Person) -> bool:
    """"se sídlem Jana Palacha 12": a name followed by a house number is a street."""
    return bool(re.match(r"\s+\d+(?:/\d+)?[a-z]?\b", text[person.tail:]))


def _strong(person: Person) -> bool:
    """Free text needs more than capitalised words: a title, address, initial or given name."""
    return person.marked or (person.cued and len(person.name.split()) >= 2)


def _token_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text) or tok.idx >= char:
            return tok.i
    return len(doc)


def _verb_kind(tok: Token, lex: Lexicon) -> str | None:
    """The role a verb gives its subject ("informovala" -> speaker, "vedl" -> chair)."""
    word = tok.lower_
    for kind, stems in lex.verbs:
        for stem in stems:
            if word == stem or (word.startswith(stem) and word[len(stem):] in ("a", "i", "y", "o")):
                return kind
    return None


def _verb_role(doc: Doc, person: Person, line: _Line, lex: Lexicon) -> str | None:
    """"Mgr. Tomáš Jelínek shrnul ...", "Ing. X (za KÚLK) informovala", "Jednání vedla Mgr. X"."""
    first = _token_at(doc, person.start)
    if first > 0 and doc[first - 1].idx >= line.start:
        before = doc[first - 1]
        while before.i > 0 and _is_marker_tok(before):
            before = doc[before.i - 1]
        if before.lower_ in lex.prepositions and before.idx >= line.start:
            return None
    return _verb_before(doc, first, line, lex) or _verb_after(doc, person, line, lex)


def _verb_after(doc: Doc, person: Person, line: _Line, lex: Lexicon) -> str | None:
    i, depth, seen = _token_at(doc, person.tail), 0, 0
    while i < len(doc) and doc[i].idx < line.end and seen < 14:
        tok = doc[i]
        depth += tok.text.count("(") - tok.text.count(")")
        if depth <= 0 and tok.text in (".", "!", "?", ";"):
            return None
        kind = _verb_kind(tok, lex) if depth <= 0 else None
        if kind:
            org = _apposition_org(line.block.text[person.tail:tok.idx])
            if org and person.organisation is None:
                person.organisation = org
            return kind
        i, seen = i + 1, seen + 1
    return None


def _apposition_org(between: str) -> str | None:
    """The organisation between a name and its verb: "(za KÚLK)", ", ředitel organizace X, p. o.,"."""
    text = between.strip()
    if not text:
        return None
    lex = lexicon()
    if text.startswith("("):
        return _clean_org(text, lex)
    if text.startswith(","):
        return _clean_org(text.strip(" ,"), lex)
    return None


def _verb_before(doc: Doc, first: int, line: _Line, lex: Lexicon) -> str | None:
    """A verb just before the name, with at most a few function words between
    ("Jednání zahájila předsedkyně řídicí skupiny Mgr. Jitka Malinová")."""
    i, gap = first - 1, 0
    while i >= 0 and doc[i].idx >= line.start and gap <= 5:
        tok = doc[i]
        if _is_marker_tok(tok):
            i -= 1
            continue
        kind = _verb_kind(tok, lex)
        if kind:
            return kind
        if fold(tok.text) not in lex.functions:
            return None
        i, gap = i - 1, gap + 1
    return None


def _intro_role(doc: Doc, person: Person, line: _Line) -> str | None:
    """"Úvodní slovo K. Jandurová": an intro phrase right before the name."""
    first = _token_at(doc, person.start)
    for s, e in _intro_matches(line.block.text):
        if doc[s].idx < line.start or e > first:
            continue
        between = doc[e:first]
        if all(not t.text[0].isalnum() or _is_marker_tok(t) for t in between):
            return "speaker"
    return None


def _colon_role(block: BlockView, person: Person, line: _Line) -> str | None:
    """A line opened by a name and a colon reports what she said ("Mgr. Nová: služba má
    volnou kapacitu"); so does a name, a dash and a presentation ("p. Malý – informace o ...").
    An organisation in parentheses after the name is hers."""
    before = block.text[line.start:person.start].strip(" \t•·-–*")
    if before and not all(_is_title_word(w) for w in before.split()):
        return None
    after = block.text[person.tail:line.end].lstrip(" ")
    if after.startswith("("):
        close = after.find(")")
        if close < 0:
            return None
        person.organisation = person.organisation or _clean_org(after[:close + 1], lexicon())
        after = after[close + 1:].lstrip(" ")
    if after.startswith(":") and len(after.strip()) > 1:
        return "speaker"
    if after[:1] in _DASHES and any(fold(after[1:]).strip().startswith(cue) for cue in lexicon().presentation):
        return "speaker"
    return None


def _presenters(block: BlockView, line: _Line, people: list[Person]) -> list[Person]:
    """A parenthesised list of persons only, in an agenda line that presents something:
    "Firma X, s.r.o. – představení analýzy (p. Hündl, p. Špetlíková)". They get the
    organisation that opens the line."""
    lex, text = lexicon(), block.text
    found: list[Person] = []
    for match in re.finditer(r"\(([^()]*)\)", line.text):
        start, end = line.start + match.start(1), line.start + match.end(1)
        inside = [p for p in people if start <= p.start and p.end <= end]
        pieces = [s for s in _segments(text, start, end)]
        if not inside or len(inside) != len(pieces):
            continue
        if block.kind != "heading" and not any(cue in fold(line.text) for cue in lex.presentation):
            continue
        org = _leading_org(line.text, lex)
        for person in inside:
            if org and person.organisation is None:
                person.organisation = org
            found.append(person)
    return found


def _leading_org(line: str, lex: Lexicon) -> str | None:
    """The organisation that opens an agenda line: "2/ Firma ppm faktum research, s.r.o. – ..."."""
    text = re.sub(r"^\s*(?:\d+\s*[/.)]|[a-z]\))?\s*", "", line)
    head = re.split(r"\s[–—-]\s|:", text, maxsplit=1)[0].strip()
    words = head.split()
    prefixed = bool(words) and fold(words[0]) in lex.org_prefixes
    if prefixed:
        head = head[len(words[0]):].strip()
    if not head or not (prefixed or _looks_like_org(head, lex)):
        return None
    for form in lex.legal_forms:
        if head.lower().endswith(form.lower()):
            head = head[:-len(form)].rstrip(" ,")
            break
    return head or None
