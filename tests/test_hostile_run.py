"""Issue #13, acceptance point 2: the hostile run (tools/hostile_run.py) at a tiny scale, so
every change meets FIFOs, bad names, damaged cache entries, concurrent runs, a concurrent
reader and a SIGKILL: 0 hangs, 0 crashed runs, every entry accounted for, 0 internal
errors, tables equal to a clean run's. The default scale (1,000 files) runs with KPSS_SLOW=1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

TOOL = ROOT / "tools" / "hostile_run.py"


def _hostile(tmp_path, *args: str, timeout: float) -> dict:
    figures = tmp_path / "figures.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(TOOL), "--work", str(tmp_path / "work"), "--json", str(figures),
                           *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert figures.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    found = json.loads(figures.read_text(encoding="utf-8"))
    assert proc.returncode == 0, found["failures"]
    return found


def _clean(found: dict) -> None:
    assert found["hangs"] == 0 and found["crashed runs"] == 0 and found["failed checks"] == 0
    assert found["internal error rows"] == 0 and found["entries without a row or skip line"] == 0
    assert found["rows not expected"] == 0 and found["XXE leaks (tables with the secret)"] == 0
    assert found["reader via current_run: reads / corrupt"].endswith(" / 0")
    assert found["final run equal to the clean run"] is True


def test_the_hostile_run_at_a_tiny_scale(tmp_path):
    found = _hostile(tmp_path, "--files", "40", "--peers", "3", "--kills", "1", "--concurrent", "2",
                     "--run-timeout", "300", timeout=900)
    _clean(found)
    assert found["kills: next run identical to a clean one"] == "1 / 1"
    assert found["damaged cache: re-run equal to the clean run"] is True
    kinds = found["made-up kinds"]
    for kind in ("fifo", "socket", "zip bomb", "xxe", "billion laughs", "name not UTF-8", "sparse 2 GB",
                 "60-level tree", "output folder inside RAW", "names shown alike (pair)"):
        assert kinds.get(kind, 0) >= 1, kind
    assert not (tmp_path / "work").exists()  # the work folder is removed, unreadable folders too


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("KPSS_SLOW"), reason="slow: set KPSS_SLOW=1 to run")
def test_the_hostile_run_at_the_default_scale(tmp_path):
    """1,000 made-up files, the peers corpus, 4 concurrent runs, 5 kills."""
    _clean(_hostile(tmp_path, timeout=3 * 3600))
