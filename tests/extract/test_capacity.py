"""Capacity changes: figures with units, the kind of change, and whose capacity it is."""

from __future__ import annotations

import pytest

from pipeline.extract import annotate, capacity, organisations, services
from tests.extract.blocks import blocks
from tests.extract.test_organisations import with_plan

FIELDS = ("unit", "change", "value_from", "value_to", "delta")


def run(*lines: str) -> list[dict]:
    items = blocks(*lines)
    result = with_plan(items)
    organisations.extract(items, result)
    services.extract(items, result)
    capacity.extract(annotate(items), result)
    for row in result.tables["capacity_changes"]:
        block = items[row["block_id"]]
        assert block.text[row["char_start"]:row["char_end"]] == row["raw_text"]
    return result.tables["capacity_changes"]


def changes(*lines: str) -> list[tuple]:
    return [tuple(r[f] for f in FIELDS) for r in run(*lines)]


@pytest.mark.parametrize("text, expected", [
    ("Navrhuje se navýšení o 1,5 úvazku sociálního pracovníka.", ("fte", "increase", None, None, 1.5)),
    ("Personál posílí + 0,5 úvazku.", ("fte", "increase", None, None, 0.5)),
    ("Služba byla posílena o +1,0 úvazku pracovníka v sociálních službách.", ("fte", "increase", None, None, 1.0)),
    ("Došlo k navýšení úvazků sociálních pracovnic z 2,0 na 2,8.", ("fte", "increase", 2.0, 2.8, 0.8)),
    ("Organizace navyšuje počet pečovatelek ze 7 na 8.", ("worker", "increase", 7.0, 8.0, 1.0)),
    ("Rozšíření kapacity z 12 lůžek na 20 lůžek.", ("bed", "increase", 12.0, 20.0, 8.0)),
    ("Úvazky v přímé péči se zvýší z 3,5 na 4 úvazky.", ("fte", "increase", 3.5, 4.0, 0.5)),
    ("Kapacita domova klesne z 60 na 52 lůžek.", ("bed", "decrease", 60.0, 52.0, -8.0)),
    ("Domov plánuje navýšení kapacity o 4 lůžka.", ("bed", "increase", None, None, 4.0)),
    ("Vzhledem k rekonstrukci dojde ke snížení kapacity o 6 míst.", ("place", "decrease", None, None, -6.0)),
    ("Pro terénní program vznikne nový úvazek 1.", ("fte", "new", None, None, 1.0)),
    ("Služba s kapacitou 8 lůžek je plně obsazena.", ("bed", "set", None, 8.0, None)),
    ("Kapacita klubu je 25 klientů denně.", ("client", "set", None, 25.0, None)),
    ("Město vyčlení 4 byty pro sociální bydlení.", ("flat", "new", None, None, 4.0)),
    ("Projekt počítá s podpořením tří sociálních pracovníků.", ("worker", "new", None, None, 3.0)),
    ("Zřízení chráněného bydlení pro 6 klientů.", ("client", "new", None, None, 6.0)),
    ("Navýšení o 2 pracovníky v sobotu.", ("worker", "increase", None, None, 2.0)),
])
def test_one_statement(text, expected):
    assert changes(text) == [expected]


@pytest.mark.parametrize("text", [
    "Na provoz služby bylo vyčleněno 850 000 Kč.",
    "Náklady činí 1,2 mil. Kč ročně.",
    "Jednání proběhlo 14. 3. 2023 od 9:00 hod. v místnosti č. 12.",
    "Skupina se v roce 2022 sešla 4x, celkem proběhla 3 setkání.",
    "Spolek Jasan, z. s., IČO 00064581, se sídlem Hlavní 12, Kravaře 3.",
    "Dotace pokryla 80 % nákladů.",
    "V lokalitě žije přibližně 240 obyvatel, z toho 90 dětí.",
    "V pořadníku čeká 17 zájemců, odmítnuto bylo 9 klientů.",
    "Leták vyšel v nákladu 5 000 kusů.",
    "Terénní práce v lokalitě pokryje 2 obce.",
])
def test_figures_that_are_no_capacity(text):
    assert changes(text) == []


