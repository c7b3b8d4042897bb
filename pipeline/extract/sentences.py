"""THE sentence splitter of the extract stage: every family that asks "which sentence holds this
position" asks here, so a way of writing that does not end a sentence ("Mgr.", "o. p. s.",
"3. ledna") is taught once.

A sentence ends at . ? ; before a capital or a figure (an opening quote or parenthesis may come
between), and at a line break. "!" does not end one: it ends names too ("MAS Pojďte dál!"). A
dot after a title, an abbreviation, a legal form (configs/people.toml, lexicon.toml,
organisations.toml) or a one- or two-digit ordinal does not end one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.config import load

# A candidate end: whitespace after . ? ; before a letter or figure (the capital is checked in
# code, `_opens`), or any whitespace holding a line break.
_CANDIDATE = re.compile(r"(?<=[.?;])\s+(?=[\u201e\"(]?[^\W_])|\s*\n\s*")
_ORDINAL = re.compile(r"(?:^|\s)\d{1,2}\.$")
_OPENERS = "\u201e\"("


@lru_cache(maxsize=1)
def _no_sentence_end() -> tuple[re.Pattern[str], int]:
    """Words after which a dot does not end a sentence (titles, abbreviations, legal forms), as a
    pattern matching one at the end of a text, and how far from the end such a match may start:
    searched from there only, not along the whole sentence before."""
    people = load("people")
    words = {*people["titles_before"], *people["titles_after"], *people["address"], *people.get("ranks", [])}
    words |= {v for vs in load("organisations")["legal_forms"].values() for v in vs if v.endswith(".")}
    abbreviations = load("lexicon")["abbreviations"]
    words |= {*abbreviations["with_dot"], *abbreviations["not_sentence_end"]}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s(,]))(?:{alternation})$", re.IGNORECASE), max(map(len, words))


def _opens(text: str, pos: int) -> bool:
    """A sentence may open at `pos`: a capital or a figure, after an opening quote or parenthesis."""
    char = text[pos + 1] if text[pos] in _OPENERS else text[pos]
    return char.isupper() or "0" <= char <= "9"


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of a block's text, blank ones left out."""
    spans, start = [], 0
    for match in _CANDIDATE.finditer(text):
        if "\n" not in match.group():
            if not _opens(text, match.end()):
                continue
            tail = text[start:match.start()].rstrip()
            no_end, longest = _no_sentence_end()
            if no_end.search(tail, max(0, len(tail) - longest)) or _ORDINAL.search(tail, max(0, len(tail) - 4)):
                continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence that holds character `pos`."""
    found = sentences(text)
    for start, end in found:
        if start <= pos < end:
            return start, end
    for start, end in reversed(found):
        if start <= pos:
            return start, end
    return 0, len(text)
