"""Organisation roles and ties read from real DOCX files through the real run (issue 15,
round 2): an item's realizátor written after a dash with a colon or in parentheses is the
one responsible for that item; no untied row of a role the organisation holds for an item
(SPEC v1.2). Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def rows(tmp_path: Path, *paragraphs: str | tuple[str, str]) -> set[tuple]:
    """The (name, role, item_ref) rows of a DOCX made of these paragraphs (a pair is
    (Word style, text): "List Bullet" makes a Word list item)."""
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Senioři", *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, r, i if isinstance(i, str) else None)
            for n, r, i in zip(table["name"], table["role"], table["item_ref"])}


def test_a_realizator_after_a_dash_with_a_colon_is_responsible_for_the_item(tmp_path: Path) -> None:
    """Class 11: "Aktivita 3.2.1 ... – realizátor: X, z. s. – splněno" gives X responsible for
    3.2.1, not provider; so does an unnumbered "Aktivita: ... – realizátor: Obec Y" (untied)."""
    found = rows(
        tmp_path,
        "Opatření 3.2 Podpora bydlení",
        "Aktivita 3.2.1 Rozšíření azylového domu v Lipnici – realizátor: Přístav Lipnice, z. s. – "
        "splněno, kapacita navýšena z 10 na 14 lůžek.",
        "Aktivita 3.2.2 Tréninkové byty – realizátor: Přístav Lipnice, z. s.; nový úvazek 0,5.",
    )
    assert ("Přístav Lipnice", "responsible", "3.2.1") in found
    assert ("Přístav Lipnice", "responsible", "3.2.2") in found
    assert not {row for row in found if row[0] == "Přístav Lipnice" and row[1] == "provider"}


def test_an_unnumbered_activitys_realizator_is_responsible_untied(tmp_path: Path) -> None:
    """Class 11: "• Aktivita: Sociální byty – realizátor: Obec Y" in a report without plan
    numbers gives Obec Y an untied responsible row, not a provider or mentioned one."""
    found = rows(
        tmp_path,
        "Účastníci se shodli na zařazení těchto aktivit do plánu:",
        "• Aktivita: Rozšíření terénního programu – realizátor: Poutník Lhota, z. s.",
        "• Aktivita: Sociální byty v obci – realizátor: Obec Horní Lhotka",
    )
    assert ("Obec Horní Lhotka", "responsible", None) in found
    assert ("Poutník Lhota", "responsible", None) in found
    assert not {row for row in found if row[1] in ("provider", "mentioned")}


def test_a_realizator_in_parentheses_is_responsible_for_the_item(tmp_path: Path) -> None:
    """Class 11: "Aktivita 1.4.1 ... o 2 lůžka (realizátor: Město X)" ties the town to 1.4.1."""
    found = rows(
        tmp_path,
        "Opatření 1.4 Krizové bydlení",
        "Aktivita 1.4.1 Vznik 2 krizových bytů v městském bytovém fondu (realizátor: Město Dolní Brod)",
        "Aktivita 1.4.2 Navýšení terénní práce o 0,5 úvazku (realizátor: Modrý most, o.p.s.)",
    )
    assert ("Město Dolní Brod", "responsible", "1.4.1") in found
    assert ("Modrý most", "responsible", "1.4.2") in found


def test_no_untied_row_of_a_role_held_for_an_item(tmp_path: Path) -> None:
    """SPEC v1.2: "a role held without an item gives one untied row, unless the organisation
    holds the same role for some item": a provider named in a plan item's provider line and
    again in prose as running the service gets its tied row only."""
    found = rows(
        tmp_path,
        "Paní Malá informovala, že Jasmín Hradec, z. ú. provozuje terénní programy ve třech obcích.",
        "Aktivita 2.1.1 Navýšit kapacitu terénních programů",
        "Poskytovatel: Jasmín Hradec, z. ú.",
    )
    jasmin = {row for row in found if row[0] == "Jasmín Hradec"}
    assert ("Jasmín Hradec", "provider", "2.1.1") in jasmin
    assert ("Jasmín Hradec", "provider", None) not in jasmin


def test_an_activity_without_a_realizator_takes_its_measures_responsible(tmp_path: Path) -> None:
    """Class 12: "Opatření 4.1 ..." / "Zodpovídá: Město X" / "Aktivita 4.1.1 ..." with no
    realizátor of its own: Město X is responsible for 4.1.1 as well; an activity that names its
    own realizátor (4.1.2) stays that one's only."""
    found = rows(
        tmp_path,
        "Opatření 4.1 Podpora dostupného bydlení",
        "Zodpovídá: Město Dolní Brod",
        "Aktivita 4.1.1 Zřízení krizového bytu",
        "Aktivita 4.1.2 Tréninkové byty pro mladé dospělé",
        "Realizátor: Přístav Lipnice, z. s.",
    )
    assert ("Město Dolní Brod", "responsible", "4.1") in found
    assert ("Město Dolní Brod", "responsible", "4.1.1") in found
    assert ("Přístav Lipnice", "responsible", "4.1.2") in found
    assert ("Město Dolní Brod", "responsible", "4.1.2") not in found


