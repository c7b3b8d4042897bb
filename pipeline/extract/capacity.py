"""Capacity changes: every stated capacity, or change of one, that has a figure.

A figure becomes a row when a unit goes with it: the noun after it ("3 lůžek",
"20 nájemních bytových jednotek"), before it ("nový úvazek 1", "úvazku o 0,5",
also across a genitive: "úvazek sociálního pracovníka 0,5"), a header before a
run of figures ("počet míst - 10 rodičů maximálně 30 dětí"), or the unit its
sibling lines in the same list state ("Charita – sociální rehabilitace, 1" under a
line with "1 úvazek"). Counts of persons (client) need a capacity cue in their own
clause ("pro 10 rodičů", "kapacita služby je 40 rodin"); money, dates, years, IČO,
percentages, counts of meetings and counts of what happened ("poradnu využilo 140
klientů", "3 byty byly pronajaty") never become rows.

The change is read, first match wins: "z 3 lůžek na 15 lůžek" (from -> to), a
range "1 - 1,5" in a capacity list (from -> to), "+ 0,5" (increase), "o 2
lůžka" after an increase or decrease word (delta), then the cue words of the
figure's own comma clause, else of its whole clause: a word for something new
("nový úvazek 1", "zřízení ... pro 10 rodičů": new), a word for a change, a word
for a stated capacity ("s kapacitou", "počet", "skutečný stav": set); a total
("celkem 9 bytů": set); the title of the list or plan item above ("Navýšit
kapacitu ...": increase), else set. The row names the plan item (`item_ref`, also
from a line that names it: "K opatření 4.2: ..."), the organisation and the
service where the text does (see `_Context.organisation`, `_Context.service`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import body_offset, nearest_lower, span_row
from pipeline.extract.text import fold
from pipeline.extract.dates import find_dates
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.organisations.tables import ACTOR_KINDS
from pipeline.extract.organisations.lexicon import is_verb
from pipeline.extract.organisations.textspans import Tok, sentence_of, toks


@dataclass(frozen=True)
class _Rules:
    units: dict[str, list[re.Pattern[str]]]
    need_cue: frozenset[str]
    not_before_unit: frozenset[str]
    adjective_endings: tuple[str, ...]
    numbers: dict[str, float]
    change: dict[str, tuple[str, ...]]
    designed_for: frozenset[str]
    unit_headers: tuple[tuple[str, ...], ...]
    plus: frozenset[str]
    dashes: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    from_words: frozenset[str]
    to_words: frozenset[str]
    by_words: frozenset[str]
    between: frozenset[str]
    approximately: frozenset[str]
    totals: frozenset[str]
    events: tuple[str, ...]
    existing: tuple[str, ...]
    column_words: tuple[str, ...]
    unit_columns: frozenset[str]
    change_columns: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """configs/capacity.toml, prepared once per process."""
    cfg = load("capacity")
    change = cfg["change"]
    return _Rules(
        units={unit: [re.compile(p) for p in patterns] for unit, patterns in cfg["units"].items()
               if unit not in ("need_cue", "adjective_endings", "not_before_unit")},
        need_cue=frozenset(cfg["units"]["need_cue"]),
        not_before_unit=frozenset(cfg["units"]["not_before_unit"]),
        adjective_endings=tuple(cfg["units"]["adjective_endings"]),
        numbers={k: float(v) for k, v in cfg["numbers"].items()},
        change={k: tuple(change[k]) for k in ("increase", "decrease", "new", "set")},
        designed_for=frozenset(change["designed_for"]),
        unit_headers=tuple(tuple(h.split()) for h in sorted(change["unit_headers"], key=len, reverse=True)),
        plus=frozenset(change["plus"]),
        dashes=frozenset(change["range_dashes"]),
        not_after=frozenset(w.lower() for w in cfg["not_capacity"]["after"]),
        not_before=frozenset(w.lower() for w in cfg["not_capacity"]["before"]),
        from_words=frozenset(cfg["grammar"]["from_words"]),
        to_words=frozenset(cfg["grammar"]["to_words"]),
        by_words=frozenset(cfg["grammar"]["by_words"]),
        between=frozenset(cfg["grammar"]["between_unit_and_figure"]),
        approximately=frozenset(cfg["grammar"]["approximately"]),
        totals=frozenset(cfg["grammar"]["totals"]),
        events=tuple(cfg["not_capacity"]["events"]),
        existing=tuple(change["existing"]),
        column_words=tuple(change["column_headers"]),
        unit_columns=frozenset(fold(w) for w in change["unit_column_headers"]),
        change_columns=frozenset(fold(w) for w in change["change_column_headers"]),
    )


@dataclass
class _Figure:
    """A figure of a block with what was read around it."""

    index: int  # token index
    value: float
    unit: str | None = None
    unit_end: int | None = None  # token index of the unit word, when after the figure
    header: bool = False  # the unit came from a header ("počet míst - ...")


# --------------------------------------------------------------------------- figures and units


def _value(tok: Tok) -> float | None:
    """The number a token states: "0,5", "1 500", "15", "čtyř"; None for anything else."""
    return _number(tok.text)


_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@lru_cache(maxsize=1 << 15)
def _number(word: str) -> float | None:
    text = word.replace("\u00a0", " ")
    if _NUMBER.fullmatch(text):
        return float(text.replace(" ", "").replace(",", "."))
    return rules().numbers.get(word.lower())


@lru_cache(maxsize=1 << 15)
def unit_of(word: str) -> str | None:
    """The SPEC unit a noun names ("lůžek" -> bed), or None."""
    low = word.lower()
    for unit, patterns in rules().units.items():
        if any(p.match(low) for p in patterns):
            return unit
    return None


def _unit_after(tokens: Sequence[Tok], i: int) -> tuple[str, int] | None:
    """The unit noun right after a figure, over up to three adjectives: (unit, token index)."""
    r = rules()
    for j in range(i + 1, min(len(tokens), i + 5)):
        unit = unit_of(tokens[j].text)
        if unit and tokens[j - 1].lower in r.not_before_unit:
            return None  # "2 pracovní místa": jobs, not places of a service
        if unit:
            while j + 1 < len(tokens) and unit_of(tokens[j + 1].text) == unit:
                j += 1  # "bytových jednotek"
            return unit, j
        word = tokens[j].lower
        if not tokens[j].is_word or not word.endswith(r.adjective_endings) or _value(tokens[j]) is not None:
            return None
    return None


def _unit_before(tokens: Sequence[Tok], i: int) -> str | None:
    """A unit noun just before a figure: "úvazek 1", "úvazku o 0,5", "kapacita lůžek: 20";
    also one whose genitive complement stands between ("nový úvazek pracovního konzultanta
    1,0", "úvazek sociálního pracovníka 1", "úvazek asistenta (0,5)": the head noun,
    úvazek, is the unit)."""
    j = i - 1
    while j >= 0 and tokens[j].lower in rules().between:
        j -= 1
    if j < 0 or i - j > 3:
        return None
    unit = unit_of(tokens[j].text)
    if j < i - 1 and unit == "worker" and any(unit_of(t.text) == "fte" for t in tokens[max(0, j - 2):j]
                                              if t.is_word and t.text.islower()):
        return "fte"  # "navýšení úvazků sociálních pracovnic z 2,0 na 2,8": the head noun counts
    if j < i - 1 and (unit is None or tokens[i - 1].text != "("):
        return unit
    for k in range(j - 1, max(-1, j - 3), -1):  # the head of a noun phrase right before the figure
        tok = tokens[k]
        if not tok.is_word or not tok.text.islower() or _value(tok) is not None or is_verb(tok.text) \
                or tok.lower in rules().between:
            break
        unit = unit_of(tok.text) or unit
    return unit


def _excluded(tokens: Sequence[Tok], i: int, dates: list[tuple[int, int]]) -> bool:
    """Figures that are never capacities: parts of dates and times, years, long numbers
    (IČO, registrations), page or list numbers, money, percentages, counts of meetings."""
    tok = tokens[i]
    if any(a <= tok.start < b for a, b in dates):
        return True
    digits = tok.text.replace(" ", "").replace(",", "")
    if digits.isdigit() and (len(digits) >= 6 or re.fullmatch(r"(?:19|20)\d\d", tok.text)):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    if nxt is not None and nxt.lower in rules().not_after:
        return True
    if nxt is not None and nxt.text in (".", ":", "/") and not nxt.gap and i + 2 < len(tokens) \
            and tokens[i + 2].text[:1].isdigit():
        return True  # part of a dotted or slashed number: "1.2", "9:30", "113/8"
    if nxt is not None and nxt.text == "." and nxt.gap and i + 2 < len(tokens) and tokens[i + 2].is_word \
            and not tokens[i + 2].is_cap:
        return True  # an ordinal: "1. patro", "3. ledna"
    return prev is not None and (prev.lower in rules().not_before or prev.text.endswith("/"))


def _figures(block: BlockView, tokens: Sequence[Tok]) -> list[_Figure]:
    """The figures of a block with their units (after, before, or from a header)."""
    dates = [(d.start, d.end) for d in find_dates(block.text)]
    out = []
    header_unit: tuple[str, int] | None = None  # (unit, clause end) of a "počet míst" header
    for i, tok in enumerate(tokens):
        header = _header_at(tokens, i)
        if header:
            header_unit = header
        if header_unit and tok.start >= header_unit[1]:
            header_unit = None
        value = _value(tok)
        if value is None or _excluded(tokens, i, dates):
            continue
        figure = _Figure(i, value)
        after = _unit_after(tokens, i)
        if header_unit and tok.start > tokens[i - 1].start:
            figure.unit, figure.header = header_unit[0], True
            figure.unit_end = after[1] if after else None
        elif after:
            figure.unit, figure.unit_end = after
        else:
            figure.unit = _unit_before(tokens, i)
        out.append(figure)
    by_index = {f.index: f for f in out}
    r = rules()
    for figure in out:  # "z 10 na 14 lůžek": the first figure takes the unit of the second
        i = figure.index
        if figure.unit is None and i > 0 and tokens[i - 1].lower in r.from_words and i + 2 in by_index \
                and tokens[i + 1].lower in r.to_words:
            figure.unit = by_index[i + 2].unit
    return out


@lru_cache(maxsize=1)
def _header_starts() -> frozenset[str]:
    return frozenset(header[0] for header in rules().unit_headers)


def _header_at(tokens: Sequence[Tok], i: int) -> tuple[str, int] | None:
    """A unit header at token i ("počet míst", "předpokládaný počet uživatelů") whose unit
    holds for the figures up to the end of its clause; (unit, clause end offset)."""
    if tokens[i].lower not in _header_starts():
        return None
    for header in rules().unit_headers:
        n = len(header)
        if tuple(t.lower for t in tokens[i:i + n]) != header:
            continue
        j = i + n
        while j < len(tokens) and j < i + n + 2 and not unit_of(tokens[j].text) and tokens[j].is_word:
            j += 1
        if j < len(tokens) and unit_of(tokens[j].text) and (j + 1 >= len(tokens) or _value(tokens[j + 1]) is None
                                                            or tokens[j + 1].text in "-–:"):
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and (nxt.text in ("-", "–", ":") or _value(nxt) is not None):
                end = _clause_end_offset(tokens, j)
                return unit_of(tokens[j].text), end
    return None


def _clause_end_offset(tokens: Sequence[Tok], j: int) -> int:
    """Where a header's run of figures ends: at the next header or a sentence end."""
    first_words = {header[0] for header in rules().unit_headers}
    for k in range(j + 1, len(tokens)):
        if tokens[k].lower in first_words or tokens[k].text in (".", ";"):
            return tokens[k].start
    return tokens[-1].end + 1


