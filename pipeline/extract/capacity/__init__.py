"""Capacity changes: every stated capacity, or change of one, that has a figure.

The figures come from the annotate step: `doc.spans["quantity"]` holds each figure with its
value and the unit the block gives it (the noun after it, before it, or a header before a
run of figures: `pipeline.extract.spans.quantities`), the ranges ("z 3 lůžek na 15 lůžek",
"1 - 1,5") and the figures that are something else (money, dates, IČO, percentages, ...),
which never become rows. This relation adds what only the document knows: the unit of a
table's unit column, of what the clause names as changing before a bare change ("počet
pracovnic ze 7 na 9": `change.named_unit`) or of the sibling lines of a list ("Charita – sociální
rehabilitace, 1" under a line with "1 úvazek"), and whether a count of persons is a capacity (it needs a cue in
its own clause: "pro 10 rodičů", "kapacita služby je 40 rodin"; "poradnu využilo 140 klientů"
and "3 byty byly pronajaty" count what happened).

The kind of change is read by `change.read_change`; a table of capacity columns by
`columns.Columns`; the plan item (`item_ref`, also from a line that names it: "K opatření
4.2: ..."), the organisation and the service by `context.Context`.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.extract.capacity.change import Reading, made_available, named_unit, read_change
from pipeline.extract.capacity.context import Context
from pipeline.extract.capacity.figures import Block, Figure, has_cue, rules
from pipeline.extract.common import body_offset, span_row
from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.spans.services import KEY as SERVICE_KEY

# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('organisations', 'services', 'goals', 'measures', 'activities')
PRODUCES: tuple[str, ...] = ('capacity_changes',)


def extract(document: Annotated, result: Extraction) -> None:
    """Append the capacity rows of one document to result.tables["capacity_changes"]."""
    ctx = Context(document, result)
    rows = []
    for block in document:
        if block.region in ("header", "footer"):
            continue
        rows.extend(_block_rows(ctx, block))
    result.tables["capacity_changes"].extend(rows)
    ctx.columns = None  # type: ignore[assignment]  # it holds ctx (a cycle): the Docs are freed at once


def _block_rows(ctx: Context, block: BlockView) -> list[dict]:
    b = ctx.parsed(block)
    if not b.figures:
        return []
    in_list = block.kind == "list_item"
    unit_fallback = ctx.sibling_unit(block) if in_list else None
    readings: list[tuple[Figure, Reading]] = []
    for figure in b.figures.values():
        pos = figure.start
        if block.table_id is not None and ctx.columns.in_change_column(block, pos):
            continue  # "+1,5" beside "9,0" | "10,5": the capacity columns say it
        if figure.unit is None and block.table_id is not None:
            figure = replace(figure, unit=ctx.columns.unit(block, pos))
        if figure.unit is None:
            figure = replace(figure, unit=named_unit(b, figure))
        if figure.unit is None:
            if not unit_fallback or not _bare_list_figure(b, figure):
                continue
            figure = replace(figure, unit=unit_fallback)
        if figure.unit in rules().need_cue and not figure.header and not _client_cue(b, figure) \
                and not (block.table_id is not None and ctx.columns.counts_capacity(block, pos)):
            continue
        if figure.unit in rules().need_cue and _houses_next(b, figure):
            continue
        column = ctx.columns.reading(block, figure)
        if column == "skip":
            continue
        inherited = ctx.inherited_change(block, pos)
        reading = column or read_change(b, figure, inherited, in_list, ctx.item_creates(block, pos))
        if isinstance(reading, Reading) and ctx.item_ref(block, pos) is not None:
            reading = made_available(b, figure, reading, inherited, ctx.item_line(block))
        if reading is not None:
            readings.append((figure, reading))  # type: ignore[arg-type]
    rows = []
    for figure, reading in _planned_targets(b, _merge_restatements(b, readings)):
        pos = figure.start
        start = figure.start if reading.first == figure.index and not reading.signed else b.starts[reading.first]
        end = b.starts[reading.last] + len(b.texts[reading.last])
        item_ref = ctx.item_ref(block, pos)
        service = ctx.service(block, pos)
        organisation = ctx.organisation(block, pos, item_ref, service)
        organisation = organisation and ctx.doc.full_name(organisation)
        item_ref = item_ref or ctx.tied_item_in_sentence(block, pos, organisation)
        service = service or ctx.service_of_name(organisation)
        rows.append(span_row(block, start, end, item_ref=item_ref,
                             organisation=organisation, service=service,
                             unit=figure.unit, change=reading.change, value_from=reading.value_from,
                             value_to=reading.value_to, delta=_tidy(reading.delta), raw_text=block.text[start:end]))
    return rows


def _tidy(delta: float | None) -> float | None:
    """A difference without binary noise: 2,8 − 2,0 is 0.8, not 0.7999999999999998."""
    return None if delta is None else round(delta, 9)


def _merge_restatements(b: Block, readings: list[tuple[Figure, Reading]]) -> list[tuple[Figure, Reading]]:
    """One change stated twice in a row is one row: a change "o 1 lůžko" right followed by
    the same change from -> to ("(z 42 na 41 lůžek)") keeps the from -> to; one followed by
    where it ends ("o 0,5 úvazku na 2,5 úvazku", "o 3 místa (na 15 míst)") takes that as its
    value_to. Both must count the same unit."""
    out: list[tuple[Figure, Reading]] = []
    skip: set[int] = set()
    for k, (figure, reading) in enumerate(readings):
        if k in skip:
            continue
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        if nxt is not None and reading.delta is not None and reading.value_from is None \
                and reading.value_to is None and nxt[0].unit == figure.unit \
                and _restates(b, reading.last, nxt[1].first) or nxt is not None and _bracketed(b, reading, nxt[1]):
            other = nxt[1]
            if other.value_from is not None and other.delta is not None \
                    and abs(other.delta - reading.delta) < 1e-6:
                out.append((nxt[0], Reading(other.change, other.value_from, other.value_to, other.delta,
                                            reading.first, max(other.last, reading.last), reading.signed)))
                skip.add(k + 1)
                continue
            before = _before_totals(b, nxt[0].index)
            if other.value_from is None and (other.change in ("set", reading.change) and b.lower[before] in rules().to_words
                                             or b.texts[before] == "(" and before + 1 < nxt[0].index):
                out.append((figure, Reading(reading.change, None, nxt[0].value, reading.delta, reading.first,
                                            other.last, reading.signed)))
                skip.add(k + 1)
                continue
        out.append((figure, reading))
    return out


def _planned_targets(b: Block, readings: list[tuple[Figure, Reading]]) -> list[tuple[Figure, Reading]]:
    """An evaluation's achieved change with its planned target in brackets right after it ("z 12
    na 14 úvazků (plán: 15 úvazků)"): the target is the planned row of the same change (SPEC:
    both the planned and the achieved capacity are rows), its kind and the value it was to
    reach, without a difference of its own. After a change by an amount ("o 1 úvazek (plán: 2
    úvazky)") the target may be an amount too: left as read."""
    out = list(readings)
    for k in range(1, len(out)):
        (_, done), (figure, target) = out[k - 1], out[k]
        if done.change not in ("increase", "decrease") or done.value_to is None or target.value_from is not None \
                or out[k - 1][0].unit != figure.unit:
            continue
        between = b.lower[done.last + 1:target.first]
        if between[:1] == ["("] and len(between) in (2, 3) and between[1].startswith(rules().planned_columns) \
                and between[2:] in ([], [":"]):
            out[k] = (figure, Reading(done.change, None, figure.value, None, target.first, target.last))
    return out