def test_header_gives_the_unit_of_the_figures_after_it():
    assert changes("počet míst - 8 matek maximálně 20 dětí") == [
        ("place", "set", None, 8.0, None), ("place", "set", None, 20.0, None)]


def test_persons_served_with_a_designed_for_cue():
    assert changes("Zřízení nového azylového domu pro 12 matek, maximálně 25 dětí.") == [
        ("client", "new", None, None, 12.0), ("client", "new", None, None, 25.0)]


def test_unit_taken_from_sibling_lines_and_change_from_the_item_title():
    found = run("### Aktivita 3.1.1 Navýšit kapacitu sociální rehabilitace",
                "- Vzájemnost, z. ú. – 1 úvazek",
                "- Cesta ven – sociální rehabilitace – 0,5 - 1",
                "- Charita Kravaře, středisko Bolatice – 0,5")
    assert [(r["organisation"], r["item_ref"]) + tuple(r[f] for f in FIELDS) for r in found] == [
        ("Vzájemnost", "3.1.1", "fte", "increase", None, None, 1.0),
        ("Cesta ven", "3.1.1", "fte", "increase", 0.5, 1.0, 0.5),
        ("Charita Kravaře", "3.1.1", "fte", "increase", None, None, 0.5)]


def test_address_number_does_not_take_a_sibling_unit():
    assert changes("- Spolek Jasan, se sídlem Kravaře 3, na službu chráněné bydlení s kapacitou 5 lůžek.",
                   "- Charita Kravaře – 2 lůžka") == [("bed", "set", None, 5.0, None), ("bed", "set", None, 2.0, None)]


def test_organisation_and_service_of_the_row():
    (row,) = run("Domov Slunce, p. o. provozuje domov pro seniory, jehož kapacita se zvýší o 10 lůžek.")
    assert (row["organisation"], row["service"], row["delta"]) == ("Domov Slunce", "domovy pro seniory", 10.0)


def test_responsible_of_the_item_owns_a_figure_without_organisation():
    (row,) = run("### Aktivita 2.3 Rozvoj pečovatelské služby", "Navýšení úvazku o 0,5.", "R: Charita Kravaře")
    assert (row["item_ref"], row["organisation"], row["service"]) == ("2.3", "Charita Kravaře", "pečovatelská služba")


def test_nearest_change_word_decides_the_sign():
    rows = changes("Domov pro seniory sníží kapacitu z 80 na 72 lůžek a domov se zvláštním režimem "
                   "se tak rozšíří o 8 lůžek.")
    assert rows == [("bed", "decrease", 80.0, 72.0, -8.0), ("bed", "increase", None, None, 8.0)]


def test_funder_is_not_the_owner_of_a_capacity():
    (row,) = run("### Opatření 4.2 Azylový dům pro matky",
                 "Azylový dům provozuje Spolek Jasan, z. s.",
                 "Dotaci poskytl Moravskoslezský kraj z dotace Moravskoslezského kraje; kapacita 10 matek s dětmi.")
    assert (row["item_ref"], row["organisation"], row["unit"], row["change"]) == ("4.2", "Spolek Jasan", "client", "set")


def test_attendance_and_population_counts_are_no_capacity():
    assert changes("Celkem se jednání zúčastnilo 25 osob.", "Na ubytovnách žije odhadem 300 osob.") == []


def test_table_row_gives_item_organisation_service_and_change():
    found = run("| Číslo aktivity | Název aktivity | Kapacita | Realizátor |",
                "| 1.1.2 | Nový denní stacionář | 12 míst | Slezská diakonie |",
                "| 1.2.1 | Rozšíření chráněného bydlení | ze 4 na 6 lůžek | Vzájemnost, z. ú. |")
    assert [(r["item_ref"], r["organisation"], r["service"]) + tuple(r[f] for f in FIELDS) for r in found] == [
        ("1.1.2", "Slezská diakonie", "denní stacionáře", "place", "new", None, None, 12.0),
        ("1.2.1", "Vzájemnost", "chráněné bydlení", "bed", "increase", 4.0, 6.0, 2.0)]


def test_unit_before_a_from_to_pair():
    assert changes("Zvýšení počtu lůžek z 20 na 24 od ledna.") == [("bed", "increase", 20.0, 24.0, 4.0)]


