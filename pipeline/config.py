"""Loads the lexicons and rules kept as data in `configs/` (once per process)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Return `configs/<name>.toml` as a dict; cached so workers parse it once."""
    with open(CONFIG_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)
