"""The organisation written next to a person: "(za KÚHK)", "– Městský úřad X", ", Charita Y",
or the organisation that opens an agenda line or a report."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.attendees.lexicon import Lexicon, lexicon
from pipeline.extract.attendees.labels import label_patterns
from pipeline.extract.patterns import word_class
from pipeline.extract.nlp import doc_text
from pipeline.extract.organisations.normalise import nominative
from pipeline.extract.text import DASHES, fold
from pipeline.extract.spans.persons import is_title_word, person_words


ORG_KEY = "org"  # the key of the organisation spans (pipeline.extract.spans.orgs)
_ITEM_NUMBER = re.compile(r"(?:^|\s)\d{1,3}\s?\.(?=\s|$)")
_WORD = re.compile(r"\S+")
_INNER = re.compile(r"(\S+)\s*\(([^()]+)\)")
_EMPLOYER = re.compile(r"[^()]+\(([^()]+)\)\s*$")  # "KPSS ORP X (Městský úřad X)": the organisation in parentheses last
_LAST_AFTER_COMMA = re.compile(r",\s*(\S+)\s*$")
_NOTE_OPEN = re.compile(r"\s*\((?=[^\W\d_])")
_DEPARTMENT_START = re.compile(r"(?:,|\s[–—-])\s*(\S+)")
_LINE_LEAD = re.compile(r"^\s*(?:\d+\s*[/.)]|[a-z]\)|[•·▪◦*–-])?\s*")
_HEAD_END = re.compile(r"\s[–—-]\s|:")


def clean_org(text: str, lex: Lexicon, doc: Doc | None = None, offset: int = 0) -> str | None:
    """The organisation in the text that follows a name; with the block's `doc` (and where `text`
    starts in it), the organisation span recognised there gives its name and extent
    (`spanned`).

    "(za KÚHK)" -> KÚHK; "– zástupce zadavatele Městský úřad Vyškov" -> Městský úřad
    Prostějov; "(Krajský úřad X, odbor sociálních věcí)" -> Krajský úřad X; "– Město X
    (místostarosta, předseda ŘS)" -> Město X; "- uživatel
    služby" -> None; a flattened run stops at the next item number or clause."""
    body = text.strip().lstrip(",;:" + DASHES).strip()
    if body.startswith("("):
        close = body.find(")")
        body = body[1:close] if close > 0 else body[1:]
    body = _cut_run(after_titles_cut(body), lex)
    for word in _WORD.finditer(body):
        token = word.group()
        if fold(token) in lex.departments and body[word.end():].strip()[:1].isupper():
            continue  # "OSPOD MěÚ Lhota": a department of the body after it
        if (token[0].isupper() or token[0] in "„\"") and fold(token) not in lex.org_prefixes:
            rest = body[word.start():]
            town = _town_noun_before(body, word.start())
            if town is not None:  # "(obec Libějovice)": the municipality is the body "Obec Libějovice"
                rest = body[town].upper() + body[town + 1:]
                word_start = town
            else:
                word_start = word.start()
            inner = _INNER.match(rest)
            if inner and fold(inner.group(1)) in lex.not_organisations:
                rest = inner.group(2)  # "vedoucí PS (Spolek X, z. s.)": the group's organisation
            employer = _EMPLOYER.match(rest)
            if employer and _after_function(body[:word_start]) and looks_like_org(employer.group(1), lex):
                rest = employer.group(1)  # "koordinátorka KPSS ORP X (Městský úřad X)": what she coordinates, then her office
            org = _sentence_stop_cut(_cut_department(_cut_note(rest, lex), lex).strip(" ,;:" + DASHES))
            named = any(c.isalpha() for c in org) and fold(org) not in lex.not_organisations
            if named and doc is not None and town is None:
                governed = body[:word_start].rstrip()[-1:].isalpha()
                found = spanned(doc, offset + text.find(org), org, governed=governed)
                org = nominative(org.split()) if governed and found == org and not org_spanned(
                    doc, offset + text.find(org)) else found
            return org if named else None
    return None


