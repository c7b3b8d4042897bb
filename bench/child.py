"""What `make bench` runs in child processes, so each measurement has a process tree of its own.

    python bench/child.py run RAW OUT CACHE WORKERS EXECUTOR RESULT.json
        one pipeline run, as `kpss extract RAW OUT --cache-dir CACHE --workers N --executor E`
        does it (same RunOptions, same logging), plus the figures run.json lacks (write seconds,
        max RSS of this process and of its waited-for children)
    python bench/child.py markitdown FILES.json RESULT.json
        MarkItDown converting each file to text, one after another (one core), seconds per file
    python bench/child.py profile FORMAT FILES.json PREFIX
        cProfile + pyinstrument of `process_file` on the files (after the per-worker warm-up)
    python bench/child.py parts FILES.json RESULT.json
        where one file's time goes (one core): the reader, one spaCy pass over the blocks
        (`nlp.pipe`, batched), the extraction (`extract_document`), and for PDFs pdfplumber's
        own parse of the pages it reads
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def _stop_fork_server() -> None:
    """The pool's workers are children of multiprocessing's fork server, which lives on until
    this process exits: stop it and wait for it, so that its CPU time and that of the workers
    it reaped count in RUSAGE_CHILDREN (else the run's CPU seconds miss the workers')."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def cmd_run(raw: str, out: str, cache: str, workers: str, executor: str, result: str) -> None:
    started = time.perf_counter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # as the CLI does
    logging.getLogger("distributed").setLevel(logging.ERROR)
    from pipeline.runner import DEFAULT_FILE_TIMEOUT, RunOptions, run

    imported = time.perf_counter()
    options = RunOptions(workers=int(workers), file_timeout=DEFAULT_FILE_TIMEOUT, cache_dir=Path(cache),
                         executor=executor)
    summary = run(Path(raw), Path(out), options)
    import pipeline

    _stop_fork_server()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(result).write_text(json.dumps({
        "pipeline_from": str(Path(pipeline.__file__).parent),
        "cpu_seconds": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2),
        "import_seconds": round(imported - started, 3),
        "run_seconds": round(summary.seconds, 3),
        "files": summary.files,
        "reused": summary.reused,
        "by_status": summary.by_status,
        "by_format": summary.by_format,
        "rows": summary.rows,
        "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
        "failures": summary.failures[:20],
        "n_failures": len(summary.failures),
        "slowest": list(summary.slowest),
        "maxrss_self_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1),
        "maxrss_children_mb": round(_maxrss_mb(resource.RUSAGE_CHILDREN), 1),
    }, ensure_ascii=False), encoding="utf-8")


def cmd_markitdown(files_json: str, result: str) -> None:
    logging.basicConfig(level=logging.ERROR)
    from markitdown import MarkItDown

    files = json.loads(Path(files_json).read_text(encoding="utf-8"))
    md = MarkItDown()
    seen: set[str] = set()
    for f in files:  # warm-up: the first conversion of each kind imports its converter
        if f["format"] not in seen:
            seen.add(f["format"])
            try:
                md.convert(f["path"])
            except Exception:  # noqa: BLE001
                pass
    rows = []
    for f in files:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            chars, error = len(md.convert(f["path"]).text_content), None
        except Exception as exc:  # noqa: BLE001 - a failure is a figure too
            chars, error = 0, f"{type(exc).__name__}: {exc}"[:200]
        rows.append({**f, "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
                     "chars": chars, "error": error})
    Path(result).write_text(json.dumps({"files": rows, "maxrss_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1)},
                                       ensure_ascii=False), encoding="utf-8")


def cmd_profile(fmt: str, files_json: str, prefix: str) -> None:
    import cProfile
    import io
    import pstats

    logging.basicConfig(level=logging.ERROR)
    from pyinstrument import Profiler

    from pipeline.runner import process_file, warm_up

    files = json.loads(Path(files_json).read_text(encoding="utf-8"))
    warm_up()
    root = Path(files[0]["root"])
    for f in files[:2]:  # the first file of a format imports its reader
        process_file(Path(f["path"]), root)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for f in files:
        process_file(Path(f["path"]), root)
    prof.disable()
    profiled_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        process_file(Path(f["path"]), root)
    plain_seconds = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]

    def top(sort: int, k: int = 15) -> list[dict]:
        rows = sorted(stats.stats.items(), key=lambda kv: kv[1][sort], reverse=True)  # type: ignore[attr-defined]
        out = []
        for (file, line, name), (cc, nc, tt, ct, _) in rows[:k]:
            short = file.split("site-packages/")[-1].split("/work/main/")[-1]
            out.append({"function": f"{short}:{line}({name})", "calls": nc, "self_s": round(tt, 3),
                        "cumulative_s": round(ct, 3), "self_share": round(tt / total, 3) if total else None})
        return out

    pyi = Profiler(interval=0.0005)
    pyi.start()
    for f in files:
        process_file(Path(f["path"]), root)
    pyi.stop()
    Path(prefix + ".pyinstrument.txt").write_text(pyi.output_text(unicode=True, color=False, show_all=False),
                                                  encoding="utf-8")
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(40)
    Path(prefix + ".cprofile.txt").write_text(text.getvalue(), encoding="utf-8")
    Path(prefix + ".json").write_text(json.dumps({
        "format": fmt, "files": len(files), "seconds_plain": round(plain_seconds, 3),
        "seconds_per_file_plain": round(plain_seconds / len(files), 4),
        "seconds_profiled": round(profiled_seconds, 3),
        "top_self": top(2), "top_cumulative": top(3, 25)}, ensure_ascii=False, indent=1), encoding="utf-8")