def test_a_figure_of_a_vague_title_is_a_stated_capacity():
    assert changes("### Aktivita 1.4 Rozvoj odlehčovací služby", "Služba má 6 lůžek.") == [
        ("bed", "set", None, 6.0, None)]


def test_jobs_are_no_places():
    assert changes("Ve spolupráci s Úřadem práce ČR vzniknou 2 pracovní místa.") == []


def test_caseload_in_a_sentence_after_the_service():
    (row,) = run("Slezská diakonie provozuje sociálně aktivizační služby pro rodiny s dětmi. "
                 "Služba má 2,5 úvazku.")
    assert (row["organisation"], row["service"], row["unit"], row["change"], row["value_to"]) == (
        "Slezská diakonie", "sociálně aktivizační služby pro rodiny s dětmi", "fte", "set", 2.5)


def test_each_comma_clause_with_its_own_verb_reads_its_own_cues():
    assert changes("Obec spravuje celkem 9 bytů pro seniory, loni byly 3 byty nově pronajaty "
                   "mladým rodinám.") == [("flat", "set", None, 9.0, None)]


def test_verbless_pieces_belong_to_the_clause_before():
    text = "Od září otevře nový poskytovatel, Modrá kotva, z. ú., pobočku s kapacitou 12 klientů."
    assert changes(text) == [("client", "new", None, None, 12.0)]
    assert changes("Pobočku v Proseči otevřela Modrá kotva, z. ú., kapacita je 12 klientů.") == [
        ("client", "set", None, 12.0, None)]


@pytest.mark.parametrize("text", [
    "Poradnu v loňském roce využilo 140 klientů.",
    "Klub uspořádal 4 výlety pro 30 seniorů.",
    "Během zimy bylo v noclehárně ubytováno 35 osob.",
    "Byty byly přiděleny 3 rodinám s dětmi.",
    "V roce 2023 byly 2 startovací byty pronajaty mladým rodinám.",
])
def test_counts_of_what_happened_are_no_capacity(text):
    assert changes(text) == []


def test_a_total_is_a_stated_capacity_even_under_an_increase_title():
    assert changes("### Aktivita 2.1.1 Navýšení počtu bytů", "V domě je celkem 14 bytů.") == [
        ("flat", "set", None, 14.0, None)]
    assert changes("Kapacita se navýší o celkem 4 lůžka.") == [("bed", "increase", None, None, 4.0)]


@pytest.mark.parametrize("text, expected", [
    ("Plán: nový úvazek sociálního pracovníka 0,5", ("fte", "new", None, None, 0.5)),
    ("Personál: úvazek pečovatelky 0,75", ("fte", "set", None, 0.75, None)),
    ("Domov pro seniory sníží kapacitu z 40 na 36 lůžek.", ("bed", "decrease", 40.0, 36.0, -4.0)),
])
def test_unit_noun_heading_a_genitive_before_the_figure(text, expected):
    assert changes(text) == [expected]


def test_line_that_names_its_measure_ties_the_figure_to_it():
    (row,) = run("## Cíl 2 Podpora rodin s dětmi",
                 "Skupina navrhla k cíli 2 tři opatření.",
                 "K opatření 2.4: počítá se se zřízením azylového domu pro 8 matek s dětmi.")
    assert (row["item_ref"], row["service"], row["unit"], row["change"], row["delta"]) == (
        "2.4", "azylové domy", "client", "new", 8.0)


def test_planned_and_achieved_capacity_of_an_evaluated_activity():
    found = run("### Aktivita 1.3.1 Rozšíření kapacity dílny",
                "Realizátor: Modrý kámen, o. p. s.",
                "Plánovaná kapacita: z 8 na 10 míst",
                "Dosažená kapacita: 10 míst (od 1. 6. 2023)",
                "Finanční náklady: 150 000 Kč")
    assert [(r["item_ref"], r["organisation"]) + tuple(r[f] for f in FIELDS) for r in found] == [
        ("1.3.1", "Modrý kámen", "place", "increase", 8.0, 10.0, 2.0),
        ("1.3.1", "Modrý kámen", "place", "set", None, 10.0, None)]


