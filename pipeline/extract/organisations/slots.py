"""Organisations named by their position rather than their shape: the value of a slot ("R:
X", "Realizátor: X", "partnerem je X"), names in parentheses after a word for services or
providers or after a service type, bare names in provider-list lines, and bare proper
names right after a word that says an organisation follows ("poskytovatel Modrá kotva",
"organizace Ruka v ruce Skuteč") or after a verb of running or carrying out something
("službu provozuje Dům Na Vršku", "(provozuje Poustevna)").

A bare proper name (`bare_name_end`) is a run of capitalised words, with a lower-case
noun after a capitalised adjective ("Modrá kotva") or between capitalised words ("Spolek
vozíčkářů Proseč"), and capitalised prepositions inside ("Dům Na Vršku"); it ends
at a verb, a clause word, punctuation, a figure or a line break, and must pass
`looks_like_name` (no person, service type, programme, sentence, lone generic noun)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.model import Annotated, BlockView
from pipeline.extract.common import body_offset, nearest_lower
from pipeline.extract.layout import Labels
from pipeline.extract.organisations.lexicon import (grammar, hard_break, head_at, is_abbreviation, is_title, is_verb,
                                                    legal_at, lex, word_key)
from pipeline.extract.organisations.normalise import is_not_organisation, nominative, split_legal_form, tidy
from pipeline.extract.organisations.shapes import Mention, ico_after, mentions_in_span, person_starts
from pipeline.extract.nlp import doc_text
from pipeline.extract.spans.services import KEY as SERVICE_KEY, find_services
from pipeline.extract.organisations.mention import Tok, doc_toks, span_toks, text_lines as lines
from pipeline.extract.sentences import sentences

try:  # the parser of the re module: Python 3.11 and later
    from re import _constants as _regex_constants, _parser as _regex_parser
except ImportError:  # Python 3.10
    import sre_constants as _regex_constants  # type: ignore[no-redef]
    import sre_parse as _regex_parser  # type: ignore[no-redef]


# --------------------------------------------------------------------------- names given by position


_NOT_IN_NAME = re.compile(r"\d{3,}|[?:]")
_SEMICOLON_PART = re.compile(r"[^;]+")
_PARENTHESES = re.compile(r"\(([^()]{2,160})\)")
_WORD = re.compile(r"\w+")
_LIST_PART = re.compile(r"[^,;]+")
_DASH = re.compile(r"\s[–—-]\s")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:,\d+)?(?![\d.])")
_DIGIT = re.compile(r"\d")
_NAME_END = re.compile(r"\s[–—-]\s|[,:;(]")


_HOUSE_NUMBER = re.compile(r"\d+(?i:[a-z])?(?:/\d+)?")  # "Husova 15", "Nádražní 1250/3"


def looks_like_name(value: str, strict: bool = False, services: bool | None = None) -> bool:
    """A short capitalised phrase without figures that is no person, verb phrase, service
    type or excluded thing: what a slot or a provider list may hold as a bare name. `strict`
    (for names found by position alone) also refuses words in capitals that are no known
    abbreviation ("ZSSS LK", "OOSV": programmes and target groups). `services`: whether the
    value holds a service type, when its Doc says so (else it is looked for in `value`)."""
    lx = lex()
    words = value.split()
    if not words or len(words) > 6 or not value[:1].isupper() or value[:1] in "„\"(":
        return False
    if strict and any(len(w) > 1 and w.isupper() and not is_abbreviation(w) and not _brand_word(words, k)
                      for k, w in enumerate(words)):
        return False
    if strict and any(_HOUSE_NUMBER.fullmatch(w) for w in words):
        return False  # a house number: "Husova 15", "Nádražní 1250/3"
    if _NOT_IN_NAME.search(value) or words[0].lower() in lx.titles:
        return False
    if value.count("(") != value.count(")") or words[-1] in grammar("coordinators"):
        return False  # a piece of a sentence: "řídící skupiny (dále ŘS) a zahájila" gives no "ŘS) a"
    if words[0] in lx.given_names and len(words) >= 2 and words[1][:1].isupper():
        return False
    if strict and len(words) == 2 and words[1] in lx.given_names:
        return False  # a person written surname first ("Malá Eva")
    if len(words) == 1 and words[0].endswith(grammar("lone_surname_endings")):
        return False  # a surname ("Zodpovídá: Nováková")
    if any(is_verb(w) for w in words):
        return False
    if len(words) == 1 and (word_key(words[0]),) in lx.name_starts:
        return False  # a generic noun alone ("Domov", "Centrum", "Klub")
    if services is None:
        services = bool(find_services(value))
    return not services and not is_not_organisation(value)


def _brand_word(words: Sequence[str], k: int) -> bool:
    """A name's first word written in capitals that reads as a word, before a place in ordinary
    case ("FOKUS Lipnice", "KOMPAS Podlesí"): a brand, not an abbreviation of a programme or a
    target group ("OOSV", "ZSSS LK"): five letters or more, two vowels, no three consonants in
    a row."""
    word = words[k]
    if k != 0 or len(words) < 2 or len(word) < 5 or not word.isalpha():
        return False
    place = words[1]
    if not (place[:1].isupper() and place[1:].islower() and place.isalpha()):
        return False
    vowels = _vowels()
    marks = [c.lower() in vowels for c in word]
    run = longest = 0
    for vowel in marks:
        run = 0 if vowel else run + 1
        longest = max(longest, run)
    return sum(marks) >= 2 and longest <= 2


@lru_cache(maxsize=1)
def _vowels() -> frozenset[str]:
    return frozenset(load("attendance")["cases"]["vowels"])


def holds_service(doc: Doc, start: int, end: int) -> bool:
    """A service type lies within text[start:end] of the Doc (its `service` spans)."""
    return any(start <= s.start_char and s.end_char <= end for s in doc.spans.get(SERVICE_KEY, ()))


def name_here(doc: Doc, start: int, end: int) -> bool:
    """The text between start and end (stripped) looks like a bare name (strict)."""
    text = doc_text(doc)
    raw = text[start:end]
    value = raw.strip()
    start += len(raw) - len(raw.lstrip())
    return looks_like_name(value, True, holds_service(doc, start, start + len(value)))


def value_mention(block: BlockView, doc: Doc, start: int, end: int, kind: str) -> Mention | None:
    """A mention for a whole value ("R: Kormidlo"), the legal form split off."""
    raw = block.text[start:end]
    written = raw.strip(" ,;.")
    if not written:
        return None
    start += raw.index(written[0])
    end = start + len(written)
    tokens, legal_form = split_legal_form(span_toks(doc, start, end))
    words = [t.text for t in tokens]
    name = tidy(" ".join(words)) if words and is_abbreviation(words[0]) else nominative(words)
    if is_not_organisation(name):
        return None
    return Mention(block.block_id, start, end, written, name, legal_form, ico_after(block.text, end), kind)


def value_mentions(block: BlockView, doc: Doc, start: int, end: int, kind: str = "slot") -> list[Mention]:
    """Organisations in a slot value ("R: X", "Realizátor: X; Y (služba)", "partnerem je X"):
    each part split at ";" and parentheses left out; where no shape is found, the part's
    first comma piece is taken when it looks like a name (after it come sub-units:
    "Charita Horní Ves, Sv. Anežka")."""
    out: list[Mention] = []
    text = block.text
    for part in _SEMICOLON_PART.finditer(text[start:end]):
        p_start, p_end = start + part.start(), start + part.end()
        paren = text.find("(", p_start, p_end)
        core_end = paren if paren >= 0 else p_end
        found = mentions_in_span(block, doc, p_start, core_end)
        if found:
            out.extend(found)
            out.extend(_listed_regions(block, doc, p_start, core_end, found, kind))
            continue
        piece_end = text.find(", ", p_start, core_end)
        piece_end = core_end if piece_end < 0 else piece_end
        seat = _value_end().search(text, p_start, piece_end)
        piece_end = seat.start() if seat and seat.start() > p_start else piece_end
        raw = text[p_start:piece_end]
        value = raw.strip()
        v_start = p_start + len(raw) - len(raw.lstrip())
        if looks_like_name(value, False, holds_service(doc, v_start, v_start + len(value))) \
                or (value and is_abbreviation(value.split()[0])):
            mention = value_mention(block, doc, p_start, piece_end, kind)
            if mention:
                out.append(mention)
    return out


_COMMA_PIECE = re.compile(r"[^,]+")


@lru_cache(maxsize=1)
def _value_end() -> re.Pattern[str]:
    """Words after which a slot's bare name has ended ("Poskytovatel: Domov X se sídlem Lipová
    5, IČO: ..."): the party's seat, number and representative follow."""
    words = "|".join(re.escape(w) for w in load("organisations")["slots"]["values"]["value_end_words"])
    return re.compile(rf"\s(?:{words})(?!\w)", re.IGNORECASE)


