"""Organisation mentions found by their shape: a name in front of a legal form ("Lavanda
o. p. s.", "„Z“ občanské sdružení"), a head word ("Charita Horní Ves", "Krajský úřad
Karlovarského kraje", inflected: "s městem Kolínem"), an abbreviation of a public body
("SMK", "KÚ KV kraje"), a region named as an actor ("z dotace Karlovarského kraje") or by
its own name ("Kraj Podlesí").
Persons' names are never crossed (`person_tokens`)."""

from __future__ import annotations

from dataclasses import replace

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.text import fold
from pipeline.extract.organisations.lexicon import (grammar, hard_break, head_at, in_nominative, is_abbreviation,
                                                    is_title, is_verb, legal_at, lex, marks, starts_name, word_key)
from pipeline.extract.organisations.normalise import (adjective_nominative, capitalise, is_not_organisation, nominative,
                                                      tidy)
from spacy.tokens import Doc

from pipeline.extract.spans.persons import LABEL as PERSON_KEY
from pipeline.extract.spans.services import KEY as SERVICE_KEY
from pipeline.extract.organisations.mention import Mention, Tok, doc_toks, span_toks, tok_starts


# --------------------------------------------------------------------------- persons


def person_tokens(doc: Doc, tokens: Sequence[Tok]) -> set[int]:
    """Indices of `tokens` (a Doc's, or some of them) that belong to a person's name, which no
    organisation name crosses: the titles and name of each `person` span the recogniser is
    sure of (pipeline/extract/spans/persons.py)."""
    starts = person_starts(doc)
    return {k for k, t in enumerate(tokens) if t.start in starts} if starts else set()


def person_starts(doc: Doc) -> frozenset[int]:
    """The start offsets of the tokens of a Doc that belong to a person's name (see
    `person_tokens`), found once per Doc."""
    starts = doc.user_data.get(_PERSONS)
    if starts is None:
        every = tok_starts(doc)
        starts = doc.user_data[_PERSONS] = frozenset(
            start for s in doc.spans.get(PERSON_KEY, ()) if (p := s._.person) and p.strong
            for start in every[bisect_left(every, p.begin):bisect_left(every, p.end)])
    return starts


_PERSONS = "kpss_org_persons"



# --------------------------------------------------------------------------- finding names


def _backward_name(tokens: Sequence[Tok], end: int, persons: set[int],
                   services: Sequence[tuple[int, int]] = (), in_table: bool = False) -> tuple[int, int] | None:
    """The name in front of a legal form at token `end`, as a token range [start, stop).

    Walks back over the words of a name (lower-case words and prepositions included:
    "Ruka v ruce") and stops at punctuation, a verb, a clause word, a person, a figure, a
    line break, a service type not inside the name ("Sociálně terapeutická dílna X, z. ú.",
    but "Středisko rané péče X") or "a" before a capital; an abbreviation's dot goes on
    ("Hospic sv. Ludmily"); a quoted name ("„Z“ občanské sdružení") is taken whole; over a
    dash to a proper name when only a lower-case description follows it ("Lucerna – linka
    pro rodiče, o. p. s."). The name starts right after a classifier ("firma",
    "organizace"), else at the rightmost head or name-starting word in the nominative, else
    at the first capital; not at a public body's head when a private legal form follows (a
    flattened table's cell before the name: "... Úřad práce ČR Ruka v ruce, o. p. s.")."""
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
        if lo < hi and hard_break(tok):
            break
        if tok.text == "." and lo >= 2 and tokens[lo - 2].is_word and len(tokens[lo - 2].text) <= 3 \
                and not tokens[lo - 2].gap and lo < hi:
            lo -= 2  # "sv." inside a name
            continue
        if lo < hi and tok.text in _DASHES and tok.gap and not any(t.is_cap for t in tokens[lo:hi]):
            named = _proper_before_dash(tokens, lo - 1, persons)
            if named is not None:
                while hi > named and tokens[hi - 1].lower in lx.inside_name:
                    hi -= 1
                return named, hi  # "Lucerna – linka pro rodiče, o. p. s."
        if lo == hi and _closing_number(tokens, lo - 1, persons):
            lo -= 1  # "Slunce 21, z. ú.": a number that ends the name
            continue
        if lo - 1 in persons or not tok.is_word or is_reference(tok.text):
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
    public = head_at(tokens, start)
    form = legal_at(tokens, end) if end < len(tokens) else None
    if public and public[1] == "public" and start + public[0] < hi and tokens[start + public[0]].is_cap \
            and form and form[1] not in grammar("public_legal_forms"):
        start += public[0]  # "... Úřad práce ČR Ruka v ruce, o. p. s.": a public body has no such form
        while start + 1 < hi and tokens[start].text.isupper() and tokens[start + 1].is_cap:
            start += 1  # the public body's "ČR"
    while hi > start and tokens[hi - 1].lower in lx.inside_name:
        hi -= 1
    return (start, hi) if start < hi else None


