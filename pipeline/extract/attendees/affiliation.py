"""The organisation written next to a person: "(za KÚHK)", "– Městský úřad X", ", Charita Y",
or the organisation that opens an agenda line or a report."""

from __future__ import annotations

import re

from pipeline.extract.attendees.lexicon import Lexicon, lexicon
from pipeline.extract.attendees.labels import label_patterns


_ITEM_NUMBER = re.compile(r"(?:^|\s)\d{1,3}\s?\.(?=\s|$)")


def clean_org(text: str, lex: Lexicon) -> str | None:
    """The organisation in the text that follows a name.

    "(za KÚHK)" -> KÚHK; "– zástupce zadavatele Městský úřad Vyškov" -> Městský úřad
    Prostějov; "(Krajský úřad X, odbor sociálních věcí)" -> Krajský úřad X; "– Město X
    (místostarosta, předseda ŘS)" -> Město X; "- uživatel
    služby" -> None; a flattened run stops at the next item number or clause."""
    body = text.strip().lstrip(",;:" + DASHES).strip()
    if body.startswith("("):
        close = body.find(")")
        body = body[1:close] if close > 0 else body[1:]
    body = _cut_run(body, lex)
    for word in re.finditer(r"\S+", body):
        token = word.group()
        if (token[0].isupper() or token[0] in "„\"") and fold(token) not in lex.org_prefixes:
            rest = body[word.start():]
            inner = re.match(r"(\S+)\s*\(([^()]+)\)", rest)
            if inner and fold(inner.group(1)) in lex.not_organisations:
                rest = inner.group(2)  # "vedoucí PS (Spolek X, z. s.)": the group's organisation
            org = _cut_department(_cut_note(rest, lex), lex).strip(" ,;:" + DASHES)
            named = any(c.isalpha() for c in org) and fold(org) not in lex.not_organisations
            return org if named else None
    return None


def _cut_run(text: str, lex: Lexicon) -> str:
    """End a flattened organisation at the next item number or at a new clause ("Dále se ...")."""
    match = _ITEM_NUMBER.search(text)
    if match:
        text = text[:match.start()]
    for word in re.finditer(r"\S+", text):
        if word.start() > 0 and word.group()[0].isupper() and fold(word.group()) in lex.clause_openers:
            text = text[:word.start()]
            break
    label = label_patterns()[1].search(fold(text))
    return text[:label.start()] if label else text


def _cut_note(text: str, lex: Lexicon) -> str:
    """Cut what follows the organisation's name: a note on the person's function ("Město X
    (místostarosta, předseda ŘS)", "Městský úřad X (koordinátorka KPSS)"), a note after its
    legal form ("Spolek X, z.ú. (CDZ Tachov)"), its IČO ("Spolek X, z. s., IČO 07103450") and a
    department ("MěÚ X, OSPOD"); a legal form in parentheses stays."""
    ico = _ICO_AFTER.search(text)
    if ico:
        text = text[:ico.start()]
    department = re.search(r",\s*(\S+)\s*$", text)
    if department and fold(department.group(1)) in lex.departments:
        text = text[:department.start()]
    for match in re.finditer(r"\s*\((?=[^\W\d_])", text):
        rest, before = text[match.end():], text[:match.start()].lower()
        if any(rest.lower().startswith(form.lower()) for form in lex.legal_forms):
            continue
        if rest[0].islower() or any(before.endswith(form.lower()) for form in lex.legal_forms):
            return text[:match.start()]
    return text


_ICO_AFTER = re.compile(r",?\s*\bI[ČC]O?\b\s*:?\s*\d[\d ]*")


def _cut_department(text: str, lex: Lexicon) -> str:
    """Cut ", odbor sociálních věcí" (a comma and a lower-case word that is no legal form) and
    "– koordinátorka KPSS", "– sociální odbor" (a dash and a function or a department); a branch
    with its place (", kontaktní pracoviště Dolní Lhota", "– středisko Vsetín") and a description
    after a dash ("Kompas – poradna pro rodinu") stay part of the name."""
    for match in re.finditer(r"(?:,|\s[–—-])\s*(\S+)", text):
        rest = text[match.start(1):]
        if match.group().startswith(",") or fold(match.group(1)) in lex.functions or fold(match.group(1)) == "odbor" \
                or fold(rest).startswith("socialni odbor"):
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


def apposition_org(between: str) -> str | None:
    """The organisation between a name and its verb: "(za KÚHK)", ", ředitel organizace X, p. o.,"."""
    text = between.strip()
    if not text:
        return None
    lex = lexicon()
    if text.startswith("("):
        return clean_org(text, lex)
    if text.startswith(","):
        return clean_org(text.strip(" ,"), lex)
    return None


def leading_org(line: str, lex: Lexicon) -> str | None:
    """The organisation that opens an agenda line: "2/ Firma kvanta research, s.r.o. – ..."."""
    text = re.sub(r"^\s*(?:\d+\s*[/.)]|[a-z]\)|[•·▪◦*–-])?\s*", "", line)
    head = re.split(r"\s[–—-]\s|:", text, maxsplit=1)[0].strip()
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
from pipeline.extract.text import DASHES, fold