def after_titles_cut(body: str) -> str:
    """Drop the titles after a name that open the text ("Ph. D., primář X"; in a surname-first
    list the titles before a name stand after it too: "Malá Jana, Mgr. – Spolek X"): no organisation."""
    low = body.lower()
    words = person_words()
    titles = words.after_titles | {t.lower() for t in words.titles if t.endswith(".")}
    for title in sorted(titles, key=len, reverse=True):
        if low.startswith(title) and not low[len(title):len(title) + 1].isalnum():
            return body[len(title):].lstrip(" ,.")
    return body


def _sentence_stop_cut(org: str) -> str:
    """"Krajského úřadu X kraje." at the end of a sentence: the full stop is no part of the name
    (an abbreviation or legal form keeps its dot: "a.s.", "z. s.")."""
    last = org.split()[-1] if org.split() else ""
    return org[:-1] if last.endswith(".") and last.count(".") == 1 and len(last) > 3 else org


def _town_noun_before(body: str, start: int) -> int | None:
    """Where a lower-case town noun ("obec", "město") right before `start` begins, if one does."""
    before = body[:start].rstrip()
    words = before.split()
    if not words or len(before) == len(body[:start]) or not words[-1].islower():
        return None
    return len(before) - len(words[-1]) if fold(words[-1]) in _town_nouns() else None


@lru_cache(maxsize=1)
def _town_nouns() -> frozenset[str]:
    """configs/organisations.toml [grammar] town_nouns ("město", "obec") in the nominative."""
    return frozenset(fold(w) for w in word_class("@organisations.grammar.town_nouns"))


def spanned(doc: Doc, start: int, org: str, governed: bool = True) -> str:
    """The organisation recognised at `start` (`doc.spans["org"]`) in place of the text read
    there: it ends the name where the organisation ends ("Spolek Kruh, z. s." of "Spolek Kruh,
    z. s. – NZDM Klub", "Policie ČR" of "Policie ČR, Obvodní oddělení X"); a name `governed` by
    the word before it ("ředitelka Domova pro seniory X", "z Farní charity Y") is inflected and
    takes its nominative; one in apposition ("– Pohoda domova, o. p. s.") is the name as written."""
    for span in doc.spans[ORG_KEY] if ORG_KEY in doc.spans else ():
        if span.start_char == start:
            written = span.text
            rest = org[len(written):] if org.startswith(written) else ""
            if rest[:1].isalnum() or rest[:1] == "-" or rest.lstrip()[:1].isupper() and rest[:1] == " " \
                    or _plain(rest) in _plain_forms() and rest:
                return org  # the span cut the name ("Lipová-lázně", "Domov Jasan"), or only the legal form follows
            if governed and _bare(span.kb_id_ or written) != _bare(written):
                return span.kb_id_  # "Domova pro seniory X" -> "Domov pro seniory X"
            return written
    return org


def org_spanned(doc: Doc, start: int) -> bool:
    """An organisation span (`doc.spans["org"]`) starts at `start`."""
    return any(span.start_char == start for span in doc.spans[ORG_KEY]) if ORG_KEY in doc.spans else False


def _bare(name: str) -> str:
    """A name's letters without its legal form."""
    plain = _plain(name)
    for form in _plain_forms():
        if form and plain.endswith(form) and len(plain) > len(form):
            return plain[:-len(form)]
    return plain


@lru_cache(maxsize=1)
def _plain_forms() -> frozenset[str]:
    """The legal forms, letters only ("zs", "ops"), and nothing: what may follow a recognised name."""
    return frozenset({"", *(_plain(form) for form in lexicon().legal_forms)})


def _plain(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())


