"""`project_reg_no`: an ESF/OP project registration number ("CZ.03.2.63/0.0/0.0/16_063/0006571")."""

from __future__ import annotations

import re
from pipeline.extract.document_fields.document import Document, cfg, first_phrase
from pipeline.extract.text import fold


_REG_NO = re.compile(r"CZ\.\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?:\s?/\s?\d[\d._]*\d){2,4}")


def find_project_reg_no_in(text: str) -> str | None:
    """An ESF/OP project registration number ("CZ.03.2.63/0.0/0.0/16_063/0006571"), spaces removed.
    Numbers of registered social services are plain digits and never match."""
    match = _REG_NO.search(text)
    return re.sub(r"\s+", "", match.group(0)) if match else None


def find_project_reg_no(doc: Document) -> str | None:
    """The first registration number of the document, preferring one on a labelled line."""
    labels = cfg()["labels"]["project_reg"]
    found = [(line, find_project_reg_no_in(line.text)) for line in doc.lines]
    found = [(line, number) for line, number in found if number]
    for line, number in found:
        if first_phrase(fold(line.text), [label.rstrip(".") for label in labels]) >= 0:
            return number
    return found[0][1] if found else None
