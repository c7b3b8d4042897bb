"""A person the text names by surname only, or by an initial and surname ("Mgr. Šilhavá
zhodnotila", "T. Lorenc doplnil"), after the minutes listed her in full ("Mgr. Věra
Šilhavá (Spolek X)"): her row takes the full name. A reader writes the person, not the
shortened reference; with two persons of that surname (or initial) it stays as written.

The row then points at the full name where it is listed: a row's span holds its value."""

from __future__ import annotations

from pipeline.extract.attendees.cases import mentions
from pipeline.extract.model import Annotated
from pipeline.extract.spans.persons import is_initial
from pipeline.extract.text import fold


def _index(full: dict[str, dict[str, dict]], rows: list[dict]) -> None:
    """Index the full names of `rows` by each surname they may have (last, or first in a table)."""
    for row in rows:
        words = row["name"].split()
        if len(words) >= 2 and _short(row["name"]) is None:
            person = " ".join(sorted(fold(row["name"]).split()))  # "Věra Šilhavá" = "Šilhavá Věra"
            for surname in {words[-1], words[0]}:
                full.setdefault(fold(surname), {}).setdefault(person, row)


def _mentions(document: Annotated) -> list[dict]:
    """Every person the document names in full (two words or more), as a row to point at."""
    return [{"name": person.name, "block_id": block_id, "char_start": person.start, "char_end": person.end}
            for block_id, person in mentions(document) if len(person.name.split()) >= 2]


def _short(name: str) -> tuple[str | None, str] | None:
    """(initial or None, surname) of a shortened name, None for a full one."""
    words = name.split()
    if len(words) == 1:
        return None, words[0]
    if len(words) == 2 and is_initial(words[0]):
        return words[0][0], words[1]
    return None


def with_full_names(rows: list[dict], document: Annotated | None = None) -> list[dict]:
    """The rows with shortened names completed from the one person of the document they can
    mean (SPEC: the fullest form the document gives), listed or named anywhere in full (the
    verifier "Ověřila: Mgr. Kamila X" completes "pí Mgr. X přivítala"); two rows that then name
    one person in one role become the first of them."""
    full: dict[str, dict[str, dict]] = {}  # folded surname -> folded full name -> a row naming it
    _index(full, rows + (_mentions(document) if document is not None else []))
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        short = _short(row["name"])
        if short is not None:
            initial, surname = short
            named = [r for key, r in full.get(fold(surname), {}).items()
                     if initial is None or fold(initial) in (w[:1] for w in key.split() if w != fold(surname))]
            if len(named) == 1:
                source = named[0]
                row = {**row, "name": source["name"], "block_id": source["block_id"],
                       "char_start": source["char_start"], "char_end": source["char_end"]}
        key = (fold(row["name"]), row["role"])
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out
