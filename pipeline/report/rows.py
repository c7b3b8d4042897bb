"""What the report shows of each extracted row: its key, the columns that name it, and
the table's colour. Kept as data so a new table needs one line here and one colour."""

from __future__ import annotations

from typing import Any

import pandas as pd

# Extracted tables in the order the side panel lists them, with the columns that name a row.
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "agenda_items": ("item_no", "title"),
    "attendees": ("name", "role", "organisation"),
    "goals": ("goal_no", "title"),
    "measures": ("measure_no", "title"),
    "activities": ("activity_no", "title"),
    "organisations": ("name", "role", "item_ref"),
    "services": ("service_type", "organisation"),
    "capacity_changes": ("raw_text", "unit", "change", "delta"),
}

TABLE_TITLES = {
    "agenda_items": "Programme", "attendees": "Attendees", "goals": "Goals", "measures": "Measures",
    "activities": "Activities", "organisations": "Organisations", "services": "Services",
    "capacity_changes": "Capacity changes",
}


def describe(table: str, row: dict[str, Any]) -> str:
    """A row in one line: its naming columns, empty ones left out."""
    parts = []
    for column in ROW_FIELDS[table]:
        value = row.get(column)
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append(f"{column}={value}" if column in ("delta", "change", "unit", "role", "item_ref") else str(value))
    return " · ".join(parts)


def rows_of(tables: dict[str, pd.DataFrame], doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """The document's rows per table, in text order, each with its key ("attendees-3")."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in ROW_FIELDS:
        frame = tables.get(table)
        if frame is None or frame.empty:
            out[table] = []
            continue
        part = frame[frame["doc_id"] == doc_id].sort_values(["block_id", "char_start", "char_end"], kind="stable")
        records = part.to_dict("records")
        for i, record in enumerate(records):
            record["_key"] = f"{table}-{i}"
            record["_text"] = describe(table, record)
        out[table] = records
    return out
