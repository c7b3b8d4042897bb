"""Attendance labels ("Přítomni:", "Omluveni:", "Hosté:", "Zapsala:", "Seznam členů") and
their roles; also the lines whose names are no attendees (a task's "R:", "Ověřil:") and the
values that name nobody ("viz prezenční listina")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.attendees.lexicon import lexicon
from pipeline.extract.common import alternation
from pipeline.extract.sentences import sentence_of
from pipeline.extract.spans.persons import is_title_word
from pipeline.extract.text import fold, letter_spaced_label


@lru_cache(maxsize=1)
def label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes over folded text: a label at the start of a line, and one inside it (a body's
    name opens a line only: "Řídicí skupina:")."""
    lex = lexicon()
    body = alternation([label for _, label in lex.labels])
    inner = alternation([label for role, label in lex.labels if role != "member_body"])
    note = r"(?:\s*\([^)]*\))?"  # "Nepřítomni (neomluveni):"
    lead = r"^[\s•·\-–*]*(?:\d{1,3}[.)]?\s+|[a-z]\)\s+)?"  # a bullet, a slide/item number or "b)" before it
    labels = load("attendance")["labels"]
    # "Aktuální složení pracovní skupiny": a word that dates a members' label before it (checked in `_opening_label`)
    opener = rf"(?:(?P<opener>{alternation([fold(w) for w in labels['member_openers']])})\s+)?"
    start = re.compile(rf"{lead}{opener}(?P<label>{body}){note}(?P<sep>\s*[:\t–-]\s*|\s*$|\s+(?=\S))")
    origin = alternation([fold(w) for w in load("attendance")["cues"]["origin"]["prepositions"]])
    sheet = alternation([fold(w) for w in load("attendance")["labels"]["by_sheet"]])
    # "... Přítomní za ÚMČ: X", "... přítomných hostů dle prezenční listiny: X"
    qualifier = rf"(?:\s+(?:{origin}|{sheet})\s+[^\s:]+(?:\s+[^\s:]+)?)?"
    inside = re.compile(rf"(?<![\w(])(?P<label>{inner}){note}{qualifier}\s*:")
    return start, inside


@lru_cache(maxsize=1)
def _absence_after_comma() -> re.Pattern[str]:
    """"Přítomni: dle prezenční listiny 14 členů, omluven Tomáš Malý": an absence label after a
    comma, without a colon, before a name (folded text; the name's capital is checked on the line)."""
    absences = alternation([label for role, label in lexicon().labels if role in _ABSENCE_ROLES])
    return re.compile(rf"[,;]\s*(?P<label>{absences})\s+(?=\S)")


_ABSENCE_ROLES = ("excused", "absent")


@lru_cache(maxsize=1)
def _absence_in_sentence() -> re.Pattern[str]:
    """"..., omluveni jsou pan Dub a paní Malá", "Omluveni jsou pí. Malá", "3 členové omluveni Ing.
    J. Dub": an absence label inside running text before its names (folded text; the name's cue -
    a capital, a title or a word of address - is checked on the line)."""
    labels = load("attendance")["labels"]
    absences = alternation([label for role, label in lexicon().labels if role in _ABSENCE_ROLES])
    nouns = alternation([fold(w) for w in labels["absence_nouns"]])
    copulas = alternation([fold(w) for w in labels["absence_copulas"]])
    return re.compile(rf"(?:[,;]\s*|(?<=[.!?])\s+|\b(?:{nouns})\s+)(?P<label>{absences})\s+"
                      rf"(?:(?:{copulas})\s+)?(?=\S)")


ABSENCE_VERB_GAP = 2  # words between the reflexive pronoun and the verb of excusing ("se předem omluvil")


@lru_cache(maxsize=1)
def _absence_verb() -> re.Pattern[str]:
    """"... se omluvili: Mgr. X a MUDr. Y", "Omluvil se pan Z": a reflexive verb of excusing oneself
    before the names of the excused (folded text; the names' cue is checked on the line)."""
    labels = load("attendance")["labels"]
    verbs = alternation([fold(w) for w in labels["absence_verbs"]])
    reflexive = alternation([fold(w) for w in labels["reflexive"]])
    return re.compile(rf"(?:\b(?:{reflexive})\s+(?:[^\W\d_]+\s+){{0,{ABSENCE_VERB_GAP}}}?(?P<label>{verbs})"
                      rf"|\b(?P<label2>{verbs})\s+(?:{reflexive}))\b\s*:?\s+(?=\S)")


