"""Write stage: rows -> typed Parquet tables, replaced as a set, atomically.

A run writes every table into a fresh folder `OUT/.kpss/runs/<run_id>/`, then
switches the symlink `OUT/.kpss/current` to it with one atomic rename.
`OUT/<table>.parquet` and `OUT/run.json` are stable symlinks through
`current`, so a run killed at any point leaves the previous set in place.

One run at a time writes into an OUT (`hold_out`: an advisory lock on
`OUT/.kpss/lock`, held by the runner from before reading to after the switch),
so a run never meets another live run's folder. A run folder is complete once
its `run.json` is there (renamed into place last); after a switch the writer
keeps the new run and the run it replaced (a reader that resolved `current`
before the switch may still be reading it) and deletes every other folder:
older complete runs and the unfinished folders of killed runs. A pseudonymised
run also deletes the replaced run when that one was plain, so a pseudonymised
OUT holds no names; a plain run into a pseudonymised OUT is refused.

Rows are sorted by each table's declared keys and nothing time-dependent is
written inside the tables, so the same input gives byte-identical files.
A row that does not fit its schema is an error naming table, column and
document, never a silent cast.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

try:
    import fcntl
except ImportError:  # Windows: no advisory lock (one run per OUT is then up to the user)
    fcntl = None  # type: ignore[assignment]

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLES

log = logging.getLogger(__name__)

STATE_DIR = ".kpss"
LOCK_FILE = "lock"  # in STATE_DIR: flock'ed by the run writing OUT; holds "<pid> <start time>"
MANIFEST = "run.json"  # written last into a run folder: a folder without it is unfinished
ROW_GROUP_ROWS = 65_536  # at most this many rows per row group; small tables stay one group
ROW_GROUP_BYTES = 4 << 20  # a row group is written once this much Arrow data waits (bounds memory per table)
CHUNK_ROWS = 2_048  # rows held as Python dicts before they become a columnar Arrow chunk


class SchemaError(ValueError):
    """A record that does not fit the contract."""


class OutRefused(OSError):
    """OUT cannot take this run now (another run is writing it, or its tables are
    pseudonymised and this run is not). An OSError, so the CLI reports it like an
    unwritable OUT: a one-line message and exit code 1."""


_held = threading.local()  # OUT folders this thread holds the lock of (so write_run inside run does not re-lock)


@contextmanager
def hold_out(out_dir: Path, pseudonymised: bool = False) -> Iterator[None]:
    """Be the only run writing `out_dir` until the block ends; refuse at once when another
    run is (failing fast: a second run would redo the same work, and runs started by a
    scheduler would pile up waiting). Also refuses a plain run into an OUT whose current
    tables are pseudonymised. The kernel drops the lock when the process dies, so a
    killed run never leaves OUT locked. Re-entrant within one thread."""
    key = os.path.realpath(out_dir)
    held: set[str] = _held.__dict__.setdefault("dirs", set())
    if key in held:
        yield
        return
    state = out_dir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with open(state / LOCK_FILE, "a+", encoding="utf-8") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                raise OutRefused(_busy_message(fh.read().split())) from None
            except OSError as exc:  # a file system without locks (some network shares): run, but say so
                log.warning("cannot lock %s (%s): two runs into it at once would not be kept apart",
                            state / LOCK_FILE, exc.strerror or exc)
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} {dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}\n")
        fh.flush()
        _check_privacy(out_dir, pseudonymised)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)


def _busy_message(holder: list[str]) -> str:
    who = f" (pid {holder[0]} since {holder[1]})" if len(holder) == 2 else ""
    return (f"another run is writing OUT{who}; wait until it has finished and run again, "
            "or write to another folder")


def _check_privacy(out_dir: Path, pseudonymised: bool) -> None:
    current = current_manifest(out_dir)
    if not pseudonymised and current is not None and current.get("pseudonymised"):
        raise OutRefused("OUT holds pseudonymised tables and this run is not pseudonymised: it would put "
                         "person names into a folder kept for publishing. Run with --pseudonymise (and the "
                         "same key), or write the plain tables to another folder")


def current_run(out_dir: Path) -> Path:
    """The folder of the run OUT's tables come from, resolved once. For programs that read
    while runs may switch: `OUT/<table>.parquet` can change between two opens of it
    (pyarrow, pandas and DuckDB open a file twice: footer, then data), while this folder
    stays as it is and is kept until the second switch after it was current."""
    return (out_dir / STATE_DIR / "current").resolve(strict=True)


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
    with hold_out(out_dir, bool(manifest.get("pseudonymised"))):
        run_dir = out_dir / STATE_DIR / "runs" / manifest["run_id"]
        run_dir.mkdir(parents=True, exist_ok=False)
        try:
            counts = _write_tables(documents, fragments, run_dir)
            _seal(run_dir, manifest, counts)
        except BaseException:
            shutil.rmtree(run_dir, ignore_errors=True)  # never leave an unfinished folder behind
            raise
        return _switch(out_dir, manifest, counts)


def _write_tables(documents: Iterable[dict[str, Any]], fragments: Iterable[Any], run_dir: Path) -> dict[str, int]:
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
    return {name: stream.close() for name, stream in streams.items()}


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
    with hold_out(out_dir, bool(manifest.get("pseudonymised"))):
        previous = current_run(out_dir)
        counts = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))["rows"]
        run_dir = out_dir / STATE_DIR / "runs" / manifest["run_id"]
        run_dir.mkdir(parents=True, exist_ok=False)
        try:
            for name in TABLES:
                source, target = previous / f"{name}.parquet", run_dir / f"{name}.parquet"
                try:
                    os.link(source, target)  # never written to afterwards: deleting either name is safe
                except OSError:
                    shutil.copyfile(source, target)
            _seal(run_dir, manifest, counts)
        except BaseException:
            shutil.rmtree(run_dir, ignore_errors=True)
            raise
        return _switch(out_dir, manifest, counts)


def _seal(run_dir: Path, manifest: dict[str, Any], counts: dict[str, int]) -> None:
    """run.json last, renamed into place: from then on the folder is a complete run."""
    tmp = run_dir / f".{MANIFEST}.tmp"
    _write_text(tmp, json.dumps({**manifest, "rows": counts}, ensure_ascii=False, indent=1))
    os.replace(tmp, run_dir / MANIFEST)
    _fsync_dir(run_dir)


def _switch(out_dir: Path, manifest: dict[str, Any], counts: dict[str, int]) -> dict[str, int]:
    """The atomic switch to the sealed run folder, the stable links, then the pruning."""
    state = out_dir / STATE_DIR
    try:
        replaced: str | None = Path(os.readlink(state / "current")).name
    except OSError:
        replaced = None
    _atomic_symlink(state / "current", Path("runs") / manifest["run_id"])
    for name in [*TABLES, "run"]:
        file = f"{name}.parquet" if name != "run" else MANIFEST
        link = out_dir / file
        target = Path(STATE_DIR) / "current" / file
        if not (link.is_symlink() and Path(os.readlink(link)) == target):
            _atomic_symlink(link, target)
    _prune(state / "runs", manifest["run_id"], replaced, bool(manifest.get("pseudonymised")))
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


def _prune(runs: Path, current: str, replaced: str | None, pseudonymised: bool) -> None:
    """Delete every run folder but the current one and the one it replaced (a reader may
    hold it until the next switch); a pseudonymised run keeps the replaced one only when
    that was pseudonymised too. Runs under the lock, so an unfinished folder is a dead
    run's: it goes too. Deleting unlinks names only: a file hard-linked into a kept run
    keeps its bytes."""
    for folder in sorted(runs.iterdir()):
        if not folder.is_dir() or folder.name == current:
            continue
        if folder.name == replaced and (not pseudonymised or _was_pseudonymised(folder)):
            continue
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            log.warning("could not delete the old run folder %s (%s); delete it by hand: it may hold "
                        "names in plain", folder, exc.strerror or exc)


def _was_pseudonymised(folder: Path) -> bool:
    try:
        return bool(json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("pseudonymised"))
    except (OSError, ValueError):
        return False

