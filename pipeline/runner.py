"""Runs the stages over an archive: find files -> ingest -> extract -> write.

`process_file` is the whole per-file pipeline and never raises: whatever
goes wrong with one file becomes its `documents` row (status and error),
and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from pipeline import __version__
from pipeline.extract import BlockView, extract_document
from pipeline.ingest import read, sniff
from pipeline.model import Block, IngestError
from pipeline.schemas import CONTRACT_VERSION, EXTRACTED_TABLES, TABLE_NAMES
from pipeline.writer import write_run

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_MB = 100


@dataclass
class FileResult:
    """Everything one file contributes to the tables."""

    document: dict[str, Any]
    blocks: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # ingest, extract


@dataclass
class RunSummary:
    files: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: {"ok": 0, "partial": 0, "failed": 0})
    by_format: dict[str, dict[str, int]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    slowest: tuple[str, float] = ("", 0.0)
    stage_seconds: dict[str, float] = field(default_factory=lambda: {"ingest": 0.0, "extract": 0.0, "write": 0.0})


def discover(root: Path) -> Iterator[Path]:
    """Every file below root in a stable order; hidden files (.gitkeep) are not documents."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() or path.is_symlink():
            yield path


def doc_id_of(data: bytes) -> str:
    """First 16 hex digits of the file's sha256 (SPEC.md)."""
    return hashlib.sha256(data).hexdigest()[:16]


def _base_row(path: Path, root: Path) -> dict[str, Any]:
    return {
        "source_path": path.relative_to(root).as_posix(),
        "file_extension": path.suffix.lower().lstrip(".") or None,
        "pipeline_version": __version__,
        "status": "failed",
    }


def process_file(path: Path, root: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> FileResult:
    """Ingest and extract one file. Never raises."""
    started = time.perf_counter()
    row = _base_row(path, root)
    try:
        result = _process(path, root, row, max_file_mb)
    except Exception as exc:  # a bug must cost one file, not the run
        log.exception("internal error on %s", row["source_path"])
        row.update(status="failed", error=f"internal error: {type(exc).__name__}: {exc}; please report this file")
        row.setdefault("doc_id", row.get("doc_id") or hashlib.sha256(row["source_path"].encode()).hexdigest()[:16])
        row.setdefault("source_format", "unknown")
        result = FileResult(document=row)
    result.seconds = time.perf_counter() - started
    return result


def _process(path: Path, root: Path, row: dict[str, Any], max_file_mb: float) -> FileResult:
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        row.update(doc_id=hashlib.sha256(row["source_path"].encode()).hexdigest()[:16], source_format="link",
                   error=f"skipped: {row['source_path']} is a link to a place outside the input folder")
        return FileResult(document=row)
    size = resolved.stat().st_size
    row["file_size"] = size
    if size > max_file_mb * 1024 * 1024:
        row.update(doc_id=hashlib.sha256(row["source_path"].encode()).hexdigest()[:16], source_format="unknown",
                   error=f"refused: the file has {size / 2**20:.1f} MB, above the limit of {max_file_mb:g} MB "
                         "(raise it with --max-file-mb)")
        return FileResult(document=row)
    started = time.perf_counter()
    data = resolved.read_bytes()
    row["doc_id"] = doc_id_of(data)
    row["source_format"] = sniff(data, row["file_extension"] or "")
    try:
        ingested = read(data, row["source_format"])
    except IngestError as exc:
        row["error"] = str(exc)
        return FileResult(document=row, stage_seconds={"ingest": time.perf_counter() - started})
    ingest_done = time.perf_counter()
    row.update(status=ingested.status, error=ingested.error, n_pages=ingested.n_pages,
               n_blocks=len(ingested.blocks), warnings="; ".join(ingested.warnings) or None)
    blocks = [_block_row(row["doc_id"], i, b) for i, b in enumerate(ingested.blocks)]
    extraction = extract_document([BlockView(**{k: v for k, v in b.items() if k != "doc_id"}) for b in blocks])
    row.update(extraction.fields)
    rows = {t: [{"doc_id": row["doc_id"], **r} for r in extraction.tables.get(t, [])] for t in EXTRACTED_TABLES}
    return FileResult(document=row, blocks=blocks, rows=rows,
                      stage_seconds={"ingest": ingest_done - started, "extract": time.perf_counter() - ingest_done})


def _block_row(doc_id: str, block_id: int, block: Block) -> dict[str, Any]:
    return {"doc_id": doc_id, "block_id": block_id, "kind": block.kind, "level": block.level, "page": block.page,
            "text": block.text, "label": block.label, "region": block.region, "table_id": block.table_id,
            "row": block.row, "col": block.col}


def run(raw: Path, out: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
        progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None) -> RunSummary:
    """Process every file below `raw` and write all tables to `out`."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc)
    paths = list(discover(raw))
    iterator: Iterator[Path] = progress(iter(paths), len(paths)) if progress else iter(paths)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLE_NAMES}
    summary = RunSummary()
    seen: dict[str, str] = {}
    for path in iterator:
        result = process_file(path, raw, max_file_mb)
        doc = result.document
        first = seen.setdefault(doc["doc_id"], doc["source_path"])
        if first != doc["source_path"]:
            # same bytes at two paths: one documents row each, the content's rows once
            doc["duplicate_of"] = first
        else:
            tables["blocks"].extend(result.blocks)
            for name, rows in result.rows.items():
                tables[name].extend(rows)
        tables["documents"].append(doc)
        _count(summary, result)
    write_started = time.perf_counter()
    summary.rows = write_run(tables, out, _manifest(raw, started_at, summary))
    summary.stage_seconds["write"] = time.perf_counter() - write_started
    summary.seconds = time.perf_counter() - started
    return summary


def _manifest(raw: Path, started_at: dt.datetime, summary: RunSummary) -> dict[str, Any]:
    """What run.json records: the run's identity, times and counts (never inside the tables)."""
    ended_at = dt.datetime.now(dt.timezone.utc)
    return {
        "run_id": f"{started_at:%Y%m%dT%H%M%S.%fZ}-{os.getpid()}",
        "started_at": started_at.isoformat(timespec="seconds"),
        "ended_at": ended_at.isoformat(timespec="seconds"),
        "pipeline_version": __version__,
        "contract_version": CONTRACT_VERSION,
        "input_root": str(raw.resolve()),
        "command_line": " ".join(sys.argv),
        "files": summary.files,
        "by_status": summary.by_status,
        "by_format": summary.by_format,
        "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
    }


def _count(summary: RunSummary, result: FileResult) -> None:
    doc = result.document
    summary.files += 1
    summary.by_status[doc["status"]] = summary.by_status.get(doc["status"], 0) + 1
    per_format = summary.by_format.setdefault(doc.get("source_format") or "unknown", {})
    per_format[doc["status"]] = per_format.get(doc["status"], 0) + 1
    if doc["status"] != "ok":
        summary.failures.append((doc["source_path"], doc.get("error") or ""))
    for stage, seconds in result.stage_seconds.items():
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds
    if result.seconds > summary.slowest[1]:
        summary.slowest = (doc["source_path"], result.seconds)
