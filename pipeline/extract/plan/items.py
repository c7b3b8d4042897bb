"""Labelled items in a block ("Cíl 2 ...", "Opatření 1.1. ...", "Aktivita 1.1.3 ..."), their
titles and the lines that carry a title on, and the introductions of a list of children
("Uskutečněné aktivity k naplnění opatření 3.1:")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.model import BlockView
from pipeline.extract.common import body_offset
from pipeline.extract.text import Span, fold, line_spans
from pipeline.extract.sentences import sentence_of, sentences
from pipeline.extract.plan.rules import (KINDS, SEPARATORS, number_ok, part_order, rules,
                                         written_number)


# --------------------------------------------------------------------------- labelled items in a block


@dataclass
class Hit:
    """A labelled item found in a block: where its title starts and ends on its line."""

    kind: str
    number: str | None
    title_start: int
    title_end: int
    line_end: int  # the end of the line the label is on


def _skip_separators(text: str, pos: int, end: int) -> int:
    """Skip the dash, colon or dot between a label's number and its title."""
    while pos < end and (text[pos].isspace() or text[pos] in SEPARATORS):
        pos += 1
    return pos


_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)")
_SLIDE_NUMBER = re.compile(r"\s*\d{1,3}\s+(?=[^\W\d_])")
_FIRST_CHAR = re.compile(r"[„\"'(]*(.)")
_FIGURE_OR_COLON = re.compile(r"[\d:]")
_NUMBERS_ONLY = re.compile(r"[\d.\s]*")
# A bullet typed before a label ("– Opatření 1.2 ...", "• Aktivita 2.1.1 ..."), not a list label.
_TYPED_BULLET = re.compile(r"[–—•·▪◦*-]\s+")
# An entry of a table of contents: dot leaders before a page number ("Priorita: X.......32"), or a
# page number after a tab at the end of the line ("PRIORITA 1 - Udržení služeb\t8").
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+)\s*\d{1,3}(?:\s|$)|\t\s*\d{1,3}\s*$")
# Where a flattened paragraph goes on after a colon ("... na těchto návrzích: Opatření 1.1 ...").
_AFTER_COLON = re.compile(r":\s+(?=\S)")


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(fold(text))
    return match.group(1) if match else ""


def after_slide_number(text: str, pos: int) -> int:
    """Where the text starts after a slide number that a transcript put before a capitalised
    title ("13 Opatření 3.1. ..."); `pos` when there is none."""
    match = _SLIDE_NUMBER.match(text, pos)
    return match.end() if match and text[match.end()].isupper() else pos


def label_at(text: str, folded: str, pos: int, end: int) -> Hit | None:
    """The labelled item starting at `pos` (a line start, or after a slide number), if any."""
    hit = _label_at_exactly(text, folded, pos, end)
    after = after_slide_number(text, pos)
    return hit if hit is not None or after == pos else _label_at_exactly(text, folded, after, end)


def _label_at_exactly(text: str, folded: str, pos: int, end: int) -> Hit | None:
    """The labelled item at `pos` (after spaces and a typed bullet); None for none, for running
    text after the number ("Opatření 2.3 bylo splněno") and for an entry of a table of contents."""
    hit = _labelled(text, folded, pos, end)
    if hit is None or _TOC_ENTRY.search(text, hit.title_start, end):
        return None
    return hit


