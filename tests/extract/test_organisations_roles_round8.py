"""Roles and names of organisations in commission and working-group minutes, read from real
DOCX files through the real run (issue 15, organisations round 8; SPEC v1.2 role cue words:
who asks for money or a change of capacity → `applicant`, who pays → `funder`). Names, towns,
numbers and sums are invented; regions are real regions (a closed list)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def rows(tmp_path: Path, *paragraphs: str) -> set[tuple]:
    """The (name, role, item_ref, legal_form) rows of a DOCX of minutes made of these paragraphs."""
    out = run_docx(tmp_path, minutes("Zápis z 2. schůze sociální komise", *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, r, i if isinstance(i, str) else None, f if isinstance(f, str) else None)
            for n, r, i, f in zip(table["name"], table["role"], table["item_ref"], table["legal_form"])}


def roles_of(found: set[tuple], name: str) -> set[str]:
    return {r[1] for r in found if r[0] == name}


def test_the_one_a_contribution_is_given_to_after_a_word_for_its_kind_is_the_applicant(tmp_path: Path) -> None:
    """"doporučuje Radě města poskytnout spolku X, z. s., IČ ..., finanční příspěvek na provoz
    nízkoprahového zařízení" (the recipient named after "spolku", in the dative): X asked for the
    contribution; it is no provider of the service the grant is for."""
    found = rows(
        tmp_path,
        "Sociální komise po projednání nedoporučuje Radě města poskytnout spolku Jeřabina, z. s., IČ 7731204, "
        "finanční příspěvek na provoz nízkoprahového zařízení pro děti a mládež, neboť žádost nesplňuje "
        "podmínky programu.",
    )
    assert roles_of(found, "Jeřabina") == {"applicant"}, found  # "spolku" classifies


def test_a_speaker_line_with_the_organisation_in_parentheses_and_a_request_makes_it_the_applicant(
        tmp_path: Path) -> None:
    """"Surname (Org) – žádost o navýšení kapacity ..." / "Surname (Org, z. ú.) – žádost o zařazení
    nové služby ...": the line names the organisation's request; it applies."""
    found = rows(
        tmp_path,
        "Průběh jednání:",
        "Vránová (Charita Dolní Lhota) – žádost o navýšení kapacity sociálně terapeutické dílny o 2 úvazky "
        "pracovníků v přímé péči (z 3 na 5 úvazků).",
        "Bc. Kubelková (LIPNICE, z. ú.) – žádost o zařazení nové služby osobní asistence v rozsahu 2 úvazků.",
    )
    assert "applicant" in roles_of(found, "Charita Dolní Lhota"), found
    assert roles_of(found, "LIPNICE") == {"applicant"}, found


def test_who_pays_in_its_own_clause_is_the_funder_not_the_applicant_of_the_sentence(tmp_path: Path) -> None:
    """"X žádají o navýšení ... o 1 úvazek, navýšení by uhradil Olomoucký kraj z dotace MPSV":
    the region pays (a verb of paying in its own clause); the application is X's. "z dotace
    Zlínského kraje a z příspěvku Města Y": the town's contribution makes it a funder too."""
    found = rows(
        tmp_path,
        "• Domácí péče Lipůvka, o. p. s. žádají o navýšení pečovatelské služby o 1 úvazek, navýšení by "
        "uhradil Olomoucký kraj z dotace MPSV – PS žádost podporuje",
        "Nová služba bude hrazena z dotace Zlínského kraje a z příspěvku Města Horní Lipová.",
    )
    assert roles_of(found, "Olomoucký kraj") == {"funder"}, found
    assert roles_of(found, "Domácí péče Lipůvka") == {"applicant"}, found
    assert roles_of(found, "Zlínský kraj") == {"funder"}, found
    assert roles_of(found, "Město Horní Lipová") == {"funder"}, found


def test_a_function_noun_before_an_organisation_in_the_genitive_is_no_part_of_its_name(tmp_path: Path) -> None:
    """"Ředitelka Domova seniorů X, p. o. Mgr. Eva Malá informovala ..." names Domov seniorů X
    (nominative), not "Ředitelka domov seniorů X"; so does "vedoucí Domova Y"."""
    found = rows(
        tmp_path,
        "Poslední blok patřil poskytovatelům. Ředitelka Domova seniorů Horní Lipová, p. o. Mgr. Eva Malá "
        "informovala o otevření nového oddělení domova se zvláštním režimem s kapacitou 14 lůžek.",
    )
    names = {r[0] for r in found}
    assert "Domov seniorů Horní Lipová" in names, found
    assert not any(n.lower().startswith("ředitel") for n in names), found
    assert ("Domov seniorů Horní Lipová", "provider", None, "p. o.") in found


