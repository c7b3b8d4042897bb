"""Goals, measures and activities as real Czech plans and minutes write them (issue 15, plan
generalisation), each read from a real DOCX file through the real run: a table of contents,
a bullet typed before a label, items run together after a colon, details after a dash, an
"Aktivita" line without number or colon, abbreviated labels ("A 2.1.1"), an activity column
beside the measure numbers of a table, one two-column table per activity. Names, towns and
numbers are invented."""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd

from tests.docx_factory import new_document, run_docx


def _document(*parts: object) -> docx.Document:
    """A DOCX: a level-1 heading, then paragraphs (str), ("h", level, text) headings, ("b", text)
    bulleted list items and ("t", rows) tables (a row of one cell is merged across the table)."""
    document = new_document()
    document.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif part[0] == "h":
            document.add_heading(part[2], level=part[1])
        elif part[0] == "b":
            document.add_paragraph(part[1], style="List Bullet")
        else:
            rows = part[1]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                if len(row) == 1:
                    table.cell(i, 0).merge(table.cell(i, len(table.columns) - 1)).text = row[0]
                    continue
                for j, value in enumerate(row):
                    table.cell(i, j).text = value
    return document


def _rows(out: Path, table: str) -> list[tuple]:
    frame = pd.read_parquet(out / f"{table}.parquet")
    frame = frame.astype(object).where(frame.notna(), None)
    columns = [c for c in frame.columns if c.endswith("_no")] + ["title"]
    return [tuple(row) for row in frame[columns].itertuples(index=False)]


def _plan(tmp_path: Path, *parts: object) -> dict[str, list[tuple]]:
    out = run_docx(tmp_path, _document(*parts))
    return {table: _rows(out, table) for table in ("goals", "measures", "activities")}


def test_entries_of_a_table_of_contents_are_no_items(tmp_path: Path) -> None:
    """A contents line ends in a page number after a tab or dot leaders; the item is the one
    in the text ("PRIORITA 1 - Udržet ...\t8" in the contents, then "PRIORITA 1 - Udržet ...")."""
    plan = _plan(tmp_path,
                 "Obsah",
                 "PRIORITA 1 - Udržet síť terénních služeb\t8",
                 "PRIORITA 2 - Rozvíjet odlehčovací služby\t11",
                 "Priorita: Lhotecko.............................32 Priorita: Borovsko..........36",
                 ("h", 1, "PRIORITA 1 - Udržet síť terénních služeb"),
                 "Opatření 1.1 Zachovat pečovatelskou službu v obcích",
                 ("h", 1, "Priorita: Lhotecko"),
                 "Opatření 1: Zřídit půjčovnu kompenzačních pomůcek")
    assert plan["goals"] == [("1", "Udržet síť terénních služeb"), (None, "Lhotecko")]
    assert plan["measures"] == [("1.1", "1", "Zachovat pečovatelskou službu v obcích"),
                                ("1", None, "Zřídit půjčovnu kompenzačních pomůcek")]


def test_a_bullet_typed_before_a_label(tmp_path: Path) -> None:
    """"– Opatření 1.2 ..." (a dash typed in the text, no list label) is the measure 1.2."""
    plan = _plan(tmp_path,
                 "Akční plán na rok 2025 obsahuje tato opatření:",
                 "– Opatření 1.2 Rozvoj odlehčovacích služeb",
                 "– Opatření 2.1 Podpora sociálního bydlení",
                 "- Aktivita 2.1.1 Zřízení tréninkového bytu v Lhotce")
    assert plan["measures"] == [("1.2", "1", "Rozvoj odlehčovacích služeb"), ("2.1", "2", "Podpora sociálního bydlení")]
    assert plan["activities"] == [("2.1.1", "2.1", "Zřízení tréninkového bytu v Lhotce")]


def test_running_text_after_a_bulleted_list_of_items_is_no_detail_of_the_last(tmp_path: Path) -> None:
    """A capacity in the paragraph after a bulleted list of sibling measures (one line each) is
    no detail of the last measure: its item_ref is null; a detail line under a measure keeps it."""
    out = run_docx(tmp_path, _document(
        ("b", "Opatření 1.2 Rozvoj odlehčovacích služeb"),
        ("b", "Opatření 3.4 Dostupnost služeb pro osoby s duševním onemocněním"),
        "Součástí akčního plánu je rozvojová síť, v níž se navrhuje navýšení celkové kapacity sítě "
        "o 12 lůžek v pobytových službách.",
        "Opatření 4.1 Podpora pečujících",
        "Spolek Lípa, z. s. navýší kapacitu poradny o 0,5 úvazku."))
    frame = pd.read_parquet(out / "capacity_changes.parquet")
    refs = dict(zip(frame["unit"], frame["item_ref"].astype(object).where(frame["item_ref"].notna(), None)))
    assert refs == {"bed": None, "fte": "4.1"}


