"""Attendees in constructions of real minutes and group pages found on the development set real14
(issue 15, session 12), each in its general form: a body's composition under "Členové" + the body's
name in the genitive, one name a line, or after "členové:" and a tab; a team's composition after
"ve složení"; those who took part listed after a reflexive verb of taking part ("se setkání
zúčastnili p. X (Obec Y), pí Z (Město W)"), in prose with functions ("metodik KPSS Bc. X,
místostarostka města Mgr. Y"); a chair whose function has a lower-case complement ("zahájila a
vedla koordinátorka projektu Mgr. X z Org", "řídila koordinátorka komunitního plánování Bc. Y");
a guest's office in parentheses after her function ("koordinátorka KPSS ORP X (Městský úřad X)").
Names, towns and organisations are invented; each test runs the real pipeline over a real file."""

from __future__ import annotations

import math

from tests.docx_factory import minutes, run_docx, run_html, table_rows


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def attendees(out) -> set[tuple]:
    return {tuple(_clean(v) for v in row)
            for row in table_rows(out, "attendees", "name", "titles", "organisation", "role")}


# --------------------------------------------------------------------------- 1: a body's composition


def test_members_under_the_bodys_name_in_the_genitive_one_a_line(tmp_path):
    """"Členové koordinační skupiny komunitního plánování" (no colon) and one name a paragraph, blank
    paragraphs between, titles before and after: members; the chair of its meeting is also chair
    ("řídila koordinátorka komunitního plánování Bc. X": the function's lower-case complement)."""
    body = ("<h1>Komunitní plánování</h1><h2>Koordinační skupina komunitního plánování</h2>"
            "<p>Koordinační skupina propojuje pracovní skupiny.</p>"
            "<p>Členové koordinační skupiny komunitního plánování</p>"
            "<p>PhDr. Ivana Klímová, Ph.D.</p><p></p><p>Mgr. Tomáš Brabec</p><p></p>"
            "<p>Olga Fialová</p><p></p><p>Bc. Nela Zouharová, DiS.</p>"
            "<h2>Z jednání koordinační skupiny</h2>"
            "<p>Skupina se sešla 4. května 2022 v Horní Lhotě. Jednání řídila koordinátorka komunitního "
            "plánování Bc. Nela Zouharová; přítomni byli 3 ze 4 členů.</p>")
    found = attendees(run_html(tmp_path, body))
    assert found == {("Ivana Klímová", "PhDr. Ph.D.", None, "member"), ("Tomáš Brabec", "Mgr.", None, "member"),
                     ("Olga Fialová", None, None, "member"), ("Nela Zouharová", "Bc. DiS.", None, "member"),
                     ("Nela Zouharová", "Bc.", None, "chair")}


def test_members_after_a_tab_and_on_the_lines_below(tmp_path):
    """"členové:" + tab + the first name, the others one a line below: all members; a line about the
    members ("Členové skupiny se shodli ...") and the sheet's reference name nobody."""
    document = minutes("Pracovní skupina k přípravě plánu",
                       "členové:\tRadim Vašíček",
                       "\tIng. Hedvika Marková",
                       "\tPavla Šindelářová, DiS.",
                       "\tMUDr. Karel Zedník",
                       "Zápisy ze schůzek:",
                       ("Heading 2", "Zápis ze 3. schůzky pracovní skupiny"),
                       "Přítomni: členové pracovní skupiny dle prezenční listiny",
                       "Členové skupiny se shodli, že dotazník rozešlou v březnu.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Radim Vašíček", None, None, "member"), ("Hedvika Marková", "Ing.", None, "member"),
                     ("Pavla Šindelářová", "DiS.", None, "member"), ("Karel Zedník", "MUDr.", None, "member")}


# --------------------------------------------------------------------------- 2: "ve složení"


def test_a_team_in_one_line_after_ve_slozeni(tmp_path):
    """"Zprávu předkládá tým spolku X" / "ve složení" / the names with a bracketed function: members;
    the place and date line after the list names nobody. A meeting's elected committee ("návrhovou
    komisi ve složení: ...") is no team."""
    document = minutes("Souhrnná zpráva ke koncepci",
                       "Zprávu předkládá tým spolku Analýzy Dolní Lhota, z. s.",
                       "ve složení",
                       "Mgr. Filip Hanák, Ing. Vlasta Pechová, Ph.D. (vedoucí týmu), Bc. Aleš Kužel",
                       "Dolní Lhota, 2. 4. 2021",
                       "Zastupitelstvo zvolilo návrhovou komisi ve složení: Jan Sláma, Petr Žák.")
    found = attendees(run_docx(tmp_path, document))
    assert found == {("Filip Hanák", "Mgr.", None, "member"), ("Vlasta Pechová", "Ing. Ph.D.", None, "member"),
                     ("Aleš Kužel", "Bc.", None, "member")}


