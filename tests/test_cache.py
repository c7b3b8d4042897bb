"""The cache across runs (issue #13): a damaged entry is a miss, not a crash (point 3); a
touched or moved file is found by its content, not read again (point 14)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipeline.cache import code_key
from pipeline.runner import RunOptions, doc_id_of, run
from tests.conftest import ROOT
from tests.docx_factory import new_document, to_bytes


def _minutes(title: str, people: str) -> bytes:
    doc = new_document()
    doc.add_heading(f"Zápis z jednání pracovní skupiny {title}", level=1)
    doc.add_paragraph(f"Přítomni:\t{people}")
    doc.add_paragraph("Opatření 1.1 Navýšit kapacitu o 0,5 úvazku.")
    return to_bytes(doc)


def _archive(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2018").mkdir(parents=True)
    (raw / "a.docx").write_bytes(_minutes("Senioři", "Jana Nováková, Petr Svoboda"))
    (raw / "2018" / "b.docx").write_bytes(_minutes("Rodina", "Eva Malá"))
    (raw / "c.txt").write_text("Zápis z jednání\nPřítomni: Karel Veselý\n", encoding="utf-8")
    return raw


def _fragment(cache, raw, rel):
    doc_id = doc_id_of((raw / rel).read_bytes())
    return cache / code_key() / doc_id[:2] / f"{doc_id}.pkl.z"


def _tables(out):
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in ("documents", "blocks", "attendees")}


def _same_tables(a, b):
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])


def _damage_warnings(caplog):
    return [r.getMessage() for r in caplog.records if "damaged cache entry" in r.getMessage()]


def test_a_fragment_cut_in_half_is_a_miss_logged_once_and_the_file_is_read_again(tmp_path, caplog):
    """Point 3: a `*.pkl.z` cut in half used to crash every later run that rewrote the tables
    (zlib.error ... truncated stream); only deleting the cache recovered."""
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=0, cache_dir=cache)
    run(raw, tmp_path / "out1", options)
    fragment = _fragment(cache, raw, "a.docx")
    fragment.write_bytes(fragment.read_bytes()[: fragment.stat().st_size // 2])
    caplog.set_level(logging.WARNING)
    second = run(raw, tmp_path / "out2", options)  # a new OUT: the tables are written from the cache
    assert second.reused == 2  # a.docx was read again, the others came from the cache
    _same_tables(_tables(tmp_path / "out1"), _tables(tmp_path / "out2"))
    warnings = _damage_warnings(caplog)
    assert len(warnings) == 1 and "a.docx" in warnings[0]
    assert "Přítomni" not in warnings[0] and "Nováková" not in warnings[0]  # paths only, never text
    caplog.clear()
    third = run(raw, tmp_path / "out3", options)  # repaired: nothing is logged again
    assert third.reused == 3 and not _damage_warnings(caplog)
    _same_tables(_tables(tmp_path / "out1"), _tables(tmp_path / "out3"))


def _damage_inside(fragment: Path) -> None:
    """Overwrite 16 bytes in the middle: damage the fragment's size does not show."""
    data = bytearray(fragment.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(16)
    fragment.write_bytes(bytes(data))


def test_a_fragment_damaged_inside_is_read_again_while_the_tables_are_written(tmp_path, caplog):
    """Point 3: damage the size does not show (bytes overwritten in the middle) is found only
    when the tables are streamed from the cache: the file is read again there."""
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=0, cache_dir=cache)
    run(raw, tmp_path / "out1", options)
    _damage_inside(_fragment(cache, raw, "2018/b.docx"))
    caplog.set_level(logging.WARNING)
    run(raw, tmp_path / "out2", options)
    _same_tables(_tables(tmp_path / "out1"), _tables(tmp_path / "out2"))
    warnings = _damage_warnings(caplog)
    assert len(warnings) == 1 and "2018/b.docx" in warnings[0]
    caplog.clear()
    run(raw, tmp_path / "out3", options)
    assert not _damage_warnings(caplog)