# --------------------------------------------------------------------------- change


def _has_cue(words: Sequence[str], kind: str) -> bool:
    stems = rules().change[kind]
    return any(w.startswith(stems) for w in words)


def _nearest_cue(words: Sequence[str], kinds: Sequence[str]) -> str | None:
    """The kind of the last cue word among `words` ("sníží ... zvýší o 8" -> increase)."""
    for word in reversed(words):
        for kind in kinds:
            if word.startswith(rules().change[kind]):
                return kind
    return None


def _clause(block: BlockView, pos: int) -> tuple[int, int]:
    """The clause of a figure: its sentence cut at ";"."""
    start, end = sentence_of(block.text, pos)
    before = block.text.rfind(";", start, pos)
    after = block.text.find(";", pos, end)
    return (before + 1 if before >= 0 else start), (after if after >= 0 else end)


def _piece(block: BlockView, pos: int) -> tuple[int, int]:
    """The comma clause of a figure: the comma piece that holds it, with the pieces before
    it down to one that has a verb of its own ("obec má celkem 9 bytů" and "letos se 3 byty
    pronajaly rodinám" are two; "nový poskytovatel X, o. p. s., s kapacitou
    20 klientů" is one). A decimal comma ("0,5") does not cut."""
    start, end = _clause(block, pos)
    text = block.text
    bounds = [start] + [start + m.end() for m in re.finditer(r",\s", text[start:end])] + [end + 2]
    index = max(k for k, b in enumerate(bounds[:-1]) if b <= pos)
    piece_end = bounds[index + 1] - 2
    while index > 0 and not any(is_verb(t.text) for t in toks(text[bounds[index]:piece_end])):
        index -= 1
    return bounds[index], piece_end