def test_capacity_of_a_service_run_by_the_paragraph_subject():
    (row,) = run("Vedoucí uvedla, že Domov Vřesovec Skuteč, p. o. zahájí opravu pavilonu. "
                 "Kapacita domova pro seniory se tím sníží o 4 lůžka.")
    assert (row["organisation"], row["service"], row["unit"], row["change"], row["delta"]) == (
        "Domov Vřesovec Skuteč", "domovy pro seniory", "bed", "decrease", -4.0)


def test_actual_state_in_an_evaluation_is_a_stated_capacity():
    assert changes("### Aktivita 2.2.1 Rozšíření osobní asistence",
                   "Plán: navýšení o 1 úvazek",
                   "Skutečný stav: 2,5 úvazku") == [("fte", "increase", None, None, 1.0),
                                                     ("fte", "set", None, 2.5, None)]


# --------------------------------------------------------------------------- one change stated twice


@pytest.mark.parametrize("text, expected", [
    ("Domek sníží kapacitu o 2 lůžka (z 30 na 28 lůžek).", [("bed", "decrease", 30.0, 28.0, -2.0)]),
    ("Kapacita dílny byla navýšena o 1 úvazek na 3 úvazky.", [("fte", "increase", None, 3.0, 1.0)]),
    ("Spolek navýší kapacitu klubu o 5 míst (na 20 míst).", [("place", "increase", None, 20.0, 5.0)]),
])
def test_a_change_restated_right_after_it_is_one_row(text, expected):
    assert changes(text) == expected


@pytest.mark.parametrize("text, expected", [
    # two changes that do not agree are two rows
    ("Navýšení o 2 lůžka (z 10 na 15 lůžek).", [("bed", "increase", None, None, 2.0),
                                              ("bed", "increase", 10.0, 15.0, 5.0)]),
    # a figure of another unit is no restatement
    ("Dílna navýší personál o 1 úvazek (pro 14 klientů).", [("fte", "increase", None, None, 1.0),
                                                           ("client", "set", None, 14.0, None)]),
])
def test_changes_that_do_not_restate_each_other_stay_apart(text, expected):
    assert changes(text) == expected


# --------------------------------------------------------------------------- capacity columns of a table


def test_a_table_of_capacity_before_and_after_gives_one_row_per_service():
    found = run("| Služba | Poskytovatel | Kapacita 2024 | Požadovaná kapacita 2025 |",
                "| Noclehárna | Domek, z. ú. | 12 lůžek | 12 lůžek |",
                "| Azylový dům | Domek, z. ú. | 20 lůžek | 16 lůžek |",
                "| Terénní programy | Spolek Lípa, z. s. | 1 úvazek | 1,5 úvazku |",
                "| Sociální rehabilitace | Spolek Lípa, z. s. | – | 0,5 úvazku |")
    assert [(r["organisation"], r["service"]) + tuple(r[f] for f in FIELDS) for r in found] == [
        ("Domek", "noclehárny", "bed", "set", None, 12.0, None),
        ("Domek", "azylové domy", "bed", "decrease", 20.0, 16.0, -4.0),
        ("Spolek Lípa", "terénní programy", "fte", "increase", 1.0, 1.5, 0.5),
        ("Spolek Lípa", "sociální rehabilitace", "fte", "new", None, None, 0.5)]


def test_one_capacity_column_reads_each_cell_by_itself():
    found = changes("| Služba | Poskytovatel | Kapacita |",
                    "| Noclehárna | Domek, z. ú. | 12 lůžek |",
                    "| Azylový dům | Domek, z. ú. | navýšení z 16 na 20 lůžek |")
    assert found == [("bed", "set", None, 12.0, None), ("bed", "increase", 16.0, 20.0, 4.0)]


def test_a_cell_that_says_more_than_a_figure_is_read_as_written():
    found = changes("| Služba | Stav 2024 | Plán 2025 |",
                    "| Noclehárna | 12 lůžek | navýšení o 3 lůžka |")
    assert found == [("bed", "set", None, 12.0, None), ("bed", "increase", None, None, 3.0)]


# --------------------------------------------------------------------------- units and kinds


def test_the_head_noun_is_the_unit_also_before_a_figure_in_parentheses():
    assert changes("Plán: nový úvazek sociálního pracovníka (0,5)") == [("fte", "new", None, None, 0.5)]
    assert changes("Plán: noví pracovníci (2)") == [("worker", "new", None, None, 2.0)]


