"""Session 11, real13's failure classes of organisations, capacity changes and services, each on a
real file run through the real pipeline (invented names, towns and figures)."""

from __future__ import annotations

import math

from tests.docx_factory import minutes, run_docx, run_html, table_rows


def _rows(out, table: str, *columns: str) -> set[tuple]:
    """Rows as tuples, NaN and None both read as None."""
    return {tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in table_rows(out, table, *columns)}


def test_copula_first_realizer_and_coordinated_realizers(tmp_path):
    """Class 1: "je realizátorem X", "; realizují A a B, p. o." make X and A and B responsible for
    their item, "bude gestorem Krajský úřad Y" the office; an office owns no capacity; both
    realizers of a service provide it."""
    out = run_html(tmp_path, (
        "<h1>Akční plán sociálních služeb Horkovska</h1>"
        "<p>Opatření 2.4 Podpora bydlení</p>"
        "<p>K opatření 2.4 je realizátorem Spolek Brána Horkov, který zřídí azylový dům s kapacitou 12 lůžek.</p>"
        "<p>Opatření 1.4 Zajistit dostupnost pečovatelské služby v malých obcích; realizují Charita Dolní Ves "
        "a Sociální služby města Horkova, p. o.</p>"
        "<p>Opatření 3.1 Zřídit noclehárnu pro ženy s kapacitou 10 lůžek. Gestorem opatření bude Krajský "
        "úřad Jihočeského kraje.</p>"))
    orgs = _rows(out, "organisations", "name", "role", "item_ref")
    assert ("Spolek Brána Horkov", "responsible", "2.4") in orgs
    assert ("Charita Dolní Ves", "responsible", "1.4") in orgs
    assert ("Sociální služby města Horkova", "responsible", "1.4") in orgs
    assert ("Krajský úřad Jihočeského kraje", "responsible", "3.1") in orgs
    capacity = _rows(out, "capacity_changes", "item_ref", "organisation", "service", "delta")
    assert ("3.1", None, "noclehárny", 10.0) in capacity
    services = _rows(out, "services", "service_type", "organisation")
    assert {("pečovatelská služba", "Charita Dolní Ves"),
            ("pečovatelská služba", "Sociální služby města Horkova")} <= services


def test_relative_clause_names_the_new_services_provider(tmp_path):
    """Class 3: "vznik nové služby X, kterou bude poskytovat Y, p. o. v rozsahu 2 úvazků": Y
    provides X and owns its capacity, not the applicant named before it."""
    out = run_html(tmp_path, (
        "<h1>Zápis z jednání řídící skupiny</h1>"
        "<p>Skupina podpořila žádost Charity Lhota o navýšení kapacity odlehčovací služby z 4 na 6 lůžek "
        "a vznik nové služby podpora samostatného bydlení, kterou bude poskytovat Sociální služby Lhota, "
        "p. o. v rozsahu 2 úvazků.</p>"))
    assert ("Sociální služby Lhota", "provider") in _rows(out, "organisations", "name", "role")
    services = _rows(out, "services", "service_type", "organisation")
    assert ("podpora samostatného bydlení", "Sociální služby Lhota") in services
    assert ("odlehčovací služby", "Charita Lhota") in services
    capacity = _rows(out, "capacity_changes", "organisation", "service", "delta")
    assert ("Sociální služby Lhota", "podpora samostatného bydlení", 2.0) in capacity


def test_speaker_organisation_presenting_a_request_applies_and_region_asked_is_named(tmp_path):
    """Class 2: "Bc. X (Charita Y) představil žádost o navýšení" makes Charita Y the applicant;
    "Spolek Z žádá Jihočeský kraj o zařazení" names the region (mentioned)."""
    out = run_html(tmp_path, (
        "<h1>Zápis z jednání řídící skupiny</h1>"
        "<p>Bc. Petr Novák, DiS. (Charita Horní Ves) představil žádost o navýšení kapacity pečovatelské "
        "služby o 2 úvazky.</p>"
        "<p>Spolek Kamínek žádá Jihočeský kraj o zařazení nového kontaktního centra do sítě s kapacitou "
        "15 klientů.</p>"))
    orgs = _rows(out, "organisations", "name", "role")
    assert ("Charita Horní Ves", "applicant") in orgs
    assert ("Charita Horní Ves", "provider") not in orgs
    assert ("Jihočeský kraj", "mentioned") in orgs
    assert ("Spolek Kamínek", "applicant") in orgs


