"""Organisation mentions in the text of minutes, and the names a reader writes for them.

Minutes name an organisation in many shapes: with a legal form ("Romodrom
o. p. s.", "„D“ občanské sdružení"), by a head word ("Charita Ostrava",
"Krajský úřad Libereckého kraje"), inflected ("s městem Prostějovem",
"Domácím hospicem DUHA", "úřad práce"), by an abbreviation ("SML", "KÚ OL
kraje"), or bare in a slot that says it is one ("R: Rubikon", "Realizátorem
projektu je ..."). This module finds those mentions (`find_mentions`), brings
each to its nominative name with the legal form split off (`nominative`,
`split_legal_form`), checks IČO (`ico_valid`), and merges the variants one
document uses for one organisation (`merge_names`: typos, a town suffix,
"Sdružení X" beside "X, o.s.", an acronym of a name written out elsewhere).

Everything language-specific (heads, legal forms, inflection tables, stop
words) is data in configs/organisations.toml; the code holds the shapes.
Text helpers shared by the organisation, service and capacity extractors
(tokens, sentences, lines, slots) live here too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Sequence

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import body_offset, fold, label_match
from pipeline.extract.nlp import tokenize

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Mention:
    """One organisation named in one block: the span as written and the name it stands for."""

    block_id: int
    start: int
    end: int
    written: str  # as written, the legal form included when it follows the name
    name: str  # nominative, legal form split off
    legal_form: str | None = None
    ico: str | None = None
    kind: str = "head"  # legal, head, public, abbr, region, town, slot, list, bare, attendee
    canonical: str = ""  # the document-wide name after merging variants

    @property
    def key(self) -> str:
        return self.canonical or self.name


@dataclass(frozen=True)
class Tok:
    """A token with its character span in the block; `gap` is the whitespace after it."""

    text: str
    start: int
    end: int
    gap: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return any(c.isalpha() for c in self.text)


@dataclass
class _Lex:
    """The lexicons of configs/organisations.toml (and people.toml), prepared for matching."""

    legal: dict[tuple[str, ...], str]
    heads: dict[str, list[tuple[tuple[str, ...], str]]]  # first word key -> [(word keys, kind)]
    name_starts: set[tuple[str, ...]]
    classifiers: set[str]
    name_or_classifier: set[str]
    continuations: list[tuple[str, ...]]
    after_capital: set[str]
    abbreviations: set[str]
    abbreviation_patterns: list[re.Pattern[str]]
    not_abbreviations: set[str]
    not_organisations: list[str]
    verbs: set[str]
    verb_endings: tuple[str, ...]
    clause_words: set[str]
    inside_name: set[str]
    town_joiners: set[str]
    lemmas: dict[str, tuple[str, str, str]]  # form -> (lemma, gender, case)
    adjective_endings: dict[str, list[tuple[str, str]]]
    town_endings: dict[str, list[tuple[str, str]]]
    territory_before: set[str]
    actor_before: set[str]
    enumeration_after: set[str]
    titles: set[str]
    given_names: set[str]
    expansions: dict[str, str]
    grammar: dict[str, Any]


_ADJ_ENDINGS = ("ými", "ého", "ému", "ího", "ímu", "ých", "ích", "ími", "ém",
                "ým", "ím", "ou", "ý", "á", "é", "í")


def _adjective_stem(word: str) -> str:
    for ending in _ADJ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _key(word: str, lemmas: dict[str, tuple[str, str, str]]) -> str:
    """What a word is compared by: a listed noun's lemma, else the word without an adjective ending."""
    low = word.lower()
    if low in lemmas:
        return lemmas[low][0]
    return _adjective_stem(low)


@lru_cache(maxsize=1)
def lex() -> _Lex:
    """Load and prepare the lexicons once per process."""
    cfg, people = load("organisations"), load("people")
    names, ctx, stops = cfg["names"], cfg["context"], cfg["stops"]
    lemmas: dict[str, tuple[str, str, str]] = {}
    for lemma, spec in cfg["lemmas"].items():
        for form, case in spec["forms"].items():
            lemmas.setdefault(form, (lemma, spec["gender"], case))
    for lemma, spec in cfg["lemmas"].items():
        lemmas[lemma] = (lemma, spec["gender"], "nom")

    def words(phrase: str) -> tuple[str, ...]:
        return tuple(t.text.lower() for t in tokenize(phrase) if not t.is_space)

    heads: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, key in (("public", "public_heads"), ("named", "named_heads"), ("complement", "complement_heads")):
        for head in names[key]:
            keys = tuple(_key(w, lemmas) for w in words(head))
            heads.setdefault(keys[0], []).append((keys, kind))
    for entries in heads.values():
        entries.sort(key=lambda e: (-len(e[0]), e[1] != "complement"))
    legal = {words(v): canonical for canonical, variants in cfg["legal_forms"].items() for v in variants}
    titles = {t.lower() for t in [*people["titles_before"], *people["titles_after"], *people["address"],
                                  *people.get("titles_dotless", []), *people.get("ranks", [])]}
    return _Lex(
        legal=legal,
        heads=heads,
        name_starts={tuple(_key(w, lemmas) for w in words(s)) for s in names["name_starts"]},
        classifiers={c.lower() for c in names["classifiers"]},
        name_or_classifier={c.lower() for c in names["name_or_classifier"]},
        continuations=[words(c) for c in names["continuations"]],
        after_capital={w.lower() for w in names["after_capital"]},
        abbreviations=set(names["abbreviations"]),
        abbreviation_patterns=[re.compile(p) for p in names["abbreviation_patterns"]],
        not_abbreviations=set(names["not_abbreviations"]),
        not_organisations=[fold(n) for n in names["not_organisations"]],
        verbs={w.lower() for w in stops["verbs"]},
        verb_endings=tuple(stops["verb_endings"]),
        clause_words={w.lower() for w in stops["clause_words"]},
        inside_name={w.lower() for w in stops["inside_name"]},
        town_joiners={w.lower() for w in stops["town_joiners"]},
        lemmas=lemmas,
        adjective_endings={g: [(a, b) for a, b in v] for g, v in cfg["adjective_endings"].items()},
        town_endings={c: [(a, b) for a, b in v] for c, v in cfg["town_endings"].items()},
        territory_before={w.lower() for w in ctx["territory_before"]},
        actor_before={w.lower() for w in ctx["region_actor_before"]},
        enumeration_after={w.lower() for w in ctx["enumeration_after"]},
        titles=titles,
        given_names={*people.get("given_names_female", []), *people.get("given_names_male", [])},
        expansions={fold(k): fold(v) for k, v in cfg["expansions"].items()},
        grammar={k: (tuple(v) if isinstance(v, list) else v) for k, v in cfg["grammar"].items()},
    )


