"""Persons named in the running text, and the role the sentence gives them: a speech verb
("informovala", "představil") makes a speaker, a chairing verb with the meeting as its object
("Jednání vedla", "zahájil schůzku") a chair, a membership phrase ("Novými členy skupiny jsou")
a member; also intro phrases ("Úvodní slovo K. Pelikánová"), "Name: what she said" lines,
presenters in parentheses, a person in parentheses after the organisation she reports for
("Charita (Mgr. X) – ..."), and the signer under a presentation's "Děkuji za pozornost"."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterator

from spacy.attrs import IDX, LENGTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from pipeline.config import load
from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.nlp import doc_text, nlp, tokens_within
from pipeline.extract.text import DASHES, Span, fold, lines
from pipeline.extract.spans.persons import PersonName, is_marker_tok, is_title_word, person_words, persons_in
from pipeline.extract.attendees.lexicon import Lexicon, lexicon
from pipeline.extract.attendees.labels import is_responsibility, labels_in
from pipeline.extract.attendees.affiliation import (apposition_org, clean_org, leading_org, org_before, org_spanned,
                                                    origin_org)
from pipeline.extract.attendees.lists import Person, Rows, noted_roles, segments


MEETING_WINDOW = 4  # how many words from a chairing verb its object, the meeting, may stand
MEMBERSHIP_WINDOW = 3  # how many words from a word for a member the word for joining may stand
VERB_WINDOW = 14  # how many words after a name her first verb may stand


def from_text(blocks: Annotated, rows: Rows, consumed: set[tuple[int, int]], in_plan: set[int]) -> None:
    """Speakers and chairs named in the running text, and the signer of a presentation.
    `in_plan` holds the blocks under a plan item, where "Name: ..." is a task's owner."""
    lex = lexicon()
    closing_seen = False
    known = _listed_surnames(rows)
    for block, person in _dash_reports(blocks, consumed, in_plan):
        rows.add(block, person, "speaker")
    for block in blocks:
        for line in lines(block):
            text = line.text
            if not text.strip():
                continue
            if closing_seen:
                closing_seen = False
                signer = _signer(blocks.doc(block), line)
                if signer:
                    rows.add(block, signer, "speaker")
                    continue
            folded = fold(text)
            if any(phrase in folded for phrase in lex.closing):
                closing_seen = True
            if (block.block_id, line.start) in consumed and (block.block_id, line.start) in rows.tails:
                line = Span(block, rows.tails[(block.block_id, line.start)], line.end)  # a flattened list, then text
                if is_responsibility(line.text):
                    continue
            elif (block.block_id, line.start) in consumed or is_responsibility(text):
                continue
            for person, role in _speakers(blocks.doc(block), block, line, block.block_id in in_plan, known):
                rows.add(block, person, role)
            reporter = _reporting_surname(block, line)
            if reporter is not None:
                rows.add(block, reporter, "speaker")


def _listed_surnames(rows: Rows) -> frozenset[str]:
    """The surnames (folded) of the persons the attendance lists named: in running text such a
    surname alone is that person ("– informovala Nováková"), though nothing else marks it."""
    return frozenset(fold(row["name"].split()[-1]) for row in rows.rows.values() if row["name"].split())


DASH_REPORTS_MIN = 2  # lines opened by "Surname –" that make it the minutes' way of naming speakers
_DASH_AFTER = re.compile(r"\s*(?:\((?P<org>[^()]{2,80})\)\s*)?[–—-]\s+(?=[^\W\d_])")


def _dash_reports(blocks: Annotated, consumed: set[tuple[int, int]], in_plan: set[int]) -> list[tuple[BlockView, Person]]:
    """Terse minutes open a report with who spoke, a dash and what she said: "Nováková – zápis
    byl rozeslán", "Diskuze: Dvořák – dotaz, zda ...", "Malá (Charita Lhota) – žádost o ...". A
    lone capitalised word is no person by itself, so only when the minutes write so at least
    `DASH_REPORTS_MIN` times; the organisation in parentheses is hers."""
    found = []
    for block in blocks:
        if block.block_id in in_plan or block.kind == "table_cell":
            continue  # a table's cell "Maják – azylové služby" names an organisation, no speaker
        for line in lines(block):
            if (block.block_id, line.start) in consumed:
                continue
            person = _dash_reporter(blocks.doc(block), block, line)
            if person is not None:
                found.append((block, person))
    return found if len(found) >= DASH_REPORTS_MIN else []


