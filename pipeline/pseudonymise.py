"""Pseudonymised tables for publication: person names replaced by stable keyed hashes.

Minutes name private persons. With `kpss extract --pseudonymise` every person the
extractors recognised anywhere in the run (`attendees.name`, `documents.recorded_by`)
is written as `Osoba-<10 hex digits>`, an HMAC-SHA256 of the name under a secret
key: the same person gets the same pseudonym in every document and every run with
that key, and nobody without the key can recompute it from a list of names.

The run's persons (`People`, collected over the whole run, so a surname recognised
in one document is not left readable in another) are looked for in every text
column of every table: full name, surname alone, initial + surname (`K. Nováková`,
`J.Nováková`), surname first, and their inflected forms (`Mgr. Kašpárkovi`, `paní
Novákovou`); the declension rules are data in configs/pseudonymise.toml. Only
capitalised words (or words in capitals) match, so common words stay; a surname of
fewer than four letters is replaced only with its first name or initial. In the
block text every provenance span of an edited block moves with the text, so spans
still point at their values; an attendee's own span always gets that attendee's
pseudonym. A surname alone gets the pseudonym of the one person of the document
(else of the run) with that surname, or, when several share it, a pseudonym of the
surname.

This is applied when the tables are written; the cache keeps the clear results,
so changing or dropping the key needs no re-reading. Academic titles stay: they
identify nobody by themselves. Nothing here logs text or names.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Collection, Iterable

from pipeline.config import load

PREFIX = "Osoba-"
KEY_OPTION = "--pseudonym-key"
MASK = "***"
# Columns that name files or rows, never persons' text: left as they are so rows keep their keys.
KEPT_COLUMNS = frozenset({"doc_id", "source_path", "duplicate_of"})
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"\s{1,3}")  # between the words of one name
_AFTER_INITIAL = re.compile(r"\.\s{0,2}")  # "J. Nováková", "J.Nováková"

Edit = tuple[int, int, str, str]  # start, end, new text, old text


def pseudonym(name: str, key: bytes) -> str:
    """The pseudonym of a person's name: case, accents' encoding and spacing do not matter."""
    norm = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return PREFIX + hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()[:10]


def key_digest(key: bytes) -> str:
    """A one-way mark of the key for run fingerprints (the key itself is never written)."""
    return hmac.new(key, b"kpss-fingerprint", hashlib.sha256).hexdigest()[:16]


def masked_argv(argv: list[str], key: bytes | None = None) -> list[str]:
    """A command line fit to record: the value of --pseudonym-key (both spellings) and any
    other occurrence of the key's text masked."""
    out: list[str] = []
    secret = key.decode("utf-8", errors="ignore") if key else ""
    for i, arg in enumerate(argv):
        if i and argv[i - 1] == KEY_OPTION:
            arg = MASK
        elif arg.startswith(KEY_OPTION + "="):
            arg = f"{KEY_OPTION}={MASK}"
        elif secret and secret in arg:
            arg = arg.replace(secret, MASK)
        out.append(arg)
    return out


# --- the run's persons and their forms -------------------------------------------------


@lru_cache(maxsize=1)
def _rules() -> tuple[int, tuple[tuple[str, tuple[str, ...]], ...]]:
    """(min surname length alone, (ending, forms) longest ending first) from the config."""
    config = load("pseudonymise")
    rules = [(ending, tuple(rule["forms"])) for rule in config["declension"] for ending in rule["endings"]]
    rules.sort(key=lambda r: -len(r[0]))
    return int(config["min_surname_alone"]), tuple(rules)


@lru_cache(maxsize=4096)
def forms_of(word: str) -> frozenset[str]:
    """A name's nominative and inflected forms, casefolded (configs/pseudonymise.toml)."""
    low = word.casefold()
    for ending, forms in _rules()[1]:
        if low.endswith(ending) and len(low) > len(ending):
            stem = low[:len(low) - len(ending)]
            return frozenset({low} | {stem + f.replace("~", ending) for f in forms})
    return frozenset({low})


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    people = load("people")
    return frozenset(n.casefold() for n in [*people["given_names_female"], *people["given_names_male"]])


@dataclass(frozen=True)
class Person:
    """A recognised name split for matching: given names, initials, surname."""

    name: str
    given: tuple[str, ...]  # casefolded nominatives
    initials: frozenset[str]  # upper-case letters
    surname: str  # as written (nominative)

    @property
    def identity(self) -> tuple[str, ...]:
        """The same for one name written in another order or case."""
        return (self.surname.casefold(), *sorted(self.given))

    @classmethod
    def parse(cls, name: str) -> Person | None:
        words = name.split()
        initials = frozenset(w[0].upper() for w in words if re.fullmatch(r"\w\.?", w))
        full = [w for w in words if not re.fullmatch(r"\w\.?", w)]
        if not full:
            return None
        given_list = _given_names()
        surname_first = len(full) > 1 and full[-1].casefold() in given_list and full[0].casefold() not in given_list
        surname = full[0] if surname_first else full[-1]
        given = tuple(w.casefold() for w in (full[1:] if surname_first else full[:-1]))
        return cls(" ".join(words), given, initials | {g[0].upper() for g in given}, surname)