_DASHES = ("–", "-", "—")


def _closing_number(tokens: Sequence[Tok], i: int, persons: set[int]) -> bool:
    """A number that ends a name right before its legal form ("Slunce 21, z. ú.", "Stráž 12,
    s. r. o.", "Pečovatelská služba Praha 14, p. o."): one to four digits on the line of a
    capitalised word, not a person's, that stands right before it; a count or an amount
    ("kapacita 20, ...") has a lower-case word before it, an item label ("Aktivita 3, ...") or an
    abbreviation in capitals ("OOSV 2, ...") is no name."""
    tok = tokens[i]
    if not (tok.text.isdigit() and len(tok.text) <= 4) or i == 0:
        return False
    prev = tokens[i - 1]
    return (prev.is_word and prev.is_cap and not prev.text.isupper() and not hard_break(prev)
            and prev.lower not in _item_nouns() and i - 1 not in persons)


def _proper_before_dash(tokens: Sequence[Tok], dash: int, persons: set[int]) -> int | None:
    """Where a name starts whose proper part stands before a dash and whose lower-case
    description follows it ("Lucerna – linka pro rodiče, o. p. s."): one to three
    capitalised words right before the dash, no person's ("Eva Malá – poradna ..." is a
    person and her workplace)."""
    k = dash
    while k > 0 and dash - k < 3:
        prev = tokens[k - 1]
        if not (prev.is_cap and prev.is_word) or k - 1 in persons or is_title(prev) or hard_break(prev) \
                or is_verb(prev.text) or prev.lower in lex().clause_words:
            break
        k -= 1
    return k if k < dash else None


def _service_in_name(tokens: Sequence[Tok], service_start: int, in_table: bool = False) -> bool:
    """A service type inside a name: after the word that starts it ("Středisko rané péče X"),
    or opening it in the nominative with a capital ("Domov pro seniory Kravaře, p. o."), but
    not inflected ("Sociálně terapeutickou dílnu X, z. ú. rozšíří") nor in a flattened table,
    whose service column is no part of a name."""
    before = [k for k, t in enumerate(tokens) if t.end <= service_start]
    if before and starts_name(tokens, before[-1]):
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
        # a preposition ("za KÚKK") classifies only before a capital ("Den za dnem" is a name)
        return tok.lower not in lx.inside_name or (i + 1 < hi and tokens[i + 1].is_cap)
    if tok.lower in lx.name_or_classifier:
        return tok.text.islower() or (i + 1 < hi and starts_name(tokens, i + 1))
    return False


