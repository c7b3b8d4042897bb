"""Funders and applicants named in prose and under an application line, read from real DOCX
files through the real run (issue 15, class 13; SPEC v1.2 role cue words: who pays →
`funder`, who asks for money → `applicant`). Names, towns and sums are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def _rows(out: Path) -> set[tuple]:
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, r, i if isinstance(i, str) else None)
            for n, r, i in zip(table["name"], table["role"], table["item_ref"])}


def rows(tmp_path: Path, *paragraphs: str) -> set[tuple]:
    """The (name, role, item_ref) rows of a DOCX of minutes made of these paragraphs."""
    return _rows(run_docx(tmp_path, minutes("Zápis z 5. jednání sociální komise", *paragraphs)))


def test_the_author_of_an_application_named_after_the_noun_is_the_applicant(tmp_path: Path) -> None:
    """"projednal žádost organizace X o dotaci" and "s podáním žádosti organizace Y, p. o.,
    o dotaci" make X and Y applicants (not mentioned, not providers)."""
    found = rows(
        tmp_path,
        "Výbor projednal žádost organizace Modrá linka o.p.s. o individuální dotaci ve výši "
        "120 000 Kč na provoz poradny. Výbor žádost doporučuje.",
        "Rada souhlasí s podáním žádosti organizace Domov Na Stráni Hořany, příspěvková organizace, "
        "o dotaci na modernizaci pavilonu.",
        "Spolek Jitřenka, z. s., který osobní asistenci poskytuje, se omluvil; koordinátorka ho požádá o podklady.",
    )
    assert not {r for r in found if r[0] == "Spolek Jitřenka" and r[1] == "applicant"}  # asked for papers
    assert ("Modrá linka", "applicant", None) in found
    assert ("Domov Na Stráni Hořany", "applicant", None) in found
    assert not {r for r in found if r[0] in ("Modrá linka", "Domov Na Stráni Hořany") and r[1] != "applicant"}


def test_a_body_that_decides_on_grants_and_a_ministry_owning_a_grant_are_funders(tmp_path: Path) -> None:
    """"o dotacích rozhoduje Zastupitelstvo X kraje", "kryto dotací MPSV" and "Kraj Y
    požádá Ministerstvo Z o dotaci" (Y applies, the ministry pays)."""
    found = rows(
        tmp_path,
        "Program vyhlašuje Rada Horského kraje, o dotacích rozhoduje Zastupitelstvo Horského kraje.",
        "Členka výboru se dotázala, zda navýšení kapacit bude kryto dotací MPSV.",
        "Návrh byl projednán s poskytovateli. Lesní kraj na jeho základě požádá Ministerstvo "
        "práce a sociálních věcí o dotaci na rok 2031.",
    )
    assert ("Zastupitelstvo Horského kraje", "funder", None) in found
    assert ("MPSV", "funder", None) in found or ("Ministerstvo práce a sociálních věcí", "funder", None) in found
    assert ("Lesní kraj", "applicant", None) in found
    assert not {r for r in found if r[1] == "mentioned"}


def test_the_commissioners_of_a_plan_are_funders(tmp_path: Path) -> None:
    """"zadavatelé, kterými jsou: Obec X, Obec Y a Město Z" names the plan's commissioners,
    who pay for it; "poskytovatelem dotace je Kraj W" names the grant's giver, not a provider."""
    found = rows(
        tmp_path,
        "Na plánu se podíleli poskytovatelé, uživatelé i zadavatelé, kterými jsou: Obec Dolní Lhota, "
        "Obec Vrbice a Město Kamenná nad Sázavou. Plán stanoví, kdo se o co postará.",
        "Poskytovatelem dotace je Lesní kraj, žádosti se podávají do 31. 1.",
    )
    for name in ("Obec Dolní Lhota", "Obec Vrbice", "Město Kamenná nad Sázavou", "Lesní kraj"):
        assert (name, "funder", None) in found, name
    assert not {r for r in found if r[1] in ("provider", "mentioned")}


def test_a_table_under_a_line_naming_applications_lists_applicants(tmp_path: Path) -> None:
    """A table "Poskytovatel | Sociální služba | Příspěvek" right under "... na základě žádostí
    poskytovatelů takto:" lists the applicants; the services keep their providers."""
    document = minutes(
        "Výpis usnesení valné hromady svazku obcí",
        "VH schvaluje rozdělení příspěvků členských obcí na rok 2031 na základě žádostí poskytovatelů takto:",
    )
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate((("Poskytovatel", "Sociální služba", "Příspěvek (Kč)"),
                               ("Charita Horní Ves", "pečovatelská služba", "120 000"),
                               ("Klub Slunovrat, z. s.", "sociálně terapeutická dílna", "40 000"))):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("Hlasování: pro 5, proti 0, zdržel se 0.")
    out = run_docx(tmp_path, document)
    found = _rows(out)
    assert ("Charita Horní Ves", "applicant", None) in found
    assert ("Klub Slunovrat", "applicant", None) in found
    assert not {r for r in found if r[1] == "provider"}
    services = pd.read_parquet(out / "services.parquet")
    assert ("pečovatelská služba", "Charita Horní Ves") in set(zip(services["service_type"], services["organisation"]))


