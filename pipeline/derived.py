"""The outputs made from a run's tables — minutes.duckdb, csv/, report/ — kept in
step with the tables.

After `kpss extract` switches OUT to a new run, each of these OUT already holds
is rebuilt from the new tables (one line printed per output). One that cannot
be rebuilt keeps its previous content and gets a marker beside it,
OUT/<output>.STALE.txt, saying which run it shows and how to rebuild it; the
next successful build removes the marker. In a pseudonymised OUT such an
output is removed instead: it may come from a run that showed names. Each output also names the run it
was built from: the database's `run_info` table, csv/run.json, the report's
heading.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipeline.tables import MissingTables, finished_run

REPORT_DIR = "report"


@dataclass(frozen=True)
class Output:
    name: str  # as it appears in OUT
    command: str  # the command that rebuilds it by hand
    exists: Callable[[Path], bool]
    build: Callable[[Path], object]


def _build_db(out: Path) -> object:
    from pipeline.database import build

    return build(out)


def _build_csv(out: Path) -> object:
    from pipeline.export_csv import export

    return export(out)


def build_report(out: Path) -> Path:
    """The report into a temporary folder beside report/ (same depth, so its relative
    links hold), then swapped in: a failed build leaves the previous report whole."""
    from pipeline.report import build

    target = out / REPORT_DIR
    tmp = out / f".{REPORT_DIR}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        build(out, tmp)
        old = out / f".{REPORT_DIR}.old-{os.getpid()}"
        if target.is_dir():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target / "index.html"


OUTPUTS = (
    Output("minutes.duckdb", "kpss db", lambda out: (out / "minutes.duckdb").is_file(), _build_db),
    Output("csv", "kpss csv", lambda out: (out / "csv").is_dir(), _build_csv),
    Output(REPORT_DIR, "kpss report", lambda out: (out / REPORT_DIR / "index.html").is_file(), build_report),
)


def refresh(out: Path, echo: Callable[[str], None], warn: Callable[[str], None], changed: bool = True) -> bool:
    """Rebuild every derived output OUT holds from its current tables; False when one
    could not be rebuilt (it is then marked stale and `warn` says why, in one line).
    After a run that changed nothing (`changed` False: the tables were kept as they
    were) only outputs marked stale are rebuilt: the others already show those tables,
    and a large archive's report takes minutes to rebuild."""
    present = [o for o in OUTPUTS if o.exists(out)]
    if not changed:
        kept = [o.name for o in present if not stale_marker(out, o.name).exists()]
        if kept:
            echo(f"kept {', '.join(kept)} in {out}: the tables did not change, so they still show them")
        present = [o for o in present if stale_marker(out, o.name).exists()]
    if not present:
        return True
    try:
        manifest = finished_run(out)[1]
    except MissingTables:  # no complete run to build from: leave the outputs as they are
        return True
    run_id = manifest.get("run_id", "?")
    ok = True
    for output in present:
        started = time.perf_counter()
        try:
            output.build(out)
        except Exception as exc:  # noqa: BLE001 - any failure leaves the output marked, the run stands
            ok = False
            reason = _first_line(exc)
            if manifest.get("pseudonymised"):
                # an earlier output may hold clear names: a pseudonymised OUT must not keep it
                remove(out, output)
                warn(f"warning: {out / output.name} could not be rebuilt from the pseudonymised run {run_id} "
                     f"({reason}) and was removed, since it may show names; rebuild it with "
                     f"`{output.command} {out}`")
                continue
            mark_stale(out, output, run_id, reason)
            warn(f"warning: {out / output.name} was not rebuilt ({reason}): it still shows an earlier run, "
                 f"not run {run_id}; see {stale_marker(out, output.name).name}, rebuild with "
                 f"`{output.command} {out}`")
            continue
        clear_stale(out, output.name)
        echo(f"rebuilt {out / output.name} from run {run_id} ({time.perf_counter() - started:.1f} s)")
    return ok


def stale_marker(out: Path, name: str) -> Path:
    return out / f"{name}.STALE.txt"


def mark_stale(out: Path, output: Output, run_id: str, reason: str) -> None:
    """Write OUT/<output>.STALE.txt; a marker that cannot be written is only reported."""
    text = (f"{output.name} is STALE: it was not rebuilt after run {run_id} and still shows an earlier run.\n"
            f"Why: {reason}\nTo rebuild it: {output.command} {out}\n")
    try:
        stale_marker(out, output.name).write_text(text, encoding="utf-8")
    except OSError:
        pass


def remove(out: Path, output: Output) -> None:
    """Delete a derived output (file or folder) and its stale marker."""
    path = out / output.name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    clear_stale(out, output.name)


def clear_stale(out: Path, name: str) -> None:
    stale_marker(out, name).unlink(missing_ok=True)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__
