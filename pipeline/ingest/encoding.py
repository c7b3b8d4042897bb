"""Decode bytes of text formats (HTML, TXT): BOM first, then what the file
declares, then strict UTF-8, then a detector biased to Czech code pages."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Czech minutes that are not UTF-8 are nearly always in one of these.
CZECH_CODEPAGES = ("cp1250", "iso-8859-2")


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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data, cp_isolation=list(CZECH_CODEPAGES) + ["cp1252", "iso-8859-1", "utf-16"]).best()
    enc = guess.encoding if guess else "cp1250"
    if enc in {"cp1252", "iso8859_1", "latin_1"} and _looks_czech_cp1250(data):
        enc = "cp1250"
    return data.decode(enc, "replace"), enc


def _normalise_label(label: str) -> str | None:
    """Map a declared charset label to a Python codec (WHATWG treats latin-1 as cp1252)."""
    label = label.strip().strip("\"'").lower()
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        label = "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _looks_czech_cp1250(data: bytes) -> bool:
    """cp1250 bytes for š ť ž Š Ť Ž ů (0x9A 0x9D 0x9E 0x8A 0x8D 0x8E 0xF9) are rare in cp1252 text."""
    return sum(data.count(b) for b in (b"\x9a", b"\x9e", b"\xf9", b"\xe8", b"\xf8", b"\xec")) >= 3


_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_html_charset(data: bytes) -> str | None:
    """The charset named by <meta charset> or http-equiv Content-Type in the first 4 KiB."""
    match = _META.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None
