"""Per-file results in the cache folder (default: the user's), so re-runs read only what changed.

A file's result (document row, blocks, extracted rows) is stored once per
content hash under a key that also covers the pipeline's code and configs:
edit a lexicon or a module and every file is read again. A small index maps
each path to its size, modification time and content hash, so an unchanged
file is not even read to be hashed; a file whose size or time changed is
hashed, and its result reused when that content is cached (a touched, copied
or moved file is not read again).

An entry is a miss, never an error, when it is damaged (a fragment cut short
by a full disk or a crash: logged once, the file is read again), and when the
result used or needed an external program (LibreOffice, Tesseract) whose
presence or version has changed since (`pipeline.tools`).

The cache also serves the writer: the final tables are streamed from these
fragments in `doc_id` order, so memory does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import stat as stat_mode
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import __version__, tools
from pipeline.document_rows import pack, unpack
from pipeline.errors import place_error
from pipeline.ingest import programs

PACKAGE_DIR = Path(__file__).resolve().parent
CONFIG_DIR = PACKAGE_DIR.parent / "configs"

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def code_key() -> str:
    """Digest of the pipeline's version, source and configs: results depend on all three."""
    digest = hashlib.sha256(__version__.encode())
    for folder, pattern in ((PACKAGE_DIR, "*.py"), (CONFIG_DIR, "*.toml")):
        for path in sorted(folder.rglob(pattern)):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def encode(result: Any) -> bytes:
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 3)


def decode(payload: bytes) -> Any:
    return pickle.loads(zlib.decompress(payload))


