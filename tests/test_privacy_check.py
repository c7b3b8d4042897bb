"""Acceptance of --pseudonymise (issue #12): over whole archives, no name the clear run
recognised and not the key is left in any file under OUT (tables, kept runs, run.json,
DuckDB, CSV, report). The search is tests/privacy_check.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import database, export_csv, report
from pipeline.runner import RunOptions, run
from tests import privacy_check
from tests.conftest import CORPUS_RAW, ROOT, SHARED, need

KEY = "Klic-Kraje-0815-tajny"
SLOW = pytest.mark.skipif(not os.environ.get("KPSS_SLOW"), reason="slow: set KPSS_SLOW=1 to run")
ARCHIVES = [
    pytest.param(ROOT / "data" / "raw", id="dev-archive"),
    pytest.param(CORPUS_RAW, id="sample"),
    pytest.param(SHARED / "corpus" / "realstyle" / "raw", id="realstyle"),
    *(pytest.param(path, id=path.parent.name, marks=SLOW)
      for path in sorted([*ROOT.glob("tests/fixtures/dev_sets/*/raw"), *ROOT.glob("tests/fixtures/heldout/*/raw")])),
]


def pseudonymised(raw: Path, base: Path) -> tuple[Path, Path]:
    """A clear run, then the pseudonymised run through the real CLI with the key on its command
    line, run twice (so a kept run is there too), and its DuckDB file, CSVs and report."""
    clear, hidden, cache = base / "clear", base / "hidden", base / "cache"
    run(raw, clear, RunOptions(workers=0, cache_dir=cache))
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(raw), str(hidden), "--workers", "0",
                               "--no-progress", "--cache-dir", str(cache), "--pseudonymise", "--pseudonym-key", KEY],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr[-2000:]
    database.build(hidden)
    export_csv.export(hidden)
    report.build(hidden)
    return clear, hidden


@pytest.mark.parametrize("raw", ARCHIVES)
def test_no_recognised_name_and_no_key_in_any_file_of_a_pseudonymised_out(raw, tmp_path):
    clear, hidden = pseudonymised(need(raw), tmp_path)
    names = privacy_check.recognised_names(clear)
    assert names, "the clear run recognised nobody: nothing was checked"
    assert len(list((hidden / ".kpss" / "runs").iterdir())) == 2
    found = privacy_check.search(hidden, names, KEY.encode())
    assert found.files > 20
    assert (found.occurrences, found.key_in) == (0, []), found.summary()
    assert privacy_check.search(clear, names).occurrences > 0  # the same search finds them in the clear run


def test_the_script_prints_figures_and_fails_on_a_clear_out(tmp_path, capsys):
    """`python -m tests.privacy_check CLEAR OUT` gives the figures and exits 1 when names are left."""
    raw = need(CORPUS_RAW)
    clear = tmp_path / "clear"
    run(raw, clear, RunOptions(workers=0, cache_dir=tmp_path / "cache"))
    assert privacy_check.main([str(clear), str(clear)]) == 1
    printed = capsys.readouterr().out
    assert "names searched" in printed and " 0 occurrences" not in printed
    names = privacy_check.recognised_names(clear)
    assert not [n for n in names if n in printed]  # figures, never names
