"""Pseudonymised tables for publication: person names replaced by stable keyed hashes.

Minutes name private persons. With `kpss extract --pseudonymise` every person the
attendee extractor found is written as `Osoba-<10 hex digits>`, an HMAC-SHA256 of
the name under a secret key: the same person gets the same pseudonym in every
document and every run with that key, and nobody without the key can recompute
it from a list of names. Replaced are

- `attendees.name`, and `documents.recorded_by` name by name;
- the name as written in the block text (`blocks.text`) at each attendee's span,
  with every provenance span of that block moved accordingly, so spans still
  point at their values;
- the name as written inside `raw_text` columns that quote the block.

This is applied when the tables are written; the cache keeps the clear results,
so changing or dropping the key needs no re-reading. Academic titles stay: they
identify nobody by themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import replace
from typing import Any

PREFIX = "Osoba-"
RAW_TEXT_COLUMNS = ("raw_text",)


def pseudonym(name: str, key: bytes) -> str:
    """The pseudonym of a person's name: case, accents' encoding and spacing do not matter."""
    norm = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return PREFIX + hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()[:10]


def key_digest(key: bytes) -> str:
    """A one-way mark of the key for run fingerprints (the key itself is never written)."""
    return hmac.new(key, b"kpss-fingerprint", hashlib.sha256).hexdigest()[:16]


def document_row(row: dict[str, Any], key: bytes) -> dict[str, Any]:
    """A documents row with `recorded_by` pseudonymised name by name."""
    if not row.get("recorded_by"):
        return row
    names = [n.strip() for n in str(row["recorded_by"]).split(",") if n.strip()]
    return {**row, "recorded_by": ", ".join(pseudonym(n, key) for n in names)}


def file_result(result: Any, key: bytes) -> Any:
    """A runner FileResult with names replaced in its blocks and rows (a new object)."""
    rows = {table: [dict(r) for r in table_rows] for table, table_rows in result.rows.items()}
    blocks = [dict(b) for b in result.blocks]
    text_of = {b["block_id"]: b["text"] for b in blocks}
    by_block: dict[int, list[tuple[int, int, str, str]]] = {}
    for row in rows.get("attendees", []):
        text = text_of.get(row["block_id"])
        if text is None:
            continue
        start, end = row["char_start"], row["char_end"]
        by_block.setdefault(row["block_id"], []).append((start, end, pseudonym(row["name"], key), text[start:end]))
        row["name"] = pseudonym(row["name"], key)
    written: dict[str, str] = {}
    for block in blocks:
        edits = _disjoint(by_block.get(block["block_id"], []))
        if not edits:
            continue
        block["text"] = _apply(block["text"], edits)
        for table_rows in rows.values():
            for row in table_rows:
                if row.get("block_id") == block["block_id"] and row.get("char_start") is not None:
                    row["char_start"] = _moved(row["char_start"], edits, at_end=False)
                    row["char_end"] = _moved(row["char_end"], edits, at_end=True)
        written.update({old: new for _, _, new, old in edits if old.strip()})
    if written:
        pattern = re.compile("|".join(re.escape(w) for w in sorted(written, key=len, reverse=True)))
        for table_rows in rows.values():
            for row in table_rows:
                for column in RAW_TEXT_COLUMNS:
                    if isinstance(row.get(column), str):
                        row[column] = pattern.sub(lambda m: written[m.group(0)], row[column])
    return replace(result, document=document_row(result.document, key), blocks=blocks, rows=rows)


def _disjoint(edits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """One edit per stretch of text: the same span named twice (two roles) or overlapping
    spans keep the first, longest edit."""
    out: list[tuple[int, int, str, str]] = []
    for edit in sorted(set(edits), key=lambda e: (e[0], -e[1])):
        if out and edit[0] < out[-1][1]:
            continue
        out.append(edit)
    return out


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> str:
    for start, end, new, _ in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


def _moved(pos: int, edits: list[tuple[int, int, str, str]], at_end: bool) -> int:
    """Where a character offset lands after the edits: after an edit it moves by the
    change in length; inside one it goes to the edit's start (or its end, for an end offset)."""
    shift = 0
    for start, end, new, _ in edits:
        if pos >= end:
            shift += len(new) - (end - start)
        elif pos > start:
            return start + shift + (len(new) if at_end else 0)
        else:
            break
    return pos + shift
