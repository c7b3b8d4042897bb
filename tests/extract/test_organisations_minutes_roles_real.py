"""Funders and applicants of committee and working-group minutes, read from real DOCX files
through the real run (issue 15, class 13; SPEC v1.2 role cue words: who pays → `funder`,
who asks for money or a change of capacity → `applicant`). Names, towns and sums are
invented; regions are real regions (a closed list)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def rows(tmp_path: Path, *paragraphs: str) -> set[tuple]:
    """The (name, role, item_ref) rows of a DOCX of minutes made of these paragraphs."""
    out = run_docx(tmp_path, minutes("Zápis z 3. jednání sociálního výboru", *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, r, i if isinstance(i, str) else None)
            for n, r, i in zip(table["name"], table["role"], table["item_ref"])}


def test_who_gives_grants_is_the_funder_in_every_way_minutes_say_it(tmp_path: Path) -> None:
    """A grants table's "Poskytovatel grantů:" label; "dotace, které poskytuje Město X" (the
    giver, no provider of a service); "z rozpočtu MČ Praha N" (a town's part owns its
    budget); "Navýšení uhradí Kraj Y"; a region opening a dash line with "bude financovat";
    the body an application for a grant is filed with ("podána na Magistrát hl. m. Prahy")."""
    found = rows(
        tmp_path,
        "Poskytovatel grantů: Statutární město Horní Brod. Navržené granty v Programu I:",
        "Tajemnice seznámila členy s žádostmi o dotace, které poskytuje Statutární město Vrbno ze svého rozpočtu.",
        "Výbor doporučuje poskytnout částku ve výši 40.000,-Kč z rozpočtu MČ Praha 31 jako příspěvek na provoz.",
        "Mgr. Eva Malá informovala, že pečovatelská služba navýší úvazky z 2 na 3. Navýšení uhradí "
        "Kraj Vysočina z krajské dotace.",
        "- Olomoucký kraj bude v roce 2031 financovat provoz chráněného bydlení z krajského dotačního programu.",
        "Ing. Jan Kos informoval, že Spolek Lipka, z. s. provozuje nízkoprahový klub. Žádost o dotaci byla "
        "podána na Magistrát hl. m. Prahy.",
    )
    for name in ("Statutární město Horní Brod", "Statutární město Vrbno", "MČ Praha 31", "Kraj Vysočina",
                 "Olomoucký kraj", "Magistrát hl. m. Prahy"):
        assert (name, "funder", None) in found, name
    assert not {r for r in found if r[0] != "Spolek Lipka" and r[1] != "funder"}


def test_who_asks_for_money_or_capacity_is_the_applicant_but_not_one_asked_for_help(tmp_path: Path) -> None:
    """An agenda line "4) Nadace X – žádost o podporu"; the one a grant is given to ("doporučuje
    poskytnout o.s.Y částku", the legal form written in front of the name); "Žádost o příspěvek
    Spolku Z byla odložena"; "X požaduje navýšení ..."; "(Spolek W) shrnul požadavky spolku";
    not an organisation in a sentence where a person asks someone for help or a talk
    ("požádala ji o představení", "požádala ÚMČ o pomoc")."""
    found = rows(
        tmp_path,
        "4) Nadace Javorník – žádost o podporu šesti klientů z Lhoty",
        "ad 5) Usnesení: Výbor doporučuje poskytnout o.s.Lipenka částku ve výši 40.000,-Kč z rozpočtu "
        "MČ Praha 31 jako příspěvek na provoz noclehárny.",
        "ad 6) Žádost o příspěvek Spolku Modrásek byla odložena pro doplnění informací.",
        "- Asistence Hrádek, o. p. s. požaduje navýšení osobní asistence z 3 na 4,5 úvazku.",
        "Bc. P. Malý, DiS. (Spolek Krokus) shrnul požadavky spolku do krajské sítě na rok 2031: "
        "sociální rehabilitace z 2,5 na 3 úvazky.",
        "Mgr. Eva Vrbová přivítala manažerku Firma Mapa, s. r. o. paní Mgr. Terezu Kolínovou a požádala ji "
        "o představení analýzy.",
        "P. Vlčková upozornila, že Fokus Lhota, z. ú. zatím nemá vhodné prostory, a požádala ÚMČ Praha 31 "
        "o pomoc při jejich hledání.",
    )
    for name in ("Nadace Javorník", "Lipenka", "Modrásek", "Asistence Hrádek", "Spolek Krokus"):
        assert (name, "applicant", None) in found, name
    assert ("MČ Praha 31", "funder", None) in found
    assert not {r for r in found if r[0] in ("Mapa", "Fokus Lhota", "ÚMČ Praha 31") and r[1] == "applicant"}
    assert not {r for r in found if r[1] == "provider"}  # "noclehárny": the grant's recipient runs it, unnamed


def test_an_organisation_reported_on_a_plan_items_line_is_tied_to_the_item(tmp_path: Path) -> None:
    """Minutes reporting on an action plan: "• Opatření 2.1 Title – Domov X, p. o. otevřel ..."
    makes X the item's provider, tied to 2.1; "(R: Charita Y)" after an item's line makes Y
    responsible for it; a goal whose title ends "– Probační a mediační služba." names a topic,
    not a provider."""
    found = rows(
        tmp_path,
        "ad 3. Plnění akčního plánu 2031",
        "• Opatření 2.1 Podpora pobytových služeb pro osoby s demencí – Domov Jasanka, p. o. otevřel v září "
        "nové oddělení s kapacitou dvaceti lůžek.",
        "• Aktivita 2.2.1 Rozšíření pečovatelské služby o víkendový provoz – splněno (R: Charita Lhotka)",
        "Cíl č. 3 - Udržení návazných služeb pro osoby ohrožené vyloučením – Probační a mediační služba.",
    )
    assert ("Domov Jasanka", "provider", "2.1") in found
    assert ("Charita Lhotka", "responsible", "2.2.1") in found
    assert not {r for r in found if r[0].startswith("Probační") and r[1] == "provider"}


def test_the_office_in_the_cell_beside_a_listed_member_is_a_member(tmp_path: Path) -> None:
    """Attendee's organisation → member row: a borderless "name | function, department and
    office" table under "Přítomní členové PS:" whose second cell the attendees relation does not
    read as the person's organisation ("vedoucí PS, Odbor sociálních věcí ÚMČ Praha 31"): the
    office named there is a member organisation, not only mentioned."""
    document = minutes("Zápis z 2. jednání pracovní skupiny Rodiny s dětmi", "Přítomní členové PS:")
    table = document.add_table(rows=2, cols=2)
    for r, cells in enumerate((("Mgr. Iveta Horáková", "vedoucí PS, Odbor sociálních věcí ÚMČ Praha 31"),
                               ("Bc. Jan Novotný", "Klub Pohoda, z. s."))):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("Jednání bylo zahájeno v zasedací místnosti ÚMČ Praha 31.")
    out = run_docx(tmp_path, document)
    found = pd.read_parquet(out / "organisations.parquet")
    found = set(zip(found["name"], found["role"]))
    assert ("ÚMČ Praha 31", "member") in found
    assert ("Klub Pohoda", "member") in found
    assert ("ÚMČ Praha 31", "mentioned") not in found


def test_a_legend_and_a_towns_portal_name_no_organisation(tmp_path: Path) -> None:
    """Class 15 (not organisations): a legend of abbreviations in parentheses after a plan of
    services ("(O = opatření, A = aktivita)") and a town that only names the territory of a
    portal ("na Portálu sociálních služeb města Lhotice") give no rows; a provider listed in
    parentheses after "služby" still does."""
    found = rows(
        tmp_path,
        "Koordinátorka představila plnění akčního plánu sociálních služeb Lhotecka 2031 (O = opatření, "
        "A = aktivita):",
        "Jednací řád je k dispozici na Portálu sociálních služeb města Lhotice pod odkazem KPSS.",
        "Stávající služby jsou dostačující (Brána k domovu, Rozkvět).",
    )
    assert not {r for r in found if "=" in r[0] or "Lhotice" in r[0]}
    assert ("Brána k domovu", "provider", None) in found


def test_a_legal_form_in_the_genitive_ends_a_name_and_the_capacity_owner_provides(tmp_path: Path) -> None:
    """Class 14 (name boundaries, an inflected legal form): "snížení kapacity Domova pro seniory
    Lhotka, příspěvkové organizace, z 96 na 84 lůžek" names Domov pro seniory Lhotka (p. o.),
    the one whose capacity changes, so its provider; "Ředitel příspěvkové organizace" (no comma,
    no name) names nobody."""
    found = rows(
        tmp_path,
        "· doporučuje Radě Jihomoravského kraje schválit snížení kapacity Domova pro seniory Lhotka, "
        "příspěvkové organizace, z 96 na 84 lůžek s účinností od 1. 1. 2031",
        "Ředitel příspěvkové organizace informoval o rozpočtu.",
    )
    assert ("Domov pro seniory Lhotka", "provider", None) in found
    assert not {r for r in found if r[0].startswith("Ředitel")}


def test_who_offers_premises_for_a_service_is_its_partner_not_its_provider(tmp_path: Path) -> None:
    """SPEC v1.2 cue words (partner, "zázemí"): "Město X je připraveno poskytnout zázemí pro
    odlehčovací službu" makes the town a partner; the service named there is not its own."""
    found = rows(
        tmp_path,
        "p. Malý doplnil, že Oblastní charita Lhota od září plánuje víkendové služby. Město Horní Vrbno je "
        "připraveno poskytnout zázemí pro odlehčovací službu v budově bývalé ubytovny.",
    )
    assert ("Město Horní Vrbno", "partner", None) in found
    assert ("Město Horní Vrbno", "provider", None) not in found


def test_a_later_label_on_an_items_line_governs_the_names_after_it(tmp_path: Path) -> None:
    """Minutes listing measures with their owners: "- zodpovídá Kompas, o.s., spolupráce Město X"
    makes X a partner (partners are untied, as in the shared gold), not responsible; ",
    realizátor: Y" after a comma opens a responsible slot as after a dash."""
    found = rows(
        tmp_path,
        "Opatření 1.2: Vznik nízkoprahového klubu ve Lhotě - zodpovídá Kompasík, o.s., spolupráce Město Lhota",
        "Opatření 1.3 Rozšíření pečovatelské služby na celém území ORP – navýšení kapacity o 1 úvazek, "
        "realizátor: Oblastní charita Hrádek",
    )
    assert ("Kompasík", "responsible", "1.2") in found
    assert ("Město Lhota", "partner", None) in found
    assert ("Město Lhota", "responsible", "1.2") not in found
    assert ("Oblastní charita Hrádek", "responsible", "1.3") in found


def test_the_council_a_committee_belongs_to_named_only_in_its_name_gives_no_row(tmp_path: Path) -> None:
    """Class 15 (not organisations): minutes of "Výbor pro sociální věci Zastupitelstva města X"
    name the council only as the committee's parent: the working group, no organisation row;
    another body the minutes name keeps its row."""
    out = run_docx(tmp_path, minutes(
        "Zápis z 3. jednání Výboru pro sociální věci a zdravotnictví Zastupitelstva města Horní Lhotice "
        "konaného dne 14. 5. 2031",
        "Tajemnice výboru seznámila členy s žádostí Farní charity Horní Lhotice o dotaci.",
    ))
    table = pd.read_parquet(out / "organisations.parquet")
    names = set(table["name"])
    assert not {n for n in names if n.startswith("Zastupitelstvo")}
    assert "Farní charita Horní Lhotice" in names
