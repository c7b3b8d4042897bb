"""The data contract (../shared/SPEC.md) as pyarrow schemas: one per table.

Every writer goes through these, so a table's columns and types are decided
here only. Columns beyond the contract are allowed and listed after it.
"""

from __future__ import annotations

import pyarrow as pa

CONTRACT_VERSION = "1.1"

_PROVENANCE = [
    pa.field("block_id", pa.int32(), nullable=False),
    pa.field("char_start", pa.int32(), nullable=False),
    pa.field("char_end", pa.int32(), nullable=False),
]
_DOC = pa.field("doc_id", pa.string(), nullable=False)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        _DOC,
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_format", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("title", pa.string()),
        pa.field("meeting_date", pa.date32()),
        pa.field("location", pa.string()),
        pa.field("working_group", pa.string()),
        pa.field("planning_area", pa.string()),
        pa.field("recorded_by", pa.string()),
        pa.field("next_meeting_date", pa.date32()),
        pa.field("project_reg_no", pa.string()),
        pa.field("n_pages", pa.int32()),
        pa.field("pipeline_version", pa.string(), nullable=False),
        # beyond the contract
        pa.field("meeting_time", pa.string()),
        pa.field("file_extension", pa.string()),
        pa.field("file_size", pa.int64()),
        pa.field("n_blocks", pa.int32()),
        pa.field("duplicate_of", pa.string()),
        pa.field("warnings", pa.string()),
    ]),
    "blocks": pa.schema([
        _DOC,
        pa.field("block_id", pa.int32(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("level", pa.int32()),
        pa.field("page", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
        # beyond the contract
        pa.field("label", pa.string()),
        pa.field("region", pa.string()),
        pa.field("table_id", pa.int32()),
        pa.field("row", pa.int32()),
        pa.field("col", pa.int32()),
    ]),
    "attendees": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("name", pa.string(), nullable=False),
        pa.field("titles", pa.string()),
        pa.field("organisation", pa.string()),
        pa.field("role", pa.string(), nullable=False),
    ]),
    "agenda_items": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("item_no", pa.int32(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
    ]),
    "goals": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("goal_no", pa.string()),
        pa.field("title", pa.string(), nullable=False),
    ]),
    "measures": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("measure_no", pa.string()),
        pa.field("goal_no", pa.string()),
        pa.field("title", pa.string(), nullable=False),
    ]),
    "activities": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("activity_no", pa.string()),
        pa.field("measure_no", pa.string()),
        pa.field("title", pa.string(), nullable=False),
    ]),
    "organisations": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("name", pa.string(), nullable=False),
        pa.field("ico", pa.string()),
        pa.field("ico_valid", pa.bool_()),
        pa.field("legal_form", pa.string()),
        pa.field("role", pa.string(), nullable=False),
        pa.field("item_ref", pa.string()),
    ]),
    "capacity_changes": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("item_ref", pa.string()),
        pa.field("organisation", pa.string()),
        pa.field("service", pa.string()),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("change", pa.string(), nullable=False),
        pa.field("value_from", pa.float64()),
        pa.field("value_to", pa.float64()),
        pa.field("delta", pa.float64()),
        pa.field("raw_text", pa.string(), nullable=False),
    ]),
    "services": pa.schema([
        _DOC, *_PROVENANCE,
        pa.field("service_type", pa.string(), nullable=False),
        pa.field("paragraph", pa.string(), nullable=False),
        pa.field("organisation", pa.string()),
        pa.field("raw_text", pa.string(), nullable=False),
    ]),
}

TABLES = list(SCHEMAS)
EXTRACTED_TABLES = [t for t in TABLES if t not in ("documents", "blocks")]
