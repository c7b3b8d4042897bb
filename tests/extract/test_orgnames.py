"""Organisation names: shapes found in text, nominative forms, legal forms, IČO, variants."""

from __future__ import annotations

import pytest

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.organisations.names import find_mentions
from pipeline.extract.organisations.normalise import ico_valid, merge_names, nominative, split_legal_form
from pipeline.extract.organisations.shapes import mentions_in_span
from pipeline.extract.sentences import sentences
from tests.extract.blocks import blocks


def names_in(text: str) -> list[str]:
    from pipeline.extract import annotate

    document = annotate([BlockView(0, "paragraph", text)])
    return [m.name for m in mentions_in_span(document[0], document.doc(0), 0, len(text))]


def canonical_names(*lines: str) -> list[str]:
    return list(dict.fromkeys(m.key for m in find_mentions(blocks(*lines))))


# --------------------------------------------------------------------------- IČO


@pytest.mark.parametrize("ico", ["00064581", "44992785"])
def test_valid_ico(ico):
    assert ico_valid(ico)


@pytest.mark.parametrize("ico", ["44992784", "0006458", "000645811", "4499278a", ""])
def test_invalid_ico_wrong_check_or_length(ico):
    assert not ico_valid(ico)


def test_ico_written_after_the_name_is_kept_as_written():
    (mention,) = [m for m in find_mentions(blocks("Spolek Pohoda Vrbno, z. s., IČO 123456789, žádá o podporu."))]
    assert mention.ico == "123456789"
    assert not ico_valid(mention.ico)


# --------------------------------------------------------------------------- legal forms


@pytest.mark.parametrize("text, name, form", [
    ("Souznění, z. s.", "Souznění", "z. s."),
    ("Hospic sv. Štěpána, z.s.", "Hospic sv. Štěpána", "z. s."),
    ("Nová vlna s.r.o.", "Nová vlna", "s. r. o."),
    ("Sociální služby Vsetín, příspěvková organizace", "Sociální služby Vsetín", "p. o."),
    ("Centrum Hájek, o.p.s.", "Centrum Hájek", "o. p. s."),
    ("Oblastní charita Kutná Hora", "Oblastní charita Kutná Hora", None),
])
def test_split_legal_form(text, name, form):
    from pipeline.extract.nlp import nlp
    from pipeline.extract.organisations.mention import doc_toks

    tokens, found = split_legal_form(doc_toks(nlp()(text)))
    assert (text[tokens[0].start:tokens[-1].end], found) == (name, form)


def test_legal_form_anchors_a_name_in_running_text():
    assert names_in("Noclehárnu ve městě provozuje Sdružení Betánie, z. s. již od roku 2009.") == \
        ["Sdružení Betánie"]


def test_classifier_is_not_part_of_the_name():
    assert names_in("Průzkum zpracovala agentura a firma Datalab analytics, s.r.o. jej předala.") == \
        ["Datalab analytics"]
    assert names_in("Zástupce organizace Den za dnem, z. ú. poděkoval za spolupráci.") == ["Den za dnem"]


def test_quoted_name_before_a_spelled_out_legal_form():
    (mention,) = [m for m in find_mentions(blocks("„Rozbřesk“ občanské sdružení pořádá besedy pro seniory."))]
    assert (mention.name, mention.legal_form) == ("Rozbřesk", "o. s.")


def test_person_before_the_organisation_is_not_part_of_it():
    text = "1. Mgr. Hana Černá Vlídné srdce, o. s. 2. Bc. Ivo Malý Charita Hlučín"
    assert names_in(text) == ["Vlídné srdce", "Charita Hlučín"]


# --------------------------------------------------------------------------- nominative


