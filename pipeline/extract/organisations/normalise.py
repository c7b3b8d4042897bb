"""The name a reader writes for an organisation mention: the nominative (`nominative`), the
legal form split off (`split_legal_form`), the IČO check (`ico_valid`), the things that are
no organisation (`is_not_organisation`), and the variants one document uses for one
organisation merged (`merge_names`: typos, a town suffix, "Sdružení X" beside "X, o.s.",
an acronym of a name written out elsewhere)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from dataclasses import replace
from typing import Any, Sequence

from pipeline.extract.text import fold
from pipeline.extract.organisations.lexicon import grammar, legal_at, lex
from pipeline.extract.organisations.mention import Mention, Tok


# --------------------------------------------------------------------------- nominative names


_SPACE_BEFORE_STOP = re.compile(r"\s+([,!.])")
_DASH = re.compile(r"\s*[–—]\s*")
_ICO = re.compile(r"\d{8}")
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w ]+")
_WORD = re.compile(r"\w+")


def adjective_nominative(word: str, gender: str) -> str:
    for ending, nominative_ending in lex().adjective_endings.get(gender, []):
        if word.lower().endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + nominative_ending
    return word


def _town_nominative(word: str, case: str) -> str:
    for ending, nominative_ending in lex().town_endings.get(case, []):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: len(word) - len(ending)] + nominative_ending
    return word


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def nominative(words: Sequence[str]) -> str:
    """The nominative of a name whose head may be inflected ("Domácím hospicem JITRO" ->
    "Domácí hospic JITRO", "městem Kolínem" -> "Město Kolín", "Slezské diakonie" ->
    "Slezská diakonie", "úřad práce" -> "Úřad práce"). The first noun of the lemma table is
    brought to its lemma, the adjectives before it agree with its gender, a town after an
    inflected "město"/"obec" loses its case ending, and a noun after a dash is brought to
    its lemma ("– střediska Úsvit"); a genitive complement ("... Karlovarského kraje") and a
    noun after a preposition ("Most k domovu") stay."""
    return _nominative(tuple(words))


@lru_cache(maxsize=1 << 12)  # a name is brought to the nominative each time it is found
def _nominative(written: tuple[str, ...]) -> str:
    lx = lex()
    words = list(written)
    for i, word in enumerate(words):
        entry = lx.lemmas.get(word.lower())
        if not entry:
            continue
        if i > 0 and words[i - 1].lower() in lx.inside_name and words[i - 1].lower() != "a":
            break  # "Most k domovu", "Domov u rybníka": a noun after a preposition keeps its case
        lemma, gender, case = entry
        if case != "nom" and _complement(words[:i], gender):
            break  # "Správa sociálních služeb X": the listed noun is the complement of an unlisted head
        out = [adjective_nominative(w, gender) for w in words[:i]]
        if case == "nom":
            out.append(word)
        else:
            out.append(lemma if (out or word.islower()) else capitalise(lemma))
        rest = words[i + 1:]
        if lemma in grammar("town_nouns") and case != "nom":
            town = []
            for w in rest:
                if not w[:1].isupper():
                    break
                town.append(_town_nominative(w, case))
            rest = town + rest[len(town):]
        return tidy(capitalise(" ".join(out + _after_dash_nominative(rest))))
    return tidy(" ".join(_after_dash_nominative(words)))


def _complement(before: Sequence[str], gender: str) -> bool:
    """The words before a listed noun in an oblique case make it the complement of another head:
    adjectives agreeing with it right before it, and a word that does not agree before them
    ("Správa zdravotních a sociálních služeb", "Asociace poskytovatelů sociálních služeb"); a
    name right before the noun ("Pohoda domova", "Senior centra") leaves the noun the head."""
    return bool(before) and _agrees(before[-1], gender) and not all(_agrees(w, gender) for w in before)


def _agrees(word: str, gender: str) -> bool:
    """The word may be an adjective in front of a noun of this gender in an oblique case
    ("Slezské", "Domácím"), or the conjunction joining two of them ("Probační a mediační")."""
    low = word.lower()
    if low == grammar("adjective_joiner"):
        return True
    return any(low.endswith(e) and len(low) > len(e) + 1 for e, _ in lex().adjective_endings.get(gender, []))


def written_oblique(m: Mention) -> bool:
    """The mention's head noun is written in an oblique case ("Charitu Vítkov", "městem X"):
    the organisation is an object, not the subject of its sentence."""
    for word in m.written.split():
        entry = lex().lemmas.get(word.lower().strip(",."))
        if entry:
            return entry[2] != "nom"
    return False


def _after_dash_nominative(words: list[str]) -> list[str]:
    """A listed noun right after a dash in its lemma ("– střediska Úsvit" -> "– středisko Úsvit")."""
    lx = lex()
    out = list(words)
    for k in range(1, len(out)):
        entry = lx.lemmas.get(out[k].lower())
        if out[k - 1] in ("–", "-", "—") and entry and entry[2] != "nom":
            out[k] = entry[0]
    return out


@lru_cache(maxsize=1 << 12)  # asked of the same names many times per document
def tidy(name: str) -> str:
    name = _SPACE_BEFORE_STOP.sub(r"\1", name)
    name = _DASH.sub(" – ", name)
    return name.strip(" ,;:")


def split_legal_form(tokens: Sequence[Tok]) -> tuple[Sequence[Tok], str | None]:
    """The tokens of a name and the legal form that ends it: "Ruka v ruce, o. p. s." ->
    ("Ruka v ruce", "o. p. s."); no form: (tokens, None)."""
    for i in range(1, len(tokens)):
        hit = legal_at(tokens, i)
        if hit and i + hit[0] == len(tokens):
            name = tokens[:i - 1] if tokens[i - 1].text == "," else tokens[:i]
            while name and name[-1].text == ",":
                name = name[:-1]
            return name, hit[1]
    return tokens, None


def ico_valid(ico: str) -> bool:
    """IČO check: 8 digits, the last the mod-11 check digit of the first seven (weights 8..2)."""
    if not _ICO.fullmatch(ico):
        return False
    total = sum(int(d) * w for d, w in zip(ico[:7], range(8, 1, -1)))
    return (11 - total % 11) % 10 == int(ico[7])


@lru_cache(maxsize=1 << 12)  # asked of the same names many times per document
def fold_key(name: str) -> str:
    """A name folded for comparison: lower case, no diacritics, no punctuation."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", fold(name))).strip()


