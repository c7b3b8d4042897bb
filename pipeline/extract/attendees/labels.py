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


@lru_cache(maxsize=1)
def _presence_verb() -> re.Pattern[str]:
    """"Za obce se setkání zúčastnili p. X (Obec Y), ...": a reflexive verb of taking part before the
    names of those present (folded text), shaped as `_absence_verb`."""
    labels = load("attendance")["labels"]
    verbs = alternation([fold(w) for w in labels["presence_verbs"]])
    reflexive = alternation([fold(w) for w in labels["reflexive"]])
    return re.compile(rf"(?:\b(?:{reflexive})\s+(?:[^\W\d_]+\s+){{0,{ABSENCE_VERB_GAP}}}?(?P<label>{verbs})"
                      rf"|\b(?P<label2>{verbs})\s+(?:{reflexive}))\b\s*:?\s+(?=\S)")


@lru_cache(maxsize=1)
def _presence_end() -> re.Pattern[str]:
    """A comma before a relative pronoun or a subordinate clause (folded): a list of those present ends there."""
    cues = load("attendance")["cues"]
    words = alternation([fold(w) for w in cues["relatives"] + cues["clause_breaks"]])
    return re.compile(rf",\s+(?:{words})\b")


_LIST_WORD = re.compile(r"[^\W\d_]+")
_NOTES = re.compile(r"\([^()]*\)")
_LIST_JOIN = re.compile(r"(?:,|\sa)\s+\S")  # a second item of a list


def _presence_stop(line: str, start: int, end: int) -> int:
    """Where a list of those present ends before `end`: at the next verb or at a word of
    configs/attendance.toml [labels] presence_list_stops, outside parentheses."""
    stops = _presence_stops()
    for word in _LIST_WORD.finditer(line, start, end):
        if line.count("(", start, word.start()) > line.count(")", start, word.start()):
            continue
        if word.group().islower() and (fold(word.group()) in stops or lexicon().is_verb(word.group())):
            return word.start()
    return end


@lru_cache(maxsize=1)
def _presence_stops() -> frozenset[str]:
    return frozenset(fold(w) for w in load("attendance")["labels"]["presence_list_stops"])


@lru_cache(maxsize=1)
def _as_guest_phrases() -> re.Pattern[str]:
    """configs/attendance.toml [cues] as_guest (folded): taking part as a guest."""
    return re.compile(rf"(?<!\w)(?:{alternation([fold(w) for w in load('attendance')['cues']['as_guest']])})(?!\w)")


def _presence_lists(line: str, folded: str, found: list[tuple[int, str, int]]) -> None:
    """Add to `found` the lists of those present after a reflexive verb of taking part, each with
    the end of its list (the sentence, or a relative or subordinate clause)."""
    for match in _presence_verb().finditer(folded):
        label = "label" if match.group("label") else "label2"
        if any(p <= match.start(label) < v for p, _, v in found):
            continue
        end = _list_sentence_end(line, match.end())
        stop = _presence_end().search(folded, match.end(), end)
        end = _presence_stop(line, match.end(), stop.start() if stop else end)
        if _as_guest_phrases().search(folded, match.start(), end):
            continue  # "se zúčastnil jako host Bc. X": a guest (the sentence reader)
        if not _LIST_JOIN.search(_NOTES.sub("", line[match.end():end])):
            continue  # one person after the verb: the sentence reader ("se zúčastnil místostarosta Ing. X")
        found.append((match.start(label), "present", match.end()))
        found.append((end, _SENTENCE_END, end))


@lru_cache(maxsize=1)
def _composition() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"ve složení" opening a line, and "tým ... ve složení:" inside one (folded text)."""
    labels = load("attendance")["labels"]
    phrase = alternation([fold(w) for w in labels["composition"]])
    nouns = alternation([fold(w) for w in labels["composition_nouns"]])
    gap = labels["composition_gap"]
    return (re.compile(rf"^\s*(?P<label>{phrase})\s*:?\s*"),
            re.compile(rf"\b(?:{nouns})\b(?:\s+\S+){{0,{gap}}}?\s+(?P<label>{phrase})\s*:?\s*(?=\S)"))


def _composition_lists(line: str, folded: str, found: list[tuple[int, str, int]]) -> None:
    """Add to `found` a team's composition: the members after "ve složení" to the end of the sentence,
    or on the next lines when the phrase ends its line."""
    opening, inside = _composition()
    match = opening.match(folded)
    if match and not found:
        if match.end() >= len(line.rstrip()):
            found.append((match.start("label"), _COMPOSITION_HEADING, len(line)))
            return
        found.append((match.start("label"), "member", match.end()))
        end = _list_sentence_end(line, match.end())
        found.append((end, _SENTENCE_END, end))
        return
    for match in inside.finditer(folded):
        if any(p <= match.start("label") < v for p, _, v in found):
            continue
        end = _list_sentence_end(line, match.end())
        found.append((match.start("label"), "member", match.end()))
        found.append((end, _SENTENCE_END, end))


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
    names_only: bool = False  # "ve složení" ending its line: the next line lists the members, by their names alone


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
    _presence_lists(line, folded, found)
    _composition_lists(line, folded, found)
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
        member = role in ("member_heading", _COMPOSITION_HEADING)
        labels.append(Label("member" if member or role == "member_body" else role, offset + value_start,
                            offset + value_end, member, role == "member_body",
                            position > 0 and _in_sentence(line, position), role == _COMPOSITION_HEADING))
    return labels


def _qualifies(folded: str, opening: tuple[int, str, int], match: re.Match[str]) -> bool:
    """A members' label right after an attendance label, with only a dash or spaces between
    ("Přítomni – členové komise:", "Přítomni: Členové PS:"): it says who they are, the
    attendance label keeps the role."""
    return opening[1] in _ATTENDANCE_ROLES and _role(match.group("label")) == "member" \
        and not folded[opening[2]:match.start()].strip(" -–:\t")


_ATTENDANCE_ROLES = ("present", "excused", "absent", "guest")
_COMPOSITION_HEADING = "composition"  # "ve složení" ending its line: the members on the next one


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
            qualifier = _member_qualifier(line[value_start:]) or _member_body_name(line[value_start:])
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
        # "členové:\tPavel Dub": after the label's colon or tab the words are a member's name, not the body's
        listed = ":" in match.group("sep") or "\t" in match.group("sep")
        return match.start("label"), "member_heading", match.end() if listed else _after_colon(line, match.end())
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


def _member_body_name(text: str) -> int:
    """Length of "koordinační skupiny komunitního plánování" - the rest of a line after a members'
    label that names the body in the genitive (configs/attendance.toml [labels] member_heading_bodies),
    of lower-case words without a verb or digit, a colon at most ending it - or 0 ("Členové
    skupiny prošli návrh ..." is a sentence)."""
    body = text.rstrip()
    words = body[:-1].split() if body.endswith(":") else body.split()
    labels = load("attendance")["labels"]
    if not 1 <= len(words) <= labels["member_heading_words"] \
            or not all(w.isalpha() and w.islower() for w in words) or any(lexicon().is_verb(w) for w in words):
        return 0
    return len(text) if any(fold(w) in _heading_bodies() for w in words) else 0


@lru_cache(maxsize=1)
def _heading_bodies() -> frozenset[str]:
    """configs/attendance.toml [labels] member_heading_bodies."""
    return frozenset(fold(w) for w in load("attendance")["labels"]["member_heading_bodies"])


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
