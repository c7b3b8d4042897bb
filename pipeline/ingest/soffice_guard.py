"""LibreOffice dies with the worker that started it, and leaves no profile behind.

LibreOffice runs in its own session (so that a time limit can kill its whole
process group), which also means it outlives a worker that is killed (the
run's time limit, SIGKILL, the OOM killer): it would go on running, and its
profile folder would stay in the temporary folder. Two defences:

- `Guard`: a tiny watcher process per conversion holds the read end of a pipe
  whose write end only the worker has. The worker tells it LibreOffice's
  process group, and "done" when the conversion is over; if the pipe closes
  without "done" (the worker died), the watcher kills the group and removes the
  conversion's folder.
- `remove_stale_profiles`: conversion folders are named after their owner's
  process id; the first conversion in each process removes the folders of dead
  owners (killing what still runs from them), for the case where the watcher
  was killed too.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType

PROFILE_PREFIX = "kpss-soffice-"  # then "<owner pid>-<random>"

# Run by the watcher (`python -c`): standard library only, no site, no pipeline import.
_WATCHER = """
import os, shutil, signal, sys, time
folder = sys.argv[1]
line = sys.stdin.readline()
group = int(line) if line.strip().isdigit() else None
if sys.stdin.readline().strip() != "done":
    if group:
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except OSError:
                break
            time.sleep(0.05)
    shutil.rmtree(folder, ignore_errors=True)
"""

_cleaned = False  # stale folders are looked for once per process


class Guard:
    """Kills LibreOffice's process group and removes `folder` if this process dies first."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pipe: int | None = None
        self._watcher: subprocess.Popen | None = None

    def __enter__(self) -> Guard:
        if not hasattr(os, "killpg"):  # no process groups (Windows): nothing to guard
            return self
        read_end, self._pipe = os.pipe()  # not inherited by LibreOffice (PEP 446)
        try:
            self._watcher = subprocess.Popen([sys.executable, "-S", "-E", "-c", _WATCHER, str(self.folder)],
                                             stdin=read_end, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             start_new_session=True)  # a Ctrl-C to the run does not stop it
        except OSError:
            os.close(self._pipe)
            self._pipe = None
        finally:
            os.close(read_end)
        return self

    def watch(self, group: int) -> None:
        """LibreOffice's process group (its pid: it leads a new session)."""
        self._send(f"{group}\n")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._send("done\n")
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._watcher is not None:
            self._watcher.wait()

    def _send(self, text: str) -> None:
        if self._pipe is not None:
            try:
                os.write(self._pipe, text.encode())
            except OSError:  # the watcher is gone: conversion goes on unguarded
                pass


def remove_stale_profiles(tmp: Path | None = None) -> list[Path]:
    """Remove the conversion folders whose owner process is dead (once per process), killing
    what still runs from them; the folders removed."""
    global _cleaned
    if _cleaned and tmp is None:
        return []
    _cleaned = True
    removed = []
    for folder in Path(tmp or tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}*"):
        owner = folder.name[len(PROFILE_PREFIX):].split("-", 1)[0]
        if not owner.isdigit() or _alive(int(owner)) or not folder.is_dir():
            continue
        _kill_users(folder)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _kill_users(folder: Path) -> None:
    """Kill the processes whose command line names `folder` (LibreOffice names its profile
    there). Linux only (/proc); elsewhere the folder is just removed."""
    needle = os.fsencode(str(folder))
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (proc / "cmdline").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue
