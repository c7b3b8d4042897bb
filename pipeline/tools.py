"""External programs a file's result depends on (LibreOffice, Tesseract), for the cache.

A .doc read through LibreOffice, or a scan read by OCR, gives another result
once the program is installed, upgraded or removed; a cached result must not
outlive that. So a reader notes each program it used or needed (`note`), the
per-file pipeline collects the notes (`start`, `finish`), and the cache keys such a
result by the program's presence and version (`version`, asked once per run
and only when some file needs it: `pipeline.ingest.programs`). A program that ran out of time gives a
result that is never reused: the next run tries again.
"""

from __future__ import annotations

import contextvars

USED, MISSING, TIMEOUT = "used", "missing", "timeout"
NOT_INSTALLED = "none"  # the version of a program that is not there
NEVER = "timeout"  # stored instead of a version: matches no version, so the result is read again

_NOTES: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("kpss_tools", default=None)


def note(tool: str, outcome: str) -> None:
    """A reader used (or needed but missed, or timed out on) an external program."""
    notes = _NOTES.get()
    if notes is not None and notes.get(tool) != TIMEOUT:  # a timeout anywhere in the file wins
        notes[tool] = outcome


def start() -> contextvars.Token:
    """Begin noting for one file (per thread: a Dask worker may run several files at once)."""
    return _NOTES.set({})


def finish(token: contextvars.Token) -> dict[str, str]:
    """The notes made since `start`: program -> USED, MISSING or TIMEOUT."""
    notes = _NOTES.get() or {}
    _NOTES.reset(token)
    return dict(notes)


def key(notes: dict[str, str], versions: dict[str, str]) -> dict[str, str]:
    """What a result's cache entry keeps per program: the version it was made with, or
    NEVER when the program timed out (so the entry never matches)."""
    return {tool: NEVER if outcome == TIMEOUT else versions[tool] for tool, outcome in sorted(notes.items())}
