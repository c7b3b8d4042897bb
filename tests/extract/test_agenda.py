"""Agenda items: the meeting's programme, from a label, typed sections or a list under the date."""

from __future__ import annotations

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.agenda import extract
from tests.extract.blocks import blocks


def run(items: list[BlockView]) -> list[dict]:
    result = Extraction()
    extract(items, result)
    rows = result.tables["agenda_items"]
    for row in rows:  # provenance: the span holds the title
        text = items[row["block_id"]].text
        assert text[row["char_start"]:row["char_end"]] == row["title"]
    return rows


def agenda(*lines: str) -> list[tuple[int, str]]:
    return [(row["item_no"], row["title"]) for row in run(blocks(*lines))]


# --------------------------------------------------------------------------- a programme label


def test_numbered_programme_after_label():
    assert agenda("# Zápis z jednání", "Datum: 3. 5. 2022", "Program jednání:",
                  "1. Úvod a schválení programu", "2. Priority střednědobého plánu na období 2023–2025",
                  "3. Různé", "K bodu 1", "Jednání řídila Mgr. Petra Zbranková.") == [
        (1, "Úvod a schválení programu"), (2, "Priority střednědobého plánu na období 2023–2025"), (3, "Různé")]


def test_bulleted_programme_with_sub_points_and_parenthesis():
    assert agenda("Program:", "- Základní informace o komunitním plánování pro ORP Jindřichův Hradec",
                  "    - historie procesu", "- Informace ze SMJ (žádosti do ZSSS JK, Housing first )",
                  "- Diskuze", "# Základní informace o komunitním plánování pro ORP Jindřichův Hradec",
                  "Text.") == [
        (1, "Základní informace o komunitním plánování pro ORP Jindřichův Hradec"),
        (2, "Informace ze SMJ (žádosti do ZSSS JK, Housing first )"), (3, "Diskuze")]


def test_lost_numbers_are_numbered_by_order():
    # a plain-text export of Word's auto-numbering prints "1." for every item
    assert agenda("Program jednání:", "1. Úvod", "1. Informace z pracovních skupin", "1. Diskuze",
                  "Ad. 1)", "- Krajský úřad vyhlásil výzvu.") == [
        (1, "Úvod"), (2, "Informace z pracovních skupin"), (3, "Diskuze")]


def test_programme_as_plain_lines_ends_at_the_first_section():
    assert agenda("# Zápis", "Program", "Zahájení", "Informace z kraje", "Akční plán 2020", "Různé",
                  "Ad 1) Zahájení", "Jednání zahájila paní starostka.") == [
        (1, "Zahájení"), (2, "Informace z kraje"), (3, "Akční plán 2020"), (4, "Různé")]


def test_plain_lines_stop_at_prose_and_labels():
    assert agenda("Program:", "Úvod", "Plnění akčního plánu", "Na úvod přivítala koordinátorka všechny přítomné "
                  "a seznámila je s programem jednání.", "Přítomni: viz prezenční listina") == [
        (1, "Úvod"), (2, "Plnění akčního plánu")]


def test_inline_programme():
    assert agenda("# Zápis", "Program: 1. Úvod 2. Informace z PS Senioři 3. Různé", "Text.") == [
        (1, "Úvod"), (2, "Informace z PS Senioři"), (3, "Různé")]
    assert agenda("Program jednání: zahájení; plnění opatření; různé") == [
        (1, "zahájení"), (2, "plnění opatření"), (3, "různé")]


def test_programme_in_one_block_with_line_breaks():
    items = [BlockView(0, "heading", "Zápis", level=1),
             BlockView(1, "paragraph", "Program:\n1) Zahájení\n2) Katalog služeb\n3) Závěr"),
             BlockView(2, "paragraph", "K bodu 1: Jednání zahájil p. Novák.")]
    assert [(r["item_no"], r["title"]) for r in run(items)] == [(1, "Zahájení"), (2, "Katalog služeb"), (3, "Závěr")]


def test_restarted_numbering_is_the_discussion_not_more_items():
    items = [BlockView(0, "paragraph", "Program:"),
             BlockView(1, "list_item", "1. Zahájení", level=2, label="1."),
             BlockView(2, "list_item", "2. Vyhodnocení zimního opatření", level=2, label="2."),
             BlockView(3, "list_item", "3. Různé", level=2, label="3."),
             BlockView(4, "list_item", "1. Zahájení", level=1, label="1."),
             BlockView(5, "paragraph", "Jednání vedla Mgr. Ilona Vašková.")]
    assert [r["title"] for r in run(items)] == ["Zahájení", "Vyhodnocení zimního opatření", "Různé"]


def test_programme_as_a_table():
    assert agenda("Program:", "| 1. | Úvod | 13:00 |", "| 2. | Katalog sociálních služeb | 13:15 |",
                  "| 3. | Různé | 14:00 |", "Ad 1)") == [(1, "Úvod"), (2, "Katalog sociálních služeb"), (3, "Různé")]


