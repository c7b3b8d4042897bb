"""The one grid model (pipeline/extract/grids.py): cell tables and tab-aligned text tables as
`Grid`s, merged section rows and cells merged downwards, the header a reader accepts, built
once per document — on small hand-made blocks and on a real DOCX file read by the real reader."""

from __future__ import annotations

import dataclasses

from pipeline.extract import annotate
from pipeline.extract.grids import Cell, Grid, Grids, cell_grid, text_grids
from pipeline.extract.layout import grids_of
from pipeline.extract.model import BlockView
from pipeline.ingest import read
from tests.docx_factory import new_document, to_bytes
from tests.extract.blocks import blocks


def _texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for _, cell in sorted(grid.rows[row].items())] for row in grid.order]


def test_a_cell_table_is_a_grid_of_whole_blocks() -> None:
    items = blocks("Úvod", "| Jméno | Obec |", "| Alena Vrbová | Lhota |", "| Karel Sýkora | Ves |")
    grid = grids_of(items).by_table[0]
    assert _texts(grid) == [["Jméno", "Obec"], ["Alena Vrbová", "Lhota"], ["Karel Sýkora", "Ves"]]
    assert [cell.text for cell in grid.header.values()] == ["Jméno", "Obec"]
    assert grid.body == [1, 2]
    assert all(cell.whole_block and isinstance(cell, Cell) for cell in grid.cells())
    assert [cell.text for cell in grid.column(1)] == ["Lhota", "Ves"]
    assert grid.after(grid.cell(1, 0)).text == "Lhota"  # type: ignore[arg-type, union-attr]
    assert [cell.text for cell in grid.below(grid.cell(0, 0))] == ["Alena Vrbová", "Karel Sýkora"]  # type: ignore[arg-type]
    assert [cell.text for cell in grid.below(grid.cell(0, 0), lambda c: c.text.startswith("K"))] == ["Alena Vrbová"]  # type: ignore[arg-type]


def test_a_row_with_one_filled_cell_is_a_section_and_a_missing_cell_was_merged_down() -> None:
    rows = [BlockView(0, "table_cell", "Jméno", table_id=0, row=0, col=0),
            BlockView(1, "table_cell", "Služba", table_id=0, row=0, col=1),
            BlockView(2, "table_cell", "Omluveni", table_id=0, row=1, col=0),  # merged across the row
            BlockView(3, "table_cell", "Hana Dolejší", table_id=0, row=2, col=0),
            BlockView(4, "table_cell", "poradna", table_id=0, row=2, col=1),
            BlockView(5, "table_cell", "Ivo Brabec", table_id=0, row=3, col=0)]  # col 1 merged from above
    grid = cell_grid(rows)
    assert grid.section(1).text == "Omluveni"  # type: ignore[union-attr]
    assert grid.section(2) is None
    assert grid.above(3, [1]) == 2
    assert grid.above(2, [1]) is None


def _people(header: dict[int, Cell]) -> bool:
    return header[0].text == "Jméno"


def test_tab_aligned_lines_under_an_accepted_header_are_a_grid() -> None:
    items = [BlockView(0, "paragraph", "Prezence:"),
             BlockView(1, "paragraph", "Jméno\t\tObec\nAlena Vrbová\t\tLhota\nKarel Sýkora\tVes\nKonec zápisu."),
             BlockView(2, "paragraph", "Den\tČas"), BlockView(3, "paragraph", "pondělí\t9:00")]
    (grid,) = text_grids(items, _people)
    assert _texts(grid) == [["Jméno", "Obec"], ["Alena Vrbová", "Lhota"], ["Karel Sýkora", "Ves"]]
    text = items[1].text
    assert grid.lines == {(1, 0), (1, text.index("Alena")), (1, text.index("Karel"))}
    cell = grid.cell(1, 1)
    assert cell is not None and cell.text == cell.block.text[cell.start:cell.end] and not cell.whole_block


def test_single_tabs_keep_an_empty_cell_and_a_row_needs_two_filled_cells() -> None:
    items = [BlockView(0, "paragraph", "Jméno\tObec\tÚčast"), BlockView(1, "paragraph", "Alena Vrbová\t\tano"),
             BlockView(2, "paragraph", "Poznámka\t")]
    (grid,) = text_grids(items, _people)
    assert _texts(grid) == [["Jméno", "Obec", "Účast"], ["Alena Vrbová", "", "ano"]]


def test_grids_are_built_once_per_annotated_document() -> None:
    document = annotate(blocks("| Jméno | Obec |", "| Alena Vrbová | Lhota |"))
    grids = grids_of(document)
    assert grids is grids_of(document) and isinstance(grids, Grids)
    assert grids.text(_people) is grids.text(_people)


def test_merged_cells_of_a_real_docx_table() -> None:
    doc = new_document()
    table = doc.add_table(rows=4, cols=3)
    for col, text in enumerate(("Jméno", "Organizace", "Účast")):
        table.cell(0, col).text = text
    section = table.cell(1, 0).merge(table.cell(1, 2))
    section.text = "Omluveni"
    for col, text in enumerate(("Hana Dolejší", "Spolek Lípa", "omluvena")):
        table.cell(2, col).text = text
    table.cell(2, 1).merge(table.cell(3, 1))
    table.cell(3, 0).text, table.cell(3, 2).text = "Ivo Brabec", "omluven"
    ingested = read(to_bytes(doc), "docx")
    views = [BlockView(i, **{k: v for k, v in dataclasses.asdict(b).items() if k in (
        "kind", "text", "level", "page", "label", "region", "table_id", "row", "col")})
        for i, b in enumerate(ingested.blocks)]
    grid = grids_of(views).by_table[0]
    assert grid.section(1).text == "Omluveni"  # type: ignore[union-attr]
    assert grid.cell(3, 1) is None and grid.above(3, [1]) == 2
    assert [cell.text for cell in grid.filled(3)] == ["Ivo Brabec", "omluven"]


def test_a_label_value_table_transposed_is_one_record_under_its_labels() -> None:
    items = blocks("| Aktivita 3.2.1 | Nový klub |", "| Realizátor | Spolek Jasan, z. s. |", "| Termín | 2026 |")
    grid = grids_of(items).by_table[0]
    assert grid.width == 2
    record = grid.transposed()
    assert _texts(record) == [["Aktivita 3.2.1", "Realizátor", "Termín"], ["Nový klub", "Spolek Jasan, z. s.", "2026"]]
    assert all(cell.row == row and cell.col == col for row in record.order for col, cell in record.rows[row].items())
