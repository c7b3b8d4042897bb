"""The words of configs/meeting.toml as the field rules match them, compiled once per process:
phrase sets found at word boundaries in folded text (`phrases("dates", "inline_cues")`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from pipeline.extract.layout import meeting_words
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


@lru_cache(maxsize=None)
def phrases(section: str, key: str) -> Phrases:
    """The phrases of configs/meeting.toml [section] `key`, compiled once."""
    return Phrases(meeting_words()[section][key])


def alternation(words: Iterable[str], form=lambda w: w) -> str:
    """A regex alternation of `words` (in `form`), longer ones first, for patterns built once."""
    return "|".join(re.escape(form(w)) for w in sorted(words, key=len, reverse=True))