def _dash_reporter(doc: Doc, block: BlockView, line: Span) -> Person | None:
    """The person of a line "[Diskuze:] Surname [(Org)] – lower-case report", if it is one."""
    people = persons_in(doc, line.start, line.end)
    if not people:
        return None
    first = people[0]
    lead = block.text[line.start:first.begin].strip(" \t•·-–*")
    if lead and fold(lead.rstrip(" :")) not in _discussion_labels() or (lead and not lead.endswith(":")):
        return None
    if fold(first.name) in person_words().not_names or org_spanned(doc, first.start):
        return None
    match = _DASH_AFTER.match(block.text, first.tail, line.end)
    if match is None or not block.text[match.end():match.end() + 1].islower():
        return None
    org = clean_org(match.group("org"), lexicon()) if match.group("org") else None
    return Person(first, organisation=org)


@lru_cache(maxsize=1)
def _discussion_labels() -> frozenset[str]:
    """configs/attendance.toml [cues] discussion."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["discussion"])


_REPORT_LINE = re.compile(r"\s*[-•–*·]?\s*(?P<org>[^():]{2,60}?)\s*\((?P<name>[^\W\d_]{2,})\)\s*:\s*\S")


def _reporting_surname(block: BlockView, line: Span) -> Person | None:
    """Terse minutes write who reported after her organisation: "- Domov Vesna (Čáp): kapacita
    ...", "MP (Hendrych): pochůzky ..." — a capitalised word in parentheses before the colon.
    The surname takes the person's full name from the attendance (see `full_names`)."""
    match = _REPORT_LINE.match(line.text)
    if match is None or not (match.group("name")[0].isupper() and match.group("name")[1:].islower()) \
            or fold(match.group("name")) in person_words().not_names:
        return None
    start = line.start + match.start("name")
    end = start + len(match.group("name"))
    return Person(PersonName(start, end, match.group("name"), None, False, False, start, end, end),
                  organisation=clean_org(match.group("org"), lexicon()))


def _signer(doc: Doc, line: Span) -> Person | None:
    """A line that is one person's name and nothing else (titles allowed)."""
    people = [p for p in persons_in(doc, line.start, line.end) if p.strong]
    if len(people) != 1:
        return None
    person = people[0]
    before = line.block.text[line.start:person.start]
    after = line.block.text[person.tail:line.end]
    if before.strip(" \t") and not all(w.rstrip(".") and is_title_word(w) for w in before.split()):
        return None
    return Person(person) if not after.strip(" .,\t") else None


_HOUSE_NUMBER = re.compile(r"\s+\d+(?:/\d+)?[a-z]?\b")


def _street(text: str, person: PersonName) -> bool:
    """"se sídlem Jana Palacha 12": a name followed by a house number is a street."""
    return bool(_HOUSE_NUMBER.match(text, person.tail))


def _speakers(doc: Doc, block: BlockView, line: Span, in_plan: bool = False,
              known: frozenset[str] = frozenset()) -> Iterator[tuple[Person, str]]:
    """Persons of one line of running text with the roles the text gives them, if any; a lone
    surname counts when the attendance lists named her (`known`)."""
    lex = lexicon()
    people = [Person(p) for p in persons_in(doc, line.start, line.end)
              if (p.strong or _after_function(doc, p, line) or (" " not in p.name and fold(p.name) in known))
              and not _street(block.text, p)]
    if not people:
        return
    presenters = _presenters(block, line, people)
    for person in people:
        _origin_org(doc, block, person, line)
        if _joins_the_group(doc, person, line, lex):
            yield person, "member"
        if person in presenters:
            yield person, "speaker"
            continue
        roles = _as_guest(doc, person, line, _verb_roles(doc, person, line, lex, people)) or [
            role for role in (_appointed_role(doc, person, line, lex), _intro_role(doc, person, line),
                              None if in_plan else _colon_role(block, person, line))
            if role][:1]
        for role in roles:
            yield person, role
        for role in (_designated_role(block, person, line), _sentence_role(doc, person, line)):
            if role and role not in roles:
                yield person, role


