"""Organisation rows: roles, ties to plan items, one row per (organisation, role, item)."""

from __future__ import annotations

import re

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract import attendees, organisations
from tests.extract.blocks import blocks

_ITEM = re.compile(r"^(?:#+\s*)?(Cíl|Priorita|Opatření|Aktivita)\s+((?:\d+|[IVX]+|[A-Z])(?:\.\d+)*)\.?[\s:]")
_TABLE = {"Cíl": ("goals", "goal_no"), "Priorita": ("goals", "goal_no"), "Opatření": ("measures", "measure_no"),
          "Aktivita": ("activities", "activity_no")}


def with_plan(items: list[BlockView]) -> Extraction:
    """An extraction holding a plan row for every block that starts with a numbered label,
    as the plan module would give it (so these tests do not depend on that module)."""
    result = Extraction()
    for block in items:
        match = _ITEM.match(block.text)
        if match:
            table, key = _TABLE[match.group(1)]
            result.tables[table].append({"block_id": block.block_id, "char_start": 0, key: match.group(2)})
    return result


def rows(*lines: str, attendees: list[dict] | None = None) -> set[tuple]:
    items = blocks(*lines)
    result = with_plan(items)
    result.tables["attendees"].extend(attendees or [])
    organisations.extract(items, result)
    return {(r["name"], r["role"], r["item_ref"]) for r in result.tables["organisations"]}


def full_rows(*lines: str) -> list[dict]:
    items = blocks(*lines)
    result = with_plan(items)
    organisations.extract(items, result)
    return result.tables["organisations"]


def test_responsible_lines_tie_to_their_activity():
    found = rows("## Opatření 2.1 Podpora bydlení",
                 "### Aktivita 2.1.1 Rozšíření azylového domu",
                 "Realizátor: Souznění, z. s.",
                 "### Aktivita 2.1.2 Tréninkové byty",
                 "R: Souznění, z. s.",
                 "### Aktivita 2.1.3 Dluhová poradna",
                 "R: ?",
                 "### Aktivita 2.1.4 Krizové lůžko",
                 "Zodpovídá: Modrý kruh")
    assert found == {("Souznění", "responsible", "2.1.1"), ("Souznění", "responsible", "2.1.2"),
                     ("Modrý kruh", "responsible", "2.1.4")}


def test_provider_list_under_an_activity():
    found = rows("### Aktivita 1.3.2 Navýšit kapacitu terénních programů",
                 "- Slezská diakonie – 0,5 úvazku, terénní programy",
                 "- Renarkon – + 1",
                 "- sociální rehabilitace – Cesta ven – 1 - 2")
    assert found == {("Slezská diakonie", "provider", "1.3.2"), ("Renarkon", "provider", "1.3.2"),
                     ("Cesta ven", "provider", "1.3.2")}


def test_applicants_listed_under_an_application():
    found = rows("Do krajské sítě sociálních služeb podaly žádost tyto organizace:",
                 "- Spolek Jasan, z. s., IČ 00064581, na službu sociální rehabilitace.",
                 "- Hospic sv. Ludmily, o. p. s., na odlehčovací služby. Záměr podpořila Rada města Opavy.")
    assert found == {("Spolek Jasan", "applicant", None), ("Hospic sv. Ludmily", "applicant", None),
                     ("Rada města Opavy", "funder", None)}


def test_ico_and_its_check_are_written_on_the_row():
    (row,) = [r for r in full_rows("Žádost podal Spolek Jasan, z. s., IČ 00064582, na sociální rehabilitaci.")
              if r["name"] == "Spolek Jasan"]
    assert (row["ico"], row["ico_valid"], row["legal_form"], row["role"]) == ("00064582", False, "z. s.", "applicant")


def test_funders_announce_calls_and_finance():
    found = rows("Statutární město Opava vyhlásilo dotační řízení na rok 2024.",
                 "Provoz noclehárny je hrazen z dotace Moravskoslezského kraje.")
    assert found == {("Statutární město Opava", "funder", None), ("Moravskoslezský kraj", "funder", None)}


def test_partner_and_responsible_of_a_project():
    found = rows("Nositelem projektu je Spolek Prostor a partnerem je Město Bruntál. Projekt potrvá dva roky.")
    assert found == {("Spolek Prostor", "responsible", None), ("Město Bruntál", "partner", None)}


