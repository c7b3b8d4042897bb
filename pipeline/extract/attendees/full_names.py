"""A person the text names by surname only, or by an initial and surname ("Mgr. Šilhavá
zhodnotila", "T. Lorenc doplnil"), after the minutes listed her in full ("Mgr. Věra
Šilhavá (Spolek X)"): her row takes the full name. A reader writes the person, not the
shortened reference; with two persons of that surname (or initial) it stays as written.

The row then points at the full name where it is listed: a row's span holds its value."""

from __future__ import annotations

from pipeline.extract.attendees.cases import mentions, person_key
from pipeline.extract.model import Annotated
from pipeline.extract.spans.persons import is_initial
from pipeline.extract.text import fold


def _index(full: dict[str, dict[str, dict]], rows: list[dict], initialled: dict[str, dict[str, dict]]) -> None:
    """Index the full names of `rows` by each surname they may have (last, or first in a table),
    and the names written with an initial ("B. Malá") by their surname in `initialled`."""
    for row in rows:
        words = row["name"].split()
        short = _short(row["name"]) if len(words) >= 2 else None
        if len(words) >= 2 and short is None:
            person = " ".join(sorted(fold(row["name"]).split()))  # "Věra Šilhavá" = "Šilhavá Věra"
            for surname in {words[-1], words[0]}:
                full.setdefault(fold(surname), {}).setdefault(person, row)
        elif short is not None and short[0] is not None:
            initialled.setdefault(fold(short[1]), {}).setdefault(fold(row["name"]).replace(" ", ""), row)


def _mentions(document: Annotated) -> list[dict]:
    """Every person the document names in full (two words or more), as a row to point at."""
    return [{"name": person.name, "titles": person.titles, "block_id": block_id, "char_start": person.start,
             "char_end": person.end}
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
    initialled: dict[str, dict[str, dict]] = {}  # folded surname -> "b.mala" -> a row naming her so
    _index(full, rows + (_mentions(document) if document is not None else []), initialled)
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        short = _short(row["name"])
        if short is not None:
            initial, surname = short
            named = [r for key, r in full.get(fold(surname), {}).items()
                     if initial is None or fold(initial) in (w[:1] for w in key.split() if w != fold(surname))]
            if not named and initial is None:  # "Kalinová" and only "B. Kalinová": the initial is the fullest form
                named = list(initialled.get(fold(surname), {}).values())
            if len(named) == 1:
                source = named[0]
                row = {**row, "name": source["name"], "titles": row.get("titles") or source.get("titles"),
                       "block_id": source["block_id"], "char_start": source["char_start"],
                       "char_end": source["char_end"]}
        if not row.get("titles") and document is not None and short is None and row["role"] in _TEXT_ROLES:
            row = _titled(row, document)
        key = (fold(row["name"]), row["role"])
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


# Roles the running text gives (a speaker, the chair): such a row takes the titles of her fullest
# mention; a list's row keeps what the list states (gold/README: Musilová's present row has none).
_TEXT_ROLES = ("speaker", "chair")


def _titled(row: dict, document: Annotated) -> dict:
    """A full name written once with her titles ("požádala Mgr. Petru Malou") and once without
    ("Petra Malá uvedla"): the row takes the titles, in whatever case the titled mention is
    (SPEC: the fullest form the document gives); with two titled forms that differ, none."""
    key = person_key(row["name"])
    if key is None:
        return row
    titles = {person.titles for _, person in mentions(document) if person.titles and person_key(person.name) == key}
    return {**row, "titles": titles.pop()} if len(titles) == 1 else row