def test_a_name_given_in_full_wins_over_a_bare_run_cut_at_its_first_lower_case_word(tmp_path: Path) -> None:
    """"Péče o duši, z. s. žádá o ..." then "doporučuje žádost spolku Péče o duši podpořit": the
    second mention is the organisation named before, not a body "Péče"."""
    found = rows(
        tmp_path,
        "Tajemnice představila žádosti poskytovatelů. Péče o duši, z. s. žádá o zařazení nové služby "
        "sociální rehabilitace v rozsahu 2 úvazků.",
        "Komise doporučuje žádost spolku Péče o duši podpořit (hlasování 7/0/0).",
    )
    assert {r[0] for r in found} == {"Péče o duši"}, found
    assert roles_of(found, "Péče o duši") == {"applicant"}, found


def test_a_town_noun_after_a_capitalised_adjective_is_part_of_a_place_name(tmp_path: Path) -> None:
    """"v Novém Městě nad Lesem", "Staré Město u Lipové": a town's own name, not the body "Město
    nad Lesem"; "Statutární město Lipová" and "Město Horní Lipová" stay bodies."""
    found = rows(
        tmp_path,
        "Aktivita 2.2.1 Zřízení denního stacionáře pro seniory v Novém Městě nad Lesem se posouvá na rok 2032.",
        "Terénní program ve Starém Městě u Lipové zajišťuje Statutární město Lipová, poradnu provozuje "
        "Město Horní Lipová.",
    )
    names = {r[0] for r in found}
    assert not any("nad Lesem" in n or "u Lipové" in n for n in names), found
    assert {"Statutární město Lipová", "Město Horní Lipová"} <= names, found


def test_a_group_row_across_a_providers_table_is_no_provider(tmp_path: Path) -> None:
    """A network table "Poskytovatel | IČ | Druh služby | Kapacita" with merged target-group rows
    ("Senioři", "Osoby ohrožené sociálním vyloučením") over the providers: the group rows name
    no organisation; the providers below them are providers."""
    document = minutes("Akční plán rozvoje sociálních služeb na rok 2032", "Výběr z přílohy č. 1:")
    table = document.add_table(rows=5, cols=4)
    for col, text in enumerate(("Poskytovatel", "IČ", "Druh služby", "Kapacita")):
        table.cell(0, col).text = text
    for row, text in ((1, "Senioři"), (3, "Osoby ohrožené sociálním vyloučením")):
        merged = table.cell(row, 0).merge(table.cell(row, 3))
        merged.text = text
    for row, values in ((2, ("Domov Jasanka Lipová, p. o.", "70991111", "domovy pro seniory", "40 lůžek")),
                        (4, ("Spolek Přístav Lipová, z. s.", "26591999", "noclehárny", "10 lůžek"))):
        for col, text in enumerate(values):
            table.cell(row, col).text = text
    out = run_docx(tmp_path, document)
    found = pd.read_parquet(out / "organisations.parquet")
    names = set(found["name"])
    assert {"Domov Jasanka Lipová", "Spolek Přístav Lipová"} <= names, names
    assert not names & {"Senioři", "Osoby ohrožené sociálním vyloučením"}, names


def test_a_body_named_after_its_branch_office_noun_leaves_the_place_to_the_branch(tmp_path: Path) -> None:
    """"Jan Malý, Úřad práce ČR, kontaktní pracoviště Lhota" and later "úředních hodin kontaktního
    pracoviště Úřadu práce ČR v Lhotě": the second names the body (the place is the branch's),
    so both are one organisation, Úřad práce ČR."""
    found = rows(
        tmp_path,
        "Hosté:",
        ("List Bullet", "Jan Malý, Úřad práce ČR, kontaktní pracoviště Lhota (odchod 15:10)"),
        "J. Malý informoval o změně úředních hodin kontaktního pracoviště Úřadu práce ČR v Lhotě.",
    )
    names = {r[0] for r in found}
    assert "Úřad práce ČR" in names, found
    assert not any(n.startswith("Úřad práce ČR") and n != "Úřad práce ČR" for n in names), found


