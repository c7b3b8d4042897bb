"""Runs the stages over an archive: find files -> ingest -> extract -> write.

`process_file` is the whole per-file pipeline and never raises: whatever
goes wrong with one file becomes its `documents` row (status and error).
`run` sends the files that changed since the last run to an executor (a
local process pool by default, or Dask), keeps every file's result in the
cache (the user's cache folder), then streams the tables from it in `doc_id`
order, so memory stays flat however large the archive.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from pipeline import __version__, folders, inputs, meetings, pseudonymise, tools
from pipeline.cache import ResultCache, code_key, encode
from pipeline.document_rows import DocumentRows
from pipeline.errors import PlaceError, place_error
from pipeline.executors import default_workers, run_dask, run_inline, run_pool
from pipeline.extract import extract_document
from pipeline.extract.model import BlockView
from pipeline.ingest import read, sniff
from pipeline.inputs import DEFAULT_INCLUDE, Selection, Skips, Unreadable, discover
from pipeline.model import Block, IngestError
from pipeline.schemas import CONTRACT_VERSION, EXTRACTED_TABLES
from pipeline.writer import STATE_DIR, current_manifest, hold_out, reuse_run, write_run

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_MB = 100
DEFAULT_FILE_TIMEOUT = 60.0


@dataclass
class RunOptions:
    """How to run; the defaults are what `kpss extract` uses."""

    workers: int = field(default_factory=default_workers)  # 0: in this process, no time limit
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    cache_dir: Path | None = None  # None: a throw-away cache for this run only (the CLI keeps one: folders.py)
    full: bool = False  # ignore cached results
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    pseudonym_key: bytes | None = None  # replace person names by keyed hashes (pipeline/pseudonymise.py)
    include: tuple[str, ...] = DEFAULT_INCLUDE  # globs of the files read (pipeline/inputs.py)
    exclude: tuple[str, ...] = ()


@dataclass
class FileResult:
    """Everything one file contributes to the tables."""

    document: dict[str, Any]
    blocks: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # ingest, extract: elapsed in the worker
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # ingest, extract: CPU of the worker and its programs
    tools: dict[str, str] = field(default_factory=dict)  # external program -> used/missing/timeout (tools.py)


@dataclass
class RunSummary:
    files: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: {"ok": 0, "partial": 0, "failed": 0})
    by_format: dict[str, dict[str, int]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    slowest: tuple[str, float] = ("", 0.0)
    reused: int = 0  # files taken from the cache unchanged
    tables_reused: bool = False  # nothing changed since the last run into this OUT: its tables were kept
    stage_seconds: dict[str, float] = field(default_factory=lambda: {"ingest": 0.0, "extract": 0.0, "write": 0.0})
    # What run.json records: wall-clock seconds of the run's phases, and CPU seconds summed
    # over files (across workers, so they may exceed the wall-clock time).
    wall_seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "write": 0.0, "total": 0.0})
    cpu_seconds: dict[str, float] = field(default_factory=lambda: {"ingest": 0.0, "extract": 0.0})

    skips: Skips = field(default_factory=Skips)  # entries below RAW with no documents row, and why


def doc_id_of(data: bytes) -> str:
    """First 16 hex digits of the file's sha256 (SPEC.md)."""
    return hashlib.sha256(data).hexdigest()[:16]


def _path_id(rel_path: str) -> str:
    """An id for a file whose bytes were not read (refused, or a link outside the input)."""
    return hashlib.sha256(rel_path.encode()).hexdigest()[:16]


def _base_row(path: Path, root: Path) -> dict[str, Any]:
    return {
        "source_path": inputs.source_path(path, root),
        "file_extension": inputs.escape(path.suffix.lower().lstrip(".")) or None,
        "pipeline_version": __version__,
        "status": "failed",
    }