@pytest.mark.parametrize("words, expected", [
    (["Krajským", "úřadem", "Karlovarského", "kraje"], "Krajský úřad Karlovarského kraje"),
    (["městem", "Kolínem"], "Město Kolín"),
    (["městu", "Přerovu"], "Město Přerov"),
    (["Charitou", "Opava"], "Charita Opava"),
    (["Oblastní", "charitou", "Jihlava"], "Oblastní charita Jihlava"),
    (["Armádou", "míru"], "Armáda míru"),
    (["úřadem", "práce"], "Úřad práce"),
    (["Městskou", "policií", "Kopřivnice"], "Městská policie Kopřivnice"),
    (["Domácímu", "hospici", "Vratislav"], "Domácí hospic Vratislav"),
    (["Člověka", "v", "nouzi"], "Člověk v nouzi"),
    (["Sociálních", "služeb", "města", "Kroměříže"], "Sociální služby města Kroměříže"),
    (["Slezské", "diakonie"], "Slezská diakonie"),
    (["Občanského", "sdružení", "Skok"], "Občanské sdružení Skok"),
    (["Diakonie", "ČCE", "–", "střediska", "Lhota"], "Diakonie ČCE – středisko Lhota"),
    (["datalab", "research"], "datalab research"),
    (["Most", "k", "domovu"], "Most k domovu"),
    (["Domov", "u", "rybníka"], "Domov u rybníka"),
])
def test_nominative(words, expected):
    assert nominative(words) == expected


@pytest.mark.parametrize("text, expected", [
    ("Smlouva byla uzavřena s městem Kolínem na pět let.", ["Město Kolín"]),
    ("Dotaci poskytl úřad práce v rámci aktivní politiky zaměstnanosti.", ["Úřad práce"]),
    ("Spolupráce s Městskou policií Kopřivnice je dobrá.", ["Městská policie Kopřivnice"]),
    ("Službu zajišťuje Oblastní charitou Jihlava zřízené středisko.", ["Oblastní charita Jihlava"]),
    ("Na jednání byl přizván zástupce Krajského úřadu Kraje Podlesí.", ["Krajský úřad Kraje Podlesí"]),
])
def test_inflected_mentions_are_named_in_the_nominative(text, expected):
    assert names_in(text) == expected


# --------------------------------------------------------------------------- not organisations


@pytest.mark.parametrize("text", [
    "Projekt je spolufinancován z Evropského sociálního fondu v rámci OP Zaměstnanost.",
    "PS Senioři se sešla ve středu v zasedací místnosti.",
    "Na území města Kravaře žije přibližně šest tisíc obyvatel.",
    "Terénní pracovníci působí v obcích Štítina a Mokré Lazce.",
    "Podle prognózy Moravskoslezského kraje bude obyvatel ubývat.",
    "Komise sociální a zdravotní doporučila návrh schválit.",
    "KOMUNITNÍ PLÁNOVÁNÍ SOCIÁLNÍCH SLUŽEB MĚSTA OPAVY",
])
def test_funds_places_groups_and_headers_are_not_organisations(text):
    assert names_in(text) == []


def test_region_as_actor_behind_money():
    assert names_in("Provoz je hrazen z dotace Moravskoslezského kraje.") == ["Moravskoslezský kraj"]


# --------------------------------------------------------------------------- slots and lists


def test_slot_values_are_organisations_even_without_a_known_shape():
    lines = ("## Aktivita 2.1 Rozšíření služby", "R: Renarkon", "Zodpovídá: Nová cesta; Spolek Jasan, z. s.")
    assert canonical_names(*lines) == ["Renarkon", "Nová cesta", "Spolek Jasan"]


def test_slot_question_mark_is_nobody():
    assert canonical_names("R: ?", "R:") == []


def test_bare_names_in_a_provider_list():
    lines = ("Aktivita 3.2 Navýšit kapacitu sociální rehabilitace",
             "- Renarkon – 0,5 úvazku",
             "- osobní asistence – Vzájemnost – 1 - 2",
             "- Resocializace")
    assert canonical_names(*lines) == ["Renarkon", "Vzájemnost"]


def test_names_listed_after_services_in_parentheses():
    assert canonical_names("V regionu působí kvalitní služby (Renarkon, Modrý kříž), chybí však noclehárna.") == \
        ["Renarkon", "Modrý kříž"]


def test_programme_abbreviations_in_parentheses_are_not_names():
    assert canonical_names("Žádosti se podávají do sítě sociálních služeb (ZSS MSK) do konce září.") == []


# --------------------------------------------------------------------------- variants of one document


