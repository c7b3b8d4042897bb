"""LibreOffice dies with the worker that started it and leaves no profile folder (issue #13
point 17): it runs in its own session, so a SIGKILL of the worker used to leave it running
and its profile in the temporary folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest.office import find_soffice
from tests.conftest import PEERS, ROOT, need

pytestmark = pytest.mark.skipif(find_soffice() is None,
                                reason="LibreOffice is not installed (make setup-system installs it)")

WAIT = 120.0  # seconds at most for a process or a folder to appear or go (a bound, not a measurement)


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KPSS_SOFFICE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["TMPDIR"] = str(tmp)  # the run's temporary folder: only this test's conversions are in it
    return env


def _naming(folder: Path) -> list[int]:
    """Live processes whose command line names `folder` (LibreOffice, its guard)."""
    needle = os.fsencode(str(folder))
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _until(condition, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"not within {WAIT:g} s: {what}")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_a_killed_worker_takes_libreoffice_and_its_profile_with_it(tmp_path):
    raw, tmp = tmp_path / "raw", tmp_path / "tmp"
    raw.mkdir()
    tmp.mkdir()
    shutil.copy(need(PEERS / "docling" / "legacy_sample.doc"), raw / "stary.doc")
    cli = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(raw), str(tmp_path / "out"),
                            "--no-cache", "--workers", "1", "--no-progress"], env=_env(tmp),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        folder, leader = _until(lambda: next(((p, pid) for p in tmp.glob("kpss-soffice-*")
                                              if (pid := _libreoffice(p))), None), "LibreOffice converting the file")
        os.kill(_parent(leader), signal.SIGKILL)  # the worker that started LibreOffice
        stdout, stderr = cli.communicate(timeout=600)
    finally:
        if cli.poll() is None:
            cli.kill()
    assert cli.returncode == 0, stderr
    error = pd.read_parquet(tmp_path / "out" / "documents.parquet").error[0]
    assert "reader process died" in error
    _until(lambda: not _naming(folder) and not folder.exists(), "LibreOffice stopped and its folder removed")
    assert not list(tmp.glob("kpss-soffice-*"))


def _libreoffice(folder: Path) -> int | None:
    """The first LibreOffice process converting in `folder` (the one the worker started)."""
    for pid in _naming(folder):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if (b"soffice" in command or b"oosplash" in command) and _parent(pid) not in _naming(folder):
            return pid
    return None


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_the_next_conversion_removes_folders_of_dead_owners_and_what_still_runs_from_them(tmp_path):
    """When the guard was killed too (the whole tree killed at once), the next run cleans up."""
    raw, tmp = tmp_path / "raw", tmp_path / "tmp"
    raw.mkdir()
    tmp.mkdir()
    shutil.copy(need(PEERS / "docling" / "legacy_sample.doc"), raw / "stary.doc")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no process has now
    stale = tmp / f"kpss-soffice-{gone.pid}-abcd1234"
    (stale / "profile" / "user").mkdir(parents=True)
    (stale / "input.doc").write_bytes(b"x")
    leftover = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", (stale / "profile").as_uri()],
                                start_new_session=True)
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(raw), str(tmp_path / "out"),
                               "--no-cache", "--workers", "0", "--no-progress"], env=_env(tmp),
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert leftover.wait(timeout=WAIT) == -signal.SIGKILL
    finally:
        if leftover.poll() is None:
            leftover.kill()
    assert not stale.exists() and not list(tmp.glob("kpss-soffice-*"))
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet").status[0] == "ok"
