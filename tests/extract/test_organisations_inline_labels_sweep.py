"""Role labels written inside a running line (issue 15, sweep over real pages: a PDF's title
page or a contract's header flattened into one paragraph, "… 2019 Realizátor projektu: X
Partner projektu: Y", "… smluvními stranami: Poskytovatel: X se sídlem …"): each label opens
its own value, which ends at the next label; names do not run across a label. Read from real
DOCX files through the real run. Names, towns and numbers are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def rows(tmp_path: Path, title: str, *paragraphs: str) -> set[tuple]:
    """The (name, role, legal_form) rows of a DOCX made of these paragraphs."""
    out = run_docx(tmp_path, minutes(title, *paragraphs))
    table = pd.read_parquet(out / "organisations.parquet")
    return {(n, r, f if isinstance(f, str) else None)
            for n, r, f in zip(table["name"], table["role"], table["legal_form"])}


def roles_of(found: set[tuple], name: str) -> set[str]:
    return {r[1] for r in found if r[0] == name}


def test_labels_of_a_title_page_run_together_give_each_name_its_own_role(tmp_path: Path) -> None:
    """"… 2019 Realizátor projektu: KoPro Podlesí Partner projektu: Svazek obcí Lipovecka": the
    realizátor is responsible and the partner a partner; neither name swallows the next label."""
    found = rows(
        tmp_path, "Komunitní plán sociálních služeb Lipovecka",
        "AKTUALIZACE KOMUNITNÍHO PLÁNU SOCIÁLNÍCH SLUŽEB LIPOVECKA 2019 Realizátor projektu: KoPro Podlesí "
        "Partner projektu: Svazek obcí Lipovecka",
        "Obsah 1 Organizace a průběh plánování 2 Analytická část",
    )
    assert roles_of(found, "KoPro Podlesí") == {"responsible"}, found
    assert roles_of(found, "Svazek obcí Lipovecka") == {"partner"}, found


def test_a_name_in_capitals_after_a_front_legal_form_ends_before_the_next_label(tmp_path: Path) -> None:
    """"Realizátor projektu: Občanské sdružení MODRÝ KÁMEN Partner projektu: Obec Lipovec": the
    name in capitals stops at "Partner projektu:"; the association is responsible."""
    found = rows(
        tmp_path, "Komunitní plán sociálních služeb obce Lipovec",
        "KOMUNITNÍ PLÁN SOCIÁLNÍCH SLUŽEB OBCE LIPOVEC Pracovní verze Realizátor projektu: Občanské sdružení "
        "MODRÝ KÁMEN Partner projektu: Obec Lipovec",
    )
    assert ("MODRÝ KÁMEN", "responsible", "o. s.") in found, found
    assert roles_of(found, "Obec Lipovec") == {"partner"}, found


def test_a_contract_party_after_its_label_is_named_up_to_its_seat(tmp_path: Path) -> None:
    """"uzavřená s těmito smluvními stranami: Poskytovatel: Centrum služeb Lipovec se sídlem
    Lipová 5, …": the party labelled provider is a provider, named without its seat."""
    found = rows(
        tmp_path, "Smlouva o poskytování sociální služby",
        "SMLOUVA O POSKYTOVÁNÍ SOCIÁLNÍ SLUŽBY uzavřená s těmito smluvními stranami: Poskytovatel: Centrum "
        "služeb Lipovec se sídlem Lipová 5, 123 45 Lipovec, zastoupený ředitelem (dále jen poskytovatel) a "
        "Uživatel: …",
    )
    assert roles_of(found, "Centrum služeb Lipovec") == {"provider"}, found


def test_a_name_ends_before_a_web_address_or_a_reference_number(tmp_path: Path) -> None:
    """A flattened page runs a name into what follows it: "Sdružení Lipka ČR www.lipka-priklad.cz
    SL ČR je …", "… vydanou Krajským úřadem Zlínského kraje č.j.KUZL/1234/2019 ze dne …": an
    address or a file number is no part of the name."""
    found = rows(
        tmp_path, "Zápis z jednání pracovní skupiny Senioři",
        "Sdružení Lipka ČR www.lipka-priklad.cz SL ČR je profesní organizací poskytovatelů.",
        "Registrace byla vydána Krajským úřadem Zlínského kraje č.j.KUZL/1234/2019 ze dne 3. 5. 2019.",
    )
    names = {r[0] for r in found}
    assert "Sdružení Lipka ČR" in names, found
    assert "Krajský úřad Zlínského kraje" in names, found
    assert not any("www" in n or "/" in n for n in names), found
