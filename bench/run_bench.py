#!/usr/bin/env python3
"""`make bench`: speed, scale and memory of the pipeline on a synthetic archive (issues 5, 13 and 14).

For each size (default 1,000 and 4,000 files; `make bench N="200 800"` or
BENCH_N="200 800" for a quick run) it

1. generates the archive once (bench/synthetic.py; cached in data/bench/<n>/),
2. runs the pipeline with all cores (--workers 2 here) and a fresh cache: files/s
   and pages/s overall and per format, per-stage seconds, peak RSS of the whole
   process tree (psutil sampling; RSS summed over processes, and PSS, which
   counts pages shared between the forked workers once),
3. (smallest size, or --speedup-sizes all) the same with --workers 1 and with
   --executor dask: the speed-up from 1 to 2 workers, and whether the three
   outputs are byte-identical,
4. re-runs with nothing changed and with 1 % of the files changed,
5. times MarkItDown converting a sample of the same files to text (one core),
   and compares per format with the pipeline's end-to-end cost of those files,
6. (smallest size) on that sample, one process: the reader, the extraction and one
   spaCy pass over the blocks, per file and per 1,000 characters,

then writes bench/results.json, prints a table and PASS/FAIL for each target
(issue 14's speed targets in place of issue 5's targets 1 and 2). The figures per format come from the per-file seconds the workers
record (in the run's cache), with the run's wall time shared out in proportion
(so writing and scheduling are charged to the formats too).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import long_docs, synthetic  # noqa: E402

PY = sys.executable
CHILD = str(ROOT / "bench" / "child.py")
TABLE_FILES = ["documents", "blocks", "attendees", "agenda_items", "goals", "measures", "activities",
               "organisations", "capacity_changes", "services"]
GIB = 1024 ** 3


# =========================================================================== measuring one process tree


class TreeSampler(threading.Thread):
    """Peak memory of a process and all its descendants, sampled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 5):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.interval, self.pss_every = interval, pss_every
        self.stop_event = threading.Event()
        self.peak_rss = self.peak_pss = self.peak_single = 0
        self.peak_procs = 0
        self.samples = 0

    def run(self) -> None:
        ps = self.psutil
        while not self.stop_event.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except ps.Error:
                break
            rss = pss = 0
            want_pss = self.samples % self.pss_every == 0
            for p in procs:
                try:
                    if want_pss:
                        info = p.memory_full_info()
                        pss += info.pss
                    else:
                        info = p.memory_info()
                    rss += info.rss
                    self.peak_single = max(self.peak_single, info.rss)
                except ps.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            if want_pss:
                self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self.samples += 1
            self.stop_event.wait(self.interval)


CHILD_ENV = dict(os.environ)  # PYTHONPATH is set to the code snapshot in main()


QUIET_WAIT = [0.0]  # seconds to wait at most for an idle machine before each timed run (--quiet-wait)


def wait_for_quiet(limit: float, threshold: float = 15.0) -> float:
    """Wait (at most `limit` s) until the machine's CPU is below `threshold` % busy over 2 s:
    other work on a shared machine slows every figure down."""
    import psutil

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if psutil.cpu_percent(interval=2.0) < threshold:
            break
    return time.perf_counter() - t0


def _busy_seconds() -> float:
    import psutil

    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


