"""The kpss_quantities component: text -> doc.spans["quantity"] with values and units, ranges,
and the figures that are something else under their own labels."""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import nlp
from pipeline.extract.spans.quantities import KEY, Quantity


def spans(text: str) -> list[tuple[str, str, Quantity]]:
    doc = nlp()(text)
    return [(s.label_, s.text, s._.quantity) for s in doc.spans[KEY]] if KEY in doc.spans else []


def quantities(text: str) -> list[tuple[str, float, str | None]]:
    return [(t, q.value, q.unit) for label, t, q in spans(text) if label == "quantity"]


def labels(text: str) -> list[tuple[str, str]]:
    return [(label, t) for label, t, _ in spans(text) if label != "quantity"]


@pytest.mark.parametrize("text, expected", [
    ("Kapacita 3 lůžek.", [("3 lůžek", 3.0, "bed")]),
    ("obec má 20 nájemních bytových jednotek", [("20 nájemních bytových jednotek", 20.0, "flat")]),
    ("nový úvazek 1", [("1", 1.0, "fte")]),
    ("úvazek sociálního pracovníka 0,5", [("0,5", 0.5, "fte")]),
    ("pro šesti klientů", [("šesti klientů", 6.0, "client")]),
    ("tří lůžek", [("tří lůžek", 3.0, "bed")]),
    ("1 500 lůžek", [("1 500 lůžek", 1500.0, "bed")]),
    ("2 pracovní místa", [("2", 2.0, None)]),
    ("počet míst - 8 matek, 20 dětí", [("8 matek", 8.0, "place"), ("20 dětí", 20.0, "place")]),
])
def test_figure_with_its_unit(text, expected):
    assert quantities(text) == expected


def test_a_sign_before_the_figure_glued_or_apart():
    (glued,) = [q for label, _, q in spans("posílena o +1,0 úvazku") if label == "quantity"]
    (apart,) = [(t, q) for label, t, q in spans("posílí + 0,5 úvazku") if label == "quantity"]
    assert (glued.sign, glued.value, glued.unit) == ("+", 1.0, "fte")
    assert apart[0] == "+ 0,5 úvazku" and (apart[1].sign, apart[1].value) == ("+", 0.5)


@pytest.mark.parametrize("text, kind, value_from, value_to, unit, span", [
    ("z 3 lůžek na 15 lůžek", "from_to", 3.0, 15.0, "bed", "z 3 lůžek na 15 lůžek"),
    ("ze 7 na 8 pečovatelek", "from_to", 7.0, 8.0, "worker", "ze 7 na 8 pečovatelek"),
    ("úvazek 1 - 1,5", "dash", 1.0, 1.5, "fte", "1 - 1,5"),
    ("kapacita 10 → 12 lůžek", "arrow", 10.0, 12.0, "bed", "10 → 12 lůžek"),
])
def test_ranges(text, kind, value_from, value_to, unit, span):
    (found,) = [(t, q) for label, t, q in spans(text) if label == "range"]
    assert found[0] == span
    assert (found[1].kind, found[1].value_from, found[1].value, found[1].unit) == (kind, value_from, value_to, unit)


@pytest.mark.parametrize("text, expected", [
    ("Bylo vyčleněno 850 000 Kč.", [("money", "850 000 Kč")]),
    ("Dotace pokryla 80 % nákladů.", [("percent", "80 %")]),
    ("Jednání proběhlo 14. 3. 2023.", [("date", "14. 3. 2023")]),
    ("Skupina se v roce 2022 sešla.", [("year", "2022")]),
    ("Spolek, IČO 00064581, Kravaře", [("ico", "IČO 00064581")]),
    ("IČO: 12345", [("ico", "IČO: 12345")]),
    ("registrace 1234567", [("id_number", "1234567")]),
    ("tel. 777 123 456", [("phone", "tel. 777 123 456")]),
    ("v místnosti č. 12", [("reference", "č. 12")]),
    ("sešla se 3 setkání", [("count", "3 setkání")]),
    ("v 1. patře", [("ordinal", "1.")]),
    ("od 9 hod", [("clock", "9 hod")]),
    ("po 5 letech, 3 let", [("duration", "3 let")]),
])
def test_distractors_have_their_own_labels(text, expected):
    assert labels(text) == expected
    assert [q for q in quantities(text) if q[0] in dict(expected).values()] == []


def test_text_without_a_figure_gets_no_group():
    assert KEY not in nlp()("Přítomni: paní Nováková").spans


# --------------------------------------------------------------------------- word numerals in any case (issue 15, class 17)


@pytest.mark.parametrize("text, expected", [
    ("navýšení o 1 sociálního pracovníka", [("1 sociálního pracovníka", 1.0, "worker")]),
    ("s jedním terénním pracovníkem", [("jedním terénním pracovníkem", 1.0, "worker")]),
    ("ve čtyřech bytech", [("čtyřech bytech", 4.0, "flat")]),
    ("pro dvanácti uživatelům", [("dvanácti uživatelům", 12.0, "client")]),
    ("jednomu sociálnímu pracovníkovi", [("jednomu", 1.0, None)]),  # "pracovníkovi" is no unit form
    ("podpora tří sociálních pracovníků", [("tří sociálních pracovníků", 3.0, "worker")]),
])
def test_word_numerals_and_adjectives_in_any_case(text, expected):
    assert quantities(text) == expected


def test_a_unit_noun_before_the_figure_governs_the_one_after_it():
    """"úvazku o 0,5 sociálního pracovníka": half a full-time job of a worker, not half a worker."""
    assert quantities("navýšení úvazku o 0,5 sociálního pracovníka") == [("0,5", 0.5, "fte")]


def test_word_numerals_reach_the_capacity_table_of_a_real_docx(tmp_path):
    import duckdb

    from pipeline.runner import RunOptions, run
    from tests.docx_factory import new_document, to_bytes

    document = new_document()
    document.add_heading("Akční plán sociálních služeb Horní Lhota na rok 2024", level=1)
    document.add_heading("Opatření 1.1 Terénní programy v obcích", level=2)
    document.add_paragraph("Realizátor: Spolek Vlaštovka, z. s.")
    document.add_paragraph("Zavedení terénního programu v Dolní Lhotě s jedním terénním pracovníkem.")
    document.add_heading("Opatření 1.2 Pečovatelská služba", level=2)
    document.add_paragraph("Realizátor: Pečovatelská služba Horní Lhota")
    document.add_paragraph("Navýšení pečovatelské služby o 1 sociálního pracovníka.")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        rows = db.execute(f"select unit, change, delta, raw_text from '{tmp_path / 'out' / 'capacity_changes.parquet'}' "
                          "order by raw_text").fetchall()
    assert ("worker", "increase", 1.0, "o 1 sociálního pracovníka") in rows
    assert ("worker", "new", 1.0, "jedním terénním pracovníkem") in rows


def test_word_table_is_kept_in_the_doc_and_equals_a_fresh_one():
    """The quantities component keeps the word table in the Doc; a relation asking for it gets
    the same table, and a Doc of another text is read afresh."""
    from pipeline.extract.spans.quantities import _word_table, word_table

    text = "Navýšení z 3 lůžek na 15 lůžek,\n  úvazek 0,5 od 1. 1. 2025"
    doc = nlp()(text)
    kept = word_table(doc, text)
    assert kept is word_table(doc, text)
    assert kept == _word_table(doc, text, None)
    other = "1 500 lůžek"
    assert word_table(nlp()(other), other) == _word_table(nlp()(other), other, None) != kept
