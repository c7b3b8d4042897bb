"""Issue 14 (speed), round 3: the sentence splitter, the plan relation and the merging of
multi-word tokens do less work for the same answers. Checked by what is done and by the answers
on real files, never by timing."""

from __future__ import annotations

import spacy
from spacy.attrs import IDX, LEMMA, LOWER, NORM, ORTH, SHAPE, SPACY

from pipeline.extract import extract_document, forget_texts, sentences
from pipeline.extract.model import BlockView
from pipeline.extract.nlp import _number_pairs, _number_runs, _phrase_matcher, doc_text, merge_multiword, nlp
from pipeline.extract.plan import items
from pipeline.extract.plan.rules import rules
from pipeline.extract.text import fold
from tests.extract.test_speed_paths import REAL, _views

FILES = sorted(p for p in REAL.iterdir() if p.suffix in (".docx", ".html", ".pdf"))


def test_a_word_that_ends_no_sentence_is_looked_for_at_the_end_of_the_sentence_only(monkeypatch) -> None:
    """"Mgr." or "o. p. s." before a capital: the words after which a dot ends no sentence are
    searched for in the last characters before the dot, not along the whole sentence before it
    (a long paragraph was searched again from its start at every dot)."""
    pattern, longest = sentences._no_sentence_end()
    windows: list[int] = []

    class Spy:
        def search(self, text: str, pos: int = 0):  # type: ignore[no-untyped-def]
            windows.append(len(text) - pos)
            return pattern.search(text, pos)

    monkeypatch.setattr(sentences, "_no_sentence_end", lambda: (Spy(), longest))
    sentences.sentences.cache_clear()
    text = ("Přítomni byli zástupci obcí a poskytovatelů " * 8 + "a dále Mgr. Jana Nová z Domova, o. p. s. "
            "Jednání začalo 3. ledna. Bylo usneseno. 12 členů hlasovalo.")
    found = [text[s:e] for s, e in sentences.sentences(text)]
    sentences.sentences.cache_clear()
    assert found == [text[:text.index(" Bylo")], "Bylo usneseno.", "12 členů hlasovalo."]
    assert windows and max(windows) <= longest


def test_the_plan_reads_the_sentences_of_a_line_only_where_a_numbered_label_stands(monkeypatch) -> None:
    """The plan looks for an item opening a sentence inside a line ("... akčního plánu. Aktivita
    2.1.1 ...") only on lines where a label with a number stands: most lines of minutes name no
    item, and their sentences were split for nothing."""
    read: list[str] = []
    split = items.sentences

    def spy(text: str):  # type: ignore[no-untyped-def]
        read.append(text)
        return split(text)

    monkeypatch.setattr(items, "sentences", spy)
    found = 0
    for path in FILES:
        result = extract_document(_views(path))
        found += sum(len(result.tables[t]) for t in ("goals", "measures", "activities"))
    r = rules()
    assert found > 0 and read
    assert all(r.numbered.search(fold(text)) or r.abbreviated.search(text) for text in read)
    inline = items.block_hits(BlockView(
        0, "paragraph", "Skupina informovala o plnění akčního plánu. Aktivita 2.1.1 Zřízení odlehčovací služby – splněno."))
    assert [(h.kind, h.number) for h in inline] == [("activity", "2.1.1")]


def _retokenized(text: str) -> spacy.tokens.Doc:
    """The merges as spaCy's retokenizer makes them (the reference)."""
    doc = nlp().make_doc(text)
    spans = [doc[s:e] for _, s, e in _phrase_matcher(doc.vocab)(doc)]
    at = [found.start() for found in _number_pairs().finditer(doc_text(doc))]
    spans += [doc[s:e] for s, e in _number_runs(doc, at)] if at else []
    with doc.retokenize() as retokenizer:
        for span in spacy.util.filter_spans(spans):
            retokenizer.merge(span)
    return doc


def test_multi_word_tokens_are_merged_into_a_new_doc_as_the_retokenizer_merges_them() -> None:
    """The merged Doc is made from its words (the retokenizer walked the whole Doc at every
    merge): same tokens, offsets, spaces and lexical attributes, on real files and on each kind
    of merge."""
    forget_texts()
    attrs = [ORTH, LOWER, NORM, LEMMA, SHAPE, SPACY, IDX]
    sample = "IČO 2 000 Kč, Domov X, o. p. s., č. j. 12/2024 od 13,00 hod.;  Mgr. Jana Nová\n1 500,5 míst"
    texts = [sample, *(block.text for path in FILES for block in _views(path))]
    merged = 0
    for text in texts:
        doc = nlp().make_doc(text)
        ours, reference = merge_multiword(doc), _retokenized(text)
        assert [t.text for t in ours] == [t.text for t in reference]
        assert (ours.to_array(attrs) == reference.to_array(attrs)).all() and doc_text(ours) == text
        merged += ours is not doc
    assert merged > 10
    assert "2 000" in [t.text for t in merge_multiword(nlp().make_doc(sample))]
