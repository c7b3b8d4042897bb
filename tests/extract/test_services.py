"""Services: legal service types in any inflection, with the organisation that provides them."""

from __future__ import annotations

import pytest

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract import organisations, services
from pipeline.extract.nlp import nlp
from tests.extract.blocks import blocks
from tests.extract.test_organisations import with_plan


def types_in(text: str) -> list[tuple[str, str]]:
    """The `service` spans the annotate step puts on a Doc: (type, section of the act)."""
    doc = nlp()(text)
    return [(span.label_, span.id_) for span in doc.spans["service"]]


def rows(*lines: str) -> set[tuple[str, str | None]]:
    items = blocks(*lines)
    result = with_plan(items)
    organisations.extract(items, result)
    services.extract(items, result)
    return {(r["service_type"], r["organisation"]) for r in result.tables["services"]}


@pytest.mark.parametrize("text, expected", [
    ("rozšíření azylového domu pro matky s dětmi", ("azylové domy", "§57")),
    ("klienti noclehárny v zimním období", ("noclehárny", "§63")),
    ("udržení terénních programů v lokalitách", ("terénní programy", "§69")),
    ("Terénní program pro uživatele drog", ("terénní programy", "§69")),
    ("odborné sociální poradenství pro oběti", ("sociální poradenství", "§37")),
    ("kapacita odlehčovacích služeb je nedostatečná", ("odlehčovací služby", "§44")),
    ("nová sociálně terapeutická dílna", ("sociálně terapeutické dílny", "§67")),
    ("SAS v Kravařích", ("sociálně aktivizační služby pro rodiny s dětmi", "§65")),
    ("klub NZDM na sídlišti", ("nízkoprahová zařízení pro děti a mládež", "§62")),
    ("nízkoprahového zařízení pro děti a mládež", ("nízkoprahová zařízení pro děti a mládež", "§62")),
    ("Nízkoprahové denní centrum pro lidi bez domova", ("nízkoprahová denní centra", "§61")),
    ("v domově se zvláštním režimem", ("domovy se zvláštním režimem", "§50")),
    ("místa v domovech pro seniory", ("domovy pro seniory", "§49")),
    ("domov pro osoby se zdravotním postižením", ("domovy pro osoby se zdravotním postižením", "§48")),
    ("denního stacionáře pro seniory", ("denní stacionáře", "§46")),
    ("dům na půl cesty pro mladé dospělé", ("domy na půl cesty", "§58")),
    ("telefonická krizová pomoc", ("telefonická krizová pomoc", "§55")),
    ("intervenční centrum pro oběti domácího násilí", ("intervenční centra", "§60a")),
    ("sociální rehabilitací", ("sociální rehabilitace", "§70")),
    ("pečovatelskou službu", ("pečovatelská služba", "§40")),
    ("raná péče pro rodiny", ("raná péče", "§54")),
    ("tísňové péče", ("tísňová péče", "§41")),
    ("chráněného bydlení", ("chráněné bydlení", "§51")),
    ("osobní asistenci", ("osobní asistence", "§39")),
    ("kontaktního centra", ("kontaktní centra", "§59")),
])
def test_service_types_in_any_form(text, expected):
    assert types_in(text) == [expected]


@pytest.mark.parametrize("text", [
    "terénní práce v sociálně vyloučených lokalitách",
    "terénní sociální práce obce",
    "dluhové poradenství v lokalitě",
    "mediační služba pro rodiče",
    "občanská poradna",
    "nízkoprahová centra a doučování",
    "sociální šatník a sociální taxi",
    "mobilní hospic",
])
def test_not_mapped(text):
    assert types_in(text) == []


def test_crisis_help_by_phone_is_not_crisis_help():
    assert types_in("telefonické krizové pomoci") == [("telefonická krizová pomoc", "§55")]


def test_provider_named_in_the_same_sentence():
    found = rows("Noclehárnu v Hlučíně provozuje Sdružení Světluška, azylový dům pro matky chybí.",
                 "Sdružení Jasan, z. s. a Charita Hlučín poskytují sociální rehabilitaci.")
    assert found == {("noclehárny", "Sdružení Světluška"), ("azylové domy", None),
                     ("sociální rehabilitace", "Sdružení Jasan"), ("sociální rehabilitace", "Charita Hlučín")}


@pytest.mark.parametrize("text", [
    "Charita Hlučín, z. s. připomněla, že ve městě chybí noclehárna.",
    "Noclehárnu ve městě zatím nikdo neprovozuje, uvedla Charita Hlučín.",
    "Charita Hlučín informovala o činnosti. V regionu chybí noclehárna.",
])
def test_a_service_named_as_missing_has_no_provider(text):
    assert rows(text) == {("noclehárny", None)}


