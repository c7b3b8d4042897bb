"""`recorded_by`: all recorders ("Zapsal(a):", "Zapsala Leona Hájková.", "Zpracovala a
zapsala:", a "Zapsala:" cell), joined with ", " in document order.

The names are the `person` spans of the annotated document (`pipeline.extract.spans.persons`)
that open a piece of the recorder's value: "Kubištová Dana, Lucie Havrdová" names two, "Mgr. Hana
Kolářová, koordinátorka KPSS" one; a person in parentheses or after the date is no recorder."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.extract.dates import date_spans
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Labels, Layout, byline_end, labels, meeting_words
from pipeline.extract.document_fields.mentions import annotated
from pipeline.extract.spans.persons import persons_in
from pipeline.extract.text import fold


_LABELS = meeting_words()["labels"]
_JOINERS, _ENDINGS = alternation(_LABELS["recorder_joiners"]), alternation(_LABELS["feminine_endings"])
_SLASH_ENDINGS = alternation(e[1:] for e in _LABELS["feminine_endings"] if e.startswith("/"))
_VERB = rf"[^\W\d_()/]+(?:{_ENDINGS})?"
_VALUE_END = re.compile(rf"(?i)(?<!\w)(?:{alternation(_LABELS['recorder_value_ends'])})\b")
_NEXT_FIELD = re.compile(r"\t[^\t:\d]{1,25}:")  # "Zapsal: X<tab>Ověřila: Y": the next field ends the value
_CONJUNCTION = re.compile(rf"\s+(?:{_JOINERS})\s+")
_PIECE_BREAK = re.compile(r"[,;/+\t]|\s+[–-]\s+")
_LEADING_LABEL = re.compile(r"[^:\d\t]{0,25}:\s*")  # "a ověřila: Jana Nová" after "Zapsala"; a tab ends the value
_PARENTHESES = re.compile(r"\([^)]*\)?")
# "Zpracovala a zapsala:", "Připravil, zapsal:", "Ověřila/zapsala:", and the verbs in it
_JOINED = re.compile(rf"\s*({_VERB}(?:\s*(?:,|\b(?:{_JOINERS})\b|/)\s*{_VERB}){{1,2}})\s*[:\t]\s*")
_JOINED_PARTS = re.compile(rf"\s*,\s*|\s+(?:{_JOINERS})\s+|\s*/\s*(?!(?:{_SLASH_ENDINGS})\b)")
# the recorder labels that need no colon (a plain space will do), and every recorder verb folded
_LOOSE = Labels([label for label in _LABELS["recorder"] if label not in _LABELS["recorder_needs_colon"]], space_ok=True)
_RECORDERS = frozenset(fold(label) for label in _LABELS["recorder"])
# a recorder's label with its colon opening a sentence inside a line (folded)
_WITHIN = re.compile(rf"(?<=[.!?]\s)(?:{alternation(_RECORDERS)})\s*:\s*")
# ... and anywhere in a transcript's long line, written capitalised ("… (viz listina) Zapisovatelka: Mgr. Eva
# Malá Zasedání bylo zahájeno …"): only the name right after it is the recorder's
_INLINE = re.compile(rf"(?<=\s)(?:{'|'.join(re.escape(w[:1].upper() + w[1:]) for w in sorted(_LABELS['recorder'], key=len, reverse=True))})\s*:\s*")
# "Zapisovatelkou byla jmenována paní Pavla Malá.": the recorder appointed in a sentence (folded)
_APPOINTED_SENTENCE = re.compile(rf"(?<!\w)(?:{alternation(_LABELS['recorder_instrumental'], fold)})\s+"
                                 rf"(?:{alternation(_LABELS['recorder_appointed_verbs'], fold)})(?!\w)\s*")
NAME_NEAR = 12  # the name stands this close after an inline label or an appointing sentence ("paní ", "Mgr. ")


def person_names(doc: Doc, start: int, end: int) -> list[str]:
    """Names in a recorder's value, `[start, end)` of the block: each piece (between commas,
    semicolons, slashes, dashes and conjunctions) that opens with a person names her; titles,
    functions, parenthesised organisations and a trailing date ("Dne: 1. 9.") are dropped."""
    text = doc.text
    end = next((d.start for d in date_spans(doc) if start <= d.start < end), end)
    for pattern in (_VALUE_END, _NEXT_FIELD):
        stop = pattern.search(text, start, end)
        end = stop.start() if stop else end
    # What no name opens: parentheses are blanked, the label a value may still start with skipped.
    blank = _PARENTHESES.sub(lambda m: " " * len(m.group()), text[start:end])
    lead = _LEADING_LABEL.match(blank)
    breaks = [start + (lead.end() if lead else 0)]
    breaks += [start + m.end() for pattern in (_PIECE_BREAK, _CONJUNCTION) for m in pattern.finditer(blank)]
    names = []
    for person in persons_in(doc, breaks[0], end):
        at = person.begin - start
        opened = max((b for b in breaks if b <= person.begin), default=None)
        if opened is not None and blank[at] == text[person.begin] and not blank[opened - start:at].strip():
            names.append(person.name)
    return names


def _joined_recorder_label(text: str) -> int | None:
    """Where the value starts after verbs joined into one label, one of them a recorder's
    ("Zpracovala a zapsala:", "Připravil, zapsal:", "Ověřila a zapsala:"), or None."""
    match = _JOINED.match(text)
    if match is None:
        return None
    parts = [fold(part) for part in _JOINED_PARTS.split(match.group(1)) if part]
    return match.end() if len(parts) >= 2 and any(part in _RECORDERS for part in parts) else None


def _appointed(text: str) -> int | None:
    """Where the name starts after a point that appoints the recorder, with its colon ("Určení a
    schválení zapisovatele jednání: Eva Malá"), or None."""
    start = labels("recorder_appointed").end(text)
    return start if start is not None and ":" in text[:start] else None


def _name_right_after(doc: Doc, at: int) -> str | None:
    """The person named right after `at` of the block ("Mgr. Eva Malá", "paní Pavla Malá"), or None."""
    person = next(iter(persons_in(doc, at, len(doc.text))), None)
    return person.name if person is not None and person.begin - at <= NAME_NEAR else None


def _named_in_running_text(layout: Layout) -> list[str]:
    """Recorders a transcript names inside its running text: a capitalised recorder label in a long
    line ("… Zapisovatelka: Mgr. Eva Malá Zasedání …"), an appointing sentence ("Zapisovatelkou byla
    jmenována paní Pavla Malá.")."""
    document = annotated(layout)
    names: list[str] = []
    for line in layout.body:
        found = [line.start + m.end() for m in _INLINE.finditer(line.text) if m.start() > 0]
        found += [line.start + m.end() for m in _APPOINTED_SENTENCE.finditer(line.folded)]
        for at in sorted(found):
            name = _name_right_after(document.doc(line.block), at)
            if name and name not in names:
                names.append(name)
    return names


def find_recorders(layout: Layout) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell)."""
    document = annotated(layout)
    names: list[str] = []
    for line in layout.body:
        start = _LOOSE.end(line.text)
        if start is None and (line.index not in layout.head_ids or line.index in layout.signature_ids):
            start = labels("recorder_needs_colon").end(line.text)  # "Zpracoval:" over a resolution is its author
        if start is None:
            start = byline_end(line.text)  # "Zpracovala Bendová": a byline under a web report
        if start is None:
            start = _appointed(line.text)
        if start is None:
            start = _joined_recorder_label(line.text)
        if start is None:
            within = _WITHIN.search(line.folded)  # "… za účast. Zapsala: Bc. Jana Malá" in a flattened page
            start = within.end() if within else None
        if start is None:
            continue
        value = layout.value_after_label(line, start)
        if value is None:
            continue
        for name in person_names(document.doc(value.block), value.start, value.end):
            if name not in names:
                names.append(name)
    return ", ".join(names or _named_in_running_text(layout)) or None
