"""The development sets' gate: each invented set under tests/fixtures/dev_sets (minutes the
rules were improved on, written by people who never saw the extractors) keeps the F1 per
table pinned in tests/eval_floors.toml [dev_sets.<set>], so a rule that helps one layout
cannot silently break another. The held-out sets have no floors: they only measure."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.runner import RunOptions, run
from tests.conftest import ROOT

SETS = ROOT / "tests" / "fixtures" / "dev_sets"
FLOORS = tomllib.loads((ROOT / "tests" / "eval_floors.toml").read_text(encoding="utf-8")).get("dev_sets", {})


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in FLOORS:
        target = tmp_path_factory.mktemp(name)
        run(SETS / name / "raw", target, RunOptions(workers=0))
        report = evaluate(SETS / name / "gold", target)
        out[name] = {table: score.f1 for table, score in report.scores.items()}
    return out


def test_every_development_set_has_floors():
    assert sorted(FLOORS) == sorted(p.name for p in SETS.iterdir() if (p / "gold").is_dir())


@pytest.mark.parametrize("name, table", [(name, table) for name, tables in FLOORS.items() for table in tables])
def test_f1_at_or_above_floor(scores, name, table):
    f1 = scores[name][table]
    assert f1 >= FLOORS[name][table], f"{name} {table}: F1 {f1:.3f} fell below {FLOORS[name][table]}"