def test_member_list_and_attendance():
    found = rows("## Seznam členů pracovní skupiny",
                 "1. Mgr. Eva Malá Charita Hlučín 2. Bc. Petr Dlouhý Městský úřad Hlučín",
                 "Přítomni: Jana Krátká (Domov Pampeliška, p. o.)",
                 "Hosté: Ing. Jan Novák (Úřad práce ČR)")
    assert found == {("Charita Hlučín", "member", None), ("Městský úřad Hlučín", "member", None),
                     ("Domov Pampeliška", "member", None), ("Úřad práce ČR", "mentioned", None)}


def test_attendance_table_gives_members():
    found = rows("Přítomni:", "| Jméno | Organizace |", "| Mgr. Eva Malá | Charita Hlučín |",
                 "| Alena Pokorná | zástupkyně veřejnosti |")
    assert found == {("Charita Hlučín", "member", None)}


def test_service_table_rows_tie_providers_to_their_numbers():
    found = rows("| Opatření č. | Název organizace | Druh služby |",
                 "| 2.1 | Charita Hlučín | Pečovatelská služba |",
                 "| 2.2 | Vzájemnost, z. s. | Sociálně terapeutická dílna |")
    assert found == {("Charita Hlučín", "provider", "2.1"), ("Vzájemnost", "provider", "2.2")}


def test_flattened_service_table():
    found = rows("Opatření č. Název organizace Druh služby 2.1. Charita Hlučín Pečovatelská služba "
                 "2.2. Vzájemnost, z. s. Sociálně terapeutická dílna Renarkon, o. p. s. kontaktní práce")
    assert found == {("Charita Hlučín", "provider", "2.1"), ("Vzájemnost", "provider", "2.2"),
                     ("Renarkon", "provider", None)}


def test_applicant_table_with_ico_column():
    result = full_rows("| Žadatel | IČO | Sociální služba | Návrh (Kč) |",
                       "| Charita Hlučín | 00064581 | pečovatelská služba | 250 000 |")
    assert [(r["name"], r["role"], r["ico"], r["ico_valid"]) for r in result] == \
        [("Charita Hlučín", "applicant", "00064581", True)]


def test_one_row_per_tie_plus_one_row_per_untied_role():
    # SPEC: "For roles not tied to an item, one row per role": a member who also runs a service
    found = rows("Přítomni: Bc. Jana Malá (Charita Hlučín)",
                 "Charita Hlučín provozuje také pečovatelskou službu.",
                 "### Aktivita 1.1 Posílení pečovatelské služby",
                 "R: Charita Hlučín",
                 "### Aktivita 1.2 Nové vozidlo pro pečovatelskou službu",
                 "R: Charita Hlučín")
    assert found == {("Charita Hlučín", "responsible", "1.1"), ("Charita Hlučín", "responsible", "1.2"),
                     ("Charita Hlučín", "provider", None), ("Charita Hlučín", "member", None)}


def test_without_ties_one_row_with_the_most_specific_role():
    found = rows("Přítomni: Bc. Jana Malá (Charita Hlučín)",
                 "Charita Hlučín provozuje také pečovatelskou službu.")
    assert found == {("Charita Hlučín", "provider", None)}


def test_member_row_kept_beside_ties():
    found = rows("Přítomni: Bc. Jana Malá (Charita Hlučín)",
                 "### Aktivita 1.1 Posílení pečovatelské služby",
                 "R: Charita Hlučín")
    assert found == {("Charita Hlučín", "responsible", "1.1"), ("Charita Hlučín", "member", None)}


def test_mentioned_only_without_another_role():
    found = rows("Místo konání: Městský úřad Kravaře, zasedací místnost",
                 "Policie ČR upozornila na krádeže v domech s pečovatelskou službou.",
                 "Na jednání byl přizván zástupce Krajského úřadu Moravskoslezského kraje.")
    assert found == {("Městský úřad Kravaře", "mentioned", None), ("Policie ČR", "mentioned", None),
                     ("Krajský úřad Moravskoslezského kraje", "mentioned", None)}


