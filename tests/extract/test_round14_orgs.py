"""Session 12, real14's failure classes of organisations, capacity changes and services, written in
general form, each on a real file run through the real pipeline (invented names, towns and figures)."""

from __future__ import annotations

import math

from tests.docx_factory import run_html, table_rows


def _rows(out, table: str, *columns: str) -> set[tuple]:
    """Rows as tuples, NaN and None both read as None."""
    return {tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in table_rows(out, table, *columns)}


def test_responsible_in_apposition_after_a_semicolon_and_of_a_project(tmp_path):
    """Class 1: "realizátor opatření, X," (the name in apposition, the measure named sentences before
    in the same paragraph) makes X responsible for that measure, and its planned capacity in the
    same sentence is that measure's; "...; realizátor: Y." after a sentence's clause makes Y
    responsible for the item above; "Realizátor projektu: Z" makes Z responsible, tied to no item."""
    out = run_html(tmp_path, (
        "<h1>4. setkání pracovních skupin</h1>"
        "<p>Vedoucí odboru připomněla, že z priority 2 Senioři se podařilo naplnit opatření 2.1 Rozšíření "
        "terénní pečovatelské služby: Pečovatelská služba Lhotka, p. o. navýšila počet pečovatelek ze 4 na 6. "
        "Naopak opatření 3.2 Zřízení chráněného bydlení pro osoby s mentálním postižením zůstalo nenaplněno. "
        "Ředitel Diakonie Lhotka Mgr. Jan Malý vysvětlil, že realizátor opatření, Diakonie Lhotka, nezískal "
        "dotaci na rekonstrukci domu, ve kterém mělo vzniknout chráněné bydlení pro 6 klientů.</p>"
        "<p>Priorita B: Lidé bez domova</p>"
        "<p>B.3 Terénní práce</p>"
        "<p>Terénní program bude navýšen o 0,5 úvazku; realizátor: Charita Dolní Ves.</p>"
        "<p>Realizátor projektu: Spolek Horní Ves, z. s.</p>"))
    orgs = _rows(out, "organisations", "name", "role", "item_ref")
    assert ("Diakonie Lhotka", "responsible", "3.2") in orgs
    assert ("Charita Dolní Ves", "responsible", "B.3") in orgs
    assert ("Charita Dolní Ves", "provider", "B.3") not in orgs
    assert ("Spolek Horní Ves", "responsible", None) in orgs
    capacity = _rows(out, "capacity_changes", "item_ref", "organisation", "unit", "change", "delta")
    assert ("3.2", "Diakonie Lhotka", "client", "new", 6.0) in capacity


def test_every_funder_listed_in_one_financing_sentence_pays(tmp_path):
    """Class 2: "Financování ... zajistí Město X z rozpočtu města, Kraj Y a MPSV": each listed name
    funds; the town is no provider though "zajistí" is a verb of providing."""
    out = run_html(tmp_path, (
        "<h1>Akční plán sociálních služeb města Horkova na rok 2021</h1>"
        "<p>Financování akčního plánu zajistí Město Horkov z rozpočtu města, Jihočeský kraj a MPSV; "
        "výstavba bytů je spolufinancována z IROP.</p>"))
    orgs = _rows(out, "organisations", "name", "role")
    assert {("Město Horkov", "funder"), ("Jihočeský kraj", "funder"), ("MPSV", "funder")} <= orgs
    assert not {row for row in orgs if row[1] in ("provider", "mentioned")}


def test_a_bracket_after_a_service_names_its_provider(tmp_path):
    """Class 7: "aktivita A ... (realizátor: X) a aktivita B Zřízení azylového domu ... (R: Y)": the
    service of B is Y's (the bracket that follows it), not X's (an earlier, closed bracket)."""
    out = run_html(tmp_path, (
        "<h1>Z jednání koordinační skupiny</h1>"
        "<p>Vedoucí skupiny informovala o dvou nových aktivitách: aktivita 2.1.4 Navýšení kapacity denního "
        "stacionáře o 3 místa (realizátor: Spolek Luna, z. s.) a aktivita 4.2.2 Zřízení azylového domu pro "
        "matky s dětmi s kapacitou 5 bytových jednotek (R: Oblastní charita Horkov).</p>"))
    services = _rows(out, "services", "service_type", "organisation")
    assert ("azylové domy", "Oblastní charita Horkov") in services
    assert ("azylové domy", "Spolek Luna") not in services
    assert ("denní stacionáře", "Spolek Luna") in services


def test_flats_with_care_service_are_housing_not_the_service(tmp_path):
    """Class 7: "byty s pečovatelskou službou" are housing, like "dům s pečovatelskou službou": no
    service row (not even one without a provider); another service of the plan still is one."""
    out = run_html(tmp_path, (
        "<h1>Akční plán sociálních služeb</h1>"
        "<p>Opatření 3.1 Urychlíme výstavbu bytů s pečovatelskou službou v Horkově.</p>"
        "<p>Opatření 3.2 Charita Lhotka rozšíří osobní asistenci o 1 úvazek.</p>"))
    services = _rows(out, "services", "service_type", "organisation")
    assert not {row for row in services if row[0] == "pečovatelská služba"}
    assert ("osobní asistence", "Charita Lhotka") in services
