"""The capacity relation's view of a block: its tokens (the block's spaCy tokens, spaces
left out) and its figures, read from the quantity spans of the annotate step
(`pipeline.extract.spans.quantities`), plus the words of configs/capacity.toml.

Built once per block and shared by every question the relation asks of it (its own figures,
a sibling line's units, a table cell's figure)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Sequence
from types import SimpleNamespace

from spacy.tokens import Doc

from pipeline.config import load
from pipeline.extract.model import BlockView
from pipeline.extract.organisations.shapes import ORG_KEY
from pipeline.extract.spans.persons import LABEL as PERSON_KEY
from pipeline.extract.sentences import sentence_of
from pipeline.extract.spans.quantities import KEY, Quantity, unit_of, word_table, words as quantity_words
from pipeline.extract.text import fold


@lru_cache(maxsize=1)
def rules() -> SimpleNamespace:
    """configs/capacity.toml, prepared once: cue stems by kind (tuples for `str.startswith`),
    the other word lists as sets, table headers folded."""
    cfg = load("capacity")
    change = cfg["change"]
    return SimpleNamespace(
        **{key: frozenset(value) for key, value in cfg["grammar"].items()},
        need_cue=frozenset(cfg["units"]["need_cue"]),
        provided_in_item=frozenset(cfg["units"]["provided_in_item"]),
        new_on_item_line=frozenset(cfg["units"]["new_on_item_line"]),
        change={k: tuple(change[k]) for k in ("increase", "decrease", "new", "set")},
        designed_for=frozenset(change["designed_for"]),
        plus=frozenset(change["plus"]),
        to_words=quantity_words().to_words,
        events=tuple(cfg["not_capacity"]["events"]),
        not_served=tuple(cfg["not_capacity"]["not_served"]),
        supported=frozenset(change["supported"]),
        supported_units=frozenset(change["supported_units"]),
        enrolled=frozenset(change["enrolled"]),
        enrolled_units=frozenset(change["enrolled_units"]),
        conversion=tuple(change["conversion"]),
        opening_state=frozenset(change["opening_state"]),
        state_copula=frozenset(change["state_copula"]),
        planned=tuple(cfg["not_capacity"]["planned"]),
        existing=tuple(change["existing"]),
        column_words=tuple(change["column_headers"]),
        unit_columns=frozenset(fold(w) for w in change["unit_column_headers"]),
        change_columns=frozenset(fold(w) for w in change["change_column_headers"]),
        planned_columns=tuple(change["planned_column_headers"]),
        achieved_columns=tuple(change["achieved_column_headers"]),
        client_columns=tuple(change["client_column_headers"]),
        refers_back=tuple(cfg["context"]["refers_back"]),
        town_nouns=frozenset(cfg["context"]["town_nouns"]),
        sentence_ends=frozenset(cfg["context"]["sentence_ends"]),
    )


def has_cue(words: Sequence[str], kind: str) -> bool:
    """A word of `words` starts with a cue stem of this kind (configs/capacity.toml [change]).
    A participle of opening right after a present copula ("klub je otevřen 4 dny v týdnu")
    says when something is open, not that it opens: no cue of something new."""
    r = rules()
    stems = r.change[kind]
    return any(w.startswith(stems) and not (kind == "new" and k and w in r.opening_state
                                            and words[k - 1] in r.state_copula)
               for k, w in enumerate(words))


@dataclass
class Figure:
    """A quantity span of a block as the relation reads it (its unit may come from the
    context: a table's unit column, the sibling lines of a list)."""

    index: int  # token index (in Block.texts: spaces left out)
    value: float
    start: int  # character offset of the number (after a sign glued to it)
    unit: str | None
    unit_end: int | None  # token index of the unit word, when after the figure
    header: bool  # the unit came from a header ("počet míst - ...")
    glued: str  # a sign glued to the figure ("+1,0"), else ""


@dataclass(frozen=True)
class Range:
    """Two figures read together ("z 3 na 15 lůžek", "1 - 1,5", "1 → 1,5")."""

    kind: str
    value_from: float
    value_to: float
    first: int  # token index where it starts ("z" or the first figure)
    last: int  # token index where it ends
    second: int  # token index of the second figure


class Block:
    """One block's tokens, figures and ranges, and its clauses. Its tokens are listed only when
    asked for: most blocks have no figure and are read, if at all, for their cue words."""

    def __init__(self, block: BlockView, doc: Doc):
        self.block = block
        self.doc = doc
        self.figures: dict[int, Figure] = {}
        self.ranges: dict[int, Range] = {}  # first figure -> its range
        self.seconds: dict[int, str] = {}  # second figure of a range -> the range's kind
        quantities: list[tuple[int, int, Quantity]] = []  # the span group read once: each read makes its Spans anew
        ranges: list[tuple[int, int, Quantity]] = []
        for span in doc.spans[KEY] if KEY in doc.spans else ():
            (quantities if span.label_ == "quantity" else ranges if span.label_ == "range" else []).append(
                (span.start_char, span.end_char, span._.quantity))
        by_start: dict[int, int] = {}
        for _, end_char, q in quantities:
            k = bisect_right(self.starts, q.start) - 1  # the token of the figure (a sign may be glued to it)
            glued = self.texts[k][0] if q.start != self.starts[k] else ""
            last = self.at(end_char) - 1
            unit = self._group_unit(k, q.unit) if q.via == "before" else q.unit
            self.figures[k] = Figure(k, q.value, q.start, unit, last if last > k else None, q.via == "header", glued)
            by_start[q.start] = k
        for start_char, end_char, q in ranges:
            first_figure, last = by_start[q.start], self.at(end_char) - 1
            second = max(k for k in self.figures if first_figure < k <= last)
            self.ranges[first_figure] = Range(q.kind, q.value_from, q.value, self.at(start_char), last, second)
            unit = self.figures[second].unit
            first = self.figures[first_figure]
            if unit is not None and first.unit != unit and first.unit_end is None:
                # "snížit kapacitu domova pro seniory z 64 na 52 lůžek": the range counts what its
                # second figure counts, not the noun before the first ("seniory")
                self.figures[first_figure] = replace(first, unit=unit)
            self.seconds[second] = q.kind

    def _group_unit(self, k: int, unit: str | None) -> str | None:
        """The unit of figure k named before it, where a target group may stand for it: in
        "navýší lůžka pro seniory o osm", "počet míst pro seniory: 20" the persons after "pro"
        say whom the beds or places are for; the noun before "pro" is the unit, and without one
        ("kapacita domova pro seniory je 40") the block gives none."""
        j = k - 1
        while j >= 0 and not unit_of(self.texts[j]):
            j -= 1
        if j < 1 or self.lower[j - 1] not in rules().designed_for:
            return unit  # the unit the quantity span found ("úvazek sociálního pracovníka 0,5": fte)
        return unit_of(self.texts[j - 2]) if j >= 2 else None

    @cached_property
    def _table(self) -> tuple[list[int], list[int], list[str], list[str], list[bool]]:
        return word_table(self.doc, self.block.text)

    @property
    def starts(self) -> list[int]:
        """Where each token starts (spaces left out)."""
        return self._table[1]

    @property
    def texts(self) -> list[str]:
        return self._table[2]

    @property
    def lower(self) -> list[str]:
        return self._table[3]

    def at(self, pos: int) -> int:
        """The index of the first token starting at or after character `pos`."""
        return bisect_left(self.starts, pos)

    @cached_property
    def _named(self) -> frozenset[int]:
        """The tokens inside the name of an organisation or a person: "Domov U Pramene Nová
        Paka", "Jana Nováková" say nothing new (a person of one word only may be the capitalised
        first word of a block: "Navýšení o 2 lůžka")."""
        doc = self.doc
        spans = [*(doc.spans[ORG_KEY] if ORG_KEY in doc.spans else ()),
                 *(s for s in (doc.spans[PERSON_KEY] if PERSON_KEY in doc.spans else ()) if len(s) > 1)]
        return frozenset(k for span in spans for k in range(self.at(span.start_char), self.at(span.end_char)))

    def words(self, start: int, end: int) -> list[str]:
        """The lower-case tokens of block.text[start:end] as cue words: a token of an
        organisation's name is left empty, it is no cue."""
        lo, hi = self.at(start), self.at(end)
        named = self._named
        return [("" if k in named else w) for k, w in enumerate(self.lower[lo:hi], lo)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence that holds character `pos` (the stage's one sentence splitter)."""
        return sentence_of(self.block.text, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause of a figure: its sentence cut at ";"."""
        start, end = self.sentence(pos)
        text = self.block.text
        before = text.rfind(";", start, pos)
        after = text.find(";", pos, end)
        return (before + 1 if before >= 0 else start), (after if after >= 0 else end)