def _merge_key(name: str) -> str:
    """`fold_key` with a public body's abbreviation written out ("MěÚ X" -> "mestsky urad x")."""
    key = fold_key(name)
    first, _, rest = key.partition(" ")
    expanded = lex().expansions.get(first)
    return f"{expanded} {rest}".strip() if expanded and rest else key


@lru_cache(maxsize=1 << 12)  # asked of the same names many times per document
def is_not_organisation(name: str) -> bool:
    """Funds, programmes, working groups, bare heads and generic words (configs)."""
    folded = fold_key(name)
    if not folded or not any(c.isalpha() for c in folded):
        return True
    exact, prefixes = _not_organisations()
    return folded in exact or folded.startswith(prefixes)


@lru_cache(maxsize=1)
def _not_organisations() -> tuple[frozenset[str], tuple[str, ...]]:
    """configs [names] not_organisations: the whole names, and the starts ("projekt*")."""
    entries = lex().not_organisations
    return frozenset(e for e in entries if not e.endswith("*")), tuple(e[:-1] for e in entries if e.endswith("*"))


# --------------------------------------------------------------------------- merging variants


@lru_cache(maxsize=1)
def _classifier_prefixes() -> frozenset[str]:
    lx = lex()
    return frozenset(fold(c) for c in [*lx.classifiers, *lx.name_or_classifier, *grammar("merge_prefixes")])


def _strip_classifier(key: str) -> str:
    words = key.split()
    prefixes = _classifier_prefixes()
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]) in prefixes:
            return " ".join(words[size:])
    return key


def _initials(name: str) -> str:
    """The initials of a name's words, leaving out prepositions and "a" ("Ministerstvo práce a
    sociálních věcí" -> "MPSV")."""
    words = [w for w in _WORD.findall(name) if w not in lex().inside_name]
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
    folded or without a classifier ("Sdružení Vlídné srdce" ~ "Vlídné srdce"), one the other
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
        if _acronym(acronym, 3) and len(full.split()) >= 3 and _initials(full) == acronym:
            return True
    return False


def _acronym(name: str, shortest: int) -> bool:
    """Capitals only, `shortest` to six of them ("SMK", "KÚKK")."""
    return shortest <= len(name) <= 6 and name.isalpha() and name.isupper()


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

    for i, j in _candidate_pairs(names):
        a, b = names[i], names[j]
        if find(a) != find(b) and same_org(a, b, names):
            parent[find(b)] = find(a)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    own: dict[str, list[Mention]] = {}
    for m in mentions:
        own.setdefault(m.name, []).append(m)
    order = {n: k for k, n in enumerate(names)}
    chosen = {}
    for members in groups.values():
        best = max(members, key=lambda n: _name_rank(n, own[n], order[n]))
        chosen.update({n: best for n in members})
    return chosen


