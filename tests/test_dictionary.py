"""The data dictionary is generated from the schemas and must be current."""

from __future__ import annotations

from pipeline.dictionary import DICTIONARY_PATH, render
from pipeline.schemas import TABLES


def test_data_dictionary_is_current():
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render(), "run `make docs` and commit docs/data-dictionary.md"


def test_every_column_is_described_with_an_example():
    for table in TABLES.values():
        for col in table.columns:
            assert col.description and col.example, f"{table.name}.{col.name}"
            assert f"`{col.name}`" in render()
