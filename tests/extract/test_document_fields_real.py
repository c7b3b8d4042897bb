"""Document fields in the ways real minutes write them (issue 15, failure class 18): the
territory only inside a body's name or inflected, a committee or commission as the group, the
place on the date line or in a sentence, the title broken over lines or under a logo line, the
next meeting's sentence. Names, towns and numbers are invented."""

from __future__ import annotations

import duckdb

from pipeline.extract.document_fields.area import area_in
from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.extract.test_document_fields import fields


# --------------------------------------------------------------------------- planning_area


def test_a_region_named_inside_a_body_is_the_area_in_the_nominative():
    assert area_in("Zápis ze zasedání Výboru pro sociální věci Zastupitelstva Zlínského kraje") == "Zlínský kraj"
    assert area_in("Zápis z 2. zasedání sociální komise Rady kraje Podlesí") == "Kraj Podlesí"


def test_a_city_district_keeps_its_number():
    assert area_in("Komunitní plánování sociálních služeb MČ Praha 14") == "Praha 14"
    assert area_in("Zápis z jednání PS Senioři komunitního plánování městské části Praha 17") == "Praha 17"


def test_a_union_of_municipalities_names_its_region():
    assert area_in("Komunitní plán sociálních služeb Svazku obcí Lipovska 2016") == "Lipovsko"


def test_the_venue_town_of_the_title_yields_to_the_planning_region():
    got = fields("Komunitní plánování sociálních služeb na Lipovsku",
                 "ZÁPIS", "z jednání pracovní skupiny Senioři dne 3. dubna 2018 v Městské knihovně v Lipové",
                 "Přítomni: Jana Malá")
    assert got["planning_area"] == "Lipovsko"


def test_a_region_named_only_in_the_body_is_a_funder_not_the_area():
    got = fields("# Zápis z jednání pracovní skupiny Senioři", "Datum: 3. 4. 2018", "Přítomni: Jana Malá",
                 "Dotace Zlínského kraje pokryje provoz.", "Žádost o dotaci Zlínského kraje podána.",
                 "Rozpočet Zlínského kraje na rok 2019 je schválen.")
    assert got["planning_area"] is None


# --------------------------------------------------------------------------- working_group


def test_a_committee_named_in_the_genitive_is_the_group_in_the_nominative():
    got = fields("Zápis č. 3 zasedání Sociálního výboru Zastupitelstva Zlínského kraje", "Datum: 3. 4. 2018")
    assert got["working_group"] == "Sociální výbor Zastupitelstva Zlínského kraje"
    got = fields("Zápis z 2. jednání Sociální a zdravotní komise Rady města Lipová", "Datum: 3. 4. 2018")
    assert got["working_group"] == "Sociální a zdravotní komise Rady města Lipová"
    got = fields("# Usnesení rady města 7/2020", "Rada města", "schvaluje")
    assert got["working_group"] == "Rada města"


def test_an_organ_field_names_the_group():
    got = fields("# Zápis", "Orgán: Komise pro rodinu a seniory", "Datum: 3. 4. 2018")
    assert got["working_group"] == "Komise pro rodinu a seniory"


def test_a_resolution_list_title_on_two_lines_names_the_assembly():
    got = fields("VÝPIS USNESENÍ Z 4. ZASEDÁNÍ", "VALNÉ HROMADY SVAZKU OBCÍ HORNÍ LIPOVÁ,", "DNE 2. 6. 2020",
                 "místo konání: sál OÚ Lipová")
    assert got["title"] == "VÝPIS USNESENÍ Z 4. ZASEDÁNÍ VALNÉ HROMADY SVAZKU OBCÍ HORNÍ LIPOVÁ"
    assert got["working_group"].startswith("Valná hromada")
    got = fields("USNESENÍ", "z 5. zasedání Finančního výboru Zastupitelstva Zlínského kraje",
                 "konaného dne 15. října 2019 v budově radnice")
    assert got["title"] == "USNESENÍ z 5. zasedání Finančního výboru Zastupitelstva Zlínského kraje"
    assert got["working_group"] == "Finanční výbor Zastupitelstva Zlínského kraje"


# --------------------------------------------------------------------------- location


def test_the_place_after_the_date_on_a_labelled_line():
    assert fields("# Zápis", "Dne: 4.3.2019, klubovna MěÚ Lipová", "Přítomni: Jana Malá")["location"] \
        == "klubovna MěÚ Lipová"
    assert fields("# Zápis", "Datum: 4. 3. 2019, čas: 14:00", "Přítomni: Jana Malá")["location"] is None


def test_the_place_on_the_line_after_the_date():
    got = fields("Zápis z 3. zasedání sociální komise", "konaného dne 3. května 2019", "v Domově pro seniory Lipová",
                 "Přítomni: Jana Malá")
    assert got["location"] == "Domově pro seniory Lipová"


def test_a_venue_named_in_a_sentence_of_the_head():
    got = fields("# Zápis z jednání pracovní skupiny Senioři konaného dne 5. 3. 2020",
                 "Jednání bylo zahájeno v 15.05 hod. v malé zasedací místnosti OÚ Lipová, Náměstí 5. "
                 "Vedoucí přivítala přítomné.")
    assert got["location"] == "malé zasedací místnosti OÚ Lipová, Náměstí 5"


def test_no_venue_of_the_next_meeting_or_of_a_building_no_one_meets_in():
    got = fields("# Zápis z jednání pracovní skupiny Senioři konaného dne 5. 3. 2020",
                 "Kapacita se zvýší po úpravách ve druhém patře budovy.",
                 "Příští jednání proběhne 4. 6. 2020 v zasedací místnosti OÚ Lipová.")
    assert got["location"] is None


