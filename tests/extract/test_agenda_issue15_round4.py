"""Agenda items in constructions of real minutes found on the development sets real10/real11
(issue 15, round 4): a programme whose numbered items each carry their discussion under them,
and an item whose title wraps onto a second paragraph. Names, towns and numbers are invented;
each test runs the real pipeline over a real DOCX."""

from __future__ import annotations

from tests.docx_factory import minutes, run_docx, table_rows


def items(out) -> list[tuple[int, str]]:
    return sorted(table_rows(out, "agenda_items", "item_no", "title"))


def test_programme_items_each_followed_by_their_discussion(tmp_path):
    """"Program jednání:" / "1) X informoval o …" (a sentence, longer than a section title) / "Z diskuse:" /
    "- …" / "2) …": every numbered item."""
    document = minutes("Zápis z 3. zasedání pracovní skupiny Senioři", "Dne: 4.2.2010",
                       "Přítomni: dle prezenční listiny", "Program jednání:",
                       "1) Ing. Oldřich Vrba informoval o přípravě akčního plánu sociálních služeb Horní Lhoty na rok 2011 "
                       "a o zapojení uživatelů služeb do jeho přípravy.",
                       "Z diskuse:", "- plán bude zveřejněn v březnu,", "- připomínky zasílat koordinátorce.",
                       "2) E. Lipská informovala o požadavcích poskytovatelů na změny kapacit sociálních služeb v roce 2011 "
                       "a o termínech jejich podání.",
                       "Z diskuse:", "- požadavky budou doloženy.",
                       "3) Mgr. Sýkora vznesl dotaz na připravenost obcí zajistit dopravu osob se zdravotním postižením "
                       "do denního stacionáře.",
                       "zapsal: Ing. Vrba")
    found = items(run_docx(tmp_path, document))
    assert [number for number, _ in found] == [1, 2, 3]
    assert found[1][1].startswith("E. Lipská informovala o požadavcích")


def test_a_programme_item_wrapped_onto_a_second_paragraph(tmp_path):
    """"3) Návrh plánu na rok 2013" / "do projednání v Radě města" / "4) …": one item, its title joined."""
    document = minutes("Zápis z jednání řídicí skupiny KPSS", "Dne 3. 4. 2013", "Program:",
                       "1) Kontrola úkolů", "2) Zprávy z pracovních skupin", "3) Návrh akčního plánu na rok 2014",
                       "do projednání v zastupitelstvu obce", "4) Žádosti poskytovatelů", "5) Různé",
                       "Ad 1) Úkoly byly splněny.")
    assert items(run_docx(tmp_path, document)) == [
        (1, "Kontrola úkolů"), (2, "Zprávy z pracovních skupin"),
        (3, "Návrh akčního plánu na rok 2014 do projednání v zastupitelstvu obce"),
        (4, "Žádosti poskytovatelů"), (5, "Různé")]
