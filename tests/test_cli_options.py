"""Issue 13, point 15: `kpss extract` refuses options it cannot honour, names an unreachable
Dask scheduler as such, and a Dask run prints the summary a local run prints, nothing else.

The CLI runs as the user runs it (`python -m pipeline extract ...` in a child process), so
what is checked is what lands on the terminal."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MINUTES = ("Zápis z jednání pracovní skupiny Senioři\nDatum jednání: 12. 4. 2023\n"
           "Přítomni: Jana Nováková, Petr Dvořák\nProgram:\n1. Zahájení\n2. Kapacity služeb\n"
           "Charita Kolín navýší kapacitu pečovatelské služby o 0,5 úvazku.\n")


def _extract(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "extract", *args, "--no-progress"], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "zapis_seniori.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "zapis_rodiny.txt").write_text(MINUTES.replace("Senioři", "Rodiny s dětmi"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("option", "value", "why"), [
    ("--file-timeout", "-5", "not in the range x>=0"),
    ("--file-timeout", "nan", "not a finite number"),
    ("--max-file-mb", "0", "not in the range x>0"),
    ("--max-file-mb", "-1", "not in the range x>0"),
    ("--max-file-mb", "inf", "not a finite number"),
])
def test_impossible_limits_are_refused_before_anything_is_read(raw: Path, tmp_path: Path, option: str, value: str,
                                                              why: str) -> None:
    done = _extract(str(raw), str(tmp_path / "out"), option, value, "--no-cache")
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"Invalid value for '{option}'" in done.stderr and why in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_scheduler_without_the_dask_executor_is_refused(raw: Path, tmp_path: Path) -> None:
    done = _extract(str(raw), str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786", "--no-cache")
    assert done.returncode == 2
    assert "--scheduler tcp://127.0.0.1:8786 is only used with --executor dask" in done.stderr
    assert not (tmp_path / "out").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_unreachable_scheduler_is_reported_as_such(raw: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    done = _extract(str(raw), str(tmp_path / "out"), "--executor", "dask", "--scheduler", address, "--no-cache",
                    env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 1
    assert f"error: cannot connect to the Dask scheduler at {address}" in done.stderr
    assert "check that the scheduler runs" in done.stderr
    assert "cannot write the tables" not in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "out").glob("*.parquet"))


def _summary(output: str) -> list[str]:
    """The printed summary without what differs between two runs: seconds and the OUT folder."""
    out = re.sub(r"\d+(?:\.\d+)? s\b", "N s", output)
    return [re.sub(r"tables in \S+:", "tables in OUT:", line) for line in out.splitlines()]


def test_a_dask_run_prints_what_a_local_run_prints(raw: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    local = _extract(str(raw), str(tmp_path / "local"), "--workers", "1", "--no-cache")
    dask = _extract(str(raw), str(tmp_path / "dask"), "--workers", "1", "--executor", "dask", "--no-cache")
    assert local.returncode == dask.returncode == 0, dask.stderr
    assert dask.stderr == "", dask.stderr  # no cluster log, no traceback, no killed worker
    assert _summary(dask.stdout) == _summary(local.stdout)
    assert "2 files in" in dask.stdout
