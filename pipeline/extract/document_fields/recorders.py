"""`recorded_by`: all recorders ("Zapsal(a):", "Zapsala Leona Hájková.", "Zpracovala a
zapsala:", a "Zapsala:" cell), joined with ", " in document order."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Labels, Layout, labels, meeting_words
from pipeline.extract.text import fold


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The recorder patterns, built once from configs/meeting.toml and lexicon.toml."""
    words = meeting_words()["labels"]
    capitals = load("lexicon")["letters"]["capitals"]
    joiners = alternation(words["recorder_joiners"])
    endings = alternation(words["feminine_endings"])
    slash_endings = alternation(e[1:] for e in words["feminine_endings"] if e.startswith("/"))
    verb = rf"[^\W\d_()/]+(?:{endings})?"
    return {
        "value_end": re.compile(rf"(?i)(?<!\w)(?:{alternation(words['recorder_value_ends'])})\b"),
        "token": re.compile(rf"[{capitals}]\.|[\w'’-]+|\S"),
        "initial": re.compile(rf"[{capitals}]\."),
        # "Zpracovala a zapsala:", "Připravil, zapsal:", "Ověřila/zapsala:"
        "joined": re.compile(rf"\s*({verb}(?:\s*(?:,|\b(?:{joiners})\b|/)\s*{verb}){{1,2}})\s*[:\t]\s*"),
        "joined_parts": re.compile(rf"\s*,\s*|\s+(?:{joiners})\s+|\s*/\s*(?!(?:{slash_endings})\b)"),
    }


@lru_cache(maxsize=1)
def _recorder_labels() -> tuple[Labels, frozenset[str]]:
    """The recorder labels that need no colon (a plain space will do), and every recorder verb folded."""
    words = meeting_words()["labels"]
    loose = Labels([label for label in words["recorder"] if label not in words["recorder_needs_colon"]], space_ok=True)
    return loose, frozenset(fold(label) for label in words["recorder"])


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
    value = _patterns()["value_end"].split(value)[0]
    value = re.sub(r"\([^)]*\)?", " ", value)
    value = re.sub(r"^[^:\d]{0,25}:\s*", "", value)  # "a ověřila: Jana Nová" after "Zapsala"
    names = []
    for part in re.split(r"[,;/+\t]|\s+a\s+|\s+–\s+|\s+-\s+", value):
        run = []
        for token in _patterns()["token"].findall(_strip_titles(part)):
            if _patterns()["initial"].fullmatch(token) or (token[:1].isupper() and len(token) > 1
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
    match = _patterns()["joined"].match(text)
    if match is None:
        return None
    recorders = _recorder_labels()[1]
    parts = [fold(part) for part in _patterns()["joined_parts"].split(match.group(1)) if part]
    return match.end() if len(parts) >= 2 and any(part in recorders for part in parts) else None


def find_recorders(layout: Layout) -> str | None:
    """All recorders, joined with ", " in document order ("Zapsal(a): X", "Zapsala X.", a "Zapsala:" cell)."""
    loose = _recorder_labels()[0]
    names: list[str] = []
    for line in layout.body:
        start = loose.end(line.text)
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