def _labelled(text: str, folded: str, pos: int, end: int) -> Hit | None:
    r = rules()
    while pos < end and text[pos].isspace():
        pos += 1
    bullet = _TYPED_BULLET.match(text, pos, end)
    if bullet is not None:
        pos = bullet.end()
    match = r.numbered.match(folded, pos, end)
    number = written_number(text, match) if match else None
    kind = r.kind_of(match.group("label")) if match and number else None
    if match is None or number is None:
        match = r.abbreviated.match(text, pos, end)
        kind = r.abbreviation_kind[match.group("label")] if match else None
        number = match.group("num") if match else None
        if kind is None or number is None or number.count(".") != KINDS.index(kind):
            match, number = None, None  # "A 2.1" is no activity number: the letter is a word
    if match and number and kind:
        start = _skip_separators(text, match.end(), end)
        if _first_word(text[start:end]) in r.prose_after_number:
            return None
        return Hit(kind, number, start, end, end)
    match = r.plain.match(folded, pos, end) or r.qualified.match(folded, pos, end)
    if not match or not _qualifier_ok(match):
        return None
    start = _skip_separators(text, match.end(), end)
    return Hit(r.kind_of(match.group("label")), None, start, end, end)


def _qualifier_ok(match: re.Match[str]) -> bool:
    """"Cíl KPSS a sociální práce:" names a plan goal; "Cíl jednání:" the aim of the meeting."""
    qualifier = match.groupdict().get("qual")
    if qualifier is None:
        return True
    words = qualifier.split()
    r = rules()
    return len(words) <= r.qualifier_max_words and not any(w in r.qualifier_not_plan for w in words)


def _run_on_hits(text: str, folded: str, first: Hit) -> list[Hit]:
    """Further numbered items on the same line as `first` ("Cíl č. 1 - ... . Cíl č. 2 - ...").

    A later label counts when it is capitalised and either follows the end of a
    sentence or continues the numbering (a sibling or a child of the item before)."""
    r = rules()
    hits = [first]
    for match in r.numbered.finditer(folded, first.title_start, first.line_end):
        label_start = match.start()
        if label_start > 0 and not text[label_start - 1].isspace():
            continue
        previous = hits[-1]
        before = text[previous.title_start:label_start].rstrip()
        if not before:
            continue
        kind, number = r.kind_of(match.group("label")), written_number(text, match)
        if number is None:
            continue
        child = _DASH_END.search(before) is not None and _is_child(previous.number, number)
        if not (child or text[label_start].isupper()) \
                or not (child or before[-1] in ".;!?" or _continues_numbering(previous.number, number)):
            continue
        start = _skip_separators(text, match.end(), first.line_end)
        if _first_word(text[start:first.line_end]) in r.prose_after_number:
            continue
        previous.title_end = label_start
        hit = Hit(kind, number, start, first.line_end, first.line_end)
        if child:
            body = _BODY_COLON.search(text, start, first.line_end)
            hit.title_end = body.start() if body else hit.title_end
        hits.append(hit)
    return hits


# "Priorita 1 Senioři – opatření 1.1 Rozvoj terénních služeb: Charita X navýšila …": a child's label
# in lower case after a spaced dash heads the text after the colon that ends its title.
_DASH_END = re.compile(r"\s[–—-]$")
_BODY_COLON = re.compile(r":\s+(?=\S)")


def _is_child(parent: str | None, number: str) -> bool:
    """"1.1" numbers a child of "1"."""
    return bool(parent) and number.rstrip(".").rsplit(".", 1)[0] == parent.rstrip(".") and "." in number


def _continues_numbering(previous: str | None, number: str) -> bool:
    """Whether `number` can follow `previous` in one outline: a child (1 -> 1.1), a sibling
    (1.1 -> 1.2, A -> B, I -> II) or the next item of an ancestor's level (1.1.2 -> 1.2, 1.2 -> 2)."""
    if not previous:
        return False
    prev_parts, parts = previous.rstrip(".").split("."), number.rstrip(".").split(".")
    if parts[:-1] == prev_parts:
        return True
    if len(parts) == len(prev_parts) > 1 and parts[-1] in ("1", "A", "I") \
            and _continues_numbering(".".join(prev_parts[:-1]), ".".join(parts[:-1])):
        return True  # the first child of the next parent: 1.3 -> 2.1
    depth = len(parts) - 1
    if depth >= len(prev_parts) or parts[:-1] != prev_parts[:depth]:
        return False
    order = part_order(prev_parts[depth], parts[-1])
    return order is not None and order[1] > order[0]


