"""Quantities as spans: every figure of a block with its value and unit, found once in the
annotate step, in `doc.spans["quantity"]`.

Labels: `quantity` (a figure, its unit noun after it over adjectives "20 nájemních bytových
jednotek", before it "úvazek 1", "úvazek sociálního pracovníka 0,5", or from a header "počet
míst - 10 rodičů"; a sign "+ 0,5"; word numerals "šesti klientů"), `range` (two figures: "z 3
lůžek na 15 lůžek", "1 - 1,5", "1 → 1,5"), and the figures that are something else, each
under its own label so that a relation can tell why: `money`, `percent`, `times`, `clock`,
`duration`, `distance`, `count` (of meetings, leaflets), `reference` ("č. 12", "113/8", "1.2"),
`ico`, `phone`, `id_number` (six digits or more), `year`, `date`, `ordinal` ("1. patro").
The words are data (configs/quantities.toml): units, numerals, and the word classes right
before or after a figure that make it a distractor. (These are looked up at the figures
only: a spaCy Matcher predicate on a figure attribute runs on every token and cost more
than the whole relation.)

Every span carries `span._.quantity`, a `Quantity`. A block without a digit or a numeral
gets no group. Space tokens are skipped when looking at neighbours: "z\\n3" reads as "z 3".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.config import load
from pipeline.extract.dates import find_dates
from pipeline.extract.organisations.lexicon import is_verb

KEY = "quantity"  # the doc.spans group

if not Span.has_extension(KEY):
    Span.set_extension(KEY, default=None)


@dataclass(frozen=True)
class Quantity:
    """What a quantity span states. For a `range`, `value_from` -> `value`."""

    value: float
    unit: str | None = None  # the SPEC unit; None when the block gives none around the figure
    start: int = 0  # character offset of the figure (after a sign written before it)
    sign: str = ""  # "+" or "−" before the figure
    via: str = ""  # where the unit stands: after, before, header, pair ("" without a unit)
    value_from: float | None = None
    kind: str = ""  # of a range: from_to, dash, arrow


@dataclass(frozen=True)
class _Words:
    """configs/quantities.toml, prepared once."""

    units: dict[str, str]
    numerals: dict[str, float]
    adjective_endings: tuple[str, ...]
    not_before_unit: frozenset[str]
    between: frozenset[str]
    headers: tuple[tuple[str, ...], ...]
    header_starts: frozenset[str]
    header_separators: frozenset[str]
    clause_ends: frozenset[str]
    from_words: frozenset[str]
    to_words: frozenset[str]
    dashes: frozenset[str]
    arrows: frozenset[str]
    signs: frozenset[str]
    after: dict[str, str]  # word right after a figure -> distractor label
    before: dict[str, str]  # word right before a figure -> distractor label
    maybe: re.Pattern[str]  # what a text with a figure holds: a digit or a numeral


@lru_cache(maxsize=1)
def words() -> _Words:
    cfg = load("quantities")
    grammar = cfg["grammar"]
    headers = tuple(tuple(h.split()) for h in sorted(grammar["unit_headers"], key=len, reverse=True))
    return _Words(
        units={form: unit for unit, forms in cfg["units"].items() for form in forms},
        numerals={k: float(v) for k, v in cfg["numerals"].items()},
        adjective_endings=tuple(grammar["adjective_endings"]),
        not_before_unit=frozenset(grammar["not_before_unit"]),
        between=frozenset(grammar["between_unit_and_figure"]),
        headers=headers,
        header_starts=frozenset(h[0] for h in headers),
        header_separators=frozenset(grammar["header_separators"]),
        clause_ends=frozenset(grammar["clause_ends"]),
        from_words=frozenset(grammar["from_words"]),
        to_words=frozenset(grammar["to_words"]),
        dashes=frozenset(grammar["range_dashes"]),
        arrows=frozenset(grammar["arrows"]),
        signs=frozenset(grammar["signs"]),
        after={w: label for label, ws in cfg["distractors"]["after"].items() for w in ws},
        before={w: label for label, ws in cfg["distractors"]["before"].items() for w in ws},
        maybe=re.compile(r"\d|\b(?:" + "|".join(sorted(map(re.escape, cfg["numerals"]), key=len, reverse=True))
                         + r")\b", re.IGNORECASE),
    )


def unit_of(word: str) -> str | None:
    """The SPEC unit a noun names ("lůžek" -> bed), or None."""
    return words().units.get(word.lower())


_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


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


def gap(doc: Doc, token: Token) -> bool:
    """Whitespace after a token (a space token after it counts)."""
    return bool(token.whitespace_) or (token.i + 1 < len(doc) and doc[token.i + 1].is_space)


@Language.component("kpss_quantities", assigns=["doc.spans", "span._.quantity"])
def quantities(doc: Doc) -> Doc:
    """Fill doc.spans["quantity"] with the block's figures, ranges and distractors."""
    text = doc.text
    if words().maybe.search(text):
        found = _Finder(doc, text).spans()
        if found:
            doc.spans[KEY] = found
    return doc


