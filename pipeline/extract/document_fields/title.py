"""`title`: the document's own heading (Zápis/Záznam z jednání ..., a presentation's title),
not a running header, emblem, logo or project line."""

from __future__ import annotations

import re

from pipeline.config import load
from pipeline.extract.document_fields.project import find_project_reg_no_in
from pipeline.extract.document_fields.words import Phrases, alternation
from pipeline.extract.layout import Layout, Line, meeting_words, starts_with_title_word
from pipeline.extract.text import fold

TITLE_SEARCH_LINES = 40  # a heading "Zápis ..." further down is a section, not the title
_SPACES = re.compile(r"\s+")
_WORDS = meeting_words()["title"]
_BREADCRUMBS = tuple(_WORDS["breadcrumbs"])  # separators of a web page's path
_BOILERPLATE = tuple(fold(w) for w in _WORDS["boilerplate"])
_GROUP_CONTINUATIONS = tuple(fold(c) for c in _WORDS["group_continuations"])
_DANGLING, _OPEN_ENDINGS = Phrases(_WORDS["dangling_words"]), Phrases(_WORDS["open_endings"])
# "zapis c. 4/2022": a title word with only the minutes' number after it (folded)
_NUMBERED = re.compile(rf"(?:{alternation(_WORDS['starts'], fold)})\s+"
                       rf"(?:{alternation(load('lexicon')['numbers']['before_number'], fold)})?\s*\d+(?:\s*/\s*\d+)?\.?")


def _is_boilerplate(text: str) -> bool:
    if any(sep in text for sep in _BREADCRUMBS) and len(text) < 200:
        return True
    return fold(text).startswith(_BOILERPLATE) or bool(find_project_reg_no_in(text))


def _level(line: Line) -> int:
    return line.block.level if line.block.level is not None else 9


def find_title(layout: Layout) -> Line | None:
    """The document's own heading line.

    In order: a heading that starts with a title word (Zápis, Záznam, ...), a head
    line that does, the top-level heading near the top (a presentation's title),
    the first line that is not an emblem, logo, project or web-page line.
    """
    head_candidates = [line for line in layout.head if line.block.kind != "list_item" and not _is_boilerplate(line.text)]
    for line in layout.body[:TITLE_SEARCH_LINES]:
        if line.block.kind == "heading" and line.first_in_block and starts_with_title_word(line.text):
            return line
    for line in head_candidates:
        if starts_with_title_word(line.text):
            return line
    headings = [line for line in head_candidates if line.block.kind == "heading" and line.first_in_block]
    if headings:
        top = min(_level(line) for line in headings)
        return next(line for line in headings if _level(line) == top)
    return head_candidates[0] if head_candidates else None


def title_text(layout: Layout, line: Line) -> str:
    """The title as written: a heading block whole; a bare "ZÁPIS" joined with its "z jednání ..." line."""
    if line.block.kind == "heading":
        text = " ".join(part.strip() for part in line.block.text.split("\n") if part.strip())
    else:
        text = line.text
    text = text.strip(" \t")
    following = layout.next_line(line)
    if following is not None and following.block is not line.block and len(following.text) < 150:
        folded_next = following.folded
        # the continuations are compared with the folded line as written
        bare = (len(text.split()) <= 2 or _numbered_title_word(text)) \
            and folded_next.startswith(tuple(_WORDS["continuations"]))
        dangling = _DANGLING.first(fold(text.split()[-1]) if text.split() else "") == 0
        wrapped = line.block.kind == following.block.kind == "heading" and line.block.level == following.block.level \
            and (following.text[:1].islower() or dangling)
        open_ended = _OPEN_ENDINGS.ends(fold(text)) and folded_next.startswith(_GROUP_CONTINUATIONS)
        if bare or open_ended or wrapped:
            text = f"{text} {following.text.strip()}"
    return _SPACES.sub(" ", text)


def _numbered_title_word(text: str) -> bool:
    """A title word with only the minutes' number after it: "Zápis č. 4/2022", "ZÁPIS 12/2023"."""
    return _NUMBERED.fullmatch(fold(text).strip()) is not None
