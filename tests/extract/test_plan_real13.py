"""Plan structure as the real13 development set showed it missing (issue 15), each read from a
real DOCX, HTML or PDF file through the real run. Names, towns and numbers are invented.

- a legend of levels on one line after a lead-in ("Názvy hierarchických úrovní: 1 „Priorita“,
  1.1 „Opatření“") above a two-column table whose rows hold the number in its own cell, or a
  numbered line under a lead-in that names generic actors ("Obce regionu:" / "1.2. Podporují …");
- one line naming a goal, its measure and what was done ("Priorita 2 Rodiny – opatření 2.1
  Title: body"), and an activity named in that body ("aktivita 2.1.1 Title nebyla splněna");
- items named in running text: a goal ("priorita 3 …", "V cíli 2 … je zařazena"), titles that
  run on into the name of their document ("… v Plánu sociálních služeb X", "… Akčního plánu na
  rok 2025") or hold a decimal comma ("+0,5 úvazku, realizátor …").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.docx_factory import minutes, new_document, run_docx, run_html


def _rows(out: Path, table: str, *columns: str) -> set[tuple]:
    frame = pd.read_parquet(out / f"{table}.parquet")
    frame = frame.astype(object).where(frame.notna(), None)
    return set(frame[list(columns)].itertuples(index=False, name=None))


def _legend_table_document():
    document = new_document()
    document.add_paragraph("Portál strategických dokumentů")
    document.add_paragraph("Názvy hierarchických úrovní: 1 „Priorita“, 1.1 „Opatření“")
    table = document.add_table(rows=8, cols=2)
    title = table.cell(0, 0).merge(table.cell(0, 1))
    title.text = "Plán rozvoje sociálních služeb Lipovského kraje 2026–2028"
    lead = table.cell(1, 0).merge(table.cell(1, 1))
    lead.text = "Lipovský kraj zajišťuje dostupnost sociálních služeb prostřednictvím sítě služeb:"
    rows = [("1", "Stabilní síť pobytových služeb pro seniory."),
            ("1.1", "Navýšit kapacitu domovů se zvláštním režimem o 30 lůžek."),
            ("", "Obce regionu (zejména obce do 3 000 obyvatel):\n1.2. Podporují terénní služby ze svých rozpočtů."),
            ("1.3", "Zajistit pečovatelskou službu v malých obcích; realizují Charita Javorník a Spolek Jalovec, z. s."),
            ("2", "Podpora osob bez domova."),
            ("2.1", "Zřídit noclehárnu pro ženy s kapacitou 10 lůžek; gestor: Krajský úřad Lipovského kraje.")]
    for row, (number, text) in enumerate(rows, start=2):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = text
    return document


def test_a_one_line_legend_numbers_the_rows_of_a_two_column_table(tmp_path: Path) -> None:
    """The legend line names goal "1" and measure "1.1" levels: the rows "1" | title are goals,
    "1.1" | title measures, also "1.2." standing in the text cell under a lead-in that names who
    does it (the lead-in is no part of the title); a title ends at "; realizují …" / "; gestor: …";
    the organisations and capacities in a row are tied to its item."""
    out = run_docx(tmp_path, _legend_table_document())
    assert _rows(out, "goals", "goal_no", "title") == {
        ("1", "Stabilní síť pobytových služeb pro seniory"), ("2", "Podpora osob bez domova")}
    assert _rows(out, "measures", "measure_no", "goal_no", "title") == {
        ("1.1", "1", "Navýšit kapacitu domovů se zvláštním režimem o 30 lůžek"),
        ("1.2", "1", "Podporují terénní služby ze svých rozpočtů"),
        ("1.3", "1", "Zajistit pečovatelskou službu v malých obcích"),
        ("2.1", "2", "Zřídit noclehárnu pro ženy s kapacitou 10 lůžek")}
    assert {("Charita Javorník", "1.3"), ("Spolek Jalovec", "1.3")} <= _rows(out, "organisations", "name", "item_ref")
    assert {("1.1", 30.0), ("2.1", 10.0)} <= _rows(out, "capacity_changes", "item_ref", "delta")


def test_a_legend_entry_needs_a_plan_label_and_the_lead_in_line_of_a_cell_is_no_legend(tmp_path: Path) -> None:
    """A line "Úrovně: 1 „Kapitola“, 1.1 „Oddíl“" names no plan levels: the table rows stay no items."""
    document = _legend_table_document()
    document.paragraphs[1].text = "Názvy hierarchických úrovní: 1 „Kapitola“, 1.1 „Oddíl“"
    out = run_docx(tmp_path, document)
    assert _rows(out, "goals", "goal_no") == set() and _rows(out, "measures", "measure_no") == set()


_EVALUATION = ("Z vyhodnocení vybíráme:",
               "Priorita 2 Rodiny s dětmi – opatření 2.1 Podpora rodin v krizi: Spolek Jalovec, z. s. "
               "navýšil kapacitu sociálně aktivizační služby z 3 na 4 úvazky.",
               "Priorita 2 Rodiny s dětmi – opatření 2.4 Dostupné bydlení: aktivita 2.4.1 Zřízení azylového "
               "domu nebyla splněna, realizátor Charita Javorník stále hledá objekt.")


def _check_evaluation(out: Path) -> None:
    assert _rows(out, "goals", "goal_no", "title") == {("2", "Rodiny s dětmi")}
    assert _rows(out, "measures", "measure_no", "goal_no", "title") == {
        ("2.1", "2", "Podpora rodin v krizi"), ("2.4", "2", "Dostupné bydlení")}
    assert _rows(out, "activities", "activity_no", "measure_no", "title") == {("2.4.1", "2.4", "Zřízení azylového domu")}
    assert ("2.1", "Spolek Jalovec", 1.0) in _rows(out, "capacity_changes", "item_ref", "organisation", "delta")
    assert ("Charita Javorník", "2.4.1") in _rows(out, "organisations", "name", "item_ref")


def test_goal_measure_and_body_on_one_line_of_a_web_page(tmp_path: Path) -> None:
    """"Priorita 2 X – opatření 2.1 Y: body": goal 2 titled X, measure 2.1 titled Y, the body after
    the colon under 2.1; an activity named in the body is one, its title cut before the predicate,
    and the organisation after it is tied to it."""
    items = "".join(f"<li>{line}</li>" for line in _EVALUATION[1:])
    out = run_html(tmp_path, f"<h1>Vyhodnocení akčního plánu Lipovska za rok 2025</h1><p>{_EVALUATION[0]}</p><ul>{items}</ul>")
    _check_evaluation(out)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice makes the PDF")
def test_goal_measure_and_body_on_one_line_of_a_pdf(tmp_path: Path) -> None:
    """The same lines as bullets of a PDF (LibreOffice's export, as most real PDFs)."""
    from bench import long_docs
    from pipeline.runner import RunOptions, run

    document = minutes("Vyhodnocení akčního plánu Lipovska za rok 2025", _EVALUATION[0],
                       *(("List Bullet", line) for line in _EVALUATION[1:]))
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    document.save(tmp_path / "vyhodnoceni.docx")
    long_docs.to_pdf(tmp_path / "vyhodnoceni.docx", raw / "vyhodnoceni.pdf")
    run(raw, out, RunOptions(workers=0))
    _check_evaluation(out)


def test_items_named_in_running_text(tmp_path: Path) -> None:
    """A goal named in a sentence ("priorita 3 Title." / "V cíli 2 Title je zařazena …") is one,
    and only its sentence is its scope; a title ends before the name of its document ("… v Plánu
    sociálních služeb Lipovska", "… Akčního plánu na rok 2025"), not at a decimal comma
    ("+0,5 úvazku, realizátor …"), unless the document is the title's object ("Zpracování nového
    Komunitního plánu"); "priority 1 Akčního plánu" names a part of a document, and an entry of a
    table of contents ("PRIORITA 6 Title... 41") no goal."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání řídící skupiny Lipovsko",
        "Skupina projednala návrh plánu. Do návrhu byla doplněna priorita 3 Podpora neformálních pečujících. "
        "Skupina podpořila žádost Spolku Jalovec, z. s. o navýšení kapacity odlehčovací služby z 4 na 6 lůžek.",
        "Koordinátorka představila akční plán. V cíli 2 Podpora lidí s duševním onemocněním je zařazena aktivita "
        "2.2.1 Rozšíření sociální rehabilitace +0,5 úvazku, realizátor Charita Javorník.",
        "Výstupy budou podkladem pro opatření 4.2 Podpora rodin s dětmi v krizi v Plánu sociálních služeb Lipovska.",
        "Změny kapacit budou zařazeny do opatření 1.3 Dostupnost pobytových služeb pro seniory Akčního plánu na rok 2025.",
        "Koordinátorka shrnula plnění priority 1 Akčního plánu 2024.",
        "Obsah Přehled priorit PRIORITA 6 Všeobecná podpora sociálních služeb... 41",
        "Skupina navrhla zařadit aktivitu 5.1.1 Zpracování nového Komunitního plánu Lipovska, realizátor Město Lipov."))
    assert _rows(out, "goals", "goal_no", "title") == {
        ("3", "Podpora neformálních pečujících"), ("2", "Podpora lidí s duševním onemocněním")}
    assert _rows(out, "measures", "measure_no", "title") == {
        ("4.2", "Podpora rodin s dětmi v krizi"), ("1.3", "Dostupnost pobytových služeb pro seniory")}
    assert _rows(out, "activities", "activity_no", "measure_no", "title") == {
        ("2.2.1", "2.2", "Rozšíření sociální rehabilitace +0,5 úvazku"),
        ("5.1.1", "5.1", "Zpracování nového Komunitního plánu Lipovska")}  # the document is the title's object
    assert {(None, 2.0), ("2.2.1", 0.5)} <= _rows(out, "capacity_changes", "item_ref", "delta")