def origin_org(doc: Doc, person_tail: int, end: int) -> str | None:
    """The organisation a person comes from, written after her name: a preposition of origin
    ("X z Farní charity Y informovala": the organisation span after it, in the nominative), or a
    preposition and a noun ("PhDr. X ze společnosti Analytika Y s.r.o., která ...", "Bc. X z
    organizace Z, z. s."): configs/attendance.toml [cues.origin]."""
    match = _origin().match(doc_text(doc), person_tail, end)
    if match is None:
        return None
    if match.group("noun"):
        return clean_org(doc_text(doc)[match.end():end], lexicon(), doc, match.end())
    return spanned(doc, match.end(), "") or _abbreviation_run(doc_text(doc)[match.end():end]) or None


_RUN_WORD = re.compile(r"[^\s,.;:()]+")
ABBREVIATION_CAPITALS = 2  # capitals in a short first word that make it an abbreviation ("CpKP", "MěÚ")


@lru_cache(maxsize=1)
def _adjective_endings() -> tuple[str, ...]:
    """configs/attendance.toml [cues.origin] adjective_endings."""
    return tuple(load("attendance")["cues"]["origin"]["adjective_endings"])


def _abbreviation_run(text: str) -> str | None:
    """"X z CpKP západní Čechy přednesla": an organisation known only by its abbreviation, with
    the words after it (its branch, its place) up to the verb or a comma."""
    words = list(_RUN_WORD.finditer(text))
    if not words or words[0].start() != 0:
        return None
    first = words[0].group()
    if not (len(first) <= 6 and first.isalpha() and sum(c.isupper() for c in first) >= ABBREVIATION_CAPITALS):
        return None
    end = words[0].end()
    for word in words[1:]:
        between = text[end:word.start()]
        text_word = word.group()
        if between.strip() or lexicon().is_verb(text_word) \
                or not (text_word[:1].isupper() or text_word.endswith(_adjective_endings())):
            break
        end = word.end()
    return text[:end]


@lru_cache(maxsize=1)
def _origin() -> re.Pattern[str]:
    words = load("attendance")["cues"]["origin"]
    prepositions = "|".join(re.escape(w) for w in words["prepositions"])
    nouns = "|".join(re.escape(w) for w in words["nouns"])
    return re.compile(rf"\s*,?\s*(?:{prepositions})\s+(?:(?P<noun>{nouns})\s+)?")


def _cut_run(text: str, lex: Lexicon) -> str:
    """End a flattened organisation at the next item number, at a new clause ("Dále se ...") or at
    the sentence after a flattened list ("Přítomno 14 členů", "Nepřítomen člen ZMČ")."""
    match = _ITEM_NUMBER.search(text)
    if match:
        text = text[:match.start()]
    for word in _WORD.finditer(text):
        if word.group()[0].isupper() and (word.start() > 0 and fold(word.group()) in lex.clause_openers
                                          or fold(word.group()) in lex.sentence_openers
                                          or word.group().endswith(":")):
            text = text[:word.start()]  # "... Dále se ...", "... Program: 1. ...": a new clause or label
            break
    label = label_patterns()[1].search(fold(text))
    return text[:label.start()] if label else text


def _cut_note(text: str, lex: Lexicon) -> str:
    """Cut what follows the organisation's name: a note on the person's function ("Město X
    (místostarosta, předseda ŘS)", "Městský úřad X (koordinátorka KPSS)"), a note after its
    legal form ("Spolek X, z.ú. (CDZ Tachov)"), its IČO ("Spolek X, z. s., IČO 07103450") and a
    department ("MěÚ X, OSPOD"); a legal form in parentheses stays."""
    ico = _ico_after().search(text)
    if ico:
        text = text[:ico.start()]
    department = _LAST_AFTER_COMMA.search(text)
    if department and fold(department.group(1)) in lex.departments:
        text = text[:department.start()]
    for match in _NOTE_OPEN.finditer(text):
        rest, before = text[match.end():], text[:match.start()].lower()
        if any(rest.lower().startswith(form.lower()) for form in lex.legal_forms):
            continue
        if rest[0].islower() or any(before.endswith(form.lower()) for form in lex.legal_forms):
            return text[:match.start()]
    return text


