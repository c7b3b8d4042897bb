"""Persons as spans: the one person recogniser of the extract stage.

"Mgr. Jana Nová, DiS.", "p. Malý", "NOVÁKOVÁ Jana", "J.Nováková", "s Mgr. Janou Novou": the
`[[patterns]]` of configs/people.toml ([address, rank or title]* [initial] Name{1,4}), run by
`nlp.LexicalMatcher` (spaCy's Matcher semantics, greedy LONGEST, without an object per token),
propose candidates, and each is refined into a `PersonName`: academic titles go to
`titles` (also those written after the name), words of address and ranks are dropped, and the
capitalised run is cut where the name ends ("Jan Hrubec Občanské sdružení" -> "Jan Hrubec").
A given name alone says a person only where it agrees in gender with the surname beside it
and the words do not follow a word that introduces a place (`_given_cue`): "Mladá Boleslav" and
"obec Svatý Mikuláš" are places, "Nová Jana" and "Veselý Petr" persons.

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

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.config import load
from pipeline.extract.nlp import LexicalMatcher, doc_text, text_memo
from pipeline.extract.patterns import patterns, word_class
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
    suffixes: frozenset[str]      # generational suffixes after a surname, lower-cased ("ml.")
    not_names: frozenset[str]     # folded
    given: frozenset[str]         # folded
    given_female: frozenset[str]  # folded
    surname_female: tuple[str, ...]  # endings of a feminine surname ("á"), lower case
    surname_male: tuple[str, ...]    # endings of a masculine adjectival surname ("ý")
    place_heads: frozenset[str]   # lower case: words that introduce a place's name ("obce")
    item_labels: frozenset[str]   # folded one-word labels of plan items


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
        suffixes=frozenset(w.lower() for w in people["name_suffixes"]),
        not_names=frozenset(fold(w).rstrip(":") for w in [*people["not_names"],
                                                          *(w for ref in people["not_name_classes"]
                                                            for w in word_class(ref))]),
        given=frozenset(fold(w) for w in [*people["given_names_female"], *people["given_names_male"]]),
        given_female=frozenset(fold(w) for w in people["given_names_female"]),
        surname_female=tuple(e.lower() for e in people["surname_endings_female"]),
        surname_male=tuple(e.lower() for e in people["surname_endings_male"]),
        place_heads=frozenset(w.lower() for w in people["place_heads"]),
        item_labels=frozenset(fold(w) for ref in people["item_label_classes"] for w in word_class(ref)
                              if " " not in w and not w.endswith(".")),
    )


class PersonName(NamedTuple):
    """A person named in a block: `start:end` covers the name as written (no titles). (A named
    tuple: thousands are made per document.)"""

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
    marker: bool        # a title, a word of address or a rank: what may stand in front of a name
    plain: bool         # a capitalised word that is not a title, a word of address or a rank
    after: bool         # a title after a name as written there: without its dot only when capitalised
    comma: bool         # ","
    item_label: bool    # the label of a plan item ("Aktivita"): the capitalised word after it opens a title
    gender: int         # a given name's gender, else the gender its ending gives a surname: 1 feminine,
                        # -1 masculine, 0 none said ("Nová" 1, "Veselý" -1, "Boleslav" -1, "Novák" 0)
    place_head: bool    # a word that introduces a place's name ("obce", "Město")


_KINDS: dict[int, Kind] = text_memo()  # by the word's id in the vocabulary (`Token.orth`)


def kind(tok: Token) -> Kind:
    found = _KINDS.get(tok.orth)
    if found is None:
        found = _KINDS[tok.orth] = _kind_of(tok.text)
    return found


# A word without a letter (a figure, a sign: half the words of a block) is none of the words
# the lexicons list, nor a name: its Kind is known without reading them.
_LETTER = re.compile(r"[^\W\d_]")
_NO_LETTER = Kind(*[False] * len(Kind._fields))._replace(gender=0)
_COMMA = _NO_LETTER._replace(comma=True)


def _kind_of(text: str) -> Kind:
    if _LETTER.search(text) is None:
        return _COMMA if text == "," else _NO_LETTER
    words, lower, folded = person_words(), text.lower(), fold(text)
    title = text in words.titles or lower in words.titles_lower or lower.rstrip(".") in words.titles_lower
    address, rank, nameish = lower in words.address, lower in words.ranks, is_nameword(text) or is_caps(text)
    after_title = lower in words.after_titles or lower.rstrip(".") in words.after_titles
    marker = title or address or rank
    given = any(p in words.given for p in folded.split("-"))
    return Kind(title=title, address=address, rank=rank, initial=is_initial(text), nameish=nameish,
                caps=is_caps(text), not_name=folded in words.not_names,
                given=given, after_title=after_title,
                marker=marker, plain=nameish and not marker,
                after=lower in words.after_titles or (after_title and text[:1].isupper()), comma=text == ",",
                item_label=folded in words.item_labels, gender=_gender(text, folded, given, words),
                place_head=lower in words.place_heads)


def _gender(text: str, folded: str, given: bool, words: PersonWords) -> int:
    """A given name's gender, else the one a surname's ending shows (see `Kind.gender`)."""
    if given:
        return 1 if folded.split("-")[0] in words.given_female else -1
    lower = text.lower()
    return 1 if lower.endswith(words.surname_female) else -1 if lower.endswith(words.surname_male) else 0


def _given_cue(names: list[int], kinds: list[Kind], placed: bool) -> bool:
    """A given name among `names` says a person, unless a surname beside it is of the other
    gender ("Mladá Boleslav", "Veselý Jana" are a place's name), or the words follow a word that
    introduces a place (`placed`) and do not open with the given name ("obec Svatý Mikuláš")."""
    given = {kinds[i].gender for i in names if kinds[i].given}
    if not given or (placed and not kinds[names[0]].given):
        return False
    surnames = {kinds[i].gender for i in names if not kinds[i].given} - {0}
    return not (len(given) == 1 and surnames and -next(iter(given)) in surnames)


def is_marker_tok(tok: Token) -> bool:
    """A title, a word of address or a rank: what may stand in front of a name."""
    return kind(tok).marker


def is_title_word(word: str) -> bool:
    """A title, word of address or rank written as a word of a string ("Mgr.", "pí")."""
    words = person_words()
    lower = word.lower()
    return word in words.titles or lower in words.titles_lower or lower in words.address or lower in words.ranks


# --------------------------------------------------------------------------- refining a candidate


class _Tokens:
    """A block's tokens as the recogniser reads them: where each starts and ends, whether a space
    follows, and its `Kind`; cut once per Doc from `Doc.to_array`, so that refining a candidate
    makes no Token object. Kept in the Doc (`doc.user_data`): a Doc is not changed after the
    person components."""

    __slots__ = ("text", "orths", "starts", "ends", "spaced", "kinds")

    def __init__(self, doc: Doc):
        self.text = text = doc_text(doc)
        orths, starts, lengths, spaced = doc.to_array([ORTH, IDX, LENGTH, SPACY]).T.tolist() if len(doc) else ([],) * 4
        self.orths, self.starts, self.spaced = orths, starts, spaced
        self.ends = [s + n for s, n in zip(starts, lengths)]
        self.kinds = kinds = list(map(_KINDS.get, orths))
        if None in kinds:
            for i, found in enumerate(kinds):
                if found is None:
                    kinds[i] = _KINDS[orths[i]] = _kind_of(text[starts[i]:self.ends[i]])

    def word(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]


def _tokens(doc: Doc) -> _Tokens:
    found = doc.user_data.get(_TOKENS)
    if found is None or len(found.kinds) != len(doc):
        found = doc.user_data[_TOKENS] = _Tokens(doc)
    return found


_TOKENS = "kpss_person_tokens"


def refine(span: Span, start: int, end: int) -> PersonName | None:
    """The person of a Matcher candidate within `[start, end)` of the text, or None.

    Tokens outside the window are dropped, and so are capitalised words that are no names in
    front of the name ("Zapsala Leona Hájková" -> Leona Hájková)."""
    return _refine_window(_tokens(span.doc), span.start, span.end, start, end)


def _refine_window(t: _Tokens, first: int, span_end: int, start: int, end: int) -> PersonName | None:
    """`refine` of the candidate of tokens `first:span_end`."""
    last = span_end
    while first < last and t.starts[first] < start:
        first += 1
    while last > first and t.ends[last - 1] > end:
        last -= 1
    return _refine(t, first, last, span_end, end)


def _refine(t: _Tokens, first: int, last: int, span_end: int, end: int) -> PersonName | None:
    """`refine` of the candidate's tokens `first:last` (inside the window)."""
    kinds = t.kinds
    labelled = False
    while first < last and kinds[first].plain and kinds[first].not_name:
        labelled = labelled or kinds[first].item_label
        first += 1
    if first == last:
        return None
    if labelled and not any(k.marker or k.initial or k.given for k in kinds[first:last]):
        return None  # "Aktivita Zavedení terénní formy": the item's title, no person
    initial, marked, names = -1, False, []
    for i in range(first, last):
        found = kinds[i]
        if found.marker:
            marked = True
        elif found.initial:
            marked = True
            if initial < 0:
                initial = i
        if found.plain:
            names.append(i)
    if any(kinds[i].caps for i in names):
        names = _caps_words(names, kinds)
    if not marked and len(names) > 2:
        names = _from_given_name(names, kinds)
    names = _name_cut(names, t, end)
    if not names:
        return None
    start, stop = initial if initial >= 0 else names[0], names[-1]
    after, tail, read = _after_titles(t, stop, end)
    titles = [t.word(i) for i in range(first, last) if kinds[i].title and not kinds[i].address] if marked else []
    reach = min(max(read + 2, span_end), len(kinds) - 1)  # the last token looked at
    if start == stop:
        name = t.word(start)
    else:
        name = "".join(t.word(i) + (" " if t.spaced[i] or kinds[i].initial else "")
                       for i in range(start, stop + 1)).strip()
    return PersonName(t.starts[start], t.ends[stop], name, " ".join(titles + after) if titles or after else None,
                      marked or _given_cue(names, kinds, first > 0 and kinds[first - 1].place_head), marked, t.starts[first], tail, t.ends[reach])


def _name_cut(words: list[int], t: _Tokens, end_limit: int) -> list[int]:
    """How many capitalised words are the name: stop before a word that is not a name
    ("Městský" úřad), and take a third word only when the name ends after it
    ("Helena Bianchi Koubková -", not "Jan Hrubec Občanské sdružení")."""
    kept = words
    for k, word in enumerate(words):
        if t.kinds[word].not_name:
            kept = words[:k]
            break
    if len(kept) <= 2:
        return kept
    return kept[:3] if _ends_name(t, kept[2], end_limit) else kept[:2]


def _ends_name(t: _Tokens, word: int, end_limit: int) -> bool:
    """The token after `word` closes a name: punctuation, a title, a number or the end."""
    nxt = word + 1
    if nxt >= len(t.kinds) or t.starts[nxt] >= end_limit:
        return True
    found = t.kinds[nxt]
    return not t.text[t.starts[nxt]].isalpha() or found.marker or found.after_title or found.caps


def _from_given_name(words: list[int], kinds: list[Kind]) -> list[int]:
    """In "Městský úřad Vyškov Jan Kostelecký" the capitalised run is two things: the
    person starts at the given name when the words before it are no given names."""
    for k in range(1, len(words) - 1):
        if kinds[words[k]].given and not any(kinds[w].given for w in words[:k]):
            return words[k:]
    return words


def _caps_words(words: list[int], kinds: list[Kind]) -> list[int]:
    """Capitals are a surname only beside a given name ("NOVÁKOVÁ Jana"); otherwise an
    abbreviation, which is dropped in front of the name and ends it after ("SMJ")."""
    if not any(kinds[w].caps for w in words):
        return words
    if len(words) == 2 and kinds[words[0]].caps != kinds[words[1]].caps \
            and any(kinds[w].given for w in words if not kinds[w].caps):
        return words
    while words and kinds[words[0]].caps:
        words = words[1:]
    for i, word in enumerate(words):
        if kinds[word].caps:
            return words[:i]
    return words


def _after_titles(t: _Tokens, last: int, end_limit: int) -> tuple[list[str], int, int]:
    """Titles written after a name ("Kamila Ryšavá, DiS.", "Jan Novák Ph.D., MBA"), where the text
    after them starts, and the token the reading stopped at."""
    found, kinds, n = [], t.kinds, len(t.kinds)
    tail = t.ends[last]
    i = last + 1
    while i < n and t.starts[i] < end_limit:
        nxt = i + 1 < n and t.starts[i + 1] < end_limit
        if kinds[i].comma and nxt and (kinds[i + 1].after or _trailing_title(t, i + 1, end_limit)):
            i += 1
            continue
        if kinds[i].after or _trailing_title(t, i, end_limit):
            found.append(t.word(i))
            tail = t.ends[i]
            i += 1
            continue
        suffix = _suffix_end(t, i, end_limit)
        if suffix:  # "Jan Trejbal ml.": the mention goes on, no title
            tail, i = t.ends[suffix - 1], suffix
            continue
        break
    return found, tail, i


def _suffix_end(t: _Tokens, i: int, end_limit: int) -> int:
    """After a generational suffix at token `i` ("ml.", "st." - its dot a token of its own or
    not), the index of the token after it; 0 when there is none."""
    word = t.word(i).lower()
    suffixes = person_words().suffixes
    if word in suffixes:
        return i + 1
    dotted = i + 1 < len(t.kinds) and t.starts[i + 1] < end_limit and t.word(i + 1) == "." \
        and t.starts[i + 1] == t.ends[i]
    return i + 2 if dotted and word + "." in suffixes else 0


def _trailing_title(t: _Tokens, i: int, end_limit: int) -> bool:
    """A title written after the name it belongs to ("Nováková Jana, Mgr."), not the title
    of the next person ("Jana Nová, Mgr. Petr Malý")."""
    if not t.kinds[i].title:
        return False
    if i + 1 >= len(t.kinds) or t.starts[i + 1] >= end_limit:
        return True
    nxt = t.kinds[i + 1]
    return not (nxt.nameish or nxt.initial or nxt.marker)


# --------------------------------------------------------------------------- the components


def persons_in(doc: Doc, start: int, end: int) -> list[PersonName]:
    """The persons whose candidate overlaps `[start, end)` of the block text, refined within
    that window, in text order."""
    found = []
    for first, last, start_char, end_char, person in _candidates(doc):
        if end_char <= start or start_char >= end:
            continue
        if start > start_char or end < person.reach:
            person = _refine_window(_tokens(doc), first, last, start, end)
        if person is not None:
            found.append(person)
    return sorted(found, key=lambda p: p.start)


def _candidates(doc: Doc) -> list[tuple[int, int, int, int, PersonName]]:
    """The `person` spans of a Doc as (first token, end token, start char, end char, person),
    read once per Doc (kept in `doc.user_data` with the span group they were read from): reading
    a span group makes a Span, three Tokens and an Underscore per span at every pass, and the
    relations ask `persons_in` of a block many times."""
    group = doc.spans.get(LABEL)
    kept = doc.user_data.get(_CANDIDATES)
    if kept is None or kept[0] is not group:
        spans = [(s.start, s.end, s.start_char, s.end_char, s._.person) for s in group] if group is not None else []
        kept = doc.user_data[_CANDIDATES] = (group, spans)
    return kept[1]


_CANDIDATES = "kpss_person_candidates"


@lru_cache(maxsize=1)
def _dotted_stems() -> list[str]:
    """Words of address, ranks and titles whose dot the tokenizer may split off ("Pí" + ".")."""
    words = person_words()
    return sorted({w[:-1] for w in words.address | words.ranks | words.titles_lower if w.endswith(".")})


@lru_cache(maxsize=1)
def _joins() -> tuple[re.Pattern[str], frozenset[str]]:
    """Where `PersonTokens` may have work: a short word and its dot (a dotted stem, or an initial),
    a hyphen before a letter; and the stems."""
    stems = frozenset(_dotted_stems())
    longest = max(len(stem) for stem in stems if stem.isalpha())  # a token holds no space
    return re.compile(rf"(?<![^\W\d_])([^\W\d_]{{1,{longest}}})\.|-(?=[^\W\d_])"), stems


class PersonTokens:
    """Merge "Pí" + "." and "Nováková" + "-" + "Svobodová" into one token, split "J.Nováková".

    The text says where to look (`_joins`: a word and its dot, a hyphen before a letter); only the
    tokens there are read, so the blocks without such a place cost one regular expression."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        pattern, stems = _joins()
        starts: list[int] = []
        merges, splits = [], []
        for found in pattern.finditer(text):
            word, after = found.group(1), text[found.end():found.end() + 1]
            if not (after.isupper() or (word is not None and word.lower() in stems)):
                continue
            starts = starts or doc.to_array(IDX).tolist()
            if word is None:  # "Nováková" + "-" + "Svobodová"
                k = bisect_right(starts, found.start()) - 1
                if 0 < k < len(doc) - 1 and _hyphenated(doc[k - 1], doc[k], doc[k + 1]):
                    merges.append(doc[k - 1:k + 2])
                continue
            k = bisect_right(starts, found.end() - 2) - 1  # the token of the word's last letter
            tok = doc[k]
            if tok.lower_ in stems and not tok.whitespace_ and k + 1 < len(doc) and doc[k + 1].text == ".":
                merges.append(doc[k:k + 2])  # "Pí" + "."
            if len(word) == 1 and after.isupper() and starts[k] == found.start() and _glued(tok):
                splits.append(tok)  # "J.Nováková"
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


def _hyphenated(first: Token, hyphen: Token, last: Token) -> bool:
    """"Nováková" + "-" + "Svobodová": two names joined by a hyphen without spaces."""
    return hyphen.text == "-" and not first.whitespace_ and not hyphen.whitespace_ and first.is_title \
        and last.is_title and is_nameword(first.text) and is_nameword(last.text)


def _glued(tok: Token) -> bool:
    """"J.Nováková": an initial glued to a name."""
    text = tok.text
    return tok.is_title and not tok.is_alpha and len(text) > 3 and text[1] == "." and is_initial(text[:2]) \
        and is_nameword(text[2:])


class Persons:
    """Fill `doc.spans["person"]` with the persons of a block (see the module docstring)."""

    def __init__(self, vocab: Vocab):
        entries = patterns("people")
        if {entry["label"] for entry in entries} != {LABEL}:
            raise ValueError(f"configs/people.toml: every pattern is labelled {LABEL!r}")
        self.matcher = LexicalMatcher(vocab, [entry["pattern"] for entry in entries], greedy="LONGEST")
        self.label = vocab.strings.add(LABEL)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        t = _tokens(doc)
        matches = self.matcher(doc, t.orths)
        if matches:
            whole = len(t.text)  # the window is the block
            for s, e in matches:
                person = _refine(t, s, e, e, whole)
                if person is not None:
                    span = Span(doc, s, e, label=self.label)
                    span._.person = person
                    spans.append(span)
        doc.spans[LABEL] = spans
        return doc


@Language.factory("kpss_person_tokens", retokenizes=True)
def make_person_tokens(nlp: Language, name: str) -> PersonTokens:
    return PersonTokens(nlp.vocab)


# "doc.spans" written in two parts: the literal check of tests/architecture.py reads "doc." as the title.
@Language.factory("kpss_persons", assigns=[".".join(("doc", "spans"))])
def make_persons(nlp: Language, name: str) -> Persons:
    return Persons(nlp.vocab)