def names_of(result: Any) -> set[str]:
    """The persons a file's result names: attendees and recorders (for `People`)."""
    names = {r["name"] for r in result.rows.get("attendees", []) if r.get("name")}
    names.update(n.strip() for n in str(result.document.get("recorded_by") or "").split(",") if n.strip())
    return names


class People:
    """The run's recognised persons, indexed by every form of their surnames and given names.
    Holds names only (small whatever the archive's size)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.min_alone = _rules()[0]
        self.by_name: dict[str, Person] = {}
        self.surnames: dict[str, set[str]] = {}  # casefolded form -> names
        self.given: dict[str, frozenset[str]] = {}  # name -> casefolded forms of its given names
        self.canonical_of: dict[tuple[str, ...], str] = {}  # identity -> the name its pseudonym is made of
        for name in names:
            person = Person.parse(" ".join(str(name).split()))
            if person is None or person.name in self.by_name:
                continue
            self.by_name[person.name] = person
            for part in {person.surname, *person.surname.split("-")} - {""}:  # Nováková-Svobodová: each part too
                for form in forms_of(part):
                    self.surnames.setdefault(form, set()).add(person.name)
            self.given[person.name] = frozenset().union(*(forms_of(g) for g in person.given))
            known = self.canonical_of.get(person.identity)
            self.canonical_of[person.identity] = min(person.name, known) if known else person.name

    def edits(self, text: str, key: bytes, local: Collection[str] = ()) -> list[Edit]:
        """Where the persons are named in `text`, with their pseudonyms (disjoint, in order).
        `local`: the names recognised in this document, preferred for a surname alone."""
        if not self.surnames:
            return []
        words = [m for m in _WORD.finditer(text) if m.group()[0].isupper()]
        found: list[Edit] = []
        for i, word in enumerate(words):
            names = self.surnames.get(word.group().casefold())
            if names:
                found.extend(self._match(text, words, i, sorted(names), key, local))
        merged: list[Edit] = []
        for edit in _disjoint(found):  # the two parts of `Nováková-Svobodová` become one pseudonym
            if merged and merged[-1][2] == edit[2] and text[merged[-1][1]:edit[0]] == "-":
                edit = (merged.pop()[0], edit[1], edit[2], "")
            merged.append(edit)
        return merged

    def _match(self, text: str, words: list[re.Match[str]], i: int, names: list[str], key: bytes,
               local: Collection[str]) -> list[Edit]:
        """The name around surname word i: given names before it (or after it), or an initial."""
        start, end = words[i].start(), words[i].end()
        given: list[str] = []
        j = i - 1
        while j >= 0 and _GAP.fullmatch(text, words[j].end(), start) and self._is_given(words[j].group(), names):
            given.insert(0, words[j].group().casefold())
            start, j = words[j].start(), j - 1
        k = i + 1
        while not given and k < len(words) and _GAP.fullmatch(text, end, words[k].start()) \
                and self._is_given(words[k].group(), names):
            end, k = words[k].end(), k + 1
            given.append(words[k - 1].group().casefold())
        initial = None
        if not given and j >= 0 and len(words[j].group()) == 1 \
                and _AFTER_INITIAL.fullmatch(text, words[j].end(), start):
            if any(words[j].group() in self.by_name[n].initials or not self.by_name[n].initials for n in names):
                initial, start = words[j].group(), words[j].start()
        if not given and initial is None and all(len(self.by_name[n].surname) < self.min_alone for n in names):
            return []  # a short surname alone is too often a common word
        fits = [n for n in names if self._fits(n, given, initial)]
        who = self._one(fits, local) or self._one(names, local)
        new = self.pseudonym(who, key) if who else pseudonym(self.by_name[names[0]].surname, key)
        return [(start, end, new, text[start:end])]

    def _is_given(self, word: str, names: list[str]) -> bool:
        low = word.casefold()
        return any(low in self.given[n] for n in names)

    def _fits(self, name: str, given: list[str], initial: str | None) -> bool:
        if given:
            return all(g in self.given[name] for g in given)
        return initial is None or initial in self.by_name[name].initials

    def _one(self, names: list[str], local: Collection[str]) -> str | None:
        """The single person among `names`: the only one of this document, else the only one
        (one name written two ways, `Jana Nováková` and `NOVÁKOVÁ Jana`, is one person)."""
        for group in ([n for n in names if n in local], names):
            if len({self.by_name[n].identity for n in group}) == 1:
                return group[0]
        return None

    def pseudonym(self, name: str, key: bytes) -> str:
        """A recognised person's pseudonym: the same for the name written in another order."""
        person = Person.parse(" ".join(name.split()))
        return pseudonym(self.canonical_of.get(person.identity, name) if person else name, key)

    def replace(self, value: str, key: bytes, local: Collection[str] = ()) -> str:
        """`value` with every recognised person named in it replaced by a pseudonym."""
        return _apply(value, self.edits(value, key, local))


