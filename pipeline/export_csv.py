"""`make csv`: every table as a CSV that Czech Excel opens right.

UTF-8 with a BOM (so Excel detects the encoding), `;` as the separator and a
decimal comma (Czech locale), ISO dates, in OUT/csv/<table>.csv.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.schemas import TABLE_NAMES


def export(out_dir: Path) -> dict[str, int]:
    """Write OUT/csv/<table>.csv for every table; returns rows per table."""
    target = out_dir / "csv"
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLE_NAMES:
        frame = pd.read_parquet(out_dir / f"{table}.parquet")
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                frame[column] = frame[column].astype("string")
        tmp = target / f".{table}.csv.tmp"
        frame.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig", date_format="%Y-%m-%d",
                     lineterminator="\r\n")
        tmp.replace(target / f"{table}.csv")
        counts[table] = len(frame)
    return counts