def measure(args: list[str], label: str, log: Any) -> dict[str, Any]:
    """Run a child command, sampling its process tree; wall seconds, memory peaks, and how much
    CPU other processes on the machine took meanwhile (they slow the figures down)."""
    result_path = Path(args[-1])
    result_path.unlink(missing_ok=True)
    waited = wait_for_quiet(QUIET_WAIT[0])
    load_before = os.getloadavg()[0]
    busy0 = _busy_seconds()
    t0 = time.perf_counter()
    proc = subprocess.Popen([PY, CHILD, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=CHILD_ENV)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    output, _ = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop_event.set()
    sampler.join()
    if proc.returncode != 0 or not result_path.exists():
        raise SystemExit(f"{label} failed (exit {proc.returncode}):\n{output[-4000:]}")
    busy = _busy_seconds() - busy0
    data = json.loads(result_path.read_text(encoding="utf-8"))
    cores = len(os.sched_getaffinity(0))
    if "cpu_seconds" in data:  # CPU the machine spent on other processes during this run
        data["other_cpu_share"] = round(max(0.0, busy - data["cpu_seconds"]) / (wall * cores), 3)
    data["load_before"] = round(load_before, 2)
    data["waited_for_quiet_seconds"] = round(waited, 1)
    data.update(wall_seconds=round(wall, 3), peak_rss_tree_mb=round(sampler.peak_rss / 2**20, 1),
                peak_pss_tree_mb=round(sampler.peak_pss / 2**20, 1),
                peak_rss_single_mb=round(sampler.peak_single / 2**20, 1), peak_processes=sampler.peak_procs,
                memory_samples=sampler.samples)
    if output.strip():
        data["output_tail"] = output.strip()[-1500:]
    log(f"    {label}: {wall:.1f} s wall, peak RSS {data['peak_rss_tree_mb']:.0f} MB "
        f"(PSS {data['peak_pss_tree_mb']:.0f} MB)" + (f", CPU {data['cpu_seconds']:.0f} s; other processes took "
                                                     f"{100 * data['other_cpu_share']:.0f} % of the machine"
                                                     if "cpu_seconds" in data else ""))
    return data


# =========================================================================== per-file figures


def per_file(out: Path, cache: Path, raw_manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per file: format, pages, status, worker seconds (ingest, extract) from the cache."""
    import pyarrow.parquet as pq

    from pipeline.cache import decode

    docs = pq.read_table(out / "documents.parquet", columns=["doc_id", "source_path", "source_format", "status",
                                                             "n_pages", "n_blocks", "error"]).to_pylist()
    chars = chars_per_document(out)
    fragments = {p.name.split(".")[0]: p for p in cache.glob("*/??/*.pkl.z")}
    pages = {f["path"]: f["pages"] for f in raw_manifest["files"]}
    rows = []
    for d in docs:
        frag = fragments.get(d["doc_id"])
        result = decode(frag.read_bytes()) if frag else None
        rows.append({
            "path": d["source_path"], "format": d["source_format"], "status": d["status"], "error": d["error"],
            "pages": pages.get(d["source_path"]) or d["n_pages"] or 1, "pipeline_n_pages": d["n_pages"],
            "blocks": d["n_blocks"], "chars": chars.get(d["doc_id"], 0), "seconds": result.seconds if result else None,
            "ingest": (result.stage_seconds or {}).get("ingest", 0.0) if result else None,
            "extract": (result.stage_seconds or {}).get("extract", 0.0) if result else None,
        })
    return rows


def chars_per_document(out: Path) -> dict[str, int]:
    """Characters of each document's blocks (the text the extractors read)."""
    import pyarrow.parquet as pq

    blocks = pq.read_table(out / "blocks.parquet", columns=["doc_id", "text"]).to_pandas()
    return blocks["text"].str.len().groupby(blocks["doc_id"]).sum().astype(int).to_dict()


def format_figures(files: list[dict[str, Any]], wall: float, workers: int, cpu: float) -> dict[str, Any]:
    """Per format and overall: files/s, pages/s (end to end, wall shared out by worker time), per core;
    and per CPU-second (the run's CPU time shared out the same way), which other load on the machine
    does not distort."""
    total_worker = sum(f["seconds"] or 0.0 for f in files)
    factor = wall * workers / total_worker if total_worker else 0.0  # core-seconds of the run per worker-second
    cpu_factor = cpu / total_worker if total_worker else 0.0  # CPU-seconds of the run per worker-second
    out: dict[str, Any] = {"overhead_factor": round(factor, 3), "cpu_factor": round(cpu_factor, 3)}
    groups: dict[str, list[dict[str, Any]]] = {"all": files}
    for f in files:
        groups.setdefault(f["format"], []).append(f)
    for name, group in groups.items():
        n = len(group)
        pages = sum(f["pages"] for f in group)
        ws = sum(f["seconds"] or 0.0 for f in group)
        share = wall * ws / total_worker if total_worker and name != "all" else wall
        out[name] = {
            "files": n, "pages": pages,
            "status": {s: sum(1 for f in group if f["status"] == s) for s in ("ok", "partial", "failed")},
            "worker_seconds": round(ws, 3),
            "ingest_seconds": round(sum(f["ingest"] or 0.0 for f in group), 3),
            "extract_seconds": round(sum(f["extract"] or 0.0 for f in group), 3),
            "wall_share_seconds": round(share, 3),
            "files_per_s": round(n / share, 2) if share else None,
            "pages_per_s": round(pages / share, 2) if share else None,
            "files_per_s_per_core": round(n / share / workers, 2) if share else None,
            "pages_per_s_per_core": round(pages / share / workers, 2) if share else None,
            "cpu_seconds": round(ws * cpu_factor, 2),
            "files_per_cpu_s": round(n / (ws * cpu_factor), 2) if ws and cpu_factor else None,
            "pages_per_cpu_s": round(pages / (ws * cpu_factor), 2) if ws and cpu_factor else None,
            "worker_only_files_per_s_per_core": round(n / ws, 2) if ws else None,
            "worker_only_pages_per_s_per_core": round(pages / ws, 2) if ws else None,
            "mean_file_ms": round(1000 * ws / n, 1) if n else None,
            "max_file_ms": round(1000 * max((f["seconds"] or 0.0) for f in group), 1) if group else None,
        }
    return out


def sample_files(files: list[dict[str, Any]], per_format: int) -> list[dict[str, Any]]:
    """Evenly spaced files of each format (all of them when per_format is 0)."""
    picked = []
    for fmt in ("docx", "pdf", "html"):
        group = [f for f in files if f["format"] == fmt and f["status"] != "failed"]
        if not group:
            continue
        k = len(group) if per_format <= 0 else min(per_format, len(group))
        picked += [group[round(i * len(group) / k)] for i in range(k)]
    return picked


def same_outputs(a: Path, b: Path) -> tuple[bool, list[str]]:
    differ = [t for t in TABLE_FILES if not filecmp.cmp(a / f"{t}.parquet", b / f"{t}.parquet", shallow=False)]
    return not differ, differ


# =========================================================================== one size


def bench_size(n: int, args: argparse.Namespace, do_speedup: bool, do_identity: bool, do_parts: bool,
               do_profile: bool, log: Any) -> dict[str, Any]:
    log(f"\n== {n} files ==")
    t0 = time.perf_counter()
    manifest = synthetic.ensure_archive(n, args.seed, log=log)
    log(f"  archive data/bench/{n}/raw: {'reused' if manifest['reused'] else 'generated'} "
        f"({time.perf_counter() - t0:.0f} s); " + ", ".join(
            f"{fmt} {v['files']} files / {v['pages']} pages" for fmt, v in manifest["by_format"].items()))
    folder = ROOT / "data" / "bench" / str(n)
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    inp = work / "input"
    for rec in manifest["files"]:  # a farm of hard links: the changed-files run must not touch raw/
        dst = inp / rec["path"]
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(folder / "raw" / rec["path"], dst)
        except OSError:
            shutil.copy2(folder / "raw" / rec["path"], dst)
    res: dict[str, Any] = {"archive": {k: v for k, v in manifest.items() if k not in ("files", "changed")},
                           "runs": {}}
    w = args.workers

    def run(name: str, cache: str, out: str, workers: int, executor: str = "local") -> dict[str, Any]:
        data = measure(["run", str(inp), str(work / out), str(work / cache), str(workers), executor,
                        str(work / f"{name}.json")], name, log)
        res["runs"][name] = data
        return data

    log("  runs:")
    full = run("full", "cache", "out", w)
    files = per_file(work / "out", work / "cache", manifest)
    res["per_format"] = format_figures(files, full["wall_seconds"], w, full["cpu_seconds"])
    res["not_ok"] = [{"path": f["path"], "status": f["status"], "error": f["error"]}
                     for f in files if f["status"] != "ok"][:30]
    if do_speedup:
        one = run("workers1", "cache_w1", "out_w1", 1)
        res["speedup_1_to_2"] = round(one["wall_seconds"] / full["wall_seconds"], 3)
        ok1, diff1 = same_outputs(work / "out", work / "out_w1")
        res["identical"] = {"workers1_vs_workers2": ok1, "differing_tables": diff1}
    if do_identity and args.dask_files >= 0:
        # Dask: on the first --dask-files files (the whole archive when 0 or larger)
        k = n if args.dask_files <= 0 else min(n, args.dask_files)
        dask_in, ref_out = inp, work / "out"
        if k < n:
            dask_in = work / "input_dask"
            for rec in manifest["files"][:k]:
                dst = dask_in / rec["path"]
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.link(inp / rec["path"], dst)
            data = measure(["run", str(dask_in), str(work / "out_dask_ref"), str(work / "cache_dask_ref"), str(w),
                            "local", str(work / "dask_reference.json")], f"workers {w} on {k} files", log)
            res["runs"]["dask_reference"] = data
            ref_out = work / "out_dask_ref"
        data = measure(["run", str(dask_in), str(work / "out_dask"), str(work / "cache_dask"), str(w), "dask",
                        str(work / "dask.json")], f"dask on {k} files", log)
        res["runs"]["dask"] = data
        ok2, diff2 = same_outputs(ref_out, work / "out_dask")
        ident = res.setdefault("identical", {"differing_tables": []})
        ident["dask_vs_workers2"] = ok2
        ident["dask_files"] = k
        ident["differing_tables"] += diff2
        ref_seconds = res["runs"]["dask_reference"]["wall_seconds"] if k < n else full["wall_seconds"]
        res["dask_vs_local_time"] = round(data["wall_seconds"] / ref_seconds, 2)
    snapshot = work / "full_tables"
    snapshot.mkdir()
    for t in TABLE_FILES:
        shutil.copyfile(work / "out" / f"{t}.parquet", snapshot / f"{t}.parquet")
    nothing = run("nothing_changed", "cache", "out", w)
    res["identical_rerun_from_cache"] = same_outputs(snapshot, work / "out")[0]
    for rel in manifest["changed"]:  # 1 %: replace the file (a new inode; raw/ keeps the original)
        target = inp / rel
        target.unlink()
        shutil.copyfile(folder / "changed" / rel, target)
    changed = run("one_percent_changed", "cache", "out", w)
    res["incremental"] = {
        "changed_files": len(manifest["changed"]),
        "nothing_changed_seconds": nothing["wall_seconds"],
        "nothing_changed_share": round(nothing["wall_seconds"] / full["wall_seconds"], 4),
        "one_percent_changed_seconds": changed["wall_seconds"],
        "one_percent_changed_share": round(changed["wall_seconds"] / full["wall_seconds"], 4),
        "reused": [nothing["reused"], changed["reused"]],
        "stage_seconds": {"nothing_changed": nothing["stage_seconds"], "one_percent": changed["stage_seconds"]},
    }

    # MarkItDown on a sample of the same files, one core; the pipeline's cost of those same files
    sample = sample_files(files, args.markitdown_sample)
    listing = work / "markitdown_files.json"
    listing.write_text(json.dumps([{"path": str(inp / f["path"]), "format": f["format"], "pages": f["pages"],
                                    "rel": f["path"]} for f in sample], ensure_ascii=False), encoding="utf-8")
    log(f"  MarkItDown on {len(sample)} of the files (one core) ...")
    md = measure(["markitdown", str(listing), str(work / "markitdown.json")], "markitdown", log)
    by_rel = {f["path"]: f for f in files}
    factor = res["per_format"]["overhead_factor"]
    comparison: dict[str, Any] = {}
    for fmt in ("docx", "pdf", "html"):
        tried = [r for r in md["files"] if r["format"] == fmt]
        if not tried:
            continue
        # A failed conversion is not a conversion: timing it would compare the pipeline with an error path
        # (lxml 6.2 once made every DOCX fail in 0.25 s). Only converted files count; any failure is reported.
        failed = [r for r in tried if r["error"]]
        rows = [r for r in tried if not r["error"]]
        if not rows:
            comparison[fmt] = {"files": 0, "markitdown_errors": len(failed), "first_error": failed[0]["error"],
                               "ratio_end_to_end": None, "ratio_cpu": None}
            continue
        md_s = sum(r["seconds"] for r in rows)
        md_cpu = sum(r["cpu_seconds"] for r in rows)
        pipe_worker = sum(by_rel[r["rel"]]["seconds"] or 0.0 for r in rows)
        pipe_e2e = pipe_worker * factor  # core-seconds, writing and scheduling included
        pipe_cpu = pipe_worker * res["per_format"]["cpu_factor"]  # CPU-seconds, the same included
        pages = sum(r["pages"] for r in rows)
        comparison[fmt] = {
            "files": len(rows), "pages": pages, "markitdown_errors": len(failed),
            "first_error": failed[0]["error"] if failed else None,
            "markitdown_seconds": round(md_s, 3),
            "markitdown_files_per_s": round(len(rows) / md_s, 2), "markitdown_pages_per_s": round(pages / md_s, 2),
            "pipeline_files_per_s_per_core": round(len(rows) / pipe_e2e, 2) if pipe_e2e else None,
            "pipeline_pages_per_s_per_core": round(pages / pipe_e2e, 2) if pipe_e2e else None,
            "ratio_end_to_end": round(md_s / pipe_e2e, 2) if pipe_e2e else None,
            "ratio_worker_only": round(md_s / pipe_worker, 2) if pipe_worker else None,
            "markitdown_cpu_seconds": round(md_cpu, 3),
            "ratio_cpu": round(md_cpu / pipe_cpu, 2) if pipe_cpu else None,
        }
    res["markitdown"] = comparison
    res["markitdown_peak_rss_mb"] = md["peak_rss_tree_mb"]

    if do_profile:
        res["profile"] = profile(files, inp, work, args.profile_files, log)
    if do_parts:
        log(f"  where a file's time goes, on the MarkItDown sample (one core) ...")
        parts = measure(["parts", str(listing), str(work / "parts.json")], "parts", log)
        res["parts"] = parts_figures(parts)
    if not args.keep_work:
        for sub in ("input", "input_dask", "out_w1", "out_dask", "out_dask_ref", "cache_w1", "cache_dask",
                    "cache_dask_ref"):
            shutil.rmtree(work / sub, ignore_errors=True)
    return res


def profile(files: list[dict[str, Any]], inp: Path, work: Path, k: int, log: Any) -> dict[str, Any]:
    """cProfile + pyinstrument of each format's per-file path; the slowest format first."""
    out: dict[str, Any] = {}
    for fmt in ("docx", "pdf", "html"):
        picked = sample_files([f for f in files if f["format"] == fmt], k)
        if not picked:
            continue
        listing = work / f"profile_{fmt}_files.json"
        listing.write_text(json.dumps([{"path": str(inp / f["path"]), "root": str(inp)} for f in picked]),
                           encoding="utf-8")
        prefix = ROOT / "bench" / f"profile_{fmt}"
        subprocess.run([PY, CHILD, "profile", fmt, str(listing), str(prefix)], cwd=ROOT, check=True, env=CHILD_ENV)
        data = json.loads(Path(str(prefix) + ".json").read_text(encoding="utf-8"))
        out[fmt] = data
        log(f"    profile {fmt}: {data['seconds_per_file_plain'] * 1000:.0f} ms/file on {len(picked)} files "
            f"-> bench/profile_{fmt}.*")
    return out


# Issue 14, "Speed": extraction per bench file (one core, the extract stage alone) at most these ms.
EXTRACT_BUDGET_MS = {"docx": 20.0, "html": 20.0, "pdf": 15.0}
# Whole pipeline per core, end to end: (figure of `per_format`, unit, at least).
PER_CORE_TARGETS = {"docx": ("files_per_s_per_core", "files/s", 30.0), "html": ("files_per_s_per_core", "files/s", 40.0),
                    "pdf": ("pages_per_s_per_core", "pages/s", 30.0)}
# End to end against MarkItDown's conversion alone, in the same run: at least this many times as fast.
MARKITDOWN_RATIO = {"docx": 8.0, "pdf": 3.0, "html": 1.0}


def parts_figures(parts: dict[str, Any]) -> dict[str, Any]:
    """Per format, one core, mean per file: the reader, the extract stage (`extract_document`)
    and one spaCy pass over the same blocks (`nlp.pipe`, batched: the least any spaCy-based
    extraction spends), also per 1,000 characters, so the distance to that floor is visible.
    Since issue 14 the extract stage contains the pass; `relations_ms` is then what it adds.

    The figures are the process's CPU time (`*_ms`), which other load on a shared machine
    stretches far less than wall time (`*_wall_ms`); on an idle machine the two agree."""
    includes = bool(parts.get("extract_includes_spacy_pass"))
    out: dict[str, Any] = {}
    for fmt in ("docx", "html", "pdf"):
        rows = [r for r in parts["files"] if r["format"] == fmt]
        if not rows:
            continue
        n, chars = len(rows), sum(r["chars"] for r in rows)
        ms = lambda key: round(1000 * sum(r[key] for r in rows) / n, 2)  # noqa: E731 - mean per file
        per_k = lambda key: round(1e6 * sum(r[key] for r in rows) / chars, 3) if chars else None  # noqa: E731
        extract, spacy_pass = ms("extract_cpu_s"), ms("spacy_pass_cpu_s")
        out[fmt] = {
            "files": n, "pages_per_file": round(sum(r["pages"] for r in rows) / n, 2), "chars_per_file": round(chars / n),
            "blocks_per_file": round(sum(r["blocks"] for r in rows) / n, 1),
            "read_ms": ms("read_cpu_s"), "extract_ms": extract, "spacy_pass_ms": spacy_pass,
            "read_wall_ms": ms("read_s"), "extract_wall_ms": ms("extract_s"), "spacy_pass_wall_ms": ms("spacy_pass_s"),
            "extract_includes_spacy_pass": includes, "spacy_pass_via": parts.get("spacy_pass"),
            "relations_ms": round(extract - spacy_pass, 2) if includes else None,
            "extract_ms_per_1000_chars": per_k("extract_cpu_s"), "spacy_pass_ms_per_1000_chars": per_k("spacy_pass_cpu_s"),
            "extract_vs_spacy_pass": round(extract / spacy_pass, 2) if spacy_pass else None,
            "plumber_pages_per_file": round(sum(r["plumber_pages"] for r in rows) / n, 2),
            "plumber_parse_wall_ms": ms("plumber_parse_s"), "extract_budget_ms": EXTRACT_BUDGET_MS[fmt]}
    return out


# =========================================================================== long documents (issue 13, point 18)


LONG_REFERENCE_FILES = 100  # ordinary files timed beside the long documents, in the same way


def _per_1000_chars(files: list[dict[str, Any]], key: str = "seconds") -> float | None:
    chars = sum(f["chars"] for f in files)
    return round(1e6 * sum(f[key] or 0.0 for f in files) / chars, 3) if chars else None  # ms per 1,000 chars


def bench_long(args: argparse.Namespace, ordinary_size: int, log: Any) -> dict[str, Any]:
    """Long documents (bench/long_docs.py) against ordinary files of the synthetic archive: the
    pipeline's per-file time per 1,000 characters of text, both runs alike (one worker, fresh
    cache, the default time limit), so a long document costs per character what an ordinary
    one does only if no stage's time grows faster than the document."""
    log("\n== long documents ==")
    folder = ROOT / "data" / "bench" / "long"
    manifest = long_docs.ensure(folder, log)
    archive = synthetic.ensure_archive(ordinary_size, args.seed, log=log)
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    reference = archive["files"][:LONG_REFERENCE_FILES]
    for rec in reference:
        dst = work / "ordinary" / rec["path"]
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.link(ROOT / "data" / "bench" / str(ordinary_size) / "raw" / rec["path"], dst)
    long_records = [{"path": f, "pages": manifest["pdf_pages"].get(f)} for f in manifest["files"]]
    res: dict[str, Any] = {"runs": {}}
    groups: dict[str, list[dict[str, Any]]] = {}
    for name, inp, records in (("ordinary", work / "ordinary", reference), ("long", folder / "raw", long_records)):
        data = measure(["run", str(inp), str(work / f"out_{name}"), str(work / f"cache_{name}"), "1", "local",
                        str(work / f"{name}.json")], f"{name} documents, one worker", log)
        res["runs"][name] = data
        groups[name] = per_file(work / f"out_{name}", work / f"cache_{name}", {"files": records})
    for name, files in groups.items():
        done = [f for f in files if f["seconds"] is not None]
        res[name] = {"files": len(files), "timed_files": len(done), "chars": sum(f["chars"] for f in done),
                     "seconds": round(sum(f["seconds"] for f in done), 3),
                     "ms_per_1000_chars": _per_1000_chars(done),
                     "ingest_ms_per_1000_chars": _per_1000_chars(done, "ingest"),
                     "extract_ms_per_1000_chars": _per_1000_chars(done, "extract")}
    base = res["ordinary"]["ms_per_1000_chars"] or 0.0
    res["documents"] = [{**{k: f[k] for k in ("path", "format", "status", "error", "pages", "blocks", "chars")},
                         "seconds": round(f["seconds"], 3) if f["seconds"] is not None else None,
                         "ingest_seconds": round(f["ingest"] or 0.0, 3), "extract_seconds": round(f["extract"] or 0.0, 3),
                         "ms_per_1000_chars": _per_1000_chars([f]) if f["seconds"] is not None else None}
                        for f in groups["long"]]
    for doc in res["documents"]:
        doc["vs_ordinary"] = round(doc["ms_per_1000_chars"] / base, 2) if doc["ms_per_1000_chars"] and base else None
    long_rate = res["long"]["ms_per_1000_chars"]
    res["long_vs_ordinary"] = round(long_rate / base, 2) if long_rate and base else None
    res["worst_vs_ordinary"] = max((d["vs_ordinary"] or float("inf") for d in res["documents"]), default=None)
    if args.huge:
        res["huge"] = bench_huge(folder, log)
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return res


def bench_huge(folder: Path, log: Any) -> list[dict[str, Any]]:
    """The stress cases: each alone, one worker, the default time limit; what became of it."""
    import pyarrow.parquet as pq

    raw = folder / "huge"
    makers = {"huge_200000_paragraphs.docx": long_docs.huge_docx, "huge_50mb.html": long_docs.huge_html,
              "huge_1000_pages.pdf": long_docs.huge_pdf}
    out = []
    for name, make in makers.items():
        src = raw / name
        if not src.exists():
            log(f"  writing {name} ...")
            src.parent.mkdir(parents=True, exist_ok=True)
            make(src)
        work = folder / "work" / "huge" / src.stem
        shutil.rmtree(work, ignore_errors=True)
        (work / "in").mkdir(parents=True)
        os.link(src, work / "in" / name)
        data = measure(["run", str(work / "in"), str(work / "out"), str(work / "cache"), "1", "local",
                        str(work / "run.json")], name, log)
        doc = pq.read_table(work / "out" / "documents.parquet").to_pylist()[0]
        files = per_file(work / "out", work / "cache", {"files": [{"path": name, "pages": None}]})
        out.append({"path": name, "megabytes": round(src.stat().st_size / 2**20, 1), "status": doc["status"],
                    "error": doc["error"], "pages": doc["n_pages"], "blocks": doc["n_blocks"],
                    "chars": files[0]["chars"], "file_seconds": files[0]["seconds"],
                    "wall_seconds": data["wall_seconds"], "peak_rss_tree_mb": data["peak_rss_tree_mb"]})
    return out


# =========================================================================== targets and table


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(tid: str, what: str, value: Any, limit: str, ok: bool | None) -> None:
        rows.append({"target": tid, "what": what, "value": value, "limit": limit,
                     "result": "n/a" if ok is None else ("PASS" if ok else "FAIL")})

    long = results.get("long")
    if long:
        ratio = long["long_vs_ordinary"]
        add("18", "long documents: time per 1,000 chars vs ordinary files",
            f"{ratio}× ({long['long']['ms_per_1000_chars']} vs {long['ordinary']['ms_per_1000_chars']} ms)",
            "<= 2×", ratio is not None and ratio <= 2)
        add("18", "the worst long document vs ordinary files", f"{long['worst_vs_ordinary']}×", "<= 2×",
            long["worst_vs_ordinary"] is not None and long["worst_vs_ordinary"] <= 2)
    if not results["sizes"]:
        return rows
    sizes = sorted(int(s) for s in results["sizes"])
    small, large = str(sizes[0]), str(sizes[-1])
    S, L = results["sizes"][small], results["sizes"][large]

    for size in map(str, sizes):  # issue 14: extraction per bench file, one core
        for fmt, b in results["sizes"][size].get("parts", {}).items():
            budget = EXTRACT_BUDGET_MS[fmt]
            add("14a", f"{fmt} extraction per file, one core ({size} files)",
                f"{b['extract_ms']:.1f} ms CPU (wall {b['extract_wall_ms']:.1f})", f"<= {budget:.0f} ms",
                b["extract_ms"] <= budget)
    for size in map(str, sizes):  # issue 14: the whole pipeline per core
        pf = results["sizes"][size]["per_format"]
        for fmt, (key, unit, least) in PER_CORE_TARGETS.items():
            if fmt in pf:
                cpu_key = "files_per_cpu_s" if unit == "files/s" else "pages_per_cpu_s"
                add("14b", f"{fmt} per core, end to end ({size} files)",
                    f"{pf[fmt][key]} {unit} (per CPU-s {pf[fmt][cpu_key]})", f">= {least:.0f} {unit}",
                    pf[fmt][key] is not None and pf[fmt][key] >= least)
    for size in map(str, sizes):  # issue 14: end to end against MarkItDown's conversion alone, same run
        for fmt, c in results["sizes"][size].get("markitdown", {}).items():
            what, least = f"{fmt} end to end vs MarkItDown ({size} files)", MARKITDOWN_RATIO[fmt]
            if c["markitdown_errors"]:
                rows.append({"target": "14c", "what": what, "limit": f">= {least:g}×", "result": "INVALID",
                             "value": f"MarkItDown failed on {c['markitdown_errors']} of "
                                      f"{c['files'] + c['markitdown_errors']} files ({c['first_error']}); "
                                      "fix its environment (see bench/README.md)"})
                continue
            add("14c", what, f"{c['ratio_end_to_end']}× (CPU {c.get('ratio_cpu')}×)", f">= {least:g}×",
                c["ratio_end_to_end"] is not None and c["ratio_end_to_end"] >= least)
    peak_l, peak_s = L["runs"]["full"]["peak_rss_tree_mb"], S["runs"]["full"]["peak_rss_tree_mb"]
    add("3a", f"peak RSS of the process tree at {large} files", f"{peak_l:.0f} MB", "< 1024 MB", peak_l < 1024)
    if large != small:
        add("3b", f"peak RSS {large} vs {small} files", f"{peak_l / peak_s:.3f}×", "<= 1.10×", peak_l <= 1.10 * peak_s)
        t_l, t_s = L["runs"]["full"]["wall_seconds"], S["runs"]["full"]["wall_seconds"]
        scale = int(large) / int(small)
        c_l, c_s = L["runs"]["full"]["cpu_seconds"], S["runs"]["full"]["cpu_seconds"]
        add("4", f"time {large} vs {small} files", f"{t_l / t_s:.2f}× (CPU {c_l / c_s:.2f}×)",
            f"<= {1.1 * scale:.1f}×", t_l / t_s <= 1.1 * scale)
    for size in map(str, sizes):
        inc = results["sizes"][size]["incremental"]
        add("5a", f"re-run, nothing changed ({size} files)", f"{100 * inc['nothing_changed_share']:.1f} %", "< 5 %",
            inc["nothing_changed_share"] < 0.05)
        add("5b", f"re-run, 1 % changed ({size} files)", f"{100 * inc['one_percent_changed_share']:.1f} %", "< 10 %",
            inc["one_percent_changed_share"] < 0.10)
    for size in map(str, sizes):
        ident = results["sizes"][size].get("identical")
        if ident and "workers1_vs_workers2" in ident:
            ok = ident["workers1_vs_workers2"]
            add("6a", f"--workers 1 vs --workers 2 byte-identical ({size} files)", "identical" if ok else "differ",
                "identical", ok)
        if ident and "dask_vs_workers2" in ident:
            ok = ident["dask_vs_workers2"]
            add("6b", f"--executor dask vs --workers 2 byte-identical ({ident['dask_files']} files)",
                "identical" if ok else "differ", "identical", ok)
    return rows


def print_report(results: dict[str, Any]) -> None:
    p = print
    for size, r in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        full = r["runs"]["full"]
        p(f"\n=== {size} files: full run with {results['config']['workers']} workers: {full['wall_seconds']:.1f} s wall "
          f"(run {full['run_seconds']:.1f} s, CPU {full['cpu_seconds']:.0f} s); peak RSS {full['peak_rss_tree_mb']:.0f} MB "
          f"(PSS {full['peak_pss_tree_mb']:.0f} MB, largest process {full['peak_rss_single_mb']:.0f} MB)")
        st = full["stage_seconds"]
        p(f"    stages: ingest {st.get('ingest', 0):.1f} s + extract {st.get('extract', 0):.1f} s (worker seconds, "
          f"summed over workers), write {st.get('write', 0):.1f} s (wall)")
        p(f"    {'format':6} {'files':>6} {'pages':>6} {'ok/part/fail':>13} {'files/s':>8} {'pages/s':>8} "
          f"{'files/s/core':>12} {'pages/s/core':>12} {'files/CPU-s':>11} {'pages/CPU-s':>11} {'ms/file':>8} "
          f"{'ingest%':>8}")
        for fmt in ("all", "docx", "pdf", "html"):
            f = r["per_format"].get(fmt)
            if not f:
                continue
            s = f["status"]
            ing = 100 * f["ingest_seconds"] / f["worker_seconds"] if f["worker_seconds"] else 0
            p(f"    {fmt:6} {f['files']:>6} {f['pages']:>6} {s['ok']:>5}/{s['partial']}/{s['failed']:<4} "
              f"{f['files_per_s']:>8.2f} {f['pages_per_s']:>8.2f} {f['files_per_s_per_core']:>12.2f} "
              f"{f['pages_per_s_per_core']:>12.2f} {f['files_per_cpu_s']:>11.2f} {f['pages_per_cpu_s']:>11.2f} "
              f"{f['mean_file_ms']:>8.0f} {ing:>7.0f}%")
        if r.get("markitdown"):
            p(f"    MarkItDown (one core) on a sample of the same files vs the pipeline (per core, end to end):")
            for fmt, c in r["markitdown"].items():
                if not c["files"]:
                    p(f"      {fmt:5} MarkItDown failed on all {c['markitdown_errors']} files: {c['first_error']}")
                    continue
                p(f"      {fmt:5} {c['files']:>4} files {c['pages']:>5} pages: MarkItDown {c['markitdown_files_per_s']:>6.2f} "
                  f"files/s {c['markitdown_pages_per_s']:>6.2f} pages/s | pipeline {c['pipeline_files_per_s_per_core']:>6.2f} "
                  f"files/s {c['pipeline_pages_per_s_per_core']:>6.2f} pages/s | ratio {c['ratio_end_to_end']:.2f}× "
                  f"(by CPU time {c['ratio_cpu']:.2f}×, worker time only {c['ratio_worker_only']:.2f}×)")
        inc = r["incremental"]
        p(f"    re-run nothing changed: {inc['nothing_changed_seconds']:.1f} s ({100 * inc['nothing_changed_share']:.1f} %); "
          f"{inc['changed_files']} files changed: {inc['one_percent_changed_seconds']:.1f} s "
          f"({100 * inc['one_percent_changed_share']:.1f} %)")
        if "speedup_1_to_2" in r:
            p(f"    speed-up 1 -> 2 workers: {r['speedup_1_to_2']:.2f}× (workers 1: {r['runs']['workers1']['wall_seconds']:.1f} s)")
        if "dask" in r["runs"]:
            p(f"    dask ({r['identical']['dask_files']} files): {r['runs']['dask']['wall_seconds']:.1f} s, "
              f"{r['dask_vs_local_time']:.2f}× the local pool's time on the same files")
        others = [(k, v.get("other_cpu_share", 0)) for k, v in r["runs"].items() if v.get("other_cpu_share", 0) > 0.1]
        if others:
            p("    NOTE other processes used the machine during: " + ", ".join(
                f"{k} ({100 * v:.0f} % of its CPU)" for k, v in others) + " — those figures are pessimistic")
    for size, r in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        if r.get("parts"):
            first = next(iter(r["parts"].values()))
            p(f"\n=== where a file's time goes ({size} files, MarkItDown's sample, one process; CPU ms per file, "
              f"wall in brackets). spaCy pass: {first['spacy_pass_via']} over the blocks, batched"
              + ("; extract includes it, relations = extract - pass" if first["extract_includes_spacy_pass"]
                 else "; this extract (older code) tokenizes on its own"))
            p(f"    {'format':6} {'pages':>5} {'chars':>6} {'read':>6} {'extract':>16} {'budget':>6} {'spaCy pass':>14} "
              f"{'relations':>9} | per 1,000 chars: {'extract':>7} {'spaCy':>6} {'ratio':>6}")
            for fmt, b in r["parts"].items():
                rel = f"{b['relations_ms']:.1f}" if b["relations_ms"] is not None else "-"
                p(f"    {fmt:6} {b['pages_per_file']:>5} {b['chars_per_file']:>6} {b['read_ms']:>6.1f} "
                  f"{b['extract_ms']:>7.1f} ({b['extract_wall_ms']:>6.1f}) {b['extract_budget_ms']:>6.0f} "
                  f"{b['spacy_pass_ms']:>5.1f} ({b['spacy_pass_wall_ms']:>5.1f}) {rel:>9} | {'':16} "
                  f"{b['extract_ms_per_1000_chars']:>7.2f} {b['spacy_pass_ms_per_1000_chars']:>6.2f} "
                  f"{b['extract_vs_spacy_pass']:>5.1f}×")
    if results.get("long"):
        long = results["long"]
        o = long["ordinary"]
        p(f"\n=== long documents vs {o['files']} ordinary files (one worker; ms per 1,000 characters: "
          f"all / ingest / extract)")
        p(f"    {'ordinary files':28} {o['chars']:>9} chars {o['ms_per_1000_chars']:>7} / "
          f"{o['ingest_ms_per_1000_chars']} / {o['extract_ms_per_1000_chars']}")
        for d in long["documents"]:
            if d["seconds"] is None:
                p(f"    {d['path']:28} {d['status']}: {d['error']}")
                continue
            p(f"    {d['path']:28} {d['chars']:>9} chars {d['ms_per_1000_chars']:>7} ms ({d['vs_ordinary']}×), "
              f"{d['seconds']:.1f} s (ingest {d['ingest_seconds']:.1f}, extract {d['extract_seconds']:.1f}), "
              f"{d['blocks']} blocks")
        for h in long.get("huge", []):
            p(f"    {h['path']:28} {h['megabytes']} MB: {h['status']} in {h['wall_seconds']:.1f} s wall"
              + (f" ({h['error']})" if h["error"] else f", {h['chars']} chars, {h['blocks']} blocks")
              + f", peak RSS {h['peak_rss_tree_mb']:.0f} MB")
    p("\n=== targets (issue 14's speed targets 14a-c replace 1 and 2 of issue 5; 3-6 of issue 5; 18 of issue 13)")
    for t in results["targets"]:
        p(f"  [{t['result']:4}] {t['target']:3} {t['what']:58} {t['value']:>22}  ({t['limit']})")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int,
                    default=[int(x) for x in os.environ.get("BENCH_N", "1000 4000").split()])
    ap.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--markitdown-sample", type=int, default=int(os.environ.get("BENCH_MD_SAMPLE", "40")),
                    help="files per format MarkItDown converts (0: all; it does ~2-6 files/s)")
    ap.add_argument("--speedup-sizes", choices=["smallest", "all", "none"], default="smallest",
                    help="sizes at which --workers 1 and --executor dask also run (speed-up, identity)")
    ap.add_argument("--dask-files", type=int, default=int(os.environ.get("BENCH_DASK_FILES", "200")),
                    help="the Dask identity check runs on the first N files of that size (0: all, -1: none)")
    ap.add_argument("--profile-files", type=int, default=15, help="files per format profiled (smallest size)")
    ap.add_argument("--code", default=os.environ.get("BENCH_CODE", "worktree"),
                    help="which pipeline to measure: 'worktree' (default) or a git revision such as HEAD")
    ap.add_argument("--quiet-wait", type=float, default=float(os.environ.get("BENCH_QUIET_WAIT", "30")),
                    help="before each timed run wait up to this many seconds for the machine to be idle")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other sizes already in --out (e.g. re-run one size measured on a busy machine)")
    ap.add_argument("--keep-work", action="store_true", help="keep data/bench/<n>/work (inputs, outputs, caches)")
    ap.add_argument("--long", choices=["yes", "no", "only"], default=os.environ.get("BENCH_LONG", "yes"),
                    help="the long-document case (issue 13): with the sizes, not at all, or alone")
    ap.add_argument("--huge", action="store_true",
                    help="with the long documents: also a 200,000-paragraph DOCX, a 50 MB HTML and a 1,000-page PDF")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args(argv)
    sizes = sorted(set(args.sizes))
    QUIET_WAIT[0] = args.quiet_wait

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    code = snapshot_code(ROOT / "data" / "bench" / "code", args.code, log)
    import pipeline
    from pipeline.cache import code_key

    results: dict[str, Any] = {
        "machine": {"cores": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                    "platform": platform.platform(), "pipeline_version": pipeline.__version__,
                    "markitdown": _version("markitdown"), "pdf_engine": None},
        "code": {**code, "code_key": code_key()},
        "config": {"sizes": sizes, "seed": args.seed, "workers": args.workers,
                   "markitdown_sample_per_format": args.markitdown_sample, "speedup_sizes": args.speedup_sizes},
        "sizes": {},
    }
    for i, n in enumerate(sizes if args.long != "only" else []):
        extra = args.speedup_sizes == "all" or (args.speedup_sizes == "smallest" and i == 0)
        results["sizes"][str(n)] = bench_size(n, args, extra, extra, i == 0, i == 0 and args.profile_files > 0, log)
        results["machine"]["pdf_engine"] = results["sizes"][str(n)]["archive"]["pdf_engine"]
    if args.merge and args.out.exists():
        old = json.loads(args.out.read_text(encoding="utf-8"))
        for size, figures in old.get("sizes", {}).items():
            if size not in results["sizes"]:
                figures["merged_from_earlier_run"] = old.get("code", {}).get("git_commit")
                results["sizes"][size] = figures
        results["config"]["sizes"] = sorted(int(k) for k in results["sizes"])
    if args.long != "no":
        results["long"] = bench_long(args, sizes[0] if args.long != "only" else LONG_REFERENCE_FILES, log)
    results["targets"] = targets(results)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print_report(results)
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"({results['bench_seconds']:.0f} s)")
    return 0


