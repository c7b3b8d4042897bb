"""The document layout (pipeline/extract/layout.py): lines, zones, neighbour cells, the line
before and after, the value after a label — on small hand-made block lists, and built once per
annotated document, read from a real DOCX file by the real run."""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import pandas as pd

from pipeline.extract import annotate, extract_document
from pipeline.extract.document_fields import extract as extract_fields
from pipeline.extract.layout import (HEAD_UNITS, SIGNATURE_TAIL, Labels, Layout, Line, label_end, labels,
                                     layout_of, starts_with_title_word)
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.text import Span
from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.extract.blocks import blocks


def test_lines_are_trimmed_spans_of_their_blocks_in_document_order() -> None:
    layout = Layout([BlockView(0, "paragraph", "  Datum: 3. 5. 2021 \n\n\tMísto: radnice"),
                     BlockView(1, "heading", "Program", level=1)])
    assert [line.text for line in layout.lines] == ["Datum: 3. 5. 2021", "Místo: radnice", "Program"]
    assert all(isinstance(line, Span) and line.text == line.block.text[line.start:line.end] for line in layout.lines)
    assert [line.index for line in layout.lines] == [0, 1, 2]
    assert [line.first_in_block for line in layout.lines] == [True, False, True]
    assert layout.lines[1].folded == "misto: radnice"


def test_a_list_or_a_table_is_one_unit() -> None:
    layout = Layout(blocks("# Zápis", "- první", "- druhý", "| a | b |", "| c | d |", "Konec"))
    assert [line.unit for line in layout.lines] == [0, 1, 1, 2, 2, 2, 2, 3]


def test_header_and_footer_lines_are_outside_the_body() -> None:
    layout = Layout([BlockView(0, "paragraph", "KPSS Strakonice", region="header"),
                     BlockView(1, "heading", "Zápis", level=1), BlockView(2, "paragraph", "strana 1", region="footer")])
    assert [line.text for line in layout.body] == ["Zápis"]
    assert [line.text for line in layout.page_lines] == ["KPSS Strakonice", "strana 1"]
    assert layout.next_line(layout.page_lines[0]) is None and layout.previous_line(layout.body[0]) is None


def test_the_head_runs_from_the_minutes_title_past_a_web_menu() -> None:
    menu = [f"Odkaz {n}" for n in range(HEAD_UNITS)]
    layout = Layout(blocks(*menu, "Zápis č. 1/2024 z jednání", *[f"řádek {n}" for n in range(HEAD_UNITS + 3)]))
    head = [line.text for line in layout.head]
    assert "Odkaz 0" in head and "Zápis č. 1/2024 z jednání" in head
    assert head[-1] == f"řádek {HEAD_UNITS - 2}"


def test_the_signature_is_the_tail_and_everything_from_a_late_recorder_line() -> None:
    lines = ["# Zápis", "Zapisovatel: Jana Malá", *[f"bod {n}" for n in range(20)], "Zapsala: Jana Malá",
             *[f"příloha {n}" for n in range(10)]]
    layout = Layout(blocks(*lines))
    signature = [line.text for line in layout.lines if line.index in layout.signature_ids]
    assert signature == lines[22:]
    assert "Zapisovatel: Jana Malá" not in signature  # a recorder among the head fields does not end the head
    short = Layout(blocks(*[f"bod {n}" for n in range(HEAD_UNITS + SIGNATURE_TAIL + 2)]))
    assert len(short.signature_ids) == SIGNATURE_TAIL


def test_the_top_stops_at_the_attendance_or_the_programme() -> None:
    layout = Layout(blocks("# Zápis", "PS Senioři na Jilemnicku", "Přítomni: Jana Malá", "Strakonice"))
    assert [line.text for line in layout.top] == ["Zápis", "PS Senioři na Jilemnicku"]


def test_sections_run_from_a_label_or_heading_to_the_next() -> None:
    layout = Layout(blocks("Úvodní text", "# Zápis z jednání", "Datum: 3. 5. 2021", "Přítomni:", "- Jana Malá",
                           "- Petr Novák", "Program jednání: viz pozvánka", "1. Úvod", "## Diskuse", "text",
                           "Zapsala: Jana Malá"))
    sections = layout.sections
    assert [s.kind for s in sections] == ["heading", "date", "attendance", "programme", "heading", "recorder"]
    attendance = sections[2]
    assert [line.text for line in attendance.lines] == ["Přítomni:", "• Jana Malá", "• Petr Novák"]
    assert attendance.line.text[attendance.value_start:] == ""
    programme = sections[3]
    assert programme.line.text[programme.value_start:] == "viz pozvánka"
    assert [line.text for line in sections[4].lines] == ["Diskuse", "text"]
    assert sections[0].line.text == "Zápis z jednání"  # the text before the first section is in none