def test_a_bare_named_head_is_the_one_organisation_of_the_document_with_that_word(tmp_path: Path) -> None:
    """"Eva Malá z Farní charity Lhota informovala ... Charita proto plánuje navýšení kapacity
    noclehárny": the bare "Charita" is Farní charita Lhota, no organisation "Charita"."""
    found = rows(
        tmp_path,
        "Eva Malá z Farní charity Lhota informovala, že noclehárna v Lhotě má kapacitu 6 lůžek. Charita proto "
        "od prosince plánuje navýšení kapacity noclehárny na 10 lůžek.",
    )
    names = {r[0] for r in found}
    assert "Farní charita Lhota" in names and "Charita" not in names, found


def test_a_name_opening_a_line_as_the_subject_of_a_providing_verb_is_a_provider(tmp_path: Path) -> None:
    """"• Slunce 21 nabízí tísňovou péči i seniorům z Lipové – informovala Malá": the bare name with
    its number, subject of "nabízí" with a service type after it, provides that service; a person
    or a service type in that place is no organisation."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání PS Senioři a OZP",
        ("List Bullet", "Slunce 21 nabízí tísňovou péči i seniorům z Lipové, kontakt tel. 584 111 222 – informovala Malá"),
        ("List Bullet", "Eva Malá nabízí sociální poradenství v klubu seniorů."),
        ("List Bullet", "Pečovatelská služba nabízí i víkendové návštěvy."),
    ))
    orgs = pd.read_parquet(out / "organisations.parquet")
    assert set(zip(orgs["name"], orgs["role"])) == {("Slunce 21", "provider")}, orgs
    services = pd.read_parquet(out / "services.parquet")
    assert ("tísňová péče", "Slunce 21") in set(zip(services["service_type"], services["organisation"]))


def test_the_one_who_will_carry_out_a_measure_is_responsible_for_it(tmp_path: Path) -> None:
    """"Opatření 2.2 Podpora rodin s dětmi v krizi bude realizovat Slezská diakonie, která rozšíří
    ... o 1 úvazek": the future "bude realizovat" makes it responsible for 2.2, like "realizuje"."""
    found = rows(
        tmp_path,
        "Koordinátor informoval o návrhu akčního plánu. Opatření 2.2 Podpora rodin s dětmi v krizi bude "
        "realizovat Charita Horní Lipová, která rozšíří sociálně aktivizační službu pro rodiny s dětmi o 1 úvazek.",
    )
    assert ("Charita Horní Lipová", "responsible", "2.2", None) in found, found
    assert not {r for r in found if r[0] == "Charita Horní Lipová" and r[1] == "provider"}, found


def test_a_region_named_by_its_own_name_owns_the_budget_it_pays_from(tmp_path: Path) -> None:
    """"Navýšení bylo hrazeno z rozpočtu Kraje Vysočina a z rozpočtu Města X": both pay; the
    region's name ends before "a z" (a new phrase, not "Tvorba a distribuce")."""
    found = rows(
        tmp_path,
        "Domácí péče Lipůvka, o. p. s. navýšila od 1. 1. 2032 kapacitu pečovatelské služby z 6 na 7,5 úvazku. "
        "Navýšení bylo hrazeno z rozpočtu Kraje Vysočina a z rozpočtu Města Horní Lipová.",
    )
    assert roles_of(found, "Kraj Vysočina") == {"funder"}, found
    assert roles_of(found, "Město Horní Lipová") == {"funder"}, found


def test_a_region_giving_a_grant_as_its_clauses_subject_is_the_funder(tmp_path: Path) -> None:
    """"...; Karlovarský kraj poskytuje dofinancování služeb v síti": the region gives the money."""
    found = rows(
        tmp_path,
        "Sociální služby zařazené do sítě jsou financovány z dotace MPSV a z rozpočtu kraje; Plzeňský kraj "
        "poskytuje dofinancování služeb v síti v rámci programu podpory.",
    )
    assert roles_of(found, "Plzeňský kraj") == {"funder"}, found


def test_a_bare_name_right_after_an_application_for_a_grant_is_the_applicant(tmp_path: Path) -> None:
    """"ad 6) Žádost o příspěvek Domova Zahrada Lhota byla odložena": Domov Zahrada Lhota applied."""
    found = rows(
        tmp_path,
        "ad 6) Žádost o příspěvek Domova Zahrada Lhota byla odložena pro doplnění informací do příštího "
        "zasedání. P. Kadlec upozornil, že domov plánuje rozšíření z 40 na 46 lůžek.",
    )
    assert roles_of(found, "Domov Zahrada Lhota") == {"applicant"}, found
