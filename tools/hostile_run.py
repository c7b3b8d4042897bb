#!/usr/bin/env python3
"""The hostile run of issue #13 (acceptance point 2), repeatable: a seeded archive of
hostile files (tools/hostile_files.py) plus the peers corpus, run through the real CLI
(`python -m pipeline extract`), every subprocess under a timeout so a hang is counted,
not suffered. Checks and prints:

- hangs, crashed runs (an exit code other than the documented ones, or a traceback);
- every entry below RAW accounted for: a documents row, or counted in the summary's
  skipped line (and run.json's `skipped`), against an independent walk of RAW;
- 'internal error' rows, and XXE leaks (the secret file's text in any table or output);
- an OUT inside RAW refused (exit 2) and nothing made there;
- damaged cache entries (a fragment cut in half, one damaged inside, a damaged index):
  the re-run's tables equal the clean run's, byte for byte;
- concurrent runs into one OUT: exactly one writes at a time, the others exit 1 with
  "another run is writing OUT", no folder of a live run deleted, the tables complete;
- a concurrent reader polling the tables: reads through `writer.current_run(OUT)` (must
  never be corrupt) and, counted apart, reads of OUT/<table>.parquet by path;
- SIGKILLs at random moments: the tables afterwards readable and equal to the previous
  complete run (or a complete new one), the next run byte-identical to a clean one.

Usage (from the repository root; as root the CLI runs without root's permission
bypass, so unreadable files are unreadable to it):
    .venv/bin/python tools/hostile_run.py [--files 1000] [--seed 13] [--kills 5] [--concurrent 4]
Exit code 0 when every check passed, 1 otherwise. Never prints document text.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_files import SECRET, Archive  # noqa: E402
from pipeline.inputs import DEFAULT_INCLUDE, Selection  # noqa: E402
from pipeline.schemas import TABLES  # noqa: E402
from pipeline.writer import STATE_DIR  # noqa: E402

SHARED = Path(os.environ.get("KPSS_SHARED", ROOT.parent / "shared")).resolve()
SLOW_PEERS = {"DA-619p.pdf"}  # 619 pages: minutes of CPU on every run; --all-peers takes it too
BUSY = "another run is writing OUT"
PR_CAPBSET_DROP, DAC_CAPABILITIES = 24, (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _as_a_user() -> None:
    """In the CLI's child before exec: as root, drop the capabilities that let root read a
    chmod 000 file (as tests/privileges.py), so permissions apply as for any user."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in DAC_CAPABILITIES:
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@dataclass
class Run:
    """One CLI run and what became of it."""

    label: str
    code: int | None = None
    out: str = ""
    err: str = ""
    seconds: float = 0.0
    hung: bool = False
    killed: bool = False
    problem: str = ""  # why it counts as crashed ("" when it did what is documented)


@dataclass
class Figures:
    runs: list[Run] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)  # name -> figure
    failures: list[str] = field(default_factory=list)

    def fail(self, text: str) -> None:
        self.failures.append(text)
        print(f"  FAIL {text}", flush=True)