def test_a_meeting_held_online():
    got = fields("# Zápis z jednání pracovní skupiny Senioři", "Datum: 5. 3. 2021", "Jednání bylo konané online.")
    assert got["location"] == "online"


# --------------------------------------------------------------------------- title


def test_the_title_is_not_the_logo_line_above_it():
    got = fields("Obec Lipová", "Akční plán sociálních služeb pro rok 2021", "Schváleno radou obce")
    assert got["title"] == "Akční plán sociálních služeb pro rok 2021"


def test_a_title_broken_into_headings_is_joined():
    got = fields("# Zápis ze zasedání", "# Zdravotní", "# komise Rady kraje Podlesí č. 2/2020", "# konaného dne",
                 "# 3. března 2020", "Přítomni: Jana Malá")
    assert got["title"] == "Zápis ze zasedání Zdravotní komise Rady kraje Podlesí č. 2/2020 konaného dne 3. března 2020"
    assert got["working_group"] == "Zdravotní komise Rady kraje Podlesí"


def test_a_letter_spaced_title_word_goes_on_in_its_long_line():
    rest = ("z 4. jednání pracovní skupiny Senioři komunitního plánování sociálních služeb ORP Lipová, konaného "
            "dne 2. 11. 2022 od 13.00 hod., v zasedací místnosti č. 12 Městského úřadu Lipová, Náměstí 5")
    got = fields("Z á p i s", rest, "Přítomni: Jana Malá")
    assert got["title"] == f"Z á p i s {rest}"


def test_a_download_link_is_not_the_title():
    got = fields('Download "Zápis z jednání PS Senioři ze dne 7. 10. 2019"', "Transkript",
                 "Pracovní skupina Senioři se sešla 7. 10. 2019.")
    assert got["title"] is None or not got["title"].startswith("Download")


# --------------------------------------------------------------------------- dates and recorder


def test_a_next_meeting_planned_is_not_the_meeting_date():
    got = fields("Zápis z jednání pracovní skupiny Senioři ze dne", "Další schůze je plánována na 12. 6. 2019.",
                 "Přítomni: Jana Malá")
    assert got["meeting_date"] is None
    assert str(got["next_meeting_date"]) == "2019-06-12"


def test_a_report_is_not_dated_by_its_approval_or_signature():
    got = fields("Souhrnná zpráva o plnění komunitního plánu města Lipová za rok 2019",
                 "Zprávu projednala koordinační skupina dne 11. 2. 2020.",
                 *(f"Cíl {n} je naplněn, opatření pokračují." for n in range(1, 15)), "V Lipové dne 12. 2. 2020")
    assert got["meeting_date"] is None


def test_the_recorder_value_ends_at_the_next_field_after_a_tab():
    got = fields("# Zápis", "Datum: 1. 2. 2020", "Text.", "Zapsal: Bc. Karel Lín\tOvěřila: Mgr. Eva Hrubá")
    assert got["recorded_by"] == "Karel Lín"


def test_the_author_of_a_resolution_is_no_recorder():
    got = fields("Usnesení", "| Předkládá: | Rada města |", "| Zpracoval: | Ing. Jan Dub, vedoucí odboru |",
                 "Zastupitelstvo města po projednání:", *(f"{n}. schvaluje bod {n}" for n in range(1, 9)))
    assert got["recorded_by"] is None


# --------------------------------------------------------------------------- a real file


def test_a_commission_minutes_docx_through_the_whole_run(tmp_path):
    """A real DOCX: the title broken over heading lines, the commission in the genitive, the region
    inside the body's name, the place on the date line, the next meeting's sentence."""
    document = new_document()
    for part in ("Zápis ze zasedání", "Sociální komise Rady Zlínského kraje", "č. 4/2021"):
        document.add_heading(part, level=1)
    document.add_paragraph("Dne: 9. 3. 2021, velký sál Krajského úřadu, Tř. Míru 5")
    document.add_paragraph("Přítomni: Mgr. Jana Malá, Ing. Petr Dub")
    document.add_paragraph("Další schůze je plánována na 8. 6. 2021.")
    document.add_paragraph("Zapsala: Eva Hrubá\tOvěřil: Petr Dub")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        row = db.execute("select title, meeting_date::varchar, location, working_group, planning_area, "
                         f"recorded_by, next_meeting_date::varchar from '{tmp_path / 'out' / 'documents.parquet'}'"
                         ).fetchone()
    assert row == ("Zápis ze zasedání Sociální komise Rady Zlínského kraje č. 4/2021", "2021-03-09",
                   "velký sál Krajského úřadu, Tř. Míru 5", "Sociální komise Rady Zlínského kraje",
                   "Zlínský kraj", "Eva Hrubá", "2021-06-08")


def test_a_place_runs_over_the_initials_of_a_street_name():
    got = fields("Zápis ze setkání pracovní skupiny Senioři",
                 "konaného ve čtvrtek 14. září 2023 od 13:30 hodin v zasedací místnosti č. 204 Městského úřadu "
                 "Lipová, T. G. Masaryka 35", "Přítomni: Jana Malá")
    assert got["location"] == "zasedací místnosti č. 204 Městského úřadu Lipová, T. G. Masaryka 35"


def test_a_town_office_names_the_town_and_a_list_number_is_no_district():
    assert area_in("Místo konání: Městský úřad Lipová, zasedací místnost") == "Lipová"
    assert area_in("1. Mgr. Jana Malá Městský úřad Lipová 2. Bc. Petr Dub") == "Lipová"


def test_a_recorder_labelled_inside_a_flattened_paragraph():
    got = fields("# Záznam z jednání pracovní skupiny Senioři",
                 "3 Závěr Vedoucí poděkovala přítomným za účast. Zapsala: Bc. Jana Malá 3")
    assert got["recorded_by"] == "Jana Malá"
