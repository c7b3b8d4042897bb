"""Issue 14 (speed), the bench's honesty: `make bench` times the extraction of a file right after
the spaCy pass over the same blocks, so every memo keyed by text (a block's, a word's) must be
emptied between the two (`pipeline.extract.forget_texts`, called by `bench/child.py`), or the
extraction is timed warm. Checked on real files by what the memos hold, never by timing."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

import pipeline.extract as extract
from bench.child import _clear_text_caches
from pipeline.extract import extract_document
from pipeline.extract import nlp as nlp_module
from tests.extract.test_speed_paths import REAL, _views

FILES = sorted(p for p in REAL.iterdir() if p.suffix in (".docx", ".html", ".pdf"))
# a dict keyed by something bounded that is no text: one entry per character met (an alphabet)
NOT_TEXT = {"pipeline.extract.text._FOLD_TABLE"}


def _modules() -> list[ModuleType]:
    return [importlib.import_module(m.name) for m in pkgutil.walk_packages(extract.__path__, "pipeline.extract.")]


def _memos() -> tuple[dict[str, tuple[Any, int]], dict[str, int]]:
    """Every `lru_cache` of the extract modules (its maxsize, its size) and every module-level dict
    that is not a registered `text_memo` (its size), by qualified name."""
    caches, dicts = {}, {}
    registered = {id(memo) for memo in nlp_module._MEMOS}
    for module in _modules():
        for name, value in vars(module).items():
            key = f"{module.__name__}.{name}"
            if getattr(value, "__module__", None) == module.__name__ and hasattr(value, "cache_info"):
                caches[key] = (value.cache_parameters()["maxsize"], value.cache_info().currsize)
            elif isinstance(value, dict) and id(value) not in registered and key not in NOT_TEXT:
                dicts[key] = len(value)
    return caches, dicts


def test_the_bench_empties_every_memo_of_text_before_timing_the_extraction() -> None:
    for path in FILES[:2]:
        extract_document(_views(path))
    assert sum(size for _, size in _memos()[0].values()) and any(nlp_module._MEMOS)  # filled
    _clear_text_caches()
    caches, _ = _memos()
    warm = [name for name, (maxsize, size) in caches.items() if maxsize not in (1, None) and size]
    assert warm == []
    assert not any(nlp_module._MEMOS)


def test_no_memo_of_text_escapes_forget_texts() -> None:
    """What `forget_texts` leaves (builders: unbounded caches keyed by a config name or word list,
    plain dicts) must not grow with new text: after a few files it holds all it ever will, new
    files add nothing. (A `maxsize=1` cache holds one entry: it memoises no text.)"""
    for path in FILES[:4]:
        extract_document(_views(path))
    before = _memos()
    for path in FILES[4:]:
        extract_document(_views(path))
    after = _memos()
    grown = [name for name, (maxsize, size) in after[0].items() if maxsize is None and size > before[0][name][1]]
    grown += [name for name, size in after[1].items() if size > before[1].get(name, 0)]
    assert grown == []
