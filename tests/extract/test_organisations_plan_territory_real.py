"""A town or region that only names a plan's territory is no organisation (issue 15, class 15),
read from a real DOCX file through the real run: "Komunitní plán sociálních služeb města X",
"Akční plán rozvoje sociálních služeb Y kraje". Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

from tests.docx_factory import minutes, run_docx, table_rows


def names(tmp_path: Path, *paragraphs: str) -> set[tuple]:
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Senioři", *paragraphs))
    return table_rows(out, "organisations", "name", "role")


def test_a_town_naming_a_plans_territory_is_no_organisation(tmp_path: Path) -> None:
    """"Návrh vychází z Komunitního plánu sociálních služeb města Horní Lhota" gives no row for
    the town; the town that pays in the next sentence still is the funder."""
    found = names(
        tmp_path,
        "Koordinátorka představila návrh akčního plánu. Návrh vychází z Komunitního plánu sociálních "
        "služeb města Horní Lhota na období 2026–2029.",
    )
    assert not {row for row in found if "Lhota" in row[0]}


def test_a_capitalised_town_naming_a_plans_territory_is_no_organisation(tmp_path: Path) -> None:
    """"2. Návrh Střednědobého plánu rozvoje sociálních služeb Města Dolní Lhota na roky 2027–2029"
    (a heading) gives no row for the town; the provider of the next line keeps its row."""
    found = names(
        tmp_path,
        "2. Návrh Střednědobého plánu rozvoje sociálních služeb Města Dolní Lhota na roky 2027–2029",
        "Charita Horní Lhota požádala o navýšení kapacity pečovatelské služby o 1 úvazek.",
    )
    assert not {row for row in found if "Dolní Lhota" in row[0]}
    assert any(row[0] == "Charita Horní Lhota" for row in found)


def test_a_town_acting_after_a_plan_is_still_an_organisation(tmp_path: Path) -> None:
    """Only the territory after "služeb" drops: "Plán schválilo Město Horní Lhota" keeps the town."""
    found = names(
        tmp_path,
        "Komunitní plán sociálních služeb na období 2026–2029 schválilo Město Horní Lhota, které "
        "financuje terénní programy.",
    )
    assert any(row[0] == "Město Horní Lhota" for row in found)
