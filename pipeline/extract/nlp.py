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
from functools import lru_cache, wraps
from typing import Callable, TypeVar

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Token

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
    for module, name in COMPONENTS:
        importlib.import_module(module)
        model.add_pipe(name)
    return model


@lru_cache(maxsize=4096)
def piece(text: str) -> Doc:
    """A piece of text that is not a whole block (a name, a part of a block) tokenized as blocks
    are: the tokenizer, its merges and the fold, no span annotation. Memoised and shared: never
    change it. A block's tokens are those of its annotated Doc (`Annotated.doc`)."""
    doc = merge_multiword(nlp().make_doc(text))
    doc.user_data["kpss_text"] = text  # merging keeps the text: no need to join it again
    return doc


def by_text(analysis: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """An analysis of a Doc that depends on its text alone, memoised by the text: minutes repeat
    blocks (headers, footers, labels) within and across documents. Its result is shared: it
    must be immutable."""
    cache: dict[str, T] = {}

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
    """`doc.text`, joined once per Doc (spaCy joins the tokens again at every access)."""
    text = doc.user_data.get("kpss_text")
    if text is None:
        text = doc.user_data["kpss_text"] = doc.text
    return text


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
    """Merge legal forms, multi-word titles, `č. j.`, `2 000` and `13,00 hod.` into single tokens."""
    spans = [doc[s:e] for _, s, e in _phrase_matcher(doc.vocab)(doc)] + [doc[s:e] for s, e in _number_runs(doc)]
    if not spans:
        return doc
    spans = spacy.util.filter_spans(spans)
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


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


def _number_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token pairs to keep whole: thousands written with a space ("2 000", "1 500,5") and
    clock times with their unit ("13,00 hod."). Plain regexes over token texts: only tokens
    that start with a digit are looked at."""
    runs = []
    for i in range(len(doc) - 1):
        text = doc[i].text
        if not text[:1].isdigit():
            continue
        nxt = doc[i + 1]
        if _THOUSANDS_HEAD.match(text) and _THOUSANDS_TAIL.match(nxt.text):
            runs.append((i, i + 2))
        if _CLOCK.match(text) and nxt.lower_ in _hour_units():
            runs.append((i, i + 2))
    return runs
