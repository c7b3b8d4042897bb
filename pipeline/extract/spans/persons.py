"""Persons as spans: the one person recogniser of the extract stage.

"Mgr. Jana Nová, DiS.", "p. Malý", "NOVÁKOVÁ Jana", "J.Nováková", "s Mgr. Janou Novou": a spaCy
Matcher built from the `[[patterns]]` of configs/people.toml ([address, rank or title]* [initial]
Name{1,4}) proposes candidates, and each is refined into a `PersonName`: academic titles go to
`titles` (also those written after the name), words of address and ranks are dropped, and the
capitalised run is cut where the name ends ("Jan Hrubec Občanské sdružení" -> "Jan Hrubec").

Two components (see `pipeline.extract.nlp.COMPONENTS`):

- `kpss_person_tokens` keeps in one token what a name keeps whole but the tokenizer splits
  ("Pí" + "." and "npor" + ".": a word of address, rank or title and its dot; "Nováková" + "-" +
  "Svobodová"), and splits a glued initial ("J.Nováková" -> "J." + "Nováková");
- `kpss_persons` fills `doc.spans["person"]` with the candidates that are persons, each with its
  `PersonName` as `span._.person` (a candidate never crosses a line break). A relation that reads
  a narrower window (a label's value, a cell of a tab-separated table) asks
  `persons_in(doc, start, end)`, which refines a span again only where the window cuts what the
  refinement read.

What a word is to the recogniser (`Kind`: a title, a given name, a word that is no name ...) is
worked out once per word of the vocabulary, not per token: reading `token._.fold` would cost more
than that lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.config import load
from pipeline.extract.patterns import patterns
from pipeline.extract.text import fold

LABEL = "person"

if not Span.has_extension("person"):
    Span.set_extension("person", default=None)


@dataclass(frozen=True)
class PersonWords:
    """What configs/people.toml says about the words around a name."""

    titles: frozenset[str]        # titles before a name, as written
    titles_lower: frozenset[str]  # the same lower-cased, and their dot-less forms
    after_titles: frozenset[str]  # titles after a name, lower-cased, with and without the dot
    address: frozenset[str]
    ranks: frozenset[str]
    not_names: frozenset[str]     # folded
    given: frozenset[str]         # folded


@lru_cache(maxsize=1)
def person_words() -> PersonWords:
    people = load("people")
    titles, dotless = frozenset(people["titles_before"]), people["titles_dotless"]
    return PersonWords(
        titles=titles,
        titles_lower=frozenset({t.lower() for t in titles} | set(dotless)),
        after_titles=frozenset({t.lower() for t in people["titles_after"]}
                               | {t.lower().rstrip(".") for t in people["titles_after"]}),
        address=frozenset(a.lower() for a in people["address"]),
        ranks=frozenset(r.lower() for r in people["ranks"]),
        not_names=frozenset(fold(w).rstrip(":") for w in people["not_names"]),
        given=frozenset(fold(w) for w in [*people["given_names_female"], *people["given_names_male"]]),
    )


@dataclass(frozen=True)
class PersonName:
    """A person named in a block: `start:end` covers the name as written (no titles)."""

    start: int
    end: int
    name: str
    titles: str | None
    cued: bool    # a title, word of address, rank, initial or given name says: a person
    marked: bool  # a title, word of address, rank or initial (not just a given name)
    begin: int    # where the mention starts (its first title or word of address)
    tail: int     # where the text after the name (and its after-name titles) starts
    reach: int    # how far the text was read: a window ending before it reads the span again

    @property
    def strong(self) -> bool:
        """Running text needs more than capitalised words: a title, address, initial or given name."""
        return self.marked or (self.cued and len(self.name.split()) >= 2)


# --------------------------------------------------------------------------- word predicates


def is_nameword(text: str) -> bool:
    """A capitalised word ("Nováková", "Nováková-Svobodová", "O'Neil"), not an abbreviation."""
    parts = text.split("-")
    return all(len(p) >= 2 and p[0].isupper() and p[1:].replace("'", "").replace("’", "").isalpha()
               and p[1:].islower() for p in parts)


def is_caps(text: str) -> bool:
    """A surname in capitals ("NOVÁKOVÁ Jana"), or an abbreviation: `_caps_words` tells them apart."""
    return len(text) >= 3 and text.isalpha() and text.isupper()


def is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[0].isalpha() and text[1] == "."


class Kind(NamedTuple):
    """What a word is to the recogniser: worked out once per word of the vocabulary (`kind`),
    since every candidate asks it of each of its words."""

    title: bool         # an academic title before a name ("Mgr.", "mgr")
    address: bool       # a word of address ("pí", "pan")
    rank: bool          # a rank ("npor.")
    initial: bool       # "J."
    nameish: bool       # a capitalised word, or one in capitals
    caps: bool          # in capitals ("NOVÁKOVÁ", "SMJ")
    not_name: bool      # a word that is no name although capitalised ("Město", "Zapsala")
    given: bool         # a given name (or a part of "Jana-Marie" is one)
    after_title: bool   # a title written after a name ("DiS.", "dis")

    @property
    def marker(self) -> bool:
        """A title, a word of address or a rank: what may stand in front of a name."""
        return self.title or self.address or self.rank

    @property
    def plain(self) -> bool:
        """A capitalised word that is not a title, a word of address or a rank."""
        return self.nameish and not self.marker


_KINDS: dict[int, Kind] = {}  # by the word's id in the vocabulary (`Token.orth`)


def kind(tok: Token) -> Kind:
    found = _KINDS.get(tok.orth)
    if found is None:
        found = _KINDS[tok.orth] = _kind_of(tok.text)
    return found


def _kind_of(text: str) -> Kind:
    words, lower, folded = person_words(), text.lower(), fold(text)
    return Kind(title=text in words.titles or lower in words.titles_lower or lower.rstrip(".") in words.titles_lower,
                address=lower in words.address, rank=lower in words.ranks, initial=is_initial(text),
                nameish=is_nameword(text) or is_caps(text), caps=is_caps(text),
                not_name=folded in words.not_names, given=any(p in words.given for p in folded.split("-")),
                after_title=lower in words.after_titles or lower.rstrip(".") in words.after_titles)


def is_marker_tok(tok: Token) -> bool:
    """A title, a word of address or a rank: what may stand in front of a name."""
    return kind(tok).marker


def is_title_word(word: str) -> bool:
    """A title, word of address or rank written as a word of a string ("Mgr.", "pí")."""
    words = person_words()
    lower = word.lower()
    return word in words.titles or lower in words.titles_lower or lower in words.address or lower in words.ranks


def _is_after_title(tok: Token) -> bool:
    """A title written after a name ("DiS.", "Ph.D", "MBA"); without its dot only when capitalised."""
    return tok.lower_ in person_words().after_titles or (kind(tok).after_title and tok.text[:1].isupper())


# --------------------------------------------------------------------------- refining a candidate


def refine(span: Span, start: int, end: int) -> PersonName | None:
    """The person of a Matcher candidate within `[start, end)` of the text, or None.

    Tokens outside the window are dropped, and so are capitalised words that are no names in
    front of the name ("Zapsala Leona Hájková" -> Leona Hájková)."""
    tokens = [t for t in span if t.idx >= start and t.idx + len(t) <= end]
    while tokens and kind(tokens[0]).plain and kind(tokens[0]).not_name:
        tokens = tokens[1:]
    if not tokens:
        return None
    titles = [t for t in tokens if kind(t).title and not kind(t).address]
    initials = [t for t in tokens if kind(t).initial and not kind(t).marker]
    marked = any(kind(t).marker for t in tokens) or bool(initials)
    words = _caps_words([t for t in tokens if kind(t).plain])
    if not marked:
        words = _from_given_name(words)
    words = _name_cut(words, end)
    if not words:
        return None
    given = any(kind(w).given for w in words)
    first = initials[0] if initials else words[0]
    after, tail, stop = _after_titles(words[-1], end)
    last = span.doc[min(max(stop + 2, span.end), len(span.doc) - 1)]  # the last token looked at
    name = "".join(t.text_with_ws if t.whitespace_ or not kind(t).initial else t.text + " "
                   for t in span.doc[first.i:words[-1].i + 1]).strip()
    return PersonName(first.idx, words[-1].idx + len(words[-1].text), name,
                      " ".join([t.text for t in titles] + after) or None,
                      cued=marked or given, marked=marked, begin=tokens[0].idx, tail=tail,
                      reach=last.idx + len(last))


def _name_cut(words: list[Token], end_limit: int) -> list[Token]:
    """How many capitalised words are the name: stop before a word that is not a name
    ("Městský" úřad), and take a third word only when the name ends after it
    ("Helena Bianchi Koubková -", not "Jan Hrubec Občanské sdružení")."""
    kept: list[Token] = []
    for word in words:
        if kind(word).not_name:
            break
        kept.append(word)
    if len(kept) <= 2:
        return kept
    return kept[:3] if _ends_name(kept[2], end_limit) else kept[:2]


def _ends_name(word: Token, end_limit: int) -> bool:
    """The token after `word` closes a name: punctuation, a title, a number or the end."""
    doc = word.doc
    if word.i + 1 >= len(doc) or doc[word.i + 1].idx >= end_limit:
        return True
    nxt = kind(doc[word.i + 1])
    return not doc[word.i + 1].text[0].isalpha() or nxt.marker or nxt.after_title or nxt.caps


def _from_given_name(words: list[Token]) -> list[Token]:
    """In "Městský úřad Vyškov Jan Kostelecký" the capitalised run is two things: the
    person starts at the given name when the words before it are no given names."""
    for k in range(1, len(words) - 1):
        if kind(words[k]).given and not any(kind(w).given for w in words[:k]):
            return words[k:]
    return words


def _caps_words(words: list[Token]) -> list[Token]:
    """Capitals are a surname only beside a given name ("NOVÁKOVÁ Jana"); otherwise an
    abbreviation, which is dropped in front of the name and ends it after ("SMJ")."""
    caps = [kind(w).caps for w in words]
    if not any(caps):
        return words
    if len(words) == 2 and caps.count(True) == 1 and any(kind(w).given for w, c in zip(words, caps) if not c):
        return words
    while words and kind(words[0]).caps:
        words = words[1:]
    for i, word in enumerate(words):
        if kind(word).caps:
            return words[:i]
    return words


def _after_titles(last: Token, end_limit: int) -> tuple[list[str], int, int]:
    """Titles written after a name ("Kamila Ryšavá, DiS.", "Jan Novák Ph.D., MBA"), where the text
    after them starts, and the token the reading stopped at."""
    doc, found = last.doc, []
    tail = last.idx + len(last.text)
    i = last.i + 1
    while i < len(doc) and doc[i].idx < end_limit:
        tok = doc[i]
        if tok.text == "," and i + 1 < len(doc) and doc[i + 1].idx < end_limit \
                and (_is_after_title(doc[i + 1]) or _trailing_title(doc, i + 1, end_limit)):
            i += 1
            continue
        if _is_after_title(tok) or _trailing_title(doc, i, end_limit):
            found.append(tok.text)
            tail = tok.idx + len(tok.text)
            i += 1
            continue
        break
    return found, tail, i


def _trailing_title(doc: Doc, i: int, end_limit: int) -> bool:
    """A title written after the name it belongs to ("Nováková Jana, Mgr."), not the title
    of the next person ("Jana Nová, Mgr. Petr Malý")."""
    if not kind(doc[i]).title:
        return False
    nxt = kind(doc[i + 1]) if i + 1 < len(doc) and doc[i + 1].idx < end_limit else None
    return nxt is None or not (nxt.nameish or nxt.initial or nxt.marker)


# --------------------------------------------------------------------------- the components


def persons_in(doc: Doc, start: int, end: int) -> list[PersonName]:
    """The persons whose candidate overlaps `[start, end)` of the block text, refined within
    that window, in text order."""
    found = []
    for span in doc.spans[LABEL] if LABEL in doc.spans else ():
        if span.end_char <= start or span.start_char >= end:
            continue
        person = span._.person
        if start > span.start_char or end < person.reach:
            person = refine(span, start, end)
        if person is not None:
            found.append(person)
    return sorted(found, key=lambda p: p.start)


@lru_cache(maxsize=1)
def _dotted_stems() -> list[str]:
    """Words of address, ranks and titles whose dot the tokenizer may split off ("Pí" + ".")."""
    words = person_words()
    return sorted({w[:-1] for w in words.address | words.ranks | words.titles_lower if w.endswith(".")})


class PersonTokens:
    """Merge "Pí" + "." and "Nováková" + "-" + "Svobodová" into one token, split "J.Nováková"."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        self.matcher.add("DOT", [[{"LOWER": {"IN": _dotted_stems()}, "SPACY": False}, {"ORTH": "."}]])
        self.matcher.add("HYPHEN", [[{"IS_TITLE": True, "SPACY": False}, {"ORTH": "-", "SPACY": False},
                                     {"IS_TITLE": True}]])
        self.matcher.add("GLUED", [[{"IS_TITLE": True, "IS_ALPHA": False, "LENGTH": {">": 3}}]])
        self.hyphen, self.glued = vocab.strings["HYPHEN"], vocab.strings["GLUED"]

    def __call__(self, doc: Doc) -> Doc:
        merges, splits = [], []
        for key, s, e in self.matcher(doc):
            if key == self.glued:
                text = doc[s].text
                if text[1] == "." and is_initial(text[:2]) and is_nameword(text[2:]):
                    splits.append(doc[s])
            elif key != self.hyphen or (is_nameword(doc[s].text) and is_nameword(doc[e - 1].text)):
                merges.append(doc[s:e])
        if merges:
            with doc.retokenize() as retokenizer:
                for span in filter_spans(merges):
                    retokenizer.merge(span)
        if splits:
            with doc.retokenize() as retokenizer:
                for token in splits:
                    token = doc.char_span(token.idx, token.idx + len(token.text))[0]
                    retokenizer.split(token, [token.text[:2], token.text[2:]], heads=[(token, 1), (token, 1)])
        return doc


class Persons:
    """Fill `doc.spans["person"]` with the persons of a block (see the module docstring)."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        for entry in patterns("people"):
            self.matcher.add(entry["label"], [entry["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans, whole = [], len(doc) and doc[-1].idx + len(doc[-1].text_with_ws)
        for _, s, e in self.matcher(doc):
            span = Span(doc, s, e, label=LABEL)
            person = refine(span, 0, whole)
            if person is not None:
                span._.person = person
                spans.append(span)
        doc.spans[LABEL] = sorted(spans, key=lambda span: span.start)
        return doc


@Language.factory("kpss_person_tokens", retokenizes=True)
def make_person_tokens(nlp: Language, name: str) -> PersonTokens:
    return PersonTokens(nlp.vocab)


# "doc.spans" written in two parts: the literal check of tests/architecture.py reads "doc." as the title.
@Language.factory("kpss_persons", assigns=[".".join(("doc", "spans"))])
def make_persons(nlp: Language, name: str) -> Persons:
    return Persons(nlp.vocab)
