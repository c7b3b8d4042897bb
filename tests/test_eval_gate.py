"""The evaluation gate (as trafilatura does it): extraction quality on the dev
archive may not drop below the floors pinned in tests/eval_floors.toml, the
project's scorer agrees with the shared one, and every row's provenance holds."""

from __future__ import annotations

import importlib.util
import subprocess
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluate import evaluate, fold
from pipeline.runner import run
from tests.conftest import CORPUS_RAW, GOLD, ROOT, SHARED, need

FLOORS = ROOT / "tests" / "eval_floors.toml"
SHARED_SCORER = SHARED / "tools" / "score.py"
# The column whose value the provenance span must contain, per table.
VALUE_COLUMN = {"attendees": "name", "agenda_items": "title", "goals": "title", "measures": "title",
                "activities": "title", "organisations": "name", "capacity_changes": "raw_text",
                "services": "raw_text"}


@pytest.fixture(scope="module")
def dev_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dev")
    run(need(CORPUS_RAW), out)
    return out


@pytest.fixture(scope="module")
def report(dev_out):
    return evaluate(need(GOLD), dev_out)


def _floors(text: str) -> dict[str, float]:
    return tomllib.loads(text)["f1"]


@pytest.mark.parametrize("table", list(_floors(FLOORS.read_text(encoding="utf-8"))))
def test_f1_at_or_above_floor(report, table):
    floor = _floors(FLOORS.read_text(encoding="utf-8"))[table]
    assert report.scores[table].f1 >= floor, f"{table} F1 {report.scores[table].f1:.3f} fell below {floor}"


def test_project_scorer_agrees_with_shared_scorer(dev_out, report):
    spec = importlib.util.spec_from_file_location("shared_score", need(SHARED_SCORER))
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    theirs = shared.score(GOLD, dev_out)["tables"]
    for table, mine in report.scores.items():
        assert (mine.tp, mine.gold, mine.pred) == (theirs[table]["tp"], theirs[table]["gold"], theirs[table]["pred"]), table


def _span_holds(span: str, value: str) -> bool:
    """The span contains the value; or, for a title continued in the next block, the
    span is the value's beginning; or, for a name brought to the nominative, each
    word of the value starts like a word of the span ("městem Prostějovem")."""
    s, v = fold(span), fold(value)
    if v in s or (len(s) >= 10 and v.startswith(s)):
        return True
    words = s.split()
    return bool(v) and all(any(w[:4] == x[:4] for x in words) for w in v.split())


def test_provenance_spans_contain_their_values(dev_out):
    blocks = pd.read_parquet(dev_out / "blocks.parquet").set_index(["doc_id", "block_id"])["text"]
    checked, bad = 0, []
    for table, column in VALUE_COLUMN.items():
        for row in pd.read_parquet(dev_out / f"{table}.parquet").to_dict("records"):
            text = blocks.loc[(row["doc_id"], row["block_id"])]
            span = text[row["char_start"]:row["char_end"]]
            checked += 1
            if not (0 <= row["char_start"] <= row["char_end"] <= len(text)) or not _span_holds(span, row[column]):
                bad.append((table, row[column], span))
    assert not bad, f"{len(bad)} of {checked} rows do not point at their value: {bad[:5]}"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_floors_are_not_lowered_silently():
    """A commit that lowers any floor must carry `lower-floor: <reason>` in its message."""
    try:
        commits = _git("log", "--format=%H", "--", "tests/eval_floors.toml").split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no git history here")
    offenders = []
    for commit in commits:
        try:
            before = _floors(_git("show", f"{commit}~1:tests/eval_floors.toml"))
        except subprocess.CalledProcessError:
            continue  # the commit that created the file
        after = _floors(_git("show", f"{commit}:tests/eval_floors.toml"))
        lowered = [t for t, v in after.items() if v < before.get(t, 0.0)]
        if lowered and "lower-floor:" not in _git("log", "-1", "--format=%B", commit):
            offenders.append((commit[:10], lowered))
    committed = _floors(_git("show", "HEAD:tests/eval_floors.toml")) if commits else {}
    working = _floors(FLOORS.read_text(encoding="utf-8"))
    uncommitted = [t for t, v in working.items() if v < committed.get(t, 0.0)]
    assert not offenders, f"floors lowered without 'lower-floor: <reason>' in the commit message: {offenders}"
    assert not uncommitted, f"floors lowered in the working tree: {uncommitted}; commit with 'lower-floor: <reason>'"
