"""Build a document's blocks for extractor tests, from short hand-written lines.

`blocks("# Zápis z jednání", "Přítomni: Jana Nováková", "- bod", "1. Úvod", "| a | b |")`:
`#`/`##` make headings (level = count), `- `/`• ` bullets, `1. `/`a) ` numbered
list items (level from leading spaces: 2 per level), `| a | b |` a table row
(cells), anything else a paragraph.
"""

from __future__ import annotations

import re

from pipeline.extract.model import BlockView


def blocks(*lines: str) -> list[BlockView]:
    out: list[BlockView] = []
    table_id, row = -1, 0
    previous_table = False
    for line in lines:
        indent = (len(line) - len(line.lstrip(" "))) // 2
        text = line.strip()
        if text.startswith("|"):
            if not previous_table:
                table_id, row = table_id + 1, 0
            for col, cell in enumerate(c.strip() for c in text.strip("|").split("|")):
                out.append(BlockView(len(out), "table_cell", cell, table_id=table_id, row=row, col=col))
            row += 1
            previous_table = True
            continue
        previous_table = False
        heading = re.match(r"^(#+)\s+(.*)$", text)
        bullet = re.match(r"^([-•·✓–])\s+(.*)$", text)
        numbered = re.match(r"^(\d+(?:\.\d+)*\.?|[a-z]\))\s+(.*)$", text)
        if heading:
            out.append(BlockView(len(out), "heading", heading.group(2), level=len(heading.group(1))))
        elif bullet:
            out.append(BlockView(len(out), "list_item", f"• {bullet.group(2)}", level=indent + 1, label="•"))
        elif numbered and not re.match(r"^\d+\.\s*\d", text):
            out.append(BlockView(len(out), "list_item", text, level=indent + 1, label=numbered.group(1)))
        else:
            out.append(BlockView(len(out), "paragraph", text))
    return out
