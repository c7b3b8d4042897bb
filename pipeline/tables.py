"""Reading a finished run's tables back, for the outputs derived from them
(the DuckDB file, the CSVs, the report).

All tables and run.json are read from the one run folder `OUT/.kpss/current`
points at when the reading starts, so a run that finishes meanwhile cannot mix
two runs into one output. Types come from the declared schemas: a nullable
integer column stays integer (pandas `Int64`), not float, so it never prints as
`1.0`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLE_NAMES
from pipeline.writer import STATE_DIR, current_run


class MissingTables(ValueError):
    """OUT holds no complete set of tables: a one-line message for the user."""


def finished_run(out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The folder the current tables are in (`writer.current_run`, resolved once), and its
    run.json (empty when there is none).

    Raises MissingTables naming the first missing table and what to do."""
    if not out_dir.is_dir():
        raise MissingTables(f"{out_dir} is not a folder: give the folder `kpss extract` wrote the tables to")
    source = current_run(out_dir) if (out_dir / STATE_DIR / "current").is_dir() else out_dir
    for name in TABLE_NAMES:
        if not (source / f"{name}.parquet").is_file():
            raise MissingTables(f"{out_dir} holds no tables ({name}.parquet is missing): "
                                f"run `kpss extract RAW {out_dir}` first")
    try:
        manifest = json.loads((source / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return source, manifest


def read_frame(source: Path, name: str) -> pd.DataFrame:
    """One table as a DataFrame typed by its schema (the file was written with it):
    integers as Int64 and booleans as pandas' nullable boolean (missing = pd.NA, not a
    float NaN), dictionary-encoded words as plain strings (None when missing)."""
    table = pq.read_table(source / f"{name}.parquet")
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(field.type.value_type))
    return table.to_pandas(types_mapper=_nullable)


def _nullable(type_: pa.DataType) -> Any:
    if pa.types.is_integer(type_):
        return pd.Int64Dtype()
    if pa.types.is_boolean(type_):
        return pd.BooleanDtype()
    return None