@lru_cache(maxsize=1)
def _ico_after() -> re.Pattern[str]:
    """", IČO 07103450" after an organisation (the words of configs/organisations.toml
    [roles] table_ico, in capitals, with or without diacritics)."""
    words = {form for w in word_class("@organisations.roles.table_ico") for form in (w.upper(), fold(w).upper())}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf",?\s*\b(?:{alternatives})\b\s*:?\s*\d[\d ]*")


@lru_cache(maxsize=1)
def _department_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """configs/attendance.toml [cues] department_words: single words, and phrases."""
    words = [fold(w) for w in load("attendance")["cues"]["department_words"]]
    return frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w)


def _cut_department(text: str, lex: Lexicon) -> str:
    """Cut ", odbor sociálních věcí" (a comma and a lower-case word that is no legal form) and
    "– koordinátorka KPSS", "– sociální odbor" (a dash and a function or a department); a branch
    with its place (", kontaktní pracoviště Dolní Lhota", "– středisko Vsetín") and a description
    after a dash ("Kompas – poradna pro rodinu") stay part of the name."""
    single, phrases = _department_words()
    for match in _DEPARTMENT_START.finditer(text):
        rest = text[match.start(1):]
        first = fold(match.group(1))
        if match.group().startswith(",") or first in lex.functions or first in single \
                or fold(rest).startswith(phrases):
            if rest[0].islower() and not any(rest.lower().startswith(form.lower()) for form in lex.legal_forms) \
                    and not _branch(rest, lex):
                return text[:match.start()]
    return text


def _branch(text: str, lex: Lexicon) -> bool:
    """"kontaktní pracoviště Dolní Lhota": a branch word and a capitalised place after it."""
    folded = fold(text)
    for branch in lex.org_branches:
        if folded.startswith(branch + " ") and text[len(branch) + 1:].lstrip()[:1].isupper():
            return True
    return False


