"""Tokens with their character spans (`toks`) for the organisation and capacity extractors,
and the stage's sentence splitter (pipeline/extract/sentences.py) and non-blank lines of a
block under the names they import."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY
from spacy.tokens import Doc

from pipeline.extract.nlp import by_text, doc_text, piece
from pipeline.extract.sentences import sentence_of, sentences
from pipeline.extract.text import line_spans

__all__ = ["Tok", "doc_toks", "lines", "sentence_of", "sentences", "span_toks", "toks"]


class Tok(NamedTuple):
    """A token with its character span in the block; `gap` is the whitespace after it.

    A named tuple with its derived forms computed once: extractors look at every
    token's lower-case form and capital many times, and build tens of thousands of
    tokens per document."""

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


def toks(source: str | Doc, offset: int = 0) -> list[Tok]:
    """The tokens of a block's annotated Doc, or of a piece of text (a name, a part of a block)
    tokenized alone as blocks are; spans are shifted by `offset`."""
    if isinstance(source, Doc):
        return list(doc_toks(source))
    return list(_toks(source, offset))


def doc_toks(doc: Doc) -> tuple[Tok, ...]:
    """The tokens of an annotated Doc as `Tok`s, built once per Doc (kept in its user_data)."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = _block_toks(doc)
    return found


def span_toks(doc: Doc, start: int, end: int) -> list[Tok]:
    """The tokens of a Doc that lie within text[start:end] (a line, a sentence, a clause)."""
    tokens = doc_toks(doc)
    lo = bisect_left(tokens, start, key=_start)
    hi = bisect_left(tokens, end, lo, key=_start)
    while hi > lo and tokens[hi - 1].end > end:
        hi -= 1
    return list(tokens[lo:hi])


def _start(tok: Tok) -> int:
    return tok.start


_KEY = "kpss_toks"


def _from_doc(doc: Doc, offset: int) -> tuple[Tok, ...]:
    """Whitespace tokens folded into the `gap` of the token before; a sign glued to a figure
    split off ("+1,0 úvazku" as "+ 1,0")."""
    text = doc_text(doc)
    out: list[Tok] = []
    for idx, size, space, trailing in doc.to_array([IDX, LENGTH, IS_SPACE, SPACY]).tolist():
        gap = " " if trailing else ""
        if space:
            if out:
                out[-1] = out[-1]._replace(gap=out[-1].gap + text[idx:idx + size] + gap)
            continue
        word = text[idx:idx + size]
        start = idx + offset
        if _SIGNED.match(word):
            out.append(Tok.of(word[0], start, start + 1, ""))
            word, start = word[1:], start + 1
        out.append(Tok.of(word, start, start + len(word), gap))
    return tuple(out)


@by_text
def _block_toks(doc: Doc) -> tuple[Tok, ...]:
    return _from_doc(doc, 0)


@lru_cache(maxsize=4096)
def _toks(text: str, offset: int) -> tuple[Tok, ...]:
    return _from_doc(piece(text), offset)


_SIGNED = re.compile(r"[+−]\d")


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of a block (a paragraph may hold several "Label: value" lines)."""
    return [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
