"""Write stage: rows -> typed Parquet tables, replaced as a set, atomically.

A run writes every table into a fresh folder `OUT/.kpss/runs/<run_id>/`, then
switches the symlink `OUT/.kpss/current` to it with one atomic rename.
`OUT/<table>.parquet` and `OUT/run.json` are stable symlinks through
`current`, so readers (pandas, DuckDB, BI tools) always see one complete
run: a run killed at any point leaves the previous set in place.

Rows are sorted by each table's declared keys and nothing time-dependent is
written inside the tables, so the same input gives byte-identical files.
A row that does not fit its schema is an error naming table, column and
document, never a silent cast.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLES

STATE_DIR = ".kpss"
KEEP_RUNS = 2  # the current run and the one before it
ROW_GROUP_ROWS = 65_536  # at most this many rows per row group; small tables stay one group
ROW_GROUP_BYTES = 4 << 20  # a row group is written once this much Arrow data waits (bounds memory per table)
CHUNK_ROWS = 2_048  # rows held as Python dicts before they become a columnar Arrow chunk


class SchemaError(ValueError):
    """A record that does not fit the contract."""


def _sort_key(columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Declared keys first, then every other value as text: rows that tie on the keys
    (two roles of one mention) still get one order, whatever order they came in."""
    def key(row: dict[str, Any]) -> tuple:
        declared = tuple((row.get(c) is not None, row.get(c) if row.get(c) is not None else 0) for c in columns)
        return declared + tuple(sorted((k, str(v)) for k, v in row.items() if k not in columns))
    return key


def to_table(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Build one table from row dicts: declared schema, declared row order."""
    spec = TABLES[name]
    schema = spec.schema
    rows = sorted(rows, key=_sort_key(spec.sort_by))
    arrays = []
    for f in schema:
        values = [row.get(f.name) for row in rows]
        try:
            arr = pa.array(values, type=f.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as exc:
            bad = next((i for i, v in enumerate(values) if not _fits(v, f.type)), 0)
            doc = rows[bad].get("doc_id") if rows else "?"
            raise SchemaError(f"table {name}, column {f.name}, document {doc}: "
                              f"value {values[bad]!r} is not {f.type} ({exc})") from None
        if not f.nullable and arr.null_count:
            bad = next(i for i, v in enumerate(values) if v is None)
            raise SchemaError(f"table {name}, column {f.name}, document {rows[bad].get('doc_id')}: "
                              "null in a non-null column")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=schema)


def _fits(value: Any, type_: pa.DataType) -> bool:
    try:
        pa.array([value], type=type_)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return False
    return True


class _StreamingTable:
    """One table written row group by row group as fragments arrive (bounded memory).

    Fragments come in doc_id order and each document's rows are sorted as they
    arrive, so the file is in the table's declared order. Rows wait as Python
    dicts only until `CHUNK_ROWS` of them have come; then they become a columnar
    Arrow chunk (a tenth of the memory), and `ROW_GROUP_ROWS` rows or
    `ROW_GROUP_BYTES` of chunks make one row group. Memory stays at one row
    group's Arrow data per table however large the archive.
    """

    def __init__(self, name: str, path: Path) -> None:
        self.name, self.path = name, path
        self.buffer: list[dict[str, Any]] = []
        self.chunks: list[pa.Table] = []
        self.chunked_rows = 0
        self.rows = 0
        self._writer: pq.ParquetWriter | None = None

    def add(self, rows: list[dict[str, Any]]) -> None:
        """One document's rows (documents arrive in doc_id order)."""
        self.buffer.extend(sorted(rows, key=_sort_key(TABLES[self.name].sort_by)))
        if len(self.buffer) >= CHUNK_ROWS:
            self._chunk()

    def _chunk(self) -> None:
        """The waiting dicts -> one Arrow chunk; full row groups (by rows or bytes) are written."""
        if self.buffer:
            table = to_table(self.name, self.buffer)
            self.buffer = []
            self.chunks.append(table)
            self.chunked_rows += table.num_rows
        while self.chunked_rows >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)
        if self.chunked_rows and sum(c.nbytes for c in self.chunks) >= ROW_GROUP_BYTES:
            self._flush(self.chunked_rows)

    def _flush(self, count: int) -> None:
        """Write the first `count` chunked rows as one row group."""
        pending = pa.concat_tables(self.chunks) if self.chunks else to_table(self.name, [])
        table, rest = pending.slice(0, count), pending.slice(count)
        self.chunks = [rest] if rest.num_rows else []
        self.chunked_rows = rest.num_rows
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema, compression="zstd", write_statistics=True)
        self._writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
        self.rows += table.num_rows

    def close(self) -> int:
        self._chunk()
        if self.chunked_rows or self._writer is None:
            self._flush(self.chunked_rows)
        assert self._writer is not None
        self._writer.close()
        with open(self.path, "rb") as fh:
            os.fsync(fh.fileno())
        return self.rows