def _listed_regions(block: BlockView, doc: Doc, start: int, end: int, found: list[Mention],
                    kind: str) -> list[Mention]:
    """A region named in the nominative as one piece of a listed value ("Zdroje financování | MPSV,
    Plzeňský kraj, Město X"): the value's label makes it an actor, as "Plzeňský kraj financuje"
    does; a shape finds the other pieces, not a region without such a cue."""
    out = []
    for piece in _COMMA_PIECE.finditer(block.text, start, end):
        words = piece.group().split()
        if len(words) == 2 and words[0][:1].isupper() and words[1] == grammar("region_noun") \
                and all(m.end <= piece.start() or m.start >= piece.end() for m in found):
            mention = value_mention(block, doc, piece.start(), piece.end(), kind)
            if mention:
                out.append(mention)
    return out


@lru_cache(maxsize=1)
def _slot_rules() -> tuple[dict[str, list[str]], dict[str, list[re.Pattern[str]]]]:
    cfg = load("organisations")["slots"]
    labels = {"responsible": list(load("plan")["labels"]["responsible"]), **cfg["labels"]}
    inline = {role: [re.compile(p, re.IGNORECASE) for p in patterns] for role, patterns in cfg["inline"].items()}
    return labels, inline


@lru_cache(maxsize=1)
def _role_labels() -> tuple[tuple[str, Labels], ...]:
    """The slot labels of each role, compiled once (in the order of `_slot_rules`)."""
    return tuple((role, Labels(words)) for role, words in _slot_rules()[0].items())