def test_a_capacity_that_stays_is_stated():
    assert changes("Klub rozšířil otevírací dobu o sobotu, úvazek vedoucí zůstává 1,0.") == [
        ("fte", "set", None, 1.0, None)]


def test_the_capacity_of_what_the_item_creates_is_new():
    assert changes("### Aktivita 2.4.1 Zřízení chráněného bydlení", "- předpokládaná kapacita 8 míst") == [
        ("place", "new", None, None, 8.0)]
    assert changes("### Aktivita 2.4.2 Podpora chráněného bydlení", "- kapacita 8 míst") == [
        ("place", "set", None, 8.0, None)]
    assert changes("### Aktivita 2.4.3 Zřízení chráněného bydlení", "- skutečný stav: kapacita 8 míst") == [
        ("place", "set", None, 8.0, None)]


def test_items_numbered_with_letters_give_the_item_ref():
    found = run("## Priorita F Bydlení", "### Opatření F.3 Startovací byty", "- Plán: vyčlenění 4 bytů",
                "- Realizátor: Obec Dolní Ves")
    assert [(r["item_ref"], r["organisation"], r["unit"], r["change"], r["delta"]) for r in found] == [
        ("F.3", "Obec Dolní Ves", "flat", "new", 4.0)]


def test_a_table_row_number_is_the_item_ref():
    found = run("## Opatření 6.1 Služby pro seniory",
                "| Č. | Co se udělá | Realizátor | Kapacita |",
                "| 6.1.1 | Odlehčovací lůžka | Domek, z. ú. | nově 3 lůžka |")
    assert [(r["item_ref"], r["organisation"], r["delta"]) for r in found] == [("6.1.1", "Domek", 3.0)]


def test_the_achieved_figure_takes_the_service_of_the_planned_one_above_it():
    rows = run("Opatření 4.1 Zachování kontaktního centra a terénního programu",
               "Plán: terénní program – navýšení o 0,5 úvazku",
               "Skutečnost: navýšeno o 0,3 úvazku")
    assert [(r["service"], r["delta"]) for r in rows] == [("terénní programy", 0.5), ("terénní programy", 0.3)]


def test_a_list_line_goes_on_with_what_the_line_above_named():
    rows = run("- Spolek Úkryt, z. ú. připravuje chráněné bydlení (§ 51) v Horní Lhotě",
               "- 2 byty, předpokládané zahájení 2025")
    assert [(r["organisation"], r["service"], r["unit"]) for r in rows] == [("Spolek Úkryt", "chráněné bydlení", "flat")]


def test_a_public_office_named_after_the_figure_owns_no_capacity():
    rows = run("Aktivita 2.1.1 Chráněné bydlení",
               "Zodpovídá: Spolek Úkryt, z. ú. Registrace služby chráněné bydlení s kapacitou 6 míst byla podána "
               "na Krajský úřad Podleského kraje.")
    assert [(r["organisation"], r["unit"]) for r in rows] == [("Spolek Úkryt", "place")]


def test_a_figure_outside_the_plan_takes_the_item_its_sentence_names():
    rows = run("V rámci aktivity 3.1.1 navýšil Spolek Úkryt, z. s. kapacitu noclehárny z 12 na 18 lůžek.",
               "Aktivita 3.1.1 Zimní režim noclehárny",
               "R: Spolek Úkryt, z. s.")
    assert [(r["item_ref"], r["delta"]) for r in rows] == [("3.1.1", 6.0)]


def test_a_network_table_with_a_unit_column_years_under_capacity_and_a_change_column():
    rows = run("| Poskytovatel | IČO | Druh služby | Jednotka | Kapacita |  | Změna |",
               "|  |  |  |  | 2023 | 2024 |  |",
               "| Spolek Úkryt, z. s. | 26511878 | sociální rehabilitace (§ 70) | úvazky | 2,5 | 3,5 | +1,0 |",
               "|  |  | sociálně terapeutické dílny (§ 67) | místa | 12 | 12 | 0 |",
               "| Domov Lipka, p. o. | 70533016 | domov pro seniory (§ 49) | lůžka | 86 | 80 | −6 |")
    assert [(r["organisation"], r["unit"], r["change"], r["value_from"], r["value_to"], r["delta"]) for r in rows] == [
        ("Spolek Úkryt", "fte", "increase", 2.5, 3.5, 1.0), ("Spolek Úkryt", "place", "set", None, 12.0, None),
        ("Domov Lipka", "bed", "decrease", 86.0, 80.0, -6.0)]


