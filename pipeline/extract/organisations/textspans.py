"""Tokens with their character spans (`toks`) for the organisation and capacity extractors,
and the stage's sentence splitter (pipeline/extract/sentences.py) and non-blank lines of a
block under the names they import."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract.nlp import tokenize
from pipeline.extract.sentences import sentence_of, sentences
from pipeline.extract.text import line_spans

__all__ = ["Tok", "lines", "sentence_of", "sentences", "toks"]


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


def toks(text: str, offset: int = 0) -> list[Tok]:
    """Tokens of `text` (the spaCy tokenizer with merged legal forms), whitespace folded into
    the `gap` of the token before it; spans are shifted by `offset`."""
    return list(_toks(text, offset))


@lru_cache(maxsize=4096)
def _toks(text: str, offset: int) -> tuple[Tok, ...]:
    out: list[Tok] = []
    for t in tokenize(text):
        if t.is_space:
            if out:
                out[-1] = out[-1]._replace(gap=out[-1].gap + t.text + t.whitespace_)
            continue
        word = t.text
        start = t.idx + offset
        if _SIGNED.match(word):  # "+1,0 úvazku": the sign is a word of its own, as in "+ 1,0"
            out.append(Tok.of(word[0], start, start + 1, ""))
            word, start = word[1:], start + 1
        out.append(Tok.of(word, start, start + len(word), t.whitespace_))
    return tuple(out)


_SIGNED = re.compile(r"[+−]\d")


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of a block (a paragraph may hold several "Label: value" lines)."""
    return [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
