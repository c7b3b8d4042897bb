"""The installed version of each external program a reader uses, for the cache key (tools.py).

Apart from `pipeline.tools` because finding a program belongs to its reader, and the readers
note their use through `pipeline.tools`: one module asking both ways would be an import cycle.
"""

from __future__ import annotations

import subprocess

from pipeline.ingest.office import find_soffice
from pipeline.ingest.pdf import ocr
from pipeline.tools import NOT_INSTALLED


def version(tool: str) -> str:
    """What identifies the installed program (its --version line), or NOT_INSTALLED.
    Costs a process start (LibreOffice about half a second): callers ask once per run."""
    if tool == "soffice":
        binary = find_soffice()
    elif tool == "tesseract":
        binary = ocr.tesseract()  # None without the Czech data too
    else:
        raise ValueError(f"unknown external program {tool!r}")
    if binary is None:
        return NOT_INSTALLED
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return NOT_INSTALLED
    first = next((line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()), "")
    return f"{binary} {first}"
