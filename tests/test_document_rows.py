"""The packed documents rows a run keeps until it writes the tables."""

from __future__ import annotations

import datetime as dt
import pickle

from pipeline.document_rows import DocumentRows, pack, unpack
from pipeline.runner import _process_all


def _row(path: str, doc_id: str, **extra: object) -> dict[str, object]:
    return {"source_path": path, "doc_id": doc_id, "status": "ok", **extra}


def test_a_row_comes_back_exactly_and_smaller():
    row = _row("2024/zapis.docx", "ab12", n_pages=3, meeting_date=dt.date(2024, 3, 5), error=None,
               title="Zápis z jednání pracovní skupiny Senioři", warnings="; ".join(["x"] * 40))
    packed = pack(row)
    assert unpack(packed) == row
    assert type(unpack(packed)["meeting_date"]) is dt.date
    assert len(packed) < len(pickle.dumps(row))


def test_duplicates_point_to_the_first_path_found():
    rows = DocumentRows()
    for path, doc_id in (("b.docx", "x"), ("a.docx", "x"), ("c.pdf", "y")):
        rows.add(_row(path, doc_id))
    rows.mark_duplicates(["b.docx", "a.docx", "c.pdf"])  # the order the files were found in
    assert rows.row("b.docx")["duplicate_of"] is None
    assert rows.row("a.docx")["duplicate_of"] == "b.docx"
    assert rows.distinct_doc_ids() == ["x", "y"]


def test_orders_by_path_and_by_table_keys():
    rows = DocumentRows()
    for path, doc_id in (("b", "2"), ("a", "3"), ("c", "1"), ("a-b", "2")):
        rows.add(_row(path, doc_id))
    rows.mark_duplicates(["a", "a-b", "b", "c"])
    assert [r["source_path"] for r in rows.by_path()] == ["a", "a-b", "b", "c"]
    assert [(r["doc_id"], r["source_path"]) for r in rows.in_table_order()] == \
        [("1", "c"), ("2", "a-b"), ("2", "b"), ("3", "a")]
    assert len(rows) == 4


def test_a_run_keeps_one_packed_row_per_file(tmp_path):
    from pipeline.cache import ResultCache
    from pipeline.runner import RunOptions, RunSummary
    from tests.conftest import CORPUS_RAW, need

    raw = need(CORPUS_RAW)
    summary = RunSummary()
    rows = _process_all(raw, RunOptions(workers=0), ResultCache(tmp_path, raw), summary, None)
    files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    assert len(rows) == len(files) == summary.files
    assert [r["source_path"] for r in rows.by_path()] == sorted(files)
    assert all(isinstance(v, bytes) for v in rows._packed.values())