def test_provider_after_the_service_and_in_a_list_line():
    found = rows("- osobní asistence – Vzájemnost, z. ú.",
                 "- pečovatelská služba, Charita Kravaře")
    assert found == {("osobní asistence", "Vzájemnost"), ("pečovatelská služba", "Charita Kravaře")}


def test_null_row_only_for_types_never_named_with_a_provider():
    found = rows("V území chybí chráněné bydlení a noclehárna.",
                 "Noclehárnu plánuje otevřít Sdružení Světluška.",
                 "Terénní práce zajišťuje obec.")
    assert found == {("chráněné bydlení", None), ("noclehárny", "Sdružení Světluška")}


def test_funder_does_not_provide_what_it_calls_for():
    found = rows("Krajský úřad Moravskoslezského kraje vyhlásí výzvu zaměřenou na sociálně aktivizační "
                 "služby pro rodiny s dětmi.")
    assert found == {("sociálně aktivizační služby pro rodiny s dětmi", None)}


def test_service_named_in_an_organisations_own_name_is_not_a_mention():
    found = rows("Středisko rané péče Pampeliška, z. ú. se přestěhovalo.")
    assert found == set()


def test_sub_list_under_an_organisation():
    found = rows("- Vzájemnost, z. ú.",
                 "  - Sociálně terapeutická dílna rozšířila provozní dobu.",
                 "- Charita Kravaře",
                 "  - Pečovatelská služba má nové auto.")
    assert found == {("sociálně terapeutické dílny", "Vzájemnost"), ("pečovatelská služba", "Charita Kravaře")}


def test_table_row_gives_the_provider():
    found = rows("| Žadatel | Sociální služba | Návrh (Kč) |",
                 "| Charita Kravaře | odborné sociální poradenství | 120 000 |",
                 "| Autodoprava Novák, s. r. o. | přeprava seniorů | 0 |")
    assert found == {("sociální poradenství", "Charita Kravaře")}


def test_one_row_per_type_and_provider_with_raw_text_span():
    items = blocks("Sdružení Světluška provozuje noclehárnu. Noclehárna Sdružení Světluška má 20 lůžek.")
    result = Extraction()
    organisations.extract(items, result)
    services.extract(items, result)
    (row,) = result.tables["services"]
    assert (row["service_type"], row["paragraph"], row["organisation"]) == ("noclehárny", "§63", "Sdružení Světluška")
    assert items[0].text[row["char_start"]:row["char_end"]] == row["raw_text"] == "noclehárnu"


@pytest.mark.parametrize("text, expected", [
    ("sociálně aktivizačních služeb pro rodiny s dětmi", "sociálně aktivizační služby pro rodiny s dětmi"),
    ("sociálně aktivizačními službami pro seniory",
     "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením"),
    ("provoz sociálně terapeutických dílen", "sociálně terapeutické dílny"),
])
def test_plural_and_oblique_cases(text, expected):
    assert [t for t, _ in types_in(text)] == [expected]


def test_organisation_funded_in_the_sentence_still_provides():
    found = rows("Město Vítkov podpořilo dotací Charitu Vítkov, která provozuje noclehárnu.")
    assert found == {("noclehárny", "Charita Vítkov")}


def test_service_of_an_item_without_a_provider_in_its_sentence_is_the_responsible_ones():
    items = blocks("### Aktivita 3.1.2 Udržení odlehčovací služby",
                   "Realizátor: Modrá kotva, z. ú.",
                   "Plán: zachování kapacity; plnění: splněno")
    result = with_plan(items)
    organisations.extract(items, result)
    services.extract(items, result)
    assert {(r["service_type"], r["organisation"]) for r in result.tables["services"]} == {
        ("odlehčovací služby", "Modrá kotva")}
    # the responsible one gets no provider row for it: its tie is the R: line
    assert {(r["name"], r["role"]) for r in result.tables["organisations"]} == {("Modrá kotva", "responsible")}


def test_no_item_fallback_for_two_responsible_or_for_a_provider_named_in_the_sentence():
    assert rows("### Aktivita 1.4 Rozvoj denního stacionáře",
                "R: Modrá kotva; Oáza Lipník") == {("denní stacionáře", None)}
    assert rows("### Aktivita 1.5 Noclehárna",
                "R: Modrá kotva",
                "Noclehárnu provozuje Oáza Lipník, z. s.") == {("noclehárny", "Oáza Lipník")}