def test_name_ends_before_the_title_and_no_name_from_a_bracketed_abbreviation(tmp_path):
    """Class 4: "Ředitelka Diakonie ČCE – středisko Lhota Mgr. Jana Veselá" names the branch
    without her; "řídící skupiny (dále ŘS) a zahájila" names no organisation."""
    out = run_html(tmp_path, (
        "<h1>Zápis z ustavujícího jednání řídící skupiny</h1>"
        "<p>Koordinátorka plánování Města Horkov, Mgr. Eva Malá, se ujala předsednictví ustavujícího "
        "jednání řídící skupiny (dále ŘS) a zahájila jednání v 9.00 hodin.</p>"
        "<p>Ředitelka Diakonie ČCE – středisko Lhota Mgr. Jana Veselá představila nový projekt "
        "chráněného bydlení pro 6 klientů.</p>"))
    names = {name for name, in _rows(out, "organisations", "name")}
    assert "Diakonie ČCE – středisko Lhota" in names
    assert not any("Veselá" in name or "ŘS" in name for name in names)
    assert ("chráněné bydlení", "Diakonie ČCE – středisko Lhota") in _rows(out, "services", "service_type",
                                                                           "organisation")


def test_running_footer_names_no_organisation(tmp_path):
    """Class 4: a page's running footer ("Město X | Komunitní plánování | vytisknuto ...") is the
    publisher's chrome: no row; the same town in the body keeps its row."""
    document = minutes("Zápis z jednání pracovní skupiny Senioři",
                       "Spolek Kamínek, z. s. provozuje sociálně aktivizační služby pro seniory.")
    document.sections[0].footer.paragraphs[0].text = "Město Dolany | Komunitní plánování | vytisknuto 3. 5. 2023"
    out = run_docx(tmp_path, document)
    names = {name for name, in _rows(out, "organisations", "name")}
    assert "Spolek Kamínek" in names
    assert "Město Dolany" not in names


def test_evaluation_planned_target_ward_service_and_item_number(tmp_path):
    """Class 6: "z 8 na 10 úvazků (plán: 11 úvazků)" gives the planned row of the increase
    (value_to 11, no delta); "zřídil oddělení se zvláštním režimem pro 18 uživatelů" is of
    domovy se zvláštním režimem and of that home; "Priorita 3 Osoby ..." is no capacity;
    "sdíleného odlehčovacího lůžka" names odlehčovací služby."""
    out = run_html(tmp_path, (
        "<h1>Vyhodnocení akčního plánu</h1><ul>"
        "<li>Priorita 1 Senioři – opatření 1.1 Rozvoj terénních služeb: Charita Lhota navýšila kapacitu "
        "pečovatelské služby z 8 na 10 úvazků (plán: 11 úvazků).</li>"
        "<li>Priorita 1 Senioři – opatření 1.3 Podpora pobytových služeb: Domov Na Kopci Lhota, p. o. zřídil "
        "oddělení se zvláštním režimem pro 18 uživatelů.</li>"
        "<li>Priorita 3 Osoby ohrožené sociálním vyloučením – opatření 3.2 Krizové bydlení: aktivita 3.2.1 "
        "Zřízení noclehárny nebyla splněna.</li>"
        "<li>Nová aktivita 2.2.3 Podpora sdíleného odlehčovacího lůžka, realizátor Centrum Jas Lhota, z. ú.</li>"
        "</ul>"))
    capacity = _rows(out, "capacity_changes", "organisation", "service", "change", "value_to", "delta")
    assert ("Charita Lhota", "pečovatelská služba", "increase", 11.0, None) in capacity
    assert ("Domov Na Kopci Lhota", "domovy se zvláštním režimem", "new", None, 18.0) in capacity
    assert not any(delta == 3.0 for *_, delta in capacity)
    services = _rows(out, "services", "service_type", "organisation")
    assert ("domovy se zvláštním režimem", "Domov Na Kopci Lhota") in services
    assert ("odlehčovací služby", "Centrum Jas Lhota") in services
