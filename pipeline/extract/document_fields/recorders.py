"""`recorded_by`: all recorders ("Zapsal(a):", "Zapsala Leona Hájková.", "Zpracovala a
zapsala:", a "Zapsala:" cell), joined with ", " in document order.

The names are the `person` spans of the annotated document (`pipeline.extract.spans.persons`)
that open a piece of the recorder's value: "Kubištová Dana, Lucie Havrdová" names two, "Mgr. Hana
Kolářová, koordinátorka KPSS" one; a person in parentheses or after the date is no recorder."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract import annotate
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.document import Document, cfg, label_end
from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.spans.persons import persons_in
from pipeline.extract.text import fold

_PIECE_BREAK = re.compile(r"[,;/+\t]|\s+[–-]\s+")
_LEADING_LABEL = re.compile(r"[^:\d]{0,25}:\s*")  # "a ověřila: Jana Nová" after "Zapsala"
_PARENTHESES = re.compile(r"\([^)]*\)?")


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """From configs/attendance.toml [labels]: the value's end ("Dne:", "Podpis"), a conjunction
    between names, verbs joined into one label, and the split of such a label into its verbs."""
    labels = load("attendance")["labels"]
    ends = "|".join(re.escape(w) for w in labels["recorder_value_ends"])
    joining = "|".join(re.escape(w) for w in labels["joining"])
    verb = r"[^\W\d_()/]+(?:\(a\)|/a)?"
    return (re.compile(rf"(?i)(?<!\w)(?:{ends})\b"),
            re.compile(rf"\s+(?:{joining})\s+"),
            re.compile(rf"\s*({verb}(?:\s*(?:,|\b(?:{joining})\b|/)\s*{verb}){{1,2}})\s*[:\t]\s*"),
            re.compile(rf"\s*,\s*|\s+(?:{joining})\s+|\s*/\s*(?!a\b)"))


def person_names(doc: Doc, start: int, end: int) -> list[str]:
    """Names in a recorder's value, `[start, end)` of the block: each piece (between commas,
    semicolons, slashes, dashes and conjunctions) that opens with a person names her; titles,
    functions, parenthesised organisations and a trailing date ("Dne: 1. 9.") are dropped."""
    text = doc.text
    value_end, conjunction = _words()[0], _words()[1]
    for mention in find_dates(text[start:end])[:1]:
        end = start + mention.start
    stop = value_end.search(text, start, end)
    end = stop.start() if stop else end
    # What no name opens: parentheses are blanked, the label a value may still start with skipped.
    blank = _PARENTHESES.sub(lambda m: " " * len(m.group()), text[start:end])
    lead = _LEADING_LABEL.match(blank)
    breaks = [start + (lead.end() if lead else 0)]
    breaks += [start + m.end() for pattern in (_PIECE_BREAK, conjunction) for m in pattern.finditer(blank)]
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
    _, _, joined, split = _words()
    match = joined.match(text)
    if match is None:
        return None
    recorders = {fold(label) for label in cfg()["labels"]["recorder"]}
    parts = [fold(part) for part in split.split(match.group(1)) if part]
    return match.end() if len(parts) >= 2 and any(part in recorders for part in parts) else None


def find_recorders(doc: Document, blocks: Sequence[BlockView]) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell).
    `blocks` are the document's (annotated here when they are not yet, as in a test)."""
    document = blocks if isinstance(blocks, Annotated) else annotate(blocks)
    words = cfg()["labels"]
    loose = [label for label in words["recorder"] if label not in words["recorder_needs_colon"]]
    names: list[str] = []
    for line in doc.body:
        start = label_end(line.text, loose, space_ok=True)
        if start is None:
            start = label_end(line.text, words["recorder_needs_colon"])
        if start is None:
            start = _joined_recorder_label(line.text)
        if start is None:
            continue
        value = doc.value_after_label(line, start)
        if value is None:
            continue
        block, a, b = value
        for name in person_names(document.doc(block), a, b):
            if name not in names:
                names.append(name)
    return ", ".join(names) or None