def _candidate_pairs(names: Sequence[str]) -> list[tuple[int, int]]:
    """The pairs (i < j) of names that `same_org` may find alike, in order: those sharing a
    key without a classifier, one key a word prefix of the other (a town added), the same
    first word and number of words (a typo), or an acronym and the initials of the other.
    Trying every pair would take time growing with the square of a document's names (and
    `_extends` looks at all names again for each)."""
    merged = [_merge_key(n) for n in names]
    stripped = [_strip_classifier(key) for key in merged]
    groups: dict[tuple[Any, ...], list[int]] = {}
    typos: dict[tuple[str, int], list[int]] = {}  # first word and number of words -> long names
    for k, (name, key) in enumerate(zip(names, stripped)):
        groups.setdefault(("key", key), []).append(k)
        folded = merged[k].split()
        if folded and len(merged[k]) >= 12:
            typos.setdefault((folded[0], len(folded)), []).append(k)
        if _acronym(name, 3):
            groups.setdefault(("initials", name), []).append(k)
        if len(name.split()) >= 3:
            groups.setdefault(("initials", _initials(name)), []).append(k)
    pairs = {(i, j) for members in groups.values() for i in members for j in members if i < j}
    for members in typos.values():  # a typo: similar lengths (difflib's ratio >= 0.88 needs 2 min / sum >= 0.88)
        members = sorted(members, key=lambda k: len(merged[k]))
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if 2 * len(merged[i]) < 0.87 * (len(merged[i]) + len(merged[j])):  # (a margin for rounding)
                    break  # longer ones differ more
                pairs.add((min(i, j), max(i, j)))
    for k, key in enumerate(stripped):  # one key the start of the other, up to a space
        for cut in (i for i, char in enumerate(key) if char == " "):
            for other in groups.get(("key", key[:cut]), ()):
                if other != k:
                    pairs.add((min(k, other), max(k, other)))
    return sorted(pairs)


def bare_offices(mentions: Sequence[Mention]) -> list[Mention]:
    """A bare abbreviation of an office ("za ÚMČ", "v sídle MěÚ") names the document's one
    office of that kind written with its place ("ÚMČ Praha 22", "Městský úřad Varnsdorf");
    with none it names no organisation (a glossary's "MěÚ – městský úřad", "na OÚ"), with
    several it stays as it is."""
    expansions = lex().expansions
    offices: dict[str, dict[str, str]] = {}  # office written out -> merge key -> the first name with it
    for m in mentions:
        key = _merge_key(m.name)
        for expansion in set(expansions.values()):
            if key.startswith(expansion + " "):
                offices.setdefault(expansion, {}).setdefault(key, m.name)
    out = []
    for m in mentions:
        expansion = expansions.get(fold_key(m.name))
        named = offices.get(expansion or "", {})
        if len(named) == 1:
            out.append(replace(m, name=next(iter(named.values()))))
        elif not expansion or named:
            out.append(m)
    return out


def bare_named_heads(mentions: Sequence[Mention]) -> list[Mention]:
    """A named head written bare ("Eva Malá z Farní charity X informovala ... Charita proto plánuje
    ...") names the document's one organisation whose name holds that word ("Farní charita X");
    with none or several such names it stays as it is (configs [grammar] bare_named_heads)."""
    heads = {fold_key(h) for h in grammar("bare_named_heads")}
    names = list(dict.fromkeys(m.name for m in mentions))
    out = []
    for m in mentions:
        key = fold_key(m.name)
        if key in heads:
            full = [n for n in names if n != m.name and key in fold_key(n).split()]
            if len(full) == 1:
                m = replace(m, name=full[0])
        out.append(m)
    return out


def branch_parents(mentions: Sequence[Mention]) -> list[Mention]:
    """An office of a body in a place ("X, kontaktní pracoviště Lhota", "X – pracoviště
    Lhota") is named as the body when the document also names the body alone ("X"): one
    organisation; alone it keeps its place (configs [grammar] branch_offices)."""
    offices = _branch_offices()
    named = {fold_key(m.name) for m in mentions}
    out = []
    for m in mentions:
        match = offices.search(m.name)
        parent = m.name[:match.start()].strip() if match else ""
        out.append(replace(m, name=parent) if parent and fold_key(parent) in named else m)
    return out


@lru_cache(maxsize=1)
def _branch_offices() -> re.Pattern[str]:
    """A separator (comma or dash) and the noun of a branch office, inside a name."""
    nouns = "|".join(re.escape(w) for w in sorted(grammar("branch_offices"), key=len, reverse=True))
    return re.compile(rf"\s*[,–—-]\s*(?:{nouns})\s", re.IGNORECASE)


def _name_rank(name: str, own: Sequence[Mention], position: int) -> tuple[Any, ...]:
    """How good a name is for its organisation; `own` are its mentions, `position` its place
    among the document's names (the first wins a tie)."""
    acronym = _acronym(name, 2)
    with_legal = any(m.legal_form for m in own)
    as_written = any(fold_key(m.written).startswith(fold_key(name)) for m in own)
    return (not acronym, with_legal, as_written, len(name.split()), -position)


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
