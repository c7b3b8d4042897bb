"""`project_reg_no`: an ESF/OP project registration number ("CZ.03.2.63/0.0/0.0/16_063/0006571")."""

from __future__ import annotations

import re

from pipeline.extract.document_fields.words import Phrases
from pipeline.extract.layout import Layout, meeting_words

_REG_NO = re.compile(r"CZ\.\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?:\s?/\s?[A-Z]?\d[\d._]*\d){2,4}")
_SPACES = re.compile(r"\s+")
_PROJECT_LABELS = Phrases(label.rstrip(".") for label in meeting_words()["labels"]["project_reg"])


def find_project_reg_no_in(text: str) -> str | None:
    """An ESF/OP project registration number ("CZ.03.2.63/0.0/0.0/16_063/0006571"), spaces removed.
    Numbers of registered social services are plain digits and never match."""
    match = _REG_NO.search(text)
    return _SPACES.sub("", match.group(0)) if match else None


def find_project_reg_no(layout: Layout) -> str | None:
    """The first registration number of the document, preferring one on a labelled line."""
    found = [(line, find_project_reg_no_in(line.text)) for line in layout.lines]
    found = [(line, number) for line, number in found if number]
    for line, number in found:
        if _PROJECT_LABELS.first(line.folded) >= 0:
            return number
    return found[0][1] if found else None
