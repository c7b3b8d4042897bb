"""Generates docs/data-dictionary.md from the declared schemas (`make docs`),
so the documentation of the tables cannot drift from what is written."""

from __future__ import annotations

from pathlib import Path

from pipeline.schemas import CONTRACT_VERSION, TABLES

DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


def render() -> str:
    """The whole data dictionary as Markdown."""
    lines = [
        "# Data dictionary",
        "",
        f"Tables written by `make extract` (contract version {CONTRACT_VERSION}, see `../shared/SPEC.md`).",
        "Generated from `pipeline/schemas.py` by `make docs`; do not edit by hand.",
        "",
        "Every table is one Parquet file, `<OUT>/<table>.parquet`. Every row carries `doc_id`; every",
        "extracted row also carries its provenance: `block_id`, `char_start`, `char_end` (the span of",
        "`blocks.text` the value was read from). Enumerations are dictionary-encoded strings.",
        "",
        "| table | rows | sorted by |",
        "|---|---|---|",
    ]
    for table in TABLES.values():
        lines.append(f"| [`{table.name}`](#{table.name}) | {table.description} | {', '.join(table.sort_by)} |")
    for table in TABLES.values():
        lines += ["", f"## {table.name}", "", table.description, "", f"Joins: {table.joins}", "",
                  "| column | type | null | meaning | example | in contract |", "|---|---|---|---|---|---|"]
        for col in table.columns:
            lines.append(f"| `{col.name}` | {_type_name(col)} | {'yes' if col.nullable else 'no'} | "
                         f"{col.description} | `{col.example}` | {'yes' if col.contract else 'extra'} |")
    return "\n".join(lines) + "\n"


def _type_name(col) -> str:  # type: ignore[no-untyped-def]
    text = str(col.type)
    return "enum (dictionary<int8, string>)" if text.startswith("dictionary") else text


def write(path: Path = DICTIONARY_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
