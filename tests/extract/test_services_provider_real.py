"""The provider of a service mention, read from real DOCX files through the real run (issue 15,
session 10). Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

from tests.docx_factory import minutes, run_docx, table_rows


def _services(out: Path) -> set[tuple]:
    return table_rows(out, "services", "service_type", "organisation")


def test_the_one_who_pays_a_change_is_named_in_its_own_clause(tmp_path: Path) -> None:
    """"Spolek X žádá o navýšení pečovatelské služby ..., navýšení by uhradil Kraj Y": the funding
    verb is the region's, so the applicant opening the sentence provides the service."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny Senioři",
        "• Spolek Lipka, z. s. žádá o navýšení pečovatelské služby o 1 úvazek pečovatelky, navýšení by "
        "uhradil Zlínský kraj z dotace MPSV – skupina žádost podporuje",
    ))
    assert _services(out) == {("pečovatelská služba", "Spolek Lipka")}


def test_the_one_paid_for_running_a_service_provides_it(tmp_path: Path) -> None:
    """"doporučuje poskytnout spolku Jaro, z. s., ... příspěvek na provoz nízkoprahového zařízení":
    the association paid runs the club."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání sociální komise",
        "Komise po projednání doporučuje radě města poskytnout spolku Jaro, z. s., IČ 12345678, finanční "
        "příspěvek na provoz nízkoprahového zařízení pro děti a mládež.",
    ))
    # (the name's form, "Jaro" or "Spolek Jaro", is the organisations relation's)
    [(service, organisation)] = _services(out)
    assert service == "nízkoprahová zařízení pro děti a mládež" and (organisation or "").endswith("Jaro")


def test_a_sentence_running_on_into_the_next_paragraph_takes_its_subject(tmp_path: Path) -> None:
    """A paragraph ending with a comma after the service ("... chráněného bydlení Lípa byla
    splněna,") goes on in the next one, whose opening organisation provides it."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny OZP",
        "Nováková – opatření 2.1 Rozvoj služeb: aktivita 2.1.4 Rozšíření kapacity chráněného bydlení Lípa "
        "byla splněna,",
        "Spolek Lípa, z. s. zvýšil kapacitu z 6 na 8 klientů.",
    ))
    assert ("chráněné bydlení", "Spolek Lípa") in _services(out)


def test_premises_for_a_service_and_families_in_its_care_name_no_provider(tmp_path: Path) -> None:
    """"Město X je připraveno poskytnout zázemí pro odlehčovací službu", "Spolek Y nabízí rodinám v
    péči SAS skupinové aktivity": the town gives premises, the association serves the families
    otherwise; neither provides the service."""
    out = run_docx(tmp_path, minutes(
        "Zápis z jednání pracovní skupiny",
        "Charita Lhotka poskytuje odlehčovací službu a sociálně aktivizační služby pro rodiny s dětmi.",
        "Město Lhotka je připraveno poskytnout zázemí pro odlehčovací službu v budově bývalé školy.",
        "Rodinné centrum Sova, z. s. nabízí rodinám v péči SAS bezplatné skupinové aktivity.",
    ))
    assert _services(out) == {("odlehčovací služby", "Charita Lhotka"),
                              ("sociálně aktivizační služby pro rodiny s dětmi", "Charita Lhotka")}


def test_an_organisation_named_after_its_service_provides_it_where_its_capacity_is_stated(tmp_path: Path) -> None:
    """"snížení kapacity Domova pro seniory Lhotka, příspěvkové organizace, z 80 na 70 lůžek": the
    home provides the service it is named after; "Domov pro seniory Vrbice zřídil odlehčovací
    službu s kapacitou 4 lůžek" speaks of another service."""
    out = run_docx(tmp_path, minutes(
        "Zápis ze zasedání sociálního výboru",
        "Výbor doporučuje radě kraje schválit snížení kapacity Domova pro seniory Lhotka, příspěvkové "
        "organizace, z 80 na 70 lůžek.",
        "Domov pro seniory Vrbice, p. o. zřídil pobytovou odlehčovací službu s kapacitou 4 lůžek.",
    ))
    assert _services(out) == {("domovy pro seniory", "Domov pro seniory Lhotka"),
                              ("odlehčovací služby", "Domov pro seniory Vrbice")}


def test_a_town_sharing_the_responsibility_does_not_provide_the_service(tmp_path: Path) -> None:
    """"Zodpovědnost | Spolek Kotva Lhota, z. s.; Město Lhota" for "Navýšení lůžek v noclehárnách":
    the association runs the shelter, the town shares the responsibility; a town alone stays the
    provider ("Město Lhota provozuje terénní program")."""
    document = minutes("Akční plán na rok 2026", "Opatření 4.1 Zajištění zimní kapacity nocleháren")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate([("Popis opatření", "Navýšení lůžek v noclehárnách v zimním období."),
                                          ("Termín realizace", "zima 2026"),
                                          ("Zodpovědnost", "Spolek Kotva Lhota, z. s.; Město Lhota")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
    document.add_paragraph("Město Lhota provozuje terénní program pro osoby bez přístřeší.")
    out = run_docx(tmp_path, document)
    assert _services(out) == {("noclehárny", "Spolek Kotva Lhota"), ("terénní programy", "Město Lhota")}


def test_a_service_an_item_title_names_takes_the_provider_its_text_names(tmp_path: Path) -> None:
    """"Aktivita 1.2 Zavést službu tísňové péče" / "Jednání s poskytovatelem Senior Point Lhota, z. ú.
    probíhají": the item names no realizátor; the provider its text names provides the service."""
    out = run_docx(tmp_path, minutes(
        "Komunitní plán sociálních služeb Lhota",
        ("Heading 3", "Aktivita 1.2 Zavést službu tísňové péče"),
        "Průběžné vyhodnocení (červenec 2022)",
        "Služba zatím nebyla zavedena. Jednání s poskytovatelem Senior Point Lhota, z. ú. probíhají, "
        "předpokládaná kapacita je 30 uživatelů.",
    ))
    assert _services(out) == {("tísňová péče", "Senior Point Lhota")}
