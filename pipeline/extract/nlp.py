"""The spaCy layer: a blank Czech tokenizer taught what minutes keep whole.

`spacy.blank("cs")` splits `Mgr.` into `Mgr` + `.`, `o. p. s.` into three
tokens and `2 000` into two. Titles and abbreviations become tokenizer
special cases; multi-word units (legal forms, `č. j.`, numbers with a space
as thousands separator, `13,00 hod.`) are merged by a small pipeline
component built from `configs/`. No model is downloaded: everything here is
rules and lexicons. Built once per process (`nlp()` is cached).
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache, wraps
from operator import attrgetter
from typing import Any, Callable, TypeVar

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY
from spacy.symbols import ORTH
from spacy.lexeme import Lexeme
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pipeline.config import load
from pipeline.extract.text import fold

T = TypeVar("T")

# The components after the tokenizer, in order: (the module that registers it, its name). A
# module registers its components with `@Language.component`/`@Language.factory`, declaring
# what each assigns and requires (tests/test_architecture.py runs `analyze_pipes`).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("pipeline.extract.nlp", "kpss_merge_multiword"),
    ("pipeline.extract.spans.persons", "kpss_person_tokens"),
    ("pipeline.extract.dates", "kpss_dates"),
    ("pipeline.extract.spans.persons", "kpss_persons"),
    ("pipeline.extract.spans.services", "kpss_services"),
    ("pipeline.extract.spans.orgs", "kpss_orgs"),
    ("pipeline.extract.spans.quantities", "kpss_quantities"),
)


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared tokenizer pipeline (blank Czech + special cases + merges)."""
    model = spacy.blank("cs")
    people = load("people")
    legal = [v for variants in load("organisations")["legal_forms"].values() for v in variants]
    for word in {*people["titles_before"], *people["titles_after"], *load("lexicon")["abbreviations"]["with_dot"], *legal}:
        if " " not in word:
            model.tokenizer.add_special_case(word, [{ORTH: word}])
            lower = word.lower()
            if lower != word:
                model.tokenizer.add_special_case(lower, [{ORTH: lower}])
    model.tokenizer = _KeepText(model.tokenizer)
    for module, name in COMPONENTS:
        importlib.import_module(module)
        model.add_pipe(name)
    return model


class _KeepText:
    """The tokenizer, keeping the text it was given in the Doc (`doc_text`): spaCy's `doc.text`
    joins the tokens again at every access, and components read the text of every block.
    Merges and splits keep the text unchanged."""

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["kpss_text"] = text
        return doc

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.tokenizer, name)  # add_special_case, explain, pipe ...


@lru_cache(maxsize=4096)
def piece(text: str) -> Doc:
    """A piece of text that is not a whole block (a name, a part of a block) tokenized as blocks
    are: the tokenizer, its merges and the fold, no span annotation. Memoised and shared: never
    change it. A block's tokens are those of its annotated Doc (`Annotated.doc`)."""
    return merge_multiword(nlp().make_doc(text))


_MEMOS: list[dict[Any, Any]] = []


def text_memo() -> dict[Any, Any]:
    """A dict memoising an analysis of text (a block's, a word's, a word's id), registered so that
    `pipeline.extract.forget_texts` empties it with the `lru_cache`s keyed by text."""
    memo: dict[Any, Any] = {}
    _MEMOS.append(memo)
    return memo


def forget_memos() -> None:
    """Empty every `text_memo`."""
    for memo in _MEMOS:
        memo.clear()


