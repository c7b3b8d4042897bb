"""A person named in an oblique case ("předala slovo Mgr. Kašpárkovi", "představila hosty: paní
Mgr. Vejvodovou") is written in the nominative (SPEC), the form the document gives elsewhere
("Pan Mgr. Kašpárek doplnil"): her row takes that form, and points at it.

Two forms are one surname when they have one stem after the case endings of
configs/attendance.toml [cases] are cut (and the "e" that Czech drops before a final consonant:
Kašpárek, Kašpárka) and one gender (Nováková is not Novák). The nominative is the form with the
nominative ending of its gender (a man's -a, as in Fiala, only when no other form is surer);
without one in the document the row stays as written."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.model import Annotated
from pipeline.extract.spans.persons import PersonName, person_words
from pipeline.extract.text import fold

PERSON_KEY = "person"  # the key of the person spans (pipeline.extract.spans.persons)
MIN_STEM = 3  # a stem shorter than this is no surname's


@dataclass(frozen=True)
class _Cases:
    endings: tuple[str, ...]        # case endings, longest first
    feminine: tuple[str, ...]       # endings of a woman's surname in any case
    nominative_f: tuple[str, ...]   # the nominative endings of a woman's surname
    nominative_m: tuple[str, ...]   # the vowel endings of a man's surname in the nominative (-ý)
    nominative_m_vowel: tuple[str, ...]  # vowels a man's nominative may end in, as other cases do (-a)
    oblique_m: tuple[str, ...]      # consonant endings of a man's oblique case (-em), as a nominative's
    vowels: frozenset[str]


@lru_cache(maxsize=1)
def _cases() -> _Cases:
    words = load("attendance")["cases"]
    return _Cases(tuple(sorted(words["endings"], key=len, reverse=True)), tuple(words["feminine"]),
                  tuple(words["nominative_feminine"]), tuple(words["nominative_masculine"]),
                  tuple(words["nominative_masculine_shared"]), tuple(words["oblique_masculine_consonant"]),
                  frozenset(words["vowels"]))


def _key(surname: str) -> tuple[str, bool] | None:
    """(stem, feminine) of a surname, None for a word too short to tell."""
    cases, word = _cases(), surname.lower()
    feminine = word.endswith(cases.feminine)
    for ending in cases.endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[:-len(ending)]
            break
    if len(word) > MIN_STEM and word[-2] == "e" and word[-1] not in cases.vowels:
        word = word[:-2] + word[-1]  # Kašpárek -> kašpárk, as Kašpárka
    return (fold(word), feminine) if len(word) >= MIN_STEM else None


def _rank(surname: str) -> int:
    """How surely a form is the nominative, by its ending: 1 a woman's -á, a man's consonant or
    -ý; 2 a man's -a (Fiala, but also Kubíčka) or his instrumental -em (Vlčkem, but also Šálem);
    3 another case."""
    cases, word = _cases(), surname.lower()
    if word.endswith(cases.feminine):
        return 1 if word.endswith(cases.nominative_f) else 3
    if word.endswith(cases.oblique_m) and len(word) - 2 >= MIN_STEM:
        return 2
    if word[-1:] not in cases.vowels or word.endswith(cases.nominative_m):
        return 1
    return 2 if word.endswith(cases.nominative_m_vowel) else 3


def mentions(document: Annotated) -> list[tuple[int, PersonName]]:
    """(block id, person) of every person the document names with a title, a word of address or
    a given name: read once per document (`document.memo`)."""
    memo = getattr(document, "memo", None)
    if memo is not None and MEMO_KEY in memo:
        return memo[MEMO_KEY]
    found = []
    for block in document:
        doc = document.doc(block)
        for span in doc.spans[PERSON_KEY] if PERSON_KEY in doc.spans else ():
            if span._.person.cued:
                found.append((block.block_id, span._.person))
    if memo is not None:
        memo[MEMO_KEY] = found
    return found


MEMO_KEY = "attendee_mentions"


def in_nominative(rows: list[dict], document: Annotated) -> list[dict]:
    """The rows whose surname is in an oblique case, with the nominative the document gives."""
    forms: dict[tuple[str, bool], dict] = {}
    for block_id, person in mentions(document):
        surname = person.name.split()[-1]
        key = _key(surname)
        rank = _rank(surname)
        if key is not None and (key not in forms or rank < forms[key]["rank"]):
            forms[key] = {"name": person.name, "surname": surname, "rank": rank, "block_id": block_id,
                          "char_start": person.start, "char_end": person.end}
    out, seen = [], set()
    for row in rows:
        words = row["name"].split()
        key = _key(words[-1]) if len(words) <= 2 else None
        found = forms.get(key) if key is not None else None
        if found is not None and found["rank"] < _rank(words[-1]) and len(words) == 1:
            row = {**row, "name": found["surname"] if len(found["name"].split()) > 1 else found["name"],
                   "block_id": found["block_id"], "char_start": found["char_end"] - len(found["surname"]),
                   "char_end": found["char_end"]}
        elif found is not None and found["rank"] < _rank(words[-1]) and _same_given(words[0], found["name"]):
            # "Úvodní slovo Mgr. Ivany Krupkové" and "řídila Mgr. Ivana Krupková": her whole name in the nominative
            row = {**row, "name": found["name"], "block_id": found["block_id"],
                   "char_start": found["char_start"], "char_end": found["char_end"]}
        elif len(words) == 2:  # no surer form in the document
            row = _feminine_nominative(row, words)
        if (fold(row["name"]), row["role"]) in seen:
            continue  # the oblique form and the nominative named her in one role
        seen.add((fold(row["name"]), row["role"]))
        out.append(row)
    return out


def _same_given(given: str, name: str) -> bool:
    """A given name in an oblique case ("Ivany") and the given name of a two-word name ("Ivana
    Krupková") are one name: one stem after the case endings."""
    words = name.split()
    mine, theirs = _key(given), _key(words[0]) if len(words) == 2 else None
    return mine is not None and theirs is not None and mine[0] == theirs[0]


def _feminine_nominative(row: dict, words: list[str]) -> dict:
    """"Renatou Malou", "Petru Novákovou" with no nominative in the document: a woman's given name
    and surname in the accusative or instrumental take their nominative endings ("Renata Malá"),
    when the given name so made is a known one."""
    given, surname = _ending_swap(words[0], "oblique_feminine_given"), _ending_swap(words[1], "oblique_feminine_surname")
    if given is None or surname is None or fold(given) not in person_words().given:
        return row
    return {**row, "name": f"{given} {surname}"}


def _ending_swap(word: str, key: str) -> str | None:
    """`word` with its oblique ending (configs/attendance.toml [cases] `key`) made nominative."""
    for oblique, nominative in load("attendance")["cases"][key]:
        if word.endswith(oblique) and len(word) - len(oblique) >= MIN_STEM:
            return word[:-len(oblique)] + nominative
    return None


def person_key(name: str) -> tuple[tuple[str, bool] | None, ...] | None:
    """One key for a full name in any case ("Petru Malou" = "Petra Malá"): the stems of its words."""
    words = name.split()
    if len(words) < 2:
        return None
    keys = tuple(_key(w) for w in words)
    return None if any(k is None for k in keys) else keys
