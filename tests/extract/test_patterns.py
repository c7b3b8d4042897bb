"""Patterns as data: word-class references expand to the words of another config, in the form
the attribute compares (lower-cased, folded)."""

from __future__ import annotations

import pytest

from pipeline.config import load
from pipeline.extract.patterns import PatternError, expand_token, word_class


def test_a_reference_names_a_list_of_another_config() -> None:
    assert word_class("@lexicon.abbreviations.multiword") == load("lexicon")["abbreviations"]["multiword"]


def test_references_expand_in_the_attributes_form() -> None:
    token = expand_token({"LOWER": "@lexicon.abbreviations.with_dot", "_": {"fold": {"IN": ["Přítomni"]}}})
    assert "mudr." in token["LOWER"]["IN"] and "MUDr." not in token["LOWER"]["IN"]
    assert token["_"]["fold"] == {"IN": ["pritomni"]}


def test_a_missing_word_class_is_a_clear_error() -> None:
    with pytest.raises(PatternError, match="lexicon.toml has no list"):
        word_class("@lexicon.no_such_class")
