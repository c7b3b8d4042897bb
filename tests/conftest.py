"""Shared test fixtures: where the shared corpus lives, and small helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KPSS_SHARED", ROOT.parent / "shared")).resolve()
CORPUS_RAW = SHARED / "corpus" / "raw"
PEERS = SHARED / "corpus" / "peers"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session", autouse=True)
def _cache_in_a_temporary_folder(tmp_path_factory):
    """The CLI's default cache is the user's cache folder: tests keep theirs in a temporary one."""
    before = os.environ.get("KPSS_CACHE_DIR")
    os.environ["KPSS_CACHE_DIR"] = str(tmp_path_factory.mktemp("kpss-cache"))
    yield
    if before is None:
        os.environ.pop("KPSS_CACHE_DIR", None)
    else:
        os.environ["KPSS_CACHE_DIR"] = before


def need(path: Path) -> Path:
    """Skip (with the reason) when a shared-corpus file is not beside the repo."""
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture()
def no_ocr(monkeypatch):
    """OCR off for this test (as on a machine without Tesseract), whatever is installed."""
    from pipeline.ingest.pdf import ocr

    monkeypatch.setenv("KPSS_TESSERACT", "none")
    ocr.tesseract.cache_clear()
    yield
    monkeypatch.undo()
    ocr.tesseract.cache_clear()
