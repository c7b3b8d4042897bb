"""Text helpers shared by the organisation, service and capacity extractors: tokens with
their character spans (`toks`), sentences (`sentences`, `sentence_of`) and lines (`lines`)
of a block."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.config import load
from pipeline.extract.nlp import tokenize


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


_SENTENCE_END = re.compile(r"(?<=[.?;])\s+(?=[„\"(]?[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9])|\s*\n\s*")


@lru_cache(maxsize=1)
def _no_sentence_end() -> re.Pattern[str]:
    """Words after which a dot does not end a sentence: titles, abbreviations, legal forms."""
    people = load("people")
    words = {*people["titles_before"], *people["titles_after"], *people["address"], *people.get("ranks", [])}
    words |= {v for vs in load("organisations")["legal_forms"].values() for v in vs if v.endswith(".")}
    abbreviations = load("lexicon")["abbreviations"]
    words |= {*abbreviations["with_dot"], *abbreviations["not_sentence_end"]}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s(,]))(?:{alternation})$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a block's sentences: they end at . ? ; before a capital or a figure, and at
    line breaks ("!" ends names too: "MAS Pojďte dál!"). A dot after a title, an
    abbreviation, a legal form or a one- or two-digit ordinal ("3. ledna", "1. Mgr.") does
    not end one."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if "\n" not in match.group():
            tail = text[start:match.start()].rstrip()
            if _no_sentence_end().search(tail) or re.search(r"(?:^|\s)\d{1,2}\.$", tail):
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


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of a block (a paragraph may hold several "Label: value" lines)."""
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