def _name_start(tokens: Sequence[Tok], lo: int, hi: int) -> int | None:
    """Where the name in tokens[lo:hi] starts: the rightmost head or name start in the
    nominative, else the first capitalised word (or word with a figure)."""
    best = None
    for i in range(lo, hi):
        if tokens[i].is_cap and (head_at(tokens, i) or starts_name(tokens, i)) and in_nominative(tokens[i]):
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

    Capitalised words (a town, "ČR", "JITRO") always go on, with lower-case "kraje" after a
    capital ("Karlovarského kraje") and a preposition inside a town ("Lhota u Lesa");
    after a complement head lower-case words go on too ("Ministerstvo zdravotnictví",
    "MAS Pojďte dál"), a quoted name too ("Sdružení „Skok“"), and "a" between
    adjectives. Another head, a person, a verb, a
    clause word, a figure, a legal form, punctuation, a service type ("... Kolín Azylový
    dům") or a capital that opens a new phrase ("... policií Finanční podpora") ends it."""
    lx = lex()
    j, lower_run = i, 0
    if kind == "complement" and j < len(tokens) and tokens[j].text in "„\"":
        close = next((k for k in range(j + 1, min(len(tokens), j + 8)) if tokens[k].text in "“\"”"), None)
        if close is not None and close > j + 1:
            return close + 1  # Sdružení „Skok“
    while j < len(tokens):
        tok = tokens[j]
        if hard_break(tokens[j - 1]) or j in persons or is_title(tok) or is_reference(tok.text):
            break
        cont = _continuation_at(tokens, j, persons)
        if cont:
            j = cont
            continue
        if tok.text in ("-", "–") and not tokens[j - 1].gap and not tok.gap and tokens[j - 1].is_cap \
                and j + 1 < len(tokens) and tokens[j + 1].is_cap:
            j += 2  # a double-barrelled town: "Frýdek-Místek"
            continue
        if not tok.is_word or legal_at(tokens, j) or (tok.is_cap and head_at(tokens, j)
                                                     and not _region_after_holder(tokens, j)):
            break
        if tok.is_cap or any(c.isdigit() for c in tok.text):
            # right after a complement head an adjective and its noun are the name ("Sdružení
            # Zelená ruka"), not a new phrase
            opens = _opens_phrase(tokens, j) and not (kind == "complement" and j == i)
            if tok.lower in lx.verbs or tok.lower in lx.clause_words or tok.start in service_starts \
                    or opens or _opens_item(tokens, j) or _opens_label(tokens, j):
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


def _opens_item(tokens: Sequence[Tok], j: int) -> bool:
    """A plan item's label and number ("... Charita Lhota Opatření 1.2 Zřízení ...", a line
    break lost): the name before it has ended."""
    return tokens[j].lower in _item_nouns() and j + 1 < len(tokens) and tokens[j + 1].text[:1].isdigit()


_NUMBERED = re.compile(r"[^\W\d_]\.\d")  # "č.1"


@lru_cache(maxsize=1 << 12)  # asked of the same words and blocks many times per document
def is_reference(text: str) -> bool:
    """A token no name holds: a web or e-mail address, a file or reference number ("č.j.
    12/2002", "č.1", a web address; the marks in configs/organisations.toml
    [grammar] reference_marks): where a flattened page runs a name into one, it has ended
    ("... Sdružení X ČR <web address>", "Zastupitelstvem Kraje Y č.j.uz/12/14/2002")."""
    lowered = text.lower()
    return any(mark in lowered for mark in grammar("reference_marks")) or bool(_NUMBERED.search(text))


def _opens_label(tokens: Sequence[Tok], j: int) -> bool:
    """A role label with its colon, one word allowed between ("... Spolek X Partner projektu:
    Obec Y", the lines of a title page run together): the name before it has ended."""
    if tokens[j].lower not in _label_words():
        return False
    return any(tokens[k].text == ":" for k in range(j + 1, min(j + 3, len(tokens))))


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    """The first words of the slot labels (configs/organisations.toml [slots.labels], the
    responsible labels of configs/plan.toml) that are words, not letters ("R")."""
    labels = [*load("plan")["labels"]["responsible"],
              *(w for words in load("organisations")["slots"]["labels"].values() for w in words)]
    return frozenset(w.split()[0].lower() for w in labels if len(w.split()[0]) >= 3 and w[0].isalpha())


@lru_cache(maxsize=1)
def _item_nouns() -> frozenset[str]:
    return frozenset(load("organisations")["items"]["reference_nouns"])


def _region_after_holder(tokens: Sequence[Tok], j: int) -> bool:
    """A region named by its own name right after the body it holds ("Krajský úřad Kraje
    Podlesí", "Rada Kraje Podlesí"): the region goes on with the name."""
    return j > 0 and word_key(tokens[j].text) == grammar("region_noun") \
        and word_key(tokens[j - 1].text) in grammar("region_holders")


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
    if nxt.lower in grammar("coordinators") and j + 2 < len(tokens) and tokens[j + 2].text.islower() \
            and tokens[j + 2].lower not in lx.clause_words:
        return True  # (not "z rozpočtu Kraje Vysočina a z rozpočtu obce": a new phrase after "a")
    adjective = tokens[j].lower.endswith(grammar("adjective_endings"))
    return adjective and not is_verb(nxt.text) and nxt.lower not in lx.clause_words


def _is_adjective(word: str) -> bool:
    return word.islower() and word.endswith(grammar("adjective_endings"))


@lru_cache(maxsize=1)
def _continuation_starts() -> frozenset[str]:
    return frozenset(cont[0] for cont in lex().continuations if cont)


def _continuation_at(tokens: Sequence[Tok], j: int, persons: set[int] = frozenset()) -> int | None:  # type: ignore[assignment]
    """A continuation of a name ("– středisko Úsvit", "– kontaktní pracoviště Ústí nad
    Orlicí", "– středisko v Lipnici") at token j: the index after it. The place it names
    runs over capitalised words and the prepositions inside a town's name, up to a title or a
    person ("Ředitelka Diakonie ČCE – středisko Lhota Mgr. Eva Malá uvedla": she is no part of it)."""
    lx = lex()
    if tokens[j].lower not in _continuation_starts():
        return None
    for cont in lx.continuations:
        n = len(cont)
        if tuple(t.lower for t in tokens[j:j + n]) != cont or any(hard_break(t) for t in tokens[j:j + n]):
            continue
        k = j + n
        if k + 1 < len(tokens) and tokens[k].lower in grammar("place_prepositions") \
                and not hard_break(tokens[k]) and tokens[k + 1].is_cap:
            k += 1  # "– středisko v Lipnici": the branch named by its place in the locative
        if k < len(tokens) and tokens[k].is_cap:
            first = k
            while k < len(tokens) and not hard_break(tokens[k - 1]) and not is_title(tokens[k]) \
                    and not (k > first and k in persons):
                if tokens[k].is_cap and tokens[k].is_word:
                    k += 1
                elif tokens[k].lower in lx.town_joiners and k + 1 < len(tokens) and tokens[k + 1].is_cap \
                        and not hard_break(tokens[k]):
                    k += 2
                else:
                    break
            return k
    return None


@lru_cache(maxsize=1)
def _ico_label() -> re.Pattern[str]:
    """An IČO label and number after a name; the labels are the IČO column headers of
    configs/organisations.toml, in capitals, with or without diacritics ("IČO", "IC")."""
    labels = {form(w).upper() for w in load("organisations")["roles"]["table_ico"] for form in (str, fold)}
    alternation = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"[\s,;(]*(?:{alternation})\s*[:.]?\s*(\d[\d ]{{5,11}}\d)")


