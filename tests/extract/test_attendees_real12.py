"""Attendees in constructions of real minutes and plans found on the development set real12
(issue 15): an attendance list headed "Prezenční listina:", a plan's composition table and
team lines, speakers written "Surname –" at a line's start, and names only in oblique cases.
Names, towns and organisations are invented; each test runs the real pipeline over a real DOCX."""

from __future__ import annotations

import math

from tests.docx_factory import minutes, run_docx, table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def attendees(out) -> set[tuple]:
    return {tuple(_clean(v) for v in row)
            for row in table_rows(out, "attendees", "name", "titles", "organisation", "role")}


# --------------------------------------------------------------------------- 1: "Prezenční listina:"


def test_an_attendance_list_headed_prezencni_listina_with_notes_and_departments(tmp_path):
    """"Prezenční listina:" opens the present list (bullets "Title Name, function, organisation
    (příchod 14:20)"), "Hosté:" and "Omluveni:" go on; a department after the organisation
    ("MěÚ Lhota, OSPOD") keeps the row; a lone "-" and the voting count name nobody."""
    document = minutes("Zápis ze schůze řídící skupiny KPSS Dolní Lhota",
                       "Datum konání: 3.4. 2023, od 9:00 hod",
                       "Prezenční listina:",
                       ("List Bullet", "Mgr. Olga Vrbová, předsedkyně řídící skupiny, starostka obce"),
                       ("List Bullet", "Ing. Filip Kos, ředitel, Domov Javor Dolní Lhota, p. o. (příchod 9:20)"),
                       ("List Bullet", "Emil Sýkora, DiS., Spolek Vlnka, z. s. (odchod 10:40)"),
                       "Hosté:",
                       ("List Bullet", "Hana Dubská, Obec Horní Lhota"),
                       "Omluveni:",
                       ("List Bullet", "Mgr. Ivo Lipský, MěÚ Dolní Lhota, OSPOD"),
                       "-",
                       "počet členů s hlasovacím právem: 5",
                       "Program jednání:",
                       "1. Zahájení")
    found = attendees(run_docx(tmp_path, document))
    assert {("Olga Vrbová", "Mgr.", None, "present"),
            ("Filip Kos", "Ing.", "Domov Javor Dolní Lhota, p. o.", "present"),
            ("Emil Sýkora", "DiS.", "Spolek Vlnka, z. s.", "present"),
            ("Hana Dubská", None, "Obec Horní Lhota", "guest"),
            ("Ivo Lipský", "Mgr.", "MěÚ Dolní Lhota", "excused")} <= found


# --------------------------------------------------------------------------- 2: a plan's composition


def test_a_composition_table_under_a_merged_caption_row_lists_members(tmp_path):
    """A table whose first row is one merged cell "Složení pracovní skupiny" over "Jméno |
    Organizace": its people are the body's members (SPEC v1.2), with their organisations."""
    document = minutes("Akční plán rozvoje sociálních služeb v kraji Horní Lhota",
                       "Akční plán připravila pracovní skupina v tomto složení:")
    table = document.add_table(rows=4, cols=2)
    caption = table.cell(0, 0).merge(table.cell(0, 1))
    caption.text = "Složení pracovní skupiny"
    for r, (left, right) in enumerate([("Jméno", "Organizace"), ("Ing. Olga Vrbová", "Krajský úřad kraje Horní Lhota"),
                                       ("Emil Sýkora, DiS.", "Spolek Vlnka, z. s.")], start=1):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Olga Vrbová", "Ing.", "Krajský úřad kraje Horní Lhota", "member"),
                     ("Emil Sýkora", "DiS.", "Spolek Vlnka, z. s.", "member")}


def test_a_plans_team_heading_and_a_groups_member_bullets(tmp_path):
    """Under a "Zpracovatelský tým" heading, "Koordinátorka: X, Org", "Metodik: Y" and "Garant za
    Město Z: W" name the team's members (W of Město Z); "Členy skupiny jsou:" then bullets
    "Name – Organisation" lists a group's members ("Domov Barbora" is an organisation, not a woman)."""
    document = minutes("Střednědobý plán rozvoje sociálních služeb Dolnolhotska")
    document.add_heading("Zpracovatelský tým", level=1)
    for line in ("Koordinátorka: Bc. Olga Vrbová, Centrum služeb Dolní Lhota, p.o.",
                 "Metodik: Mgr. Filip Kos, externí konzultant",
                 "Garant za Město Dolní Lhota: Ing. Hana Dubská"):
        document.add_paragraph(line)
    document.add_heading("Senioři", level=1)
    document.add_paragraph("1. Popis pracovní skupiny", style="List Number")
    document.add_paragraph("Pracovní skupina se scházela čtyřikrát ročně. Členy skupiny jsou:")
    document.add_paragraph("Emil Sýkora – Oblastní charita Dolní Lhota", style="List Bullet")
    document.add_paragraph("Ing. Ivo Lipský – Domov Barbora Dolní Lhota, p. o.", style="List Bullet")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Olga Vrbová", "Bc.", "Centrum služeb Dolní Lhota, p.o.", "member"),
                     ("Filip Kos", "Mgr.", None, "member"),
                     ("Hana Dubská", "Ing.", "Město Dolní Lhota", "member"),
                     ("Emil Sýkora", None, "Oblastní charita Dolní Lhota", "member"),
                     ("Ivo Lipský", "Ing.", "Domov Barbora Dolní Lhota, p. o.", "member")}


# --------------------------------------------------------------------------- 3: "Surname –" speakers


