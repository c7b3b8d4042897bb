"""A full disk (issue #13 point 8): the error names the place that is full (the cache
folder or OUT) and what to do, and no partial file is left: no `.tmp` in the cache, no
half run folder in OUT, whose last complete run stays readable.

A real full file system: a small tmpfs mounted for the test (needs root or
CAP_SYS_ADMIN, as the tests have here and in CI; skipped with the reason elsewhere),
filled to the last byte. Only the place under test is on it."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.docx_factory import new_document, to_bytes


@pytest.fixture()
def small_disk(tmp_path):
    """A 2 MiB file system of its own; `fill(disk)` takes every byte left on it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs to fill (needs root or CAP_SYS_ADMIN): "
                    + done.stderr.decode(errors="replace").strip())
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    """Write until the file system says it is full, in smaller and smaller pieces."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _archive(tmp_path, n: int) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for i in range(n):
        doc = new_document()
        doc.add_heading(f"Zápis z jednání pracovní skupiny Senioři č. {i}", level=1)
        doc.add_paragraph("Přítomni:\tJana Nováková, Petr Svoboda")
        (raw / f"zapis-{i}.docx").write_bytes(to_bytes(doc))
    return raw


def _extract(raw, out, cache):
    return CliRunner().invoke(main, ["extract", str(raw), str(out), "--cache-dir", str(cache), "--workers", "0",
                                     "--no-progress"])


def test_a_full_cache_folder_is_named_and_leaves_no_tmp_file(tmp_path, small_disk):
    raw, out, cache = _archive(tmp_path, 3), tmp_path / "out", small_disk / "cache"
    cache.mkdir()
    fill(small_disk)
    result = _extract(raw, out, cache)
    assert result.exit_code == 1, result.output
    assert f"the cache folder {cache} is full" in result.output and "--cache-dir" in result.output
    assert "cannot write the tables" not in result.output and "Traceback" not in result.output
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]
    runs = out / ".kpss" / "runs"
    assert not runs.exists() or not any(runs.iterdir())


def test_a_full_out_is_named_leaves_no_run_folder_and_keeps_the_last_complete_run(tmp_path, small_disk):
    raw, out, cache = _archive(tmp_path, 2), small_disk / "out", tmp_path / "cache"
    assert _extract(raw, out, cache).exit_code == 0
    runs = sorted(p.name for p in (out / ".kpss" / "runs").iterdir())
    before = pd.read_parquet(out / "documents.parquet")
    fill(small_disk)
    _archive(tmp_path, 40)  # more files: the tables must be written again, into a full OUT
    result = _extract(raw, out, cache)
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (out / ".kpss" / "runs").iterdir()) == runs  # no half run left
    assert f"the output folder {out} is full (No space left on device)" in result.output
    assert "Traceback" not in result.output
    pd.testing.assert_frame_equal(pd.read_parquet(out / "documents.parquet"), before)
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]