@lru_cache(maxsize=1)
def _gated_inline() -> tuple[tuple[str, re.Pattern[str], tuple[tuple[str, bool], ...]], ...]:
    """Each inline slot pattern with the strings one of which it cannot match without
    (`needed_words`): most blocks hold none, and a substring test is far cheaper than running
    eleven patterns over every block."""
    return tuple((role, pattern, needed_words(pattern) or (("", False),))
                 for role, patterns in _slot_rules()[1].items() for pattern in patterns)


def needed_words(pattern: re.Pattern[str]) -> tuple[tuple[str, bool], ...]:
    """Strings one of which every match of `pattern` contains, each with whether it is to be
    looked for in the lower-cased text (matched ignoring case) or as written, read from the
    parsed pattern: the longest run of literals it cannot do without, or the runs of each branch
    of an alternation it cannot do without; () when none is found. A test that may pass too
    often, never one that fails a text the pattern matches."""
    parsed = _regex_parser.parse(pattern.pattern, pattern.flags)
    return tuple(sorted(_needed(list(parsed), bool(pattern.flags & re.IGNORECASE)) or ()))


def _needed(items: list, folded: bool) -> set[tuple[str, bool]] | None:  # type: ignore[type-arg]
    best: set[tuple[str, bool]] | None = None
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is _LITERAL:
            run += chr(arg).lower() if folded else chr(arg)
            continue
        found: set[tuple[str, bool]] | None = None
        if run:
            best, run = _stronger(best, {(run, folded)}), ""
        if op is _SUBPATTERN:
            _, add, remove, inner = arg
            found = _needed(inner, (folded or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE)
        elif op is _BRANCH:
            branches = [_needed(branch, folded) for branch in arg[1]]
            found = None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        elif op in (_MAX_REPEAT, _MIN_REPEAT) and arg[0] >= 1:
            found = _needed(arg[2], folded)
        best = _stronger(best, found)
    return best


_LITERAL, _SUBPATTERN, _BRANCH, _MAX_REPEAT, _MIN_REPEAT = (
    _regex_constants.LITERAL, _regex_constants.SUBPATTERN, _regex_constants.BRANCH, _regex_constants.MAX_REPEAT,
    _regex_constants.MIN_REPEAT)


def _stronger(a: set[tuple[str, bool]] | None, b: set[tuple[str, bool]] | None) -> set[tuple[str, bool]] | None:
    """Of two sets of needed strings, the one whose shortest string is longer."""
    if not a or not b:
        return a or b
    return a if min(len(s) for s, _ in a) >= min(len(s) for s, _ in b) else b


def slot_spans(block: BlockView) -> tuple[tuple[int, int, str], ...]:
    """Values of the slots of a block with the role they give: a line opened by a label
    ("R: X", "Realizátor: X", "Partner: X"), a capitalised label with its colon inside a line
    ("… 2019 Realizátor projektu: X Partner projektu: Y"; `_inner_labels`) and inline slots
    ("realizátorem projektu je X")."""
    return _slot_spans(block.text, body_offset(block))


@lru_cache(maxsize=4096)
def _slot_spans(text: str, body: int) -> tuple[tuple[int, int, str], ...]:
    """`slot_spans` of a block's text whose list label ends at `body` (asked for by the name
    finder and again by the roles: found once)."""
    spans = []
    for start, end in lines(text):
        inner = _inner_labels(text, start + (body if start == 0 else 0), end)
        spans.extend(inner.spans)
        role = None
        first = True
        for part in _SEMICOLON_PART.finditer(text[start:end]):  # "Realizátor: X; partner: Y"
            p_start, p_end = start + part.start(), start + part.end()
            offset = body if p_start == 0 else 0
            piece = text[p_start:p_end]
            offset += len(piece[offset:]) - len(piece[offset:].lstrip())
            found = _label_role(piece[offset:])
            if found:
                role, value_start = found[0], p_start + offset + found[1]
            elif role is None or first:
                break  # no label opens the line
            else:
                value_start = p_start  # a further value of the same label
            value_end = min(p_end, _sentence_end(text, value_start), inner.next_start(value_start))
            if value_start < value_end:
                spans.append((value_start, value_end, role))
            first = False
    lowered = text.lower()
    for role, pattern, words in _gated_inline():
        if any(word in (lowered if folded else text) for word, folded in words):
            for match in pattern.finditer(text):
                spans.append((match.end(), _clause_end(text, match.end()), role))
    return tuple(spans)


class _InnerLabels:
    """The role labels written inside a line, after other words, with a colon (the lines of a
    title page or a contract run together: "… 2014 Realizátor projektu: Spolek X Partner
    projektu: Obec Y", "… smluvními stranami: Poskytovatel: Domov Z se sídlem …"): each opens a
    value that ends at the next label of any kind ("Autorka:") or the sentence's end."""

    def __init__(self, starts: list[int], spans: list[tuple[int, int, str]]) -> None:
        self.starts = starts
        self.spans = spans

    def next_start(self, pos: int) -> int:
        """Where the first label after `pos` starts (the end of a value begun at `pos`)."""
        return next((s for s in self.starts if s > pos), 1 << 30)


def _inner_labels(text: str, start: int, end: int) -> _InnerLabels:
    """The labels inside the line `text[start:end]` (not the one opening it)."""
    role_pattern, any_label = _inner_label_patterns()
    found = [(m.start(1), m.end(), m.group(1)) for m in role_pattern.finditer(text, start, end)
             if m.start(1) > start and (m.group("word") is None or m.group("word").islower())]
    if not found:
        return _InnerLabels([], [])
    starts = sorted({s for s, _, _ in found} | {m.start(1) for m in any_label.finditer(text, start, end)
                                                if m.start(1) > start and m.group(1)[0].isupper()})
    roles = _inner_label_roles()
    spans = []
    for label_start, value_start, word in found:
        value_end = min(end, _sentence_end(text, value_start), next((s for s in starts if s > label_start), end))
        if value_start < value_end:
            spans.append((value_start, value_end, roles[word.lower()]))
    return _InnerLabels(starts, spans)


@lru_cache(maxsize=1)
def _inner_label_roles() -> dict[str, str]:
    """Each role label (lower case) with its role; a label of two roles keeps the first."""
    labels, _ = _slot_rules()
    roles: dict[str, str] = {}
    for role, words in labels.items():
        for word in words:
            roles.setdefault(word.lower(), role)
    return roles


@lru_cache(maxsize=1)
def _inner_label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A role label written with a capital after a space, one word allowed before its colon
    (kept when in lower case) ("Realizátor projektu:"), the longest label first ("Poskytovatel dotace:" funds);
    and any label (one that starts with a capital ends a value)."""
    words = sorted((w for w in _inner_label_roles() if len(w) >= 3 and w[0].isalpha()), key=len, reverse=True)
    alternatives = "|".join(re.escape(w[0].upper()) + re.escape(w[1:]) for w in words)
    role_pattern = re.compile(rf"(?<=\s)({alternatives})(?:\s+(?P<word>[^\W\d_]+))?\s*:\s*")
    any_label = re.compile(r"(?<=\s)([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*:(?=\s)")
    return role_pattern, any_label


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends: a slot's value does not run into the next sentence
    ("Zodpovídá: Spolek X, z. ú. Stav: plní se. Registrace byla podána na Krajský úřad ...")."""
    for start, end in sentences(text):
        if start <= pos < end:
            return end
    return len(text)


def _label_role(text: str) -> tuple[str, int] | None:
    """The role of the slot label that opens `text`, and where its value starts."""
    for role, labels in _role_labels():
        end = labels.end(text)
        if end is not None:
            return role, end
    return None


def _clause_end(text: str, start: int) -> int:
    """Where an inline slot value ends: a sentence end, ";", "(", or " a " + a lower-case word."""
    for match in _CLAUSE_END.finditer(text, start):
        if match.group(1) is None or text[match.end()].islower():
            return match.start()
    return len(text)


_CLAUSE_END = re.compile(r"[.;](?:\s|$)|( a )(?=[^\W\d_])|\(|$")


def enumerated_names(block: BlockView, doc: Doc) -> list[Mention]:
    """Names listed in parentheses after a word for services or providers, or right after a
    service type: "stávající služby jsou dostačující (Brána k domovu, Rozkvět)", "denní
    stacionář (Dům Na Vršku)"; not a legend of abbreviations ("plnění plánu služeb 2031 (O =
    opatření, A = aktivita)")."""
    lx = lex()
    out: list[Mention] = []
    text = block.text
    if "(" not in text:
        return out
    service_ends = {s.end_char for s in doc.spans.get(SERVICE_KEY, ())}
    for match in _PARENTHESES.finditer(text):
        before = _WORD.findall(text[max(0, match.start() - 60):match.start()])[-3:]
        after_service = len(text[:match.start()].rstrip()) in service_ends
        if not after_service and not any(w.lower() in lx.enumeration_after for w in before):
            continue
        for part in _LIST_PART.finditer(match.group(1)):
            start, end = match.start(1) + part.start(), match.start(1) + part.end()
            value = part.group().strip()
            if "=" in value:
                continue  # a legend of abbreviations: "(O = opatření, A = aktivita)"
            if after_service and not any(w.lower() in lx.enumeration_after for w in before) \
                    and _place_like(value):
                continue
            if value and name_here(doc, start, end) and not mentions_in_span(block, doc, start, end):
                mention = value_mention(block, doc, start, end, "list")
                if mention:
                    out.append(mention)
    return out


def _place_like(value: str) -> bool:
    """What parentheses after a service type hold when they say where it is, not who runs
    it: one word ("Skuteč", "Husova") or a capitalised adjective and noun ("Nové Hrady")."""
    words = value.split()
    return len(words) < 2 or (len(words) == 2 and words[0].endswith(grammar("nominative_adjective_endings")) and words[1][:1].isupper())


def dash_pieces(block: BlockView) -> list[tuple[int, int]]:
    """The pieces of a list line split at dashes ("Kormidlo – 1 - 1,5" -> 3 pieces)."""
    start = body_offset(block)
    text = block.text
    pieces, pos = [], start
    for match in _DASH.finditer(text[start:]):
        pieces.append((pos, start + match.start()))
        pos = start + match.end()
    pieces.append((pos, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def _small_figure(text: str) -> bool:
    """A figure a capacity line states ("1 úvazek", "+ 0,5"), not a year or a long number."""
    return any(len(n.replace(",", "")) <= 3 for n in _FIGURE.findall(text))


def bare_list_names(block: BlockView, doc: Doc) -> list[Mention]:
    """Bare names in provider-list lines ("Sociální rehabilitace – Kormidlo – 1 - 1,5",
    "Společně pro seniory – zdravotní sociální pomoc - + 0,5"): in a list item whose dash pieces
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
        if not value or _DIGIT.search(value) or mentions_in_span(block, doc, a, b):
            continue
        if name_here(doc, a, first_end):
            mention = value_mention(block, doc, a, first_end, "bare")
            if mention:
                out.append(mention)
    return out


# --------------------------------------------------------------------------- bare proper names


@lru_cache(maxsize=1)
def _bare_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Words after which a bare proper name is an organisation: nouns in apposition that
    say one follows (configs [names] bare_name_after: a name of one word or more), and
    nouns that may also name an action ("organizace Dne seniorů") or verbs of running or
    carrying out ([names] bare_name_after_multiword, [roles]: two words or more)."""
    cfg = load("organisations")
    nouns = frozenset(w.lower() for w in cfg["names"]["bare_name_after"])
    multi = frozenset(w.lower() for w in [*cfg["names"]["bare_name_after_multiword"], *cfg["roles"]["provider_verbs"],
                                          *cfg["roles"]["responsible_verbs"]])
    return nouns, multi


def _capital_adjective(tok: Tok) -> bool:
    return tok.is_cap and len(tok.text) > 3 and tok.lower.endswith(grammar("nominative_adjective_endings"))


def bare_name_end(tokens: list[Tok], i: int) -> int | None:
    """Where a bare proper name that starts at token i ends (the index after it), or None
    when no name starts there (see the module docstring)."""
    lx = lex()
    first = tokens[i]
    if not first.is_cap or not first.is_word or is_title(first) or first.text in lx.given_names \
            or first.text.isupper() or first.lower in lx.clause_words:
        return None
    j = i + 1
    while j < len(tokens) and j - i < 6:
        tok, prev = tokens[j], tokens[j - 1]
        if hard_break(prev) or not tok.is_word or legal_at(tokens, j) or any(c.isdigit() for c in tok.text):
            break
        nxt = tokens[j + 1] if j + 1 < len(tokens) and not hard_break(tok) else None
        cap_after = nxt is not None and nxt.is_cap and nxt.is_word
        if tok.is_cap:
            if tok.lower in lx.verbs or (tok.lower in lx.clause_words and not cap_after):
                break
            j += 1
            continue
        if tok.lower in lx.verbs or is_verb(tok.text) or tok.lower in lx.clause_words:
            break
        if _capital_adjective(prev) or cap_after:
            j += 1
            continue
        break
    return j


def _bare_mention(block: BlockView, doc: Doc, tokens: Sequence[Tok], i: int, kind: str,
                  min_words: int = 1) -> Mention | None:
    end = bare_name_end(tokens, i)
    if end is None or end - i < min_words:
        return None
    if not name_here(doc, tokens[i].start, tokens[end - 1].end) or head_at(tokens, i):
        return None
    return value_mention(block, doc, tokens[i].start, tokens[end - 1].end, kind)


def bare_names(block: BlockView, doc: Doc, tokens: Sequence[Tok]) -> list[Mention]:
    """Bare proper names right after a noun that says an organisation follows ("poskytovatel
    Modrá kotva", "u organizace Ruka v ruce Skuteč") or a verb of running or carrying out
    something ("službu provozuje Dům Na Vršku", "projekt realizuje Klub Pohoda")."""
    nouns, multi = _bare_cues()
    requests = _request_cues()
    lx = lex()
    out = []
    for i in range(len(tokens) - 1):
        cue = tokens[i]
        asked = i >= 2 and cue.lower in requests[2] and tokens[i - 1].lower in requests[1] \
            and tokens[i - 2].lower in requests[0] and tokens[i + 1].lower not in nouns  # "Žádost o příspěvek Domova X"
        if cue.lower not in nouns and cue.lower not in multi and not asked or hard_break(cue):
            continue
        start = i if cue.is_cap and cue.lower in lx.name_or_classifier else i + 1  # "Spolek Lípa Proseč"
        enclosed = i > 0 and tokens[i - 1].text == "(" and _closes_at(tokens, start)  # "(provozuje Kormidlo)"
        min_words = 1 if cue.lower in nouns or enclosed else 2
        mention = _bare_mention(block, doc, tokens, start, "apposition", min_words + (start == i))
        if mention and not mentions_in_span(block, doc, mention.start, mention.end):
            out.append(mention)
    return out


_SENTENCE_OPENERS = (".", "!", "?", "•", "▪", "◦", "-", "–", "—", "*", ";")
_NAME_NUMBER = re.compile(r"\d{1,4}")


def subject_providers(block: BlockView, doc: Doc, tokens: Sequence[Tok]) -> list[Mention]:
    """A proper name that opens a sentence or a list line as the subject of a verb of providing,
    with a service type after the verb in its sentence: "Život 90 nabízí tísňovou péči i seniorům
    z X", "• Senior Point Lhota poskytuje odborné sociální poradenství". The name is two to five
    capitalised words, the last may be a number ("Slunce 21"); a person, a public body's head
    or a service type is none (configs [roles] provider_verbs)."""
    verbs = _provider_verbs()
    services = [(s.start_char, s.end_char) for s in doc.spans.get(SERVICE_KEY, ())]
    if not services:
        return []
    persons = person_starts(doc)
    out = []
    for k, verb in enumerate(tokens):
        if verb.lower not in verbs or k < 2:
            continue
        i = k
        if _NAME_NUMBER.fullmatch(tokens[i - 1].text) and not hard_break(tokens[i - 1]):
            i -= 1  # a number that ends the name ("Život 90")
        while i > 0 and k - i < 5 and tokens[i - 1].is_cap and tokens[i - 1].is_word and not hard_break(tokens[i - 1]):
            i -= 1
        opens = i == 0 or tokens[i - 1].text in _SENTENCE_OPENERS or hard_break(tokens[i - 1])
        if k - i < 2 or not opens or not tokens[i].is_cap or any(t.start in persons for t in tokens[i:k]) \
                or head_at(tokens, i) or is_title(tokens[i]):
            continue
        sentence_end = next((t.start for t in tokens[k:] if t.text in (".", "!", "?")), len(block.text))
        if not any(verb.end <= a < sentence_end for a, _ in services) \
                or any(a < tokens[k - 1].end and b > tokens[i].start for a, b in services):
            continue
        value = block.text[tokens[i].start:tokens[k - 1].end]
        if not looks_like_name(value, False, False) or mentions_in_span(block, doc, tokens[i].start, tokens[k - 1].end):
            continue
        mention = value_mention(block, doc, tokens[i].start, tokens[k - 1].end, "bare")
        if mention:
            out.append(mention)
    return out


@lru_cache(maxsize=1)
def _provider_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in load("organisations")["roles"]["provider_verbs"])


@lru_cache(maxsize=1)
def _request_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """An application, its preposition and the grant it asks for ([roles] applicant_nouns,
    request_prepositions, grant_nouns): a bare name of two words or more right after them is the
    applicant ("Žádost o příspěvek Domova Zahrada Lhota byla odložena")."""
    roles = load("organisations")["roles"]
    return tuple(frozenset(w.lower() for w in roles[key])  # type: ignore[return-value]
                 for key in ("applicant_nouns", "request_prepositions", "grant_nouns"))


def _closes_at(tokens: list[Tok], i: int) -> bool:
    """The bare name at token i runs to a closing parenthesis."""
    end = bare_name_end(tokens, i)
    return end is not None and end < len(tokens) and tokens[end].text == ")"


def affiliation_names(block: BlockView, doc: Doc, tokens: Sequence[Tok]) -> list[Mention]:
    """The organisation in parentheses right after a person's name: "Mgr. Eva Malá (Dům Na
    Vršku) informovala ...", "Petr Kos (Modrá kotva, vedoucí služby)"."""
    out: list[Mention] = []
    if "(" not in block.text:
        return out
    persons = person_starts(doc)
    given = lex().given_names
    for i, tok in enumerate(tokens):
        if tok.text != "(" or i == 0 or hard_break(tokens[i - 1]):
            continue
        if tokens[i - 1].start not in persons \
                and not (tokens[i - 1].text in given and i > 1 and tokens[i - 2].is_cap):
            continue  # "Eva Malá (", "Mgr. Malá (", "Malá Eva ("
        close = block.text.find(")", tok.end)
        if close < 0 or close - tok.end > 120:
            continue
        piece_end = block.text.find(",", tok.end, close)
        piece_end = close if piece_end < 0 else piece_end
        if name_here(doc, tok.end, piece_end) and not mentions_in_span(block, doc, tok.end, close):
            mention = value_mention(block, doc, tok.end, piece_end, "attendee")
            if mention:
                out.append(mention)
    return out


class NameIndex:
    """Names the document gave as organisations, looked up by their first word: each block's
    tokens find the few names that may start at them, instead of every name being tried at
    every token of every block (time growing with the document's length times its names)."""

    def __init__(self, names: list[str]):
        self.names = names
        self.words = [name.split() for name in names]
        self.by_word: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}  # first four letters of a first word -> names
        for k, words in enumerate(self.words):
            self.by_word.setdefault(words[0], []).append(k)
            if len(words) > 1 and len(words[0]) >= 4:
                self.by_prefix.setdefault(words[0][:4], []).append(k)

    def starts(self, tokens: Sequence[Tok]) -> dict[int, list[int]]:
        """For each name (its index) the token positions where its first word is written
        (another ending allowed as in `_same_word` for a name of several words)."""
        out: dict[int, list[int]] = {}
        for i, tok in enumerate(tokens):
            found = set(self.by_word.get(tok.text, ()))
            if len(tok.text) >= 4:
                found.update(self.by_prefix.get(tok.text[:4], ()))
            for k in found:
                words = self.words[k]
                if i <= len(tokens) - len(words) and (tok.text == words[0] if len(words) == 1
                                                      else _same_word(tok.text, words[0])):
                    out.setdefault(k, []).append(i)
        return out


def known_name_mentions(index: NameIndex, block: BlockView, tokens: Sequence[Tok],
                        taken: list[tuple[int, int]]) -> list[Mention]:
    """Further mentions of names the document already gave as organisations ("Klub Pohoda"
    from an organisation column, then "Klub Pohoda pořádá ..."): the same words, each word
    of four letters or more allowed another ending ("Domu Na Vršku"), capitals alike."""
    out = []
    starts = index.starts(tokens)
    for k in sorted(starts):  # the names in their order, each at the positions its first word has
        name, words = index.names[k], index.words[k]
        n = len(words)
        for i in starts[k]:
            span = tokens[i:i + n]
            if any(a < span[-1].end and span[0].start < b for a, b in taken):
                continue
            if all(t.text == w if n == 1 else _same_word(t.text, w) for t, w in zip(span, words)) \
                    and not any(hard_break(t) for t in span[:-1]) \
                    and not (i + n < len(tokens) and tokens[i + n].is_cap and tokens[i + n].is_word
                             and not hard_break(span[-1])):
                start, end = span[0].start, span[-1].end
                out.append(Mention(block.block_id, start, end, block.text[start:end], name, kind="known"))
                taken = [*taken, (start, end)]
    return out


def _same_word(written: str, word: str) -> bool:
    if written == word:
        return True
    if written[:1] != word[:1] or not written.isalpha() or len(word) < 4 or len(written) < 4:
        return False
    return written[:4] == word[:4] and abs(len(written) - len(word)) <= 3


def list_intros(blocks: Sequence[BlockView]) -> list[BlockView | None]:
    """For each block, the line that introduces the list it is an item of: the block before
    its run of sibling items (items of its level or deeper; lists whose levels a converter
    lost are flat), when it ends with a colon ("V regionu působí tito poskytovatelé:"); None
    for anything else. All blocks in one pass: a walk back from each item of a long list
    would take time growing with the square of the list's length."""
    levels = [(b.level or 0) if _list_like(b) else None for b in blocks]
    colon = [b.text.rstrip().endswith(":") for b in blocks]
    keys = [-1 if colon[i] or level is None else level for i, level in enumerate(levels)]
    return [blocks[j] if j >= 0 and colon[j] else None for j in nearest_lower(keys, levels)]


def listed_names(blocks: Annotated) -> list[Mention]:
    """Bare names that open the items of a list introduced as organisations or providers
    ("V regionu působí tito poskytovatelé:" / "• Modrá kotva – pečovatelská služba"): the
    item's first piece, up to a dash, comma, colon or parenthesis."""
    words = frozenset(w.lower() for w in load("organisations")["names"]["list_intro_words"])
    out = []
    intros = list_intros(blocks)
    for index, block in enumerate(blocks):
        intro = intros[index]
        if intro is None or not any(t.lower in words for t in doc_toks(blocks.doc(intro))):
            continue
        start = body_offset(block) if block.kind == "list_item" else typed_label_end(block.text)
        end = next((m.start() for m in _NAME_END.finditer(block.text[start:])), None)
        end = len(block.text) if end is None else start + end
        doc = blocks.doc(block)
        if block.text[start:end].strip() and name_here(doc, start, end) \
                and not mentions_in_span(block, doc, start, end):
            mention = value_mention(block, doc, start, end, "listed")
            if mention:
                out.append(mention)
    return out


# A paragraph that a converter left with its typed list label ("a) ", "2) ", "3. ", or the
# dash or bullet of Word-HTML "-&nbsp;" paragraphs) before a capital ("3. ledna" is a date).
_TYPED_LABEL = re.compile(r"^\s*(?:[a-z]\)|\d{1,2}[.)]|[-–•·])\s+(?=\S)")


def _typed_label(text: str) -> re.Match[str] | None:
    match = _TYPED_LABEL.match(text)
    return match if match and (text[match.end()].isupper() or text[match.end()] in "\u201e\"") else None


def _list_like(block: BlockView) -> bool:
    """A list item, or a paragraph that opens with a typed list label ("a) ", "2. ")."""
    return block.kind == "list_item" or (block.kind == "paragraph" and bool(_typed_label(block.text)))


def typed_label_end(text: str) -> int:
    match = _typed_label(text)
    return match.end() if match else 0