def ico_after(text: str, end: int) -> str | None:
    """An IČO/IČ written right after a name: "..., IČ 26672472", "(IČO 26941571)"."""
    match = _ico_label().match(text[end:end + 40])
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
        name = tidy(" ".join(words))
    else:
        name = nominative(words)
    if is_not_organisation(name):
        return None
    text = block.text
    return Mention(block.block_id, tokens[lo].start, end, text[tokens[lo].start:end], name, legal_form,
                   ico_after(text, end), kind)


def _legal_mentions(block: BlockView, tokens: Sequence[Tok], marked: list[int], persons: set[int],
                    services: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Names in front of a legal form ("Sdružení MAGNOLIE, z. s.", "„Z“ občanské sdružení")."""
    out: list[Mention] = []
    if not marked:
        return out
    in_table = flattened_table(block.text)
    for i in marked:
        hit = (legal_at(tokens, i) or _capital_form_before_capitals(tokens, i)) if i else None
        if not hit:
            continue
        after = i + hit[0]
        quoted = tokens[i - 1].text in "“\"”"
        if tokens[i - 1].text != "," and " ".join(t.lower for t in tokens[i:after]) in grammar("legal_forms_after_comma"):
            continue  # "Ředitel příspěvkové organizace informoval": no name before it
        if hit[0] > 1 and not quoted and after < len(tokens) and tokens[after].text.islower() \
                and not is_verb(tokens[after].text):
            continue  # "občanské sdružení pomoci rodinám": the start of a name, not a form
        front = _front_form_name(tokens, i, after, persons)
        if front:  # "o.s.Poupě 2000": the form in front of the name
            mention = _make(block, tokens, front[0], front[1], "legal")
            if mention:
                out.append(replace(mention, start=tokens[i].start, written=block.text[tokens[i].start:mention.end],
                                   legal_form=hit[1]))
            continue
        span = _backward_name(tokens, i, persons, services, in_table)
        if span:
            mention = _make(block, tokens, span[0], span[1], "legal", (i, hit[0], hit[1]))
            if mention:
                out.append(mention)
    return out


def _capital_form_before_capitals(tokens: Sequence[Tok], i: int) -> tuple[int, str] | None:
    """A spelled-out legal form written with a capital in front of a name in capitals
    ("Realizátor: Občanské sdružení LESNÍ STEZKA"): the form, not the start of the name;
    before a name in ordinary case ("Občanské sdružení Lhota, o. s.") it starts the name."""
    size = 0
    for n in (3, 2):
        words = tuple(t.lower for t in tokens[i:i + n])
        if len(words) == n and lex().legal.get(words) and tokens[i].is_cap \
                and all(t.text.islower() for t in tokens[i + 1:i + n]):
            size = n
            break
    after = i + size
    if not size or after >= len(tokens) or hard_break(tokens[after - 1]):
        return None
    name = tokens[after]
    if not (name.is_word and name.text.isalpha() and name.text.isupper() and len(name.text) >= 3):
        return None
    return size, lex().legal[tuple(t.lower for t in tokens[i:after])]


def _front_form_name(tokens: Sequence[Tok], i: int, after: int, persons: set[int]) -> tuple[int, int] | None:
    """The name after a legal form written in front of it ("poskytnout o.s.Poupě 2000 částku",
    "5) o. s. Naděje – noclehárna"): the form opens its phrase (no name before it: a lower-case
    word, a bracket, a dash or the block's start) and capitalised words follow it on its line;
    a number goes on with them. "Lípa, o. s. Klub Y" keeps the form with the name before it."""
    prev = tokens[i - 1] if i else None
    if prev is not None and (prev.is_cap or prev.text == "," or not prev.is_word and prev.text not in "()–-—:"):
        return None
    if after >= len(tokens) or not tokens[after].is_cap or after in persons or hard_break(tokens[after - 1]):
        return None
    j = after + 1
    while j < len(tokens) and not hard_break(tokens[j - 1]) and j not in persons \
            and (tokens[j].is_word and tokens[j].is_cap or tokens[j].text.isdigit()) and not _opens_label(tokens, j) \
            and not is_reference(tokens[j].text):
        j += 1
    return after, j


@lru_cache(maxsize=1)
def _table_headers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = load("plan")["table"]
    return tuple(fold(h) for h in table["organisation"]), tuple(fold(h) for h in table["service"])


@lru_cache(maxsize=1 << 12)  # asked of the same words and blocks many times per document
def flattened_table(text: str) -> bool:
    """A table a transcript flattened into one paragraph: its first words are the header
    cells of an organisation column and a service column ("Název organizace Druh služby")."""
    head = fold(text[:80])
    organisation, service = _table_headers()
    return any(h in head for h in organisation) and any(h in head for h in service) and len(text) > 80


def territory(tokens: Sequence[Tok], i: int) -> bool:
    """A town or region named as a place ("na území města X", "v centru města")."""
    lx = lex()
    prev = [t.lower for t in tokens[max(0, i - 2):i]]
    return bool(prev) and (prev[-1] in lx.territory_before or (len(prev) == 2 and prev[0] in lx.territory_before
                                                               and prev[1] in lx.inside_name))


def plan_territory(tokens: Sequence[Tok], i: int) -> bool:
    """A town or region at token `i` that names a plan's territory: right after "služeb" with
    a plan noun shortly before ("Akčního plánu rozvoje sociálních služeb Kraje X",
    "Komunitní plán sociálních služeb města Y")."""
    lx = lex()
    if i == 0 or tokens[i - 1].lower not in lx.plan_territory_after:
        return False
    return any(t.lower in lx.plan_nouns for t in tokens[max(0, i - 5):i - 1])


def _head_mentions(block: BlockView, tokens: Sequence[Tok], marked: list[int], persons: set[int],
                   services: frozenset[int] = frozenset()) -> list[Mention]:
    """Names that start with a head word; a bare town or region noun and a town named as a place
    are left out (see `_bare_towns`)."""
    out = []
    i = 0
    for k in marked:
        if k < i:
            continue  # inside the name before
        i = k
        hit = head_at(tokens, i) if i not in persons else None
        if not hit:
            continue
        size, kind = hit
        end = _forward_tail(tokens, i + size, kind, persons, services)
        if kind == "public" and i > 0 and tokens[i - 1].lower in _branch_nouns():
            end = _before_place(tokens, i + size, end)
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
    lower-case "obce X" (municipalities as places, but not a person's affiliation "(obec X)"),
    or one of several places ("obce X a Y"), or a plan's territory (`plan_territory`)."""
    head = tokens[i + size - 1]
    lemma = word_key(head.text)
    if lemma not in (*grammar("town_nouns"), grammar("region_noun")):
        return False
    if end == i + size or territory(tokens, i) or plan_territory(tokens, i):
        return True
    if lemma == grammar("region_noun") and i > 0 and tokens[i - 1].lower in grammar("place_prepositions"):
        return True  # "v Kraji Podlesí": the region as a place
    if _town_adjective_before(tokens, i):
        return True  # "v Novém Městě nad Lesem", "Staré Město": the noun is part of a town's own name
    entry = lex().lemmas.get(head.lower)
    affiliation = i > 0 and tokens[i - 1].text == "(" and head.lower in grammar("town_nouns")
    if not tokens[i].is_cap and not affiliation \
            and (lemma in grammar("place_only_lowercase") or (entry and entry[2] == "loc")):
        return True  # ("Ing. Eva Malá (obec Lhotka)": in the nominative in parentheses, the body)
    nxt = tokens[end] if end < len(tokens) else None
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return bool(nxt and after and (nxt.lower in grammar("coordinators") or nxt.text == ",") and after.is_cap
                and not tokens[i].is_cap)


@lru_cache(maxsize=1)
def _branch_nouns() -> frozenset[str]:
    """The nouns of a body's branch office ("kontaktního pracoviště Úřadu práce ČR v Lhotě"):
    configs/organisations.toml [grammar] branch_offices and branch_nouns_before."""
    words = {w.split()[-1].lower() for w in grammar("branch_offices")}
    return frozenset(words | {w.lower() for w in grammar("branch_nouns_before")})


def _before_place(tokens: Sequence[Tok], start: int, end: int) -> int:
    """The end of a body's name named after its branch office: the place after it ("v Lhotě")
    is the branch's, so the name stops before a place preposition."""
    preps = grammar("place_prepositions")
    return next((j for j in range(start, end) if tokens[j].lower in preps), end)


def _town_adjective_before(tokens: Sequence[Tok], i: int) -> bool:
    """A capitalised town noun right after a capitalised adjective on its line opens no body: the
    two are a town's own name ("Nové Město nad Lesem", "v Horním Městě"); a town's title
    ("Statutární město X", configs/organisations.toml town_prefixes) is no such adjective."""
    if i == 0 or not tokens[i].is_cap:
        return False
    prev = tokens[i - 1]
    return (prev.is_cap and prev.is_word and not prev.text.isupper() and not hard_break(prev)
            and prev.lower not in grammar("town_prefixes")
            and prev.lower.endswith(tuple(grammar("adjective_stem_endings"))))


def _legal_after(tokens: Sequence[Tok], end: int) -> tuple[int, int, str] | None:
    for pos in (end, end + 1):
        if pos < len(tokens) and (pos == end or tokens[end].text == ","):
            hit = legal_at(tokens, pos)
            if hit:
                return pos, hit[0], hit[1]
    return None


_LINE_BULLETS = ("-", "–", "—", "•", "▪", "◦", "*")


def _region_mentions(block: BlockView, tokens: Sequence[Tok], marked: list[int]) -> list[Mention]:
    """A region named as an actor: "<adjective> kraj" after a funding or project noun ("z
    dotace Karlovarského kraje", "rozpočet Plzeňského kraje") or opening a sentence in the
    nominative ("Jihočeský kraj bude ... financovat") or right after a verb of calling or
    granting whose subject it is ("program, který vyhlásil Jihočeský kraj", "dotaci, kterou
    poskytuje Ústecký kraj"), or that asks it ("žádá Plzeňský kraj o zařazení"); as a place it
    is no organisation."""
    lx = lex()
    out = []
    for i in marked:
        if not i or tokens[i].is_cap or not tokens[i - 1].is_cap:
            continue
        adj = i - 1
        if adj > 0 and word_key(tokens[adj - 1].text) in grammar("region_holders"):
            continue
        nominative = tokens[i].lower == grammar("region_noun")
        opens = nominative and (adj == 0 or tokens[adj - 1].text in (".", ";", ":")
                                or adj == 1 and tokens[0].text in _LINE_BULLETS)  # "- Jihočeský kraj bude ..."
        inverted = nominative and adj > 0 and tokens[adj - 1].lower in lx.actor_verbs | lx.asked_verbs
        if not opens and not inverted and not any(t.lower in lx.actor_before for t in tokens[max(0, adj - 3):adj]):
            continue  # "Jihočeský kraj bude financovat ...": the region opening a sentence acts
        entry = lx.lemmas.get(grammar("region_noun"))
        name = f"{adjective_nominative(tokens[adj].text, entry[1] if entry else 'm')} {grammar('region_noun')}"
        out.append(Mention(block.block_id, tokens[adj].start, tokens[i].end,
                           block.text[tokens[adj].start:tokens[i].end], capitalise(name), kind="region"))
    return out


_PART_NUMBER = re.compile(r"\d{1,2}")


def _abbreviation_mentions(block: BlockView, tokens: Sequence[Tok], marked: list[int],
                           persons: set[int]) -> list[Mention]:
    """Abbreviations of public bodies ("SMK", "KVK"), with the place an office's abbreviation
    names ("MěÚ Horní Ves", "ÚMČ Lipová 7", "KrÚ ZLK"), not those inside a longer run of
    capitals that names a programme ("ZSS MSK")."""
    out = []
    for i in marked:
        tok = tokens[i]
        neighbours = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
        if any(n.is_word and n.text.isupper() and len(n.text) > 1 and not is_abbreviation(n.text)
               for n in neighbours) or territory(tokens, i):
            continue  # a programme's code; a place ("na území MČ X")
        end = _forward_tail(tokens, i + 1, "named", persons)
        if end > i + 1 and end < len(tokens) and _PART_NUMBER.fullmatch(tokens[end].text) \
                and not hard_break(tokens[end - 1]):
            end += 1  # a numbered part of a town: "ÚMČ Praha 9"
        text = block.text[tok.start:tokens[end - 1].end]
        out.append(Mention(block.block_id, tok.start, tokens[end - 1].end, text, tidy(" ".join(text.split())),
                           kind="abbr"))
    return out


def mentions_in_span(block: BlockView, doc: Doc, start: int, end: int) -> tuple[Mention, ...]:
    """Organisation mentions found by their shape among the tokens of block.text[start:end]
    (a slot's value, a cell, a parenthesis), kept in the Doc: the name finders ask about the
    same piece more than once."""
    found = doc.user_data.setdefault(_PIECES, {})
    key = (block.block_id, start, end)
    if key not in found:
        tokens = span_toks(doc, start, end)
        every = doc_toks(doc)
        if len(tokens) == len(every):  # the whole block: its `org` spans
            found[key] = tuple(block_mentions(block, doc))
        else:
            services = [(s.start_char, s.end_char) for s in doc.spans.get(SERVICE_KEY, ())
                        if start <= s.start_char and s.end_char <= end]
            found[key] = tuple(shaped(block, doc, tokens, services))
    return found[key]


_PIECES = "kpss_org_pieces"
ORG_KEY = "org"  # the span group of the mentions by shape (pipeline/extract/spans/orgs.py)


def block_mentions(block: BlockView, doc: Doc) -> list[Mention]:
    """The organisation mentions of a block found by shape: its Doc's `org` spans."""
    text = block.text
    return [Mention(block.block_id, s.start_char, s.end_char, text[s.start_char:s.end_char], s.kb_id_,
                    s.id_ or None, ico_after(text, s.end_char), s.label_) for s in doc.spans.get(ORG_KEY, [])]


def shaped(block: BlockView, doc: Doc, tokens: Sequence[Tok], service_spans: list[tuple[int, int]]) -> list[Mention]:
    """The mentions by shape among `tokens` of a block, services at `service_spans` (a whole
    block's are the `org` spans of its Doc: pipeline/extract/spans/orgs.py)."""
    mk = marks(doc)
    if not mk.any:
        return []  # no token of the block can start a name (most blocks)
    kinds = (mk.legal, mk.head_starts, mk.abbr, mk.region)
    legal, heads, abbr, region = at = ([], [], [], [])  # the token indices where each shape may start
    for k, t in enumerate(tokens):
        if t.start in mk.any:
            for starts, where in zip(kinds, at):
                if t.start in starts:
                    where.append(k)
    persons = person_tokens(doc, tokens) if legal or heads or abbr else set()
    services = frozenset(a for a, _ in service_spans)
    found = (_legal_mentions(block, tokens, legal, persons, service_spans)
             + _head_mentions(block, tokens, heads, persons, services)
             + _abbreviation_mentions(block, tokens, abbr, persons) + _region_mentions(block, tokens, region))
    return drop_overlaps(found)


def drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Where mentions of one block overlap keep the one with a legal form, else the longer."""
    ranked = sorted(found, key=lambda m: (m.legal_form is None, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.block_id != k.block_id or m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.block_id, m.start))
