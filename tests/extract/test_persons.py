"""The person recogniser (pipeline/extract/spans/persons.py): its patterns give
`doc.spans["person"]` on small Docs, each span with the name and titles relations read; and the
relations (attendees, recorded_by) take their persons from these spans, not from the text."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.extract import annotate
from pipeline.extract.attendees import extract as attendees
from pipeline.extract.document_fields import extract as document_fields
from pipeline.extract.model import Extraction
from pipeline.extract.nlp import nlp
from pipeline.extract.spans.persons import PersonName, persons_in
from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.extract.blocks import blocks


def persons(text: str) -> list[tuple[str, str | None]]:
    """(name, titles) of every person span of `text`, each labelled `person`."""
    doc = nlp()(text)
    assert all(span.label_ == "person" for span in doc.spans["person"])
    return [(span._.person.name, span._.person.titles) for span in doc.spans["person"]]


# --------------------------------------------------------------------------- the component


def test_titles_before_and_after_the_name_are_split_from_it():
    assert persons("Mgr. Jana Nová, DiS. a Ing. arch. Petr Malý, Ph.D.") == \
        [("Jana Nová", "Mgr. DiS."), ("Petr Malý", "Ing. arch. Ph.D.")]
    assert persons("Mgr Jana Nová") == [("Jana Nová", "Mgr")]  # a title without its dot


def test_a_glued_initial_starts_the_name():
    assert persons("Zapsala J.Nováková.") == [("J. Nováková", None)]
    assert persons("Zapsala K. Pelikánová") == [("K. Pelikánová", None)]


def test_surname_first_and_a_surname_in_capitals():
    assert persons("Nováková Jana, Mgr.") == [("Nováková Jana", "Mgr.")]
    assert persons("NOVÁKOVÁ Jana") == [("NOVÁKOVÁ Jana", None)]


def test_inflected_names_double_surnames_words_of_address_and_ranks():
    assert persons("Jednání vedla s Mgr. Janou Novou") == [("Janou Novou", "Mgr.")]
    assert persons("Nováková-Svobodová Eva") == [("Nováková-Svobodová Eva", None)]
    assert persons("Pí.Malá a npor. Bc. Petr Žák") == [("Malá", None), ("Petr Žák", "Bc.")]


def test_what_is_no_person():
    for text in ("Program jednání", "Krajský úřad", "SMJ a KPSS", "Odbor sociálních věcí", "MPSV ČR"):
        assert persons(text) == [], text
    # a lone capitalised word stays a weak candidate: only a relation's context makes it a person
    doc = nlp()("Městský úřad Vyškov")
    assert [(s._.person.name, s._.person.strong) for s in doc.spans["person"]] == [("Vyškov", False)]


def test_a_narrower_window_refines_the_span_again():
    """A label inside the line ends the value before it: the span over the whole line holds
    more than the window does."""
    doc = nlp()("Jana Nová Náhradníci: Petr Malý")
    assert [p.name for p in persons_in(doc, 0, len(doc.text))] == ["Jana Nová Náhradníci", "Petr Malý"]
    assert [p.name for p in persons_in(doc, 0, 10)] == ["Jana Nová"]


def test_one_pass_annotates_every_block():
    document = annotate(blocks("Přítomni: Mgr. Jana Nová", "Zapsal: Petr Malý"))
    assert [[s._.person.name for s in document.doc(b).spans["person"]] for b in document] == \
        [["Jana Nová"], ["Petr Malý"]]


# --------------------------------------------------------------------------- the relations read the spans


def _with_spans(lines: tuple[str, ...], keep: str, titles: str | None) -> object:
    """An annotated document whose person spans are replaced by hand: only the span of `keep`
    stays, with the titles given here (which the text does not hold)."""
    document = annotate(blocks(*lines))
    for block in document:
        doc = document.doc(block)
        spans = [s for s in doc.spans["person"] if s._.person.name == keep]
        for span in spans:
            person = span._.person
            span._.person = PersonName(person.start, person.end, person.name, titles, person.cued,
                                       person.marked, person.begin, person.tail, person.reach)
        doc.spans["person"] = spans
    return document


def test_attendees_take_their_persons_from_the_spans():
    document = _with_spans(("Přítomni: Jana Nová, Petr Malý",), keep="Petr Malý", titles="Bc.")
    result = Extraction()
    attendees(document, result)
    assert [(r["name"], r["titles"], r["role"]) for r in result.tables["attendees"]] == \
        [("Petr Malý", "Bc.", "present")]


def test_recorded_by_takes_its_persons_from_the_spans():
    document = _with_spans(("# Zápis", "Zapsali: Jana Nová, Petr Malý"), keep="Jana Nová", titles=None)
    result = Extraction()
    document_fields(document, result)
    assert result.fields["recorded_by"] == "Jana Nová"


@pytest.mark.parametrize("lines, expected", [
    (("Přítomni: J.Nováková, Mgr. Petr Malý",), {("J. Nováková", "present"), ("Petr Malý", "present")}),
    (("Přítomni: npor. Bc. Petr Žák, Pí.Malá",), {("Petr Žák", "present"), ("Malá", "present")}),
])
def test_attendees_from_an_annotated_document(lines, expected):
    result = Extraction()
    attendees(annotate(blocks(*lines)), result)
    assert {(r["name"], r["role"]) for r in result.tables["attendees"]} == expected


@pytest.mark.parametrize("line, expected", [
    ("Zapsal: npor. Bc. Petr Žák", "Petr Žák"),
    ("Zapsala: J.Nováková, Dne: 3. 3. 2023", "J. Nováková"),
    ("Zapsala: Jana Nová (za Petra Malého), Eva Malá", "Jana Nová, Eva Malá"),
])
def test_recorded_by_from_an_annotated_document(line, expected):
    result = Extraction()
    document_fields(annotate(blocks("# Zápis", line)), result)
    assert result.fields["recorded_by"] == expected


def test_glued_initials_and_ranks_in_a_real_docx(tmp_path):
    """The whole run over a real DOCX: the glued initial and the rank reach the Parquet tables."""
    document = new_document()
    document.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    document.add_paragraph("Přítomni: J.Nováková, Mgr. Petr Malý")
    document.add_paragraph("Zapsal: npor. Bc. Petr Žák")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        people = db.execute(f"select name, role from '{tmp_path / 'out' / 'attendees.parquet'}'").fetchall()
        recorded = db.execute(f"select recorded_by from '{tmp_path / 'out' / 'documents.parquet'}'").fetchall()
    assert ("J. Nováková", "present") in people and ("Petr Malý", "present") in people
    assert recorded == [("Petr Žák",)]


# --------------------------------------------------------------------------- speed without a change of meaning


_ODD_TEXTS = [
    "Pan Pan Petr Malý Eva Nová Jan Kos Ivo Hák Ema Lis, p. P. Nová a Pí Pí Malá",
    "P. J. K. Nová Malá Kos Hák; Mgr. Bc. Ing. Jana Eva Nová Malá Kos, Ph.D.",
    "Přítomni: Ing. Petr Novák, MUDr. Eva Svobodová, Bc. Tereza Malá\nOmluveni: J. Kos, p. Hák",
    "NOVÁKOVÁ Jana, SMJ, KPSS Ostrava, Nováková-Svobodová Eva, Pan, Pí, P., X. Y. Z.",
    "", "a b c", "Jana",
]


@pytest.mark.parametrize("text", _ODD_TEXTS)
def test_the_lexical_matcher_finds_what_spacys_matcher_finds(text):
    """pipeline.extract.nlp.LexicalMatcher runs the person pattern of configs/people.toml without
    spaCy's Matcher (which makes a Python object of every token); it must find the same spans:
    all of them, and the longest that do not overlap (greedy LONGEST)."""
    from spacy.matcher import Matcher

    from pipeline.extract.nlp import LexicalMatcher
    from pipeline.extract.patterns import patterns

    model = nlp()
    pattern = patterns("people")[0]["pattern"]
    doc = model.make_doc(text)
    for greedy in (None, "LONGEST"):
        reference = Matcher(model.vocab)
        reference.add("person", [pattern], greedy=greedy)
        assert LexicalMatcher(model.vocab, [pattern], greedy=greedy)(doc) == \
            sorted({(s, e) for _, s, e in reference(doc)}), greedy


@pytest.mark.parametrize("text, tokens", [
    ("Pí.Malá a NPOR. Žák", ["Pí.", "Malá", "a", "NPOR.", "Žák"]),
    ("Zapsala J.Nováková, Nováková-Svobodová.", ["Zapsala", "J.", "Nováková", ",", "Nováková-Svobodová", "."]),
    ("Nová - Malá, a-B, J. Nová", ["Nová", "-", "Malá", ",", "a", "-", "B", ",", "J.", "Nová"]),
])
def test_person_tokens_merge_and_split_only_where_the_text_says(text, tokens):
    """kpss_person_tokens reads the tokens only where the text has a dotted word or a hyphen
    before a letter; what it merges and splits there is unchanged."""
    assert [t.text for t in nlp()(text)] == tokens


# --------------------------------------------------------------------------- issue 15, classes 1 and 8: the person span


@pytest.mark.parametrize("text, expected", [
    ("Přítomni: L.Plachý, Mgr.O.Krejza, Ing.Petr Novák", [("L. Plachý", None), ("O. Krejza", "Mgr."), ("Petr Novák", "Ing.")]),
    # a function noun opening the sentence is no name (configs/people.toml not_name_classes)
    ("Metodička projektu p. Fikarová předložila návrh.", [("Fikarová", None)]),
    ("Pí Hanzalová a paní Malá, pí. Kosová", [("Hanzalová", None), ("Malá", None), ("Kosová", None)]),
])
def test_glued_initials_titles_and_words_of_address(text, expected):
    assert persons(text) == expected


def test_words_of_address_in_their_case_forms_mark_a_person():
    """"předal slovo panu Novákovi", "s panem Malým": the surname after them is a person (strong), as
    after "pan" and "pana"; which role it has is the attendees relation's to decide."""
    doc = nlp()("Předsedající předal slovo panu Hálovi, který s panem Kubátem připravil návrh.")
    assert [(s._.person.name, s._.person.strong) for s in doc.spans["person"]] == \
        [("Předsedající", False), ("Hálovi", True), ("Kubátem", True)]


def test_a_title_after_the_name_written_with_a_space():
    assert persons("MUDr. Karel Dvořák, Ph. D., a Mgr. Olga Malá, Th. D.") == \
        [("Karel Dvořák", "MUDr. Ph. D."), ("Olga Malá", "Mgr. Th. D.")]


def test_a_spaced_title_after_the_name_in_a_real_docx(tmp_path):
    document = new_document()
    document.add_heading("Zápis z jednání pracovní skupiny Zdraví", level=1)
    document.add_paragraph("Přítomni: MUDr. Karel Dvořák, Ph. D., Mgr. Olga Malá, L.Plachý")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    with duckdb.connect() as db:
        people = db.execute(f"select name, titles, role from '{tmp_path / 'out' / 'attendees.parquet'}'").fetchall()
    assert ("Karel Dvořák", "MUDr. Ph. D.", "present") in people
    assert ("L. Plachý", None, "present") in people
