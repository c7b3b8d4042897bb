"""`recorded_by`: all recorders ("Zapsal(a):", "Zapsala Leona Hájková.", "Zpracovala a
zapsala:", a "Zapsala:" cell), joined with ", " in document order."""

from __future__ import annotations

import re

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.document import Document, cfg, label_end
from pipeline.extract.text import fold


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
    value = re.split(r"(?i)(?<!\w)(?:dne|datum|podpis)\b", value)[0]
    value = re.sub(r"\([^)]*\)?", " ", value)
    value = re.sub(r"^[^:\d]{0,25}:\s*", "", value)  # "a ověřila: Jana Nová" after "Zapsala"
    names = []
    for part in re.split(r"[,;/+\t]|\s+a\s+|\s+–\s+|\s+-\s+", value):
        run = []
        for token in re.findall(r"[A-ZÁ-Ž]\.|[\w'’-]+|\S", _strip_titles(part)):
            if re.fullmatch(r"[A-ZÁ-Ž]\.", token) or (token[:1].isupper() and len(token) > 1
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
    match = re.match(r"\s*([^\W\d_()/]+(?:\(a\)|/a)?(?:\s*(?:,|\ba\b|/|\bi\b)\s*[^\W\d_()/]+(?:\(a\)|/a)?){1,2})"
                     r"\s*[:\t]\s*", text)
    if match is None:
        return None
    recorders = {fold(label) for label in cfg()["labels"]["recorder"]}
    parts = [fold(part) for part in re.split(r"\s*,\s*|\s+(?:a|i)\s+|\s*/\s*(?!a\b)", match.group(1)) if part]
    return match.end() if len(parts) >= 2 and any(part in recorders for part in parts) else None


def find_recorders(doc: Document) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell)."""
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
        for name in person_names(block.text[a:b]):
            if name not in names:
                names.append(name)
    return ", ".join(names) or None
