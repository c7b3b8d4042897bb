"""Attendees: the persons named as taking part in a meeting, one row per (person, role).

Where minutes name their people, and the role each place gives:

- attendance lists after a label (`Přítomni:`, `Omluveni:`, `Hosté:`, `Nepřítomni:`,
  `Zapsal(a):` ...), with the names on the label's line or on the lines, list items
  or table that follow; converters also flatten two labels into one line, so a
  label is found inside a line too ("... (Charita) Omluveni: –"); the first word of the
  sentence run onto a flattened list ("... PhDr. L. Malá Přítomno 14 členů", "... Zasedání
  řídil ...") ends the last name, its organisation and its clause; a reflexive verb of excusing
  lists the excused ("z jednání se omluvili: Mgr. X a MUDr. Y"), one of taking part lists two or
  more present ("se setkání zúčastnili p. X (Obec Y), pí Z (Město W) a ...");
- tables of attendance ("Jméno | Organizace | Účast"), also written as tab-separated
  lines of a plain-text export, where an attendance column or one column per status
  gives each person's role (present, excused, absent);
- members' lists and tables under a `Seznam členů` heading, including the run a
  slide transcript makes of a table ("1. Mgr. Jana Nová Městský úřad X 2. Bc. ..."), a
  table captioned by a merged "Složení pracovní skupiny" row, a plan's team heading
  ("Zpracovatelský tým": "Koordinátorka: X, Org") and "Členy skupiny jsou:" bullets; a members'
  label dated before it ("Aktuální složení pracovní skupiny") or qualified after it by a phrase
  opened by a preposition ("Složení řídící skupiny v rámci aktuální etapy KPSS:") or by the body's
  name in the genitive ("Členové koordinační skupiny komunitního plánování"), "členové:" and a tab;
  a team's composition after "ve složení";
- signature tables ("Zapsala:" | "Kateřina Vrbická");
- speakers, chairs and members named in the running text: a name next to a speech
  verb ("Ing. Monika Sedláčková (za KÚHK) informovala", "Jednání vedla Mgr. ..."), after
  an intro phrase ("Úvodní slovo K. Pelikánová"), a parenthesised list of presenters in
  an agenda line, the person in parentheses after the organisation she reports for,
  a sentence naming the group's new members, and the name under a presentation's
  closing "Děkuji za pozornost"; terse minutes' "Surname (Org) – report" lines; a chair
  designated "(dále jako „předsedající“)" in any case; a sentence opened by "Host jednání", or one
  who took part "jako host" (a guest); the chair who opens the meeting and welcomes those present
  is the chair only (the welcome is her opening, no speech); between a chairing verb and its
  subject stand her functions, the body in the genitive and a second joined function ("řídil
  předseda organizace JUDr X", "zahájil a řídil předseda výboru a předseda vlády ČR Mgr. Y").

A name is the capitalised words of a person (2-3, or 1 after a title or a word of
address); academic titles go to `titles`, words of address and ranks are dropped.
Which words count as names, titles, labels and verbs is data in configs/people.toml
and configs/attendance.toml. Names found elsewhere (a task's responsible person in
an `R:` line, a contact person, the verifier of the minutes, the uploader of a web
page) are not attendees: no rule here reads them.

The package, in reading order:

- `lexicon`: the word lists from configs/ (the persons themselves are the `person` spans of the
  annotated document: `pipeline.extract.spans.persons`);
- `affiliation`: the organisation written next to a person;
- `labels`: attendance labels and their roles;
- `lists`: a list of persons in a span of text; the rows collector;
- `list_end`: where a list flattened into one line with the minutes' text ends (an item number, a
  clause), so that the rest is read as running text;
- `tables`: tables of people (Word tables and tab-separated text);
- `sections`: the walk that reads labelled lists and tables;
- `sheets`: voting and signature sheets (names with dot leaders) of a body's members, and the
  chair who signs over her function;
- `running_text`: speakers, chairs and members named in sentences;
- `functions`: a function written as the subject of a sentence ("Předseda svazku pozdravil
  přítomné") stands for the one person the minutes name with it;
- `presenters`: the presenters an agenda names in its items (the agenda relation's rows);
- `cases`: a person named in an oblique case (also a man's instrumental "-em": "panem Ing. Milanem
  Vlčkem") takes the nominative the document gives;
- `full_names`: a person named by surname only takes the full name she is listed with.
"""

from __future__ import annotations

from typing import Sequence

from pipeline.extract import annotate
from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.attendees.cases import in_nominative
from pipeline.extract.attendees.full_names import with_full_names
from pipeline.extract.attendees.lists import Rows
from pipeline.extract.attendees.sections import from_lists
from pipeline.extract.attendees.running_text import from_text
from pipeline.extract.attendees.sheets import from_sheets, signing_chair
from pipeline.extract.attendees.functions import from_functions
from pipeline.extract.attendees.presenters import from_agenda
from pipeline.extract.scopes import plan_scopes
from pipeline.extract.text import fold


TABLE = "attendees"


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('agenda_items', 'goals', 'measures', 'activities')
PRODUCES: tuple[str, ...] = ('attendees',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the document's attendees to `result.tables["attendees"]` (blocks not yet annotated,
    as in a test, are annotated here)."""
    document = blocks if isinstance(blocks, Annotated) else annotate(blocks)
    rows = Rows()
    consumed: set[tuple[int, int]] = set()
    from_lists(document, rows, consumed)
    from_sheets(document, rows, consumed)
    signing_chair(document, rows)
    from_text(document, rows, consumed, plan_scopes(document, result).in_plan)
    from_functions(document, rows)
    from_agenda(document, result.tables.get("agenda_items", []), rows)
    result.tables.setdefault(TABLE, []).extend(_present_wins(with_full_names(in_nominative(list(rows.rows.values()), document), document)))


# Roles of not taking part: a person the minutes also list as present took part.
_ABSENCES = ("excused", "absent")


def _present_wins(rows: list[dict]) -> list[dict]:
    """A person listed both as present and as excused or absent was there: only her present row."""
    present = {fold(row["name"]) for row in rows if row["role"] == "present"}
    return [row for row in rows if not (row["role"] in _ABSENCES and fold(row["name"]) in present)]