def _restates(b: Block, last: int, first: int) -> bool:
    """The second statement starts right after the first: nothing but an opening parenthesis,
    a comma, "tj." or "tedy" between ("o 1 lůžko (z 42 na 41 lůžek)"), or where it ends with
    a total ("o 2 lůžka na celkem 6 lůžek")."""
    r = rules()
    named = _service_tokens(b)
    between = [w for k, w in enumerate(b.lower[last + 1:first], last + 1) if w not in r.totals and k not in named]
    return len(between) <= 2 and all(w in r.restatement for w in between)


def _bracketed(b: Block, reading: Reading, other: Reading) -> bool:
    """A change by an amount whose unit is qualified by a few words, then the same change from ->
    to in brackets ("o 2 úvazky pracovníků v přímé péči (z 4 na 6 úvazků)"): one statement. Only
    a range of the same size, right after "(", with at most a few words and no punctuation or
    figure between."""
    if reading.delta is None or reading.value_from is not None or reading.value_to is not None \
            or other.value_from is None or other.delta is None or abs(other.delta - reading.delta) > 1e-6:
        return False
    between = b.texts[reading.last + 1:other.first]
    return 1 < len(between) <= _QUALIFIER_WORDS + 1 and between[-1] == "(" \
        and all(t[:1].isalpha() for t in between[:-1]) \
        and not any(reading.last < k < other.first for k in b.figures)


