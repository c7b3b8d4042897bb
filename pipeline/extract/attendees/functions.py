"""A person named by her function only: minutes name a person once with her function ("Ing. Petr
Malý, předseda svazku", "Mgr. Jana Nová – vedoucí PS") and later write the function as the
subject of a sentence ("Předseda svazku pozdravil přítomné", "Vedoucí PS všechny přítomné
přivítala"). When exactly one person of the document holds that function, the sentence's verb
gives her its role (speaker, chair)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.nlp import tokens_within
from pipeline.extract.spans.persons import PersonName, persons_in
from pipeline.extract.text import fold, lines
from pipeline.extract.attendees.lexicon import lexicon
from pipeline.extract.attendees.lists import Person, Rows
from pipeline.extract.attendees.running_text import verb_kind

FUNCTION_WORDS = 3  # a function's words: its head and at most two words of its body ("předseda svazku")
SUBJECT_WINDOW = 6  # how many words after the function its verb may stand
_NOTE = re.compile(r"\s*(?:,|\s[–—-])\s*(?P<function>[^,;()\n–—]+)")
_END = (".", "!", "?", ";", ",")
_SENTENCE_ENDS = (".", "!", "?")


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """configs/attendance.toml [cues] function_heads."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["function_heads"])


def _key(words: list[str]) -> tuple[str, ...]:
    """A function's words as compared: folded, at most `FUNCTION_WORDS`, up to a capitalised word."""
    out: list[str] = []
    for word in words[:FUNCTION_WORDS]:
        if not word[:1].isalpha() or (out and word[:1].isupper() and not word.isupper()):
            break
        out.append(fold(word))
    return tuple(out)


def holders(document: Annotated) -> dict[tuple[str, ...], list[tuple[BlockView, PersonName]]]:
    """Each function written right after a name (after a comma or a dash) -> the persons so named."""
    found: dict[tuple[str, ...], list[tuple[BlockView, PersonName]]] = {}
    for block in document:
        doc = document.doc(block)
        for person in persons_in(doc, 0, len(block.text)):
            if not person.strong:
                continue
            note = _NOTE.match(block.text, person.tail)
            words = note.group("function").split() if note else []
            key = _key(words)
            if key and key[0] in _heads():
                found.setdefault(key, []).append((block, person))
    return found


def from_functions(document: Annotated, rows: Rows) -> None:
    """A role for the one holder of a function that is the subject of a verb."""
    known = holders(document)
    if not known:
        return
    for block in document:
        doc = document.doc(block)
        for line in lines(block):
            for key, role in _subjects(doc, line.start, line.end):
                people = {fold(p.name): (b, p) for k, found in known.items() if k[:len(key)] == key
                          for b, p in found}
                if len(people) == 1:
                    (holder_block, holder), = people.values()
                    rows.add(holder_block, Person(holder), role)


def _subjects(doc: Doc, start: int, end: int) -> list[tuple[tuple[str, ...], str]]:
    """(function, role) of each sentence of the line that opens with a function (after a word of
    address: "Pan starosta") and has a speech or chairing verb within a few words."""
    lex = lexicon()
    tokens = list(tokens_within(doc, start, end))
    out = []
    for k, tok in enumerate(tokens):
        bullet = k == 1 and not tokens[0].text[:1].isalnum()
        if not (k == 0 or bullet or tokens[k - 1].text in _SENTENCE_ENDS):
            continue
        first = k + 1 if fold(tok.text) in lexicon_address() and k + 1 < len(tokens) else k
        if fold(tokens[first].text) not in _heads():
            continue
        key = _key([t.text for t in tokens[first:first + FUNCTION_WORDS]
                    if not lex.is_verb(t.text)][:FUNCTION_WORDS])
        words = [t for t in tokens[first + len(key):first + len(key) + SUBJECT_WINDOW]]
        for word in words:
            if word.text in _END:
                break
            kind = verb_kind(word, lex)
            if kind in ("speaker", "chair"):
                out.append((key, kind))
                break
            if word.text[:1].isupper():
                break  # a name of her own follows: running_text reads it
    return out


@lru_cache(maxsize=1)
def lexicon_address() -> frozenset[str]:
    """Words of address before a function ("pan starosta", "paní předsedkyně")."""
    return frozenset(fold(w) for w in load("people")["address"])
