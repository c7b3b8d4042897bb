"""The real-style gate: the 21 documents of ../shared/corpus/realstyle (each modelled on a real
public minutes or plan) keep the F1 per table pinned in tests/eval_floors.toml [realstyle], so a
rule written for invented minutes cannot silently lose what works on real ones."""

from __future__ import annotations

import tomllib

import pytest

from pipeline.evaluate import evaluate
from pipeline.runner import RunOptions, run
from tests.conftest import ROOT, SHARED, need

REALSTYLE = SHARED / "corpus" / "realstyle"
FLOORS = tomllib.loads((ROOT / "tests" / "eval_floors.toml").read_text(encoding="utf-8"))["realstyle"]


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, float]:
    out = tmp_path_factory.mktemp("realstyle")
    run(need(REALSTYLE / "raw"), out, RunOptions(workers=0))
    return {table: score.f1 for table, score in evaluate(need(REALSTYLE / "gold"), out).scores.items()}


def test_every_table_has_a_floor(scores):
    assert sorted(FLOORS) == sorted(scores)


@pytest.mark.parametrize("table", sorted(FLOORS))
def test_f1_at_or_above_floor(scores, table):
    assert scores[table] >= FLOORS[table], f"realstyle {table}: F1 {scores[table]:.3f} fell below {FLOORS[table]}"
