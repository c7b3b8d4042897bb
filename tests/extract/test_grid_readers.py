"""The table readers over grids on real files (issue 15): attendance tables whose merged section
rows switch the role of the rows below them (class 5), two-column label|value plan tables
(class 10), and bare figures in a capacity column whose unit is in the header (class 17).
Names, organisations and figures are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes


def _extract(tmp_path: Path, doc) -> Path:  # type: ignore[no-untyped-def]
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(doc))
    run(raw, out, RunOptions(workers=0))
    return out


def _section_table(doc, rows: list[tuple[str, ...]], cols: int):  # type: ignore[no-untyped-def]
    """A table; a row of one text is merged across the table (a section row)."""
    table = doc.add_table(rows=len(rows), cols=cols)
    for r, values in enumerate(rows):
        if len(values) == 1:
            table.cell(r, 0).merge(table.cell(r, cols - 1)).text = values[0]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


def _roles(out: Path) -> set[tuple[str, str, str | None]]:
    frame = pd.read_parquet(out / "attendees.parquet")
    return {(r["name"], r["role"], r["organisation"]) for _, r in frame.iterrows()}


def test_merged_section_rows_of_an_attendance_table_switch_the_role(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Rodina", level=1)
    doc.add_paragraph("Prezence")
    _section_table(doc, [("Jméno a příjmení", "Organizace"), ("Přítomni",),
                         ("Mgr. Lenka Rybová", "Spolek Brána, z. s."), ("Ota Klimeš", "Město Vranov"),
                         ("Omluveni",), ("Bc. Iva Zedníková", "Charita Vranov"),
                         ("Hosté",), ("Ing. Dan Mazal", "Úřad práce ČR")], 2)
    doc.add_paragraph("Jednání zahájila Mgr. Lenka Rybová.")
    roles = _roles(_extract(tmp_path, doc))
    assert ("Lenka Rybová", "present", "Spolek Brána, z. s.") in roles
    assert ("Ota Klimeš", "present", "Město Vranov") in roles
    assert ("Iva Zedníková", "excused", "Charita Vranov") in roles
    assert ("Dan Mazal", "guest", "Úřad práce ČR") in roles
    assert not any(name == "Iva Zedníková" and role == "present" for name, role, _ in roles)


def test_merged_section_rows_of_a_headerless_attendance_table_keep_the_organisations(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    _section_table(doc, [("Přítomni",), ("Mgr. Lenka Rybová", "Spolek Brána, z. s."),
                         ("Ota Klimeš", "Město Vranov"), ("Omluveni",),
                         ("Bc. Iva Zedníková", "Charita Vranov")], 2)
    doc.add_paragraph("Jednání zahájila Mgr. Lenka Rybová.")
    roles = _roles(_extract(tmp_path, doc))
    assert ("Lenka Rybová", "present", "Spolek Brána, z. s.") in roles
    assert ("Ota Klimeš", "present", "Město Vranov") in roles
    assert ("Iva Zedníková", "excused", "Charita Vranov") in roles
