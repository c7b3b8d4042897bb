"""Lines -> paragraphs: which line continues which, what a list label is.

Pitch, alignment, indents and the right margin decide whether a line goes on
with the paragraph above, starts a new one, or is a soft line break inside it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from pipeline.ingest.clean import bullet_glyph
from pipeline.ingest.pdf.records import TAB_EM, Ctx, Line, Page, Para, Word
from pipeline.ingest.pdf.rules import rules

_LABEL_GAP_EM = 0.7  # a gap this wide after a list label is a tab, not a space
_INDENT_EM = 4.0  # the most a first line may stick out left of its paragraph
_END_PUNCT = ".!?:;"
_LABEL_WORDS = 4  # a field label is at most this many words ...
_LABEL_CHARS = 40  # ... and characters, its colon included
_LEADER = re.compile(r"(?:\.{4,}|…{2,})\d*$")  # a dot leader (to a page number) ends the line
_TERM_WORDS = 3  # a term before a tab in a two-column list is at most this many words


def context(pages: list[Page]) -> Ctx:
    """The usual line pitch: wider gaps separate paragraphs."""
    ratios: list[float] = []
    for p in pages:
        body = [ln for ln in p.lines if ln.region == "body"]
        for a, b in zip(body, body[1:]):
            size = max(a.size, b.size)
            r = (b.top - a.top) / size
            if abs(a.size - b.size) <= 0.1 * size and 0.9 <= r <= 4.0:
                ratios.append(round(r * 20) / 20)
    return Ctx(pitch=_usual_pitch(ratios))


def _usual_pitch(ratios: list[float]) -> float:
    """The smallest pitch that is common: single-line paragraphs must not set it."""
    if not ratios:
        return 1.2
    counts = Counter(ratios)
    top = max(counts.values())
    return min(r for r, n in counts.items() if n >= 0.2 * top)


def _max_pitch(pitch: float) -> float:
    return pitch * 1.25 + 0.05



def group(lines: list[Line], ctx: Ctx) -> list[Para]:
    """Consecutive lines -> paragraphs; a list label always opens a new one."""
    paras: list[Para] = []
    for ln in lines:
        if not ln.words:
            continue
        sep = _continues(paras[-1], ln, ctx) if paras else None
        label = _label(ln, brk=sep is None or _next_number(paras[-1], ln))
        if sep is not None and label is None:
            paras[-1].lines.append(ln)
            paras[-1].seps.append(sep)
        elif label is not None:
            paras.append(Para([ln], label[0], label[1]))
        else:
            paras.append(Para([ln]))
    return paras


def _continues(para: Para, ln: Line, ctx: Ctx) -> str | None:
    """The separator if `ln` continues `para`, None if it starts a new block."""
    prev = para.lines[-1]
    if ln.page != prev.page:
        return _next_page(para, ln)
    if _opens_label(ln) or _same_row_shape(prev, ln):
        return None
    size = max(prev.size, ln.size)
    if abs(prev.size - ln.size) > 0.1 * size:
        return None
    pitch = (ln.top - prev.top) / size
    if pitch <= 0 or pitch > _max_pitch(ctx.pitch) or not _aligned(para, ln):
        return None
    if _ended_short(prev, ln):
        # A deliberate break: mid-sentence (lowercase, same type) it is a soft
        # line break inside the paragraph, otherwise a new paragraph.
        return "\n" if ln.text[:1].islower() and _font(prev) == _font(ln) else None
    return " "


def _opens_label(ln: Line) -> bool:
    """Does the line open with a field label ("Realizátor:", "Popis opatření:", "Cíl 2:")?
    A capitalised word and at most a few lower-case words or numbers, the last ending in a
    colon: a new field, whatever the line above it (a full-width or bold line) looked like."""
    words = ln.words
    first = words[0].text
    if not first[:1].isupper() or not first[:1].isalpha() or _LEADER.search(words[-1].text):
        return False  # a contents entry ("Priorita: X.......32") names a heading, not a field
    for k, w in enumerate(words[:_LABEL_WORDS]):
        text = w.text[:-1] if w.text.endswith(":") else w.text
        bare = text.replace(".", "")
        if not bare.isalnum() or (k and not (bare.islower() or bare.isdigit())):
            return False  # "Airplanes, Attention:" is running text, not a label
        if w.text.endswith(":"):
            return sum(len(v.text) + 1 for v in words[:k + 1]) <= _LABEL_CHARS
    return False


def _same_row_shape(prev: Line, ln: Line) -> bool:
    """Two lines that start at one margin with a short term, then a tab to one stop, are
    rows of a two-column list ("KPSS<tab>komunitní plánování …" / "MěÚ<tab>městský úřad"),
    not one wrapped paragraph: a wrapped line starts at the stop, not at the margin. (Two
    columns of running text start their lines with longer, often lower-case, text.)"""
    tol = max(2.0, 0.2 * ln.size)
    if abs(prev.x0 - ln.x0) > tol:
        return False
    here, above = _first_tab(ln), _first_tab(prev)
    return here is not None and above is not None and abs(here - above) <= tol


def _first_tab(line: Line) -> float | None:
    """Where the text after the line's first tab starts, when a short term stands before
    it: a word, a label ending in a colon, or a few words not starting in lower case."""
    words = line.words
    for k, (a, b) in enumerate(zip(words[:_TERM_WORDS], words[1:_TERM_WORDS + 1])):
        if b.x0 - a.x1 >= TAB_EM * max(a.size, b.size):
            lower = words[0].text[:1].islower()
            return None if lower and k and not a.text.endswith(":") else b.x0
    return None


def _font(line: Line) -> str:
    """The line's main font, subset prefix ("ABCDEF+") dropped."""
    counts = Counter(w.font for w in line.words for _ in w.text)
    return counts.most_common(1)[0][0].split("+")[-1] if counts else ""


