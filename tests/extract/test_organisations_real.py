"""Organisation rows read from real DOCX files through the real run (issue 15): public bodies
written as abbreviations with their place, bare office abbreviations, the one asked for help.
Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def organisations(tmp_path: Path, *paragraphs: str) -> set[tuple[str, str]]:
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Rodina", *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return set(zip(table["name"], table["role"]))


def test_an_office_abbreviation_takes_the_place_it_names(tmp_path: Path) -> None:
    """Class 16: "ÚMČ Lipová 7", "MěÚ Horní Ves", "KrÚ ZLK" are the bodies, not the bare
    abbreviations; a place after the abbreviation runs over a town's numbered part and the
    prepositions inside a town's name."""
    found = organisations(
        tmp_path,
        "Jednání se konalo v zasedací místnosti ÚMČ Lipová 7, Dlouhá 12.",
        "Ing. Petr Sova, vedoucí odboru sociálních věcí MěÚ Horní Ves nad Lesem, přivítal přítomné.",
        "Mgr. Eva Dubová, KrÚ ZLK, seznámila členy s návrhem.",
    )
    names = {name for name, _ in found}
    assert {"ÚMČ Lipová 7", "MěÚ Horní Ves nad Lesem", "KrÚ ZLK"} <= names
    assert not names & {"ÚMČ", "MěÚ", "KrÚ"}


def test_a_bare_office_abbreviation_is_the_one_office_named_in_full(tmp_path: Path) -> None:
    """Class 16: "v sídle ÚMČ" is the document's one ÚMČ written with its place; a bare "OÚ" in
    a document naming no such office is no organisation (a glossary line, "na OÚ")."""
    found = organisations(
        tmp_path,
        "Místo jednání: ÚMČ Lipová 7, zasedací místnost.",
        "Poradna bude mít pobočku v sídle ÚMČ.",
        "Formuláře jsou k dispozici na OÚ.",
    )
    names = {name for name, _ in found}
    assert "ÚMČ Lipová 7" in names
    assert not names & {"ÚMČ", "OÚ"}


def test_a_place_is_no_office(tmp_path: Path) -> None:
    """Class 15: a municipal district named as the territory of a service ("na území MČ X")."""
    found = organisations(tmp_path, "Službu poskytuje Spolek Javor, z. s. na území MČ Lipová 7 a okolních obcí.")
    assert "MČ Lipová 7" not in {name for name, _ in found}


def test_the_one_asked_for_help_is_no_applicant(tmp_path: Path) -> None:
    """Class 13: "Spolek X ... požádal MěÚ Y o pomoc": the office is asked, Spolek X asks."""
    found = organisations(
        tmp_path,
        "Spolek Javor, z. s. nemá pro službu vhodné prostory a požádal MěÚ Horní Ves o pomoc při jejich hledání.",
    )
    assert ("MěÚ Horní Ves", "applicant") not in found
    assert "MěÚ Horní Ves" in {name for name, _ in found}


def test_a_regions_council_and_assembly_are_bodies(tmp_path: Path) -> None:
    """Class 16: "Rada Podlesného kraje", "Zastupitelstvu Podlesného kraje" (any case) are the
    region's bodies, not the region; a bare "Rada" is no organisation."""
    found = organisations(
        tmp_path,
        "Předkládá: Rada Podlesného kraje",
        "Výbor doporučuje Zastupitelstvu Podlesného kraje schválit akční plán.",
        "Rada vzala zprávu na vědomí.",
    )
    names = {name for name, _ in found}
    assert {"Rada Podlesného kraje", "Zastupitelstvo Podlesného kraje"} <= names
    assert not names & {"Rada", "Podlesný kraj"}


def test_a_name_ends_before_a_plan_items_label(tmp_path: Path) -> None:
    """Class 14: a line break lost between a realizátor and the next item ("... realizátor:
    Oblastní charita Lhota Opatření 1.2 Zřízení ...") does not make the label part of the name."""
    found = organisations(
        tmp_path,
        "Opatření 1.1 Rozšíření pečovatelské služby – navýšení o 1 úvazek, realizátor: Oblastní charita "
        "Lhota Opatření 1.2 Zřízení odlehčovací služby s kapacitou 4 klientů",
    )
    names = {name for name, _ in found}
    assert "Oblastní charita Lhota" in names
    assert not any("Opatření" in name for name in names)


def test_a_union_of_municipalities_keeps_its_genitive(tmp_path: Path) -> None:
    """Class 14: "Svazku obcí Podlesí" is "Svazek obcí Podlesí" (the head in the nominative, the
    genitive after it kept)."""
    found = organisations(tmp_path, "Partnerem projektu je Svazek obcí Podlesí.",
                          "Plán byl projednán na jednání Svazku obcí Podlesí.")
    names = {name for name, _ in found}
    assert "Svazek obcí Podlesí" in names
    assert not any("obec Podlesí" in name for name in names)
