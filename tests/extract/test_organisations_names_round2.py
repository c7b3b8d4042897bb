"""Organisation names read from real DOCX files through the real run (issue 15, organisations
second round): name boundaries the first round left open. Names, towns and numbers are
invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def organisations(tmp_path: Path, *paragraphs: str) -> set[tuple[str, str | None, str]]:
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Senioři", *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, f if isinstance(f, str) else None, r)
            for n, f, r in zip(table["name"], table["legal_form"], table["role"])}


def test_a_number_that_ends_a_name_keeps_the_legal_form(tmp_path: Path) -> None:
    """Class 14: "Slunovrat 77, z. ú.", "Hlídač 48, s. r. o.": a number closing a name before
    its legal form is part of the name, which keeps its form; a count before a comma is not."""
    found = organisations(
        tmp_path,
        "Opatření 1.2 Tísňová péče (realizátor: Slunovrat 77, z. ú.)",
        "Bc. Jan Kos uvedl, že tísňovou péči společnosti Hlídač 48, s. r. o. využívá 35 klientů.",
        "Opatření 1.3 Rozšíření kapacity pečovatelské služby z 5 na 7 úvazků (realizátor: Pečovatelská služba Lipno 12, p. o.)",
    )
    names = {(name, form) for name, form, _ in found}
    assert {("Slunovrat 77", "z. ú."), ("Hlídač 48", "s. r. o."),
            ("Pečovatelská služba Lipno 12", "p. o.")} <= names
    assert not {name for name, _ in names} & {"Slunovrat", "Hlídač", "Slunovrat 77, z. ú."}


def test_a_region_that_hands_out_grants_is_a_funder(tmp_path: Path) -> None:
    """Class 13: "z dotací MPSV, které rozděluje Podlesný kraj": the region distributing the
    grants pays, as one that provides or announces them."""
    found = organisations(
        tmp_path,
        "Služby jsou financovány zejména z dotací MPSV, které rozděluje Podlesný kraj, a z úhrad uživatelů.",
    )
    assert ("Podlesný kraj", None, "funder") in found


def test_a_branch_named_by_its_place_after_a_preposition_keeps_it(tmp_path: Path) -> None:
    """Class 14: "Diakonie ČCE – středisko v Lipnici" is the branch, named by its place in the
    locative after "v"/"ve"; the name does not stop at the lower-case preposition."""
    found = organisations(
        tmp_path,
        "Opatření 1.2 Rozšíření kapacity odlehčovací služby z 5 na 7 lůžek "
        "(realizátor: Diakonie ČCE – středisko v Lipnici)",
        "Mgr. Eva Malá, Diakonie ČCE – středisko ve Zbraslavi nad Lesem, informovala o službě.",
    )
    names = {name for name, _, _ in found}
    assert {"Diakonie ČCE – středisko v Lipnici", "Diakonie ČCE – středisko ve Zbraslavi nad Lesem"} <= names
    assert "Diakonie ČCE" not in names


def test_a_capitalised_legal_form_in_front_of_a_name_in_capitals(tmp_path: Path) -> None:
    """Class 14: "Realizátor: Občanské sdružení LESNÍ STEZKA" (a title page in capitals): the
    spelled-out form in front is the legal form, the name is the words in capitals; before a
    name in ordinary case ("Občanské sdružení Lhota, o. s.") it stays part of the name."""
    found = organisations(
        tmp_path,
        "Realizátor projektu: Občanské sdružení LESNÍ STEZKA",
        "Partner: Občanské sdružení Lhota, o. s.",
    )
    names = {(name, form) for name, form, _ in found}
    assert ("LESNÍ STEZKA", "o. s.") in names
    assert ("Občanské sdružení Lhota", "o. s.") in names
    assert not any(name.startswith("Občanské sdružení LESNÍ") for name, _ in names)


def test_a_listed_name_opening_with_a_word_in_capitals_and_a_place(tmp_path: Path) -> None:
    """Class 14: "- KOMPAS Podlesí – sociální rehabilitace, ..." under a line introducing the
    providers' applications: a word in capitals before a place is a brand, the item's name;
    an abbreviation of a target group in capitals ("OOSV") still is no name."""
    found = organisations(
        tmp_path,
        "PhDr. Eva Malá předložila členům komise přehled žádostí poskytovatelů o změnu kapacity:",
        "- Oblastní charita Lipnice – pečovatelská služba, navýšení o 2 úvazky,",
        "- KOMPAS Podlesí – sociální rehabilitace, rozšíření z 3,5 na 5 úvazků,",
        "- OOSV Lipnice – podpora rodin, nová služba.",
    )
    names = {name: role for name, _, role in found}
    assert names.get("KOMPAS Podlesí") == "applicant"
    assert "OOSV Lipnice" not in names


def test_an_institution_named_after_the_old_service_type(tmp_path: Path) -> None:
    """Class 14: "zřízení chráněného bydlení Ústavu sociální péče Lipnice pro 8 klientů": the
    institution still named "Ústav sociální péče" with its place is an organisation, in any
    case, and provides the service named before it."""
    found = organisations(
        tmp_path,
        "Výbor doporučuje Radě kraje schválit zřízení chráněného bydlení Ústavu sociální péče Lipnice "
        "pro 8 klientů.",
    )
    assert ("Ústav sociální péče Lipnice", None, "provider") in found
