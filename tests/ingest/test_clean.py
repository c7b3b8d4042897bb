"""Text normalisation shared by all readers."""

from __future__ import annotations

import unicodedata

from pipeline.ingest.clean import bullet_glyph, clean_text


def test_nfc_nbsp_soft_hyphen_and_artefacts():
    decomposed = unicodedata.normalize("NFD", "Přítomni")
    raw = f"[bookmark: _GoBack]{decomposed}:\u00a0viz  prezenční\u00adlistina\u200b"
    assert clean_text(raw) == "Přítomni: viz prezenčnílistina"


def test_tabs_and_line_breaks_are_kept_but_tidied():
    assert clean_text("  Místo jednání: \t radnice \n\n  druhý řádek \t") == "Místo jednání:\tradnice\ndruhý řádek"


def test_ligatures_and_control_characters():
    assert clean_text("\ufb01nanční\x07 ﬂexibilní") == "finanční flexibilní"


def test_bullet_glyphs_from_symbol_fonts():
    assert bullet_glyph("\uf0b7") == "•"
    assert bullet_glyph("\uf0fc") == "✓"
    assert bullet_glyph("\uf099") == "•"  # an unknown private-use glyph is still a bullet
    assert bullet_glyph("–") == "–"


def test_every_control_character_but_tab_and_newline_is_dropped():
    import unicodedata

    controls = "".join(c for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Cc")
    assert clean_text(f"a{controls}b") == "a\t\nb"  # \t and \n are kept; \r, \v, \f are mapped first