def block_hits(block: BlockView) -> list[Hit]:
    """Every labelled item in a block, line by line (a list label before the first is skipped).
    Where the first item of a line opens a sentence or follows a colon inside it, the line's
    other sentences may name further items ("K cíli 2 …: aktivita 2.1.1 … byla splněna, …
    Aktivita 2.2.1 … se posouvá …"): those mentions count too."""
    text, folded = block.text, fold(block.text)
    r = rules()
    if not (r.label.search(folded) or r.abbreviated.search(text) or r.mention.search(folded)):
        return []  # every pattern below starts with one of these: most blocks name no item
    hits: list[Hit] = []
    for index, (start, end) in enumerate(line_spans(text)):
        first = label_at(text, folded, start, end)
        if first is None and index == 0:
            first = label_at(text, folded, start + body_offset(block), end)
        inside = first is None
        if first is None:
            first = _after_colon(text, folded, start, end)
        if first is None:
            first = _after_sentence(text, folded, start, end)
        if first is None:
            hits.extend(_mentions(text, folded, start, end))
            continue
        found = _run_on_hits(text, folded, first)
        body = found[-1].title_end if len(found) > 1 and found[-1].title_end < end else None
        if inside or body is not None:
            # also "… – opatření 1.1 Title: aktivita 1.1.2 Title nebyla splněna, …": the items the body names
            found += [m for m in _mentions(text, folded, start if inside else body, end)
                      if not any(h.title_start <= m.title_start < h.title_end
                                 or (h.kind, h.number) == (m.kind, m.number) for h in found)]
        hits.extend(sorted(found, key=lambda h: h.title_start))
    return hits


_TOC_AFTER = re.compile(r"\s*(?:\.{3,}|…+)\s*\d{1,3}(?!\d)")  # dot leaders and a page number after a title
_MENTION_END = re.compile(r"(?<!\d),|,(?!\d)|[;:(]|\s[–—-]\s")  # not a decimal comma ("+0,5 úvazku")
_OPENING_QUOTES = "„\"“"
_CLOSING_QUOTE = re.compile("[“”\"]")  # "doplnit opatření 3.2 „Rozvoj dostupného bydlení“."


def _mentions(text: str, folded: str, start: int, end: int) -> list[Hit]:
    """Measures and activities named inside a sentence by a label in any case, a whole number of
    the kind's depth and a capitalised title ("... mimo jiné opatření 2.3 Rozvoj sociálního
    bydlení, které bude ..."): the title ends at a comma, parenthesis, semicolon, spaced dash or
    the sentence end, is short, and holds no other label ([prose] in configs/plan.toml)."""
    r = rules()
    hits = []
    for match in r.mention.finditer(folded, start, end):
        kind = r.mention_kind[" ".join(match.group("label").split())]
        number = match.group("num")
        title_start = match.end()
        quoted = text[title_start] in _OPENING_QUOTES
        title_start += quoted
        if number.count(".") != KINDS.index(kind) or not text[title_start:title_start + 1].isupper() \
                or _first_word(text[title_start:end]) in r.prose_after_number:
            continue
        s_start, s_end = sentence_of(text, title_start)
        closing = _CLOSING_QUOTE.search(text, title_start, min(end, s_end)) if quoted else None
        stop = closing or _MENTION_END.search(text, title_start, min(end, s_end))
        title_end = stop.start() if stop else min(end, s_end)
        following = r.mention.search(folded, title_start, title_end)
        if following is not None:
            title_end = following.start()  # "opatření 2.1 Rozvoj … navrženo zařadit aktivitu 2.1.2 …"
            last = folded[title_start:title_end].split()
            while len(last) > 1 and last[-1] in r.joiners:  # "… o 1,5 úvazku a | aktivitou 2.1.2 …"
                title_end = folded.rindex(last.pop(), title_start, title_end)
        title_end = predicate_start(text, folded, title_start, title_end)
        title = folded[title_start:title_end]
        if not title.strip() or len(title.split()) > r.mention_max_words or r.numbered.search(title) \
                or _TOC_AFTER.match(text, len(text[:title_end].rstrip(".…"))):
            continue  # also an entry of a table of contents ("PRIORITA 5 Všeobecná podpora ... 75")
        hits.append(Hit(kind, number, title_start, title_end, title_end))
    return hits