def test_an_application_line_makes_an_applicant_not_also_a_provider(tmp_path: Path) -> None:
    """A line under "projednala žádosti poskytovatelů:" ("- Spolek X – odlehčovací služby,
    navýšení z 6 na 9 lůžek") is the organisation's application: one applicant row, no
    provider row from the service on the same line, also when it is tied to a plan item."""
    found = rows(
        tmp_path,
        "Aktivita 1.2.1 Rozšíření odlehčovací služby (realizátor: Domov Lípa Horní Brod, p. o.)",
        "K bodu 3 Síť sociálních služeb",
        "Skupina projednala žádosti poskytovatelů působících na území města:",
        ("List Bullet", "Domov Lípa Horní Brod, p. o. – odlehčovací služby, pobytová forma, navýšení z 6 na 9 lůžek,"),
        ("List Bullet", "Modrý most, o.p.s. – terénní programy, z 1,5 na 2 úvazky."),
    )
    lipa = {row for row in found if row[0] == "Domov Lípa Horní Brod"}
    assert ("Domov Lípa Horní Brod", "responsible", "1.2.1") in lipa
    assert ("Domov Lípa Horní Brod", "applicant", None) in lipa
    assert ("Domov Lípa Horní Brod", "provider", None) not in lipa


def test_dash_paragraphs_under_an_application_intro_are_applicants(tmp_path: Path) -> None:
    """Word-HTML dash paragraphs ("-&nbsp;Spolek X – ...", paragraphs, not list items) under
    "přehled žádostí poskytovatelů o změnu kapacity ...:" are that list's items: applicants."""
    found = rows(
        tmp_path,
        "Paní Malá předložila přehled žádostí poskytovatelů o změnu kapacity, které odbor obdržel:",
        "- Oblastní charita Horní Brod – pečovatelská služba, navýšení o 2 úvazky,",
        "- Město Lipnice – pečovatelská služba, snížení o 1 úvazek.",
    )
    assert ("Oblastní charita Horní Brod", "applicant", None) in found
    assert ("Město Lipnice", "applicant", None) in found
    assert not {row for row in found if row[1] == "provider"}


def test_a_line_opening_with_an_activity_number_ties_to_that_item(tmp_path: Path) -> None:
    """A line "Aktivita 1.3.1 ... – realizátor: X" whose number the plan already took earlier
    in the minutes ties X to 1.3.1, not to the activity on the line above it."""
    found = rows(
        tmp_path,
        "Aktivita 1.3.1 Zřízení terénní odlehčovací služby",
        "K bodu 5 Návrh aktivit",
        "Aktivita 1.1.3 Pečovatelská služba o víkendech – realizátor: Spolek Sova, z. s. – navýšení o 1 úvazek.",
        "Aktivita 1.3.1 Zřízení terénní odlehčovací služby – realizátor: Přístav Lipnice, z. ú. – kapacita 6 klientů.",
    )
    assert ("Přístav Lipnice", "responsible", "1.3.1") in found
    assert ("Přístav Lipnice", "responsible", "1.1.3") not in found
