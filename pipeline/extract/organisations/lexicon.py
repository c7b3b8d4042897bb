"""The lexicons of organisation names (configs/organisations.toml, people.toml) and the word
classes the name rules ask about: verbs, titles, abbreviations of public bodies, legal
forms and heads of names at a token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Sequence

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.text import fold
from pipeline.extract.nlp import by_text, piece
from pipeline.extract.organisations.mention import Tok, doc_toks


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
    actor_verbs: set[str]
    asked_verbs: set[str]
    plan_territory_after: set[str]
    plan_nouns: set[str]
    enumeration_after: set[str]
    titles: set[str]
    given_names: set[str]
    expansions: dict[str, str]
    grammar: dict[str, Any]


@lru_cache(maxsize=1)
def _stem_endings() -> tuple[str, ...]:
    return tuple(load("organisations")["grammar"]["adjective_stem_endings"])


def _adjective_stem(word: str) -> str:
    for ending in _stem_endings():
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
        return tuple(t.text.lower() for t in piece(phrase) if not t.is_space)

    heads: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, key in (("public", "public_heads"), ("named", "named_heads"), ("named", "region_heads"),
                      ("complement", "complement_heads")):
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
        actor_verbs={w.lower() for w in [*ctx["region_actor_verbs"], *cfg["roles"]["funder_verbs"]]},
        # the one asked acts too: "Spolek X žádá Plzeňský kraj o zařazení služby do sítě"
        asked_verbs={w.lower() for w in cfg["roles"]["asked_after"]},
        plan_territory_after={w.lower() for w in ctx["plan_territory_after"]},
        plan_nouns={w.lower() for w in ctx["plan_nouns"]},
        enumeration_after={w.lower() for w in ctx["enumeration_after"]},
        titles=titles,
        given_names={*people.get("given_names_female", []), *people.get("given_names_male", [])},
        expansions={fold(k): fold(v) for k, v in cfg["expansions"].items()},
        grammar={k: (tuple(v) if isinstance(v, list) else v) for k, v in cfg["grammar"].items()},
    )


@lru_cache(maxsize=1 << 15)
def word_key(word: str) -> str:
    """What a word is compared by in heads and merges (a noun's lemma or an adjective's stem)."""
    return _key(word, lex().lemmas)


def grammar(name: str) -> Any:
    """A word class of configs/organisations.toml [grammar]."""
    return lex().grammar[name]


# --------------------------------------------------------------------------- word classes


def is_verb(word: str) -> bool:
    """A listed verb, or a lower-case word with a verb ending ("provozuje", "zrušila")."""
    lx = lex()
    low = word.lower()
    if low in lx.verbs:
        return True
    return word.islower() and len(low) > 3 and low.endswith(lx.verb_endings)


def is_title(tok: Tok) -> bool:
    """An academic title, rank or word of address ("Mgr.", "Mgr", "npor.", "pí.")."""
    return tok.lower in lex().titles


@lru_cache(maxsize=1 << 15)
def is_abbreviation(word: str) -> bool:
    """A capitalised abbreviation of a public body (configs), kept as written."""
    lx = lex()
    if word in lx.not_abbreviations:
        return False
    return word in lx.abbreviations or any(p.match(word) for p in lx.abbreviation_patterns)


def hard_break(prev: Tok) -> bool:
    """A line break or a tab after a token ends any name."""
    return "\n" in prev.gap or "\t" in prev.gap


def legal_at(tokens: Sequence[Tok], i: int) -> tuple[int, str] | None:
    """A legal form starting at token i: (number of tokens, canonical form). Spelled-out forms
    ("občanské sdružení") count only in lower case."""
    if i >= len(tokens) or tokens[i].lower not in _legal_first_words():
        return None
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
        if i + n > len(tokens) or any(hard_break(tokens[i + k]) for k in range(n - 1)):
            continue
        if all(word_key(tokens[i + k].text) == keys[k] for k in range(n)):
            if kind != "public" and not tokens[i].is_cap:
                continue
            if all(t.text.isupper() and len(t.text) > 3 for t in tokens[i:i + n]):
                continue  # a running header in capitals ("SOCIÁLNÍCH SLUŽEB MĚSTA OPAVY")
            return n, kind
    return None


class Marks(NamedTuple):
    """Where in a Doc's tokens the shapes of organisation names may start, found in one pass
    per text: the shape finders (for the whole block and for pieces of it) and the bare-body
    finder try those tokens only. Sets hold token start offsets."""

    heads: tuple[tuple[int, int, str], ...]  # (token index, tokens, kind) of every head
    head_starts: frozenset[int]
    legal: frozenset[int]    # a legal form's first word
    abbr: frozenset[int]     # an abbreviation of a public body
    region: frozenset[int]   # the region noun in any case
    any: frozenset[int]


@by_text
def marks(doc: Doc) -> Marks:
    """The `Marks` of an annotated Doc."""
    tokens, lx = doc_toks(doc), lex()
    heads, legal, abbr, region = [], set(), set(), set()
    region_noun, legal_first = grammar("region_noun"), _legal_first_words()
    for i, t in enumerate(tokens):
        key = word_key(t.text)
        if key in lx.heads and (hit := head_at(tokens, i)):
            heads.append((i, *hit))
        if t.lower in legal_first:
            legal.add(t.start)
        if t.is_word and is_abbreviation(t.text):
            abbr.add(t.start)
        if key == region_noun:
            region.add(t.start)
    head_starts = frozenset(tokens[i].start for i, _, _ in heads)
    return Marks(tuple(heads), head_starts, frozenset(legal), frozenset(abbr), frozenset(region),
                 head_starts | legal | abbr | region)


def starts_name(tokens: Sequence[Tok], i: int) -> bool:
    """A capitalised word that begins organisation names ("Sdružení", "Centrum", "Domov")."""
    if not tokens[i].is_cap:
        return False
    starts = _name_starts_by_first().get(word_key(tokens[i].text))
    return bool(starts) and any(tuple(word_key(t.text) for t in tokens[i:i + len(s)]) == s for s in starts)


@lru_cache(maxsize=1)
def _legal_first_words() -> frozenset[str]:
    """The first words of the legal forms: most tokens are not one, and are turned away at once."""
    return frozenset(words[0] for words in lex().legal if words)


@lru_cache(maxsize=1)
def _name_starts_by_first() -> dict[str, list[tuple[str, ...]]]:
    """The name starts grouped by their first word key."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for start in lex().name_starts:
        if start:
            out.setdefault(start[0], []).append(start)
    return out


def in_nominative(tok: Tok) -> bool:
    entry = lex().lemmas.get(tok.lower)
    return entry is None or entry[2] == "nom"
