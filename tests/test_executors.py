"""Issue-5: parallel workers, per-file time limit, incremental runs, Dask."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil

import pandas as pd
import pytest

from pipeline import executors
from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS_RAW, PEERS, need
from tests.docx_factory import new_document, to_bytes

TABLES = ["documents", "blocks", "attendees", "agenda_items", "goals", "measures", "activities",
          "organisations", "capacity_changes", "services"]


def _hashes(out):
    return {t: hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


@pytest.fixture()
def archive(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(need(CORPUS_RAW), raw)
    return raw


def test_one_two_workers_and_inline_give_identical_tables(archive, tmp_path):
    results = []
    for name, workers in (("w1", 1), ("w2", 2), ("inline", 0)):
        run(archive, tmp_path / name, RunOptions(workers=workers))
        results.append(_hashes(tmp_path / name))
    assert results[0] == results[1] == results[2]


def test_dask_local_cluster_gives_identical_tables(archive, tmp_path):
    pytest.importorskip("dask.distributed")
    run(archive, tmp_path / "local", RunOptions(workers=2))
    run(archive, tmp_path / "dask", RunOptions(workers=2, executor="dask"))
    assert _hashes(tmp_path / "local") == _hashes(tmp_path / "dask")


def test_slow_file_becomes_a_timeout_row_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(need(PEERS / "unstructured" / "DA-619p.pdf"), raw / "velmi_dlouhy.pdf")  # ~100 s to read
    shutil.copy(need(CORPUS_RAW / "001_7f5b36c52eeef91b.docx"), raw / "zapis.docx")
    run(raw, tmp_path / "out", RunOptions(workers=2, file_timeout=3))
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    assert docs.loc["velmi_dlouhy.pdf", "status"] == "failed"
    assert docs.loc["velmi_dlouhy.pdf", "error"].startswith("timeout: reading took longer than 3 s")
    assert docs.loc["zapis.docx", "status"] == "ok"


def test_incremental_runs_reuse_unchanged_files(archive, tmp_path):
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    out = tmp_path / "out"
    first = run(archive, out, options)
    assert first.reused == 0
    unchanged = run(archive, out, options)
    assert unchanged.reused == unchanged.files == first.files
    full = _hashes(out)

    doc = new_document()
    doc.add_paragraph("Zápis z jednání pracovní skupiny Senioři ze dne 3. 5. 2022")
    (archive / "novy.docx").write_bytes(to_bytes(doc))
    (archive / "002_bb2f382388c739f4.txt").unlink()
    changed = run(archive, out, options)
    assert changed.reused == first.files - 1
    paths = set(pd.read_parquet(out / "documents.parquet").source_path)
    assert "novy.docx" in paths and "002_bb2f382388c739f4.txt" not in paths

    again = run(archive, out, RunOptions(workers=1, cache_dir=tmp_path / "cache", full=True))
    assert again.reused == 0


def test_cached_and_fresh_runs_write_the_same_bytes(archive, tmp_path):
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    run(archive, tmp_path / "a", options)
    run(archive, tmp_path / "b", options)  # everything from the cache
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")


def _holds_parent_state(_: str) -> bool:
    from pipeline import executors

    return hasattr(executors, "_ONLY_IN_THE_PARENT")


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_workers_are_not_copies_of_the_collecting_process(monkeypatch):
    """Workers start from the fork server, not as forks of the process that collects the
    results: what that process holds (it grows with the archive) is not copied into them."""
    monkeypatch.setattr(executors, "_ONLY_IN_THE_PARENT", object(), raising=False)
    outcomes = list(executors.run_pool(_holds_parent_state, ["a", "b", "c"], workers=2, timeout=60))
    assert [o.error for o in outcomes] == [None] * 3
    assert [o.value for o in outcomes] == [False] * 3