def _cue_kind(words: Sequence[str]) -> str | None:
    """The kind of statement the cue words say: new, decrease (unless a stated capacity
    is the subject: "kapacita ... snížena"), set, increase; None without a cue."""
    if _has_cue(words, "new"):
        return "new"
    if _has_cue(words, "decrease") and not _has_cue(words, "set"):
        return "decrease"
    if _has_cue(words, "set"):
        return "set"
    if _has_cue(words, "increase"):
        return "increase"
    return None


def _counts_events(words: Sequence[str]) -> bool:
    """The piece counts what happened ("3 byty byly pronajaty rodinám", "poradnu využilo 140
    klientů", "klub uspořádal 4 výlety"), not a capacity: a verb of such an event and no cue of a
    change or a capacity besides."""
    if not any(w.startswith(rules().events) for w in words):
        return False
    return not any(_has_cue(words, kind) for kind in ("increase", "decrease", "set"))


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w+]+", text)]


@dataclass
class _Reading:
    change: str
    value_from: float | None
    value_to: float | None
    delta: float | None
    first: int  # token index where the statement starts
    last: int  # token index where it ends


def _read_change(block: BlockView, tokens: Sequence[Tok], figure: _Figure, figures: dict[int, _Figure],
                 inherited: str | None, in_list: bool, creates: bool = False) -> _Reading | None:
    """What a figure states (see the module docstring for the order)."""
    i, value = figure.index, figure.value
    end = figure.unit_end if figure.unit_end is not None else i
    pair = _from_to(tokens, i, figures)
    if pair == "skip":
        return None
    if pair:
        a, b, last = pair
        return _Reading("increase" if b >= a else "decrease", a, b, b - a, i - 1, last)
    rng = _range(tokens, i, figures) if in_list else None
    if rng == "skip":
        return None
    if rng:
        a, b, last = rng
        return _Reading("increase" if b >= a else "decrease", a, b, b - a, i, last)
    c_start, c_end = _clause(block, tokens[i].start)
    p_start, p_end = _piece(block, tokens[i].start)
    before_words = _words(block.text[c_start:tokens[i].start])
    clause_words = _words(block.text[c_start:c_end])
    piece_words = _words(block.text[p_start:p_end])
    if _counts_events(piece_words):
        return None
    if i > 0 and tokens[i - 1].text in rules().plus:
        return _Reading("increase", None, None, value, i - 1, end)
    by = i - 1
    while by > 0 and (tokens[by].lower in rules().totals or tokens[by].lower in rules().approximately):
        by -= 1  # "o celkem 4 lůžka", "o cca 3 místa"
    if by >= 0 and tokens[by].lower in rules().by_words:
        nearest = _nearest_cue(before_words, ("increase", "decrease")) or inherited
        if nearest == "decrease":
            return _Reading("decrease", None, None, -value, by, end)
        if nearest == "increase":
            return _Reading("increase", None, None, value, by, end)
    if figure.header:
        return _Reading("set", None, value, None, i, end)
    kind = _cue_kind(piece_words)
    if kind is None and _after_total(tokens, i):
        return _Reading("set", None, value, None, i, end)  # "obec má celkem 9 bytů"
    kind = kind or _cue_kind(clause_words)
    if kind in (None, "increase") and i > 0 and tokens[i - 1].lower in rules().designed_for:
        kind = "set"  # "pro 10 rodičů"
    if kind == "set" and creates and not any(w.startswith(rules().existing) for w in clause_words):
        kind = "new"  # "předpokládaná kapacita 6 lůžek" of a service the plan item creates
    if kind == "new":
        return _Reading("new", None, None, value, i, end)
    if kind == "decrease":
        return _Reading("decrease", None, None, -value, i, end)
    if kind == "set":
        return _Reading("set", None, value, None, i, end)
    if kind == "increase":
        return _Reading("increase", None, None, value, i, end)
    if inherited in ("increase", "decrease"):
        sign = -1 if inherited == "decrease" else 1
        return _Reading(inherited, None, None, sign * value, i, end)
    if inherited == "new":
        return _Reading("new", None, None, value, i, end)
    return _Reading("set", None, value, None, i, end)