def process_file(path: Path, root: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> FileResult:
    """Ingest and extract one file. Never raises."""
    started = time.perf_counter()
    row = _base_row(path, root)
    notes = tools.start()  # the external programs the result depends on (its cache key)
    try:
        result = _process(path, root, row, max_file_mb)
    except Exception as exc:  # a bug must cost one file, not the run
        log.error("internal error on %s: %s", row["source_path"], type(exc).__name__)
        log.debug("traceback of the internal error", exc_info=True)  # the user sees no traceback
        message = str(exc).replace(os.path.realpath(root) + os.sep, "").replace(str(root) + os.sep, "")
        row.update(status="failed", error=f"internal error: {type(exc).__name__}: {message}; please report this file")
        row.setdefault("doc_id", _path_id(row["source_path"]))
        row.setdefault("source_format", "unknown")
        result = FileResult(document=row)
    result.tools = tools.finish(notes)
    result.seconds = time.perf_counter() - started
    return result


def _process(path: Path, root: Path, row: dict[str, Any], max_file_mb: float) -> FileResult:
    limit = int(max_file_mb * 1024 * 1024)
    started, cpu_started = time.perf_counter(), _cpu()
    try:  # only a regular file inside RAW is opened; anything else is a row saying what it is
        row["file_size"] = inputs.check(path, root, row["source_path"])
        data = inputs.read_regular(path, row["source_path"], limit) if row["file_size"] <= limit else b""
    except Unreadable as exc:
        row.update(doc_id=_path_id(row["source_path"]), source_format=exc.source_format, error=str(exc))
        return FileResult(document=row)
    if max(row["file_size"], len(data)) > limit:
        row.update(doc_id=_path_id(row["source_path"]), source_format="unknown",
                   error=f"refused: the file has {max(row['file_size'], len(data)) / 2**20:.1f} MB, above the "
                         f"limit of {max_file_mb:g} MB (raise it with --max-file-mb)")
        return FileResult(document=row)
    row["doc_id"] = doc_id_of(data)
    row["source_format"] = sniff(data, row["file_extension"] or "")
    try:
        ingested = read(data, row["source_format"])
    except IngestError as exc:
        row["error"] = str(exc)
        return FileResult(document=row, stage_seconds={"ingest": time.perf_counter() - started},
                          cpu_seconds={"ingest": _cpu() - cpu_started})
    ingest_done, cpu_ingest_done = time.perf_counter(), _cpu()
    row.update(status=ingested.status, error=ingested.error, n_pages=ingested.n_pages,
               n_blocks=len(ingested.blocks), warnings="; ".join(ingested.warnings) or None,
               ocr_pages=ingested.ocr_pages)
    blocks = [_block_row(row["doc_id"], i, b) for i, b in enumerate(ingested.blocks)]
    row[meetings.SIGNATURE_KEY] = meetings.document_signature(blocks)  # for finding copies of one meeting
    extraction = extract_document([BlockView(**{k: v for k, v in b.items() if k != "doc_id"}) for b in blocks])
    row.update(extraction.fields)
    rows = {t: [{"doc_id": row["doc_id"], **r} for r in extraction.tables.get(t, [])] for t in EXTRACTED_TABLES}
    return FileResult(document=row, blocks=blocks, rows=rows,
                      stage_seconds={"ingest": ingest_done - started, "extract": time.perf_counter() - ingest_done},
                      cpu_seconds={"ingest": cpu_ingest_done - cpu_started, "extract": _cpu() - cpu_ingest_done})


def _cpu() -> float:
    """CPU seconds of this process and of the programs it ran and waited for (LibreOffice, Tesseract)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _block_row(doc_id: str, block_id: int, block: Block) -> dict[str, Any]:
    return {"doc_id": doc_id, "block_id": block_id, "kind": block.kind, "level": block.level, "page": block.page,
            "text": block.text, "label": block.label, "region": block.region, "table_id": block.table_id,
            "row": block.row, "col": block.col}


def work(path: str, root: str, max_file_mb: float) -> tuple[FileResult, bytes]:
    """The task an executor runs for one file: its result without blocks and rows (what the
    run's summary needs), and the whole result compressed (what the cache keeps). The
    process that writes the tables never unpacks a whole result before writing it."""
    result = process_file(Path(path), Path(root), max_file_mb)
    return FileResult(document=result.document, seconds=result.seconds, stage_seconds=result.stage_seconds,
                      cpu_seconds=result.cpu_seconds, tools=result.tools), encode(result)


# Objects allocated and not yet freed before the collector's youngest generation is walked
# (Python's default: 700). Extraction leaves no reference cycle (`Annotated.release`), so a file's
# objects are freed as it goes; at 700 the collector walked the live ones about six times per
# bench file, and promoted them to older generations walked again (2-6 ms per file).
GC_YOUNG_THRESHOLD = 10_000


def warm_up() -> None:
    """Load spaCy and every lexicon once per worker process, not once per file; then freeze what
    was loaded (`gc.freeze`): it lives as long as the worker, and the collector would otherwise
    walk it again in every full collection while files are extracted. The collector runs less
    often (`GC_YOUNG_THRESHOLD`)."""
    extract_document([BlockView(0, "paragraph", "Přítomni: Jana Nováková. Opatření 1.1 Navýšit o 0,5 úvazku.")])
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def run(raw: Path, out: Path, options: RunOptions | None = None,
        progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None) -> RunSummary:
    """Process every file below `raw` (only the changed ones, with a cache) and write all tables to `out`."""
    options = options or RunOptions()
    folders.check_places(raw, out, options.cache_dir)  # before any file is read: an OUT inside RAW,
    folders.check_writable(out)  # or one that cannot be written, is refused at once
    with hold_out(out, pseudonymised=options.pseudonym_key is not None):  # one run per OUT, from before reading
        return _run(raw, out, options, progress)


def _run(raw: Path, out: Path, options: RunOptions,
         progress: Callable[[Iterator[Any], int], Iterator[Any]] | None) -> RunSummary:
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc)
    summary = RunSummary()
    scratch = None
    if options.cache_dir is None:
        try:
            scratch = Path(tempfile.mkdtemp(prefix="kpss-cache-"))
        except OSError as exc:
            raise place_error("the temporary folder", Path(tempfile.gettempdir()), exc,
                              "free space there, or set TMPDIR to a folder with room") from None
    try:
        cache = ResultCache(options.cache_dir or scratch, raw, temporary=scratch is not None)  # type: ignore[arg-type]
        documents = _process_all(raw, options, cache, summary, progress)
        write_started = time.perf_counter()
        summary.wall_seconds["read"] = write_started - started
        key = options.pseudonym_key
        manifest = _manifest(raw, started_at, summary, fingerprint(documents, key), key)
        manifest["pseudonymised"] = key is not None  # whether, never the key (writer.py keeps OUT one or the other)
        previous = current_manifest(out)
        try:
            if previous is not None and previous.get("fingerprint") == manifest["fingerprint"] and not options.full:
                summary.rows = reuse_run(out, manifest)  # nothing changed: the tables are already right
                summary.tables_reused = True
            else:
                fragments = _fragments(documents, cache, raw, options.max_file_mb)
                rows: Iterator[dict[str, Any]] = documents.in_table_order()
                if key is not None:  # the whole run's persons first: a name is replaced in every document
                    people = pseudonymise.People(n for f in _fragments(documents, cache, raw, options.max_file_mb)
                                                 for n in pseudonymise.names_of(f))
                    rows = (pseudonymise.document_row(d, key, people) for d in rows)
                    fragments = (pseudonymise.file_result(f, key, people) for f in fragments)
                summary.rows = write_run(rows, fragments, out, manifest)
        except (PlaceError, OSError) as exc:
            # write_run/reuse_run removed their unfinished folder; OUT's last complete run stays
            if isinstance(exc, PlaceError):
                raise
            raise place_error("the output folder", out, exc, "free space there or choose another OUT; "
                              "the tables of its last complete run are kept") from None
        summary.stage_seconds["write"] = time.perf_counter() - write_started
        summary.wall_seconds["write"] = summary.stage_seconds["write"]
        summary.wall_seconds["total"] = time.perf_counter() - started
        _record_seconds(out, manifest["run_id"], summary)
        cache.save_index()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _process_all(raw: Path, options: RunOptions, cache: ResultCache, summary: RunSummary,
                 progress: Callable[[Iterator[Any], int], Iterator[Any]] | None) -> DocumentRows:
    """Documents rows for every file; results of changed files computed and cached."""
    paths = list(discover(raw, Selection(options.include, options.exclude), summary.skips))
    documents = DocumentRows()
    stats: dict[str, os.stat_result] = {}
    todo: list[str] = []
    for path in paths:
        rel = inputs.source_path(path, raw)
        if rel != path.relative_to(raw).as_posix():  # bytes of the name shown as escapes
            documents.note_file(rel, path)
        try:
            stats[rel] = path.stat()
        except OSError:  # a dangling link: process_file says so
            todo.append(str(path))
            continue
        doc_id = None if options.full else (cache.known(rel, stats[rel])
                                            or cache.known_content(path, stats[rel], options.max_file_mb * 2**20))
        cached = cache.document(doc_id, rel) if doc_id else None  # None: damaged, or made by another program
        if cached is not None:
            documents.add(_reuse(cached, path, raw))
            cache.remember(rel, stats[rel], doc_id)  # type: ignore[arg-type]
            summary.reused += 1
        else:
            todo.append(str(path))
    outcomes = _execute(todo, raw, options)
    if progress:
        outcomes = progress(outcomes, len(todo))
    for outcome in outcomes:
        path = Path(outcome.task)
        rel = inputs.source_path(path, raw)
        if outcome.error is not None:
            result = FileResult(document={**_base_row(path, raw), "doc_id": _path_id(rel), "source_format":
                                          _sniff_quietly(path), "error": outcome.error})
            documents.add(result.document)
        else:
            result, payload = outcome.value  # type: ignore[misc]
            packed = documents.add(result.document)
            if result.document.get("doc_id") and not (result.document.get("error") or "").startswith(
                    ("internal error", "skipped", "refused")):
                cache.put(result.document["doc_id"], payload, result.tools)
                cache.put_document(result.document["doc_id"], packed)  # the run's packed row, shared
                if rel in stats:
                    cache.remember(rel, stats[rel], result.document["doc_id"])
        log.info("%s: %s%s", rel, result.document["status"],
                 f" ({result.document['error']})" if result.document.get("error") else "")
        _count_time(summary, result)
    in_order = [inputs.source_path(path, raw) for path in paths]
    documents.mark_duplicates(in_order)
    documents.mark_meetings()
    for rel in in_order:
        _count(summary, documents.row(rel))
    return documents


def _execute(todo: list[str], raw: Path, options: RunOptions):  # type: ignore[no-untyped-def]
    fn = partial(work, root=str(raw), max_file_mb=options.max_file_mb)
    if options.executor == "dask":
        return run_dask(fn, todo, options.workers or default_workers(), options.file_timeout, options.scheduler,
                        initializer=warm_up)
    if options.workers == 0 or not todo:
        return run_inline(fn, todo)
    return run_pool(fn, todo, options.workers, options.file_timeout, initializer=warm_up)


def _reuse(document: dict[str, Any], path: Path, root: Path) -> dict[str, Any]:
    """A cached document row under this file's own path (the same bytes may sit elsewhere)."""
    return {**document, **_base_row(path, root), "status": document["status"], "duplicate_of": None}


def _sniff_quietly(path: Path) -> str:
    """The format of a file whose worker failed; a special file is never opened (it could block)."""
    head = inputs.read_head(path)
    return "unknown" if head is None else sniff(head, path.suffix.lower().lstrip("."))


def _fragments(documents: DocumentRows, cache: ResultCache, raw: Path,
               max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Iterator[FileResult]:
    """Each distinct document's cached result, in doc_id order (the tables' order). A
    fragment found damaged now (it looked whole when the run began) is read again from its
    file, here and without a time limit, rather than stopping the run."""
    for doc_id in documents.distinct_doc_ids():
        if not cache.has(doc_id):
            continue
        result = cache.load(doc_id)
        path = documents.path_of(doc_id) if result is None else None  # a scan, only for the rare damage
        if path is not None:
            cache.report_damage(doc_id, path, "found while writing the tables")
            result = process_file(documents.file_of(path, raw), raw, max_file_mb)
            if result.document.get("doc_id") != doc_id:  # changed since it was listed: its row is stale
                log.warning("%s changed during the run; its rows are left out until the next run", path)
                continue
            cache.put(doc_id, encode(result), result.tools)
        if result is not None:
            yield result


def fingerprint(documents: DocumentRows, pseudonym_key: bytes | None = None) -> str:
    """What the tables of a run are made of: the pipeline's code and configs, every
    documents row (path, content hash, status, ...) and whether and with which key names
    were pseudonymised. Two runs with the same fingerprint write the same tables, so the
    second one can keep the first one's files."""
    digest = hashlib.sha256(code_key().encode())
    digest.update(b"clear" if pseudonym_key is None else pseudonymise.key_digest(pseudonym_key).encode())
    for row in documents.by_path():
        digest.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "backslashreplace"))
        digest.update(b"\n")
    return digest.hexdigest()[:32]


def _manifest(raw: Path, started_at: dt.datetime, summary: RunSummary, content: str,
              key: bytes | None = None) -> dict[str, Any]:
    """What run.json records: the run's identity, times and counts (never inside the tables);
    the command line with the pseudonym key masked (a secret is never written)."""
    ended_at = dt.datetime.now(dt.timezone.utc)
    return {
        "fingerprint": content,
        "run_id": f"{started_at:%Y%m%dT%H%M%S.%fZ}-{os.getpid()}",
        "started_at": started_at.isoformat(timespec="seconds"),
        "ended_at": ended_at.isoformat(timespec="seconds"),
        "pipeline_version": __version__,
        "contract_version": CONTRACT_VERSION,
        "input_root": str(raw.resolve()),
        "command_line": " ".join(pseudonymise.masked_argv(sys.argv, key)),
        "files": summary.files,
        "reused_from_cache": summary.reused,
        "skipped": summary.skips.as_dict(),
        "by_status": summary.by_status,
        "by_format": summary.by_format,
        **_seconds(summary),
    }


def _seconds(summary: RunSummary) -> dict[str, dict[str, float]]:
    return {"wall_seconds": {k: round(v, 3) for k, v in summary.wall_seconds.items()},
            "cpu_seconds": {k: round(v, 3) for k, v in summary.cpu_seconds.items()}}


def _record_seconds(out: Path, run_id: str, summary: RunSummary) -> None:
    """Put the write phase's wall-clock seconds into the run's run.json, known only once the
    tables are written (replaced in one rename, so a reader sees the old or the new file)."""
    path = out / STATE_DIR / "runs" / run_id / "run.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        tmp = path.with_name(f".run.json.tmp-{os.getpid()}")
        tmp.write_text(json.dumps({**manifest, **_seconds(summary)}, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # the tables are written; only the figure is missing
        log.warning("could not record the write seconds in %s: %s", path, exc)


def _count_time(summary: RunSummary, result: FileResult) -> None:
    for stage, seconds in result.stage_seconds.items():
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds
    for stage, seconds in result.cpu_seconds.items():
        summary.cpu_seconds[stage] = summary.cpu_seconds.get(stage, 0.0) + seconds
    if result.seconds > summary.slowest[1]:
        summary.slowest = (result.document["source_path"], result.seconds)


def _count(summary: RunSummary, doc: dict[str, Any]) -> None:
    summary.files += 1
    summary.by_status[doc["status"]] = summary.by_status.get(doc["status"], 0) + 1
    per_format = summary.by_format.setdefault(doc.get("source_format") or "unknown", {})
    per_format[doc["status"]] = per_format.get(doc["status"], 0) + 1
    if doc["status"] != "ok":
        summary.failures.append((doc["source_path"], doc.get("error") or ""))
