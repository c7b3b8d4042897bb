"""The items of a list of children: how a list labels its items, whether a paragraph holds
items, and where the items of a list flattened into one paragraph start (read from the
block's tokens and date spans)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.extract.dates import date_spans
from pipeline.extract.text import fold
from pipeline.extract.plan.items import after_slide_number
from pipeline.extract.plan.rules import rules


PARAGRAPH_MARKER = re.compile(r"\s*(?:(?:[•·▪◦*–-]\s+)?(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}\.?)|\d{1,2}[.)]|\(?[a-z]\)"
                               r"|[•·▪◦*–-])\s+(?=[^\W\d_])")


def label_style(label: str | None) -> str:
    """How a list label numbers its item: "outline" (1.1), "number" (1.), "roman" (IV.),
    "letter" (a)), or "bullet" (any glyph, or no label)."""
    text = (label or "").strip()
    for style, pattern in _LABEL_STYLES:
        if pattern.fullmatch(text):
            return style
    return "bullet"


_LABEL_STYLES = (("outline", re.compile(r"\d+(?:\.\d+)+\.?")), ("number", re.compile(r"\d+[.)]?")),
                 ("roman", re.compile(r"[IVXLC]+[.)]?")), ("letter", re.compile(r"\(?(?i:[a-z])[.)]")))
_SENTENCE_THEN = re.compile(r"[.!?]\s+(\S)")  # a sentence end and the first character after it
_NON_SPACE = re.compile(r"\S+")


def looks_like_items(text: str) -> bool:
    """A paragraph under an introduction holds list items unless it is running text (several
    sentences, or one long capitalised sentence: "Skupina dále diskutovala o ...") or the
    numbered title of the next slide."""
    stripped = text.strip()
    if after_slide_number(stripped, 0) > 0:
        return False  # the next slide's title
    if not stripped[:1].isupper():
        return True
    several = any(m.group(1).isupper() for m in _SENTENCE_THEN.finditer(stripped))
    sentence = stripped.endswith((".", "!", "?")) and len(stripped.split()) >= 8
    return not (several or sentence)


# --------------------------------------------------------------------------- a list flattened into a paragraph


def words(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of `doc.text[start:end]` (runs without a space: "(Charita,") with their spans,
    read from the block's tokens: a token written right after the one before joins its word."""
    out: list[tuple[int, int, str]] = []
    glued = False
    for token in doc:
        if token.idx >= end:
            break
        text = token.text
        a, b = max(token.idx, start), min(token.idx + len(text), end)
        if b <= a or token.is_space:
            glued = False
            continue
        piece = text[a - token.idx:b - token.idx]
        parts = [(a + m.start(), m.group()) for m in _NON_SPACE.finditer(piece)] if " " in piece else [(a, piece)]
        for k, (s, word) in enumerate(parts):  # a merged token ("2 000", "o. p. s.") holds spaces
            if k == 0 and glued and out:
                out[-1] = (out[-1][0], s + len(word), out[-1][2] + word)
            else:
                out.append((s, s + len(word), word))
        glued = not token.whitespace_ and b == token.idx + len(text)
    return out


def _is_action_noun(word: str) -> bool:
    """"vyřízení", "sepsání", "přihlášení": a lower-case verbal noun that can open a list item."""
    r = rules()
    return (len(word) >= 6 and word.isalpha() and word.islower() and word not in r.not_action_nouns
            and word.endswith(r.action_noun_endings))


def split_flat_items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Item boundaries of a list whose line breaks were lost ("vyřízení ... sepsání ... 3. ledna 2011 ...").

    An item starts at a dated line, at a capacity figure ("počet míst"), or at a
    verbal noun that does not follow a preposition, a punctuation mark, an
    adjective that agrees with it ("slavnostní otevření") or another verbal noun,
    once the item before it has a few words."""
    r = rules()
    text = doc.text
    folded = fold(text)
    tokens = words(doc, start, end)
    if not tokens:
        return []
    date_starts = {d.start for d in date_spans(doc) if d.year is not None and start <= d.start and d.end <= end}
    cuts, inside_until = [0], -1
    for k in range(1, len(tokens)):
        token_start, _, word = tokens[k]
        if token_start < inside_until:
            continue  # the rest of a capacity phrase ("předpokládaný | počet")
        previous = tokens[k - 1][2]
        previous_word = previous.strip("„“\"'()").lower()
        if fold(previous_word).strip(".") in r.joiners:
            continue
        figure = r.not_items.match(folded, token_start, end)
        if token_start in date_starts or figure:
            cuts.append(k)
            inside_until = figure.end() if figure else -1
        elif (_is_action_noun(word) and previous[-1].isalnum() and not _is_action_noun(previous_word)
              and not previous_word.endswith(r.adjective_endings) and k - cuts[-1] >= r.min_item_words
              and len(tokens) - k >= 2):
            cuts.append(k)
    cuts.append(len(tokens))
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(cuts, cuts[1:]) if b > a]

