"""What a figure states: a capacity (set), something new, or a change with its size.

Read in this order, the first that applies wins: a range (from -> to; a dash range only in
a list), "+ 0,5" (increase), "o 2 lůžka" after an increase or decrease word (delta), "na 12
lůžek" after one (where the change ends: value_to, no delta), a header's figure (set),
"podpora tří pracovníků" (new), then the cue words of the figure's own comma clause, else of its
whole clause; a total ("celkem 9 bytů": set); the change the title above names; else set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.extract.capacity.figures import Block, Figure, has_cue, rules
from pipeline.extract.organisations.lexicon import is_verb
from pipeline.extract.spans.quantities import unit_of
from pipeline.extract.spans.services import KEY as SERVICE_KEY


@dataclass
class Reading:
    change: str
    value_from: float | None
    value_to: float | None
    delta: float | None
    first: int  # token index where the statement starts
    last: int  # token index where it ends
    signed: bool = False  # starts at a sign glued to the figure ("+1,0")


def read_change(b: Block, figure: Figure, inherited: str | None, in_list: bool,
                creates: bool = False) -> Reading | None:
    """What a figure states (see the module docstring for the order); None: no capacity."""
    i, value = figure.index, figure.value
    end = figure.unit_end if figure.unit_end is not None else i
    kind = b.seconds.get(i)
    if kind is not None and (kind != "dash" or in_list):
        return None  # the first figure of the range reads it
    pair = b.ranges.get(i)
    if pair is not None and (pair.kind != "dash" or in_list):
        a, z = pair.value_from, pair.value_to
        return Reading("increase" if z >= a else "decrease", a, z, z - a, pair.first, pair.last)
    pos = figure.start
    c_start, c_end = b.clause(pos)
    p_start, p_end = _piece(b, pos)
    before_words = b.words(c_start, pos)
    clause_words = b.words(c_start, c_end)
    piece_words = b.words(p_start, p_end)
    if _counts_events(piece_words) and not any(w.startswith(rules().planned) for w in piece_words):
        return None  # "3 byty byly pronajaty" (but "místo plánovaných 4 bytů byly předány 2 byty")
    r = rules()
    if figure.glued in r.plus:
        return Reading("increase", None, None, value, i, end, signed=True)
    if i > 0 and b.texts[i - 1] in r.plus:
        return Reading("increase", None, None, value, i - 1, end)
    by = i - 1
    while by > 0 and (b.lower[by] in r.totals or b.lower[by] in r.approximately or b.lower[by] in r.additional):
        by -= 1  # "o celkem 4 lůžka", "o cca 3 místa", "o dalších 26 míst"
    if by >= 0 and b.lower[by] in r.by_words:
        after = b.lower[end + 1] if end + 1 < len(b.lower) else ""
        nearest = ("decrease" if after in r.less else "increase" if after in r.more else None) \
            or _nearest_cue(before_words, ("increase", "decrease")) or inherited  # "bude o 2 lůžka méně"
        if nearest == "decrease":
            return Reading("decrease", None, None, -value, by, end)
        if nearest == "increase":
            return Reading("increase", None, None, value, by, end)
    if by >= 0 and b.lower[by] in r.to_words:  # "navýšení kapacity na 12 lůžek": where it ends
        nearest = _nearest_cue(before_words, ("increase", "decrease"))
        if nearest is not None:
            return Reading(nearest, None, value, None, by, end)
    if i > 0 and b.lower[i - 1] in r.additional and figure.unit not in r.provided_in_item \
            and _nearest_cue(before_words, ("increase", "decrease")) != "decrease":
        # "otevření dalších 2 lůžek noclehárny": more of what exists (flats a town makes available
        # are counted as new each time: "vyčlení další 2 byty")
        return Reading("increase", None, None, value, i - 1, end)
    if figure.header:
        return Reading("set", None, value, None, i, end)
    if by >= 0 and b.lower[by] in r.supported and figure.unit in r.supported_units:
        return Reading("new", None, None, value, by, end)  # "podpora tří sociálních pracovníků"
    if by >= 0 and b.lower[by] in r.enrolled and figure.unit in r.enrolled_units:
        return Reading("new", None, None, value, by, end)  # "zapojení 20 domácností do programu"
    if _kept(b, figure, p_start):
        return Reading("set", None, value, None, i, end)  # "zachovat kapacitu domova (58 lůžek) a vybudovat ..."
    kind = cue_kind(piece_words)
    if kind is None and i > 0 and b.lower[i - 1] in r.totals:
        return Reading("set", None, value, None, i, end)  # "obec má celkem 9 bytů"
    kind = kind or cue_kind(clause_words)
    if kind is None and _converts(b, p_start, pos):
        kind = "new"  # "rekonstrukce objektu na dům s pečovatelskou službou s 8 byty"
    if kind in (None, "increase") and i > 0 and b.lower[i - 1] in r.designed_for and not _for_added(b, i - 1):
        kind = "set"  # "pro 10 rodičů" (but "rozšíření o dva byty pro 4 klienty": 4 more clients)
    if kind == "set" and (creates or adds_service(b, p_start, pos)) \
            and not any(w.startswith(r.existing) for w in clause_words):
        kind = "new"  # "předpokládaná kapacita 6 lůžek" of a service the plan item creates
    kind = kind or (inherited if inherited in ("increase", "decrease", "new") else "set")
    if kind == "set":
        return Reading("set", None, value, None, i, end)
    return Reading(kind, None, None, -value if kind == "decrease" else value, i, end)


def made_available(b: Block, figure: Figure, reading: Reading, inherited: str | None,
                   on_item_line: bool = False) -> Reading:
    """A plan item's count of what it makes available, stated without a cue ("Tréninkové byty pro
    mladé dospělé" | "2 byty", "Aktivita Vyčlenění bytů ..." / "Plánovaná kapacita" | "2 byty"), or,
    on the item's own line, of the workers of a position it sets up ("Aktivita 2.4.1 Asistent v
    poradně – realizátor: X – 1 pracovník"): new, not a stated capacity. Only for the units so listed, and only when nothing in the figure's
    clause says a capacity or a change ("město disponuje celkem 12 byty" stays set) and the title
    above names no change."""
    r = rules()
    units = r.provided_in_item | r.new_on_item_line if on_item_line else r.provided_in_item
    if reading.change != "set" or figure.unit not in units or inherited in ("increase", "decrease"):
        return reading
    words = b.words(*b.clause(figure.start))
    if any(has_cue(words, kind) for kind in ("set", "increase", "decrease")) \
            or any(w in r.totals for w in words):
        return reading
    return Reading("new", None, None, reading.value_to, reading.first, reading.last, reading.signed)


def _for_added(b: Block, designed_for: int) -> bool:
    """The persons after "pro" are those of a change by an amount right before it ("rozšíření
    chráněného bydlení o dva byty pro 4 klienty"): the change counts them too."""
    r = rules()
    for f in b.figures.values():
        last = f.unit_end if f.unit_end is not None else f.index
        if last == designed_for - 1:
            by = f.index - 1
            while by > 0 and (b.lower[by] in r.totals or b.lower[by] in r.approximately):
                by -= 1
            return by >= 0 and b.lower[by] in r.by_words
    return False


def _kept(b: Block, figure: Figure, start: int) -> bool:
    """A capacity said to stay as it is by the nearest cue before it: from the start of its comma
    clause, or the end of the figure before it there, to its unit, the last cue word of a change,
    something new or of what exists already is one of what exists ("Zachovat kapacitu domova
    (58 lůžek) a vybudovat oddělení pro 12 klientů": 58 is kept, 12 is new; "současná kapacita
    20 lůžek bude navýšena": 20 is the state before the change)."""
    r = rules()
    lo = b.at(start)
    for f in b.figures.values():
        if lo <= f.index < figure.index:
            lo = max(lo, (f.unit_end if f.unit_end is not None else f.index) + 1)
    last = figure.unit_end if figure.unit_end is not None else figure.index
    words = b.words(b.starts[lo], b.starts[last]) + [b.lower[last]] if lo <= last else []
    stems = r.change["new"] + r.change["increase"] + r.change["decrease"]
    for word in reversed(words):
        if word.startswith(r.existing):
            return True
        if word.startswith(stems):
            return False
    return False


def _converts(b: Block, start: int, pos: int) -> bool:
    """The clause before the figure converts a building into something: a conversion word, then
    "na" and a word (not a figure: "přestavba školy na byty")."""
    r = rules()
    lo, hi = b.at(start), b.at(pos)
    for k in range(lo, hi):
        if b.lower[k].startswith(r.conversion):
            return any(b.lower[j] in r.to_words and j + 1 < hi and b.texts[j + 1][:1].isalpha()
                       for j in range(k + 1, hi))
    return False


def adds_service(b: Block, start: int, pos: int) -> bool:
    """The clause before the figure extends something by a service ("rozšíření sítě o pobytovou
    odlehčovací službu ... s kapacitou 4 lůžek"): the capacity is that of a service being added,
    new. An increase word, then "o" and at most two words before a service mention."""
    r = rules()
    services = [s.start_char for s in b.doc.spans.get(SERVICE_KEY, ()) if start <= s.start_char < pos]
    for at in services:
        k = b.at(at)
        by = next((j for j in range(k - 1, max(-1, k - 4), -1) if b.lower[j] in r.by_words), None)
        if by is not None and has_cue(b.words(start, b.starts[by]), "increase"):
            return True
    return False


def _nearest_cue(words: Sequence[str], kinds: Sequence[str]) -> str | None:
    """The kind of the last cue word among `words` ("sníží ... zvýší o 8" -> increase)."""
    for word in reversed(words):
        for kind in kinds:
            if word.startswith(rules().change[kind]):
                return kind
    return None


def _piece(b: Block, pos: int) -> tuple[int, int]:
    """The comma clause of a figure: the comma piece that holds it, with the pieces before
    it down to one that has a verb of its own ("obec má celkem 9 bytů" and "letos se 3 byty
    pronajaly rodinám" are two; "nový poskytovatel X, o. p. s., s kapacitou
    20 klientů" is one). A decimal comma ("0,5") does not cut."""
    start, end = b.clause(pos)
    text = b.block.text
    lo, hi = b.at(start), b.at(end)
    bounds = [start] + [s + 2 for s, t in zip(b.starts[lo:hi], b.texts[lo:hi])
                        if t == "," and s + 1 < end and text[s + 1].isspace()] + [end + 2]
    index = max(k for k, bound in enumerate(bounds[:-1]) if bound <= pos)
    piece_end = bounds[index + 1] - 2
    own = index
    while index > 0 and not any(is_verb(t) for t in b.texts[b.at(bounds[index]):b.at(bounds[index + 1] - 2)]):
        index -= 1
    if index < own and index > 0 and b.lower[b.at(bounds[index])] in rules().relative:
        # "o otevření klubu Ostrov, které provozuje spolek X, z. s., s kapacitou 15 klientů": the
        # verb of a relative clause is not the figure's; its clause is the one the relative
        # clause hangs on
        index -= 1
        while index > 0 and not any(is_verb(t) for t in b.texts[b.at(bounds[index]):b.at(bounds[index + 1] - 2)]):
            index -= 1
    return bounds[index], piece_end


def cue_kind(words: Sequence[str]) -> str | None:
    """The kind of statement the cue words say: new, decrease (unless a stated capacity
    is the subject: "kapacita ... snížena"), set, increase; None without a cue."""
    if has_cue(words, "new"):
        return "new"
    if has_cue(words, "decrease") and not has_cue(words, "set"):
        return "decrease"
    if has_cue(words, "set"):
        return "set"
    if has_cue(words, "increase"):
        return "increase"
    return None


def _counts_events(words: Sequence[str]) -> bool:
    """The piece counts what happened ("3 byty byly pronajaty rodinám", "poradnu využilo 140
    klientů", "klub uspořádal 4 výlety"), not a capacity: a verb of such an event and no cue of a
    change or a capacity besides."""
    if not any(w.startswith(rules().events) for w in words):
        return False
    return not any(has_cue(words, kind) for kind in ("increase", "decrease", "set"))


def named_unit(b: Block, figure: Figure) -> str | None:
    """The unit of a bare figure or range that ends its clause, named before it as what changes
    ("úvazek terénních pracovníků navýšen z 2,0 na 3,0", "navýšení počtu pracovnic v přímé péči ze
    7 na 9", "počet uživatelů vzrostl na 28"): the first unit noun of its comma clause after the
    figures before it, when a word of a change or a count stands in the clause. None otherwise."""
    i = figure.index
    pair = b.ranges.get(i)
    last = pair.last if pair is not None else i
    if last + 1 < len(b.texts) and (b.texts[last + 1][:1].isalnum() or b.texts[last + 1] == "("):
        return None  # "o 2 dny v týdnu": a figure with its own noun, no unit of a service
    p_start, _ = _piece(b, figure.start)
    lo = b.at(p_start)
    for f in b.figures.values():
        if lo <= f.index < i:
            lo = max(lo, (f.unit_end if f.unit_end is not None else f.index) + 1)
    words = b.words(b.starts[lo], figure.start) if lo < i else []
    if not any(has_cue(words, kind) for kind in ("increase", "decrease", "set")):
        return None
    r = rules()
    return next((unit for k, w in enumerate(words) if w and (unit := unit_of(w))
                 and not (k and words[k - 1] in r.designed_for)), None)  # "domova pro seniory" names no unit
