"""Running headers and footers: lines repeated at the top (bottom) of most
pages are kept once, where they first appear; page numbers are dropped."""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.ingest.pdf.records import Line, Page
from pipeline.ingest.pdf.rules import rules

_ZONE = 0.2  # header/footer candidates lie in the top/bottom 20 % of the page ...
_ZONE_LINES = 4  # ... and among its first/last 4 lines


def mark_running(pages: list[Page]) -> None:
    """Repeated top/bottom lines become header/footer (first kept); page numbers go."""
    _, _, page_number, share = rules()
    zones = [(_zone(p, top=True), _zone(p, top=False)) for p in pages]
    running = _running_keys(zones, share) if len(pages) >= 2 else set()
    kept: set[tuple[str, str]] = set()
    for p, (top, bottom) in zip(pages, zones):
        drop: set[int] = set()
        here: set[tuple[str, str]] = set()
        for region, zone in (("header", top), ("footer", bottom)):
            for ln in zone:
                key = (region, _key(ln))
                if page_number.match(ln.text):
                    drop.add(id(ln))
                elif key in running and key in kept and key not in here:
                    drop.add(id(ln))
                elif key in running:
                    kept.add(key)
                    here.add(key)
                    ln.region = region
        p.lines = [ln for ln in p.lines if id(ln) not in drop]


def _running_keys(zones: list[tuple[list[Line], list[Line]]], share: float
                  ) -> set[tuple[str, str]]:
    """Keys seen at the top (bottom) of at least `share` of the pages, and of two."""
    need = max(2, math.ceil(share * len(zones)))
    out: set[tuple[str, str]] = set()
    for region, idx in (("header", 0), ("footer", 1)):
        counts = Counter(k for z in zones for k in {_key(ln) for ln in z[idx]})
        out |= {(region, k) for k, n in counts.items()
                if n >= need and any(ch.isalpha() for ch in k)}
    return out


def _zone(p: Page, top: bool) -> list[Line]:
    """First (or last) few lines of a page that lie near its top (or bottom) edge."""
    by_top = sorted(p.lines, key=lambda ln: ln.top)
    if top:
        return [ln for ln in by_top[:_ZONE_LINES] if ln.top < _ZONE * p.height]
    return [ln for ln in by_top[-_ZONE_LINES:] if ln.bottom > (1 - _ZONE) * p.height]


def _key(line: Line) -> str:
    """A line's identity for repetition: case, spacing and digits ignored."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