def _after_total(tokens: Sequence[Tok], i: int) -> bool:
    """A word for a total right before the figure ("celkem 9 bytů"): a stated capacity."""
    return i > 0 and tokens[i - 1].lower in rules().totals


def _from_to(tokens: Sequence[Tok], i: int, figures: dict[int, _Figure]):  # type: ignore[no-untyped-def]
    """"z 3 lůžek na 15 lůžek" / "z 2,5 na 3,5 úvazku": (from, to, last token) at the first
    figure; "skip" at the second, which the first already read."""
    r = rules()
    if i > 0 and tokens[i - 1].lower in r.from_words:
        j = i + 1
        while j < len(tokens) and j <= i + 2 and tokens[j].lower not in r.to_words:
            j += 1
        if j + 1 < len(tokens) and tokens[j].lower in r.to_words and j + 1 in figures:
            second = figures[j + 1]
            last = second.unit_end if second.unit_end is not None else j + 1
            return figures[i].value, second.value, last
    if i > 1 and tokens[i - 1].lower in r.to_words:
        for k in (i - 2, i - 3):
            if k in figures and k > 0 and tokens[k - 1].lower in r.from_words:
                return "skip"
    return None


def _range(tokens: Sequence[Tok], i: int, figures: dict[int, _Figure]):  # type: ignore[no-untyped-def]
    """"1 - 1,5" in a capacity list: (from, to, last token); "skip" at the second figure."""
    dashes = rules().dashes
    if i + 2 < len(tokens) and tokens[i + 1].text in dashes and i + 2 in figures:
        second = figures[i + 2]
        if figures[i].value < 100 and second.value < 100:
            return figures[i].value, second.value, second.unit_end if second.unit_end is not None else i + 2
    if i > 1 and tokens[i - 1].text in dashes and i - 2 in figures and figures[i - 2].value < 100:
        return "skip"
    return None


# --------------------------------------------------------------------------- context


