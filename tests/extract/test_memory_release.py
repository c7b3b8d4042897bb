"""Issue 14 (speed): a document's annotations are freed when its extraction ends, not by the
garbage collector. The analyses in `Annotated.memo` and the relations' own objects held the
annotated document in reference cycles, so every bench file's Docs waited for the collector,
which walked them again and again (6-8 ms per file). Deterministic checks, no timing."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline.extract import extract_document
from pipeline.extract.model import Annotated, BlockView
from pipeline.ingest import read, sniff
from pipeline.runner import GC_YOUNG_THRESHOLD
from tests.conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "dev_sets" / "dev3" / "raw"


def _views(path: Path) -> list[BlockView]:
    data = path.read_bytes()
    blocks = read(data, sniff(data, path.suffix.lstrip("."))).blocks
    return [BlockView(block_id=i, kind=b.kind, text=b.text, level=b.level, page=b.page, label=b.label,
                      region=b.region, table_id=b.table_id, row=b.row, col=b.col) for i, b in enumerate(blocks)]


@pytest.mark.parametrize("name", ["Zapis_PS_Seniori_20240313.docx", "bystricko_kpss_zapis_2024_04.html"])
def test_extracting_a_real_file_leaves_no_annotations_to_the_collector(name: str) -> None:
    views = _views(REAL / name)
    extract_document(views)  # the first run loads lexicons and fills caches that live on
    flags, enabled = gc.get_debug(), gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds unreachable is kept in gc.garbage
    try:
        result = extract_document(views)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if isinstance(o, (Doc, Annotated))]
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert any(result.tables.values())  # a real extraction ran
    assert left == []


def test_a_worker_runs_the_young_generation_collector_less_often() -> None:
    script = "import gc; from pipeline.runner import warm_up; warm_up(); print(gc.get_threshold()[0])"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert int(out.stdout.split()[-1]) == GC_YOUNG_THRESHOLD > 700
