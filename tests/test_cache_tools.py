"""Results that depend on an external program (LibreOffice, Tesseract) are keyed by its
presence and version, and a result that timed out is never reused (issue #13 point 4):
a file that failed because LibreOffice was missing used to stay failed after the user
installed it, as the error had told them to ("5 unchanged files taken from the cache",
"nothing changed since the last run")."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.ingest import office
from pipeline.ingest.office import find_soffice
from pipeline.ingest.pdf import ocr
from pipeline.runner import RunOptions, run
from tests.conftest import PEERS, ROOT, need

needs_both = pytest.mark.skipif(find_soffice() is None or not ocr.available(),
                                reason="LibreOffice and Tesseract with Czech data are needed "
                                       "(make setup-system installs them)")


@pytest.fixture()
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(need(PEERS / "docling" / "legacy_sample.doc"), folder / "stary.doc")
    shutil.copy(need(PEERS / "docling" / "ocr_test.pdf"), folder / "sken.pdf")
    return folder


def _script(path, body: str):
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _extract(raw, out, cache, soffice: str | None, tesseract: str | None):
    """The real CLI in its own process (as a user runs it), with LibreOffice and Tesseract
    present (None: the installed ones) or not ("none")."""
    env = {k: v for k, v in os.environ.items() if k not in ("KPSS_SOFFICE", "KPSS_TESSERACT")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if soffice:
        env["KPSS_SOFFICE"] = soffice
    if tesseract:
        env["KPSS_TESSERACT"] = tesseract
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(raw), str(out), "--cache-dir",
                           str(cache), "--workers", "0", "--no-progress"], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    return done.stdout, docs


@needs_both
def test_installing_or_changing_libreoffice_or_tesseract_reads_the_files_that_need_them_again(raw, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    other = _script(tmp_path / "soffice-99", 'if [ "$1" = "--version" ]; then echo "LibreOffice 99.1"; exit 0; fi\n'
                                             f'exec {find_soffice()} "$@"\n')
    text, docs = _extract(raw, out, cache, soffice="none", tesseract="none")
    assert "without LibreOffice" in docs.loc["stary.doc", "error"]
    assert "scanned PDF" in docs.loc["sken.pdf", "error"] and docs.loc["sken.pdf", "status"] == "failed"
    # the user installs both, as the errors told them to
    text, docs = _extract(raw, out, cache, soffice=None, tesseract=None)
    assert "0 unchanged files taken from the cache" in text and "nothing changed" not in text
    assert docs.loc["stary.doc", "status"] == "ok"
    assert docs.loc["sken.pdf", "status"] == "partial" and docs.loc["sken.pdf", "ocr_pages"] >= 1
    text, _ = _extract(raw, out, cache, soffice=None, tesseract=None)
    assert "2 unchanged files taken from the cache" in text and "nothing changed" in text
    # Tesseract removed: the scan is read again (and says so); the .doc is not
    text, docs = _extract(raw, out, cache, soffice=None, tesseract="none")
    assert "1 unchanged files taken from the cache" in text
    assert docs.loc["sken.pdf", "status"] == "failed"
    # another LibreOffice version: the .doc is read again; the scan (still without OCR) is not
    text, docs = _extract(raw, out, cache, soffice=str(other), tesseract="none")
    assert "1 unchanged files taken from the cache" in text
    assert docs.loc["stary.doc", "status"] == "ok"


@needs_both
def test_a_libreoffice_or_ocr_timeout_is_not_reused(raw, tmp_path, monkeypatch):
    """A program that ran out of time (a busy machine) is tried again by the next run."""
    slow = tmp_path / "slow"
    slow.touch()
    soffice = _script(tmp_path / "soffice", 'if [ "$1" = "--version" ]; then exec ' + find_soffice() + ' "$@"; fi\n'
                                            f'if [ -e {slow} ]; then exec sleep 120; fi\n'
                                            f'exec {find_soffice()} "$@"\n')
    tesseract = _script(tmp_path / "tesseract", 'case "$1" in --version|--list-langs) exec '
                                                + ocr.tesseract() + ' "$@";; esac\n'
                                                f'if [ -e {slow} ]; then exec sleep 120; fi\n'
                                                f'exec {ocr.tesseract()} "$@"\n')
    monkeypatch.setenv("KPSS_SOFFICE", str(soffice))
    monkeypatch.setenv("KPSS_TESSERACT", str(tesseract))
    ocr.tesseract.cache_clear()
    try:
        monkeypatch.setattr(office, "CONVERT_TIMEOUT", 2.0)
        monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 2.0)
        options = RunOptions(workers=0, cache_dir=tmp_path / "cache")
        run(raw, tmp_path / "out", options)
        docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
        assert "took longer" in docs.loc["stary.doc", "error"]
        assert docs.loc["sken.pdf", "status"] == "failed"
        slow.unlink()
        monkeypatch.undo()  # the usual time limits, the same programs
        monkeypatch.setenv("KPSS_SOFFICE", str(soffice))
        monkeypatch.setenv("KPSS_TESSERACT", str(tesseract))
        again = run(raw, tmp_path / "out", options)
        assert again.reused == 0
        docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
        assert docs.loc["stary.doc", "status"] == "ok" and docs.loc["sken.pdf", "status"] == "partial"
        assert run(raw, tmp_path / "out", options).reused == 2  # results that did not time out are kept
    finally:
        ocr.tesseract.cache_clear()
