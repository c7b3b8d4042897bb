"""Tables as the organisation extractors read them: cell tables and tab-separated lines."""

from __future__ import annotations

import pytest

from pipeline.extract.model import BlockView
from pipeline.extract.organisations.tables import Tables, header_kind
from tests.extract.blocks import blocks


@pytest.mark.parametrize("text, kind", [
    ("Název organizace", "organisation"), ("Poskytovatel:", "organisation"), ("Žadatel", "applicant"),
    ("Realizátor", "responsible"), ("IČO", "ico"), ("Jméno a příjmení", "person"), ("Druh služby", "service"),
    ("Účast", None), ("", None),
])
def test_header_kinds(text, kind):
    assert header_kind(text) == kind


def test_tab_separated_lines_under_a_header_are_a_table():
    items = blocks("Prezenční listina:", "Jméno\tOrganizace\tÚčast", "Eva Malá\tOáza Lipník\tpřítomna",
                   "Petr Kos\tZelená louka\tomluven", "Jednání zahájila Eva Malá.")
    tables = Tables(items)
    (table,) = tables.tables
    assert table.columns == {0: "person", 1: "organisation"}
    assert [c.text for c in tables.cells(["organisation"])] == ["Oáza Lipník", "Zelená louka"]
    row = items[2]
    assert tables.kind_at(row, row.text.index("Oáza")) == "organisation"
    assert [c.text for c in tables.row_of(row, row.text.index("Oáza"))] == ["Eva Malá", "přítomna"]
    assert tables.locate(items[4]) is None


def test_label_value_lines_and_a_header_without_known_columns_are_no_table():
    assert Tables(blocks("Datum:\t1. 2. 2024", "Místo:\tNerudova 12")).tables == []
    assert Tables(blocks("Den\tČas\tMísto", "pondělí\t9:00\tklubovna")).tables == []


def test_cell_table_rows_and_columns():
    items = blocks("| Žadatel | IČO | Služba |", "| Oáza Lipník, z. s. | 00064581 | noclehárna |")
    tables = Tables(items)
    assert tables.tables[0].columns == {0: "applicant", 1: "ico", 2: "service"}
    assert tables.kind_at(items[3]) == "applicant"
    assert [c.text for c in tables.row_of(items[3])] == ["00064581", "noclehárna"]


def test_a_column_of_plan_numbers_is_a_number_column_whatever_its_header():
    items = blocks("| Č. | Co se udělá | Realizátor |", "| 4.1.1 | Dluhová poradna | Lípa, z. s. |",
                   "| 4.1.2 | Klub pro mládež | Domek, z. ú. |")
    assert Tables(items).tables[0].columns == {0: "number", 2: "responsible"}


def test_a_column_of_plain_counts_is_no_number_column():
    items = blocks("| Pořadí | Služba | Poskytovatel |", "| 1 | noclehárna | Lípa, z. s. |",
                   "| 2 | azylový dům | Domek, z. ú. |")
    assert Tables(items).tables[0].columns == {1: "service", 2: "organisation"}


def test_a_page_laid_out_in_a_table_is_no_table():
    menu = "Úvod\nO nás\nKontakty"
    minutes = "\n".join(["Zápis z jednání", "Přítomni:"] + [f"Člen {n} – Spolek {n}" for n in range(12)])
    items = [BlockView(0, "table_cell", menu, table_id=0, row=0, col=0),
             BlockView(1, "table_cell", minutes, table_id=0, row=0, col=1)]
    assert Tables(items).tables == []


def test_a_long_cell_under_named_columns_keeps_its_table():
    long_text = " ".join(["Služba pomáhá rodinám s dětmi v obtížné situaci."] * 20)
    items = blocks("| Poskytovatel | Popis |", f"| Lípa, z. s. | {long_text} |")
    assert Tables(items).tables[0].columns == {0: "organisation"}


def test_a_column_of_dates_is_no_number_column():
    items = blocks("| Úkol | Zodpovídá | Termín |", "| zaslat podklady | Lípa, z. s. | 30.4. |",
                   "| svolat schůzku | Domek, z. ú. | 15.5. |")
    assert Tables(items).tables[0].columns == {1: "responsible"}


def test_a_label_value_table_is_one_record_with_its_items_number():
    items = blocks("| Opatření 4.2 | Dluhové poradenství |", "| Realizátor | Lípa, z. s. |",
                   "| Partneři | Město Horka |", "| Zdroje financování | Kraj |")
    tables = Tables(items)
    (table,) = tables.tables
    assert table.columns == {-1: "number", 0: "number", 1: "responsible", 2: "partner", 3: "funder"}
    assert tables.kind_at(items[3]) == "responsible" and tables.kind_at(items[5]) == "partner"
    assert [c.text for c in tables.cells(["responsible", "partner"])] == ["Lípa, z. s.", "Město Horka"]
    assert table.rows[1][-1].text == "4.2"


def test_a_two_column_table_of_names_and_organisations_stays_a_table_of_rows():
    items = blocks("| Jméno | Organizace |", "| Eva Malá | Lípa, z. s. |", "| Petr Kos | Realizátor |")
    assert Tables(items).tables[0].columns == {0: "person", 1: "organisation"}