def test_an_arrow_between_two_figures_is_a_change_from_to():
    assert changes("Kapacita domova se změní 10 → 12 lůžek.") == [("bed", "increase", 10.0, 12.0, 2.0)]


def test_the_relation_reads_the_quantity_spans_not_the_text():
    """The figures are the annotate step's: a quantity span says 5 beds where the text says 4,
    and a figure whose span was taken away (as a distractor's would be) gives no row."""
    from spacy.tokens import Span

    from pipeline.extract.spans.quantities import KEY, Quantity

    items = blocks("Domov plánuje navýšení kapacity o 4 lůžka.", "Navýšení o 2 lůžka.")
    document = annotate(items)
    first, second = document.docs
    figure = next(s for s in first.spans[KEY] if s.label_ == "quantity")
    span = Span(first, figure.start, figure.end, label="quantity")
    span._.quantity = Quantity(5.0, "bed", figure.start_char)
    first.spans[KEY] = [span]
    second.spans[KEY] = []
    result = with_plan(items)
    organisations.extract(items, result)
    services.extract(items, result)
    capacity.extract(document, result)
    assert [(r["block_id"], r["unit"], r["change"], r["delta"]) for r in result.tables["capacity_changes"]] == [
        (0, "bed", "increase", 5.0)]


def test_an_organisation_named_only_as_the_subject_owns_the_capacity():
    """Issue 15: the organisation a sentence names owns its capacity even where the document gives
    it no role that runs things (a director "of Domov X" informs; "realizátor: Město Y" read as
    funder); also for the later sentences of the same block."""
    rows = run("Mgr. Jana Hrubá, ředitelka organizace Domov Jasanka, informovala o průběhu transformace. "
               "Kapacita domova se sníží z 60 na 44 lůžek. V Lipníku vzniknou domácnosti chráněného "
               "bydlení pro 10 klientů.")
    assert [(r["organisation"], r["unit"], r["change"]) for r in rows] == [
        ("Domov Jasanka", "bed", "decrease"), ("Domov Jasanka", "client", "new")]
    (row,) = run("### Aktivita 2.1.1 Vznik 3 krizových bytů (realizátor: Město Lipník)")
    assert (row["item_ref"], row["organisation"], row["unit"], row["delta"]) == ("2.1.1", "Město Lipník", "flat", 3.0)


def test_the_responsible_of_the_item_comes_before_another_organisation_of_the_clause():
    """The item's responsible owns a figure whose clause names another organisation in another
    role only (the town that pays)."""
    (row,) = run("### Opatření 3.1 Azylový dům", "R: Spolek Jasan, z. s.",
                 "Azylový dům financovaný z rozpočtu Města Lipník má kapacitu 12 rodičů.")
    assert (row["item_ref"], row["organisation"]) == ("3.1", "Spolek Jasan")


@pytest.mark.parametrize("text, expected", [
    # words of a name are no cue: "Nová" in an organisation's name, "Novopacko", "Nováková"
    ("Paní Jana Nováková informovala, že Domov U Lesa Nová Ves má kapacitu 58 lůžek.", ("bed", "set", None, 58.0, None)),
    ("Pečovatelská služba Charity Lipník pracuje na Novopacku s 6,5 úvazku.", ("fte", "set", None, 6.5, None)),
    # where an increase or decrease ends: value_to, no delta
    ("Charita plánuje navýšení kapacity noclehárny na 14 lůžek.", ("bed", "increase", None, 14.0, None)),
    ("Dokončení rozšíření chráněného bydlení na 16 míst.", ("place", "increase", None, 16.0, None)),
    # a change and the total it ends at are one row
    ("Odlehčovací služba byla rozšířena o 3 lůžka na celkem 7 lůžek.", ("bed", "increase", None, 7.0, 3.0)),
    # a position supported, a building built, a service starting: new (class 17)
    ("Aktivita: podpora tří sociálních pracovníků v terénu.", ("worker", "new", None, None, 3.0)),
    ("Výstavba domova se zvláštním režimem s kapacitou 26 lůžek.", ("bed", "new", None, None, 26.0)),
    ("Vybudování chráněného bydlení pro 5 klientů.", ("client", "new", None, None, 5.0)),
    ("Centrum zahájí provoz s týmem 7 pracovníků.", ("worker", "new", None, None, 7.0)),
])
def test_issue15_change_kinds(text, expected):
    assert changes(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Počet žadatelů v pořadníku je 130 osob.", []),
    ("Počet čekatelů na umístění je 65 klientů.", []),
    ("Odhad počtu osob bez domova ve městě je 140 osob.", []),
    ("Domov má kapacitu 44 klientů a v pořadníku je 70 žadatelů.", [("client", "set", None, 44.0, None)]),
])
def test_persons_waiting_or_estimated_are_no_capacity(text, expected):
    """Class 17: waiting lists and population estimates count persons no capacity serves."""
    assert changes(text) == expected