def test_a_programme_word_in_a_sentence_is_no_label():
    assert agenda("# Zápis", "Program byl schválen bez připomínek.", "Zimní program: noclehárna otevřena.") == []


# --------------------------------------------------------------------------- typed section headings


def test_typed_numbered_sections_serve_as_programme():
    assert agenda("# pracovní skupiny ke komunitnímu plánování na Jilemnicku",
                  "Přítomni: viz prezenční listina",
                  "## 1/ Úvodní slovo K. Pelikánová:", "- seznámení s programem",
                  "## 2/\tFirma kvanta research, s.r.o. – představení analýzy (p. Mühl):", "- výstupy",
                  "3/ Diskuse:", "- informovanost", "4/ Závěr:", "V Jilemnici dne 8. listopadu 2017.") == [
        (1, "Úvodní slovo K. Pelikánová"), (2, "Firma kvanta research, s.r.o. – představení analýzy (p. Mühl)"),
        (3, "Diskuse"), (4, "Závěr")]


def test_numbered_headings_serve_as_programme():
    assert agenda("# Zápis z jednání", "Datum: 7. 10. 2020", "## 1. Zahájení", "Text.", "## 2. Katalog služeb",
                  "Text.", "## 3. Různé", "Text.") == [(1, "Zahájení"), (2, "Katalog služeb"), (3, "Různé")]
    assert agenda("# Zápis z jednání", "Datum: 7. 10. 2020", "## I. Zahájení", "Text.", "## II. Katalog služeb",
                  "Text.") == [(1, "Zahájení"), (2, "Katalog služeb")]


def test_numbered_headings_of_a_handbook_are_no_programme():
    assert agenda("# Metodika komunitního plánování", "## 1. Úvod", "Text.", "## 2. Principy", "Text.") == []


def test_ad_sections_are_never_a_second_agenda():
    assert agenda("# Zápis", "Datum: 3. 5. 2022", "Ad 1) Zahájení", "Text.", "Ad 2) Akční plán", "Text.") == []


# --------------------------------------------------------------------------- a list under the date


def test_bullets_right_under_the_date_are_the_programme():
    assert agenda("# Záznam z jednání 2. PS SENIOŘI", "| Datum jednání | 15. února 2022, od 13,00 hod. |",
                  "- Rozdiskutování navržených potřeb z předchozí PS", "- Prioritizace potřeb",
                  "- Zpracování cílů, opatření, aktivit", "Další PS: 18. 3. od 9,30") == [
        (1, "Rozdiskutování navržených potřeb z předchozí PS"), (2, "Prioritizace potřeb"),
        (3, "Zpracování cílů, opatření, aktivit")]


def test_a_list_after_attendance_is_not_a_programme():
    assert agenda("# Zápis", "Datum: 4. 4. 2019", "Přítomni:", "- Jana Nováková", "- Petr Malý") == []


# --------------------------------------------------------------------------- no programme


def test_a_slide_deck_has_no_agenda():
    items = [BlockView(0, "heading", "Osoby ohrožené sociálním vyloučením", level=1),
             BlockView(1, "list_item", "1", level=1, label="1."),
             BlockView(2, "heading", "Osoby ohrožené sociálním vyloučením", level=3),
             BlockView(3, "list_item", "2", level=1, label="2."),
             BlockView(4, "heading", "Seznam členů pracovní skupiny", level=3),
             BlockView(5, "paragraph", "1. Mgr. Kateřina Lhotská Městský úřad Vyškov 2. Bc. Jan Hrubec")]
    assert run(items) == []


def test_empty_document():
    assert run([]) == []


def test_numbered_sections_of_minutes_without_a_programme():
    assert agenda("Setkání poskytovatelů sociálních služeb", "Strakonice, 4. 6. 2021",
                  "1. Úvod", "Paní starostka přivítala přítomné.", "2. Katalog služeb", "Katalog vyjde v září.",
                  "3. Různé", "Nic.") == [(1, "Úvod"), (2, "Katalog služeb"), (3, "Různé")]


def test_numbered_points_of_a_slide_deck_are_no_sections():
    assert agenda("# Osoby bez domova", "Pracovní skupina Osoby bez domova", "1. Seznam členů", "Jana Nová",
                  "2. Popis cílové skupiny", "muži a ženy bez přístřeší") == []


def test_programme_label_in_the_table_header_row():
    assert agenda("| Program | Čas |", "| Zahájení | 9:00 |", "| Informace z kraje | 9:15 |", "Text.") == [
        (1, "Zahájení"), (2, "Informace z kraje")]


def test_time_slots_are_not_part_of_titles():
    assert agenda("Program setkání:", "- 13:00–13:15 Přivítání", "- 13:15 – 14:00 Akční plán 2021",
                  "- 14:00 Různé", "Zapsala: Eva Malá") == [(1, "Přivítání"), (2, "Akční plán 2021"), (3, "Různé")]


