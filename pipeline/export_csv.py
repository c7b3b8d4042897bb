"""`make csv`: every table as a CSV that Czech Excel opens right by double-click.

UTF-8 with a BOM (so Excel detects the encoding), `;` as the separator and a
decimal comma (Czech locale), ISO dates, in OUT/csv/<table>.csv, with
OUT/csv/run.json naming the run the files were made from. Integer columns stay
integers (no `1,0`: types from the tables' schemas); booleans are the words
Czech Excel reads (PRAVDA/NEPRAVDA); a text Excel would turn into a number or
a date (an IČO with leading zeros, item numbers like 1.2) or take for a formula
("- item") is written as ="01234567", which Excel shows as that text
(configs/excel.toml).

The files are written into a temporary folder that replaces csv/ at the end:
a failed export leaves the previous csv/ (or none) and no partial folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.config import load
from pipeline.schemas import TABLE_NAMES
from pipeline.tables import finished_run, read_frame

CSV_DIR = "csv"


def export(out_dir: Path) -> dict[str, int]:
    """Write OUT/csv/<table>.csv for every table and csv/run.json; returns rows per table.

    Raises MissingTables (a one-line message) when OUT holds no tables."""
    source, manifest = finished_run(out_dir)
    target = out_dir / CSV_DIR
    tmp = out_dir / f".{CSV_DIR}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        counts = {}
        for table in TABLE_NAMES:
            frame = for_excel(read_frame(source, table))
            frame.to_csv(tmp / f"{table}.csv", sep=";", decimal=",", index=False, encoding="utf-8-sig",
                         lineterminator="\r\n")
            counts[table] = len(frame)
        info = {"run_id": manifest.get("run_id"), "started_at": manifest.get("started_at"), "rows": counts}
        (tmp / "run.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return counts


def for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with booleans as Czech words and number-like texts protected as ="text"."""
    words = load("excel")["booleans"]
    frame = frame.copy()
    for column in frame.columns:
        dtype = frame[column].dtype
        if isinstance(dtype, pd.BooleanDtype):
            frame[column] = frame[column].map({True: words["true"], False: words["false"]}, na_action="ignore")
        elif pd.api.types.is_string_dtype(dtype):  # text (dates are objects too: left as they are)
            frame[column] = frame[column].map(_excel_text, na_action="ignore")
    return frame


def _excel_text(value: Any) -> Any:
    """="value" for a text Excel would otherwise change; any other value as it is."""
    rule = _text_rule()
    if not isinstance(value, str) or not (rule.numeric.match(value) or value.startswith(rule.formula_start)):
        return value
    step = rule.part_length
    formula = "=" + "&".join('"' + value[i:i + step].replace('"', '""') + '"' for i in range(0, len(value), step))
    return formula if len(formula) <= rule.formula_length else value


@dataclass(frozen=True)
class _TextRule:
    numeric: re.Pattern[str]
    formula_start: tuple[str, ...]
    part_length: int
    formula_length: int


@lru_cache(maxsize=1)
def _text_rule() -> _TextRule:
    rule = load("excel")["text"]
    return _TextRule(re.compile(rule["looks_numeric"]), tuple(rule["formula_start"]), int(rule["part_length"]),
                     int(rule["formula_length"]))


def _swap(tmp: Path, target: Path) -> None:
    """Put the finished folder in place of the old one (the old one removed after)."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.is_dir() and not target.is_symlink():
        target.rename(old)
    elif target.exists() or target.is_symlink():
        target.unlink()
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