class _Finder:
    """The figures of one Doc, read over its non-space tokens."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.w = words()
        self.toks = [t for t in doc if not t.is_space]
        self.texts = [t.text for t in self.toks]
        self.lowers = [t.lower_ for t in self.toks]
        self.values: list[float | None] = []
        self.signs: list[str] = []
        signs = self.w.signs
        for word in self.texts:
            sign = ""
            if word[0] in signs and len(word) > 1 and word[1].isdigit():
                word, sign = word[1:], word[0]  # "+1,0 úvazku": the sign is glued to the figure
            self.values.append(number(word))
            self.signs.append(sign)

    def spans(self) -> list[Span]:
        if not any(v is not None for v in self.values):
            return []
        rejected = self._distractors()
        out = list({id(s): s for s in rejected.values()}.values())  # a date holds several figures
        figures: dict[int, Quantity] = {}
        ends: dict[int, int] = {}  # figure -> index of its last token
        header: tuple[str, int] | None = None  # (unit, index where its clause ends)
        starts = self.w.header_starts
        for i, tok in enumerate(self.toks):
            if self.lowers[i] in starts:
                header = self._header_at(i) or header
            if header and i >= header[1]:
                header = None
            value = self.values[i]
            if value is None or i in rejected:
                continue
            after = self._unit_after(i)
            start = tok.idx + len(self.signs[i])
            if header and i > 0:
                unit, via, end = header[0], "header", after[1] if after else i
            elif after:
                unit, via, end = after[0], "after", after[1]
            else:
                unit = self._unit_before(i)
                via, end = ("before" if unit else ""), i
            sign = self.signs[i] or (self.toks[i - 1].text if i and self.toks[i - 1].text in self.w.signs else "")
            figures[i] = Quantity(value, unit, start, sign, via)
            ends[i] = end
        for i, q in list(figures.items()):  # "z 10 na 14 lůžek", "10 → 14 lůžek": the first takes the unit of the second
            if q.unit is None and i + 2 in figures and (self._lower(i + 1) in self.w.arrows or (
                    self._lower(i - 1) in self.w.from_words and self._lower(i + 1) in self.w.to_words)):
                figures[i] = Quantity(q.value, figures[i + 2].unit, q.start, q.sign, "pair" if figures[i + 2].unit else "")
        for i, q in figures.items():
            first = i - 1 if self.signs[i] == "" and q.sign else i
            out.append(self._span(first, ends[i], "quantity", q))
        out.extend(self._ranges(figures, ends))
        return out

    def _span(self, first: int, last: int, label: str, q: Quantity) -> Span:
        span = Span(self.doc, self.toks[first].i, self.toks[last].i + 1, label=label)
        span._.quantity = q
        return span

    def _lower(self, i: int) -> str:
        return self.lowers[i] if 0 <= i < len(self.toks) else ""

    def _is_word(self, i: int) -> bool:
        return has_letter(self.texts[i])

    # ----------------------------------------------------------------------- distractors

    def _distractors(self) -> dict[int, Span]:
        """The figures that are no quantity: index -> the span that says what they are."""
        doc, toks, w = self.doc, self.toks, self.w
        out: dict[int, Span] = {}
        dates = find_dates(self.text)
        seen: dict = {}  # date -> its span (one for all its figures)
        for k, value in enumerate(self.values):
            if value is None:
                continue
            tok, text = toks[k], toks[k].text
            start = tok.idx + len(self.signs[k])
            date = next((d for d in dates if d.start <= start < d.end), None)
            digits = text.replace(" ", "").replace(",", "")
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            after = toks[k + 2].text if k + 2 < len(toks) else ""
            first, last, label = k, k, None
            if date is not None:
                if date not in seen:
                    seen[date] = doc.char_span(date.start, date.end, label="date", alignment_mode="expand") \
                        or Span(doc, tok.i, tok.i + 1, label="date")
                out[k] = seen[date]
                continue
            if nxt is not None and nxt.lower_ in w.after:
                last, label = k + 1, w.after[nxt.lower_]
            else:
                first, label = self._word_before(k)
            if label is not None:
                pass
            elif digits.isdigit() and _YEAR.fullmatch(text):
                label = "year"
            elif digits.isdigit() and len(digits) >= 6:
                label = "id_number"
            elif nxt is not None and nxt.text in (".", ":", "/") and not gap(doc, nxt) and after[:1].isdigit():
                last, label = k + 2, "clock" if nxt.text == ":" else "reference"  # "9:30", "1.2"
            elif nxt is not None and nxt.text == "." and gap(doc, nxt) and k + 2 < len(toks) \
                    and self._is_word(k + 2) and not after[:1].isupper():
                last, label = k + 1, "ordinal"
            elif k > 0 and toks[k - 1].text.endswith("/"):
                first, label = k - 1, "reference"
            if label is not None:
                out[k] = Span(doc, toks[first].i, toks[last].i + 1, label=label)
                if label == "phone":  # one span for the whole number: "tel. 777 123 456"
                    out.update((j, out[k]) for j in range(first + 1, k) if self.values[j] is not None)
        return out

    def _word_before(self, k: int) -> tuple[int, str | None]:
        """A distractor word right before figure k ("č. 12", "IČO: 123"), or a phone word before
        its run of figures ("tel. 777 123 456"): (its index, label)."""
        toks, before = self.toks, self.w.before
        prev = k - 1 - (k > 1 and toks[k - 1].text == ":")
        if prev >= 0 and self.lowers[prev] in before:
            return prev, before[self.lowers[prev]]
        j = k - 1
        while j >= 0 and (self.values[j] is not None or toks[j].text == ":"):
            j -= 1
        if 0 <= j < k - 1 and before.get(self.lowers[j]) == "phone":
            return j, "phone"
        return k, None

    # ----------------------------------------------------------------------- units

    def _unit_after(self, i: int) -> tuple[str, int] | None:
        """The unit noun right after a figure, over up to three adjectives: (unit, index)."""
        toks, w = self.toks, self.w
        for j in range(i + 1, min(len(toks), i + 5)):
            unit = unit_of(toks[j].text)
            if unit and self.lowers[j - 1] in w.not_before_unit:
                return None  # "2 pracovní místa": jobs, not places of a service
            if unit:
                while j + 1 < len(toks) and unit_of(toks[j + 1].text) == unit:
                    j += 1  # "bytových jednotek"
                return unit, j
            if not self._is_word(j) or not self.lowers[j].endswith(w.adjective_endings) or self.values[j] is not None:
                return None
        return None

    def _unit_before(self, i: int) -> str | None:
        """A unit noun just before a figure: "úvazek 1", "úvazku o 0,5", "kapacita lůžek: 20";
        also one whose genitive complement stands between ("nový úvazek pracovního konzultanta
        1,0", "úvazek asistenta (0,5)": the head noun, úvazek, is the unit)."""
        toks, w = self.toks, self.w
        j = i - 1
        while j >= 0 and self.lowers[j] in w.between:
            j -= 1
        if j < 0 or i - j > 3:
            return None
        unit = unit_of(toks[j].text)
        if j < i - 1 and unit == "worker" and any(
                unit_of(t.text) == "fte" for t in toks[max(0, j - 2):j] if has_letter(t.text) and t.text.islower()):
            return "fte"  # "navýšení úvazků sociálních pracovnic z 2,0 na 2,8": the head noun counts
        if j < i - 1 and (unit is None or toks[i - 1].text != "("):
            return unit
        for k in range(j - 1, max(-1, j - 3), -1):  # the head of a noun phrase right before the figure
            tok = toks[k]
            if not has_letter(tok.text) or not tok.text.islower() or self.values[k] is not None \
                    or is_verb(tok.text) or tok.lower_ in w.between:
                break
            unit = unit_of(tok.text) or unit
        return unit

    def _header_at(self, i: int) -> tuple[str, int] | None:
        """A unit header at token i ("počet míst -", "předpokládaný počet uživatelů:") whose unit
        holds for the figures up to the end of its clause: (unit, index where it ends)."""
        toks, w = self.toks, self.w
        if self.lowers[i] not in w.header_starts:
            return None
        for header in w.headers:
            n = len(header)
            if tuple(t.lower_ for t in toks[i:i + n]) != header:
                continue
            j = i + n
            while j < len(toks) and j < i + n + 2 and not unit_of(toks[j].text) and self._is_word(j):
                j += 1
            if j + 1 < len(toks) and unit_of(toks[j].text) and toks[j + 1].text in w.header_separators:
                end = next((k for k in range(j + 1, len(toks))
                            if self.lowers[k] in w.header_starts or toks[k].text in w.clause_ends), len(toks))
                return unit_of(toks[j].text), end  # type: ignore[return-value]
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
                j = next((j for j in (i + 1, i + 2) if self._lower(j) in w.to_words), None)
                if j is not None and j + 1 in figures:
                    second, kind, begin = j + 1, "from_to", i - 1
            elif i + 2 in figures and self.toks[i + 1].text in w.dashes \
                    and first.value < 100 and figures[i + 2].value < 100:
                second, kind = i + 2, "dash"
            elif i + 2 in figures and self.toks[i + 1].text in w.arrows:
                second, kind = i + 2, "arrow"
            if second is not None:
                to = figures[second]
                q = Quantity(to.value, to.unit or first.unit, first.start, first.sign, to.via or first.via,
                             first.value, kind)
                out.append(self._span(begin, ends[second], "range", q))
        return out