class _Context:
    """What the figures of a document read from around them: lists, titles, organisations."""

    def __init__(self, blocks: Sequence[BlockView], result: Extraction):
        self.doc = DocOrgs.shared(blocks, result)
        self.columns = _Columns(self.doc)
        self.blocks = list(blocks)
        self.result = result
        self.services_by_org = self._services_by_org()
        # The list structure, found once for the document: per block, the index of its list's
        # intro line (-1: none) and of the first block after its run of list items (-1: none).
        levels = [(b.level or 0) if b.kind == "list_item" else None for b in self.blocks]
        keys = [-1 if level is None else level for level in levels]
        self._intro = nearest_lower(keys, levels)
        self._run_end = nearest_lower(keys, levels, backwards=False)
        self._units: dict[int, frozenset[str]] = {}  # block id -> the units its own figures state
        self._sibling_units: dict[tuple[int, int, int | None], Counter[str]] = {}
        self._roles: dict[str, set[str]] | None = None
        self._orgs_by_item: dict[str, list[str]] | None = None

    def _services_by_org(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for row in self.result.tables.get("services", []):
            if row.get("organisation"):
                out.setdefault(row["service_type"], set()).add(row["organisation"])
        return out

    def _run(self, block: BlockView) -> tuple[int, int]:
        """The run of list items of `block`'s level or deeper that holds it: (first, after last)."""
        index = self.doc.order[block.block_id]
        end = self._run_end[index]
        return self._intro[index] + 1, len(self.blocks) if end < 0 else end

    def _units_of(self, block: BlockView) -> frozenset[str]:
        units = self._units.get(block.block_id)
        if units is None:
            units = frozenset(f.unit for f in _figures(block, toks(block.text)) if f.unit)
            self._units[block.block_id] = units
        return units

    def sibling_unit(self, block: BlockView) -> str | None:
        """The unit the other lines of the list (its items of the same level) state ("1
        úvazek"), when they agree. The units of a list are counted once, not once per line."""
        lo, hi = self._run(block)
        counts = self._sibling_units.get((lo, hi, block.level))
        if counts is None:
            counts = Counter(u for b in self.blocks[lo:hi] if b.level == block.level for u in self._units_of(b))
            self._sibling_units[(lo, hi, block.level)] = counts
        own = self._units_of(block)
        units = {unit for unit, n in counts.items() if n - (unit in own) > 0}
        return units.pop() if len(units) == 1 else None

    def title_blocks(self, block: BlockView, pos: int) -> list[BlockView]:
        """The blocks that title a figure: the other cells of its table row, the list's intro
        line, the plan item's title, and the titles of the item's parents."""
        out = list(self.doc.row_cells(block))
        index = self.doc.order[block.block_id]
        if block.kind == "list_item" and self._intro[index] >= 0:
            out.append(self.blocks[self._intro[index]])  # the block before the list's run
        number = self.doc.items.at(block, pos)
        while number:
            block_id = self.doc.items.block_of(number)
            if block_id is not None and block_id != block.block_id:
                out.append(self.doc.by_id[block_id])
            number = number.rsplit(".", 1)[0] if "." in number else None
        return out

    def inherited_change(self, block: BlockView, pos: int) -> str | None:
        """The change the title above a figure names ("Navýšit kapacitu ..." -> increase)."""
        titles = self.title_blocks(block, pos)
        for title in titles[:2 + len(self.doc.row_cells(block))]:
            words = _words(title.text)
            for kind in ("new", "decrease", "increase"):
                if _has_cue(words, kind):
                    return kind
        return None

    def item_creates(self, block: BlockView, pos: int) -> bool:
        """The plan item the figure falls under names something new in its title ("Aktivita
        4.1.3 Zřízení domu na půl cesty")."""
        number = self.doc.items.at(block, pos)
        title = self.doc.items.title_of(number, self.doc.by_id) if number else None
        return title is not None and _has_cue(_words(title), "new")

    def organisation(self, block: BlockView, pos: int, item_ref: str | None, service: str | None) -> str | None:
        """Whose capacity it is: an organisation in the figure's clause that runs things
        (nearest before, else after), the organisation of the parent list item or of the
        table row, the organisation responsible for or providing the plan item (the one that provides the
        row's service when there are several), one named earlier in the block, else the one the list
        item just above names."""
        roles = self._org_roles()
        s_start, s_end = _clause(block, pos)
        found = [m for m in self.doc.in_block.get(block.block_id, [])
                 if roles.get(m.key, set()) & _RUNS and self.doc.can_provide(m)]
        in_sentence = [m for m in found if s_start <= m.start < s_end]
        before = [m for m in in_sentence if m.end <= pos]
        if before:
            return before[-1].key
        if in_sentence:
            return in_sentence[0].key
        parent = self.doc.parent_item_org(block)
        if parent is not None:
            return parent.key
        row = [m.key for cell in self.doc.row_cells(block) for m in self.doc.in_block.get(cell.block_id, [])
               if roles.get(m.key, set()) & _RUNS]
        if row:
            return row[0]
        merged = self._merged_row_org(block, roles)
        if merged:
            return merged
        tied = self._item_orgs(item_ref)
        if service and len(tied) > 1:
            providing = [o for o in tied if o in self.services_by_org.get(service, set())]
            if providing:
                return providing[0]
        if tied:
            return tied[0]
        earlier = [m for m in found if m.end <= pos]
        if earlier:
            return earlier[-1].key
        previous = self._previous_item(block)
        if previous is not None:
            named = list(dict.fromkeys(m.key for m in self.doc.in_block.get(previous.block_id, [])
                                       if roles.get(m.key, set()) & _RUNS))
            if len(named) == 1:
                return named[0]
        return None

    def _merged_row_org(self, block: BlockView, roles: dict[str, set[str]]) -> str | None:
        """The organisation of the row above whose organisation cell is merged over this row's."""
        above = self.doc.merged_into(block)
        if above is None:
            return None
        table = self.doc.tables.locate(block, 0)[0]  # type: ignore[index]
        named = [m.key for cell in table.rows[above].values() if table.columns.get(cell.col) in ACTOR_KINDS
                 for m in self.doc.in_block.get(cell.block.block_id, []) if roles.get(m.key, set()) & _RUNS]
        return named[0] if named else None

    def _previous_item(self, block: BlockView) -> BlockView | None:
        """The list item right before a list item of the same level: terse minutes go on with
        the figures of what the line before named ("- X připravuje chráněné bydlení" / "- 2 byty,
        celkem 6 míst")."""
        index = self.doc.order[block.block_id]
        if block.kind != "list_item" or index == 0:
            return None
        previous = self.blocks[index - 1]
        return previous if previous.kind == "list_item" and previous.level == block.level else None

    def _org_roles(self) -> dict[str, set[str]]:
        """Each organisation's roles in the document (read once: the table is complete here)."""
        if self._roles is None:
            self._roles = {}
            for row in self.result.tables.get("organisations", []):
                self._roles.setdefault(row["name"], set()).add(row["role"])
        return self._roles

    def _item_orgs(self, item_ref: str | None) -> list[str]:
        if not item_ref:
            return []
        if self._orgs_by_item is None:
            rows: dict[str, list[dict]] = {}
            for row in self.result.tables.get("organisations", []):
                if row.get("item_ref"):
                    rows.setdefault(row["item_ref"], []).append(row)
            self._orgs_by_item = {}
            for ref, tied in rows.items():
                tied.sort(key=lambda r: (r["role"] != "responsible", r["block_id"], r["char_start"]))
                self._orgs_by_item[ref] = list(dict.fromkeys(r["name"] for r in tied))
        return self._orgs_by_item.get(item_ref, [])

    def service(self, block: BlockView, pos: int) -> str | None:
        """Which service: one named in the figure's sentence (nearest before, else after), in
        its block before it, in the field lines above it, in the list item just above, or in the
        titles above it."""
        services = self.doc.services_in(block)
        s_start, s_end = sentence_of(block.text, pos)
        in_sentence = [s for s in services if s_start <= s.start < s_end]
        before = [s for s in in_sentence if s.end <= pos]
        if before:
            return before[-1].service_type
        if in_sentence:
            return in_sentence[0].service_type
        earlier = [s for s in services if s.end <= pos]
        if earlier:
            return earlier[-1].service_type
        field = self._field_service(block, pos)
        if field:
            return field
        previous = self._previous_item(block)
        if previous is not None and self.doc.services_in(previous):
            return self.doc.services_in(previous)[-1].service_type
        for title in self.title_blocks(block, pos):
            found = self.doc.services_in(title)
            if found:
                return found[0].service_type
        return None

    def _field_service(self, block: BlockView, pos: int) -> str | None:
        """The service named in the lines just above a figure under the same plan item, below
        its title: "Plán: terénní program – navýšení o 0,5 úvazku" above "Skutečnost:
        navýšeno o 0,3 úvazku" (the achieved figure of the planned one)."""
        item = self.doc.items.at(block, pos)
        if item is None or block.table_id is not None:
            return None
        title = self.doc.items.block_of(item)
        index = self.doc.order[block.block_id]
        for prev in reversed(self.blocks[max(0, index - 3):index]):
            if prev.block_id == title or prev.kind == "heading" or prev.table_id is not None \
                    or self.doc.items.at(prev, 0) != item:
                return None
            found = self.doc.services_in(prev)
            if found:
                return found[-1].service_type
        return None


class _Columns:
    """Capacities a table gives in two columns, before and after ("Kapacita 2023" |
    "Požadovaná kapacita 2024", "Stav" | "Plán"): one row per table row, read at the later
    column from the earlier one: the same figure is a stated capacity (set), two figures a
    change from -> to, a dash before a figure a new capacity."""

    def __init__(self, doc: DocOrgs):
        self.doc = doc
        self.columns: dict[int, list[int]] = {}  # id of the table -> its capacity columns, in order
        self.unit_column: dict[int, int] = {}  # id of the table -> its "Jednotka" column
        self.change_columns: dict[int, set[int]] = {}  # id of the table -> its "Změna" columns
        for table in doc.tables.tables:
            order = sorted(table.rows)
            header = table.rows.get(order[0], {}) if order else {}
            heads = {col: fold(cell.text).strip(" :") for col, cell in header.items()}
            changes = {col for col, head in heads.items() if head in rules().change_columns}
            cols = sorted(col for col, cell in header.items() if _capacity_header(cell.text) and col not in changes)
            if len(cols) < 2 and len(order) > 1:
                cols = _sub_header_columns(table.rows[order[1]]) or cols  # "Kapacita" over "2023" | "2024"
            if len(cols) >= 2:
                self.columns[id(table)] = cols
                self.change_columns[id(table)] = changes
                units = [col for col, head in heads.items() if head in rules().unit_columns]
                if units:
                    self.unit_column[id(table)] = units[0]

    def unit(self, block: BlockView, pos: int) -> str | None:
        """The unit a table row names in its unit column ("úvazky" -> fte), for a figure in a
        capacity column of that row."""
        found = self.doc.tables.locate(block, pos)
        if not found or id(found[0]) not in self.unit_column or found[1].col not in self.columns[id(found[0])]:
            return None
        cell = found[0].rows.get(found[1].row, {}).get(self.unit_column[id(found[0])])
        words = cell.text.split() if cell is not None else []
        return unit_of(words[0]) if words else None

    def in_change_column(self, block: BlockView, pos: int) -> bool:
        """A figure in the "Změna" column of a table whose capacity columns state the change."""
        found = self.doc.tables.locate(block, pos)
        return bool(found) and found[1].col in self.change_columns.get(id(found[0]), set())

    def reading(self, block: BlockView, figure: _Figure, tokens: Sequence[Tok]) -> _Reading | str | None:
        """The reading of a figure in a capacity column: "skip" for one a later column reads,
        a stated capacity for one whose later column says a change in words, None outside
        such columns or for a cell that says more than a figure."""
        found = self.doc.tables.locate(block, tokens[figure.index].start)
        if not found or id(found[0]) not in self.columns:
            return None
        table, cell = found
        cols = self.columns[id(table)]
        if cell.col not in cols or not _bare_figure(cell.text):
            return None
        row = table.rows.get(cell.row, {})
        place = cols.index(cell.col)
        end = figure.unit_end if figure.unit_end is not None else figure.index
        later = [row[c] for c in cols[place + 1:] if c in row]
        if later and _bare_figure(later[0].text):
            return "skip"
        if later and later[0].text.strip():
            return _Reading("set", None, figure.value, None, figure.index, end)  # the state before a change
        earlier = row.get(cols[place - 1]) if place else None
        if earlier is None:
            return None
        if _DASH_ONLY.fullmatch(earlier.text):
            return _Reading("new", None, None, figure.value, figure.index, end)
        before = [f for f in _figures(earlier.block, toks(earlier.block.text)) if f.unit in (None, figure.unit)]
        if not _bare_figure(earlier.text) or len(before) != 1:
            return None
        a, b = before[0].value, figure.value
        if abs(a - b) < 1e-9:
            return _Reading("set", None, b, None, figure.index, end)
        return _Reading("increase" if b > a else "decrease", a, b, b - a, figure.index, end)


_DASH_ONLY = re.compile(r"\s*[–—-]?\s*")


def _sub_header_columns(row: dict) -> list[int]:
    """A second header row of years under a merged "Kapacita" ("2023" | "2024"): its columns."""
    filled = {col: cell.text.strip() for col, cell in row.items() if cell.text.strip()}
    years = [col for col, text in sorted(filled.items()) if re.fullmatch(r"(?:19|20)\d\d", text)]
    return years if len(years) >= 2 and len(years) == len(filled) else []


def _capacity_header(text: str) -> bool:
    """A header of a capacity column: it names a capacity, a count, a state or a plan."""
    return any(w.startswith(rules().column_words) for w in _words(text))


def _bare_figure(text: str) -> bool:
    """A cell that holds one figure with its unit and nothing more ("24 lůžek", "0,5 úvazku")."""
    return bool(re.fullmatch(r"\s*(?:cca\.?\s*)?\d+(?:[ \u00a0]\d{3})*(?:,\d+)?\s*[^\W\d]*\.?\s*", text))


_RUNS = {"responsible", "provider", "applicant", "member"}  # roles of those whose capacity it can be


# --------------------------------------------------------------------------- rows


def _block_rows(ctx: _Context, block: BlockView) -> list[dict]:
    tokens = toks(block.text)
    figures = _figures(block, tokens)
    if not figures:
        return []
    in_list = block.kind == "list_item"
    unit_fallback = ctx.sibling_unit(block) if in_list else None
    by_index = {f.index: f for f in figures}
    readings: list[tuple[_Figure, _Reading]] = []
    for figure in figures:
        pos = tokens[figure.index].start
        if block.table_id is not None and ctx.columns.in_change_column(block, pos):
            continue  # "+1,5" beside "9,0" | "10,5": the capacity columns say it
        if figure.unit is None and block.table_id is not None:
            figure.unit = ctx.columns.unit(block, pos)
        if figure.unit is None:
            if not unit_fallback or not _bare_list_figure(block, tokens, figure.index):
                continue
            figure.unit = unit_fallback
        c_start, c_end = _clause(block, pos)
        if figure.unit in rules().need_cue and not figure.header and not _client_cue(block, tokens, figure,
                                                                                     c_start, c_end):
            continue
        column = ctx.columns.reading(block, figure, tokens)
        if column == "skip":
            continue
        inherited = ctx.inherited_change(block, pos)
        reading = column or _read_change(block, tokens, figure, by_index, inherited, in_list,
                                         ctx.item_creates(block, pos))
        if reading is not None:
            readings.append((figure, reading))
    rows = []
    for figure, reading in _merge_restatements(tokens, readings):
        pos = tokens[figure.index].start
        start, end = tokens[reading.first].start, tokens[reading.last].end
        item_ref = ctx.doc.row_number(block) or ctx.doc.items.at(block, pos) or ctx.doc.items.referenced(block, pos)
        service = ctx.service(block, pos)
        rows.append(span_row(block, start, end, item_ref=item_ref,
                             organisation=ctx.organisation(block, pos, item_ref, service), service=service,
                             unit=figure.unit, change=reading.change, value_from=reading.value_from,
                             value_to=reading.value_to, delta=_tidy(reading.delta), raw_text=block.text[start:end]))
    return rows


def _tidy(delta: float | None) -> float | None:
    """A difference without binary noise: 2,8 − 2,0 is 0.8, not 0.7999999999999998."""
    return None if delta is None else round(delta, 9)


def _merge_restatements(tokens: Sequence[Tok], readings: list[tuple[_Figure, _Reading]]
                        ) -> list[tuple[_Figure, _Reading]]:
    """One change stated twice in a row is one row: a change "o 1 lůžko" right followed by
    the same change from -> to ("(z 42 na 41 lůžek)") keeps the from -> to; one followed by
    where it ends ("o 0,5 úvazku na 2,5 úvazku", "o 3 místa (na 15 míst)") takes that as its
    value_to. Both must count the same unit."""
    out: list[tuple[_Figure, _Reading]] = []
    skip: set[int] = set()
    for k, (figure, reading) in enumerate(readings):
        if k in skip:
            continue
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        if nxt is not None and reading.delta is not None and reading.value_from is None \
                and reading.value_to is None and nxt[0].unit == figure.unit \
                and _restates(tokens, reading.last, nxt[1].first):
            other = nxt[1]
            if other.value_from is not None and other.delta is not None \
                    and abs(other.delta - reading.delta) < 1e-6:
                out.append((nxt[0], _Reading(other.change, other.value_from, other.value_to, other.delta,
                                             reading.first, max(other.last, reading.last))))
                skip.add(k + 1)
                continue
            if other.value_from is None and other.change in ("set", reading.change) \
                    and tokens[nxt[0].index - 1].lower in rules().to_words:
                out.append((figure, _Reading(reading.change, None, nxt[0].value, reading.delta, reading.first,
                                             other.last)))
                skip.add(k + 1)
                continue
        out.append((figure, reading))
    return out


def _restates(tokens: Sequence[Tok], last: int, first: int) -> bool:
    """The second statement starts right after the first: nothing but an opening parenthesis,
    a comma, "tj." or "tedy" between ("o 1 lůžko (z 42 na 41 lůžek)")."""
    between = [t.lower for t in tokens[last + 1:first]]
    return len(between) <= 2 and all(w in ("(", ",", "tj", "tj.", "tedy", "–", "-", ".", "na") for w in between)


def _bare_list_figure(block: BlockView, tokens: Sequence[Tok], i: int) -> bool:
    """A figure standing alone in a list line ("– 1", ", 1", "+ 0,5", "1 - 1,5"), which may
    take its unit from the sibling lines; not one inside an address ("Kolín 1,")."""
    if tokens[i].start < body_offset(block):
        return False
    separators = {"–", "-", "—", ",", "+", ":", ";"}
    prev_ok = i == 0 or tokens[i - 1].text in separators or tokens[i - 1].start < body_offset(block)
    next_ok = i + 1 >= len(tokens) or tokens[i + 1].text in separators | {"."}
    return prev_ok and next_ok


def _client_cue(block: BlockView, tokens: Sequence[Tok], figure: _Figure, c_start: int, c_end: int) -> bool:
    """Persons counted as a capacity: "pro 10 rodičů", a capacity, change or new word in the
    clause ("kapacita služby je 40 rodin", "nová pobočka pro 15 klientů")."""
    i = figure.index
    j = i - 1
    r = rules()
    while j >= 0 and tokens[j].lower in r.approximately:
        j -= 1
    if j >= 0 and (tokens[j].lower in r.designed_for or tokens[j].text in r.plus or tokens[j].lower in r.by_words):
        return True
    words = _words(block.text[c_start:c_end])
    return any(_has_cue(words, kind) for kind in ("new", "set", "increase", "decrease"))


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('organisations', 'services', 'goals', 'measures', 'activities')
PRODUCES: tuple[str, ...] = ('capacity_changes',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the capacity rows of one document to result.tables["capacity_changes"]."""
    ctx = _Context(blocks, result)
    rows = []
    for block in blocks:
        if block.region in ("header", "footer"):
            continue
        rows.extend(_block_rows(ctx, block))
    result.tables["capacity_changes"].extend(rows)