# --------------------------------------------------------------------------- 3, 4: a verb of taking part


def test_those_who_took_part_after_the_verb_with_the_organisation_in_parentheses(tmp_path):
    """"Za obce se setkání zúčastnili p. X (Obec Y), pí Z (Město W) a p. Ing. V (...), za poskytovatele
    pí Bc. U (..., p. o.) a p. T (...)": present, each with her organisation; "p."/"pí" are no titles."""
    document = minutes("Úvodní setkání platformy",
                       "Setkání se uskutečnilo 3. března 2021 online. Za obce se setkání zúčastnili p. Ivo Kráľ "
                       "(Obec Lipnice), pí Dana Horká (Město Bělá) a p. Ing. Oto Vlk (Město Rovná), za "
                       "poskytovatele pí Bc. Eva Žitná (Domov Pohoda Rovná, p. o.) a p. Jiří Mráz (Charita Bělá). "
                       "Pí Žitná informovala o kapacitě domova.")
    found = attendees(run_docx(tmp_path, document))
    present = {row for row in found if row[3] == "present"}
    assert present == {("Ivo Kráľ", None, "Obec Lipnice", "present"), ("Dana Horká", None, "Město Bělá", "present"),
                       ("Oto Vlk", "Ing.", "Město Rovná", "present"),
                       ("Eva Žitná", "Bc.", "Domov Pohoda Rovná, p. o.", "present"),
                       ("Jiří Mráz", None, "Charita Bělá", "present")}


def test_those_who_took_part_named_in_prose_with_their_functions(tmp_path):
    """"se zúčastnili členové řídící skupiny, metodik KPSS Bc. X, místostarostka města Mgr. Y a dva
    občané": X and Y present; "jako host" leaves the guest to the sentence reader; one taking part
    with a second person after "s" lists only herself."""
    body = ("<h1>Veřejné projednání plánu</h1>"
            "<p>Setkání, které proběhlo v knihovně v Horní Bělé, se zúčastnili členové Řídící skupiny KPSS, "
            "metodik KPSS Bc. Pavla Ryšavá, místostarostka města Mgr. Irena Kubínová a dva občané.</p>"
            "<p>Jednání se jako host zúčastnil koordinátor KPSS Bc. Marek Dostál.</p>")
    found = attendees(run_html(tmp_path, body))
    assert ("Pavla Ryšavá", "Bc.", None, "present") in found
    assert ("Irena Kubínová", "Mgr.", None, "present") in found
    assert ("Marek Dostál", "Bc.", None, "guest") in found
    assert not any(row[0] == "Marek Dostál" and row[3] == "present" for row in found)


# --------------------------------------------------------------------------- 5: a chair's function with its complement


def test_a_chair_with_two_verbs_and_a_function_of_a_project(tmp_path):
    """"Setkání zahájila a vedla koordinátorka projektu Mgr. X z Org.": the chair, from Org."""
    document = minutes("Setkání pracovních skupin",
                       "Setkání zahájila a vedla koordinátorka projektu Mgr. Alena Sedlářová z Centra Most "
                       "pro rodinu, z. s. Diskutovalo se o cílech plánu.")
    found = attendees(run_docx(tmp_path, document))
    assert ("Alena Sedlářová", "Mgr.", "Centrum Most pro rodinu", "chair") in found


# --------------------------------------------------------------------------- 7: a guest's office in parentheses


def test_a_guests_office_in_parentheses_after_her_function(tmp_path):
    """"Host: Bc. X, koordinátorka KPSS ORP Y (Městský úřad Y)": her organisation is the office in
    parentheses, not what she coordinates."""
    document = minutes("Zápis ze 4. schůzky pracovní skupiny",
                       "Přítomni: členové pracovní skupiny dle prezenční listiny",
                       "Host: Bc. Lenka Pavlů, koordinátorka KPSS ORP Dolní Bory (Městský úřad Dolní Bory)",
                       "Schůzku řídil starosta Karel Vondra.")
    found = attendees(run_docx(tmp_path, document))
    assert ("Lenka Pavlů", "Bc.", "Městský úřad Dolní Bory", "guest") in found