def test_families_supported_are_stated_not_new():
    """"podpořeno 45 rodin" counts the families a service supports (set), and makes nothing of
    the clause new; "podpoření tří pracovníků" creates positions (new)."""
    assert changes("Služba poskytována v rozsahu 2 úvazků, podpořeno 45 rodin.") == [
        ("fte", "set", None, 2.0, None), ("client", "set", None, 45.0, None)]
    assert changes("Projekt počítá s podpořením tří sociálních pracovníků.") == [("worker", "new", None, None, 3.0)]


def test_the_service_named_right_after_the_unit_is_the_figures():
    """"50 lůžek v domově pro seniory a 12 lůžek v domově se zvláštním režimem": each figure
    counts the service after its unit, not the nearest one named before it."""
    rows = run("Domov Lesná má kapacitu 50 lůžek v domově pro seniory a 12 lůžek v domově se zvláštním režimem.")
    assert [(r["value_to"], r["service"]) for r in rows] == [
        (50.0, "domovy pro seniory"), (12.0, "domovy se zvláštním režimem")]


# --------------------------------------------------------------------------- issue 15, class 17 (round 3)


@pytest.mark.parametrize("text, expected", [
    ("Úvazek sociálních pracovnic byl navýšen z 1,5 na 2,5.", ("fte", "increase", 1.5, 2.5, 1.0)),
    ("b) navýšení počtu pečovatelek v terénu ze 4 na 6", ("worker", "increase", 4.0, 6.0, 2.0)),
    ("Počet asistentů spolku se snížil ze 5 na 4, jeden odešel.", ("worker", "decrease", 5.0, 4.0, -1.0)),
    ("Poradna rozšířila provoz, počet klientů vzrostl na 45.", ("client", "increase", None, 45.0, None)),
])
def test_a_bare_change_takes_the_unit_its_clause_names_before_it(text, expected):
    """A range or "na N" without a unit after it counts what its clause names as changing."""
    assert changes(text) == [expected]


def test_a_bare_figure_with_a_noun_of_its_own_takes_no_unit_from_before():
    assert changes("Úvazek koordinátorky zůstal, provoz se prodloužil o 2 dny v týdnu.") == []


def test_a_from_to_range_counts_what_its_second_figure_counts():
    """"pro seniory" before "z 40" is the service's target group, not the range's unit."""
    assert changes("Obec navrhuje snížit kapacitu domova pro seniory z 40 na 36 lůžek.") == [
        ("bed", "decrease", 40.0, 36.0, -4.0)]


def test_persons_waiting_are_no_capacity():
    assert changes("Kapacita klubu je 15 rodin, dalších 5 rodin čeká na přijetí.") == [
        ("client", "set", None, 15.0, None)]


def test_persons_enrolled_into_a_programme_are_new():
    assert changes("c) zapojení 14 rodin s malými dětmi do programu") == [("client", "new", None, None, 14.0)]


def test_households_for_persons_count_the_persons():
    """The homes are not the capacity; the persons they are for are."""
    assert changes("V Lipové vzniknou tři domácnosti chráněného bydlení pro celkem 11 klientů.") == [
        ("client", "new", None, None, 11.0)]


