"""Who provides a service named beside an organisation, read from real DOCX files through the
real run (issue 15): the head of an organisation who reports speaks for it, and a reference to an
attachment ("př. 1") does not end the sentence that ties a service to its organisation. Names,
towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def tables(tmp_path: Path, *paragraphs: str) -> tuple[set[tuple], set[tuple]]:
    """The (name, role) organisation rows and (service_type, organisation) service rows."""
    out = run_docx(tmp_path, minutes("Zápis z jednání sociálního výboru", *paragraphs))
    orgs = pd.read_parquet(out / "organisations.parquet")
    services = pd.read_parquet(out / "services.parquet")
    return (set(zip(orgs["name"], orgs["role"])),
            {(t, o if isinstance(o, str) else None) for t, o in zip(services["service_type"], services["organisation"])})


def test_the_service_a_head_of_an_organisation_reports_on_is_that_organisations(tmp_path: Path) -> None:
    """"Ing. X, ředitelka organizace Domov Y, informovala ... Kapacita služby domov pro osoby se
    zdravotním postižením se sníží ... vzniknou domácnosti chráněného bydlení": Domov Y provides
    both services (it is not only mentioned)."""
    orgs, services = tables(
        tmp_path,
        "Ing. Petra Malinová, ředitelka organizace Domov Lipová Stráň, informovala o průběhu "
        "transformace. Kapacita služby domov pro osoby se zdravotním postižením se v roce 2026 "
        "sníží ze 60 na 42 lůžek. V Horní Lipnici vzniknou tři domácnosti chráněného bydlení "
        "pro celkem 18 klientů.",
    )
    assert ("Domov Lipová Stráň", "provider") in orgs
    assert ("Domov Lipová Stráň", "mentioned") not in orgs
    assert ("domovy pro osoby se zdravotním postižením", "Domov Lipová Stráň") in services
    assert ("chráněné bydlení", "Domov Lipová Stráň") in services


def test_a_speaker_from_an_organisation_who_is_not_its_head_does_not_make_it_provide(tmp_path: Path) -> None:
    """Only the head speaks for the organisation: "Eva Malá, pracovnice spolku Z, informovala ...
    Kapacita pečovatelské služby ..." leaves the service without a provider."""
    orgs, services = tables(
        tmp_path,
        "Eva Malá, pracovnice organizace Spolek Zvonek, informovala o situaci v regionu. "
        "Kapacita pečovatelské služby se v roce 2026 zvýší o 2 úvazky.",
    )
    assert ("pečovatelská služba", "Spolek Zvonek") not in services


def test_an_attachment_reference_does_not_end_the_sentence(tmp_path: Path) -> None:
    """"... organizace Domov Na Skále, příspěvková organizace, dle materiálu RK-1-2026-10, př. 2,
    podle níž bude kapacita sociální služby domov pro osoby se zdravotním postižením snížena":
    one sentence, so Domov Na Skále provides the service."""
    orgs, services = tables(
        tmp_path,
        "Rada kraje bere na vědomí informaci o průběhu transformace organizace Domov Na Skále "
        "Lipnice, příspěvková organizace, dle materiálu RK-1-2026-10, př. 2, podle níž bude "
        "kapacita sociální služby domov pro osoby se zdravotním postižením k 1. 3. 2026 snížena "
        "o 12 míst;",
    )
    assert ("Domov Na Skále Lipnice", "provider") in orgs
    assert ("domovy pro osoby se zdravotním postižením", "Domov Na Skále Lipnice") in services