def test_numbered_items_run_together_after_a_colon(tmp_path: Path) -> None:
    """A paragraph whose breaks were lost: the items start after the colon, go on when the
    numbering goes on (1.2 -> 2.1 is the first measure of the next goal), and each title ends
    before the dash whose details end in a field ("– navýšení o 2 místa, realizátor: X")."""
    plan = _plan(tmp_path,
                 "Členové skupiny se shodli na těchto návrzích: Opatření 1.1 Rozvoj denního stacionáře "
                 "– navýšení o 2 místa, realizátor: Spolek Duha Opatření 1.2 Zřízení sociální poradny "
                 "– realizátor: Město Lhotka Opatření 2.1 Doprava seniorů k lékaři – realizátor bude "
                 "upřesněn Pan Novák doplnil, že doprava je pro obce důležitá.",
                 "Poznámka: Opatření 3.1 bylo splněno.")
    assert plan["measures"] == [("1.1", "1", "Rozvoj denního stacionáře"), ("1.2", "1", "Zřízení sociální poradny"),
                                ("2.1", "2", "Doprava seniorů k lékaři")]


def test_a_title_ends_before_a_dash_and_a_field_with_a_colon(tmp_path: Path) -> None:
    """"Aktivita 3.2.1 Vyčlenění bytů – realizátor: Městská část" has the title before the dash."""
    plan = _plan(tmp_path,
                 "Opatření 3.2 Prostupné bydlení",
                 "Aktivita 3.2.1 Vyčlenění bytů z bytového fondu obce – realizátor: Obec Lhotka",
                 "Aktivita: Dluhové poradenství v azylovém domě – realizátor: Spolek Duha")
    assert plan["activities"] == [("3.2.1", "3.2", "Vyčlenění bytů z bytového fondu obce"),
                                  (None, "3.2", "Dluhové poradenství v azylovém domě")]


def test_an_activity_line_without_number_or_colon_under_a_measure(tmp_path: Path) -> None:
    """"Aktivita Vydání průvodce ..." under "Opatření 1.1 ..." is an unnumbered activity of 1.1;
    running text ("Aktivita byla ...") and such a line without a measure above are none."""
    plan = _plan(tmp_path,
                 "Aktivita Setkání poskytovatelů se uskuteční v březnu.",
                 "Priorita 1 Zvyšování informovanosti v sociální oblasti",
                 "Opatření 1.1 Informovanost o nabídce sociálních služeb",
                 "Aktivita Vydání aktualizovaného průvodce sociálními službami",
                 "Náklady: 40 tis. Kč",
                 "Aktivita byla v roce 2024 splněna.",
                 "Aktivita Pořádání veletrhu sociálních služeb")
    assert plan["activities"] == [(None, "1.1", "Vydání aktualizovaného průvodce sociálními službami"),
                                  (None, "1.1", "Pořádání veletrhu sociálních služeb")]


def test_abbreviated_labels_with_numbers_of_their_depth(tmp_path: Path) -> None:
    """"A 2.1.1 ..." is an activity, "O 2.2 ..." a measure; a capital letter before a number of
    another depth ("A 2.1 ...") is no label."""
    plan = _plan(tmp_path,
                 "Opatření 2.1 Rozvoj terénních služeb pro seniory",
                 "A 2.1.1 Rozšíření pečovatelské služby do obcí",
                 "A2.1.2 Zavedení tísňové péče",
                 "O 2.2 Podpora neformálních pečujících",
                 "A 2.2.1 Kurz pro pečující v Lhotce",
                 "A 3.1 Další bod jednání")
    assert plan["measures"] == [("2.1", "2", "Rozvoj terénních služeb pro seniory"),
                                ("2.2", "2", "Podpora neformálních pečujících")]
    assert plan["activities"] == [("2.1.1", "2.1", "Rozšíření pečovatelské služby do obcí"),
                                  ("2.1.2", "2.1", "Zavedení tísňové péče"),
                                  ("2.2.1", "2.2", "Kurz pro pečující v Lhotce")]


