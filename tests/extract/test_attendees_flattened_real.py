"""Attendance lists flattened into the minutes' running text (sweep of real minutes, round 2):
PDF converters and web pages join the header and the first paragraphs into one line, so the
last label's list ends where an item number or a clause of the minutes begins, and the rest
of the line is read as running text (the chair, the recorder appointed there). Names, towns
and bodies are invented; each test runs the real pipeline over a real TXT or HTML file."""

from __future__ import annotations

import math
from pathlib import Path

from tests.docx_factory import table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _run(tmp_path: Path, name: str, text: str) -> set[tuple]:
    from pipeline.runner import RunOptions, run

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    if name.endswith(".html"):
        body = "\n".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        text = f'<html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>'
    (raw / name).write_text(text, encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    return {tuple(_clean(v) for v in row)
            for row in table_rows(out, "attendees", "name", "titles", "organisation", "role")}


def test_a_guest_list_ends_at_the_first_item_and_the_recorder_appointed_after_it_is_read(tmp_path):
    """"Hosté: ... (pokladní) 1. Zahájení, určení zapisovatele Schůzi zahájil předseda K. Dub.
    Zapisovatelem byl určen Petr Kos": the guests end at "1. Zahájení"; the chair and the
    recorder of the sentences after it are no guests."""
    found = _run(tmp_path, "zapis.txt",
                 "1 Zápis ze 12. schůze výboru spolku Lipka v Horní Lhotě Přítomni: Karel Dub, Jana Malá, "
                 "Petr Kos, Olga Vrbová Omluven: Tomáš Lísek Hosté: Eva Nováková (pokladní spolku), "
                 "Ivan Sýkora (revizor) 1. Zahájení, určení zapisovatele a ověřovatele zápisu Schůzi zahájil "
                 "předseda K. Dub. Zapisovatelem byl určen Petr Kos, ověřovatelkou Olga Vrbová. "
                 "2. Schválení zápisu z 11. schůze\n")
    guests = {row[0] for row in found if row[3] == "guest"}
    assert guests == {"Eva Nováková", "Ivan Sýkora"}
    assert ("Petr Kos", None, None, "recorder") in found
    assert ("Tomáš Lísek", None, None, "excused") in found
    assert not any(row[3] == "excused" and row[0] != "Tomáš Lísek" for row in found)


def test_an_empty_absence_label_before_the_programme_names_nobody_and_the_chair_is_read(tmp_path):
    """"Omluveni: Program schůze: 1. Zahájení ... zahájil starosta Bc. Jiří Lomený": the label's
    list is empty, its "value" is the programme and the minutes; the mayor opening the meeting
    is its chair, no excused member."""
    found = _run(tmp_path, "zapis.html",
                 "1 ZÁPIS Z 4. ZASEDÁNÍ ZASTUPITELSTVA OBCE DOLNÍ JAVOŘÍ KONANÉHO DNE 3. DUBNA 2024 "
                 "Přítomni: dle presenční listiny (viz příloha č. 1) Omluveni: Program schůze: 1. Zahájení: "
                 "schválení programu, určení zapisovatele. 2. Kontrola plnění usnesení. K bodu 1. Zahájení "
                 "Zasedání zastupitelstva obce zahájil starosta Bc. Jiří Lomený v 18:00 hod. Prohlásil, že "
                 "zastupitelstvo je usnášeníschopné. Ing. Pavla Horká: dotazuje se na rozpočet.")
    assert not any(row[3] == "excused" for row in found)
    assert ("Jiří Lomený", "Bc.", None, "chair") in found


def test_a_clause_after_the_list_ends_it_and_gives_no_organisation(tmp_path):
    """"Zapisovatelka: Jana Langrová Hlasování v pořadí: PRO, PROTI ... přišla paní Zdena
    Tomková" and "Neomluven: 0 (prezenční listina je součástí zápisu) JEDNÁNÍ zastupitelstva
    zahájil starosta pan Jan Dub": the clause after a name is no organisation of hers, and the
    persons of the clauses hold no role of the list."""
    found = _run(tmp_path, "zapis.txt",
                 "1 Zápis č. 2/2024 z veřejného zasedání Zastupitelstva města Horní Javoří Přítomni: 9 "
                 "Bartoň, Dlouhá, Hrubý, Kolář Omluveni: 0 Neomluven: 0 (prezenční listina je součástí "
                 "zápisu) JEDNÁNÍ zastupitelstva města zahájil starosta města pan Jan Hrubý v 18:03 hodin.\n"
                 "Zapisovatelka: Jana Langrová Hlasování v pořadí: PRO NÁVRH, PROTI NÁVRHU, ZDRŽEL SE "
                 "V 18:19 hod přišla paní Zdena Tomková.\n")
    assert ("Jana Langrová", None, None, "recorder") in found
    assert not any(row[0] == "Zdena Tomková" and row[3] == "recorder" for row in found)
    assert not any(row[3] == "absent" for row in found)
    assert ("Jan Hrubý", None, None, "chair") in found


def test_a_list_whose_notes_name_departments_is_not_cut(tmp_path):
    """A list line of its own with a note after a dash ("Eva Malá – Sociální odbor MěÚ Lhota")
    holds no minutes after it: it is read whole."""
    found = _run(tmp_path, "zapis.txt",
                 "Zápis z jednání pracovní skupiny Senioři\n"
                 "Přítomni: Mgr. Eva Malá – Sociální odbor MěÚ Dolní Lhota, Petr Kos – Charita Dolní Lhota\n"
                 "Hosté: Ing. Hana Dubská – Odbor školství Krajského úřadu\n")
    names = {(row[0], row[3]) for row in found}
    assert {("Eva Malá", "present"), ("Petr Kos", "present"), ("Hana Dubská", "guest")} <= names


def test_a_list_of_surnames_ending_in_a_comma_goes_on_on_the_next_lines(tmp_path):
    """"PŘÍTOMNI: Hrubec, Cejka, Lisý,\\n\\nFrydl, Králík, JUDr. Babka,\\n\\nVoženka" and
    "Omluven: p. Jelen, Kovanda,\\nForman": a line that ends with a comma continues the list on
    the next line (or paragraph), its lone surnames too."""
    found = _run(tmp_path, "zapis.txt",
                 "ZÁPIS č. 7/2023 z členské schůze spolku Lípa Horní Javoří\n\n"
                 "PŘÍTOMNI: Hrubec, Cejka, Lisý, Vondál,\n\n"
                 "Frydl, Králík, JUDr. Babka, Dostál,\n\n"
                 "Voženka, Sejkal\n\n"
                 "OMLUVENI: Tomek, ing. Nesvadba,\n\n"
                 "Diblík, Mgr. Slanina.\n\n"
                 "PROGRAM:\n\n1. Kontrola zápisu z minulé schůze.\n")
    present = {row[0] for row in found if row[3] == "present"}
    excused = {row[0] for row in found if row[3] == "excused"}
    assert {"Hrubec", "Vondál", "Frydl", "Babka", "Dostál", "Voženka", "Sejkal"} <= present
    assert {"Tomek", "Nesvadba", "Diblík", "Slanina"} <= excused


def test_a_recorders_value_inside_a_sentence_ends_before_the_next_clause(tmp_path):
    """"... 2 hosté Zapisovatelka: Jana Langrová Hlasování v pořadí: PRO ... přišla paní Zdena
    Tomková.": the label after a lower-case word ends at its sentence, and within it where the
    next clause ("Hlasování v pořadí:") begins: no organisation, no second recorder."""
    found = _run(tmp_path, "zapis.html",
                 "1 Zápis č. 3/2024 ze zasedání Zastupitelstva města Dolní Javoří Podle prezenční listiny "
                 "bylo přítomno 11 členů. Přítomno cca 13 občanů, 2 hosté Zapisovatelka: Jana Langrová "
                 "Hlasování v pořadí: PRO NÁVRH, PROTI NÁVRHU, ZDRŽEL SE V 18:19 hod přišla paní Zdena Tomková. "
                 "Starosta dal hlasovat o programu.")
    assert ("Jana Langrová", None, None, "recorder") in found
    assert not any(row[0] == "Zdena Tomková" for row in found)


def test_a_generational_suffix_after_a_surname_keeps_the_list_line(tmp_path):
    """"Hrubec, Beneš st., Vondál," and "Jindra Trejbal ml. (místopředseda SŠL)": "ml.", "st.",
    "sen." after a surname belong to the mention: the line is still a list, the suffix is no
    title and no part of an organisation."""
    found = _run(tmp_path, "zapis.txt",
                 "ZÁPIS č. 8/2023 z členské schůze spolku Lípa Horní Javoří\n\n"
                 "PŘÍTOMNI: Hrubec, Cejka, Lisý,\n\n"
                 "Frydl, Beneš sen., Vondál, Sejkal\n\n"
                 "Hosté: Jindra Trejbal ml. (místopředseda SŠL), Ivan Král (pokladník)\n")
    present = {row[0] for row in found if row[3] == "present"}
    assert {"Frydl", "Beneš", "Vondál", "Sejkal"} <= present
    assert ("Jindra Trejbal", None, "SŠL", "guest") in found


def test_an_absence_label_inside_a_sentence_lists_the_excused(tmp_path):
    """"Omluveni jsou pí. Lipová, p. Kadlec a p. Brož, který se možná dostaví později.", "3 členové
    omluveni Ing. J. Pech, M. Horák, D. Vlková, dne v 17:20 hod podal Ing. Karel Kučík rezignaci"
    and "..., omluveni jsou pan Jurák a paní Polanská.": the names after the label, up to the
    sentence's end or a lower-case clause, are excused; the chair's sentence before stays text."""
    found = _run(tmp_path, "zapis.txt",
                 "Z Á P I S č. 4/2023 ze zasedání Zastupitelstva obce Javorník Lhota\n"
                 "Jednání zastupitelstva obce zahájil a řídil starosta obce, pan Jaromír Lesák. Konstatoval, "
                 "že je přítomno 10 členů zastupitelstva. Omluveni jsou pí. Lipová, p. Kadlec a p. Brož, "
                 "který se možná dostaví později.\n"
                 "Podle prezenční listiny bylo přítomno 11 členů, 3 členové omluveni Ing. J. Pech, M. Horák, "
                 "D. Vlková, dne v 17:20 hod podal Ing. Karel Kučík rezignaci na mandát.\n"
                 "Starosta obce konstatoval, že je přítomno 7 členů, omluveni jsou pan Jurák a paní Polanská. "
                 "Poté prohlásil zasedání za usnášeníschopné.\n")
    excused = {row[0] for row in found if row[3] == "excused"}
    assert excused == {"Lipová", "Kadlec", "Brož", "J. Pech", "M. Horák", "D. Vlková", "Jurák", "Polanská"}
    assert ("Jaromír Lesák", None, None, "chair") in found


def test_a_recorder_appointed_with_her_function_between_is_read(tmp_path):
    """"Zapisovatelem zápisu byl jmenován místostarosta pan Jiří Vrba" and "jako zapisovatel byl
    zvolen místostarosta obce, ing. Josef Zvěř": the recorder's noun, a verb of appointing and her
    function (with a comma) before the name make her the recorder."""
    found = _run(tmp_path, "zapis.html",
                 "Zápis z 9. zasedání Zastupitelstva obce Dolní Javoří\n"
                 "Starosta prohlásil zasedání za usnášeníschopné. Zapisovatelem zápisu byl jmenován "
                 "místostarosta pan Jiří Vrba.\n"
                 "Do návrhové komise byli zvoleni Mgr. Michal Kovák a p. Libor Štěrba, jako zapisovatel byl "
                 "zvolen místostarosta obce, ing. Josef Zvěř.")
    recorders = {row[0] for row in found if row[3] == "recorder"}
    assert {"Jiří Vrba", "Josef Zvěř"} <= recorders
    assert "Libor Štěrba" not in recorders