def predicate_start(text: str, folded: str, start: int, end: int) -> int:
    """Where the title of an item named in a sentence ends before the sentence goes on with its
    predicate: before the first verb ("… v krizi bude realizovat …", "… pro seniory navrhují …",
    "… nad Metují se posouvá …": a reflexive particle goes with its verb), and before the verb's
    subject when a body's abbreviation stands between the title and the verb ("… v krizi PS
    navrhuje"; a capitalised word is a name in the title: "… chráněného bydlení Kopretina byla
    splněna", and so is an abbreviation after a preposition: "… o osobu s PAS splněna nebyla").
    `end` when no verb follows. Verbs are the lower-case words of [prose]
    mention_stops and with an ending of [prose] verb_endings (not "Metují", a river)."""
    r = rules()
    end = document_start(text, folded, start, end)
    verb = next((m for m in r.mention_stop.finditer(folded, start, end) if text[m.start() + 1].islower()), None)
    past = next((m for m in r.past_verb.finditer(text, start, end) if _past_participle(text[m.start() + 1:m.end()])),
                None)
    if past is not None and (verb is None or past.start() < verb.start()):
        verb = past
    if verb is None:
        return end
    cut = verb.start()
    words = text[start:cut].split()
    if len(words) > 1 and fold(words[-1]) in r.reflexives:
        cut = text.rindex(words.pop(), start, cut)
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) > 1 and fold(words[-2]) not in r.joiners:
        cut = text.rindex(words[-1], start, cut)  # the verb's subject, a body's abbreviation
    return cut


def _past_participle(word: str) -> bool:
    """A lower-case word long enough to be a verb in the past tense or a passive participle
    ("podařilo", "zůstalo", "proběhla", "zrealizováno"): an ending of [prose] past_endings."""
    return word.islower() and len(word) >= rules().past_min_letters


_WORD_SPAN = re.compile(r"\S+")


def document_start(text: str, folded: str, start: int, end: int) -> int:
    """Where an item's title named in a sentence ends before the name of the document the item
    belongs to ("… v krizi | v Plánu sociálních služeb X", "… pro seniory | Akčního plánu na rok
    2023"): a capitalised document noun of [prose] document_nouns, or a capitalised word right
    before one, after two words of the title at least; a preposition of [prose]
    document_prepositions before it goes with it. Without one, a verbal noun or an agreeing
    adjective before it makes the document the title's object ("Aktualizace Komunitního plánu").
    `start` when the document follows the number ("priority 3 Akčního plánu 2018": the number
    is the document's part, no title), `end` when no document is named."""
    r = rules()
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, start, end)]
    keys = [folded[a:b].strip(".,;:()„“\"") for a, b in words]
    for k in range(len(words)):
        a = words[k][0]
        if not text[a:a + 1].isupper():
            continue
        if keys[k] not in r.document_nouns and not (k + 1 < len(words) and keys[k + 1] in r.document_nouns):
            continue
        previous = keys[k - 1] if k else ""
        if k == 0 or (k == 1 and previous in r.document_prepositions):
            return start  # "plnění priority 3 Akčního plánu 2018": the number is the document's, no title
        if previous in r.document_prepositions:
            return words[k - 1][0] if k - 1 >= 2 else end
        if k >= 3 and not previous.endswith(r.document_object_endings):
            return a
        return end
    return end


