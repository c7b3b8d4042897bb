"""Goals, measures and activities (pipeline/extract/plan/) from hand-written blocks.

The examples imitate real KPSS minutes: headings and paragraphs as Word and PDF
give them, soft line breaks, tables and their flattened slide-transcript form,
and the running text around a plan that must give no rows.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.evaluate import fold
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.plan import extract
from tests.extract.blocks import blocks


def run(items: list[BlockView]) -> dict[str, list[dict[str, Any]]]:
    """Extract plan rows and check the provenance of every row on the way."""
    result = Extraction()
    extract(items, result)
    by_id = {b.block_id: b for b in items}
    for table in ("goals", "measures", "activities"):
        for row in result.tables[table]:
            text = by_id[row["block_id"]].text
            assert 0 <= row["char_start"] <= row["char_end"] <= len(text)
            span, title = fold(text[row["char_start"]:row["char_end"]]), fold(row["title"])
            assert title in span or (len(span) >= 10 and title.startswith(span)), (row, span)
    return result.tables


def plan(*lines: str) -> dict[str, list[dict[str, Any]]]:
    return run(blocks(*lines))


def para(block_id: int, text: str, kind: str = "paragraph", level: int | None = None) -> BlockView:
    """A block whose text holds soft line breaks (which `blocks()` cannot write)."""
    return BlockView(block_id, kind, text, level=level)


def titles(rows: list[dict[str, Any]]) -> list[str]:
    return [r["title"] for r in rows]


def numbered(rows: list[dict[str, Any]], number: str, parent: str) -> list[tuple[Any, Any]]:
    return [(r[number], r[parent]) for r in rows]


# --------------------------------------------------------------------------- labelled items


def test_goal_measure_activity_headings_with_parents_from_numbers():
    tables = plan(
        "## Cíl 2 Podpořit samostatný život seniorů v jejich přirozeném prostředí",
        "### Opatření 2.1 Rozvoj terénních služeb",
        "#### Aktivita 2.1.1 Rozšíření pečovatelské služby do okrajových částí města",
        "R: Charita Šumperk",
        "Termín: 2025",
        "#### Aktivita 2.1.2 Zavedení tísňové péče",
        "R: Město Šumperk",
    )
    assert [(g["goal_no"], g["title"]) for g in tables["goals"]] == [
        ("2", "Podpořit samostatný život seniorů v jejich přirozeném prostředí")]
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("2.1", "2")]
    assert numbered(tables["activities"], "activity_no", "measure_no") == [("2.1.1", "2.1"), ("2.1.2", "2.1")]
    assert titles(tables["activities"]) == ["Rozšíření pečovatelské služby do okrajových částí města",
                                            "Zavedení tísňové péče"]


@pytest.mark.parametrize("line, table, number, title", [
    ("Cíl č. 3 – Rozvíjet služby pro rodiny s dětmi", "goals", "3", "Rozvíjet služby pro rodiny s dětmi"),
    ("Cíl č.4: Zlepšit informovanost o službách", "goals", "4", "Zlepšit informovanost o službách"),
    ("Priorita 5: Stabilizace sítě služeb", "goals", "5", "Stabilizace sítě služeb"),
    ("Priorita 1. Podpora pečujících", "goals", "1", "Podpora pečujících"),
    ("Strategický cíl 2 Dostupné bydlení", "goals", "2", "Dostupné bydlení"),
    ("Opatření 4.2. Posílení kapacity odlehčovacích služeb", "measures", "4.2",
     "Posílení kapacity odlehčovacích služeb"),
    ("Opatření č. 1.3 - Zřízení sociálně terapeutické dílny", "measures", "1.3",
     "Zřízení sociálně terapeutické dílny"),
    ("Aktivita 4.2.3. Nákup automobilu pro terénní službu", "activities", "4.2.3",
     "Nákup automobilu pro terénní službu"),
    ("AKTIVITA 1.1.1 ZŘÍZENÍ PORADNY", "activities", "1.1.1", "ZŘÍZENÍ PORADNY"),
])
def test_numbering_styles(line, table, number, title):
    rows = plan(line)[table]
    key = {"goals": "goal_no", "measures": "measure_no", "activities": "activity_no"}[table]
    assert [(r[key], r["title"]) for r in rows] == [(number, title)]


def test_parents_of_dotted_numbers_without_headings_above():
    tables = plan("Aktivita 3.2.4. Dobrovolnické centrum", "Opatření 5.1 Podpora svépomocných skupin")
    assert numbered(tables["activities"], "activity_no", "measure_no") == [("3.2.4", "3.2")]
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("5.1", "5")]


def test_unnumbered_and_single_numbers_take_the_parent_above():
    tables = plan(
        "Cíl 3 Podpora rodin v obtížné situaci",
        "Opatření 2 Rozvoj sociálně aktivizačních služeb",
        "Aktivita: Vznik klubu pro rodiče s malými dětmi",
    )
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("2", "3")]
    assert numbered(tables["activities"], "activity_no", "measure_no") == [(None, "2")]


def test_goal_with_qualifier_and_no_number_in_a_bullet():
    tables = plan(
        "1/ Úvod",
        "- přivítání členů skupiny",
        "- Cíl plánování a sociální práce v obci: předcházet vzniku sociálně vyloučených lokalit",
    )
    assert [(g["goal_no"], g["title"]) for g in tables["goals"]] == [
        (None, "předcházet vzniku sociálně vyloučených lokalit")]


def test_duplicate_numbers_with_different_titles_are_kept_and_repeats_merged():
    tables = plan(
        "## Cíl 1 Udržet stávající síť služeb",
        "## Cíl 1 Zajistit dostupnost služeb pro osoby bez domova",
        "## Opatření 1.1 Rozvoj noclehárny",
        "Přehled opatření byl rozeslán e-mailem.",
        "## Opatření 1.1 Rozvoj noclehárny",
    )
    assert titles(tables["goals"]) == ["Udržet stávající síť služeb",
                                       "Zajistit dostupnost služeb pro osoby bez domova"]
    assert titles(tables["measures"]) == ["Rozvoj noclehárny"]


# --------------------------------------------------------------------------- titles over several lines


def test_title_of_a_bare_label_is_the_next_paragraph_and_the_row_points_there():
    items = blocks("## Cíl 4 Dostupné bydlení", "### Opatření 4.2",
                   "Rozšíření kapacity azylového domu pro matky s dětmi", "R: Slezská diakonie")
    measures = run(items)["measures"]
    assert [(m["measure_no"], m["goal_no"], m["title"]) for m in measures] == [
        ("4.2", "4", "Rozšíření kapacity azylového domu pro matky s dětmi")]
    assert measures[0]["block_id"] == 2


def test_title_continued_after_a_soft_line_break():
    items = [para(0, "Aktivita 2.1.1 Zajistit dostupnost odlehčovací služby pro rodiny\nse zdravotně "
                     "postiženým členem domácnosti", "heading", 4),
             para(1, "Opatření 1.3 Zlepšit dostupnost dluhového a odborného sociálního poradenství pro "
                     "obyvatele\nsociálně vyloučených lokalit"),
             para(2, "Cíl 4 Zlepšit dostupnost služeb pro rodiny v\nOstravě-Jihu")]
    tables = run(items)
    assert titles(tables["activities"]) == [
        "Zajistit dostupnost odlehčovací služby pro rodiny se zdravotně postiženým členem domácnosti"]
    assert titles(tables["measures"]) == ["Zlepšit dostupnost dluhového a odborného sociálního poradenství pro "
                                          "obyvatele sociálně vyloučených lokalit"]
    assert titles(tables["goals"]) == ["Zlepšit dostupnost služeb pro rodiny v Ostravě-Jihu"]


def test_title_continued_in_a_lower_case_paragraph_span_covers_the_first_part():
    items = blocks("#### Aktivita 1.3.2 Rozšířit nabídku dobrovolnických programů pro osamělé seniory",
                   "v obcích do 2 000 obyvatel – ve spolupráci s PS Senioři", "R: Dobrovolnické centrum")
    activities = run(items)["activities"]
    assert titles(activities) == ["Rozšířit nabídku dobrovolnických programů pro osamělé seniory v obcích do "
                                  "2 000 obyvatel – ve spolupráci s PS Senioři"]
    assert activities[0]["block_id"] == 0


def test_detail_lines_under_an_activity_are_not_its_title():
    tables = plan(
        "#### Aktivita 1.4.1. Podpořit vznik sdíleného bydlení pro seniory",
        "Komunitní dům Slunečnice",
        "Byty zvláštního určení",
        "R: Město Vsetín",
        "#### Aktivita 1.4.2 Rozvoj půjčovny pomůcek",
        "rozšíření nabídky o polohovací lůžka a chodítka",
        "R:",
    )
    assert titles(tables["activities"]) == ["Podpořit vznik sdíleného bydlení pro seniory",
                                            "Rozvoj půjčovny pomůcek"]


def test_detail_line_in_the_same_pdf_paragraph_is_not_title():
    tables = run([para(0, "Aktivita 5.2.1. Zřízení nízkoprahového klubu v Kojetíně\n"
                          "Klub bude otevřen třikrát týdně, náklady 250 000 Kč."),
                  para(1, "Aktivita 5.2.2 Podpora rodin\nnavýšení úvazku o 0,5 pracovníka")])
    assert titles(tables["activities"]) == ["Zřízení nízkoprahového klubu v Kojetíně", "Podpora rodin"]


def test_evaluation_status_and_inline_fields_end_the_title():
    tables = plan(
        "- Opatření 5.1 Podpora pečujících rodin – částečně splněno: leták vyšel v nákladu 2 000 kusů.",
        "- Opatření 5.2 Bezbariérové úpravy úřadu – nesplněno, přesouvá se do roku 2024.",
        "Aktivita 5.2.1 Rozšířit provozní dobu klubu R: Klub Paprsek, z. s. Termín: 2024",
    )
    assert titles(tables["measures"]) == ["Podpora pečujících rodin", "Bezbariérové úpravy úřadu"]
    assert titles(tables["activities"]) == ["Rozšířit provozní dobu klubu"]


def test_lists_under_an_activity_are_not_activities():
    tables = plan(
        "#### Aktivita 2.2.1 Navýšit kapacitu sociální rehabilitace",
        "- Fokus Vysočina – 1 úvazek",
        "- Charita Jihlava – + 0,5",
        "- Mladí dospělí po odchodu z ústavní péče",
    )
    assert titles(tables["activities"]) == ["Navýšit kapacitu sociální rehabilitace"]


def test_several_numbered_goals_run_together_in_one_paragraph():
    tables = plan("### Přehled cílů pracovní skupiny",
                  "Cíl č. 1 - Zachovat dostupnost terénních služeb v celém regionu – síť služeb. "
                  "Cíl č. 2 - Rozvíjet odlehčovací služby. Cíl č. 3 - Podporovat neformální pečující.")
    assert [(g["goal_no"], g["title"]) for g in tables["goals"]] == [
        ("1", "Zachovat dostupnost terénních služeb v celém regionu – síť služeb"),
        ("2", "Rozvíjet odlehčovací služby"), ("3", "Podporovat neformální pečující")]
    assert len({g["block_id"] for g in tables["goals"]}) == 1


def test_flattened_outline_is_split_where_the_numbering_goes_on():
    tables = plan("Cíl 1 Podpora rodin Opatření 1.1 Rozvoj SAS Aktivita 1.1.1 Nový úvazek v SAS Opatření 1.2 "
                  "Terénní práce")
    assert titles(tables["goals"]) == ["Podpora rodin"]
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("1.1", "1"), ("1.2", "1")]
    assert titles(tables["activities"]) == ["Nový úvazek v SAS"]


def test_a_label_mentioned_inside_a_title_does_not_split_it():
    tables = plan("Aktivita 2.1.2 Navázat na Opatření 1.1 předchozího plánu")
    assert titles(tables["activities"]) == ["Navázat na Opatření 1.1 předchozího plánu"]
    assert tables["measures"] == []


# --------------------------------------------------------------------------- children of a numbered parent


def test_list_introduced_as_activities_of_the_measure_above():
    tables = plan(
        "## Opatření 2.3 Podpora lidí bez domova",
        "Realizované aktivity k naplnění opatření:",
        "- otevření denního centra v Komenského ulici",
        "  - prostory poskytlo město",
        "- rozšíření terénní práce o víkendy",
        "- kapacita – 12 lůžek",
        "Termín: 2023",
        "- tento bod už do seznamu nepatří",
    )
    assert [(a["activity_no"], a["measure_no"], a["title"]) for a in tables["activities"]] == [
        (None, "2.3", "otevření denního centra v Komenského ulici"),
        (None, "2.3", "rozšíření terénní práce o víkendy")]


def test_introduction_naming_its_parent_needs_no_heading_above():
    tables = plan("Aktivity k naplnění opatření 4.1:", "- zřízení dluhové poradny",
                  "- vzdělávání dobrovolníků")
    assert numbered(tables["activities"], "activity_no", "measure_no") == [(None, "4.1"), (None, "4.1")]


def test_children_numbered_by_their_list_labels():
    items = blocks("Aktivity k naplnění opatření 4.1:")
    items += [BlockView(1, "list_item", "4.1.1 Zřízení dluhové poradny", level=1, label="4.1.1"),
              BlockView(2, "list_item", "4.1.2 Vzdělávání dobrovolníků", level=1, label="4.1.2")]
    tables = run(items)
    assert numbered(tables["activities"], "activity_no", "measure_no") == [("4.1.1", "4.1"), ("4.1.2", "4.1")]
    assert titles(tables["activities"]) == ["Zřízení dluhové poradny", "Vzdělávání dobrovolníků"]


def test_measures_introduced_under_a_goal():
    tables = plan("## Cíl 6 Prevence zadlužení", "Navrhovaná opatření:", "- finanční gramotnost na školách",
                  "- dluhové poradenství v obcích", "## Diskuse", "- Navrhovaná opatření budou zapracována.")
    assert numbered(tables["measures"], "measure_no", "goal_no") == [(None, "6"), (None, "6")]


def test_activities_list_flattened_into_one_paragraph():
    tables = plan(
        "### Opatření 2.2 Vznik nízkoprahového klubu",
        "### Uskutečněné aktivity k naplnění opatření:",
        "zajištění prostor v budově bývalé školy podání žádosti o dotaci z rozpočtu kraje přijetí dvou "
        "pracovníků na plný úvazek 1. září 2021 slavnostní otevření klubu počet míst - 15 dětí "
        "předpokládaný počet uživatelů – 40 ročně",
        "15",
    )
    assert titles(tables["activities"]) == [
        "zajištění prostor v budově bývalé školy", "podání žádosti o dotaci z rozpočtu kraje",
        "přijetí dvou pracovníků na plný úvazek", "1. září 2021 slavnostní otevření klubu"]
    assert {a["measure_no"] for a in tables["activities"]} == {"2.2"}


def test_bare_activities_heading_followed_by_a_list():
    tables = plan("## Opatření 3.4 Podpora neformálních pečujících", "Aktivity:",
                  "- svépomocná skupina pečujících", "- kurz péče o blízkého v domácím prostředí")
    assert numbered(tables["activities"], "activity_no", "measure_no") == [(None, "3.4"), (None, "3.4")]
    assert plan("## Opatření 3.4 Podpora pečujících", "Aktivity:", "Budou doplněny na dalším jednání.")[
        "activities"] == []


def test_children_as_paragraphs_end_at_running_text():
    tables = plan(
        "Opatření 1.5 Dostupná doprava pro seniory",
        "Uskutečněné aktivity:",
        "zavedení senior taxi v Bojkovicích",
        "rozšíření provozu o víkendy",
        "Skupina dále diskutovala o možnostech financování z rozpočtu obce.",
        "zbytek zápisu",
    )
    assert titles(tables["activities"]) == ["zavedení senior taxi v Bojkovicích", "rozšíření provozu o víkendy"]


def test_next_agenda_point_closes_the_plan_section():
    items = blocks("Opatření 1.1 Rozvoj poradenství", "4. Různé", "Realizované aktivity:", "- jarní jarmark")
    result = Extraction()
    result.tables["agenda_items"] = [{"item_no": 4, "title": "Různé"}]
    extract(items, result)
    assert result.tables["activities"] == []


def test_slide_numbers_before_titles_in_a_transcript():
    tables = plan(
        "7 Opatření 2.4. Zřízení chráněného bydlení",
        "8 Uskutečněné aktivity k naplnění opatření:",
        "výběr vhodného objektu podání žádosti o registraci u krajského úřadu",
        "9 Přehled cílů pracovní skupiny",
    )
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("2.4", "2")]
    assert titles(tables["activities"]) == ["výběr vhodného objektu",
                                            "podání žádosti o registraci u krajského úřadu"]


def test_sentence_naming_the_parent_goal_introduces_numbered_measures():
    tables = plan(
        "## Cíl 3 Dostupné bydlení pro lidi v bytové nouzi",
        "Pro naplnění cíle 3 pracovní skupina doporučuje následující opatření:",
        "3.1. Rozšířit síť sociálních bytů ve městě",
        "3.2 Zřídit kontaktní místo pro bytovou problematiku",
        "Poznámka k opatření 3.2: místo by mělo být na radnici.",
    )
    assert [(m["measure_no"], m["goal_no"], m["title"]) for m in tables["measures"]] == [
        ("3.1", "3", "Rozšířit síť sociálních bytů ve městě"),
        ("3.2", "3", "Zřídit kontaktní místo pro bytovou problematiku")]


def test_sentence_introduction_before_a_list_with_letters():
    tables = plan("Ke splnění opatření 1.4 povedou tyto konkrétní aktivity:",
                  "a) kurz první pomoci pro pečující", "b) půjčovna kompenzačních pomůcek", "Termín: 2025")
    assert [(a["activity_no"], a["measure_no"], a["title"]) for a in tables["activities"]] == [
        (None, "1.4", "kurz první pomoci pro pečující"), (None, "1.4", "půjčovna kompenzačních pomůcek")]


def test_sentence_introduction_with_a_participle_and_numbers_under_another_parent():
    items = blocks("Opatření navržená pro prioritu 2:")
    items += [BlockView(1, "list_item", "1. Posílit terénní služby v obcích", level=1, label="1."),
              BlockView(2, "list_item", "2. Podpořit dobrovolníky", level=1, label="2.")]
    tables = run(items)
    assert [(m["measure_no"], m["goal_no"], m["title"]) for m in tables["measures"]] == [
        (None, "2", "Posílit terénní služby v obcích"), (None, "2", "Podpořit dobrovolníky")]


def test_children_end_where_the_labels_change_their_style_or_an_agenda_point_repeats():
    items = blocks("Cíl 1: Podporovat rodiny", "Skupina k cíli 1 navrhla tato opatření:")
    items += [BlockView(2, "list_item", "1.1 Zachovat terénní práci", level=1, label="1.1"),
              BlockView(3, "list_item", "1.2 Rozšířit kluby pro mládež", level=1, label="1.2"),
              BlockView(4, "list_item", "3. Závěr", level=1, label="3."),
              BlockView(5, "list_item", "a) rozšíření provozní doby", level=1, label="a)"),
              BlockView(6, "list_item", "IV. Různé", level=1, label="IV.")]
    assert titles(run(items)["measures"]) == ["Zachovat terénní práci", "Rozšířit kluby pro mládež"]
    items = blocks("Aktivity k opatření 2.1:", "a) rozšíření provozní doby", "b) nová pobočka", "c) Různé")
    result = Extraction()
    result.tables["agenda_items"] = [{"item_no": 4, "title": "Různé"}]
    extract(items, result)
    assert titles(result.tables["activities"]) == ["rozšíření provozní doby", "nová pobočka"]


def test_sentence_introduction_with_an_adjective_and_words_before_the_parent():
    tables = plan("Realizované aktivity v roce 2023 k opatření 1.2:", "- kurz pro pečující",
                  "- tábor pro děti z ohrožených rodin")
    assert numbered(tables["activities"], "activity_no", "measure_no") == [(None, "1.2"), (None, "1.2")]


def test_sentence_introduction_takes_its_parent_from_the_item_above():
    tables = plan("## Cíl 5 Podpora pečujících osob", "Členové skupiny schválili tato dílčí opatření:",
                  "- svépomocná skupina pro pečující", "- odlehčovací pobyty o prázdninách")
    assert numbered(tables["measures"], "measure_no", "goal_no") == [(None, "5"), (None, "5")]


def test_children_as_paragraphs_with_typed_letters():
    items = [BlockView(0, "paragraph", "Pro naplnění opatření 3.2 navrhujeme tyto aktivity:"),
             BlockView(1, "paragraph", "a) nábor dobrovolníků do seniorských klubů"),
             BlockView(2, "paragraph", "b) zřízení linky pro osamělé seniory"),
             BlockView(3, "paragraph", "Diskuse se protáhla do 16 hodin a skupina se dohodla na dalším postupu.")]
    tables = run(items)
    assert [(a["measure_no"], a["title"]) for a in tables["activities"]] == [
        ("3.2", "nábor dobrovolníků do seniorských klubů"), ("3.2", "zřízení linky pro osamělé seniory")]


def test_sentences_that_introduce_no_children():
    assert plan("Skupina projednala tato opatření k cíli 2 a souhlasí s nimi.", "- bez připomínek")["measures"] == []
    assert plan("K opatření 2.3: počítá se se zřízením azylového domu.", "2.3 Azylový dům")["measures"] == []
    assert plan("Členové diskutovali o naplňování cíle 2:", "- finance", "- personál")["measures"] == []
    assert plan("Byly projednány tyto body k cíli 1:", "- rozpočet", "- katalog")["measures"] == []
    long = ("Na základě dlouhé a podrobné diskuse o všech potřebách cílových skupin v regionu navrhla skupina "
            "pro další období k cíli 4 tato opatření:")
    assert plan(long, "- první", "- druhé")["measures"] == []


def test_numbered_children_end_at_an_unnumbered_paragraph_and_keep_a_leading_date():
    tables = plan("Uskutečněné aktivity k naplnění opatření 2.1:", "2.1.1 Nábor asistentů",
                  "3. května 2024 zahájení provozu půjčovny", "Služba se osvědčila")
    assert [(a["activity_no"], a["title"]) for a in tables["activities"]] == [("2.1.1", "Nábor asistentů")]


def test_introduction_without_a_numbered_parent_gives_no_rows():
    assert plan("Plánované aktivity:", "- setkání s poskytovateli", "- veřejné projednání")["activities"] == []
    tables = plan("## Opatření 1.1 Rozvoj poradenství", "## Různé", "Realizované aktivity:", "- jarní jarmark")
    assert tables["activities"] == []


# --------------------------------------------------------------------------- tables


def test_table_rows_give_measures_titled_by_the_service():
    tables = plan(
        "| Opatření č. | Název organizace | Druh služby |",
        "| 2.1 | Charita Zlín | Azylový dům pro muže |",
        "| 2.2. | Město Zlín, p. o. | Pečovatelská služba |",
        "|  | Nový domov | Noclehárna |",
    )
    assert [(m["measure_no"], m["goal_no"], m["title"]) for m in tables["measures"]] == [
        ("2.1", "2", "Azylový dům pro muže"), ("2.2", "2", "Pečovatelská služba")]


def test_table_with_a_title_column():
    tables = plan("| Číslo opatření | Název opatření | Termín |",
                  "| 3.1 | Podpora pěstounských rodin | 2024 |",
                  "| 3.2 | Rozvoj rané péče | 2025 |")
    assert titles(tables["measures"]) == ["Podpora pěstounských rodin", "Rozvoj rané péče"]


def test_outline_in_table_columns():
    tables = plan("| Cíl | Opatření | Aktivita |",
                  "| 1 Podpora rodin | 1.1 Rozvoj SAS | 1.1.1 Nový úvazek v Kojetíně |",
                  "| 1 Podpora rodin | 1.1 Rozvoj SAS | 1.1.2 Klub pro rodiče |",
                  "|  | 1.2 Raná péče | |")
    assert [(g["goal_no"], g["title"]) for g in tables["goals"]] == [("1", "Podpora rodin")]
    assert numbered(tables["measures"], "measure_no", "goal_no") == [("1.1", "1"), ("1.2", "1")]
    assert numbered(tables["activities"], "activity_no", "measure_no") == [("1.1.1", "1.1"), ("1.1.2", "1.1")]


def test_label_cell_and_title_cell_of_a_layout_table():
    tables = plan("| Opatření 2.1 | Terénní práce v lokalitách |", "| R: | Charita Hodonín |")
    assert [(m["measure_no"], m["title"]) for m in tables["measures"]] == [("2.1", "Terénní práce v lokalitách")]


def test_table_without_plan_numbers_gives_nothing():
    tables = plan("| Žadatel | IČO | Sociální služba |", "| Charita Zlín | 44741071 | terénní programy |")
    assert tables["measures"] == [] and tables["goals"] == []


def test_flattened_table_in_a_slide_transcript():
    tables = plan(
        "### Přehled stávajících služeb",
        "Opatření č. Název organizace Druh služby 2.1. Charita Zlín Azylový dům pro muže "
        "2.2. Město Zlín, p. o. Pečovatelská služba 2.3. Spolek Naděje Probační program pro mladistvé "
        "2.4. Otevřené dveře, o.s. kontaktní centrum Dobré dílo sociálně terapeutická dílna",
    )
    assert [(m["measure_no"], m["goal_no"], m["title"]) for m in tables["measures"]] == [
        ("2.1", "2", "Azylový dům pro muže"), ("2.2", "2", "Pečovatelská služba"),
        ("2.3", "2", "Probační program pro mladistvé"), ("2.4", "2", "kontaktní centrum")]


# --------------------------------------------------------------------------- running text gives no rows


@pytest.mark.parametrize("line", [
    "Cílem jednání bylo seznámit členy s analýzou potřeb.",
    "Cíl jednání: projednat návrh akčního plánu",
    "Cíl projektu: zajistit udržitelnost plánování",
    "Cílová skupina: senioři a osoby se zdravotním postižením",
    "Cíle a opatření budou projednány na příštím jednání.",
    "Priority pracovní skupiny jsou bydlení a zaměstnanost.",
    "Opatření 2.3 bylo splněno, opatření 2.4 se přesouvá.",
    "Opatření 1.1 a 1.2 budou sloučena.",
    "Členové prošli aktivity a opatření minulého plánu.",
    "Popis opatření: zřízení nové služby sociální prevence",
    "- Zpracování cílů, opatření, aktivit, zapracování do tabulek",
    "3. Aktualizace cílů a opatření komunitního plánu",
])
def test_prose_mentions_give_no_rows(line):
    tables = plan(line)
    assert tables["goals"] == [] and tables["measures"] == [] and tables["activities"] == []


def test_project_work_plan_is_not_plan_items():
    tables = plan(
        "## Opatření 1.1 Podpora komunitního plánování",
        "## Hlavní aktivity projektu",
        "- Aktualizace základních dokumentů",
        "- Evaluace předchozího procesu",
        "Hlavní aktivity",
        "- Dvě veřejná projednání",
    )
    assert titles(tables["measures"]) == ["Podpora komunitního plánování"]
    assert tables["activities"] == []


def test_orphan_fragments_are_not_rows():
    tables = plan(
        "Zlepšit dostupnost služeb pro rodiny ohrožené",
        "Přehled rozvojových cílů, opatření a aktivit:",
        "## Cíl 1 Stabilní síť služeb",
        "#### Aktivita 1.1.1 Udržet kapacitu noclehárny",
        "R:",
        "pro zvýšení dostupnosti vhodného bydlení a",
        "## Cíl 2 Dostupné bydlení",
    )
    assert titles(tables["goals"]) == ["Stabilní síť služeb", "Dostupné bydlení"]
    assert titles(tables["activities"]) == ["Udržet kapacitu noclehárny"]


def test_who_and_when_after_a_dash_end_the_title():
    found = plan("Opatření 2.1 Zřízení chráněného bydlení – realizátor Spolek Úkryt, z. ú.; plán: 6 bytů",
                 "Opatření 2.2 Rozšíření odlehčovací služby – termín 2025",
                 "Opatření 2.3 Terénní služby – rozvoj a udržení")
    assert titles(found["measures"]) == ["Zřízení chráněného bydlení", "Rozšíření odlehčovací služby",
                                         "Terénní služby – rozvoj a udržení"]


def test_a_merged_row_of_a_plan_table_names_the_parent_of_the_rows_below():
    found = plan("| Číslo | Aktivita | Realizátor |",
                 "| Opatření 2.1 Rozvoj sociálně aktivizačních služeb |  |  |",
                 "| 2.1.1 | Navýšení kapacity SAS | Spolek Úkryt |",
                 "| Opatření 2.2 Podpora nízkoprahových klubů |  |  |",
                 "| 2.2.1 | Delší otevírací doba klubu | Spolek Úkryt |")
    assert numbered(found["measures"], "measure_no", "goal_no") == [("2.1", "2"), ("2.2", "2")]
    assert titles(found["measures"]) == ["Rozvoj sociálně aktivizačních služeb", "Podpora nízkoprahových klubů"]
    assert numbered(found["activities"], "activity_no", "measure_no") == [("2.1.1", "2.1"), ("2.2.1", "2.2")]


def test_an_outline_table_with_a_number_column_and_a_column_of_several_kinds():
    found = plan("| Číslo | Cíl / opatření / aktivita | Zodpovídá |",
                 "| Cíl 1 | Dostupné terénní služby |  |",
                 "| 1.1 | Opatření: Rozvoj pečovatelské služby |  |",
                 "| 1.1.1 | Rozšíření služby do dvou obcí | Spolek Úkryt |",
                 "| 2.1 | Podpora pečujících |  |")
    assert numbered(found["goals"], "goal_no", "goal_no") == [("1", "1")]
    assert titles(found["measures"]) == ["Rozvoj pečovatelské služby", "Podpora pečujících"]
    assert numbered(found["activities"], "activity_no", "measure_no") == [("1.1.1", "1.1")]


def test_an_outline_table_whose_header_names_the_lower_kinds_only():
    found = plan("| Číslo | Opatření / aktivita | Zodpovídá |",
                 "| Opatření 3.1 Dostupné služby pro osoby bez domova |  |  |",
                 "| 3.1.1 | Zimní režim noclehárny | Spolek Úkryt |",
                 "| 3.2 | Prevence ztráty bydlení |  |",
                 "| 3.2.1 | Dluhové poradenství | Spolek Úkryt |")
    assert numbered(found["measures"], "measure_no", "goal_no") == [("3.1", "3"), ("3.2", "3")]
    assert numbered(found["activities"], "activity_no", "measure_no") == [("3.1.1", "3.1"), ("3.2.1", "3.2")]


def test_a_number_column_named_by_its_kind_beside_a_bare_title_column():
    found = plan("| Opatření | Název | Realizátor | Plán 2023 | Skutečnost |",
                 "| 1.1 | Podpora odborného poradenství | Poradna Úkryt | 1,5 úvazku | 2,0 úvazku |",
                 "| 2.1 | Tréninkové byty | Město Horní Lhota | 2 byty | – |")
    assert numbered(found["measures"], "measure_no", "goal_no") == [("1.1", "1"), ("2.1", "2")]
    assert titles(found["measures"]) == ["Podpora odborného poradenství", "Tréninkové byty"]


def test_abbreviated_labels_of_terse_minutes():
    found = plan("Opatření 4.1: Rozvoj komunitních služeb",
                 "akt. 4.1.1 Navýšení kapacity sociální rehabilitace",
                 "zodp.: Spolek Úkryt, z.ú. / termín: 3/2024")
    assert numbered(found["activities"], "activity_no", "measure_no") == [("4.1.1", "4.1")]
    assert titles(found["activities"]) == ["Navýšení kapacity sociální rehabilitace"]


def test_a_bare_introduction_over_paragraphs_numbered_under_the_parent():
    found = plan("Opatření 2.1 Rozvoj terénních služeb",
                 "Aktivity:",
                 "2.1.1 Rozšíření osobní asistence do obcí – realizátor Spolek Úkryt, z. ú.",
                 "2.1.2 Zachování pečovatelské služby – realizátor Město Horní Lhota")
    assert numbered(found["activities"], "activity_no", "measure_no") == [("2.1.1", "2.1"), ("2.1.2", "2.1")]
    assert titles(found["activities"]) == ["Rozšíření osobní asistence do obcí", "Zachování pečovatelské služby"]


def test_who_does_an_activity_after_a_dash_ends_its_title():
    found = plan("Opatření 2.2 Pobytové služby pro osoby s demencí",
                 "Aktivity k opatření 2.2:",
                 "• zřízení domova se zvláštním režimem v budově polikliniky – Domov Úkryt, p. o., kapacita 24 lůžek",
                 "• vzdělávání pracovníků – prevence vyhoření")
    assert titles(found["activities"]) == ["zřízení domova se zvláštním režimem v budově polikliniky",
                                           "vzdělávání pracovníků – prevence vyhoření"]


def test_number_columns_whose_cells_open_with_their_label():
    found = plan("| Cíl | Opatření | Aktivita | Realizátor |",
                 "| Cíl 1 Udržet terénní služby | 1.1 Posílit pečovatelskou službu | 1.1.1 Více pečovatelek | Spolek Úkryt |",
                 "| Cíl 2 Pobytové služby | 2.1 Navýšit odlehčovací služby | 2.1.1 Další lůžka | Domov Lipka |")
    assert numbered(found["goals"], "goal_no", "goal_no") == [("1", "1"), ("2", "2")]
    assert titles(found["goals"]) == ["Udržet terénní služby", "Pobytové služby"]


def test_items_numbered_under_the_measure_above_them():
    found = plan("Priorita A – Podpora osob s duševním onemocněním",
                 "Opatření A.1 Rozvoj terénních služeb",
                 "• A.1.1 Navýšení kapacity sociální rehabilitace o 1 úvazek. Garant: Spolek Úkryt, z. s.",
                 "• A.1.2 Zřízení podpory samostatného bydlení")
    assert numbered(found["activities"], "activity_no", "measure_no") == [("A.1.1", "A.1"), ("A.1.2", "A.1")]
    assert titles(found["activities"]) == ["Navýšení kapacity sociální rehabilitace o 1 úvazek",
                                           "Zřízení podpory samostatného bydlení"]


def test_who_does_an_activity_in_parentheses_ends_its_title():
    found = plan("Opatření 1.2 Podpora pečujících",
                 "Aktivity k opatření 1.2:",
                 "• poradna pro pečující (Spolek Pečující Horní Lhota, z. s.)",
                 "• kurz „Jak pečovat doma“ (ve spolupráci s Nemocnicí Horní Lhota, a. s.)",
                 "• setkávání pečujících (jednou měsíčně)")
    assert titles(found["activities"]) == ["poradna pro pečující", "kurz „Jak pečovat doma“",
                                           "setkávání pečujících (jednou měsíčně)"]