def content_id(path: Path) -> str:
    """The doc_id of a file's bytes (first 16 hex digits of its sha256, as `runner.doc_id_of`)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]


class ResultCache:
    """Fragments under `root/<code key>/<doc_id[:2]>/<doc_id>.pkl.z` plus a path index.

    Only this process writes here; fragments are written to a temporary name
    and renamed, so a killed run never leaves a half fragment (and a write that
    fails, e.g. on a full disk, removes its temporary file and says which folder
    is full). `temporary`: a throw-away cache in the system's temporary folder.
    """

    def __init__(self, root: Path, input_root: Path, temporary: bool = False) -> None:
        self.root, self.temporary = root, temporary
        self.dir = root / code_key()
        with self._writing():
            self.dir.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(str(input_root.resolve()).encode()).hexdigest()[:12]
        self.index_path = root / f"index-{name}.json"
        self.rows_path = root / f"documents-{name}.pkl.z"
        self._index: dict[str, list[Any]] = self._load_index()
        self._seen: dict[str, list[Any]] = {}
        # documents rows by doc_id, packed (see document_rows): tens of thousands stay small;
        # and per doc_id its fragment's size and the external programs' versions it was made with
        self._rows, self._meta = self._load_rows() if self._index else ({}, {})
        self._rows_seen: dict[str, bytes] = {}
        self._meta_seen: dict[str, dict[str, Any]] = {}
        self._versions: dict[str, str] = {}  # asked once per run, only for programs some file needs
        self._damaged: set[str] = set()
        self._empty = not self._index and next(self.dir.iterdir(), None) is None

    def _load_index(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        paths = data.get("paths", {}) if isinstance(data, dict) and data.get("code_key") == code_key() else {}
        return paths if isinstance(paths, dict) else {}

    def _load_rows(self) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
        """The documents rows of the last run's files (packed), so an unchanged file's row is
        not unpacked from its whole fragment, and what each fragment was made with."""
        try:
            data = decode(self.rows_path.read_bytes())
        except Exception:  # noqa: BLE001 - missing or damaged: the fragments have the rows too
            return {}, {}
        if not isinstance(data, dict) or data.get("code_key") != code_key():
            return {}, {}
        return data.get("rows", {}), data.get("meta", {})

    def _fragment(self, doc_id: str) -> Path:
        return self.dir / doc_id[:2] / f"{doc_id}.pkl.z"

    def known(self, rel_path: str, stat: os.stat_result) -> str | None:
        """The doc_id of a file with the size and time it had when it was processed, or None."""
        entry = self._index.get(rel_path)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        return None

    def known_content(self, path: Path, stat: os.stat_result, max_bytes: float) -> str | None:
        """The doc_id of a file whose size or time changed (or that is new here) when its
        content is cached: touched, copied and moved files are not read again. Only plain
        files within the size limit are hashed (a link or a refused file goes to the reader)."""
        if self._empty or not stat_mode.S_ISREG(stat.st_mode) or stat.st_size > max_bytes or path.is_symlink():
            return None
        try:
            doc_id = content_id(path)
        except OSError:  # unreadable: the reader says why
            return None
        return doc_id if self.has(doc_id) else None

    def remember(self, rel_path: str, stat: os.stat_result, doc_id: str) -> None:
        self._seen[rel_path] = [stat.st_size, stat.st_mtime_ns, doc_id]

    def document(self, doc_id: str, rel_path: str) -> dict[str, Any] | None:
        """The documents row of a cached result that can be reused, or None (a miss: the
        entry is gone or damaged, or an external program it used changed)."""
        packed, meta = self._rows.get(doc_id), self._meta.get(doc_id)
        if packed is not None and meta is not None and self._size(doc_id) == meta["size"]:
            if not self._current(meta["tools"]):
                return None
        else:  # not in the last run's rows (another input folder, or the rows file was lost), or its
            # fragment was written again since (a --full run killed before it saved the rows: the
            # timings inside change its size): the fragment says; a cut or damaged one is logged
            result = self.load(doc_id, rel_path)
            if result is None or getattr(result, "tools", None):  # the programs' versions are unknown
                return None
            meta = {"size": self._size(doc_id), "tools": {}}
            if meta["size"] is None:
                return None
            packed = pack(result.document)
        self._rows_seen[doc_id], self._meta_seen[doc_id] = packed, meta
        return unpack(packed)

    def _size(self, doc_id: str) -> int | None:
        try:
            return self._fragment(doc_id).stat().st_size
        except OSError:
            return None

    def _current(self, made_with: dict[str, str]) -> bool:
        """The external programs a result was made with are still there, in the same version."""
        return all(self.version(tool) == version for tool, version in made_with.items())

    def version(self, tool: str) -> str:
        if tool not in self._versions:
            self._versions[tool] = programs.version(tool)
        return self._versions[tool]

    def put_document(self, doc_id: str, packed: bytes) -> None:
        """The documents row of a new result, packed (`document_rows.pack`)."""
        self._rows_seen[doc_id] = packed

    def has(self, doc_id: str) -> bool:
        return self._fragment(doc_id).exists()

    def put(self, doc_id: str, payload: bytes, notes: dict[str, str] | None = None) -> None:
        """Keep a result; `notes`: the external programs it used or needed (`pipeline.tools`)."""
        path = self._fragment(doc_id)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with self._writing(tmp):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(payload)
            os.replace(tmp, path)
        notes = notes or {}
        self._meta_seen[doc_id] = {"size": len(payload),
                                   "tools": tools.key(notes, {tool: self.version(tool) for tool in notes})}
        self._damaged.discard(doc_id)

    def get(self, doc_id: str) -> Any:
        return decode(self._fragment(doc_id).read_bytes())

    def load(self, doc_id: str, rel_path: str | None = None) -> Any | None:
        """A cached result, or None when its fragment is missing or damaged (logged once
        when `rel_path` says which file it is)."""
        try:
            return self.get(doc_id)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - zlib, pickle or the disk: any of them is a miss
            if rel_path is not None:
                self.report_damage(doc_id, rel_path, type(exc).__name__)
            return None

    def report_damage(self, doc_id: str, rel_path: str, why: str) -> None:
        if doc_id not in self._damaged:
            self._damaged.add(doc_id)
            log.warning("damaged cache entry for %s (%s): the file is read again", rel_path, why)

    def save_index(self) -> None:
        """Keep only the paths seen in this run: a deleted file drops out of the index."""
        tmp = self.rows_path.with_name(self.rows_path.name + ".tmp")
        with self._writing(tmp):
            tmp.write_bytes(encode({"code_key": code_key(), "rows": self._rows_seen, "meta": self._meta_seen}))
            os.replace(tmp, self.rows_path)
        tmp = self.index_path.with_name(self.index_path.name + ".tmp")
        with self._writing(tmp):
            tmp.write_text(json.dumps({"code_key": code_key(), "paths": self._seen}), encoding="utf-8")
            os.replace(tmp, self.index_path)

    @contextmanager
    def _writing(self, tmp: Path | None = None) -> Iterator[None]:
        """A write into the cache: on failure its temporary file goes, and the error names the
        cache folder (not OUT, which may have room) and what to do."""
        try:
            yield
        except OSError as exc:
            if tmp is not None:
                try:
                    tmp.unlink(missing_ok=True)
                except OSError:
                    pass
            if self.temporary:
                raise place_error("the temporary folder", self.root.parent, exc,
                                  "free space there, or set TMPDIR to a folder with room, or keep a cache "
                                  "elsewhere with --cache-dir") from None
            raise place_error("the cache folder", self.root, exc,
                              "free space there, or give the cache another place with --cache-dir "
                              "(or run with --no-cache)") from None
