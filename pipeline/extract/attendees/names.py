"""Recognising persons in text: "Mgr. Jana Nová, DiS.", "p. Malý", "NOVÁKOVÁ Jana".

A spaCy Matcher proposes candidates ([address] [rank]* [title]* [initial] Name{1,4});
`_person` refines each into a `Person`: academic titles go to `titles` (also those written
after the name), words of address and ranks are dropped, and the capitalised run is cut
where the name ends ("Jan Hrubec Občanské sdružení" -> "Jan Hrubec").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.extract.text import fold
from pipeline.extract.nlp import nlp, tokenize
from pipeline.extract.attendees.lexicon import Lexicon, lexicon


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


def is_marker_tok(tok: Token) -> bool:
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
def tokens_of(text: str) -> Doc:
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
        doc = doc.copy()  # the tokenizer's Doc is shared (memoised)
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(doc[span.start:span.end])
    return doc


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
    noted_roles: tuple[str, ...] = ()  # roles a list notes beside the name ("(předsedající)")


def _name_cut(words: list[Token], lex: Lexicon, end_limit: int) -> list[Token]:
    """How many capitalised words are the name: stop before a word that is not a name
    ("Městský" úřad), and take a third word only when the name ends after it
    ("Helena Bianchi Koubková -", not "Jan Hrubec Občanské sdružení")."""
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
    return (not nxt.text[0].isalpha()) or is_marker_tok(nxt) or nxt.lower_.rstrip(".") in lexicon().after_titles \
        or nxt.lower_ in lexicon().after_titles or _is_caps(nxt.text)


def _person(span: Span, lex: Lexicon, start: int, end: int) -> Person | None:
    """Refine a Matcher candidate into a Person, or None when it is not one.

    Tokens outside `[start, end)` are dropped, and so are capitalised words that are no names
    in front of the name ("Zapsala Leona Hájková" -> Leona Hájková)."""
    tokens = [t for t in span if t.idx >= start and t.idx + len(t.text) <= end]
    while tokens and _plain_word(tokens[0]) and fold(tokens[0].text) in lex.not_names:
        tokens = tokens[1:]
    if not tokens:
        return None
    address = [t for t in tokens if _is_address_tok(t)]
    ranks = [t for t in tokens if _is_rank_tok(t)]
    titles = [t for t in tokens if _is_title_tok(t) and not _is_address_tok(t)]
    initials = [t for t in tokens if _is_initial(t.text) and not is_marker_tok(t)]
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
    """In "Městský úřad Vyškov Jan Kostelecký" the capitalised run is two things: the
    person starts at the given name when the words before it are no given names."""
    for k in range(1, len(words) - 1):
        if _is_given(words[k], lex) and not any(_is_given(w, lex) for w in words[:k]):
            return words[k:]
    return words


def _is_given(word: Token, lex: Lexicon) -> bool:
    return any(fold(part) in lex.given for part in word.text.split("-"))


def _plain_word(tok: Token) -> bool:
    """A capitalised word that is not a title, a word of address or a rank."""
    return _is_nameish_tok(tok) and not is_marker_tok(tok)


def _caps_words(words: list[Token], lex: Lexicon) -> list[Token]:
    """Capitals are a surname only beside a given name ("NOVÁKOVÁ Jana"); otherwise an
    abbreviation, which is dropped in front of the name and ends it after ("SMJ")."""
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
    return nxt is None or not (_is_nameish_tok(nxt) or _is_initial(nxt.text) or is_marker_tok(nxt))


def _is_after_title(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in lex.after_titles or (tok.lower_.rstrip(".") in lex.after_titles and tok.text[0].isupper())


@lru_cache(maxsize=256)
def _matches(block_text: str) -> tuple[tuple[int, int], ...]:
    """Token ranges of the person Matcher over a block (cached: a block is read line by line)."""
    return tuple((s, e) for _, s, e in _person_matcher()(tokens_of(block_text)))


@lru_cache(maxsize=256)
def intro_matches(block_text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for _, s, e in _phrase_matcher()(tokens_of(block_text)))


def person_candidates(block_text: str, start: int, end: int) -> list[Person]:
    """Person candidates whose name lies inside `[start, end)` of the block text."""
    doc, lex = tokens_of(block_text), lexicon()
    found = []
    for s, e in _matches(block_text):
        span = doc[s:e]
        if span.end_char <= start or span.start_char >= end:
            continue
        person = _person(span, lex, start, end)
        if person:
            found.append(person)
    return sorted(found, key=lambda p: p.start)


def is_title_word(word: str) -> bool:
    lex = lexicon()
    return word in lex.titles or word.lower() in lex.titles_lower or word.lower() in lex.address \
        or word.lower() in lex.ranks


def strong(person: Person) -> bool:
    """Free text needs more than capitalised words: a title, address, initial or given name."""
    return person.marked or (person.cued and len(person.name.split()) >= 2)


def street(text: str, person: Person) -> bool:
    """"se sídlem Jana Palacha 12": a name followed by a house number is a street."""
    return bool(re.match(r"\s+\d+(?:/\d+)?[a-z]?\b", text[person.tail:]))