def test_providers_by_verb_or_by_the_service_they_run():
    found = rows("Noclehárnu provozuje Sdružení Světluška, sociální šatník zajišťuje Charita Hlučín.",
                 "Chybí služba následné péče; Městská policie hlásí více přestupků.",
                 "Sociálně terapeutickou dílnu Vzájemnost, z. ú. plánuje rozšířit.")
    assert found == {("Sdružení Světluška", "provider", None), ("Charita Hlučín", "provider", None),
                     ("Městská policie", "mentioned", None), ("Vzájemnost", "provider", None)}


def test_funds_groups_and_places_give_no_rows():
    found = rows("Projekt je financován z Evropského sociálního fondu prostřednictvím OP Zaměstnanost.",
                 "PS Senioři a Komise sociální projednaly návrh.",
                 "Na území města Kravaře chybí azylový dům.",
                 "Schůzka proběhla v budově radnice.")
    assert found == set()


def test_organisation_of_an_excused_attendee_from_the_attendees_table():
    lines = ("Omluveni: Petr Dlouhý (Nová cesta)",)
    attendee = {"block_id": 0, "name": "Petr Dlouhý", "organisation": "Nová cesta", "role": "excused"}
    assert rows(*lines, attendees=[attendee]) == {("Nová cesta", "member", None)}


def test_copyright_lines_name_no_actor():
    assert rows("© 2023 Město Hlučín | Prohlášení o přístupnosti") == set()


def test_span_points_at_the_name_as_written():
    items = blocks("Smlouvu o výpůjčce uzavřelo sdružení s městem Kolínem.")
    result = with_plan(items)
    organisations.extract(items, result)
    (row,) = result.tables["organisations"]
    assert row["name"] == "Město Kolín"
    assert items[0].text[row["char_start"]:row["char_end"]] == "městem Kolínem"


def test_partner_in_cooperation_but_not_a_wish_or_a_swot_note():
    found = rows("Tísňovou péči zajistíme ve spolupráci se společností Tiskon, s.r.o.",
                 "Silné stránky: Spolupráce s městskou policií, dobrá komunikace.",
                 "Koordinátorka doporučila spolupráci s Policií ČR.")
    assert found == {("Tiskon", "partner", None), ("Městská policie", "mentioned", None),
                     ("Policie ČR", "mentioned", None)}


def test_provider_verb_belongs_to_its_own_clause():
    found = rows("### Aktivita 3.2 Prostupné bydlení",
                 "Město vyčlení 5 bytů, sociální práci v bytech zajistí Charita Vítkov.",
                 "R: Město Vítkov")
    assert found == {("Město Vítkov", "responsible", "3.2"), ("Charita Vítkov", "provider", "3.2")}


def test_scope_of_an_item_ends_at_the_next_section():
    found = rows("### Aktivita 2.1 Tlumočení online",
                 "R: Spolek Ticho, z. s.",
                 "K bodu 3",
                 "- Vzájemnost, z. ú.",
                 "  - Sociálně terapeutická dílna má novou vedoucí.")
    assert found == {("Spolek Ticho", "responsible", "2.1"), ("Vzájemnost", "provider", None)}


def test_member_list_after_a_numbered_slide_title():
    found = rows("3 Seznam členů pracovní skupiny",
                 "Jméno: Organizace: 1. Mgr. Eva Malá Charita Vítkov 2. Bc. Ivo Dlouhý Spolek Ticho, z. s.",
                 "4 Popis cílové skupiny")
    assert found == {("Charita Vítkov", "member", None), ("Spolek Ticho", "member", None)}


def test_flat_list_keeps_its_application_intro():
    found = rows("- O zařazení do sítě požádaly:",
                 "- Spolek Ticho, z. s., na tlumočnické služby.",
                 "- Vzájemnost, z. ú., na sociální rehabilitaci.")
    assert found == {("Spolek Ticho", "applicant", None), ("Vzájemnost", "applicant", None)}


def test_second_label_on_a_slot_line_gives_its_own_role():
    found = rows("### Opatření 2.2 Zřízení NZDM",
                 "Realizátor: Klub Pohoda, z. s.; partner: Město Krnov")
    assert found == {("Klub Pohoda", "responsible", "2.2"), ("Město Krnov", "partner", None)}