def by_text(analysis: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """An analysis of a Doc that depends on its text alone, memoised by the text: minutes repeat
    blocks (headers, footers, labels) within and across documents. Its result is shared: it
    must be immutable."""
    cache: dict[str, T] = text_memo()

    @wraps(analysis)
    def memoised(doc: Doc) -> T:
        text = doc_text(doc)
        found = cache.get(text)
        if found is None:
            if len(cache) >= 8192:
                cache.clear()
            found = cache[text] = analysis(doc)
        return found

    return memoised


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept by the tokenizer (spaCy joins the tokens again at every access); a Doc
    made otherwise joins it once."""
    text = doc.user_data.get("kpss_text")
    if text is None:
        text = doc.user_data["kpss_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Where each token of an annotated Doc starts (`Token.idx`), read once per Doc (kept in
    `doc.user_data`: a Doc is not changed after the pipeline); shared, never change it."""
    starts = doc.user_data.get("kpss_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["kpss_starts"] = doc.to_array(IDX).tolist() if len(doc) else []
    return starts


def token_columns(doc: Doc) -> tuple[list[int], list[int], list[int], list[int]]:
    """Each token's start, length, whether it is whitespace and whether a space follows it, read
    once per Doc (`Doc.to_array` costs as much as a pass over the tokens; the orgs, services and
    quantities components each read these columns). Kept in `doc.user_data` like
    `token_starts`: read after the last component that retokenizes; shared, never change them."""
    columns = doc.user_data.get("kpss_columns")
    if columns is None or len(columns[0]) != len(doc):
        columns = doc.user_data["kpss_columns"] = (
            tuple(doc.to_array([IDX, LENGTH, IS_SPACE, SPACY]).T.tolist()) if len(doc) else ([], [], [], []))
    return columns


def tokens_within(doc: Doc, start: int, end: int) -> Span:
    """The tokens of a Doc that start within text[start:end], as `[t for t in doc if start <=
    t.idx < end]` finds them, without making a Token of every other token."""
    starts = token_starts(doc)
    return doc[bisect_left(starts, start):bisect_left(starts, end)]


def _token_fold(token: Token) -> str:
    return fold(token.text)


# Every token's folded form (`fold`: lower case, no diacritics) as `token._.fold`, for patterns
# (`{"_": {"fold": ...}}`) and relations. A getter, not a component that sets it on every token:
# `fold` is memoised per word, and setting a Python attribute on every token of every block
# cost more than the readers gained (8 % of the annotate pass, for a value few tokens are asked).
if not Token.has_extension("fold"):
    Token.set_extension("fold", getter=_token_fold)


@Language.component("kpss_merge_multiword")
def merge_multiword(doc: Doc) -> Doc:
    """Merge legal forms, multi-word titles, `č. j.`, `2 000` and `13,00 hod.` into single tokens.
    The merged Doc is made anew from the words (as `doc.retokenize()` would leave them: a merged
    token is the text from its first to its last token, with the space after its last): the
    retokenizer walks the whole Doc again for each merge and cost more."""
    pairs = [(s, e) for _, s, e in _phrase_matcher(doc.vocab)(doc)]
    at = [found.start() for found in _number_pairs().finditer(doc_text(doc))]
    if at:
        pairs += _number_runs(doc, at)
    if not pairs:
        return doc
    runs = {span.start: span.end for span in spacy.util.filter_spans([doc[s:e] for s, e in pairs])}
    text = doc_text(doc)
    starts, lengths, spaced = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
    words, spaces, k = [], [], 0
    while k < len(starts):
        last = runs.get(k, k + 1) - 1
        words.append(text[starts[k]:starts[last] + lengths[last]])
        spaces.append(bool(spaced[last]))
        k = last + 1
    merged = Doc(doc.vocab, words=words, spaces=spaces)
    merged.user_data.update(doc.user_data)
    return merged


@lru_cache(maxsize=1)
def _phrase_matcher(vocab) -> PhraseMatcher:  # type: ignore[no-untyped-def]
    tokenizer = nlp().tokenizer  # phrases tokenized exactly as documents are, before merging
    phrases: set[str] = set(load("lexicon")["abbreviations"]["multiword"])
    for variants in load("organisations")["legal_forms"].values():
        phrases.update(v for v in variants if " " in v and "." in v)
    people = load("people")
    phrases.update(t for t in [*people["titles_before"], *people["titles_after"]] if " " in t)
    phrase = PhraseMatcher(vocab, attr="LOWER")
    phrase.add("MULTIWORD", [tokenizer(p.lower()) for p in sorted(phrases)])
    return phrase


_THOUSANDS_HEAD = re.compile(r"^\d{1,3}$")
_THOUSANDS_TAIL = re.compile(r"^\d{3}(,\d+)?$")
_CLOCK = re.compile(r"^\d{1,2}[,.:]\d{2}$")


@lru_cache(maxsize=1)
def _hour_units() -> frozenset[str]:
    return frozenset(load("lexicon")["time"]["hour_units"])


@lru_cache(maxsize=1)
def _number_pairs() -> re.Pattern[str]:
    """Where `_number_runs` may find a pair: a figure followed by a space (the only whitespace a
    token keeps after it) and three figures, or by an hour unit; at the figure."""
    units = "|".join(sorted(map(re.escape, _hour_units()), key=len, reverse=True))
    return re.compile(rf"\d(?= \d{{3}}| ?(?:{units}))", re.IGNORECASE)


def _number_runs(doc: Doc, at: list[int]) -> list[tuple[int, int]]:
    """Token pairs to keep whole: thousands written with a space ("2 000", "1 500,5") and
    clock times with their unit ("13,00 hod."). `at`: offsets of the text where one may end
    its first token (`_number_pairs`); only the tokens there are looked at."""
    starts = doc.to_array(IDX).tolist()
    runs = []
    for i in sorted({bisect_right(starts, offset) - 1 for offset in at}):
        if i + 1 >= len(doc):
            continue
        text = doc[i].text
        if not text[:1].isdigit():
            continue
        nxt = doc[i + 1]
        if _THOUSANDS_HEAD.match(text) and _THOUSANDS_TAIL.match(nxt.text):
            runs.append((i, i + 2))
        if _CLOCK.match(text) and nxt.lower_ in _hour_units():
            runs.append((i, i + 2))
    return runs


# Lexical attributes: what the vocabulary computes from a word alone (`Vocab.lex_attr_getters`).
_LEXICAL = {"LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_", "SHAPE": "shape_"}


def _getter(attr: str) -> Callable[[Lexeme], str]:
    """The attribute as the vocabulary computed it once for the word (the Lexeme's, not computed
    again: `word_shape` is a Python loop over the characters)."""
    if attr not in _LEXICAL:
        raise ValueError(f"{attr} is not a lexical attribute ({', '.join(_LEXICAL)})")
    return attrgetter(_LEXICAL[attr])


_SEGMENT = re.compile(b"[^\x00]+")
_QUANTIFIERS = {None: "", "1": "", "?": "?", "*": "*", "+": "+"}


class LexicalMatcher:
    """spaCy's `Matcher` for patterns whose every token is a test of lexical attributes (`LOWER`,
    `SHAPE`, `ORTH`: a value or `IN` a list) with an `OP` (`?`, `*`, `+`, `{n,m}`), at the cost of
    a few calls per Doc: spaCy's Matcher makes a Python object of every token it reads. A word's
    tests are run once per word of the vocabulary and kept as one byte (a bit per token of the
    pattern); a Doc becomes a string of those bytes, and a pattern a regular expression over it.
    It finds what the Matcher finds for the patterns under one key: every (start, end) a pattern
    matches, or with `greedy="LONGEST"` the longest of them that do not overlap, taken longest
    first as spaCy takes them; returned in text order."""

    def __init__(self, vocab: Vocab, patterns: list[list[dict[str, Any]]], greedy: str | None = None):
        if greedy not in (None, "LONGEST"):
            raise ValueError(f"greedy={greedy!r}: only None or LONGEST")
        self.vocab = vocab
        self.compiled = [self._compile(vocab, pattern) for pattern in patterns]
        self.longest = greedy == "LONGEST"

    @staticmethod
    def _compile(vocab: Vocab, pattern: list[dict[str, Any]]
                 ) -> tuple[list[Callable[[str], bool]], dict[int, int], re.Pattern[bytes]]:
        if not 0 < len(pattern) <= 8:
            raise ValueError("a lexical pattern has 1 to 8 tokens (one bit each)")
        tests, parts = [], []
        for bit, token in enumerate(pattern):
            op, attrs = token.get("OP"), []
            for attr, spec in token.items():
                if attr == "OP":
                    continue
                value = frozenset(spec["IN"]) if isinstance(spec, dict) and set(spec) == {"IN"} else spec
                if not isinstance(value, (str, frozenset)):
                    raise ValueError(f"{attr}: {spec!r} is not a value or an IN list")
                attrs.append((_getter(attr.upper()), value))
            tests.append(_all_of(attrs))
            quantifier = _QUANTIFIERS.get(op) if op in _QUANTIFIERS else op if str(op).startswith("{") else None
            if quantifier is None:
                raise ValueError(f"OP {op!r} is not supported")
            codes = b"".join(re.escape(bytes([c])) for c in range(1, 256) if c & (1 << bit))
            parts.append(b"[" + codes + b"]" + quantifier.replace("{,", "{0,").encode())
        return tests, text_memo(), re.compile(b"".join(parts))

    def __call__(self, doc: Doc, orths: list[int] | None = None) -> list[tuple[int, int]]:
        """(start, end) token offsets of the matches, in text order. `orths`: the Doc's
        `Token.orth`s when the caller has them already."""
        if orths is None:
            orths = doc.to_array(ORTH).tolist() if len(doc) else []
        pairs: list[tuple[int, int]] = []
        for tests, known, pattern in self.compiled:
            found = list(map(known.get, orths))
            if None in found:
                for i, code in enumerate(found):
                    if code is None:
                        word = self.vocab[orths[i]]
                        found[i] = known[orths[i]] = sum(1 << bit for bit, test in enumerate(tests) if test(word))
            codes = bytes(found)
            fullmatch = pattern.fullmatch
            for segment in _SEGMENT.finditer(codes):  # a token that passes no test is in no match
                first, last = segment.span()
                if last - first == 1:
                    if fullmatch(codes, first, last):
                        pairs.append((first, last))
                    continue
                found_here = [(s, e) for s in range(first, last) for e in range(s + 1, last + 1) if fullmatch(codes, s, e)]
                pairs.extend(self._longest(found_here) if self.longest and len(self.compiled) == 1 else found_here)
        if len(self.compiled) == 1:
            return pairs  # in text order: segments in order, the pairs of each sorted
        return self._longest(pairs) if self.longest else sorted(set(pairs))

    @staticmethod
    def _longest(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The longest pairs that do not overlap, taken as spaCy takes them (longest first, then
        the first), in text order."""
        if len(pairs) < 2:
            return pairs
        pairs = sorted(pairs, key=lambda pair: (pair[1] - pair[0], -pair[0]), reverse=True)
        kept = [pairs[0]]
        for s, e in pairs[1:]:
            if all(e <= a or s >= b for a, b in kept):
                kept.append((s, e))
        return sorted(kept)


def _all_of(tests: list[tuple[Callable[[Lexeme], str], str | frozenset[str]]]) -> Callable[[Lexeme], bool]:
    """A word passes when each attribute's value is the value, or in the set, of its test."""
    def test(word: Lexeme) -> bool:
        for getter, value in tests:
            found = getter(word)
            if not (found in value if isinstance(value, frozenset) else found == value):
                return False
        return True
    return test