_LOWER_CLAUSE = re.compile(r",\s+(?P<word>[^\W\d_]+\.?)")


def _clause_end(line: str, start: int, end: int) -> int:
    """Where a list inside a sentence ends: at a comma before a lower-case word that is no title
    or word of address ("..., p. Kala, který se dostaví později"), else at `end`."""
    for match in _LOWER_CLAUSE.finditer(line, start, end):
        word = match.group("word")
        if word[:1].islower() and not _cued_word(word):
            return match.start()
    return end


_STOP = re.compile(r"(?P<word>\S*)[.!?](?=\s|$)")


def _list_sentence_end(line: str, start: int) -> int:
    """The end of the sentence a list of names inside it ends with: a full stop after a word that
    is no initial ("J.") and no title or word of address ("Ing.", "pí.")."""
    for match in _STOP.finditer(line, start):
        word = match.group("word")
        if len(word.strip("(")) > 1 and not _cued_word(word + "."):
            return match.end()
    return len(line)


def _cued_word(word: str) -> bool:
    """A title or word of address that opens a person's mention ("pí.", "p.", "ing.")."""
    return is_title_word(word) or is_title_word(word.rstrip("."))


@lru_cache(maxsize=1)
def _stop_pattern() -> re.Pattern[str]:
    """A responsibility label inside a line ("Zapsal: X\tOvěřil: Y"): the value before it ends there."""
    return re.compile(rf"(?<![\w(])(?:{alternation(lexicon().responsibility)})\s*:")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _role_of_label() -> dict[str, str]:
    roles: dict[str, str] = {}
    for role, label in lexicon().labels:
        roles.setdefault(_SPACES.sub(" ", fold(label)), role)
    return roles


def _role(label: str) -> str:
    role = _role_of_label()[_SPACES.sub(" ", label)]
    return "member" if role == "member_list" else role


@dataclass
class Label:
    role: str
    value_start: int
    value_end: int
    member_heading: bool = False
    body: bool = False  # a body's name ("Řídicí skupina:"): its list is the body's composition
    in_sentence: bool = False  # inside running text ("... představila hosty: ..."): the line is no list


def labels_in(line: str, offset: int, kind: str, minutes: bool = True) -> list[Label]:
    """The attendance labels of a line and the span of each one's value (to the next label).
    Outside minutes (a plan, a resolution: `minutes` False) an author's label ("Zpracovala:",
    "Koordinátorka:") names the material's author, not a role of a meeting: its value is no one's."""
    spaced = letter_spaced_label(line)
    if spaced:  # "P ř í t o m n i:": the label written letter by letter, its value after the colon
        label = labels_in(spaced[0] + ":", 0, kind, minutes)
        return [Label(label[0].role, offset + spaced[1], offset + len(line), label[0].member_heading,
                      label[0].body)] if len(label) == 1 else []
    start_re, inside_re = label_patterns()
    folded = fold(line)
    found: list[tuple[int, str, int]] = []
    first = start_re.match(folded)
    opening = _opening_label(line, first, kind) if first else None
    if opening:
        found.append(opening)
    for match in inside_re.finditer(folded):
        if opening and _qualifies(folded, opening, match):  # "Přítomni – členové komise: X": present, after it
            found[0] = (opening[0], opening[1], match.end())
            opening = found[0]
            continue
        if opening and match.start() < opening[2]:
            if match.end() == opening[2] and (opening[1], _role(match.group("label"))) == _EXCUSED_ABSENCE:
                found[0] = (opening[0], _EXCUSED_ABSENCE[1], opening[2])  # "Nepřítomen člen PS, omluven:"
            continue
        found.append((match.start(), _role(match.group("label")), match.end()))
        if _in_sentence(line, match.start()):  # "... představila hosty: paní X, pan Y. Dále ...": to its end
            end = sentence_of(line, match.end())[1]
            while line[:end].rstrip().endswith(";") and end < len(line):  # "X, primářka; Mgr. Y, ...": the list goes on
                end = sentence_of(line, end + 1)[1]
            found.append((end, _SENTENCE_END, end))
    for match in _absence_after_comma().finditer(folded):
        if line[match.end():match.end() + 1].isupper() and not any(p <= match.start("label") < v for p, _, v in found):
            found.append((match.start("label"), _role(match.group("label")), match.end()))
    for match in _absence_in_sentence().finditer(folded):
        if any(p <= match.start("label") < v or p == match.start("label") for p, _, v in found):
            continue
        first = line[match.end():].split(maxsplit=1)
        if not first or not (first[0][:1].isupper() or _cued_word(first[0])):
            continue
        end = _clause_end(line, match.end(), _list_sentence_end(line, match.end()))
        found.append((match.start("label"), _role(match.group("label")), match.end()))
        found.append((end, _SENTENCE_END, end))
    for match in _absence_verb().finditer(folded):
        label = "label" if match.group("label") else "label2"
        if any(p <= match.start(label) < v for p, _, v in found):
            continue
        first = line[match.end():].split(maxsplit=1)
        if not first or not (first[0][:1].isupper() or _cued_word(first[0])):
            continue
        end = _clause_end(line, match.end(), _list_sentence_end(line, match.end()))
        found.append((match.start(label), "excused", match.end()))
        found.append((end, _SENTENCE_END, end))
    found.sort()
    stops = [m.start() for m in _stop_pattern().finditer(folded)]
    labels = []
    for i, (position, role, value_start) in enumerate(found):
        if role == _SENTENCE_END:
            continue
        if not minutes and _authoring().match(folded, position):
            role = AUTHOR
        value_end = found[i + 1][0] if i + 1 < len(found) else len(line)
        value_end = min([stop for stop in stops if value_start <= stop < value_end], default=value_end)
        member = role == "member_heading"
        labels.append(Label("member" if member or role == "member_body" else role, offset + value_start,
                            offset + value_end, member, role == "member_body",
                            position > 0 and _in_sentence(line, position)))
    return labels


