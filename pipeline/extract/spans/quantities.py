"""Quantities as spans: every figure of a block with its value and unit, found once in the
annotate step, in `doc.spans["quantity"]`.

Labels: `quantity` (a figure, its unit noun after it over adjectives "20 nájemních bytových
jednotek", before it "úvazek 1", "úvazek sociálního pracovníka 0,5", or from a header "počet
míst - 10 rodičů"; a sign "+ 0,5"; word numerals "šesti klientů"), `range` (two figures: "z 3
lůžek na 15 lůžek", "1 - 1,5", "1 → 1,5"), and the figures that are something else, each
under its own label so that a relation can tell why: `money`, `percent`, `times`, `clock`,
`duration`, `distance`, `count` (of meetings, leaflets), `reference` ("č. 12", "113/8", "1.2"),
`ico`, `phone`, `id_number` (six digits or more), `year`, `date` (the spans of `kpss_dates`),
`ordinal` ("1. patro").
The words are data (configs/quantities.toml): units, numerals, and the word classes right
before or after a figure that make it a distractor. (These are looked up at the figures
only: a spaCy Matcher predicate on a figure attribute runs on every token and cost more
than the whole relation.)

Every span carries `span._.quantity`, a `Quantity`. A block without a digit or a numeral
gets no group. Space tokens are skipped when looking at neighbours: "z\\n3" reads as "z 3".
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.config import load
from pipeline.extract.nlp import doc_text, token_columns
from pipeline.extract.organisations.lexicon import is_verb

KEY = "quantity"  # the doc.spans group

if not Span.has_extension(KEY):
    Span.set_extension(KEY, default=None)


class Quantity(NamedTuple):
    """What a quantity span states. For a `range`, `value_from` -> `value`. (A named tuple:
    hundreds are made per document.)"""

    value: float
    unit: str | None = None  # the SPEC unit; None when the block gives none around the figure
    start: int = 0  # character offset of the figure (after a sign written before it)
    sign: str = ""  # "+" or "−" before the figure
    via: str = ""  # where the unit stands: after, before, header, pair ("" without a unit)
    value_from: float | None = None
    kind: str = ""  # of a range: from_to, dash, arrow


@lru_cache(maxsize=1)
def words() -> SimpleNamespace:
    """configs/quantities.toml, prepared once: each [grammar] list as a set (adjective endings
    as a tuple for `str.endswith`), units and numerals by word form, distractor words by label,
    the unit headers longest first, and a pattern that finds a numeral in lower-case text."""
    cfg = load("quantities")
    grammar = {key: frozenset(value) for key, value in cfg["grammar"].items()}
    headers = tuple(tuple(h.split()) for h in sorted(cfg["grammar"]["unit_headers"], key=len, reverse=True))
    alternation = "|".join(sorted(map(re.escape, cfg["numerals"]), key=len, reverse=True))
    grammar["adjective_endings"] = tuple(cfg["grammar"]["adjective_endings"])  # type: ignore[assignment]
    return SimpleNamespace(
        **grammar,
        headers=headers,
        header_starts=frozenset(h[0] for h in headers),
        units={form: unit for unit, forms in cfg["units"].items() for form in forms},
        numerals={k: float(v) for k, v in cfg["numerals"].items()},
        after={w: label for label, ws in cfg["distractors"]["after"].items() for w in ws},
        before={w: label for label, ws in cfg["distractors"]["before"].items() for w in ws},
        governing={after: frozenset(head for head, afters in cfg["governing_units"].items() if after in afters)
                   for afters in cfg["governing_units"].values() for after in afters},
        numeral=re.compile(rf"\b(?:{alternation})\b"),
    )


def unit_of(word: str) -> str | None:
    """The SPEC unit a noun names ("lůžek" -> bed), or None."""
    return words().units.get(word.lower())


_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 15)
def number(word: str) -> float | None:
    """The number a word states: "0,5", "1 500", "15", "čtyř"; None for anything else."""
    text = word.replace("\u00a0", " ")
    if _NUMBER.fullmatch(text):
        return float(text.replace(" ", "").replace(",", "."))
    return words().numerals.get(word.lower())


@lru_cache(maxsize=1 << 16)
def has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


WordTable = tuple[list[int], list[int], list[str], list[str], list[bool]]
_TABLE = "kpss_word_table"  # doc.user_data key: (text, number of tokens, table)


def word_table(doc: Doc, text: str, lower: str | None = None) -> WordTable:
    """A Doc's non-space tokens as parallel lists: their index in the Doc, start offset, text,
    lower-case text, and whether whitespace follows (a space token after one counts). Cut from
    the text by the token offsets (one array from the Doc): no Token object is made for each of
    a block's tokens. Kept in the Doc (`doc.user_data`): the quantities component and the
    relations reading figures ask it of the same Doc, unchanged after the annotate step; the
    lists are shared, never change them."""
    kept = doc.user_data.get(_TABLE)
    if kept is not None and kept[1] == len(doc) and kept[0] == text:
        return kept[2]
    table = _word_table(doc, text, lower)
    doc.user_data[_TABLE] = (text, len(doc), table)
    return table


def _word_table(doc: Doc, text: str, lower: str | None) -> WordTable:
    if not len(doc):
        return [], [], [], [], []
    starts, lengths, spaces, spaced = token_columns(doc)
    if lower is None or len(lower) != len(text):
        lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lower-cases to two
    ends = [start + length for start, length in zip(starts, lengths)]
    if 1 not in spaces:  # most blocks: every token is a word
        index = list(range(len(starts)))
        gaps = [bool(whitespace) for whitespace in spaced]
    else:
        index = [n for n, space in enumerate(spaces) if not space]
        last = len(spaces) - 1
        gaps = [bool(spaced[n]) or (n < last and bool(spaces[n + 1])) for n in index]
        starts, ends = [starts[n] for n in index], [ends[n] for n in index]
    return (index, starts, [text[a:b] for a, b in zip(starts, ends)], [lower[a:b] for a, b in zip(starts, ends)],
            gaps)


@lru_cache(maxsize=1 << 15)
def _parse(word: str) -> tuple[float | None, str]:
    """(the number a token states, a sign glued before it): "+1,0" -> (1.0, "+")."""
    if len(word) > 1 and word[0] in words().signs and word[1].isdigit():
        return number(word[1:]), word[0]  # "+1,0 úvazku": the sign is glued to the figure
    return number(word), ""


@Language.component("kpss_quantities", assigns=["doc.spans", "span._.quantity"], requires=["span._.date"])
def quantities(doc: Doc) -> Doc:
    """Fill doc.spans["quantity"] with the block's figures, ranges and distractors."""
    text = doc_text(doc)
    lower = None
    if _DIGIT.search(text) or words().numeral.search(lower := text.lower()):
        found = _Finder(doc, text, lower or text.lower()).spans()
        if found:
            doc.spans[KEY] = found
    return doc