def word_key(word: str) -> str:
    """What a word is compared by in heads and merges (a noun's lemma or an adjective's stem)."""
    return _key(word, lex().lemmas)


def grammar(name: str) -> Any:
    """A word class of configs/organisations.toml [grammar]."""
    return lex().grammar[name]


# --------------------------------------------------------------------------- tokens, sentences, lines


def toks(text: str, offset: int = 0) -> list[Tok]:
    """Tokens of `text` (the spaCy tokenizer with merged legal forms), whitespace folded into
    the `gap` of the token before it; spans are shifted by `offset`."""
    return list(_toks(text, offset))


@lru_cache(maxsize=4096)
def _toks(text: str, offset: int) -> tuple[Tok, ...]:
    out: list[Tok] = []
    for t in tokenize(text):
        if t.is_space:
            if out:
                out[-1] = replace(out[-1], gap=out[-1].gap + t.text + t.whitespace_)
            continue
        out.append(Tok(t.text, t.idx + offset, t.idx + offset + len(t.text), t.whitespace_))
    return tuple(out)


_SENTENCE_END = re.compile(r"(?<=[.?;])\s+(?=[„\"(]?[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9])|\s*\n\s*")


@lru_cache(maxsize=1)
def _no_sentence_end() -> re.Pattern[str]:
    """Words after which a dot does not end a sentence: titles, abbreviations, legal forms."""
    people = load("people")
    words = {*people["titles_before"], *people["titles_after"], *people["address"], *people.get("ranks", [])}
    words |= {v for vs in load("organisations")["legal_forms"].values() for v in vs if v.endswith(".")}
    words |= {"č.", "tj.", "tzv.", "resp.", "např.", "apod.", "atd.", "ul.", "nám.", "odst.", "písm.", "soc.",
              "Sv.", "sv.", "cca.", "r.", "hod.", "min.", "max.", "str.", "tel.", "s.", "o.", "a.", "p."}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s(,]))(?:{alternation})$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a block's sentences: they end at . ? ; before a capital or a figure, and at
    line breaks ("!" ends names too: "MAS Přiďte pobejt!"). A dot after a title, an
    abbreviation, a legal form or a one- or two-digit ordinal ("3. ledna", "1. Mgr.") does
    not end one."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if "\n" not in match.group():
            tail = text[start:match.start()].rstrip()
            if _no_sentence_end().search(tail) or re.search(r"(?:^|\s)\d{1,2}\.$", tail):
                continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence that holds character `pos`."""
    found = sentences(text)
    for start, end in found:
        if start <= pos < end:
            return start, end
    for start, end in reversed(found):
        if start <= pos:
            return start, end
    return 0, len(text)


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of a block (a paragraph may hold several "Label: value" lines)."""
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# --------------------------------------------------------------------------- word classes


def is_verb(word: str) -> bool:
    """A listed verb, or a lower-case word with a verb ending ("provozuje", "zrušila")."""
    lx = lex()
    low = word.lower()
    if low in lx.verbs:
        return True
    return word.islower() and len(low) > 3 and low.endswith(lx.verb_endings)


def _is_title(tok: Tok) -> bool:
    """An academic title, rank or word of address ("Mgr.", "Mgr", "npor.", "pí.")."""
    return tok.lower in lex().titles


def is_abbreviation(word: str) -> bool:
    """A capitalised abbreviation of a public body (configs), kept as written."""
    lx = lex()
    if word in lx.not_abbreviations:
        return False
    return word in lx.abbreviations or any(p.match(word) for p in lx.abbreviation_patterns)


def _hard_break(prev: Tok) -> bool:
    """A line break or a tab after a token ends any name."""
    return "\n" in prev.gap or "\t" in prev.gap


def legal_at(tokens: Sequence[Tok], i: int) -> tuple[int, str] | None:
    """A legal form starting at token i: (number of tokens, canonical form). Spelled-out forms
    ("občanské sdružení") count only in lower case."""
    legal = lex().legal
    for size in (3, 2, 1):
        words = tuple(t.lower for t in tokens[i:i + size])
        if len(words) == size and words in legal:
            if size > 1 and not all(t.text.islower() for t in tokens[i:i + size]):
                continue
            return size, legal[words]
    return None


def head_at(tokens: Sequence[Tok], i: int) -> tuple[int, str] | None:
    """A head of an organisation name at token i: (tokens, kind), the longest first.
    Public heads match in any case and inflection; the others need a capital."""
    lx = lex()
    for keys, kind in lx.heads.get(word_key(tokens[i].text), []):
        n = len(keys)
        if i + n > len(tokens) or any(_hard_break(tokens[i + k]) for k in range(n - 1)):
            continue
        if all(word_key(tokens[i + k].text) == keys[k] for k in range(n)):
            if kind != "public" and not tokens[i].is_cap:
                continue
            if all(t.text.isupper() and len(t.text) > 3 for t in tokens[i:i + n]):
                continue  # a running header in capitals ("SOCIÁLNÍCH SLUŽEB MĚSTA OPAVY")
            return n, kind
    return None


def _starts_name(tokens: Sequence[Tok], i: int) -> bool:
    """A capitalised word that begins organisation names ("Sdružení", "Centrum", "Domov")."""
    lx = lex()
    return tokens[i].is_cap and any(
        tuple(word_key(t.text) for t in tokens[i:i + len(s)]) == s for s in lx.name_starts)


def _in_nominative(tok: Tok) -> bool:
    entry = lex().lemmas.get(tok.lower)
    return entry is None or entry[2] == "nom"


# --------------------------------------------------------------------------- nominative names


def _adjective_nominative(word: str, gender: str) -> str:
    for ending, nominative_ending in lex().adjective_endings.get(gender, []):
        if word.lower().endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + nominative_ending
    return word