def test_further_values_of_one_label_keep_its_role():
    found = rows("### Aktivita 3.1 Zimní opatření",
                 "Realizátor: Sdružení Betánie, z. s. (noclehárna); Nová cesta, z. ú. (dům na půl cesty)")
    assert found == {("Sdružení Betánie", "responsible", "3.1"), ("Nová cesta", "responsible", "3.1")}


def test_realising_a_project_is_responsible_realising_a_service_provides():
    found = rows("Projekt Housing First realizuje Statutární město Opava ve spolupráci s Charitou Hlučín.",
                 "Sociálně aktivizační služby pro rodiny s dětmi realizuje Spolek Obzor, z. s.")
    assert found == {("Statutární město Opava", "responsible", None), ("Charita Hlučín", "partner", None),
                     ("Spolek Obzor", "provider", None)}


def test_the_funded_one_is_not_a_funder():
    found = rows("Město Vítkov podpořilo dotací Charitu Vítkov, která provozuje noclehárnu.",
                 "Výzvu, kterou vyhlásil Krajský úřad Karlovarského kraje, podal i Spolek Ticho, z. s.")
    assert found == {("Město Vítkov", "funder", None), ("Charita Vítkov", "provider", None),
                     ("Krajský úřad Karlovarského kraje", "funder", None), ("Spolek Ticho", "mentioned", None)}


# --------------------------------------------------------------------------- roles of names found by position


def paragraph_rows(*texts: str) -> set[tuple]:
    """Rows of paragraphs kept as a converter leaves them (typed list labels stay text)."""
    items = [BlockView(i, "paragraph", text) for i, text in enumerate(texts)]
    result = with_plan(items)
    organisations.extract(items, result)
    return {(r["name"], r["role"], r["item_ref"]) for r in result.tables["organisations"]}


def test_paragraphs_with_typed_labels_keep_their_application_intro():
    found = paragraph_rows("Vedoucí odboru předložil žádosti o zařazení do krajské sítě:",
                           "a) Oáza Lipník, z. s., IČO 00064581 – denní stacionář: navýšení o 2 místa.",
                           "b) Modrá kotva, o. p. s. – noclehárna: beze změny kapacity.")
    assert found == {("Oáza Lipník", "applicant", None), ("Modrá kotva", "applicant", None)}


def test_typed_labels_without_an_application_intro_give_no_applicants():
    found = paragraph_rows("Zástupci organizací informovali:",
                           "a) Oáza Lipník, z. s. – denní stacionář je plně obsazen.")
    assert found == {("Oáza Lipník", "provider", None)}


def test_organising_events_makes_a_provider():
    assert rows("Každý čtvrtek pořádá Klub Oáza, z. s. trénink paměti.") == {("Klub Oáza", "provider", None)}
    assert rows("Trénink paměti nabízejí Senioři sobě, z. s.") == {("Senioři sobě", "provider", None)}


def test_setting_money_aside_makes_a_funder():
    assert rows("Obec Skuteč uvolnila ze svého rozpočtu 250 000 Kč na dopravu seniorů.") == \
        {("Obec Skuteč", "funder", None)}
    assert rows("Obec Skuteč uvolnila pro klub prostory ve škole.") == {("Obec Skuteč", "mentioned", None)}
    assert rows("Na podporu rodin vyčlenilo Město Proseč 120 000 Kč.") == {("Město Proseč", "funder", None)}
    assert rows("Charitě Proseč vyčlenila rada 120 000 Kč.") == {("Charita Proseč", "mentioned", None)}
    assert rows("Obec Skuteč vyčlenila na sociální služby 1,2 mil. Kč.") == {("Obec Skuteč", "funder", None)}


def test_the_party_dealt_with_does_not_provide():
    found = rows("Pokračuje jednání s Obcí Proseč o zřízení noclehárny.")
    assert found == {("Obec Proseč", "mentioned", None)}
    found = rows("Noclehárnu bude spolu s Charitou Chotěboř provozovat Oáza Lipník, z. s.")
    assert ("Charita Chotěboř", "provider", None) in found


