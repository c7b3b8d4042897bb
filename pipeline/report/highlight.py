"""A block's text cut into segments by the provenance spans of the rows read from it.

Spans may nest or overlap (a person inside an attendance line that is also an
organisation's slot), so the text is cut at every span edge and each segment
knows every row that covers it. A row whose span is empty (a value with no text of
its own) becomes a point marker, so that every row has something to highlight.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A row's span in a block: [start, end) and the row's key ("attendees-3")."""

    start: int
    end: int
    key: str

    @property
    def table(self) -> str:
        return self.key.rsplit("-", 1)[0]


@dataclass(frozen=True)
class Segment:
    """A stretch of text and the rows whose spans cover it (none: plain text)."""

    text: str
    keys: tuple[str, ...] = ()
    point: bool = False  # an empty span's marker, no text

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k.rsplit("-", 1)[0] for k in self.keys))


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text in order, cut at every span edge (spans are clamped to the text)."""
    n = len(text)
    clamped = [Span(max(0, min(s.start, n)), max(0, min(s.end, n)), s.key) for s in spans]
    clamped = [Span(s.start, max(s.start, s.end), s.key) for s in clamped]
    cuts = sorted({0, n, *(s.start for s in clamped), *(s.end for s in clamped)})
    points: dict[int, list[str]] = {}
    for s in clamped:
        if s.start == s.end:
            points.setdefault(s.start, []).append(s.key)
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in points:
            out.append(Segment("", tuple(points[a]), point=True))
        if b is None or a == b:
            continue
        keys = tuple(s.key for s in clamped if s.start <= a and b <= s.end and s.start < s.end)
        out.append(Segment(text[a:b], keys))
    return out
