"""Text normalisation shared by every reader: what a block's text may contain.

NFC, no-break and odd spaces made plain, soft hyphens and zero-width
characters dropped, ligatures expanded, conversion artefacts such as
`[bookmark: _GoBack]` removed, private-use bullet glyphs mapped. Tabs and
newlines are kept: `Místo jednání:\\tradnice` must stay splittable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.config import load

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str | None], re.Pattern[str]]:
    cfg = load("ingest")["text"]
    table: dict[int, str | None] = {ord(c): None for c in cfg["drop_chars"]}
    table.update({ord(c): " " for c in cfg["space_chars"]})
    table.update({ord(k): v for k, v in _LIGATURES.items()})
    table[ord("\r")] = None
    table[ord("\v")] = "\n"  # vertical tab: a manual line break in some Word exports
    table[ord("\f")] = "\n"
    artefacts = re.compile("|".join(f"(?:{p})" for p in cfg["artefacts"]))
    return table, artefacts


def clean_text(text: str) -> str:
    """Normalise one block's text; returns '' for text with nothing visible."""
    table, artefacts = _tables()
    text = unicodedata.normalize("NFC", text).translate(table)
    text = artefacts.sub("", text)
    text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r" *\t *", "\t", text)
    text = re.sub(r"\n{2,}", "\n", text)
    return text.strip()


@lru_cache(maxsize=1)
def _bullet_map() -> dict[str, str]:
    return dict(load("ingest")["bullets"])


def bullet_glyph(raw: str) -> str:
    """The glyph a reader sees for a bullet as stored (e.g. Symbol U+F0B7 -> •)."""
    raw = raw.strip()
    mapped = _bullet_map()
    if raw in mapped:
        return mapped[raw]
    if raw and all(0xF000 <= ord(c) <= 0xF8FF for c in raw):
        return "•"  # an unknown symbol-font glyph: still a bullet
    return raw or "•"