def looks_like_org(text: str, lex: Lexicon) -> bool:
    """An organisation by its form: a legal form, a known head word, or an abbreviation."""
    folded = fold(text)
    if any(fold(form) in folded for form in lex.legal_forms):
        return True
    if text[:1].isupper() and any(folded.startswith(head + " ") or folded == head for head in lex.org_heads):
        return True
    letters = text.replace(" ", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


_FOR_ORG = re.compile(r"\s*(?P<prep>\w+)\s+(?P<org>\S)")  # "Za Úřad práce ČR ...": a preposition, a capital


def org_before(doc: Doc, sentence_start: int, person_start: int) -> str | None:
    """The organisation written before a person in her sentence: a function and an organisation
    in the genitive ("Starosta obce Lhota Ing. X sdělil" -> Obec Lhota; "ředitelka Charity Y
    Mgr. Z" -> Charita Y), or a sentence opened by "Za" and an organisation ("Za Úřad práce ČR
    se jednání zúčastnila Ing. X")."""
    text = doc_text(doc)
    before = text[sentence_start:person_start]
    words = before.split()
    for i, word in enumerate(words[:-1]):
        head = i + 1 + _department_length(words[i + 1:])  # "Vedoucí odboru sociálních věcí Městského úřadu X"
        if (fold(word) in _function_heads() or fold(word) in _staff_nouns()) and head < len(words) \
                and (fold(words[head]) in _org_lemmas() or head > i + 1 and words[head][:1].isupper()
                     and head + 1 < len(words) and fold(words[head + 1]) in _org_lemmas()):
            rest = [w.rstrip(",") if k == len(words) - head - 1 else w for k, w in enumerate(words[head:])]
            org = [w for k, w in enumerate(rest) if not is_title_word(w) and not _address_word(rest, k)]
            org = _to_clause_end(org)
            return nominative(org) if len(org) >= 2 else None
    opening = _FOR_ORG.match(before)
    if opening and fold(opening.group("prep")) in _for_prepositions() and opening.group("org")[:1].isupper():
        return spanned(doc, sentence_start + opening.start("org"), "") or None  # the recognised organisation
    return None


def _department_length(words: list[str]) -> int:
    """How many words of a department in the genitive open `words` ("odboru sociálních věcí",
    "oddělení SPOD"): its noun ([cues] department_genitives) and the lower-case words or department
    abbreviations after it; 0 when none."""
    if not words or fold(words[0]) not in _department_genitives():
        return 0
    k = 1
    while k < len(words) and (words[k][:1].islower() or fold(words[k]) in lexicon().departments):
        k += 1
    return k


@lru_cache(maxsize=1)
def _department_genitives() -> frozenset[str]:
    """configs/attendance.toml [cues] department_genitives."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["department_genitives"])


def _address_word(words: list[str], k: int) -> bool:
    """A word of address ("p.") before a name, not the "p." of a legal form "p. o." after the
    organisation ("Ředitelka Domova X, p. o. Mgr. Y")."""
    if fold(words[k]) not in person_words().address:
        return False
    pair = " ".join(words[k:k + 2]).rstrip(",").lower()
    return not any(pair == form.lower() for form in lexicon().legal_forms)


def _to_clause_end(words: list[str]) -> list[str]:
    """The organisation's words up to the comma that ends it ("Centra X, kteří ..."), unless the
    comma sets off its legal form ("Domova X, p. o.")."""
    for k, word in enumerate(words):
        if word.endswith(",") and k + 1 < len(words) and words[k + 1].lower() in lexicon().relatives:
            return words[:k + 1]
    return words


@lru_cache(maxsize=1)
def _staff_nouns() -> frozenset[str]:
    """configs/attendance.toml [cues] staff_nouns."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["staff_nouns"])


@lru_cache(maxsize=1)
def _function_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in load("attendance")["cues"]["function_heads"])


def _after_function(before: str) -> bool:
    """The words before an organisation's first capital end with a function's head noun ("koordinátorka ")."""
    words = before.split()
    return bool(words) and fold(words[-1]) in _function_heads()


@lru_cache(maxsize=1)
def _org_lemmas() -> frozenset[str]:
    """Every form of the head nouns of organisation names (configs/organisations.toml [lemmas])."""
    forms = load("organisations")["lemmas"]
    return frozenset({fold(lemma) for lemma in forms} | {fold(f) for entry in forms.values() for f in entry["forms"]})


@lru_cache(maxsize=1)
def _for_prepositions() -> frozenset[str]:
    """The preposition of representing ("Za Úřad práce ČR ..."): [cues.origin] prepositions."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["origin"]["prepositions"])


def apposition_org(doc: Doc, start: int, end: int) -> str | None:
    """The organisation between a name and its verb: "(za KÚHK)", ", ředitel organizace X, p. o.,"."""
    between = doc_text(doc)[start:end]
    text = between.strip()
    if text.startswith("(") or text.startswith(","):
        return clean_org(between, lexicon(), doc, start)
    return None


def leading_org(line: str, lex: Lexicon) -> str | None:
    """The organisation that opens an agenda line: "2/ Firma kvanta research, s.r.o. – ..."."""
    text = _LINE_LEAD.sub("", line)
    head = _HEAD_END.split(text, maxsplit=1)[0].strip()
    words = head.split()
    prefixed = bool(words) and fold(words[0]) in lex.org_prefixes
    if prefixed:
        head = head[len(words[0]):].strip()
    if not head or not (prefixed or looks_like_org(head, lex)):
        return None
    for form in lex.legal_forms:
        if head.lower().endswith(form.lower()):
            head = head[:-len(form)].rstrip(" ,")
            break
    return head or None