def test_an_activity_column_beside_the_measure_numbers(tmp_path: Path) -> None:
    """"Opatření" | "Aktivita" | "Realizátor": the activity cell of a row is an unnumbered
    activity of the measure number beside it."""
    plan = _plan(tmp_path, ("t", [["Opatření", "Aktivita", "Realizátor", "Termín"],
                                  ["1.1", "Rozšíření kapacity denního stacionáře", "Spolek Duha", "2025"],
                                  ["1.2", "Zřízení sociální poradny pro rodiny", "Město Lhotka", "2026"]]))
    assert plan["measures"] == []
    assert plan["activities"] == [(None, "1.1", "Rozšíření kapacity denního stacionáře"),
                                  (None, "1.2", "Zřízení sociální poradny pro rodiny")]


def test_one_two_column_table_per_activity(tmp_path: Path) -> None:
    """"Číslo aktivity" | "3.1.1", "Název aktivity" | title, "Realizátor" | ...: one activity per
    table; without a number label it is unnumbered under the measure above; a description
    ("Popis aktivity") is no title, and a card headed "Aktivita 3.1.3" | title keeps its label."""
    plan = _plan(tmp_path,
                 "Opatření 3.1 Rozvoj sociálního bydlení",
                 ("t", [["Číslo aktivity", "3.1.1"], ["Název aktivity", "Vybudování dvou tréninkových bytů"],
                        ["Realizátor", "Město Lhotka"], ["Termín", "2025"]]),
                 ("t", [["Název aktivity", "Zřízení krizového bytu"], ["Popis aktivity", "Byt pro matky s dětmi."],
                        ["Realizátor", "Spolek Duha"]]),
                 ("t", [["Aktivita 3.1.3", "Sociální šatník v Lhotce"], ["Popis aktivity", "Šatník pro rodiny."],
                        ["Realizátor", "Charita Lhotka"]]))
    assert plan["activities"] == [("3.1.1", "3.1", "Vybudování dvou tréninkových bytů"),
                                  (None, "3.1", "Zřízení krizového bytu"),
                                  ("3.1.3", "3.1", "Sociální šatník v Lhotce")]


def test_numbers_typed_in_the_list_items_under_an_introduction(tmp_path: Path) -> None:
    """"Opatření:" under "Cíl 3: ..." then bullets "3.1 Sociální byty ...": the number typed in the
    item's text numbers it under the goal and is no part of its title."""
    plan = _plan(tmp_path,
                 "Cíl 3: Dostupné bydlení pro seniory",
                 "Opatření:",
                 ("b", "3.1 Sociální byty v obcích Lhotecka"),
                 ("b", "3.2 Krizové bydlení pro matky s dětmi"))
    assert plan["measures"] == [("3.1", "3", "Sociální byty v obcích Lhotecka"),
                                ("3.2", "3", "Krizové bydlení pro matky s dětmi")]


def test_a_column_named_by_the_kind_under_group_rows(tmp_path: Path) -> None:
    """"Aktivita" | "Realizátor" | "Termín" with merged rows "Opatření 1.1 ...": each row's activity
    cell is an unnumbered activity of the measure of the group row above it; without a parent
    (no group row, no item above) such a cell is no item."""
    plan = _plan(tmp_path,
                 ("t", [["Opatření", "Realizátor"], ["Zřízení půjčovny pomůcek", "Spolek Duha"]]),
                 ("t", [["Aktivita", "Realizátor", "Termín"], ["Opatření 1.1 Rozvoj terénních služeb"],
                        ["Rozšíření pečovatelské služby do obcí", "Charita Lhotka", "2025"],
                        ["Zavedení tísňové péče", "Město Lhotka", "2026"],
                        ["Opatření 1.2 Podpora pečujících"],
                        ["Kurz pro pečující", "Spolek Duha", "2025"]]))
    assert plan["measures"] == [("1.1", "1", "Rozvoj terénních služeb"), ("1.2", "1", "Podpora pečujících")]
    assert plan["activities"] == [(None, "1.1", "Rozšíření pečovatelské služby do obcí"),
                                  (None, "1.1", "Zavedení tísňové péče"), (None, "1.2", "Kurz pro pečující")]


