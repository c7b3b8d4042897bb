"""How the field rules match the words of configs/: phrase sets found whole in folded text, and
alternations for the patterns each module compiles once, at import."""

from __future__ import annotations

import re
from typing import Callable, Iterable

from pipeline.extract.text import fold


MAX_FIRST_WORDS = 8  # phrases with this few first words are ruled out by a substring test first


class Phrases:
    """Phrases matched whole (at word boundaries) in folded text, longer ones first."""

    def __init__(self, phrases: Iterable[str]):
        phrases = [fold(p) for p in phrases]
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        # the first words of the phrases, when few: a text holding none of them holds no phrase
        firsts = {p.split()[0] if p.split() else p for p in phrases}
        firsts = {f for f in firsts if not any(o != f and f.startswith(o) for o in firsts)}
        self._firsts = tuple(firsts) if 0 < len(firsts) <= MAX_FIRST_WORDS else ()
        self._anywhere = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._at_end = re.compile(rf"(?<!\w)(?:{alternatives})$")

    def first(self, folded: str) -> int:
        """Where the first phrase occurs in `folded`, or -1."""
        if self._firsts and not any(first in folded for first in self._firsts):
            return -1
        match = self._anywhere.search(folded)
        return match.start() if match else -1

    def last(self, folded: str) -> int:
        """Where the last phrase occurs in `folded`, or -1."""
        start = -1
        for match in self._anywhere.finditer(folded):
            start = match.start()
        return start

    def ends(self, folded: str) -> bool:
        """Whether `folded` ends with one of the phrases."""
        return self._at_end.search(folded) is not None


def alternation(words: Iterable[str], form: Callable[[str], str] = str) -> str:
    """A regex alternation of `words` (in `form`), longer ones first, for patterns built once."""
    return "|".join(re.escape(form(w)) for w in sorted(words, key=len, reverse=True))