@lru_cache(maxsize=1)
def _designation() -> re.Pattern[str]:
    """"(dále jako „předsedající“)" after a name (folded text): the quoted word."""
    words = "|".join(re.escape(fold(w)) for w in sorted(load("attendance")["cues"]["designation"], key=len, reverse=True))
    return re.compile(rf"\s*\(\s*(?:{words})\s*[„\"“»']?\s*(?P<word>[^\"“”«')]+?)\s*[\"“”«']?\s*\)")


def _designated_role(block: BlockView, person: Person, line: Span) -> str | None:
    """"... zahájeno předsedkyní komise Mgr. X (dále jako „předsedající“)": the designation in
    parentheses names the role she holds in the minutes, whatever case the name is in."""
    match = _designation().match(fold(block.text[:line.end]), person.tail)
    if match is None:
        return None
    labels = labels_in(match.group("word") + ":", 0, "paragraph")
    return labels[0].role if len(labels) == 1 and labels[0].role in ("chair", "recorder", "guest") else None


def _as_guest(doc: Doc, person: Person, line: Span, roles: list[str]) -> list[str]:
    """"Jednání se jako host zúčastnil koordinátor KPSS Bc. X", "Mgr. Y se zúčastnila jako host":
    taking part as a guest (configs/attendance.toml [cues] as_guest in her sentence) makes a guest."""
    if _PRESENT not in roles:
        return roles
    start, end = _sentence(doc, person, line)
    folded = fold(doc_text(doc)[start:end])
    if not any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) for phrase in _guest_phrases()):
        return roles
    return list(dict.fromkeys(_GUEST if role == _PRESENT else role for role in roles))


_GUEST = "guest"


@lru_cache(maxsize=1)
def _guest_phrases() -> tuple[str, ...]:
    """configs/attendance.toml [cues] as_guest, folded."""
    return tuple(fold(w) for w in load("attendance")["cues"]["as_guest"])


SENTENCE_ROLE_WORDS = 6  # at most this many words between a sentence's opening role noun and the name


def _sentence_role(doc: Doc, person: Person, line: Span) -> str | None:
    """"Host jednání, koordinátor KPSS Mgr. X, informoval ...": a sentence opened by a guest's
    noun (an attendance label of guests) names a guest in its subject."""
    start, _ = _sentence(doc, person, line)
    words = doc_text(doc)[start:person.begin].replace(",", " ").split()
    if not words or len(words) > SENTENCE_ROLE_WORDS or not words[0][:1].isupper():
        return None
    labels = labels_in(words[0] + ":", 0, "paragraph")
    return "guest" if len(labels) == 1 and labels[0].role == "guest" else None


def _after_function(doc: Doc, person: PersonName, line: Span) -> bool:
    """A lone surname right after a function's head noun ("Koordinátorka Zbranková přivítala ..."):
    the function says it is a person."""
    first = _token_at(doc, person.begin)
    if not (first > 0 and doc[first - 1].idx >= line.start and fold(doc[first - 1].text) in _function_heads()
            and len(person.name.split()) == 1):
        return False
    after = _token_at(doc, person.tail)
    return not (after < len(doc) and is_marker_tok(doc[after]))  # "místostarosta Mělníka Ing. X": the town


@lru_cache(maxsize=1)
def _function_heads() -> frozenset[str]:
    """configs/attendance.toml [cues] function_heads."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["function_heads"])


def _origin_org(doc: Doc, block: BlockView, person: Person, line: Span) -> None:
    """The organisation a person comes from, written after her name (`affiliation.origin_org`)
    or before it in her sentence (`affiliation.org_before`)."""
    if person.organisation is None:
        person.organisation = origin_org(doc, person.tail, line.end)
    if person.organisation is None:
        person.organisation = org_before(doc, _sentence(doc, person, line)[0], person.begin)


_STOPS = "kpss_sentence_stops"
_STOP_TOKENS = frozenset(".!?;")


def _sentence(doc: Doc, person: Person, line: Span) -> tuple[int, int]:
    """The character span of the sentence (within the line) that names `person`: up to the
    full stops around it ("Mgr." and "J." are single tokens, so they end no sentence)."""
    stops = _stops(doc)
    before = bisect_left(stops, min(person.start, line.end)) - 1
    after = bisect_left(stops, max(person.tail, line.start))
    start = stops[before] + 1 if before >= 0 and stops[before] >= line.start else line.start
    end = stops[after] if after < len(stops) and stops[after] < line.end else line.end
    return start, end


def _stops(doc: Doc) -> list[int]:
    """Where the Doc's sentence-ending tokens (".", "!", "?", ";") start, read once per Doc."""
    stops = doc.user_data.get(_STOPS)
    if stops is None:
        text = doc_text(doc)
        stops = doc.user_data[_STOPS] = [s for s, n in (doc.to_array([IDX, LENGTH]).tolist() if len(doc) else [])
                                         if text[s:s + n] in _STOP_TOKENS]
    return stops