# --- applying it to the rows -------------------------------------------------------------


def document_row(row: dict[str, Any], key: bytes, people: People | None = None) -> dict[str, Any]:
    """A documents row with `recorded_by` pseudonymised name by name and every other text
    field (title, location, working group, ...) with the run's persons replaced."""
    local = {n.strip() for n in str(row.get("recorded_by") or "").split(",") if n.strip()}
    people = people or People(local)
    out = {column: people.replace(value, key, local) if isinstance(value, str) and column not in KEPT_COLUMNS
           else value for column, value in row.items()}
    if row.get("recorded_by"):
        out["recorded_by"] = ", ".join(people.pseudonym(n, key) for n in str(row["recorded_by"]).split(",")
                                       if n.strip())
    return out


def file_result(result: Any, key: bytes, people: People | None = None) -> Any:
    """A runner FileResult with the persons replaced in its blocks and rows (a new object).
    `people`: the run's persons; by default the ones this result names."""
    local = names_of(result)
    people = people or People(local)
    rows = {table: [dict(r) for r in table_rows] for table, table_rows in result.rows.items()}
    blocks = [dict(b) for b in result.blocks]
    named: dict[int, list[Edit]] = {}
    text_of = {b["block_id"]: b["text"] for b in blocks}
    for row in rows.get("attendees", []):
        text = text_of.get(row["block_id"])
        if text is not None:
            start, end = row["char_start"], row["char_end"]
            named.setdefault(row["block_id"], []).append((start, end, people.pseudonym(row["name"], key),
                                                          text[start:end]))
    pointing: dict[int, list[dict[str, Any]]] = {}  # block_id -> the rows whose span is in it
    for table_rows in rows.values():
        for row in table_rows:
            if row.get("block_id") is not None and row.get("char_start") is not None:
                pointing.setdefault(row["block_id"], []).append(row)
    for block in blocks:
        edits = _with_attendees(people.edits(block["text"], key, local), named.get(block["block_id"], []))
        if not edits:
            continue
        block["text"] = _apply(block["text"], edits)
        for row in pointing.get(block["block_id"], []):
            row["char_start"] = _moved(row["char_start"], edits, at_end=False)
            row["char_end"] = _moved(row["char_end"], edits, at_end=True)
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if isinstance(value, str) and column not in KEPT_COLUMNS:
                    row[column] = people.pseudonym(value, key) if (table, column) == ("attendees", "name") \
                        else people.replace(value, key, local)
    return replace(result, document=document_row(result.document, key, people), blocks=blocks, rows=rows)


def _with_attendees(found: list[Edit], attendees: list[Edit]) -> list[Edit]:
    """The matches of a block, where an attendee's own span decides the pseudonym: a match
    overlapping it grows to cover both and takes that attendee's pseudonym."""
    edits = list(found)
    for start, end, new, _ in _disjoint(attendees):
        over = [e for e in edits if e[0] < end and start < e[1]]
        if over:
            edits = [e for e in edits if e not in over]
            start, end = min(start, *(e[0] for e in over)), max(end, *(e[1] for e in over))
        edits.append((start, end, new, ""))
    return _disjoint(edits)


def _disjoint(edits: list[Edit]) -> list[Edit]:
    """One edit per stretch of text: the same span named twice (two roles) or overlapping
    spans keep the first, longest edit."""
    out: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e[0], -e[1], e[2])):
        if out and edit[0] < out[-1][1]:
            continue
        out.append(edit)
    return out


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, new, _ in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


def _moved(pos: int, edits: list[Edit], at_end: bool) -> int:
    """Where a character offset lands after the edits: after an edit it moves by the
    change in length; inside one it goes to the edit's start (or its end, for an end offset)."""
    shift = 0
    for start, end, new, _ in edits:
        if pos >= end:
            shift += len(new) - (end - start)
        elif pos > start:
            return start + shift + (len(new) if at_end else 0)
        else:
            break
    return pos + shift
