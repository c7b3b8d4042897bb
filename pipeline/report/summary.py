"""The index page's figures: the run in numbers and the charts' data, from the tables."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import pandas as pd

from pipeline.report import charts

TOP = 15


def status_by_format(documents: pd.DataFrame) -> list[dict[str, Any]]:
    """Files per source format and status (ok / partial / failed)."""
    out = []
    for fmt, part in sorted(documents.groupby("source_format", observed=True), key=lambda kv: str(kv[0])):
        counts = Counter(part["status"].astype(str))
        out.append({"format": str(fmt), "ok": counts.get("ok", 0), "partial": counts.get("partial", 0),
                    "failed": counts.get("failed", 0), "total": len(part)})
    return out


def of_used_copies(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows read from the copy each meeting is counted by (documents.meeting_copy_used),
    so that the DOCX and the PDF of one meeting do not count twice in a chart."""
    if "meeting_copy_used" not in documents or rows.empty:
        return rows
    used = set(documents.loc[documents["meeting_copy_used"].astype(bool), "doc_id"])
    return rows[rows["doc_id"].isin(used)]


def capacity_by_service(capacity: pd.DataFrame) -> str:
    """How many capacities or changes were stated, per service type and unit (Σ of the deltas in the label)."""
    if capacity.empty:
        return charts.hbar([])
    frame = capacity.assign(service=capacity["service"].fillna("(service not named)"),
                            unit=capacity["unit"].astype(str))
    groups = frame.groupby(["service", "unit"], observed=True)
    items = []
    for (service, unit), part in groups:
        delta = part["delta"].dropna()
        label = f"{service} · {unit}" + (f" (Σ Δ {delta.sum():+g})" if len(delta) else "")
        items.append((label, float(len(part))))
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return charts.hbar(items[:TOP * 2], title="capacity statements by service type and unit")


def capacity_by_year_and_area(capacity: pd.DataFrame, documents: pd.DataFrame) -> str:
    """Capacity statements per planning area (rows) and year of the meeting (columns)."""
    if capacity.empty:
        return charts.grid([], [], {})
    meta = documents[["doc_id", "planning_area", "meeting_date"]].drop_duplicates("doc_id")  # byte copies share it
    frame = capacity.merge(meta, on="doc_id", how="left")
    frame["area"] = frame["planning_area"].fillna("(area not named)")
    years = pd.to_datetime(frame["meeting_date"]).dt.year.map(lambda y: "?" if pd.isna(y) else str(int(y)))
    return _grid(zip(frame["area"], years), "capacity statements by planning area and year")


def _grid(pairs: Iterable[tuple[str, str]], title: str) -> str:
    """A heat grid of counted (row, column) pairs: the TOP rows with the most, columns in order."""
    values = Counter(pairs)
    totals = Counter()
    for (row, _), n in values.items():
        totals[row] += n
    rows = [row for row, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]]
    cols = sorted({col for _, col in values})
    return charts.grid(rows, cols, {k: float(v) for k, v in values.items()}, title=title)


def responsibilities(organisations: pd.DataFrame) -> str:
    """Organisations responsible for the most plan items."""
    if organisations.empty:
        return charts.hbar([])
    responsible = organisations[organisations["role"].astype(str) == "responsible"]
    counts = Counter(responsible["name"])
    return charts.hbar([(name, float(n)) for name, n in counts.most_common(TOP)],
                       title="organisations with the most responsibilities")


def meetings_per_group(documents: pd.DataFrame) -> str:
    """Meetings (with a meeting date) per working group and year: one per meeting, not per
    file, so the DOCX and the PDF of one meeting count once (documents.meeting_copy_used)."""
    if "meeting_copy_used" in documents:  # tables written before meetings were marked have no such column
        documents = documents[documents["meeting_copy_used"].astype(bool)]
    dated = documents[documents["meeting_date"].notna()]
    if dated.empty:
        return charts.grid([], [], {})
    groups = dated["working_group"].fillna("(group not named)")
    years = pd.to_datetime(dated["meeting_date"]).dt.year.astype(int).astype(str)
    return _grid(zip(groups, years), "meetings per working group and year")