def test_speaker_affiliation_does_not_provide_what_the_speaker_reports():
    found = rows("Mgr. Eva Malá (Oáza Lipník, z. s.) sdělila, že smlouva s Obcí Skuteč "
                 "na prostory pro chráněné bydlení se teprve připravuje.")
    assert found == {("Oáza Lipník", "mentioned", None), ("Obec Skuteč", "mentioned", None)}
    found = rows("Mgr. Eva Malá (Oáza Lipník, z. s.) představila chráněné bydlení v Lipníku.")
    assert found == {("Oáza Lipník", "provider", None)}


def test_the_subject_of_a_paragraph_provides_what_its_next_sentences_name():
    found = rows("Ředitelka informovala, že Domov Vřesovec Skuteč, p. o. od března zahájí stavbu výtahu. "
                 "Tím se sníží kapacita domova pro seniory o 2 lůžka.")
    assert found == {("Domov Vřesovec Skuteč", "provider", None)}


def test_no_paragraph_subject_when_two_organisations_or_no_clause_subject():
    found = rows("Oáza Lipník, z. s. otevřela klub. Modrá kotva, o. p. s. hledá prostory. "
                 "Ve městě chybí odlehčovací služba.")
    assert found == {("Oáza Lipník", "mentioned", None), ("Modrá kotva", "mentioned", None)}
    found = rows("Cíl 2 – udržení návazných služeb – Úřad práce ČR. "
                 "Cíl 3 – vznik azylového domu pro matky.")
    assert found == {("Úřad práce ČR", "mentioned", None)}


def test_attendance_in_tab_separated_lines_gives_members_like_a_table():
    found = rows("Prezence:", "Jméno\tOrganizace\tÚčast", "Eva Malá\tOáza Lipník\tpřítomna",
                 "Petr Kos\tMěstský úřad Skuteč\tomluven", "Oáza Lipník pořádá besedy pro seniory.")
    assert found == {("Oáza Lipník", "provider", None), ("Městský úřad Skuteč", "member", None)}


def test_total_line_of_an_applicant_table_is_no_organisation():
    found = rows("| Žadatel | Částka |", "| Oáza Lipník, z. s. | 120 000 Kč |", "| Celkem | 120 000 Kč |")
    assert found == {("Oáza Lipník", "applicant", None)}


def test_organisations_opening_the_items_of_a_list_of_providers():
    found = rows("V regionu působí tito poskytovatelé:",
                 "- Modrá kotva – pečovatelská služba, osobní asistence",
                 "- Oáza Lipník, vedoucí Eva Malá",
                 "Jednání se zúčastnily tyto organizace:",
                 "- Rodinné hnízdo",
                 "V regionu chybí tyto služby:",
                 "- Odlehčovací služby",
                 "- Sociální automobil")
    assert found == {("Modrá kotva", "provider", None), ("Oáza Lipník", "provider", None),
                     ("Rodinné hnízdo", "mentioned", None)}


# --------------------------------------------------------------------------- attendance lists


def test_lines_under_a_bare_attendance_label_of_one_block_are_members():
    found = rows("Přítomni:\nMgr. Eva Malá – Spolek Lípa, z. s.\nIng. Petr Kos – Městský úřad Dolní Ves\n"
                 "Hosté: Bc. Jana Bílá (Krajský úřad Karlovarského kraje)\nProgram:\nJednání zahájil Petr Kos.")
    assert found == {("Spolek Lípa", "member", None), ("Městský úřad Dolní Ves", "member", None),
                     ("Krajský úřad Karlovarského kraje", "mentioned", None)}


def test_list_items_under_an_attendance_paragraph_are_members():
    found = rows("Účastníci:", "- Mgr. Eva Malá – Spolek Lípa, z. s.", "- Petr Kos – Úřad práce ČR",
                 "Omluven: Jan Veselý (Domek, z. ú.)")
    assert found == {("Spolek Lípa", "member", None), ("Úřad práce ČR", "member", None),
                     ("Domek", "member", None)}


def test_the_attendance_ends_where_the_lines_name_no_person():
    found = rows("Přítomni:\nMgr. Eva Malá – Spolek Lípa, z. s.\nDomek, z. ú. děkuje za pozvání.")
    assert found == {("Spolek Lípa", "member", None), ("Domek", "mentioned", None)}
    found = rows("Program:", "- Informace Charity Dolní Ves", "- Různé")
    assert found == {("Charita Dolní Ves", "mentioned", None)}


