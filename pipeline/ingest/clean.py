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


# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) but tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RUNS = re.compile(r" {2,}")
_SPACED_NEWLINE = re.compile(r" *\n *")
_SPACED_TAB = re.compile(r" *\t *")
_NEWLINE_RUNS = re.compile(r"\n{2,}")


def clean_text(text: str) -> str:
    """Normalise one block's text; returns '' for text with nothing visible."""
    table, artefacts = _tables()
    text = unicodedata.normalize("NFC", text).translate(table)
    text = artefacts.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACE_RUNS.sub(" ", text)
    text = _SPACED_NEWLINE.sub("\n", text)
    text = _SPACED_TAB.sub("\t", text)
    text = _NEWLINE_RUNS.sub("\n", text)
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