_QUALIFIER_WORDS = 5  # "úvazky pracovníků v přímé péči": the words that may qualify a change's unit


def _service_tokens(b: Block) -> frozenset[int]:
    """The tokens of the service mentions of a block ("o 2 lůžka noclehárny (celkem 14 lůžek)":
    the service named after a change's unit does not part it from its restatement)."""
    spans = b.doc.spans[SERVICE_KEY] if SERVICE_KEY in b.doc.spans else ()
    return frozenset(k for s in spans for k in range(b.at(s.start_char), b.at(s.end_char)))


def _before_totals(b: Block, index: int) -> int:
    """The token before a figure, over words of a total ("na celkem 6 lůžek")."""
    j = index - 1
    while j > 0 and b.lower[j] in rules().totals:
        j -= 1
    return j


def _bare_list_figure(b: Block, figure: Figure) -> bool:
    """A figure standing alone in a list line ("– 1", ", 1", "+ 0,5", "1 - 1,5"), which may
    take its unit from the sibling lines; not one inside an address ("Kolín 1,")."""
    offset = body_offset(b.block)
    if figure.start < offset:
        return False
    i, separators = figure.index, rules().list_separators
    prev_ok = i == 0 or figure.glued in separators or b.texts[i - 1] in separators \
        or b.starts[i - 1] < offset
    next_ok = i + 1 >= len(b.texts) or b.texts[i + 1] in separators or b.texts[i + 1] == "."
    return prev_ok and next_ok


def _client_cue(b: Block, figure: Figure) -> bool:
    """Persons counted as a capacity: "pro 10 rodičů", "zapojení 20 rodin", a capacity, change or
    new word in the clause ("kapacita služby je 40 rodin", "nová pobočka pro 15 klientů")."""
    r = rules()
    if _not_served(b, figure):
        return False
    if figure.glued in r.plus:
        return True
    j = figure.index - 1
    while j >= 0 and b.lower[j] in r.approximately:
        j -= 1
    if j >= 0 and (b.lower[j] in r.designed_for or b.texts[j] in r.plus or b.lower[j] in r.by_words
                   or b.lower[j] in r.enrolled):
        return True
    c_start, c_end = b.clause(figure.start)
    words = b.words(c_start, c_end)
    return any(has_cue(words, kind) for kind in ("new", "set", "increase", "decrease"))


def _houses_next(b: Block, figure: Figure) -> bool:
    """A count of households or groups right followed by the persons they are for ("vzniknou dvě
    domácnosti chráněného bydlení pro celkem 12 klientů"): the persons are the capacity, the
    first figure counts the homes that hold them. A few words, no comma, then "pro" (over a
    total or an approximation) and a figure of the same unit."""
    r = rules()
    start = (figure.unit_end if figure.unit_end is not None else figure.index) + 1
    for j in range(start, min(start + 6, len(b.texts))):
        if b.texts[j] in (",", ".", ";", ":") or j in b.figures:
            return False
        if b.lower[j] in r.designed_for:
            k = j + 1
            while k < len(b.texts) and (b.lower[k] in r.totals or b.lower[k] in r.approximately):
                k += 1
            return k in b.figures and b.figures[k].unit == figure.unit
    return False


def _not_served(b: Block, figure: Figure) -> bool:
    """Persons waiting or asking for a place, or an estimate of a population ("v pořadníku je
    60 žadatelů", "60 čekatelů v pořadníku", "odhad počtu osob bez domova"): a word of such
    before the figure (after the figure before it in its clause) or in the two words after it."""
    c_start, _ = b.clause(figure.start)
    before = [f.start for f in b.figures.values() if c_start <= f.start < figure.start]
    lo = b.at(max(before, default=c_start))
    last = figure.unit_end if figure.unit_end is not None else figure.index
    hi = min([last + 3] + [f.index for f in b.figures.values() if f.index > figure.index])
    words = b.words(b.starts[lo], b.starts[hi] if hi < len(b.starts) else len(b.block.text))
    return any(w.startswith(rules().not_served) for w in words)
