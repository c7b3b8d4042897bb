"""Write stage: rows -> typed Parquet tables, atomically.

Each table is written to a temporary file inside OUT and renamed over the
old one, so a run killed mid-write leaves the previous table intact.
A row that does not fit its schema is an error naming table, column and
document, never a silent cast.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import CONTRACT_VERSION, SCHEMAS


class SchemaError(ValueError):
    """A record that does not fit the contract."""


def to_table(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Build one table from row dicts with the declared schema."""
    schema = SCHEMAS[name]
    rows = list(rows)
    columns: dict[str, list[Any]] = {f.name: [] for f in schema}
    for row in rows:
        for f in schema:
            columns[f.name].append(row.get(f.name))
    arrays = []
    for f in schema:
        try:
            arr = pa.array(columns[f.name], type=f.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as exc:
            bad = _first_bad(columns[f.name], f.type)
            doc = rows[bad]["doc_id"] if bad is not None else "?"
            raise SchemaError(f"table {name}, column {f.name}, document {doc}: "
                              f"value {columns[f.name][bad]!r} is not {f.type} ({exc})") from None
        if not f.nullable and arr.null_count:
            bad = next(i for i, v in enumerate(columns[f.name]) if v is None)
            raise SchemaError(f"table {name}, column {f.name}, document {rows[bad].get('doc_id')}: "
                              "null in a non-null column")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=schema)


def _first_bad(values: list[Any], type_: pa.DataType) -> int | None:
    for i, value in enumerate(values):
        try:
            pa.array([value], type=type_)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            return i
    return None


def write_table(table: pa.Table, name: str, out_dir: Path) -> Path:
    """Write `<out_dir>/<name>.parquet` via a temporary file and an atomic rename."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.parquet"
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           b"contract_version": CONTRACT_VERSION.encode()})
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=out_dir)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd", row_group_size=64_000)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_tables(tables: dict[str, list[dict[str, Any]]], out_dir: Path) -> dict[str, int]:
    """Validate every table first, then write them; returns rows per table."""
    built = {name: to_table(name, rows) for name, rows in tables.items()}
    for name, table in built.items():
        write_table(table, name, out_dir)
    return {name: t.num_rows for name, t in built.items()}