def test_merge_classifier_variant_keeps_the_name_with_a_legal_form():
    found = canonical_names("Zástupce: Sdružení Jasan", "Spolek Jasan, z. s. podal žádost.")
    assert found == ["Spolek Jasan"]
    found = canonical_names("Hosté: Sdružení Vlaštovka", "Vlaštovka, o. s. provozuje klub.")
    assert found == ["Vlaštovka"]


def test_merge_town_suffix_typo_and_acronym():
    names = ["Krajský úřad Karlovarského kraje", "Krajský úřad Karlovarskeho kraje", "KÚKK", "Charita Hodonín",
             "Charita", "Inspekce sociálních služeb", "Inspekce sociálních služeb ČR"]
    from pipeline.extract.organisations.mention import Mention

    chosen = merge_names([Mention(0, i, i + 1, n, n) for i, n in enumerate(names)])
    assert chosen["Krajský úřad Karlovarskeho kraje"] == "Krajský úřad Karlovarského kraje"
    assert chosen["KÚKK"] == "Krajský úřad Karlovarského kraje"
    assert chosen["Inspekce sociálních služeb"] == "Inspekce sociálních služeb ČR"
    assert chosen["Charita Hodonín"] == "Charita Hodonín"


def test_distinct_bodies_of_one_town_stay_apart():
    found = canonical_names("Místo: Městský úřad Kravaře", "Partnerem je Město Kravaře.")
    assert found == ["Městský úřad Kravaře", "Město Kravaře"]


def test_two_towns_with_one_head_do_not_merge():
    found = canonical_names("R: Charita Opava", "R: Charita Orlová")
    assert found == ["Charita Opava", "Charita Orlová"]


def test_sentences_do_not_end_after_titles_legal_forms_or_ordinals():
    text = "Jednání vedla Mgr. Eva Malá. Služba Jasan, z. s. vznikla 3. ledna. Další bod."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Jednání vedla Mgr. Eva Malá.", "Služba Jasan, z. s. vznikla 3. ledna.", "Další bod."]


def test_quoted_name_after_a_head_and_a_legal_form_after_it():
    assert names_in("Občanské sdružení „Skok“ pořádá letní tábor.") == ["Občanské sdružení „Skok“"]
    assert names_in("Sdružení „Skok“, z. s. pořádá letní tábor.") == ["Sdružení „Skok“"]


def test_double_barrelled_town_and_a_town_with_a_preposition():
    assert names_in("Přítomna byla zástupkyně Charity Frýdek-Místek.") == ["Charita Frýdek-Místek"]
    assert names_in("Obec Lhota u Lesa se zapojí.") == ["Obec Lhota u Lesa"]


def test_abbreviated_office_merges_with_the_written_out_one():
    found = canonical_names("Místo: Městský úřad Vítkov, zasedací místnost",
                            "Přítomni: Eva Malá (MěÚ Vítkov)")
    assert found == ["Městský úřad Vítkov"]


@pytest.mark.parametrize("text, expected", [
    ("Službu provozuje Domov pro seniory Kravaře, p. o. od roku 2001.", ["Domov pro seniory Kravaře"]),
    ("Dům na půl cesty Koráb, z. s. hledá nové prostory.", ["Dům na půl cesty Koráb"]),
    ("Sociálně terapeutickou dílnu Vzájemnost, z. ú. plánuje rozšířit.", ["Vzájemnost"]),
    ("Noclehárna Sdružení Betánie, z. s. byla v zimě plně obsazena.", ["Sdružení Betánie"]),
])
def test_service_words_inside_or_before_a_name(text, expected):
    assert names_in(text) == expected


def test_flattened_table_cells_are_not_joined_into_names():
    text = ("Opatření č. Název organizace Druh služby 2.1. Vzájemnost, z. s. Sociálně terapeutická dílna "
            "Renarkon, o. p. s. kontaktní práce")
    assert names_in(text) == ["Vzájemnost", "Renarkon"]


def test_a_surname_in_a_slot_is_no_organisation():
    assert canonical_names("Zodpovídá: Nováková", "R: Mgr. Petr Svoboda", "R: Jana Malá") == []


def test_acronym_leaves_out_prepositions_and_conjunctions():
    found = canonical_names("Ministerstvo práce a sociálních věcí připravuje novelu.", "Program MPSV pokračuje.")
    assert found == ["Ministerstvo práce a sociálních věcí"]