def test_speakers_written_as_a_surname_and_a_dash_at_the_start_of_a_line(tmp_path):
    """"Vrbová – zápis byl rozeslán", "Diskuze: Kos – dotaz, zda ...", "Sýkorová (Spolek Vlnka) –
    žádost ..." name speakers (the full name and titles where the minutes give them); a lone
    "Hlasování – ..." line and an organisation "Zátoka – azylové služby" in a table do not."""
    document = minutes("Zápis z jednání pracovní skupiny Senioři (3. dubna 2023)",
                       "Průběh jednání:",
                       "Vrbová – zápis byl rozeslán e-mailem, připomínky nebyly vzneseny.",
                       "Diskuze: Kos – dotaz, zda bude aktivita převedena do dalšího roku.",
                       "Sýkorová (Spolek Vlnka, z. s.) – žádost o navýšení kapacity o 1 úvazek.",
                       "Hlasování – schváleno jednomyslně.",
                       "Zapsala: Mgr. Olga Vrbová")
    table = document.add_table(rows=3, cols=2)
    for r, (left, right) in enumerate([("Služba", "Poskytovatel"), ("Azylový dům", "Zátoka – azylové služby, o. p. s."),
                                       ("Noclehárna", "Zátoka – azylové služby, o. p. s.")]):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    found = attendees(run_docx(tmp_path, document))
    speakers = {row for row in found if row[3] == "speaker"}
    assert speakers == {("Olga Vrbová", "Mgr.", None, "speaker"), ("Kos", None, None, "speaker"),
                        ("Sýkorová", None, "Spolek Vlnka, z. s.", "speaker")}


def test_a_listed_surname_after_a_speech_verb_and_the_initial_as_fullest_form(tmp_path):
    """"– informovala Dubská" names a speaker when the attendance lists Dubská; "úkol pro Kosa"
    does not; "Lipská" listed and "Zapsala: B. Lipská" make one person "B. Lipská"."""
    document = minutes("Zápis z jednání PS Senioři Dolní Lhota ze dne 3.4.2023",
                       "Přítomni: Kos, Dubská, Lipská, Sýkora",
                       "Zprávy z ŘS",
                       ("List Bullet", "Charita Dolní Lhota navýší kapacitu z 6 na 8 lůžek – informovala Dubská"),
                       ("List Bullet", "katalog služeb – PS dodá fotografie, úkol pro Kosa"),
                       ("List Bullet", "Sýkora nabídl prostory klubu pro příští jednání"),
                       "Zapsala: B. Lipská")
    found = {(name, role) for name, _, _, role in attendees(run_docx(tmp_path, document))}
    assert {("Dubská", "speaker"), ("Sýkora", "speaker"), ("B. Lipská", "present"),
            ("B. Lipská", "recorder")} <= found
    assert ("Kos", "speaker") not in found and ("Lipská", "present") not in found


# --------------------------------------------------------------------------- 4: oblique cases


def test_a_chair_in_the_instrumental_designated_in_parentheses_and_a_guest_sentence(tmp_path):
    """"zahájeno ... předsedkyní komise Mgr. Renatou Dubskou (dále jako „předsedající“)" makes
    Renata Dubská (nominative) the chair; "Host jednání, koordinátor KPSS Mgr. X, informoval"
    makes X a guest and a speaker; a verifier in the accusative is no attendee."""
    document = minutes("Zápis z ustavujícího jednání Sociální komise Rady města Dolní Lhota",
                       "Jednání komise bylo zahájeno v 15.00 hodin předsedkyní komise Mgr. Renatou Dubskou "
                       "(dále jako „předsedající“).",
                       "Předsedající navrhla ověřovatelem zápisu Ing. Tomáše Vrbu.",
                       "Host jednání, koordinátor KPSS Mgr. Filip Kos, informoval o návrhu akčního plánu.")
    found = attendees(run_docx(tmp_path, document))
    assert {("Renata Dubská", "Mgr.", None, "chair"), ("Filip Kos", "Mgr.", None, "guest"),
            ("Filip Kos", "Mgr.", None, "speaker")} <= found
    assert not {row for row in found if "Vrb" in row[0]}


def test_titles_from_an_accusative_mention_and_an_abbreviated_origin(tmp_path):
    """"požádala koordinátorku Mgr. Petru Vrbovou" then "Petra Vrbová uvedla": the speaker keeps
    her titles; "Bc. X z CpKP jižní Morava přednesla" gives X that organisation."""
    document = minutes("Zápis z jednání manažerského týmu KPSS Dolní Lhota",
                       "Ing. Jana Kosová zahájila jednání a požádala koordinátorku KPSS Mgr. Petru Vrbovou, "
                       "aby shrnula materiál. Petra Vrbová uvedla, že plán je plněn.",
                       "Metodička Bc. Lucie Dubská z CpKP jižní Morava přednesla příspěvek o plánování.")
    found = attendees(run_docx(tmp_path, document))
    assert {("Petra Vrbová", "Mgr.", None, "speaker"),
            ("Lucie Dubská", "Bc.", "CpKP jižní Morava", "speaker")} <= found


def test_a_presenter_in_parentheses_after_a_clause_of_speaking_takes_the_staffs_organisation(tmp_path):
    """"Dále vystoupili pracovníci Centra pro rodinu Dolní Lhota, kteří představili, co je
    plánování (Mgr. X), ..." names X as the speaker, of the organisation whose staff spoke."""
    document = minutes("Setkání poskytovatelů sociálních služeb Dolnolhotska",
                       "Setkání bylo zahájeno ve 14 hod. Dále vystoupili pracovníci Centra pro rodinu Dolní Lhota, "
                       "kteří v prvním bloku představili, co je komunitní plánování (Mgr. Hana Vrbová), "
                       "dále pak Bc. Filip Kos přednesl příspěvek o zkušenostech.")
    found = attendees(run_docx(tmp_path, document))
    assert ("Hana Vrbová", "Mgr.", "Centrum pro rodinu Dolní Lhota", "speaker") in found
