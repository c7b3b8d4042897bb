"""Issue 14 (speed), checked by what is done, never by timing:

- a document's annotations are freed when its extraction ends, not by the garbage collector (the
  analyses in `Annotated.memo` and the relations' own objects held the annotated document in
  reference cycles, so every bench file's Docs waited for the collector, which walked them again
  and again: 6-8 ms per file);
- the text-table reader cuts into lines only the blocks that hold a tab (it split every
  paragraph of the document, once per table reader)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline.extract import extract_document, grids
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


def test_text_tables_read_only_the_lines_of_blocks_with_a_tab(monkeypatch) -> None:
    items = [BlockView(0, "paragraph", "Jméno\tObec"), BlockView(1, "paragraph", "Alena Vrbová\tLhota"),
             BlockView(2, "paragraph", " \n "),  # blank: the table goes on
             BlockView(3, "paragraph", "Karel Sýkora\tVes"),
             BlockView(4, "paragraph", "Konec zápisu.\nPodepsáno."),  # text without a tab ends the table
             BlockView(5, "paragraph", "Hana Malá\tBor"),
             BlockView(6, "paragraph", "Jméno\tObec\nIva Nová\tLhota")]
    read: list[int] = []
    split = grids.lines

    def spy(block: BlockView):  # type: ignore[no-untyped-def]
        read.append(block.block_id)
        return split(block)

    monkeypatch.setattr(grids, "lines", spy)
    found = grids.text_grids(items, lambda header: header[0].text == "Jméno")
    assert [[[c.text for c in row.values()] for row in grid.rows.values()] for grid in found] == [
        [["Jméno", "Obec"], ["Alena Vrbová", "Lhota"], ["Karel Sýkora", "Ves"]], [["Jméno", "Obec"], ["Iva Nová", "Lhota"]]]
    assert read == [0, 1, 3, 5, 6]
