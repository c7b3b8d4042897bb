"""`title`: the document's own heading (Zápis/Záznam z jednání ..., a presentation's title),
not a running header, emblem, logo or project line."""

from __future__ import annotations

import re
from pipeline.extract.document_fields.document import (Document, Line, cfg, first_phrase, phrases_end, starts_with_title_word)
from pipeline.extract.text import fold
from pipeline.extract.document_fields.project import find_project_reg_no_in


TITLE_SEARCH_LINES = 40  # a heading "Zápis ..." further down is a section, not the title


def _is_boilerplate(text: str) -> bool:
    folded = fold(text)
    words = cfg()["title"]
    if any(sep in text for sep in words["breadcrumbs"]) and len(text) < 200:
        return True
    return any(folded.startswith(fold(word)) for word in words["boilerplate"]) or bool(find_project_reg_no_in(text))


def find_title(doc: Document) -> Line | None:
    """The document's own heading line.

    In order: a heading that starts with a title word (Zápis, Záznam, ...), a head
    line that does, the top-level heading near the top (a presentation's title),
    the first line that is not an emblem, logo, project or web-page line.
    """
    head_candidates = [line for line in doc.head if line.block.kind != "list_item" and not _is_boilerplate(line.text)]

    for line in doc.body[:TITLE_SEARCH_LINES]:
        if line.block.kind == "heading" and line.first_in_block and starts_with_title_word(line.text):
            return line
    for line in head_candidates:
        if starts_with_title_word(line.text):
            return line
    headings = [line for line in head_candidates if line.block.kind == "heading" and line.first_in_block]
    if headings:
        top = min(line.block.level if line.block.level is not None else 9 for line in headings)
        return next(line for line in headings if (line.block.level if line.block.level is not None else 9) == top)
    return head_candidates[0] if head_candidates else None


def title_text(doc: Document, line: Line) -> str:
    """The title as written: a heading block whole; a bare "ZÁPIS" joined with its "z jednání ..." line."""
    if line.block.kind == "heading":
        text = " ".join(part.strip() for part in line.block.text.split("\n") if part.strip())
    else:
        text = line.text
    text = text.strip(" \t")
    following = doc.next_line(line)
    if following is not None and following.block is not line.block and len(following.text) < 150:
        words = cfg()["title"]
        folded_next = fold(following.text)
        bare = (len(text.split()) <= 2 or _numbered_title_word(text)) \
            and any(folded_next.startswith(c) for c in words["continuations"])
        dangling = first_phrase(fold(text.split()[-1]) if text.split() else "", words["dangling_words"]) == 0
        wrapped = line.block.kind == following.block.kind == "heading" and line.block.level == following.block.level \
            and (following.text[:1].islower() or dangling)
        open_ended = phrases_end(tuple(words["open_endings"])).search(fold(text)) \
            and any(folded_next.startswith(fold(c)) for c in words["group_continuations"])
        if bare or open_ended or wrapped:
            text = f"{text} {following.text.strip()}"
    return re.sub(r"\s+", " ", text)


def _numbered_title_word(text: str) -> bool:
    """A title word with only the minutes' number after it: "Zápis č. 4/2022", "ZÁPIS 12/2023"."""
    starts = "|".join(re.escape(fold(w)) for w in cfg()["title"]["starts"])
    return bool(re.fullmatch(rf"(?:{starts})\s+(?:c\.|cislo)?\s*\d+(?:\s*/\s*\d+)?\.?", fold(text).strip()))
