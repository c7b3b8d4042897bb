"""What every module of the package passes around (its own module so that the name normaliser
and the shape finder can both use it without importing each other): an organisation mention,
and the words of a block's annotated Doc they are found among (`Tok`, `doc_toks`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.extract.nlp import by_text, doc_text, token_columns
from pipeline.extract.text import line_spans


@dataclass(frozen=True)
class Mention:
    """One organisation named in one block: the span as written and the name it stands for."""

    block_id: int
    start: int
    end: int
    written: str  # as written, the legal form included when it follows the name
    name: str  # nominative, legal form split off
    legal_form: str | None = None
    ico: str | None = None
    # legal, head, public, abbr, region, town (by shape); slot, list, bare (provider-list line),
    # apposition ("poskytovatel X"), listed (a list of organisations), table, attendee (by position);
    # known (a name given before)
    kind: str = "head"
    canonical: str = ""  # the document-wide name after merging variants

    @property
    def key(self) -> str:
        return self.canonical or self.name


class Tok(NamedTuple):
    """A token of a block's Doc with its character span; `gap` is the whitespace after it
    (spaCy's whitespace tokens folded in, so a line break is seen from the word before it).

    A named tuple with the forms the name rules read many times per token computed once:
    reading them from spaCy's `Token` objects costs several times more."""

    text: str
    start: int
    end: int
    gap: str
    lower: str
    is_cap: bool  # starts with a capital
    is_word: bool  # has a letter

    @classmethod
    def of(cls, text: str, start: int, end: int, gap: str) -> "Tok":
        return cls(text, start, end, gap, text.lower(), text[:1].isupper(), _has_letter(text))


@lru_cache(maxsize=1 << 16)
def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


_SIGNS = "+−"
_SIGNED = re.compile(rf"[{_SIGNS}]\d")


@by_text
def doc_toks(doc: Doc) -> tuple[Tok, ...]:
    """The words of an annotated Doc as `Tok`s, once per text; a sign glued to a figure is split
    off ("+1,0 úvazku" as "+ 1,0")."""
    text = doc_text(doc)
    out: list[Tok] = []
    make = _new_tok  # a tuple made in C: this runs for every word of every new text
    for idx, size, space, trailing in zip(*token_columns(doc)):
        gap = " " if trailing else ""
        if space:
            if out:
                out[-1] = out[-1]._replace(gap=out[-1].gap + text[idx:idx + size] + gap)
            continue
        word = text[idx:idx + size]
        if word[0] in _SIGNS and _SIGNED.match(word):
            out.append(Tok.of(word[0], idx, idx + 1, ""))
            word, idx = word[1:], idx + 1
        out.append(make((word, idx, idx + len(word), gap, word.lower(), word[:1].isupper(), _has_letter(word))))
    return tuple(out)


_new_tok = partial(tuple.__new__, Tok)  # `Tok._make` without its Python frame


def span_toks(doc: Doc, start: int, end: int) -> list[Tok]:
    """The words of a Doc that lie within text[start:end] (a line, a sentence, a clause)."""
    tokens, starts = doc_toks(doc), tok_starts(doc)
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, end, lo)
    while hi > lo and tokens[hi - 1].end > end:
        hi -= 1
    return list(tokens[lo:hi])


@by_text
def tok_starts(doc: Doc) -> tuple[int, ...]:
    """Where each of `doc_toks(doc)` starts, for `bisect` (asked for thousands of clauses per
    document: a key function called at each probe cost more than the look-up)."""
    return tuple(tok.start for tok in doc_toks(doc))


def text_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of a block (a paragraph may hold several "Label: value" lines)."""
    return [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
