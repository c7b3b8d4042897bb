"""The PDF rules kept as data in `configs/ingest.toml`, loaded once per process."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.config import load


@lru_cache(maxsize=1)
def rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], float]:
    """Bullet glyphs, numbered-label and page-number patterns, running-line share."""
    cfg = load("ingest")
    bullets = frozenset(b for b in cfg["list_markers"]["bullets"] if b)
    numbered = re.compile(cfg["list_markers"]["numbered"])
    page_number = re.compile(cfg["pdf"]["page_number"], re.IGNORECASE)
    return bullets, numbered, page_number, float(cfg["pdf"]["running_share"])