def test_neighbour_cells_next_and_previous_lines() -> None:
    layout = Layout(blocks("| Datum | Místo |", "| 7. 11. 2018 | radnice |", "Konec"))
    date_label = layout.lines[0].block
    assert layout.neighbour_cell(date_label, 0, 1).text == "Místo"
    assert layout.neighbour_cell(date_label, 1, 0).text == "7. 11. 2018"
    assert layout.neighbour_cell(date_label, 0, -1) is None
    assert layout.neighbour_cell(layout.lines[-1].block, 0, 1) is None  # not a cell
    assert layout.next_line(layout.lines[3]).text == "Konec"
    assert layout.previous_line(layout.lines[1]).text == "Datum"


def test_value_after_label_the_rest_of_the_line_the_next_cell_or_the_next_line() -> None:
    layout = Layout(blocks("Místo konání: radnice", "Zapsala:", "Jana Malá", "Datum:", "Přítomni: X",
                           "| Místo: | sál |"))
    lines = layout.lines
    same_line = layout.value_after_label(lines[0], labels("location").end(lines[0].text))
    assert same_line.text == "radnice" and same_line.block is lines[0].block
    assert layout.value_after_label(lines[1], len("Zapsala:")).text == "Jana Malá"
    assert layout.value_after_label(lines[3], len("Datum:")) is None  # the next line is another field
    assert layout.value_after_label(lines[5], len("Místo:")).text == "sál"


def test_labels_need_a_separator_unless_a_space_will_do() -> None:
    assert labels("location").end("Místo konání:\tradnice") == len("Místo konání:\t")
    assert labels("location").end("Místo pro diskusi") is None
    assert Labels(["zapsala"], space_ok=True).end("Zapsala Leona Hájková") == len("Zapsala ")
    assert label_end("PROGRAM JEDNÁNÍ:", ["program jednání"]) == len("PROGRAM JEDNÁNÍ:")
    assert starts_with_title_word("ZÁPIS z jednání") and not starts_with_title_word("Zápis byl schválen")


def test_the_layout_is_built_once_per_annotated_document() -> None:
    document = annotate(blocks("# Zápis z jednání", "Datum: 3. 5. 2021", "Zapsala: Jana Malá"))
    assert layout_of(document) is layout_of(document)
    extract_document(document)
    assert isinstance(document.memo["layout"], Layout)
    assert isinstance(layout_of(document).lines[0], Line)


def test_no_pattern_is_compiled_while_the_fields_are_extracted(monkeypatch) -> None:
    """Every pattern of the field rules and the layout is compiled once (at first use), not per
    call. (The recorder's person-name reading, `person_names`, is being replaced by the shared
    person spans and is not counted.)"""
    document = blocks("Evropská unie", "# Zápis z jednání pracovní skupiny Senioři ze dne 4. 6. 2019",
                      "Místo konání: Městský úřad Strakonice, 4. 6. 2019 ve středu", "Přítomni: Jana Malá",
                      "| Čas: | 13:00 |", "Další jednání: 3. 9. 2019", "V Praze dne 4. 6. 2019",
                      "Zpracovala a zapsala: Jana Malá", "CZ.03.2.63/0.0/0.0/16_063/0006571")
    extract_fields(document, Extraction())
    compiled_from: list[str] = []
    original = re._compile

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        caller = traceback.extract_stack(limit=3)[0]
        if ("document_fields" in caller.filename or caller.filename.endswith("layout.py")) \
                and caller.name not in ("person_names", "_strip_titles"):
            compiled_from.append(f"{Path(caller.filename).name}:{caller.name}")
        return original(*args, **kwargs)

    monkeypatch.setattr(re, "_compile", spy)
    extract_fields(document, Extraction())
    assert compiled_from == []


def test_fields_from_a_head_table_and_a_signature_of_a_real_docx(tmp_path: Path) -> None:
    """Through the real run: the label|value cells of a head table and the recorder of the
    signature zone are read from the layout."""
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    table = doc.add_table(rows=2, cols=2)
    for row, (label, value) in enumerate([("Datum jednání:", "15. 2. 2022"), ("Místo konání:", "zasedací místnost")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
    for n in range(12):
        doc.add_paragraph(f"Bod {n + 1} byl projednán.")
    doc.add_paragraph("Zapsala: Jana Malá")
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(doc))
    run(raw, out, RunOptions(workers=0))
    row = pd.read_parquet(out / "documents.parquet").iloc[0]
    assert str(row["meeting_date"])[:10] == "2022-02-15"
    assert row["location"] == "zasedací místnost"
    assert row["recorded_by"] == "Jana Malá"
    assert row["working_group"] == "Senioři"
