"""Issue-4 acceptance: DuckDB views answer real SQL over the dev archive, and
the Excel CSVs hold the same rows as the Parquet tables."""

from __future__ import annotations

import csv

import duckdb
import pandas as pd
import pytest

from pipeline.database import build
from pipeline.export_csv import export
from pipeline.runner import run
from pipeline.schemas import TABLE_NAMES
from tests.conftest import CORPUS_RAW, need


@pytest.fixture(scope="module")
def dev_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("dev")
    run(need(CORPUS_RAW), out)
    return out


@pytest.fixture(scope="module")
def con(dev_out):
    connection = duckdb.connect(str(build(dev_out)), read_only=True)
    yield connection
    connection.close()


def test_every_table_is_a_view_with_all_rows(con, dev_out):
    for table in TABLE_NAMES:
        assert con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0] == len(pd.read_parquet(dev_out / f"{table}.parquet"))


def test_capacity_joined_to_activities_and_goals(con):
    """In the Ostrava minutes (both renderings), the fte changes of activity 1.2.1 and 2.2.1
    lead through their measures to goals 1 and 2."""
    rows = con.sql("""
        SELECT d.source_format, c.item_ref, a.title AS activity, g.goal_no, c.delta
        FROM capacity_changes c
        JOIN documents d USING (doc_id)
        JOIN activities a ON a.doc_id = c.doc_id AND a.activity_no = c.item_ref
        JOIN measures m ON m.doc_id = a.doc_id AND m.measure_no = a.measure_no
        JOIN goals g ON g.doc_id = m.doc_id AND g.goal_no = m.goal_no
        WHERE c.unit = 'fte' AND d.source_path LIKE '003_%'
        ORDER BY ALL""").fetchall()
    got = {(fmt, item, goal) for fmt, item, _, goal, _ in rows}
    assert {("docx", "1.2.1", "1"), ("docx", "2.2.1", "2"), ("pdf", "1.2.1", "1"), ("pdf", "2.2.1", "2")} <= got
    assert any(activity == "Rozvoj sociálního šatníku" for _, _, activity, _, _ in rows)


def test_known_total_of_fte_changes(con):
    """Ostrava DOCX: +0.5 (1.2.1), new 1 (1.2.2), +1, +0.5, +0.5, +1 (2.2.1) = 4.5 FTE."""
    total = con.sql("""
        SELECT sum(delta) FROM capacity_changes JOIN documents USING (doc_id)
        WHERE unit = 'fte' AND source_path = '003_582c2b8463ddf982.docx'""").fetchall()[0][0]
    assert total == pytest.approx(4.5)


def test_analyst_views_answer(con):
    assert con.sql("SELECT count(*) FROM v_capacity_by_service WHERE service = 'chráněné bydlení'").fetchall()[0][0] >= 1
    responsible = con.sql("SELECT DISTINCT item_ref, organisation FROM v_responsibilities "
                          "WHERE item_ref IS NOT NULL ORDER BY ALL").fetchall()
    assert ("1.2.1", "Charita Ostrava") in responsible
    present = con.sql("SELECT max(present) FROM v_attendance WHERE working_group LIKE 'Řídicí%'").fetchall()[0][0]
    assert present == 9


def test_csv_for_czech_excel(dev_out):
    counts = export(dev_out)
    for table in TABLE_NAMES:
        raw = (dev_out / "csv" / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
        with open(dev_out / "csv" / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        assert len(rows) - 1 == counts[table] == len(pd.read_parquet(dev_out / f"{table}.parquet"))
    with open(dev_out / "csv" / "capacity_changes.csv", encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh, delimiter=";"))
    assert "0,5" in {r["delta"] for r in records}  # decimal comma
    with open(dev_out / "csv" / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        dates = {r["meeting_date"] for r in csv.DictReader(fh, delimiter=";")}
    assert "2017-08-30" in dates  # ISO dates