class Hostile:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = Path(args.work or tempfile.mkdtemp(prefix="kpss-hostile-"))
        self.raw, self.out, self.cache = self.work / "raw", self.work / "out", self.work / "cache"
        self.outside = self.work / "outside"
        self.figures = Figures()
        self.extra = self.raw / "made" / "toggled-minutes.txt"  # present in state B only
        self.references: dict[str, dict[str, str]] = {}  # state -> table -> sha256 of a clean run
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "KPSS_CACHE_DIR": str(self.cache)}
        self.env.pop("KPSS_PSEUDONYM_KEY", None)

    # --- the archive --------------------------------------------------------------------------
    def build(self) -> None:
        for folder in (self.raw, self.outside):
            folder.mkdir(parents=True)
        peers = SHARED / "corpus" / "peers"
        files = sorted(p for p in peers.rglob("*") if p.is_file()) if peers.is_dir() else []
        if not self.args.all_peers:
            files = [p for p in files if p.name not in SLOW_PEERS]
        if self.args.peers is not None:
            files = sorted(self.rng.sample(files, min(self.args.peers, len(files))))
        for path in files:
            target = self.raw / "peers" / path.relative_to(peers)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        kinds = Archive(self.raw, self.outside, self.args.seed).generate(self.args.files)
        self.figures.checks["peer files"] = len(files)
        self.figures.checks["made-up kinds"] = dict(sorted(kinds.items()))

    def walk(self) -> tuple[set[str], int]:
        """An independent walk of RAW by the README's rules: the source paths that must get a
        documents row, and the number of entries that must be counted as skipped. Permission
        bits are read from the modes (this process may be root); a folder without x makes
        its entries unreachable (a subfolder in it cannot be listed)."""
        selection, rows, skips = Selection(DEFAULT_INCLUDE, ()), set(), 0
        stack = [(os.fsencode(self.raw), b"", True)]
        while stack:
            folder, prefix, reachable = stack.pop()
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
            for entry in entries:
                rel = prefix + entry.name
                text = rel.decode("utf-8", "backslashreplace")
                if entry.name.startswith(b"."):
                    skips += 1
                elif entry.is_dir(follow_symlinks=False):
                    if not reachable:  # its parent has no x: it cannot be listed
                        skips += 1
                        continue
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if os.path.lexists(os.path.join(entry.path, STATE_DIR.encode())) or not mode & 0o400:
                        skips += 1  # an output folder of the pipeline, or one that cannot be listed
                    else:
                        stack.append((entry.path, rel + b"/", bool(mode & 0o100)))
                elif text in rows:  # a name shown like an earlier one's (bytes as \\x escapes): counted
                    skips += 1
                elif (reachable and entry.is_symlink() and os.path.isdir(entry.path)) or selection.included(text):
                    rows.add(text)
                else:
                    skips += 1
        return rows, skips

    # --- running the CLI --------------------------------------------------------------------
    def start(self, out: Path, *extra: str, raw: Path | None = None) -> subprocess.Popen:
        command = [sys.executable, "-m", "pipeline", "extract", str(raw or self.raw), str(out), "--no-progress",
                   "--cache-dir", str(self.cache), *extra]
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_as_a_user, start_new_session=True)

    def finish(self, proc: subprocess.Popen, label: str, started: float, allowed: dict[int, str],
               timeout: float | None = None) -> Run:
        """Wait for a run (a hang is killed at the timeout) and classify it."""
        run = Run(label)
        try:
            out, err = proc.communicate(timeout=timeout or self.args.run_timeout)
        except subprocess.TimeoutExpired:
            run.hung = True
            _kill_group(proc.pid)
            out, err = proc.communicate()
        run.code, run.seconds = proc.returncode, time.monotonic() - started
        run.out, run.err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        if run.hung:
            run.problem = f"hung (killed after {timeout or self.args.run_timeout:.0f} s)"
        elif "Traceback" in run.err:
            run.problem = "a traceback on stderr"
        elif run.code not in allowed and not (run.killed and run.code == -signal.SIGKILL):
            run.problem = f"exit code {run.code}"
        elif run.code in allowed and allowed[run.code] not in run.err:
            run.problem = f"exit code {run.code} without {allowed[run.code]!r}"
        if SECRET.decode() in run.out + run.err:
            run.problem += " (printed the secret file's text)"
        self.figures.runs.append(run)
        status = run.problem or "ok"
        print(f"  run {label}: exit {run.code} in {run.seconds:.1f} s: {status}", flush=True)
        if run.problem:
            self.figures.fail(f"run {label}: {run.problem}; stderr ends: {run.err[-600:]!r}")
        if not label.startswith("damaged") and "damaged cache entry" in run.err:  # only that phase damages
            self.figures.fail(f"run {label}: {run.err.count('damaged cache entry')} cache entries called "
                              "damaged that were not")
        return run

    def extract(self, label: str, out: Path | None = None, *extra: str, allowed: dict[int, str] | None = None,
                raw: Path | None = None) -> Run:
        started = time.monotonic()
        return self.finish(self.start(out or self.out, *extra, raw=raw), label, started, allowed or {0: ""})

    # --- checks -------------------------------------------------------------------------------
    def tables(self, out: Path) -> dict[str, str]:
        """sha256 of each table of OUT's current run (resolved once), after checking it is
        complete: every table readable with the rows its run.json records."""
        folder = (out / STATE_DIR / "current").resolve(strict=True)
        rows = json.loads((folder / "run.json").read_text(encoding="utf-8"))["rows"]
        digests = {}
        for name in TABLES:
            path = folder / f"{name}.parquet"
            if pq.ParquetFile(path).metadata.num_rows != rows[name]:
                raise ValueError(f"{name}: rows differ from run.json")
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        return digests

    def same_as(self, state: str, out: Path, what: str) -> bool:
        try:
            found = self.tables(out)
        except Exception as exc:  # noqa: BLE001 - an unreadable table is the finding
            self.figures.fail(f"{what}: tables not readable: {type(exc).__name__}: {str(exc)[:200]}")
            return False
        differ = [t for t in TABLES if found[t] != self.references[state][t]]
        if differ:
            self.figures.fail(f"{what}: tables differ from a clean run's: {', '.join(differ)}")
            self._explain(out)
        return not differ

    def _explain(self, out: Path) -> None:
        """Which documents rows differ from the clean run's (paths and status only)."""
        clean = self.work / "clean" / "documents.parquet"
        if clean.exists():
            cols = ["source_path", "status", "doc_id"]
            a = pq.read_table(clean, columns=cols).to_pylist()
            b = pq.read_table(out / "documents.parquet", columns=cols).to_pylist()
            only = [r for r in a if r not in b][:5] + [r for r in b if r not in a][:5]
            print(f"    documents rows that differ (first ones): {only}", flush=True)

    def account(self, run: Run) -> None:
        """Every entry below RAW: a documents row or a counted skip (summary and run.json)."""
        expected_rows, expected_skips = self.walk()
        docs = pq.read_table(self.out / "documents.parquet", columns=["source_path", "error"]).to_pylist()
        found = {d["source_path"] for d in docs}
        manifest = json.loads((self.out / "run.json").read_text(encoding="utf-8"))
        skipped = sum(manifest.get("skipped", {}).values())
        line = next((ln for ln in run.out.splitlines() if ln.startswith("skipped (no documents row): ")), "")
        printed = int(line.split(": ", 1)[1].split()[0]) if line else 0
        internal = [d for d in docs if (d["error"] or "").startswith("internal error")]
        c = self.figures.checks
        c["entries below RAW"] = len(expected_rows) + expected_skips
        c["documents rows"] = f"{len(docs)} (expected {len(expected_rows)})"
        c["skipped entries"] = f"summary {printed}, run.json {skipped} (expected {expected_skips})"
        c["entries without a row or skip line"] = len(expected_rows - found) + max(0, expected_skips - skipped)
        c["rows not expected"] = len(found - expected_rows) + len(docs) - len(found)
        c["internal error rows"] = len(internal)
        if expected_rows != found or len(docs) != len(found):
            self.figures.fail(f"documents rows: missing {sorted(expected_rows - found)[:5]}, "
                              f"not expected {sorted(found - expected_rows)[:5]}")
        if not (printed == skipped == expected_skips):
            self.figures.fail(f"skipped: summary {printed}, run.json {skipped}, expected {expected_skips} "
                              f"({manifest.get('skipped')})")
        for d in internal:  # the path and the exception type only: the message may quote the file
            self.figures.fail(f"internal error row: {d['source_path']}: {d['error'].split(':')[1].strip()}")

    def leaks(self) -> None:
        """The secret file's text, which XXE entities point at, in no table of the current run."""
        folder = (self.out / STATE_DIR / "current").resolve()
        found = [t for t in TABLES if SECRET in (folder / f"{t}.parquet").read_bytes()
                 or any(SECRET.decode() in str(v) for col in pq.read_table(folder / f"{t}.parquet").columns
                        for v in col.to_pylist() if isinstance(v, str))]
        self.figures.checks["XXE leaks (tables with the secret)"] = len(found)
        if found:
            self.figures.fail(f"the secret file's text is in {found}")

    # --- the phases ---------------------------------------------------------------------------
    def refusal(self) -> None:
        inside = self.raw / "out-inside"
        self.extract("OUT inside RAW", inside, allowed={2: "inside"})
        if os.path.lexists(inside):
            self.figures.fail("an OUT inside RAW was made")

    def clean_run(self) -> float:
        run = self.extract("first (clean: empty cache, new OUT)")
        self.references["A"] = self.tables(self.out)
        shutil.copytree((self.out / STATE_DIR / "current").resolve(), self.work / "clean")
        self.account(run)
        self.leaks()
        self.extract("again, nothing changed")
        self.figures.checks["re-run equal to the clean run"] = self.same_as("A", self.out, "re-run")
        return run.seconds

    def damaged_cache(self) -> None:
        fragments = sorted(p for p in self.cache.rglob("*.pkl.z") if p.parent.parent != self.cache)
        self.rng.shuffle(fragments)
        paths = {d["doc_id"]: d["source_path"] for d in pq.read_table(
            self.work / "clean" / "documents.parquet", columns=["doc_id", "source_path"]).to_pylist()}
        # one of them a file whose name is not UTF-8 (its source path names no file)
        fragments.sort(key=lambda p: "\\" not in paths.get(p.name.split(".")[0], ""))
        inside, cut = fragments[:2], fragments[2:4]
        for path in cut:  # cut in half, as by a full disk
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])
        for path in inside:  # the same size, damaged inside
            data = bytearray(path.read_bytes())
            middle = len(data) // 2
            data[middle: middle + 16] = bytes(b ^ 0xFF for b in data[middle: middle + 16])
            path.write_bytes(bytes(data))
        self.toggle("B")  # the tables are written again, so every fragment is read
        run = self.extract("damaged fragments")
        damaged = {p.name.split(".")[0] for p in cut + inside}
        quiet = [paths.get(d, d) for d in sorted(damaged) if f" for {paths.get(d, d)} (" not in run.err]
        self.figures.checks["damaged fragments: logged / damaged"] = f"{len(damaged) - len(quiet)} / {len(damaged)}"
        if quiet:
            self.figures.fail(f"damaged fragments not logged: {quiet}")
        ok = self.same_as("B", self.out, "damaged fragments")
        self.toggle("A")
        for index in self.cache.glob("index-*.json"):
            index.write_text('{"code_key": "', encoding="utf-8")
        for rows in self.cache.glob("documents-*.pkl.z"):
            rows.write_bytes(rows.read_bytes()[:100])
        self.extract("damaged index", self.out, "--full")  # --full: every file read again beside a broken index
        self.extract("damaged index, not --full")
        ok = self.same_as("A", self.out, "damaged index") and ok
        self.figures.checks["damaged cache: re-run equal to the clean run"] = ok

    def toggle(self, state: str) -> None:
        """State A is the archive as built; B has one more minutes file (so tables change)."""
        if state == "B":
            self.extra.write_text("Zapis z jednani\nPritomni: Eva Vesela\nOpatreni 2.1 Navysit o 1 luzko.\n")
        else:
            self.extra.unlink(missing_ok=True)

    def reference_b(self) -> float:
        """The clean tables of state B: a run into a new OUT (the cache is warm; seconds)."""
        self.toggle("B")
        other = self.work / "out-b"
        run = self.extract("state B into a new OUT (reference)", other)
        self.references["B"] = self.tables(other)
        shutil.rmtree(other)
        self.toggle("A")
        return run.seconds

    def concurrent(self, state: str) -> None:
        self.toggle(state)
        runs_dir = self.out / STATE_DIR / "runs"
        procs: list[tuple[subprocess.Popen, float]] = []
        stop = threading.Event()
        seen: dict[str, int] = {}  # live run folder -> pid
        worst = {"writers": 0, "deleted": 0}

        def watch() -> None:  # unfinished run folders of live runs, every few milliseconds
            while not stop.is_set():
                live = {p.pid for p, _ in procs if p.poll() is None}
                try:
                    names = [n for n in os.listdir(runs_dir)]
                except OSError:
                    names = []
                owners = {n: _pid_of(n) for n in names}
                writing = [n for n in names if owners[n] in live and not os.path.exists(runs_dir / n / "run.json")]
                worst["writers"] = max(worst["writers"], len(writing))
                seen.update({n: pid for n, pid in owners.items() if pid in live})
                for name, pid in list(seen.items()):
                    if name not in names:
                        if pid in live:
                            worst["deleted"] += 1
                        del seen[name]
                time.sleep(0.003)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            for _ in range(self.args.concurrent):
                procs.append((self.start(self.out), time.monotonic()))
                time.sleep(self.rng.uniform(0, 0.3))
            results = [self.finish(p, f"concurrent {i + 1}/{len(procs)}", t, {0: "", 1: BUSY})
                       for i, (p, t) in enumerate(procs)]
        finally:
            stop.set()
            watcher.join()
        codes = [r.code for r in results]
        c = self.figures.checks
        c[f"concurrent runs ({state}): wrote / refused busy"] = f"{codes.count(0)} / {codes.count(1)}"
        c[f"concurrent runs ({state}): most writing at once"] = worst["writers"]
        c[f"concurrent runs ({state}): live run folders deleted"] = worst["deleted"]
        if codes.count(0) < 1 or worst["writers"] > 1 or worst["deleted"]:
            self.figures.fail(f"concurrent runs: codes {codes}, {worst}")
        self.same_as(state, self.out, "after concurrent runs")

    def kills(self, estimate: float, full: float) -> None:
        """Every other run killed is a --full one (workers, LibreOffice busy), killed within
        `full` seconds; the others re-read little and are killed within about `estimate`."""
        state, c = "A", self.figures.checks
        readable = identical = orphans = switched = 0
        for i in range(self.args.kills):
            state = "B" if state == "A" else "A"
            self.toggle(state)
            before = self.tables(self.out)
            before_run = (self.out / STATE_DIR / "current").resolve().name
            started = time.monotonic()
            reading = i % 2 == 1
            proc = self.start(self.out, *(["--full"] if reading else []))
            delay = self.rng.uniform(0.0, min(full, 90.0) if reading else estimate * 1.2)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            time.sleep(1.0)
            left = _group(proc.pid)
            deadline = time.monotonic() + 30
            while _group(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            orphans += len(_group(proc.pid))
            _kill_group(proc.pid)
            run = Run(f"killed {i + 1}{' (--full)' if reading else ''} after {delay:.1f} s", killed=True)
            proc.communicate()
            run.code, run.seconds = proc.returncode, time.monotonic() - started
            self.figures.runs.append(run)
            print(f"  run {run.label}: exit {run.code}; {len(left)} of its processes were still alive", flush=True)
            try:
                after = self.tables(self.out)
                now = (self.out / STATE_DIR / "current").resolve().name
                ok = after == before if now == before_run else after == self.references[state]
                switched += now != before_run
                readable += 1
                if not ok:
                    self.figures.fail(f"kill {i + 1}: the tables equal neither the previous run nor a clean one")
            except Exception as exc:  # noqa: BLE001
                self.figures.fail(f"kill {i + 1}: tables not readable: {type(exc).__name__}: {str(exc)[:200]}")
            self.extract(f"after kill {i + 1}")
            identical += self.same_as(state, self.out, f"the run after kill {i + 1}")
        c["kills: tables readable and whole after"] = f"{readable} / {self.args.kills}"
        c["kills: killed after its switch (a complete new run)"] = switched
        c["kills: next run identical to a clean one"] = f"{identical} / {self.args.kills}"
        c["kills: processes of the killed run alive 30 s later"] = orphans
        if orphans:
            self.figures.fail(f"{orphans} processes of killed runs outlived them by 30 s")
        if state == "B":
            self.toggle("A")
            self.extract("back to the archive as built")

    def reader(self) -> tuple[subprocess.Popen, Path]:
        stop = self.work / "stop-reader"
        proc = subprocess.Popen([sys.executable, "-c", READER, str(self.out), str(stop), ",".join(TABLES)],
                                cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        return proc, stop

    def stop_reader(self, proc: subprocess.Popen, stop: Path) -> None:
        stop.touch()
        try:
            out, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            self.figures.fail("the reader hung")
            return
        try:
            found = json.loads(out)
        except ValueError:
            self.figures.fail(f"the reader failed: {err.decode('utf-8', 'replace')[-400:]!r}")
            return
        c = self.figures.checks
        c["reader via current_run: reads / corrupt"] = f"{found['current']} / {len(found['current_errors'])}"
        c["reader by path (OUT/<table>.parquet): reads / corrupt"] = f"{found['path']} / {len(found['path_errors'])}"
        if found["path_errors"]:
            print(f"    by-path read errors (expected while runs switch): {sorted(set(found['path_errors']))[:3]}")
        if found["current_errors"] or found["current"] == 0:
            self.figures.fail(f"reader via current_run: {found['current_errors'][:5]}")

    def main(self) -> int:
        started = time.monotonic()
        print(f"hostile run in {self.work} (seed {self.args.seed}, {self.args.files} made-up files)", flush=True)
        self.build()
        try:
            self.refusal()
            full = self.clean_run()
            estimate = self.reference_b()
            self.damaged_cache()
            reader, stop = self.reader()
            try:
                self.concurrent("B")
                self.concurrent("A")
                self.kills(estimate, full)
            finally:
                self.stop_reader(reader, stop)
            self.figures.checks["final run equal to the clean run"] = self.same_as("A", self.out, "final")
        except Exception as exc:  # noqa: BLE001 - a check that cannot go on is a finding, then the figures
            self.figures.fail(f"the hostile run stopped: {type(exc).__name__}: {str(exc)[:300]}")
        self.figures.checks["minutes"] = round((time.monotonic() - started) / 60, 1)
        return self.report()

    def report(self) -> int:
        runs = self.figures.runs
        table = {
            "CLI runs": len(runs),
            "hangs": sum(r.hung for r in runs),
            "crashed runs": sum(bool(r.problem) and not r.hung for r in runs),
            "cache entries called damaged that were not": sum(
                r.err.count("damaged cache entry") for r in runs if not r.label.startswith("damaged")),
            **self.figures.checks,
            "failed checks": len(self.figures.failures),
        }
        width = max(len(k) for k in table)
        print("\nsummary of the hostile run")
        for key, value in table.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            print(f"  {key:<{width}}  {value}")
        if self.args.json:
            Path(self.args.json).write_text(json.dumps({**table, "failures": self.figures.failures}, indent=1,
                                                       default=str), encoding="utf-8")
        return 1 if self.figures.failures else 0


READER = """
import json, os, sys, time
from pathlib import Path
import pyarrow.parquet as pq
from pipeline.writer import current_run
out, stop, tables = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(",")
found = {"current": 0, "current_errors": [], "path": 0, "path_errors": []}
parent = os.getppid()  # a reader whose run was killed stops too, not polling forever

def read(folder, kind):
    rows = json.loads((folder / "run.json").read_text())["rows"]
    for i, table in enumerate(tables):
        if pq.read_table(folder / f"{table}.parquet").num_rows != rows[table]:
            raise ValueError(f"{table}: rows differ from run.json")
        if i == 0:
            time.sleep(0.02)  # a slow reader: a run may switch meanwhile

while not stop.exists() and os.getppid() == parent:
    for kind in ("current", "path"):
        try:
            read(current_run(out) if kind == "current" else out, kind)
        except Exception as exc:  # the type and a short message only, never document text
            found[kind + "_errors"].append(f"{type(exc).__name__}: {str(exc)[:80]}")
        found[kind] += 1
    time.sleep(0.005)
print(json.dumps(found))
"""


def _pid_of(run_folder: str) -> int:
    """The pid in a run folder's name (<time>-<pid>), or 0."""
    tail = run_folder.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _removable(folder: bytes) -> None:
    """Give every folder of the archive back its permissions, so it can be deleted."""
    os.chmod(folder, 0o700)
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.is_dir(follow_symlinks=False):
                _removable(entry.path)


def _group(pid: int) -> list[int]:
    """Processes still alive in the session a run was started in (its workers, LibreOffice)."""
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == pid and fields[0] != "Z":  # session id, state
                alive.append(int(entry))
    return alive


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="made-up hostile entries (default 1000)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--peers", type=int, default=None, help="take only this many peer files (default all)")
    parser.add_argument("--all-peers", action="store_true", help=f"also the slow peers ({', '.join(SLOW_PEERS)})")
    parser.add_argument("--kills", type=int, default=5, help="runs SIGKILLed at a random moment (default 5)")
    parser.add_argument("--concurrent", type=int, default=4, help="runs started together into one OUT (default 4)")
    parser.add_argument("--run-timeout", type=float, default=1200, help="seconds after which a run counts as hung")
    parser.add_argument("--work", help="the folder to work in (default: a new temporary one, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    hostile = Hostile(args)
    try:
        return hostile.main()
    finally:
        if not args.keep:
            if hostile.work.is_dir():
                _removable(os.fsencode(hostile.work))
            shutil.rmtree(hostile.work, ignore_errors=True)
        else:
            print(f"kept {hostile.work}")


if __name__ == "__main__":
    sys.exit(main())
