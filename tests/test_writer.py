"""Typed, atomic table writes."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from pipeline.schemas import SCHEMAS
from pipeline.writer import SchemaError, to_table, write_table, write_tables


def _doc(**kw):
    row = {"doc_id": "abc", "source_path": "a.docx", "source_format": "docx", "status": "ok",
           "pipeline_version": "0", "meeting_date": dt.date(2017, 8, 30)}
    row.update(kw)
    return row


def test_tables_have_declared_schema_and_contract_version(tmp_path):
    write_tables({"documents": [_doc()], "goals": []}, tmp_path)
    docs = pq.read_table(tmp_path / "documents.parquet")
    assert docs.schema.equals(SCHEMAS["documents"], check_metadata=False)
    assert docs.schema.metadata[b"contract_version"] == b"1.1"
    assert docs.column("meeting_date").to_pylist() == [dt.date(2017, 8, 30)]
    assert pq.read_table(tmp_path / "goals.parquet").num_rows == 0


def test_wrong_type_names_table_column_and_document():
    with pytest.raises(SchemaError, match=r"table documents, column meeting_date, document abc"):
        to_table("documents", [_doc(meeting_date="30. 8. 2017")])


def test_null_key_is_refused():
    with pytest.raises(SchemaError, match="column source_path.*null"):
        to_table("documents", [_doc(source_path=None)])


def test_failed_write_leaves_previous_table_and_no_temp_files(tmp_path, monkeypatch):
    write_table(to_table("documents", [_doc()]), "documents", tmp_path)
    before = (tmp_path / "documents.parquet").read_bytes()

    def explode(*args, **kwargs):
        raise KeyboardInterrupt  # as if the run were stopped mid-write

    monkeypatch.setattr(pq, "write_table", explode)
    with pytest.raises(KeyboardInterrupt):
        write_table(to_table("documents", [_doc(doc_id="new")]), "documents", tmp_path)
    assert (tmp_path / "documents.parquet").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["documents.parquet"]
