"""Pages -> blocks: running headers once, then body lines and tables in
reading order, grouped into paragraphs and list items; footers last; list
levels from indents; headings from type size."""

from __future__ import annotations

import itertools
import statistics
from typing import Iterator

from pipeline.ingest.clean import clean_text
from pipeline.ingest.pdf.paragraphs import context, group
from pipeline.ingest.pdf.records import Built, Ctx, Line, Page, Para, Table, words_text
from pipeline.ingest.pdf.running import mark_running
from pipeline.model import Block

_HEADING_RATIO = 1.15  # a heading's size is at least this times the body size
_HEADING_MAX_CHARS = 200


def blocks(pages: list[Page]) -> list[Block]:
    """All pages' lines and tables -> blocks, running headers once, footers last."""
    text_pages = [p for p in pages if p.state == "text"]
    mark_running(text_pages)
    ctx = context(text_pages)
    built: list[Built] = []
    footers: list[Built] = []
    pending: list[Line | Table] = []
    table_ids = itertools.count()
    for p in text_pages:
        head = [ln for ln in p.lines if ln.region == "header"]
        if head:
            built += _flush(pending, ctx, table_ids)
            built += _built(group(head, ctx), "header")
        footers += _built(group([ln for ln in p.lines if ln.region == "footer"], ctx), "footer")
        pending += _with_tables([ln for ln in p.lines if ln.region == "body"], p.tables)
        pending += p.extra
    built += _flush(pending, ctx, table_ids) + footers
    _set_levels(built)
    _set_headings(built)
    return [b.block for b in built if b.block.text]


def _with_tables(lines: list[Line], tables: list[Table]) -> list[Line | Table]:
    """Tables slotted into the line flow before the first line below their top
    (the flow is in reading order, which need not be top to bottom)."""
    flow: list[Line | Table] = list(lines)
    for table in sorted(tables, key=lambda t: t.top):
        at = next((i for i, item in enumerate(flow)
                   if isinstance(item, Line) and item.top >= table.top), len(flow))
        flow.insert(at, table)
    return flow


def _flush(items: list[Line | Table], ctx: Ctx, table_ids: Iterator[int]) -> list[Built]:
    """Blocks for the pending flow (lines and tables in order); empties `items`."""
    out: list[Built] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        out += _built(group(run, ctx), "body")
        run = []
        tid = next(table_ids)
        out += [Built(Block("table_cell", text, page=item.page, table_id=tid, row=r, col=k))
                for r, k, text in item.cells]
    out += _built(group(run, ctx), "body")
    items.clear()
    return out


def _built(paras: list[Para], region: str) -> list[Built]:
    """Paragraphs -> blocks: lines joined, label in front, text cleaned."""
    out = []
    for para in paras:
        first = para.lines[0]
        text = words_text(para.body) if para.body is not None else first.text
        for sep, ln in zip(para.seps, para.lines[1:]):
            text = join(text, ln.text, sep)
        if para.label:
            text = f"{para.label} {text}"
        kind = "list_item" if para.label else "paragraph"
        block = Block(kind, clean_text(text), page=first.page, label=para.label,
                      region=region)  # type: ignore[arg-type]
        sizes = [ln.size for ln in para.lines for _ in ln.text]
        out.append(Built(block, first.x0, statistics.median(sizes) if sizes else first.size))
    return out


def join(text: str, nxt: str, sep: str) -> str:
    """Join two lines: a word hyphenated at the line end is rejoined, else `sep`."""
    if text.endswith("\u00ad"):
        return text[:-1] + nxt
    if len(text) >= 2 and text[-1] in "-\u2010" and text[-2].isalpha() and nxt[:1].islower():
        return text[:-1] + nxt
    return text + sep + nxt


# --------------------------------------------------------------------------- running lines



def _set_levels(built: list[Built]) -> None:
    """List depth from the label's indent: distinct indents ranked left to right."""
    items = [b for b in built if b.block.kind == "list_item" and b.block.region == "body"]
    stops: list[float] = []
    for x in sorted(b.x0 for b in items):
        if not stops or x - stops[-1] > 4.0:
            stops.append(x)
    for b in items:
        b.block.level = 1 + max(i for i, s in enumerate(stops) if s <= b.x0 + 4.0)


def _set_headings(built: list[Built]) -> None:
    """Short paragraphs set clearly larger than the body text become headings."""
    paras = [b for b in built if b.block.kind in ("paragraph", "list_item")
             and b.block.region == "body" and b.block.text]
    if not paras:
        return
    body = _weighted_median([(b.size, len(b.block.text)) for b in paras])
    heads = [b for b in paras if b.block.kind == "paragraph"
             and b.size >= max(body * _HEADING_RATIO, body + 1.0)
             and len(b.block.text) <= _HEADING_MAX_CHARS
             and any(ch.isalpha() for ch in b.block.text)]
    total = sum(len(b.block.text) for b in paras)
    if not heads or sum(len(b.block.text) for b in heads) > 0.25 * total:
        return  # "headings" that hold a quarter of the text are not headings
    sizes = sorted({round(b.size * 2) / 2 for b in heads}, reverse=True)
    for b in heads:
        b.block.kind = "heading"
        b.block.level = 1 if round(b.size * 2) / 2 == sizes[0] else 2


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
    pairs = sorted(pairs)
    half = sum(w for _, w in pairs) / 2
    acc = 0
    for value, weight in pairs:
        acc += weight
        if acc >= half:
            return value
    return pairs[-1][0]