def _after_colon(text: str, folded: str, start: int, end: int) -> Hit | None:
    """A paragraph whose line breaks were lost goes on after a colon with numbered items
    ("Členové se shodli na těchto návrzích: Opatření 1.1 Rozvoj ... Opatření 1.2 ..."): the first
    is a capitalised label with a number and a capitalised title."""
    for colon in _AFTER_COLON.finditer(text, start, end):
        if not text[colon.end()].isupper():
            continue
        hit = _label_at_exactly(text, folded, colon.end(), end)
        if hit is not None and hit.number is not None and text[hit.title_start:hit.title_start + 1].isupper():
            return hit
    return None


def _after_sentence(text: str, folded: str, start: int, end: int) -> Hit | None:
    """A numbered item that opens a sentence inside a paragraph of minutes ("... informovala o
    plnění akčního plánu. Aktivita 2.1.1 Zřízení odlehčovací služby – splněno, ..."): a
    capitalised label with a number and a capitalised title; its title ends with its sentence."""
    r = rules()
    if not (r.numbered.search(folded, start, end) or r.abbreviated.search(text, start, end)):
        return None  # no label with a number on the line: its sentences need not be read
    for s_start, s_end in sentences(text[start:end]):
        pos = start + s_start
        while pos < end and text[pos].isspace():
            pos += 1
        if pos == start or not text[pos:pos + 1].isupper():
            continue
        hit = _label_at_exactly(text, folded, pos, end)
        if hit is not None and hit.number is not None and text[hit.title_start:hit.title_start + 1].isupper():
            hit.title_end = hit.line_end = predicate_start(text, folded, hit.title_start, min(end, start + s_end))
            return hit
    return None


# --------------------------------------------------------------------------- titles and their continuation