_PARENTHESIS = re.compile(r"\([^)]*\)?\s*")


def _joins_the_group(doc: Doc, person: Person, line: Span, lex: Lexicon) -> bool:
    """A sentence that names the group's (new) members: "Novými členy skupiny jsou Bc. X (Org)
    a Mgr. Y", "Mgr. Z se stala novou členkou PS". The membership phrase (a word for a member
    near a word for joining) stands before the person, or right after her name and a few
    function words; "Mgr. X představila nové členy klubu" makes X no member. The organisation
    in parentheses after the name is hers."""
    start, end = _sentence(doc, person, line)
    tokens = list(tokens_within(doc, start, end))
    cues = _membership_cues(tokens, lex)
    if not cues:
        return False
    text = line.block.text
    after = text[person.tail:end].lstrip(" ")
    paren = _PARENTHESIS.match(after)
    between_start = person.tail + (len(text[person.tail:end]) - len(after)) + (paren.end() if paren else 0)
    joined = any(cue < person.start for cue in cues) or any(
        cue >= between_start and all(fold(w) in lex.membership_fillers for w in text[between_start:cue].split())
        for cue in cues)
    if joined and paren and person.organisation is None:
        person.organisation = clean_org(paren.group(0), lex)
    return joined


def _membership_cues(tokens: list[Token], lex: Lexicon) -> list[int]:
    """Where the membership phrases of a sentence start: a word for a member ("členkou"), not of
    another body, with a word for joining ("novou", "stala", "přijat") at most `MEMBERSHIP_WINDOW` words before or after it."""
    starts = []
    for k, tok in enumerate(tokens):
        if fold(tok.text) not in lex.member_nouns:
            continue
        if any(fold(t.text) in lex.other_bodies for t in tokens[k + 1:k + 3]):
            continue  # "novým členem Rady města": a member of another body
        near = [j for j in range(max(0, k - MEMBERSHIP_WINDOW), min(len(tokens), k + MEMBERSHIP_WINDOW + 1))
                if fold(tokens[j].text) in lex.joining]
        if near:
            starts.append(tokens[min(near + [k])].idx)
    return starts


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token at (or first after) a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand") if char < len(doc_text(doc)) else None
    return span.start if span is not None else len(doc)


def _verb_kind(tok: Token, lex: Lexicon) -> str | None:
    """The role a verb gives its subject ("informovala" -> speaker, "vedl" -> chair). Some
    chairing verbs chair only the meeting: "zahájila jednání", "Schůzku vedl", not "zahajuje
    poskytování služby" or "vede poradnu"."""
    found = lex.verb_forms.get(tok.lower_)
    if found is None:
        return _CHAIR if _chair_act(tok) and _meeting_near(tok, lex) else None
    kind, stem = found
    return None if stem in lex.chair_needs_object and not _meeting_near(tok, lex) and not _joined_chair(tok, lex) \
        else kind


_CHAIR = "chair"


def _chair_act(tok: Token) -> bool:
    """A light verb and a chairing noun after it ("provedla zahájení")."""
    acts, verbs = _chair_acts()
    return tok.lower_ in verbs and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in acts


@lru_cache(maxsize=1)
def _chair_acts() -> tuple[frozenset[str], frozenset[str]]:
    """configs/attendance.toml [cues] chair_acts and light_verbs (with their past-tense endings)."""
    cues = load("attendance")["cues"]
    verbs = {stem + ending for stem in cues["light_verbs"] for ending in ("", "a", "i", "y", "o")}
    return frozenset(w.lower() for w in cues["chair_acts"]), frozenset(verbs)


