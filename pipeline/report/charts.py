"""Charts an analyst would otherwise draw by hand, as inline SVG: no library, no CDN,
readable offline and in print. Every chart also carries its numbers as text."""

from __future__ import annotations

from html import escape
from typing import Sequence

BAR_COLOUR = "#2f6f9f"
ROW_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 360


def hbar(items: Sequence[tuple[str, float]], value_format: str = "{:g}", title: str = "") -> str:
    """Horizontal bars, one per (label, value), longest first as given."""
    if not items:
        return '<p class="empty">No data in this run.</p>'
    top = max(abs(v) for _, v in items) or 1.0
    height = ROW_HEIGHT * len(items) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 80
    rows = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * ROW_HEIGHT
        length = max(1.0, BAR_WIDTH * abs(value) / top)
        shown = _short(label, 38)
        rows.append(
            f'<g><title>{escape(label)}: {escape(value_format.format(value))}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}">{escape(value_format.format(value))}</text></g>')
    label = f' aria-label="{escape(title)}"' if title else ""
    return (f'<svg class="chart" role="img"{label} viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


def grid(rows: Sequence[str], cols: Sequence[str], values: dict[tuple[str, str], float], title: str = "") -> str:
    """A heat grid: rows × columns, each cell shaded by its value and showing it."""
    if not rows or not cols:
        return '<p class="empty">No data in this run.</p>'
    cell_w, cell_h, left, head = 44, 22, LABEL_WIDTH, 24
    top = max(values.values(), default=0) or 1.0
    width, height = left + cell_w * len(cols) + 8, head + cell_h * len(rows) + 8
    parts = [f'<text x="{left + cell_w * j + cell_w / 2}" y="16" text-anchor="middle">{escape(c)}</text>'
             for j, c in enumerate(cols)]
    for i, r in enumerate(rows):
        y = head + i * cell_h
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(_short(r, 36))}</text>')
        for j, c in enumerate(cols):
            v = values.get((r, c), 0)
            x = left + cell_w * j
            shade = 0.12 + 0.88 * v / top if v else 0.0
            parts.append(f'<g><title>{escape(r)}, {escape(c)}: {v:g}</title>'
                         f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                         f'fill="{BAR_COLOUR}" fill-opacity="{shade:.2f}" stroke="#ccc"/>'
                         + (f'<text x="{x + cell_w / 2}" y="{y + 15}" text-anchor="middle" '
                            f'class="{"on-dark" if shade > 0.55 else ""}">{v:g}</text>' if v else "") + "</g>")
    label = f' aria-label="{escape(title)}"' if title else ""
    return (f'<svg class="chart" role="img"{label} viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