def _aligned(para: Para, ln: Line) -> bool:
    """Does `ln` start where a continuation line of `para` would start?"""
    tol = max(2.0, 0.2 * ln.size)
    if len(para.lines) > 1:
        return abs(ln.x0 - para.lines[1].x0) <= tol or _centred(para.lines[-1], ln, tol)
    first = para.lines[0]
    if any(abs(ln.x0 - x) <= tol for x in _stops(para)):
        return True
    if para.label is None and 0 < first.x0 - ln.x0 <= _INDENT_EM * ln.size:
        return True  # the paragraph's first line was indented
    if para.label is not None and para.label[:1].isdigit() and abs(ln.x0 - first.x0) <= tol:
        return True  # a typed "2. …" item wraps to the margin, under its number
    return _centred(first, ln, tol)


def _next_number(para: Para, ln: Line) -> bool:
    """Does `ln` open with the number after the paragraph's own typed label ("3." after "2.")?
    Then it is the next item, even where it would otherwise read as a continuation line."""
    label = re.fullmatch(r"(\d{1,2})([.)])", para.label or "")
    return bool(label) and ln.words[0].text == f"{int(label.group(1)) + 1}{label.group(2)}"


def _stops(para: Para) -> list[float]:
    """Where a second line may start: the margin (not for list items), the text
    after the label, and any tab stop used in the first line."""
    first = para.lines[0]
    stops = [] if para.label else [first.x0]
    if para.body:
        stops.append(para.body[0].x0)
    stops += [b.x0 for a, b in zip(first.words, first.words[1:])
              if b.x0 - a.x1 >= _LABEL_GAP_EM * a.size]
    return stops


def _centred(a: Line, b: Line, tol: float) -> bool:
    return abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= tol and abs(a.x0 - b.x0) > tol


def _ended_short(prev: Line, ln: Line) -> bool:
    """The next line's first word would have fitted: the line break was deliberate."""
    first = ln.words[0]
    room = prev.right - prev.x1 - 0.3 * prev.size - prev.size
    return prev.right > 0 and (first.x1 - first.x0) < room


def _next_page(para: Para, ln: Line) -> str | None:
    """A paragraph runs on over a page break when the next page starts mid-sentence."""
    prev = para.lines[-1]
    tail = prev.text.rstrip()
    if abs(prev.size - ln.size) > 0.1 * max(prev.size, ln.size) or not tail:
        return None
    if tail[-1] in _END_PUNCT or not ln.text[:1].islower():
        return None
    if len(para.lines) > 1:
        x = para.lines[1].x0
    else:
        x = para.body[0].x0 if para.body else prev.x0
    return " " if abs(ln.x0 - x) <= max(2.0, 0.2 * ln.size) else None


# --------------------------------------------------------------------------- list labels


def _label(ln: Line, brk: bool) -> tuple[str, list[Word]] | None:
    """(label as shown, words after it) when the line opens a list item.

    Glyphs that are also letters or dashes ("o", "-", "–") count only when a
    tab-wide gap or a different font follows; numbers like "7." only when a
    tab follows or the line starts a paragraph anyway (dates wrap to "7. …").
    """
    bullets, numbered, _, _ = rules()
    first, rest = ln.words[0], ln.words[1:]
    nxt = rest[0] if rest else None
    wide = nxt is not None and nxt.x0 - first.x1 >= _LABEL_GAP_EM * first.size
    glyph = first.text[0]
    if glyph in bullets or _private_use(glyph):
        if len(first.text) == 1:
            if nxt is None or (_ambiguous(glyph) and not wide and nxt.font == first.font):
                return None
            return bullet_glyph(glyph), rest
        if _ambiguous(glyph):
            return None
        return bullet_glyph(glyph), [replace(first, text=first.text[1:])] + rest
    if nxt is not None and numbered.fullmatch(first.text) and _numbered(first.text, nxt,
                                                                         wide, brk):
        return first.text, rest
    return None


def _numbered(label: str, nxt: Word, wide: bool, brk: bool) -> bool:
    if wide:
        return True
    if not brk or label.isdigit() or re.fullmatch(r"[IVX]\.", label):
        return False  # "15 lidí", "V. Novák": a number or an initial, not a label
    return label.endswith(")") or nxt.text[:1].isupper()


def _private_use(ch: str) -> bool:
    return 0xF000 <= ord(ch) <= 0xF8FF


def _ambiguous(glyph: str) -> bool:
    return glyph.isalnum() or glyph == "*" or unicodedata.category(glyph) == "Pd"
