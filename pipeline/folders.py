"""Where OUT and the cache may be, checked before any file is read.

An OUT inside RAW would make the next run read its own tables, CSV files and
report as minutes; an OUT that cannot be written would be found only after
hours of reading. Both are refused at the start. The cache's default is the
user's cache folder, not a folder relative to wherever the command runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pipeline.writer import STATE_DIR


class FolderError(ValueError):
    """RAW, OUT and the cache folder do not fit together (a usage error)."""


def default_cache_dir() -> Path:
    """The user's cache folder for kpss: $XDG_CACHE_HOME/kpss or ~/.cache/kpss on Linux,
    ~/Library/Caches/kpss on macOS, %LOCALAPPDATA%\\kpss on Windows."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "kpss"


def check_places(raw: Path, out: Path, cache_dir: Path | None) -> None:
    """Refuse an OUT (or cache folder) that is RAW or inside it, and a RAW that is an
    earlier OUT: a run would read the pipeline's own files as minutes."""
    source = raw.resolve()
    for name, folder in (("output folder", out), ("cache folder", cache_dir)):
        if folder is None or not folder.resolve().is_relative_to(source):
            continue
        hidden = any(part.startswith(".") for part in folder.resolve().relative_to(source).parts)
        if name == "output folder" or not hidden:  # a hidden cache (RAW=~, ~/.cache/kpss) is never read
            raise FolderError(f"the {name} {folder} is the input folder {raw} or inside it, so the next run "
                              "would read the pipeline's own files as minutes; choose a folder outside it")
    if (source / STATE_DIR).is_dir():
        raise FolderError(f"the input folder {raw} is an output folder of the pipeline (it holds {STATE_DIR}/); "
                          "give the folder of the minutes as the input")


def check_writable(out: Path) -> None:
    """Create OUT and write a probe file into it (and into OUT/.kpss when it exists);
    raises OSError when it cannot be written, before any file is read."""
    out.mkdir(parents=True, exist_ok=True)
    for folder in (out, out / STATE_DIR):
        if folder == out or folder.is_dir():
            fd, probe = tempfile.mkstemp(prefix=".kpss-probe-", dir=folder)
            os.close(fd)
            os.unlink(probe)
