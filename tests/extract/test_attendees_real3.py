"""Attendees in constructions of real public minutes found in the third issue-15 round: the
organisation of a table row up to its legal form, the chair after a verb, the meeting or a
function and a comma, the name of a list piece before a comma and a function. Names, towns and
organisations are invented; each class ends with a run of the real pipeline over a real DOCX."""

from __future__ import annotations

from tests.extract.test_attendees_issue15 import docx_rows, pairs, rows_of, triples


# --------------------------------------------------------------------------- the organisation of a table row


def test_a_table_row_organisation_ends_at_its_legal_form_or_before_a_department():
    rows = rows_of("Přítomní členové PS:",
                   "| Ing. Alena Kubátová | Spolek Lípa, z. s. – NZDM Klub Vrabec |",
                   "| npor. Bc. Petr Hájek | Policie ČR, Obvodní oddělení Dolní Lhota |")
    assert triples(rows) >= {("Alena Kubátová", "present", "Spolek Lípa, z. s."),
                             ("Petr Hájek", "present", "Policie ČR")}


def test_a_table_row_organisation_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání pracovní skupiny Rodina", "Přítomní členové PS:"],
                      table=[("Ing. Alena Kubátová", "Spolek Lípa, z. s. – NZDM Klub Vrabec")], table_after=1)
    assert ("Alena Kubátová", "present", "Spolek Lípa, z. s.") in found


# --------------------------------------------------------------------------- the chair after a verb


def test_a_chair_after_coordinated_verbs_an_ordinal_the_meeting_or_a_comma():
    rows = rows_of("Zápis z jednání komise",
                   "Přítomni: Jan Malý, Eva Malá",
                   "Jednání zahájil a řídil 1. místopředseda komise Mgr. Roman Chlupáč, náměstek primátora.",
                   "Zasedání sociální komise zahájil a řídil předseda komise Ing. Jiří Houdek, který přivítal hosty.",
                   "Jednání bylo zahájeno v 9.10 hod. a řídila jej vedoucí pracovní skupiny, pí Mgr. Olga Hrubá.",
                   "Přítomné přivítala náměstkyně starosty obce Ing. Monika Nemčíková.")
    assert pairs(rows) >= {("Roman Chlupáč", "chair"), ("Jiří Houdek", "chair"), ("Olga Hrubá", "chair"),
                           ("Monika Nemčíková", "speaker")}
    assert ("Jiří Houdek", "speaker") not in pairs(rows)  # his relative clause adds no role


def test_a_name_after_a_verb_and_its_object_is_no_chair():
    rows = rows_of("Zápis z jednání komise",
                   "Pan Karel Malý zahájil jednání, Mgr. Jana Bílá informovala o rozpočtu.")
    assert ("Jana Bílá", "chair") not in pairs(rows)
    assert ("Jana Bílá", "speaker") in pairs(rows)


def test_a_chair_after_a_verb_in_a_real_docx(tmp_path):
    found = docx_rows(tmp_path, ["Zápis z jednání komise", "Přítomni: Jan Malý, Eva Malá",
                                 "Zasedání komise zahájil a řídil předseda komise Ing. Jiří Houdek, který přivítal hosty."])
    assert ("Jiří Houdek", "chair", None) in found and not any(r[:2] == ("Jiří Houdek", "speaker") for r in found)