def _town_nominative(word: str, case: str) -> str:
    for ending, nominative_ending in lex().town_endings.get(case, []):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: len(word) - len(ending)] + nominative_ending
    return word


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def nominative(words: Sequence[str]) -> str:
    """The nominative of a name whose head may be inflected ("Domácím hospicem DUHA" ->
    "Domácí hospic DUHA", "městem Prostějovem" -> "Město Prostějov", "Slezské diakonie" ->
    "Slezská diakonie", "úřad práce" -> "Úřad práce"). The first noun of the lemma table is
    brought to its lemma, the adjectives before it agree with its gender, a town after an
    inflected "město"/"obec" loses its case ending, and a noun after a dash is brought to
    its lemma ("– střediska Světlo"); a genitive complement ("... Libereckého kraje") stays."""
    lx = lex()
    words = list(words)
    for i, word in enumerate(words):
        entry = lx.lemmas.get(word.lower())
        if not entry:
            continue
        lemma, gender, case = entry
        out = [_adjective_nominative(w, gender) for w in words[:i]]
        if case == "nom":
            out.append(word)
        else:
            out.append(lemma if (out or word.islower()) else _capitalise(lemma))
        rest = words[i + 1:]
        if lemma in grammar("town_nouns") and case != "nom":
            town = []
            for w in rest:
                if not w[:1].isupper():
                    break
                town.append(_town_nominative(w, case))
            rest = town + rest[len(town):]
        return _tidy(_capitalise(" ".join(out + _after_dash_nominative(rest))))
    return _tidy(" ".join(_after_dash_nominative(words)))


def written_oblique(m: Mention) -> bool:
    """The mention's head noun is written in an oblique case ("Charitu Vítkov", "městem X"):
    the organisation is an object, not the subject of its sentence."""
    for word in m.written.split():
        entry = lex().lemmas.get(word.lower().strip(",."))
        if entry:
            return entry[2] != "nom"
    return False


def _after_dash_nominative(words: list[str]) -> list[str]:
    """A listed noun right after a dash in its lemma ("– střediska Světlo" -> "– středisko Světlo")."""
    lx = lex()
    out = list(words)
    for k in range(1, len(out)):
        entry = lx.lemmas.get(out[k].lower())
        if out[k - 1] in ("–", "-", "—") and entry and entry[2] != "nom":
            out[k] = entry[0]
    return out


def _tidy(name: str) -> str:
    name = re.sub(r"\s+([,!.])", r"\1", name)
    name = re.sub(r"\s*[–—]\s*", " – ", name)
    return name.strip(" ,;:")


def split_legal_form(text: str) -> tuple[str, str | None]:
    """"Člověk v tísni, o. p. s." -> ("Člověk v tísni", "o. p. s."); no form: (text, None)."""
    tokens = toks(text)
    for i in range(1, len(tokens)):
        hit = legal_at(tokens, i)
        if hit and i + hit[0] == len(tokens):
            name_end = tokens[i - 1].end if tokens[i - 1].text != "," else tokens[max(0, i - 2)].end
            return text[:name_end].strip(" ,"), hit[1]
    return text.strip(), None


def ico_valid(ico: str) -> bool:
    """IČO check: 8 digits, the last the mod-11 check digit of the first seven (weights 8..2)."""
    if not re.fullmatch(r"\d{8}", ico):
        return False
    total = sum(int(d) * w for d, w in zip(ico[:7], range(8, 1, -1)))
    return (11 - total % 11) % 10 == int(ico[7])


def fold_key(name: str) -> str:
    """A name folded for comparison: lower case, no diacritics, no punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w ]+", " ", fold(name))).strip()


def _merge_key(name: str) -> str:
    """`fold_key` with a public body's abbreviation written out ("MěÚ X" -> "mestsky urad x")."""
    key = fold_key(name)
    first, _, rest = key.partition(" ")
    expanded = lex().expansions.get(first)
    return f"{expanded} {rest}".strip() if expanded and rest else key


def is_not_organisation(name: str) -> bool:
    """Funds, programmes, working groups, bare heads and generic words (configs)."""
    folded = fold_key(name)
    if not folded or not any(c.isalpha() for c in folded):
        return True
    for entry in lex().not_organisations:
        if entry.endswith("*") and folded.startswith(entry[:-1]):
            return True
        if folded == entry:
            return True
    return False


# --------------------------------------------------------------------------- persons


def person_tokens(tokens: Sequence[Tok]) -> set[int]:
    """Indices of tokens that belong to a person's name, which no organisation name crosses:
    a title or word of address and the capitalised words after it (two, or three when the
    third looks like a surname), and a given name with the capitalised word after it."""
    lx = lex()
    person: set[int] = set()
    i = 0
    while i < len(tokens):
        if _is_title(tokens[i]):
            j = i
            while j < len(tokens) and _is_title(tokens[j]):
                person.add(j)
                j += 1
            taken = 0
            while j < len(tokens) and taken < 3 and _person_word(tokens, j):
                if taken == 2 and not tokens[j].text.endswith(grammar("surname_endings")):
                    break
                person.add(j)
                j, taken = j + 1, taken + 1
            i = j
            continue
        if tokens[i].text in lx.given_names and i + 1 < len(tokens) and _person_word(tokens, i + 1):
            person.update((i, i + 1))
            i += 2
            continue
        i += 1
    return person


def _person_word(tokens: Sequence[Tok], j: int) -> bool:
    tok = tokens[j]
    return (tok.is_cap and tok.is_word and not tok.text.isupper() and head_at(tokens, j) is None
            and not _starts_name(tokens, j) and not _hard_break(tokens[j - 1]) if j else True)


# --------------------------------------------------------------------------- finding names


