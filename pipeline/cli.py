"""Command-line interface: `kpss extract RAW OUT` (also `python -m pipeline`).

Exit codes: 0 when the run finished, even if some files failed (their rows
say why); 1 when the run itself could not run (e.g. OUT not writable);
2 for wrong usage (e.g. RAW missing).
"""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path
from typing import Iterator

import click
from tqdm import tqdm

from pipeline import __version__
from pipeline.errors import PlaceError
from pipeline.evaluate import evaluate, format_report
from pipeline.executors import ClusterError, default_workers
from pipeline.folders import FolderError, check_places, default_cache_dir
from pipeline.inputs import DEFAULT_INCLUDE
from pipeline.runner import DEFAULT_FILE_TIMEOUT, DEFAULT_MAX_FILE_MB, RunOptions, RunSummary, run


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A number option must be a number: "nan" and "inf" pass click's range check."""
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpss")
def main() -> None:
    """Turn archives of Czech KPSS meeting minutes into clean Parquet tables."""


@main.command()
@click.argument("raw", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(min=0), default=default_workers(), show_default=True,
              help="Worker processes reading files in parallel (default: all cores); 0 reads in this process "
                   "with no time limit (for debugging).")
@click.option("--file-timeout", type=click.FloatRange(min=0), default=DEFAULT_FILE_TIMEOUT, show_default=True,
              callback=_finite, help="Seconds one file may take; a slower file becomes a failed row saying so and "
                                     "the run goes on. 0: no limit.")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_FILE_MB,
              show_default=True, callback=_finite,
              help="Refuse files larger than this many megabytes (the documents row says so).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="KPSS_CACHE_DIR",
              help="Where per-file results are kept, so a re-run reads only new or changed files (or the "
                   f"environment variable KPSS_CACHE_DIR). Default: your cache folder, here {default_cache_dir()}.")
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="Read only files whose name (or path below RAW, for a GLOB with '/') matches; repeat for more. "
                   "Default: the formats the pipeline reads or reports on: " + " ".join(DEFAULT_INCLUDE)
                   + ". --include '*' reads every file.")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders whose name (or path below RAW) matches; repeat for more.")
@click.option("--no-cache", is_flag=True, help="Keep no results between runs (every file is read).")
@click.option("--full", is_flag=True, help="Ignore cached results and read every file again.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (see --scheduler).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="With --executor dask: the address of an existing Dask scheduler; without it a LocalCluster "
                   "with --workers workers is started.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar over files. Default: only when stderr is a terminal.")
@click.option("-v", "--verbose", is_flag=True, help="Log each file's outcome (paths only, never document text).")
@click.option("--pseudonymise", is_flag=True,
              help="Replace every person recognised in the run, wherever it is named in any table, by a stable "
                   "keyed pseudonym, for publishing the tables as open data.")
@click.option("--pseudonym-key", envvar="KPSS_PSEUDONYM_KEY", metavar="SECRET", default=None,
              help="The secret key of --pseudonymise; better the environment variable KPSS_PSEUDONYM_KEY "
                   "(command lines show in shell history). The same key gives the same pseudonyms in every run.")