def test_unnumbered_goal_levels_and_measures_listed_under_them(tmp_path: Path) -> None:
    """Three unnumbered levels ("I. PRIORITNÍ OBLAST: <area>" / "STRATEGICKÝ CÍL: ..." / "Dílčí cíl:
    ...") then "Opatření:" and bullets: the area that groups the goals is no goal; both goal levels
    are goals; the bullets are measures without numbers; "(realizátor: X; partner: Y)" names who runs
    the measure and its partner and is no part of its title."""
    out = run_docx(tmp_path, _document(
        ("h", 2, "I. PRIORITNÍ OBLAST: RODINY S DĚTMI"),
        "STRATEGICKÝ CÍL: PODPORA RODIN V OBTÍŽNÉ SITUACI",
        "Dílčí cíl: Dostupné poradenství pro rodiny v obcích Lhotecka",
        "Opatření:",
        ("b", "Zřízení rodinné poradny v Lhotce (realizátor: Spolek Javor, z. s.; partner: Obec Lhotka)"),
        ("b", "Zavedení terénní práce s rodinami (realizátor: Charita Lhotka)"),
        "Dílčí cíl: Bezpečné bydlení pro matky s dětmi",
        "Opatření:",
        ("b", "Zřízení krizového bytu v městském fondu (realizátor: Město Lhotka)")))
    assert _rows(out, "goals") == [(None, "PODPORA RODIN V OBTÍŽNÉ SITUACI"),
                                   (None, "Dostupné poradenství pro rodiny v obcích Lhotecka"),
                                   (None, "Bezpečné bydlení pro matky s dětmi")]
    assert _rows(out, "measures") == [(None, None, "Zřízení rodinné poradny v Lhotce"),
                                      (None, None, "Zavedení terénní práce s rodinami"),
                                      (None, None, "Zřízení krizového bytu v městském fondu")]
    orgs = pd.read_parquet(out / "organisations.parquet")
    roles = {(r["name"], r["role"]) for _, r in orgs.iterrows()}
    assert {("Spolek Javor", "responsible"), ("Obec Lhotka", "partner"), ("Charita Lhotka", "responsible"),
            ("Město Lhotka", "responsible")} <= roles


def test_a_list_of_goals_and_numbered_headings_under_a_goals_and_measures_heading(tmp_path: Path) -> None:
    """"Obecné cíle pro ..." over bullets lists unnumbered goals; under a heading that names only
    item kinds ("c) Cíle a opatření") the numbered headings are items of their depth ("2.1. ..." a
    measure of goal 2), each with a label|value table whose "Realizátor" is tied to it; another
    section heading ends that section ("1.1. Úvod" under "Analýza" is no item)."""
    out = run_docx(tmp_path, _document(
        ("h", 1, "Obecné cíle plánování sociálních služeb"),
        ("b", "Udržet dostupnost terénních služeb v obcích"),
        ("b", "Posílit informovanost veřejnosti o službách"),
        ("h", 1, "RODINY S DĚTMI"),
        ("h", 2, "c) Cíle a opatření"),
        ("h", 3, "2.1. Rozvoj sociálně aktivizační služby pro rodiny"),
        ("t", [["Popis opatření", "Rozšířit službu do obcí Lhotecka."], ["Realizátor", "Spolek Olše, z. s."],
               ["Termín", "2026"]]),
        ("h", 3, "2.2. Krizové bydlení pro matky s dětmi"),
        ("t", [["Popis opatření", "Zřídit krizový byt."], ["Realizátor", "Město Lhotka"], ["Termín", "2027"]]),
        ("h", 2, "Analýza"),
        ("h", 3, "1.1. Úvod do analýzy potřeb")))
    assert _rows(out, "goals") == [(None, "Udržet dostupnost terénních služeb v obcích"),
                                   (None, "Posílit informovanost veřejnosti o službách")]
    assert _rows(out, "measures") == [("2.1", "2", "Rozvoj sociálně aktivizační služby pro rodiny"),
                                      ("2.2", "2", "Krizové bydlení pro matky s dětmi")]
    orgs = pd.read_parquet(out / "organisations.parquet")
    tied = {(r["name"], r["role"], r["item_ref"]) for _, r in orgs.iterrows()}
    assert {("Spolek Olše", "responsible", "2.1"), ("Město Lhotka", "responsible", "2.2")} <= tied


