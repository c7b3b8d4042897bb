"""Running headers and footers: lines repeated at the top (bottom) of most
pages are kept once, where they first appear; page numbers are dropped.

A running line repeats at the same place: its distance from the page's top
(a footer's from the bottom), or its rank among the page's first (last) lines,
is the same on the pages it repeats on. A body
line that happens to open several pages ("Aktivity:", "Hlasování: pro 5, …")
sits wherever the text flow puts it, and the body uses the same text in the
same type size away from the page edges too: neither is a running line.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pipeline.ingest.pdf.records import Line, Page
from pipeline.ingest.pdf.rules import rules

_ZONE = 0.2  # header/footer candidates lie in the top/bottom 20 % of the page ...
_ZONE_LINES = 4  # ... and among its first/last 4 lines
_PLACE_TOL = 3.0  # pt: a running line's distance from its page edge varies this little
_SIZE_TOL = 0.5  # pt: a body line of the same text in this size is the same kind of line


def mark_running(pages: list[Page]) -> None:
    """Repeated top/bottom lines become header/footer (first kept); page numbers go."""
    _, _, page_number, share = rules()
    zones = [(_zone(p, top=True), _zone(p, top=False)) for p in pages]
    running = _running_keys(pages, zones, share) if len(pages) >= 2 else set()
    kept: set[tuple[str, str]] = set()
    numbers = _page_number_lines(pages, zones, page_number)
    for p, (top, bottom) in zip(pages, zones):
        drop: set[int] = set()
        here: set[tuple[str, str]] = set()
        for region, zone in (("header", top), ("footer", bottom)):
            for ln in zone:
                key = (region, _key(ln))
                if id(ln) in numbers:
                    drop.add(id(ln))
                elif key in running and key in kept and key not in here:
                    drop.add(id(ln))
                elif key in running:
                    kept.add(key)
                    here.add(key)
                    ln.region = region
        p.lines = [ln for ln in p.lines if id(ln) not in drop]


def _running_keys(pages: list[Page], zones: list[tuple[list[Line], list[Line]]], share: float
                  ) -> set[tuple[str, str]]:
    """Keys seen at the top (bottom) of at least `share` of the pages, and of two, at the
    same distance from the page edge, and not used by the body in the same type size."""
    need = max(2, math.ceil(share * len(zones)))
    out: set[tuple[str, str]] = set()
    for region, idx in (("header", 0), ("footer", 1)):
        places: dict[str, list[tuple[float, int, float]]] = defaultdict(list)
        for p, z in zip(pages, zones):
            seen: set[str] = set()
            for rank, ln in enumerate(z[idx] if idx == 0 else z[idx][::-1]):
                k = _key(ln)
                if k not in seen and any(ch.isalpha() for ch in k):
                    seen.add(k)
                    places[k].append((_edge_distance(p, ln, idx == 0), rank, ln.size))
        candidates = {k: v for k, v in places.items() if len(v) >= need and _same_place(v, need)}
        if not candidates:
            continue
        body = _body_sizes(pages, zones, set(candidates))
        out |= {(region, k) for k, v in candidates.items()
                if not any(abs(s - size) <= _SIZE_TOL for s in body.get(k, ()) for *_, size in v)}
    return out


def _edge_distance(p: Page, ln: Line, top: bool) -> float:
    return ln.top if top else p.height - ln.bottom


def _same_place(places: list[tuple[float, int, float]], need: int) -> bool:
    """At least `need` of the pages have the line at one distance from the edge, or as
    the same line counted from the edge (pages whose content is shifted as a whole)."""
    distances = [d for d, _, _ in places]
    if any(sum(1 for e in distances if abs(e - d) <= _PLACE_TOL) >= need for d in distances):
        return True
    return max(Counter(rank for _, rank, _ in places).values()) >= need


def _body_sizes(pages: list[Page], zones: list[tuple[list[Line], list[Line]]],
                keys: set[str]) -> dict[str, list[float]]:
    """Type sizes of the body lines (outside every page's zones) whose key is in `keys`."""
    out: dict[str, list[float]] = defaultdict(list)
    for p, (top, bottom) in zip(pages, zones):
        edge = {id(ln) for ln in top} | {id(ln) for ln in bottom}
        for ln in p.lines:
            if id(ln) not in edge:
                k = _key(ln)
                if k in keys:
                    out[k].append(ln.size)
    return out


_YEAR_FLOOR = 1900  # a lone number from here on is a year, not the page of a shorter document


def _page_number_lines(pages: list[Page], zones: list[tuple[list[Line], list[Line]]],
                       page_number: re.Pattern[str]) -> set[int]:
    """Ids of the zone lines that are only a page number. A total ("3/7", "Strana 3 z 7")
    is no smaller than the page's number and is the page count or repeats on other
    pages: "1/2024" under a title is a document number, not page 1 of 2024."""
    found: list[tuple[Line, tuple[int, ...]]] = []
    for top, bottom in zones:
        for ln in top + bottom:
            if page_number.match(ln.text):
                found.append((ln, tuple(int(n) for n in re.findall(r"\d+", ln.text))))
    totals = Counter(nums[1] for _, nums in found if len(nums) == 2)
    out = set()
    for ln, nums in found:
        if len(nums) == 1 and nums[0] >= _YEAR_FLOOR > len(pages):
            continue  # "2017" under "… NA OBDOBÍ 2015-": a title's year wrapped onto its own line
        if len(nums) == 2:
            number, total = nums
            if number > total or (total != len(pages) and totals[total] < 2):
                continue
        out.add(id(ln))
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