# --------------------------------------------------------------------------- bare proper names by position


def kinds(*lines: str) -> list[tuple[str, str]]:
    return [(m.key, m.kind) for m in find_mentions(blocks(*lines))]


@pytest.mark.parametrize("text, expected", [
    ("Dovoz obědů nově zajišťuje poskytovatel Modrá kotva.", ["Modrá kotva"]),
    ("Od jara převezme terénní práci provozovatel Jasný den z Chrudimi.", ["Jasný den"]),
    ("Kontrolu provedla u organizace Oáza Lipník krajská komise.", ["Oáza Lipník"]),
    ("Organizace Stará lípa Skuteč zve na besedu.", ["Stará lípa Skuteč"]),
    ("Besedy pořádá spolek Lípa.", ["Lípa"]),  # lower-case "spolek" only classifies
    ("Spolek Lípa Trhová Kamenice pořádá besedy.", ["Spolek Lípa Trhová Kamenice"]),
    ("Sociálně terapeutickou dílnu provozuje Modrý kámen Skuteč od roku 2015.", ["Modrý kámen Skuteč"]),
    ("Dílna (provozuje Poustevna) hledá nové prostory.", ["Poustevna"]),
    ("Projekt realizuje Rodinné hnízdo Chotěboř.", ["Rodinné hnízdo Chotěboř"]),
    ("Poskytovatelem služby bude Dům Pod Skalou.", ["Dům Pod Skalou"]),
])
def test_bare_names_after_a_word_that_says_an_organisation_follows(text, expected):
    assert canonical_names(text) == expected


@pytest.mark.parametrize("text", [
    "Za organizaci Dne seniorů poděkovala starostka.",  # organising an event
    "Poskytovatel sídlí v ulici Nerudova 12.",  # a street
    "Projekt realizuje Mgr. Eva Malá.",  # a person
    "Dotaci zajišťuje Program Podpora seniorů.",  # a programme
    "Modrá kotva je hned za náměstím.",  # a sentence start without any cue
    "Služba sídlí v budově Stará fara na náměstí.",  # a building
    "Provozovatel Domov pro seniory navýší kapacitu.",  # a service type, a lone generic noun
    "Dílnu provozuje Kovář.",  # one word after a verb could be anything
])
def test_capitalised_phrases_that_are_no_organisations(text):
    assert canonical_names(text) == []


def test_parentheses_after_a_service_name_its_provider_not_its_place():
    assert canonical_names("Odlehčovací služba (Domov Vřesovec Skuteč) nabízí 4 lůžka.") == \
        ["Domov Vřesovec Skuteč"]
    assert canonical_names("Denní stacionář (Nerudova 12) má volná místa.") == []
    assert canonical_names("Noclehárna (Nové Hrady) je otevřena celoročně.") == []
    assert canonical_names("Noclehárna (Proseč) je otevřena celoročně.") == []


def test_organisation_in_parentheses_after_a_person():
    assert kinds("Na jednání promluvila Bc. Iva Horká (Modrá kotva, vedoucí služby).") == \
        [("Modrá kotva", "attendee")]
    assert kinds("Slovo měla Bc. Iva Horká (vedoucí odboru sociálních věcí).") == []


def test_organisation_column_of_a_table_and_of_tab_separated_lines():
    assert canonical_names("| Služba | Poskytovatel |", "| Osobní asistence | Ruka v ruce Skuteč |") == \
        ["Ruka v ruce Skuteč"]
    assert canonical_names("Jméno\tOrganizace\tÚčast", "Eva Malá\tOáza Lipník\tpřítomna",
                           "Petr Kos\tZelená louka\tomluven") == ["Oáza Lipník", "Zelená louka"]


def test_label_lines_with_tabs_are_no_table():
    assert canonical_names("Datum:\t1. 2. 2024", "Místo:\tKlubovna Oáza, Nerudova 12") == []


def test_a_name_given_once_is_found_again_also_inflected():
    found = kinds("Realizátor: Modrá kotva", "Zástupci Modré kotvy představili plán.",
                  "Modrá kotva Plus je jiný projekt.")
    assert found == [("Modrá kotva", "slot"), ("Modrá kotva", "known")]