def test_programme_in_the_cell_beside_its_label():
    items = [BlockView(0, "heading", "Zápis z jednání", level=1),
             BlockView(1, "table_cell", "Program", table_id=0, row=0, col=0),
             BlockView(2, "table_cell", "1. Úvod\n2. Plnění akčního plánu\n3. Různé", table_id=0, row=0, col=1),
             BlockView(3, "table_cell", "Místo", table_id=0, row=1, col=0),
             BlockView(4, "table_cell", "MěÚ Kaplice", table_id=0, row=1, col=1)]
    assert [(r["item_no"], r["title"]) for r in run(items)] == [(1, "Úvod"), (2, "Plnění akčního plánu"), (3, "Různé")]


# --------------------------------------------------------------------------- generalisation: tables above, Roman numbers


def test_programme_below_a_long_attendance_table_is_still_in_the_first_half():
    people = [f"| Ing. Osoba{chr(65 + i)} Příjmení | Spolek {i} | přítomen |" for i in range(12)]
    sections = [line for k in range(1, 4) for line in (f"## Téma {k}", f"Diskuse k tématu {k} proběhla.")]
    rows = agenda("# Záznam ze schůzky PS Zdraví konané 4. 3. 2021", "## Prezence",
                  "| Jméno | Organizace | Účast |", *people, "## Body jednání:",
                  "- Téma 1", "- Téma 2", "- Téma 3", *sections, "Zapsal: Petr Malý")
    assert rows == [(1, "Téma 1"), (2, "Téma 2"), (3, "Téma 3")]


def test_roman_numbered_programme_as_plain_lines():
    assert agenda("Zápis z jednání ŘS", "Datum: 12. 6. 2023", "Pořad jednání:", "I. Zahájení a kontrola úkolů",
                  "II. Dotační řízení města", "III) Různé", "I. Zahájení a kontrola úkolů",
                  "Předsedkyně přivítala členy.", "Ad II.", "Byly projednány žádosti.") == [
        (1, "Zahájení a kontrola úkolů"), (2, "Dotační řízení města"), (3, "Různé")]


def test_roman_numbered_inline_programme_and_commas_between_items():
    assert agenda("Program jednání: I. Úvod, II. Akční plán 2024, III. Závěr") == [
        (1, "Úvod"), (2, "Akční plán 2024"), (3, "Závěr")]
    assert agenda("Program: 1) Úvod, 2) Katalog služeb, 3) Různé") == [(1, "Úvod"), (2, "Katalog služeb"), (3, "Různé")]


def test_roman_numbered_sections_of_minutes_without_a_programme():
    assert agenda("Zápis z porady PS", "Dne 2. 2. 2022", "Přítomni: Jana Malá, Petr Velký", "I. Přivítání",
                  "Koordinátorka přivítala přítomné a omluvila nepřítomné.", "II. Stav sítě služeb",
                  "Kraj informoval o změnách v síti.", "III. Závěr", "Další setkání bude v dubnu.") == [
        (1, "Přivítání"), (2, "Stav sítě služeb"), (3, "Závěr")]


def test_agenda_and_topic_labels():
    assert agenda("Zápis z jednání", "Datum: 1. 3. 2024", "Agenda:", "1) Zahájení", "2) Informace z obcí",
                  "3) Různé", "Ad 1)", "text") == [(1, "Zahájení"), (2, "Informace z obcí"), (3, "Různé")]
    assert agenda("Zápis z jednání", "Datum: 1. 3. 2024", "Témata setkání:", "- katalog služeb",
                  "- dotace") == [(1, "katalog služeb"), (2, "dotace")]


def test_programme_of_the_next_meeting_is_not_this_meetings_programme():
    assert agenda("Zápis z jednání", "Datum: 1. 3. 2024", "Program příštího setkání:", "- rozpočet obce",
                  "- dotace kraje") == []
    assert agenda("Zápis z jednání", "Datum: 1. 3. 2024", "Program:", "- Úvod", "- Katalog",
                  "Návrh programu dalšího jednání:", "- Rozpočet", "- Dotace") == [(1, "Úvod"), (2, "Katalog")]


def test_an_inline_programme_keeps_its_own_numbering():
    assert agenda("# Zápis z jednání", "Program: 1) Zahájení 2) Vyhodnocení plnění za 1. pololetí 2023 "
                  "3) Různé") == [(1, "Zahájení"), (2, "Vyhodnocení plnění za 1. pololetí 2023"), (3, "Různé")]


def test_points_written_bod_n():
    assert agenda("# Zápis z jednání", "Program:", "Bod 1: Zahájení", "Bod 2: Plnění akčního plánu", "Bod 3: Různé",
                  "Bod 1: Zahájení", "Jednání zahájila vedoucí skupiny.") == [
        (1, "Zahájení"), (2, "Plnění akčního plánu"), (3, "Různé")]


def test_a_sentence_that_introduces_the_programme():
    assert agenda("# Zápis z jednání", "Jednání vedla Mgr. Eva Malá, která přivítala přítomné a seznámila je s programem:",
                  "1. Informace o komunitním plánu", "2. Různé", "K bodu 1", "Mgr. Malá informovala.") == [
        (1, "Informace o komunitním plánu"), (2, "Různé")]
