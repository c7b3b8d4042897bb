"""Where a list flattened into running text ends.

Converters of PDF minutes (and web pages of them) often join the header and the first
paragraphs into one line: "Přítomni: Jan Dub, Eva Malá Omluven: Petr Kos 1. Zahájení
Schůzi zahájil předseda J. Dub. Zapisovatelem byl určen Petr Kos ...". The value of the
last label would run to the end of that line, so the minutes' own sentences would be read
as a list (the chair as a guest, the recorder as excused, a sentence as an organisation).
The list ends before the first of:

- an item number ("1. Zahájení", "3. zasedání ...") that no person follows;
- a clause: a capitalised word followed by a lower-case word ("Hlasování v pořadí",
  "JEDNÁNÍ zastupitelstva", "Na začátku jednání"), when the capitalised word is no part of a
  person's or an organisation's name, no title, and stands outside parentheses, after the
  list's first person (or at the value's start: "Omluveni: Program schůze: 1. ..."), and the
  text after it goes on as minutes (a colon, an item number or a verb of the meeting).

The rest of the line is running text again (`Rows.tails`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.extract.nlp import doc_text
from pipeline.extract.spans.persons import is_title_word, persons_in
from pipeline.extract.text import fold
from pipeline.extract.attendees.lexicon import lexicon


_ITEM = re.compile(r"(?<=\s)\d{1,3}\s?[.)]\s+(?=[^\W\d_]{3})")  # "1. Zahájení", not a class "6. A"
_CLAUSE = re.compile(r"(?<=\s)(?P<word>[^\W\d_][^\W_]*)\s+(?P<next>[^\W\d_]+)(?=[\s,.:;])")


def list_end(doc: Doc, start: int, end: int) -> int:
    """The end of the list written in `[start, end)` of a flattened line (`end` when it runs on)."""
    text = doc_text(doc)
    people = [p for p in persons_in(doc, start, end) if p.cued]  # not any capitalised word ("Zahájení")
    named = [(p.begin, p.end) for p in people]
    orgs = [(s.start_char, s.end_char) for s in doc.spans.get("org", [])]
    depth_at = _parenthesised(text, start, end)
    first = people[0].begin if people else None
    for match in _ITEM.finditer(text, start, end):
        if not any(b == match.end() for b, _ in named) and not depth_at(match.start()):
            end = min(end, match.start())
            break
    for match in _CLAUSE.finditer(text, start, end):
        pos, word, nxt = match.start(), match.group("word"), match.group("next")
        if not word[0].isupper() or not nxt[0].islower() or depth_at(pos):
            continue
        if first is not None and pos < first and not _minutes_go_on(text[pos:first]):
            continue  # "Omluveni: Zástupci obcí: Jan Dub": words before the first name say who the list is
        if any(b <= pos < e for b, e in named + orgs) or any(b <= match.start("next") < e for b, e in named + orgs):
            continue
        if is_title_word(word) or is_title_word(nxt) or fold(word) in lexicon().org_heads:
            continue
        if _sentence_follows(text[pos:end]):
            return min(end, pos)
    return end


_WORD = re.compile(r"[^\W\d_]+")


def _minutes_go_on(rest: str) -> bool:
    """An item number or a verb of the meeting: the minutes' text, not a list's sub-label."""
    lex = lexicon()
    return bool(_ITEM.search(rest)) or any(lex.is_verb(w) for w in _WORD.findall(rest))


def _sentence_follows(rest: str) -> bool:
    """The minutes go on after the list: a field's label (a colon), an item number, or a verb
    of the meeting ("zahájil", "informoval") follows; a list's note ("Eva Malá – Sociální
    odbor MěÚ") has none."""
    lex = lexicon()
    return ":" in rest or bool(_ITEM.search(rest)) or any(lex.is_verb(w) for w in _WORD.findall(rest))


def _parenthesised(text: str, start: int, end: int):  # type: ignore[no-untyped-def]
    """A test whether a position of `[start, end)` stands inside parentheses."""
    inside, depth = set(), 0
    for i in range(start, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")" and depth:
            depth -= 1
        elif depth:
            inside.add(i)
    return inside.__contains__
