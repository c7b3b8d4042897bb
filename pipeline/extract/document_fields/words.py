"""How the field rules match the words of configs/: phrase sets found whole in folded text, and
alternations for the patterns each module compiles once, at import."""

from __future__ import annotations

import re
from typing import Callable, Iterable

from pipeline.extract.text import fold


class Phrases:
    """Phrases matched whole (at word boundaries) in folded text, longer ones first."""

    def __init__(self, phrases: Iterable[str]):
        alternatives = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
        self._anywhere = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._at_end = re.compile(rf"(?<!\w)(?:{alternatives})$")

    def first(self, folded: str) -> int:
        """Where the first phrase occurs in `folded`, or -1."""
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