def test_one_word_name_is_found_again_only_as_written():
    assert kinds("R: Poustevna", "Poustevna hledá dobrovolníky.", "Poustevně chybí auto.") == \
        [("Poustevna", "slot"), ("Poustevna", "known")]


def test_provider_slot_written_inline():
    assert canonical_names("Provozovatelem nové noclehárny bude Teplý kout.") == ["Teplý kout"]


def test_people_and_generic_roles_in_an_organisation_column_are_no_organisations():
    assert canonical_names("| Jméno | Organizace |", "| Eva Malá | Veřejnost |", "| Petr Kos | Uživatel služby |",
                           "| Jan Bílý | Zastupitel |", "| Ida Nová | Zastupitelstvo města Skuteč |") == \
        ["Zastupitelstvo města Skuteč"]


def test_list_of_members_written_surname_first_names_no_organisation():
    assert canonical_names("Členové pracovní skupiny:", "- Malá Eva – sociální pracovnice",
                           "- Kos Petr (Oáza Lipník)") == ["Oáza Lipník"]


# --------------------------------------------------------------------------- branches, regions, descriptions


@pytest.mark.parametrize("text, expected", [
    ("Za úřad přišla Mgr. Eva Malá – Úřad práce ČR – kontaktní pracoviště Dolní Lhota.",
     ["Úřad práce ČR – kontaktní pracoviště Dolní Lhota"]),
    ("Host: Petr Kos (Úřad práce ČR – kontaktní pracoviště Brod nad Lesy)",
     ["Úřad práce ČR – kontaktní pracoviště Brod nad Lesy"]),
    ("Úřad práce ČR, kontaktní pracoviště Horní Ves, eviduje 40 uchazečů.",
     ["Úřad práce ČR, kontaktní pracoviště Horní Ves"]),
    ("Diakonie ČCE – krajská pobočka Jih se omluvila.", ["Diakonie ČCE – krajská pobočka Jih"]),
])
def test_a_branch_written_after_the_name_is_part_of_it(text, expected):
    assert canonical_names(text) == expected


def test_a_workplace_without_a_place_is_no_branch():
    assert canonical_names("Úřad práce ČR – kontaktní pracoviště bude přestěhováno.") == ["Úřad práce ČR"]


def test_a_region_named_by_its_own_name():
    assert canonical_names("Kraj Podlesí poskytl na provoz dotaci 200 000 Kč.") == ["Kraj Podlesí"]
    assert canonical_names("Zástupce Krajského úřadu Kraje Podlesí přislíbil pomoc.") == \
        ["Krajský úřad Kraje Podlesí"]


@pytest.mark.parametrize("text", [
    "Služby v Kraji Podlesí jsou dostupné.",  # the region as a place
    "Kraj podpořil provoz noclehárny.",  # no name of its own
])
def test_a_region_as_a_place_or_without_a_name_is_no_organisation(text):
    assert canonical_names(text) == []


@pytest.mark.parametrize("text, name, form", [
    ("R: Lucerna – linka pro rodiče, o. p. s.", "Lucerna – linka pro rodiče", "o. p. s."),
    ("• Ing. Jan Bílý – Kotva – domov pro matky, z. s.", "Kotva – domov pro matky", "z. s."),
])
def test_a_name_with_a_lower_case_description_after_a_dash(text, name, form):
    (mention,) = find_mentions(blocks(text))
    assert (mention.name, mention.legal_form) == (name, form)


def test_a_person_before_a_dash_is_no_part_of_the_name():
    found = find_mentions(blocks("Jana Veselá – pracovnice pro rodiny, z. s."))
    assert [m.name for m in found] == []


def test_a_bare_office_stands_for_the_one_office_of_its_kind_named():
    found = find_mentions(blocks("Žádosti zašleme Krajskému úřadu Karlovarského kraje; krajský úřad pak vyhlásí "
                                 "program."))
    assert [(m.written, m.key) for m in found] == [
        ("Krajskému úřadu Karlovarského kraje", "Krajský úřad Karlovarského kraje"),
        ("krajský úřad", "Krajský úřad Karlovarského kraje")]


