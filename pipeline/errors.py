"""The errors that stop a run as a whole (never one file's problem): a place the run
writes to — the cache folder, the output folder — is full or not writable.

The message names the place, says what is wrong and what to do; the CLI shows
it as it is and exits 1.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class PlaceError(Exception):
    """A place the run writes to cannot take what the run writes there."""


def place_error(place: str, path: Path, exc: OSError, advice: str) -> PlaceError:
    """`place` ("the cache folder") at `path` could not be written (`exc`): what the user reads."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)  # pyarrow's own text is long
    if exc.errno in _FULL:
        what = f"{place} {path} is full ({reason})"
    else:
        what = f"cannot write to {place} {path} ({reason})"
    return PlaceError(f"{what}; {advice}")
