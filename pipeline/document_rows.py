"""The run's documents rows, held packed so memory per file stays small.

A run keeps one documents row per input file until the tables are written
(the fingerprint, the duplicates and the documents table need them all). As
Python dicts they cost ~3.4 kB each, which for a region's tens of thousands of
files is hundreds of MB in the process that collects the results; packed
(pickled and compressed) a row takes a few hundred bytes and is unpacked only
while it is used, one at a time.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Any, Iterator

from pipeline import meetings

Row = dict[str, Any]


def pack(row: Row) -> bytes:
    return zlib.compress(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Row:
    return pickle.loads(zlib.decompress(packed))


class DocumentRows:
    """Documents rows by source path: packed rows plus the few fields every pass needs."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}
        self._doc_id: dict[str, str] = {}
        self._duplicate_of: dict[str, str | None] = {}
        self._candidates: dict[str, meetings.Candidate] = {}  # until the meetings are marked
        self._used_copy: dict[str, str] = {}  # path -> path of the copy its meeting is counted by
        self._files: dict[str, str] = {}  # source path -> file, only where the source path escapes bytes

    def add(self, row: Row) -> bytes:
        """Keep `row` (packed); the packed bytes are returned for others to share."""
        path = row["source_path"]
        packed = self._packed[path] = pack(row)
        self._doc_id[path] = row["doc_id"]
        self._candidates[path] = meetings.Candidate.of(row)
        return packed

    def note_file(self, path: str, file: Path) -> None:
        """The file behind a source path that shows bytes of its name as escapes (`\\xff`):
        that text names no file, so it is kept for the rare re-read (few names need it)."""
        self._files[path] = os.fspath(file)

    def file_of(self, path: str, root: Path) -> Path:
        """The file a source path was read from."""
        return Path(self._files[path]) if path in self._files else root / path

    def __len__(self) -> int:
        return len(self._packed)

    def mark_duplicates(self, paths_in_order: list[str]) -> None:
        """Same bytes at two paths: each keeps its row; the later ones point to the first
        (in the order the files were found), and the content's rows are written once."""
        first: dict[str, str] = {}
        for path in paths_in_order:
            owner = first.setdefault(self._doc_id[path], path)
            self._duplicate_of[path] = owner if owner != path else None

    def mark_meetings(self) -> None:
        """Copies of one meeting (pipeline/meetings.py) share the meeting_id of the copy used
        for it; a file with the same bytes as an earlier one follows that file. Call after
        `mark_duplicates`."""
        firsts = (c for p, c in self._candidates.items() if self._duplicate_of.get(p) is None)
        self._used_copy = meetings.group(firsts)
        for path, owner in self._duplicate_of.items():
            if owner is not None:
                self._used_copy[path] = self._used_copy[owner]
        self._candidates = {}

    def row(self, path: str) -> Row:
        row = unpack(self._packed[path])
        row.pop(meetings.SIGNATURE_KEY, None)
        row["duplicate_of"] = self._duplicate_of.get(path)
        used = self._used_copy.get(path, path)
        row["meeting_id"] = self._doc_id[used]
        row["meeting_copy_used"] = used == path
        return row

    def by_path(self) -> Iterator[Row]:
        """Rows in the order of their source paths (as text)."""
        for path in sorted(self._packed):
            yield self.row(path)

    def in_table_order(self) -> Iterator[Row]:
        """Rows in the documents table's order: doc_id, then source path."""
        for path in sorted(self._packed, key=lambda p: (self._doc_id[p], p)):
            yield self.row(path)

    def distinct_doc_ids(self) -> list[str]:
        """The doc_ids whose content is written (not duplicates), sorted."""
        return sorted({d for p, d in self._doc_id.items() if self._duplicate_of.get(p) is None})

    def path_of(self, doc_id: str) -> str | None:
        """The first path (in path order) whose content is `doc_id` (a scan: for the rare repair)."""
        return min((p for p, d in self._doc_id.items() if d == doc_id), default=None)
