"""The gate before the inline slot patterns (`slots.needed_words`): a substring test that lets a
block through to the patterns only when it holds a string every match needs. It must never turn
away a text a pattern matches."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.ingest import read
from pipeline.ingest.sniff import sniff
from pipeline.extract.organisations.slots import _gated_inline, _slot_spans, needed_words

ROOT = Path(__file__).resolve().parents[2]


def test_needed_words_reads_literals_branches_and_case() -> None:
    pattern = re.compile(r"(?:(?<=\()|(?<=, ))(?:garant|(?-i:R)(?=\s*:))\s+x", re.IGNORECASE)
    assert needed_words(pattern) == (("R", False), ("garant", True))
    assert needed_words(re.compile(r"Partner(?:em|y)\s+je", re.IGNORECASE)) == (("partner", True),)
    assert needed_words(re.compile(r"\w+\s*[:;]")) == ()  # nothing it cannot do without: no gate


def test_every_inline_match_holds_a_needed_word() -> None:
    """Every match of every inline slot pattern in the texts of the dev sets passes its gate, and
    the slots found through the gate are those the patterns find unguarded."""
    texts = ["Realizátor: Spolek X", "projekt (R: Charita Y)", "realizátorem projektu je Město Z",
             "poskytovatelem dotace je Kraj W", "partnerem je Obec V"]
    for path in sorted(ROOT.glob("tests/fixtures/dev_sets/*/raw/*.docx")):
        data = path.read_bytes()
        texts += [block.text for block in read(data, sniff(data, path.suffix[1:])).blocks]
    checked = 0
    for role, pattern, words in _gated_inline():
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert any(w in (text.lower() if folded else text) for w, folded in words), (role, pattern.pattern)
    assert checked >= 5
    unguarded = [(m.end(), role) for role, pattern, _ in _gated_inline() for m in pattern.finditer(texts[2])]
    assert unguarded and all((end, role) in {(s, r) for s, _, r in _slot_spans(texts[2], 0)} for end, role in unguarded)