def _backward_name(tokens: Sequence[Tok], end: int, persons: set[int],
                   services: Sequence[tuple[int, int]] = (), in_table: bool = False) -> tuple[int, int] | None:
    """The name in front of a legal form at token `end`, as a token range [start, stop).

    Walks back over the words of a name (lower-case words and prepositions included:
    "Člověk v tísni") and stops at punctuation, a verb, a clause word, a person, a figure, a
    line break, a service type not inside the name ("Sociálně terapeutická dílna X, z. ú.",
    but "Středisko rané péče X") or "a" before a
    capital; an abbreviation's dot goes on ("Hospic sv. Zdislavy"); a quoted name ("„D“
    občanské sdružení") is taken whole. The name starts right after a classifier ("firma", "organizace"), else at the
    rightmost head or name-starting word in the nominative, else at the first capital."""
    lx = lex()
    hi = end - 1 if end > 0 and tokens[end - 1].text == "," else end
    if hi > 0 and tokens[hi - 1].text in "“\"”":
        for j in range(hi - 2, max(-1, hi - 9), -1):
            if tokens[j].text in "„\"“":
                return (j + 1, hi - 1) if j + 1 < hi - 1 else None
        return None
    lo = hi
    while lo > 0:
        tok = tokens[lo - 1]
        if lo < hi and _hard_break(tok):
            break
        if tok.text == "." and lo >= 2 and tokens[lo - 2].is_word and len(tokens[lo - 2].text) <= 3 \
                and not tokens[lo - 2].gap and lo < hi:
            lo -= 2  # "sv." inside a name
            continue
        if lo - 1 in persons or not tok.is_word:
            break
        service = next(((a, b) for a, b in services if a <= tok.start < b), None)
        if service and not _service_in_name(tokens, service[0], in_table):
            break
        if _is_classifier(tokens, lo - 1, hi):
            return (lo, hi) if lo < hi else None
        if is_verb(tok.text) or (tok.lower in lx.clause_words and tok.lower not in lx.inside_name):
            break
        if tok.lower in grammar("coordinators") and tokens[lo].is_cap and lo < hi:
            break
        lo -= 1
    start = _name_start(tokens, lo, hi)
    if start is None:
        return None
    while hi > start and tokens[hi - 1].lower in lx.inside_name:
        hi -= 1
    return (start, hi) if start < hi else None


def _service_in_name(tokens: Sequence[Tok], service_start: int, in_table: bool = False) -> bool:
    """A service type inside a name: after the word that starts it ("Středisko rané péče X"),
    or opening it in the nominative with a capital ("Domov pro seniory Kravaře, p. o."), but
    not inflected ("Sociálně terapeutickou dílnu X, z. ú. rozšíří") nor in a flattened table,
    whose service column is no part of a name."""
    before = [k for k, t in enumerate(tokens) if t.end <= service_start]
    if before and _starts_name(tokens, before[-1]):
        return True
    first = next((k for k, t in enumerate(tokens) if t.start == service_start), None)
    if first is None or in_table or not tokens[first].is_cap:
        return False
    words = [t.lower for t in tokens[first:first + 2] if t.lower not in grammar("service_adverbs")]
    return not any(w.endswith(grammar("oblique_endings")) for w in words[:1])


def _is_classifier(tokens: Sequence[Tok], i: int, hi: int) -> bool:
    """A word that only says what kind of body the following name is."""
    lx = lex()
    tok = tokens[i]
    if tok.lower in lx.classifiers:
        # a preposition ("za KÚLK") classifies only before a capital ("Krok za krokem" is a name)
        return tok.lower not in lx.inside_name or (i + 1 < hi and tokens[i + 1].is_cap)
    if tok.lower in lx.name_or_classifier:
        return tok.text.islower() or (i + 1 < hi and _starts_name(tokens, i + 1))
    return False


def _name_start(tokens: Sequence[Tok], lo: int, hi: int) -> int | None:
    """Where the name in tokens[lo:hi] starts: the rightmost head or name start in the
    nominative, else the first capitalised word (or word with a figure)."""
    best = None
    for i in range(lo, hi):
        if tokens[i].is_cap and (head_at(tokens, i) or _starts_name(tokens, i)) and _in_nominative(tokens[i]):
            best = i
    if best is not None:
        return best
    for i in range(lo, hi):
        if tokens[i].is_cap or any(c.isdigit() for c in tokens[i].text):
            return i
    return None


def _forward_tail(tokens: Sequence[Tok], i: int, kind: str, persons: set[int],
                  service_starts: frozenset[int] = frozenset()) -> int:
    """Where a name ends that goes on after its head (tokens up to i): the index after it.

    Capitalised words (a town, "ČR", "DUHA") always go on, with lower-case "kraje" after a
    capital ("Libereckého kraje") and a preposition inside a town ("Brodek u Přerova");
    after a complement head lower-case words go on too ("Ministerstvo spravedlnosti",
    "MAS Přiďte pobejt"), a quoted name too ("Sdružení „Krok“"), and "a" between
    adjectives. Another head, a person, a verb, a
    clause word, a figure, a legal form, punctuation, a service type ("... Prostějov Azylový
    dům") or a capital that opens a new phrase ("... policií Finanční podpora") ends it."""
    lx = lex()
    j, lower_run = i, 0
    if kind == "complement" and j < len(tokens) and tokens[j].text in "„\"":
        close = next((k for k in range(j + 1, min(len(tokens), j + 8)) if tokens[k].text in "“\"”"), None)
        if close is not None and close > j + 1:
            return close + 1  # Sdružení „Krok“
    while j < len(tokens):
        tok = tokens[j]
        if _hard_break(tokens[j - 1]) or j in persons or _is_title(tok):
            break
        cont = _continuation_at(tokens, j)
        if cont:
            j = cont
            continue
        if tok.text in ("-", "–") and not tokens[j - 1].gap and not tok.gap and tokens[j - 1].is_cap \
                and j + 1 < len(tokens) and tokens[j + 1].is_cap:
            j += 2  # a double-barrelled town: "Frýdek-Místek"
            continue
        if not tok.is_word or legal_at(tokens, j) or (tok.is_cap and head_at(tokens, j)):
            break
        if tok.is_cap or any(c.isdigit() for c in tok.text):
            if tok.lower in lx.verbs or tok.lower in lx.clause_words or tok.start in service_starts \
                    or _opens_phrase(tokens, j):
                break
            j, lower_run = j + 1, 0
            continue
        if tok.lower in lx.after_capital and tokens[j - 1].is_cap:
            j += 1
            continue
        if tok.lower in lx.town_joiners and tokens[j - 1].is_cap and j + 1 < len(tokens) \
                and tokens[j + 1].is_cap and tokens[j + 1].is_word and not head_at(tokens, j + 1):
            j += 2
            continue
        if kind != "complement":
            break
        if tok.lower == "a" and j + 2 < len(tokens) and _is_adjective(tokens[j + 1].text) \
                and tokens[j + 2].text.islower():
            j += 1
            continue
        if is_verb(tok.text) or tok.lower in lx.clause_words or lower_run >= 4:
            break
        j, lower_run = j + 1, lower_run + 1
    return j


