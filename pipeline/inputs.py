"""What is found below RAW: which entries are read, which get a row saying why
they cannot be, and which are skipped (counted in the run's summary).

Every entry below RAW ends in one of two places: a file of an included
format (or a link to a folder) becomes a `documents` row (read, or failed with
a specific reason: broken link, link loop, permission denied, not a regular
file); a folder that cannot be listed, the pipeline's own output folder, a hidden
entry and a file of another format are counted in `Skips`, which the summary
and run.json report. A special file (FIFO, socket, device) is never opened:
reading a FIFO blocks forever, and neither a worker's time limit nor the
process that collects the results may be caught by it.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pipeline.writer import STATE_DIR

# The formats the pipeline reads, and those it reports on usefully (a failed row
# naming how to convert them: presentations, spreadsheets, images, ZIP archives).
DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.docx", "*.docm", "*.doc", "*.odt", "*.rtf", "*.pdf", "*.html", "*.htm", "*.xhtml", "*.txt",
    "*.pptx", "*.ppt", "*.odp", "*.xlsx", "*.xls", "*.ods", "*.zip",
    "*.jpg", "*.jpeg", "*.png", "*.tif", "*.tiff", "*.gif", "*.bmp",
)
FOLDERS_LISTED = 20  # skipped folders named one by one in the summary; the rest are counted


@dataclass(frozen=True)
class Selection:
    """Which files are read: a name (or a path relative to RAW, for a pattern with '/')
    matching an include glob and no exclude glob; case does not matter (`*.PDF`)."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()

    def included(self, rel: str) -> bool:
        return _matches(rel, self.include)

    def excluded(self, rel: str) -> bool:
        return _matches(rel, self.exclude)


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    name, rel = rel.rsplit("/", 1)[-1].lower(), rel.lower()
    return any(fnmatch.fnmatchcase(rel if "/" in p else name, p.lower()) for p in patterns)


@dataclass
class Skips:
    """Entries below RAW that get no documents row, and why (for the summary and run.json)."""

    counts: Counter = field(default_factory=Counter)  # reason -> entries
    extensions: Counter = field(default_factory=Counter)  # extension -> files not included
    folders: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of folders not entered
    custom_include: bool = False

    def add(self, reason: str, rel: str, why: str = "") -> None:
        self.counts[reason] += 1
        if reason == "not included":
            self.extensions[_extension(rel) or "(none)"] += 1
        if why:
            self.folders.append((rel, why))

    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))

    def lines(self) -> list[str]:
        """What the summary prints: counts by reason, the folders by name."""
        texts = {
            "not included": ("not matching --include" if self.custom_include else
                             "not of a format the pipeline reads (--include to read them)"),
            "excluded": "matching --exclude",
            "hidden": "hidden (name starting with '.')",
            "named alike": ("named like another file once bytes that are not UTF-8 are shown as \\x escapes "
                            "(only the first was read; rename one of them)"),
        }
        lines = []
        for reason, text in texts.items():
            if self.counts.get(reason):
                extra = ""
                if reason == "not included":
                    extra = " [" + ", ".join(f"{ext} {n}" for ext, n in sorted(self.extensions.items())) + "]"
                lines.append(f"{self.counts[reason]} {text}{extra}")
        lines += [f"{path}/: {why}" for path, why in self.folders[:FOLDERS_LISTED]]
        if len(self.folders) > FOLDERS_LISTED:
            lines.append(f"... and {len(self.folders) - FOLDERS_LISTED} more folders")
        return lines


def source_path(path: Path, root: Path) -> str:
    """The path relative to RAW as text for the tables: bytes that are not UTF-8 in a file
    name are written as `\\xff` escapes (Parquet and JSON hold only valid text)."""
    return escape(path.relative_to(root).as_posix())