def extract(raw: Path, out: Path, workers: int, file_timeout: float, max_file_mb: float, cache_dir: Path,
            no_cache: bool, full: bool, executor: str, scheduler: str | None, progress: bool | None,
            verbose: bool, pseudonymise: bool, pseudonym_key: str | None, include: tuple[str, ...] = (),
            exclude: tuple[str, ...] = ()) -> None:
    """Read every minutes file below RAW and write the tables to OUT.

    RAW is a folder tree of .docx, .pdf, .html/.htm and .txt files (.doc,
    .odt, .rtf through LibreOffice; presentations, spreadsheets and images get
    a `documents` row saying how to convert them; other files are skipped and
    counted, see --include). OUT, which may not be inside RAW, receives
    one Parquet file per table: documents, blocks, attendees, agenda_items,
    goals, measures, activities, organisations, capacity_changes, services.
    Each table is replaced atomically, so an interrupted run leaves the
    previous tables intact.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")
    # pdfminer warns about every odd object it repairs; the documents row says what matters
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    show = sys.stderr.isatty() if progress is None else progress

    def bar(items: Iterator, total: int) -> Iterator:  # type: ignore[type-arg]
        return iter(tqdm(items, total=total, unit="file", desc="extract", disable=not show, file=sys.stderr))

    if scheduler and executor != "dask":
        raise click.UsageError(f"--scheduler {scheduler} is only used with --executor dask: add --executor dask "
                               "to run on that cluster, or leave out --scheduler to run on this machine")
    if pseudonymise and not pseudonym_key:
        raise click.UsageError("--pseudonymise needs a secret key: --pseudonym-key SECRET or the environment "
                               "variable KPSS_PSEUDONYM_KEY (keep it; the same key gives the same pseudonyms)")
    try:  # before the cache folder is made: it may not be inside RAW either
        check_places(raw, out, None if no_cache else cache_dir or default_cache_dir())
    except FolderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    cache_dir = None if no_cache else _usable_cache(cache_dir)
    options = RunOptions(workers=workers, file_timeout=file_timeout or None, max_file_mb=max_file_mb,
                         cache_dir=cache_dir, full=full, executor=executor, scheduler=scheduler,
                         pseudonym_key=pseudonym_key.encode("utf-8") if pseudonymise and pseudonym_key else None,
                         include=include or DEFAULT_INCLUDE, exclude=exclude)
    try:
        summary = run(raw, out, options, progress=bar)
    except PlaceError as exc:  # the cache folder or OUT is full or not writable: the message says which
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except FolderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ClusterError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot write the tables to {out}: {exc}", err=True)
        sys.exit(1)
    _print_summary(summary, out)
    click.echo(f"cache of per-file results: {cache_dir}" if cache_dir else "no cache kept (--no-cache)")
    from pipeline.derived import refresh  # the database, CSVs and report OUT holds follow the new run

    refresh(out, click.echo, lambda line: click.echo(line, err=True), changed=not summary.tables_reused)


def _usable_cache(cache_dir: Path | None) -> Path | None:
    """The cache folder (default: the user's cache folder); without one a run still works,
    reading every file, so an unusable default is a warning, an unusable --cache-dir an error."""
    folder = cache_dir or default_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if cache_dir is not None:
            click.echo(f"error: cannot use the cache folder {folder}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        click.echo(f"warning: cannot use the cache folder {folder} ({exc.strerror or exc}); every file is read "
                   "(give another with --cache-dir)", err=True)
        return None
    return folder


@main.command(name="eval")
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold annotations, one <file-stem>.json per document (SPEC.md format).")
@click.option("--out", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the extracted <table>.parquet files.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the full report (scores and every missed or extra row) as JSON here.")
@click.option("--verbose", is_flag=True, help="Print every missed and extra row (may show names from the minutes).")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file of minimum F1 per table; exit 1 when any table scores below its floor.")
@click.option("--by-format", is_flag=True, help="Also score each source format (docx, pdf, html, txt) on its own.")
def eval_command(gold: Path, out: Path, json_path: Path | None, verbose: bool, floors: Path | None,
                 by_format: bool) -> None:
    """Score extracted tables against gold annotations: precision, recall, F1 per table."""
    import json
    import tomllib

    import pandas as pd

    report = evaluate(gold, out)
    click.echo(format_report(report))
    if by_format:
        for fmt in sorted(pd.read_parquet(out / "documents.parquet", columns=["source_format"]).source_format.unique()):
            click.echo(f"\n== {fmt} ==\n" + format_report(evaluate(gold, out, source_format=fmt)))
    if verbose:
        for miss in report.misses:
            click.echo(json.dumps(miss, ensure_ascii=False, default=str))
    if json_path:
        json_path.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if floors:
        limits = tomllib.loads(floors.read_text(encoding="utf-8"))["f1"]
        below = [f"{t} {report.scores[t].f1:.3f} < {limit}" for t, limit in limits.items()
                 if t in report.scores and report.scores[t].f1 < limit]
        if below:
            click.echo("below the floor: " + "; ".join(below), err=True)
            sys.exit(1)
        click.echo(f"all tables at or above the floors in {floors}")


@main.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
def report(out: Path) -> None:
    """Write OUT/report/: an HTML review report of the run whose tables are in OUT
    (index with the run's figures, failed files and charts; a page per document with
    every extracted row highlighted in its text). Opens offline in any browser."""
    from pipeline.derived import build_report  # into a temporary folder, swapped in whole

    click.echo(f"wrote {_derive(out, 'report', build_report)}")


@main.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
def db(out: Path) -> None:
    """Create OUT/minutes.duckdb: a copy of every table (it works wherever the file is moved),
    run_info (the run it holds) and analyst views (v_capacity_by_service, v_responsibilities,
    v_attendance). `kpss extract` rebuilds it after each run."""
    from pipeline.database import DB_NAME, build

    click.echo(f"wrote {_derive(out, DB_NAME, build)}")


@main.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
def csv(out: Path) -> None:
    """Write OUT/csv/<table>.csv for Czech Excel: UTF-8 with BOM, ';' separator, decimal comma, ISO dates,
    PRAVDA/NEPRAVDA, texts Excel would change (an IČO's leading zeros) as ="text"; csv/run.json names the run."""
    from pipeline.export_csv import export

    counts = _derive(out, "csv", export)
    click.echo(f"wrote {len(counts)} CSV files to {out / 'csv'}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))


@main.command()
def docs() -> None:
    """Regenerate docs/data-dictionary.md from the table schemas."""
    from pipeline.dictionary import write

    click.echo(f"wrote {write()}")


def _derive(out: Path, name: str, build):  # type: ignore[no-untyped-def]
    """Run a derived output's build: any failure is one line on stderr and exit 1 (the
    builds leave no partial output behind)."""
    from pipeline.tables import MissingTables

    try:
        result = build(out)
    except MissingTables as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - a disk, permission or DuckDB error: one line, no traceback
        reason = str(exc).strip().splitlines()
        click.echo(f"error: cannot write {out / name}: {type(exc).__name__}"
                   + (f": {reason[0][:200]}" if reason else ""), err=True)
        sys.exit(1)
    _clear_stale(out, name)
    return result


def _clear_stale(out: Path, name: str) -> None:
    from pipeline.derived import clear_stale

    clear_stale(out, name)


def _print_summary(summary: RunSummary, out: Path) -> None:
    s = summary.by_status
    click.echo(f"{summary.files} files in {summary.seconds:.1f} s: {s.get('ok', 0)} ok, "
               f"{s.get('partial', 0)} partial, {s.get('failed', 0)} failed; "
               f"{summary.rows.get('blocks', 0)} blocks; {summary.reused} unchanged files taken from the cache")
    for fmt, counts in sorted(summary.by_format.items()):
        parts = ", ".join(f"{counts[k]} {k}" for k in ("ok", "partial", "failed") if counts.get(k))
        click.echo(f"  {fmt:8} {parts}")
    if summary.skips.total():
        n = summary.skips.total()
        click.echo(f"skipped (no documents row): {n} {'entry' if n == 1 else 'entries'} below the input folder")
        for line in summary.skips.lines():
            click.echo(f"  {line}")
    if summary.failures:
        click.echo("not fully read:")
        for path, error in summary.failures:
            click.echo(f"  {path}: {error}")
    tables = ", ".join(f"{name} {n}" for name, n in summary.rows.items())
    click.echo(f"tables in {out}: {tables}")
    if summary.tables_reused:
        click.echo("nothing changed since the last run into this folder: its tables were kept as they are")
    if summary.slowest[0]:
        click.echo(f"slowest file: {summary.slowest[0]} ({summary.slowest[1]:.1f} s)")


if __name__ == "__main__":
    main()