def write_run(documents: Iterable[dict[str, Any]], fragments: Iterable[Any], out_dir: Path,
              manifest: dict[str, Any]) -> dict[str, int]:
    """Write the documents rows and every fragment's blocks and rows into a new run
    folder, then switch to it. `documents` come in the documents table's order (doc_id,
    source path; a batch of rows that is not is sorted, as a short list always is);
    `fragments` yield objects with `.blocks` and `.rows` (table -> rows) in doc_id order.
    Both are streamed: memory does not grow with their number. Returns rows per table;
    `manifest` (run id, times, counts...) is saved as run.json.
    """
    state = out_dir / STATE_DIR
    run_dir = state / "runs" / manifest["run_id"]
    run_dir.mkdir(parents=True, exist_ok=False)
    streams = {name: _StreamingTable(name, run_dir / f"{name}.parquet") for name in TABLES}
    for fragment in fragments:
        streams["blocks"].add(fragment.blocks)
        for name, rows in fragment.rows.items():
            streams[name].add(rows)
    batch: list[dict[str, Any]] = []
    for row in documents:
        batch.append(row)
        if len(batch) == CHUNK_ROWS:
            streams["documents"].add(batch)
            batch = []
    streams["documents"].add(batch)
    counts = {name: stream.close() for name, stream in streams.items()}
    return _finish(out_dir, run_dir, manifest, counts)


def current_manifest(out_dir: Path) -> dict[str, Any] | None:
    """run.json of the run OUT's tables come from, when every table of it is there."""
    current = out_dir / STATE_DIR / "current"
    try:
        manifest = json.loads((current / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all((current / f"{name}.parquet").is_file() for name in TABLES):
        return None
    return manifest


def reuse_run(out_dir: Path, manifest: dict[str, Any]) -> dict[str, int]:
    """A new run whose tables are the current run's files (hard links; copies where the
    file system has none) with a new run.json: for a re-run that found nothing changed,
    so it costs milliseconds instead of rewriting every table. Switched like `write_run`."""
    state = out_dir / STATE_DIR
    previous = (state / "current").resolve()
    counts = json.loads((previous / "run.json").read_text(encoding="utf-8"))["rows"]
    run_dir = state / "runs" / manifest["run_id"]
    run_dir.mkdir(parents=True, exist_ok=False)
    for name in TABLES:
        source, target = previous / f"{name}.parquet", run_dir / f"{name}.parquet"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return _finish(out_dir, run_dir, manifest, counts)


def _finish(out_dir: Path, run_dir: Path, manifest: dict[str, Any], counts: dict[str, int]) -> dict[str, int]:
    """run.json, then the atomic switch to the new run folder and the stable links."""
    state = out_dir / STATE_DIR
    _write_text(run_dir / "run.json", json.dumps({**manifest, "rows": counts}, ensure_ascii=False, indent=1))
    _fsync_dir(run_dir)
    _atomic_symlink(state / "current", Path("runs") / manifest["run_id"])
    for name in [*TABLES, "run"]:
        file = f"{name}.parquet" if name != "run" else "run.json"
        link = out_dir / file
        target = Path(STATE_DIR) / "current" / file
        if not (link.is_symlink() and Path(os.readlink(link)) == target):
            _atomic_symlink(link, target)
    _prune(state / "runs", keep=manifest["run_id"])
    return counts


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_symlink(link: Path, target: Path) -> None:
    """Point `link` at `target` (relative), replacing whatever was there in one rename."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)
    _fsync_dir(link.parent)


def _prune(runs: Path, keep: str) -> None:
    """Delete old run folders, keeping the newest KEEP_RUNS (always the current one)."""
    others = sorted((p for p in runs.iterdir() if p.is_dir() and p.name != keep), key=lambda p: p.name)
    for old in others[:max(0, len(others) - (KEEP_RUNS - 1))]:
        shutil.rmtree(old, ignore_errors=True)
