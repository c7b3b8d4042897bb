"""Review report: static HTML pages where an analyst checks every extracted row
against the text it came from, and sees what the run could not read.

`build(out)` reads a finished run's Parquet tables (and run.json) in OUT and writes
OUT/report/index.html (the run in numbers, failed and partial files, charts, the
list of documents) and OUT/report/doc/<doc_id>.html per document: its blocks in
order with every extracted value highlighted at its provenance span, coloured by
table, and a side panel of the rows that scrolls to their spans. No server, no CDN:
plain HTML and CSS, a little vanilla JavaScript, inline SVG charts. Every text
from a document is HTML-escaped (Jinja2 autoescaping).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline.report import summary
from pipeline.report.highlight import Span, segments
from pipeline.report.rows import ROW_FIELDS, TABLE_TITLES, rows_of
from pipeline.tables import finished_run, read_frame

ASSETS = Path(__file__).with_name("assets")


def build(out: Path, dest: Path | None = None) -> Path:
    """Write the report for the run whose tables are in `out`; returns index.html's path."""
    dest = dest or out / "report"
    source, manifest = finished_run(out)  # every table and run.json from the run OUT points at now
    tables = {name: read_frame(source, name) for name in ("documents", "blocks", *ROW_FIELDS)}
    env = Environment(loader=PackageLoader("pipeline.report"), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True)
    (dest / "doc").mkdir(parents=True, exist_ok=True)
    for asset in ASSETS.iterdir():
        shutil.copyfile(asset, dest / asset.name)
    documents = tables["documents"].sort_values("source_path", kind="stable")
    counts = {t: tables[t].groupby("doc_id").size().to_dict() if not tables[t].empty else {} for t in ROW_FIELDS}
    blocks_by_doc = {doc_id: part for doc_id, part in tables["blocks"].groupby("doc_id", sort=False)} \
        if not tables["blocks"].empty else {}
    input_root = manifest.get("input_root")
    used_copy = {d["meeting_id"]: d["source_path"] for d in documents.to_dict("records")
                 if d.get("meeting_copy_used")} if "meeting_copy_used" in documents else {}
    page = env.get_template("document.html.j2")
    for doc in map(_clean, documents.to_dict("records")):
        if doc.get("duplicate_of"):
            continue  # its rows are under the file it duplicates
        rows = rows_of(tables, doc["doc_id"])
        blocks = _blocks(blocks_by_doc.get(doc["doc_id"]), rows)
        (dest / "doc" / f"{doc['doc_id']}.html").write_text(page.render(
            doc=doc, blocks=blocks, rows=rows, titles=TABLE_TITLES,
            source=_source_link(input_root, doc["source_path"], dest / "doc")), encoding="utf-8")
    index = dest / "index.html"
    index.write_text(env.get_template("index.html.j2").render(
        manifest=manifest, archive=_archive_name(manifest), run_date=(manifest.get("started_at") or "")[:10],
        used_copy=used_copy,
        statuses=summary.status_by_format(tables["documents"]),
        rows_per_table={t: len(tables[t]) for t in ("documents", "blocks", *ROW_FIELDS)},
        problems=[_clean(d) for d in documents.to_dict("records") if d["status"] != "ok"],
        documents=[_clean(d) for d in documents.to_dict("records")],
        counts=counts, titles=TABLE_TITLES,
        charts={
            "Capacity statements by service type and unit": summary.capacity_by_service(
                summary.of_used_copies(tables["capacity_changes"], tables["documents"])),
            "Capacity statements by planning area and year": summary.capacity_by_year_and_area(
                summary.of_used_copies(tables["capacity_changes"], tables["documents"]), tables["documents"]),
            "Organisations with the most responsibilities": summary.responsibilities(
                summary.of_used_copies(tables["organisations"], tables["documents"])),
            "Meetings per working group and year": summary.meetings_per_group(tables["documents"]),
        }), encoding="utf-8")
    return index


def _blocks(frame: pd.DataFrame | None, rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The document's blocks in order, each cut into highlighted segments."""
    if frame is None:
        return []
    spans: dict[int, list[Span]] = {}
    for records in rows.values():
        for r in records:
            spans.setdefault(int(r["block_id"]), []).append(Span(int(r["char_start"]), int(r["char_end"]), r["_key"]))
    out = []
    for block in frame.sort_values("block_id").to_dict("records"):
        block = _clean(block)
        block["segments"] = segments(block["text"], spans.get(int(block["block_id"]), []))
        out.append(block)
    return out


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """NaN and NaT as None, so templates can test for missing values."""
    return {k: (None if not isinstance(v, (list, dict, str)) and pd.isna(v) else v) for k, v in record.items()}


def _archive_name(manifest: dict[str, Any]) -> str:
    """The input folder's own name ("minutes_2024"), which names the archive for a reader."""
    return Path(manifest["input_root"]).name if manifest.get("input_root") else "KPSS archive"


def _source_link(input_root: str | None, source_path: str, page_dir: Path) -> str | None:
    """The source file as a link relative to the page that shows it, so that the report
    still opens its sources after OUT and RAW are moved together (keeping their places)."""
    if not input_root:
        return None
    relative = os.path.relpath(Path(input_root) / source_path, page_dir.resolve())
    return quote(Path(relative).as_posix())


__all__ = ["build"]