def _joined_chair(verb: Token, lex: Lexicon) -> bool:
    """"Zasedání komise zahájil a řídil ...": a chairing verb joined by "a" to one that has the
    meeting near it shares its object."""
    if verb.i < 2 or verb.doc[verb.i - 1].lower_ not in lex.subject_joiners:
        return False
    other = verb.doc[verb.i - 2]
    found = lex.verb_forms.get(other.lower_)
    return found is not None and found[0] == "chair" and _meeting_near(other, lex)


def verb_kind(tok: Token, lex: Lexicon) -> str | None:
    """The role a verb gives its subject (see `_verb_kind`), for the other readers of sentences."""
    return _verb_kind(tok, lex)


def _meeting_near(verb: Token, lex: Lexicon) -> bool:
    """The meeting ("jednání", "schůzku", "setkání") within a few words of a verb, in its line."""
    doc, text = verb.doc, doc_text(verb.doc)
    line_start = text.rfind("\n", 0, verb.idx) + 1
    line_end = text.find("\n", verb.idx) if "\n" in text[verb.idx:] else len(text)
    for tok in doc[max(0, verb.i - MEETING_WINDOW):verb.i + MEETING_WINDOW + 1]:
        if line_start <= tok.idx < line_end and tok.lower_ in lex.meeting_nouns:
            return True
    return False


def _verb_roles(doc: Doc, person: Person, line: Span, lex: Lexicon, others: list[Person]) -> list[str]:
    """Every role the verbs of her clause give a person: "Mgr. Tomáš Jelínek shrnul ...",
    "Jednání vedla Mgr. X", "Mgr. X přivítala přítomné a zahájila jednání" (speaker and chair).
    A chair's function noun beside the subject of a verb ("Předseda Mgr. X přivítal ...",
    "Mgr. X, vedoucí pracovní skupiny, informovala") makes her the chair too. A name after a
    preposition is an object ("s Mgr. Novou"), not a subject."""
    first = _token_at(doc, person.start)
    if first > 0 and doc[first - 1].idx >= line.start:
        before = doc[first - 1]
        while before.i > 0 and is_marker_tok(before):
            before = doc[before.i - 1]
        if before.lower_ in lex.prepositions and before.idx >= line.start:
            return []
    next_person = min((p.begin for p in others if p.begin >= person.tail
                       and doc_text(doc)[person.tail:p.begin].strip() not in lex.subject_joiners), default=line.end)
    verb = _verb_before(doc, first, line, lex)
    verbs = ([verb] if verb is not None else []) + _verbs_after(doc, person, min(line.end, next_person), lex, verb)
    kinds = [kind for kind in map(lambda tok: _verb_kind(tok, lex), verbs) if kind]
    if kinds and "chair" not in kinds and _chair_function(doc, person, first, line, lex):
        kinds.append("chair")
    if "chair" in kinds and all(lex.verb_forms[tok.lower_][1] in _greetings()
                                for tok in verbs if _verb_kind(tok, lex) == _SPEAKER):
        kinds = [kind for kind in kinds if kind != _SPEAKER]  # "zahájila a přítomné přivítala": she opened it
    return list(dict.fromkeys(kinds))


_SPEAKER = "speaker"


@lru_cache(maxsize=1)
def _greetings() -> frozenset[str]:
    """configs/attendance.toml [cues] greetings: verbs of welcoming those present, the chair's opening act."""
    return frozenset(load("attendance")["cues"]["greetings"])


