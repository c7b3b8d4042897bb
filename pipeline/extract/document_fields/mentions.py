"""The annotated mentions the field rules read, by line or value: the dates of
`doc.spans["date"]` (one `kpss_dates` pass per block) instead of searching the text again."""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from pipeline.extract import annotate
from pipeline.extract.dates import DateMention, date_spans
from pipeline.extract.layout import Layout
from pipeline.extract.model import Annotated
from pipeline.extract.text import Span

_MEMO_KEY = "document_fields.dates"  # each block's dates, read once from its spans
_ANNOTATED: WeakKeyDictionary[Layout, Annotated] = WeakKeyDictionary()


def annotated(layout: Layout) -> Annotated:
    """The annotated document of a layout (its blocks annotated now, once, when the layout was
    built from plain blocks, as in a test)."""
    if isinstance(layout.source, Annotated):
        return layout.source
    if layout not in _ANNOTATED:
        _ANNOTATED[layout] = annotate(layout.blocks)
    return _ANNOTATED[layout]


def dates_in(layout: Layout, span: Span) -> list[DateMention]:
    """The dates inside a line or value, in order, with offsets from the span's start."""
    document = annotated(layout)
    by_block = document.memo.setdefault(_MEMO_KEY, {})
    found = by_block.get(span.block.block_id)
    if found is None:
        found = by_block[span.block.block_id] = date_spans(document.doc(span.block))
    return [replace(m, start=m.start - span.start, end=m.end - span.start)
            for m in found if span.start <= m.start and m.end <= span.end]