def test_the_organisations_of_a_working_groups_listed_members_are_members(tmp_path: Path) -> None:
    """Class 2/13 (SPEC v1.2: people listed as a body's composition are `member`, and so are
    their organisations): an inline list "Pracovní skupina X: Name (Org), ..." gives each
    organisation a member row, "(obec Y)" in lower case names the municipality Obec Y, and
    an organisation responsible for an item keeps its member row besides."""
    found = rows(
        tmp_path,
        "Pracovní skupina Rodina a děti: Mgr. Iva Horská (Charita Lipová), Ing. Josef Kmoch "
        "(obec Vrbice), Bc. Dana Lesná (ZŠ Lipová).",
        "Aktivita 2.1.1 Rozšíření terénní služby – realizátor: Charita Lipová",
    )
    assert ("Charita Lipová", "responsible", "2.1.1") in found
    assert ("Charita Lipová", "member", None) in found
    assert ("Obec Vrbice", "member", None) in found
    assert ("ZŠ Lipová", "member", None) in found


def test_a_branch_office_is_its_body_when_the_body_is_named_alone(tmp_path: Path) -> None:
    """Class 14: "realizátor: Úřad práce ČR, kontaktní pracoviště Lhota 4" in minutes that also
    name "Úřadem práce ČR" is one organisation, Úřad práce ČR, responsible for the item; an
    office responsible for an item runs no service named in its title (no services row)."""
    (tmp_path / "a").mkdir()
    out = run_docx(tmp_path / "a", minutes(
        "Zápis z jednání pracovní skupiny Osoby bez domova",
        "Opatření 3.4 Spolupráce s úřady",
        "Aktivita 3.4.1 Společné konzultační dny s Úřadem práce ČR v nízkoprahovém denním centru – "
        "realizátor: Úřad práce ČR, kontaktní pracoviště Lhota 4",
    ))
    found = _rows(out)
    assert ("Úřad práce ČR", "responsible", "3.4.1") in found
    assert not {r for r in found if "pracoviště" in r[0]}
    services = pd.read_parquet(out / "services.parquet")
    assert "Úřad práce ČR" not in set(services["organisation"].dropna())


def test_a_branch_office_named_alone_keeps_its_place(tmp_path: Path) -> None:
    """The same office in minutes that never name the body alone keeps its place."""
    (tmp_path / "b").mkdir()
    found = _rows(run_docx(tmp_path / "b", minutes(
        "Zápis z jednání pracovní skupiny Senioři",
        "Partneři: Úřad práce ČR – kontaktní pracoviště Horní Lhota, Město Vrbno",
    )))
    assert ("Úřad práce ČR – kontaktní pracoviště Horní Lhota", "partner", None) in found


def test_a_service_in_a_measure_takes_the_responsible_of_that_measure_not_of_its_namesakes(tmp_path: Path) -> None:
    """Class 12 (services take an organisation from the item's responsible): a plan whose
    measures restart at "Opatření 1" in every priority gives each service in a measure's
    activities the realizátor written under that measure, not nobody; a service the measure
    names as missing ("chybí") gets no provider."""
    (tmp_path / "c").mkdir()
    out = run_docx(tmp_path / "c", minutes(
        "Komunitní plán sociálních služeb Horní Lhota",
        ("Heading 2", "Priorita: Lhotecko"),
        "Opatření 1: Rozšíření pobytových služeb pro seniory",
        "Popis opatření: Na Lhotecku chybí sociálně terapeutické dílny.",
        "Aktivity:",
        ("List Bullet", "zřízení pobytové odlehčovací služby s kapacitou 3 lůžek"),
        "Realizátor: Domov Jasan Lhota, p. o.",
        ("Heading 2", "Priorita: Vrbensko"),
        "Opatření 1: Práce v sociálně vyloučených lokalitách",
        "Aktivity:",
        ("List Bullet", "zavedení terénního programu s jedním pracovníkem"),
        "Realizátor: Spolek Brod, z. s.",
    ))
    services = pd.read_parquet(out / "services.parquet")
    found = set(zip(services["service_type"], services["organisation"]))
    assert ("odlehčovací služby", "Domov Jasan Lhota") in found
    assert ("terénní programy", "Spolek Brod") in found
    # named as missing there: nobody provides it, not the measure's realizátor
    assert not {org for service, org in found if service == "sociálně terapeutické dílny" and isinstance(org, str)}