def _verbs_after(doc: Doc, person: Person, end: int, lex: Lexicon, found: Token | None) -> list[Token]:
    """The roles of the verbs after a name in its clause: the first within `VERB_WINDOW` words,
    then every verb up to the end of the sentence, a subordinate clause ("..., že ...") or the
    next person; once she has a verb (`found`), a relative clause ("..., která přivítala
    hosty") describes her act, not a new one, and a later verb is hers only in her gender and
    number ("vedla ... a zúčastnilo se ho 11 zástupců": not hers). The first word of a new
    sentence run onto a flattened list ("..., Ing. M. Dub Zasedání řídil ...") ends her clause.
    Returns the verbs."""
    i, depth, seen, kinds = _token_at(doc, person.tail), 0, 0, []
    while i < len(doc) and doc[i].idx < end and (kinds or seen < VERB_WINDOW):
        tok = doc[i]
        depth += tok.text.count("(") - tok.text.count(")")
        if depth <= 0 and (tok.text in (".", "!", "?", ";") or tok.lower_ in lex.clause_breaks
                           or (tok.text[:1].isupper() and fold(tok.text) in lex.sentence_openers)
                           or (tok.lower_ in lex.relatives and found is not None and _verb_kind(found, lex) != _PRESENT)
                           or (tok.i > 0 and doc[tok.i - 1].text.endswith(".") and tok.text[:1].isupper()
                               and _verb_kind(tok, lex))):
            break
        kind = _verb_kind(tok, lex) if depth <= 0 else None
        if kind and (found is None or _agrees(found, tok)):
            if found is None:
                org = apposition_org(doc, person.tail, tok.idx)
                if org and person.organisation is None:
                    person.organisation = org
                found = tok
            kinds.append(tok)
        i, seen = i + 1, seen + 1
    return kinds


_PRESENT = "present"  # a relative clause after "se zúčastnila X, která informovala" adds what she did


def _agrees(verb: Token, other: Token) -> bool:
    """Two past-tense verbs of one subject end alike ("zahájila ... a přivítala")."""
    ending = {verb.lower_[-1:], other.lower_[-1:]}
    return len(ending) == 1 or not ending & set(_ENDINGS)


_ENDINGS = "aioy"  # the endings of a past-tense verb by gender and number (none: masculine)


def _chair_function(doc: Doc, person: Person, first: int, line: Span, lex: Lexicon) -> bool:
    """A chair's function noun right before the name ("Předseda Mgr. X", "vedoucí skupiny X") or
    in commas right after it ("Mgr. X, vedoucí pracovní skupiny, ...")."""
    start = first
    while start > 0 and doc[start - 1].idx >= line.start and doc[start - 1].text[:1].isalpha() \
            and (fold(doc[start - 1].text) in lex.functions or is_marker_tok(doc[start - 1])):
        start -= 1
    before = doc_text(doc)[doc[start].idx:person.begin] if start < first else ""
    after = doc_text(doc)[person.tail:line.end]
    apposition = after[1:].split(",", 1)[0] if after.startswith(",") else ""
    return "chair" in noted_roles(before, lex) or "chair" in noted_roles(apposition, lex)


VERB_GAP = 7  # at most this many words (functions, an hour, a complement) between a verb and its subject
_ORDINAL = re.compile(r"\d{1,2}")  # the number of an ordinal before a function ("1. místopředseda")


def _verb_before(doc: Doc, first: int, line: Span, lex: Lexicon) -> Token | None:
    """A verb just before the name, with at most a few function words between
    ("Jednání zahájila předsedkyně řídicí skupiny Mgr. Jitka Malinová"), the meeting as its object
    ("Zahájila jednání předsedkyně X", "řídila jej vedoucí skupiny X"), a comma after a
    function ("vedoucí skupiny, pí Mgr. X") and two functions joined ("předseda výboru a předseda
    vlády ČR Mgr. X")."""
    i, gap, head = first - 1, 0, ""
    while i >= 0 and doc[i].idx >= line.start and gap <= VERB_GAP:
        tok = doc[i]
        if is_marker_tok(tok):
            i -= 1
            continue
        if _verb_kind(tok, lex):
            return None if head in lex.function_genitives else tok  # "přivítal hejtmana X": an object
        if tok.text == "." and i > 0 and _ORDINAL.fullmatch(doc[i - 1].text):
            i, gap = i - 2, gap + 1  # "zahájil 1. místopředseda komise Mgr. X": the function's ordinal
            continue
        if _is_hour(tok.text) or fold(tok.text) in _time_words() \
                or (tok.text == "." and i > 0 and fold(doc[i - 1].text) in _time_words()):
            i, gap = i - 1, gap + 1  # "Schůzi zahájil v 16.05 předseda výboru X": the hour between
            continue
        complement = _complement_start(doc, i, line, lex)
        if complement is None:  # "řídila koordinátorka komunitního plánování Bc. X", "koordinátorka projektu Mgr. Y"
            complement = _complement_start(doc, i, line, lex, lower=True)
        if complement is not None:  # "uvedl místostarosta Mělníka Ing. X", "náměstkyně starosty SH ČMS Ing. Y"
            i, gap = complement - 1, gap + 1
            continue
        word = fold(tok.text)
        comma = tok.text == "," and i > 0 and fold(doc[i - 1].text) in lex.functions | lex.function_genitives
        joined = tok.lower_ in lex.function_joiners and head in lex.functions and i > 0 \
            and (fold(doc[i - 1].text) in lex.functions | lex.function_genitives or doc[i - 1].text[:1].isupper())
        if word not in lex.functions and word not in lex.function_genitives and tok.lower_ not in lex.meeting_nouns \
                and not comma and not joined:
            return None
        head = word if word in lex.functions or word in lex.function_genitives else head
        i, gap = i - 1, gap + 1
    return None


