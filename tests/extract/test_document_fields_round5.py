"""Document fields as real minutes and plans of the development set real12 write them (issue 15,
class 18, round 5): a region's name alone over a regional plan's title, a web page's title line and
publication stamp over the minutes' own centred heading, a page heading spelled out by the heading
under it, a venue followed by the verb of the meeting held there, the plan's town in the nominative
after "sociálních služeb" before its years, a region named only in the body after "KPSS", a group's
name ending before "KPSS", and an OP LZZ registration number with a letter in its last part. Names,
towns and numbers are invented; each test runs the real pipeline over a real DOCX or HTML file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, run_html, to_bytes


def _row(out: Path) -> dict:
    return pd.read_parquet(out / "documents.parquet").iloc[0].to_dict()


def docx_fields(tmp_path: Path, *paragraphs: str | tuple[int, str]) -> dict:
    """A DOCX of paragraphs ((level, text) for a heading), run through the pipeline: its documents row."""
    document = new_document()
    for paragraph in paragraphs:
        if isinstance(paragraph, tuple):
            document.add_heading(paragraph[1], level=paragraph[0])
        else:
            document.add_paragraph(paragraph)
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "dokument.docx").write_bytes(to_bytes(document))
    run(raw, out, RunOptions(workers=0))
    return _row(out)


def html_fields(tmp_path: Path, body: str) -> dict:
    return _row(run_html(tmp_path, body, "stranka.html"))


def test_a_region_name_over_a_plan_title_is_no_title(tmp_path):
    got = docx_fields(tmp_path, "PODLESKÝ KRAJ", "Akční plán rozvoje sociálních služeb v Podleském kraji pro rok 2016",
                      "Odbor sociálních věcí Krajského úřadu Podleského kraje", "Obsah", "Úvod",
                      "Akční plán navazuje na střednědobý plán kraje.")
    assert got["title"] == "Akční plán rozvoje sociálních služeb v Podleském kraji pro rok 2016"


def test_a_web_page_title_yields_to_the_centred_heading_of_the_minutes(tmp_path):
    got = docx_fields(tmp_path, "Zápis z 4. schůze sociální komise konané dne 2.5.2018", "zveřejněno: 9. 5. 2018",
                      "ZÁPIS", "z 4. schůze sociální komise Rady města Lipník konané", "dne 2.5.2018",
                      "Počet přítomných členů: 5", "Zapsala: Bc. Olga Klenová")
    assert got["title"] == "ZÁPIS z 4. schůze sociální komise Rady města Lipník konané dne 2.5.2018"
    assert str(got["meeting_date"])[:10] == "2018-05-02"


def test_a_page_heading_spelled_out_by_the_heading_under_it(tmp_path):
    got = docx_fields(tmp_path, (1, "Setkání poskytovatelů"), "Loga projektu",
                      (2, "2. setkání poskytovatelů sociálních služeb v rámci KPSS na Lipnicku"),
                      "Dne 12. října 2018 se v sále Kulturního domu Lipník konalo setkání poskytovatelů a veřejnosti.",
                      "Další setkání se uskuteční na podzim 2019.")
    assert got["title"] == "2. setkání poskytovatelů sociálních služeb v rámci KPSS na Lipnicku"
    assert got["location"] == "sále Kulturního domu Lipník"


def test_the_plan_town_after_the_services_before_the_years(tmp_path):
    got = html_fields(tmp_path, "<h1>Komunitní plán sociálních služeb Lipník (2020-2021)</h1>"
                      "<h2>A. SENIOŘI</h2><h3>A.1 Rozvoj terénních služeb</h3><p>Text opatření.</p>")
    assert got["planning_area"] == "Lipník"


def test_a_region_named_only_in_the_body_after_kpss(tmp_path):
    got = html_fields(tmp_path, "<h1>Zápis z jednání PS Rodina ze dne 3.5.2018</h1><p>Přítomni: Habr, Lipová</p>"
                      "<ul><li>seznámení s návrhem Akčního plánu KPSS Lipnicka na rok 2019</li></ul>"
                      "<p>Zapsala: K. Lipová</p>")
    assert got["planning_area"] == "Lipnicko"


def test_a_group_name_ends_before_kpss(tmp_path):
    got = docx_fields(tmp_path, "Zápis z 3. jednání pracovní skupiny Rodina a děti KPSS Lipnicka (4. května 2019)",
                      "Program:", "1. Úvod", "2. Různé")
    assert got["working_group"] == "Rodina a děti"
    assert got["planning_area"] == "Lipnicko"


def test_an_op_lzz_registration_number_with_a_letter(tmp_path):
    got = docx_fields(tmp_path, "STŘEDNĚDOBÝ PLÁN ROZVOJE SOCIÁLNÍCH SLUŽEB LIPNICKA",
                      "Plán byl zpracován v rámci projektu reg. č. CZ.1.04/3.1.03/B7.00042, který je financován "
                      "z Evropského sociálního fondu.", "OBSAH")
    assert got["project_reg_no"] == "CZ.1.04/3.1.03/B7.00042"