def test_a_fragment_damaged_inside_is_read_again_for_a_file_whose_name_is_not_utf8(tmp_path, caplog):
    """Found by tools/hostile_run.py: the repair while writing read `RAW/<source_path>`, and the
    source path of a name with bytes that are not UTF-8 shows them as `\\xff` escapes, so no
    file was found there; the run called the file changed and left its blocks and rows out."""
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    name = os.fsdecode(b"z\xe1pis-\xff.docx")
    (raw / "2018" / name).write_bytes(_minutes("Zdravotn\u011b posti\u017een\u00ed", "Karel Vesel\u00fd"))
    options = RunOptions(workers=0, cache_dir=cache)
    run(raw, tmp_path / "out1", options)
    _damage_inside(_fragment(cache, raw, f"2018/{name}"))
    caplog.set_level(logging.WARNING)
    run(raw, tmp_path / "out2", options)
    assert [m for m in (r.getMessage() for r in caplog.records) if "changed during the run" in m] == []
    _same_tables(_tables(tmp_path / "out1"), _tables(tmp_path / "out2"))
    assert "2018/z\\xe1pis-\\xff.docx" in set(_tables(tmp_path / "out2")["documents"].source_path)


def test_a_damaged_index_and_rows_file_are_a_miss_too(tmp_path):
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=0, cache_dir=cache)
    run(raw, tmp_path / "out1", options)
    for path in [*cache.glob("index-*.json"), *cache.glob("documents-*.pkl.z")]:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    run(raw, tmp_path / "out2", options)
    _same_tables(_tables(tmp_path / "out1"), _tables(tmp_path / "out2"))


_KILLED_FULL_RUN = """
import os, signal, sys
from pathlib import Path
from pipeline import cache
from pipeline.runner import RunOptions, run
cache.ResultCache.save_index = lambda self: os.kill(os.getpid(), signal.SIGKILL)  # killed before the index
run(Path(sys.argv[1]), Path(sys.argv[2]), RunOptions(workers=0, cache_dir=Path(sys.argv[3]), full=True))
"""


def test_fragments_rewritten_by_a_killed_run_are_not_called_damaged(tmp_path, caplog):
    """Found by tools/hostile_run.py: a --full run killed after it rewrote fragments but before it
    saved the index left fragments whose size (their timings differ) is not the one recorded;
    the next run called them damaged (a warning per file) and read every one of them again."""
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    raw.mkdir()
    for i in range(20):
        (raw / f"zapis_{i}.docx").write_bytes(_minutes(f"Senio\u0159i {i}", "Jana Nov\u00e1kov\u00e1"))
    options = RunOptions(workers=0, cache_dir=cache)
    first = run(raw, tmp_path / "out", options)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", _KILLED_FULL_RUN, str(raw), str(tmp_path / "out"), str(cache)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert killed.returncode == -9, killed.stderr[-2000:]
    caplog.set_level(logging.WARNING)
    again = run(raw, tmp_path / "out", options)
    assert _damage_warnings(caplog) == []
    assert again.reused == 20 and again.rows == first.rows


def test_touched_files_are_not_read_again_and_the_index_takes_their_new_times(tmp_path):
    """Point 14: touching the files' times used to make every file be read again (67 s
    instead of 0.7 s for 298 files), though the cache is keyed by content."""
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=0, cache_dir=cache)
    first = run(raw, tmp_path / "out", options)
    files = sorted(p for p in raw.rglob("*") if p.is_file())
    for path in files:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 3_600_000_000_000))
    second = run(raw, tmp_path / "out", options)
    assert second.reused == len(files) == 3
    assert second.tables_reused and second.rows == first.rows  # "nothing changed": the tables are kept
    index = json.loads(next(cache.glob("index-*.json")).read_text(encoding="utf-8"))["paths"]
    assert {rel: entry[1] for rel, entry in index.items()} == \
        {p.relative_to(raw).as_posix(): p.stat().st_mtime_ns for p in files}


def test_a_moved_file_is_found_by_content_and_a_changed_one_of_the_same_size_is_read(tmp_path):
    raw, cache = _archive(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=0, cache_dir=cache)
    run(raw, tmp_path / "out", options)
    (raw / "2019").mkdir()
    shutil.move(raw / "2018" / "b.docx", raw / "2019" / "b-presunuty.docx")
    text = (raw / "c.txt").read_text(encoding="utf-8")
    (raw / "c.txt").write_text(text.replace("Karel", "Pavel"), encoding="utf-8")  # same size, other bytes
    second = run(raw, tmp_path / "out", options)
    assert second.reused == 2  # a.docx and the moved b; c.txt was read again
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    assert sorted(docs.index) == ["2019/b-presunuty.docx", "a.docx", "c.txt"]
    assert docs.loc["c.txt", "doc_id"] == doc_id_of((raw / "c.txt").read_bytes())
    attendees = pd.read_parquet(tmp_path / "out" / "attendees.parquet")
    c_names = set(attendees[attendees.doc_id == docs.loc["c.txt", "doc_id"]].name)
    assert any("Pavel" in n for n in c_names) and not any("Karel" in n for n in c_names)