_CLOCK = re.compile(r"\d{1,2}(?:[.:]\d{2})?\.?")  # an hour ("16.05", "17:05", "15")


def _is_hour(text: str) -> bool:
    """"16.05", "15", "17:05 hod." (one token when merged with its unit)."""
    words = text.split()
    return bool(words) and _CLOCK.fullmatch(words[0]) is not None \
        and all(fold(w) in _time_words() or fold(w).rstrip(".") in _time_words() for w in words[1:])


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """configs/attendance.toml [cues] time_words: the words of an hour between a verb and its subject."""
    return frozenset(fold(w) for w in load("attendance")["cues"]["time_words"])


COMPLEMENT_WORDS = 3  # at most this many capitalised words of a function's complement ("Mělníka", "SH ČMS")


def _complement_start(doc: Doc, i: int, line: Span, lex: Lexicon, lower: bool = False) -> int | None:
    """Where the complement of a function ends at token `i` starts: capitalised words (a town or a
    body in the genitive) right after a function noun or its genitive, before the name
    ("místostarosta Mělníka Ing. X"); with `lower`, lower-case words of no verb or preposition (what
    the function is of: "koordinátorka komunitního plánování Bc. X", "koordinátorka projektu Mgr. Y");
    None when token `i` is no such word."""
    def fits(tok: Token) -> bool:
        if not tok.text.isalpha() or is_marker_tok(tok):
            return False
        if lower:
            return tok.text.islower() and tok.lower_ not in lex.prepositions and not _verb_kind(tok, lex) \
                and fold(tok.text) not in lex.functions and fold(tok.text) not in lex.function_genitives \
                and tok.lower_ not in lex.meeting_nouns
        return tok.text[:1].isupper()
    j = i
    while j >= 0 and i - j < COMPLEMENT_WORDS and doc[j].idx >= line.start and fits(doc[j]):
        j -= 1
    if j == i or j < 0 or doc[j].idx < line.start:
        return None
    word = fold(doc[j].text)
    return j + 1 if word in _function_heads() or word in lex.function_genitives else None


@lru_cache(maxsize=1)
def _intro_matcher() -> PhraseMatcher:
    """Intro phrases before a name ("úvodní slovo"), configs/attendance.toml [cues] intro."""
    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    matcher.add("INTRO", [nlp().make_doc(p.lower()) for p in lexicon().intro])
    return matcher