def test_the_organisation_in_the_cell_beside_a_listed_member_is_a_member(tmp_path: Path) -> None:
    """A borderless member table "name | function, organisation" under "Přítomni:": the
    organisation in the cell beside the person is a member organisation, also one the
    shapes alone do not take for a name ("ZŠ U Lesa")."""
    (tmp_path / "d").mkdir()
    document = minutes("Zápis z jednání pracovní skupiny Rodiny s dětmi", "Přítomni:")
    table = document.add_table(rows=3, cols=2)
    for r, cells in enumerate((("Mgr. Eva Horáková", "vedoucí PS, Odbor sociálních věcí ÚMČ Praha 31"),
                               ("Bc. Jan Novotný", "ZŠ U Lesa"),
                               ("Ivana Malá, DiS.", "Klub Pohoda, z. s."))):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("Jednání zahájila vedoucí PS Mgr. Horáková v 15.00 hod.")
    found = _rows(run_docx(tmp_path / "d", document))
    assert ("ZŠ U Lesa", "member", None) in found
    assert ("Klub Pohoda", "member", None) in found


def test_recipients_of_grants_listed_under_the_award_are_applicants(tmp_path: Path) -> None:
    """Class 13/14: "doporučuje schválit poskytnutí dotací nestátním neziskovým organizacím,
    mj.:" then dash lines "– Sdružení Zelená ruka – kontaktní centrum Lhota, 280 000 Kč": each
    organisation opening a line is an applicant (the grant's recipient), and "Sdružení" with an
    adjective and its noun ("Zelená ruka") is one name; the service keeps its provider."""
    (tmp_path / "e").mkdir()
    out = run_docx(tmp_path / "e", minutes(
        "Usnesení z 3. zasedání sociálního výboru",
        "Výbor doporučuje Zastupitelstvu Lesního kraje schválit poskytnutí dotací nestátním neziskovým "
        "organizacím v sociální oblasti, mj.:",
        "– Charita Dolní Ves – azylový dům pro matky s dětmi, 300 000 Kč",
        "– Sdružení Zelená ruka – kontaktní centrum Lhota, 280 000 Kč",
        "Hlasování: pro 7, proti 0, zdržel se 0.",
    ))
    found = _rows(out)
    assert ("Charita Dolní Ves", "applicant", None) in found
    assert ("Sdružení Zelená ruka", "applicant", None) in found
    assert not {r for r in found if r[1] == "provider"}
    services = pd.read_parquet(out / "services.parquet")
    assert ("kontaktní centra", "Sdružení Zelená ruka") in set(zip(services["service_type"], services["organisation"]))


def test_an_abbreviation_spelled_out_in_the_list_of_abbreviations_is_named_in_full(tmp_path: Path) -> None:
    """Class 16: a "Seznam zkratek" of lines "LsK<tab>Lesní kraj" names the organisation an
    abbreviation stands for ("Partneři: LsK (zřizovatel)" -> Lesní kraj, partner); the list's own
    lines ("CpR<tab>Centrum pro rodinu") name no organisation of the content."""
    (tmp_path / "f").mkdir()
    found = _rows(run_docx(tmp_path / "f", minutes(
        "Komunitní plán sociálních služeb ORP Horní Lhota",
        "Seznam zkratek",
        "CpR\tCentrum pro rodinu",
        "DPS\tdům s pečovatelskou službou",
        "LsK\tLesní kraj",
        "MMR\tMinisterstvo pro místní rozvoj",
        "Opatření 1: Rozšíření kapacity domova pro seniory",
        "Realizátor: Domov Jasan Lhota, p. o.",
        "Partneři: LsK (zřizovatel)",
        "Zdroje financování: Město Horní Lhota, dotace MMR",
    )))
    assert ("Lesní kraj", "partner", None) in found
    assert ("Ministerstvo pro místní rozvoj", "funder", None) in found
    assert not {r for r in found if r[0] in ("LsK", "MMR", "Centrum pro rodinu")}


def test_site_chrome_names_no_organisation(tmp_path: Path) -> None:
    """Class 15: a page-title line "Lesní kraj – oficiální stránky", a breadcrumb "Archiv >
    Zastupitelstvo LsK > Výbory > Usnesení" and an address footer with a phone name no
    organisation of the content; an organisation named in the body still is one."""
    (tmp_path / "g").mkdir()
    found = _rows(run_docx(tmp_path / "g", minutes(
        "Usnesení z 4. zasedání sociálního výboru",
        "Lesní kraj – oficiální stránky",
        "Archiv > Zastupitelstvo LsK > Výbory > Sociální výbor > Usnesení",
        "Výbor bere na vědomí informaci, kterou podala Charita Dolní Ves.",
        "Rada Horního kraje, Lipová 57, 587 33 Horní Ves, tel.: 564 602 111",
    )))
    names = {r[0] for r in found}
    assert "Charita Dolní Ves" in names
    assert not names & {"Lesní kraj", "Zastupitelstvo LsK", "Rada Horního kraje"}