def test_planned_and_achieved_figures_beside_an_event_verb_are_both_rows():
    found = changes("### Aktivita 2.2.1 Vyčlenění bytů pro sociální bydlení",
                    "Částečně splněno, místo plánovaných 5 bytů byly pronajaty 3 byty.")
    assert found == [("flat", "new", None, None, 5.0), ("flat", "new", None, None, 3.0)]
    assert changes("Loni byly pronajaty 3 byty.") == []


def test_a_service_added_to_the_network_has_a_new_capacity():
    assert changes("Rada souhlasí s rozšířením sítě o denní stacionář spolku Lípa s kapacitou 9 míst.") == [
        ("place", "new", None, None, 9.0)]


def test_planned_and_achieved_columns_are_each_a_statement():
    """"Plán" | "Skutečnost" are no capacity before and after: the same figure twice is two rows."""
    found = changes("| Č. | Aktivita | Plán 2024 | Skutečnost 2024 |",
                    "| 1.1 | Zachování poradny | 1,5 úvazku | 1,5 úvazku |",
                    "| 1.2 | Zřízení klubu | 6 míst | nesplněno |")
    assert found == [("fte", "set", None, 1.5, None), ("fte", "set", None, 1.5, None),
                     ("place", "new", None, None, 6.0)]


def test_persons_in_a_capacity_column_are_a_capacity():
    found = changes("| Poskytovatel | Druh služby | Kapacita |",
                    "| Spolek Lípa, z. s. | nízkoprahové zařízení pro děti a mládež | 18 klientů denně |",
                    "| Charita Dolní Ves | pečovatelská služba | 5 pracovnic, 70 uživatelů |")
    assert found == [("client", "set", None, 18.0, None), ("worker", "set", None, 5.0, None),
                     ("client", "set", None, 70.0, None)]


def test_year_headers_are_capacity_columns():
    """"2017" | "2018" in the header: each row's capacity in those years, before and after."""
    found = changes("| Poskytovatel | Služba | 2017 | 2018 |",
                    "| Domov Lípa | domov pro seniory | 40 lůžek | 44 lůžek |",
                    "| Spolek Jasan | noclehárna | 10 lůžek | 10 lůžek |")
    assert found == [("bed", "increase", 40.0, 44.0, 4.0), ("bed", "set", None, 10.0, None)]
    assert changes("| Položka | 2017 | 2018 |", "| Dotace kraje | 200 000 Kč | 250 000 Kč |") == []


@pytest.mark.parametrize("text, expected", [
    ("Domov navýší lůžka pro seniory o osm.", [("bed", "increase", None, None, 8.0)]),
    ("Počet míst pro seniory: 20", [("place", "set", None, 20.0, None)]),
    ("Kapacita domova pro seniory je 40.", []),
])
def test_persons_after_pro_are_whom_a_unit_is_for_not_the_unit(text, expected):
    assert changes(text) == expected


def test_an_additional_figure_keeps_the_change_before_it():
    assert changes("Nový pavilon zvýší kapacitu domova o dalších 26 míst.") == [
        ("place", "increase", None, None, 26.0)]


def test_a_measure_number_repeated_under_each_priority_takes_its_own_realizator():
    """Measures that restart at "Opatření 1" under every priority: the figure belongs to the
    "Realizátor:" of its own "Opatření 1", not to the first one of the document."""
    found = run("## Priorita: Lipovsko", "Opatření 1: Rozvoj pečovatelské služby", "Aktivity:",
                "- navýšení kapacity pečovatelské služby o 1 úvazek", "Realizátor: Charita Lipová",
                "## Priorita: Dubensko", "Opatření 1: Noclehárna v Dubé", "Aktivity:",
                "- rozšíření noclehárny o 4 lůžka", "Realizátor: Spolek Přístřeší, z. s.")
    assert [(r["item_ref"], r["organisation"], r["unit"], r["delta"]) for r in found] == [
        ("1", "Charita Lipová", "fte", 1.0), ("1", "Spolek Přístřeší", "bed", 4.0)]


def test_a_building_converted_into_flats_gives_new_flats():
    assert changes("• přestavba bývalé fary na dům s pečovatelskou službou s 6 byty") == [
        ("flat", "new", None, None, 6.0)]
    assert changes("Rekonstrukce domova pro seniory, kapacita 40 lůžek.") == [("bed", "set", None, 40.0, None)]
