"""Copies of one meeting: the same minutes as DOCX and PDF, or one page in two encodings.

Analysts count meetings, not files, so every documents row gets a `meeting_id`
shared by the copies of one meeting, and one copy per meeting is marked as the
one the analyst views and charts use (`meeting_copy_used`).

The rule (measured on every evaluation set; figures in configs/meetings.toml):
two files are copies when their working group, planning area and meeting date
are equal (a missing value equals only a missing value) AND their texts are
near-identical: the estimated Jaccard similarity of their word-shingle sets
is at least `threshold` in configs/meetings.toml. Texts are compared after
normalisation (case and diacritics folded, punctuation, numbers and list
glyphs dropped, running headers and footers left out), so the artefacts of a
conversion (re-wrapped lines, page numbers, list labels) do not count.

Each file's text is reduced in its worker to a MinHash signature (a few
hundred bytes, cached with the file's documents row), so grouping a run needs
only the signatures, never the texts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import numpy as np

from pipeline.config import load

SIGNATURE_KEY = "_text_signature"  # where a documents row dict carries its signature (never a column)
_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return load("meetings")


@lru_cache(maxsize=1)
def _seeds() -> np.ndarray:
    """One fixed 64-bit seed per MinHash permutation (fixed: signatures must not change between runs)."""
    n = int(_settings()["signature_size"])
    return np.frombuffer(b"".join(hashlib.blake2b(f"kpss-minhash-{i}".encode(), digest_size=8).digest()
                                  for i in range(n)), dtype="<u8").copy()


def words(texts: Iterable[str]) -> list[str]:
    """The normalised words of a text: case and diacritics folded, numbers dropped."""
    out: list[str] = []
    for text in texts:
        folded = unicodedata.normalize("NFKD", text.casefold())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        out.extend(w for w in _WORD.findall(folded) if not w.isdigit() and w != "_")
    return out


def shingles(tokens: list[str]) -> set[str]:
    """The set of k-word shingles (k from the config); a text shorter than k is one shingle."""
    k = int(_settings()["shingle_words"])
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a good 64-bit mixing function (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def signature(block_texts: Iterable[str]) -> bytes | None:
    """MinHash signature of the text's shingle set (4 bytes per permutation); None for no text."""
    grams = shingles(words(block_texts))
    if not grams:
        return None
    hashes = np.frombuffer(b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in sorted(grams)),
                           dtype="<u8")
    minima = _mix(hashes[:, None] ^ _seeds()[None, :]).min(axis=0)
    return (minima >> np.uint64(32)).astype("<u4").tobytes()


def document_signature(blocks: list[dict[str, Any]]) -> bytes | None:
    """The signature of a document's body text: running headers and footers are left out,
    since one format repeats them on every page and another holds them once."""
    return signature(b["text"] for b in blocks if b.get("region") not in ("header", "footer"))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


@dataclass(frozen=True)
class Candidate:
    """What grouping needs of one file (a few hundred bytes)."""

    path: str
    doc_id: str
    key: tuple[str, str, str]  # working group, planning area, meeting date; "" when missing
    rank: tuple[int, int]  # status, then how faithfully the format reads: lower is better
    signature: bytes | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> "Candidate":
        return cls(row["source_path"], row["doc_id"], meeting_key(row), copy_rank(row), row.get(SIGNATURE_KEY))


def meeting_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """Working group, planning area and date, compared case-insensitively with spaces collapsed."""
    def norm(value: Any) -> str:
        return " ".join(str(value).casefold().split()) if value is not None else ""
    return norm(row.get("working_group")), norm(row.get("planning_area")), norm(row.get("meeting_date"))


def copy_rank(row: dict[str, Any]) -> tuple[int, int]:
    """Which copy an analyst should see: ok before partial before failed, then the format
    that reads most faithfully (configs/meetings.toml), a copy read by OCR last."""
    statuses = {"ok": 0, "partial": 1}
    formats: list[str] = list(_settings()["format_preference"])
    fmt = str(row.get("source_format") or "")
    fmt_rank = formats.index(fmt) if fmt in formats else len(formats)
    if row.get("ocr_pages"):
        fmt_rank = len(formats) + 1
    return statuses.get(str(row.get("status")), 2), fmt_rank


def group(candidates: Iterable[Candidate]) -> dict[str, str]:
    """Path -> path of the copy used for its meeting. Files are taken best copy first;
    each joins the most similar already chosen copy with the same key at or above the
    threshold, or becomes the chosen copy of a new meeting. Only files with the same
    key are compared, so time grows with the square of the largest such bucket only."""
    threshold = float(_settings()["threshold"])
    buckets: dict[tuple[str, str, str], list[Candidate]] = {}
    used: dict[str, str] = {}
    for c in candidates:
        if c.signature is None:
            used[c.path] = c.path  # no text to compare: a meeting of its own
        else:
            buckets.setdefault(c.key, []).append(c)
    for bucket in buckets.values():
        bucket.sort(key=lambda c: (c.rank, c.path))
        chosen: list[Candidate] = []
        matrix = np.empty((len(bucket), len(bucket[0].signature) // 4), dtype="<u4")  # type: ignore[arg-type]
        for c in bucket:
            sig = np.frombuffer(c.signature, dtype="<u4")  # type: ignore[arg-type]
            if chosen:
                scores = (matrix[:len(chosen)] == sig).mean(axis=1)
                best = int(scores.argmax())
                if scores[best] >= threshold:
                    used[c.path] = chosen[best].path
                    continue
            matrix[len(chosen)] = sig
            chosen.append(c)
            used[c.path] = c.path
    return used
