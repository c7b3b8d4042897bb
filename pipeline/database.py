"""`make db`: a DuckDB database over the Parquet tables, with views for analysts.

The database holds views, not copies: `minutes.duckdb` in OUT reads the
current Parquet files, so it stays right after every run. Paths inside the
views are absolute; run `make db` again after moving the folder.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.schemas import TABLE_NAMES

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
    """(Re)create OUT/minutes.duckdb with a view per table and the analyst views."""
    import duckdb

    db_path = out_dir / DB_NAME
    tmp = db_path.with_name(f".{DB_NAME}.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for table in TABLE_NAMES:
            parquet = (out_dir / f"{table}.parquet").resolve()
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{_quote(parquet)}')")
        for name, sql in ANALYST_VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
    finally:
        con.close()
    tmp.replace(db_path)
    return db_path


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