class _Finder:
    """The figures of one Doc, read over its non-space tokens (by index k; `self.i[k]` is the
    token's index in the Doc). Token texts are cut from the text by the token offsets: no
    Token object is made for the hundreds of tokens of a block."""

    def __init__(self, doc: Doc, text: str, lower: str):
        self.doc, self.w = doc, words()
        self.i, self.starts, self.texts, self.lowers, self.gaps = word_table(doc, text, lower)
        self.headed = any(word in lower for word in self.w.header_starts)
        self.values: list[float | None] = [None] * len(self.texts)
        self.signs = [""] * len(self.texts)
        numerals, signs, lowers, texts = self.w.numerals, self.w.signs, self.lowers, self.texts
        self.figures = []  # the tokens that state a number, in order
        for k in [k for k, word in enumerate(texts) if word[0].isdigit() or word[0] in signs or lowers[k] in numerals]:
            self.values[k], self.signs[k] = _parse(texts[k])
            if self.values[k] is not None:
                self.figures.append(k)

    def spans(self) -> list[Span]:
        if not self.figures:
            return []
        rejected = self._distractors()
        out = list({id(s): s for s in rejected.values()}.values())  # a date holds several figures
        figures: dict[int, Quantity] = {}
        ends: dict[int, int] = {}  # figure -> index of its last token
        header: tuple[str, int] | None = None  # (unit, index where its clause ends)
        w, texts = self.w, self.texts
        visit = self.figures  # the figures, and where a unit header may start: nothing else acts
        if self.headed:
            visit = sorted({*visit, *(k for k, word in enumerate(self.lowers) if word in w.header_starts)})
        for i in visit:
            value = self.values[i]
            if self.headed and self.lowers[i] in w.header_starts:
                header = self._header_at(i) or header
            if header and i >= header[1]:
                header = None
            if value is None or i in rejected:
                continue
            after = self._unit_after(i)
            if header and i > 0:
                unit, via, end = header[0], "header", after[1] if after else i
            elif after and not self._governed(i, after[0]):
                unit, via, end = after[0], "after", after[1]
            else:
                unit = self._unit_before(i)
                via, end = ("before" if unit else ""), i
            sign = self.signs[i] or (texts[i - 1] if i and texts[i - 1] in w.signs else "")
            figures[i] = Quantity(value, unit, self.starts[i] + len(self.signs[i]), sign, via)
            ends[i] = end
        for i, q in list(figures.items()):  # "z 10 na 14 lůžek", "10 → 14 lůžek": the first takes the unit of the second
            arrow = self._after_arrow(i)
            if q.unit is None and arrow in figures:
                figures[i] = Quantity(q.value, figures[arrow].unit, q.start, q.sign, "pair" if figures[arrow].unit else "")
            elif q.unit is None and i + 2 in figures and self._lower(i - 1) in w.from_words \
                    and self._lower(i + 1) in w.to_words:
                figures[i] = Quantity(q.value, figures[i + 2].unit, q.start, q.sign, "pair" if figures[i + 2].unit else "")
        for i, q in figures.items():
            first = i - 1 if self.signs[i] == "" and q.sign else i
            out.append(self._span(first, ends[i], "quantity", q))
        out.extend(self._ranges(figures, ends))
        return out

    def _after_arrow(self, i: int) -> int | None:
        """The token after an arrow right after token i ("1 → 1,5"; "1,0 -> 1,5", whose arrow the
        tokenizer splits into "-" and ">"), else None."""
        arrows = self.w.arrows
        if self._lower(i + 1) in arrows:
            return i + 2
        if self._lower(i + 1) and self._lower(i + 1) + self._lower(i + 2) in arrows \
                and self.starts[i + 2] == self.starts[i + 1] + len(self.texts[i + 1]):
            return i + 3
        return None

    def _span(self, first: int, last: int, label: str, q: Quantity | None = None) -> Span:
        span = Span(self.doc, self.i[first], self.i[last] + 1, label=label)
        if q is not None:
            span._.quantity = q
        return span

    def _lower(self, i: int) -> str:
        return self.lowers[i] if 0 <= i < len(self.lowers) else ""

    def _is_word(self, i: int) -> bool:
        return has_letter(self.texts[i])

    # ----------------------------------------------------------------------- distractors

    def _distractors(self) -> dict[int, Span]:
        """The figures that are no quantity: index -> the span that says what they are."""
        texts, lowers, w, n = self.texts, self.lowers, self.w, len(self.texts)
        out: dict[int, Span] = {}
        dates = [(d._.date.start, d._.date.end, d) for d in self.doc.spans.get("date", ())]  # from kpss_dates
        for k in self.figures:
            text, start = texts[k], self.starts[k] + len(self.signs[k])
            date = next((d for first, last, d in dates if first <= start < last), None)
            if date is not None:
                out[k] = date  # one span for all the figures of a date
                continue
            digits = text.replace(" ", "").replace(",", "")
            nxt = texts[k + 1] if k + 1 < n else None
            after = texts[k + 2] if k + 2 < n else ""
            first, last, label = k, k, None
            if nxt is not None and lowers[k + 1] in w.after:
                last, label = k + 1, w.after[lowers[k + 1]]
            else:
                first, label = self._word_before(k)
            if label is not None:
                pass
            elif digits.isdigit() and _YEAR.fullmatch(text):
                label = "year"
            elif digits.isdigit() and len(digits) >= 6:
                label = "id_number"
            elif nxt in (".", ":", "/") and not self.gaps[k + 1] and after[:1].isdigit():
                last, label = k + 2, "clock" if nxt == ":" else "reference"  # "9:30", "1.2"
            elif nxt == "." and self.gaps[k + 1] and k + 2 < n and self._is_word(k + 2) and not after[:1].isupper():
                last, label = k + 1, "ordinal"
            elif k > 0 and texts[k - 1].endswith("/"):
                first, label = k - 1, "reference"
            if label is not None:
                out[k] = self._span(first, last, label)
                if label == "phone":  # one span for the whole number: "tel. 777 123 456"
                    out.update((j, out[k]) for j in range(first + 1, k) if self.values[j] is not None)
        return out

    def _word_before(self, k: int) -> tuple[int, str | None]:
        """A distractor word right before figure k ("č. 12", "IČO: 123"), or a phone word before
        its run of figures ("tel. 777 123 456"): (its index, label)."""
        texts, before = self.texts, self.w.before
        prev = k - 1 - (k > 1 and texts[k - 1] == ":")
        if prev >= 0 and self.lowers[prev] in before:
            return prev, before[self.lowers[prev]]
        j = k - 1
        while j >= 0 and (self.values[j] is not None or texts[j] == ":"):
            j -= 1
        if 0 <= j < k - 1 and before.get(self.lowers[j]) == "phone":
            return j, "phone"
        return k, None

    # ----------------------------------------------------------------------- units

    def _unit_after(self, i: int) -> tuple[str, int] | None:
        """The unit noun right after a figure, over up to three adjectives: (unit, index)."""
        texts, w = self.texts, self.w
        for j in range(i + 1, min(len(texts), i + 5)):
            unit = unit_of(texts[j])
            if unit and self.lowers[j - 1] in w.not_before_unit:
                return None  # "2 pracovní místa": jobs, not places of a service
            if unit:
                while j + 1 < len(texts) and unit_of(texts[j + 1]) == unit:
                    j += 1  # "bytových jednotek"
                return unit, j
            if not self._is_word(j) or not self.lowers[j].endswith(w.adjective_endings) or self.values[j] is not None:
                return None
        return None

    def _governed(self, i: int, after: str) -> bool:
        """The unit after figure i is the complement of a unit noun before it ("úvazku o 0,5
        sociálního pracovníka"): the unit before counts."""
        governs = self.w.governing.get(after)
        return bool(governs) and self._unit_before(i) in governs

    def _unit_before(self, i: int) -> str | None:
        """A unit noun just before a figure: "úvazek 1", "úvazku o 0,5", "kapacita lůžek: 20";
        also one whose genitive complement stands between ("nový úvazek pracovního konzultanta
        1,0", "úvazek asistenta (0,5)": the head noun, úvazek, is the unit)."""
        texts, w = self.texts, self.w
        j = i - 1
        while j >= 0 and self.lowers[j] in w.between_unit_and_figure:
            j -= 1
        if j < 0 or i - j > 3:
            return None
        unit = unit_of(texts[j])
        if unit is None and is_verb(texts[j]):
            return None  # "pro nedostatek místa odmítnout 31 žádostí": the noun of another clause
        if j < i - 1 and unit == "worker" and any(
                unit_of(t) == "fte" for t in texts[max(0, j - 2):j] if has_letter(t) and t.islower()):
            return "fte"  # "navýšení úvazků sociálních pracovnic z 2,0 na 2,8": the head noun counts
        if j < i - 1 and (unit is None or texts[i - 1] != "("):
            return unit
        for k in range(j - 1, max(-1, j - 3), -1):  # the head of a noun phrase right before the figure
            word = texts[k]
            if not has_letter(word) or not word.islower() or self.values[k] is not None \
                    or is_verb(word) or self.lowers[k] in w.between_unit_and_figure:
                break
            unit = unit_of(word) or unit
        return unit

    def _header_at(self, i: int) -> tuple[str, int] | None:
        """A unit header at token i ("počet míst -", "předpokládaný počet uživatelů:") whose unit
        holds for the figures up to the end of its clause: (unit, index where it ends)."""
        texts, w = self.texts, self.w
        if self.lowers[i] not in w.header_starts:
            return None
        for header in w.headers:
            n = len(header)
            if tuple(self.lowers[i:i + n]) != header:
                continue
            j = i + n
            while j < len(texts) and j < i + n + 2 and not unit_of(texts[j]) and self._is_word(j):
                j += 1
            if j + 1 < len(texts) and unit_of(texts[j]) and texts[j + 1] in w.header_separators:
                end = next((k for k in range(j + 1, len(texts))
                            if self.lowers[k] in w.header_starts or texts[k] in w.clause_ends), len(texts))
                return unit_of(texts[j]), end  # type: ignore[return-value]
        return None

    # ----------------------------------------------------------------------- ranges

    def _ranges(self, figures: dict[int, Quantity], ends: dict[int, int]) -> list[Span]:
        """Two figures read together: "z 3 lůžek na 15 lůžek", "ze 7 na 8" (from_to, from the
        word "z"), "1 - 1,5" of two small figures (dash), "1 → 1,5" (arrow)."""
        out = []
        w = self.w
        for i, first in figures.items():
            second, kind, begin = None, "", i
            if self._lower(i - 1) in w.from_words:
                j = next((j for j in (i + 1, i + 2, i + 3) if self._lower(j) in w.to_words), None)
                if j is not None and j + 1 in figures:
                    second, kind, begin = j + 1, "from_to", i - 1
            if second is None and i + 2 in figures and self.texts[i + 1] in w.range_dashes \
                    and first.value < 100 and figures[i + 2].value < 100:
                second, kind = i + 2, "dash"
            elif second is None and self._after_arrow(i) in figures:
                second, kind = self._after_arrow(i), "arrow"
            if second is not None:
                to = figures[second]
                q = Quantity(to.value, to.unit or first.unit, first.start, first.sign, to.via or first.via,
                             first.value, kind)
                out.append(self._span(begin, ends[second], "range", q))
        return out