# --------------------------------------------------------------------------- ties and roles


def test_responsible_for_an_item_is_not_also_its_provider():
    found = rows("### Aktivita 3.2.1 Rozšíření azylového domu",
                 "Domek, z. ú. provozuje azylový dům pro matky.",
                 "R: Domek, z. ú.",
                 "### Aktivita 3.2.2 Noclehárna",
                 "Noclehárnu provozuje Domek, z. ú.")
    assert found == {("Domek", "responsible", "3.2.1"), ("Domek", "provider", "3.2.2")}


def test_the_organisation_of_a_task_owner_is_not_responsible():
    found = rows("Úkol: zjistit zájem o tísňovou péči.", "Zodpovídá: Mgr. Eva Malá, Městský úřad Dolní Ves")
    assert found == {("Městský úřad Dolní Ves", "mentioned", None)}


def test_a_person_in_a_responsible_line_of_an_item_keeps_the_tie():
    found = rows("### Aktivita 1.4.2 Svépomocná skupina", "R: Mgr. Eva Malá, Spolek Lípa, z. s.")
    assert found == {("Spolek Lípa", "responsible", "1.4.2")}


def test_items_under_a_paragraph_about_applications_are_applicants():
    found = rows("Skupina projednala žádosti poskytovatelů o vyjádření k souladu s plánem.",
                 "- Domek, z. ú., IČO 12345678 – azylový dům: navýšení o 2 lůžka.",
                 "- Spolek Lípa, z. s. – noclehárna: beze změny.")
    assert found == {("Domek", "applicant", None), ("Spolek Lípa", "applicant", None)}


def test_items_under_a_paragraph_without_applications_are_not_applicants():
    found = rows("Skupina vyslechla informace poskytovatelů.",
                 "- Domek, z. ú. – azylový dům je obsazen.")
    assert found == {("Domek", "provider", None)}


def test_who_announces_a_call_funds():
    found = rows("Ing. Jana Bílá představila 3. výzvu MAS Pod Horami, z. s. z programu IROP.")
    assert found == {("MAS Pod Horami", "funder", None)}
    found = rows("Ing. Jana Bílá představila projekt Charity Dolní Ves.")
    assert found == {("Charita Dolní Ves", "mentioned", None)}


def test_who_contributes_a_sum_funds_and_does_not_provide():
    found = rows("Obec Dolní Ves přispěje na provoz noclehárny částkou 50 000 Kč.")
    assert found == {("Obec Dolní Ves", "funder", None)}


def test_realising_a_programme_outside_the_plan_provides_it():
    found = rows("Host představil program Nový start, který Spolek Lípa, z. s. realizuje v okrese.")
    assert found == {("Spolek Lípa", "provider", None)}
    found = rows("Projekt Sdílené bydlení realizuje Spolek Lípa, z. s.")
    assert found == {("Spolek Lípa", "responsible", None)}


def test_items_numbered_with_letters_tie_their_rows():
    found = rows("## Priorita E Podpora rodin",
                 "### Opatření E.1 Sociálně aktivizační služby",
                 "- Plán: navýšení o 1 úvazek",
                 "- Realizátor: Spolek Lípa, z. s.",
                 "### Opatření E.2 Dluhová poradna",
                 "- Realizátor: Domek, z. ú.")
    assert found == {("Spolek Lípa", "responsible", "E.1"), ("Domek", "responsible", "E.2")}


def test_a_table_row_ties_to_its_number_also_without_a_number_header():
    found = rows("## Opatření 6.1 Služby pro seniory",
                 "| Č. | Co se udělá | Realizátor |",
                 "| 6.1.1 | Víkendová péče | Spolek Lípa, z. s. |",
                 "| 6.1.2 | Odlehčovací lůžka v Domku | Domek, z. ú. |")
    assert found == {("Spolek Lípa", "responsible", "6.1.1"), ("Domek", "responsible", "6.1.2")}