def test_a_bare_office_with_two_candidates_or_none_names_nobody():
    assert canonical_names("Městský úřad Kolín a Městský úřad Beroun jednají; městský úřad rozhodne.") == \
        ["Městský úřad Kolín", "Městský úřad Beroun"]
    assert canonical_names("O dotaci rozhodne krajský úřad.") == []


@pytest.mark.parametrize("text", ["Informace podal OSPOD.", "Zástupkyně odboru sociálních věcí.",
                                  "R: Odbor sociálních věcí"])
def test_departments_of_an_office_are_no_organisations(text):
    assert canonical_names(text) == []


def test_a_private_legal_form_does_not_take_a_public_body_before_the_name():
    # a flattened table: the previous cell names a public body, the next one a company
    assert names_in("1.6. Úřad práce ČR Ruka v ruce, o. p. s. terénní práce") == ["Ruka v ruce"]
    # a contributory organisation may open with a public body's head
    assert names_in("Zřizovatelem je Město Kolín, p. o.") == ["Město Kolín"]


def test_one_sentence_splitter_for_the_stage():
    """The organisation, service and capacity extractors and the item scopes split sentences with
    pipeline/extract/sentences.py; a capital outside Czech (Ö, Ł) opens a sentence too."""
    from pipeline.extract import sentences as stage
    from pipeline.extract.organisations import context, roles, slots

    assert context.sentences is slots.sentences is stage.sentences
    assert context.sentence_of is roles.sentence_of is stage.sentence_of
    text = "Jednání vedla Charita. Österreichische Caritas přispěla. „Nový klub“ začal."
    assert [text[a:b] for a, b in stage.sentences(text)] == [
        "Jednání vedla Charita.", "Österreichische Caritas přispěla.", "„Nový klub“ začal."]


@pytest.mark.parametrize("text, expected", [
    ("Jednání se zúčastnila Lavanda o. p. s. a Charita Horní Ves.",
     [("Lavanda o. p. s.", "legal", "Lavanda", "o. p. s."), ("Charita Horní Ves", "head", "Charita Horní Ves", "")]),
    ("Žádost podpořil Krajský úřad Karlovarského kraje.",
     [("Krajský úřad Karlovarského kraje", "public", "Krajský úřad Karlovarského kraje", "")]),
    ("Podklady zašle MPSV.", [("MPSV", "abbr", "MPSV", "")]),
    ("Projekt vznikl z dotace Karlovarského kraje.", [("Karlovarského kraje", "region", "Karlovarský kraj", "")]),
])
def test_organisation_candidates_are_org_spans_of_the_doc(text, expected):
    """The `kpss_orgs` component puts the mentions found by shape in `doc.spans["org"]`: label
    the kind, kb_id the name, id the legal form."""
    from pipeline.extract.nlp import nlp

    doc = nlp()(text)
    found = [(s.text, s.label_, s.kb_id_, s.id_) for s in doc.spans["org"]]
    assert found == expected


def test_organisation_tokens_come_from_the_annotated_doc():
    """The organisation extractor reads a block's tokens from its annotated Doc, built once per
    Doc; a sign glued to a figure is a token of its own."""
    from pipeline.extract import annotate
    from pipeline.extract.organisations.context import DocOrgs
    from pipeline.extract.organisations.mention import doc_toks

    document = annotate(blocks("Spolek Úkryt, z. s. přidá +1,0 úvazku."))
    doc = document.doc(document[0])
    tokens = DocOrgs.shared(document, Extraction()).tokens(document[0])
    assert tuple(tokens) == doc_toks(doc) and doc_toks(doc) is doc_toks(doc)
    assert [t.text for t in tokens] == ["Spolek", "Úkryt", ",", "z. s.", "přidá", "+", "1,0", "úvazku", "."]
    assert all(doc.char_span(t.start, t.end, alignment_mode="expand").start_char <= t.start for t in tokens)


def test_the_org_component_module_loads_first():
    """spaCy loads `pipeline.extract.spans.orgs` by name when it builds the pipeline; it must
    load in a fresh process before anything else of the stage."""
    import subprocess
    import sys

    code = "import pipeline.extract.spans.orgs; from pipeline.extract.nlp import nlp; nlp()('Charita Horní Ves')"
    subprocess.run([sys.executable, "-c", code], check=True)
