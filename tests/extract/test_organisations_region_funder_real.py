"""A region named as the inverted subject of a verb of calling or granting is the funder, read
from a real DOCX file through the real run (issue 15): "dotační program, který vyhlásil X kraj",
"žádost o dotaci, kterou poskytuje X kraj". Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

from tests.docx_factory import minutes, run_docx, table_rows


def rows(tmp_path: Path, *paragraphs: str) -> set[tuple]:
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Rodina", *paragraphs))
    return table_rows(out, "organisations", "name", "role")


def test_a_region_granting_in_a_relative_clause_is_the_funder(tmp_path: Path) -> None:
    """"Na přístavbu byla podána žádost o dotaci, kterou poskytuje Liberecký kraj." gives the
    region as funder (before: no row; a region is otherwise only a place)."""
    found = rows(
        tmp_path,
        "Spolek Lipka, z. s. připravuje přístavbu azylového domu, kapacita se rozšíří z 12 na 16 lůžek. "
        "Na přístavbu byla podána žádost o dotaci, kterou poskytuje Liberecký kraj.",
    )
    assert ("Liberecký kraj", "funder") in found


def test_a_region_calling_a_programme_in_a_relative_clause_is_the_funder(tmp_path: Path) -> None:
    """"... o dotačním programu ..., který pro rok 2026 vyhlásil Pardubický kraj" gives the region
    as funder; its office, the speaker's affiliation, is not."""
    found = rows(
        tmp_path,
        "Mgr. Eva Malá (Krajský úřad Pardubického kraje) informovala o dotačním programu na podporu "
        "adiktologických služeb, který pro rok 2026 vyhlásil Pardubický kraj; žádosti lze podávat do 31. 1. 2026.",
    )
    assert ("Pardubický kraj", "funder") in found
    assert ("Krajský úřad Pardubického kraje", "funder") not in found


def test_a_region_as_a_place_stays_no_organisation(tmp_path: Path) -> None:
    """"Služby v Libereckém kraji ..." names a place: no row for the region."""
    found = rows(tmp_path, "Terénní programy v Libereckém kraji poskytuje Spolek Lipka, z. s.")
    assert not {row for row in found if row[0] == "Liberecký kraj"}
