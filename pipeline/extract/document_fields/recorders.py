"""`recorded_by`: all recorders ("Zapsal(a):", "Zapsala Leona Hájková.", "Zpracovala a
zapsala:", a "Zapsala:" cell), joined with ", " in document order."""

from __future__ import annotations

import re

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Labels, Layout, labels, meeting_words
from pipeline.extract.text import fold


_LABELS = meeting_words()["labels"]
_CAPITALS = load("lexicon")["letters"]["capitals"]
_JOINERS, _ENDINGS = alternation(_LABELS["recorder_joiners"]), alternation(_LABELS["feminine_endings"])
_SLASH_ENDINGS = alternation(e[1:] for e in _LABELS["feminine_endings"] if e.startswith("/"))
_VERB = rf"[^\W\d_()/]+(?:{_ENDINGS})?"
_VALUE_END = re.compile(rf"(?i)(?<!\w)(?:{alternation(_LABELS['recorder_value_ends'])})\b")
_TOKEN, _INITIAL = re.compile(rf"[{_CAPITALS}]\.|[\w'’-]+|\S"), re.compile(rf"[{_CAPITALS}]\.")
# "Zpracovala a zapsala:", "Připravil, zapsal:", "Ověřila/zapsala:", and the verbs in it
_JOINED = re.compile(rf"\s*({_VERB}(?:\s*(?:,|\b(?:{_JOINERS})\b|/)\s*{_VERB}){{1,2}})\s*[:\t]\s*")
_JOINED_PARTS = re.compile(rf"\s*,\s*|\s+(?:{_JOINERS})\s+|\s*/\s*(?!(?:{_SLASH_ENDINGS})\b)")
# the recorder labels that need no colon (a plain space will do), and every recorder verb folded
_LOOSE = Labels([label for label in _LABELS["recorder"] if label not in _LABELS["recorder_needs_colon"]], space_ok=True)
_RECORDERS = frozenset(fold(label) for label in _LABELS["recorder"])


def _title_words() -> list[str]:
    people = load("people")
    return sorted({*people["titles_before"], *people["titles_after"], *people["address"]}, key=len, reverse=True)


def _strip_titles(text: str) -> str:
    for title in _title_words():
        text = re.sub(rf"(?<!\w){re.escape(title)}(?=\s|,|$)", " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,")


def person_names(value: str) -> list[str]:
    """Names in a recorder's value: "Kubištová Dana, Lucie Havrdová" -> both; titles, functions,
    parenthesised organisations and a trailing date ("Dne: 1. 9.") are dropped."""
    for mention in find_dates(value)[:1]:
        value = value[:mention.start]
    value = _VALUE_END.split(value)[0]
    value = re.sub(r"\([^)]*\)?", " ", value)
    value = re.sub(r"^[^:\d]{0,25}:\s*", "", value)  # "a ověřila: Jana Nová" after "Zapsala"
    names = []
    for part in re.split(r"[,;/+\t]|\s+a\s+|\s+–\s+|\s+-\s+", value):
        run = []
        for token in _TOKEN.findall(_strip_titles(part)):
            if _INITIAL.fullmatch(token) or (token[:1].isupper() and len(token) > 1
                                                       and re.fullmatch(r"[\w'’-]+", token)):
                run.append(token)
            elif token == "." and run:
                continue
            else:
                break
        if any(len(token) > 2 for token in run) and len(run) <= 4:
            names.append(" ".join(run))
    return names


def _joined_recorder_label(text: str) -> int | None:
    """Where the value starts after verbs joined into one label, one of them a recorder's
    ("Zpracovala a zapsala:", "Připravil, zapsal:", "Ověřila a zapsala:"), or None."""
    match = _JOINED.match(text)
    if match is None:
        return None
    parts = [fold(part) for part in _JOINED_PARTS.split(match.group(1)) if part]
    return match.end() if len(parts) >= 2 and any(part in _RECORDERS for part in parts) else None


def find_recorders(layout: Layout) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell)."""
    names: list[str] = []
    for line in layout.body:
        start = _LOOSE.end(line.text)
        if start is None:
            start = labels("recorder_needs_colon").end(line.text)
        if start is None:
            start = _joined_recorder_label(line.text)
        if start is None:
            continue
        value = layout.value_after_label(line, start)
        if value is None:
            continue
        for name in person_names(value.text):
            if name not in names:
                names.append(name)
    return ", ".join(names) or None