def test_paragraph_subject_provides_the_services_of_its_later_sentences():
    assert rows("Vedoucí uvedla, že Domov Vřesovec Skuteč, p. o. zahájí opravu pavilonu. "
                "Kapacita domova se zvláštním režimem zůstane 30 lůžek.") == {
        ("domovy se zvláštním režimem", "Domov Vřesovec Skuteč")}


def test_counterpart_and_reporting_speaker_do_not_provide():
    assert rows("Mgr. Eva Malá (Oáza Lipník, z. s.) sdělila, že smlouva s Obcí Skuteč "
                "na prostory pro chráněné bydlení se připravuje.") == {("chráněné bydlení", None)}


def test_speaker_affiliation_provides_what_the_speaker_reports_about_it():
    assert rows("Bc. Iva Horká (Modrá kotva) informovala, že organizace od května rozšíří "
                "pečovatelskou službu.") == {("pečovatelská služba", "Modrá kotva")}


# --------------------------------------------------------------------------- sections of the act


@pytest.mark.parametrize("text, expected", [
    ("Spolek zajišťuje službu dle § 44 v Dolní Vsi.", [("odlehčovací služby", "§44")]),
    ("registrace podle §60a zákona č. 108/2006 Sb.", [("intervenční centra", "§60a")]),
    ("služby podle § 65 a § 69", [("sociálně aktivizační služby pro rodiny s dětmi", "§65"),
                                  ("terénní programy", "§69")]),
    # the type named right before its section is one mention
    ("poskytuje osobní asistenci (§ 39 zákona o sociálních službách)", [("osobní asistence", "§39")]),
])
def test_a_service_named_by_its_section(text, expected):
    assert types_in(text) == expected


@pytest.mark.parametrize("text", [
    "podle § 40 zákona č. 128/2000 Sb., o obcích",  # another act
    "§ 39 odst. 2 zákona o obcích",
    "dle § 45 občanského zákoníku",
    "viz § 92 a § 105",  # no section of a service
    "§ 441 zákoníku práce",
])
def test_sections_of_other_acts_or_other_sections_name_no_service(text):
    assert types_in(text) == []


def test_a_provider_with_a_section_reference_is_one_row():
    assert rows("Domek, z. ú. poskytuje odlehčovací služby (§ 44) s kapacitou 4 lůžek.") == {
        ("odlehčovací služby", "Domek")}


# --------------------------------------------------------------------------- a page laid out in a table


def test_services_in_a_page_laid_out_in_a_table_take_only_their_own_providers():
    minutes = "\n".join(["Přítomni:", "Eva Malá – Domek, z. ú.", "Petr Kos – Spolek Lípa, z. s."]
                        + [f"Bod {n} jednání." for n in range(8)]
                        + ["Domek, z. ú. provozuje noclehárnu.", "V území chybí denní stacionář."])
    items = [BlockView(0, "table_cell", "Úvod\nKontakty", table_id=0, row=0, col=0),
             BlockView(1, "table_cell", minutes, table_id=0, row=0, col=1)]
    result = Extraction()
    organisations.extract(items, result)
    services.extract(items, result)
    assert {(r["service_type"], r["organisation"]) for r in result.tables["services"]} == {
        ("noclehárny", "Domek"), ("denní stacionáře", None)}


def test_the_services_of_an_organisation_a_sentence_presents():
    assert rows("Mgr. Eva Malá představila služby Domova Úkryt, o. p. s. Chráněné bydlení má nyní kapacitu "
                "8 lůžek.") == {("chráněné bydlení", "Domov Úkryt")}
    # two organisations presented: the text does not say whose the service is
    assert rows("Mgr. Eva Malá představila služby Domova Úkryt, o. p. s., a Ing. Jan Dub představil záměr "
                "Charity Horní Lhota. Chráněné bydlení má nyní kapacitu 8 lůžek.") == {("chráněné bydlení", None)}


def test_a_row_under_a_merged_provider_cell_is_that_provider_s():
    assert rows("| Poskytovatel | Druh služby | Kapacita 2023 | Kapacita 2024 |",
                "| Domov Lipka, p. o. | pečovatelská služba (§ 40) | 9 úvazků | 10 úvazků |",
                "|  | domov pro seniory (§ 49) | 86 lůžek | 80 lůžek |") == {
        ("pečovatelská služba", "Domov Lipka"), ("domovy pro seniory", "Domov Lipka")}