@lru_cache(maxsize=64)
def _intro_matches(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Token ranges of the intro phrases of a block (a block is read line by line)."""
    return tuple((s, e) for _, s, e in _intro_matcher()(doc))


def _intro_role(doc: Doc, person: Person, line: Span) -> str | None:
    """"Úvodní slovo K. Pelikánová": an intro phrase right before the name."""
    first = _token_at(doc, person.start)
    for s, e in _intro_matches(doc):
        if doc[s].idx < line.start or e > first:
            continue
        between = doc[e:first]
        if all(not t.text[0].isalnum() or is_marker_tok(t) for t in between):
            return "speaker"
    return None


APPOINTED_WINDOW = 6  # how many lower-case words (or commas) may stand between "Zapisovatelkou" and the name


def _appointed_role(doc: Doc, person: Person, line: Span, lex: Lexicon) -> str | None:
    """"Zapisovatelkou byla jmenována Hana Malá", "Zapisovatelem zápisu byl jmenován místostarosta
    pan Jan Dub", "jako zapisovatel byl zvolen místostarosta obce, ing. Jan Dub": the recorder's noun
    and a few lower-case words (a verb of appointing, her function) before the name."""
    first = _token_at(doc, person.start)
    for back in range(1, APPOINTED_WINDOW + 2):
        if first - back < 0 or doc[first - back].idx < line.start:
            return None
        tok = doc[first - back]
        if fold(tok.text) in lex.appointed_recorder:
            return "recorder"
        if not (tok.text.islower() or is_marker_tok(tok) or tok.text == ","):
            return None
    return None


def _colon_role(block: BlockView, person: Person, line: Span) -> str | None:
    """A line opened by a name and a colon reports what she said ("Mgr. Nová: služba má
    volnou kapacitu"); so does a name, a dash and a presentation ("p. Malý – informace o ...").
    An organisation in parentheses after the name is hers."""
    before = block.text[line.start:person.start].strip(" \t•·-–*")
    if before and not all(is_title_word(w) for w in before.split()):
        return None
    after = block.text[person.tail:line.end].lstrip(" ")
    if after.startswith("("):
        close = after.find(")")
        if close < 0:
            return None
        person.organisation = person.organisation or clean_org(after[:close + 1], lexicon())
        after = after[close + 1:].lstrip(" ")
    if after.startswith(":") and len(after.strip()) > 1:
        return "speaker"
    if after[:1] in DASHES and any(fold(after[1:]).strip().startswith(cue) for cue in lexicon().presentation):
        return "speaker"
    return None


_PARENTHESISED = re.compile(r"\(([^()]*)\)")


def _presenters(block: BlockView, line: Span, people: list[Person]) -> list[Person]:
    """A parenthesised list of persons only, in an agenda line that presents something
    ("Firma X, s.r.o. – představení analýzy (p. Mühl, p. Šimůnková)"), or right after the
    organisation that opens a report ("b) Charita Kyjov, z. s. (Mgr. X) – otevírá ...").
    They get the organisation that opens the line."""
    lex, text = lexicon(), block.text
    found: list[Person] = []
    for match in _PARENTHESISED.finditer(line.text):
        start, end = line.start + match.start(1), line.start + match.end(1)
        inside = [p for p in people if start <= p.start and p.end <= end]
        pieces = [s for s in segments(text, start, end)]
        if not inside or len(inside) != len(pieces):
            continue
        report = _opens_report(line.text, match)
        if report is not None:
            for person in inside:
                person.organisation = person.organisation or report
                found.append(person)
            continue
        if block.kind != "heading" and not any(cue in fold(line.text) for cue in lex.presentation) \
                and not _spoken_before(line.text, match.start()):
            continue
        org = leading_org(line.text, lex)
        for person in inside:
            if org and person.organisation is None:
                person.organisation = org
            found.append(person)
    return found


_WORDS = re.compile(r"[^\W\d_]+")


def _spoken_before(text: str, paren: int) -> bool:
    """"... pracovníci X, kteří představili, co je KPSS (Mgr. Y), ...": a verb of speaking earlier
    in the sentence, and the parenthesis closing its clause, name who spoke."""
    after = text[text.find(")", paren) + 1:].lstrip()
    if after and after[0] not in ",.;":
        return False
    start = max(text.rfind(". ", 0, paren), text.rfind("; ", 0, paren)) + 1
    lex = lexicon()
    return any(lex.verb_forms.get(word.lower(), ("",))[0] == "speaker" for word in _WORDS.findall(text[start:paren]))


_REPORT_AFTER = re.compile(r"\s*[:–—-]\s*\S+\s+\S+")


def _opens_report(line: str, paren: re.Match[str]) -> str | None:
    """The organisation of a report line "a) Klub X, o. p. s. (Bc. Y) – text": the parenthesis
    follows the organisation that opens the line and a dash or colon and the report follow it."""
    after = line[paren.end():]
    if not _REPORT_AFTER.match(after):
        return None
    return leading_org(line[:paren.start()], lexicon())