def trim(piece: Span) -> Span:
    """Drop surrounding spaces, separators, the trailing evaluation status of a title part and
    fields written after it ("Termín: 2024", "– realizátor Spolek X; ...", "…; realizují X a Y",
    "…; gestor: Z")."""
    text = piece.block.text
    start, end = piece.start, piece.end
    folded = fold(text)
    status = rules().status.search(folded, start, end)
    if status:
        end = status.start()
    for field_match in rules().inline_field.finditer(folded, start, end):
        if text[field_match.start("field")].isupper():
            end = field_match.start()
            break
    for pattern in (rules().dash_field, rules().dash_detail, rules().semicolon_detail, rules().dash_organisation,
                    rules().paren_organisation):
        found = pattern.search(folded, start, end)
        if found:
            end = found.start()
    end = first_sentence_end(text, start, end)
    while start < end and (text[start].isspace() or text[start] in SEPARATORS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:–—-"):
        end -= 1
    return Span(piece.block, start, end)


_STOP_CAPITAL = re.compile(r"\.\s+[\u201e\"(]?[^\W\d_]")  # a full stop before a word: a sentence may end there


def first_sentence_end(text: str, start: int, end: int) -> int:
    """Where a title ends when a further sentence follows it on its line ("Opatření 1.3 Posílíme
    dluhové poradenství. Otevřeme poradnu …": the second describes the item): at the first full stop
    that the sentence splitter takes as an end before a capital letter; `end` when there is none
    (the splitter reads only a title that holds a full stop before a capital)."""
    if not _STOP_CAPITAL.search(text, start, end):
        return end
    for s_start, s_end in sentences(text):
        if start < s_start < end and text[s_start].isupper() and text[start:s_start].rstrip().endswith("."):
            stop = text.rindex(".", start, s_start)
            if "\n" not in text[start:stop] and text[start:stop].strip():
                return stop
        if s_start >= end:
            break
    return end


def has_status(piece: Span) -> bool:
    return rules().status.search(fold(piece.block.text), piece.start, piece.end) is not None


def is_field_line(text: str) -> bool:
    """"R: Charita", "Termín: 2023", "Realizátor:\t..." — a field below an item, never its title."""
    return rules().field_line.match(fold(text)) is not None


def _starts_item(text: str) -> bool:
    """Whether a line opens a new labelled item, an introduction or a bullet."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in "•·◦▪–-✓*":
        return True
    intro = intro_match(text)
    return label_at(text, fold(text), 0, len(text)) is not None or (intro is not None and not intro[3])


def continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the title whose last line is `previous`.

    A title line that ends with a preposition, conjunction, comma or dash is
    unfinished. Otherwise the next line continues it only when it starts in
    lower case with a preposition or conjunction ("pro osoby ...", "v rámci ..."),
    or when the title line is as long as a wrapped line and the next is a plain
    fragment; a lower-case detail line ("navýšení úvazku o 0,5") or a capitalised
    one ("Ordinace pro chudé") is not part of the title."""
    r = rules()
    line, previous = line.strip(), previous.rstrip()
    if not line or not previous or is_field_line(line) or _starts_item(line):
        return False
    if previous[-1] in ",–—-/(":
        return True
    last = fold(previous).split()[-1].strip(".") if fold(previous).split() else ""
    if last in r.joiners:
        return True
    first_char = _FIRST_CHAR.match(line)
    if not first_char or not first_char.group(1).islower():
        return False
    if _first_word(line) in r.joiners:
        return True
    return len(previous) >= r.wrapped_line_chars and not _FIGURE_OR_COLON.search(line)


def line_up_to(piece: Span) -> str:
    """The whole line a title part ends on, label included (its length tells a wrapped line)."""
    line_start = piece.block.text.rfind("\n", 0, piece.end) + 1
    return piece.block.text[line_start:piece.end]


def could_be_title(line: str) -> bool:
    """The line after a bare label ("Opatření 2.1") is its title unless it is a field, an item or a number."""
    return bool(line.strip()) and not is_field_line(line) and not _starts_item(line) \
        and not _NUMBERS_ONLY.fullmatch(line)


def can_continue_into(item: BlockView, nxt: BlockView) -> bool:
    """A title goes on into a paragraph, a heading of the same level as its own, or (in a
    table) the next cell of the row."""
    if item.table_id is not None:
        return nxt.table_id == item.table_id and nxt.row == item.row
    if nxt.region != item.region or nxt.table_id is not None:
        return False
    return nxt.kind == "paragraph" or (nxt.kind == "heading" and item.kind == "heading" and nxt.level == item.level)



def intro_match(text: str) -> tuple[str, str | None, str, bool] | None:
    """(kind of the children, parent number or None, text after the colon, bare) of an
    introduction; a bare one is the noun alone ("Aktivity:")."""
    folded = fold(text)
    for kind, pattern in rules().intro.items():
        match = pattern.match(folded)
        if match is None:
            continue
        if not number_ok(text, match):
            continue
        rest = text[match.end():]
        described = match.group("adj") or match.group("parent")
        if described or match.group("num") is None and not rest.strip():
            return kind, written_number(text, match), rest, not described
    return _sentence_intro(text, folded)


def _sentence_intro(written: str, folded: str) -> tuple[str, str | None, str, bool] | None:
    """A sentence ending in a colon that introduces the children of a parent: "Skupina navrhla
    k cíli 2 tato opatření:", "Ke splnění opatření 1.2 povedou následující aktivity:",
    "Realizované aktivity v roce 2023 k opatření 1.2:", "Opatření navržená pro prioritu 3:".
    The children's noun needs a determiner or an adjective of [intro] before it (or a participle
    after it); the parent is the numbered label in the sentence, else the item above."""
    r = rules()
    text = folded.rstrip()
    if not text.endswith(":") or len(text.split()) > r.sentence_max_words:
        return None
    for kind, (noun, parent) in r.sentence_intro.items():
        found = noun.search(text)
        if found is None:
            continue
        numbered = [m for m in parent.finditer(text) if not (m.start() < found.end() and found.start() < m.end())
                    and number_ok(written, m)]
        return kind, written_number(written, numbered[0]) if numbered else None, "", False
    return None

