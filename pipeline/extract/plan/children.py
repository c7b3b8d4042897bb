"""The items of a list of children: how a list labels its items, whether a paragraph holds
items, and where the items of a list flattened into one paragraph start."""

from __future__ import annotations

import re

from pipeline.extract.text import fold
from pipeline.extract.dates import find_dates
from pipeline.extract.plan.items import after_slide_number
from pipeline.extract.plan.rules import rules


PARAGRAPH_MARKER = re.compile(r"\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}\.?)|\d{1,2}[.)]|\(?[a-z]\)|[•·▪◦*–-])"
                               r"\s+(?=[^\W\d_])")


def label_style(label: str | None) -> str:
    """How a list label numbers its item: "outline" (1.1), "number" (1.), "roman" (IV.),
    "letter" (a)), or "bullet" (any glyph, or no label)."""
    text = (label or "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", text):
        return "outline"
    if re.fullmatch(r"\d+[.)]?", text):
        return "number"
    if re.fullmatch(r"[IVXLC]+[.)]?", text):
        return "roman"
    if re.fullmatch(r"\(?[a-zA-Z][.)]", text):
        return "letter"
    return "bullet"




def looks_like_items(text: str) -> bool:
    """A paragraph under an introduction holds list items unless it is running text (several
    sentences, or one long capitalised sentence: "Skupina dále diskutovala o ...") or the
    numbered title of the next slide."""
    stripped = text.strip()
    if after_slide_number(stripped, 0) > 0:
        return False  # the next slide's title
    if not stripped[:1].isupper():
        return True
    several = re.search(r"[.!?]\s+[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]", stripped) is not None
    sentence = stripped.endswith((".", "!", "?")) and len(stripped.split()) >= 8
    return not (several or sentence)


# --------------------------------------------------------------------------- a list flattened into a paragraph


def tokens_of(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"\S+", text[start:end])]


def _is_action_noun(word: str) -> bool:
    """"vyřízení", "sepsání", "přihlášení": a lower-case verbal noun that can open a list item."""
    r = rules()
    return (len(word) >= 6 and word.isalpha() and word.islower() and word not in r.not_action_nouns
            and re.search(r"(?:[eěá]ní|[íuyeě]tí)$", word) is not None)


def split_flat_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Item boundaries of a list whose line breaks were lost ("vyřízení ... sepsání ... 3. ledna 2011 ...").

    An item starts at a dated line, at a capacity figure ("počet míst"), or at a
    verbal noun that does not follow a preposition, a punctuation mark, an
    adjective that agrees with it ("slavnostní otevření") or another verbal noun,
    once the item before it has a few words."""
    r = rules()
    tokens = tokens_of(text, start, end)
    if not tokens:
        return []
    date_starts = {start + d.start for d in find_dates(text[start:end]) if d.year is not None}
    cuts, inside_until = [0], -1
    for k in range(1, len(tokens)):
        token_start, _, word = tokens[k]
        if token_start < inside_until:
            continue  # the rest of a capacity phrase ("předpokládaný | počet")
        previous = tokens[k - 1][2]
        previous_word = previous.strip("„“\"'()").lower()
        after_joiner = fold(previous_word).strip(".") in r.joiners
        figure = r.not_items.match(fold(text[token_start:end]))
        if after_joiner:
            continue
        if token_start in date_starts or figure:
            cuts.append(k)
            inside_until = token_start + figure.end() if figure else -1
        elif (_is_action_noun(word) and previous[-1].isalnum() and not _is_action_noun(previous_word)
              and not previous_word.endswith(("í", "é")) and k - cuts[-1] >= r.min_item_words
              and len(tokens) - k >= 2):
            cuts.append(k)
    cuts.append(len(tokens))
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(cuts, cuts[1:]) if b > a]