def escape(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _extension(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""


def discover(root: Path, selection: Selection | None = None, skips: Skips | None = None) -> Iterator[Path]:
    """Every entry below root that gets a documents row, in a stable order (depth first,
    names sorted); what is left out is counted in `skips`. Links to folders are not
    followed (each gets a row saying so); no file is opened here."""
    selection = selection or Selection()
    skips = skips if skips is not None else Skips()
    skips.custom_include = selection.include != DEFAULT_INCLUDE
    stack: list[tuple[str, Iterator[os.DirEntry]]] = [("", iter(_listing(root)))]
    escaped: set[str] = set()  # source paths with a backslash: only these can be shown alike
    while stack:
        prefix, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        rel = prefix + entry.name
        if entry.name.startswith("."):
            skips.add("hidden", escape(rel))
        elif _is_folder(entry):
            if selection.excluded(rel):
                skips.add("excluded", escape(rel))
            elif os.path.lexists(os.path.join(entry.path, STATE_DIR)):
                skips.add("output folder", escape(rel), "the pipeline's own output folder (tables, CSV, report), "
                          "never read as minutes")
            else:
                try:
                    stack.append((rel + "/", iter(_listing(Path(entry.path)))))
                except OSError as exc:
                    skips.add("unreadable folder", escape(rel), f"cannot read the folder: {describe(exc)}; its "
                              "files were not read (give the user who runs the pipeline read access)")
        elif _is_link_to_folder(entry) or (selection.included(rel) and not selection.excluded(rel)):
            shown = escape(rel)
            if "\\" in shown:  # `a<0xff>` and a file named `a\\xff` would share one source path (one row)
                if shown in escaped:
                    skips.add("named alike", shown)
                    continue
                escaped.add(shown)
            yield Path(entry.path)
        else:
            skips.add("excluded" if selection.included(rel) else "not included", escape(rel))


def _listing(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: e.name)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_link_to_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
_ADVICE = {errno.EACCES: " (give the user who runs the pipeline read access)",
           errno.EPERM: " (give the user who runs the pipeline read access)",
           errno.ENOENT: " (it was deleted or moved during the run)"}


class Unreadable(Exception):
    """A file below RAW that is not read; `str()` is its documents row's error."""

    def __init__(self, message: str, source_format: str = "unknown") -> None:
        super().__init__(message)
        self.source_format = source_format


def describe(exc: OSError) -> str:
    """An OS error in words, without the absolute path it carries."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "it does not exist"
    return (exc.strerror or type(exc).__name__).lower()


def _cannot_read(rel: str, exc: OSError) -> Unreadable:
    return Unreadable(f"skipped: cannot read {rel}: {describe(exc)}{_ADVICE.get(exc.errno or 0, '')}")


def check(path: Path, root: Path, rel: str) -> int:
    """The size of the regular file at `path` (links followed, inside root). Anything
    else raises Unreadable with a specific error: a broken link, a link loop, a link
    outside RAW or to a folder, a special file, a permission error."""
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable(f"skipped: {rel} is a link loop (it leads back to itself); fix or delete the link",
                             "link") from None
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise Unreadable(f"skipped: {rel} is a broken link (what it points to does not exist); fix or "
                             "delete the link", "link") from None
        raise _cannot_read(rel, exc) from None
    if is_link and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        raise Unreadable(f"skipped: {rel} is a link to a place outside the input folder", "link")
    if is_link and stat.S_ISDIR(info.st_mode):
        raise Unreadable(f"skipped: {rel} is a link to a folder; links to folders are not followed (copy or "
                         "move the files into the input folder to have them read)", "link")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _SPECIAL if test(info.st_mode)), "a special file")
        raise Unreadable(f"skipped: {rel} is {'a link to ' if is_link else ''}{kind}, not a regular file; such "
                         "files are never opened (reading one can wait forever)", "special")
    return info.st_size


def read_regular(path: Path, rel: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file. Opened without blocking and checked
    after opening, so a file swapped for a FIFO after `check` is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _cannot_read(rel, exc) from None
    with open(fd, "rb", closefd=True) as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(f"skipped: {rel} is not a regular file; such files are never opened", "special")
        try:
            return fh.read(limit + 1)
        except OSError as exc:
            raise _cannot_read(rel, exc) from None


def read_head(path: Path, size: int = 4096) -> bytes | None:
    """The first bytes of a regular file, or None (never blocks on a special file)."""
    try:
        return read_regular(path, "", size - 1)
    except Unreadable:
        return None