def _qualifies(folded: str, opening: tuple[int, str, int], match: re.Match[str]) -> bool:
    """A members' label right after an attendance label, with only a dash or spaces between
    ("Přítomni – členové komise:", "Přítomni: Členové PS:"): it says who they are, the
    attendance label keeps the role."""
    return opening[1] in _ATTENDANCE_ROLES and _role(match.group("label")) == "member" \
        and not folded[opening[2]:match.start()].strip(" -–:\t")


_ATTENDANCE_ROLES = ("present", "excused", "absent", "guest")


AUTHOR = "author"  # the role of an author's label outside minutes: no attendee role
_SENTENCE_END = "~"  # not a label: where the value of a label inside a sentence ends


def _in_sentence(line: str, position: int) -> bool:
    """A label inside running text: a lower-case word right before it ("představila hosty:")."""
    before = line[:position].split()
    return bool(before) and before[-1][:1].islower()


@lru_cache(maxsize=1)
def _authoring() -> re.Pattern[str]:
    """configs/attendance.toml [labels] authoring: labels that name an author outside minutes."""
    return re.compile(rf"(?:{alternation(load('attendance')['labels']['authoring'])})(?!\w)")


# An absence the label qualifies as excused before its colon ("Nepřítomen člen PS, omluven:").
_EXCUSED_ABSENCE = ("absent", "excused")


def _opening_label(line: str, match: re.Match[str], kind: str) -> tuple[int, str, int] | None:
    """(position, role, value start) of the label that opens a line, if it is one.

    After a colon, dash or tab the value follows; after a space only a few lower-case words
    and a colon ("Přítomni za poskytovatele: ...") or, for a recorder, a name ("Zapsala
    Leona Hájková."). "Přítomni byli všichni členové" is a sentence, not a label."""
    role, value_start, sep = _role(match.group("label")), match.end(), match.group("sep")
    if match.group("opener") and role != "member":
        return None  # only a members' list is dated so ("Aktuální složení ...")
    if role == "member_body":
        return _body_label(line, match)
    if role == "member":
        if not sep.strip() and "\t" not in sep and line[value_start:value_start + 1].islower():
            qualifier = _member_qualifier(line[value_start:])
            if qualifier:  # "Složení řídící skupiny v rámci aktuální etapy KPSS:" and the members on the next lines
                return match.start("label"), "member_heading", value_start + qualifier
            return None  # "Členové skupiny se shodli, že ...": a sentence about the members
        return _member_label(line, match, kind)
    if sep.strip() or "\t" in sep or not line[value_start:].strip():
        return match.start("label"), role, value_start
    qualifier = _qualifier(line[value_start:])
    if qualifier:
        return match.start("label"), role, value_start + qualifier
    if role in lexicon().verb_like and line[value_start:value_start + 1].isupper():
        return match.start("label"), role, value_start
    return None