def _opens_phrase(tokens: Sequence[Tok], j: int) -> bool:
    """A capitalised word that starts a new phrase rather than going on with a name (text
    that lost its punctuation): an adjective before a lower-case noun ("Finanční podpora"),
    or a word coordinated with a lower-case one ("Tvorba a distribuce")."""
    lx = lex()
    if j + 1 >= len(tokens) or tokens[j].text.isupper():
        return False
    nxt = tokens[j + 1]
    if not nxt.is_word or not nxt.text.islower() or nxt.lower in lx.after_capital:
        return False
    if nxt.lower in grammar("coordinators") and j + 2 < len(tokens) and tokens[j + 2].text.islower():
        return True
    adjective = tokens[j].lower.endswith(grammar("adjective_endings"))
    return adjective and not is_verb(nxt.text) and nxt.lower not in lx.clause_words


def _is_adjective(word: str) -> bool:
    return word.islower() and word.endswith(grammar("adjective_endings"))


def _continuation_at(tokens: Sequence[Tok], j: int) -> int | None:
    """A continuation of a name ("– středisko Světlo") at token j: the index after it."""
    for cont in lex().continuations:
        n = len(cont)
        if tuple(t.lower for t in tokens[j:j + n]) == cont and j + n < len(tokens) and tokens[j + n].is_cap:
            k = j + n
            while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word and not _hard_break(tokens[k - 1]):
                k += 1
            return k
    return None


def _ico_after(text: str, end: int) -> str | None:
    """An IČO/IČ written right after a name: "..., IČ 26672472", "(IČO 26941571)"."""
    match = re.match(r"[\s,;(]*I[ČC]O?\s*[:.]?\s*(\d[\d ]{5,11}\d)", text[end:end + 40])
    return match.group(1).replace(" ", "") if match else None


def _make(block: BlockView, tokens: Sequence[Tok], lo: int, hi: int, kind: str,
          legal: tuple[int, int, str] | None = None) -> Mention | None:
    """A mention of the name tokens [lo, hi), with an optional legal form (start, size, form)."""
    while hi > lo and tokens[hi - 1].text in ",–-—":
        hi -= 1
    if hi <= lo:
        return None
    words = block.text[tokens[lo].start:tokens[hi - 1].end].split()  # "Frýdek-Místek" stays one word
    end = tokens[hi - 1].end
    legal_form = None
    if legal:
        l_start, size, legal_form = legal
        end = tokens[l_start + size - 1].end
    if is_abbreviation(words[0]) and words[0].isupper():
        name = _tidy(" ".join(words))
    else:
        name = nominative(words)
    if is_not_organisation(name):
        return None
    text = block.text
    return Mention(block.block_id, tokens[lo].start, end, text[tokens[lo].start:end], name, legal_form,
                   _ico_after(text, end), kind)