def _spacy_pass():  # type: ignore[no-untyped-def]
    """The one spaCy pass over a document's blocks (`nlp.pipe`, batched), and whether
    `extract_document` runs it itself: since issue 14 the extract stage has `annotate(blocks)`,
    which is exactly that pass and which `extract_document` calls; older code had neither, so
    the pass is `nlp().pipe` over the blocks' text (the bench also measures older revisions)."""
    import pipeline.extract as extract

    annotate = getattr(extract, "annotate", None)
    if callable(annotate):
        return annotate, "annotate", True
    from pipeline.extract.nlp import nlp

    model = nlp()
    return (lambda views: list(model.pipe(v.text for v in views))), "nlp().pipe", False


def _clear_text_caches() -> None:
    """Forget every memo keyed by text (`pipeline.extract.forget_texts`; older revisions had only
    `nlp.tokenize`), so every extraction is timed as for a file never seen, not warmed by the
    spaCy pass just timed over the same blocks."""
    import pipeline.extract as extract
    from pipeline.extract import nlp as nlp_module

    forget = getattr(extract, "forget_texts", None)
    if callable(forget):
        forget()
        return
    tokenize = getattr(nlp_module, "tokenize", None)
    if hasattr(tokenize, "cache_clear"):
        tokenize.cache_clear()


def cmd_parts(files_json: str, result: str) -> None:
    """Per file, one core, in wall and in CPU seconds of this process (other load on a shared
    machine stretches the first): the reader; the spaCy pass over the blocks (`_spacy_pass`);
    the extraction (`extract_document`, caches cleared, as for a new file; since issue 14 it
    includes that pass); and for PDFs the pages pdfplumber reads (the fast layer declined them)
    with pdfplumber's own parse of those pages (chars and ruling lines, pdfminer's work alone)."""
    import gc

    logging.basicConfig(level=logging.ERROR)
    import pdfplumber

    import pipeline.ingest.pdf as pdf_reader
    from pipeline.extract import extract_document
    try:  # the model module came with the redesign (issue 14); the bench also measures older code
        from pipeline.extract.model import BlockView
    except ModuleNotFoundError:
        from pipeline.extract import BlockView  # type: ignore[attr-defined,no-redef]
    from pipeline.ingest import read
    from pipeline.ingest.sniff import sniff
    from pipeline.runner import warm_up

    warm_up()
    spacy_pass, spacy_pass_name, extract_includes_pass = _spacy_pass()
    plumber_pages: list[int] = []
    read_page = getattr(pdf_reader, "_read_page", None)
    layers = getattr(pdf_reader, "PAGE_LAYERS", None)

    def noting_read_page(pdf: object, layer: object, index: int):  # type: ignore[no-untyped-def]
        before = sum(v for k, v in layers.items() if k.startswith("plumber"))
        page = read_page(pdf, layer, index)
        if sum(v for k, v in layers.items() if k.startswith("plumber")) > before:
            plumber_pages.append(index)
        return page

    if read_page is not None and layers is not None:
        pdf_reader._read_page = noting_read_page
    files = json.loads(Path(files_json).read_text(encoding="utf-8"))
    for f in files[:: max(1, len(files) // 6)]:  # each reader's first file imports it
        data = Path(f["path"]).read_bytes()
        read(data, sniff(data, f["format"]))
    rows = []
    for f in files:
        data = Path(f["path"]).read_bytes()
        fmt = sniff(data, f["format"])
        gc.collect()
        plumber_pages.clear()
        c0, t0 = time.process_time(), time.perf_counter()
        ingested = read(data, fmt)
        c1, t1 = time.process_time(), time.perf_counter()
        views = [BlockView(block_id=i, kind=b.kind, text=b.text, level=b.level, page=b.page, label=b.label,
                           region=b.region, table_id=b.table_id, row=b.row, col=b.col)
                 for i, b in enumerate(ingested.blocks)]
        c2, t2 = time.process_time(), time.perf_counter()
        spacy_pass(views)
        c3, t3 = time.process_time(), time.perf_counter()
        _clear_text_caches()
        c4, t4 = time.process_time(), time.perf_counter()
        extract_document(views)
        c5, t5 = time.process_time(), time.perf_counter()
        parse = 0.0
        if plumber_pages:
            with pdfplumber.open(Path(f["path"])) as pdf:
                t6 = time.perf_counter()
                for index in plumber_pages:
                    page = pdf.pages[index]
                    page.chars, page.edges  # noqa: B018 - pdfminer parses the page here
                parse = time.perf_counter() - t6
        rows.append({"rel": f["rel"], "format": f["format"], "pages": ingested.n_pages or f["pages"],
                     "chars": sum(len(v.text) for v in views), "blocks": len(views), "read_s": t1 - t0,
                     "spacy_pass_s": t3 - t2, "extract_s": t5 - t4, "read_cpu_s": c1 - c0,
                     "spacy_pass_cpu_s": c3 - c2, "extract_cpu_s": c5 - c4,
                     "plumber_pages": len(plumber_pages), "plumber_parse_s": parse})
    Path(result).write_text(json.dumps({"files": rows, "spacy_pass": spacy_pass_name,
                                        "extract_includes_spacy_pass": extract_includes_pass},
                                       ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":  # pipeline comes from PYTHONPATH: the bench's snapshot of the code
    {"run": cmd_run, "markitdown": cmd_markitdown, "profile": cmd_profile, "parts": cmd_parts}[sys.argv[1]](*sys.argv[2:])
