"""`make db`: a DuckDB database of the tables, with views for analysts.

The database holds a copy of every table (CREATE TABLE ... AS SELECT from the
current run's Parquet files), not views over their paths: BI tools (Metabase,
DBeaver, Power BI through ODBC) open the file from their own working directory
and on other machines, where no Parquet path, absolute or relative, would
resolve. So the file answers wherever it is moved or copied; `kpss extract`
rebuilds it after each run when OUT holds one, and its `run_info` table names
the run it was built from. Built into a temporary file and renamed over the
old one: a failed build leaves the previous database and no temporary file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pipeline.schemas import TABLE_NAMES, TABLES
from pipeline.tables import finished_run

DB_NAME = "minutes.duckdb"

# Views an analyst would otherwise write by hand. Each counts meetings, not files: of the
# copies of one meeting (documents.meeting_id: the same minutes as DOCX and PDF, ...) only
# the copy used (documents.meeting_copy_used) is read, and a column names that copy.
ANALYST_VIEWS = {
    "v_capacity_by_service": """
        -- Capacity changes summed by legal service type, unit, planning area and meeting year,
        -- one copy per meeting; used_copies lists the files the sums come from.
        SELECT c.service,
               c.unit,
               d.planning_area,
               year(d.meeting_date)                                          AS year,
               count(*)                                                      AS statements,
               sum(c.delta) FILTER (WHERE c.change IN ('increase', 'decrease', 'new')) AS total_change,
               sum(c.value_to) FILTER (WHERE c.change = 'set')               AS total_stated,
               count(DISTINCT d.meeting_id)                                  AS meetings,
               string_agg(DISTINCT d.source_path, '; ' ORDER BY d.source_path) AS used_copies
        FROM capacity_changes c JOIN documents d USING (doc_id)
        WHERE d.meeting_copy_used
        GROUP BY ALL
        ORDER BY ALL""",
    "v_responsibilities": """
        -- Each plan item with the organisations responsible for it (one copy per meeting).
        SELECT o.doc_id,
               d.meeting_id,
               d.source_path                       AS used_copy,
               d.working_group,
               d.meeting_date,
               o.item_ref,
               coalesce(a.title, m.title, g.title) AS item_title,
               o.name                              AS organisation
        FROM organisations o
        JOIN documents d USING (doc_id)
        LEFT JOIN activities a ON a.doc_id = o.doc_id AND a.activity_no = o.item_ref
        LEFT JOIN measures m ON m.doc_id = o.doc_id AND m.measure_no = o.item_ref AND a.title IS NULL
        LEFT JOIN goals g ON g.doc_id = o.doc_id AND g.goal_no = o.item_ref AND a.title IS NULL AND m.title IS NULL
        WHERE o.role = 'responsible' AND d.meeting_copy_used
        ORDER BY ALL""",
    "v_attendance": """
        -- Attendance per working group and meeting: one row per meeting, read from the copy
        -- used (doc_id, used_copy); copies counts the files of that meeting.
        WITH copies AS (SELECT meeting_id, count(*) AS copies FROM documents GROUP BY meeting_id)
        SELECT d.working_group,
               d.meeting_date,
               d.meeting_id,
               d.doc_id,
               d.source_path                                                                         AS used_copy,
               any_value(k.copies)                                                                   AS copies,
               count(DISTINCT a.name) FILTER (WHERE a.role IN ('present', 'chair', 'recorder', 'speaker')) AS present,
               count(DISTINCT a.name) FILTER (WHERE a.role = 'excused')                               AS excused,
               count(DISTINCT a.name) FILTER (WHERE a.role = 'absent')                                AS absent,
               count(DISTINCT a.name) FILTER (WHERE a.role = 'guest')                                 AS guests,
               count(DISTINCT a.name) FILTER (WHERE a.role = 'member')                                AS members
        FROM documents d
        JOIN copies k USING (meeting_id)
        LEFT JOIN attendees a USING (doc_id)
        WHERE d.status <> 'failed' AND d.meeting_copy_used
        GROUP BY d.working_group, d.meeting_date, d.meeting_id, d.doc_id, d.source_path
        ORDER BY ALL""",
}


def build(out_dir: Path) -> Path:
    """(Re)create OUT/minutes.duckdb: a table per Parquet table, `run_info`, the analyst views.

    Raises MissingTables (a one-line message) when OUT holds no tables."""
    import duckdb

    source, manifest = finished_run(out_dir)
    db_path = out_dir / DB_NAME
    tmp = db_path.with_name(f".{DB_NAME}.tmp-{os.getpid()}")
    _remove(tmp)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in TABLE_NAMES:
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{_quote(source / f'{table}.parquet')}')")
                _describe(con, table)
            con.execute("CREATE TABLE run_info AS SELECT ? AS run_id, ? AS started_at, ? AS ended_at, "
                        "? AS pipeline_version, ? AS contract_version, ? AS files",
                        [manifest.get(k) for k in RUN_INFO])
            con.execute("COMMENT ON TABLE run_info IS 'The run (OUT/run.json) whose tables this database holds.'")
            for name, sql in ANALYST_VIEWS.items():
                con.execute(f"CREATE VIEW {name} AS {sql}")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        tmp.replace(db_path)
    except BaseException:
        _remove(tmp)
        raise
    return db_path


RUN_INFO = ("run_id", "started_at", "ended_at", "pipeline_version", "contract_version", "files")


def _describe(con: Any, table: str) -> None:
    """The data dictionary's meanings as table and column comments (BI tools show them)."""
    spec = TABLES[table]
    con.execute(f"COMMENT ON TABLE {table} IS '{_quote(spec.description)}'")
    for column in spec.columns:
        con.execute(f'COMMENT ON COLUMN {table}."{column.name}" IS \'{_quote(column.description)}\'')


def _remove(tmp: Path) -> None:
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)


def _quote(text: object) -> str:
    return str(text).replace("'", "''")