def _legal_mentions(block: BlockView, tokens: Sequence[Tok], persons: set[int],
                    services: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    in_table = flattened_table(block.text)
    """Names in front of a legal form ("Sdružení TULIPAN, z. s.", "„D“ občanské sdružení")."""
    out = []
    for i in range(1, len(tokens)):
        hit = legal_at(tokens, i)
        if not hit:
            continue
        after = i + hit[0]
        quoted = tokens[i - 1].text in "“\"”"
        if hit[0] > 1 and not quoted and after < len(tokens) and tokens[after].text.islower() \
                and not is_verb(tokens[after].text):
            continue  # "občanské sdružení sociální pomoci": the start of a name, not a form
        span = _backward_name(tokens, i, persons, services, in_table)
        if span:
            mention = _make(block, tokens, span[0], span[1], "legal", (i, hit[0], hit[1]))
            if mention:
                out.append(mention)
    return out


@lru_cache(maxsize=1)
def _table_headers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = load("plan")["table"]
    return tuple(fold(h) for h in table["organisation"]), tuple(fold(h) for h in table["service"])


def flattened_table(text: str) -> bool:
    """A table a transcript flattened into one paragraph: its first words are the header
    cells of an organisation column and a service column ("Název organizace Druh služby")."""
    head = fold(text[:80])
    organisation, service = _table_headers()
    return any(h in head for h in organisation) and any(h in head for h in service) and len(text) > 80


def _territory(tokens: Sequence[Tok], i: int) -> bool:
    """A town or region named as a place ("na území města X", "v centru města")."""
    lx = lex()
    prev = [t.lower for t in tokens[max(0, i - 2):i]]
    return bool(prev) and (prev[-1] in lx.territory_before or (len(prev) == 2 and prev[0] in lx.territory_before
                                                               and prev[1] in lx.inside_name))


def _head_mentions(block: BlockView, tokens: Sequence[Tok], persons: set[int],
                   services: frozenset[int] = frozenset()) -> list[Mention]:
    """Names that start with a head word; a bare town or region noun and a town named as a place
    are left out (see `_bare_towns`)."""
    out = []
    i = 0
    while i < len(tokens):
        hit = head_at(tokens, i) if i not in persons else None
        if not hit:
            i += 1
            continue
        size, kind = hit
        end = _forward_tail(tokens, i + size, kind, persons, services)
        if _place_not_actor(tokens, i, size, end):
            i = end
            continue
        mention = _make(block, tokens, i, end, "public" if kind == "public" else "head", _legal_after(tokens, end))
        if mention:
            out.append(mention)
        i = max(end, i + 1)
    return out


def _place_not_actor(tokens: Sequence[Tok], i: int, size: int, end: int) -> bool:
    """A town, municipality or region head that names a place rather than a body: bare
    ("města"), after a place word ("na území města X"), in the locative ("ve městě X"), a
    lower-case "obce X" (municipalities as places), or one of several places ("obce X a Y")."""
    head = tokens[i + size - 1]
    lemma = word_key(head.text)
    if lemma not in (*grammar("town_nouns"), grammar("region_noun")):
        return False
    if end == i + size or _territory(tokens, i):
        return True
    entry = lex().lemmas.get(head.lower)
    if not tokens[i].is_cap and (lemma in grammar("place_only_lowercase") or (entry and entry[2] == "loc")):
        return True
    nxt = tokens[end] if end < len(tokens) else None
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return bool(nxt and after and (nxt.lower in grammar("coordinators") or nxt.text == ",") and after.is_cap
                and not tokens[i].is_cap)


def _legal_after(tokens: Sequence[Tok], end: int) -> tuple[int, int, str] | None:
    for pos in (end, end + 1):
        if pos < len(tokens) and (pos == end or tokens[end].text == ","):
            hit = legal_at(tokens, pos)
            if hit:
                return pos, hit[0], hit[1]
    return None


def _region_mentions(block: BlockView, tokens: Sequence[Tok]) -> list[Mention]:
    """A region named as an actor: "<adjective> kraj" after a funding or project noun ("z
    dotace Olomouckého kraje", "rozpočet Zlínského kraje"); as a place it is no organisation."""
    lx = lex()
    out = []
    for i in range(1, len(tokens)):
        if word_key(tokens[i].text) != grammar("region_noun") or tokens[i].is_cap or not tokens[i - 1].is_cap:
            continue
        adj = i - 1
        if adj > 0 and word_key(tokens[adj - 1].text) in grammar("region_holders"):
            continue
        if not any(t.lower in lx.actor_before for t in tokens[max(0, adj - 3):adj]):
            continue
        entry = lx.lemmas.get(grammar("region_noun"))
        name = f"{_adjective_nominative(tokens[adj].text, entry[1] if entry else 'm')} {grammar('region_noun')}"
        out.append(Mention(block.block_id, tokens[adj].start, tokens[i].end,
                           block.text[tokens[adj].start:tokens[i].end], _capitalise(name), kind="region"))
    return out


def _abbreviation_mentions(block: BlockView, tokens: Sequence[Tok]) -> list[Mention]:
    """Abbreviations of public bodies ("SML", "JČK"), not those inside a longer run of
    capitals that names a programme ("ZSS MSK")."""
    out = []
    for i, tok in enumerate(tokens):
        if not (tok.is_word and is_abbreviation(tok.text)):
            continue
        neighbours = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
        if any(n.is_word and n.text.isupper() and len(n.text) > 1 and not is_abbreviation(n.text)
               for n in neighbours):
            continue
        out.append(Mention(block.block_id, tok.start, tok.end, tok.text, tok.text, kind="abbr"))
    return out


def mentions_in_span(block: BlockView, start: int, end: int) -> list[Mention]:
    """Organisation mentions found by their shape inside block.text[start:end]."""
    tokens = toks(block.text[start:end], start)
    persons = person_tokens(tokens)
    from pipeline.extract.services import find_services  # services imports this module

    service_spans = [(start + m.start, start + m.end) for m in find_services(block.text[start:end])]
    services = frozenset(a for a, _ in service_spans)
    found = (_legal_mentions(block, tokens, persons, service_spans)
             + _head_mentions(block, tokens, persons, services)
             + _abbreviation_mentions(block, tokens) + _region_mentions(block, tokens))
    return drop_overlaps(found)


def drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Where mentions of one block overlap keep the one with a legal form, else the longer."""
    ranked = sorted(found, key=lambda m: (m.legal_form is None, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.block_id != k.block_id or m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.block_id, m.start))


# --------------------------------------------------------------------------- names given by position


def looks_like_name(value: str, strict: bool = False) -> bool:
    """A short capitalised phrase without figures that is no person, verb phrase, service
    type or excluded thing: what a slot or a provider list may hold as a bare name. `strict`
    (for names found by position alone) also refuses words in capitals that are no known
    abbreviation ("ZSSS LK", "OOSV": programmes and target groups)."""
    lx = lex()
    words = value.split()
    if not words or len(words) > 6 or not value[:1].isupper() or value[:1] in "„\"(":
        return False
    if strict and any(len(w) > 1 and w.isupper() and not is_abbreviation(w) for w in words):
        return False
    if re.search(r"\d{3,}|[?:]", value) or words[0].lower() in lx.titles:
        return False
    if words[0] in lx.given_names and len(words) >= 2 and words[1][:1].isupper():
        return False
    if len(words) == 1 and words[0].endswith(grammar("lone_surname_endings")):
        return False  # a surname ("Zodpovídá: Nováková")
    if any(is_verb(w) for w in words):
        return False
    from pipeline.extract.services import find_services  # services imports this module

    return not find_services(value) and not is_not_organisation(value)


def _value_mention(block: BlockView, start: int, end: int, kind: str) -> Mention | None:
    """A mention for a whole value ("R: Rubikon"), the legal form split off."""
    raw = block.text[start:end]
    written = raw.strip(" ,;.")
    if not written:
        return None
    start += raw.index(written[0])
    name, legal_form = split_legal_form(written)
    words = [t.text for t in toks(name)]
    name = _tidy(" ".join(words)) if words and is_abbreviation(words[0]) else nominative(words)
    if is_not_organisation(name):
        return None
    end = start + len(written)
    return Mention(block.block_id, start, end, written, name, legal_form, _ico_after(block.text, end), kind)


def value_mentions(block: BlockView, start: int, end: int, kind: str = "slot") -> list[Mention]:
    """Organisations in a slot value ("R: X", "Realizátor: X; Y (služba)", "partnerem je X"):
    each part split at ";" and parentheses left out; where no shape is found, the part's
    first comma piece is taken when it looks like a name (after it come sub-units:
    "Charita Ostrava, Sv. Lucie")."""
    out: list[Mention] = []
    text = block.text
    for part in re.finditer(r"[^;]+", text[start:end]):
        p_start, p_end = start + part.start(), start + part.end()
        paren = text.find("(", p_start, p_end)
        core_end = paren if paren >= 0 else p_end
        found = mentions_in_span(block, p_start, core_end)
        if found:
            out.extend(found)
            continue
        piece_end = text.find(", ", p_start, core_end)
        piece_end = core_end if piece_end < 0 else piece_end
        value = text[p_start:piece_end].strip()
        if looks_like_name(value) or (value and is_abbreviation(value.split()[0])):
            mention = _value_mention(block, p_start, piece_end, kind)
            if mention:
                out.append(mention)
    return out


@lru_cache(maxsize=1)
def _slot_rules() -> tuple[dict[str, list[str]], dict[str, list[re.Pattern[str]]]]:
    cfg = load("organisations")["slots"]
    labels = {"responsible": list(load("plan")["labels"]["responsible"]), **cfg["labels"]}
    inline = {role: [re.compile(p, re.IGNORECASE) for p in patterns] for role, patterns in cfg["inline"].items()}
    return labels, inline


def slot_spans(block: BlockView) -> list[tuple[int, int, str]]:
    """Values of the slots of a block with the role they give: a line opened by a label
    ("R: X", "Realizátor: X", "Partner: X") and inline slots ("realizátorem projektu je X")."""
    labels, inline = _slot_rules()
    spans = []
    for start, end in lines(block.text):
        role = None
        first = True
        for part in re.finditer(r"[^;]+", block.text[start:end]):  # "Realizátor: X; partner: Y"
            p_start, p_end = start + part.start(), start + part.end()
            offset = body_offset(block) if p_start == 0 else 0
            piece = block.text[p_start:p_end]
            offset += len(piece[offset:]) - len(piece[offset:].lstrip())
            found = _label_role(piece[offset:], labels)
            if found:
                role, value_start = found[0], p_start + offset + found[1]
            elif role is None or first:
                break  # no label opens the line
            else:
                value_start = p_start  # a further value of the same label
            if value_start < p_end:
                spans.append((value_start, p_end, role))
            first = False
    for role, patterns in inline.items():
        for pattern in patterns:
            for match in pattern.finditer(block.text):
                spans.append((match.end(), _clause_end(block.text, match.end()), role))
    return spans


def _label_role(text: str, labels: dict[str, list[str]]) -> tuple[str, int] | None:
    """The role of the slot label that opens `text`, and where its value starts."""
    for role, words in labels.items():
        match = label_match(text, words)
        if match:
            return role, match.end()
    return None


def _clause_end(text: str, start: int) -> int:
    """Where an inline slot value ends: a sentence end, ";", "(", or " a " + a lower-case word."""
    match = re.search(r"[.;](?:\s|$)| a (?=[a-zá-ž])|\(|$", text[start:])
    return start + match.start() if match else len(text)


def enumerated_names(block: BlockView) -> list[Mention]:
    """Names listed in parentheses after a word for services or providers: "stávající služby
    jsou dostačující (Most k naději, Advaita)"."""
    lx = lex()
    out = []
    text = block.text
    for match in re.finditer(r"\(([^()]{2,160})\)", text):
        before = re.findall(r"\w+", text[max(0, match.start() - 60):match.start()])[-3:]
        if not any(w.lower() in lx.enumeration_after for w in before):
            continue
        for part in re.finditer(r"[^,;]+", match.group(1)):
            start, end = match.start(1) + part.start(), match.start(1) + part.end()
            value = part.group().strip()
            if value and looks_like_name(value, strict=True) and not mentions_in_span(block, start, end):
                mention = _value_mention(block, start, end, "list")
                if mention:
                    out.append(mention)
    return out


def dash_pieces(block: BlockView) -> list[tuple[int, int]]:
    """The pieces of a list line split at dashes ("Rubikon – 1 - 1,5" -> 3 pieces)."""
    start = body_offset(block)
    text = block.text
    pieces, pos = [], start
    for match in re.finditer(r"\s[–—-]\s", text[start:]):
        pieces.append((pos, start + match.start()))
        pos = start + match.end()
    pieces.append((pos, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def _small_figure(text: str) -> bool:
    """A figure a capacity line states ("1 úvazek", "+ 0,5"), not a year or a long number."""
    return any(len(n.replace(",", "")) <= 3 for n in re.findall(r"(?<![\d.])\d+(?:,\d+)?(?![\d.])", text))


def bare_list_names(block: BlockView) -> list[Mention]:
    """Bare names in provider-list lines ("Sociální rehabilitace – Rubikon – 1 - 1,5",
    "Spolu pro rodinu – zdravotní sociální pomoc - + 0,5"): in a list item whose dash pieces
    hold a figure, a piece that is only a short capitalised name (before
    its first comma) is an organisation."""
    if block.kind != "list_item":
        return []
    text = block.text
    pieces = dash_pieces(block)
    if len(pieces) < 2 or not any(_small_figure(text[a:b]) for a, b in pieces):
        return []
    out = []
    for a, b in pieces:
        first_end = text.find(",", a, b)
        first_end = b if first_end < 0 else first_end
        value = text[a:first_end].strip()
        if not value or re.search(r"\d", value) or mentions_in_span(block, a, b):
            continue
        if looks_like_name(value, strict=True):
            mention = _value_mention(block, a, first_end, "bare")
            if mention:
                out.append(mention)
    return out


# --------------------------------------------------------------------------- merging variants


def _strip_classifier(key: str) -> str:
    lx = lex()
    words = key.split()
    prefixes = {fold(c) for c in [*lx.classifiers, *lx.name_or_classifier, *grammar("merge_prefixes")]}
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]) in prefixes:
            return " ".join(words[size:])
    return key


def _initials(name: str) -> str:
    """The initials of a name's words, leaving out prepositions and "a" ("Ministerstvo práce a
    sociálních věcí" -> "MPSV")."""
    words = [w for w in re.findall(r"\w+", name) if w not in lex().inside_name]
    return "".join(w[0] for w in words).upper()


def _extends(short: str, long_: str, names: Sequence[str]) -> bool:
    """`long_` is `short` plus capitalised words (a town, "ČR"), and no other name of the
    document extends `short` as well."""
    s, l_ = _strip_classifier(_merge_key(short)), _strip_classifier(_merge_key(long_))
    if not s or not l_.startswith(s + " "):
        return False
    extra = long_.split()[len(long_.split()) - (len(l_.split()) - len(s.split())):]
    if not extra or not all(w[:1].isupper() or w in lex().town_joiners for w in extra) or not extra[-1][:1].isupper():
        return False
    rivals = [n for n in names if n not in (short, long_) and _strip_classifier(_merge_key(n)).startswith(s + " ")]
    return not rivals


def same_org(a: str, b: str, names: Sequence[str]) -> bool:
    """Whether two names of one document are variants of one organisation: equal when
    folded or without a classifier ("Sdružení Podané ruce" ~ "Podané ruce"), one the other
    plus a town or "ČR", a typo of a long name, or an acronym of the other's words."""
    ka, kb = _merge_key(a), _merge_key(b)
    if ka == kb or _strip_classifier(ka) == _strip_classifier(kb):
        return True
    short, long_ = sorted((a, b), key=lambda n: len(_merge_key(n)))
    if _extends(short, long_, names):
        return True
    if min(len(ka), len(kb)) >= 12 and ka.split()[0] == kb.split()[0] and len(ka.split()) == len(kb.split()) \
            and difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.88:
        return True
    for acronym, full in ((a, b), (b, a)):
        if re.fullmatch(r"[A-ZÁ-Ž]{3,6}", acronym) and len(full.split()) >= 3 and _initials(full) == acronym:
            return True
    return False


def merge_names(mentions: Sequence[Mention]) -> dict[str, str]:
    """Map every name in `mentions` to the name its organisation gets in the document.

    Variants are merged (`same_org`); the name kept is one written with a legal form, else
    one written as it stands (not brought to the nominative), else the longest (a town
    suffix), else the first."""
    names = list(dict.fromkeys(m.name for m in mentions))
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if find(a) != find(b) and same_org(a, b, names):
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    chosen = {}
    for members in groups.values():
        best = max(members, key=lambda n: _name_rank(n, mentions, names))
        chosen.update({n: best for n in members})
    return chosen


def _name_rank(name: str, mentions: Sequence[Mention], order: Sequence[str]) -> tuple[Any, ...]:
    own = [m for m in mentions if m.name == name]
    acronym = bool(re.fullmatch(r"[A-ZÁ-Ž]{2,6}", name))
    with_legal = any(m.legal_form for m in own)
    as_written = any(fold_key(m.written).startswith(fold_key(name)) for m in own)
    return (not acronym, with_legal, as_written, len(name.split()), -order.index(name))


def canonicalise(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with `canonical` set, legal form and IČO shared by all variants."""
    chosen = merge_names(mentions)
    legal: dict[str, str] = {}
    icos: dict[str, str] = {}
    for m in mentions:
        if m.legal_form:
            legal.setdefault(chosen[m.name], m.legal_form)
        if m.ico:
            icos.setdefault(chosen[m.name], m.ico)
    return [replace(m, canonical=chosen[m.name], legal_form=legal.get(chosen[m.name]),
                    ico=icos.get(chosen[m.name])) for m in mentions]


# --------------------------------------------------------------------------- a document's mentions


def _skip_block(block: BlockView) -> bool:
    """Blocks that name no actor: copyright lines of web pages."""
    return "©" in block.text


def town_noun(name: str) -> str | None:
    """The town noun a town's name starts with ("Město Kolín", "Statutární město Opava"), or None."""
    words = name.split()
    if words and words[0].lower() in grammar("town_prefixes"):
        words = words[1:]
    if len(words) >= 2 and word_key(words[0]) in grammar("town_nouns"):
        return word_key(words[0])
    return None


def _bare_towns(found: list[Mention], blocks: Sequence[BlockView]) -> list[Mention]:
    """A bare "Město" opening a sentence, or "města" after a money word ("Finanční podpora
    města", "v rozpočtu města"), is the document's town when it names exactly one."""
    towns = {m.name for m in found if town_noun(m.name)}
    if len(towns) != 1:
        return []
    town = next(iter(towns))
    lemma = town_noun(town)
    lx = lex()
    extra = []
    for block in blocks:
        tokens = toks(block.text)
        for i, tok in enumerate(tokens):
            if word_key(tok.text) != lemma or (i + 1 < len(tokens) and tokens[i + 1].is_cap):
                continue
            subject = tok.is_cap and tok.lower == lemma
            owner = any(t.lower in lx.actor_before for t in tokens[max(0, i - 3):i]) and not _territory(tokens, i)
            if subject or owner:
                extra.append(Mention(block.block_id, tok.start, tok.end, tok.text, town, kind="town"))
    return extra


def _attendee_mentions(blocks: Sequence[BlockView], result: Extraction) -> list[Mention]:
    """Organisations the attendees module read beside persons ("Jana Nová (Charita Kyjov)")."""
    by_id = {b.block_id: b for b in blocks}
    out = []
    for row in result.tables.get("attendees", []):
        org, block = row.get("organisation"), by_id.get(row.get("block_id"))
        if not org or block is None:
            continue
        pos = block.text.find(org)
        if pos < 0 or mentions_in_span(block, pos, pos + len(org)) or not looks_like_name(org):
            continue
        mention = _value_mention(block, pos, pos + len(org), "attendee")
        if mention:
            out.append(mention)
    return out


def find_mentions(blocks: Sequence[BlockView], result: Extraction | None = None) -> list[Mention]:
    """Every organisation mention of a document, with canonical names. Pure and deterministic.

    Shapes: legal forms, heads, public bodies, abbreviations, regions as actors, slot values
    (R:/Realizátor lines, "realizátorem ... je X"), names in parentheses after "služby",
    bare names in provider lists, and the organisations of attendees."""
    found: list[Mention] = []
    for block in blocks:
        if _skip_block(block):
            continue
        found.extend(mentions_in_span(block, 0, len(block.text)))
        found.extend(enumerated_names(block))
        for start, end, _ in slot_spans(block):
            found.extend(value_mentions(block, start, end))
        found.extend(bare_list_names(block))
    if result is not None:
        found.extend(_attendee_mentions(blocks, result))
    by_block: dict[int, list[Mention]] = {}
    for m in found:
        by_block.setdefault(m.block_id, []).append(m)
    found = [m for block_id in sorted(by_block) for m in drop_overlaps(by_block[block_id])]
    found += [t for t in _bare_towns(found, blocks)
              if all(t.block_id != m.block_id or t.end <= m.start or t.start >= m.end for m in found)]
    found.sort(key=lambda m: (m.block_id, m.start))
    return canonicalise(found)