def snapshot_code(dest: Path, source: str, log: Any) -> dict[str, Any]:
    """Copy pipeline/ and configs/ (as they are in the work tree, or as committed in `source`, a git
    revision) and run every child on that copy: edits in the tree during a long bench would otherwise
    change the code, and with it the cache key, between the runs."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    if source == "worktree":
        for name in ("pipeline", "configs"):
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", source, "pipeline", "configs"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    CHILD_ENV["PYTHONPATH"] = str(dest) + os.pathsep + CHILD_ENV.get("PYTHONPATH", "")
    sys.path.insert(0, str(dest))
    probe = ("import importlib, pipeline, pipeline.runner as r; from pipeline.ingest import READERS; r.warm_up(); "
             "from pipeline.ingest import reader; assert all(callable(reader(f)) for f in READERS), 'a reader is missing'; "
             "print(pipeline.__file__)")
    check = subprocess.run([PY, "-c", probe],
                           env=CHILD_ENV, cwd=dest, capture_output=True, text=True)
    if check.returncode != 0 or str(dest) not in check.stdout:
        raise SystemExit(f"the snapshot of the pipeline in {dest} does not load:\n{check.stderr[-3000:]}")
    rev = "HEAD" if source == "worktree" else source
    git = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = [] if source != "worktree" else [d for d in subprocess.run(
        ["git", "status", "--porcelain", "--", "pipeline", "configs"], cwd=ROOT, capture_output=True,
        text=True).stdout.split("\n") if d]
    log(f"code: pipeline/ and configs/ of {'the work tree' if source == 'worktree' else source} ({git[:10]}"
        f"{f' + {len(dirty)} uncommitted changes' if dirty else ''}) copied to {dest.relative_to(ROOT)}")
    return {"source": source, "git_commit": git, "uncommitted_paths": [d[3:] for d in dirty]}


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