def _member_label(line: str, match: re.Match[str], kind: str) -> tuple[int, str, int]:
    """"Seznam členů pracovní skupiny [Senioři]" opens a members' section (a heading, or a
    title line); with more text after it, the text is the list itself (a flattened slide)."""
    rest = line[match.end():]
    words = rest.strip(" :").split()
    if kind == "heading" or len(words) <= 3 and all(w[0].isupper() for w in words):
        return match.start("label"), "member_heading", _after_colon(line, match.end())
    return match.start("label"), "member", match.end()


def _body_label(line: str, match: re.Match[str]) -> tuple[int, str, int] | None:
    """"Řídicí skupina:", "Pracovní skupina Senioři a OZP:", "Realizační tým projektu:": a body's
    name, its own name or a complement, and a colon open the body's composition; "Pracovní
    skupina doporučuje:" is a sentence."""
    colon = line.find(":", match.start("label"))
    if colon < 0:
        return None
    words = line[match.end("label"):colon].split()
    if words and (len(words) > BODY_NAME_WORDS or not (words[0][:1].isupper() or fold(words[0]) in _complements())):
        return None
    return match.start("label"), "member_body", colon + 1


BODY_NAME_WORDS = 8  # at most this many words of a body's own name between it and the colon


@lru_cache(maxsize=1)
def _complements() -> frozenset[str]:
    return frozenset(fold(w) for w in load("attendance")["labels"]["body_complements"])


_NOTE = re.compile(r"\([^()]*\)")


def _qualifier(text: str) -> int:
    """Length of "za poskytovatele:" - up to four lower-case words (or abbreviations) and a
    colon that qualify a label - or 0; a verb makes them a sentence ("Koordinátorka představila
    hosty: ...")."""
    colon = text.find(":")
    # a note in parentheses ("(viz presenční listina)") is no word of the qualifier
    words = _NOTE.sub(" ", text[:colon]).split() if 0 < colon <= 60 else []
    if not 1 <= len(words) <= 4 or any(lexicon().is_verb(w) for w in words):
        return 0
    if all(w[0].islower() or w[0] in "(/" or (w.isupper() and len(w) <= 5) for w in words):
        return colon + 1
    return 0


MEMBER_QUALIFIER_WORDS = 6  # at most this many words qualify a members' label before its colon


def _member_qualifier(text: str) -> int:
    """Length of "v rámci aktuální etapy KPSS:" - a phrase opened by a preposition, of lower-case
    words, numbers or abbreviations and no verb, and a colon that ends the line - after a members'
    label, or 0 ("Členové skupiny se shodli:" is a sentence)."""
    colon = text.find(":")
    if colon < 0 or text[colon + 1:].strip():
        return 0
    words = text[:colon].split()
    if not 1 <= len(words) <= MEMBER_QUALIFIER_WORDS or fold(words[0]) not in _qualifier_prepositions() \
            or any(lexicon().is_verb(w) for w in words):
        return 0
    if all(w[0].islower() or w[0].isdigit() or (w.isupper() and len(w) <= 5) for w in words):
        return colon + 1
    return 0


@lru_cache(maxsize=1)
def _qualifier_prepositions() -> frozenset[str]:
    """configs/attendance.toml [labels] member_qualifier_prepositions."""
    return frozenset(fold(w) for w in load("attendance")["labels"]["member_qualifier_prepositions"])


def _after_colon(line: str, start: int) -> int:
    colon = line.find(":", start - 1 if start else 0)
    return colon + 1 if colon >= 0 else len(line)


def is_responsibility(line: str) -> bool:
    """"R: Jana Nová", "Kontaktní osoba: ...", "Publikoval(a) ...": names that are not attendees;
    but "Ověřila a zapsala: Jana Nová" names the recorder too."""
    folded = fold(line).lstrip(" •·-–*\t")
    for word, joined_label in _responsibility_words():
        if folded.startswith(word) and (len(folded) == len(word) or not folded[len(word)].isalnum()):
            joined = joined_label.match(folded)
            return not (joined and label_patterns()[0].match(joined.group("other") + ":"))
    return False


@lru_cache(maxsize=1)
def _responsibility_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each responsibility label with the pattern of it joined to another label ("Ověřila a zapsala:")."""
    joining = "|".join(re.escape(w) for w in load("meeting")["labels"]["recorder_joiners"])
    return tuple((word, re.compile(rf"{re.escape(word)}\s*(?:,|\s(?:{joining})\s|/)\s*(?P<other>[^:]{{1,30}}):"))
                 for word in lexicon().responsibility)


def names_nobody(text: str) -> bool:
    folded = fold(text)
    return any(phrase in folded for phrase in lexicon().nobody)
