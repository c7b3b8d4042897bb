"""The table readers over grids on real files (issue 15): attendance tables whose merged section
rows switch the role of the rows below them (class 5), two-column label|value plan tables
(class 10), and bare figures in a capacity column whose unit is in the header (class 17).
Names, organisations and figures are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import new_document, run_docx


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
    roles = _roles(run_docx(tmp_path, doc))
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
    roles = _roles(run_docx(tmp_path, doc))
    assert ("Lenka Rybová", "present", "Spolek Brána, z. s.") in roles
    assert ("Ota Klimeš", "present", "Město Vranov") in roles
    assert ("Iva Zedníková", "excused", "Charita Vranov") in roles


def _label_value_plan(doc, number: str, title: str, rows: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=len(rows) + 1, cols=2)
    for r, (label, value) in enumerate([(f"Aktivita {number}", title), *rows]):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    doc.add_paragraph("")


def test_two_column_label_value_plan_tables_name_the_roles_of_their_item(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Komunitní plán sociálních služeb Lipnicka", level=1)
    doc.add_paragraph("Priorita 2 Rozvoj terénních služeb")
    doc.add_paragraph("Opatření 2.1 Podpora péče v domácnosti")
    _label_value_plan(doc, "2.1.1", "Rozšíření osobní asistence o 1 úvazek", [
        ("Popis aktivity", "Služba rozšíří provoz do okolních obcí."),
        ("Realizátor", "Spolek Jasan, z. s."), ("Partneři", "Město Lipnice"),
        ("Zdroje financování", "Kraj Vysočina"), ("Termín", "2025")])
    _label_value_plan(doc, "2.1.2", "Zachování odlehčovací služby", [
        ("Realizátor", "Domov Na Výsluní, p. o."), ("Spolupráce", "Obec Stříbrná"),
        ("Zdroje financování", "Obec Javorná")])
    out = run_docx(tmp_path, doc)
    orgs = pd.read_parquet(out / "organisations.parquet")
    found = {(r["name"], r["role"], r["item_ref"] if isinstance(r["item_ref"], str) else None)
             for _, r in orgs.iterrows()}
    assert ("Spolek Jasan", "responsible", "2.1.1") in found
    assert ("Domov Na Výsluní", "responsible", "2.1.2") in found
    assert ("Město Lipnice", "partner", None) in found and ("Obec Stříbrná", "partner", None) in found
    assert ("Kraj Vysočina", "funder", None) in found and ("Obec Javorná", "funder", None) in found
    assert not any(name in ("Realizátor", "Partneři", "Spolupráce") for name, _, _ in found)
    capacity = pd.read_parquet(out / "capacity_changes.parquet")
    row = capacity[capacity["raw_text"].str.contains("1 úvazek")].iloc[0]
    assert (row["organisation"], row["item_ref"], row["unit"]) == ("Spolek Jasan", "2.1.1", "fte")


def test_bare_figures_in_a_capacity_column_take_the_unit_of_its_header(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Akční plán sociálních služeb Lipnicka na rok 2026", level=1)
    table = doc.add_table(rows=5, cols=4)
    for r, values in enumerate([("Druh služby", "Poskytovatel", "Místo poskytování", "Kapacita (úvazky)"),
                                ("osobní asistence", "Spolek Javor, z. s.", "Lipnice a 12 obcí", "4,5"),
                                ("pečovatelská služba", "Charita Lipnice", "Lipnice", "+1"),
                                ("odlehčovací služby", "Domov Lipnice, p. o.", "Stříbrná 7", "1 → 1,5"),
                                ("denní stacionáře", "Domov Lipnice, p. o.", "Stříbrná 7", "viz výše")]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    frame = pd.read_parquet(run_docx(tmp_path, doc) / "capacity_changes.parquet")
    got = {(r["organisation"], r["unit"], r["change"], r["value_from"] if r["value_from"] == r["value_from"] else None,
            r["value_to"] if r["value_to"] == r["value_to"] else None, r["delta"] if r["delta"] == r["delta"] else None)
           for _, r in frame.iterrows()}
    assert got == {("Spolek Javor", "fte", "set", None, 4.5, None), ("Charita Lipnice", "fte", "increase", None, None, 1.0),
                   ("Domov Lipnice", "fte", "increase", 1.0, 1.5, 0.5)}


def test_activities_listed_in_a_cell_beside_or_under_their_measure(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Střednědobý plán sociálních služeb Lipnicka", level=1)
    doc.add_paragraph("Cíl 1: Dostupné služby pro seniory")
    table = doc.add_table(rows=2, cols=3)
    for r, values in enumerate([("Opatření", "Aktivity", "Zodpovědnost"),
                                ("Opatření 1.1 Rozvoj pečovatelské služby",
                                 "a) rozšíření služby do obce Stříbrná\nb) navýšení o 2 pracovnice", "Charita Lipnice")]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.add_paragraph("Cíl 2: Podpora rodin")
    record = doc.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("Opatření 2.1", "Poradenství pro rodiny"),
                                        ("Aktivity v roce 2026", "Zřízení poradny v Javorné\nKurz pro rodiče"),
                                        ("Realizátor", "Spolek Jasan, z. s.")]):
        record.cell(r, 0).text, record.cell(r, 1).text = label, value
    out = run_docx(tmp_path, doc)
    activities = pd.read_parquet(out / "activities.parquet")
    assert sorted(zip(activities["measure_no"], activities["title"])) == [
        ("1.1", "navýšení o 2 pracovnice"), ("1.1", "rozšíření služby do obce Stříbrná"),
        ("2.1", "Kurz pro rodiče"), ("2.1", "Zřízení poradny v Javorné")]
    measures = pd.read_parquet(out / "measures.parquet")
    assert sorted(zip(measures["measure_no"], measures["title"])) == [
        ("1.1", "Rozvoj pečovatelské služby"), ("2.1", "Poradenství pro rodiny")]


def _labels_table(doc, rows: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=len(rows), cols=2)
    for r, (label, value) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    doc.add_paragraph("")


def test_a_label_value_table_that_opens_with_its_responsible_is_one_record(tmp_path: Path) -> None:
    """An evaluation's table per activity opens with "Realizátor" | organisation and goes on with
    the item's fields (costs, plan, reality, state); a project stack's table names the expected
    runner ("Předpokládaný realizátor"): the labels are no organisations, the values are tied."""
    doc = new_document()
    doc.add_heading("Vyhodnocení akčního plánu sociálních služeb Lipnicka za rok 2025", level=1)
    doc.add_paragraph("Priorita 2 Podpora seniorů")
    doc.add_paragraph("Opatření 2.1 Rozvoj terénních služeb")
    doc.add_paragraph("Aktivita Rozšíření pečovatelské služby o víkendy")
    _labels_table(doc, [("Realizátor", "Pečovatelská služba Lipnice, p. o."), ("Náklady", "310 tis. Kč"),
                        ("Skutečnost", "provoz zahájen v březnu"), ("Stav", "splněno")])
    doc.add_paragraph("Opatření 2.2 Podpora pečujících")
    _labels_table(doc, [("Vazba na opatření", "Opatření 2.2 Podpora pečujících"),
                        ("Předpokládaný realizátor", "Spolek Olše, z. s."),
                        ("Předpokládané náklady", "90 tis. Kč"), ("Termín realizace", "2026")])
    out = run_docx(tmp_path, doc)
    orgs = pd.read_parquet(out / "organisations.parquet")
    found = {(r["name"], r["role"], r["item_ref"] if isinstance(r["item_ref"], str) else None)
             for _, r in orgs.iterrows()}
    assert ("Pečovatelská služba Lipnice", "responsible", "2.1") in found
    assert ("Spolek Olše", "responsible", "2.2") in found
    assert not any(name in ("Náklady", "Skutečnost", "Stav", "Předpokládané náklady", "Termín realizace")
                   for name, _, _ in found)


def test_a_measure_named_again_heads_the_rows_after_it(tmp_path: Path) -> None:
    """Two projects of a project stack link to the same measure ("Vazba na opatření" | "Opatření
    1.2 ..."): the plan writes the measure once, and the second table's runner is tied to it too."""
    doc = new_document()
    doc.add_heading("Zásobník projektů Lipnicka", level=1)
    for title, runner in (("2.1. Osobní asistence v obcích", "Spolek Olše, z. s."),
                          ("2.2. Terénní pečovatelská služba v Javorné", "Obec Javorná")):
        doc.add_heading(title, level=2)
        _labels_table(doc, [("Vazba na opatření", "Opatření 1.2 Rozvoj terénních služeb pro seniory"),
                            ("Předpokládaný realizátor", runner), ("Předpokládané náklady", "300 tis. Kč"),
                            ("Termín realizace", "2026")])
    out = run_docx(tmp_path, doc)
    orgs = pd.read_parquet(out / "organisations.parquet")
    found = {(r["name"], r["role"], r["item_ref"] if isinstance(r["item_ref"], str) else None)
             for _, r in orgs.iterrows()}
    assert {("Spolek Olše", "responsible", "1.2"), ("Obec Javorná", "responsible", "1.2")} <= found


def test_a_region_listed_in_a_funding_cell_is_a_funder(tmp_path: Path) -> None:
    """"Zdroje financování" | "MPSV, Zlínský kraj, Obec Javorná": the region in the nominative is
    one of the listed funders, as the ministry and the municipality are."""
    doc = new_document()
    doc.add_heading("Akční plán sociálních služeb Lipnicka", level=1)
    doc.add_paragraph("Opatření 1.1 Rozvoj terénních služeb")
    _labels_table(doc, [("Realizátor", "Spolek Olše, z. s."), ("Termín", "2026"),
                        ("Zdroje financování", "MPSV, Zlínský kraj, Obec Javorná")])
    orgs = pd.read_parquet(run_docx(tmp_path, doc) / "organisations.parquet")
    found = {(r["name"], r["role"]) for _, r in orgs.iterrows()}
    assert {("MPSV", "funder"), ("Zlínský kraj", "funder"), ("Obec Javorná", "funder")} <= found
