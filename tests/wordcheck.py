"""Word-order coverage: how much of a reference text survives in blocks.

Used by reader tests: at least 99 % of a seed's words must appear in the
document's blocks in the same order (longest common subsequence of words).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)
_ARTEFACTS = re.compile(r"\[bookmark: [^\]]*\]|\*\*|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")


def words(text: str) -> list[str]:
    """Lower-cased NFC words of a text, conversion artefacts removed."""
    text = unicodedata.normalize("NFC", _ARTEFACTS.sub(" ", text)).lower()
    return _WORD.findall(text)


def lcs_len(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (O(len(a)*len(b)), fine for minutes)."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def coverage(reference: str, block_texts: Iterable[str]) -> float:
    """Share of the reference's words found, in order, in the blocks."""
    ref = words(reference)
    got = words("\n".join(block_texts))
    return lcs_len(ref, got) / len(ref) if ref else 1.0
