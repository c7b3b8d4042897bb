"""Issue 14 (speed), round 2: the spaCy components and the relations read what the vocabulary and
the Doc computed once, and find what they found before. Checked by what is done and by the
answers on real files, never by timing."""

from __future__ import annotations

from types import SimpleNamespace

import spacy
from spacy.matcher import Matcher
from spacy.symbols import SHAPE

from pipeline.extract.attendees.running_text import _sentence
from pipeline.extract.nlp import LexicalMatcher, nlp, tokens_within
from pipeline.extract.spans import persons
from tests.extract.test_speed_paths import REAL, _views

FILES = sorted(p for p in REAL.iterdir() if p.suffix in (".docx", ".html", ".pdf"))
TEXT = "Přítomni: Mgr. Jana NOVÁKOVÁ, Ing. Petr Malý (Domov U Pramene), 12 míst, o.p.s. A. B."


def test_the_lexical_matcher_reads_a_words_shape_from_the_vocabulary() -> None:
    """`word_shape` (a Python loop over the characters) runs when a word enters the vocabulary,
    not again when a pattern tests it; the matches are spaCy's Matcher's."""
    model = spacy.blank("cs")  # its own vocabulary: the shared one is left alone
    calls = []
    shape = model.vocab.lex_attr_getters[SHAPE]
    model.vocab.lex_attr_getters[SHAPE] = lambda word: calls.append(word) or shape(word)
    pattern = [{"SHAPE": {"IN": ["Xxxx", "Xxxxx"]}}, {"SHAPE": "XXXX", "OP": "?"}]
    matcher = LexicalMatcher(model.vocab, [pattern], greedy="LONGEST")
    doc = model(TEXT)
    calls.clear()
    found = matcher(doc)
    assert calls == []
    reference = Matcher(model.vocab)
    reference.add("P", [pattern], greedy="LONGEST")
    assert found == sorted((s, e) for _, s, e in reference(doc)) and found


def test_a_word_without_a_letter_is_no_word_the_lexicons_list() -> None:
    """`_kind_of` answers a word without a letter (a figure, a sign) at once: right only while no
    lexicon entry is one."""
    words = persons.person_words()
    for name in ("titles", "titles_lower", "address", "ranks", "after_titles", "not_names", "given"):
        assert all(any(c.isalpha() for c in entry) for entry in getattr(words, name)), name
    assert persons._kind_of(",") == persons.Kind(*[False] * len(persons.Kind._fields))._replace(comma=True)
    assert not any(persons._kind_of("25.5.2024")) and not any(persons._kind_of("(3)"))
    assert persons._kind_of("Jana").plain and persons._kind_of("Mgr.").title


def test_tokens_within_are_the_tokens_starting_in_the_window_on_real_files() -> None:
    model = nlp()
    for path in FILES[:4]:
        for view in _views(path)[:150]:
            doc = model(view.text)
            n = len(view.text)
            for start, end in ((0, n), (n // 3, 2 * n // 3), (n // 2, n // 2 + 7), (5, 4), (n, n + 3)):
                assert [t.i for t in tokens_within(doc, start, end)] == [t.i for t in doc if start <= t.idx < end]


def _sentence_by_tokens(doc, person, line) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The sentence as `_sentence` found it before, reading every token of the Doc."""
    start, end = line.start, line.end
    for tok in doc:
        if tok.idx < line.start or tok.idx >= line.end or tok.text not in (".", "!", "?", ";"):
            continue
        if tok.idx < person.start:
            start = tok.idx + 1
        elif tok.idx >= person.tail:
            end = tok.idx
            break
    return start, end


def test_the_sentence_around_a_person_is_found_from_the_stops_read_once_on_real_files() -> None:
    model = nlp()
    checked = 0
    for path in FILES[:4]:
        for view in _views(path)[:150]:
            doc = model(view.text)
            n = len(view.text)
            for p in doc.spans.get("person", ()):
                for line in ((0, n), (max(0, p.start_char - 30), min(n, p.end_char + 30)), (p.start_char, p.end_char)):
                    person = SimpleNamespace(start=p.start_char, tail=p.end_char)
                    window = SimpleNamespace(start=line[0], end=line[1])
                    assert _sentence(doc, person, window) == _sentence_by_tokens(doc, person, window)
                    checked += 1
    assert checked > 50
