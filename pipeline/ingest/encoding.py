"""Decode bytes of text formats (HTML, TXT): BOM first, then what the file
declares, then strict UTF-8 (or BOM-less UTF-16), then a single-byte code page
chosen by the text's language: windows-1250/ISO-8859-2 for Czech, a Western
code page otherwise."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes

from pipeline.config import load

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Never raises: undecodable bytes become U+FFFD
    only when no candidate decodes cleanly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace"), enc
    if declared:
        enc = _normalise_label(declared)
        if enc:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lies; fall through to detection
    utf16 = _bomless_utf16(data)
    if utf16:
        return data[:len(data) - len(data) % 2].decode(utf16, "replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _single_byte_codepage(data)
    return data.decode(enc, "replace"), enc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range UTF-16 is valid UTF-8 full of NULs."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half:
        return "utf-16-be" if even > odd else "utf-16-le"
    return None


def _single_byte_codepage(data: bytes) -> str:
    """Central European or Western code page? The ASCII words decide the language
    (they read the same in every code page); the bytes then decide between
    windows-1250 and ISO-8859-2, which place š, ť, ž differently. Texts with no
    such words (other scripts) go to the detector."""
    czech, western = _function_words(data)
    if czech > western or (czech == western == 0 and _detector(data) in _CENTRAL_EUROPEAN | {"cp1252"}):
        iso_only = sum(data.count(b) for b in (b"\xa9", b"\xab", b"\xae", b"\xb9", b"\xbb", b"\xbe"))
        cp_only = sum(data.count(b) for b in (b"\x8a", b"\x8d", b"\x8e", b"\x9a", b"\x9d", b"\x9e"))
        return "iso8859_2" if iso_only > cp_only else "cp1250"
    if western:
        return "cp1252"  # Western words: what browsers assume without a declaration
    return _detector(data) or "cp1250"


def _detector(data: bytes) -> str | None:
    guess = from_bytes(data[:200_000]).best()
    return guess.encoding if guess else None


@lru_cache(maxsize=1)
def _language_words() -> tuple[frozenset[str], frozenset[str]]:
    cfg = load("ingest")["encoding"]
    return frozenset(cfg["czech_words"]), frozenset(cfg["western_words"])


_CENTRAL_EUROPEAN = {"cp1250", "iso8859_2", "iso8859_10", "iso8859_16", "cp852", "mac_latin2", "cp1258", "cp857"}
_ASCII_WORD = re.compile(rb"(?<![^\s.,;:!?()\"'<>/=-])[A-Za-z]+(?![^\s.,;:!?()\"'<>/=-])")


def _function_words(data: bytes) -> tuple[int, int]:
    """Counts of Czech and of Western function words among the whole ASCII words
    (fragments of words split at accented bytes do not count)."""
    czech, western = _language_words()
    words = [w.lower().decode("ascii") for w in _ASCII_WORD.findall(data[:200_000])]
    return sum(1 for w in words if w in czech), sum(1 for w in words if w in western)


def _normalise_label(label: str) -> str | None:
    """Map a declared charset label to a Python codec (WHATWG treats latin-1 as cp1252)."""
    label = label.strip().strip("\"'").lower()
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        label = "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_html_charset(data: bytes) -> str | None:
    """The charset named by <meta charset> or http-equiv Content-Type in the first 4 KiB."""
    match = _META.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None
