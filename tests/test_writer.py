"""Typed, sorted, set-atomic table writes."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import writer
from pipeline.schemas import SCHEMAS, TABLES
from pipeline.writer import SchemaError, to_table, write_run


def _doc(**kw):
    row = {"doc_id": "abc", "source_path": "a.docx", "source_format": "docx", "status": "ok",
           "pipeline_version": "0", "meeting_date": dt.date(2017, 8, 30)}
    row.update(kw)
    return row


def _manifest(run_id):
    return {"run_id": run_id, "started_at": "t"}


class _Fragment:
    def __init__(self, blocks=(), **rows):
        self.blocks, self.rows = list(blocks), rows


def write(tmp_path, documents, run_id, fragments=()):
    return write_run(documents, list(fragments), tmp_path, _manifest(run_id))


def test_declared_schema_descriptions_enums_and_contract_version(tmp_path):
    write(tmp_path, [_doc()], "r1")
    docs = pq.read_table(tmp_path / "documents.parquet")
    assert docs.schema.equals(SCHEMAS["documents"], check_metadata=True)
    assert docs.schema.metadata[b"contract_version"] == b"1.1"
    assert docs.schema.field("status").type == pa.dictionary(pa.int8(), pa.string())
    assert b"description" in docs.schema.field("meeting_date").metadata
    assert docs.column("meeting_date").to_pylist() == [dt.date(2017, 8, 30)]
    assert pq.read_table(tmp_path / "goals.parquet").num_rows == 0
    assert json.loads((tmp_path / "run.json").read_text())["rows"]["documents"] == 1


def test_rows_are_sorted_by_declared_keys():
    rows = [{"doc_id": d, "block_id": b, "char_start": c, "char_end": c + 1, "goal_no": None, "title": "x"}
            for d, b, c in [("b", 1, 0), ("a", 5, 3), ("a", 5, 1), ("a", 2, 9)]]
    table = to_table("goals", rows)
    assert list(zip(table.column("doc_id").to_pylist(), table.column("block_id").to_pylist(),
                    table.column("char_start").to_pylist())) == [("a", 2, 9), ("a", 5, 1), ("a", 5, 3), ("b", 1, 0)]
    assert TABLES["goals"].sort_by[:3] == ("doc_id", "block_id", "char_start")


def test_wrong_type_names_table_column_and_document():
    with pytest.raises(SchemaError, match=r"table documents, column meeting_date, document abc"):
        to_table("documents", [_doc(meeting_date="30. 8. 2017")])


def test_null_key_is_refused():
    with pytest.raises(SchemaError, match="column source_path.*null"):
        to_table("documents", [_doc(source_path=None)])


def test_new_run_replaces_the_set_and_old_runs_are_pruned(tmp_path):
    for i in range(4):
        write(tmp_path, [_doc(doc_id=f"d{i}")], f"r{i}")
    assert pq.read_table(tmp_path / "documents.parquet").column("doc_id").to_pylist() == ["d3"]
    assert sorted(p.name for p in (tmp_path / ".kpss" / "runs").iterdir()) == ["r2", "r3"]


def test_failed_run_leaves_previous_set_intact(tmp_path, monkeypatch):
    write(tmp_path, [_doc()], "r1")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")}
    calls = []

    def explode(stream, count):
        calls.append(stream.path)
        raise KeyboardInterrupt  # stopped while the new set is being written

    monkeypatch.setattr(writer._StreamingTable, "_flush", explode)
    with pytest.raises(KeyboardInterrupt):
        write(tmp_path, [_doc(doc_id="new")], "r2", [_Fragment(blocks=[
            {"doc_id": "new", "block_id": 0, "kind": "paragraph", "text": "x"}])])
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")} == before


def test_streamed_tables_are_split_into_row_groups_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "ROW_GROUP_ROWS", 3)
    fragments = [_Fragment(blocks=[{"doc_id": d, "block_id": i, "kind": "paragraph", "text": f"{d}{i}"}
                                   for i in (1, 0)]) for d in ("a", "b", "c")]
    write(tmp_path, [_doc(doc_id=d, source_path=f"{d}.docx") for d in "cab"], "r1", fragments)
    blocks = pq.ParquetFile(tmp_path / "blocks.parquet")
    assert blocks.metadata.num_row_groups == 2
    assert blocks.read().column("text").to_pylist() == ["a0", "a1", "b0", "b1", "c0", "c1"]
    assert pq.read_table(tmp_path / "documents.parquet").column("doc_id").to_pylist() == ["a", "b", "c"]


@pytest.mark.parametrize("chunk_rows", [1, 2, 5, 100])
def test_rows_wait_as_arrow_chunks_and_make_full_row_groups(tmp_path, monkeypatch, chunk_rows):
    """Whatever the chunk size, row groups are full (ROW_GROUP_ROWS) but the last, and rows keep their order."""
    monkeypatch.setattr(writer, "ROW_GROUP_ROWS", 4)
    monkeypatch.setattr(writer, "CHUNK_ROWS", chunk_rows)
    docs = [f"d{k}" for k in range(5)]
    fragments = [_Fragment(blocks=[{"doc_id": d, "block_id": i, "kind": "paragraph", "text": f"{d}-{i}"}
                                   for i in (2, 0, 1)]) for d in docs]
    write(tmp_path, [_doc(doc_id=d, source_path=f"{d}.docx") for d in docs], "r1", fragments)
    blocks = pq.ParquetFile(tmp_path / "blocks.parquet")
    sizes = [blocks.metadata.row_group(g).num_rows for g in range(blocks.metadata.num_row_groups)]
    assert sizes == [4, 4, 4, 3]
    assert blocks.read().column("text").to_pylist() == [f"{d}-{i}" for d in docs for i in (0, 1, 2)]


def test_row_groups_are_also_cut_by_bytes(tmp_path, monkeypatch):
    """With a tiny byte budget every chunk becomes its own row group, rows still in order."""
    monkeypatch.setattr(writer, "ROW_GROUP_BYTES", 1)
    monkeypatch.setattr(writer, "CHUNK_ROWS", 3)
    docs = [f"d{k}" for k in range(4)]
    fragments = [_Fragment(blocks=[{"doc_id": d, "block_id": i, "kind": "paragraph", "text": f"{d}-{i}"}
                                   for i in (2, 0, 1)]) for d in docs]
    write(tmp_path, [_doc(doc_id=d, source_path=f"{d}.docx") for d in docs], "r1", fragments)
    blocks = pq.ParquetFile(tmp_path / "blocks.parquet")
    assert [blocks.metadata.row_group(g).num_rows for g in range(blocks.metadata.num_row_groups)] == [3, 3, 3, 3]
    assert blocks.read().column("text").to_pylist() == [f"{d}-{i}" for d in docs for i in (0, 1, 2)]