def roles_after_attendees(*lines: str) -> set[tuple[str, str]]:
    """(name, role) of the organisations, with the attendees module run first, as in a document."""
    items = blocks(*lines)
    result = with_plan(items)
    attendees.extract(items, result)
    organisations.extract(items, result)
    return {(r["name"], r["role"]) for r in result.tables["organisations"]}


def test_member_from_the_attendance_the_attendees_module_read_in_a_form_table():
    # "Přítomni" | "Mgr. X (Org), ...": the label stands in the cell beside the names
    assert roles_after_attendees(
        "| Přítomni | Mgr. Eva Kotková (Spolek Lipka, z. s.), Bc. Jan Pór (Město Horní Lhota) |") == {
        ("Spolek Lipka", "member"), ("Město Horní Lhota", "member")}


def test_responsible_named_after_a_dash_in_the_item_line():
    found = rows("Opatření 2.1 Zřízení chráněného bydlení – realizátor Spolek Úkryt, z. ú.; plán: 6 bytů",
                 "Opatření 2.2 Terénní služby – zodpovídá za ně kraj")
    assert found == {("Spolek Úkryt", "responsible", "2.1")}


def test_member_from_an_attendance_table_whose_names_column_is_headed_by_the_label():
    assert roles_after_attendees("| Přítomni | Organizace |",
                                 "| MUDr. Vilém Koutný | Ambulance Horní Lhota |",
                                 "| Bc. Irma Slaninová | Spolek Lipka, z. s. |") == {
        ("Ambulance Horní Lhota", "member"), ("Spolek Lipka", "member")}


def test_funders_in_a_financing_column_and_by_a_future_infinitive():
    found = rows("| Opatření | Realizátor | Financování |",
                 "| 3.2 Nízkoprahový klub | Spolek Úkryt, z. s. | Město Horní Lhota |",
                 "Kraj Podlesí bude ze svého dotačního programu financovat navýšení kapacit.")
    assert ("Město Horní Lhota", "funder", None) in found
    assert ("Kraj Podlesí", "funder", None) in found


def test_a_region_opening_a_sentence_is_an_actor():
    found = rows("Koordinátorka informovala o plánu. Podlesský kraj bude i nadále financovat adiktologické služby.",
                 "Služby v Podlesském kraji jsou dostupné.")
    assert found == {("Podlesský kraj", "funder", None)}


def test_a_slot_value_ends_with_its_sentence():
    found = rows("Aktivita 2.1.1 Chráněné bydlení",
                 "Zodpovídá: Spolek Úkryt, z. ú. Stav: plní se. Registrace byla podána na Krajský úřad Podleského kraje.")
    assert ("Spolek Úkryt", "responsible", "2.1.1") in found
    assert ("Krajský úřad Podleského kraje", "responsible", "2.1.1") not in found


def test_the_items_of_a_list_of_applicants_in_the_dative():
    found = rows("Usnesení: Komise doporučuje Radě města schválit poskytnutí dotací těmto žadatelům:",
                 "• Spolek Úkryt, z. s., IČO 22983619 – terénní programy – 140 000 Kč",
                 "• Domov Lipka, o. p. s. – chráněné bydlení – 120 000 Kč")
    assert found == {("Spolek Úkryt", "applicant", None), ("Domov Lipka", "applicant", None)}


def test_the_organisation_analysis_belongs_to_its_annotated_document():
    """DocOrgs is built once per annotated document and kept in its memo: two documents of the
    same length starting with the same block object each get their own analysis (an identity
    key `(len(blocks), id(blocks[0]))` took the first one's for the second)."""
    from pipeline.extract import annotate
    from pipeline.extract.organisations.context import DocOrgs

    first_block = BlockView(0, "heading", "Zápis z jednání pracovní skupiny")
    one = annotate([first_block, BlockView(1, "paragraph", "Jednání vedla Charita Horní Lhota.")])
    two = annotate([first_block, BlockView(1, "paragraph", "Jednání vedl Spolek Úkryt, z. s.")])
    result = Extraction()
    found_one = DocOrgs.shared(one, result)
    assert DocOrgs.shared(one, result) is found_one
    assert found_one in one.memo.values()
    assert [m.key for m in DocOrgs.shared(two, result).mentions] == ["Spolek Úkryt"]
    assert [m.key for m in found_one.mentions] == ["Charita Horní Lhota"]