def test_items_named_inside_the_sentences_of_minutes(tmp_path: Path) -> None:
    """Minutes name plan items in running text: a numbered label opening a sentence mid-paragraph
    ("... za rok 2024. Aktivita 3.1.2 Zřízení ... – splněno, ..."), whose scope ends with its
    sentence; a label in any case with a whole number inside a sentence ("... mimo jiné opatření
    1.4 Podpora pečujících, které ...", "navrhuje zařadit aktivitu 2.2.1 Půjčovna pomůcek
    (realizátor: X)", "... opatření 2.5 Rozvoj paliativní péče bylo konstatováno"); and the
    numbered dash lines after "jsou navržena tato opatření:" without a parent above."""
    out = run_docx(tmp_path, _document(
        "Mgr. Jana Lesná informovala o plnění plánu za rok 2024. Aktivita 3.1.2 Zřízení denního "
        "stacionáře v Lhotce – splněno, provoz byl zahájen v září. Spolek Javor, z. s. dále poskytuje "
        "službu osobní asistence s kapacitou 6 úvazků.",
        "Koordinátorka informovala o aktualizaci plánu, mimo jiné opatření 1.4 Podpora pečujících, "
        "které bude předloženo radě. K opatření 2.2 skupina navrhuje zařadit aktivitu 2.2.1 Půjčovna "
        "kompenzačních pomůcek v Lhotce (realizátor: Charita Lhotka). Při kontrole opatření 2.5 Rozvoj "
        "paliativní péče bylo konstatováno, že se plní.",
        "Pro rok 2026 jsou navržena tato opatření:",
        "- 4.1 Rozvoj terénní práce v obcích (realizátor: Město Lhotka)",
        "- 4.2 Podpora dobrovolnictví (realizátor: Spolek Javor, z. s.)",
        "Usnesení: Skupina doporučuje návrh schválit."))
    assert sorted(_rows(out, "measures"), key=str) == [("1.4", "1", "Podpora pečujících"), ("2.5", "2", "Rozvoj paliativní péče"),
                                              ("4.1", "4", "Rozvoj terénní práce v obcích"),
                                              ("4.2", "4", "Podpora dobrovolnictví")]
    assert sorted(_rows(out, "activities"), key=str) == [("2.2.1", "2.2", "Půjčovna kompenzačních pomůcek v Lhotce"),
                                                ("3.1.2", "3.1", "Zřízení denního stacionáře v Lhotce")]
    orgs = pd.read_parquet(out / "organisations.parquet")
    orgs = orgs.astype(object).where(orgs.notna(), None)
    rows = {(r["name"], r["role"], r["item_ref"]) for _, r in orgs.iterrows()}
    assert {("Charita Lhotka", "responsible", "2.2.1"), ("Město Lhotka", "responsible", "4.1")} <= rows
    capacity = pd.read_parquet(out / "capacity_changes.parquet")
    six = capacity[capacity["raw_text"].str.contains("6 úvazk")].iloc[0]
    assert six["item_ref"] is None or six["item_ref"] != six["item_ref"]  # its own sentence: no item


def test_a_quoted_title_in_a_sentence_and_no_title_run_on_after_its_details(tmp_path: Path) -> None:
    """"doporučuje doplnit opatření 3.2 „Rozvoj ...“." names a measure by its quoted title; a bullet
    "Opatření 2.1 Title – Domov X, p. o. otevřel ..." ends its title at the dash, and the next
    paragraph ("p. Lesný doplnil, že ...") is no part of it."""
    plan = _plan(tmp_path,
                 "Usnesení: Výbor bere na vědomí návrh plánu s tím, že doporučuje doplnit opatření 3.2 „Dostupné "
                 "bydlení pro matky s dětmi“.",
                 ("b", "Opatření 2.1 Podpora pobytových služeb pro osoby s demencí – Domov Javor, p. o. otevřel "
                       "v září oddělení s kapacitou 12 lůžek."),
                 "p. Lesný doplnil, že o odlehčovací službu je stále větší zájem, než kolik mohou pokrýt.")
    assert sorted(plan["measures"], key=str) == [("2.1", "2", "Podpora pobytových služeb pro osoby s demencí"),
                                                 ("3.2", "3", "Dostupné bydlení pro matky s dětmi")]
