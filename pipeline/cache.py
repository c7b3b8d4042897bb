"""Per-file results cached in data/interim, so re-runs only read what changed.

A file's result (document row, blocks, extracted rows) is stored once per
content hash under a key that also covers the pipeline's code and configs:
edit a lexicon or a module and every file is read again. A small index maps
each path to its size, modification time and content hash, so an unchanged
file is not even read to be hashed.

The cache also serves the writer: the final tables are streamed from these
fragments in `doc_id` order, so memory does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.document_rows import pack, unpack

PACKAGE_DIR = Path(__file__).resolve().parent
CONFIG_DIR = PACKAGE_DIR.parent / "configs"


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


class ResultCache:
    """Fragments under `root/<code key>/<doc_id[:2]>/<doc_id>.pkl.z` plus a path index.

    Only this process writes here; fragments are written to a temporary name
    and renamed, so a killed run never leaves a half fragment.
    """

    def __init__(self, root: Path, input_root: Path) -> None:
        self.dir = root / code_key()
        self.dir.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(str(input_root.resolve()).encode()).hexdigest()[:12]
        self.index_path = root / f"index-{name}.json"
        self.rows_path = root / f"documents-{name}.pkl.z"
        self._index: dict[str, list[Any]] = self._load_index()
        self._seen: dict[str, list[Any]] = {}
        # documents rows by doc_id, packed (see document_rows): tens of thousands stay small
        self._rows: dict[str, bytes] = self._load_rows() if self._index else {}
        self._rows_seen: dict[str, bytes] = {}

    def _load_index(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data.get("paths", {}) if data.get("code_key") == code_key() else {}

    def _load_rows(self) -> dict[str, bytes]:
        """The documents rows of the last run's files (packed), so an unchanged file's row is
        not unpacked from its whole fragment."""
        try:
            data = decode(self.rows_path.read_bytes())
        except Exception:  # noqa: BLE001 - missing or damaged: the fragments have the rows too
            return {}
        return data.get("rows", {}) if isinstance(data, dict) and data.get("code_key") == code_key() else {}

    def _fragment(self, doc_id: str) -> Path:
        return self.dir / doc_id[:2] / f"{doc_id}.pkl.z"

    def known(self, rel_path: str, stat: os.stat_result) -> str | None:
        """The doc_id of an unchanged, already processed file, or None."""
        entry = self._index.get(rel_path)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns and self._fragment(entry[2]).exists():
            return entry[2]
        return None

    def remember(self, rel_path: str, stat: os.stat_result, doc_id: str) -> None:
        self._seen[rel_path] = [stat.st_size, stat.st_mtime_ns, doc_id]

    def document(self, doc_id: str) -> dict[str, Any]:
        """The documents row of a cached result (from the small rows file when it has it)."""
        packed = self._rows.get(doc_id)
        if packed is None:
            packed = pack(self.get(doc_id).document)
        self._rows_seen[doc_id] = packed
        return unpack(packed)

    def put_document(self, doc_id: str, packed: bytes) -> None:
        """The documents row of a new result, packed (`document_rows.pack`)."""
        self._rows_seen[doc_id] = packed

    def has(self, doc_id: str) -> bool:
        return self._fragment(doc_id).exists()

    def put(self, doc_id: str, payload: bytes) -> None:
        path = self._fragment(doc_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)

    def get(self, doc_id: str) -> Any:
        return decode(self._fragment(doc_id).read_bytes())

    def save_index(self) -> None:
        """Keep only the paths seen in this run: a deleted file drops out of the index."""
        tmp = self.rows_path.with_name(self.rows_path.name + ".tmp")
        tmp.write_bytes(encode({"code_key": code_key(), "rows": self._rows_seen}))
        os.replace(tmp, self.rows_path)
        tmp = self.index_path.with_name(self.index_path.name + ".tmp")
        tmp.write_text(json.dumps({"code_key": code_key(), "paths": self._seen}), encoding="utf-8")
        os.replace(tmp, self.index_path)
