"""Span patterns as data: `[[patterns]]` entries of a config file, `{label, id, pattern}` as
spaCy's SpanRuler takes them, with word classes referred to by name instead of copied.

A reference is a string `"@file.section.key"` naming a list in `configs/file.toml`. It may
stand wherever a pattern takes a list of words (`{"LOWER": {"IN": "@people.titles_before"}}`,
or among the words of a list: `{"IN": ["@people.titles_before", "@people.titles_dotless"]}`)
or for a whole `IN` (`{"LOWER": "@people.titles_before"}`). Under `LOWER` the words are
lower-cased, under `{"_": {"fold": ...}}` folded (`text.fold`), elsewhere taken as written, so a
config keeps every word once, in its written form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from pipeline.config import load
from pipeline.extract.text import fold

_FORMS: dict[str, Callable[[str], str]] = {"LOWER": str.lower, "fold": fold}


class PatternError(ValueError):
    """A pattern entry of a config file is malformed or names a word class that does not exist."""


def word_class(reference: str) -> list[str]:
    """The words a reference names: "@people.titles_before" -> configs/people.toml [titles_before]."""
    if not reference.startswith("@"):
        raise PatternError(f"not a word-class reference: {reference!r}")
    file, *keys = reference[1:].split(".")
    value: Any = load(file)
    try:
        for key in keys:
            value = value[key]
    except (KeyError, TypeError):
        raise PatternError(f"configs/{file}.toml has no list {'.'.join(keys)!r} ({reference})") from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PatternError(f"{reference} is not a list of words")
    return value


def _words(spec: Any, form: Callable[[str], str]) -> Any:
    """A token attribute's value with references expanded and words put in the attribute's form."""
    if isinstance(spec, str) and spec.startswith("@"):
        return {"IN": sorted({form(w) for w in word_class(spec)})}
    if isinstance(spec, dict):
        out = {}
        for op, value in spec.items():
            if op in ("IN", "NOT_IN"):
                items = [value] if isinstance(value, str) else value
                words = [w for item in items for w in (word_class(item) if item.startswith("@") else [item])]
                out[op] = sorted({form(w) for w in words})
            else:
                out[op] = value
        return out
    return form(spec) if isinstance(spec, str) else spec


def expand_token(token: dict[str, Any]) -> dict[str, Any]:
    """One token pattern with its word-class references expanded."""
    out: dict[str, Any] = {}
    for attr, spec in token.items():
        if attr == "_":
            out["_"] = {ext: _words(value, _FORMS.get(ext, str)) for ext, value in spec.items()}
        else:
            out[attr] = _words(spec, _FORMS.get(attr, str))
    return out


@lru_cache(maxsize=None)
def _patterns(config: str) -> tuple[dict[str, Any], ...]:
    entries = load(config).get("patterns")
    if not isinstance(entries, list):
        raise PatternError(f"configs/{config}.toml has no [[patterns]] entries")
    out = []
    for number, entry in enumerate(entries, 1):
        if not {"label", "pattern"} <= set(entry):
            raise PatternError(f"configs/{config}.toml pattern {number} needs a label and a pattern: {entry}")
        pattern = entry["pattern"]
        expanded = pattern if isinstance(pattern, str) else [expand_token(t) for t in pattern]
        out.append({"label": entry["label"], "id": entry.get("id", ""), "pattern": expanded})
    return tuple(out)


def patterns(config: str) -> list[dict[str, Any]]:
    """The `[[patterns]]` of configs/<config>.toml, ready for a SpanRuler or Matcher."""
    return [dict(p) for p in _patterns(config)]
